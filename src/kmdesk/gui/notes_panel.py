"""The notes of one product: read them, add, edit and delete yours (issue 17).

A thin view over ``catalogue.annotations``. :meth:`NotesPanel.show_product` asks the operations
runner for the product's notes (and every tag in use, for completion) and shows them newest
first: a list to pick one (Edit, Delete act on it) and, beside it, every note rendered. Bodies
are Markdown written by the user or by partners, so they are untrusted: each goes through
:func:`kmdesk.markdown_safety.render_note` and is shown in a
:class:`~kmdesk.gui.safe_browser.SafeBrowser`, which sanitises again and loads nothing; the
names, tags and quotes around them are escaped.

The editor (hidden until "Add note" or "Edit") has a Markdown text with a Preview toggle, tags
typed with completion (:class:`~kmdesk.gui.term_picker.ChoicePicker`), a 0–5 star rating, and
"Share with partners" (off: the note stays on this installation). Saving and deleting run
through the runner; a :class:`~kmdesk.errors.ValidationError` shows under the field it names.
Each save and delete is recorded in the main window's
:class:`~kmdesk.gui.edit_history.EditHistory` (when given), so Edit → Undo reverts it.
The panel follows the catalogue's change announcements (``changes.annotations``).
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kmdesk.catalogue import Catalogue
from kmdesk.changes import Changes
from kmdesk.errors import ValidationError
from kmdesk.gui import edit_history
from kmdesk.gui.edit_history import EditHistory
from kmdesk.gui.note_fields import NoteFields, stars
from kmdesk.gui.operations import OperationsRunner
from kmdesk.gui.questions import ask_yes_no
from kmdesk.gui.safe_browser import SafeBrowser
from kmdesk.gui.term_picker import FieldErrors
from kmdesk.gui.watcher import CatalogueWatcher
from kmdesk.markdown_safety import note_text, render_note
from kmdesk.progress import CancelToken
from kmdesk.records import AnnotationRecord

#: The item data role holding a note's id in the list.
NOTE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def local_date(iso: str, *, with_time: bool = True) -> str:
    """An ISO 8601 moment as this computer's local date (and time), in the user's locale."""
    moment = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
    if not moment.isValid():
        return iso
    local = moment.toLocalTime()
    if with_time:
        return QLocale().toString(local, QLocale.FormatType.ShortFormat)
    return QLocale().toString(local.date(), QLocale.FormatType.ShortFormat)


def byline(note: AnnotationRecord) -> str:
    """ "Author · organisation · date" (the organisation says where a partner's note is from)."""
    author = note.author or (
        QCoreApplication.translate("NotesPanel", "You")
        if note.mine
        else QCoreApplication.translate("NotesPanel", "Unknown author")
    )
    parts = [author, note.organisation, local_date(note.created)]
    return " · ".join(part for part in parts if part)


def visibility_text(note: AnnotationRecord) -> str:
    """ "shared" or "private", translated."""
    if note.visibility == "shared":
        return QCoreApplication.translate("NotesPanel", "shared")
    return QCoreApplication.translate("NotesPanel", "private")


def note_line(note: AnnotationRecord, limit: int = 90) -> str:
    """What a note says in one line: the first line of its text (without Markdown), else its
    quote in quotation marks, else its tags."""
    text = next(iter(note_text(note.body).splitlines()), "")
    if not text and note.quote and note.quote.strip():
        text = f"“{' '.join(note.quote.split())}”"
    if not text and note.tags:
        text = ", ".join(note.tags)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def note_html(note: AnnotationRecord, *, with_product: bool = False) -> str:
    """One note as HTML: every text of it escaped, its body rendered by :func:`render_note`."""
    head = [html.escape(byline(note)), f"<em>{html.escape(visibility_text(note))}</em>"]
    if note.rating:
        head.insert(0, html.escape(stars(note.rating)))
    parts = [f"<h4>{' · '.join(head)}</h4>"]
    if with_product:
        parts.insert(0, f"<h3>{html.escape(note.product_title)}</h3>")
    if note.updated != note.created:
        changed = QCoreApplication.translate("NotesPanel", "Last changed %1").replace(
            "%1", local_date(note.updated)
        )
        parts.append(f"<p><em>{html.escape(changed)}</em></p>")
    if note.tags:
        tags = ", ".join(f"<code>{html.escape(tag)}</code>" for tag in note.tags)
        label = QCoreApplication.translate("NotesPanel", "Tags:")
        parts.append(f"<p>{html.escape(label)} {tags}</p>")
    if note.quote:
        where = ""
        if note.page is not None:
            where = " " + html.escape(
                QCoreApplication.translate("NotesPanel", "(page %1)").replace("%1", str(note.page))
            )
        parts.append(f"<blockquote><p>“{html.escape(note.quote)}”{where}</p></blockquote>")
    if note.body.strip():
        parts.append(render_note(note.body))
    return "".join(parts)


class NotesPanel(QWidget):
    """The notes of the shown product, newest first, with an editor for adding and changing one."""

    #: A note of the shown product was saved or deleted: the product's id (a ``uuid.UUID``).
    notes_changed = Signal(object)
    #: The notes of a product were (re)loaded: the product's id.
    notes_loaded = Signal(object)

    def __init__(
        self,
        catalogue: Catalogue,
        runner: OperationsRunner,
        watcher: CatalogueWatcher,
        parent: QWidget | None = None,
        *,
        history: EditHistory | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._runner = runner
        self._history = history
        self._product_id: uuid.UUID | None = None
        self._notes: list[AnnotationRecord] = []
        #: The note being edited (``None``: a new note, when the editor is open).
        self._editing: AnnotationRecord | None = None
        self._saving = False
        self._load_key = f"notes-panel-load-{id(self)}"
        self._can_edit = True
        #: The note to select once the list is loaded again (the one just saved).
        self._select_after_load: uuid.UUID | None = None
        self.setAccessibleName(self.tr("Notes"))

        # -- header: count and actions ----------------------------------------------------------
        self.count_label = QLabel(self)
        self.count_label.setObjectName("notesCount")
        self.add_button = QPushButton(self.tr("Add note"), self)
        self.add_button.setAccessibleName(self.tr("Add a note to this product"))
        self.edit_button = QPushButton(self.tr("Edit"), self)
        self.edit_button.setAccessibleName(self.tr("Edit the selected note"))
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setAccessibleName(self.tr("Delete the selected note"))
        self.add_button.clicked.connect(self.start_new_note)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.count_label, 1)
        header.addWidget(self.add_button)
        header.addWidget(self.edit_button)
        header.addWidget(self.delete_button)

        # -- the notes: a list to pick one, every note rendered ---------------------------------
        self.note_list = QListWidget(self)
        self.note_list.setAccessibleName(self.tr("Notes on this product"))
        self.note_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.note_list.setWordWrap(True)
        self.note_list.itemSelectionChanged.connect(self._update_actions)
        self.note_list.itemDoubleClicked.connect(lambda _item: self.edit_selected())
        self.notes_view = SafeBrowser(self)
        self.notes_view.setAccessibleName(self.tr("Notes, as written"))
        self.notes_view.document().setDocumentMargin(6)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.note_list)
        splitter.addWidget(self.notes_view)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)

        # -- the editor -------------------------------------------------------------------------
        self.editor = QGroupBox(self.tr("New note"), self)
        self.editor.setAccessibleName(self.tr("Note editor"))
        banner = QLabel(self.editor)
        banner.setObjectName("noteErrors")
        self.errors = FieldErrors(banner, self)

        self.fields = NoteFields(
            self.errors,
            text_label=self.tr("&Text"),
            placeholder=self.tr("Write your note; Markdown works: *emphasis*, lists, links."),
            parent=self.editor,
        )
        self.fields.body_stack.setMaximumHeight(self.fontMetrics().height() * 12)
        self.save_button = QPushButton(self.tr("Save"), self.editor)
        self.save_button.setAccessibleName(self.tr("Save the note"))
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self.editor)
        self.cancel_button.setAccessibleName(self.tr("Cancel editing the note"))
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.cancel_editing)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        editor_layout = QVBoxLayout(self.editor)
        editor_layout.addWidget(banner)
        editor_layout.addWidget(self.fields)
        editor_layout.addLayout(buttons)
        self.editor.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.editor)

        watcher.changed.connect(self._on_changes)
        self._show_notes([])

    # -- public API --------------------------------------------------------------------------

    @property
    def product_id(self) -> uuid.UUID | None:
        """The product whose notes are shown (``None``: none)."""
        return self._product_id

    @property
    def notes(self) -> list[AnnotationRecord]:
        """The notes shown, newest first."""
        return list(self._notes)

    @property
    def saving(self) -> bool:
        """Whether a save or delete is running."""
        return self._saving

    @property
    def editing(self) -> bool:
        """Whether the editor is open."""
        return not self.editor.isHidden()

    def set_can_edit(self, can_edit: bool) -> None:
        """Allow or forbid adding, editing and deleting notes (a read-only catalogue)."""
        self._can_edit = can_edit
        if not can_edit:
            self.cancel_editing()
        self._update_actions()

    def show_product(self, product_id: uuid.UUID | None) -> None:
        """Show the notes of ``product_id`` (``None``: none); an open editor is closed."""
        if product_id != self._product_id:
            self.cancel_editing()
        self._product_id = product_id
        if product_id is None:
            self._show_notes([])
            return
        self.reload()

    def reload(self) -> None:
        """Read the shown product's notes (and the tags in use) again, in the background."""
        product_id = self._product_id
        if product_id is None:
            return
        annotations = self._catalogue.annotations

        def work(
            _progress: Callable[..., None], cancel: CancelToken
        ) -> tuple[list[AnnotationRecord], list[str]]:
            notes = annotations.list(product=product_id)
            cancel.raise_if_cancelled()
            return notes, [tag for tag, _count in annotations.tags()]

        def done(result: tuple[list[AnnotationRecord], list[str]]) -> None:
            if self._product_id != product_id:
                return
            notes, tags = result
            self.fields.set_tags(tags)
            self._show_notes(list(reversed(notes)))
            self.notes_loaded.emit(product_id)

        def failed(error: BaseException) -> None:
            if self._product_id != product_id:
                return
            self._show_notes([])
            self.count_label.setText(
                self.tr("The notes could not be read: %1").replace("%1", str(error))
            )

        self._runner.run(work, on_done=done, on_error=failed, key=self._load_key)

    def selected_note(self) -> AnnotationRecord | None:
        """The note selected in the list (``None``: none)."""
        items = self.note_list.selectedItems()
        if not items:
            return None
        wanted = items[0].data(NOTE_ID_ROLE)
        return next((note for note in self._notes if str(note.id) == wanted), None)

    def select_note(self, note_id: uuid.UUID) -> None:
        """Select a note of the list by its id."""
        for row in range(self.note_list.count()):
            item = self.note_list.item(row)
            if item.data(NOTE_ID_ROLE) == str(note_id):
                self.note_list.setCurrentItem(item)
                return

    def confirm(self, question: str) -> bool:
        """Ask the user ``question`` (Yes/No); tests replace this."""
        return ask_yes_no(self, self.tr("Delete note?"), question)

    # -- editing -----------------------------------------------------------------------------

    @Slot()
    def start_new_note(self) -> None:
        """Open the editor on a new, empty, private note."""
        if self._product_id is None or not self._can_edit:
            return
        self._open_editor(None)

    @Slot()
    def edit_selected(self) -> None:
        """Open the editor on the selected note."""
        note = self.selected_note()
        if note is None or not self._can_edit:
            return
        self._open_editor(note)

    @Slot()
    def cancel_editing(self) -> None:
        """Close the editor without saving."""
        self._editing = None
        self.errors.clear()
        self.editor.hide()
        self._update_actions()

    def editor_values(self) -> dict[str, Any]:
        """What the editor holds, as ``catalogue.annotations.update`` takes it."""
        return self.fields.values()

    @Slot()
    def save(self) -> None:
        """Save the note being edited (in the background); errors show beside their fields."""
        product_id = self._product_id
        if product_id is None or self._saving or not self.editing:
            return
        self.errors.clear()
        values = self.editor_values()
        editing = self._editing
        annotations = self._catalogue.annotations
        if editing is not None and not editing.mine:
            values.pop("shared")  # only where the note was made may it change who sees it

        def work(_progress: Callable[..., None], _cancel: CancelToken) -> AnnotationRecord:
            if editing is None:
                return annotations.add(
                    product_id,
                    body=values["body"],
                    tags=values["tags"],
                    rating=values["rating"],
                    shared=values["shared"],
                )
            return annotations.update(editing.id, values)

        def done(note: AnnotationRecord) -> None:
            self._set_saving(False)
            if self._history is not None:
                self._history.record(
                    edit_history.note_added(note)
                    if editing is None
                    else edit_history.note_updated(editing)
                )
            self.cancel_editing()
            self.notes_changed.emit(product_id)
            if self._product_id == product_id:
                self._select_after_load = note.id
                self.reload()

        self._set_saving(True)
        self._runner.run(work, on_done=done, on_error=self._write_failed)

    @Slot()
    def delete_selected(self) -> None:
        """Delete the selected note, after the user confirmed."""
        note = self.selected_note()
        product_id = self._product_id
        if note is None or product_id is None or self._saving or not self._can_edit:
            return
        excerpt = " ".join(note.body.split())[:80] or ", ".join(note.tags) or stars(note.rating)
        question = self.tr("Delete this note?") + (f"\n\n“{excerpt}”" if excerpt else "")
        if note.visibility == "shared":
            question += "\n\n" + self.tr(
                "It was shared: partners will see it deleted after the next bundle."
            )
        if not self.confirm(question):
            return
        annotations = self._catalogue.annotations

        def work(_progress: Callable[..., None], _cancel: CancelToken) -> uuid.UUID:
            return annotations.delete(note.id)

        def done(_note_id: uuid.UUID) -> None:
            self._set_saving(False)
            if self._history is not None and note.mine:
                self._history.record(edit_history.note_deleted(note))
            if self._editing is not None and self._editing.id == note.id:
                self.cancel_editing()
            self.notes_changed.emit(product_id)
            if self._product_id == product_id:
                self.reload()

        self._set_saving(True)
        self._runner.run(work, on_done=done, on_error=self._write_failed)

    # -- internals ---------------------------------------------------------------------------

    def _open_editor(self, note: AnnotationRecord | None) -> None:
        self._editing = note
        self.errors.clear()
        self.editor.setTitle(self.tr("Edit note") if note is not None else self.tr("New note"))
        self.fields.set_note(note)
        self.editor.show()
        self.fields.body_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_actions()

    def _write_failed(self, error: BaseException) -> None:
        self._set_saving(False)
        if isinstance(error, ValidationError) and self.editing:
            self.errors.show(error)
            return
        message = self.tr("The note could not be saved: %1").replace("%1", str(error))
        if self.editing:
            self.errors.show_message(message)
        else:
            QMessageBox.warning(self, self.tr("Notes"), message)

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.save_button.setEnabled(not saving)
        self._update_actions()

    def _show_notes(self, notes: list[AnnotationRecord]) -> None:
        selected = self._select_after_load
        if selected is None:
            current = self.selected_note()
            selected = current.id if current is not None else None
        self._select_after_load = None
        self._notes = notes
        self.note_list.clear()
        for note in notes:
            item = QListWidgetItem(self._list_text(note))
            item.setData(NOTE_ID_ROLE, str(note.id))
            item.setToolTip(byline(note))
            self.note_list.addItem(item)
        if self._product_id is None:
            self.count_label.setText(self.tr("No product selected."))
        else:
            self.count_label.setText(self.tr("%n note(s)", "", len(notes)))
        if notes:
            self.notes_view.set_html_safely("".join(note_html(note) for note in notes))
        elif self._product_id is not None:
            self.notes_view.set_plain_text_safely(
                self.tr("No notes yet. “Add note” writes one; it stays private unless shared.")
            )
        else:
            self.notes_view.set_plain_text_safely("")
        if selected is not None:
            self.select_note(selected)
        self._update_actions()

    @Slot()
    def _update_actions(self) -> None:
        has_product = self._product_id is not None
        selected = self.selected_note() is not None
        idle = not self._saving
        for button in (self.add_button, self.edit_button, self.delete_button):
            button.setVisible(self._can_edit)
        self.add_button.setEnabled(has_product and idle)
        self.edit_button.setEnabled(has_product and selected and idle)
        self.delete_button.setEnabled(has_product and selected and idle)

    def _list_text(self, note: AnnotationRecord) -> str:
        head = " · ".join(
            part for part in (stars(note.rating), byline(note), visibility_text(note)) if part
        )
        first = note_line(note)
        return f"{head}\n{first}" if first else head

    @Slot(object)
    def _on_changes(self, changes: Changes) -> None:
        shown = self._product_id
        if shown is None:
            return
        if shown in changes.deleted_products:
            self.show_product(None)
            return
        if shown in changes.annotations:
            self.reload()
