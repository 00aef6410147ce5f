"""The sidebar of collections and saved searches.

A tree over :class:`CollectionsModel` (Qt model/view): a "Collections" group whose collections
open onto their products (fetched when a collection is expanded), and a "Saved searches" group.
Collections are created, renamed (F2, double-click), deleted (after a confirmation) and filled by
dropping products on them: the results list drags ids as :data:`PRODUCT_IDS_MIME` (UTF-8 text,
one UUID per line). The order of products inside a collection is stored by the core, so products
can be dragged within their collection or moved up and down; the core keeps no order between
collections (they are listed by name). Every write goes through the operations runner, and the
tree follows the catalogue's change announcements.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QKeySequence, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from kmdesk.errors import ValidationError
from kmdesk.gui.operations import OperationsRunner
from kmdesk.gui.questions import ask_yes_no
from kmdesk.gui.term_picker import error_colour
from kmdesk.records import CollectionRecord, SavedSearchRecord

if TYPE_CHECKING:
    from kmdesk.catalogue import Catalogue
    from kmdesk.changes import Changes
    from kmdesk.gui.watcher import CatalogueWatcher

#: The MIME type of dragged products: UTF-8 text, one product UUID per line.
PRODUCT_IDS_MIME = "application/x-kmdesk-product-ids"
#: Set on products dragged out of a collection in this sidebar: that collection's UUID.
SOURCE_COLLECTION_MIME = "application/x-kmdesk-collection-id"

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
RECORD_ROLE = Qt.ItemDataRole.UserRole + 3

COLLECTIONS_GROUP = "collections"
SEARCHES_GROUP = "saved-searches"
COLLECTION = "collection"
PRODUCT = "product"
SAVED_SEARCH = "saved-search"


def product_ids_mime(ids: Iterable[uuid.UUID]) -> QMimeData:
    """Mime data carrying product ids, as the results list and this sidebar drag them."""
    data = QMimeData()
    data.setData(PRODUCT_IDS_MIME, QByteArray("\n".join(str(i) for i in ids).encode("utf-8")))
    return data


def read_product_ids(data: QMimeData) -> list[uuid.UUID]:
    """The product ids in dragged mime data (lines that are not UUIDs are skipped)."""
    if not data.hasFormat(PRODUCT_IDS_MIME):
        return []
    text = bytes(data.data(PRODUCT_IDS_MIME).data()).decode("utf-8", errors="replace")
    ids: list[uuid.UUID] = []
    for line in text.splitlines():
        try:
            product_id = uuid.UUID(line.strip())
        except ValueError:
            continue
        if product_id not in ids:
            ids.append(product_id)
    return ids


def placed(
    current: Sequence[uuid.UUID], ids: Sequence[uuid.UUID], position: int | None
) -> list[uuid.UUID]:
    """The collection order after putting ``ids`` at ``position`` (``None``: add at the end).

    At a position, the ids already in the collection move there; without one, they stay where
    they are and only new ids are added at the end.
    """
    if position is None:
        return list(current) + [i for i in dict.fromkeys(ids) if i not in current]
    moving = set(ids)
    before = sum(1 for i in current[: max(0, position)] if i in moving)
    kept = [i for i in current if i not in moving]
    at = max(0, min(len(kept), position - before))
    return kept[:at] + list(dict.fromkeys(ids)) + kept[at:]


class CollectionsModel(QStandardItemModel):
    """Collections (with their products, fetched on demand) and saved searches, in two groups.

    The model never writes: a rename, a drop or a fetch is asked for by a signal, and the
    sidebar answers through the core, then refreshes the model from what it announces.
    """

    #: A collection was renamed in the view: (collection id, new name).
    rename_requested = Signal(object, str)
    #: Products were dropped: (collection id, product ids, position or None for "add").
    drop_requested = Signal(object, object, object)
    #: A collection was expanded and its products are needed: (collection id).
    fetch_requested = Signal(object)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setColumnCount(2)
        self.collections_group = self._group(self.tr("Collections"), COLLECTIONS_GROUP)
        self.searches_group = self._group(self.tr("Saved searches"), SEARCHES_GROUP)
        self._loaded: set[uuid.UUID] = set()
        self._loading: set[uuid.UUID] = set()

    def _group(self, text: str, kind: str) -> QStandardItem:
        item = QStandardItem(text)
        item.setData(kind, KIND_ROLE)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        count = QStandardItem("")
        count.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.appendRow([item, count])
        return item

    # -- contents ----------------------------------------------------------------------------

    def set_contents(
        self, collections: Sequence[CollectionRecord], searches: Sequence[SavedSearchRecord]
    ) -> None:
        """Show these collections and saved searches (products are fetched again on demand)."""
        self._loaded.clear()
        self._loading.clear()
        self.collections_group.removeRows(0, self.collections_group.rowCount())
        self.searches_group.removeRows(0, self.searches_group.rowCount())
        for collection in collections:
            self.collections_group.appendRow(self._collection_row(collection))
        for search in searches:
            item = QStandardItem(search.name)
            item.setData(SAVED_SEARCH, KIND_ROLE)
            item.setData(search.id, ID_ROLE)
            item.setData(search, RECORD_ROLE)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setToolTip(_search_tooltip(search))
            blank = QStandardItem("")
            blank.setFlags(item.flags())
            self.searches_group.appendRow([item, blank])
        self._set_group_count(self.collections_group, len(collections))
        self._set_group_count(self.searches_group, len(searches))

    def _set_group_count(self, group: QStandardItem, count: int) -> None:
        sibling = self.item(group.row(), 1)
        if sibling is not None:
            sibling.setText(str(count))

    def _collection_row(self, collection: CollectionRecord) -> list[QStandardItem]:
        item = QStandardItem(collection.name)
        item.setData(COLLECTION, KIND_ROLE)
        item.setData(collection.id, ID_ROLE)
        item.setData(collection, RECORD_ROLE)
        item.setFlags(
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemIsDropEnabled
        )
        item.setToolTip(collection.description or collection.name)
        count = QStandardItem(str(len(collection.products)))
        count.setData(COLLECTION, KIND_ROLE)
        count.setData(collection.id, ID_ROLE)
        count.setFlags(
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled
        )
        count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return [item, count]

    def set_products(
        self, collection_id: uuid.UUID, products: Sequence[tuple[uuid.UUID, str]]
    ) -> None:
        """Show a collection's products, in order, as (id, title) pairs."""
        self._loading.discard(collection_id)
        item = self.collection_item(collection_id)
        if item is None:
            return
        item.removeRows(0, item.rowCount())
        for product_id, title in products:
            child = QStandardItem(title)
            child.setData(PRODUCT, KIND_ROLE)
            child.setData(product_id, ID_ROLE)
            child.setToolTip(title)
            child.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDragEnabled
                | Qt.ItemFlag.ItemIsDropEnabled
            )
            blank = QStandardItem("")
            blank.setFlags(child.flags())
            item.appendRow([child, blank])
        self._loaded.add(collection_id)

    def loaded_products(self) -> set[uuid.UUID]:
        """The products shown under expanded collections."""
        found: set[uuid.UUID] = set()
        for row in range(self.collections_group.rowCount()):
            collection = self.collections_group.child(row)
            for child_row in range(collection.rowCount()):
                found.add(collection.child(child_row).data(ID_ROLE))
        return found

    # -- lookups -----------------------------------------------------------------------------

    def collection_item(self, collection_id: uuid.UUID) -> QStandardItem | None:
        """The item of a collection, if shown."""
        for row in range(self.collections_group.rowCount()):
            item = self.collections_group.child(row)
            if item.data(ID_ROLE) == collection_id:
                return item
        return None

    def search_item(self, search_id: uuid.UUID) -> QStandardItem | None:
        """The item of a saved search, if shown."""
        for row in range(self.searches_group.rowCount()):
            item = self.searches_group.child(row)
            if item.data(ID_ROLE) == search_id:
                return item
        return None

    def collections(self) -> list[CollectionRecord]:
        """The collections shown, in order."""
        return [
            self.collections_group.child(row).data(RECORD_ROLE)
            for row in range(self.collections_group.rowCount())
        ]

    def saved_searches(self) -> list[SavedSearchRecord]:
        """The saved searches shown, in order."""
        return [
            self.searches_group.child(row).data(RECORD_ROLE)
            for row in range(self.searches_group.rowCount())
        ]

    def kind(self, index: QModelIndex) -> str | None:
        """What ``index`` shows: a group, a collection, a product or a saved search."""
        if not index.isValid():
            return None
        value = index.siblingAtColumn(0).data(KIND_ROLE)
        return str(value) if value is not None else None

    def collection_of(self, index: QModelIndex) -> uuid.UUID | None:
        """The collection that ``index`` is, or holds ``index`` as a product."""
        kind = self.kind(index)
        if kind == COLLECTION:
            return index.siblingAtColumn(0).data(ID_ROLE)
        if kind == PRODUCT:
            return index.parent().siblingAtColumn(0).data(ID_ROLE)
        return None

    # -- lazy products -----------------------------------------------------------------------

    def _unloaded_collection(self, parent: QModelIndex) -> CollectionRecord | None:
        if parent.column() != 0 or self.kind(parent) != COLLECTION:
            return None
        record = parent.data(RECORD_ROLE)
        if isinstance(record, CollectionRecord) and record.id not in self._loaded:
            return record
        return None

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        record = self._unloaded_collection(_plain(parent))
        if record is not None:
            return bool(record.products)
        return super().hasChildren(parent)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        record = self._unloaded_collection(_plain(parent))
        return record is not None and bool(record.products) and record.id not in self._loading

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        record = self._unloaded_collection(_plain(parent))
        if record is not None and record.id not in self._loading:
            self._loading.add(record.id)
            self.fetch_requested.emit(record.id)

    # -- editing -----------------------------------------------------------------------------

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value: Any,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        """A collection renamed in the view asks the sidebar to rename it in the catalogue."""
        model_index = _plain(index)
        if role == Qt.ItemDataRole.EditRole and self.kind(model_index) == COLLECTION:
            name = str(value)
            if name == model_index.data(Qt.ItemDataRole.DisplayRole):
                return False
            collection_id = model_index.data(ID_ROLE)
            changed = super().setData(index, name, role)
            self.rename_requested.emit(collection_id, name)
            return changed
        return super().setData(index, value, role)

    # -- drag and drop -----------------------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [PRODUCT_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids: list[uuid.UUID] = []
        sources: set[uuid.UUID] = set()
        for index in indexes:
            if index.column() == 0 and self.kind(index) == PRODUCT:
                ids.append(index.data(ID_ROLE))
                source = self.collection_of(index)
                if source is not None:
                    sources.add(source)
        data = product_ids_mime(ids)
        if len(sources) == 1:
            data.setData(SOURCE_COLLECTION_MIME, QByteArray(str(sources.pop()).encode()))
        return data

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        # Copy: the view must not remove the dragged rows; the core's order is what shows.
        return Qt.DropAction.CopyAction

    def _drop_target(self, row: int, parent: QModelIndex) -> tuple[uuid.UUID, int | None] | None:
        kind = self.kind(parent)
        if kind == COLLECTION:
            collection_id = self.collection_of(parent)
            if collection_id is None:
                return None
            loaded = collection_id in self._loaded
            return collection_id, (row if row >= 0 and loaded else None)
        if kind == PRODUCT:
            collection_id = self.collection_of(parent)
            if collection_id is None:
                return None
            return collection_id, parent.row()
        return None

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        return bool(read_product_ids(data)) and (self._drop_target(row, _plain(parent)) is not None)

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        """Products dropped on a collection (or among its products) are added there."""
        if action == Qt.DropAction.IgnoreAction:
            return True
        ids = read_product_ids(data)
        target = self._drop_target(row, _plain(parent))
        if not ids or target is None:
            return False
        collection_id, position = target
        self.drop_requested.emit(collection_id, ids, position)
        return True


def _plain(index: QModelIndex | QPersistentModelIndex) -> QModelIndex:
    """A plain index for one that may be persistent."""
    return index.sibling(index.row(), index.column()) if index.isValid() else QModelIndex()


def _search_tooltip(search: SavedSearchRecord) -> str:
    parts = [f"“{search.query}”"] if search.query else []
    parts += [f"{name}: {', '.join(map(str, values))}" for name, values in search.filters.items()]
    return "\n".join(parts) or search.name


class CollectionsSidebar(QWidget):
    """Collections and saved searches; selecting one tells the main window what to show."""

    #: A collection was selected: its id (a UUID); the main window shows its products.
    collection_selected = Signal(object)
    #: A saved search was selected: its :class:`~kmdesk.records.SavedSearchRecord`.
    saved_search_selected = Signal(object)
    #: A product inside a collection was selected: its id.
    product_selected = Signal(object)
    #: The tree was reloaded from the catalogue (tests and the main window may wait for it).
    refreshed = Signal()

    def __init__(
        self,
        catalogue: Catalogue,
        runner: OperationsRunner,
        watcher: CatalogueWatcher,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.runner = runner
        self._quiet = False
        self._pending_select: tuple[str, uuid.UUID, bool] | None = None
        self.model = CollectionsModel(self)
        self.model.rename_requested.connect(self.rename_collection)
        self.model.drop_requested.connect(self._dropped)
        self.model.fetch_requested.connect(self._fetch_products)

        self.view = QTreeView(self)
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setAccessibleName(self.tr("Collections and saved searches"))
        self.view.setUniformRowHeights(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.view.setDropIndicatorShown(True)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.view.expand(self.model.collections_group.index())
        self.view.expand(self.model.searches_group.index())
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        palette = self.message.palette()
        palette.setColor(QPalette.ColorRole.WindowText, error_colour(palette))
        self.message.setPalette(palette)
        self.message.hide()

        self._make_actions()
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for action in (
            self.new_action,
            self.delete_action,
            self.move_up_action,
            self.move_down_action,
        ):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setAccessibleName(action.toolTip() or action.text())
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        watcher.changed.connect(self._on_changes)
        self._update_actions()
        self.refresh()

    # -- actions -----------------------------------------------------------------------------

    def _action(self, text: str, tip: str, slot: Any, shortcut: QKeySequence | None) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.new_action = self._action(
            self.tr("New"),
            self.tr("New collection"),
            self.new_collection,
            QKeySequence(QKeySequence.StandardKey.New),
        )
        self.rename_action = self._action(
            self.tr("Rename"),
            self.tr("Rename the collection"),
            self.rename_selected,
            QKeySequence(Qt.Key.Key_F2),
        )
        self.rename_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action = self._action(
            self.tr("Delete…"),
            self.tr("Delete the selected collection or saved search"),
            self.delete_selected,
            QKeySequence(QKeySequence.StandardKey.Delete),
        )
        self.remove_action = self._action(
            self.tr("Remove from collection"),
            self.tr("Remove the selected products from their collection"),
            self.remove_selected_products,
            None,
        )
        self.move_up_action = self._action(
            self.tr("Move up"),
            self.tr("Move the product up in its collection"),
            lambda: self.move_selected(-1),
            QKeySequence("Alt+Up"),
        )
        self.move_down_action = self._action(
            self.tr("Move down"),
            self.tr("Move the product down in its collection"),
            lambda: self.move_selected(1),
            QKeySequence("Alt+Down"),
        )

    def _selected(self) -> list[QModelIndex]:
        return [i for i in self.view.selectionModel().selectedRows(0)]

    def _update_actions(self) -> None:
        kinds = {self.model.kind(i) for i in self._selected()}
        self.rename_action.setEnabled(kinds == {COLLECTION} and len(self._selected()) == 1)
        self.delete_action.setEnabled(bool(kinds) and kinds <= {COLLECTION, SAVED_SEARCH, PRODUCT})
        single_product = kinds == {PRODUCT} and len(self._selected()) == 1
        self.remove_action.setEnabled(kinds == {PRODUCT})
        self.move_up_action.setEnabled(single_product)
        self.move_down_action.setEnabled(single_product)

    def _context_menu(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        menu = QMenu(self)
        kind = self.model.kind(index)
        if kind == COLLECTION:
            menu.addAction(self.rename_action)
            menu.addAction(self.delete_action)
            menu.addSeparator()
        elif kind == PRODUCT:
            menu.addAction(self.move_up_action)
            menu.addAction(self.move_down_action)
            menu.addAction(self.remove_action)
            menu.addSeparator()
        elif kind == SAVED_SEARCH:
            menu.addAction(self.delete_action)
            menu.addSeparator()
        menu.addAction(self.new_action)
        menu.popup(self.view.viewport().mapToGlobal(point))

    # -- reading -----------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Reload collections and saved searches from the catalogue (in the background)."""
        catalogue = self.catalogue

        def work(
            _progress: Any, _cancel: Any
        ) -> tuple[list[CollectionRecord], list[SavedSearchRecord]]:
            return catalogue.collections.all(), catalogue.collections.saved_searches()

        self.runner.run(
            work,
            on_done=self._show,
            on_error=self._show_message,
            key=f"collections-sidebar-{id(self)}",
        )

    def _show(self, result: tuple[list[CollectionRecord], list[SavedSearchRecord]]) -> None:
        collections, searches = result
        expanded = {
            c.id
            for c in self.model.collections()
            if (item := self.model.collection_item(c.id)) is not None
            and self.view.isExpanded(item.index())
        }
        selected = self._selected()
        previous = {c.id: c for c in self.model.collections()}
        keep: tuple[str, uuid.UUID] | None = None
        if len(selected) == 1 and (kind := self.model.kind(selected[0])) is not None:
            keep = (kind, selected[0].data(ID_ROLE))
        self._quiet = True
        try:
            self.model.set_contents(collections, searches)
            for collection_id in expanded:
                item = self.model.collection_item(collection_id)
                if item is not None:
                    self.view.expand(item.index())
            pending, self._pending_select = self._pending_select, None
            if pending is None and keep is not None:
                self._select(*keep)
        finally:
            self._quiet = False
        if pending is not None:
            self._select(pending[0], pending[1], edit=pending[2])
        self._update_actions()
        # The selected collection's products changed: show them again.
        current = self.current_collection()
        if current is not None and pending is None:
            now = next((c for c in collections if c.id == current), None)
            old = previous.get(current)
            if now is not None and old is not None and old.products != now.products:
                self.collection_selected.emit(current)
        self.refreshed.emit()

    def _fetch_products(self, collection_id: uuid.UUID) -> None:
        catalogue = self.catalogue

        def work(_progress: Any, _cancel: Any) -> list[tuple[uuid.UUID, str]]:
            ids = catalogue.collections.get(collection_id).products
            return [(r.id, r.title) for r in catalogue.products.records(list(ids))]

        self.runner.run(
            work,
            on_done=lambda products: self.model.set_products(collection_id, products),
            on_error=self._show_error,
            key=f"collections-sidebar-products-{collection_id}",
        )

    def _on_changes(self, changes: Changes) -> None:
        if (
            changes.collections
            or changes.saved_searches
            or changes.deleted_products
            or (changes.products & self.model.loaded_products())
        ):
            self.refresh()

    # -- selection ---------------------------------------------------------------------------

    def _index_of(self, kind: str, record_id: uuid.UUID) -> QModelIndex:
        if kind == COLLECTION:
            item = self.model.collection_item(record_id)
        elif kind == SAVED_SEARCH:
            item = self.model.search_item(record_id)
        else:
            item = None
        return item.index() if item is not None else QModelIndex()

    def _select(self, kind: str, record_id: uuid.UUID, *, edit: bool = False) -> None:
        index = self._index_of(kind, record_id)
        if not index.isValid():
            return
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        if edit:
            self.view.edit(index)

    def select_collection(self, collection_id: uuid.UUID) -> None:
        """Select a collection (emits :attr:`collection_selected`)."""
        self._select(COLLECTION, collection_id)

    def select_saved_search(self, search_id: uuid.UUID) -> None:
        """Select a saved search (emits :attr:`saved_search_selected`)."""
        self._select(SAVED_SEARCH, search_id)

    def current_collection(self) -> uuid.UUID | None:
        """The collection selected (or holding the selected product), if any."""
        selected = self._selected()
        return self.model.collection_of(selected[0]) if len(selected) == 1 else None

    def current_saved_search(self) -> uuid.UUID | None:
        """The id of the saved search selected, if any."""
        selected = self._selected()
        if len(selected) == 1 and self.model.kind(selected[0]) == SAVED_SEARCH:
            search_id = selected[0].data(ID_ROLE)
            return search_id if isinstance(search_id, uuid.UUID) else None
        return None

    def _selection_changed(self, *_args: Any) -> None:
        self._update_actions()
        if self._quiet:
            return
        self.message.hide()
        selected = self._selected()
        if len(selected) != 1:
            return
        index = selected[0]
        kind = self.model.kind(index)
        if kind == COLLECTION:
            self.collection_selected.emit(index.data(ID_ROLE))
        elif kind == SAVED_SEARCH:
            self.saved_search_selected.emit(index.data(RECORD_ROLE))
        elif kind == PRODUCT:
            self.product_selected.emit(index.data(ID_ROLE))

    # -- writing -----------------------------------------------------------------------------

    def _write(self, work: Any, on_done: Any = None) -> None:
        catalogue = self.catalogue
        self.message.hide()

        def call(_progress: Any, _cancel: Any) -> Any:
            return work(catalogue)

        self.runner.run(
            call,
            on_done=on_done,
            on_error=self._show_error,
            label=self.tr("Saving the collections…"),
            parent=self,
            cancellable=False,
        )

    def _show_message(self, error: BaseException) -> None:
        if isinstance(error, ValidationError) and error.field == "name":
            text = self.tr("The name {problem}.").format(problem=error.problem)
        else:
            text = str(error)
        self.message.setText(text)
        self.message.show()

    def _show_error(self, error: BaseException) -> None:
        """A refused write: say why under the tree, and show what the catalogue holds."""
        self._show_message(error)
        self.refresh()

    def _unique_name(self) -> str:
        base = self.tr("New collection")
        names = {c.name.casefold() for c in self.model.collections()}
        name, number = base, 2
        while name.casefold() in names:
            name, number = f"{base} {number}", number + 1
        return name

    @Slot()
    def new_collection(self, name: str | None = None) -> None:
        """Create a collection (named "New collection" unless ``name``), then rename it in place."""
        chosen = name or self._unique_name()

        def done(record: CollectionRecord) -> None:
            self._pending_select = (COLLECTION, record.id, name is None)
            self.refresh()

        self._write(lambda c: c.collections.add(chosen), done)

    @Slot()
    def rename_selected(self) -> None:
        """Start renaming the selected collection in place."""
        selected = self._selected()
        if len(selected) == 1 and self.model.kind(selected[0]) == COLLECTION:
            self.view.edit(selected[0])

    @Slot(object, str)
    def rename_collection(self, collection_id: uuid.UUID, name: str) -> None:
        """Rename a collection."""
        self._write(lambda c: c.collections.update(collection_id, name=name))

    def confirm(self, question: str) -> bool:
        """Ask before deleting (a seam tests replace)."""
        return ask_yes_no(self, self.tr("Delete"), question)

    @Slot()
    def delete_selected(self) -> None:
        """Delete the selected collections or saved searches (after asking); remove products."""
        selected = self._selected()
        if any(self.model.kind(i) == PRODUCT for i in selected):
            self.remove_selected_products()
            return
        collections = [i.data(RECORD_ROLE) for i in selected if self.model.kind(i) == COLLECTION]
        searches = [i.data(RECORD_ROLE) for i in selected if self.model.kind(i) == SAVED_SEARCH]
        if not collections and not searches:
            return
        names = ", ".join(f"“{r.name}”" for r in [*collections, *searches])
        if len(collections) + len(searches) == 1:
            if collections:
                question = self.tr(
                    "Delete the collection {names}? Its products stay in the catalogue."
                )
            else:
                question = self.tr("Delete the saved search {names}?")
        else:
            question = self.tr("Delete {names}? Products stay in the catalogue.")
        if not self.confirm(question.format(names=names)):
            return
        self.delete_records([r.id for r in collections], [r.id for r in searches])

    def delete_records(
        self, collection_ids: Sequence[uuid.UUID], search_ids: Sequence[uuid.UUID] = ()
    ) -> None:
        """Delete collections and saved searches, without asking."""

        def work(catalogue: Catalogue) -> None:
            for collection_id in collection_ids:
                catalogue.collections.delete(collection_id)
            for search_id in search_ids:
                catalogue.collections.delete_saved_search(search_id)

        self._write(work)

    def add_products(
        self,
        collection_id: uuid.UUID,
        ids: Sequence[uuid.UUID],
        position: int | None = None,
    ) -> None:
        """Add products to a collection (at the end, or at ``position``, moving those there)."""
        ids = list(ids)

        def work(catalogue: Catalogue) -> None:
            current = catalogue.collections.get(collection_id).products
            wanted = placed(current, ids, position)
            if wanted != list(current):
                catalogue.collections.update(collection_id, products=wanted)

        self._write(work)

    def remove_products(self, collection_id: uuid.UUID, ids: Sequence[uuid.UUID]) -> None:
        """Take products out of a collection (they stay in the catalogue)."""
        removing = set(ids)

        def work(catalogue: Catalogue) -> None:
            current = catalogue.collections.get(collection_id).products
            wanted = [i for i in current if i not in removing]
            if len(wanted) != len(current):
                catalogue.collections.update(collection_id, products=wanted)

        self._write(work)

    def reorder_products(self, collection_id: uuid.UUID, ids: Sequence[uuid.UUID]) -> None:
        """Put a collection's products in this order (products not named keep to the end)."""
        self.add_products(collection_id, ids, 0)

    @Slot()
    def remove_selected_products(self) -> None:
        """Remove the selected products from their collections."""
        by_collection: dict[uuid.UUID, list[uuid.UUID]] = {}
        for index in self._selected():
            collection_id = self.model.collection_of(index)
            if self.model.kind(index) == PRODUCT and collection_id is not None:
                by_collection.setdefault(collection_id, []).append(index.data(ID_ROLE))
        for collection_id, ids in by_collection.items():
            self.remove_products(collection_id, ids)

    def move_selected(self, step: int) -> None:
        """Move the selected product up (``-1``) or down (``1``) in its collection."""
        selected = self._selected()
        if len(selected) != 1 or self.model.kind(selected[0]) != PRODUCT:
            return
        index = selected[0]
        collection_id = self.model.collection_of(index)
        siblings = self.model.rowCount(index.parent())
        row = index.row()
        target = row + step
        if collection_id is None or not 0 <= target < siblings:
            return
        self.add_products(collection_id, [index.data(ID_ROLE)], target if step < 0 else target + 1)

    def _dropped(
        self, collection_id: uuid.UUID, ids: list[uuid.UUID], position: int | None
    ) -> None:
        self.add_products(collection_id, ids, position)

    # -- saved searches ----------------------------------------------------------------------

    def save_search(
        self,
        name: str,
        query: str,
        filters: Mapping[str, Sequence[str]] | None = None,
        sort: str = "relevance",
    ) -> None:
        """Save the current search under ``name`` (the main window's "Save current search…")."""

        def done(record: SavedSearchRecord) -> None:
            self._pending_select = (SAVED_SEARCH, record.id, False)
            self.refresh()

        self._write(
            lambda c: c.collections.add_saved_search(name, query, dict(filters or {}), sort), done
        )
