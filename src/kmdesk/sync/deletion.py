"""Deleting a record and what goes with it.

Deleted here, a product takes its attachments, links and annotations with it (each tombstoned,
except annotations that were never shared: see :func:`note_tombstone`), leaves the
collections and knowledge needs that held it (their member is stamped as removed) and the people
only it named (tombstoned); a theme leaves the partnerships that listed it, a partnership the
organisations. All of it is stamped with the deletion's stamp and travels with it.

A deletion *received* from elsewhere only removes here what cannot outlive the record (rows
that refer to it) and invents no stamp and no tombstone for them: the installation that made
the deletion stamped what it did to each of them, and sends those records and tombstones along
(a dependent may have gone there earlier, by another change, at another stamp). So every
installation ends with the stamps of the one that made each change, in whatever order the
changes arrive.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select

from kmdesk.db.models import (
    Annotation,
    Collection,
    CollectionItem,
    KnowledgeNeed,
    Organisation,
    Partnership,
    Person,
    Product,
    ProductAuthor,
    ProductLink,
    ProductOrganisation,
    ProductType,
    Theme,
    need_product,
    organisation_partnership,
    partnership_theme,
    product_partnership,
    product_theme,
)
from kmdesk.sync.writer import RecordWriter


def delete_record(
    writer: RecordWriter, row: Any, *, stamp: str | None = None, received: bool = False
) -> None:
    """Delete ``row`` with its dependents, tombstones and the stamps of what it changed.

    ``received``: the deletion came from elsewhere, at ``stamp`` (see the module's docstring).
    """
    # One flush for all of it: the ORM then deletes each row once, whether named here or
    # reached by a cascade.
    with writer.session.no_autoflush:
        if isinstance(row, Product):
            _delete_product(writer, row, stamp, received)
        elif isinstance(row, Partnership | Theme):
            _leave_terms(writer, row, stamp, received)
        elif isinstance(row, Annotation):
            writer.changes.annotations.add(row.product_id)
            writer.delete(row, stamp=stamp, tombstone=received or note_tombstone(row))
            return
        writer.delete(row, stamp=stamp, received=received)


def note_tombstone(note: Annotation) -> bool:
    """Whether deleting a note here leaves a tombstone: only when it was ever shared.

    A note that never was shared is known nowhere else; a tombstone would only tell peers that
    it existed (tombstones travel), so it goes without one.
    """
    return bool(note.was_shared)


def _follow(writer: RecordWriter, rows: Sequence[Any], stamp: str | None, received: bool) -> Any:
    """Rows about to lose a member: stamped for a local deletion, only renumbered otherwise."""
    if not received:
        return writer.track_all(rows, stamp=stamp)
    for row in rows:
        writer.touch(row)
    return rows


def _delete_product(
    writer: RecordWriter, product: Product, stamp: str | None, received: bool
) -> None:
    session = writer.session
    for attachment in list(product.attachments):
        writer.delete(attachment, stamp=stamp, tombstone=not received)
        writer.changes.attachment_hashes.add(attachment.sha256)
    links = session.scalars(
        select(ProductLink).where(
            (ProductLink.source_id == product.id) | (ProductLink.target_id == product.id)
        )
    ).all()
    for link in links:
        other = link.target_id if link.source_id == product.id else link.source_id
        writer.delete(link, stamp=stamp, tombstone=not received)
        other_product = session.get(Product, other)
        if other_product is not None:
            writer.touch(other_product)
            writer.changes.products.add(other)
    collections = session.scalars(
        select(Collection).join(CollectionItem).where(CollectionItem.product_id == product.id)
    ).all()
    for collection in _follow(writer, collections, stamp, received):
        kept = [item for item in collection.items if item.product_id != product.id]
        positions = [item.position for item in kept]
        collection.items = kept
        for item, position in zip(kept, positions, strict=True):
            item.position = position  # the others keep their rank: only the member goes
        writer.changes.collections = True
    needs = session.scalars(
        select(KnowledgeNeed).join(need_product).where(need_product.c.product_id == product.id)
    ).all()
    for need in _follow(writer, needs, stamp, received):
        need.products = [p for p in need.products if p.id != product.id]
        writer.changes.needs = True
    notes = session.scalars(select(Annotation).where(Annotation.product_id == product.id)).all()
    for note in notes:
        writer.delete(note, stamp=stamp, tombstone=not received and note_tombstone(note))
        writer.changes.annotations.add(product.id)
    writer.changes.deleted_products.add(product.id)
    writer.changes.products.discard(product.id)


#: Terms that other terms list: the listing model, its link table, the column naming the listed
#: term, and the listing model's relationship.
_LISTED_BY: dict[type[Any], tuple[type[Any], Any, str, str]] = {
    Theme: (Partnership, partnership_theme, "theme_id", "themes"),
    Partnership: (Organisation, organisation_partnership, "partnership_id", "partnerships"),
}


def _leave_terms(
    writer: RecordWriter, term: Partnership | Theme, stamp: str | None, received: bool
) -> None:
    """Take a theme off the partnerships, or a partnership off the organisations, that list it."""
    model, table, column, relation = _LISTED_BY[type(term)]
    listing = writer.session.scalars(
        select(model).join(table).where(table.c[column] == term.id)
    ).all()
    for row in _follow(writer, listing, stamp, received):
        setattr(row, relation, [t for t in getattr(row, relation) if t.id != term.id])
    writer.changes.vocabulary = True


def usage_count(writer: RecordWriter, row: Any) -> int:
    """How many products and needs use a vocabulary term or person (0: it may be deleted)."""
    session = writer.session

    def count(query: Any) -> int:
        return int(session.scalar(query) or 0)

    if isinstance(row, Theme):
        return count(
            select(func.count())
            .select_from(product_theme)
            .where(product_theme.c.theme_id == row.id)
        ) + count(select(func.count()).where(KnowledgeNeed.theme_id == row.id))
    if isinstance(row, Partnership):
        return count(
            select(func.count())
            .select_from(product_partnership)
            .where(product_partnership.c.partnership_id == row.id)
        ) + count(select(func.count()).where(KnowledgeNeed.raised_by_partnership_id == row.id))
    if isinstance(row, Organisation):
        return (
            count(select(func.count()).where(ProductOrganisation.organisation_id == row.id))
            + count(select(func.count()).where(KnowledgeNeed.raised_by_organisation_id == row.id))
            + count(select(func.count()).where(Person.organisation_id == row.id))
        )
    if isinstance(row, ProductType):
        return count(select(func.count()).where(Product.product_type_id == row.id))
    if isinstance(row, Person):
        return count(select(func.count()).where(ProductAuthor.person_id == row.id))
    return 0
