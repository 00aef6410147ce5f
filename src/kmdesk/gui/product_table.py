"""A lazy table model of products: it holds ids and fetches rows from the catalogue on demand.

Like Anki's browser table, the model keeps only the ordered list of product ids; the records
behind the visible rows are fetched in pages through :meth:`Catalogue.products` and cached.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from kmdesk.catalogue import Catalogue
from kmdesk.records import ProductRecord

_PAGE = 200


class ProductTableModel(QAbstractTableModel):
    """Title, type, year and languages of an ordered list of products."""

    def __init__(self, catalogue: Catalogue, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._ids: list[uuid.UUID] = []
        self._cache: dict[uuid.UUID, ProductRecord] = {}
        self._headers = (self.tr("Title"), self.tr("Type"), self.tr("Year"), self.tr("Languages"))

    def reload(self) -> None:
        """Fetch the list of ids again (after the catalogue announced a change)."""
        self.beginResetModel()
        self._ids = self._catalogue.products.ids()
        self._cache.clear()
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        record = self.record(index.row())
        if role == Qt.ItemDataRole.ToolTipRole:
            return record.summary[:400]
        column = index.column()
        if column == 0:
            return record.title
        if column == 1:
            return record.product_type.label
        if column == 2:
            return record.year or ""
        return ", ".join(record.languages)

    def record(self, row: int) -> ProductRecord:
        """The record of a row, fetching its page of records when not cached yet."""
        product_id = self._ids[row]
        if product_id not in self._cache:
            start = row - row % _PAGE
            page = self._ids[start : start + _PAGE]
            for record in self._catalogue.products.records(page):
                self._cache[record.id] = record
        return self._cache[product_id]
