"""The main window: search, detail, history, other processes' changes, layout, keys, languages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kmdesk.catalogue import Catalogue
from kmdesk.gui.app import open_catalogue_for_app
from kmdesk.gui.main_window import MainWindow, ProductHistory
from kmdesk.gui.settings import Settings

WAIT = 15_000


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "settings.ini")


@pytest.fixture
def window(qtbot: QtBot, demo_catalogue: Catalogue, settings: Settings) -> Iterator[MainWindow]:
    made = MainWindow(demo_catalogue, settings=settings)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitUntil(lambda: made.search.model.rowCount() > 0, timeout=WAIT)
    yield made
    made.close()


def _search(qtbot: QtBot, window: MainWindow, text: str) -> None:
    window.search.search_edit.clear()
    with qtbot.waitSignal(
        window.search.results_changed,
        timeout=WAIT,
        check_params_cb=lambda results: results.query == text,
    ):
        qtbot.keyClicks(window.search.search_edit, text)
    qtbot.waitUntil(lambda: window.search.model.rowCount() > 0, timeout=WAIT)


def test_typing_shows_results_and_selecting_one_fills_the_detail(
    qtbot: QtBot, window: MainWindow
) -> None:
    _search(qtbot, window, "mangrove")
    first = window.search.model.product_id(0)
    window.search.table.selectRow(0)
    qtbot.waitUntil(lambda: window.detail.product_id == first, timeout=WAIT)
    assert window.catalogue.products.get(first).title in window.detail.record.title
    assert "product" in window.status.text()


def test_back_and_forward_go_through_the_products_looked_at(
    qtbot: QtBot, window: MainWindow
) -> None:
    _search(qtbot, window, "budget")
    first, second = window.search.model.product_id(0), window.search.model.product_id(1)
    window.search.table.selectRow(0)
    window.search.table.selectRow(1)
    qtbot.waitUntil(lambda: window.detail.product_id == second, timeout=WAIT)
    assert window.back_action.isEnabled() and not window.forward_action.isEnabled()
    window.back_action.trigger()
    assert window.detail.product_id == first
    assert window.forward_action.isEnabled()
    window.forward_action.trigger()
    assert window.detail.product_id == second


def test_history_drops_forward_items_and_deleted_products() -> None:
    import uuid

    a, b, c = (uuid.uuid4() for _ in range(3))
    history = ProductHistory(limit=10)
    for item in (a, b, c):
        history.visit(item)
    assert history.back() == b
    history.visit(a)
    assert not history.can_go_forward() and history.current == a
    history.forget({a})
    assert history.current == b


def test_a_product_added_by_another_process_appears(qtbot: QtBot, window: MainWindow) -> None:
    script = shutil.which("kmdesk", path=str(Path(sys.executable).parent))
    assert script is not None
    before = window.catalogue.stats().products
    added = subprocess.run(
        [script, "--data-dir", str(window.catalogue.folder), "add", "--title",
         "Quokka census handbook", "--type", "guide", "--year", "2024"],
        capture_output=True, text=True, timeout=120, check=False,
        env={k: v for k, v in os.environ.items() if k != "KMDESK_DATA_DIR"},
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    # The window polls for other processes' changes: the status and the search follow.
    qtbot.waitUntil(lambda: f"{before + 1} product" in window.status.text(), timeout=WAIT)
    _search(qtbot, window, "quokka")
    assert window.search.model.rowCount() == 1
    assert window.search.model.hit(0).title == "Quokka census handbook"


def test_a_whole_session_opens_no_network_connection(
    qtbot: QtBot, window: MainWindow, no_network: list[object]
) -> None:
    _search(qtbot, window, "campaigning")
    window.search.table.selectRow(0)
    qtbot.waitUntil(lambda: window.detail.record is not None, timeout=WAIT)
    record = next(
        window.catalogue.products.get(window.search.model.product_id(row))
        for row in range(window.search.model.rowCount())
        if window.catalogue.products.get(window.search.model.product_id(row)).attachments
    )
    viewer = window.open_attachment(record.attachments[0], "campaigning")
    qtbot.waitUntil(lambda: viewer.page_count() > 0, timeout=WAIT)
    window.show_knowledge_map()
    window.show_help()
    window.show_conflicts()
    window.show_contributions()
    window.show_my_notes()
    qtbot.wait(300)
    assert no_network == []


def test_a_note_in_conflict_is_shown_in_its_products_notes_tab(
    qtbot: QtBot, window: MainWindow
) -> None:
    product = window.catalogue.products.ids()[3]
    note = window.catalogue.annotations.add(product, body="A note kept in two versions")
    window.detail.tabs.setCurrentIndex(0)
    window.show_record("annotation", note.id)
    assert window.detail.product_id == product
    assert window.detail.tabs.currentWidget() is window.detail.notes_panel
    qtbot.waitUntil(lambda: len(window.detail.notes_panel.notes) == 1, timeout=WAIT)


def test_layout_is_remembered(qtbot: QtBot, demo_catalogue: Catalogue, settings: Settings) -> None:
    first = MainWindow(demo_catalogue, settings=settings)
    qtbot.addWidget(first)
    first.show()
    first.detail_dock.hide()
    first.resize(700, 520)  # the offscreen screen is 800 x 600: restored sizes fit in it
    size = (first.width(), first.height())
    first.close()
    second = MainWindow(demo_catalogue, settings=settings)
    qtbot.addWidget(second)
    second.show()
    # Restored, not the default 1280 x 800 (the width is clamped to the offscreen screen's).
    assert second.height() == size[1] != 800 and second.width() <= max(size[0], 800)
    assert not second.detail_dock.isVisible()
    second.close()


def test_keyboard_shortcuts_reach_every_main_action(qtbot: QtBot, window: MainWindow) -> None:
    expected = {
        window.find_action: "Ctrl+F",
        window.import_action: "Ctrl+O",
        window.export_action: "Ctrl+E",
        window.help_action: "F1",
        window.new_product_action: "Ctrl+N",
        window.undo_action: "Ctrl+Z",
        window.map_action: "Ctrl+M",
    }
    for action, keys in expected.items():
        assert action.shortcut().toString() == keys, action.objectName()
    window.detail.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.search_edit.hasFocus()
    wizard = window.import_bundle()
    assert wizard.isVisible()
    wizard.close()
    assert window.search.search_edit.accessibleName()
    assert window.search.table.accessibleName()


def test_switching_to_french_changes_the_window(qtbot: QtBot, window: MainWindow) -> None:
    from kmdesk.gui.translation import install_language, uninstall_language

    app = QApplication.instance()
    assert app is not None
    try:
        install_language(app, "fr")
        qtbot.waitUntil(lambda: window.file_menu.title() == "&Fichier", timeout=WAIT)
        assert "produits" in window.status.text()
    finally:
        uninstall_language(app)
    qtbot.waitUntil(lambda: window.file_menu.title() == "&File", timeout=WAIT)


def test_a_new_empty_folder_gets_the_demo_in_the_background(
    qtbot: QtBot, tmp_path: Path, settings: Settings
) -> None:
    catalogue, load_demo = open_catalogue_for_app(tmp_path / "fresh")
    try:
        assert load_demo and catalogue.is_empty()
        made = MainWindow(catalogue, settings=settings, load_demo=load_demo)
        qtbot.addWidget(made)
        qtbot.waitUntil(lambda: made.search.model.total >= 300, timeout=60_000)
        made.close()
    finally:
        catalogue.close()


def test_an_existing_empty_catalogue_is_left_empty(tmp_path: Path) -> None:
    Catalogue.open(tmp_path / "mine").close()
    catalogue, load_demo = open_catalogue_for_app(tmp_path / "mine")
    try:
        assert not load_demo and catalogue.is_empty()
    finally:
        catalogue.close()
