"""Notes → My notes: every annotation in one table, filtered, read safely, exported (issue 17).

The view is a thin window over ``catalogue.annotations``. The filters the core understands (whose
notes, a tag, private or shared) choose what :meth:`~kmdesk.catalogue.annotations.Annotations.list`
reads on the operations runner, a newer read superseding an older one; the text filter narrows
the rows already read, as the user types, in :class:`AnnotationsFilterProxy`. The table
(:class:`AnnotationsModel`, over :class:`~kmdesk.gui.record_table.RecordTableModel`) shows the
newest first and sorts by any column. Under it, the selected note is rendered the way the notes
panel renders notes: its Markdown body is untrusted (partners write notes too), so it goes
through :func:`kmdesk.markdown_safety.render_note` into a
:class:`~kmdesk.gui.safe_browser.SafeBrowser`, and every other text around it is escaped.

"Export…" writes the rows shown (after every filter, in the order shown) as Markdown or CSV
(:mod:`kmdesk.annotations.export`), on the runner, to a temporary file beside the target that
replaces it only once complete. The view follows the catalogue's change announcements.
Nothing here deletes or changes a note.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    QStandardPaths,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kmdesk.annotations.export import export_csv, export_markdown
from kmdesk.catalogue import Catalogue
from kmdesk.changes import Changes
from kmdesk.files import write_atomically
from kmdesk.gui import bundle_import
from kmdesk.gui.note_fields import stars
from kmdesk.gui.notes_panel import local_date, note_html, note_line
from kmdesk.gui.operations import OperationsRunner
from kmdesk.gui.record_table import Index, RecordTableModel
from kmdesk.gui.safe_browser import SafeBrowser
from kmdesk.gui.watcher import CatalogueWatcher
from kmdesk.progress import CancelToken
from kmdesk.records import AnnotationRecord

#: The role giving a cell's value to sort by (numbers and stamps, not the text shown).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: The role giving a row's note id (as text).
NOTE_ID_ROLE = Qt.ItemDataRole.UserRole + 2
#: The longest first line shown in the Note column.
NOTE_CELL_CHARS = 120
#: File name suffixes and the export format each chooses.
EXPORT_FORMATS = {".md": "md", ".markdown": "md", ".csv": "csv"}


class Who(enum.Enum):
    """Whose notes the view lists."""

    MINE = "mine"
    PARTNERS = "partners"
    EVERYONE = "everyone"


@dataclass(frozen=True, slots=True)
class NoteFilters:
    """The filters the core applies when reading notes (the text filter is the proxy's)."""

    who: Who = Who.MINE
    tag: str | None = None
    visibility: str | None = None

    @property
    def narrowing(self) -> bool:
        """Whether a tag or a visibility is chosen (beyond whose notes)."""
        return self.tag is not None or self.visibility is not None


@dataclass(frozen=True, slots=True)
class NotesLoad:
    """What one background read found: the notes (newest first) and every tag in use."""

    notes: list[AnnotationRecord]
    tags: list[tuple[str, int]]


def load_notes(catalogue: Catalogue, filters: NoteFilters) -> NotesLoad:
    """The notes ``filters`` choose, newest first, and the tags in use (on a worker thread)."""
    found = catalogue.annotations.list(
        tag=filters.tag, mine=filters.who is Who.MINE, visibility=filters.visibility
    )
    if filters.who is Who.PARTNERS:
        found = [note for note in found if not note.mine]
    return NotesLoad(list(reversed(found)), catalogue.annotations.tags())


def export_format(path: Path) -> str | None:
    """``"md"`` or ``"csv"`` for a file name ending in a known suffix, else ``None``."""
    return EXPORT_FORMATS.get(path.suffix.lower())


class AnnotationsModel(RecordTableModel[AnnotationRecord]):
    """Notes, one per row: product, note, tags, rating, kind, author, visibility, last changed."""

    PRODUCT, NOTE, TAGS, RATING, KIND, AUTHOR, VISIBILITY, CHANGED = range(8)

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Product"),
            self.tr("Note"),
            self.tr("Tags"),
            self.tr("Rating"),
            self.tr("Kind"),
            self.tr("Author"),
            self.tr("Visibility"),
            self.tr("Last changed"),
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        note = self.row_at(index.row())
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(note, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.NOTE:
                return " ".join(note.body.split())[:400] or note.quote or None
            if column == self.CHANGED:
                return local_date(note.updated, with_time=True)
            return self.text(note, column) or None
        if role == SORT_ROLE:
            return self._sort_key(note, column)
        if role == NOTE_ID_ROLE:
            return str(note.id)
        return None

    def text(self, note: AnnotationRecord, column: int) -> str:
        """The text of one cell."""
        if column == self.PRODUCT:
            return note.product_title
        if column == self.NOTE:
            return note_line(note, NOTE_CELL_CHARS)
        if column == self.TAGS:
            return ", ".join(note.tags)
        if column == self.RATING:
            return stars(note.rating)
        if column == self.KIND:
            return self.kind(note)
        if column == self.AUTHOR:
            return self.author(note)
        if column == self.VISIBILITY:
            return self.tr("Shared") if note.visibility == "shared" else self.tr("Private")
        return local_date(note.updated, with_time=False)

    def kind(self, note: AnnotationRecord) -> str:
        """ "Note", or "Highlight p. N" for a marked passage of a PDF."""
        if not note.is_highlight:
            return self.tr("Note")
        if note.page is None:
            return self.tr("Highlight")
        return self.tr("Highlight p. %1").replace("%1", QLocale().toString(note.page))

    def author(self, note: AnnotationRecord) -> str:
        """Who wrote it: a partner with their organisation; yours by your name (or "You")."""
        if note.mine:
            return note.author or self.tr("You")
        name = note.author or self.tr("Unknown author")
        return f"{name} ({note.organisation})" if note.organisation else name

    def _sort_key(self, note: AnnotationRecord, column: int) -> Any:
        if column == self.RATING:
            return note.rating or 0
        if column == self.KIND:
            return (1 if note.is_highlight else 0) * 1_000_000 + (note.page or 0)
        if column == self.CHANGED:
            return note.stamp  # zero-padded wall time first: sorts as time does
        return self.text(note, column).casefold()


class AnnotationsFilterProxy(QSortFilterProxyModel):
    """Sorts the notes by a column's :data:`SORT_ROLE` and keeps those matching a text.

    A note matches when every word of the text is found (ignoring case) in its product's title,
    body, quote, tags, author or organisation.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def text(self) -> str:
        """The words filtered on, as one string."""
        return " ".join(self._words)

    def set_text(self, text: str) -> None:
        """Keep only the notes matching ``text`` ("" keeps every note)."""
        words = text.casefold().split()
        if words == self._words:
            return
        self.beginFilterChange()
        self._words = words
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        if not isinstance(model, AnnotationsModel):
            return True
        note = model.row_at(source_row)
        haystack = "\n".join(
            (
                note.product_title,
                note.body,
                note.quote or "",
                " ".join(note.tags),
                note.author,
                note.organisation,
            )
        ).casefold()
        return all(word in haystack for word in self._words)

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if type(a) is not type(b):
            return str(a) < str(b)
        return bool(a < b)


class AnnotationsView(QWidget):
    """Every note (mine, partners' or everyone's) with filters, the selected one read safely,
    and export of what is shown."""

    #: Show a product: its id (a ``uuid.UUID``); on double-click or Enter, or "Show product".
    product_activated = Signal(object)
    #: Open a PDF at a highlight: the :class:`~kmdesk.records.AnnotationRecord`.
    highlight_activated = Signal(object)
    #: The notes were (re)read and are shown.
    notes_loaded = Signal()
    #: An export ended: the file written (a ``Path``), or ``None`` when it failed.
    export_finished = Signal(object)

    def __init__(
        self,
        catalogue: Catalogue,
        runner: OperationsRunner,
        watcher: CatalogueWatcher,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._runner = runner
        self._load_key = f"annotations-view-load-{id(self)}"
        self._loads = 0
        self._exporting = False
        #: Whether the status line says that reading failed (cleared by the next good read).
        self._load_error = False
        self._tags: list[tuple[str, int]] = []
        self._loaded_filters = NoteFilters()
        self.setAccessibleName(self.tr("My notes"))

        # -- filters -----------------------------------------------------------------------------
        self.who_combo = QComboBox(self)
        self.who_combo.setAccessibleName(self.tr("Whose notes"))
        self.who_combo.addItem(self.tr("Mine"), Who.MINE.value)
        self.who_combo.addItem(self.tr("Partners'"), Who.PARTNERS.value)
        self.who_combo.addItem(self.tr("Everyone's"), Who.EVERYONE.value)
        self.tag_combo = QComboBox(self)
        self.tag_combo.setAccessibleName(self.tr("Tag"))
        self.tag_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.tag_combo.addItem(self.tr("Any tag"), None)
        self.visibility_combo = QComboBox(self)
        self.visibility_combo.setAccessibleName(self.tr("Visibility"))
        self.visibility_combo.addItem(self.tr("Private or shared"), None)
        self.visibility_combo.addItem(self.tr("Private"), "private")
        self.visibility_combo.addItem(self.tr("Shared"), "shared")
        self.text_filter = QLineEdit(self)
        self.text_filter.setAccessibleName(self.tr("Find in notes"))
        self.text_filter.setPlaceholderText(
            self.tr("Find in titles, notes, quotes, tags, authors…")
        )
        self.text_filter.setClearButtonEnabled(True)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self._focus_text_filter)

        filters = QHBoxLayout()
        for text, widget in (
            (self.tr("&Whose:"), self.who_combo),
            (self.tr("&Tag:"), self.tag_combo),
            (self.tr("&Visibility:"), self.visibility_combo),
            (self.tr("&Find:"), self.text_filter),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget, 1 if widget is self.text_filter else 0)

        # -- the table, or a word when it is empty -----------------------------------------------
        self.model = AnnotationsModel(self)
        self.proxy = AnnotationsFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Notes"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(AnnotationsModel.CHANGED, Qt.SortOrder.DescendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(AnnotationsModel.NOTE, QHeaderView.ResizeMode.Stretch)
        for column in (
            AnnotationsModel.RATING,
            AnnotationsModel.KIND,
            AnnotationsModel.VISIBILITY,
            AnnotationsModel.CHANGED,
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        em = self.fontMetrics().averageCharWidth()
        header.resizeSection(AnnotationsModel.PRODUCT, em * 48)
        header.resizeSection(AnnotationsModel.TAGS, em * 16)
        header.resizeSection(AnnotationsModel.AUTHOR, em * 20)
        self.table.activated.connect(self._row_activated)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("notesEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAccessibleName(self.tr("No notes"))
        self.empty_label.setMargin(self.fontMetrics().height())
        self.table_stack = QStackedWidget(self)
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self.empty_label)

        # -- the selected note -------------------------------------------------------------------
        self.note_view = SafeBrowser(self)
        self.note_view.setAccessibleName(self.tr("The selected note, as written"))
        self.note_view.document().setDocumentMargin(self.fontMetrics().height() // 2)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table_stack)
        splitter.addWidget(self.note_view)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        line = self.fontMetrics().height()
        splitter.setSizes([line * 24, line * 12])  # scaled to the room there is, table first

        # -- status and actions ------------------------------------------------------------------
        self.count_label = QLabel(self)
        self.count_label.setObjectName("notesCount")
        self.count_label.setAccessibleName(self.tr("Number of notes shown"))
        self.status = QLabel(self)
        self.status.setObjectName("notesStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setAccessibleName(self.tr("Notes status"))
        self.show_product_button = QPushButton(self.tr("Show &product"), self)
        self.show_product_button.setAccessibleName(self.tr("Show the product of the note"))
        self.show_product_button.clicked.connect(self.show_selected_product)
        self.open_highlight_button = QPushButton(self.tr("Open in &PDF"), self)
        self.open_highlight_button.setAccessibleName(self.tr("Open the PDF at the highlight"))
        self.open_highlight_button.clicked.connect(self.open_selected_highlight)
        self.export_button = QPushButton(self.tr("&Export…"), self)
        self.export_button.setAccessibleName(self.tr("Export the notes shown as Markdown or CSV"))
        self.export_button.clicked.connect(self.export_shown)
        actions = QHBoxLayout()
        actions.addWidget(self.count_label)
        actions.addWidget(self.status, 1)
        actions.addWidget(self.show_product_button)
        actions.addWidget(self.open_highlight_button)
        actions.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)
        self.setTabOrder(self.text_filter, self.table)

        self.who_combo.currentIndexChanged.connect(self._filters_changed)
        self.tag_combo.currentIndexChanged.connect(self._filters_changed)
        self.visibility_combo.currentIndexChanged.connect(self._filters_changed)
        self.text_filter.textChanged.connect(self._text_changed)
        self.proxy.rowsInserted.connect(self._shown_changed)
        self.proxy.rowsRemoved.connect(self._shown_changed)
        self.proxy.modelReset.connect(self._shown_changed)
        self.proxy.layoutChanged.connect(self._shown_changed)
        watcher.changed.connect(self._on_changes)
        self._show_selected()
        self._shown_changed()
        self.reload()

    # -- public API ------------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        """Whether the notes are being read."""
        return self._loads > 0

    @property
    def exporting(self) -> bool:
        """Whether an export is being written."""
        return self._exporting

    def filters(self) -> NoteFilters:
        """The filters chosen now (whose notes, tag, visibility)."""
        who = Who(self.who_combo.currentData())
        return NoteFilters(who, self.tag_combo.currentData(), self.visibility_combo.currentData())

    def set_filters(self, filters: NoteFilters) -> None:
        """Choose whose notes, which tag and which visibility; the notes are read again once."""
        combos = [self.who_combo, self.tag_combo, self.visibility_combo]
        for combo in combos:
            combo.blockSignals(True)
        try:
            self.who_combo.setCurrentIndex(self.who_combo.findData(filters.who.value))
            self._select_tag(filters.tag)
            self.visibility_combo.setCurrentIndex(
                max(0, self.visibility_combo.findData(filters.visibility))
            )
        finally:
            for combo in combos:
                combo.blockSignals(False)
        self.reload()

    def shown_notes(self) -> list[AnnotationRecord]:
        """The notes shown, after every filter, in the order shown."""
        return [
            self.model.row_at(self.proxy.mapToSource(self.proxy.index(row, 0)).row())
            for row in range(self.proxy.rowCount())
        ]

    def selected_note(self) -> AnnotationRecord | None:
        """The note selected in the table (``None``: none)."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row())

    def select_note(self, note_id: uuid.UUID) -> bool:
        """Select the note with ``note_id`` if it is shown; whether it is."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(NOTE_ID_ROLE) == str(note_id):
                self.table.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.table.scrollTo(index)
                return True
        return False

    @Slot()
    def reload(self) -> None:
        """Read the notes the filters choose (and the tags in use) again, in the background."""
        filters = self.filters()
        catalogue = self._catalogue
        self._loads += 1

        def work(_progress: Callable[..., None], cancel: CancelToken) -> NotesLoad:
            found = load_notes(catalogue, filters)
            cancel.raise_if_cancelled()
            return found

        operation = self._runner.run(
            work,
            on_done=lambda result: self._loaded(filters, result),
            on_error=self._load_failed,
            key=self._load_key,
        )
        operation.ended.connect(self._load_ended)

    @Slot()
    def show_selected_product(self) -> None:
        """Show the selected note's product (emits :attr:`product_activated`)."""
        note = self.selected_note()
        if note is not None:
            self.product_activated.emit(note.product_id)

    @Slot()
    def open_selected_highlight(self) -> None:
        """Open the selected highlight in its PDF (emits :attr:`highlight_activated`)."""
        note = self.selected_note()
        if note is not None and note.is_highlight:
            self.highlight_activated.emit(note)

    def choose_export_path(self) -> Path | None:
        """Ask where to export (and, by the filter chosen, the format); tests replace this."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        markdown = self.tr("Markdown (*.md)")
        csv = self.tr("CSV for spreadsheets (*.csv)")
        chosen, chosen_filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the notes shown"),
            str(Path(folder) / self.tr("notes.md")),
            f"{markdown};;{csv}",
        )
        if not chosen:
            return None
        path = Path(chosen)
        if export_format(path) is None:
            path = path.with_name(path.name + (".csv" if chosen_filter == csv else ".md"))
        return path

    @Slot()
    def export_shown(self) -> None:
        """Ask for a file, then export the notes shown to it."""
        if self._exporting or not self.shown_notes():
            return
        path = self.choose_export_path()
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path | str) -> None:
        """Write the notes shown to ``path`` (Markdown for ``.md``, CSV for ``.csv``), in the
        background; the status line says how it went."""
        target = Path(path)
        notes = self.shown_notes()
        chosen = export_format(target)
        if chosen is None:
            self._set_status(
                self.tr(
                    "Nothing was exported: “%1” does not end in .md (Markdown) or .csv (CSV)."
                ).replace("%1", target.name),
                error=True,
            )
            self.export_finished.emit(None)
            return
        if not notes:
            self._set_status(self.tr("Nothing was exported: no notes are shown."), error=True)
            self.export_finished.emit(None)
            return
        self._exporting = True
        self._update_actions()
        self._set_status(self.tr("Exporting…"), error=False)

        def work(_progress: Callable[..., None], _cancel: CancelToken) -> Path:
            text = export_markdown(notes) if chosen == "md" else export_csv(notes)
            write_atomically(target, text)
            return target

        def done(written: Path) -> None:
            self._set_status(
                self.tr("Exported %n note(s) to %1", "", len(notes)).replace("%1", str(written)),
                error=False,
            )
            self.export_finished.emit(written)

        def failed(error: BaseException) -> None:
            self._set_status(
                self.tr("The notes were not exported. %1").replace(
                    "%1", bundle_import.describe_error(error)
                ),
                error=True,
            )
            self.export_finished.emit(None)

        operation = self._runner.run(
            work,
            on_done=done,
            on_error=failed,
            label=self.tr("Exporting notes"),
            parent=self,
            cancellable=False,
        )
        operation.ended.connect(self._export_ended)

    # -- loading ---------------------------------------------------------------------------------

    @Slot()
    def _load_ended(self) -> None:
        self._loads -= 1

    def _loaded(self, filters: NoteFilters, result: NotesLoad) -> None:
        selected = self.selected_note()
        self._set_tags(result.tags)
        self._loaded_filters = filters
        self.model.set_rows(result.notes)
        if selected is not None:
            self.select_note(selected.id)
        self._show_selected()
        self._shown_changed()
        if self._load_error:
            self._load_error = False
            self._set_status("", error=False)
        self.notes_loaded.emit()

    def _load_failed(self, error: BaseException) -> None:
        self._load_error = True
        self._set_status(
            self.tr("The notes could not be read. %1").replace(
                "%1", bundle_import.describe_error(error)
            ),
            error=True,
        )

    def _set_tags(self, tags: list[tuple[str, int]]) -> None:
        """Offer every tag in use, with its count; the chosen tag stays chosen."""
        if tags == self._tags:
            return
        self._tags = tags
        chosen = self.tag_combo.currentData()
        self.tag_combo.blockSignals(True)
        try:
            while self.tag_combo.count() > 1:
                self.tag_combo.removeItem(1)
            for tag, count in tags:
                self.tag_combo.addItem(
                    self.tr("%1 (%n)", "tag and how many notes carry it", count).replace("%1", tag),
                    tag,
                )
            self._select_tag(chosen)
        finally:
            self.tag_combo.blockSignals(False)

    def _select_tag(self, tag: str | None) -> None:
        """Choose ``tag`` in the tag filter (kept, with no count, when no note carries it now)."""
        if tag is None:
            self.tag_combo.setCurrentIndex(0)
            return
        wanted = tag.casefold()
        for number in range(1, self.tag_combo.count()):
            if str(self.tag_combo.itemData(number)).casefold() == wanted:
                self.tag_combo.setCurrentIndex(number)
                return
        self.tag_combo.addItem(tag, tag)
        self.tag_combo.setCurrentIndex(self.tag_combo.count() - 1)

    @Slot()
    def _filters_changed(self) -> None:
        self.reload()

    @Slot(str)
    def _text_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._show_selected()

    @Slot()
    def _focus_text_filter(self) -> None:
        self.text_filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.text_filter.selectAll()

    @Slot(object)
    def _on_changes(self, changes: Changes) -> None:
        if changes.annotations or changes.deleted_products:
            self.reload()
            return
        shown = {self.model.row_at(row).product_id for row in range(self.model.rowCount())}
        if shown & changes.products:  # a title shown may have changed
            self.reload()

    # -- showing ---------------------------------------------------------------------------------

    def _shown_changed(self, *_args: object) -> None:
        shown = self.proxy.rowCount()
        loaded = self.model.rowCount()
        count = self.tr("%n note(s)", "", shown)
        if shown < loaded:
            count += " " + self.tr("(%n hidden by the text filter)", "", loaded - shown)
        self.count_label.setText(count)
        self.empty_label.setText(self._empty_text(loaded))
        self.table_stack.setCurrentWidget(self.table if shown else self.empty_label)
        self.note_view.setVisible(shown > 0)
        self._update_actions()

    def _empty_text(self, loaded: int) -> str:
        filters = self._loaded_filters
        if loaded or filters.narrowing:
            return self.tr("No notes match these filters.")
        if filters.who is Who.PARTNERS:
            return self.tr("No notes from partners yet: shared notes arrive in bundles.")
        return self.tr(
            "You have no notes yet: open a product and use the Notes tab, "
            "or highlight a passage in a PDF."
        )

    def _selection_changed(self, *_args: object) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        note = self.selected_note()
        if note is None:
            self.note_view.set_plain_text_safely(
                self.tr("Select a note to read it here.") if self.proxy.rowCount() else ""
            )
        else:
            self.note_view.set_html_safely(self.note_html(note))
        self._update_actions()

    def note_html(self, note: AnnotationRecord) -> str:
        """One note as HTML, with its product's title (see :func:`notes_panel.note_html`)."""
        return note_html(note, with_product=True)

    def _set_status(self, text: str, *, error: bool) -> None:
        self.status.setText(text)
        palette = self.palette()
        if error:
            palette.setColor(self.status.foregroundRole(), Qt.GlobalColor.darkRed)
        self.status.setPalette(palette)

    @Slot()
    def _export_ended(self) -> None:
        self._exporting = False
        self._update_actions()

    def _update_actions(self) -> None:
        note = self.selected_note()
        self.show_product_button.setEnabled(note is not None)
        self.open_highlight_button.setEnabled(note is not None and note.is_highlight)
        self.export_button.setEnabled(not self._exporting and self.proxy.rowCount() > 0)

    @Slot(QModelIndex)
    def _row_activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        if not index.isValid():
            return
        note = self.model.row_at(self.proxy.mapToSource(index).row())
        self.product_activated.emit(note.product_id)
