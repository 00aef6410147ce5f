"""Read a catalogue's syncable records in sync form, and print them canonically.

``kmdesk dump`` prints every live record and tombstone as one JSON line each, kinds in the order
of :data:`~kmdesk.sync.kinds.KINDS`, then by id, with sorted keys and no local state (no
installation id, no sequence numbers): two catalogues that hold the same records print the same
bytes. :func:`records_since` is what delta bundles will read: everything written here after a
given local change sequence number, including records received from others with old stamps.

Private records never leave: a private annotation is read by neither (nor by bundles, which
read through them); one made private after it was shared is read as a tombstone stamped when
it was made private (its *withdrawal*, see :attr:`~kmdesk.sync.kinds.Kind.travel`).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kmdesk.db.models import Tombstone
from kmdesk.readers import BATCH, PRODUCT_LOAD_OPTIONS
from kmdesk.sync.kinds import (
    KINDS,
    PRIVATE,
    SHARED,
    Kind,
    kind_of,
    kind_of_table,
    references,
    sync_values,
)
from kmdesk.sync.remote import SyncRecord, SyncTombstone


def _options(kind: Kind) -> tuple[Any, ...]:
    return PRODUCT_LOAD_OPTIONS if kind.name == "product" else ()


def sync_record(row: Any) -> SyncRecord:
    """One row in sync form, with its field stamps."""
    return SyncRecord(
        kind_of(row).name,
        row.id,
        sync_values(row),
        dict(row.field_stamps or {}),
        dict(row.field_bases or {}),
    )


def outgoing(row: Any) -> SyncRecord | SyncTombstone | None:
    """How ``row`` leaves this installation: in sync form, as a withdrawal, or not at all."""
    kind = kind_of(row)
    travel = SHARED if kind.travel is None else kind.travel(row)
    if travel == SHARED:
        return sync_record(row)
    if travel == PRIVATE or kind.withdrawal_stamp is None:
        return None
    return SyncTombstone(kind.name, row.id, kind.withdrawal_stamp(row))


def iter_records(
    session: Session, *, since_seq: int | None = None, kinds: Iterable[str] | None = None
) -> Iterator[SyncRecord | SyncTombstone]:
    """Records and tombstones by kind, then id (only those written after ``since_seq``)."""
    wanted = list(kinds) if kinds is not None else list(KINDS)
    tombstones: dict[str, list[Tombstone]] = {}
    query = select(Tombstone)
    if since_seq is not None:
        query = query.where(Tombstone.seq > since_seq)
    for tombstone in session.scalars(query):
        tombstones.setdefault(kind_of_table(tombstone.entity).name, []).append(tombstone)
    for name in wanted:
        kind = KINDS[name]
        id_query = select(kind.model.id)
        if since_seq is not None:
            id_query = id_query.where(kind.model.seq > since_seq)
        ids = sorted(session.scalars(id_query), key=str)
        items: list[tuple[str, SyncRecord | SyncTombstone]] = []
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            rows = session.scalars(
                select(kind.model).where(kind.model.id.in_(chunk)).options(*_options(kind))
            ).all()
            items.extend((str(row.id), item) for row in rows if (item := outgoing(row)))
        items.extend(
            (str(t.id), SyncTombstone(name, t.id, t.stamp)) for t in tombstones.get(name, [])
        )
        for _key, item in sorted(items, key=lambda pair: pair[0]):
            yield item


def with_references(
    session: Session, items: Iterable[SyncRecord | SyncTombstone]
) -> list[SyncRecord | SyncTombstone]:
    """``items`` and every live record they refer to, directly or not, by kind then id.

    What a bundle carries so that it can be applied on its own: the terms, people and products
    that its records name travel with them.
    """
    chosen: dict[tuple[str, str], SyncRecord | SyncTombstone] = {
        (item.kind, str(item.id)): item for item in items
    }
    pending = [item for item in chosen.values() if isinstance(item, SyncRecord)]
    while pending:
        record = pending.pop()
        for kind, identity in references(record.kind, record.values):
            if (kind, identity) in chosen:
                continue
            row = session.get(KINDS[kind].model, uuid.UUID(identity))
            found = None if row is None else outgoing(row)
            if not isinstance(found, SyncRecord):
                continue
            chosen[(kind, identity)] = found
            pending.append(found)
    order = {name: i for i, name in enumerate(KINDS)}
    return [chosen[key] for key in sorted(chosen, key=lambda k: (order[k[0]], k[1]))]


def dump_line(item: SyncRecord | SyncTombstone, *, stamps: bool = True) -> str:
    """One record or tombstone as a canonical JSON line (no newline)."""
    data: dict[str, Any]
    if isinstance(item, SyncTombstone):
        data = {"kind": item.kind, "id": str(item.id), "deleted": True}
        if stamps:
            data["stamp"] = item.stamp
    else:
        data = {"kind": item.kind, "id": str(item.id), "values": item.values}
        if stamps:
            data["field_stamps"] = item.field_stamps
            data["field_bases"] = item.field_bases
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def read_line(line: str) -> SyncRecord | SyncTombstone:
    """A line written by :func:`dump_line` (with stamps) back as a record or tombstone."""
    data = json.loads(line)
    if data.get("deleted"):
        return SyncTombstone(data["kind"], uuid.UUID(data["id"]), data["stamp"])
    return SyncRecord(
        data["kind"],
        uuid.UUID(data["id"]),
        data["values"],
        data["field_stamps"],
        data.get("field_bases", {}),
    )
