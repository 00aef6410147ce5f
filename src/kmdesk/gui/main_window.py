"""The main window. For now: the catalogue's products in a table, with a status line.

The full desktop app (search, facets, detail, PDF viewer, knowledge map...) comes with its own
issue; this window already reads through the core only and refreshes on the catalogue's
change announcements.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QMainWindow, QTableView

from kmdesk.catalogue import Catalogue
from kmdesk.changes import Changes
from kmdesk.gui.product_table import ProductTableModel


class MainWindow(QMainWindow):
    """The catalogue's products, one per row."""

    def __init__(self, catalogue: Catalogue) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.setWindowTitle(self.tr("kmdesk — knowledge products"))
        self.resize(1100, 700)
        self.model = ProductTableModel(catalogue, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Knowledge products"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.setCentralWidget(self.table)
        self.status = QLabel(self)
        self.statusBar().addPermanentWidget(self.status)
        self._unsubscribe = catalogue.subscribe(self._on_changes)
        self.refresh()

    def refresh(self) -> None:
        """Reload the table and the counts."""
        self.model.reload()
        stats = self.catalogue.stats()
        self.status.setText(
            self.tr("Products: %n", "", stats.products)
            + " · "
            + self.tr("Knowledge needs: %n", "", stats.needs)
            + " · "
            + str(self.catalogue.folder)
        )
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _on_changes(self, changes: Changes) -> None:
        if changes.products or changes.deleted_products:
            self.refresh()

    def closeEvent(self, event) -> None:
        self._unsubscribe()
        super().closeEvent(event)
