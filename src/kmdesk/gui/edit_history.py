"""Undo of the curator's recent edits made through the product and need forms.

Each save through :class:`~kmdesk.gui.product_form.ProductForm` or
:class:`~kmdesk.gui.need_form.NeedForm` records an :class:`Edit`: what the edit was and a
function that reverts it through the core. :class:`EditHistory` keeps the last
:data:`UNDO_LEVELS` of them (a stack: Undo reverts the newest, then the one before) and runs the
revert on the operations runner, since it writes.

What can be undone, and how:

* **product created** -- the product is deleted (with what was attached and linked to it);
* **product edited** -- its field values go back to those read from the core just before the
  save; links added by the edit are removed and links removed by it made again; the knowledge
  needs it started or stopped answering go back; files attached by the edit are detached.
  Files *detached* by the edit are not brought back (the stored file goes when nothing refers
  to it);
* **need created** -- the need is deleted; **need edited** -- its fields go back;
* **note added** (in the notes panel, or a highlight in the PDF viewer) -- the note is deleted;
  **note edited** -- its text, tags, rating and sharing go back; **note deleted** (one made
  here) -- it is made again with the same content, under a new id (the deletion's tombstone may
  have travelled already, so the old id stays deleted).

Deleting a product is not undoable (and the forms do not offer it): the core refuses to make a
deleted record again under its id (its tombstone travels with sync), so a "restored" product
would be a different record. An undo overwrites whatever changed the same record since the edit
(another window, an import): it puts back the values from before the edit.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from kmdesk.errors import NotFoundError
from kmdesk.gui.operations import OperationsRunner
from kmdesk.records import AnnotationRecord, LinkRecord, NeedRecord, ProductRecord

if TYPE_CHECKING:
    from kmdesk.catalogue import Catalogue

#: How many edits can be undone, newest first.
UNDO_LEVELS = 20

PRODUCT_CREATED = "product-created"
PRODUCT_UPDATED = "product-updated"
NEED_CREATED = "need-created"
NEED_UPDATED = "need-updated"
NOTE_ADDED = "note-added"
NOTE_UPDATED = "note-updated"
NOTE_DELETED = "note-deleted"


@dataclass(slots=True)
class NoteTarget:
    """The note an edit reverts: its id changes when undoing its deletion makes it again."""

    id: uuid.UUID


@dataclass(frozen=True, slots=True)
class Edit:
    """One edit that can be undone: its kind, the title it concerns and how to revert it."""

    kind: str
    title: str
    #: The product or need it concerns (for a note, the note's product).
    record_id: uuid.UUID
    revert: Callable[[Catalogue], None]
    #: For an edit of a note, the note.
    note: NoteTarget | None = None


# -- values as the core takes them ------------------------------------------------------------


def product_values(record: ProductRecord) -> dict[str, Any]:
    """Every field of ``record`` in the form ``catalogue.products.update`` takes."""
    return {
        "title": record.title,
        "subtitle": record.subtitle,
        "summary": record.summary,
        "product_type": record.product_type.key,
        "themes": [term.key for term in record.themes],
        "partnerships": [term.key for term in record.partnerships],
        "organisations": [(o.organisation.key, o.role) for o in record.organisations],
        "authors": list(record.authors),
        "countries": list(record.countries),
        "regions": list(record.regions),
        "languages": list(record.languages),
        "year": record.year,
        "date": record.date.isoformat() if record.date is not None else None,
        "licence": record.licence,
        "url": record.url,
        "doi": record.doi,
        "keywords": list(record.keywords),
        "status": record.status,
    }


def need_values(record: NeedRecord) -> dict[str, Any]:
    """The fields the need form edits, in the form ``catalogue.needs.update`` takes."""
    raised_by = (
        f"{record.raised_by_kind}:{record.raised_by.key}"
        if record.raised_by is not None and record.raised_by_kind
        else None
    )
    return {
        "title": record.title,
        "description": record.description,
        "theme": record.theme.key if record.theme is not None else None,
        "raised_by": raised_by,
        "priority": record.priority,
        "status": record.status,
    }


# -- edits ----------------------------------------------------------------------------------------


def product_created(record: ProductRecord) -> Edit:
    """Undo a creation by deleting the product."""

    def revert(catalogue: Catalogue) -> None:
        catalogue.products.delete(record.id)

    return Edit(PRODUCT_CREATED, record.title, record.id, revert)


def product_updated(
    before: ProductRecord,
    *,
    links_added: Iterable[uuid.UUID] = (),
    links_removed: Iterable[LinkRecord] = (),
    attachments_added: Iterable[uuid.UUID] = (),
    needs_answered_before: Mapping[uuid.UUID, bool] | None = None,
    title: str | None = None,
) -> Edit:
    """Undo an edit: values from ``before``, links, needs and attachments as they were.

    ``needs_answered_before`` maps each need whose answer the edit changed to whether the
    product answered it before; ``title`` is the title after the edit (how the user knows the
    product now; ``before``'s by default).
    """
    values = product_values(before)
    added_links = list(links_added)
    removed_links = list(links_removed)
    added_files = list(attachments_added)
    needs = dict(needs_answered_before or {})

    def revert(catalogue: Catalogue) -> None:
        products = catalogue.products
        products.update(before.id, values)
        for link_id in added_links:
            with contextlib.suppress(NotFoundError):  # gone since: nothing to revert
                products.unlink(link_id)
        for link in removed_links:
            source, target = (
                (before.id, link.product_id) if link.outgoing else (link.product_id, before.id)
            )
            with contextlib.suppress(NotFoundError):
                products.link(source, target, link.link_type)
        for attachment_id in added_files:
            with contextlib.suppress(NotFoundError):
                products.remove_attachment(attachment_id)
        for need_id, answered in needs.items():
            set_need_answered(catalogue, need_id, before.id, answered)

    return Edit(PRODUCT_UPDATED, title or before.title, before.id, revert)


def need_created(record: NeedRecord) -> Edit:
    """Undo a need's creation by deleting it."""

    def revert(catalogue: Catalogue) -> None:
        catalogue.needs.delete(record.id)

    return Edit(NEED_CREATED, record.title, record.id, revert)


def need_updated(before: NeedRecord, title: str | None = None) -> Edit:
    """Undo a need's edit: its fields as they were (``title``: the need's title now)."""
    values = need_values(before)

    def revert(catalogue: Catalogue) -> None:
        catalogue.needs.update(before.id, values)

    return Edit(NEED_UPDATED, title or before.title, before.id, revert)


def note_added(record: AnnotationRecord) -> Edit:
    """Undo a new note (or highlight) by deleting it."""
    target = NoteTarget(record.id)

    def revert(catalogue: Catalogue) -> None:
        catalogue.annotations.delete(target.id)

    return Edit(NOTE_ADDED, record.product_title, record.product_id, revert, target)


def note_updated(before: AnnotationRecord) -> Edit:
    """Undo an edit of a note: its text, tags, rating and (for a note made here) sharing go
    back to ``before``."""
    values: dict[str, Any] = {
        "body": before.body,
        "tags": list(before.tags),
        "rating": before.rating,
    }
    if before.mine:
        values["visibility"] = before.visibility
    target = NoteTarget(before.id)

    def revert(catalogue: Catalogue) -> None:
        catalogue.annotations.update(target.id, values)

    return Edit(NOTE_UPDATED, before.product_title, before.product_id, revert, target)


def note_deleted(record: AnnotationRecord) -> Edit:
    """Undo the deletion of a note made here by making it again (a new id, same content);
    :class:`EditHistory` then points the note's earlier edits at the new id."""
    target = NoteTarget(record.id)

    def revert(catalogue: Catalogue) -> None:
        made = catalogue.annotations.add(
            record.product_id,
            body=record.body,
            tags=record.tags,
            rating=record.rating,
            shared=record.visibility == "shared",
            attachment=record.attachment,
            page=record.page,
            quote=record.quote,
            before=record.quote_before,
            after=record.quote_after,
            position=record.position or None,
        )
        target.id = made.id

    return Edit(NOTE_DELETED, record.product_title, record.product_id, revert, target)


def set_need_answered(
    catalogue: Catalogue, need_id: uuid.UUID, product_id: uuid.UUID, answered: bool
) -> None:
    """Make ``product_id`` answer ``need_id`` or not, keeping the need's other products."""
    try:
        need = catalogue.needs.get(need_id)
    except NotFoundError:
        return
    products = [p for p in need.products if p != product_id]
    if answered:
        products.append(product_id)
    if tuple(products) != need.products:
        catalogue.needs.update(need_id, {"products": products})


class EditHistory(QObject):
    """The edits that can be undone, newest last; :meth:`undo` reverts the newest.

    Keeps :data:`UNDO_LEVELS` levels. :attr:`changed` fires when :attr:`can_undo` or
    :attr:`undo_text` may have changed, so an Edit → Undo action can follow
    (:meth:`undo_action` makes one).
    """

    changed = Signal()
    #: An undo finished; carries the text of what was undone.
    undone = Signal(str)
    #: An undo failed; carries the exception (the edit is dropped from the history).
    failed = Signal(object)

    def __init__(
        self,
        catalogue: Catalogue,
        runner: OperationsRunner,
        parent: QObject | None = None,
        *,
        levels: int = UNDO_LEVELS,
    ) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._runner = runner
        self._levels = max(1, levels)
        self._edits: list[Edit] = []
        self._busy = False

    @property
    def can_undo(self) -> bool:
        """Whether there is an edit to undo (and no undo is running)."""
        return bool(self._edits) and not self._busy

    @property
    def busy(self) -> bool:
        """Whether an undo is running."""
        return self._busy

    @property
    def edits(self) -> list[Edit]:
        """The edits that can be undone, oldest first."""
        return list(self._edits)

    @property
    def undo_text(self) -> str:
        """What Undo would do, for the menu: "Undo edit of “Title”"."""
        if not self._edits:
            return self.tr("Undo")
        return self._describe(self._edits[-1])

    def _describe(self, edit: Edit) -> str:
        if edit.kind == PRODUCT_CREATED:
            text = self.tr("Undo creation of “{title}”")
        elif edit.kind == NEED_CREATED:
            text = self.tr("Undo creation of need “{title}”")
        elif edit.kind == NEED_UPDATED:
            text = self.tr("Undo edit of need “{title}”")
        elif edit.kind == NOTE_ADDED:
            text = self.tr("Undo new note on “{title}”")
        elif edit.kind == NOTE_UPDATED:
            text = self.tr("Undo edit of a note on “{title}”")
        elif edit.kind == NOTE_DELETED:
            text = self.tr("Undo deletion of a note on “{title}”")
        else:
            text = self.tr("Undo edit of “{title}”")
        return text.format(title=_shorten(edit.title))

    def record(self, edit: Edit) -> None:
        """Remember ``edit`` as the newest one (the oldest goes past :data:`UNDO_LEVELS`)."""
        self._edits.append(edit)
        del self._edits[: -self._levels]
        self.changed.emit()

    def clear(self) -> None:
        """Forget every edit (another catalogue was opened, an import was undone...)."""
        self._edits.clear()
        self.changed.emit()

    @Slot()
    def undo(self, parent: QWidget | None = None) -> None:
        """Revert the newest edit in the background; :attr:`undone` or :attr:`failed` follows."""
        if not self.can_undo:
            return
        edit = self._edits.pop()
        text = self._describe(edit)
        self._busy = True
        self.changed.emit()
        catalogue = self._catalogue
        note_before = edit.note.id if edit.note is not None else None

        def work(_progress: Any, _cancel: Any) -> None:
            edit.revert(catalogue)

        def done(_result: object) -> None:
            if edit.note is not None and edit.note.id != note_before:
                for earlier in self._edits:  # the note was made again: its edits follow it
                    if earlier.note is not None and earlier.note.id == note_before:
                        earlier.note.id = edit.note.id
            self._busy = False
            self.changed.emit()
            self.undone.emit(text)

        def failed(error: BaseException) -> None:
            self._busy = False
            self.changed.emit()
            self.failed.emit(error)

        self._runner.run(
            work,
            on_done=done,
            on_error=failed,
            label=self.tr("Undoing the last edit…"),
            parent=parent,
            cancellable=False,
        )

    def delete_product(self, product_id: uuid.UUID, parent: QWidget | None = None) -> None:
        """Delete a product in the background; this cannot be undone (see the module's notes).

        Earlier edits of that product are dropped from the history, since there is nothing
        left to revert them on. :attr:`failed` reports a refusal.
        """
        catalogue = self._catalogue

        def work(_progress: Any, _cancel: Any) -> uuid.UUID:
            return catalogue.products.delete(product_id)

        def done(deleted: uuid.UUID) -> None:
            kept = [e for e in self._edits if not _about_product(e, deleted)]
            if len(kept) != len(self._edits):
                self._edits = kept
                self.changed.emit()

        self._runner.run(
            work,
            on_done=done,
            on_error=self.failed.emit,
            label=self.tr("Deleting the product…"),
            parent=parent,
            cancellable=False,
        )

    def undo_action(self, parent: QObject) -> QAction:
        """An Edit → Undo action (Ctrl+Z) whose text and state follow this history."""
        action = QAction(self.undo_text, parent)
        action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        action.setEnabled(self.can_undo)

        def follow() -> None:
            action.setText(self.undo_text)
            action.setEnabled(self.can_undo)

        self.changed.connect(follow)
        action.triggered.connect(lambda _checked=False: self.undo())
        return action


def _about_product(edit: Edit, product_id: uuid.UUID) -> bool:
    kinds = (PRODUCT_CREATED, PRODUCT_UPDATED, NOTE_ADDED, NOTE_UPDATED, NOTE_DELETED)
    return edit.kind in kinds and edit.record_id == product_id


def _shorten(title: str, limit: int = 50) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"
