"""Everything that knows the catalogue is a SQLite file.

The rest of kmdesk speaks dialect-neutral SQLAlchemy, so that the curators' hub can run the same
model on PostgreSQL; this module alone sets SQLite's pragmas, peeks at a file's schema revision
without writing to it, and copies a database with SQLite's online backup API.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event

from kmdesk.errors import CatalogueError
from kmdesk.i18n import _

#: How long a connection waits for another writer before giving up, in milliseconds.
BUSY_TIMEOUT_MS = 10_000


def create_catalogue_engine(path: Path, *, read_only: bool = False) -> Engine:
    """An engine on the catalogue database with WAL, foreign keys and full syncs.

    ``synchronous=FULL`` makes every commit durable at the cost of one more fsync: an import
    or an edit interrupted by a pulled USB stick or a power cut leaves the last commit intact.
    ``read_only`` opens a catalogue on read-only media (a locked USB stick, a CD): immutable,
    so SQLite creates no files beside it and sets no journal mode.
    """
    if read_only:
        uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
        return create_engine(
            "sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False)
        )
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        finally:
            cursor.close()

    return engine


def read_meta(path: Path, key: str) -> str | None:
    """One ``kmdesk_meta`` value of another catalogue's database, read without writing to it."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        row = connection.execute("SELECT value FROM kmdesk_meta WHERE key = ?", (key,)).fetchone()
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    return str(row[0]) if row else None


def read_revision(path: Path) -> str | None:
    """The Alembic revision stored in ``path``, read without writing anything to the file.

    Returns ``None`` for an empty database. Raises :class:`CatalogueError` when the file is not
    a SQLite database or holds tables that are not a kmdesk catalogue.
    """
    # Without a write-ahead log the main file is complete: read it as immutable, which creates
    # no -wal/-shm files beside it. With a log (after a crash), read through the log.
    wal = path.with_name(path.name + "-wal")
    options = "mode=ro" if wal.exists() and wal.stat().st_size else "mode=ro&immutable=1"
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?{options}", uri=True)
    except sqlite3.Error as exc:
        raise CatalogueError(
            _("cannot open the catalogue database {path}: {error}").format(path=path, error=exc)
        ) from exc
    try:
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if not tables:
            return None
        if "alembic_version" not in tables:
            raise CatalogueError(
                _("{path} is a database but not a kmdesk catalogue").format(path=path)
            )
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None
    except sqlite3.DatabaseError as exc:
        raise CatalogueError(
            _("{path} is not a readable catalogue database: {error}").format(path=path, error=exc)
        ) from exc
    finally:
        connection.close()


def backup_database(source: Path, target: Path) -> None:
    """Copy a live database to ``target`` with SQLite's backup API (consistent, WAL included)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    partial.replace(target)


def integrity_problems(engine: Engine) -> list[str]:
    """SQLite's own integrity and foreign-key checks, as readable lines (empty when sound)."""
    problems: list[str] = []
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        for (line,) in raw.execute("PRAGMA integrity_check"):
            if line != "ok":
                problems.append(str(line))
        for table, rowid, parent, _fkid in raw.execute("PRAGMA foreign_key_check"):
            problems.append(
                _("row {rowid} of {table} refers to a missing {parent}").format(
                    rowid=rowid, table=table, parent=parent
                )
            )
    return problems


@contextmanager
def schema_change_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection in one transaction that schema changes (migrations) cannot escape.

    Python's ``sqlite3`` module, left to itself, opens a transaction only before INSERT, UPDATE
    or DELETE, so CREATE, ALTER and DROP commit one by one: a migration failing half-way would
    leave half a new schema under the old revision number, which no later upgrade can fix.
    Here the module's own transaction handling is off and ``BEGIN IMMEDIATE`` (which also takes
    the write lock at once) is explicit, so the schema changes, the data they copy and the new
    revision number commit together or roll back together.

    Foreign keys are switched off for the transaction, as SQLite's documented procedure for
    schema changes requires: Alembic rebuilds a table to alter it (copy, drop, rename), and
    dropping a table with foreign keys on deletes, or refuses to delete, the rows that refer to
    it. ``PRAGMA foreign_key_check`` then runs before the commit: a migration that leaves rows
    referring to missing ones (more than before it) is rolled back with :class:`CatalogueError`.
    """
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        saved_isolation = raw.isolation_level
        (foreign_keys,) = raw.execute("PRAGMA foreign_keys").fetchone()
        raw.isolation_level = None  # no implicit BEGIN or COMMIT from the driver
        try:
            raw.execute("PRAGMA foreign_keys=OFF")  # a no-op inside a transaction: set before
            with connection.begin():
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                dangling_before = len(raw.execute("PRAGMA foreign_key_check").fetchall())
                yield connection
                dangling = raw.execute("PRAGMA foreign_key_check").fetchall()
                if len(dangling) > dangling_before:
                    table, rowid, parent, _fkid = dangling[0]
                    raise CatalogueError(
                        _(
                            "upgrading {path} would leave {n} rows referring to missing records "
                            "(row {rowid} of {table} refers to a missing {parent}); nothing "
                            "was changed"
                        ).format(
                            path=engine.url.database,
                            n=len(dangling) - dangling_before,
                            rowid=rowid,
                            table=table,
                            parent=parent,
                        )
                    )
        finally:
            try:
                raw.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
                raw.isolation_level = saved_isolation
            except sqlite3.Error:
                connection.invalidate()  # not restored: never hand this connection out again
