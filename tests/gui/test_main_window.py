"""The minimal main window shows the catalogue through the core and follows its changes."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kmdesk.catalogue import Catalogue
from kmdesk.gui.app import open_catalogue_for_app
from kmdesk.gui.main_window import MainWindow
from tests.samples import FULL_PRODUCT


def test_window_lists_products_and_refreshes_on_change(
    qtbot: QtBot, vocab_catalogue: Catalogue
) -> None:
    vocab_catalogue.products.add(FULL_PRODUCT)
    window = MainWindow(vocab_catalogue)
    qtbot.addWidget(window)
    window.show()
    model = window.table.model()
    assert model.rowCount() == 1
    assert model.index(0, 0).data() == FULL_PRODUCT["title"]
    assert model.index(0, 1).data() == "Guide"
    assert "Products: 1" in window.status.text()

    vocab_catalogue.products.add({**FULL_PRODUCT, "title": "Another guide"})
    assert model.rowCount() == 2  # refreshed from the change announcement, not by the test
    assert "Products: 2" in window.status.text()
    assert window.table.accessibleName() == "Knowledge products"


def test_first_start_on_an_empty_folder_loads_the_demo(qtbot: QtBot, tmp_path: Path) -> None:
    catalogue = open_catalogue_for_app(tmp_path / "fresh")
    try:
        window = MainWindow(catalogue)
        qtbot.addWidget(window)
        assert window.table.model().rowCount() >= 300
    finally:
        catalogue.close()


def test_an_existing_empty_catalogue_is_left_empty(tmp_path: Path) -> None:
    Catalogue.open(tmp_path / "mine").close()
    catalogue = open_catalogue_for_app(tmp_path / "mine")
    try:
        assert catalogue.is_empty()
    finally:
        catalogue.close()
