"""The one write layer: every change to a syncable record goes through a :class:`RecordWriter`.

The catalogue opens one writer per write transaction (see
:meth:`kmdesk.catalogue.Catalogue.writing`). Code that changes records tells the writer what it
is about to change (:meth:`RecordWriter.track`), adds (:meth:`~RecordWriter.add`) and deletes
(:meth:`~RecordWriter.delete`) through it, and the writer, when the transaction ends:

* stamps **every** field and list member of a new record with the operation's stamp;
* stamps exactly the fields and members of a changed record whose value differs from what it was
  (diffing the sync form of :mod:`kmdesk.sync.kinds`, so an edit that changes nothing stamps
  nothing, whatever code made it);
* leaves a tombstone for every deletion, and deletes, with a tombstone, the people no product
  names any more;
* refuses to re-create a deleted record under its old id, except for records whose id derives
  from what they are (terms, people, links, attachments), which come back with newer stamps;
* numbers the operation with the next local change sequence number (``seq``) on every row it
  wrote, so "what changed here since" is one indexed query.

Records received from elsewhere are written by :mod:`kmdesk.sync.remote` through the same writer
with the stamps they came with (:meth:`RecordWriter.written_remotely`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import event, func, inspect, select
from sqlalchemy.orm import Session

from kmdesk.changes import Changes
from kmdesk.db.base import Syncable
from kmdesk.db.models import Person, Product, ProductAuthor, Tombstone
from kmdesk.errors import ValidationError
from kmdesk.i18n import _
from kmdesk.sync.clock import Stamp
from kmdesk.sync.kinds import (
    MEMBER_SEPARATOR,
    ListField,
    Snapshot,
    all_field_stamp_keys,
    kind_of,
    member_stamp_key,
    snapshot,
    sync_values,
)

_RowKey = tuple[type[Any], uuid.UUID]
#: Ids per ``IN (...)`` query.
_BATCH = 500


def _row_key(row: Any) -> _RowKey:
    return (type(row), row.id)


class RecordWriter:
    """Stamps, tombstones and numbers the changes of one write transaction."""

    def __init__(self, session: Session, stamp: str, seq: int) -> None:
        self.session = session
        #: The stamp of this operation: the same for everything it changes.
        self.stamp = stamp
        #: The local change sequence number of this operation.
        self.seq = seq
        self.changes = Changes()
        self._before: dict[_RowKey, tuple[Any, Snapshot, str]] = {}
        self._new: dict[_RowKey, Any] = {}
        self._remote: dict[_RowKey, Any] = {}
        self._deleted: set[_RowKey] = set()
        self._touched: dict[_RowKey, Any] = {}
        self._orphan_candidates: dict[uuid.UUID, str] = {}
        self._normalised: set[_RowKey] = set()
        #: Files this operation put into the attachment store (removed again if it fails).
        self.files_added: set[str] = set()
        #: When set (an import), what every record and tombstone was before this operation
        #: touched it: (kind, id) → sync form (``None``: made by it); id → previous tombstone.
        self.keep_before = False
        self.records_before: dict[tuple[str, uuid.UUID], dict[str, Any] | None] = {}
        self.tombstones_before: dict[uuid.UUID, tuple[str, str, str] | None] = {}
        # Rows loaded in bulk by preload(): held here (the session only holds them weakly), and
        # the ids found absent, so that find() asks the database nothing.
        self._preloaded: list[Any] = []
        self._absent: set[tuple[type[Any], uuid.UUID]] = set()
        event.listen(session, "before_flush", self._before_flush)

    # -- what callers tell the writer ------------------------------------------------------------

    def track(self, row: Any, *, stamp: str | None = None) -> Any:
        """Remember ``row`` as it is now, before it changes; returns it.

        ``stamp`` overrides the operation's stamp for this row's changes (a deletion received
        from elsewhere changes other records at the deletion's stamp, as it did where it was
        made).
        """
        key = _row_key(row)
        self.remember(row)
        if key not in self._before and key not in self._new and key not in self._remote:
            self._before[key] = (row, snapshot(row), stamp or self.stamp)
        return row

    def track_all(self, rows: Iterable[Any], *, stamp: str | None = None) -> list[Any]:
        """:meth:`track` several rows."""
        return [self.track(row, stamp=stamp) for row in rows]

    def add(self, row: Any) -> Any:
        """Add a new record; every field of it is stamped when the transaction ends."""
        self.session.add(row)
        if row.id is None:
            row.id = uuid.uuid4()
        self._new[_row_key(row)] = row
        self.remember(row)
        return row

    def delete(
        self,
        row: Any,
        *,
        stamp: str | None = None,
        tombstone: bool = True,
        received: bool = False,
    ) -> None:
        """Delete a record, leaving a tombstone (at ``stamp``, default the operation's).

        ``tombstone=False`` removes a row whose tombstone comes from elsewhere (a dependent of a
        deletion received); ``received``: the people a deleted product named are left alone,
        their fate travels with the deletion.
        """
        when = stamp or self.stamp
        key = _row_key(row)
        self.remember(row)
        self._deleted.add(key)
        self._before.pop(key, None)
        self._remote.pop(key, None)
        with self.session.no_autoflush:
            if isinstance(row, Product) and not received:
                for link in row.authors:
                    self._candidate_orphan(link.person_id, when)
            if tombstone:
                self._tombstone(row, when)
            self.session.delete(row)

    def touch(self, row: Any) -> None:
        """Give ``row`` this operation's sequence number without stamping it.

        For records whose derived data changed (a product whose linked translation was renamed
        must be indexed again) while none of their own fields did.
        """
        self.remember(row)
        self._touched[_row_key(row)] = row

    def written_remotely(self, row: Any) -> None:
        """``row`` gets its values and ``field_stamps`` from elsewhere: keep its stamps as given."""
        key = _row_key(row)
        self.remember(row)
        self._before.pop(key, None)
        self._new.pop(key, None)
        self._remote[key] = row

    def remember(self, row: Any) -> None:
        """Keep what ``row`` is now, before this operation changes it (for undoing an import)."""
        if not self.keep_before or row.id is None:
            return
        key = (kind_of(row).name, row.id)
        if key in self.records_before:
            return
        if not inspect(row).persistent:
            self.records_before[key] = None
            return
        self.records_before[key] = {
            "values": sync_values(row),
            "field_stamps": dict(row.field_stamps or {}),
            "field_bases": dict(row.field_bases or {}),
        }

    def remember_tombstone(self, record_id: uuid.UUID) -> None:
        """Keep the tombstone of ``record_id`` as it is now (or its absence)."""
        if not self.keep_before or record_id in self.tombstones_before:
            return
        existing = self.find(Tombstone, record_id)
        self.tombstones_before[record_id] = (
            None if existing is None else (existing.entity, existing.stamp, str(existing.seq))
        )

    def unchanged_remotely(self, row: Any) -> None:
        """A record from elsewhere changed nothing here after all: it keeps its number."""
        self._remote.pop(_row_key(row), None)

    def normalise_stamps(self, row: Any) -> None:
        """Rename an older catalogue's field stamps to the field names of the sync kinds.

        Every field and present member gets a stamp (the one it had under its field name, else
        the record's last stamp); keys that name no field go. Stamps stay as they were: the
        record did not change, so its sequence number does not either.
        """
        old = dict(row.field_stamps or {})
        kind = kind_of(row)
        fields = set(kind.by_name)
        normalised = {
            key: stamp for key, stamp in old.items() if key.split(MEMBER_SEPARATOR, 1)[0] in fields
        }
        for key in all_field_stamp_keys(row):
            base = key.split(MEMBER_SEPARATOR, 1)[0]
            normalised.setdefault(key, old.get(base) or row.stamp)
        if normalised != old:
            row.field_stamps = normalised
        self._normalised.add(_row_key(row))

    # -- the end of the transaction ----------------------------------------------------------------

    def finish(self) -> None:
        """Stamp what changed, tombstone what went, number it all; then flush."""
        self.session.flush()
        new_rows = [row for key, row in self._new.items() if key not in self._deleted]
        tombstones = self._tombstones_of([row.id for row in new_rows])
        with self.session.no_autoflush:
            for row in new_rows:
                if row.id in tombstones:
                    self._admit_new(row, tombstones[row.id])
                self._set_stamps(row, dict.fromkeys(all_field_stamp_keys(row), self.stamp))
        for row, before, stamp in list(self._before.values()):
            if _row_key(row) in self._deleted:
                continue
            after = snapshot(row)
            changed = _changed_stamp_keys(row, before, after)
            if changed:
                self._set_bases(row, changed, stamp)
                self._set_stamps(row, dict.fromkeys(changed, stamp))
                if isinstance(row, Product):
                    dropped = set(before.get("authors", {})) - set(after.get("authors", {}))
                    for person in dropped:
                        self._candidate_orphan(uuid.UUID(person), stamp)
        for row in self._remote.values():
            row.seq = self.seq
        for key, row in self._touched.items():
            if key not in self._deleted:
                row.seq = self.seq
        self.session.flush()
        self._delete_orphaned_people()
        self.session.flush()

    # -- internals -----------------------------------------------------------------------------

    # -- looking up many rows at once (applying a batch of records) -------------------------------

    def preload(self, model: type[Any], ids: Iterable[uuid.UUID]) -> None:
        """Load the rows of ``model`` with these ids in a few queries, for :meth:`find`."""
        wanted = sorted({i for i in ids if (model, i) not in self._absent})
        for start in range(0, len(wanted), _BATCH):
            chunk = wanted[start : start + _BATCH]
            rows = self.session.scalars(select(model).where(model.id.in_(chunk))).all()
            self._preloaded.extend(rows)
            found = {row.id for row in rows}
            self._absent.update((model, i) for i in chunk if i not in found)

    def find(self, model: type[Any], row_id: uuid.UUID) -> Any:
        """``session.get``, answered without a query for rows :meth:`preload` found absent."""
        if (model, row_id) in self._absent:
            return None
        return self.session.get(model, row_id)

    def _before_flush(self, session: Session, *_args: Any) -> None:
        if self._absent:
            for row in session.new:  # present from now on
                self._absent.discard((type(row), getattr(row, "id", None)))
        for row in list(session.new):
            if isinstance(row, Syncable):
                key = _row_key(row) if row.id is not None else None
                if key is None:
                    row.id = uuid.uuid4()
                    key = _row_key(row)
                if key not in self._remote and key not in self._before:
                    self._new.setdefault(key, row)
                self.remember(row)
                if not row.stamp:
                    row.stamp = self.stamp  # completed in finish()
        for row in list(session.dirty):
            if isinstance(row, Syncable) and session.is_modified(row):
                self._refuse_untracked(row)
        for row in list(session.deleted):
            if isinstance(row, Syncable) and _row_key(row) not in self._deleted:
                # Deleted by a cascade of the ORM (an attachment dropped from its product).
                self._deleted.add(_row_key(row))
                self._tombstone(row, self.stamp)

    def _refuse_untracked(self, row: Any) -> None:
        """A record changed without the writer knowing would go unstamped: that is a bug."""
        key = _row_key(row)
        known = (self._before, self._new, self._remote, self._touched, self._deleted)
        if not any(key in group for group in known) and key not in self._normalised:
            raise RuntimeError(
                f"{type(row).__name__} {row.id} was changed outside the write layer "
                "(call RecordWriter.track before changing a record)"
            )

    def _tombstones_of(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, Tombstone]:
        found: dict[uuid.UUID, Tombstone] = {}
        for start in range(0, len(ids), _BATCH):
            chunk = ids[start : start + _BATCH]
            found.update(
                (t.id, t)
                for t in self.session.scalars(select(Tombstone).where(Tombstone.id.in_(chunk)))
            )
        return found

    def _admit_new(self, row: Any, tombstone: Tombstone) -> None:
        """Refuse a deleted id, or bring back a record whose id derives from what it is."""
        kind = kind_of(row)
        if not kind.derived_ids:
            raise ValidationError(
                "id",
                str(row.id),
                _("belongs to a deleted {kind}; a deleted record cannot be made again").format(
                    kind=kind.name
                ),
            )
        self.session.delete(tombstone)

    @staticmethod
    def _set_bases(row: Any, changed: list[str], stamp: str) -> None:
        """Record, for each one-value field about to be stamped, the stamp its change replaces.

        The base is the last stamp received from *another* installation: several edits here in
        a row all build on what came from elsewhere, so a peer that sent that value sees them
        as later changes, not as conflicts.
        """
        own = Stamp.parse(stamp).installation
        stamps = row.field_stamps or {}
        bases = dict(row.field_bases or {})
        for name in changed:
            if MEMBER_SEPARATOR in name or isinstance(kind_of(row).by_name[name], ListField):
                continue
            previous = stamps.get(name)
            if previous is None:
                bases.pop(name, None)
            elif Stamp.parse(previous).installation != own:
                bases[name] = previous
        row.field_bases = bases

    def _set_stamps(self, row: Any, stamps: dict[str, str]) -> None:
        merged = dict(row.field_stamps or {})
        for key, stamp in stamps.items():
            if stamp > merged.get(key, ""):
                merged[key] = stamp
        row.field_stamps = merged
        row.stamp = max(merged.values()) if merged else self.stamp
        row.seq = self.seq

    def _tombstone(self, row: Any, stamp: str) -> None:
        self.remember_tombstone(row.id)
        existing = self.session.get(Tombstone, row.id)
        if existing is None:
            self.session.add(
                Tombstone(id=row.id, entity=row.__tablename__, stamp=stamp, seq=self.seq)
            )
        elif stamp > existing.stamp:
            existing.stamp, existing.seq = stamp, self.seq

    def _candidate_orphan(self, person: uuid.UUID, stamp: str) -> None:
        if stamp > self._orphan_candidates.get(person, ""):
            self._orphan_candidates[person] = stamp

    def _delete_orphaned_people(self) -> None:
        if not self._orphan_candidates:
            return
        ids = list(self._orphan_candidates)
        used = set(
            self.session.scalars(
                select(ProductAuthor.person_id)
                .where(ProductAuthor.person_id.in_(ids))
                .group_by(ProductAuthor.person_id)
                .having(func.count() > 0)
            )
        )
        for person_id in ids:
            if person_id in used:
                continue
            person = self.session.get(Person, person_id)
            if person is not None:
                self.delete(person, stamp=self._orphan_candidates[person_id])
        self._orphan_candidates.clear()


def _changed_stamp_keys(row: Any, before: Snapshot, after: Snapshot) -> list[str]:
    """The ``field_stamps`` keys whose value differs between two snapshots of ``row``."""
    changed: list[str] = []
    for spec in kind_of(row).fields:
        old, new = before.get(spec.name), after.get(spec.name)
        if old == new:
            continue
        changed.append(spec.name)
        if isinstance(spec, ListField):
            for member in set(old or {}) | set(new or {}):
                if (old or {}).get(member) != (new or {}).get(member):
                    changed.append(member_stamp_key(spec.name, member))
    return changed
