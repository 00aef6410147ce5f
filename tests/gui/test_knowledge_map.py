"""The knowledge map view: counts in cells, a cell's products, linking a suggestion, PNG export."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QImage, QPalette
from pytestqt.qtbot import QtBot

from kmdesk.catalogue import Catalogue
from kmdesk.catalogue.knowledge_map import cell_products, product_titles
from kmdesk.gui.knowledge_map import KnowledgeMapView
from kmdesk.gui.operations import OperationsRunner
from kmdesk.gui.watcher import CatalogueWatcher

HEARINGS = "Making public hearings and council meetings accessible to persons with disabilities"


@pytest.fixture
def view(
    qtbot: QtBot, demo_catalogue: Catalogue, runner: OperationsRunner
) -> Iterator[KnowledgeMapView]:
    watcher = CatalogueWatcher(demo_catalogue, runner)
    made = KnowledgeMapView(demo_catalogue, runner, watcher)
    qtbot.addWidget(made)
    made.resize(1200, 700)
    with qtbot.waitSignal(made.map_loaded, timeout=10_000):
        made.show()
    yield made
    watcher.stop()


def _row_of(view: KnowledgeMapView, label: str) -> int:
    knowledge = view.model.knowledge_map
    assert knowledge is not None
    return next(i for i, row in enumerate(knowledge.rows) if row.label == label)


def test_counts_and_unanswered_needs_are_shown(view: KnowledgeMapView) -> None:
    knowledge = view.model.knowledge_map
    assert knowledge is not None and knowledge.kind == "needs"
    model = view.model
    assert model.rowCount() == 40 and model.columnCount() == 5  # four themes and the totals
    assert "16" in view.summary.text()
    answered = next(i for i, total in enumerate(knowledge.row_totals) if total >= 2)
    home = knowledge.home_columns[answered]
    assert home is not None
    cell = model.index(answered, home)
    assert cell.data() == str(knowledge.counts[answered][home])
    assert cell.data(Qt.ItemDataRole.BackgroundRole) is not None  # coloured by its count
    assert "product" in cell.data(Qt.ItemDataRole.ToolTipRole)
    empty = next(c for c in range(4) if knowledge.counts[answered][c] == 0)
    assert model.index(answered, empty).data() == ""
    assert model.index(answered, empty).data(Qt.ItemDataRole.BackgroundRole) is None  # plain

    hearings = _row_of(view, HEARINGS)
    assert model.index(hearings, 4).data() == "no product"
    assert model.index(hearings, 4).data(Qt.ItemDataRole.ForegroundRole).color().red() > 150
    header_font = model.headerData(hearings, Qt.Orientation.Vertical, Qt.ItemDataRole.FontRole)
    assert isinstance(header_font, QFont) and header_font.bold()
    tip = model.headerData(hearings, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("No product answers this need.")
    assert model.headerData(answered, Qt.Orientation.Vertical, Qt.ItemDataRole.FontRole) is None
    # Column headings are wrapped; the tooltip has the whole label.
    heading = model.headerData(3, Qt.Orientation.Horizontal)
    assert "\n" in heading
    full = model.headerData(3, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert full == "Sustainable and inclusive resource management"


def test_a_cell_lists_its_products_and_activating_one_asks_for_it(
    qtbot: QtBot, view: KnowledgeMapView, demo_catalogue: Catalogue
) -> None:
    knowledge = view.model.knowledge_map
    assert knowledge is not None
    row = max(range(len(knowledge.rows)), key=lambda r: knowledge.row_totals[r])
    need = knowledge.rows[row]
    column = knowledge.columns[knowledge.home_columns[row] or 0]
    expected = product_titles(
        demo_catalogue, cell_products(demo_catalogue, "needs", need.key, column.key)
    )
    assert len(expected) == knowledge.count(need.key, column.key) >= 2

    assert view.select_cell(need.key, column.key)
    qtbot.waitUntil(lambda: view.products_list.count() == len(expected), timeout=5000)
    shown = [view.products_list.item(i).text() for i in range(view.products_list.count())]
    assert shown == [title for _id, title in expected]
    assert need.label in view.cell_title.text()

    item = view.products_list.item(1)
    with qtbot.waitSignal(view.product_requested) as requested:
        view.products_list.itemActivated.emit(item)
    assert requested.args == [expected[1][0]]

    # A click on the need's row heading shows all the products answering it.
    view.table.verticalHeader().sectionClicked.emit(row)
    qtbot.waitUntil(lambda: view.products_list.count() == knowledge.total(need.key), timeout=5000)


def test_a_suggested_product_is_linked_with_one_click(
    qtbot: QtBot, view: KnowledgeMapView, demo_catalogue: Catalogue
) -> None:
    knowledge = view.model.knowledge_map
    assert knowledge is not None
    need = knowledge.rows[_row_of(view, HEARINGS)]
    assert need.key in knowledge.unanswered

    with qtbot.waitSignal(view.suggestions_loaded, timeout=10_000):
        view.select_cell(need.key, None)
    assert view.suggestions_box.isVisible()
    suggested = view.suggested_ids()
    assert len(suggested) == 10
    best = suggested[0]
    assert demo_catalogue.products.get(best).title.startswith("Public Hearings Everyone")
    button = view.link_button(best)
    assert button is not None and button.accessibleName().startswith("Link ")

    with qtbot.waitSignal(view.suggestions_loaded, timeout=10_000):  # shown again after the link
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    need_id = uuid.UUID(need.key)
    assert demo_catalogue.needs.get(need_id).products == (best,)
    updated = view.model.knowledge_map
    assert updated is not None and need.key not in updated.unanswered
    assert updated.total(need.key) == 1
    assert best not in view.suggested_ids()  # linked products are not suggested
    qtbot.waitUntil(lambda: view.products_list.count() == 1, timeout=5000)
    assert view.products_list.item(0).data(Qt.ItemDataRole.UserRole) == best
    row = updated.row_index(need.key)
    assert view.model.index(row, 4).data() == "1"


def test_other_maps_show_their_cells_without_suggestions(
    qtbot: QtBot, view: KnowledgeMapView, demo_catalogue: Catalogue
) -> None:
    with qtbot.waitSignal(view.map_loaded, timeout=10_000) as loaded:
        view.set_map_kind("types")
    knowledge = loaded.args[0]
    assert knowledge.kind == "types" and len(knowledge.rows) == 4
    assert view.model.columnCount() == len(knowledge.columns) + 1
    theme, kind = knowledge.rows[0].key, knowledge.columns[0].key
    view.select_cell(theme, kind)
    qtbot.waitUntil(
        lambda: view.products_list.count() == knowledge.count(theme, kind), timeout=5000
    )
    assert not view.suggestions_box.isVisible()

    with qtbot.waitSignal(view.map_loaded, timeout=10_000) as loaded:
        view.map_choice.setCurrentIndex(view.map_choice.findData("partnerships"))
    assert loaded.args[0].kind == "partnerships" and len(loaded.args[0].rows) == 25


def test_dark_palette_colours_cells_from_the_palette(view: KnowledgeMapView) -> None:
    knowledge = view.model.knowledge_map
    assert knowledge is not None
    row = next(i for i, total in enumerate(knowledge.row_totals) if total)
    column = knowledge.home_columns[row]
    assert column is not None
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Base, QColor(25, 25, 25))
    dark.setColor(QPalette.ColorRole.Highlight, QColor(42, 130, 218))
    dark.setColor(QPalette.ColorRole.AlternateBase, QColor(45, 45, 45))
    view.setPalette(dark)
    colour = view.model.index(row, column).data(Qt.ItemDataRole.BackgroundRole).color()
    assert colour.lightnessF() < 0.6  # between the dark base and the highlight, not near white
    no_product = view.model.index(_row_of(view, HEARINGS), 4)
    assert no_product.data(Qt.ItemDataRole.BackgroundRole).color().lightnessF() < 0.5


def test_export_writes_a_readable_png(
    view: KnowledgeMapView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "knowledge-map.png"
    monkeypatch.setattr(view, "_ask_export_path", lambda: str(chosen))
    assert view.export_button.isEnabled()
    view.export_button.click()

    image = QImage(str(chosen))
    assert not image.isNull()
    assert image.width() > 1600 and image.height() > 2000  # 40 needs at twice the size
    assert image.pixelColor(2, 2) == QColor("#ffffff")  # white paper, for a report
    reds = sum(
        1
        for y in range(0, image.height(), 16)
        for x in range(0, image.width(), 16)
        if (c := image.pixelColor(x, y)).red() > 150 and c.green() < 60 and c.blue() < 60
    )
    assert reds > 30  # the needs without a product are marked in red

    with pytest.raises(OSError, match="missing"):
        view.export_png(tmp_path / "missing" / "map.png")
