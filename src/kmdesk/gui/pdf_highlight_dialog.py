"""The dialog that turns a passage selected in the PDF viewer into a highlight with a note.

It shows the quoted passage (read-only) and asks for an optional Markdown note (with a Preview,
rendered by :func:`kmdesk.markdown_safety.render_note` in a
:class:`~kmdesk.gui.safe_browser.SafeBrowser`), tags typed with completion over every tag in use
(:class:`~kmdesk.gui.term_picker.ChoicePicker`), a rating
(:class:`~kmdesk.gui.note_fields.StarRating`) and "Share with partners" (off: the highlight stays
on this installation). Save runs ``catalogue.annotations.add`` on the operations runner; a
:class:`~kmdesk.errors.ValidationError` shows under the field it names (errors about the passage
itself, its context or position, under the passage) and nothing is written.

The dialog is not application-modal: the viewer opens it with :meth:`QDialog.open` and keeps it
as ``viewer.highlight_dialog``, so tests fill it in and press Save without a modal loop.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kmdesk.catalogue import Catalogue
from kmdesk.errors import ValidationError
from kmdesk.gui.edit_history import EditHistory, note_added
from kmdesk.gui.note_fields import NoteFields
from kmdesk.gui.operations import OperationsRunner
from kmdesk.gui.term_picker import FieldErrors
from kmdesk.progress import CancelToken
from kmdesk.records import AnnotationRecord

#: Fields of a highlight whose errors show under the quoted passage.
_PASSAGE_FIELDS = ("quote_before", "quote_after", "position", "page", "attachment")


@dataclass(frozen=True, slots=True)
class HighlightDraft:
    """A highlight about to be saved: where it is and what it quotes.

    ``page`` counts from 1 (as :class:`~kmdesk.records.AnnotationRecord` does; QtPdf counts from
    0). ``position`` holds rectangles ``(x0, y0, x1, y1)`` in PDF points from the page's top-left
    corner, y downwards. ``before`` and ``after`` are the page's text around the quote, by which
    the highlight is found again when the PDF's text changes
    (:mod:`kmdesk.annotations.anchoring`).
    """

    product_id: uuid.UUID
    attachment: str
    page: int
    quote: str
    before: str
    after: str
    position: tuple[tuple[float, float, float, float], ...]


class HighlightDialog(QDialog):
    """Save a selected passage as a highlight, with an optional note, tags, rating, sharing."""

    #: The highlight was saved: its :class:`~kmdesk.records.AnnotationRecord`.
    saved = Signal(object)

    def __init__(
        self,
        catalogue: Catalogue,
        runner: OperationsRunner,
        draft: HighlightDraft,
        *,
        tags: Sequence[str] = (),
        history: EditHistory | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._runner = runner
        self._history = history
        self.draft = draft
        self._saving = False
        self.setWindowTitle(self.tr("Highlight"))
        self.setAccessibleName(self.tr("Highlight the selected passage"))

        banner = QLabel(self)
        banner.setObjectName("highlightErrors")
        self.errors = FieldErrors(banner, self)

        passage_label = QLabel(self.tr("Passage (page %1)").replace("%1", str(draft.page)), self)
        self.quote_view = QPlainTextEdit(self)
        self.quote_view.setReadOnly(True)
        self.quote_view.setPlainText(" ".join(draft.quote.split()))
        self.quote_view.setAccessibleName(self.tr("The highlighted passage"))
        self.quote_view.setTabChangesFocus(True)
        lines = self.fontMetrics().lineSpacing()
        self.quote_view.setMaximumHeight(lines * 5 + 12)
        passage_label.setBuddy(self.quote_view)

        self.fields = NoteFields(
            self.errors,
            text_label=self.tr("&Note"),
            placeholder=self.tr(
                "Optional: why this passage matters. Markdown works: *emphasis*, lists."
            ),
            tags=tags,
            parent=self,
        )

        self.buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setAccessibleName(self.tr("Save the highlight"))
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setAccessibleName(self.tr("Close without saving"))
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(banner)
        layout.addWidget(passage_label)
        layout.addWidget(self.errors.wrap("quote", self.quote_view))
        for field in _PASSAGE_FIELDS:
            self.errors.alias(field, "quote")
        layout.addWidget(self.fields, 1)
        layout.addWidget(self.buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 64, lines * 30)
        self.fields.body_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- state -------------------------------------------------------------------------------

    @property
    def saving(self) -> bool:
        """Whether the highlight is being saved."""
        return self._saving

    def values(self) -> dict[str, Any]:
        """What the dialog holds, as ``catalogue.annotations.add`` takes it (besides the draft)."""
        return self.fields.values()

    # -- saving ------------------------------------------------------------------------------

    @Slot()
    def save(self) -> None:
        """Save the highlight in the background; the dialog closes once it is saved."""
        if self._saving:
            return
        self.errors.clear()
        values = self.values()
        draft = self.draft
        annotations = self._catalogue.annotations

        def work(_progress: Callable[..., None], _cancel: CancelToken) -> AnnotationRecord:
            return annotations.add(
                draft.product_id,
                body=values["body"],
                tags=values["tags"],
                rating=values["rating"],
                shared=values["shared"],
                attachment=draft.attachment,
                page=draft.page,
                quote=draft.quote,
                before=draft.before or None,
                after=draft.after or None,
                position=[list(rectangle) for rectangle in draft.position] or None,
            )

        self._set_saving(True)
        self._runner.run(work, on_done=self._saved, on_error=self._failed)

    @Slot(object)
    def _saved(self, note: AnnotationRecord) -> None:
        self._set_saving(False)
        if self._history is not None:
            self._history.record(note_added(note))
        self.saved.emit(note)
        self.accept()

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self._set_saving(False)
        if isinstance(error, ValidationError):
            self.errors.show(error)
        else:
            self.errors.show_message(
                self.tr("The highlight could not be saved: %1").replace("%1", str(error))
            )

    def reject(self) -> None:
        """Close without saving (not while a save is running: its result is awaited)."""
        if not self._saving:
            super().reject()

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.save_button.setEnabled(not saving)
        self.cancel_button.setEnabled(not saving)
