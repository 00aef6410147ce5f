"""Contributions: what partners send back in return bundles, held for a curator's review.

A return bundle carries the products and knowledge needs a partner made (with their attachments
and links, and the terms and people they use) and the partner's shared annotations. Importing it
applies the terms, people and annotations on known products at once but holds the partner's own
products and needs (and their attachments, links and annotations) in the
``contribution`` table, their files in ``contributions/`` of the catalogue folder, until a
curator accepts them (they join the catalogue with their stamps, so they keep naming the
installation that made them) or rejects them.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from kmdesk.db.models import Contribution
from kmdesk.errors import NotFoundError
from kmdesk.i18n import _
from kmdesk.sync.dump import dump_line, read_line
from kmdesk.sync.kinds import KINDS
from kmdesk.sync.remote import SyncRecord
from kmdesk.sync.writer import RecordWriter

if TYPE_CHECKING:
    from kmdesk.bundles.manifest import Manifest
    from kmdesk.catalogue.facade import Catalogue

CONTRIBUTIONS_DIR = "contributions"
#: The kinds a return bundle contributes (the rest is applied at once).
CONTRIBUTED_KINDS = ("product", "need", "attachment", "link", "annotation")


@dataclass(frozen=True, slots=True)
class ContributionRecord:
    """One contributed product or need, as a curator reviews it."""

    id: int
    kind: str
    record_id: uuid.UUID
    title: str
    contributor: str
    installation: str
    received: str
    status: str
    #: The values proposed, field by field, in stored form (vocabulary keys, codes).
    values: dict[str, Any] = field(default_factory=dict)


def held_records(
    catalogue: Catalogue, records: list[SyncRecord]
) -> tuple[list[SyncRecord], list[SyncRecord]]:
    """Split a return bundle's records into (held for review, applied at once).

    Products and needs this catalogue does not have are held, with the attachments, links and
    annotations of held products; everything else is applied.
    """
    with catalogue.reading() as session:
        new_ids = {
            r.id
            for r in records
            if r.kind in ("product", "need") and session.get(KINDS[r.kind].model, r.id) is None
        }
    held: list[SyncRecord] = []
    applied: list[SyncRecord] = []
    for record in records:
        owner = {
            "product": record.id,
            "need": record.id,
            "attachment": _uuid(record.values.get("product")),
            "annotation": _uuid(record.values.get("product")),
            "link": _uuid(record.values.get("source")),
        }.get(record.kind)
        (held if owner is not None and owner in new_ids else applied).append(record)
    return held, applied


def _uuid(value: object) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def hold(manifest: Manifest, held: list[SyncRecord]) -> Callable[[RecordWriter], None]:
    """What the import adds in its transaction: one ``contribution`` row per held record."""
    received = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()

    def add(writer: RecordWriter) -> None:
        for record in held:
            writer.session.add(
                Contribution(
                    bundle_id=manifest.bundle_id,
                    kind=record.kind,
                    record_id=record.id,
                    record=dump_line(record),
                    contributor=manifest.creator_name,
                    installation=manifest.creator_installation,
                    received=received,
                )
            )

    return add


def contributions(catalogue: Catalogue, *, status: str = "pending") -> list[ContributionRecord]:
    """Contributed products and needs with the given status, oldest first."""
    with catalogue.reading() as session:
        rows = session.scalars(
            select(Contribution)
            .where(Contribution.status == status, Contribution.kind.in_(("product", "need")))
            .order_by(Contribution.id)
        ).all()
        listed = []
        for row in rows:
            values = dict(_record(row).values)
            listed.append(
                ContributionRecord(
                    row.id,
                    row.kind,
                    row.record_id,
                    str(values.get("title", "")),
                    row.contributor,
                    row.installation,
                    row.received,
                    row.status,
                    values,
                )
            )
        return listed


def _record(row: Contribution) -> SyncRecord:
    item = read_line(row.record)
    assert isinstance(item, SyncRecord)
    return item


def accept(catalogue: Catalogue, contribution_id: int) -> ContributionRecord:
    """Let a contributed product or need (with its attachments and links) join the catalogue."""
    main, rows = _with_dependents(catalogue, contribution_id)
    records = [_record(row) for row in rows]
    folder = catalogue.folder / CONTRIBUTIONS_DIR
    for record in records:
        if record.kind == "attachment":
            sha = str(record.values["sha256"])
            source = folder / sha
            target = catalogue.attachments.path_for(sha)
            if source.is_file() and not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, target)
    ids = [row.id for row in rows]

    def mark(writer: RecordWriter) -> None:
        for row in writer.session.scalars(select(Contribution).where(Contribution.id.in_(ids))):
            row.status = "accepted"

    catalogue.sync.apply(records, accept_drift=True, also=mark)
    return _listed(catalogue, main, "accepted")


def reject(catalogue: Catalogue, contribution_id: int) -> ContributionRecord:
    """Turn a contribution down: it is kept as rejected, its files go."""
    main, rows = _with_dependents(catalogue, contribution_id)
    ids = [row.id for row in rows]
    with catalogue.meta_transaction() as session:
        for row in session.scalars(select(Contribution).where(Contribution.id.in_(ids))):
            row.status = "rejected"
    for row in rows:
        if row.kind == "attachment":
            (catalogue.folder / CONTRIBUTIONS_DIR / str(_record(row).values["sha256"])).unlink(
                missing_ok=True
            )
    return _listed(catalogue, main, "rejected")


def _with_dependents(
    catalogue: Catalogue, contribution_id: int
) -> tuple[Contribution, list[Contribution]]:
    with catalogue.reading() as session:
        main = session.get(Contribution, contribution_id)
        if main is None or main.status != "pending" or main.kind not in ("product", "need"):
            raise NotFoundError(_("pending contribution"), str(contribution_id))
        pending = session.scalars(
            select(Contribution).where(
                Contribution.bundle_id == main.bundle_id, Contribution.status == "pending"
            )
        ).all()
        rows = [main]
        for row in pending:
            record = _record(row)
            owner = record.values.get("product") or record.values.get("source")
            dependent = row.kind in ("attachment", "link", "annotation")
            if dependent and str(owner) == str(main.record_id):
                rows.append(row)
        session.expunge_all()
    return main, rows


def _listed(catalogue: Catalogue, main: Contribution, status: str) -> ContributionRecord:
    return next(c for c in contributions(catalogue, status=status) if c.id == main.id)


def contributions_folder(catalogue: Catalogue) -> Path:
    """Where contributed attachment files wait for review."""
    return catalogue.folder / CONTRIBUTIONS_DIR
