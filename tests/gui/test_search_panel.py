"""The search panel on the demo catalogue: typing, facets, sorting, paging, suggestions, errors."""

from __future__ import annotations

import time
import uuid
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView

from kmdesk.catalogue import Catalogue
from kmdesk.gui.facet_panel import FacetPanel
from kmdesk.gui.operations import OperationsRunner
from kmdesk.gui.results_model import FIRST_PAGE, PAGE, PRODUCT_IDS_MIME, TITLE, YEAR
from kmdesk.gui.search_panel import SearchPanel
from kmdesk.gui.watcher import CatalogueWatcher

DEMO_PRODUCTS = 312
TIMEOUT_MS = 5000


@pytest.fixture
def panel(
    qtbot: Any, demo_catalogue: Catalogue, runner: OperationsRunner, demo_watcher: CatalogueWatcher
) -> SearchPanel:
    """A search panel on the demo catalogue, shown, with its first results (every product)."""
    made = SearchPanel(demo_catalogue, runner, demo_watcher)
    qtbot.addWidget(made)
    made.resize(1200, 700)
    made.show()
    qtbot.waitUntil(lambda: made.model.total == DEMO_PRODUCTS, timeout=TIMEOUT_MS)
    return made


def type_query(qtbot: Any, panel: SearchPanel, text: str) -> None:
    """Replace the search text by typing, as a person would."""
    panel.search_edit.selectAll()
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(panel.search_edit, text)


def is_checked(facets: FacetPanel, facet: str, value: str) -> bool:
    item = facets.item(facet, value)
    return item is not None and item.checkState(0) == Qt.CheckState.Checked


def shown_query(panel: SearchPanel) -> str:
    return panel.model.request.query


def test_typing_a_query_shows_its_results(qtbot: Any, panel: SearchPanel) -> None:
    assert panel.model.rowCount() == FIRST_PAGE
    assert panel.count_label.text() == f"{DEMO_PRODUCTS} product(s)"
    with qtbot.waitSignal(panel.results_changed, timeout=TIMEOUT_MS) as shown:
        type_query(qtbot, panel, "mangroves")
    results = shown.args[0]
    assert results.query == "mangroves"
    assert 0 < results.total < DEMO_PRODUCTS
    assert panel.model.rowCount() == min(results.total, FIRST_PAGE)
    titles = [panel.model.index(row, TITLE).data() for row in range(panel.model.rowCount())]
    assert any("angrove" in title for title in titles)
    assert "<mark>" in panel.model.hit(0).snippet
    assert panel.count_label.text() == f"{results.total} product(s)"
    # Only the final text was searched: the keys typed within the debounce made one search.
    assert panel.state() == ("mangroves", {}, "relevance")


def test_checking_a_facet_value_filters_and_updates_counts(qtbot: Any, panel: SearchPanel) -> None:
    facets: FacetPanel = panel.facets
    theme_count = facets.counts("theme")["local-governance"]
    types_before = facets.counts("type")
    with qtbot.waitSignal(panel.results_changed, timeout=TIMEOUT_MS):
        facets.check("theme", "local-governance")
    assert panel.model.total == theme_count < DEMO_PRODUCTS
    assert panel.state()[1] == {"theme": ["local-governance"]}
    types_after = facets.counts("type")
    assert sum(types_after.values()) < sum(types_before.values())
    assert is_checked(facets, "theme", "local-governance")
    # A search that matches no product of the checked theme keeps the check, at count 0.
    with qtbot.waitSignal(panel.results_changed, timeout=TIMEOUT_MS):
        type_query(qtbot, panel, "mangroves")
    assert is_checked(facets, "theme", "local-governance")
    assert panel.state()[1] == {"theme": ["local-governance"]}

    with qtbot.waitSignal(panel.results_changed, timeout=TIMEOUT_MS):
        type_query(qtbot, panel, "")
        qtbot.mouseClick(facets.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.model.total == DEMO_PRODUCTS, timeout=TIMEOUT_MS)
    assert facets.filters() == {}
    assert not facets.clear_button.isEnabled()


def test_year_range_filters_and_an_empty_range_is_explained(qtbot: Any, panel: SearchPanel) -> None:
    facets = panel.facets
    with qtbot.waitSignal(panel.results_changed, timeout=TIMEOUT_MS):
        facets.year_from.setValue(2020)
        facets.year_to.setValue(2021)
    years = {panel.model.hit(row).year for row in range(panel.model.rowCount())}
    assert years <= {2020, 2021}
    assert panel.state()[1] == {"year": ["2020..2021"]}
    with qtbot.waitSignal(panel.search_failed, timeout=TIMEOUT_MS) as failed:
        facets.year_from.setValue(2023)
    assert "2023" in failed.args[0]
    assert panel.error_label.isVisible()


def test_sorting_by_year_and_by_title_header(qtbot: Any, panel: SearchPanel) -> None:
    with qtbot.waitSignal(panel.results_changed, timeout=TIMEOUT_MS):
        panel.sort_combo.setCurrentIndex(panel.sort_combo.findData("year"))
    years = [panel.model.hit(row).year or 0 for row in range(panel.model.rowCount())]
    assert years == sorted(years, reverse=True)
    assert panel.table.horizontalHeader().sortIndicatorSection() == YEAR

    header = panel.table.horizontalHeader()
    x = header.sectionViewportPosition(TITLE) + header.sectionSize(TITLE) // 2
    with qtbot.waitSignal(panel.results_changed, timeout=TIMEOUT_MS):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert panel.sort == "title"
    assert header.sortIndicatorSection() == TITLE
    titles = [panel.model.hit(row).title for row in range(panel.model.rowCount())]
    assert titles[0].casefold() <= titles[-1].casefold()
    assert panel.state()[2] == "title"


def test_a_slow_stale_query_never_overwrites_a_newer_one(
    qtbot: Any, panel: SearchPanel, demo_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_search = demo_catalogue.search

    def search(query: str, **options: Any) -> Any:
        if query.startswith("water"):
            time.sleep(0.8)  # a query that takes long on a large catalogue
        return real_search(query, **options)

    monkeypatch.setattr(demo_catalogue, "search", search)
    type_query(qtbot, panel, "water")
    qtbot.waitUntil(lambda: panel.is_searching and not panel._debounce.isActive(), timeout=1000)
    with qtbot.waitSignal(panel.results_changed, timeout=TIMEOUT_MS) as shown:
        type_query(qtbot, panel, "budget")
    assert shown.args[0].query == "budget"
    qtbot.wait(1000)  # the slow search has ended meanwhile
    assert shown_query(panel) == "budget"
    assert panel.search_edit.text() == "budget"


def test_scrolling_to_the_end_fetches_the_next_page(qtbot: Any, panel: SearchPanel) -> None:
    first_ids = [panel.model.product_id(row) for row in range(panel.model.rowCount())]
    panel.table.scrollToBottom()
    qtbot.waitUntil(lambda: panel.model.rowCount() == FIRST_PAGE + PAGE, timeout=TIMEOUT_MS)
    ids = [panel.model.product_id(row) for row in range(panel.model.rowCount())]
    assert ids[:FIRST_PAGE] == first_ids
    assert len(set(ids)) == len(ids)
    record = panel.model.record(FIRST_PAGE + 5)
    assert record is not None and record.id == ids[FIRST_PAGE + 5]
    panel.table.scrollToBottom()
    qtbot.waitUntil(lambda: panel.model.rowCount() == FIRST_PAGE + 2 * PAGE, timeout=TIMEOUT_MS)


def test_did_you_mean_runs_the_suggestion(qtbot: Any, panel: SearchPanel) -> None:
    with qtbot.waitSignal(panel.results_changed, timeout=TIMEOUT_MS) as shown:
        type_query(qtbot, panel, "mangrve")
    assert shown.args[0].total == 0
    assert panel.suggestion_button.isVisible()
    assert "mangroves" in panel.suggestion_button.text()
    with qtbot.waitSignal(panel.results_changed, timeout=TIMEOUT_MS) as shown:
        qtbot.mouseClick(panel.suggestion_button, Qt.MouseButton.LeftButton)
    assert panel.search_edit.text() == "mangroves"
    assert shown.args[0].total > 0
    assert not panel.suggestion_button.isVisible()


def test_a_bad_query_shows_its_message_and_keeps_the_results(
    qtbot: Any, panel: SearchPanel
) -> None:
    with qtbot.waitSignal(panel.search_failed, timeout=TIMEOUT_MS) as failed:
        type_query(qtbot, panel, "year:2020..2010")
    assert "2020 comes after 2010" in failed.args[0]
    assert panel.error_label.isVisible() and "2020" in panel.error_label.text()
    assert not panel.count_label.isVisible()
    assert panel.model.total == DEMO_PRODUCTS  # nothing else changed
    with qtbot.waitSignal(panel.results_changed, timeout=TIMEOUT_MS):
        type_query(qtbot, panel, "year:2010..2020")
    assert not panel.error_label.isVisible()


def test_dragged_rows_carry_their_product_ids(panel: SearchPanel) -> None:
    selection = panel.table.selectionModel()
    assert panel.table.dragDropMode() == QAbstractItemView.DragDropMode.DragOnly
    panel.table.selectRow(0)
    selection.select(
        panel.model.index(2, 0),
        selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
    )
    mime = panel.model.mimeData(panel.table.selectedIndexes())
    assert mime.hasFormat(PRODUCT_IDS_MIME)
    lines = bytes(mime.data(PRODUCT_IDS_MIME).data()).decode("utf-8").splitlines()
    assert [uuid.UUID(line) for line in lines] == [
        panel.model.product_id(0),
        panel.model.product_id(2),
    ]


def test_selecting_and_activating_a_row_emit_the_product(qtbot: Any, panel: SearchPanel) -> None:
    expected = panel.model.product_id(1)
    with qtbot.waitSignal(panel.current_product_changed, timeout=1000) as changed:
        panel.table.selectRow(1)
    assert changed.args == [expected]
    assert panel.current_product == expected
    panel.table.setFocus()
    with qtbot.waitSignal(panel.product_activated, timeout=1000) as activated:
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert activated.args == [expected]
    # A new search without that product clears the current product.
    with qtbot.waitSignal(panel.current_product_changed, timeout=TIMEOUT_MS) as changed:
        type_query(qtbot, panel, "zzzzqqq")
    assert changed.args == [None]


def test_a_product_added_elsewhere_appears(
    qtbot: Any, panel: SearchPanel, demo_catalogue: Catalogue
) -> None:
    with qtbot.waitSignal(panel.results_changed, timeout=TIMEOUT_MS) as shown:
        type_query(qtbot, panel, "quokkas")
    assert shown.args[0].total == 0
    added = demo_catalogue.products.add(
        {
            "title": "Counting quokkas with island councils",
            "summary": "A guide to community wildlife counts.",
            "product_type": "guide",
            "languages": ["en"],
            "year": 2024,
        }
    )
    qtbot.waitUntil(lambda: panel.model.total == 1, timeout=TIMEOUT_MS)
    assert panel.model.product_id(0) == added.id


def test_saved_state_round_trips_and_ctrl_f_focuses_search(qtbot: Any, panel: SearchPanel) -> None:
    with qtbot.waitSignal(panel.results_changed, timeout=TIMEOUT_MS) as shown:
        panel.set_state("budget", {"language": ["fr"], "year": ["2018..2022"]}, "year")
    assert panel.state() == ("budget", {"language": ["fr"], "year": ["2018..2022"]}, "year")
    assert shown.args[0].sort == "year"
    assert all(panel.model.hit(row).languages == ("fr",) for row in range(panel.model.rowCount()))
    assert is_checked(panel.facets, "language", "fr")
    assert panel.facets.year_from.value() == 2018
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(panel.search_edit.hasFocus, timeout=1000)


def test_a_list_of_products_shows_in_its_order_and_back_to_search(
    qtbot: Any, panel: SearchPanel, demo_catalogue: Catalogue
) -> None:
    listed = [
        hit.id for hit in demo_catalogue.search("", limit=60, sort="title", facets=False).hits
    ][::-1]
    with qtbot.waitSignal(panel.results_changed, timeout=TIMEOUT_MS):
        panel.show_products(listed, "Reading list")
    assert panel.model.total == len(listed)
    assert panel.listing == "Reading list"
    assert "Reading list" in panel.count_label.text()
    assert panel.back_button.isVisible()
    panel.table.scrollToBottom()
    qtbot.waitUntil(lambda: panel.model.rowCount() == len(listed), timeout=TIMEOUT_MS)
    assert [panel.model.product_id(row) for row in range(len(listed))] == listed
    with qtbot.waitSignal(panel.results_changed, timeout=TIMEOUT_MS):
        qtbot.mouseClick(panel.back_button, Qt.MouseButton.LeftButton)
    assert panel.model.total == DEMO_PRODUCTS
    assert panel.listing is None and not panel.back_button.isVisible()
