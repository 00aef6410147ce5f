"""``catalogue.sync``: the catalogue's records in sync form, for bundles and comparisons.

It reads any record with its field stamps (what an exporter sends), lists what changed here
since a local change sequence number (what a delta bundle sends), applies records and deletions
received from elsewhere (:mod:`kmdesk.sync.remote`), keeps the losing values of concurrent
changes for review, and prints the canonical dump that ``kmdesk dump`` shows.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from kmdesk.db.base import Syncable
from kmdesk.db.models import Conflict, ImportedBundle, ImportUndo, Meta, Tombstone
from kmdesk.errors import KmdeskError, NotFoundError
from kmdesk.i18n import _
from kmdesk.progress import CancelToken, Progress, ProgressUpdate, no_progress
from kmdesk.sync.dump import dump_line, iter_records, sync_record, with_references
from kmdesk.sync.kinds import KINDS, kind_named, write_values
from kmdesk.sync.remote import (
    ApplyReport,
    StampChecker,
    SyncRecord,
    SyncTombstone,
    announce,
    apply_record,
    apply_tombstone,
    preload,
)
from kmdesk.sync.writer import RecordWriter

if TYPE_CHECKING:
    from kmdesk.catalogue.facade import Catalogue

#: Version of the field-stamp naming scheme; older catalogues are brought to it on open.
STAMPS_VERSION = "1"
_META_STAMPS_VERSION = "stamps_version"
_META_SEQUENCE = "sequence"
_META_PEER = "peer:"


@dataclass(frozen=True, slots=True)
class ConflictRecord:
    """A value that lost to a concurrent change from another installation."""

    id: int
    kind: str
    record_id: uuid.UUID
    field: str
    value: Any
    stamp: str
    winning_stamp: str


@dataclass(slots=True)
class UndoReport:
    """What undoing an import did, and the records later edits kept."""

    bundle_id: str
    removed: int = 0
    restored: int = 0
    kept: list[tuple[str, uuid.UUID]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def _keep_undo(w: RecordWriter, bundle_id: str) -> None:
    """Store what the import's records and tombstones were before it."""
    for (kind, record_id), state in w.records_before.items():
        text = None if state is None else json.dumps(state, sort_keys=True)
        w.session.add(ImportUndo(bundle_id=bundle_id, kind=kind, record_id=record_id, state=text))
    for record_id, previous in w.tombstones_before.items():
        text = None if previous is None else json.dumps(previous)
        w.session.add(
            ImportUndo(
                bundle_id=bundle_id,
                kind="tombstone",
                record_id=record_id,
                tombstone=True,
                state=text,
            )
        )


def _later_edit(row: Any, import_seq: int) -> bool:
    return row is not None and row.seq > import_seq


def _undo_creation(w: RecordWriter, undo: ImportUndo, import_seq: int, report: UndoReport) -> None:
    row = w.session.get(KINDS[undo.kind].model, undo.record_id)
    if row is None:
        return
    if _later_edit(row, import_seq):
        report.kept.append((undo.kind, undo.record_id))
        return
    if undo.kind == "attachment":
        report.files.append(row.sha256)
    w.delete(row, tombstone=False, received=True)
    report.removed += 1


def _undo_change(w: RecordWriter, undo: ImportUndo, import_seq: int, report: UndoReport) -> None:
    kind = KINDS[undo.kind]
    row = w.session.get(kind.model, undo.record_id)
    if _later_edit(row, import_seq):
        report.kept.append((undo.kind, undo.record_id))
        return
    state = json.loads(undo.state or "{}")
    if row is None:
        row = kind.model(id=undo.record_id)
        w.written_remotely(row)
        w.session.add(row)
    else:
        w.written_remotely(row)
    write_values(w.session, row, state["values"])
    row.field_stamps = state["field_stamps"]
    row.field_bases = state["field_bases"]
    row.stamp = max(row.field_stamps.values())
    announce(w, undo.kind, row)
    report.restored += 1


def _undo_tombstone(session: Any, undo: ImportUndo) -> None:
    current = session.get(Tombstone, undo.record_id)
    if undo.state is None:
        if current is not None:
            session.delete(current)
        return
    entity, stamp, seq = json.loads(undo.state)
    if current is None:
        session.add(Tombstone(id=undo.record_id, entity=entity, stamp=stamp, seq=int(seq)))
    else:
        current.stamp, current.seq = stamp, int(seq)


class SyncPart:
    """Records with their stamps: read, list changes, apply from elsewhere, dump."""

    def __init__(self, catalogue: Catalogue) -> None:
        self._catalogue = catalogue

    @property
    def installation_id(self) -> str:
        """This installation's id (stamps carry it)."""
        return self._catalogue.installation_id

    def record(self, kind: str, record_id: uuid.UUID) -> SyncRecord:
        """One record in sync form with its field stamps."""
        model = kind_named(kind).model
        with self._catalogue.reading() as session:
            row = session.get(model, record_id)
            if row is None:
                raise NotFoundError(kind, str(record_id))
            return sync_record(row)

    def records(
        self,
        *,
        since_seq: int | None = None,
        kinds: Iterable[str] | None = None,
        referenced: bool = False,
    ) -> list[SyncRecord | SyncTombstone]:
        """Every record and tombstone (written here after ``since_seq``), by kind then id.

        ``referenced`` adds the records they refer to (terms, people, products), so that the
        list can be applied elsewhere on its own, as a bundle is.
        """
        with self._catalogue.reading() as session:
            items = list(iter_records(session, since_seq=since_seq, kinds=kinds))
            return with_references(session, items) if referenced else items

    def dump(self, *, stamps: bool = True) -> Iterator[str]:
        """The canonical JSON lines of ``kmdesk dump``."""
        with self._catalogue.reading() as session:
            for item in iter_records(session):
                yield dump_line(item, stamps=stamps)

    def current_seq(self) -> int:
        """The local change sequence number of the latest write here (0 before any)."""
        with self._catalogue.reading() as session:
            row = session.get(Meta, _META_SEQUENCE)
            return int(row.value) if row else 0

    def apply(
        self,
        items: Iterable[SyncRecord | SyncTombstone],
        *,
        accept_drift: bool = False,
        cancel: CancelToken | None = None,
        imported: Mapping[str, str] | None = None,
        also: Callable[[RecordWriter], None] | None = None,
        progress: Progress = no_progress,
    ) -> ApplyReport:
        """Merge records and deletions from elsewhere, all in one transaction.

        Records are applied kinds first that others refer to (terms before products before
        collections), deletions last, dependents first. Any invalid record rolls back all.
        ``cancel`` stops it with nothing changed. ``imported`` (id, creator, kind, created,
        imported) records the bundle these records came from, in the same transaction, so that
        importing it again is refused.
        """
        order = {name: i for i, name in enumerate(KINDS)}
        batch = list(items)
        records = sorted(
            (i for i in batch if isinstance(i, SyncRecord)), key=lambda r: order.get(r.kind, -1)
        )
        tombstones = sorted(
            (i for i in batch if isinstance(i, SyncTombstone)),
            key=lambda t: -order.get(t.kind, -1),
        )
        by_kind: dict[str, list[SyncRecord]] = {}
        for record in records:
            by_kind.setdefault(record.kind, []).append(record)
        report = ApplyReport()
        with self._catalogue.writing() as w:
            stamps = StampChecker(self._catalogue.installation_clock, accept_drift=accept_drift)
            # One flush per kind, not per record: records of one kind do not refer to each
            # other, and the next kind finds the rows it refers to.
            pending: set[tuple[str, uuid.UUID]] = set()
            current_kind = None
            if imported is not None:
                if w.session.get(ImportedBundle, imported["id"]) is not None:
                    raise KmdeskError(
                        _("this bundle ({id}) was already imported; nothing was changed").format(
                            id=imported["id"]
                        )
                    )
                w.session.add(ImportedBundle(**imported, seq=w.seq, records=len(batch)))
                w.keep_before = True
            with w.session.no_autoflush:
                for done, record in enumerate(records, start=1):
                    if cancel is not None:
                        cancel.raise_if_cancelled()
                    progress(ProgressUpdate(done, len(batch), _("Applying records")))
                    key = (record.kind, record.id)
                    if record.kind != current_kind or key in pending:
                        w.session.flush()
                        pending.clear()
                    if record.kind != current_kind:
                        current_kind = record.kind
                        preload(w, by_kind[current_kind])
                    pending.add(key)
                    apply_record(w, stamps, record, report)
                w.session.flush()
                for tombstone in tombstones:
                    apply_tombstone(w, stamps, tombstone, report)
                    w.session.flush()
            if imported is not None:
                _keep_undo(w, imported["id"])
            if also is not None:  # more of the same all-or-nothing change (contributions)
                also(w)
        return report

    def undo_last_import(self) -> UndoReport:
        """Put back every record the last import changed, except those edited here since.

        Records the import made go (with nothing left behind), records it changed or deleted
        get back their values and stamps, tombstones it wrote go; a record edited here after
        the import keeps that edit and is named in the report. The bundle may then be imported
        again.
        """
        with self._catalogue.writing() as w:
            session = w.session
            last = session.scalar(
                select(ImportedBundle).order_by(ImportedBundle.seq.desc()).limit(1)
            )
            if last is None:
                raise KmdeskError(_("no import to undo"))
            rows = session.scalars(
                select(ImportUndo).where(ImportUndo.bundle_id == last.id).order_by(ImportUndo.id)
            ).all()
            report = UndoReport(bundle_id=last.id)
            order = {name: i for i, name in enumerate(KINDS)}
            records = [r for r in rows if not r.tombstone]
            with session.no_autoflush:
                # Records the import made: dependents first.
                for row in sorted(records, key=lambda r: -order[r.kind]):
                    if row.state is None:
                        _undo_creation(w, row, last.seq, report)
                        session.flush()  # one by one: a product goes before its authors
                # Records it changed or deleted: what they refer to first.
                for row in sorted(records, key=lambda r: order[r.kind]):
                    if row.state is not None:
                        _undo_change(w, row, last.seq, report)
                        session.flush()
                for row in rows:
                    if row.tombstone:
                        _undo_tombstone(session, row)
            session.flush()
            for row in rows:
                session.delete(row)
            session.delete(last)
        self._catalogue.products.forget_unused_files(set(report.files))
        return report

    def apply_remote(
        self,
        kind: str,
        record_id: uuid.UUID,
        values: dict[str, Any],
        field_stamps: dict[str, str],
        *,
        accept_drift: bool = False,
    ) -> ApplyReport:
        """Merge one record from elsewhere (see :meth:`apply`)."""
        return self.apply(
            [SyncRecord(kind, record_id, values, field_stamps)], accept_drift=accept_drift
        )

    def peer_state(self, peer: str | None) -> dict[str, Any]:
        """What was last sent to ``peer`` (``last_seq``, ``last_bundle``), or ``{}``."""
        if not peer:
            return {}
        with self._catalogue.reading() as session:
            row = session.get(Meta, _META_PEER + peer)
            return dict(json.loads(row.value)) if row else {}

    def set_peer_state(self, peer: str, state: dict[str, Any]) -> None:
        """Record what was sent to ``peer`` (a delta to it starts after ``last_seq``)."""
        self._catalogue.write_meta({_META_PEER + peer: json.dumps(state, sort_keys=True)})

    def conflicts(self) -> list[ConflictRecord]:
        """Values that lost to concurrent changes, oldest first, for a person to review."""
        with self._catalogue.reading() as session:
            rows = session.scalars(select(Conflict).order_by(Conflict.id)).all()
            return [
                ConflictRecord(
                    r.id, r.kind, r.record_id, r.field, r.value, r.stamp, r.winning_stamp
                )
                for r in rows
            ]

    def restore_conflict(self, conflict_id: int) -> ConflictRecord:
        """Make a losing value current again, as a new local edit (it travels as the latest)."""
        with self._catalogue.writing() as w:
            row = w.session.get(Conflict, conflict_id)
            if row is None:
                raise NotFoundError(_("conflict"), str(conflict_id))
            kind = kind_named(row.kind)
            record = w.session.get(kind.model, row.record_id)
            if record is None:
                raise KmdeskError(
                    _("the {kind} {id} was deleted since; its old value cannot be restored").format(
                        kind=row.kind, id=row.record_id
                    )
                )
            spec = kind.by_name[row.field]
            w.track(record)
            with w.session.no_autoflush:
                spec.write(w.session, record, row.value)
            restored = ConflictRecord(
                row.id, row.kind, row.record_id, row.field, row.value, row.stamp, row.winning_stamp
            )
            w.session.delete(row)
            announce(w, row.kind, record)
        return restored

    def dismiss_conflict(self, conflict_id: int) -> None:
        """Forget a losing value (the current one stays)."""
        with self._catalogue.meta_transaction() as session:
            row = session.get(Conflict, conflict_id)
            if row is None:
                raise NotFoundError(_("conflict"), str(conflict_id))
            session.delete(row)

    def normalise_stamps(self) -> None:
        """Bring field stamps written by older versions to the current naming scheme (once)."""
        with self._catalogue.reading() as session:
            row = session.get(Meta, _META_STAMPS_VERSION)
            if row is not None and row.value == STAMPS_VERSION:
                return
        with self._catalogue.writing() as w:
            for kind in KINDS.values():
                rows: list[Syncable] = list(w.session.scalars(select(kind.model)))
                for record in rows:
                    w.normalise_stamps(record)
            w.session.merge(Meta(key=_META_STAMPS_VERSION, value=STAMPS_VERSION))
