"""The manifest of a bundle: what it holds, who made it, and the hash of every entry.

``manifest.json`` is signed (``manifest.sig``, Ed25519 over its exact bytes), and lists every
other entry with its volume, size and SHA-256, so verifying the signature and then each entry's
hash verifies the whole bundle. The layout is described for readers without kmdesk in
``docs/bundle-format.md``; :func:`parse_manifest` reads it strictly.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass, field
from typing import Any

from kmdesk.bundles.archive import BundleError
from kmdesk.i18n import _
from kmdesk.sync.kinds import KINDS

FORMAT = "kmdesk-bundle"
FORMAT_VERSION = 1
BUNDLE_SUFFIX = ".kmbundle"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
VOLUME_INFO = "volume.json"
TOMBSTONES = "records/tombstones.jsonl"
BUNDLE_KINDS = ("full", "delta", "return")
#: The manifest of a very large bundle (hundreds of thousands of entries) stays under this.
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
MAX_TEXT = 2000

_HEX32 = re.compile(r"^[0-9a-f]{32}$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_ENTRY = re.compile(r"^(records/[a-z-]+\.jsonl|attachments/[0-9a-f]{64})$")


def records_entry(kind: str) -> str:
    """The entry holding the records of one kind."""
    return f"records/{kind}.jsonl"


def attachment_entry(sha256: str) -> str:
    """The entry holding an attachment file."""
    return f"attachments/{sha256}"


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of the bundle as the manifest lists it."""

    name: str
    volume: int
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class Manifest:
    """A bundle's manifest, read or about to be written."""

    bundle_id: str
    kind: str
    created: str
    creator_installation: str
    creator_name: str
    public_key: bytes
    description: str
    scope: dict[str, Any]
    counts: dict[str, int]
    volumes: int
    entries: tuple[Entry, ...]
    peer: str | None = None
    since_seq: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        """The manifest's JSON, as signed and stored (sorted keys, UTF-8)."""
        data = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "bundle_id": self.bundle_id,
            "kind": self.kind,
            "created": self.created,
            "creator": {"installation": self.creator_installation, "name": self.creator_name},
            "public_key": base64.b64encode(self.public_key).decode("ascii"),
            "description": self.description,
            "scope": self.scope,
            "peer": self.peer,
            "since_seq": self.since_seq,
            "counts": self.counts,
            "volumes": self.volumes,
            "entries": [
                {"name": e.name, "volume": e.volume, "size": e.size, "sha256": e.sha256}
                for e in self.entries
            ],
        }
        return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1).encode("utf-8")

    def entry(self, name: str) -> Entry | None:
        """The manifest's line for ``name``."""
        return next((e for e in self.entries if e.name == name), None)


def _fail(problem: str) -> BundleError:
    return BundleError(_("manifest.json: {problem}").format(problem=problem))


def _text(data: dict[str, Any], key: str, *, pattern: re.Pattern[str] | None = None) -> str:
    value = data.get(key)
    if (
        not isinstance(value, str)
        or len(value) > MAX_TEXT
        or (pattern and not pattern.match(value))
    ):
        raise _fail(_("{key} is missing or not valid").format(key=key))
    return value


def _count(value: Any, key: str, *, maximum: int = 10**12) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= maximum:
        raise _fail(_("{key} is not a valid number").format(key=key))
    return value


def parse_manifest(raw: bytes) -> Manifest:
    """Read ``manifest.json`` strictly: a :class:`BundleError` names what is wrong."""
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _fail(_("not valid JSON")) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _fail(_("not a kmdesk bundle manifest"))
    version = data.get("format_version")
    if version != FORMAT_VERSION:
        raise _fail(
            _(
                "format version {version} is not one this kmdesk reads ({known}); update kmdesk"
            ).format(version=version, known=FORMAT_VERSION)
        )
    kind = _text(data, "kind")
    if kind not in BUNDLE_KINDS:
        raise _fail(_("kind {kind!r} is unknown").format(kind=kind))
    creator = data.get("creator")
    if not isinstance(creator, dict):
        raise _fail(_("creator is missing"))
    try:
        public_key = base64.b64decode(str(data.get("public_key", "")), validate=True)
    except binascii.Error:
        raise _fail(_("public_key is not base64")) from None
    if len(public_key) != 32:
        raise _fail(_("public_key is not an Ed25519 key"))
    volumes = _count(data.get("volumes"), "volumes", maximum=10_000)
    if volumes < 1:
        raise _fail(_("volumes must be at least 1"))
    entries_data = data.get("entries")
    if not isinstance(entries_data, list):
        raise _fail(_("entries is missing"))
    entries: list[Entry] = []
    seen: set[str] = set()
    for item in entries_data:
        if not isinstance(item, dict):
            raise _fail(_("an entry is not an object"))
        name = _text(item, "name", pattern=_ENTRY)
        if name in seen:
            raise _fail(_("entry {name} is listed twice").format(name=name))
        seen.add(name)
        kind_name = name[len("records/") : -len(".jsonl")] if name.startswith("records/") else ""
        if kind_name and kind_name not in KINDS and name != TOMBSTONES:
            raise _fail(_("entry {name} holds an unknown kind of record").format(name=name))
        volume = _count(item.get("volume"), f"{name}: volume", maximum=volumes)
        if volume < 1:
            raise _fail(_("{name}: volume must be at least 1").format(name=name))
        entries.append(
            Entry(
                name,
                volume,
                _count(item.get("size"), f"{name}: size"),
                _text(item, "sha256", pattern=_HEX64),
            )
        )
    counts = data.get("counts")
    if not isinstance(counts, dict) or not all(isinstance(k, str) for k in counts):
        raise _fail(_("counts is missing"))
    scope = data.get("scope")
    if not isinstance(scope, dict):
        raise _fail(_("scope is missing"))
    since = data.get("since_seq")
    peer = data.get("peer")
    if peer is not None and (not isinstance(peer, str) or len(peer) > MAX_TEXT):
        raise _fail(_("peer is not valid"))
    return Manifest(
        bundle_id=_text(data, "bundle_id", pattern=_HEX32),
        kind=kind,
        created=_text(data, "created"),
        creator_installation=_text(creator, "installation", pattern=_HEX32),
        creator_name=_text(creator, "name"),
        public_key=public_key,
        description=_text(data, "description"),
        scope=scope,
        counts={k: _count(v, f"counts.{k}") for k, v in counts.items()},
        volumes=volumes,
        entries=tuple(entries),
        peer=peer,
        since_seq=None if since is None else _count(since, "since_seq"),
    )


def _no_constants(name: str) -> Any:
    raise ValueError(f"JSON constant {name} is not allowed")
