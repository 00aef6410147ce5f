"""A table of records waiting for a person's decision (kept conflicts, partners' contributions).

:class:`ReviewTable` holds what such views share: the table over a
:class:`~kmdesk.gui.record_table.RecordTableModel`, the rows read in the background (and read
again when the catalogue announces a change), the selection kept across a reload, and actions
that write through the core on the operations runner, then read the rows again; the status
line says what the last action did and how many rows are left. A subclass says how rows are
read (:meth:`read_rows`, on a worker thread), how a row is known again (:meth:`row_key`), what
the status line counts (:meth:`summary`), which buttons act (:meth:`action_buttons`) and what
follows a change of selection (:meth:`selection_changed`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kmdesk.catalogue import Catalogue
from kmdesk.gui import bundle_import
from kmdesk.gui.operations import OperationsRunner
from kmdesk.gui.record_table import RecordTableModel
from kmdesk.gui.watcher import CatalogueWatcher


class ReviewTable[Row](QWidget):
    """Rows to review, read in the background, with actions that write and read again."""

    def __init__(
        self,
        catalogue: Catalogue,
        runner: OperationsRunner,
        model: RecordTableModel[Row],
        watcher: CatalogueWatcher | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._runner = runner
        self._busy = 0
        self._last_action = ""
        self.model = model
        if model.parent() is None:
            model.setParent(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self._watcher = watcher

    def lay_out(self, intro: str, details: QWidget) -> None:
        """Put the parts in place: ``intro`` (what the view is for) on top, the table over
        ``details`` (about the selected row), the status line and :meth:`action_buttons` under
        them; then follow the catalogue's changes and read the rows."""
        self.intro = QLabel(intro, self)
        self.intro.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in self.action_buttons():
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self._start()

    def _start(self) -> None:
        """Follow the catalogue's changes and read the rows (once the subclass is built)."""
        if self._watcher is not None:
            self._watcher.changed.connect(self.refresh)
        self.selection_changed(None)
        self.refresh()

    # -- what a subclass says --------------------------------------------------------------------

    @staticmethod
    def read_rows(catalogue: Catalogue) -> Sequence[Row]:
        """The rows, read from ``catalogue`` (on a worker thread: no Qt here)."""
        raise NotImplementedError

    def row_key(self, row: Row) -> Hashable:
        """What identifies a row across reloads."""
        raise NotImplementedError

    def summary(self, rows: Sequence[Row]) -> str:
        """The status line's count of what is left to review."""
        raise NotImplementedError

    def action_buttons(self) -> list[QPushButton]:
        """The buttons disabled while an action runs."""
        raise NotImplementedError

    def selection_changed(self, row: Row | None) -> None:
        """The selected row changed (``None``: none): enable buttons, show details."""
        raise NotImplementedError

    # -- reading ---------------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        """Whether the rows are being read or an action is running."""
        return self._busy > 0

    @Slot()
    def refresh(self, _changes: object = None) -> None:
        """Read the rows again in the background."""
        catalogue = self._catalogue
        read = self.read_rows
        self._busy += 1
        operation = self._runner.run(
            lambda progress, cancel: read(catalogue),
            on_done=self._loaded,
            on_error=self._failed,
            key=f"{type(self).__name__}-{id(self)}",
        )
        operation.ended.connect(self._ended)

    @Slot()
    def _ended(self) -> None:
        self._busy -= 1

    @Slot(object)
    def _loaded(self, rows: Sequence[Row]) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        if selected is not None:
            self.select(self.row_key(selected))
        self.status.setText(f"{self._last_action} {self.summary(rows)}".strip())
        self._last_action = ""
        self._selection_changed()

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self.status.setText(bundle_import.describe_error(error))

    # -- selection -------------------------------------------------------------------------------

    def selected(self) -> Row | None:
        """The row selected in the table."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select(self, key: Hashable) -> bool:
        """Select the row that :meth:`row_key` calls ``key``; whether it is shown."""
        for number in range(self.model.rowCount()):
            if self.row_key(self.model.row_at(number)) == key:
                self.table.selectRow(number)
                return True
        return False

    @Slot()
    def _selection_changed(self, *_args: Any) -> None:
        self.selection_changed(self.selected())

    # -- acting ----------------------------------------------------------------------------------

    def act(self, change: Callable[[], object], done_text: str) -> None:
        """Run ``change`` (a write through the core) in the background, then read the rows
        again; the status line starts with ``done_text``, or with what went wrong."""
        for button in self.action_buttons():
            button.setEnabled(False)
        self._busy += 1

        def done(_result: object) -> None:
            self._last_action = done_text
            self.refresh()

        def failed(error: BaseException) -> None:
            self._last_action = bundle_import.describe_error(error)
            self.refresh()

        operation = self._runner.run(
            lambda progress, cancel: change(), on_done=done, on_error=failed
        )
        operation.ended.connect(self._ended)
