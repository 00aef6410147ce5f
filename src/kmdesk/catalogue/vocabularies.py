"""``catalogue.vocabularies``: themes, partnerships, organisations and product types.

A term's id derives from its kind and key (:func:`kmdesk.sync.kinds.term_id`), so two
installations that create the theme ``water-rights`` hold the same record, and a term deleted and
made again comes back under its id with newer stamps.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from kmdesk import validation as check
from kmdesk.db.base import Vocabulary
from kmdesk.db.models import Product, ProductType
from kmdesk.errors import ValidationError
from kmdesk.filters import product_conditions
from kmdesk.i18n import _
from kmdesk.readers import term
from kmdesk.records import VocabularyTerm
from kmdesk.sync.clock import BUILTIN_STAMP
from kmdesk.sync.deletion import delete_record, usage_count
from kmdesk.sync.kinds import term_id
from kmdesk.sync.writer import RecordWriter
from kmdesk.terms import (
    VOCABULARY_NOUNS,
    TermResolver,
    apply_term_fields,
    clean_labels,
    vocabulary_model,
)
from kmdesk.vocabulary import PRODUCT_TYPES

if TYPE_CHECKING:
    from kmdesk.catalogue.facade import Catalogue

#: Filters that select products by a vocabulary, by vocabulary kind.
_FILTER_OF_KIND = {
    "theme": "theme",
    "partnership": "partnership",
    "organisation": "organisation",
    "product-type": "type",
}


class Vocabularies:
    """The catalogue's controlled vocabularies."""

    def __init__(self, catalogue: Catalogue) -> None:
        self._catalogue = catalogue

    def terms(self, kind: str) -> list[VocabularyTerm]:
        """The entries of vocabulary ``kind`` (theme, partnership, organisation, product-type)."""
        model = vocabulary_model(kind)
        with self._catalogue.reading() as session:
            rows = session.scalars(select(model).order_by(model.key)).all()
            terms = [term(row, self._catalogue.language) for row in rows]
        return sorted(terms, key=lambda t: t.label.casefold())

    def get(self, kind: str, reference: str) -> VocabularyTerm:
        """One entry of vocabulary ``kind``, by key, label or acronym."""
        with self._catalogue.reading() as session:
            row = TermResolver(session).resolve(kind, "key", reference)
            return term(row, self._catalogue.language)

    def add(
        self, kind: str, key: str, labels: Mapping[str, str], /, **extra: Any
    ) -> VocabularyTerm:
        """Add a vocabulary entry with labels per UI language (an English label is required).

        ``kind``, ``key`` and ``labels`` are positional only, so that ``extra`` may hold an
        organisation's own ``kind`` field (NGO, network...).
        """
        model = vocabulary_model(kind)
        clean_key = check.key("key", key)
        with self._catalogue.writing() as w:
            if w.session.scalar(select(model).where(model.key == clean_key)) is not None:
                raise ValidationError(
                    "key", clean_key, _("is already a {noun}").format(noun=VOCABULARY_NOUNS[kind])
                )
            row: Any = model()
            row.id, row.key = term_id(kind, clean_key), clean_key
            row.labels = clean_labels(labels)
            apply_term_fields(w.session, kind, row, extra)
            w.add(row)
            w.changes.vocabulary = True
        return self.get(kind, clean_key)

    def update(
        self, kind: str, key: str, labels: Mapping[str, str] | None = None, /, **extra: Any
    ) -> VocabularyTerm:
        """Relabel a vocabulary entry or change its extra fields."""
        with self._catalogue.writing() as w:
            row = w.track(TermResolver(w.session).resolve(kind, "key", key))
            fields: list[str] = []
            if labels is not None:
                merged = dict(row.labels or {})
                merged.update(clean_labels(labels, require_english=False))
                if merged != row.labels:
                    row.labels = merged
                    fields.append("labels")
            fields += apply_term_fields(w.session, kind, row, extra)
            if fields:  # products show this entry's labels, and are found by them
                w.changes.vocabulary = True
                self._touch_products_using(w, kind, row)
            key = row.key
        return self.get(kind, key)

    def delete(self, kind: str, key: str) -> None:
        """Delete a vocabulary entry that no product or need uses."""
        with self._catalogue.writing() as w:
            row: Vocabulary = TermResolver(w.session).resolve(kind, "key", key)
            used = usage_count(w, row)
            if used:
                raise ValidationError(
                    "key",
                    row.key,
                    _("is still used by {n} records; change them first").format(n=used),
                )
            delete_record(w, row)
            w.changes.vocabulary = True

    def seed_product_types(self) -> None:
        """Create the built-in product types a new catalogue needs (same ids everywhere)."""
        with self._catalogue.reading() as session:
            present = set(session.scalars(select(ProductType.key)))
        missing = [key for key in PRODUCT_TYPES if key not in present]
        if not missing:
            return
        with self._catalogue.writing(stamp=BUILTIN_STAMP) as w:
            for key in missing:
                w.add(
                    ProductType(id=term_id("product-type", key), key=key, labels=PRODUCT_TYPES[key])
                )
            w.changes.vocabulary = True

    @staticmethod
    def _touch_products_using(w: RecordWriter, kind: str, row: Any) -> None:
        """Products that show ``row`` need indexing again (their own stamps do not change)."""
        conditions = product_conditions(TermResolver(w.session), {_FILTER_OF_KIND[kind]: [row.key]})
        for product in w.session.scalars(select(Product).where(*conditions)):
            w.touch(product)
            w.changes.products.add(product.id)
