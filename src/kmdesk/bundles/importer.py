"""Read a bundle: verify everything first, preview what it would change, then apply it all at once.

Verification, before anything is written: every volume present and of this bundle
(:func:`~kmdesk.bundles.archive.locate_volumes`), the archive's structure
(:class:`~kmdesk.bundles.archive.Volume`), the manifest's format and version, the Ed25519
signature over the manifest's exact bytes, the signer's key trusted here, the archive holding
exactly the manifest's entries, and the bundle not imported here before (a replay). Entries are
then read once, streaming, each checked against the manifest's size and SHA-256 while it is
copied: records into a scratch file, attachments into the attachment store under their hash.
Records go through :meth:`kmdesk.catalogue.syncing.SyncPart.apply` in one transaction.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kmdesk.bundles.archive import BundleError, Volume, locate_volumes
from kmdesk.bundles.contributions import held_records, hold
from kmdesk.bundles.incoming_files import IncomingFiles
from kmdesk.bundles.manifest import (
    MANIFEST,
    MAX_MANIFEST_BYTES,
    SIGNATURE,
    TOMBSTONES,
    VOLUME_INFO,
    Manifest,
    parse_manifest,
)
from kmdesk.catalogue.keyring import TrustedKeyRecord
from kmdesk.db.models import ImportedBundle, Tombstone
from kmdesk.errors import KmdeskError
from kmdesk.i18n import _
from kmdesk.progress import CancelToken, Progress, ProgressUpdate, no_progress
from kmdesk.sync.kinds import KINDS, ScalarField
from kmdesk.sync.remote import ApplyReport, SyncRecord, SyncTombstone, concurrent
from kmdesk.trust.keys import PublicKey

if TYPE_CHECKING:
    from kmdesk.catalogue.facade import Catalogue

#: One record's JSON line may not be longer than this (a very long summary is a few hundred KB).
MAX_RECORD_LINE = 8 * 1024 * 1024
_RECORD_KEYS = {"kind", "id", "values", "field_stamps", "field_bases"}
_TOMBSTONE_KEYS = {"kind", "id", "stamp"}


class UntrustedBundleError(KmdeskError):
    """The bundle is signed by a key this catalogue does not trust (or has revoked)."""

    def __init__(self, key: PublicKey, name: str, revoked: bool) -> None:
        self.key = key
        if revoked:
            text = _(
                "the bundle is signed by {name} ({fp}), a key revoked here; nothing was changed"
            )
        else:
            text = _(
                "the bundle is signed by {name} ({fp}), a key this catalogue does not trust. "
                "Compare the fingerprint with the sender's, then 'kmdesk keys trust' their key "
                "file, or import once with --accept-untrusted. Nothing was changed."
            )
        super().__init__(text.format(name=name or _("an unnamed sender"), fp=key.fingerprint))


@dataclass(slots=True)
class VerifiedBundle:
    """A bundle whose structure, signature and trust were checked; its volumes stay open."""

    path: Path
    manifest: Manifest
    signer: TrustedKeyRecord | None
    volumes: list[Volume]
    _closer: contextlib.ExitStack = field(default_factory=contextlib.ExitStack)

    def close(self) -> None:
        """Close the volumes' files."""
        self._closer.close()

    def __enter__(self) -> VerifiedBundle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def volume_of(self, name: str) -> Volume:
        """The open volume that holds entry ``name`` (the manifest says which)."""
        entry = self.manifest.entry(name)
        assert entry is not None
        return self.volumes[entry.volume - 1]


@dataclass(slots=True)
class Preview:
    """What importing would do, counted without writing anything."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    conflicting: int = 0
    attachment_bytes: int = 0
    by_kind: dict[str, dict[str, int]] = field(default_factory=dict)

    def note(self, kind: str, outcome: str) -> None:
        """Count one record's outcome."""
        setattr(self, outcome, getattr(self, outcome) + 1)
        counts = self.by_kind.setdefault(kind, {})
        counts[outcome] = counts.get(outcome, 0) + 1


def verify_bundle(
    catalogue: Catalogue, path: Path, *, accept_untrusted: bool = False
) -> VerifiedBundle:
    """Check everything that can be checked before reading records; keep the volumes open."""
    paths = locate_volumes(Path(path))
    stack = contextlib.ExitStack()
    try:
        volumes = [stack.enter_context(Volume(p)) for p in paths]
        first = volumes[0]
        if MANIFEST not in first.names() or SIGNATURE not in first.names():
            raise BundleError(
                _("{file}: no signed manifest in the first volume").format(file=paths[0].name)
            )
        raw = first.read_small(MANIFEST, MAX_MANIFEST_BYTES)
        signature = first.read_small(SIGNATURE, 1024)
        manifest = parse_manifest(raw)
        key = PublicKey(manifest.public_key, manifest.creator_name, manifest.creator_installation)
        if not key.verify(signature, raw):
            raise BundleError(
                _(
                    "{file}: the signature does not match the manifest; the bundle was altered"
                ).format(file=paths[0].name)
            )
        _check_volumes(manifest, volumes, paths)
        signer = catalogue.keys.trusted_key(key.raw)
        own = catalogue.keys.own().raw == key.raw
        if not own and (signer is None or not signer.trusted) and not accept_untrusted:
            raise UntrustedBundleError(key, manifest.creator_name, signer is not None)
        with catalogue.reading() as session:
            earlier = session.get(ImportedBundle, manifest.bundle_id)
        if earlier is not None:
            raise BundleError(
                _("this bundle ({id}) was already imported on {when}; nothing was changed").format(
                    id=manifest.bundle_id, when=earlier.imported
                )
            )
        verified = VerifiedBundle(Path(path), manifest, signer, volumes, stack)
    except BaseException:
        stack.close()
        raise
    return verified


def _check_volumes(manifest: Manifest, volumes: list[Volume], paths: list[Path]) -> None:
    """Every volume of this bundle, holding exactly the entries the manifest puts in it."""
    if len(volumes) != manifest.volumes:
        raise BundleError(
            _("{file}: the manifest names {n} volumes, {found} were found").format(
                file=paths[0].name, n=manifest.volumes, found=len(volumes)
            )
        )
    for number, (volume, path) in enumerate(zip(volumes, paths, strict=True), start=1):
        if volume.info.bundle_id != manifest.bundle_id or volume.info.volume != number:
            raise BundleError(
                _("{file} is not volume {n} of this bundle").format(file=path.name, n=number)
            )
        listed = {e.name for e in manifest.entries if e.volume == number}
        present = set(volume.names()) - {VOLUME_INFO, MANIFEST, SIGNATURE}
        for name in sorted(present - listed):
            raise BundleError(
                _("{file}: entry {name} is not in the manifest").format(file=path.name, name=name)
            )
        for name in sorted(listed - present):
            raise BundleError(
                _("{file}: entry {name} of the manifest is missing").format(
                    file=path.name, name=name
                )
            )
        for entry in manifest.entries:
            if entry.volume == number and volume.size(entry.name) != entry.size:
                raise BundleError(
                    _("{file}: entry {name} is not the size the manifest says").format(
                        file=path.name, name=entry.name
                    )
                )


def read_records(verified: VerifiedBundle, scratch: Path) -> list[SyncRecord | SyncTombstone]:
    """Every record and tombstone of the bundle, each entry hash-checked as it is read."""
    items: list[SyncRecord | SyncTombstone] = []
    for entry in verified.manifest.entries:
        if not entry.name.startswith("records/"):
            continue
        target = scratch / entry.name.replace("/", "_")
        with target.open("wb") as out:
            verified.volume_of(entry.name).copy_entry(
                entry.name, out, expected_size=entry.size, expected_sha256=entry.sha256
            )
        items.extend(_parse_lines(target, entry.name))
    return items


def _parse_lines(path: Path, entry: str) -> Iterator[SyncRecord | SyncTombstone]:
    expected_kind = None if entry == TOMBSTONES else entry[len("records/") : -len(".jsonl")]
    with path.open("rb") as handle:
        number = 0
        while True:
            line = handle.readline(MAX_RECORD_LINE + 1)
            if not line:
                return
            number += 1
            if len(line) > MAX_RECORD_LINE:
                raise _bad(entry, number, _("the line is too long"))
            if not line.strip():
                continue
            try:
                data = json.loads(line, parse_constant=_refuse_constant)
            except (ValueError, RecursionError):
                raise _bad(entry, number, _("not valid JSON")) from None
            yield _item(data, expected_kind, entry, number)


def _item(
    data: Any, expected_kind: str | None, entry: str, number: int
) -> SyncRecord | SyncTombstone:
    if not isinstance(data, dict):
        raise _bad(entry, number, _("not a record"))
    kind = data.get("kind")
    if kind not in KINDS or (expected_kind is not None and kind != expected_kind):
        raise _bad(
            entry, number, _("unknown or misplaced kind of record {kind!r}").format(kind=kind)
        )
    try:
        record_id = uuid.UUID(str(data.get("id")))
    except ValueError:
        raise _bad(entry, number, _("the id is not a UUID")) from None
    if expected_kind is None:
        if set(data) != _TOMBSTONE_KEYS or not isinstance(data["stamp"], str):
            raise _bad(entry, number, _("not a tombstone"))
        return SyncTombstone(kind, record_id, data["stamp"])
    if set(data) != _RECORD_KEYS:
        raise _bad(entry, number, _("a record has exactly kind, id, values and stamps"))
    values, stamps, bases = data["values"], data["field_stamps"], data["field_bases"]
    for name, mapping in (("values", values), ("field_stamps", stamps), ("field_bases", bases)):
        if not isinstance(mapping, dict):
            raise _bad(entry, number, _("{name} is not an object").format(name=name))
    for mapping in (stamps, bases):
        if not all(isinstance(v, str) for v in mapping.values()):
            raise _bad(entry, number, _("a stamp is not text"))
    return SyncRecord(kind, record_id, values, stamps, bases)


def _bad(entry: str, number: int, problem: str) -> BundleError:
    return BundleError(
        _("{entry}, line {line}: {problem}").format(entry=entry, line=number, problem=problem)
    )


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)


def preview(catalogue: Catalogue, items: list[SyncRecord | SyncTombstone]) -> Preview:
    """Count what applying ``items`` would add, change, delete or put in conflict."""
    result = Preview()
    with catalogue.reading() as session:
        for item in items:
            kind = KINDS[item.kind]
            row = session.get(kind.model, item.id)
            if isinstance(item, SyncTombstone):
                newest = max((row.field_stamps or {}).values(), default="") if row else None
                gone = row is not None and newest is not None and item.stamp > newest
                result.note(item.kind, "deleted" if gone else "unchanged")
                continue
            if row is None:
                tombstone = session.get(Tombstone, item.id)
                newest = max(item.field_stamps.values(), default="")
                fresh = tombstone is None or newest > tombstone.stamp
                result.note(item.kind, "new" if fresh else "unchanged")
                continue
            local = row.field_stamps or {}
            newer = [k for k, stamp in item.field_stamps.items() if stamp > local.get(k, "")]
            if not newer:
                result.note(item.kind, "unchanged")
                continue
            # The rule the apply uses: a one-value field whose newer value was made without
            # knowing, and differs from, the value here.
            clash = any(
                isinstance(kind.by_name.get(key), ScalarField)
                and kind.by_name[key].read(row) != item.values.get(key)
                and concurrent(
                    local.get(key, ""), item.field_stamps[key], item.field_bases.get(key)
                )
                for key in newer
            )
            result.note(item.kind, "conflicting" if clash else "updated")
    return result


@dataclass(frozen=True, slots=True)
class Inspection:
    """What a bundle is, who signed it, and what importing it would change."""

    manifest: Manifest
    signer_name: str
    fingerprint: str
    trusted: bool
    preview: Preview


def inspect_bundle(
    catalogue: Catalogue, path: Path, *, check_attachments: bool = False
) -> Inspection:
    """Verify a bundle (signer trusted or not) and preview it; ``check_attachments`` also
    reads every attachment entry against its hash. Nothing is written to the catalogue."""
    with (
        verify_bundle(catalogue, path, accept_untrusted=True) as verified,
        tempfile.TemporaryDirectory() as scratch,
    ):
        changes = preview(catalogue, read_records(verified, Path(scratch)))
        if check_attachments:
            for entry in verified.manifest.entries:
                if entry.name.startswith("attachments/"):
                    with Path(scratch, "attachment").open("wb") as out:
                        verified.volume_of(entry.name).copy_entry(
                            entry.name, out, expected_size=entry.size, expected_sha256=entry.sha256
                        )
        manifest = verified.manifest
        key = PublicKey(manifest.public_key)
        trusted = bool(verified.signer and verified.signer.trusted) or (
            key.raw == catalogue.keys.own().raw
        )
        name = verified.signer.name if verified.signer else manifest.creator_name
        name = name or _("an unnamed sender")
    return Inspection(manifest, name, key.fingerprint, trusted, changes)


@dataclass(slots=True)
class ImportResult:
    """What an import did."""

    manifest: Manifest
    report: ApplyReport
    attachment_files: int


def import_bundle(
    catalogue: Catalogue,
    path: Path,
    *,
    accept_untrusted: bool = False,
    accept_drift: bool = False,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> ImportResult:
    """Verify, then apply a bundle in one transaction; nothing is changed if anything fails."""
    token = cancel or CancelToken()
    progress(ProgressUpdate(0, 0, _("Verifying the bundle")))
    with verify_bundle(catalogue, path, accept_untrusted=accept_untrusted) as verified:
        catalogue.attachments.root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=catalogue.folder, prefix=".import-") as scratch:
            items = read_records(verified, Path(scratch))
            token.raise_if_cancelled()
            manifest = verified.manifest
            hold_contributions = None
            held_files: set[str] = set()
            if manifest.kind == "return":
                records = [i for i in items if isinstance(i, SyncRecord)]
                held, applied = held_records(catalogue, records)
                items = [*applied, *(i for i in items if isinstance(i, SyncTombstone))]
                held_files = {str(r.values["sha256"]) for r in held if r.kind == "attachment"}
                hold_contributions = hold(manifest, held)
            files = IncomingFiles(catalogue, verified, token, held=held_files)
            try:
                files.copy(progress)
                report = catalogue.sync.apply(
                    items,
                    also=hold_contributions,
                    progress=progress,
                    accept_drift=accept_drift,
                    cancel=token,
                    imported={
                        "id": manifest.bundle_id,
                        "creator": manifest.creator_installation,
                        "kind": manifest.kind,
                        "created": manifest.created,
                        "imported": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
                    },
                )
            except BaseException:
                catalogue.products.forget_unused_files(files.added)
                raise
    return ImportResult(verified.manifest, report, files.count)
