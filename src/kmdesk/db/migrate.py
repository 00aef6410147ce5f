"""Bring a catalogue database to the schema this kmdesk knows, safely.

* A new database is created by running every migration from the first revision, so the
  migrations, not ``create_all``, are the one definition of the schema a user has.
* An older catalogue is first copied with SQLite's backup API into ``backups/``, then upgraded.
* A catalogue written by a newer kmdesk (a revision this version does not know) is refused with
  :class:`~kmdesk.errors.SchemaTooNewError` before anything is written to it.
* The migrations run in one transaction: a failing one leaves nothing behind. A database whose
  tables do not match the revision it records (so that a migration fails) is reported as a
  :class:`~kmdesk.errors.CatalogueError`, a full disk as a :class:`~kmdesk.errors.DiskFullError`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from kmdesk.db.sqlite import backup_database, read_revision, schema_change_transaction
from kmdesk.errors import CatalogueError, KmdeskError, SchemaTooNewError, disk_full_error
from kmdesk.i18n import _

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

#: The newest revision in ``migrations/versions``. Opening a current catalogue compares with it
#: and so never loads Alembic (a test keeps it equal to the scripts' head).
HEAD_REVISION = "0005"


@dataclass(frozen=True, slots=True)
class MigrationOutcome:
    """What opening did to the schema: from which revision to which, and the backup made."""

    from_revision: str | None
    to_revision: str
    backup: Path | None

    @property
    def upgraded(self) -> bool:
        """Whether an existing catalogue was migrated to a newer schema."""
        return self.from_revision is not None and self.from_revision != self.to_revision


def alembic_config() -> Config:
    """An Alembic configuration pointing at kmdesk's migration scripts (no ini file)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The newest schema revision this kmdesk knows, read from the migration scripts."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def check_revision(database: Path) -> str | None:
    """The database's revision; raise :class:`SchemaTooNewError` when this kmdesk cannot know it.

    Reads only: safe to call on a catalogue that must not be touched.
    """
    if not database.exists():
        return None
    revision = read_revision(database)
    if revision is None or revision == HEAD_REVISION:
        return revision
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    if revision not in {rev.revision for rev in script.walk_revisions()}:
        raise SchemaTooNewError(str(database), revision)
    return revision


def upgrade_database(
    engine: Engine, database: Path, backups: Path, revision: str = "head"
) -> MigrationOutcome:
    """Upgrade ``database`` to ``revision`` (default: the newest), backing it up first.

    All migrations run in one transaction, rolled back when one fails. Raises
    :class:`~kmdesk.errors.CatalogueError` when the database's tables do not match the revision
    it records, :class:`~kmdesk.errors.DiskFullError` when the disk is full.
    """
    current = check_revision(database)
    target = HEAD_REVISION if revision == "head" else revision
    if current == target:
        return MigrationOutcome(current, target, None)
    try:
        backup = None
        if current is not None:
            when = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            backup = backups / f"{database.stem}-{when}-schema-{current}.sqlite3"
            backup_database(database, backup)
        from alembic import command

        config = alembic_config()
        with schema_change_transaction(engine) as connection:
            config.attributes["connection"] = connection
            try:
                command.upgrade(config, target)
            except DBAPIError as exc:
                if current is None or disk_full_error(exc, database.parent) is not None:
                    raise
                # Raised inside the transaction, which rolls back on the way out.
                raise _schema_mismatch(database, current, backup, exc) from exc
    except KmdeskError:
        raise
    except Exception as exc:
        full = disk_full_error(exc, database.parent)
        if full is None:
            raise
        raise full from exc
    return MigrationOutcome(current, target, backup)


def _schema_mismatch(
    database: Path, revision: str, backup: Path | None, exc: DBAPIError
) -> CatalogueError:
    """The error for a migration the database's tables refused (they are not at ``revision``)."""
    error = " ".join(str(exc.orig if exc.orig is not None else exc).split())
    message = _(
        "cannot upgrade the catalogue database {path}: it records schema revision {revision}, "
        "but its tables do not match that revision ({error}). Nothing was changed."
    ).format(path=database, revision=revision, error=error)
    if backup is not None:
        message += " " + _("A copy made before the attempt is in {backup}.").format(backup=backup)
    return CatalogueError(message)
