"""Keep the search index a faithful cache of the catalogue.

:class:`CatalogueIndexer` belongs to a :class:`~kmdesk.catalogue.Catalogue`. It

* opens the index on first use and checks it against the database: a cheap fingerprint first
  (the product count and the newest local change sequence numbers), and only when that differs
  a comparison of every product's id and sequence number, repairing just what differs; a
  missing, damaged or outdated index is rebuilt. The sequence number, not the merge stamp, says
  what changed here: a record received from elsewhere with an old stamp still gets a new
  number, and so does a product whose linked translation or vocabulary label changed;
* turns each committed change into index updates before the catalogue's method returns, so an
  edit is searchable at once;
* extracts attachment text through the SHA-256-keyed cache, so a file is read once.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from kmdesk.annotations.tags import tag_index_value
from kmdesk.db.models import Annotation, Attachment, Product, Tombstone
from kmdesk.errors import ReadOnlyCatalogueError
from kmdesk.geo import country_name, language_name
from kmdesk.i18n import _
from kmdesk.progress import CancelToken, Progress, ProgressUpdate, no_progress
from kmdesk.readers import batched, product_records
from kmdesk.search.extraction import (
    AttachmentSource,
    Extraction,
    TextCache,
    extract_attachments,
)
from kmdesk.search.index import SearchIndex
from kmdesk.search.schema import NoteText, product_document
from kmdesk.search.service import SearchService
from kmdesk.terms import FACET_VOCABULARIES
from kmdesk.vocabulary import ANNOTATED_BY_ME, ANNOTATED_BY_OTHERS

if TYPE_CHECKING:
    from kmdesk.catalogue import Catalogue
    from kmdesk.changes import Changes

#: A rebuild uses several writer processes from this many products on.
PARALLEL_FROM = 2_000
#: A repair touching more than this share of the products rebuilds instead.
REBUILD_SHARE = 0.5


@dataclass(slots=True)
class IndexReport:
    """What bringing the index up to date did."""

    rebuilt: bool = False
    updated: int = 0
    deleted: int = 0
    no_text: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class IndexDrift:
    """Differences between the index and the database (``kmdesk check``)."""

    present: bool
    missing: tuple[str, ...] = ()
    stale: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the index holds exactly the catalogue's products, each up to date."""
        return self.present and not (self.missing or self.stale or self.extra)


class CatalogueIndexer:
    """The search index of one catalogue, kept in step with its database."""

    def __init__(self, catalogue: Catalogue) -> None:
        self._catalogue = catalogue
        self.index = SearchIndex(catalogue.index_dir)
        self.texts = TextCache.of_catalogue(catalogue.folder)
        self.service = SearchService(self.index, self._facet_labels, self._cached_text)
        self._labels: dict[str, dict[str, str]] = {}
        self._ready = False
        #: One thread at a time brings the index up to date (the app searches and prepares the
        #: index on two workers at start).
        self._ensuring = threading.Lock()

    # -- bringing the index up to date -----------------------------------------------------------

    def ensure(
        self, *, progress: Progress = no_progress, cancel: CancelToken | None = None
    ) -> IndexReport:
        """Open the index, then repair or rebuild it until it matches the database."""
        if self._ready:
            return IndexReport()
        with self._ensuring:
            return self._ensure(progress, cancel)

    def _ensure(self, progress: Progress, cancel: CancelToken | None) -> IndexReport:
        if self._ready:  # made ready by another thread while this one waited
            return IndexReport()
        if not self.index.open():
            if self._catalogue.read_only:
                raise ReadOnlyCatalogueError(
                    str(self._catalogue.folder),
                    _("its search index is missing or damaged and cannot be rebuilt there"),
                )
            with self._catalogue.writer_lock():
                report = self.rebuild(progress=progress, cancel=cancel)
        else:
            report = IndexReport()
            fingerprint = self.fingerprint()
            recorded = self.index.read_state().get("fingerprint")
            if recorded != fingerprint and not self._catalogue.read_only:
                with self._catalogue.writer_lock():
                    report = self._repair(fingerprint, progress=progress, cancel=cancel)
        self._ready = True
        return report

    def rebuild(
        self, *, progress: Progress = no_progress, cancel: CancelToken | None = None
    ) -> IndexReport:
        """Index every product again into a new index that replaces the old one when done."""
        report = IndexReport(rebuilt=True)
        fingerprint = self.fingerprint()
        with self._catalogue.reading() as session:
            ids = list(session.scalars(select(Product.id).order_by(Product.id)))
        self._extract_all(ids, report, progress, cancel)
        processes = min(2, os.cpu_count() or 1) if len(ids) >= PARALLEL_FROM else 1
        if not forking_is_safe():
            processes = 1
        self.index.rebuild(
            self._documents(ids),
            len(ids),
            fingerprint,
            processes=processes,
            progress=progress,
            cancel=cancel,
        )
        report.updated = len(ids)
        self._ready = True
        return report

    def _repair(
        self,
        fingerprint: dict[str, Any],
        *,
        progress: Progress,
        cancel: CancelToken | None,
    ) -> IndexReport:
        drift = self.drift()
        stale = set(drift.missing) | set(drift.stale)
        if len(stale) > REBUILD_SHARE * max(fingerprint["products"], 1):
            return self.rebuild(progress=progress, cancel=cancel)
        report = IndexReport(updated=len(stale), deleted=len(drift.extra))
        ids = [uuid.UUID(i) for i in sorted(stale)]
        self._extract_all(ids, report, progress, cancel)
        self.index.apply(self._documents(ids), drift.extra, fingerprint)
        return report

    def drift(self) -> IndexDrift:
        """Compare the index's ids and change sequence numbers with the database's."""
        if not self.index.is_open and not self.index.open():
            return IndexDrift(present=False)
        with self._catalogue.reading() as session:
            database = {
                str(product_id): str(seq)
                for product_id, seq in session.execute(select(Product.id, Product.seq))
            }
        indexed = self.index.indexed_changes()
        return IndexDrift(
            present=True,
            missing=tuple(sorted(set(database) - set(indexed))),
            stale=tuple(
                sorted(i for i, seq in database.items() if i in indexed and indexed[i] != seq)
            ),
            extra=tuple(sorted(set(indexed) - set(database))),
        )

    def fingerprint(self) -> dict[str, Any]:
        """The product count and newest sequence numbers: they change with every document."""
        with self._catalogue.reading() as session:
            return {
                "products": int(session.scalar(select(func.count(Product.id))) or 0),
                "product_seq": int(session.scalar(select(func.max(Product.seq))) or 0),
                "deleted_seq": int(
                    session.scalar(
                        select(func.max(Tombstone.seq)).where(Tombstone.entity == "product")
                    )
                    or 0
                ),
            }

    # -- following changes ---------------------------------------------------------------------

    def follow_outside_changes(self) -> None:
        """Another process wrote: reopen the index and check it on next use."""
        self._ready = False
        self._labels.clear()

    def forget_labels(self) -> None:
        """Facet labels are looked up again (the display language changed)."""
        self._labels.clear()

    def on_changes(self, changes: Changes) -> None:
        """Put the products a committed operation touched into the index (if it is open)."""
        if changes.vocabulary:
            self._labels.clear()
        if changes.annotations:
            self._labels.pop("tag", None)  # tags as written, looked up again
        touched = (changes.products | changes.annotations) - changes.deleted_products
        if not self._ready or not (touched or changes.deleted_products):
            return
        ids = sorted(touched)
        report = IndexReport()
        self._extract_all(ids, report, no_progress, None)
        self.index.apply(
            self._documents(ids),
            [str(i) for i in changes.deleted_products],
            self.fingerprint(),
        )

    # -- documents and texts -------------------------------------------------------------------

    def _documents(self, ids: Sequence[uuid.UUID]) -> Iterator[dict[str, Any]]:
        language = self._catalogue.language
        for chunk in batched(ids):
            with self._catalogue.reading() as session:
                records = product_records(session, chunk, language)
                notes = _notes_of(session, chunk, self._catalogue.installation_id)
            for record in records:
                texts = {a.sha256: self._cached_text(a.sha256) or "" for a in record.attachments}
                yield product_document(record, texts, notes.get(record.id, ()))

    def _extract_all(
        self,
        ids: Sequence[uuid.UUID],
        report: IndexReport,
        progress: Progress,
        cancel: CancelToken | None,
    ) -> None:
        with self._catalogue.reading() as session:
            rows = _attachment_rows(session, ids)
        sources = [
            AttachmentSource(sha, self._catalogue.attachments.path_for(sha), media_type, name)
            for sha, media_type, name in rows
            if self.texts.get(sha) is None
        ]
        if not sources:
            return

        def extraction_progress(update: ProgressUpdate) -> None:
            progress(ProgressUpdate(update.done, update.total, _("Reading attachments")))

        _results, extracted = extract_attachments(
            sources, self.texts, progress=extraction_progress, cancel=cancel
        )
        report.no_text.extend(extracted.no_text)
        report.failed.extend(extracted.failed)

    def _cached_text(self, sha256: str) -> str | None:
        cached: Extraction | None = self.texts.get(sha256)
        if cached is None:
            return None
        return cached.text if cached.status == "ok" else None

    # -- facet labels ----------------------------------------------------------------------------

    def _facet_labels(self, facet: str) -> Mapping[str, str]:
        if facet not in self._labels:
            self._labels[facet] = self._compute_labels(facet)
        return self._labels[facet]

    def _compute_labels(self, facet: str) -> dict[str, str]:
        if facet in FACET_VOCABULARIES:
            terms = self._catalogue.vocabularies.terms(FACET_VOCABULARIES[facet])
            return {t.key: t.label for t in terms}
        if facet == "tag":
            return {tag_index_value(tag): tag for tag, _count in self._catalogue.annotations.tags()}
        if facet == "annotated":
            return {ANNOTATED_BY_ME: _("by me"), ANNOTATED_BY_OTHERS: _("by partners")}
        if facet == "country":
            return _CountryLabels(self._catalogue.language)
        if facet == "language":
            return _LanguageLabels(self._catalogue.language)
        return {}


def forking_is_safe() -> bool:
    """Whether this process may fork worker processes for a rebuild.

    Whoosh's parallel writer forks; forking a process that runs other threads (the desktop
    app's workers) can deadlock the child, so such a process rebuilds in one process.
    """
    return threading.active_count() == 1


def _notes_of(
    session: Session, ids: Sequence[uuid.UUID], installation: str
) -> dict[uuid.UUID, list[NoteText]]:
    """What the index keeps of the notes on ``ids``, by product."""
    notes: dict[uuid.UUID, list[NoteText]] = {}
    rows = session.scalars(
        select(Annotation)
        .where(Annotation.product_id.in_(list(ids)))
        .options(selectinload(Annotation.tags))
    )
    for row in rows:
        notes.setdefault(row.product_id, []).append(
            NoteText(
                body=row.body or "",
                quote=row.quote or "",
                tags=tuple((tag_index_value(t.tag), t.tag) for t in row.tags),
                mine=row.installation == installation,
            )
        )
    return notes


def _attachment_rows(session: Session, ids: Sequence[uuid.UUID]) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    for chunk in batched(list(ids)):
        rows.extend(
            (sha, media_type, name)
            for sha, media_type, name in session.execute(
                select(Attachment.sha256, Attachment.media_type, Attachment.file_name).where(
                    Attachment.product_id.in_(chunk)
                )
            )
        )
    return list({row[0]: row for row in rows}.values())


class _CountryLabels(dict[str, str]):
    """Country names on demand, in the display language."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self._language = language

    def __missing__(self, code: str) -> str:
        self[code] = country_name(code, self._language)
        return self[code]

    def get(self, key: str, default: Any = None) -> Any:
        return self[key]


class _LanguageLabels(dict[str, str]):
    """Language names on demand (ISO 639 names, in the display language)."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self._language = language

    def __missing__(self, code: str) -> str:
        self[code] = language_name(code, self._language)
        return self[code]

    def get(self, key: str, default: Any = None) -> Any:
        return self[key]
