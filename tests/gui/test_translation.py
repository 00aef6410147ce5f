"""Display languages: switching at run time, plurals, and the translation files themselves."""

from __future__ import annotations

import importlib.util
import subprocess
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication

from kmdesk.catalogue import Catalogue
from kmdesk.gui import translation
from kmdesk.gui.about import AboutDialog
from kmdesk.gui.preferences import CataloguePage
from kmdesk.gui.translation import (
    available_languages,
    current_language,
    install_language,
    resolve_language,
    uninstall_language,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _back_to_english(qapp) -> Iterator[None]:
    """Every test leaves the app in English, with no translator installed."""
    yield
    uninstall_language(qapp)


def _translations_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("translations", ROOT / "scripts/translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_offered_languages_are_named_in_their_own_language() -> None:
    assert available_languages() == [
        ("en", "English"),
        ("fr", "Français"),
        ("es", "Español"),
        ("pt", "Português"),
    ]
    assert resolve_language("fr") == "fr"
    assert resolve_language("de") == "en", "an unknown language falls back to English"
    assert resolve_language("") in {"en", "fr", "es", "pt"}, "the system's, when offered"


def test_switching_to_french_retranslates_an_open_dialog(qapp, qtbot) -> None:
    about = AboutDialog()
    qtbot.addWidget(about)
    assert about.windowTitle() == "About kmdesk"

    assert install_language(qapp, "fr"), "the French translation is found"
    assert current_language() == "fr"
    assert QCoreApplication.translate("PreferencesDialog", "Preferences") == "Préférences"
    # Qt posts LanguageChange to every window; the dialog retranslates when it arrives.
    qtbot.waitUntil(lambda: about.windowTitle() == "À propos de kmdesk", timeout=2000)
    assert "Logiciel libre" in about.licence_label.text()

    install_language(qapp, "en")
    qtbot.waitUntil(lambda: about.windowTitle() == "About kmdesk", timeout=2000)
    assert QCoreApplication.translate("PreferencesDialog", "Preferences") == "Preferences"


def test_qt_own_strings_follow_the_language(qapp) -> None:
    install_language(qapp, "fr")
    # A standard button of Qt's own dialogs (qtbase_fr.qm).
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"


def test_french_plurals(qapp) -> None:
    install_language(qapp, "fr")

    def holds(n: int) -> str:
        return QCoreApplication.translate(
            "CataloguePage", "This catalogue holds %n product(s).", None, n
        )

    assert holds(1) == "Ce catalogue contient 1 produit."
    assert holds(2) == "Ce catalogue contient 2 produits."
    assert holds(0) == "Ce catalogue contient 0 produit.", "French counts 0 as singular"
    assert QCoreApplication.translate("MainWindow", "%n product(s)", None, 1) == "1 produit"
    assert QCoreApplication.translate("MainWindow", "%n product(s)", None, 2) == "2 produits"


def test_english_plurals(qapp, catalogue: Catalogue, qtbot) -> None:
    install_language(qapp, "en")
    assert (
        QCoreApplication.translate("CataloguePage", "This catalogue holds %n product(s).", None, 1)
        == "This catalogue holds 1 product."
    )
    page = CataloguePage(catalogue)
    qtbot.addWidget(page)
    assert page.size_label.text() == "This catalogue holds 0 products."


def test_a_missing_compiled_file_is_compiled_from_its_source(
    qapp, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(translation, "COMPILED_DIR", tmp_path / "no-build")
    found = translation.find_translation("fr")
    assert found is not None and found.suffix == ".qm" and found.is_file()
    assert not found.is_relative_to(ROOT / "src"), "compiled into the cache, not the package"


def test_a_language_without_any_file_leaves_the_app_usable(
    qapp, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(translation, "COMPILED_DIR", tmp_path / "no-build")
    monkeypatch.setattr(translation, "ts_file", lambda code: None)
    assert install_language(qapp, "pt") is False
    assert QCoreApplication.translate("PreferencesDialog", "Preferences") == "Preferences"


def test_every_gui_string_has_a_french_translation(tmp_path: Path) -> None:
    """The French file is complete and in step with the code (lupdate finds nothing new)."""
    script = _translations_script()
    copy = tmp_path / "kmdesk_fr.ts"
    copy.write_bytes((ROOT / "resources/i18n/kmdesk_fr.ts").read_bytes())
    sources = [str(path) for path in script.gui_sources()]
    subprocess.run(
        [script.tool("lupdate"), *sources, "-no-obsolete", "-silent", "-ts", str(copy)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    missing = script.unfinished(copy)
    assert not missing, f"{len(missing)} untranslated, e.g. {missing[:5]}"
    assert script.count_messages(copy) > 100, "lupdate read the sources"


def test_the_check_command_reports_untranslated_strings(tmp_path: Path, capsys) -> None:
    script = _translations_script()
    partial = tmp_path / "partial.ts"
    partial.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        '<TS version="2.1" language="es"><context><name>C</name>'
        "<message><source>Done</source><translation>Hecho</translation></message>"
        '<message><source>Open</source><translation type="unfinished"></translation></message>'
        '<message numerus="yes"><source>%n file(s)</source><translation>'
        "<numerusform>%n archivo</numerusform><numerusform></numerusform></translation></message>"
        "</context></TS>\n",
        encoding="utf-8",
    )
    assert script.unfinished(partial) == [("C", "Open"), ("C", "%n file(s)")]
