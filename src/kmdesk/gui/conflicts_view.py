"""Conflicts: values that lost to a concurrent change elsewhere, kept for a person to review.

When this installation and another changed the same field of the same record without knowing of
each other's change, the import keeps one value (the later one) and stores the other here. The
view shows, for each, the record, the field, the kept losing value beside the current value, the
installation that made the losing value and when. Under the table, the selected conflict's two
versions are shown side by side (a note's text rendered as the note, through the sanitiser).
"Restore this value" makes the kept version current again (a new local edit that travels on as
the latest), "Dismiss" forgets it, and for a note's text or rating "Keep both" makes the kept
version a second, private note (``catalogue.annotations.keep_both``). The list is read in the
background and refreshed from the catalogue's change announcements.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QGroupBox,
    QHeaderView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kmdesk.catalogue import Catalogue
from kmdesk.catalogue.annotations import KEEP_BOTH_FIELDS
from kmdesk.catalogue.syncing import ConflictRecord
from kmdesk.errors import NotFoundError
from kmdesk.gui import bundle_import
from kmdesk.gui.operations import OperationsRunner
from kmdesk.gui.record_table import Index, RecordTableModel
from kmdesk.gui.review_table import ReviewTable
from kmdesk.gui.safe_browser import SafeBrowser
from kmdesk.gui.watcher import CatalogueWatcher
from kmdesk.markdown_safety import note_text, render_note


@dataclass(frozen=True, slots=True)
class ConflictRow:
    """One kept conflict with what the table shows beside it."""

    conflict: ConflictRecord
    record_title: str
    #: The field's value now, or None when the record was deleted since.
    current: Any
    record_exists: bool
    #: The name of the installation that made the losing value ("" when unknown).
    source: str
    #: Whether this installation made the losing value.
    source_is_here: bool
    made: dt.datetime | None


def stamp_installation(stamp: str) -> str:
    """The installation id a stamp ``WALL-COUNTER-INSTALLATION`` names."""
    return stamp.rsplit("-", 1)[-1] if "-" in stamp else ""


def stamp_time(stamp: str) -> dt.datetime | None:
    """When a stamp was made (its wall-clock part), in UTC."""
    try:
        return dt.datetime.fromtimestamp(int(stamp.split("-", 1)[0]) / 1000, dt.UTC)
    except (ValueError, OverflowError, OSError):
        return None


def record_title(values: dict[str, Any], record_id: uuid.UUID) -> str:
    """A record's name for people: its title, name or label, else the start of its id."""
    for key in ("title", "name", "label", "key", "quote", "body"):
        value = values.get(key)
        if isinstance(value, dict):  # labels by language
            value = value.get("en") or next(iter(value.values()), None)
        if value:
            if key == "body":  # a note's Markdown, as it reads
                value = note_text(str(value)) or value
            text = " ".join(str(value).split())
            return text if len(text) <= 60 else text[:59].rstrip() + "…"
    return str(record_id)[:8]


def load_conflicts(catalogue: Catalogue) -> list[ConflictRow]:
    """Every kept conflict with its record's title and current value (on a worker thread)."""
    names = {key.installation: key.name for key in catalogue.keys.all()}
    here = catalogue.installation_id
    rows = []
    for conflict in catalogue.sync.conflicts():
        try:
            values = catalogue.sync.record(conflict.kind, conflict.record_id).values
            exists = True
        except NotFoundError:
            values, exists = {}, False
        source = stamp_installation(conflict.stamp)
        rows.append(
            ConflictRow(
                conflict,
                record_title(values, conflict.record_id),
                values.get(conflict.field),
                exists,
                names.get(source, ""),
                source == here,
                stamp_time(conflict.stamp),
            )
        )
    return rows


def format_value(value: Any) -> str:
    """A field's value as text in a table cell."""
    if value is None or value == "" or value == []:
        return QCoreApplication.translate("ConflictsView", "(empty)")
    if isinstance(value, str):
        return " ".join(value.split())  # one line in a cell
    if isinstance(value, list):
        return ", ".join(str(v[0]) if isinstance(v, list) and v else str(v) for v in value)
    return json.dumps(value, ensure_ascii=False)


class ConflictsModel(RecordTableModel[ConflictRow]):
    """Kept conflicts, one per row: record, field, kept value, current value, from, when."""

    RECORD, FIELD, KEPT, CURRENT, SOURCE, WHEN = range(6)

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Record"),
            self.tr("Field"),
            self.tr("Kept value (not in use)"),
            self.tr("Current value"),
            self.tr("Kept value from"),
            self.tr("When"),
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(row, index.column())
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.text(row, index.column())
        return None

    def text(self, row: ConflictRow, column: int) -> str:
        """What the table shows for ``row`` in ``column``."""
        conflict = row.conflict
        if column == self.RECORD:
            deleted = "" if row.record_exists else " " + self.tr("(deleted since)")
            if conflict.kind == "product":
                return row.record_title + deleted
            if conflict.kind == "annotation":
                kind = self.tr("Note")
            else:
                kind = bundle_import.kind_label(conflict.kind)
            return f"{kind}: {row.record_title}{deleted}"
        if column == self.FIELD:
            return conflict.field.replace("_", " ").capitalize()
        if column == self.KEPT:
            return format_value(conflict.value)
        if column == self.CURRENT:
            return format_value(row.current) if row.record_exists else "—"
        if column == self.SOURCE:
            if row.source_is_here:
                return self.tr("This computer")
            installation = stamp_installation(conflict.stamp)[:8]
            return row.source or self.tr("Another installation ({id})").format(id=installation)
        if row.made is None:
            return ""
        made = QDateTime.fromMSecsSinceEpoch(int(row.made.timestamp() * 1000))
        return QLocale().toString(made, QLocale.FormatType.ShortFormat)


class ConflictsView(ReviewTable[ConflictRow]):
    """The kept conflicts, with "Restore this value", "Keep both" (a note's) and "Dismiss"."""

    #: The user double-clicked a conflict: the record's kind and id (to show it).
    record_activated = Signal(str, object)
    model: ConflictsModel

    def __init__(
        self,
        catalogue: Catalogue,
        runner: OperationsRunner,
        watcher: CatalogueWatcher | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(catalogue, runner, ConflictsModel(), watcher, parent)
        self.table.setAccessibleName(self.tr("Conflicts kept for review"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column in (ConflictsModel.RECORD, ConflictsModel.KEPT, ConflictsModel.CURRENT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for column in (ConflictsModel.FIELD, ConflictsModel.SOURCE, ConflictsModel.WHEN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(self._activated)
        self.status.setAccessibleName(self.tr("Conflicts status"))
        self.restore_button = QPushButton(self.tr("&Restore this value"), self)
        self.restore_button.setAccessibleName(self.tr("Restore the kept value"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.dismiss_button = QPushButton(self.tr("&Dismiss"), self)
        self.dismiss_button.setAccessibleName(self.tr("Dismiss the kept value"))
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        self.keep_both_button = QPushButton(self.tr("Keep &both"), self)
        self.keep_both_button.setAccessibleName(self.tr("Keep both versions as two notes"))
        self.keep_both_button.setToolTip(
            self.tr("The kept version becomes a second, private note; the note in use stays.")
        )
        self.keep_both_button.clicked.connect(self.keep_both_selected)

        # The selected conflict's two versions, side by side.
        self.kept_box = QGroupBox(self.tr("Kept version (not in use)"), self)
        self.kept_view = SafeBrowser(self.kept_box)
        self.kept_view.setAccessibleName(self.tr("Kept version"))
        self.current_box = QGroupBox(self.tr("Version in use"), self)
        self.current_view = SafeBrowser(self.current_box)
        self.current_view.setAccessibleName(self.tr("Version in use"))
        for box, browser in (
            (self.kept_box, self.kept_view),
            (self.current_box, self.current_view),
        ):
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(4, 4, 4, 4)
            box_layout.addWidget(browser)
        versions = QSplitter(Qt.Orientation.Horizontal, self)
        versions.setChildrenCollapsible(False)
        versions.addWidget(self.kept_box)
        versions.addWidget(self.current_box)
        self.lay_out(
            self.tr(
                "Values changed here and elsewhere at the same time: the later change is in "
                "use, the other is kept here. Restore a kept value to use it instead, or "
                "dismiss it."
            ),
            versions,
        )

    @staticmethod
    def read_rows(catalogue: Catalogue) -> list[ConflictRow]:
        return load_conflicts(catalogue)

    def row_key(self, row: ConflictRow) -> int:
        return row.conflict.id

    def summary(self, rows: Sequence[ConflictRow]) -> str:
        if not rows:
            return self.tr("No conflicts: nothing to review.")
        return self.tr("%n conflict(s) to review.", "", len(rows))

    def action_buttons(self) -> list[QPushButton]:
        return [self.restore_button, self.keep_both_button, self.dismiss_button]

    def selection_changed(self, row: ConflictRow | None) -> None:
        self.restore_button.setEnabled(row is not None and row.record_exists)
        self.dismiss_button.setEnabled(row is not None)
        self.keep_both_button.setVisible(any(self._can_keep_both(r) for r in self.model.rows()))
        self.keep_both_button.setEnabled(row is not None and self._can_keep_both(row))
        self._show_versions(row)

    @staticmethod
    def _can_keep_both(row: ConflictRow) -> bool:
        conflict = row.conflict
        return (
            row.record_exists
            and conflict.kind == "annotation"
            and conflict.field in KEEP_BOTH_FIELDS
        )

    def _show_versions(self, row: ConflictRow | None) -> None:
        """The selected conflict's kept and current versions, side by side."""
        if row is None:
            self.kept_box.setTitle(self.tr("Kept version (not in use)"))
            self.kept_view.set_plain_text_safely(self.tr("Select a conflict to compare."))
            self.current_view.set_plain_text_safely("")
            return
        source = self.model.text(row, ConflictsModel.SOURCE)
        when = self.model.text(row, ConflictsModel.WHEN)
        self.kept_box.setTitle(
            self.tr("Kept version (not in use), from {source}, {when}").format(
                source=source, when=when
            )
        )
        conflict = row.conflict
        note_text = conflict.kind == "annotation" and conflict.field == "body"
        for browser, value, exists in (
            (self.kept_view, conflict.value, True),
            (self.current_view, row.current, row.record_exists),
        ):
            if not exists:
                browser.set_plain_text_safely(self.tr("(deleted since)"))
            elif note_text and isinstance(value, str):
                browser.set_html_safely(render_note(value))
            else:
                browser.set_plain_text_safely(format_value(value))

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row.record_exists:
            self.record_activated.emit(row.conflict.kind, row.conflict.record_id)

    @Slot()
    def restore_selected(self) -> None:
        """Make the selected kept value current again."""
        row = self.selected()
        if row is None:
            return
        conflict_id = row.conflict.id
        catalogue = self._catalogue
        self.act(
            lambda: catalogue.sync.restore_conflict(conflict_id),
            self.tr("Restored the kept value of {field}.").format(field=row.conflict.field),
        )

    @Slot()
    def dismiss_selected(self) -> None:
        """Forget the selected kept value (after asking); the current value stays."""
        row = self.selected()
        if row is None:
            return
        question = self.tr(
            "Forget the kept value “{value}”? The current value stays; this cannot be undone."
        ).format(value=format_value(row.conflict.value))
        if not bundle_import.ask_yes_no(self, self.tr("Dismiss the kept value"), question):
            return
        conflict_id = row.conflict.id
        catalogue = self._catalogue
        self.act(
            lambda: catalogue.sync.dismiss_conflict(conflict_id),
            self.tr("Dismissed the kept value of {field}.").format(field=row.conflict.field),
        )

    @Slot()
    def keep_both_selected(self) -> None:
        """Keep both versions of a note: the kept one becomes a second, private note."""
        row = self.selected()
        if row is None or not self._can_keep_both(row):
            return
        conflict_id = row.conflict.id
        catalogue = self._catalogue
        self.act(
            lambda: catalogue.annotations.keep_both(conflict_id),
            self.tr("Kept both: the other version is now a second note, private until shared."),
        )
