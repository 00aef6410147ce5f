"""The knowledge map: counts of products in a matrix of themes, needs, types and partnerships.

Three maps, each a plain :class:`KnowledgeMap` (no Qt: the app draws it, a script can print it):

* ``needs`` — **knowledge needs × themes**. One row per knowledge need, grouped under the need's
  own theme (themes in label order, needs without a theme last; within a theme by priority, then
  title); one column per theme. The cell (need, theme) counts the products that answer the need
  *and* carry the theme, so a need answered from another theme's work shows it; the row total
  counts every product answering the need, whatever its themes. Rows are needs rather than
  columns because need titles are sentences: they read well down the side, not across the top.
  :attr:`KnowledgeMap.unanswered` holds the needs no product answers (a total of 0), and
  :attr:`KnowledgeMap.home_columns` the column of each need's own theme.
* ``types`` — **themes × product types**: products of each type carrying each theme.
* ``partnerships`` — **partnerships × themes**: products of each partnership carrying each theme.

Keys are vocabulary keys (a need's key is its id as text); labels are in the catalogue's language.
:func:`cell_products` lists the products behind a cell (or a row total), by title.

Counting is a few grouped SQL queries over the link tables, so a map of a 10,000-product
catalogue takes milliseconds, not a pass over every record.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, select

from kmdesk.db.models import (
    KnowledgeNeed,
    Partnership,
    Product,
    ProductType,
    Theme,
    need_product,
    product_partnership,
    product_theme,
)
from kmdesk.errors import NotFoundError, ValidationError
from kmdesk.i18n import _

if TYPE_CHECKING:
    from kmdesk.catalogue.facade import Catalogue
    from kmdesk.records import NeedRecord, VocabularyTerm

#: The maps there are, in the order a user is offered them.
MAP_KINDS: tuple[str, ...] = ("needs", "types", "partnerships")


@dataclass(frozen=True, slots=True)
class MapLabel:
    """A row or column of a map: its key, its label, and more to say in a tooltip."""

    key: str
    label: str
    #: A longer description (a need's theme, priority, status and description).
    detail: str = ""
    #: The label of the group the row belongs to (a need's theme), empty when none.
    group: str = ""


@dataclass(frozen=True, slots=True)
class KnowledgeMap:
    """A matrix of product counts: ``counts[row][column]``, with a total per row."""

    kind: str
    rows: tuple[MapLabel, ...]
    columns: tuple[MapLabel, ...]
    counts: tuple[tuple[int, ...], ...]
    #: Distinct products per row, whatever their column (a need's answering products).
    row_totals: tuple[int, ...]
    #: Needs map: the keys of the needs that no product answers.
    unanswered: frozenset[str] = frozenset()
    #: Needs map: for each row, the column of the need's own theme (``None`` without a theme).
    home_columns: tuple[int | None, ...] = ()

    @property
    def maximum(self) -> int:
        """The largest cell count (0 for an empty map): the top of the colour scale."""
        return max((count for row in self.counts for count in row), default=0)

    def count(self, row_key: str, column_key: str) -> int:
        """The count of the cell at ``row_key`` and ``column_key``."""
        return self.counts[self.row_index(row_key)][self.column_index(column_key)]

    def total(self, row_key: str) -> int:
        """The total of the row ``row_key``."""
        return self.row_totals[self.row_index(row_key)]

    def row_index(self, key: str) -> int:
        """The position of the row ``key``."""
        return _position(self.rows, key, _("row"))

    def column_index(self, key: str) -> int:
        """The position of the column ``key``."""
        return _position(self.columns, key, _("column"))


def build_map(catalogue: Catalogue, kind: str) -> KnowledgeMap:
    """The map ``kind`` (one of :data:`MAP_KINDS`)."""
    builders = {"needs": needs_map, "types": types_map, "partnerships": partnerships_map}
    if kind not in builders:
        raise ValidationError(
            "map", kind, _("is not one of: {options}").format(options=", ".join(MAP_KINDS))
        )
    return builders[kind](catalogue)


def needs_map(catalogue: Catalogue) -> KnowledgeMap:
    """Knowledge needs (rows, grouped by their theme) × themes (columns); see the module."""
    themes = catalogue.vocabularies.terms("theme")
    order = {term.key: position for position, term in enumerate(themes)}
    needs = sorted(
        catalogue.needs.all(),  # by priority then title; grouping by theme keeps that order
        key=lambda need: order.get(need.theme.key, len(order)) if need.theme else len(order),
    )
    with catalogue.reading() as session:
        rows = session.execute(
            select(need_product.c.knowledge_need_id, Theme.key, func.count())
            .join(product_theme, product_theme.c.product_id == need_product.c.product_id)
            .join(Theme, Theme.id == product_theme.c.theme_id)
            .group_by(need_product.c.knowledge_need_id, Theme.key)
        ).all()
    by_need: dict[uuid.UUID, dict[str, int]] = defaultdict(dict)
    for need_id, theme_key, count in rows:
        by_need[need_id][theme_key] = int(count)
    columns = tuple(MapLabel(term.key, term.label) for term in themes)
    return KnowledgeMap(
        kind="needs",
        rows=tuple(_need_label(need) for need in needs),
        columns=columns,
        counts=tuple(tuple(by_need[need.id].get(term.key, 0) for term in themes) for need in needs),
        row_totals=tuple(len(need.products) for need in needs),
        unanswered=frozenset(str(need.id) for need in needs if not need.products),
        home_columns=tuple(order.get(need.theme.key) if need.theme else None for need in needs),
    )


def types_map(catalogue: Catalogue) -> KnowledgeMap:
    """Themes (rows) × product types (columns): products of each type with each theme."""
    themes = catalogue.vocabularies.terms("theme")
    types = catalogue.vocabularies.terms("product-type")
    with catalogue.reading() as session:
        pairs = session.execute(
            select(Theme.key, ProductType.key, func.count())
            .select_from(product_theme)
            .join(Theme, Theme.id == product_theme.c.theme_id)
            .join(Product, Product.id == product_theme.c.product_id)
            .join(ProductType, ProductType.id == Product.product_type_id)
            .group_by(Theme.key, ProductType.key)
        ).all()
        totals = session.execute(
            select(Theme.key, func.count())
            .select_from(product_theme)
            .join(Theme, Theme.id == product_theme.c.theme_id)
            .group_by(Theme.key)
        ).all()
    return _matrix("types", themes, types, pairs, totals)


def partnerships_map(catalogue: Catalogue) -> KnowledgeMap:
    """Partnerships (rows) × themes (columns): products of each partnership with each theme."""
    partnerships = catalogue.vocabularies.terms("partnership")
    themes = catalogue.vocabularies.terms("theme")
    with catalogue.reading() as session:
        pairs = session.execute(
            select(Partnership.key, Theme.key, func.count())
            .select_from(product_partnership)
            .join(Partnership, Partnership.id == product_partnership.c.partnership_id)
            .join(product_theme, product_theme.c.product_id == product_partnership.c.product_id)
            .join(Theme, Theme.id == product_theme.c.theme_id)
            .group_by(Partnership.key, Theme.key)
        ).all()
        totals = session.execute(
            select(Partnership.key, func.count())
            .select_from(product_partnership)
            .join(Partnership, Partnership.id == product_partnership.c.partnership_id)
            .group_by(Partnership.key)
        ).all()
    return _matrix("partnerships", partnerships, themes, pairs, totals)


def cell_products(
    catalogue: Catalogue, map_kind: str, row_key: str, column_key: str | None
) -> list[uuid.UUID]:
    """The products behind a cell, by title; ``column_key`` ``None``: behind the row's total."""
    with catalogue.reading() as session:
        conditions: list[Any] = []
        if map_kind == "needs":
            need = session.get(KnowledgeNeed, _need_id(row_key))
            if need is None:
                raise NotFoundError(_("knowledge need"), row_key)
            conditions.append(_has(need_product, "knowledge_need_id", need.id))
            if column_key is not None:
                conditions.append(
                    _has(product_theme, "theme_id", _term_id(session, Theme, column_key))
                )
        elif map_kind == "types":
            conditions.append(_has(product_theme, "theme_id", _term_id(session, Theme, row_key)))
            if column_key is not None:
                type_id = _term_id(session, ProductType, column_key)
                conditions.append(Product.product_type_id == type_id)
        elif map_kind == "partnerships":
            partnership_id = _term_id(session, Partnership, row_key)
            conditions.append(_has(product_partnership, "partnership_id", partnership_id))
            if column_key is not None:
                conditions.append(
                    _has(product_theme, "theme_id", _term_id(session, Theme, column_key))
                )
        else:
            raise ValidationError(
                "map", map_kind, _("is not one of: {options}").format(options=", ".join(MAP_KINDS))
            )
        query = select(Product.id).where(*conditions).order_by(Product.sort_title, Product.id)
        return list(session.scalars(query))


def product_titles(catalogue: Catalogue, ids: Sequence[uuid.UUID]) -> list[tuple[uuid.UUID, str]]:
    """``(id, title)`` of the given products, in that order (missing ones left out).

    A light read for lists of a cell's products, which may be long: no full records.
    """
    titles: dict[uuid.UUID, str] = {}
    with catalogue.reading() as session:
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            query = select(Product.id, Product.title).where(Product.id.in_(chunk))
            titles.update((product_id, title) for product_id, title in session.execute(query))
    return [(product_id, titles[product_id]) for product_id in ids if product_id in titles]


# -- helpers ---------------------------------------------------------------------------------------


def _matrix(
    kind: str,
    row_terms: Sequence[VocabularyTerm],
    column_terms: Sequence[VocabularyTerm],
    pairs: Iterable[Any],
    totals: Iterable[Any],
) -> KnowledgeMap:
    counts: dict[tuple[str, str], int] = {(row, column): int(n) for row, column, n in pairs}
    total_of = {key: int(n) for key, n in totals}
    return KnowledgeMap(
        kind=kind,
        rows=tuple(MapLabel(term.key, term.label, _term_detail(term)) for term in row_terms),
        columns=tuple(MapLabel(term.key, term.label, _term_detail(term)) for term in column_terms),
        counts=tuple(
            tuple(counts.get((row.key, column.key), 0) for column in column_terms)
            for row in row_terms
        ),
        row_totals=tuple(total_of.get(row.key, 0) for row in row_terms),
    )


def _term_detail(term: VocabularyTerm) -> str:
    return f"{term.label} ({term.acronym})" if term.acronym else term.label


def _need_label(need: NeedRecord) -> MapLabel:
    theme = need.theme.label if need.theme else ""
    facts = [
        _("Theme: {theme}").format(theme=theme or _("none")),
        _("Priority: {priority}").format(priority=need.priority),
        _("Status: {status}").format(status=need.status),
    ]
    if need.raised_by is not None:
        facts.append(_("Raised by: {name}").format(name=need.raised_by.label))
    detail = "\n".join([need.title, *facts, "", need.description]).strip()
    return MapLabel(str(need.id), need.title, detail, theme)


def _position(labels: Sequence[MapLabel], key: str, what: str) -> int:
    for position, label in enumerate(labels):
        if label.key == key:
            return position
    raise NotFoundError(what, key)


def _has(table: Any, column: str, value: uuid.UUID) -> Any:
    """Products with a row ``value`` in the link ``table``."""
    return (
        select(table.c.product_id)
        .where(and_(table.c.product_id == Product.id, table.c[column] == value))
        .exists()
    )


def _need_id(key: str) -> uuid.UUID:
    try:
        return uuid.UUID(key)
    except ValueError:
        raise NotFoundError(_("knowledge need"), key) from None


def _term_id(session: Any, model: Any, key: str) -> uuid.UUID:
    found: uuid.UUID | None = session.scalar(select(model.id).where(model.key == key))
    if found is None:
        raise NotFoundError(model.__tablename__.replace("_", " "), key)
    return found
