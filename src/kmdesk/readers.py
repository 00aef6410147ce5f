"""Load rows with their related data in a few queries and turn them into plain records.

Listing a catalogue of 100,000 products must not run a query per product: products are loaded
with ``selectinload`` for their lists, and links and needs are fetched for a whole batch at once.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from kmdesk.db.base import Vocabulary
from kmdesk.db.models import (
    Collection,
    KnowledgeNeed,
    Product,
    ProductAuthor,
    ProductLink,
    ProductOrganisation,
    SavedSearch,
    need_product,
)
from kmdesk.records import (
    AttachmentRecord,
    CollectionRecord,
    LinkRecord,
    NeedRecord,
    OrganisationRole,
    ProductRecord,
    SavedSearchRecord,
    VocabularyTerm,
)

#: How many ids go in one ``IN (...)`` list (well under every dialect's parameter limit).
BATCH = 500

PRODUCT_LOAD_OPTIONS = (
    selectinload(Product.themes),
    selectinload(Product.partnerships),
    selectinload(Product.organisations).joinedload(ProductOrganisation.organisation),
    selectinload(Product.authors).joinedload(ProductAuthor.person),
    selectinload(Product.countries),
    selectinload(Product.regions),
    selectinload(Product.languages),
    selectinload(Product.keywords),
    selectinload(Product.attachments),
)


def batched(items: Sequence[Any], size: int = BATCH) -> Iterator[Sequence[Any]]:
    """Consecutive slices of ``items`` of at most ``size`` elements."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def term(row: Vocabulary, language: str) -> VocabularyTerm:
    """A vocabulary row as a record, labelled in ``language``."""
    return VocabularyTerm(
        id=row.id,
        key=row.key,
        label=row.label(language),
        labels=dict(row.labels or {}),
        acronym=getattr(row, "acronym", None),
        country=getattr(row, "country", None),
    )


def product_records(
    session: Session, ids: Sequence[uuid.UUID], language: str
) -> list[ProductRecord]:
    """The records of the products ``ids``, in that order (unknown ids are skipped)."""
    records: dict[uuid.UUID, ProductRecord] = {}
    for chunk in batched(ids):
        products = session.scalars(
            select(Product).where(Product.id.in_(chunk)).options(*PRODUCT_LOAD_OPTIONS)
        ).all()
        links = _links_of(session, chunk)
        needs = _needs_of(session, chunk)
        for product in products:
            records[product.id] = _product_record(
                product, links.get(product.id, ()), needs.get(product.id, ()), language
            )
    return [records[i] for i in ids if i in records]


def _product_record(
    product: Product,
    links: Iterable[LinkRecord],
    needs: Iterable[uuid.UUID],
    language: str,
) -> ProductRecord:
    return ProductRecord(
        id=product.id,
        title=product.title,
        subtitle=product.subtitle,
        summary=product.summary,
        product_type=term(product.product_type, language),
        themes=tuple(sorted((term(t, language) for t in product.themes), key=lambda t: t.key)),
        partnerships=tuple(
            sorted((term(p, language) for p in product.partnerships), key=lambda t: t.key)
        ),
        organisations=tuple(
            OrganisationRole(term(link.organisation, language), link.role)
            for link in product.organisations
        ),
        authors=tuple(link.person.name for link in product.authors),
        countries=tuple(row.code for row in product.countries),
        regions=tuple(row.code for row in product.regions),
        languages=tuple(row.tag for row in product.languages),
        year=product.year,
        date=product.date,
        licence=product.licence,
        url=product.url,
        doi=product.doi,
        keywords=tuple(row.keyword for row in product.keywords),
        status=product.status,
        attachments=tuple(
            AttachmentRecord(a.id, a.file_name, a.media_type, a.size, a.sha256)
            for a in product.attachments
        ),
        links=tuple(links),
        needs=tuple(needs),
        stamp=product.stamp,
        seq=product.seq,
    )


def _links_of(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[LinkRecord]]:
    wanted = set(ids)
    rows = session.execute(
        select(ProductLink, Product.title, Product.id)
        .join(
            Product,
            or_(
                (ProductLink.source_id.in_(ids)) & (Product.id == ProductLink.target_id),
                (ProductLink.target_id.in_(ids)) & (Product.id == ProductLink.source_id),
            ),
        )
        .order_by(ProductLink.link_type, Product.title)
    ).all()
    found: dict[uuid.UUID, list[LinkRecord]] = defaultdict(list)
    for link, other_title, other_id in rows:
        if link.source_id in wanted and other_id == link.target_id:
            found[link.source_id].append(
                LinkRecord(link.id, link.link_type, True, other_id, other_title)
            )
        if link.target_id in wanted and other_id == link.source_id:
            found[link.target_id].append(
                LinkRecord(link.id, link.link_type, False, other_id, other_title)
            )
    return found


def _needs_of(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[uuid.UUID]]:
    found: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    rows = session.execute(
        select(need_product.c.product_id, need_product.c.knowledge_need_id).where(
            need_product.c.product_id.in_(ids)
        )
    )
    for product_id, need_id in rows:
        found[product_id].append(need_id)
    return found


def need_record(need: KnowledgeNeed, language: str) -> NeedRecord:
    """A knowledge need as a record."""
    raised_by: VocabularyTerm | None = None
    raised_by_kind: str | None = None
    if need.raised_by_partnership is not None:
        raised_by, raised_by_kind = term(need.raised_by_partnership, language), "partnership"
    elif need.raised_by_organisation is not None:
        raised_by, raised_by_kind = term(need.raised_by_organisation, language), "organisation"
    return NeedRecord(
        id=need.id,
        title=need.title,
        description=need.description,
        theme=term(need.theme, language) if need.theme is not None else None,
        raised_by=raised_by,
        raised_by_kind=raised_by_kind,
        priority=need.priority,
        status=need.status,
        products=tuple(p.id for p in need.products),
        stamp=need.stamp,
    )


def collection_record(collection: Collection) -> CollectionRecord:
    """A collection as a record, its products in order."""
    return CollectionRecord(
        id=collection.id,
        name=collection.name,
        description=collection.description,
        products=tuple(item.product_id for item in collection.items),
        stamp=collection.stamp,
    )


def saved_search_record(search: SavedSearch) -> SavedSearchRecord:
    """A saved search as a record."""
    return SavedSearchRecord(
        id=search.id,
        name=search.name,
        query=search.query,
        filters=dict(search.filters or {}),
        sort=search.sort,
        stamp=search.stamp,
    )
