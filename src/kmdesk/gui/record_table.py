"""A table model over a short list of plain records, one per row (conflicts, contributions, keys).

Subclasses give the column titles (:meth:`RecordTableModel.headers`, translated) and the cells
(``data``); the list, its replacement and the counts are here once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class RecordTableModel[Row](QAbstractTableModel):
    """Records shown one per row, replaced as a whole by :meth:`set_rows`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    def headers(self) -> tuple[str, ...]:
        """The column titles, in the current language."""
        raise NotImplementedError

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Show ``rows`` instead of what was shown."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Row]:
        """Every record shown, in order."""
        return list(self._rows)

    def row_at(self, row: int) -> Row:
        """The record shown in ``row``."""
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.headers()[section]
