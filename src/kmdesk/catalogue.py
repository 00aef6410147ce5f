"""The one way in: a :class:`Catalogue` opened on a catalogue folder.

Like Anki's ``Collection``, the catalogue owns the database engine and hands out plain records;
the command line, the GUI and the tests call its methods and never see a session. Writes are
serialised by one lock (SQLite, and later the Whoosh writer, allow one writer), each write is one
transaction stamped with one hybrid-logical-clock reading, and after it commits the catalogue
announces a :class:`~kmdesk.changes.Changes` to its listeners.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from filelock import FileLock, Timeout
from sqlalchemy import String, cast, event, func, inspect, select
from sqlalchemy.orm import Session, selectinload

from kmdesk import validation as check
from kmdesk.attachments import AttachmentStore
from kmdesk.changes import ChangeListener, Changes
from kmdesk.clock import HybridLogicalClock, Stamp
from kmdesk.db.base import Syncable, Vocabulary
from kmdesk.db.migrate import MigrationOutcome, check_revision, upgrade_database
from kmdesk.db.models import (
    Attachment,
    Collection,
    CollectionItem,
    KnowledgeNeed,
    Meta,
    Organisation,
    Partnership,
    Product,
    ProductLink,
    ProductType,
    SavedSearch,
    Theme,
    Tombstone,
    need_product,
)
from kmdesk.db.sqlite import create_catalogue_engine
from kmdesk.errors import CatalogueError, CatalogueInUseError, NotFoundError, ValidationError
from kmdesk.filters import normalise_search_filters, product_conditions
from kmdesk.i18n import _
from kmdesk.product_fields import apply_product_fields
from kmdesk.readers import (
    collection_record,
    need_record,
    product_records,
    saved_search_record,
    term,
)
from kmdesk.records import (
    AttachmentRecord,
    CatalogueStats,
    CollectionRecord,
    NeedRecord,
    ProductRecord,
    SavedSearchRecord,
    VocabularyTerm,
)
from kmdesk.terms import (
    VOCABULARY_NOUNS,
    TermResolver,
    apply_term_fields,
    clean_labels,
    raised_by,
    vocabulary_model,
)
from kmdesk.vocabulary import (
    LINK_TYPES,
    NEED_PRIORITIES,
    NEED_STATUSES,
    PRODUCT_TYPES,
    SORT_ORDERS,
    builtin_id,
)

if TYPE_CHECKING:
    from kmdesk.indexing import CatalogueIndexer, IndexDrift, IndexReport
    from kmdesk.progress import CancelToken, Progress
    from kmdesk.search.results import SearchResults

DATABASE_NAME = "catalogue.sqlite3"
LOCK_NAME = "kmdesk.lock"
ATTACHMENTS_DIR = "attachments"
BACKUPS_DIR = "backups"
INDEX_DIR = "index"

_META_INSTALLATION = "installation_id"
_META_CLOCK = "clock"
_MIN_PREFIX = 4


class Catalogue:
    """A catalogue folder opened for reading and writing; close it (or use ``with``)."""

    def __init__(
        self,
        folder: Path,
        *,
        migration: MigrationOutcome,
        language: str = "en",
    ) -> None:
        """Use :meth:`open`; this constructor expects the schema to be current."""
        self.folder = folder
        self.language = language
        self.migration = migration
        self.attachments = AttachmentStore(folder / ATTACHMENTS_DIR)
        self._engine = create_catalogue_engine(folder / DATABASE_NAME)
        self._write_lock = threading.RLock()
        self._process_lock = FileLock(str(folder / LOCK_NAME), timeout=0)
        self._listeners: list[ChangeListener] = []
        self._indexer: CatalogueIndexer | None = None
        with Session(self._engine) as session, session.begin():
            installation = session.get(Meta, _META_INSTALLATION)
            if installation is None:
                installation = Meta(key=_META_INSTALLATION, value=uuid.uuid4().hex)
                session.add(installation)
            last = session.get(Meta, _META_CLOCK)
            self.installation_id: str = installation.value
            self._clock = HybridLogicalClock(
                self.installation_id, Stamp.parse(last.value) if last else None
            )
        self._seed_product_types()

    # -- opening and closing -------------------------------------------------------------------

    @classmethod
    def open(cls, folder: Path | str, *, create: bool = True, language: str = "en") -> Catalogue:
        """Open the catalogue in ``folder``, creating or migrating its database as needed.

        With ``create=False`` a folder without a catalogue raises :class:`CatalogueError`
        instead of starting an empty one (a mistyped ``--data-dir`` must not go unnoticed).
        A catalogue from a newer kmdesk raises :class:`~kmdesk.errors.SchemaTooNewError` and is
        left untouched.
        """
        folder = Path(folder)
        database = folder / DATABASE_NAME
        if not database.exists() and not create:
            raise CatalogueError(
                _("there is no catalogue in {folder}; run 'kmdesk init' or 'kmdesk demo'").format(
                    folder=folder
                )
            )
        if folder.exists() and not folder.is_dir():
            raise CatalogueError(_("{folder} is not a folder").format(folder=folder))
        check_revision(database)  # refuses a newer schema before anything is written
        folder.mkdir(parents=True, exist_ok=True)
        engine = create_catalogue_engine(database)
        try:
            outcome = upgrade_database(engine, database, folder / BACKUPS_DIR)
        finally:
            engine.dispose()
        return cls(folder, migration=outcome, language=language)

    @staticmethod
    def exists(folder: Path | str) -> bool:
        """Whether ``folder`` holds a catalogue database."""
        return (Path(folder) / DATABASE_NAME).exists()

    def close(self) -> None:
        """Release the index, the database and the writer lock; the catalogue is unusable after."""
        if self._indexer is not None:
            self._indexer.index.close()
        self._engine.dispose()
        if self._process_lock.is_locked:
            self._process_lock.release(force=True)

    # -- one writing process -------------------------------------------------------------------

    def acquire_writer(self) -> None:
        """Become the one process that writes this catalogue, or raise :class:`CatalogueInUseError`.

        The lock is held until :meth:`close`; the operating system releases it if the process
        dies, so a crash never leaves the catalogue locked.
        """
        if not self._process_lock.is_locked:
            try:
                self._process_lock.acquire()
            except Timeout:
                raise CatalogueInUseError(str(self.folder)) from None

    def try_acquire_writer(self) -> bool:
        """Like :meth:`acquire_writer`, but answer ``False`` instead of raising."""
        try:
            self.acquire_writer()
        except CatalogueInUseError:
            return False
        return True

    def __enter__(self) -> Catalogue:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def database_path(self) -> Path:
        """The catalogue's database file."""
        return self.folder / DATABASE_NAME

    @property
    def index_dir(self) -> Path:
        """The folder of the full-text search index (a cache of the database)."""
        return self.folder / INDEX_DIR

    # -- change announcements --------------------------------------------------------------------

    def subscribe(self, listener: ChangeListener) -> Callable[[], None]:
        """Call ``listener`` after every committed write; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    # -- transactions ----------------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        with Session(self._engine) as session:
            yield session

    @contextmanager
    def _writing(self) -> Iterator[tuple[Session, Changes, str]]:
        """One write transaction: yields the session, the changes to fill in, and its stamp."""
        with self._write_lock:
            self.acquire_writer()
            if self._indexer is not None or self.index_dir.exists():
                # An index exists: bring it up to date now, so this change lands in it too.
                self.indexer.ensure()
            changes = Changes()
            stamp = str(self._clock.now())
            with Session(self._engine) as session, session.begin():

                def stamp_new_records(session: Session, *_args: Any) -> None:
                    for obj in session.new:
                        if isinstance(obj, Syncable) and not obj.stamp:
                            self._stamp_new(obj, stamp)

                event.listen(session, "before_flush", stamp_new_records)
                yield session, changes, stamp
                session.merge(Meta(key=_META_CLOCK, value=stamp))
            if changes:
                if self._indexer is not None:
                    self._indexer.on_changes(changes)
                for listener in list(self._listeners):
                    listener(changes)

    @staticmethod
    def _stamp(record: Syncable, fields: set[str] | Sequence[str], stamp: str) -> None:
        """Record that ``fields`` of ``record`` changed at ``stamp``."""
        if not fields:
            return
        record.stamp = stamp
        field_stamps = dict(record.field_stamps or {})
        for name in fields:
            field_stamps[name] = stamp
        record.field_stamps = field_stamps

    def _stamp_new(self, record: Syncable, stamp: str) -> None:
        names = [
            attr.key
            for attr in inspect(type(record)).column_attrs
            if attr.key not in ("id", "stamp", "field_stamps")
        ]
        self._stamp(record, names, stamp)

    @staticmethod
    def _tombstone(session: Session, record: Syncable, stamp: str) -> None:
        entity = type(record).__tablename__
        session.merge(Tombstone(id=record.id, entity=entity, stamp=stamp))

    def _seed_product_types(self) -> None:
        """Create the built-in product types a new catalogue needs (same ids everywhere)."""
        with self._reading() as session:
            present = set(session.scalars(select(ProductType.key)))
        missing = [key for key in PRODUCT_TYPES if key not in present]
        if not missing:
            return
        with self._writing() as (session, changes, _stamp):
            for key in missing:
                session.add(
                    ProductType(
                        id=builtin_id("product-type", key), key=key, labels=PRODUCT_TYPES[key]
                    )
                )
            changes.vocabulary = True

    # -- products --------------------------------------------------------------------------------

    def add_product(
        self, values: Mapping[str, Any], *, id: uuid.UUID | None = None
    ) -> ProductRecord:
        """Create a product from field values (see :data:`kmdesk.product_fields.PRODUCT_FIELDS`)."""
        with self._writing() as (session, changes, stamp):
            product = Product(id=id or uuid.uuid4(), summary="", status="published")
            fields = apply_product_fields(session, product, values, creating=True)
            self._stamp(product, fields | {"summary", "status"}, stamp)
            session.add(product)
            product_id = product.id
            changes.products.add(product_id)
        return self.get_product(product_id)

    def update_product(
        self, reference: uuid.UUID | str, values: Mapping[str, Any]
    ) -> ProductRecord:
        """Change some fields of a product; fields not given keep their value."""
        with self._writing() as (session, changes, stamp):
            product = self._product(session, reference)
            fields = apply_product_fields(session, product, values, creating=False)
            self._stamp(product, fields, stamp)
            if fields:
                changes.products.add(product.id)
            if "title" in fields:  # linked products are found through this title too
                changes.products.update(self._linked_ids(session, product.id))
            product_id = product.id
        return self.get_product(product_id)

    def delete_product(self, reference: uuid.UUID | str) -> uuid.UUID:
        """Delete a product, its attachments and links, leaving tombstones; returns its id."""
        with self._writing() as (session, changes, stamp):
            product = self._product(session, reference)
            self._tombstone(session, product, stamp)
            hashes = {attachment.sha256 for attachment in product.attachments}
            for attachment in product.attachments:
                self._tombstone(session, attachment, stamp)
            links = session.scalars(
                select(ProductLink).where(
                    (ProductLink.source_id == product.id) | (ProductLink.target_id == product.id)
                )
            )
            for link in links:
                self._tombstone(session, link, stamp)
                session.delete(link)
                other = link.target_id if link.source_id == product.id else link.source_id
                changes.products.add(other)
            for collection in session.scalars(
                select(Collection)
                .join(CollectionItem)
                .where(CollectionItem.product_id == product.id)
            ):
                self._stamp(collection, ["items"], stamp)
                changes.collections = True
            for need in session.scalars(
                select(KnowledgeNeed)
                .join(need_product)
                .where(need_product.c.product_id == product.id)
            ):
                self._stamp(need, ["products"], stamp)
                changes.needs = True
            session.delete(product)
            changes.deleted_products.add(product.id)
            changes.products.discard(product.id)
            product_id = product.id
        self._forget_unused_files(hashes)
        return product_id

    def get_product(self, reference: uuid.UUID | str) -> ProductRecord:
        """The full record of one product (by id or unique id prefix)."""
        with self._reading() as session:
            product_id = self._product_id(session, reference)
            return product_records(session, [product_id], self.language)[0]

    def resolve_product_id(self, reference: uuid.UUID | str) -> uuid.UUID:
        """The id of the product that a full id or a unique prefix of it names."""
        with self._reading() as session:
            return self._product_id(session, reference)

    def product_ids(
        self,
        filters: Mapping[str, Sequence[Any]] | None = None,
        *,
        sort: str = "title",
        limit: int | None = None,
        offset: int = 0,
    ) -> list[uuid.UUID]:
        """The ids of the products that pass ``filters``, sorted by title or (newest) year."""
        with self._reading() as session:
            query = select(Product.id).where(
                *product_conditions(TermResolver(session), filters or {})
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

    def list_products(
        self,
        filters: Mapping[str, Sequence[Any]] | None = None,
        *,
        sort: str = "title",
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ProductRecord]:
        """Full records of the products that pass ``filters`` (see :mod:`kmdesk.filters`)."""
        ids = self.product_ids(filters, sort=sort, limit=limit, offset=offset)
        with self._reading() as session:
            return product_records(session, ids, self.language)

    def products(self, ids: Sequence[uuid.UUID]) -> list[ProductRecord]:
        """Full records of the given products, in that order (for views that hold only ids)."""
        with self._reading() as session:
            return product_records(session, list(ids), self.language)

    def _product(self, session: Session, reference: uuid.UUID | str) -> Product:
        product = session.get(Product, self._product_id(session, reference))
        assert product is not None
        return product

    @staticmethod
    def _product_id(session: Session, reference: uuid.UUID | str) -> uuid.UUID:
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
            return Catalogue._product_id(session, exact)
        prefix = text.replace("-", "")
        if len(prefix) < _MIN_PREFIX or any(c not in "0123456789abcdef" for c in prefix):
            raise NotFoundError(
                _("product"),
                str(reference),
                _("give the id or at least its first {n} characters").format(n=_MIN_PREFIX),
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

    @staticmethod
    def _linked_ids(session: Session, product_id: uuid.UUID) -> set[uuid.UUID]:
        rows = session.execute(
            select(ProductLink.source_id, ProductLink.target_id).where(
                (ProductLink.source_id == product_id) | (ProductLink.target_id == product_id)
            )
        )
        return {other for pair in rows for other in pair if other != product_id}

    # -- attachments and links -------------------------------------------------------------------

    def attach_file(self, reference: uuid.UUID | str, path: Path) -> AttachmentRecord:
        """Copy a file into the attachment store and attach it to a product."""
        with self._writing() as (session, changes, stamp):
            product = self._product(session, reference)
            stored = self.attachments.put(Path(path))
            file_name = check.text("file_name", Path(path).name, required=True, max_length=255)
            assert file_name is not None
            attachment = Attachment(
                file_name=file_name,
                media_type=stored.media_type,
                size=stored.size,
                sha256=stored.sha256,
            )
            product.attachments.append(attachment)
            self._stamp(product, ["attachments"], stamp)
            changes.products.add(product.id)
            session.flush()
            return AttachmentRecord(
                attachment.id, file_name, stored.media_type, stored.size, stored.sha256
            )

    def remove_attachment(self, attachment_id: uuid.UUID) -> None:
        """Detach a file from its product (the stored file goes when nothing refers to it)."""
        with self._writing() as (session, changes, stamp):
            attachment = session.get(Attachment, attachment_id)
            if attachment is None:
                raise NotFoundError(_("attachment"), str(attachment_id))
            sha = attachment.sha256
            self._tombstone(session, attachment, stamp)
            product = attachment.product
            product.attachments.remove(attachment)
            self._stamp(product, ["attachments"], stamp)
            changes.products.add(product.id)
        self._forget_unused_files({sha})

    def attachment_path(self, sha256: str) -> Path:
        """Where the bytes of an attachment are (read-only for callers)."""
        return self.attachments.path_for(sha256)

    def _forget_unused_files(self, hashes: set[str]) -> None:
        if not hashes:
            return
        with self._reading() as session:
            used = set(
                session.scalars(select(Attachment.sha256).where(Attachment.sha256.in_(hashes)))
            )
        for sha in hashes - used:
            self.attachments.remove(sha)

    def link_products(
        self, source: uuid.UUID | str, target: uuid.UUID | str, link_type: str
    ) -> uuid.UUID:
        """Link two products (``source`` is a translation-of / version-of / ... ``target``)."""
        kind = check.choice("link_type", link_type, LINK_TYPES)
        with self._writing() as (session, changes, _stamp):
            source_id = self._product_id(session, source)
            target_id = self._product_id(session, target)
            if source_id == target_id:
                raise ValidationError("link", str(target), _("cannot link a product to itself"))
            existing = session.scalar(
                select(ProductLink).where(
                    ProductLink.source_id == source_id,
                    ProductLink.target_id == target_id,
                    ProductLink.link_type == kind,
                )
            )
            if existing is not None:
                return existing.id
            link = ProductLink(source_id=source_id, target_id=target_id, link_type=kind)
            session.add(link)
            session.flush()
            changes.products.update({source_id, target_id})
            return link.id

    def unlink_products(self, link_id: uuid.UUID) -> None:
        """Remove a link between two products, leaving a tombstone."""
        with self._writing() as (session, changes, stamp):
            link = session.get(ProductLink, link_id)
            if link is None:
                raise NotFoundError(_("link"), str(link_id))
            self._tombstone(session, link, stamp)
            session.delete(link)
            changes.products.update({link.source_id, link.target_id})

    # -- vocabularies ----------------------------------------------------------------------------

    def list_terms(self, kind: str) -> list[VocabularyTerm]:
        """The entries of vocabulary ``kind`` (theme, partnership, organisation, product-type)."""
        model = vocabulary_model(kind)
        with self._reading() as session:
            rows = session.scalars(select(model).order_by(model.key)).all()
            terms = [term(row, self.language) for row in rows]
        return sorted(terms, key=lambda t: t.label.casefold())

    def add_term(
        self,
        kind: str,
        key: str,
        labels: Mapping[str, str],
        /,
        *,
        id: uuid.UUID | None = None,
        **extra: Any,
    ) -> VocabularyTerm:
        """Add a vocabulary entry with labels per UI language (an English label is required).

        ``kind``, ``key`` and ``labels`` are positional only, so that ``extra`` may hold an
        organisation's own ``kind`` field (NGO, network...).
        """
        model = vocabulary_model(kind)
        clean_key = check.key("key", key)
        with self._writing() as (session, changes, _stamp):
            if session.scalar(select(model).where(model.key == clean_key)) is not None:
                raise ValidationError(
                    "key", clean_key, _("is already a {noun}").format(noun=VOCABULARY_NOUNS[kind])
                )
            row: Any = model()
            row.id, row.key = id or uuid.uuid4(), clean_key
            row.labels = clean_labels(labels)
            apply_term_fields(session, kind, row, extra)
            session.add(row)
            changes.vocabulary = True
            session.flush()
            return term(row, self.language)

    def update_term(
        self,
        kind: str,
        key: str,
        labels: Mapping[str, str] | None = None,
        /,
        **extra: Any,
    ) -> VocabularyTerm:
        """Relabel a vocabulary entry or change its extra fields."""
        with self._writing() as (session, changes, stamp):
            row = TermResolver(session).resolve(kind, "key", key)
            fields: list[str] = []
            if labels is not None:
                merged = dict(row.labels or {})
                merged.update(clean_labels(labels, require_english=False))
                if merged != row.labels:
                    row.labels = merged
                    fields.append("labels")
            fields += apply_term_fields(session, kind, row, extra)
            self._stamp(row, fields, stamp)
            changes.vocabulary = bool(fields)
            if fields:  # products show this entry's labels, and are found by them
                filter_name = {"product-type": "type"}.get(kind, kind)
                if filter_name in ("theme", "type", "partnership", "organisation"):
                    changes.products.update(
                        session.scalars(
                            select(Product.id).where(
                                *product_conditions(TermResolver(session), {filter_name: [row.key]})
                            )
                        )
                    )
            return term(row, self.language)

    def delete_term(self, kind: str, key: str) -> None:
        """Delete a vocabulary entry that no product or need uses."""
        with self._writing() as (session, changes, stamp):
            row: Vocabulary = TermResolver(session).resolve(kind, "key", key)
            used = self._term_usage(session, kind, row)
            if used:
                raise ValidationError(
                    "key",
                    row.key,
                    _("is still used by {n} records; change them first").format(n=used),
                )
            self._tombstone(session, row, stamp)
            session.delete(row)
            changes.vocabulary = True

    @staticmethod
    def _term_usage(session: Session, kind: str, row: Vocabulary) -> int:
        from kmdesk.filters import product_conditions as conditions

        filter_name = {"product-type": "type"}.get(kind, kind)
        products = (
            session.scalar(
                select(func.count(Product.id)).where(
                    *conditions(TermResolver(session), {filter_name: [row.key]})
                )
            )
            or 0
        )
        needs = 0
        if kind == "theme":
            needs = (
                session.scalar(select(func.count()).where(KnowledgeNeed.theme_id == row.id)) or 0
            )
        elif kind in ("partnership", "organisation"):
            column = (
                KnowledgeNeed.raised_by_partnership_id
                if kind == "partnership"
                else KnowledgeNeed.raised_by_organisation_id
            )
            needs = session.scalar(select(func.count()).where(column == row.id)) or 0
        return int(products) + int(needs)

    # -- knowledge needs -------------------------------------------------------------------------

    def add_need(self, values: Mapping[str, Any], *, id: uuid.UUID | None = None) -> NeedRecord:
        """Record a knowledge need (title required; theme, raised_by, priority, products...)."""
        with self._writing() as (session, changes, stamp):
            need = KnowledgeNeed(id=id or uuid.uuid4(), priority="medium", status="open")
            with session.no_autoflush:
                fields = self._apply_need_fields(session, need, values, creating=True)
            self._stamp(need, fields | {"priority", "status", "description"}, stamp)
            session.add(need)
            changes.needs = True
            need_id = need.id
        return self.get_need(need_id)

    def update_need(self, need_id: uuid.UUID, values: Mapping[str, Any]) -> NeedRecord:
        """Change some fields of a knowledge need."""
        with self._writing() as (session, changes, stamp):
            need = self._need(session, need_id)
            fields = self._apply_need_fields(session, need, values, creating=False)
            self._stamp(need, fields, stamp)
            changes.needs = bool(fields)
        return self.get_need(need_id)

    def delete_need(self, need_id: uuid.UUID) -> None:
        """Delete a knowledge need, leaving a tombstone."""
        with self._writing() as (session, changes, stamp):
            need = self._need(session, need_id)
            self._tombstone(session, need, stamp)
            session.delete(need)
            changes.needs = True

    def get_need(self, need_id: uuid.UUID) -> NeedRecord:
        """One knowledge need."""
        with self._reading() as session:
            return need_record(self._need(session, need_id), self.language)

    def list_needs(self, *, unanswered: bool = False) -> list[NeedRecord]:
        """Knowledge needs by priority then title; ``unanswered``: only those no product answers."""
        with self._reading() as session:
            query = select(KnowledgeNeed).options(
                selectinload(KnowledgeNeed.products),
                selectinload(KnowledgeNeed.theme),
                selectinload(KnowledgeNeed.raised_by_partnership),
                selectinload(KnowledgeNeed.raised_by_organisation),
            )
            if unanswered:
                query = query.where(~KnowledgeNeed.products.any())
            needs = [need_record(n, self.language) for n in session.scalars(query)]
        rank = {p: i for i, p in enumerate(reversed(NEED_PRIORITIES))}
        return sorted(needs, key=lambda n: (rank.get(n.priority, 9), n.title.casefold()))

    @staticmethod
    def _need(session: Session, need_id: uuid.UUID) -> KnowledgeNeed:
        need = session.get(KnowledgeNeed, need_id)
        if need is None:
            raise NotFoundError(_("knowledge need"), str(need_id))
        return need

    def _apply_need_fields(
        self, session: Session, need: KnowledgeNeed, values: Mapping[str, Any], *, creating: bool
    ) -> set[str]:
        allowed = {"title", "description", "theme", "raised_by", "priority", "status", "products"}
        unknown = sorted(set(values) - allowed)
        if unknown:
            raise ValidationError(unknown[0], None, _("is not a knowledge need field"))
        if creating and not values.get("title"):
            raise ValidationError("title", values.get("title"), _("is required"))
        resolver = TermResolver(session)
        changed: set[str] = set()
        if "title" in values:
            need.title = check.text("title", values["title"], required=True) or ""
            changed.add("title")
        if "description" in values:
            need.description = check.long_text("description", values["description"])
            changed.add("description")
        if "theme" in values:
            theme = values["theme"]
            need.theme = resolver.resolve("theme", "theme", theme) if theme else None
            changed.add("theme")
        if "raised_by" in values:
            need.raised_by_partnership, need.raised_by_organisation = raised_by(
                resolver, values["raised_by"]
            )
            changed.add("raised_by")
        if "priority" in values:
            need.priority = check.choice("priority", values["priority"], NEED_PRIORITIES)
            changed.add("priority")
        if "status" in values:
            need.status = check.choice("status", values["status"], NEED_STATUSES)
            changed.add("status")
        if "products" in values:
            ids = [
                self._product_id(session, ref)
                for ref in check.string_list("products", values["products"])
            ]
            need.products = [p for p in (session.get(Product, i) for i in dict.fromkeys(ids)) if p]
            changed.add("products")
        return changed

    # -- collections and saved searches ----------------------------------------------------------

    def add_collection(
        self,
        name: str,
        description: str = "",
        products: Sequence[uuid.UUID | str] = (),
        *,
        id: uuid.UUID | None = None,
    ) -> CollectionRecord:
        """Create an ordered collection of products."""
        with self._writing() as (session, changes, _stamp):
            collection = Collection(
                id=id or uuid.uuid4(),
                name=check.text("name", name, required=True, max_length=200) or "",
                description=check.long_text("description", description),
            )
            collection.items = self._collection_items(session, products)
            session.add(collection)
            session.flush()
            changes.collections = True
            return collection_record(collection)

    def update_collection(
        self,
        collection_id: uuid.UUID,
        *,
        name: str | None = None,
        description: str | None = None,
        products: Sequence[uuid.UUID | str] | None = None,
    ) -> CollectionRecord:
        """Rename, describe or reorder a collection (``products`` replaces the whole list)."""
        with self._writing() as (session, changes, stamp):
            collection = self._collection(session, collection_id)
            fields = []
            if name is not None:
                collection.name = check.text("name", name, required=True, max_length=200) or ""
                fields.append("name")
            if description is not None:
                collection.description = check.long_text("description", description)
                fields.append("description")
            if products is not None:
                collection.items.clear()
                session.flush()
                collection.items.extend(self._collection_items(session, products))
                fields.append("items")
            self._stamp(collection, fields, stamp)
            changes.collections = bool(fields)
            session.flush()
            return collection_record(collection)

    def delete_collection(self, collection_id: uuid.UUID) -> None:
        """Delete a collection (its products stay in the catalogue)."""
        with self._writing() as (session, changes, stamp):
            collection = self._collection(session, collection_id)
            self._tombstone(session, collection, stamp)
            session.delete(collection)
            changes.collections = True

    def list_collections(self) -> list[CollectionRecord]:
        """Every collection, by name."""
        with self._reading() as session:
            rows = session.scalars(select(Collection).options(selectinload(Collection.items))).all()
            records = [collection_record(c) for c in rows]
        return sorted(records, key=lambda c: c.name.casefold())

    def _collection(self, session: Session, collection_id: uuid.UUID) -> Collection:
        collection = session.get(Collection, collection_id)
        if collection is None:
            raise NotFoundError(_("collection"), str(collection_id))
        return collection

    def _collection_items(
        self, session: Session, products: Sequence[uuid.UUID | str]
    ) -> list[CollectionItem]:
        ids = dict.fromkeys(self._product_id(session, ref) for ref in products)
        return [CollectionItem(product_id=i) for i in ids]

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
        with self._writing() as (session, changes, _stamp):
            clean_filters = {k: [str(v) for v in vs] for k, vs in (filters or {}).items()}
            product_conditions(TermResolver(session), clean_filters)
            search = SavedSearch(
                id=id or uuid.uuid4(),
                name=check.text("name", name, required=True, max_length=200) or "",
                query=check.long_text("query", query),
                filters=clean_filters,
                sort=check.choice("sort", sort, SORT_ORDERS),
            )
            session.add(search)
            session.flush()
            changes.saved_searches = True
            return saved_search_record(search)

    def delete_saved_search(self, search_id: uuid.UUID) -> None:
        """Delete a saved search."""
        with self._writing() as (session, changes, stamp):
            search = session.get(SavedSearch, search_id)
            if search is None:
                raise NotFoundError(_("saved search"), str(search_id))
            self._tombstone(session, search, stamp)
            session.delete(search)
            changes.saved_searches = True

    def list_saved_searches(self) -> list[SavedSearchRecord]:
        """Every saved search, by name."""
        with self._reading() as session:
            records = [saved_search_record(s) for s in session.scalars(select(SavedSearch))]
        return sorted(records, key=lambda s: s.name.casefold())

    # -- search ----------------------------------------------------------------------------------

    @property
    def indexer(self) -> CatalogueIndexer:
        """The search index kept in step with this catalogue (opened on first use)."""
        if self._indexer is None:
            from kmdesk.indexing import CatalogueIndexer

            self._indexer = CatalogueIndexer(self)
        return self._indexer

    def ensure_index(
        self, *, progress: Progress | None = None, cancel: CancelToken | None = None
    ) -> IndexReport:
        """Check the index against the database and repair or rebuild it (with progress)."""
        from kmdesk.progress import no_progress

        return self.indexer.ensure(progress=progress or no_progress, cancel=cancel)

    def reindex(
        self, *, progress: Progress | None = None, cancel: CancelToken | None = None
    ) -> IndexReport:
        """Rebuild the search index from scratch (the old one stays until the new one is done)."""
        from kmdesk.progress import no_progress

        self.acquire_writer()
        self.indexer.index.open()
        return self.indexer.rebuild(progress=progress or no_progress, cancel=cancel)

    def index_drift(self) -> IndexDrift:
        """How the search index differs from the database (``kmdesk check``)."""
        return self.indexer.drift()

    def search(
        self,
        query: str,
        *,
        filters: Mapping[str, Sequence[str]] | None = None,
        sort: str = "relevance",
        limit: int = 20,
        offset: int = 0,
        facets: bool = True,
        snippets: bool = True,
        prefix_last: bool = False,
    ) -> SearchResults:
        """Ranked products for ``query`` (see ``docs/search.md`` for the syntax).

        ``filters`` maps facets (theme, type, partnership, organisation, country, language,
        year) to accepted values, given as keys, labels or codes; ``year`` also takes ranges
        (``2018..2020``). ``prefix_last`` matches the last word as a prefix, for as-you-type.
        """
        with self._reading() as session:
            clean = normalise_search_filters(TermResolver(session), filters or {})
        self.ensure_index()
        return self.indexer.service.search(
            query,
            filters=clean,
            sort=sort,
            limit=limit,
            offset=offset,
            facets=facets,
            snippets=snippets,
            prefix_last=prefix_last,
        )

    # -- overview --------------------------------------------------------------------------------

    def stats(self) -> CatalogueStats:
        """Counts of what the catalogue holds."""
        with self._reading() as session:

            def count(model: Any) -> int:
                return int(session.scalar(select(func.count()).select_from(model)) or 0)

            unanswered = session.scalar(
                select(func.count(KnowledgeNeed.id)).where(
                    ~KnowledgeNeed.products.any(), KnowledgeNeed.status == "open"
                )
            )
            return CatalogueStats(
                products=count(Product),
                attachments=count(Attachment),
                needs=count(KnowledgeNeed),
                open_needs_without_product=int(unanswered or 0),
                collections=count(Collection),
                themes=count(Theme),
                partnerships=count(Partnership),
                organisations=count(Organisation),
            )

    def is_empty(self) -> bool:
        """Whether the catalogue has no product yet (a fresh folder gets the demo)."""
        with self._reading() as session:
            return session.scalar(select(Product.id).limit(1)) is None

    @contextmanager
    def session_for_maintenance(self) -> Iterator[Session]:
        """A read session for :mod:`kmdesk.integrity` and :mod:`kmdesk.demo` (core only)."""
        with self._reading() as session:
            yield session

    @contextmanager
    def transaction_for_import(self) -> Iterator[tuple[Session, Changes, str]]:
        """One all-or-nothing write for bulk loads in the core (demo, later bundles)."""
        with self._writing() as state:
            yield state

    @property
    def engine_for_maintenance(self) -> Any:
        """The engine, for integrity checks in :mod:`kmdesk.integrity` only."""
        return self._engine
