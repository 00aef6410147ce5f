"""The catalogue's tables as a typed SQLAlchemy model.

Products, vocabularies, knowledge needs, collections, saved searches and annotations are
syncable records
(:class:`~kmdesk.db.base.Syncable`). Plain lists of values that belong to one product (countries,
regions, languages, keywords) and the many-to-many links to vocabularies are rows of small
association tables, so that filters stay indexed, dialect-neutral SQL; a change to such a list
is stamped on the owning product's field.

Callers outside the core never see these classes: :mod:`kmdesk.catalogue` returns plain records.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.ext.orderinglist import ordering_list
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kmdesk.db.base import STAMP_LENGTH, Base, Syncable, Vocabulary


def _fk(target: str, *, cascade: bool) -> ForeignKey:
    return ForeignKey(target, ondelete="CASCADE" if cascade else "RESTRICT")


def _owned_list(order_by: Any, **options: Any) -> Any:
    """An ordered list of rows that belong to their owner (go when it goes or drops them)."""
    return relationship(
        order_by=order_by,
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
        passive_deletes=True,
        **options,
    )


def _link_table(name: str, left: str, right: str, *, right_cascade: bool = False) -> Table:
    """A many-to-many table whose rows go with the left record and protect the right one."""
    return Table(
        name,
        Base.metadata,
        Column(
            f"{left}_id",
            Base.type_annotation_map[uuid.UUID],
            _fk(f"{left}.id", cascade=True),
            primary_key=True,
        ),
        Column(
            f"{right}_id",
            Base.type_annotation_map[uuid.UUID],
            _fk(f"{right}.id", cascade=right_cascade),
            primary_key=True,
            index=True,
        ),
    )


product_theme = _link_table("product_theme", "product", "theme")
product_partnership = _link_table("product_partnership", "product", "partnership")
partnership_theme = _link_table("partnership_theme", "partnership", "theme")
organisation_partnership = _link_table(
    "organisation_partnership", "organisation", "partnership", right_cascade=True
)
need_product = _link_table("need_product", "knowledge_need", "product", right_cascade=True)


class Meta(Base):
    """Key/value facts about this catalogue: the installation id, the clock's last stamp."""

    __tablename__ = "kmdesk_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Tombstone(Base):
    """What remains of a deleted syncable record, so that the deletion can travel in bundles."""

    __tablename__ = "tombstone"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(40))
    stamp: Mapped[str] = mapped_column(String(STAMP_LENGTH), index=True)
    seq: Mapped[int] = mapped_column(default=0, index=True)


class Conflict(Base):
    """The losing value of a concurrent change, kept so that a person can review it.

    Written by :mod:`kmdesk.sync.remote` when a field changed on two installations: the winner
    (the greater stamp) is in the record, the loser here. Local only, never synced.
    """

    __tablename__ = "sync_conflict"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[uuid.UUID] = mapped_column(index=True)
    field: Mapped[str] = mapped_column(String(300))
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    stamp: Mapped[str] = mapped_column(String(STAMP_LENGTH))
    winning_stamp: Mapped[str] = mapped_column(String(STAMP_LENGTH))
    seq: Mapped[int] = mapped_column(default=0)


class ProductType(Vocabulary, Base):
    """A kind of knowledge product (guide, toolkit, ...); built-in, relabellable."""

    __tablename__ = "product_type"


class Theme(Vocabulary, Base):
    """One of the catalogue's thematic areas (e.g. gender equality and inclusion)."""

    __tablename__ = "theme"

    descriptions: Mapped[dict[str, str]] = mapped_column(default=dict)


class Partnership(Vocabulary, Base):
    """A strategic partnership or programme that produces knowledge products."""

    __tablename__ = "partnership"

    acronym: Mapped[str | None] = mapped_column(String(40))
    description: Mapped[str | None] = mapped_column(Text)
    start_year: Mapped[int | None]
    themes: Mapped[list[Theme]] = relationship(secondary=partnership_theme)


class Organisation(Vocabulary, Base):
    """An organisation that authors, publishes or partners on products."""

    __tablename__ = "organisation"

    acronym: Mapped[str | None] = mapped_column(String(40))
    country: Mapped[str | None] = mapped_column(String(2))
    kind: Mapped[str | None] = mapped_column(String(60))
    partnerships: Mapped[list[Partnership]] = relationship(secondary=organisation_partnership)


class Person(Syncable, Base):
    """An author of knowledge products."""

    __tablename__ = "person"

    name: Mapped[str] = mapped_column(String(200), index=True)
    organisation_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )
    organisation: Mapped[Organisation | None] = relationship()


class ProductOrganisation(Base):
    """An organisation's role on a product (author, publisher or partner)."""

    __tablename__ = "product_organisation"

    product_id: Mapped[uuid.UUID] = mapped_column(_fk("product.id", cascade=True), primary_key=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(
        _fk("organisation.id", cascade=False), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(20), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    organisation: Mapped[Organisation] = relationship(lazy="joined")


class ProductAuthor(Base):
    """A person in a product's ordered author list."""

    __tablename__ = "product_author"

    product_id: Mapped[uuid.UUID] = mapped_column(_fk("product.id", cascade=True), primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(
        _fk("person.id", cascade=False), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    person: Mapped[Person] = relationship(lazy="joined")


class _ProductValue:
    """Columns shared by the tables of a product's plain values (countries, keywords...)."""

    position: Mapped[int] = mapped_column(Integer, default=0)


class ProductCountry(_ProductValue, Base):
    """A country (ISO 3166-1 alpha-2) a product is about."""

    __tablename__ = "product_country"

    product_id: Mapped[uuid.UUID] = mapped_column(_fk("product.id", cascade=True), primary_key=True)
    code: Mapped[str] = mapped_column(String(2), primary_key=True, index=True)


class ProductRegion(_ProductValue, Base):
    """A UN M49 region a product is about."""

    __tablename__ = "product_region"

    product_id: Mapped[uuid.UUID] = mapped_column(_fk("product.id", cascade=True), primary_key=True)
    code: Mapped[str] = mapped_column(String(3), primary_key=True, index=True)


class ProductLanguage(_ProductValue, Base):
    """A language (BCP 47 tag) a product is written in; the first is its main language."""

    __tablename__ = "product_language"

    product_id: Mapped[uuid.UUID] = mapped_column(_fk("product.id", cascade=True), primary_key=True)
    tag: Mapped[str] = mapped_column(String(35), primary_key=True, index=True)


class ProductKeyword(_ProductValue, Base):
    """A free keyword of a product."""

    __tablename__ = "product_keyword"

    product_id: Mapped[uuid.UUID] = mapped_column(_fk("product.id", cascade=True), primary_key=True)
    keyword: Mapped[str] = mapped_column(String(100), primary_key=True, index=True)


class Product(Syncable, Base):
    """A knowledge product: a guide, toolkit, method, report... with its metadata."""

    __tablename__ = "product"

    title: Mapped[str] = mapped_column(String(500))
    #: ``title`` folded for sorting (see :mod:`kmdesk.collation`); local, never synced.
    sort_title: Mapped[str] = mapped_column(String(500), index=True)
    subtitle: Mapped[str | None] = mapped_column(String(500))
    summary: Mapped[str] = mapped_column(Text, default="")
    product_type_id: Mapped[uuid.UUID] = mapped_column(
        _fk("product_type.id", cascade=False), index=True
    )
    year: Mapped[int | None] = mapped_column(index=True)
    date: Mapped[dt.date | None] = mapped_column(Date)
    licence: Mapped[str | None] = mapped_column(String(100))
    url: Mapped[str | None] = mapped_column(String(2000))
    doi: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="published", index=True)

    product_type: Mapped[ProductType] = relationship(lazy="joined")
    themes: Mapped[list[Theme]] = relationship(secondary=product_theme)
    partnerships: Mapped[list[Partnership]] = relationship(secondary=product_partnership)
    organisations: Mapped[list[ProductOrganisation]] = _owned_list(ProductOrganisation.position)
    authors: Mapped[list[ProductAuthor]] = _owned_list(ProductAuthor.position)
    countries: Mapped[list[ProductCountry]] = _owned_list(ProductCountry.position)
    regions: Mapped[list[ProductRegion]] = _owned_list(ProductRegion.position)
    languages: Mapped[list[ProductLanguage]] = _owned_list(ProductLanguage.position)
    keywords: Mapped[list[ProductKeyword]] = _owned_list(ProductKeyword.position)
    attachments: Mapped[list[Attachment]] = _owned_list(
        "Attachment.position", back_populates="product"
    )


class Attachment(Syncable, Base):
    """A file attached to a product, stored content-addressed by its SHA-256."""

    __tablename__ = "attachment"

    product_id: Mapped[uuid.UUID] = mapped_column(_fk("product.id", cascade=True), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    product: Mapped[Product] = relationship(back_populates="attachments")


class ProductLink(Syncable, Base):
    """A typed link from one product to another (translation-of, version-of, builds-on...)."""

    __tablename__ = "product_link"

    source_id: Mapped[uuid.UUID] = mapped_column(_fk("product.id", cascade=True), index=True)
    target_id: Mapped[uuid.UUID] = mapped_column(_fk("product.id", cascade=True), index=True)
    link_type: Mapped[str] = mapped_column(String(20))

    __table_args__ = (
        UniqueConstraint("source_id", "target_id", "link_type", name="uq_product_link_triple"),
        CheckConstraint("source_id <> target_id", name="not_self"),
    )


class KnowledgeNeed(Syncable, Base):
    """A knowledge gap or learning need raised by a partnership or organisation."""

    __tablename__ = "knowledge_need"

    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    theme_id: Mapped[uuid.UUID | None] = mapped_column(_fk("theme.id", cascade=False), index=True)
    raised_by_partnership_id: Mapped[uuid.UUID | None] = mapped_column(
        _fk("partnership.id", cascade=False)
    )
    raised_by_organisation_id: Mapped[uuid.UUID | None] = mapped_column(
        _fk("organisation.id", cascade=False)
    )
    priority: Mapped[str] = mapped_column(String(10), default="medium")
    status: Mapped[str] = mapped_column(String(10), default="open")

    theme: Mapped[Theme | None] = relationship()
    raised_by_partnership: Mapped[Partnership | None] = relationship()
    raised_by_organisation: Mapped[Organisation | None] = relationship()
    products: Mapped[list[Product]] = relationship(secondary=need_product)


class CollectionItem(Base):
    """A product's place in a collection."""

    __tablename__ = "collection_item"

    collection_id: Mapped[uuid.UUID] = mapped_column(
        _fk("collection.id", cascade=True), primary_key=True
    )
    product_id: Mapped[uuid.UUID] = mapped_column(
        _fk("product.id", cascade=True), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)


class Collection(Syncable, Base):
    """An ordered, described selection of products ("Gender toolkit for new partnerships")."""

    __tablename__ = "collection"

    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    items: Mapped[list[CollectionItem]] = _owned_list(CollectionItem.position)


class SavedSearch(Syncable, Base):
    """A named query with its filters and sort order, re-run on demand."""

    __tablename__ = "saved_search"

    name: Mapped[str] = mapped_column(String(200))
    query: Mapped[str] = mapped_column(Text, default="")
    filters: Mapped[dict[str, Any]] = mapped_column(default=dict)
    sort: Mapped[str] = mapped_column(String(20), default="relevance")


class AnnotationTag(Base):
    """A tag of an annotation: as written (shown) and case-folded (matched, one per note).

    Rows rather than a JSON list, like a product's keywords: filtering notes by tag and counting
    tags (completion, facets) stay indexed, dialect-neutral SQL.
    """

    __tablename__ = "annotation_tag"

    annotation_id: Mapped[uuid.UUID] = mapped_column(
        _fk("annotation.id", cascade=True), primary_key=True
    )
    #: The tag folded for matching (:func:`kmdesk.annotations.tags.tag_key`).
    key: Mapped[str] = mapped_column(String(100), primary_key=True, index=True)
    tag: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer, default=0)


class Annotation(Syncable, Base):
    """A person's note on a product, optionally a highlight in one of its attachments.

    ``visibility`` is ``private`` (never leaves this installation) or ``shared`` (travels in
    bundles). ``was_shared`` is local, never synced: whether this installation ever held the
    note as shared, so that making it private again withdraws it from peers (see
    docs/architecture.md, annotations).
    """

    __tablename__ = "annotation"

    product_id: Mapped[uuid.UUID] = mapped_column(_fk("product.id", cascade=True), index=True)
    #: The SHA-256 of the highlighted attachment's file, or ``None`` for a note on the product.
    attachment_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    #: The page of the highlight, from 1.
    page: Mapped[int | None]
    quote: Mapped[str | None] = mapped_column(Text)
    quote_before: Mapped[str | None] = mapped_column(Text)
    quote_after: Mapped[str | None] = mapped_column(Text)
    #: Where the highlight is drawn: ``[[x0, y0, x1, y1], ...]`` in PDF points.
    position: Mapped[list[list[float]] | None] = mapped_column(JSON)
    body: Mapped[str] = mapped_column(Text, default="")
    rating: Mapped[int | None]
    author: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    #: The installation where the note was made (only it may change the visibility).
    installation: Mapped[str] = mapped_column(String(32), default="")
    visibility: Mapped[str] = mapped_column(String(10), default="private", index=True)
    was_shared: Mapped[bool] = mapped_column(default=False)

    tags: Mapped[list[AnnotationTag]] = _owned_list(AnnotationTag.position)

    __table_args__ = (
        CheckConstraint("rating IS NULL OR (rating >= 1 AND rating <= 5)", name="rating_range"),
        CheckConstraint("visibility IN ('private', 'shared')", name="visibility_value"),
    )


class TrustedKey(Base):
    """A public key whose bundles this installation accepts (local only, never synced)."""

    __tablename__ = "trusted_key"

    #: The SHA-256 of the public key, hex.
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(200), default="")
    installation: Mapped[str] = mapped_column(String(32), default="")
    added: Mapped[str] = mapped_column(String(40))
    revoked: Mapped[str | None] = mapped_column(String(40))


class ImportedBundle(Base):
    """A bundle imported here: importing it again is refused as a replay (local only)."""

    __tablename__ = "imported_bundle"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    creator: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(10))
    created: Mapped[str] = mapped_column(String(40))
    imported: Mapped[str] = mapped_column(String(40))
    #: The local change sequence number of the import (what it wrote has this ``seq``).
    seq: Mapped[int]
    records: Mapped[int]


class ImportUndo(Base):
    """What a record was before an import changed it, to undo that import (local only).

    ``state`` is the record's sync form as JSON, or ``None`` when the import created it; for
    a tombstone (``tombstone`` true) it is the previous stamp, or ``None``.
    """

    __tablename__ = "import_undo"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    bundle_id: Mapped[str] = mapped_column(String(32), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[uuid.UUID]
    tombstone: Mapped[bool] = mapped_column(default=False)
    state: Mapped[str | None] = mapped_column(Text)


class Contribution(Base):
    """A product or need a partner sent back, waiting for a curator's review (local only)."""

    __tablename__ = "contribution"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    bundle_id: Mapped[str] = mapped_column(String(32), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[uuid.UUID] = mapped_column(index=True)
    #: The record's line as the bundle carried it (``kmdesk dump`` form).
    record: Mapped[str] = mapped_column(Text)
    contributor: Mapped[str] = mapped_column(String(200))
    installation: Mapped[str] = mapped_column(String(32))
    received: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
