"""``catalogue.products``: knowledge products with their attachments and typed links."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session

from kmdesk import validation as check
from kmdesk.catalogue.product_fields import apply_product_fields
from kmdesk.db.models import Attachment, Product, ProductLink
from kmdesk.errors import NotFoundError, ValidationError
from kmdesk.filters import product_conditions
from kmdesk.i18n import _
from kmdesk.readers import product_records
from kmdesk.records import AttachmentRecord, ProductRecord
from kmdesk.sync.deletion import delete_record
from kmdesk.sync.kinds import attachment_id, link_id
from kmdesk.sync.writer import RecordWriter
from kmdesk.terms import TermResolver
from kmdesk.vocabulary import LINK_TYPES, SORT_ORDERS

if TYPE_CHECKING:
    from kmdesk.catalogue.facade import Catalogue
    from kmdesk.search.extraction import Extraction

#: A product may be named by this many leading characters of its id, at least.
MIN_ID_PREFIX = 4


class Products:
    """Add, change, find and delete products; attach files; link products to each other."""

    def __init__(self, catalogue: Catalogue) -> None:
        self._catalogue = catalogue

    # -- writing ---------------------------------------------------------------------------------

    def add(
        self,
        values: Mapping[str, Any],
        *,
        id: uuid.UUID | None = None,
        attachments: Iterable[Path] = (),
    ) -> ProductRecord:
        """Create a product from field values (see :mod:`kmdesk.catalogue.product_fields`).

        ``attachments`` are attached in the same transaction: all or nothing.
        """
        with self._catalogue.writing() as w:
            product = Product(id=id or uuid.uuid4(), summary="", status="published")
            apply_product_fields(w.session, product, values, creating=True)
            w.add(product)
            for path in attachments:
                self._attach(w, product, Path(path))
            w.changes.products.add(product.id)
            product_id = product.id
        return self.get(product_id)

    def update(self, reference: uuid.UUID | str, values: Mapping[str, Any]) -> ProductRecord:
        """Change some fields of a product; fields not given keep their value."""
        with self._catalogue.writing() as w:
            product = w.track(self._product(w.session, reference))
            fields = apply_product_fields(w.session, product, values, creating=False)
            if fields:
                w.changes.products.add(product.id)
            if "title" in fields:  # linked products are found through this title too
                for other in _linked_products(w.session, product.id):
                    w.touch(other)
                    w.changes.products.add(other.id)
            product_id = product.id
        return self.get(product_id)

    def delete(self, reference: uuid.UUID | str) -> uuid.UUID:
        """Delete a product, its attachments and links, leaving tombstones; returns its id."""
        with self._catalogue.writing() as w:
            product = self._product(w.session, reference)
            product_id = product.id
            delete_record(w, product)
        return product_id

    # -- reading ---------------------------------------------------------------------------------

    def get(self, reference: uuid.UUID | str) -> ProductRecord:
        """The full record of one product (by id or unique id prefix)."""
        with self._catalogue.reading() as session:
            product_id = product_id_of(session, reference)
            return product_records(session, [product_id], self._catalogue.language)[0]

    def resolve_id(self, reference: uuid.UUID | str) -> uuid.UUID:
        """The id of the product that a full id or a unique prefix of it names."""
        with self._catalogue.reading() as session:
            return product_id_of(session, reference)

    def ids(
        self,
        filters: Mapping[str, Sequence[Any]] | None = None,
        *,
        sort: str = "title",
        limit: int | None = None,
        offset: int = 0,
    ) -> list[uuid.UUID]:
        """The ids of the products that pass ``filters``, sorted by title or (newest) year."""
        with self._catalogue.reading() as session:
            query = select(Product.id).where(
                *product_conditions(
                    TermResolver(session), filters or {}, self._catalogue.installation_id
                )
            )
            if sort == "year":
                query = query.order_by(Product.year.desc(), Product.sort_title, Product.id)
            elif sort in ("title", "relevance"):
                query = query.order_by(Product.sort_title, Product.id)
            else:
                raise ValidationError(
                    "sort",
                    sort,
                    _("is not one of: {options}").format(options=", ".join(SORT_ORDERS)),
                )
            return list(session.scalars(query.offset(offset).limit(limit)))

    def find(
        self,
        filters: Mapping[str, Sequence[Any]] | None = None,
        *,
        sort: str = "title",
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ProductRecord]:
        """Full records of the products that pass ``filters`` (see :mod:`kmdesk.filters`)."""
        ids = self.ids(filters, sort=sort, limit=limit, offset=offset)
        return self.records(ids)

    def records(self, ids: Sequence[uuid.UUID]) -> list[ProductRecord]:
        """Full records of the given products, in that order (for views that hold only ids)."""
        with self._catalogue.reading() as session:
            return product_records(session, list(ids), self._catalogue.language)

    # -- attachments -----------------------------------------------------------------------------

    def attach(self, reference: uuid.UUID | str, path: Path) -> AttachmentRecord:
        """Copy a file into the attachment store and attach it to a product.

        Attaching the same file (same content) to the same product again changes nothing and
        returns the attachment it already has. Whether its text can be read (and why not) is
        :meth:`text_extraction`'s answer, computed once per file content.
        """
        with self._catalogue.writing() as w:
            product = self._product(w.session, reference)
            attachment = self._attach(w, product, Path(path))
            return AttachmentRecord(
                attachment.id,
                attachment.file_name,
                attachment.media_type,
                attachment.size,
                attachment.sha256,
            )

    def text_extraction(self, attachment: AttachmentRecord) -> Extraction:
        """Whether the text of an attachment could be read: its status, and why not.

        The status (``ok``, ``no-text``, ``encrypted``, ``error``, ``unsupported``; see
        :mod:`kmdesk.search.extraction`) comes from the extracted-text cache the search index
        shares, so a file is extracted once, here or by the index, whichever comes first; a
        read-only catalogue extracts without caching.
        """
        from kmdesk.search.extraction import AttachmentSource, TextCache, cached_extraction

        source = AttachmentSource(
            attachment.sha256,
            self.attachment_path(attachment.sha256),
            attachment.media_type,
            attachment.file_name,
        )
        cache = TextCache.of_catalogue(self._catalogue.folder)
        return cached_extraction(cache, source, store=not self._catalogue.read_only)

    def _attach(self, w: RecordWriter, product: Product, path: Path) -> Attachment:
        file_name = check.text("file_name", path.name, required=True, max_length=255)
        assert file_name is not None
        stored = self._catalogue.attachments.put(path)
        w.files_added.add(stored.sha256)
        identity = attachment_id(product.id, stored.sha256)
        existing = w.session.get(Attachment, identity) or next(
            (a for a in product.attachments if a.sha256 == stored.sha256), None
        )
        if existing is not None:
            return existing
        attachment = Attachment(
            id=identity,
            file_name=file_name,
            media_type=stored.media_type,
            size=stored.size,
            sha256=stored.sha256,
        )
        product.attachments.append(attachment)
        w.add(attachment)
        w.touch(product)
        w.changes.products.add(product.id)
        return attachment

    def remove_attachment(self, attachment_id: uuid.UUID) -> None:
        """Detach a file from its product (the stored file goes when nothing refers to it)."""
        with self._catalogue.writing() as w:
            attachment = w.session.get(Attachment, attachment_id)
            if attachment is None:
                raise NotFoundError(_("attachment"), str(attachment_id))
            product = attachment.product
            w.track_all(a for a in product.attachments if a is not attachment)
            product.attachments.remove(attachment)
            attachments: Any = product.attachments
            attachments.reorder()  # the attachments after it move up: stamped
            w.delete(attachment)
            w.touch(product)
            w.changes.products.add(product.id)
            w.changes.attachment_hashes.add(attachment.sha256)

    def attachment_path(self, sha256: str) -> Path:
        """Where the bytes of an attachment are (read-only for callers)."""
        return self._catalogue.attachments.path_for(sha256)

    def forget_unused_files(self, hashes: set[str]) -> None:
        """Delete stored files that no attachment refers to any more."""
        if not hashes:
            return
        with self._catalogue.reading() as session:
            used = set(
                session.scalars(select(Attachment.sha256).where(Attachment.sha256.in_(hashes)))
            )
        for sha in hashes - used:
            self._catalogue.attachments.remove(sha)

    # -- links -----------------------------------------------------------------------------------

    def link(self, source: uuid.UUID | str, target: uuid.UUID | str, link_type: str) -> uuid.UUID:
        """Link two products (``source`` is a translation-of / version-of / ... ``target``)."""
        kind = check.choice("link_type", link_type, LINK_TYPES)
        with self._catalogue.writing() as w:
            source_id = product_id_of(w.session, source)
            target_id = product_id_of(w.session, target)
            if source_id == target_id:
                raise ValidationError("link", str(target), _("cannot link a product to itself"))
            existing = w.session.scalar(
                select(ProductLink).where(
                    ProductLink.source_id == source_id,
                    ProductLink.target_id == target_id,
                    ProductLink.link_type == kind,
                )
            )
            if existing is not None:
                return existing.id
            link = w.add(
                ProductLink(
                    id=link_id(source_id, kind, target_id),
                    source_id=source_id,
                    target_id=target_id,
                    link_type=kind,
                )
            )
            for product_id in (source_id, target_id):
                w.touch(w.session.get(Product, product_id))
            w.changes.products.update({source_id, target_id})
            return uuid.UUID(str(link.id))

    def unlink(self, link_id: uuid.UUID) -> None:
        """Remove a link between two products, leaving a tombstone."""
        with self._catalogue.writing() as w:
            link = w.session.get(ProductLink, link_id)
            if link is None:
                raise NotFoundError(_("link"), str(link_id))
            for product_id in (link.source_id, link.target_id):
                w.touch(w.session.get(Product, product_id))
            w.changes.products.update({link.source_id, link.target_id})
            w.delete(link)

    # -- helpers ---------------------------------------------------------------------------------

    @staticmethod
    def _product(session: Session, reference: uuid.UUID | str) -> Product:
        product = session.get(Product, product_id_of(session, reference))
        assert product is not None
        return product


def product_id_of(session: Session, reference: uuid.UUID | str) -> uuid.UUID:
    """The id of the product a full id or a unique prefix (of at least 4 digits) names."""
    if isinstance(reference, uuid.UUID):
        if session.get(Product, reference) is None:
            raise NotFoundError(_("product"), str(reference))
        return reference
    text = str(reference).strip().lower()
    try:
        exact = uuid.UUID(text)
    except ValueError:
        exact = None
    if exact is not None:
        return product_id_of(session, exact)
    prefix = text.replace("-", "")
    if len(prefix) < MIN_ID_PREFIX or any(c not in "0123456789abcdef" for c in prefix):
        raise NotFoundError(
            _("product"),
            str(reference),
            _("give the id or at least its first {n} characters").format(n=MIN_ID_PREFIX),
        )
    hex_id = func.replace(cast(Product.id, String), "-", "")
    found = list(session.scalars(select(Product.id).where(hex_id.like(prefix + "%")).limit(2)))
    if not found:
        raise NotFoundError(_("product"), str(reference))
    if len(found) > 1:
        raise NotFoundError(
            _("single product"), str(reference), _("several products start with it")
        )
    return found[0]


def _linked_products(session: Session, product_id: uuid.UUID) -> list[Product]:
    rows = session.execute(
        select(ProductLink.source_id, ProductLink.target_id).where(
            (ProductLink.source_id == product_id) | (ProductLink.target_id == product_id)
        )
    )
    others = {other for pair in rows for other in pair if other != product_id}
    return [p for p in (session.get(Product, i) for i in sorted(others)) if p is not None]
