"""Apply records received from another installation, field by field.

The rules (written down in docs/architecture.md):

* **Per field, the greater stamp wins**; stamps order by time, then counter, then installation
  id, so every installation picks the same winner. Each member of a list field (a keyword, a
  theme, an item of a collection) is merged on its own, so additions made on two machines are
  both kept. Equal stamps mean the same change: nothing to do.
* **The losing value of a concurrent change is kept** in the ``sync_conflict`` table. Each
  one-value field carries the stamp its last change replaced (its *base*, the last stamp received
  from another installation): a change made on top of the value it replaces is a later change;
  a change whose base is not the value it overwrites was made without knowing it, and the value
  that loses is kept. Values that are equal, or come from the same installation, never conflict.
* **Edit against delete**: a record is alive when its newest field stamp is greater than its
  tombstone's stamp. A deletion therefore beats every edit made before it, wherever it was made;
  an edit stamped after the deletion (made by someone who had not seen it yet) brings the record
  back, whole, as it was sent. Terms and people still used here are kept.
* Every incoming stamp is read strictly, may not lie more than a day ahead of this computer's
  clock (:class:`~kmdesk.sync.clock.ClockDriftError`, unless the import accepts it once), must
  not be one this installation never issued under its own id (:class:`ClonedCatalogueError`), and
  is observed by the local clock, so later local edits are stamped after it.
* Values are validated as a curator's input is, and must already be in the form kmdesk stores.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from kmdesk import validation as check
from kmdesk.annotations.checks import (
    clean_installation,
    clean_page,
    clean_position,
    clean_quote,
    clean_rating,
)
from kmdesk.annotations.tags import clean_tag
from kmdesk.db.models import Conflict, Product, Tombstone
from kmdesk.errors import KmdeskError, ValidationError
from kmdesk.i18n import _
from kmdesk.sync.clock import HybridLogicalClock, Stamp
from kmdesk.sync.deletion import delete_record, usage_count
from kmdesk.sync.kinds import (
    MEMBER_SEPARATOR,
    Kind,
    ListField,
    Member,
    kind_named,
    member_stamp_key,
    members_from_sync,
    ordered,
    write_values,
)
from kmdesk.sync.writer import RecordWriter
from kmdesk.vocabulary import (
    LINK_TYPES,
    NEED_PRIORITIES,
    NEED_STATUSES,
    ORGANISATION_ROLES,
    PRODUCT_STATUSES,
    SORT_ORDERS,
    VISIBILITIES,
)


@dataclass(frozen=True, slots=True)
class SyncRecord:
    """A record as it travels: kind, id, values in sync form and the stamp of every field."""

    kind: str
    id: uuid.UUID
    values: dict[str, Any]
    field_stamps: dict[str, str]
    #: For one-value fields, the stamp their last change replaced (see :func:`_keep_loser`).
    field_bases: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SyncTombstone:
    """A deletion as it travels."""

    kind: str
    id: uuid.UUID
    stamp: str


@dataclass(slots=True)
class ApplyReport:
    """What applying records did, by outcome."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    kept: int = 0
    conflicts: int = 0
    outcomes: list[tuple[str, uuid.UUID, str]] = field(default_factory=list)

    def note(self, kind: str, record_id: uuid.UUID, outcome: str) -> None:
        """Count one record's outcome."""
        setattr(self, outcome, getattr(self, outcome) + 1)
        self.outcomes.append((kind, record_id, outcome))


class ClonedCatalogueError(KmdeskError):
    """A record carries this installation's id with a stamp it never issued: a cloned folder."""

    def __init__(self, installation: str) -> None:
        self.installation = installation
        super().__init__(
            _(
                "a record is stamped by this installation ({installation}) at a time it never "
                "wrote: this catalogue was cloned (its folder copied); run 'kmdesk identity "
                "--new' on one copy. Nothing was changed."
            ).format(installation=installation)
        )


class StampChecker:
    """Reads incoming stamps strictly and applies the drift and clone rules."""

    def __init__(self, clock: HybridLogicalClock, *, accept_drift: bool = False) -> None:
        self._clock = clock
        self._issued = clock.last  # before anything is observed
        self._accept_drift = accept_drift

    def read(self, where: str, text: Any) -> Stamp:
        """One stamp, checked and observed."""
        try:
            stamp = Stamp.parse(text)
        except ValueError:
            raise ValidationError(where, text, _("is not a change stamp")) from None
        if not self._accept_drift:
            self._clock.check_drift(stamp)
        if stamp.installation == self._clock.installation and stamp > self._issued:
            raise ClonedCatalogueError(stamp.installation)
        self._clock.observe(stamp)
        return stamp


def apply_record(
    writer: RecordWriter, stamps: StampChecker, record: SyncRecord, report: ApplyReport
) -> None:
    """Merge one record from elsewhere into the catalogue (see the module's rules)."""
    kind = kind_named(record.kind)
    incoming = _read_stamps(kind, record, stamps)
    _check_values(kind, record.values)
    newest = max(incoming.values())
    session = writer.session
    row = writer.find(kind.model, record.id)
    if row is None:
        tombstone = writer.find(Tombstone, record.id)
        if tombstone is not None and newest <= tombstone.stamp:
            report.note(kind.name, record.id, "unchanged")
            return
        if _owner_deleted_here(writer, kind, record):
            # Its product is deleted here, and took it along wherever that deletion was made:
            # the deletion brings its own tombstone for this record.
            report.note(kind.name, record.id, "unchanged")
            return
        if tombstone is not None:
            writer.remember_tombstone(record.id)
            session.delete(tombstone)  # an edit newer than the deletion: the record comes back
        _check_identity(writer, kind, record)
        row = kind.model(id=record.id)
        writer.written_remotely(row)
        write_values(session, row, record.values)
        session.add(row)
        row.field_stamps = dict(incoming)
        row.field_bases = _read_bases(kind, record, stamps)
        row.stamp = newest
        announce(writer, kind.name, row)
        report.note(kind.name, record.id, "added")
        return
    writer.written_remotely(row)
    changed = _merge_into(writer, kind, row, record, incoming, report)
    if changed:
        announce(writer, kind.name, row)
    else:
        writer.unchanged_remotely(row)
    report.note(kind.name, record.id, "updated" if changed else "unchanged")


def apply_tombstone(
    writer: RecordWriter, stamps: StampChecker, tombstone: SyncTombstone, report: ApplyReport
) -> None:
    """Apply a deletion from elsewhere: it wins over every field stamped before it."""
    kind = kind_named(tombstone.kind)
    stamp = str(stamps.read("tombstone", tombstone.stamp))
    session = writer.session
    row = session.get(kind.model, tombstone.id)
    if row is None:
        writer.remember_tombstone(tombstone.id)
        existing = session.get(Tombstone, tombstone.id)
        if existing is None:
            session.add(Tombstone(id=tombstone.id, entity=kind.table, stamp=stamp, seq=writer.seq))
            report.note(kind.name, tombstone.id, "deleted")
        elif stamp > existing.stamp:
            existing.stamp, existing.seq = stamp, writer.seq
            report.note(kind.name, tombstone.id, "deleted")
        else:
            report.note(kind.name, tombstone.id, "unchanged")
        return
    newest = max((row.field_stamps or {}).values(), default=row.stamp)
    if stamp <= newest or usage_count(writer, row):
        report.note(kind.name, tombstone.id, "kept")
        return
    announce(writer, kind.name, row)
    delete_record(writer, row, stamp=stamp, received=True)
    report.note(kind.name, tombstone.id, "deleted")


# -- merging -------------------------------------------------------------------------------------


def _merge_into(
    writer: RecordWriter,
    kind: Kind,
    row: Any,
    record: SyncRecord,
    incoming: dict[str, str],
    report: ApplyReport,
) -> bool:
    """Write the fields and members whose incoming stamp wins; True when anything changed."""
    local = dict(row.field_stamps or {})
    merged = dict(local)
    local_bases = dict(row.field_bases or {})
    bases = dict(local_bases)
    incoming_bases = _read_bases(kind, record, None)
    changed = False
    session = writer.session
    for spec in kind.fields:
        value = record.values[spec.name]
        if isinstance(spec, ListField):
            changed |= _merge_list(writer, kind, row, spec, value, incoming, merged)
            continue
        theirs, ours = incoming[spec.name], local.get(spec.name, "")
        current = spec.read(row)
        if theirs > ours:
            merged[spec.name] = theirs
            if spec.name in incoming_bases:
                bases[spec.name] = incoming_bases[spec.name]
            else:
                bases.pop(spec.name, None)
            if current != value:
                if concurrent(ours, theirs, incoming_bases.get(spec.name)):
                    _keep_loser(writer, kind, row.id, spec.name, current, ours, theirs, report)
                with session.no_autoflush:
                    spec.write(session, row, value)
            changed = True
        elif (
            theirs < ours
            and current != value
            and concurrent(theirs, ours, local_bases.get(spec.name))
        ):
            _keep_loser(writer, kind, row.id, spec.name, value, theirs, ours, report)
    if changed:
        row.field_stamps = merged
        row.field_bases = bases
        row.stamp = max(merged.values())
    return changed


def _merge_list(
    writer: RecordWriter,
    kind: Kind,
    row: Any,
    spec: ListField,
    value: Any,
    incoming: dict[str, str],
    merged: dict[str, str],
) -> bool:
    prefix = spec.name + MEMBER_SEPARATOR
    ours_members = {m.key: m for m in spec.read(row)}
    theirs_members = {m.key: m for m in members_from_sync(spec, value)}
    keys = {k[len(prefix) :] for k in (*merged, *incoming) if k.startswith(prefix)}
    result = dict(ours_members)
    changed = False
    for key in keys:
        stamp_key = member_stamp_key(spec.name, key)
        theirs, ours = incoming.get(stamp_key, ""), merged.get(stamp_key, "")
        if theirs <= ours:
            continue
        merged[stamp_key] = theirs
        changed = True
        if key in theirs_members:
            result[key] = theirs_members[key]
        else:
            result.pop(key, None)
    if incoming[spec.name] > merged.get(spec.name, ""):
        merged[spec.name] = incoming[spec.name]
        changed = True
    if result != ours_members:
        # People dropped from the authors stay: if no product names them where the change was
        # made, their tombstone travels with it.
        with writer.session.no_autoflush:
            spec.write(writer.session, row, ordered(result.values()))
    return changed


def concurrent(loser: str, winner: str, winner_base: str | None) -> bool:
    """Whether the winning change of a field was made without knowing the value it beats.

    It was not when it was made on top of that value (its base is the loser's stamp), or by the
    same installation (which changed its mind). Different values are for the caller to check.
    """
    if not loser or winner_base == loser:
        return False
    return Stamp.parse(loser).installation != Stamp.parse(winner).installation


def _keep_loser(
    writer: RecordWriter,
    kind: Kind,
    record_id: uuid.UUID,
    field_name: str,
    value: Any,
    stamp: str,
    winning: str,
    report: ApplyReport,
) -> None:
    """Keep a value that lost to a concurrent change by another installation (once: a stale
    bundle carrying a value that already lost here does not add it again)."""
    session = writer.session
    pending = (
        row
        for row in session.new
        if isinstance(row, Conflict)
        and (row.record_id, row.field, row.stamp) == (record_id, field_name, stamp)
    )
    if next(pending, None) is not None or session.scalar(
        select(Conflict.id).where(
            Conflict.record_id == record_id, Conflict.field == field_name, Conflict.stamp == stamp
        )
    ):
        return
    session.add(
        Conflict(
            kind=kind.name,
            record_id=record_id,
            field=field_name,
            value=value,
            stamp=stamp,
            winning_stamp=winning,
            seq=writer.seq,
        )
    )
    report.conflicts += 1


def announce(writer: RecordWriter, kind_name: str, row: Any) -> None:
    """Tell the catalogue's listeners (and the index) what a changed record affects."""
    changes = writer.changes
    if kind_name == "product":
        changes.products.add(row.id)
    elif kind_name == "attachment":
        changes.products.add(row.product_id)
    elif kind_name == "link":
        changes.products.update({row.source_id, row.target_id})
    elif kind_name == "need":
        changes.needs = True
    elif kind_name == "collection":
        changes.collections = True
    elif kind_name == "saved-search":
        changes.saved_searches = True
    elif kind_name == "annotation":
        changes.annotations.add(row.product_id)
    else:
        changes.vocabulary = True


# -- checking what arrives -------------------------------------------------------------------------


def _read_stamps(kind: Kind, record: SyncRecord, stamps: StampChecker) -> dict[str, str]:
    """Every field must be there with a strict stamp; member stamps must name list fields."""
    if not isinstance(record.values, Mapping) or not isinstance(record.field_stamps, Mapping):
        raise ValidationError(kind.name, str(record.id), _("must have values and field stamps"))
    unknown = sorted(set(record.values) - set(kind.by_name))
    if unknown:
        raise ValidationError(
            unknown[0], None, _("is not a field of a {kind}").format(kind=kind.name)
        )
    result: dict[str, str] = {}
    for name in kind.by_name:
        if name not in record.values:
            raise ValidationError(name, None, _("is missing from the record"))
        if name not in record.field_stamps:
            raise ValidationError(name, None, _("has no stamp"))
    for key, text in record.field_stamps.items():
        base = key.split(MEMBER_SEPARATOR, 1)[0]
        spec = kind.by_name.get(base)
        if spec is None or (key != base and not isinstance(spec, ListField)):
            raise ValidationError(key, None, _("is not a field of a {kind}").format(kind=kind.name))
        result[key] = str(stamps.read(key, text))
    for spec in kind.fields:
        if isinstance(spec, ListField):
            for member in members_from_sync(spec, record.values[spec.name]):
                if member_stamp_key(spec.name, member.key) not in result:
                    raise ValidationError(spec.name, member.value, _("has no stamp"))
    return result


def preload(writer: RecordWriter, records: list[SyncRecord]) -> None:
    """Look up, in a few queries, the rows that applying ``records`` (of one kind) will need:
    the records themselves, their tombstones, and the products of attachments and links."""
    if not records:
        return
    kind = kind_named(records[0].kind)
    ids = [r.id for r in records]
    owners: list[uuid.UUID] = []
    for name in _OWNERS.get(kind.name, ()):
        for record in records:
            with contextlib.suppress(ValueError, KeyError):
                owners.append(uuid.UUID(str(record.values[name])))
    writer.preload(kind.model, ids)
    writer.preload(Tombstone, [*ids, *owners])
    if owners:
        writer.preload(Product, owners)


#: The fields naming the product an attachment, a link or an annotation belongs to.
_OWNERS = {"attachment": ("product",), "link": ("source", "target"), "annotation": ("product",)}


def _owner_deleted_here(writer: RecordWriter, kind: Kind, record: SyncRecord) -> bool:
    """Whether an attachment's, a link's or an annotation's product is deleted here."""
    for name in _OWNERS.get(kind.name, ()):
        try:
            owner = uuid.UUID(str(record.values[name]))
        except ValueError:
            continue  # reported by the field's own check
        gone = writer.find(Tombstone, owner) is not None
        if gone and writer.find(Product, owner) is None:
            return True
    return False


def _read_bases(kind: Kind, record: SyncRecord, stamps: StampChecker | None) -> dict[str, str]:
    """The bases of one-value fields, read strictly (they are older stamps: no drift check)."""
    bases = record.field_bases or {}
    if not isinstance(bases, Mapping):
        raise ValidationError("field_bases", None, _("must be a mapping"))
    result: dict[str, str] = {}
    for name, text in bases.items():
        spec = kind.by_name.get(name)
        if spec is None or isinstance(spec, ListField):
            raise ValidationError(
                name, None, _("is not a one-value field of a {kind}").format(kind=kind.name)
            )
        try:
            result[name] = str(Stamp.parse(text))
        except ValueError:
            raise ValidationError(name, text, _("is not a change stamp")) from None
    return result


def _check_identity(writer: RecordWriter, kind: Kind, record: SyncRecord) -> None:
    """A term arriving under another id than the local term with its key is refused."""
    if "key" not in kind.by_name:
        return

    model = kind.model
    other = writer.session.scalar(select(model).where(model.key == record.values["key"]))
    if other is not None and other.id != record.id:
        raise ValidationError(
            "key",
            record.values["key"],
            _("is a {kind} here under another id ({id})").format(kind=kind.name, id=other.id),
        )


def _same(name: str, value: Any, clean: Callable[[str, Any], Any]) -> None:
    if clean(name, value) != value:
        raise ValidationError(name, value, _("is not in the form kmdesk stores"))


def _text(limit: int, *, required: bool = False) -> Callable[[str, Any], Any]:
    return lambda name, value: check.text(name, value, required=required, max_length=limit)


def _choice(options: tuple[str, ...]) -> Callable[[str, Any], Any]:
    return lambda name, value: check.choice(name, value, options)


def _optional_choice(options: tuple[str, ...]) -> Callable[[str, Any], Any]:
    return lambda name, value: None if value is None else check.choice(name, value, options)


def _one(function: Callable[[str, list[Any]], list[Any]]) -> Callable[[str, Any], Any]:
    return lambda name, value: function(name, [value])[0]


def _integer(minimum: int) -> Callable[[str, Any], Any]:
    def clean(name: str, value: Any) -> Any:
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            raise ValidationError(name, value, _("must be a whole number"))
        return value

    return clean


def _sha256(name: str, value: Any) -> Any:
    if not isinstance(value, str) or len(value) != 64 or set(value) - set("0123456789abcdef"):
        raise ValidationError(name, value, _("is not a SHA-256 hex digest"))
    return value


def _role(name: str, value: Any) -> Any:
    _org, _sep, role = str(value).partition(":")
    check.choice(name, role, ORGANISATION_ROLES)
    return value


def _label(name: str, value: Any) -> Any:
    if not isinstance(value, list) or len(value) != 2:
        raise ValidationError(name, value, _("must be a [language, text] pair"))
    (tag,) = check.languages(name, [value[0]])
    return [tag, check.text(name, value[1], required=True, max_length=2000)]


def _mapping(name: str, value: Any) -> Any:
    if not isinstance(value, dict):
        raise ValidationError(name, value, _("must be a mapping"))
    return value


def _date_text(name: str, value: Any) -> Any:
    date = check.date(name, value)
    return None if date is None else date.isoformat()


#: How each field's value (each member's, for lists) is checked: kind → field → cleaner.
_CHECKS: dict[str, dict[str, Callable[[str, Any], Any]]] = {
    "product": {
        "title": _text(500, required=True),
        "subtitle": _text(500),
        "summary": check.long_text,
        "year": check.year,
        "date": _date_text,
        "licence": _text(100),
        "url": check.url,
        "doi": check.doi,
        "status": _choice(PRODUCT_STATUSES),
        "countries": _one(check.countries),
        "regions": _one(check.regions),
        "languages": _one(check.languages),
        "keywords": _text(100, required=True),
        "authors": _text(200, required=True),
        "organisations": _role,
    },
    "attachment": {
        "file_name": _text(255, required=True),
        "media_type": _text(100, required=True),
        "size": _integer(0),
        "sha256": _sha256,
        "position": _integer(0),
    },
    "link": {"link_type": _choice(LINK_TYPES)},
    "need": {
        "title": _text(500, required=True),
        "description": check.long_text,
        "priority": _choice(NEED_PRIORITIES),
        "status": _choice(NEED_STATUSES),
    },
    "collection": {"name": _text(200, required=True), "description": check.long_text},
    "saved-search": {
        "name": _text(200, required=True),
        "query": check.long_text,
        "filters": _mapping,
        "sort": _choice(SORT_ORDERS),
    },
    "person": {"name": _text(200, required=True)},
    "theme": {"key": check.key, "labels": _label, "descriptions": _label},
    "partnership": {
        "key": check.key,
        "labels": _label,
        "acronym": _text(40),
        "description": _text(2000),
        "start_year": check.year,
    },
    "organisation": {
        "key": check.key,
        "labels": _label,
        "acronym": _text(40),
        "country": lambda name, v: None if v is None else check.countries(name, [v])[0],
        "kind": _text(2000),
    },
    "product-type": {"key": check.key, "labels": _label},
    "annotation": {
        "attachment": lambda name, v: None if v is None else _sha256(name, v),
        "page": clean_page,
        "quote": clean_quote,
        "quote_before": clean_quote,
        "quote_after": clean_quote,
        "position": clean_position,
        "body": check.long_text,
        "tags": clean_tag,
        "rating": clean_rating,
        "author": lambda name, v: check.text(name, v, max_length=200) or "",
        "organisation": lambda name, v: check.text(name, v, max_length=200) or "",
        "installation": clean_installation,
        "visibility": _choice(VISIBILITIES),
    },
}


def _check_values(kind: Kind, values: Mapping[str, Any]) -> None:
    checks = _CHECKS.get(kind.name, {})
    for spec in kind.fields:
        clean = checks.get(spec.name)
        value = values[spec.name]
        if isinstance(spec, ListField):
            members: list[Member] = members_from_sync(spec, value)
            if clean is not None:
                for member in members:
                    _same(spec.name, member.value, clean)
        elif clean is not None:
            _same(spec.name, value, clean)
    if kind.name == "link" and values["source"] == values["target"]:
        raise ValidationError("link", values["source"], _("cannot link a product to itself"))
