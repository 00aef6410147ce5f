"""Write a bundle: choose what goes in, then records, attachments, a signed manifest, a ZIP.

The file is written beside its final name as ``NAME.partial`` and renamed only once complete and
flushed, so an export interrupted half-way (a pulled USB stick, a full disk, a kill) leaves no
file that looks like a bundle.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
import uuid
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from kmdesk.bundles.manifest import (
    BUNDLE_SUFFIX,
    MANIFEST,
    SIGNATURE,
    TOMBSTONES,
    VOLUME_INFO,
    Entry,
    Manifest,
    attachment_entry,
    records_entry,
)
from kmdesk.db.models import (
    Annotation,
    Collection,
    KnowledgeNeed,
    Product,
    ProductLink,
    SavedSearch,
    need_product,
)
from kmdesk.errors import KmdeskError, NotFoundError
from kmdesk.i18n import _
from kmdesk.progress import CancelToken, Progress, ProgressUpdate, no_progress
from kmdesk.sync.dump import dump_line, iter_records, sync_record, with_references
from kmdesk.sync.kinds import KINDS
from kmdesk.sync.remote import SyncRecord, SyncTombstone
from kmdesk.validation import text

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from kmdesk.catalogue.facade import Catalogue

_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Scope:
    """What to export: everything, a collection, a saved search, a query and/or filters."""

    collection: str | None = None
    saved_search: str | None = None
    query: str | None = None
    filters: Mapping[str, Sequence[str]] = field(default_factory=dict)

    @property
    def everything(self) -> bool:
        """Whether the whole catalogue goes (deletions included)."""
        return not (self.collection or self.saved_search or self.query or self.filters)

    def describe(self) -> dict[str, Any]:
        """The scope as the manifest records it."""
        if self.everything:
            return {"type": "all"}
        data: dict[str, Any] = {}
        if self.collection:
            data["collection"] = self.collection
        if self.saved_search:
            data["saved_search"] = self.saved_search
        if self.query:
            data["query"] = self.query
        if self.filters:
            data["filters"] = {k: list(v) for k, v in self.filters.items()}
        return {"type": "selection", **data}


@dataclass(frozen=True, slots=True)
class ExportPlan:
    """What an export would write (``--dry-run`` prints it)."""

    records: tuple[SyncRecord | SyncTombstone, ...]
    attachments: tuple[tuple[str, int], ...]
    counts: dict[str, int]

    @property
    def estimated_bytes(self) -> int:
        """Records as JSON plus attachment files (the ZIP compresses records a little)."""
        record_bytes = sum(len(dump_line(r)) + 1 for r in self.records)
        return record_bytes + sum(size for _sha, size in self.attachments)


class ExportTooLargeError(KmdeskError):
    """The bundle would exceed the size cap asked for."""


def plan_export(catalogue: Catalogue, scope: Scope, *, attachments: bool = True) -> ExportPlan:
    """Choose the records (with what they refer to) and attachment files of an export."""
    with catalogue.reading() as session:
        if scope.everything:
            items: list[SyncRecord | SyncTombstone] = list(iter_records(session))
        else:
            items = with_references(session, _selection(catalogue, session, scope))
    return _plan(items, attachments=attachments)


def _plan(items: list[SyncRecord | SyncTombstone], *, attachments: bool) -> ExportPlan:
    """The plan of chosen records: the attachment files they name, counts by kind."""
    if not attachments:
        items = [r for r in items if r.kind != "attachment"]
    files = {
        str(r.values["sha256"]): int(r.values["size"])
        for r in items
        if isinstance(r, SyncRecord) and r.kind == "attachment"
    }
    counts: dict[str, int] = {}
    for item in items:
        key = "tombstones" if isinstance(item, SyncTombstone) else item.kind
        counts[key] = counts.get(key, 0) + 1
    counts["attachment-files"] = len(files)
    return ExportPlan(tuple(items), tuple(sorted(files.items())), counts)


def _selection(catalogue: Catalogue, session: Session, scope: Scope) -> list[SyncRecord]:
    """The records of the chosen products, their attachments, links among them, their needs."""
    chosen: list[Any] = []
    product_ids: list[uuid.UUID] | None = None
    if scope.collection:
        collection = session.scalar(select(Collection).where(Collection.name == scope.collection))
        if collection is None:
            raise NotFoundError(_("collection"), scope.collection)
        chosen.append(collection)
        product_ids = [item.product_id for item in collection.items]
    if scope.saved_search:
        search = session.scalar(select(SavedSearch).where(SavedSearch.name == scope.saved_search))
        if search is None:
            raise NotFoundError(_("saved search"), scope.saved_search)
        chosen.append(search)
        found = _search_ids(catalogue, search.query, search.filters)
        product_ids = found if product_ids is None else [i for i in product_ids if i in found]
    if scope.query or scope.filters:
        found = _search_ids(catalogue, scope.query or "", scope.filters)
        product_ids = found if product_ids is None else [i for i in product_ids if i in found]
    ids = set(product_ids or [])
    for product_id in sorted(ids, key=str):
        product = session.get(Product, product_id)
        if product is not None:
            chosen.append(product)
            chosen.extend(product.attachments)
    links = session.scalars(select(ProductLink).where(ProductLink.source_id.in_(ids))).all()
    chosen.extend(link for link in links if link.target_id in ids)
    needs = session.scalars(
        select(KnowledgeNeed).join(need_product).where(need_product.c.product_id.in_(ids))
    ).unique()
    chosen.extend(needs)
    chosen.extend(_shared_notes(session, Annotation.product_id.in_(ids)))
    return [sync_record(row) for row in chosen]


def _shared_notes(session: Session, condition: Any) -> list[Annotation]:
    """The shared annotations meeting ``condition`` (private ones never leave)."""
    query = select(Annotation).where(condition, Annotation.visibility == "shared")
    return list(session.scalars(query.order_by(Annotation.id)))


def _search_ids(
    catalogue: Catalogue, query: str, filters: Mapping[str, Sequence[str]]
) -> list[uuid.UUID]:
    if not query.strip():
        return catalogue.products.ids(filters)
    results = catalogue.search(
        query, filters=filters, limit=1_000_000, facets=False, snippets=False
    )
    return [hit.id for hit in results.hits]


def export_bundle(
    catalogue: Catalogue,
    output: Path,
    *,
    scope: Scope | None = None,
    attachments: bool = True,
    description: str = "",
    max_bytes: int | None = None,
    split_bytes: int | None = None,
    peer: str | None = None,
    delta: bool = False,
    returning: bool = False,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> Manifest:
    """Write a bundle of ``scope`` to ``output`` (``NAME.kmbundle``); its manifest.

    ``split_bytes`` writes volumes ``NAME.kmbundle.001``, ``.002``… of about that size (an
    attachment larger than that gets a volume of its own). ``peer`` records what was sent to
    that peer; with ``delta`` only what changed here since the last bundle to it goes (changes
    received from others included), deletions too. ``returning`` makes a return bundle: the
    products and needs made here, for the curators who review contributions.
    """
    token = cancel or CancelToken()
    chosen = scope or Scope()
    if peer is not None:
        peer = text("peer", peer, required=True, max_length=50)
    if delta and (peer is None or not chosen.everything):
        raise KmdeskError(_("a delta bundle is made for a named peer, of the whole catalogue"))
    sent_until = catalogue.sync.current_seq()
    since = catalogue.sync.peer_state(peer).get("last_seq", 0) if delta and peer else None
    if returning:
        plan = plan_return(catalogue, attachments=attachments)
    elif since is not None:
        plan = _delta_plan(catalogue, since, attachments=attachments)
    else:
        plan = plan_export(catalogue, chosen, attachments=attachments)
    if max_bytes is not None and plan.estimated_bytes > max_bytes:
        raise ExportTooLargeError(
            _(
                "the bundle would hold about {size:.1f} MB, over the cap of {cap:.1f} MB; "
                "export without attachments or a smaller selection"
            ).format(size=plan.estimated_bytes / 1e6, cap=max_bytes / 1e6)
        )
    if not output.name.endswith(BUNDLE_SUFFIX):
        output = output.with_name(output.name + BUNDLE_SUFFIX)
    output.parent.mkdir(parents=True, exist_ok=True)
    bundle_id = uuid.uuid4().hex
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".kmbundle-") as scratch:
        spooled = _write_records(Path(scratch), plan.records)
        sized = [(name, size, sha) for name, (_path, size, sha) in spooled.items()]
        sized += [(attachment_entry(sha), size, sha) for sha, size in plan.attachments]
        entries = _assign_volumes(sized, split_bytes)
        volumes = max((e.volume for e in entries), default=1)
        own = catalogue.keys.own()
        manifest = Manifest(
            bundle_id=bundle_id,
            kind="return" if returning else "delta" if since is not None else "full",
            created=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            creator_installation=catalogue.installation_id,
            creator_name=own.name,
            public_key=own.raw,
            description=description or _describe(chosen, peer, since, returning),
            scope=chosen.describe(),
            counts=plan.counts,
            volumes=volumes,
            entries=tuple(entries),
            peer=peer,
            since_seq=since,
        )
        raw = manifest.to_bytes()
        names = [_volume_name(output, n, volumes) for n in range(1, volumes + 1)]
        partials = [name.with_name(name.name + ".partial") for name in names]
        written = 0
        try:
            # Volume 1 (the manifest) last: a bundle whose first part exists is complete.
            for number in [*range(2, volumes + 1), 1]:
                with zipfile.ZipFile(partials[number - 1], "w", allowZip64=True) as archive:
                    info = {"format": "kmdesk-bundle-volume", "bundle_id": bundle_id}
                    archive.writestr(
                        VOLUME_INFO, json.dumps({**info, "volume": number, "volumes": volumes})
                    )
                    if number == 1:
                        archive.writestr(MANIFEST, raw, compress_type=zipfile.ZIP_DEFLATED)
                        archive.writestr(SIGNATURE, catalogue.keys.sign(raw))
                    for entry in (e for e in entries if e.volume == number):
                        token.raise_if_cancelled()
                        if entry.name in spooled:
                            source = spooled[entry.name][0]
                            archive.write(source, entry.name, compress_type=zipfile.ZIP_DEFLATED)
                        else:
                            path = catalogue.attachments.path_for(entry.sha256)
                            archive.write(path, entry.name, compress_type=zipfile.ZIP_STORED)
                        written += 1
                        progress(ProgressUpdate(written, len(entries), _("Writing the bundle")))
                with partials[number - 1].open("rb+") as handle:
                    os.fsync(handle.fileno())
            for number in [*range(2, volumes + 1), 1]:
                os.replace(partials[number - 1], names[number - 1])
        except BaseException:
            for partial in partials:
                partial.unlink(missing_ok=True)
            raise
    if peer is not None:
        catalogue.sync.set_peer_state(peer, {"last_seq": sent_until, "last_bundle": bundle_id})
    return manifest


def plan_return(catalogue: Catalogue, *, attachments: bool = True) -> ExportPlan:
    """What a return bundle carries: products and needs made here, with what they use, and the
    shared annotations made here (with the products they are about)."""
    own = catalogue.installation_id
    with catalogue.reading() as session:
        made_here: list[Any] = []
        models: tuple[type[Any], ...] = (Product, KnowledgeNeed)
        for model in models:
            for row in session.scalars(select(model)):
                stamps = row.field_stamps or {}
                if stamps and min(stamps.values()).endswith(own):
                    made_here.append(row)
        chosen = list(made_here)
        product_ids = {row.id for row in made_here if isinstance(row, Product)}
        for row in made_here:
            if isinstance(row, Product):
                chosen.extend(row.attachments)
        chosen.extend(
            session.scalars(select(ProductLink).where(ProductLink.source_id.in_(product_ids)))
        )
        chosen.extend(_shared_notes(session, Annotation.installation == own))
        items: list[SyncRecord | SyncTombstone] = with_references(
            session, [sync_record(row) for row in chosen]
        )
    return _plan(items, attachments=attachments)


def plan_delta(catalogue: Catalogue, peer: str, *, attachments: bool = True) -> ExportPlan:
    """What a delta bundle to ``peer`` would carry (``--dry-run``)."""
    since = catalogue.sync.peer_state(peer).get("last_seq", 0)
    return _delta_plan(catalogue, since, attachments=attachments)


def _delta_plan(catalogue: Catalogue, since: int, *, attachments: bool) -> ExportPlan:
    """What changed here after local change ``since``, with what it refers to."""
    return _plan(catalogue.sync.records(since_seq=since, referenced=True), attachments=attachments)


def _assign_volumes(sized: list[tuple[str, int, str]], split_bytes: int | None) -> list[Entry]:
    """Entries in volume 1, or (split) in volumes 2, 3… of at most about ``split_bytes``."""
    if split_bytes is None:
        return [Entry(name, 1, size, sha) for name, size, sha in sized]
    entries: list[Entry] = []
    volume, used = 2, 0
    for name, size, sha in sized:
        if used and used + size > split_bytes:
            volume, used = volume + 1, 0
        entries.append(Entry(name, volume, size, sha))
        used += size
    return entries


def _volume_name(output: Path, number: int, volumes: int) -> Path:
    if volumes == 1:
        return output
    return output.with_name(f"{output.name}.{number:03d}")


def _write_records(
    folder: Path, records: Iterable[SyncRecord | SyncTombstone]
) -> dict[str, tuple[Path, int, str]]:
    """One JSON-lines file per kind (and one of tombstones): path, size and SHA-256 of each."""
    by_entry: dict[str, list[str]] = {}
    for record in records:
        if isinstance(record, SyncTombstone):
            line = json.dumps(
                {"kind": record.kind, "id": str(record.id), "stamp": record.stamp},
                sort_keys=True,
            )
            by_entry.setdefault(TOMBSTONES, []).append(line)
        else:
            by_entry.setdefault(records_entry(record.kind), []).append(dump_line(record))
    order = [records_entry(kind) for kind in KINDS] + [TOMBSTONES]
    spooled: dict[str, tuple[Path, int, str]] = {}
    for name in order:
        if name not in by_entry:
            continue
        data = ("\n".join(by_entry[name]) + "\n").encode("utf-8")
        path = folder / name.replace("/", "_")
        path.write_bytes(data)
        spooled[name] = (path, len(data), hashlib.sha256(data).hexdigest())
    return spooled


def _describe(
    scope: Scope, peer: str | None = None, since: int | None = None, returning: bool = False
) -> str:
    if returning:
        return _("Products, knowledge needs and shared notes made here, for review")
    if since is not None:
        return _("What changed since the last bundle to {peer}").format(peer=peer)
    if scope.everything:
        return _("The whole catalogue")
    parts = []
    if scope.collection:
        parts.append(_("collection {name}").format(name=scope.collection))
    if scope.saved_search:
        parts.append(_("saved search {name}").format(name=scope.saved_search))
    if scope.query:
        parts.append(_("search {query}").format(query=scope.query))
    for key, values in scope.filters.items():
        parts.append(f"{key}={','.join(values)}")
    return "; ".join(parts)
