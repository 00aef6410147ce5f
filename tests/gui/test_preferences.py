"""Settings, first start, preferences, About and the offline help window."""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QUrl, qVersion
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from kmdesk import __version__
from kmdesk.catalogue import Catalogue
from kmdesk.catalogue.profile import UserProfile, read_profile, save_profile
from kmdesk.gui import first_start, preferences
from kmdesk.gui import settings as settings_module
from kmdesk.gui.about import AboutDialog
from kmdesk.gui.first_start import FirstStartDialog, run_first_start
from kmdesk.gui.help import HelpWindow, help_page, help_root
from kmdesk.gui.preferences import PreferencesDialog
from kmdesk.gui.settings import Settings
from kmdesk.gui.translation import uninstall_language


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings in a fresh INI file: the real user's settings are never touched."""
    return Settings(tmp_path / "settings" / "kmdesk.ini")


@pytest.fixture(autouse=True)
def _english_afterwards(qapp) -> Iterator[None]:
    yield
    uninstall_language(qapp)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a socket fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a network connection was attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


# -- settings ----------------------------------------------------------------------------------


def test_settings_round_trip_through_their_ini_file(tmp_path: Path) -> None:
    path = tmp_path / "kmdesk.ini"
    written = Settings(path)
    assert written.language() == "" and written.colour_scheme() == "system"
    assert written.last_catalogue() is None and not written.window_geometry()
    written.set_language("fr")
    written.set_colour_scheme("dark")
    written.set_last_catalogue(tmp_path / "catalogue")
    written.set_bundle_folder(str(tmp_path / "bundles"))
    written.set_window_geometry(b"\x01\x02geometry")
    written.set_window_state(QByteArray(b"\x00state"))
    written.sync()
    assert written.path == path and path.is_file()

    read = Settings(path)
    assert read.language() == "fr"
    assert read.colour_scheme() == "dark"
    assert read.last_catalogue() == tmp_path / "catalogue"
    assert read.bundle_folder() == tmp_path / "bundles"
    assert bytes(read.window_geometry().data()) == b"\x01\x02geometry"
    assert bytes(read.window_state().data()) == b"\x00state"


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG location is Linux's")
def test_default_settings_live_in_the_users_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr(settings_module, "program_dir", lambda: tmp_path / "program")
    assert Settings().path == tmp_path / "config" / "kmdesk" / "kmdesk.ini"
    (tmp_path / "program").mkdir()
    (tmp_path / "program" / "kmdesk-portable").touch()
    assert Settings().path == tmp_path / "program" / "kmdesk-data" / "kmdesk.ini", "portable"


def test_settings_refuse_an_unknown_colour_scheme_and_ignore_a_bad_stored_one(
    tmp_path: Path,
) -> None:
    path = tmp_path / "kmdesk.ini"
    path.write_text("[appearance]\ncolour_scheme=purple\n", encoding="utf-8")
    settings = Settings(path)
    assert settings.colour_scheme() == "system"
    with pytest.raises(ValueError, match="purple"):
        settings.set_colour_scheme("purple")  # type: ignore[arg-type]


# -- first start ---------------------------------------------------------------------------------


def test_first_start_refuses_an_empty_name_beside_the_field(catalogue: Catalogue, qtbot) -> None:
    dialog = FirstStartDialog(catalogue)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.form.name_edit.setText("   ")
    dialog.form.organisation_edit.setText("CEGOL")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert dialog.form.name_error.isVisible()
    assert "name" in dialog.form.name_error.text()
    assert not dialog.form.organisation_error.isVisible()
    assert read_profile(catalogue) is None, "nothing was saved"

    dialog.form.name_edit.setText(" Awa  Traoré ")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert read_profile(catalogue) == UserProfile("Awa Traoré", "CEGOL")
    assert catalogue.keys.own().name == "Awa Traoré (CEGOL)"


def test_first_start_asks_only_when_there_is_no_profile(
    catalogue: Catalogue, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[FirstStartDialog] = []

    def answer(dialog: FirstStartDialog) -> bool:
        shown.append(dialog)
        dialog.form.name_edit.setText("Grace Nakato")
        dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(first_start, "_ask", answer)
    assert run_first_start(catalogue) is True
    assert read_profile(catalogue) == UserProfile("Grace Nakato", "")
    assert run_first_start(catalogue) is True
    assert len(shown) == 1, "asked once"


def test_first_start_later_saves_nothing(
    catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(first_start, "_ask", lambda dialog: False)
    assert run_first_start(catalogue) is False
    assert read_profile(catalogue) is None


# -- preferences ---------------------------------------------------------------------------------


def test_preferences_save_the_profile(catalogue: Catalogue, settings: Settings, qtbot) -> None:
    save_profile(catalogue, UserProfile("Grace", ""))
    dialog = PreferencesDialog(catalogue, settings)
    qtbot.addWidget(dialog)
    assert dialog.profile_form.name_edit.text() == "Grace"
    assert dialog.fingerprint_label.text() == catalogue.keys.own().fingerprint
    dialog.profile_form.name_edit.setText("Grace Nakato")
    dialog.profile_form.organisation_edit.setText("Civic Ledger Uganda")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert read_profile(catalogue) == UserProfile("Grace Nakato", "Civic Ledger Uganda")
    assert catalogue.keys.own().name == "Grace Nakato (Civic Ledger Uganda)"


def test_preferences_refuse_an_empty_name_beside_the_field(
    catalogue: Catalogue, settings: Settings, qtbot
) -> None:
    save_profile(catalogue, UserProfile("Grace", ""))
    dialog = PreferencesDialog(catalogue, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.appearance_page)
    dialog.profile_form.name_edit.clear()
    dialog.accept()
    assert dialog.isVisible(), "the dialog stays open"
    assert dialog.tabs.currentWidget() is dialog.profile_page, "on the page of the error"
    assert dialog.profile_form.name_error.isVisible()
    assert read_profile(catalogue) == UserProfile("Grace", "")


def test_preferences_close_without_a_profile_never_given(
    catalogue: Catalogue, settings: Settings, qtbot
) -> None:
    dialog = PreferencesDialog(catalogue, settings)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert read_profile(catalogue) is None


def test_choosing_french_applies_at_once_and_is_remembered(
    catalogue: Catalogue, settings: Settings, qtbot
) -> None:
    dialog = PreferencesDialog(catalogue, settings)
    qtbot.addWidget(dialog)
    page = dialog.appearance_page
    with qtbot.waitSignal(dialog.language_changed) as changed:
        page.language_combo.setCurrentIndex(page.language_combo.findData("fr"))
    assert changed.args == ["fr"]
    assert settings.language() == "fr"
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Préférences", timeout=2000)
    assert page.language_combo.currentData() == "fr", "the choice survives retranslation"
    assert page.language_combo.itemText(0) == "Langue du système"
    assert dialog.catalogue_page.size_label.text() == "Ce catalogue contient 0 produit."

    with qtbot.waitSignal(dialog.colour_scheme_changed) as scheme:
        page.scheme_combo.setCurrentIndex(page.scheme_combo.findData("dark"))
    assert scheme.args == ["dark"] and settings.colour_scheme() == "dark"
    page.scheme_combo.setCurrentIndex(page.scheme_combo.findData("system"))


def test_opening_another_catalogue_is_announced_with_its_folder(
    catalogue: Catalogue,
    settings: Settings,
    qtbot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other = tmp_path / "other"
    Catalogue.open(other).close()
    not_a_catalogue = tmp_path / "photos"
    not_a_catalogue.mkdir()
    (not_a_catalogue / "holiday.jpg").write_bytes(b"jpeg")
    chosen: list[Path | None] = [not_a_catalogue]
    monkeypatch.setattr(preferences, "_choose_folder", lambda *args: chosen[0])
    dialog = PreferencesDialog(catalogue, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    announced: list[object] = []
    dialog.open_catalogue_requested.connect(announced.append)
    page = dialog.catalogue_page
    assert str(catalogue.folder) in page.folder_label.text()

    page.open_button.click()
    assert not announced and str(not_a_catalogue) in page.error.text()
    page.create_button.click()
    assert not announced and "not empty" in page.error.text()

    chosen[0] = other
    page.open_button.click()
    assert announced == [other] and not page.error.isVisible()
    assert not dialog.isVisible(), "the main window takes over"

    chosen[0] = tmp_path / "new-catalogue"
    page.create_button.click()
    assert announced[-1] == tmp_path / "new-catalogue"


def test_an_added_page_gets_a_tab_that_follows_its_title(
    catalogue: Catalogue, settings: Settings, qtbot
) -> None:
    dialog = PreferencesDialog(catalogue, settings)
    qtbot.addWidget(dialog)
    keys = QWidget()
    keys.setWindowTitle("Trusted keys")
    index = dialog.add_page(keys)
    assert dialog.tabs.tabText(index) == "Trusted keys"
    keys.setWindowTitle("Clés de confiance")
    assert dialog.tabs.tabText(index) == "Clés de confiance"
    fixed = dialog.add_page(QLabel("x"), "Other")
    assert dialog.tabs.tabText(fixed) == "Other"


# -- about and help ------------------------------------------------------------------------------


def test_about_shows_the_version(qtbot) -> None:
    about = AboutDialog()
    qtbot.addWidget(about)
    assert __version__ in about.version_label.text()
    assert qVersion() in about.runtime_label.text()
    assert "network" in about.offline_label.text()


def test_the_help_page_covers_what_users_need() -> None:
    page = help_page("en").read_text(encoding="utf-8")
    for words in ("year:2018..2020", "NOT", "budg*", "Ctrl+O", "Ctrl+E", "Alt+Left", "F1"):
        assert words in page
    assert "http" not in page and "src=" not in page, "no remote or embedded resource"
    assert help_page("fr").parent.name == "fr"
    assert help_page("es") == help_page("en"), "English when a language has no help"


def test_help_loads_nothing_outside_its_folder(qtbot, no_network, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("private", encoding="utf-8")
    window = HelpWindow("en")
    qtbot.addWidget(window)
    window.show()
    browser = window.browser
    assert browser.source().toLocalFile() == str(help_page("en"))
    assert "Keyboard shortcuts" in browser.toPlainText()
    assert not browser.refused

    browser.setHtml(
        '<img src="http://192.0.2.1/track.png"><img src="https://example.org/x.png">'
        f'<img src="{secret.as_uri()}"><link rel="stylesheet" href="http://192.0.2.1/s.css">'
        f'<p>text</p><img src="{(help_root() / ".." / "demo" / "vocabularies.json").as_posix()}">'
    )
    browser.document().adjustSize()  # lays out: images are requested now
    refused = {url.toString() for url in browser.refused}
    assert "http://192.0.2.1/track.png" in refused
    assert "https://example.org/x.png" in refused
    assert secret.as_uri() in refused
    assert "private" not in browser.toHtml()


def test_help_follows_its_anchors_but_not_external_links(qtbot, no_network) -> None:
    window = HelpWindow("en")
    qtbot.addWidget(window)
    window.show()
    browser = window.browser
    browser.follow(QUrl("#shortcuts"))
    assert browser.source().fragment() == "shortcuts"
    assert window.back_button.isEnabled()
    browser.backward()
    assert browser.source().fragment() == ""

    page = browser.source()
    browser.follow(QUrl("https://example.org/more-help"))
    assert browser.source() == page, "not followed"
    assert window.link_label.isVisible()
    assert "https://example.org/more-help" in window.link_label.text()


def test_help_finds_words_in_the_page(qtbot) -> None:
    window = HelpWindow("en")
    qtbot.addWidget(window)
    window.find_edit.setText("fingerprint")
    assert window.find_next()
    assert window.browser.textCursor().selectedText().lower() == "fingerprint"
    window.find_edit.setText("zzzz-not-there")
    assert not window.find_next()


def test_help_opens_in_french_when_the_app_is_french(qapp, qtbot) -> None:
    from kmdesk.gui.translation import install_language

    install_language(qapp, "fr")
    window = HelpWindow()
    qtbot.addWidget(window)
    assert window.language == "fr"
    assert "Raccourcis clavier" in window.browser.toPlainText()
