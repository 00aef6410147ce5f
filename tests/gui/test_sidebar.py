"""The collections and saved searches sidebar: create, rename, delete, drop, remove, reorder."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from kmdesk.catalogue import Catalogue
from kmdesk.gui.sidebar import (
    PRODUCT_IDS_MIME,
    CollectionsSidebar,
    placed,
    product_ids_mime,
    read_product_ids,
)
from kmdesk.gui.watcher import CatalogueWatcher

TIMEOUT = 5000


@pytest.fixture
def products(catalogue: Catalogue) -> list[uuid.UUID]:
    """Three guides, A, B and C."""
    return [
        catalogue.products.add({"title": f"Guide {letter}", "product_type": "guide"}).id
        for letter in "ABC"
    ]


@pytest.fixture
def sidebar(catalogue: Catalogue, runner: Any, qtbot: Any) -> Iterator[CollectionsSidebar]:
    watcher = CatalogueWatcher(catalogue, runner)
    made = CollectionsSidebar(catalogue, runner, watcher)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitUntil(lambda: not runner.running, timeout=TIMEOUT)
    yield made
    watcher.stop()


def names(sidebar: CollectionsSidebar) -> list[str]:
    return [c.name for c in sidebar.model.collections()]


def wait_for_names(qtbot: Any, sidebar: CollectionsSidebar, expected: list[str]) -> None:
    qtbot.waitUntil(lambda: names(sidebar) == expected, timeout=TIMEOUT)


def stored(catalogue: Catalogue, collection_id: uuid.UUID) -> tuple[uuid.UUID, ...]:
    return catalogue.collections.get(collection_id).products


def shown(sidebar: CollectionsSidebar, collection_id: uuid.UUID) -> list[str]:
    """The titles shown under a collection (the model is rebuilt after each change)."""
    item = sidebar.model.collection_item(collection_id)
    return [item.child(r).text() for r in range(item.rowCount())] if item is not None else []


def test_create_rename_and_delete_a_collection(
    catalogue: Catalogue, sidebar: CollectionsSidebar, qtbot: Any
) -> None:
    assert names(sidebar) == []
    with qtbot.waitSignal(sidebar.collection_selected, timeout=TIMEOUT) as selected:
        sidebar.new_collection()
    wait_for_names(qtbot, sidebar, ["New collection"])
    collection_id = selected.args[0]
    assert sidebar.current_collection() == collection_id
    assert sidebar.view.state() == sidebar.view.State.EditingState  # ready to be named

    # Renaming in the view (what the editor commits) renames it in the catalogue.
    index = sidebar.model.collection_item(collection_id).index()
    sidebar.model.setData(index, "Budget reading list", Qt.ItemDataRole.EditRole)
    qtbot.waitUntil(
        lambda: catalogue.collections.get(collection_id).name == "Budget reading list",
        timeout=TIMEOUT,
    )
    wait_for_names(qtbot, sidebar, ["Budget reading list"])

    # An empty name is refused, said under the tree, and the old name comes back.
    sidebar.model.setData(index, "  ", Qt.ItemDataRole.EditRole)
    qtbot.waitUntil(lambda: sidebar.message.isVisibleTo(sidebar), timeout=TIMEOUT)
    assert "required" in sidebar.message.text()
    wait_for_names(qtbot, sidebar, ["Budget reading list"])

    # A second new collection gets a name of its own.
    sidebar.new_collection()
    wait_for_names(qtbot, sidebar, ["Budget reading list", "New collection"])

    # Deleting asks first; "no" keeps it.
    sidebar.select_collection(collection_id)
    asked: list[str] = []
    sidebar.confirm = lambda question: bool(asked.append(question))  # type: ignore[method-assign]
    sidebar.delete_selected()
    assert "Budget reading list" in asked[0]
    assert len(catalogue.collections.all()) == 2
    sidebar.confirm = lambda question: True  # type: ignore[method-assign]
    sidebar.delete_selected()
    wait_for_names(qtbot, sidebar, ["New collection"])
    assert [c.name for c in catalogue.collections.all()] == ["New collection"]


def test_dropped_product_ids_are_added_then_removed_and_reordered(
    catalogue: Catalogue,
    products: list[uuid.UUID],
    sidebar: CollectionsSidebar,
    qtbot: Any,
) -> None:
    a, b, c = products
    collection = catalogue.collections.add("Reading list")
    wait_for_names(qtbot, sidebar, ["Reading list"])  # it followed the catalogue's change
    index = sidebar.model.collection_item(collection.id).index()

    # Drops are accepted on a collection, not on the group headings.
    mime = product_ids_mime([a, b])
    assert sidebar.model.canDropMimeData(mime, Qt.DropAction.CopyAction, -1, 0, index)
    group = sidebar.model.collections_group.index()
    assert not sidebar.model.canDropMimeData(mime, Qt.DropAction.CopyAction, -1, 0, group)
    assert sidebar.model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, 0, index)
    qtbot.waitUntil(lambda: stored(catalogue, collection.id) == (a, b), timeout=TIMEOUT)

    # Dropping ids already there adds only the new one, at the end.
    mime = product_ids_mime([b, c])
    assert sidebar.model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, 0, index)
    qtbot.waitUntil(lambda: stored(catalogue, collection.id) == (a, b, c), timeout=TIMEOUT)

    # Expanding the collection shows its products in order.
    sidebar.view.expand(sidebar.model.collection_item(collection.id).index())
    qtbot.waitUntil(lambda: len(shown(sidebar, collection.id)) == 3, timeout=TIMEOUT)
    assert shown(sidebar, collection.id) == ["Guide A", "Guide B", "Guide C"]

    # Move the last product up, with the selection on it.
    item = sidebar.model.collection_item(collection.id)
    with qtbot.waitSignal(sidebar.product_selected, timeout=TIMEOUT) as chosen:
        sidebar.view.setCurrentIndex(item.child(2).index())
    assert chosen.args == [c]
    sidebar.move_selected(-1)
    qtbot.waitUntil(lambda: stored(catalogue, collection.id) == (a, c, b), timeout=TIMEOUT)
    # The tree follows, still expanded.
    expected = ["Guide A", "Guide C", "Guide B"]
    qtbot.waitUntil(lambda: shown(sidebar, collection.id) == expected, timeout=TIMEOUT)

    # Dragging a product within its collection, onto the first one, moves it there.
    item = sidebar.model.collection_item(collection.id)
    dragged = sidebar.model.mimeData([item.child(2).index()])
    assert read_product_ids(dragged) == [b]
    first = item.child(0).index()
    assert sidebar.model.dropMimeData(dragged, Qt.DropAction.CopyAction, -1, 0, first)
    qtbot.waitUntil(lambda: stored(catalogue, collection.id) == (b, a, c), timeout=TIMEOUT)

    sidebar.remove_products(collection.id, [a])
    qtbot.waitUntil(lambda: stored(catalogue, collection.id) == (b, c), timeout=TIMEOUT)
    assert len(catalogue.products.ids()) == 3  # removed from the collection only


def test_a_real_drop_event_on_a_collection_adds_the_products(
    catalogue: Catalogue,
    products: list[uuid.UUID],
    sidebar: CollectionsSidebar,
    qtbot: Any,
) -> None:
    from PySide6.QtGui import QDropEvent

    collection = catalogue.collections.add("Dropped here")
    wait_for_names(qtbot, sidebar, ["Dropped here"])
    rect = sidebar.view.visualRect(sidebar.model.collection_item(collection.id).index())
    mime = product_ids_mime(products[:1])
    mime.setData("text/plain", b"not ids")
    event = QDropEvent(
        rect.center().toPointF(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    sidebar.view.dropEvent(event)
    qtbot.waitUntil(lambda: stored(catalogue, collection.id) == (products[0],), timeout=TIMEOUT)


def test_save_a_search_and_select_it(
    catalogue: Catalogue, sidebar: CollectionsSidebar, qtbot: Any, runner: Any
) -> None:
    with qtbot.waitSignal(sidebar.saved_search_selected, timeout=TIMEOUT) as selected:
        sidebar.save_search("Recent guides", "budget", {"type": ["guide"]}, "year")
    record = selected.args[0]
    assert (record.name, record.query, record.filters, record.sort) == (
        "Recent guides",
        "budget",
        {"type": ["guide"]},
        "year",
    )
    assert [s.name for s in sidebar.model.saved_searches()] == ["Recent guides"]

    # Selecting it again (after another selection) gives the record back.
    other = catalogue.collections.add("Elsewhere")
    wait_for_names(qtbot, sidebar, ["Elsewhere"])
    # Every reload done: a selection made while the tree reloads is restored quietly.
    qtbot.waitUntil(lambda: not runner.running, timeout=TIMEOUT)
    sidebar.select_collection(other.id)
    qtbot.waitUntil(lambda: sidebar.current_collection() == other.id, timeout=TIMEOUT)
    with qtbot.waitSignal(sidebar.saved_search_selected, timeout=TIMEOUT) as again:
        sidebar.select_saved_search(record.id)
    assert again.args[0].id == record.id
    assert sidebar.current_saved_search() == record.id
    assert sidebar.current_collection() is None

    # A bad filter is refused beside the tree, nothing saved.
    sidebar.save_search("Nothing", "", {"theme": ["no-such-theme"]})
    qtbot.waitUntil(lambda: sidebar.message.isVisibleTo(sidebar), timeout=TIMEOUT)
    assert len(catalogue.collections.saved_searches()) == 1

    sidebar.select_saved_search(record.id)
    sidebar.confirm = lambda question: True  # type: ignore[method-assign]
    sidebar.delete_selected()
    qtbot.waitUntil(lambda: sidebar.model.saved_searches() == [], timeout=TIMEOUT)
    assert catalogue.collections.saved_searches() == []


def test_placing_ids_in_a_collection_order() -> None:
    a, b, c, d = (uuid.uuid4() for _ in range(4))
    assert placed([a, b], [b, c], None) == [a, b, c]
    assert placed([a, b, c], [c], 0) == [c, a, b]
    assert placed([a, b, c], [a], 3) == [b, c, a]
    assert placed([a, b, c], [a], 2) == [b, a, c]
    assert placed([a, b, c], [d], 1) == [a, d, b, c]
    mime = product_ids_mime([a])
    mime.setData(PRODUCT_IDS_MIME, f"{a}\nnot-a-uuid\n{a}\n{b}".encode())
    assert read_product_ids(mime) == [a, b]
    assert QModelIndex().isValid() is False
