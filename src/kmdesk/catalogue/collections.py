"""``catalogue.collections``: ordered collections of products, and saved searches."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from kmdesk import validation as check
from kmdesk.catalogue.products import product_id_of
from kmdesk.db.models import Collection, CollectionItem, SavedSearch
from kmdesk.errors import NotFoundError
from kmdesk.filters import product_conditions
from kmdesk.i18n import _
from kmdesk.readers import collection_record, saved_search_record
from kmdesk.records import CollectionRecord, SavedSearchRecord
from kmdesk.sync.deletion import delete_record
from kmdesk.terms import TermResolver
from kmdesk.vocabulary import SORT_ORDERS

if TYPE_CHECKING:
    from kmdesk.catalogue.facade import Catalogue


class Collections:
    """Curated, ordered selections of products, and named searches to run again."""

    def __init__(self, catalogue: Catalogue) -> None:
        self._catalogue = catalogue

    def add(
        self,
        name: str,
        description: str = "",
        products: Sequence[uuid.UUID | str] = (),
        *,
        id: uuid.UUID | None = None,
    ) -> CollectionRecord:
        """Create an ordered collection of products."""
        with self._catalogue.writing() as w:
            collection = Collection(
                id=id or uuid.uuid4(),
                name=check.text("name", name, required=True, max_length=200) or "",
                description=check.long_text("description", description),
            )
            collection.items = _items(w.session, products)
            w.add(collection)
            w.changes.collections = True
            collection_id = collection.id
        return self.get(collection_id)

    def update(
        self,
        collection_id: uuid.UUID,
        *,
        name: str | None = None,
        description: str | None = None,
        products: Sequence[uuid.UUID | str] | None = None,
    ) -> CollectionRecord:
        """Rename, describe or reorder a collection (``products`` replaces the whole list)."""
        with self._catalogue.writing() as w:
            collection = w.track(_collection(w.session, collection_id))
            if name is not None:
                collection.name = check.text("name", name, required=True, max_length=200) or ""
            if description is not None:
                collection.description = check.long_text("description", description)
            if products is not None:
                wanted = _items(w.session, products)
                current = {item.product_id: item for item in collection.items}
                # Keep the rows of products that stay (same primary key), in the new order.
                collection.items = [current.get(i.product_id, i) for i in wanted]
                collection.items.reorder()
            w.changes.collections = True
        return self.get(collection_id)

    def delete(self, collection_id: uuid.UUID) -> None:
        """Delete a collection (its products stay in the catalogue)."""
        with self._catalogue.writing() as w:
            delete_record(w, _collection(w.session, collection_id))
            w.changes.collections = True

    def get(self, collection_id: uuid.UUID) -> CollectionRecord:
        """One collection, its products in order."""
        with self._catalogue.reading() as session:
            return collection_record(_collection(session, collection_id))

    def all(self) -> list[CollectionRecord]:
        """Every collection, by name."""
        with self._catalogue.reading() as session:
            rows = session.scalars(select(Collection).options(selectinload(Collection.items))).all()
            records = [collection_record(c) for c in rows]
        return sorted(records, key=lambda c: c.name.casefold())

    # -- saved searches ----------------------------------------------------------------------------

    def add_saved_search(
        self,
        name: str,
        query: str = "",
        filters: Mapping[str, Sequence[str]] | None = None,
        sort: str = "relevance",
        *,
        id: uuid.UUID | None = None,
    ) -> SavedSearchRecord:
        """Save a query with filters; the filters are checked now so the search can run later."""
        with self._catalogue.writing() as w:
            clean_filters = {k: [str(v) for v in vs] for k, vs in (filters or {}).items()}
            product_conditions(TermResolver(w.session), clean_filters)
            search = SavedSearch(
                id=id or uuid.uuid4(),
                name=check.text("name", name, required=True, max_length=200) or "",
                query=check.long_text("query", query),
                filters=clean_filters,
                sort=check.choice("sort", sort, SORT_ORDERS),
            )
            w.add(search)
            w.changes.saved_searches = True
            search_id = search.id
        with self._catalogue.reading() as session:
            found = session.get(SavedSearch, search_id)
            assert found is not None
            return saved_search_record(found)

    def delete_saved_search(self, search_id: uuid.UUID) -> None:
        """Delete a saved search."""
        with self._catalogue.writing() as w:
            search = w.session.get(SavedSearch, search_id)
            if search is None:
                raise NotFoundError(_("saved search"), str(search_id))
            delete_record(w, search)
            w.changes.saved_searches = True

    def saved_searches(self) -> list[SavedSearchRecord]:
        """Every saved search, by name."""
        with self._catalogue.reading() as session:
            records = [saved_search_record(s) for s in session.scalars(select(SavedSearch))]
        return sorted(records, key=lambda s: s.name.casefold())


def _collection(session: Session, collection_id: uuid.UUID) -> Collection:
    collection = session.get(Collection, collection_id)
    if collection is None:
        raise NotFoundError(_("collection"), str(collection_id))
    return collection


def _items(session: Session, products: Sequence[uuid.UUID | str]) -> list[CollectionItem]:
    ids = dict.fromkeys(product_id_of(session, ref) for ref in products)
    return [CollectionItem(product_id=i) for i in ids]
