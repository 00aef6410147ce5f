"""The declarative base and the columns every syncable record carries.

A record travels between installations in bundle files, so from day one it has

* a UUID primary key, made where the record was created and never reused;
* ``stamp``: the hybrid logical clock stamp of its last change (it names the installation that
  made the change, see :mod:`kmdesk.sync.clock`); delta exports select rows by it;
* ``field_stamps``: the stamp of the last change of each field (and of each member of a list
  field), under the field names of :mod:`kmdesk.sync.kinds`, for per-field merge;
* ``field_bases``: for each one-value field, the stamp that its last change replaced, so that a
  merge can tell a concurrent change (kept as a conflict) from one made on top of the other;
* ``seq``: the local change sequence number of its last write here (local edits and records
  received from elsewhere alike), so that "what changed since I last sent to peer X" includes
  changes relayed from others with old stamps; never synced;
* and a deletion leaves a :class:`~kmdesk.db.models.Tombstone` with the stamp of the deletion.
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from sqlalchemy import JSON, MetaData, String, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: Constraint names that Alembic can rely on on every dialect (SQLite batch mode needs them).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

STAMP_LENGTH = 64


class Base(DeclarativeBase):
    """Declarative base of every kmdesk table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        uuid.UUID: Uuid(as_uuid=True),
        dict[str, Any]: JSON,
        dict[str, str]: JSON,
    }


class Syncable:
    """Mixin of the columns that let a record be merged across installations."""

    __tablename__: str

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    stamp: Mapped[str] = mapped_column(String(STAMP_LENGTH), index=True)
    field_stamps: Mapped[dict[str, str]] = mapped_column(default=dict)
    #: For each one-value field, the stamp its last change replaced: tells a concurrent change
    #: (a conflict) from a later one made on top of it.
    field_bases: Mapped[dict[str, str]] = mapped_column(default=dict)
    seq: Mapped[int] = mapped_column(default=0, index=True)


class Vocabulary(Syncable):
    """Mixin of a controlled vocabulary entry: a stable key and labels per UI language."""

    key: Mapped[str] = mapped_column(String(100), unique=True)
    labels: Mapped[dict[str, str]] = mapped_column(default=dict)

    def label(self, language: str = "en") -> str:
        """The label in ``language``, else in English, else the key."""
        labels = self.labels or {}
        return labels.get(language) or labels.get("en") or self.key
