"""Plain, immutable records that the catalogue hands to its callers.

The command line, the GUI and (later) bundles never hold ORM objects: they get these frozen
dataclasses, safe to pass between threads and to turn into JSON with :func:`to_json`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class VocabularyTerm:
    """A vocabulary entry as shown to a user: its key and label in the UI language."""

    id: uuid.UUID
    key: str
    label: str
    labels: dict[str, str] = field(default_factory=dict)
    acronym: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class OrganisationRole:
    """An organisation and the role it played on a product."""

    organisation: VocabularyTerm
    role: str


@dataclass(frozen=True, slots=True)
class AttachmentRecord:
    """A file attached to a product; the bytes are in the catalogue's attachment store."""

    id: uuid.UUID
    file_name: str
    media_type: str
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class LinkRecord:
    """A typed link seen from one product: ``outgoing`` when that product is the source."""

    id: uuid.UUID
    link_type: str
    outgoing: bool
    product_id: uuid.UUID
    product_title: str


@dataclass(frozen=True, slots=True)
class ProductRecord:
    """Everything the catalogue knows about one knowledge product."""

    id: uuid.UUID
    title: str
    subtitle: str | None
    summary: str
    product_type: VocabularyTerm
    themes: tuple[VocabularyTerm, ...]
    partnerships: tuple[VocabularyTerm, ...]
    organisations: tuple[OrganisationRole, ...]
    authors: tuple[str, ...]
    countries: tuple[str, ...]
    regions: tuple[str, ...]
    languages: tuple[str, ...]
    year: int | None
    date: dt.date | None
    licence: str | None
    url: str | None
    doi: str | None
    keywords: tuple[str, ...]
    status: str
    attachments: tuple[AttachmentRecord, ...]
    links: tuple[LinkRecord, ...]
    needs: tuple[uuid.UUID, ...]
    #: The stamp of the last change (hybrid logical clock, see :mod:`kmdesk.sync.clock`).
    stamp: str
    #: The local change sequence number of the last write here (the search index compares it).
    seq: int


@dataclass(frozen=True, slots=True)
class NeedRecord:
    """A knowledge need and the products that answer it."""

    id: uuid.UUID
    title: str
    description: str
    theme: VocabularyTerm | None
    raised_by: VocabularyTerm | None
    raised_by_kind: str | None
    priority: str
    status: str
    products: tuple[uuid.UUID, ...]
    stamp: str


@dataclass(frozen=True, slots=True)
class CollectionRecord:
    """An ordered selection of products."""

    id: uuid.UUID
    name: str
    description: str
    products: tuple[uuid.UUID, ...]
    stamp: str


@dataclass(frozen=True, slots=True)
class SavedSearchRecord:
    """A named query with filters and sort order."""

    id: uuid.UUID
    name: str
    query: str
    filters: dict[str, Any]
    sort: str
    stamp: str


@dataclass(frozen=True, slots=True)
class AnnotationRecord:
    """A note on a product (a highlight when it has an attachment and a quote), with who made
    it and who may see it."""

    id: uuid.UUID
    product_id: uuid.UUID
    product_title: str
    body: str
    #: Tags as written, in the order given.
    tags: tuple[str, ...]
    rating: int | None
    #: ``private`` (stays here) or ``shared`` (travels in bundles).
    visibility: str
    author: str
    organisation: str
    installation: str
    #: Whether this installation made it.
    mine: bool
    #: The SHA-256 of the highlighted attachment's file.
    attachment: str | None
    page: int | None
    quote: str | None
    quote_before: str | None
    quote_after: str | None
    #: Rectangles ``(x0, y0, x1, y1)`` in PDF points on ``page``.
    position: tuple[tuple[float, float, float, float], ...]
    #: When it was made and last changed, UTC, ISO 8601 (from its stamps).
    created: str
    updated: str
    stamp: str

    @property
    def is_highlight(self) -> bool:
        """Whether it marks a passage of an attachment (rather than the product as a whole)."""
        return self.attachment is not None and self.quote is not None


@dataclass(frozen=True, slots=True)
class AnchorCheck:
    """Where a highlight is in its attachment's text now (``catalogue.annotations.check_anchors``).

    ``status``: ``same-page`` (found on its page), ``moved`` (on another page), ``found`` (in a
    text whose pages are unknown), ``other-file`` (its file is no longer attached; found in
    another attachment of the product, ``attachment``), ``lost`` (nowhere: the note is kept).
    """

    annotation_id: uuid.UUID
    status: str
    #: The page the highlight records.
    page: int | None
    #: The SHA-256 of the file it was found in (or, when lost, of its own file).
    attachment: str | None
    #: The page it is on now, and the passage as the text now has it.
    found_page: int | None
    found_text: str | None

    @property
    def lost(self) -> bool:
        """Whether the highlight can no longer be placed."""
        return self.status == "lost"


@dataclass(frozen=True, slots=True)
class CatalogueStats:
    """Counts shown by ``kmdesk info`` and the status bar."""

    products: int
    attachments: int
    needs: int
    open_needs_without_product: int
    collections: int
    themes: int
    partnerships: int
    organisations: int


def to_json(value: Any) -> Any:
    """Turn records (and what they hold) into JSON-ready values, dates as ISO text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
