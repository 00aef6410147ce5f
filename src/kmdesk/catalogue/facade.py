"""The one way in: a :class:`Catalogue` opened on a catalogue folder.

Like Anki's ``Collection`` with ``col.decks`` and ``col.models``, the catalogue is a small facade
(open, close, the writer lock, transactions, change announcements) that hands out parts:

* :attr:`Catalogue.products` — products with their attachments and links;
* :attr:`Catalogue.vocabularies` — themes, partnerships, organisations, product types;
* :attr:`Catalogue.needs` — knowledge needs;
* :attr:`Catalogue.collections` — collections and saved searches;
* :attr:`Catalogue.sync` — records in sync form: apply what came from elsewhere, dump, identity;
* :attr:`Catalogue.search_index` — the full-text index kept in step with the database.

Every write runs in :meth:`Catalogue.writing`: one transaction, under the one-writer lock, with a
:class:`~kmdesk.sync.writer.RecordWriter` that stamps what changed; after it commits the
catalogue announces a :class:`~kmdesk.changes.Changes` to its listeners.
"""

from __future__ import annotations

import errno
import os
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from filelock import FileLock, Timeout
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from kmdesk.attachments import AttachmentStore
from kmdesk.changes import ChangeListener, Changes
from kmdesk.db.migrate import (
    HEAD_REVISION,
    MigrationOutcome,
    check_revision,
    upgrade_database,
)
from kmdesk.db.models import (
    Annotation,
    Attachment,
    Collection,
    KnowledgeNeed,
    Meta,
    Organisation,
    Partnership,
    Product,
    Theme,
    Tombstone,
)
from kmdesk.db.sqlite import create_catalogue_engine, read_meta
from kmdesk.errors import (
    CatalogueError,
    CatalogueInUseError,
    ReadOnlyCatalogueError,
    disk_full_error,
)
from kmdesk.i18n import _
from kmdesk.records import CatalogueStats
from kmdesk.sync.clock import HybridLogicalClock, Stamp
from kmdesk.sync.writer import RecordWriter

if TYPE_CHECKING:
    from kmdesk.catalogue.collections import Collections
    from kmdesk.catalogue.keyring import Keyring
    from kmdesk.catalogue.needs import Needs
    from kmdesk.catalogue.products import Products
    from kmdesk.catalogue.syncing import SyncPart
    from kmdesk.catalogue.vocabularies import Vocabularies
    from kmdesk.progress import CancelToken, Progress
    from kmdesk.search.indexing import CatalogueIndexer, IndexDrift, IndexReport
    from kmdesk.search.results import SearchResults

DATABASE_NAME = "catalogue.sqlite3"
LOCK_NAME = "kmdesk.lock"
ATTACHMENTS_DIR = "attachments"
BACKUPS_DIR = "backups"
INDEX_DIR = "index"

#: How long a write waits for another kmdesk program to finish its write, in seconds
#: (``KMDESK_WRITER_WAIT`` changes it).
WRITER_WAIT_SECONDS = 20.0
ENV_WRITER_WAIT = "KMDESK_WRITER_WAIT"

META_INSTALLATION = "installation_id"
META_CLOCK = "clock"
META_SEQUENCE = "sequence"
#: Where this catalogue was last opened: tells a copied folder from a moved one.
META_HOME = "home"


class Catalogue:
    """A catalogue folder opened for reading and (unless on read-only media) writing."""

    def __init__(
        self,
        folder: Path,
        *,
        migration: MigrationOutcome,
        language: str = "en",
        read_only: bool = False,
    ) -> None:
        """Use :meth:`open`; this constructor expects the schema to be current."""
        from kmdesk.catalogue.annotations import Annotations
        from kmdesk.catalogue.collections import Collections
        from kmdesk.catalogue.keyring import Keyring
        from kmdesk.catalogue.needs import Needs
        from kmdesk.catalogue.products import Products
        from kmdesk.catalogue.syncing import SyncPart
        from kmdesk.catalogue.vocabularies import Vocabularies

        self.folder = folder
        self.language = language
        self.migration = migration
        self.read_only = read_only
        #: Things the user should be told about opening (a copied folder got its own identity).
        self.notices: list[str] = []
        self.attachments = AttachmentStore(folder / ATTACHMENTS_DIR)
        self._engine = create_catalogue_engine(folder / DATABASE_NAME, read_only=read_only)
        self._write_lock = threading.RLock()
        self._process_lock = FileLock(str(folder / LOCK_NAME), timeout=_writer_wait())
        self._listeners: list[ChangeListener] = []
        self._indexer: CatalogueIndexer | None = None
        #: The change sequence number this process has seen (see :meth:`outside_changes`).
        self._seen_seq = 0
        self.products: Products = Products(self)
        self.vocabularies: Vocabularies = Vocabularies(self)
        self.needs: Needs = Needs(self)
        self.collections: Collections = Collections(self)
        self.sync: SyncPart = SyncPart(self)
        self.keys: Keyring = Keyring(self)
        self.annotations = Annotations(self)
        with self.reading() as session:
            installation = session.get(Meta, META_INSTALLATION)
            last = session.get(Meta, META_CLOCK)
            home = session.get(Meta, META_HOME)
            self.installation_id = installation.value if installation else ""
            last_stamp = Stamp.parse(last.value) if last else None
            home_path = home.value if home else None
        if read_only:
            if not self.installation_id:
                raise CatalogueError(_("{folder} is not a catalogue").format(folder=folder))
            self._clock = HybridLogicalClock(self.installation_id, last_stamp)
            self._seen_seq = self.sync.current_seq()
            return
        copied = self._settle_identity(home_path)
        self.keys.ensure_own_key(renew=copied)
        self._clock = HybridLogicalClock(self.installation_id, last_stamp)
        self.vocabularies.seed_product_types()
        self.sync.normalise_stamps()
        self._seen_seq = self.sync.current_seq()

    # -- opening and closing -------------------------------------------------------------------

    @classmethod
    def open(cls, folder: Path | str, *, create: bool = True, language: str = "en") -> Catalogue:
        """Open the catalogue in ``folder``, creating or migrating its database as needed.

        With ``create=False`` a folder without a catalogue raises :class:`CatalogueError`
        instead of starting an empty one (a mistyped ``--data-dir`` must not go unnoticed). A
        folder that holds catalogue files (attachments, an index) but no database, or an empty
        database file, is refused rather than silently started again empty. On read-only media
        the catalogue opens for reading. A catalogue from a newer kmdesk raises
        :class:`~kmdesk.errors.SchemaTooNewError` and is left untouched.
        """
        folder = Path(folder)
        database = folder / DATABASE_NAME
        if folder.exists() and not folder.is_dir():
            raise CatalogueError(_("{folder} is not a folder").format(folder=folder))
        _refuse_a_lost_database(folder, database)
        if not database.exists() and not create:
            raise CatalogueError(
                _("there is no catalogue in {folder}; run 'kmdesk init' or 'kmdesk demo'").format(
                    folder=folder
                )
            )
        revision = check_revision(database)  # refuses a newer schema before anything is written
        if database.exists() and not _writable(folder, database):
            if revision is None:
                raise CatalogueError(_("{folder} is not a catalogue").format(folder=folder))
            if revision != HEAD_REVISION:
                raise ReadOnlyCatalogueError(
                    str(folder), _("it needs a schema upgrade, which cannot be written")
                )
            outcome = MigrationOutcome(revision, revision, None)
            return cls(folder, migration=outcome, language=language, read_only=True)
        with _storage_errors(folder):
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
        """Release the index and the database; the catalogue is unusable after."""
        if self._indexer is not None:
            self._indexer.index.close()
        self._engine.dispose()

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

    # -- identity ------------------------------------------------------------------------------

    def _settle_identity(self, home: str | None) -> bool:
        """Make the installation id on first start; give a copied folder an id of its own.

        The rule (docs/architecture.md): the catalogue records the folder it was last opened
        in. Opened elsewhere, it was moved (a USB stick on another laptop, a renamed folder)
        unless the recorded folder still holds a catalogue with the same installation id: then
        this is a copy, and the copy gets a new id.
        """
        here = str(self.folder.resolve())
        if not self.installation_id:
            self._write_meta({META_INSTALLATION: uuid.uuid4().hex, META_HOME: here})
            with self.reading() as session:
                row = session.get(Meta, META_INSTALLATION)
                assert row is not None
                self.installation_id = row.value
            return False
        if home == here:
            return False
        original = Path(home) / DATABASE_NAME if home else None
        if (
            original is not None
            and original.resolve() != self.database_path.resolve()
            and original.is_file()
            and read_meta(original, META_INSTALLATION) == self.installation_id
        ):
            old = self.installation_id
            self.installation_id = uuid.uuid4().hex
            self._write_meta({META_INSTALLATION: self.installation_id, META_HOME: here})
            self.notices.append(
                _(
                    "this catalogue is a copy of the one in {home}: it now has its own "
                    "installation id ({new}, was {old})"
                ).format(home=home, new=self.installation_id, old=old)
            )
            return True
        self._write_meta({META_HOME: here})
        return False

    def new_identity(self) -> tuple[str, str]:
        """Give this catalogue a new installation id (after copying a folder); (old, new)."""
        self._require_writable()
        old = self.installation_id
        new = uuid.uuid4().hex
        with self._write_lock, self._holding_process_lock():
            with self.reading() as session:
                last = session.get(Meta, META_CLOCK)
            self._write_meta({META_INSTALLATION: new, META_HOME: str(self.folder.resolve())})
            self.installation_id = new
            previous = Stamp.parse(last.value) if last else None
            self._clock = HybridLogicalClock(new, previous)
            self.keys.ensure_own_key(renew=True)  # a copy must not sign as the original
        return old, new

    def _write_meta(self, values: Mapping[str, str]) -> None:
        with _storage_errors(self.folder), Session(self._engine) as session, session.begin():
            for key, value in values.items():
                session.merge(Meta(key=key, value=value))

    @contextmanager
    def meta_transaction(self) -> Iterator[Session]:
        """A transaction on local, never-synced tables (settings, trusted keys), under the lock."""
        self._require_writable()
        with (
            self._write_lock,
            self._holding_process_lock(),
            _storage_errors(self.folder),
            Session(self._engine) as session,
            session.begin(),
        ):
            yield session

    def write_meta(self, values: Mapping[str, str]) -> None:
        """Store local facts about this catalogue (``kmdesk_meta``)."""
        with self.meta_transaction() as session:
            for key, value in values.items():
                session.merge(Meta(key=key, value=value))

    # -- one writer ----------------------------------------------------------------------------

    def _require_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyCatalogueError(str(self.folder))

    @contextmanager
    def _holding_process_lock(self) -> Iterator[None]:
        """Be the one kmdesk program writing this folder, waiting a little for another."""
        with _storage_errors(self.folder):
            try:
                self._process_lock.acquire()
            except Timeout:
                raise CatalogueInUseError(str(self.folder)) from None
        try:
            yield
        finally:
            self._process_lock.release()

    @contextmanager
    def writer_lock(self) -> Iterator[None]:
        """Hold the one-writer lock for work outside a transaction (rebuilding the index)."""
        self._require_writable()
        with self._write_lock, self._holding_process_lock():
            yield

    # -- change announcements --------------------------------------------------------------------

    def subscribe(self, listener: ChangeListener) -> Callable[[], None]:
        """Call ``listener`` after every committed write; returns a function that unsubscribes.

        The listener runs on the thread that wrote. Unsubscribing twice is harmless.
        """
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    # -- transactions ----------------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reading (core only: parts, the index, the checker); it cannot write."""
        with Session(self._engine) as session:
            event.listen(session, "before_flush", _refuse_writes)
            yield session

    @contextmanager
    def writing(self, *, stamp: Stamp | None = None) -> Iterator[RecordWriter]:
        """One write transaction through the write layer (core only: the parts use it).

        Under the writer lock, the clock first reads back the last stamp any process of this
        catalogue persisted, so two processes never move it backwards; the operation gets one
        stamp and the next change sequence number; the greater clock reading is persisted.
        ``stamp`` fixes the operation's stamp instead, for records that every installation
        makes identically (built-in product types, the demo catalogue).
        """
        self._require_writable()
        with self._write_lock, self._holding_process_lock():
            if self._indexer is not None or self.index_dir.exists():
                # An index exists: bring it up to date now, so this change lands in it too.
                self.indexer.ensure()
            writer: RecordWriter | None = None
            clock_before = self._clock.last
            try:
                with (
                    _storage_errors(self.folder),
                    Session(self._engine) as session,
                    session.begin(),
                ):
                    stored_clock = session.get(Meta, META_CLOCK)
                    if stored_clock is not None:
                        self._clock.observe(Stamp.parse(stored_clock.value))
                    stored_seq = session.get(Meta, META_SEQUENCE)
                    seq = int(stored_seq.value) + 1 if stored_seq else 1
                    now = stamp if stamp is not None else self._clock.now()
                    writer = RecordWriter(session, str(now), seq)
                    yield writer
                    writer.finish()
                    session.merge(Meta(key=META_CLOCK, value=str(self._clock.last)))
                    session.merge(Meta(key=META_SEQUENCE, value=str(seq)))
                    # Only when no other process wrote since we looked (outside_changes).
                    seen_after = seq if seq == self._seen_seq + 1 else self._seen_seq
            except BaseException:
                # Nothing was saved: stamps observed from rejected records are forgotten too.
                self._clock = HybridLogicalClock(self.installation_id, clock_before)
                if writer is not None:  # files copied in for records that were not saved
                    self.products.forget_unused_files(writer.files_added)
                raise
            changes = writer.changes
            self._seen_seq = seen_after
            self.products.forget_unused_files(changes.attachment_hashes)
            if changes:
                if self._indexer is not None:
                    self._indexer.on_changes(changes)
                for listener in list(self._listeners):
                    listener(changes)

    def outside_changes(self) -> Changes:
        """Announce (and return) what other processes committed since this one last looked.

        Views poll this every few seconds, off the UI thread, so that a product added by the
        command line or an import in another window appears without a restart. The search
        index is reopened on its next use (the other process kept it in step, or the
        fingerprint check repairs it).
        """
        with self._write_lock, self.reading() as session:
            stored = session.get(Meta, META_SEQUENCE)
            current = int(stored.value) if stored else 0
            if current <= self._seen_seq:
                return Changes()
            since = self._seen_seq
            changes = Changes(
                products=set(session.scalars(select(Product.id).where(Product.seq > since))),
                annotations=set(
                    session.scalars(select(Annotation.product_id).where(Annotation.seq > since))
                ),
                deleted_products=set(
                    session.scalars(
                        select(Tombstone.id).where(
                            Tombstone.entity == "product", Tombstone.seq > since
                        )
                    )
                ),
                vocabulary=True,
                needs=True,
                collections=True,
                saved_searches=True,
            )
            self._seen_seq = current
            if self._indexer is not None:
                self._indexer.follow_outside_changes()
            for listener in list(self._listeners):
                listener(changes)
        return changes

    @property
    def installation_clock(self) -> HybridLogicalClock:
        """This installation's clock (the sync part observes incoming stamps with it)."""
        return self._clock

    @property
    def engine_for_maintenance(self) -> Any:
        """The engine, for SQLite's integrity checks in :mod:`kmdesk.integrity` only."""
        return self._engine

    def set_language(self, language: str) -> None:
        """Show vocabulary labels, facet labels and country names in ``language`` from now on."""
        self.language = language
        if self._indexer is not None:
            self._indexer.forget_labels()

    # -- search ----------------------------------------------------------------------------------

    @property
    def indexer(self) -> CatalogueIndexer:
        """The search index kept in step with this catalogue (opened on first use)."""
        if self._indexer is None:
            from kmdesk.search.indexing import CatalogueIndexer

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

        with self.writer_lock():
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
        from kmdesk.filters import normalise_search_filters
        from kmdesk.terms import TermResolver

        with self.reading() as session:
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
        with self.reading() as session:

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
        with self.reading() as session:
            return session.scalar(select(Product.id).limit(1)) is None


def _refuse_writes(session: Session, *_args: Any) -> None:
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("a reading session does not write: use Catalogue.writing()")


@contextmanager
def _storage_errors(folder: Path) -> Iterator[None]:
    """A full disk becomes one clear :class:`~kmdesk.errors.DiskFullError`; the rest is raised."""
    try:
        yield
    except (OSError, OperationalError) as exc:
        full = disk_full_error(exc, folder)
        if full is None:
            raise
        raise full from exc


def _writer_wait() -> float:
    try:
        return float(os.environ.get(ENV_WRITER_WAIT, WRITER_WAIT_SECONDS))
    except ValueError:
        return WRITER_WAIT_SECONDS


def _refuse_a_lost_database(folder: Path, database: Path) -> None:
    """A folder with catalogue files but a missing or empty database is not started afresh."""
    if database.exists() and database.stat().st_size > 0:
        return
    if not folder.is_dir():
        return
    leftovers = [
        name
        for name in (ATTACHMENTS_DIR, INDEX_DIR, BACKUPS_DIR)
        if (folder / name).exists() and any((folder / name).iterdir())
    ]
    if database.exists() or leftovers:
        what = _("its database is empty") if database.exists() else _("its database is missing")
        raise CatalogueError(
            _(
                "not a catalogue: {folder} holds catalogue files ({files}) but {what}; restore "
                "{database} from a backup (see {backups}), or choose another folder. Nothing "
                "was changed."
            ).format(
                folder=folder,
                files=", ".join(leftovers) or DATABASE_NAME,
                what=what,
                database=DATABASE_NAME,
                backups=folder / BACKUPS_DIR,
            )
        )


def _writable(folder: Path, database: Path) -> bool:
    """Whether the catalogue's files can be written (false on read-only media)."""
    if not os.access(database, os.W_OK):
        return False
    try:
        handle, probe = tempfile.mkstemp(dir=folder, prefix=".kmdesk-write-check-")
    except OSError as exc:
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return False
        raise
    os.close(handle)
    os.unlink(probe)
    return True
