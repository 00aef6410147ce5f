"""Contributions: products and needs partners sent back in return bundles, for a curator's review.

Importing a return bundle holds the partner's own products and knowledge needs (with their
attachments and links) until a curator decides. This view lists the pending ones (what, who sent
it, from which installation, when), shows the proposed record beside the list, and accepts (it
joins the catalogue, still naming who made it) or rejects (it is kept as rejected, its files go)
the selected one. The list is read in the background and refreshed from the catalogue's change
announcements.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    Qt,
    Slot,
)
from PySide6.QtWidgets import (
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from kmdesk.bundles.contributions import ContributionRecord, accept, contributions, reject
from kmdesk.catalogue import Catalogue
from kmdesk.gui import bundle_import
from kmdesk.gui.conflicts_view import format_value
from kmdesk.gui.operations import OperationsRunner
from kmdesk.gui.record_table import Index, RecordTableModel
from kmdesk.gui.review_table import ReviewTable
from kmdesk.gui.watcher import CatalogueWatcher


@dataclass(frozen=True, slots=True)
class ContributionRow:
    """One pending contribution with the name this catalogue knows its installation by."""

    contribution: ContributionRecord
    #: The name of the sender's key here ("" when the key is not known).
    known_as: str


def load_contributions(catalogue: Catalogue) -> list[ContributionRow]:
    """Pending contributions, oldest first (on a worker thread)."""
    names = {key.installation: key.name for key in catalogue.keys.all()}
    return [
        ContributionRow(item, names.get(item.installation, ""))
        for item in contributions(catalogue, status="pending")
    ]


class ContributionsModel(RecordTableModel[ContributionRow]):
    """Pending contributions, one per row: what, title, who, installation, received."""

    KIND, TITLE, CONTRIBUTOR, INSTALLATION, RECEIVED = range(5)

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("What"),
            self.tr("Title"),
            self.tr("Sent by"),
            self.tr("Key known here as"),
            self.tr("Received"),
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        row = self.row_at(index.row())
        item = row.contribution
        column = index.column()
        if column == self.KIND:
            return self.tr("Knowledge product") if item.kind == "product" else self.tr("Need")
        if column == self.TITLE:
            return item.title
        if column == self.CONTRIBUTOR:
            return item.contributor or self.tr("(no name)")
        if column == self.INSTALLATION:
            return row.known_as or self.tr("Unknown key ({id})").format(id=item.installation[:8])
        return bundle_import.format_time(item.received)


class ContributionsView(ReviewTable[ContributionRow]):
    """Pending contributions for curators, with Accept and Reject."""

    def __init__(
        self,
        catalogue: Catalogue,
        runner: OperationsRunner,
        watcher: CatalogueWatcher | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(catalogue, runner, ContributionsModel(), watcher, parent)
        self.table.setAccessibleName(self.tr("Contributions waiting for review"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ContributionsModel.TITLE, QHeaderView.ResizeMode.Stretch)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("The proposed record"))
        self.details.setPlaceholderText(self.tr("Select a contribution to see what it proposes."))
        self.status.setAccessibleName(self.tr("Contributions status"))
        self.accept_button = QPushButton(self.tr("&Accept"), self)
        self.accept_button.setAccessibleName(self.tr("Accept the contribution"))
        self.accept_button.clicked.connect(self.accept_selected)
        self.reject_button = QPushButton(self.tr("Re&ject"), self)
        self.reject_button.setAccessibleName(self.tr("Reject the contribution"))
        self.reject_button.clicked.connect(self.reject_selected)
        self.lay_out(
            self.tr(
                "Products and knowledge needs that partners made and sent back in return "
                "bundles. Accept one to add it to the catalogue (with its files and links), "
                "or reject it."
            ),
            self.details,
        )

    @staticmethod
    def read_rows(catalogue: Catalogue) -> list[ContributionRow]:
        return load_contributions(catalogue)

    def row_key(self, row: ContributionRow) -> int:
        return row.contribution.id

    def summary(self, rows: Sequence[ContributionRow]) -> str:
        if rows:
            return self.tr("%n contribution(s) waiting for review.", "", len(rows))
        return self.tr("No contributions waiting.")

    def action_buttons(self) -> list[QPushButton]:
        return [self.accept_button, self.reject_button]

    def selection_changed(self, row: ContributionRow | None) -> None:
        self.accept_button.setEnabled(row is not None)
        self.reject_button.setEnabled(row is not None)
        self.details.setPlainText("" if row is None else self._describe(row))

    def _describe(self, row: ContributionRow) -> str:
        item = row.contribution
        what = self.tr("Knowledge product") if item.kind == "product" else self.tr("Need")
        lines = [
            f"{what}: {item.title}",
            self.tr("Sent by: {name}").format(name=item.contributor or self.tr("(no name)")),
            self.tr("Their key is known here as: {name}").format(
                name=row.known_as or self.tr("(not a trusted key)")
            ),
            self.tr("Installation: {id}").format(id=item.installation),
            self.tr("Received: {when}").format(when=bundle_import.format_time(item.received)),
        ]
        # The proposed values, where the core hands them over with the contribution.
        values: dict[str, Any] | None = getattr(item, "values", None)
        if values:
            lines.append("")
            lines.append(self.tr("Proposed values:"))
            for name, value in sorted(values.items()):
                if value not in (None, "", [], {}):
                    label = name.replace("_", " ").capitalize()
                    lines.append(f"  {label}: {format_value(value)}")
        return "\n".join(lines)

    @Slot()
    def accept_selected(self) -> None:
        """Let the selected contribution join the catalogue."""
        row = self.selected()
        if row is None:
            return
        item = row.contribution
        catalogue = self._catalogue
        self.act(
            lambda: accept(catalogue, item.id),
            self.tr("Accepted “{title}”.").format(title=item.title),
        )

    @Slot()
    def reject_selected(self) -> None:
        """Turn the selected contribution down (after asking)."""
        row = self.selected()
        if row is None:
            return
        item = row.contribution
        question = self.tr(
            "Reject “{title}” from {name}? It will not join the catalogue and its files are "
            "deleted."
        ).format(title=item.title, name=item.contributor or self.tr("(no name)"))
        if not bundle_import.ask_yes_no(self, self.tr("Reject the contribution"), question):
            return
        catalogue = self._catalogue
        self.act(
            lambda: reject(catalogue, item.id),
            self.tr("Rejected “{title}”.").format(title=item.title),
        )
