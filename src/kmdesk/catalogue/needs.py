"""``catalogue.needs``: knowledge needs (gaps, learning needs) and the products answering them."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from kmdesk import validation as check
from kmdesk.catalogue.products import product_id_of
from kmdesk.db.models import KnowledgeNeed, Product
from kmdesk.errors import NotFoundError, ValidationError
from kmdesk.i18n import _
from kmdesk.readers import need_record
from kmdesk.records import NeedRecord
from kmdesk.sync.deletion import delete_record
from kmdesk.terms import TermResolver, raised_by
from kmdesk.vocabulary import NEED_PRIORITIES, NEED_STATUSES

if TYPE_CHECKING:
    from kmdesk.catalogue.facade import Catalogue
    from kmdesk.search.similar import SimilarProduct

NEED_FIELDS = ("title", "description", "theme", "raised_by", "priority", "status", "products")


class Needs:
    """Record, change and list knowledge needs."""

    def __init__(self, catalogue: Catalogue) -> None:
        self._catalogue = catalogue

    def add(self, values: Mapping[str, Any], *, id: uuid.UUID | None = None) -> NeedRecord:
        """Record a knowledge need (title required; theme, raised_by, priority, products...)."""
        with self._catalogue.writing() as w:
            need = KnowledgeNeed(
                id=id or uuid.uuid4(), priority="medium", status="open", description=""
            )
            with w.session.no_autoflush:
                _apply_need_fields(w.session, need, values, creating=True)
            w.add(need)
            w.changes.needs = True
            need_id = need.id
        return self.get(need_id)

    def update(self, need_id: uuid.UUID, values: Mapping[str, Any]) -> NeedRecord:
        """Change some fields of a knowledge need."""
        with self._catalogue.writing() as w:
            need = w.track(_need(w.session, need_id))
            _apply_need_fields(w.session, need, values, creating=False)
            w.changes.needs = True
        return self.get(need_id)

    def delete(self, need_id: uuid.UUID) -> None:
        """Delete a knowledge need, leaving a tombstone."""
        with self._catalogue.writing() as w:
            delete_record(w, _need(w.session, need_id))
            w.changes.needs = True

    def get(self, need_id: uuid.UUID) -> NeedRecord:
        """One knowledge need."""
        with self._catalogue.reading() as session:
            return need_record(_need(session, need_id), self._catalogue.language)

    def all(self, *, unanswered: bool = False) -> list[NeedRecord]:
        """Knowledge needs by priority then title; ``unanswered``: only those no product answers."""
        with self._catalogue.reading() as session:
            query = select(KnowledgeNeed).options(
                selectinload(KnowledgeNeed.products),
                selectinload(KnowledgeNeed.theme),
                selectinload(KnowledgeNeed.raised_by_partnership),
                selectinload(KnowledgeNeed.raised_by_organisation),
            )
            if unanswered:
                query = query.where(~KnowledgeNeed.products.any())
            needs = [need_record(n, self._catalogue.language) for n in session.scalars(query)]
        rank = {p: i for i, p in enumerate(reversed(NEED_PRIORITIES))}
        return sorted(needs, key=lambda n: (rank.get(n.priority, 9), n.title.casefold()))

    def link_products(self, need_id: uuid.UUID, products: Iterable[uuid.UUID | str]) -> NeedRecord:
        """Record that ``products`` (ids or id prefixes) answer a need; linked ones stay as they
        are, so confirming a suggestion twice changes nothing (and writes nothing)."""
        current = self.get(need_id)
        wanted = list(dict.fromkeys(self._catalogue.products.resolve_id(p) for p in products))
        if set(wanted) <= set(current.products):
            return current
        with self._catalogue.writing() as w:
            need = w.track(_need(w.session, need_id))
            linked = {product.id for product in need.products}
            for product_id in wanted:
                product = w.session.get(Product, product_id)
                if product is None:
                    raise NotFoundError(_("product"), str(product_id))
                if product_id not in linked:
                    need.products.append(product)
                    linked.add(product_id)
            w.changes.needs = True
        return self.get(need_id)

    def suggest_products(self, need_id: uuid.UUID, limit: int = 10) -> list[SimilarProduct]:
        """Candidate products for a need, best first: more like its title and description.

        The need's most distinctive words (tf·idf against the search index, analysed in the
        catalogue's language) make one weighted query over the products' text (see
        :mod:`kmdesk.search.similar`); products already linked to the need are left out.
        """
        from kmdesk.search.similar import similar_products

        need = self.get(need_id)
        self._catalogue.ensure_index()
        return similar_products(
            self._catalogue.indexer.index,
            need.title,
            need.description,
            language=self._catalogue.language,
            exclude=need.products,
            limit=limit,
        )


def _need(session: Session, need_id: uuid.UUID) -> KnowledgeNeed:
    need = session.get(KnowledgeNeed, need_id)
    if need is None:
        raise NotFoundError(_("knowledge need"), str(need_id))
    return need


def _apply_need_fields(
    session: Session, need: KnowledgeNeed, values: Mapping[str, Any], *, creating: bool
) -> None:
    unknown = sorted(set(values) - set(NEED_FIELDS))
    if unknown:
        raise ValidationError(unknown[0], None, _("is not a knowledge need field"))
    if creating and not values.get("title"):
        raise ValidationError("title", values.get("title"), _("is required"))
    resolver = TermResolver(session)
    if "title" in values:
        need.title = check.text("title", values["title"], required=True) or ""
    if "description" in values:
        need.description = check.long_text("description", values["description"])
    if "theme" in values:
        theme = values["theme"]
        need.theme = resolver.resolve("theme", "theme", theme) if theme else None
    if "raised_by" in values:
        need.raised_by_partnership, need.raised_by_organisation = raised_by(
            resolver, values["raised_by"]
        )
    if "priority" in values:
        need.priority = check.choice("priority", values["priority"], NEED_PRIORITIES)
    if "status" in values:
        need.status = check.choice("status", values["status"], NEED_STATUSES)
    if "products" in values:
        ids = [
            product_id_of(session, ref) for ref in check.string_list("products", values["products"])
        ]
        need.products = [p for p in (session.get(Product, i) for i in dict.fromkeys(ids)) if p]
