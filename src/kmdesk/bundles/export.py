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
    Attachment,
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
        files: dict[str, int] = {}
        if attachments:
            wanted = {r.id for r in items if isinstance(r, SyncRecord) and r.kind == "attachment"}
            for sha, size, attachment_id in session.execute(
                select(Attachment.sha256, Attachment.size, Attachment.id)
            ):
                if attachment_id in wanted:
                    files[sha] = size
        else:
            items = [r for r in items if r.kind != "attachment"]
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
    return [sync_record(row) for row in chosen]


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
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> Manifest:
    """Write a full bundle of ``scope`` to ``output`` (a ``.kmbundle`` file); its manifest."""
    token = cancel or CancelToken()
    chosen = scope or Scope()
    plan = plan_export(catalogue, chosen, attachments=attachments)
    if max_bytes is not None and plan.estimated_bytes > max_bytes:
        raise ExportTooLargeError(
            _(
                "the bundle would hold about {size:.1f} MB, over the cap of {cap:.1f} MB; "
                "export without attachments or a smaller selection"
            ).format(size=plan.estimated_bytes / 1e6, cap=max_bytes / 1e6)
        )
    output = (
        output
        if output.name.endswith(BUNDLE_SUFFIX)
        else output.with_name(output.name + BUNDLE_SUFFIX)
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    bundle_id = uuid.uuid4().hex
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".kmbundle-") as scratch:
        spooled = _write_records(Path(scratch), plan.records)
        entries = [Entry(name, 1, size, sha) for name, (_path, size, sha) in spooled.items()]
        entries += [Entry(attachment_entry(sha), 1, size, sha) for sha, size in plan.attachments]
        own = catalogue.keys.own()
        manifest = Manifest(
            bundle_id=bundle_id,
            kind="full",
            created=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            creator_installation=catalogue.installation_id,
            creator_name=own.name,
            public_key=own.raw,
            description=description or _describe(chosen),
            scope=chosen.describe(),
            counts=plan.counts,
            volumes=1,
            entries=tuple(entries),
        )
        raw = manifest.to_bytes()
        partial = output.with_name(output.name + ".partial")
        total = len(entries)
        try:
            with zipfile.ZipFile(partial, "w", allowZip64=True) as archive:
                info = {"format": "kmdesk-bundle-volume", "bundle_id": bundle_id}
                archive.writestr(VOLUME_INFO, json.dumps({**info, "volume": 1, "volumes": 1}))
                archive.writestr(MANIFEST, raw, compress_type=zipfile.ZIP_DEFLATED)
                archive.writestr(SIGNATURE, catalogue.keys.sign(raw))
                for done, entry in enumerate(entries, start=1):
                    token.raise_if_cancelled()
                    if entry.name in spooled:
                        source = spooled[entry.name][0]
                        archive.write(source, entry.name, compress_type=zipfile.ZIP_DEFLATED)
                    else:
                        path = catalogue.attachments.path_for(entry.sha256)
                        archive.write(path, entry.name, compress_type=zipfile.ZIP_STORED)
                    progress(ProgressUpdate(done, total, _("Writing the bundle")))
            with partial.open("rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(partial, output)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return manifest


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


def _describe(scope: Scope) -> str:
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
