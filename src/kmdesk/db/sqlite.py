"""Everything that knows the catalogue is a SQLite file.

The rest of kmdesk speaks dialect-neutral SQLAlchemy, so that the curators' hub can run the same
model on PostgreSQL; this module alone sets SQLite's pragmas, peeks at a file's schema revision
without writing to it, and copies a database with SQLite's online backup API.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

from kmdesk.errors import CatalogueError
from kmdesk.i18n import _

#: How long a connection waits for another writer before giving up, in milliseconds.
BUSY_TIMEOUT_MS = 10_000


def create_catalogue_engine(path: Path) -> Engine:
    """An engine on the catalogue database with WAL, foreign keys and full syncs.

    ``synchronous=FULL`` makes every commit durable at the cost of one more fsync: an import
    or an edit interrupted by a pulled USB stick or a power cut leaves the last commit intact.
    """
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
