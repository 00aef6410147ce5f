"""The fields of a note being written, shared by the notes panel's editor and the PDF viewer's
highlight dialog: its Markdown text with a Preview, tags typed with completion, a star rating
and "Share with partners".

The text is untrusted once saved (partners read it), so the preview renders it the way it will
be shown: :func:`kmdesk.markdown_safety.render_note` in a
:class:`~kmdesk.gui.safe_browser.SafeBrowser`. Each field is wrapped by the host's
:class:`~kmdesk.gui.term_picker.FieldErrors`, so a :class:`~kmdesk.errors.ValidationError`
naming ``body``, ``tags``, ``rating``, ``visibility`` or ``shared`` shows under its field.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kmdesk.gui.safe_browser import SafeBrowser
from kmdesk.gui.term_picker import Choice, ChoicePicker, FieldErrors
from kmdesk.markdown_safety import render_note
from kmdesk.records import AnnotationRecord

#: The highest rating.
MAX_STARS = 5


def stars(rating: int | None) -> str:
    """A rating as filled and empty stars ("" when there is none)."""
    if not rating:
        return ""
    return "★" * rating + "☆" * (MAX_STARS - rating)


class StarRating(QWidget):
    """A rating from 0 (none) to 5: five checkable star buttons and a button to clear it.

    Clicking a star sets the rating to it; clicking the current rating's star again clears it.
    """

    changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rating = 0
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.buttons: list[QToolButton] = []
        for number in range(1, MAX_STARS + 1):
            button = QToolButton(self)
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setText("☆")
            button.setAccessibleName(self.tr("%n star(s)", "", number))
            button.setToolTip(self.tr("%n star(s)", "", number))
            button.clicked.connect(lambda _checked=False, n=number: self._clicked(n))
            layout.addWidget(button)
            self.buttons.append(button)
        self.clear_button = QToolButton(self)
        self.clear_button.setText(self.tr("No rating"))
        self.clear_button.setAccessibleName(self.tr("No rating"))
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(lambda: self.set_rating(0))
        layout.addSpacing(6)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        self.setAccessibleName(self.tr("Rating"))
        self.setFocusProxy(self.buttons[0])

    def rating(self) -> int:
        """The rating chosen, 0 for none."""
        return self._rating

    def set_rating(self, rating: int | None) -> None:
        """Show ``rating`` (``None`` or 0: none)."""
        self._rating = max(0, min(MAX_STARS, rating or 0))
        for number, button in enumerate(self.buttons, start=1):
            button.setChecked(number <= self._rating)
            button.setText("★" if number <= self._rating else "☆")
        self.setAccessibleDescription(self.tr("%n star(s)", "", self._rating))
        self.changed.emit(self._rating)

    def _clicked(self, number: int) -> None:
        self.set_rating(0 if number == self._rating else number)


class NoteFields(QWidget):
    """A note's text (Markdown, with a Preview), tags, rating and sharing, as one widget.

    ``text_label`` names the text field (with its mnemonic) and ``placeholder`` hints at what to
    write; ``tags`` are offered for completion (:meth:`set_tags` changes them later).
    """

    def __init__(
        self,
        errors: FieldErrors,
        *,
        text_label: str,
        placeholder: str,
        tags: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tags: list[str] = list(tags)
        lines = self.fontMetrics().lineSpacing()

        self.body_edit = QPlainTextEdit(self)
        self.body_edit.setAccessibleName(self.tr("Note text (Markdown)"))
        self.body_edit.setPlaceholderText(placeholder)
        self.body_edit.setTabChangesFocus(True)
        self.preview = SafeBrowser(self)
        self.preview.setAccessibleName(self.tr("Preview of the note"))
        #: The text and its preview, one at a time.
        self.body_stack = QStackedWidget(self)
        self.body_stack.addWidget(self.body_edit)
        self.body_stack.addWidget(self.preview)
        self.body_stack.setMinimumHeight(lines * 5)
        self.preview_button = QToolButton(self)
        self.preview_button.setText(self.tr("Preview"))
        self.preview_button.setAccessibleName(self.tr("Show the note as it will look"))
        self.preview_button.setCheckable(True)
        self.preview_button.toggled.connect(self._toggle_preview)
        body_label = QLabel(text_label, self)
        body_label.setBuddy(self.body_edit)
        body_row = QHBoxLayout()
        body_row.setContentsMargins(0, 0, 0, 0)
        body_row.addWidget(body_label, 1)
        body_row.addWidget(self.preview_button)

        self._tags_holder = QVBoxLayout()
        self._tags_holder.setContentsMargins(0, 0, 0, 0)
        self.tags_picker = self._make_tags_picker()
        self._tags_holder.addWidget(self.tags_picker)
        tags_box = QWidget(self)
        tags_box.setLayout(self._tags_holder)
        self._tags_label = QLabel(self.tr("&Tags"), self)
        self._tags_label.setBuddy(self.tags_picker.line_edit)

        self.rating = StarRating(self)
        rating_label = QLabel(self.tr("Rating"), self)
        self.share_check = QCheckBox(self.tr("&Share with partners"), self)
        self.share_check.setAccessibleName(self.tr("Share with partners"))
        self._share_tip = self.tr(
            "Shared notes travel in bundles; private ones never leave this computer."
        )
        self.share_check.setToolTip(self._share_tip)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(body_row)
        layout.addWidget(errors.wrap("body", self.body_stack, focus=self.body_edit), 1)
        layout.addWidget(self._tags_label)
        layout.addWidget(errors.wrap("tags", tags_box))
        layout.addWidget(rating_label)
        layout.addWidget(errors.wrap("rating", self.rating))
        layout.addWidget(errors.wrap("visibility", self.share_check))
        errors.alias("shared", "visibility")

    def values(self) -> dict[str, Any]:
        """What the fields hold, as ``catalogue.annotations.add`` and ``update`` take it."""
        return {
            "body": self.body_edit.toPlainText(),
            "tags": self.tags_picker.values(),
            "rating": self.rating.rating() or None,
            "shared": self.share_check.isChecked(),
        }

    def set_note(self, note: AnnotationRecord | None) -> None:
        """Show ``note``'s values (``None``: empty, private), its text as text (no preview).

        Only where a note was made can it be shared or made private: for a partner's note the
        share box is shown but disabled, with the reason.
        """
        self.preview_button.setChecked(False)
        self.body_edit.setPlainText(note.body if note is not None else "")
        self.tags_picker.set_values(list(note.tags) if note is not None else [])
        self.rating.set_rating(note.rating if note is not None else 0)
        self.share_check.setChecked(note is not None and note.visibility == "shared")
        can_share = note is None or note.mine
        self.share_check.setEnabled(can_share)
        self.share_check.setToolTip(
            self._share_tip
            if can_share
            else self.tr("Only where the note was made can it be shared or made private.")
        )

    def set_tags(self, tags: Sequence[str]) -> None:
        """Offer ``tags`` for completion (the picker is made anew, its values kept)."""
        if list(tags) == self._tags:
            return
        self._tags = list(tags)
        old = self.tags_picker
        picker = self._make_tags_picker()
        picker.set_values(old.values())
        self._tags_holder.replaceWidget(old, picker)
        old.hide()
        old.deleteLater()
        self.tags_picker = picker
        self._tags_label.setBuddy(picker.line_edit)

    def _make_tags_picker(self) -> ChoicePicker:
        return ChoicePicker(
            [Choice(tag, tag) for tag in self._tags],
            multiple=True,
            accessible_name=self.tr("Tags"),
            placeholder=self.tr("Type a tag, Enter to add it…"),
            parent=self,
        )

    @Slot(bool)
    def _toggle_preview(self, on: bool) -> None:
        if on:
            self.preview.set_html_safely(render_note(self.body_edit.toPlainText()))
            self.body_stack.setCurrentWidget(self.preview)
            self.preview_button.setText(self.tr("Edit text"))
        else:
            self.body_stack.setCurrentWidget(self.body_edit)
            self.preview_button.setText(self.tr("Preview"))
