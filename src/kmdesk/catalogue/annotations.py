"""``catalogue.annotations``: notes, tags, ratings and highlights that people add to products.

Each annotation names its author and organisation (from the user's profile, see
:mod:`kmdesk.catalogue.profile`; without one, the name of this installation's signing key) and
the installation where it was made. It is **private** unless made **shared**: private notes
never leave this installation (:mod:`kmdesk.sync.dump`); shared ones travel in bundles and are
merged field by field like every syncable record. Only the installation that made a note may
change who sees it.

Writes go through the write layer (:meth:`~kmdesk.catalogue.Catalogue.writing`), so every field
is stamped; deleting a note leaves a tombstone when the note was ever shared
(:func:`kmdesk.sync.deletion.note_tombstone`). Callers get
:class:`~kmdesk.records.AnnotationRecord`.
"""

from __future__ import annotations

import builtins
import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session, selectinload

from kmdesk import validation as check
from kmdesk.annotations.anchoring import page_texts, reanchor
from kmdesk.annotations.checks import clean_page, clean_position, clean_quote, clean_rating
from kmdesk.annotations.tags import clean_tags, tag_key
from kmdesk.catalogue.products import MIN_ID_PREFIX, product_id_of
from kmdesk.catalogue.profile import read_profile
from kmdesk.db.models import Annotation, AnnotationTag, Attachment, Conflict, Product
from kmdesk.errors import KmdeskError, NotFoundError, ValidationError
from kmdesk.i18n import _
from kmdesk.records import AnchorCheck, AnnotationRecord, AttachmentRecord
from kmdesk.sync.clock import Stamp
from kmdesk.sync.deletion import delete_record
from kmdesk.vocabulary import VISIBILITIES

if TYPE_CHECKING:
    from kmdesk.catalogue.facade import Catalogue
    from kmdesk.sync.writer import RecordWriter

PRIVATE, SHARED = VISIBILITIES
#: What :meth:`Annotations.update` accepts (``shared``: a bool, the same as ``visibility``).
ANNOTATION_FIELDS = (
    "body",
    "tags",
    "rating",
    "visibility",
    "shared",
    "attachment",
    "page",
    "quote",
    "quote_before",
    "quote_after",
    "position",
)
#: Fields that belong to a highlight: they need an attachment.
_HIGHLIGHT_FIELDS = ("page", "quote", "quote_before", "quote_after", "position")
#: Fields whose two concurrent versions can both be kept, as two notes (:meth:`keep_both`).
KEEP_BOTH_FIELDS = ("body", "rating")


class Annotations:
    """Add, change, delete, list and re-anchor annotations."""

    def __init__(self, catalogue: Catalogue) -> None:
        self._catalogue = catalogue

    # -- writing ---------------------------------------------------------------------------------

    def add(
        self,
        product: uuid.UUID | str,
        *,
        body: str = "",
        tags: Iterable[str] = (),
        rating: int | str | None = None,
        shared: bool = False,
        attachment: str | AttachmentRecord | None = None,
        page: int | None = None,
        quote: str | None = None,
        before: str | None = None,
        after: str | None = None,
        position: Iterable[Iterable[float]] | None = None,
    ) -> AnnotationRecord:
        """Annotate a product (an id or its first characters); a highlight when ``attachment``
        (its SHA-256 or record) and ``quote`` are given.

        A note needs a text, a quote, a tag or a rating. Bad values raise
        :class:`~kmdesk.errors.ValidationError` naming the field, and nothing is written.
        """
        author, organisation = self._author()
        values: dict[str, Any] = {
            "body": body,
            "tags": list(tags),
            "rating": rating,
            "visibility": SHARED if shared else PRIVATE,
            "attachment": attachment,
            "page": page,
            "quote": quote,
            "quote_before": before,
            "quote_after": after,
            "position": None if position is None else [list(r) for r in position],
        }
        with self._catalogue.writing() as w:
            product_id = product_id_of(w.session, product)
            note_id = self._make(w, product_id, author, organisation, values)
        return self.get(note_id)

    def update(self, reference: uuid.UUID | str, values: Mapping[str, Any]) -> AnnotationRecord:
        """Change some fields of a note (:data:`ANNOTATION_FIELDS`); the rest stays."""
        with self._catalogue.writing() as w:
            note = w.track(_note(w.session, reference))
            with w.session.no_autoflush:
                _apply(w.session, note, values, own=self._catalogue.installation_id)
                _require_content(note)
            w.changes.annotations.add(note.product_id)
            note_id = note.id
        return self.get(note_id)

    def delete(self, reference: uuid.UUID | str) -> uuid.UUID:
        """Delete a note (with a tombstone when it was ever shared); returns its id."""
        with self._catalogue.writing() as w:
            note = _note(w.session, reference)
            note_id = note.id
            delete_record(w, note)
        return note_id

    def keep_both(self, conflict_id: int) -> AnnotationRecord:
        """Keep both versions of a note changed in two places at once: the version that lost
        (kept in conflict ``conflict_id``, see ``catalogue.sync.conflicts``) becomes a second
        note, and the conflict is settled. The note in use does not change.

        The second note is a copy of the note (same product, passage, tags and rating) with
        the losing text (or rating); it is made here and private, so the user decides whether
        to share it. Its author is this user when the losing version was written here, else
        the note's author. Only a note's text and rating can be kept this way (tags merge one
        by one and never conflict); other conflicts raise :class:`ValidationError`.
        """
        with self._catalogue.writing() as w:
            row = w.session.get(Conflict, conflict_id)
            if row is None:
                raise NotFoundError(_("conflict"), str(conflict_id))
            if row.kind != "annotation" or row.field not in KEEP_BOTH_FIELDS:
                raise ValidationError(
                    "conflict",
                    conflict_id,
                    _("only two versions of a note's text or rating can both be kept"),
                )
            note = w.session.get(Annotation, row.record_id)
            if note is None:
                raise KmdeskError(
                    _("the note {id} was deleted since; keep its old text by restoring it").format(
                        id=row.record_id
                    )
                )
            here = self._catalogue.installation_id
            if Stamp.parse(row.stamp).installation == here:
                author, organisation = self._author()
            else:
                author, organisation = note.author, note.organisation
            values: dict[str, Any] = {
                "body": note.body,
                "tags": [tag.tag for tag in note.tags],
                "rating": note.rating,
                "attachment": note.attachment_sha256,
                **{name: getattr(note, name) for name in _HIGHLIGHT_FIELDS},
                row.field: row.value,
            }
            copy_id = self._make(w, note.product_id, author, organisation, values)
            w.session.delete(row)
        return self.get(copy_id)

    # -- reading ---------------------------------------------------------------------------------

    def get(self, reference: uuid.UUID | str) -> AnnotationRecord:
        """One note, by id or its first characters (at least four)."""
        with self._catalogue.reading() as session:
            note = _note(session, reference)
            return self._record(session, note)

    def resolve_id(self, reference: uuid.UUID | str) -> uuid.UUID:
        """The id of the note that a full id or a unique prefix of it names."""
        with self._catalogue.reading() as session:
            return _note(session, reference).id

    def tags(self) -> builtins.list[tuple[str, int]]:
        """Every tag in use (as first written) with how many notes carry it, most used first."""
        with self._catalogue.reading() as session:
            rows = session.execute(
                select(AnnotationTag.key, func.min(AnnotationTag.tag), func.count())
                .group_by(AnnotationTag.key)
                .order_by(func.count().desc(), AnnotationTag.key)
            ).all()
        return [(str(tag), int(count)) for _key, tag, count in rows]

    def check_anchors(
        self, target: uuid.UUID | str | AttachmentRecord
    ) -> builtins.list[AnchorCheck]:
        """Where the highlights of a product (or of one attachment) are in the text now.

        Each highlight is placed again in its attachment's extracted text
        (:func:`kmdesk.annotations.anchoring.reanchor`); when its file is no longer attached,
        in the product's other attachments (a new edition). A highlight that cannot be placed
        is reported ``lost``; nothing is changed or dropped.
        """
        with self._catalogue.reading() as session:
            if isinstance(target, AttachmentRecord):
                row = session.scalar(select(Attachment).where(Attachment.id == target.id))
                if row is None:
                    raise NotFoundError(_("attachment"), str(target.id))
                product_id = row.product_id
                only_sha: str | None = target.sha256
            else:
                product_id = product_id_of(session, target)
                only_sha = None
            query = select(Annotation).where(
                Annotation.product_id == product_id,
                Annotation.attachment_sha256.is_not(None),
                Annotation.quote.is_not(None),
            )
            if only_sha is not None:
                query = query.where(Annotation.attachment_sha256 == only_sha)
            notes = [
                (n.id, n.attachment_sha256, n.page, n.quote, n.quote_before, n.quote_after)
                for n in session.scalars(query.order_by(Annotation.page, Annotation.id))
            ]
        attachments = self._catalogue.products.get(product_id).attachments
        texts: dict[str, tuple[builtins.list[str], bool] | None] = {}

        def text_of(attachment: AttachmentRecord) -> tuple[builtins.list[str], bool] | None:
            if attachment.sha256 not in texts:
                extraction = self._catalogue.products.text_extraction(attachment)
                texts[attachment.sha256] = (
                    page_texts(extraction.text, extraction.pages)
                    if extraction.status == "ok"
                    else None
                )
            return texts[attachment.sha256]

        checks: builtins.list[AnchorCheck] = []
        for note_id, sha, page, quote, before, after in notes:
            assert sha is not None and quote is not None  # selected so
            own = [a for a in attachments if a.sha256 == sha]
            candidates = own or [a for a in attachments if a.sha256 != sha]
            found = None
            for attachment in candidates:
                pages = text_of(attachment)
                if pages is None:
                    continue
                anchor = reanchor(
                    pages[0], quote, page=page, before=before, after=after, pages_known=pages[1]
                )
                if not anchor.lost:
                    status = anchor.status if attachment.sha256 == sha else "other-file"
                    found = AnchorCheck(
                        note_id, status, page, attachment.sha256, anchor.page, anchor.text
                    )
                    break
            checks.append(found or AnchorCheck(note_id, "lost", page, sha, None, None))
        return checks

    def list(
        self,
        *,
        product: uuid.UUID | str | None = None,
        tag: str | None = None,
        mine: bool = False,
        visibility: str | None = None,
        author: str | None = None,
    ) -> builtins.list[AnnotationRecord]:
        """Notes, oldest first: of one product, with a tag (matched case-insensitively), made
        here (``mine``), ``private`` or ``shared``, by an author (case-insensitive)."""
        with self._catalogue.reading() as session:
            query = select(Annotation).options(selectinload(Annotation.tags))
            if product is not None:
                query = query.where(Annotation.product_id == product_id_of(session, product))
            if tag is not None:
                key = tag_key(str(tag))
                query = query.where(Annotation.tags.any(AnnotationTag.key == key))
            if mine:
                query = query.where(Annotation.installation == self._catalogue.installation_id)
            if visibility is not None:
                query = query.where(
                    Annotation.visibility == check.choice("visibility", visibility, VISIBILITIES)
                )
            notes = builtins.list(session.scalars(query))
            if author is not None:
                wanted = " ".join(author.casefold().split())
                notes = [n for n in notes if " ".join(n.author.casefold().split()) == wanted]
            notes.sort(key=lambda n: (_creation_stamp(n), str(n.id)))
            titles = _titles(session, {n.product_id for n in notes})
            return [self._record(session, n, titles.get(n.product_id, "")) for n in notes]

    # -- internals -------------------------------------------------------------------------------

    def _author(self) -> tuple[str, str]:
        """Who is writing: the profile's name and organisation, else the signing key's name."""
        profile = read_profile(self._catalogue)
        if profile is not None:
            return profile.name, profile.organisation
        try:
            return self._catalogue.keys.own().name, ""
        except Exception:  # no key (a read-only catalogue cannot write notes anyway)
            return "", ""

    def _make(
        self,
        w: RecordWriter,
        product_id: uuid.UUID,
        author: str,
        organisation: str,
        values: Mapping[str, Any],
    ) -> uuid.UUID:
        """A new note made here (private until ``values`` share it), checked and written."""
        here = self._catalogue.installation_id
        note = Annotation(
            id=uuid.uuid4(),
            product_id=product_id,
            author=author,
            organisation=organisation,
            installation=here,
            visibility=PRIVATE,
            was_shared=False,
            body="",
        )
        with w.session.no_autoflush:
            _apply(w.session, note, values, own=here)
            _require_content(note)
        w.add(note)
        w.changes.annotations.add(product_id)
        return note.id

    def _record(
        self, session: Session, note: Annotation, title: str | None = None
    ) -> AnnotationRecord:
        if title is None:
            title = session.scalar(select(Product.title).where(Product.id == note.product_id))
        created = _creation_stamp(note)
        return AnnotationRecord(
            id=note.id,
            product_id=note.product_id,
            product_title=title or "",
            body=note.body,
            tags=tuple(t.tag for t in note.tags),
            rating=note.rating,
            visibility=note.visibility,
            author=note.author,
            organisation=note.organisation,
            installation=note.installation,
            mine=note.installation == self._catalogue.installation_id,
            attachment=note.attachment_sha256,
            page=note.page,
            quote=note.quote,
            quote_before=note.quote_before,
            quote_after=note.quote_after,
            position=tuple(
                (float(r[0]), float(r[1]), float(r[2]), float(r[3])) for r in note.position or []
            ),
            created=_stamp_time(created),
            updated=_stamp_time(note.stamp),
            stamp=note.stamp,
        )


def _titles(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The titles of some products, read in batches."""
    titles: dict[uuid.UUID, str] = {}
    chosen = builtins.list(ids)
    for start in range(0, len(chosen), 500):
        rows = session.execute(
            select(Product.id, Product.title).where(Product.id.in_(chosen[start : start + 500]))
        )
        titles.update({row.id: row.title for row in rows})
    return titles


def _creation_stamp(note: Annotation) -> str:
    """The stamp of a note's creation: the oldest of its field stamps."""
    stamps = note.field_stamps or {}
    return min(stamps.values()) if stamps else note.stamp


def _stamp_time(stamp: str) -> str:
    """The wall time of a stamp, UTC, ISO 8601 to the second."""
    wall = Stamp.parse(stamp).wall_ms / 1000
    return dt.datetime.fromtimestamp(wall, dt.UTC).isoformat(timespec="seconds")


def _note(session: Session, reference: uuid.UUID | str) -> Annotation:
    """The note a full id or a unique prefix (of at least 4 digits) names."""
    if isinstance(reference, uuid.UUID):
        note = session.get(Annotation, reference)
        if note is None:
            raise NotFoundError(_("note"), str(reference))
        return note
    text = str(reference).strip().lower()
    try:
        return _note(session, uuid.UUID(text))
    except ValueError:
        pass
    prefix = text.replace("-", "")
    if len(prefix) < MIN_ID_PREFIX or any(c not in "0123456789abcdef" for c in prefix):
        raise NotFoundError(
            _("note"),
            str(reference),
            _("give the id or at least its first {n} characters").format(n=MIN_ID_PREFIX),
        )
    hex_id = func.replace(cast(Annotation.id, String), "-", "")
    found = builtins.list(
        session.scalars(select(Annotation).where(hex_id.like(prefix + "%")).limit(2))
    )
    if not found:
        raise NotFoundError(_("note"), str(reference))
    if len(found) > 1:
        raise NotFoundError(_("single note"), str(reference), _("several notes start with it"))
    return found[0]


def _apply(session: Session, note: Annotation, values: Mapping[str, Any], *, own: str) -> None:
    """Check and set the given fields of ``note`` (all or none: checks come first)."""
    unknown = sorted(set(values) - set(ANNOTATION_FIELDS))
    if unknown:
        raise ValidationError(unknown[0], None, _("is not a field of a note"))
    clean: dict[str, Any] = {}
    if "body" in values:
        clean["body"] = check.long_text("body", values["body"])
    if "tags" in values:
        clean["tags"] = clean_tags("tags", values["tags"])
    if "rating" in values:
        clean["rating"] = clean_rating("rating", values["rating"])
    visibility = values.get("visibility")
    if "shared" in values and values["shared"] is not None:
        if not isinstance(values["shared"], bool):
            raise ValidationError("shared", values["shared"], _("must be true or false"))
        visibility = SHARED if values["shared"] else PRIVATE
    if visibility is not None:
        clean["visibility"] = check.choice("visibility", visibility, VISIBILITIES)
        if clean["visibility"] != note.visibility and note.installation != own:
            raise ValidationError(
                "visibility",
                clean["visibility"],
                _("can be changed only where the note was made ({author})").format(
                    author=note.author or note.installation
                ),
            )
    if "attachment" in values:
        clean["attachment"] = _attachment_sha(session, note.product_id, values["attachment"])
    if "page" in values:
        clean["page"] = clean_page("page", values["page"])
    for name in ("quote", "quote_before", "quote_after"):
        if name in values:
            clean[name] = clean_quote(name, values[name])
    if "position" in values:
        clean["position"] = clean_position("position", values["position"])
    attachment = clean.get("attachment", note.attachment_sha256)
    if attachment is None:
        for name in _HIGHLIGHT_FIELDS:
            if clean.get(name, getattr(note, name)) is not None:
                raise ValidationError(name, clean.get(name), _("needs an attachment"))
    if "body" in clean:
        note.body = clean["body"]
    if "tags" in clean:
        _set_tags(note, clean["tags"])
    if "rating" in clean:
        note.rating = clean["rating"]
    if "visibility" in clean:
        note.visibility = clean["visibility"]
        if note.visibility == SHARED:
            note.was_shared = True
    if "attachment" in clean:
        note.attachment_sha256 = clean["attachment"]
    for name in _HIGHLIGHT_FIELDS:
        if name in clean:
            setattr(note, name, clean[name])


def _set_tags(note: Annotation, tags: builtins.list[str]) -> None:
    """Replace the tags (a tag given again in another spelling is shown as now written)."""
    stored = {row.key: row for row in note.tags}
    rows = []
    for position, tag in enumerate(tags):
        row = stored.get(tag_key(tag)) or AnnotationTag(key=tag_key(tag), tag=tag)
        row.tag, row.position = tag, position
        rows.append(row)
    note.tags = rows


def _attachment_sha(session: Session, product_id: uuid.UUID, value: Any) -> str | None:
    """The SHA-256 of one of the product's attachments, given as a record, id or SHA-256."""
    if value is None or value == "":
        return None
    if isinstance(value, AttachmentRecord):
        value = value.sha256
    text = str(value).strip().lower()
    attachments = session.scalars(
        select(Attachment).where(Attachment.product_id == product_id)
    ).all()
    for attachment in attachments:
        if text in (attachment.sha256, str(attachment.id)):
            return attachment.sha256
    raise ValidationError("attachment", value, _("is not an attachment of this product"))


def _require_content(note: Annotation) -> None:
    if not (note.body or note.quote or note.tags or note.rating is not None):
        raise ValidationError(
            "body", note.body, _("a note needs a text, a quoted passage, a tag or a rating")
        )
