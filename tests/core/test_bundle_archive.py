"""The bundle archive reader: valid volumes read back, and a corpus of hostile ZIP files refused.

Every archive here is a real file written into ``tmp_path``, made with :mod:`zipfile` or, for
what :mod:`zipfile` refuses to write, byte by byte with :mod:`struct`. Each refusal is a
:class:`BundleError` with its own one-line message naming the file (and the entry), and the
reader writes nothing anywhere: the test folder is the same before and after.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from kmdesk.bundles.archive import BundleError, Limits, Volume, VolumeInfo, locate_volumes

BUNDLE_ID = "0123456789abcdef0123456789abcdef"
OTHER_ID = "fedcba9876543210fedcba9876543210"
MANIFEST = b'{"format": "kmdesk-bundle"}'
PRODUCTS = b'{"kind": "product", "id": "1"}\n' * 200
GUIDE = bytes(range(256)) * 16
GUIDE_NAME = "attachments/" + hashlib.sha256(GUIDE).hexdigest()
FILE = "hostile.kmbundle"


# -- building archives ------------------------------------------------------------------------


def volume_json(volume: int = 1, volumes: int = 1, bundle_id: str = BUNDLE_ID) -> bytes:
    return json.dumps(
        {
            "format": "kmdesk-bundle-volume",
            "bundle_id": bundle_id,
            "volume": volume,
            "volumes": volumes,
        }
    ).encode()


def make_zip(entries: list[tuple[str, bytes]], *, comment: bytes = b"") -> bytes:
    """A ZIP written by :mod:`zipfile`, as the exporter writes: JSON lines deflated."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            method = zipfile.ZIP_DEFLATED if name.endswith(".jsonl") else zipfile.ZIP_STORED
            archive.writestr(name, data, compress_type=method)
        archive.comment = comment
    return buffer.getvalue()


def valid_volume(
    volume: int = 1, volumes: int = 1, bundle_id: str = BUNDLE_ID, *, comment: bytes = b""
) -> bytes:
    return make_zip(
        [
            ("volume.json", volume_json(volume, volumes, bundle_id)),
            ("manifest.json", MANIFEST),
            (f"records/part{volume}.jsonl", PRODUCTS),
            (GUIDE_NAME, GUIDE),
        ],
        comment=comment,
    )


def deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


@dataclass
class Raw:
    """One entry of a hand-made archive; every field a crafted archive may want to lie about."""

    name: bytes
    plain: bytes = b"x"
    method: int = 0
    flags: int = 0
    external_attr: int = (stat.S_IFREG | 0o644) << 16
    data: bytes | None = None  # what follows the local header; default: ``plain``, compressed
    crc: int | None = None
    file_size: int | None = None
    compress_size: int | None = None
    local_name: bytes | None = None
    central_extra: bytes = b""
    same_data_as: int | None = None  # no local entry: the central record points at another's
    before: bytes = b""  # bytes placed before the local header


def raw_zip(entries: list[Raw], *, count: int | None = None) -> bytes:
    """A ZIP archive written byte by byte, faithfully to what the entries say, lies included."""
    out = bytearray()
    offsets: list[int] = []
    fields: list[tuple[int, int, int]] = []
    for entry in entries:
        data = entry.data
        if data is None:
            data = deflate(entry.plain) if entry.method == 8 else entry.plain
        crc = zlib.crc32(entry.plain) if entry.crc is None else entry.crc
        size = len(entry.plain) if entry.file_size is None else entry.file_size
        packed = len(data) if entry.compress_size is None else entry.compress_size
        fields.append((crc, packed, size))
        if entry.same_data_as is not None:
            offsets.append(offsets[entry.same_data_as])
            continue
        out += entry.before
        offsets.append(len(out))
        local_name = entry.name if entry.local_name is None else entry.local_name
        out += struct.pack(
            "<4s2B4HL2L2H",
            b"PK\x03\x04",
            20,
            0,
            entry.flags,
            entry.method,
            0,
            0x21,
            crc,
            packed,
            size,
            len(local_name),
            0,
        )
        out += local_name + data
    start = len(out)
    for entry, offset, (crc, packed, size) in zip(entries, offsets, fields, strict=True):
        out += struct.pack(
            "<4s4B4HL2L5H2L",
            b"PK\x01\x02",
            20,
            3,
            20,
            0,
            entry.flags,
            entry.method,
            0,
            0x21,
            crc,
            packed,
            size,
            len(entry.name),
            len(entry.central_extra),
            0,
            0,
            0,
            entry.external_attr,
            offset,
        )
        out += entry.name + entry.central_extra
    number = len(entries) if count is None else count
    out += struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, number, number, len(out) - start, start, 0)
    return bytes(out)


def with_entries(*extra: Raw) -> bytes:
    """A hand-made volume: a good ``volume.json`` and manifest, then ``extra``."""
    return raw_zip([Raw(b"volume.json", volume_json()), Raw(b"manifest.json", MANIFEST), *extra])


# -- checking refusals ------------------------------------------------------------------------


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {
        str(path.relative_to(root)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in sorted(root.rglob("*"))
    }


@pytest.fixture
def place(tmp_path: Path) -> Callable[[bytes], Path]:
    """Write bytes as ``in/hostile.kmbundle``; ``out/`` is the folder nothing may appear in."""
    (tmp_path / "in").mkdir()
    (tmp_path / "out").mkdir()

    def write(data: bytes, name: str = FILE) -> Path:
        path = tmp_path / "in" / name
        path.write_bytes(data)
        return path

    return write


def refuse(action: Callable[[], object], fragment: str, root: Path) -> BundleError:
    """Run ``action``, expect a one-line BundleError with ``fragment``; nothing written."""
    before = snapshot(root)
    with pytest.raises(BundleError, match=re.escape(fragment)) as caught:
        action()
    message = str(caught.value)
    assert "\n" not in message
    assert snapshot(root) == before
    assert not any((root / "out").iterdir())
    return caught.value


def open_volume(path: Path, limits: Limits | None = None) -> Callable[[], object]:
    def action() -> object:
        with Volume(path) if limits is None else Volume(path, limits) as volume:
            return volume.names()

    return action


# -- valid volumes ----------------------------------------------------------------------------


def test_a_single_volume_reads_back(place: Callable[..., Path]) -> None:
    path = place(valid_volume(comment=b"made by kmdesk"), "report.kmbundle")
    assert locate_volumes(path) == [path]
    with Volume(path) as volume:
        assert volume.info == VolumeInfo(BUNDLE_ID, 1, 1)
        assert volume.names() == ["volume.json", "manifest.json", "records/part1.jsonl", GUIDE_NAME]
        assert volume.size("records/part1.jsonl") == len(PRODUCTS)
        assert volume.read_small("manifest.json") == MANIFEST
        out = io.BytesIO()
        volume.copy_entry(
            "records/part1.jsonl",
            out,
            expected_size=len(PRODUCTS),
            expected_sha256=hashlib.sha256(PRODUCTS).hexdigest(),
            chunk=100,
        )
        assert out.getvalue() == PRODUCTS
        out = io.BytesIO()
        volume.copy_entry(
            GUIDE_NAME,
            out,
            expected_size=len(GUIDE),
            expected_sha256=hashlib.sha256(GUIDE).hexdigest().upper(),
        )
        assert out.getvalue() == GUIDE


def test_a_split_bundle_is_found_from_any_part_and_read_in_order(
    place: Callable[..., Path],
) -> None:
    parts = [place(valid_volume(n, 3), f"report.kmbundle.00{n}") for n in (1, 2, 3)]
    place(valid_volume(1, 1, OTHER_ID), "other.kmbundle.001")  # another bundle beside it
    assert locate_volumes(parts[1]) == parts
    assert locate_volumes(parts[2]) == parts
    for number, path in enumerate(parts, start=1):
        with Volume(path) as volume:
            assert volume.info == VolumeInfo(BUNDLE_ID, number, 3)
            name = f"records/part{number}.jsonl"
            out = io.BytesIO()
            volume.copy_entry(
                name,
                out,
                expected_size=len(PRODUCTS),
                expected_sha256=hashlib.sha256(PRODUCTS).hexdigest(),
            )
            assert out.getvalue() == PRODUCTS


class _Unseekable(io.RawIOBase):
    """A write-only stream that cannot seek: zipfile then writes data descriptors."""

    def __init__(self) -> None:
        self.buffer = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.buffer += data
        return len(data)


def test_data_descriptors_and_zip64_headers_are_read(place: Callable[..., Path]) -> None:
    stream = _Unseekable()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("volume.json", volume_json())
        archive.writestr("records/a.jsonl", PRODUCTS, compress_type=zipfile.ZIP_DEFLATED)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("volume.json", volume_json())
        with archive.open("records/a.jsonl", "w", force_zip64=True) as entry:
            entry.write(PRODUCTS)
    for data in (bytes(stream.buffer), buffer.getvalue()):
        with Volume(place(data)) as volume:
            assert volume.read_small("records/a.jsonl") == PRODUCTS


# -- the hostile corpus: refused when opened --------------------------------------------------


def _quoted_overlap() -> bytes:
    """Fifield's overlap: entry a's data runs over entry b's local header and data."""
    b_data = deflate(PRODUCTS)
    covered = 30 + len(b"records/b.jsonl") + len(b_data)
    return with_entries(
        Raw(b"records/a.jsonl", b"a" * 10, file_size=10 + covered, compress_size=10 + covered),
        Raw(b"records/b.jsonl", PRODUCTS, method=8, data=b_data),
    )


def _prepended() -> bytes:
    """A self-extractor's shape: a script, then an archive whose offsets count it in."""
    buffer = io.BytesIO(b"#!/bin/sh\nexit 0\n")
    buffer.seek(0, 2)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("volume.json", volume_json())
    return buffer.getvalue()


def _unicode_path_extra() -> bytes:
    name = b"records/a.jsonl"
    other = b"../../evil"
    extra = struct.pack("<HHBL", 0x7075, 5 + len(other), 1, zlib.crc32(name)) + other
    return with_entries(Raw(name, central_extra=extra))


def _volume(entries: list[tuple[str, bytes]]) -> Callable[[], bytes]:
    return lambda: make_zip(entries)


def _volume_info(data: bytes) -> Callable[[], bytes]:
    return _volume([("volume.json", data), ("manifest.json", MANIFEST)])


HOSTILE: list[tuple[str, Callable[[], bytes], str]] = [
    ("traversal", lambda: with_entries(Raw(b"../x")), "entry '../x': path traversal"),
    (
        "nested traversal",
        lambda: with_entries(Raw(b"records/../../x")),
        "entry 'records/../../x': path traversal",
    ),
    ("absolute", lambda: with_entries(Raw(b"/etc/passwd")), "entry '/etc/passwd': absolute path"),
    ("drive", lambda: with_entries(Raw(b"C:x")), "entry 'C:x': drive path"),
    ("drive root", lambda: with_entries(Raw(b"C:\\x")), "entry 'C:\\\\x': drive path"),
    (
        "backslash",
        lambda: with_entries(Raw(b"records\\a.jsonl")),
        "entry 'records\\\\a.jsonl': backslash in the name",
    ),
    (
        "NUL",
        lambda: with_entries(Raw(b"records/a\x00.jsonl")),
        "entry 'records/a\\x00.jsonl': NUL byte in the name",
    ),
    (
        "control character",
        lambda: with_entries(Raw(b"records/a\nb.jsonl")),
        "entry 'records/a\\nb.jsonl': control character in the name",
    ),
    (
        "non-ASCII",
        lambda: with_entries(Raw("records/é.jsonl".encode(), flags=0x800)),
        "entry 'records/é.jsonl': non-ASCII character in the name",
    ),
    ("too deep", lambda: with_entries(Raw(b"a/b/c")), "entry 'a/b/c': more than 2 path segments"),
    (
        "outside the alphabet",
        lambda: with_entries(Raw(b"records/a b")),
        "entry 'records/a b': character ' ' is not allowed in names",
    ),
    (
        "symlink",
        lambda: with_entries(
            Raw(b"records/link", b"/etc/passwd", external_attr=(stat.S_IFLNK | 0o777) << 16)
        ),
        "entry 'records/link': symbolic link",
    ),
    ("directory", lambda: with_entries(Raw(b"records/", b"")), "entry 'records/': directory entry"),
    (
        "FIFO",
        lambda: with_entries(Raw(b"records/fifo", external_attr=(stat.S_IFIFO | 0o644) << 16)),
        "entry 'records/fifo': not a regular file (mode 10644)",
    ),
    (
        "duplicate",
        lambda: with_entries(Raw(b"records/a.jsonl"), Raw(b"records/a.jsonl", b"y")),
        "entry 'records/a.jsonl': duplicate entry",
    ),
    (
        "case-insensitive duplicate",
        lambda: with_entries(Raw(b"records/A.jsonl"), Raw(b"records/a.jsonl")),
        "entry 'records/a.jsonl': differs only in case from entry 'records/A.jsonl'",
    ),
    (
        "encrypted",
        lambda: with_entries(Raw(b"records/a.jsonl", flags=0x1)),
        "entry 'records/a.jsonl': encrypted entry",
    ),
    (
        "bzip2",
        lambda: with_entries(Raw(b"records/a.jsonl", method=12, data=b"BZh91AY&SY")),
        "entry 'records/a.jsonl': unsupported compression method 12",
    ),
    (
        "alternative Unicode name",
        _unicode_path_extra,
        "entry 'records/a.jsonl': an extra field gives it another name",
    ),
    (
        "deflate bomb",
        _volume([("volume.json", volume_json()), ("records/bomb.jsonl", bytes(2 * 1024**2))]),
        "entry 'records/bomb.jsonl': compression ratio",
    ),
    (
        "overlapping entries",
        lambda: with_entries(
            Raw(b"records/a.jsonl", PRODUCTS, method=8),
            Raw(b"records/b.jsonl", PRODUCTS, method=8, same_data_as=2),
        ),
        "entry 'records/b.jsonl': overlaps entry 'records/a.jsonl': both use the same local data",
    ),
    (
        "quoted overlap",
        _quoted_overlap,
        "entry 'records/b.jsonl': starts inside entry 'records/a.jsonl' (overlapping entries",
    ),
    (
        "local name differs",
        lambda: with_entries(Raw(b"records/a.jsonl", local_name=b"records/b.jsonl")),
        "entry 'records/a.jsonl': its local header names it 'records/b.jsonl'",
    ),
    (
        "hidden data between entries",
        lambda: with_entries(Raw(b"records/a.jsonl", before=b"hidden!")),
        "entry 'records/a.jsonl': 7 bytes before it that no entry accounts for",
    ),
    ("prepended data", _prepended, "entry 'volume.json': 17 bytes before it that no entry"),
    (
        "two end records",
        lambda: valid_volume() + valid_volume()[-22:],
        "more than one end-of-central-directory record",
    ),
    (
        "concatenated archives",
        lambda: valid_volume() + valid_volume(bundle_id=OTHER_ID),
        f"{FILE}: several archives joined together",
    ),
    (
        "joined to a larger archive",
        lambda: (
            valid_volume()
            + make_zip([("volume.json", volume_json()), ("attachments/big", bytes(70_000))])
        ),
        "the end record does not point at the central directory",
    ),
    (
        "archive in the comment",
        lambda: valid_volume(comment=b"PK\x03\x04 a local header"),
        "the archive comment hides ZIP records",
    ),
    (
        "entries miscounted",
        lambda: (
            with_entries(Raw(b"records/a.jsonl"))[:-14]
            + struct.pack("<2H", 4, 4)
            + with_entries(Raw(b"records/a.jsonl"))[-10:]
        ),
        "the central directory holds 3 entries, the end record says 4",
    ),
    (
        "truncated",
        lambda: valid_volume()[: len(valid_volume()) // 2],
        "truncated, or followed by other data",
    ),
    (
        "garbage appended",
        lambda: valid_volume() + b"garbage!",
        "8 bytes of data after the end of the archive",
    ),
    ("not a ZIP", lambda: b"This is plain text, not an archive.\n" * 3, "not a ZIP archive"),
    ("too short", lambda: b"PK", "not a ZIP archive"),
    (
        "volume.json missing",
        _volume([("manifest.json", MANIFEST)]),
        "no volume.json: not a kmdesk bundle",
    ),
    (
        "volume.json not first",
        _volume([("manifest.json", MANIFEST), ("volume.json", volume_json())]),
        "entry 'volume.json': must be the first entry",
    ),
    (
        "volume.json of another format",
        _volume_info(volume_json().replace(b"kmdesk-bundle-volume", b"kmdesk-bundle")),
        "entry 'volume.json': not a kmdesk bundle volume",
    ),
    (
        "bad bundle id",
        _volume_info(volume_json(bundle_id="../../etc")),
        "entry 'volume.json': bad bundle id '../../etc'",
    ),
    (
        "bad volume numbers",
        _volume_info(volume_json(3, 2)),
        "entry 'volume.json': bad volume numbers 3 of 2",
    ),
    ("volume.json not JSON", _volume_info(b"{volume: 1"), "entry 'volume.json': not valid JSON"),
    (
        "volume.json with a key twice",
        _volume_info(volume_json()[:-1] + b', "volume": 2}'),
        "duplicate key 'volume'",
    ),
    (
        "volume.json deeply nested",
        _volume_info(b"[" * 4000),
        "entry 'volume.json': not valid JSON",
    ),
    (
        "volume.json too large",
        _volume_info(volume_json() + b" " * 5000),
        f"entry 'volume.json': {len(volume_json()) + 5000} bytes, more than the 4096 bytes",
    ),
]


@pytest.mark.parametrize(
    ("build", "fragment"),
    [pytest.param(build, fragment, id=case) for case, build, fragment in HOSTILE],
)
def test_a_hostile_archive_is_refused_when_opened(
    place: Callable[..., Path], tmp_path: Path, build: Callable[[], bytes], fragment: str
) -> None:
    path = place(build())
    error = refuse(open_volume(path), fragment, tmp_path)
    assert str(error).startswith(FILE)


def test_the_corpus_is_large_and_each_message_is_its_own() -> None:
    assert len(HOSTILE) >= 22
    fragments = [fragment for _case, _build, fragment in HOSTILE]
    repeated = {f for f in fragments if fragments.count(f) > 1}
    assert repeated == {"not a ZIP archive", "entry 'volume.json': not valid JSON"}


@pytest.mark.parametrize(
    ("limits", "fragment"),
    [
        pytest.param(Limits(max_entries=3), "4 entries, more than the limit of 3", id="entries"),
        pytest.param(
            Limits(max_entry_bytes=1000),
            f"entry 'records/part1.jsonl': declares {len(PRODUCTS)} bytes, more than the limit "
            "of 1000",
            id="entry bytes",
        ),
        pytest.param(
            Limits(max_total_bytes=len(PRODUCTS) + 100),
            f"declares more than {len(PRODUCTS) + 100} bytes in all",
            id="total bytes",
        ),
    ],
)
def test_limits_are_enforced_from_the_declared_sizes(
    place: Callable[..., Path], tmp_path: Path, limits: Limits, fragment: str
) -> None:
    path = place(valid_volume())
    refuse(open_volume(path, limits), fragment, tmp_path)
    with Volume(path, Limits()) as volume:
        assert len(volume.names()) == 4


def test_a_volume_that_is_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    folder = tmp_path / "folder.kmbundle"
    folder.mkdir()
    refuse(open_volume(folder), "folder.kmbundle: not a regular file", tmp_path)
    refuse(open_volume(tmp_path / "gone.kmbundle"), "gone.kmbundle: cannot be read", tmp_path)


# -- the hostile corpus: refused when read ----------------------------------------------------


def _copy(
    path: Path, name: str, out: io.BytesIO, size: int, sha256: str, chunk: int = 1 << 20
) -> Callable[[], object]:
    def action() -> object:
        with Volume(path) as volume:
            volume.copy_entry(name, out, expected_size=size, expected_sha256=sha256, chunk=chunk)
        return None

    return action


def _read_whole(path: Path, name: str) -> Callable[[], object]:
    def action() -> object:
        with Volume(path) as volume:
            return volume.read_small(name)

    return action


SHA = hashlib.sha256(PRODUCTS).hexdigest()


def test_copy_refuses_a_declared_size_other_than_expected_before_writing(
    place: Callable[..., Path], tmp_path: Path
) -> None:
    path = place(valid_volume())
    out = io.BytesIO()
    action = _copy(path, "records/part1.jsonl", out, len(PRODUCTS) + 1, SHA)
    refuse(
        action, f"declares {len(PRODUCTS)} bytes, the manifest says {len(PRODUCTS) + 1}", tmp_path
    )
    assert out.getvalue() == b""


def test_copy_refuses_a_hash_mismatch(place: Callable[..., Path], tmp_path: Path) -> None:
    path = place(valid_volume())
    out = io.BytesIO()
    action = _copy(path, "records/part1.jsonl", out, len(PRODUCTS), hashlib.sha256(b"").hexdigest())
    refuse(action, "entry 'records/part1.jsonl': the SHA-256 differs from the manifest's", tmp_path)
    assert len(out.getvalue()) <= len(PRODUCTS)


@pytest.mark.parametrize("chunk", [1, 7, 1 << 20])
def test_data_longer_than_declared_is_stopped_at_the_declared_size(
    place: Callable[..., Path], tmp_path: Path, chunk: int
) -> None:
    path = place(with_entries(Raw(b"records/a.jsonl", PRODUCTS, method=8, file_size=100)))
    out = io.BytesIO()
    action = _copy(path, "records/a.jsonl", out, 100, SHA, chunk)
    refuse(action, "entry 'records/a.jsonl': holds more data than its declared 100 bytes", tmp_path)
    assert len(out.getvalue()) <= 100
    refuse(_read_whole(path, "records/a.jsonl"), "more data than", tmp_path)


READ_DAMAGE: list[tuple[str, Raw, str]] = [
    (
        "shorter than declared",
        Raw(b"records/a.jsonl", PRODUCTS, method=8, file_size=len(PRODUCTS) + 10),
        f"holds fewer bytes than its declared {len(PRODUCTS) + 10}",
    ),
    (
        "data after the deflate stream",
        Raw(b"records/a.jsonl", PRODUCTS, method=8, data=deflate(PRODUCTS) + b"junk"),
        "data after the end of its compressed stream",
    ),
    (
        "damaged deflate data",
        Raw(b"records/a.jsonl", PRODUCTS, method=8, data=b"\xff" * 64),
        "damaged compressed data",
    ),
    (
        "deflate data cut short",
        Raw(b"records/a.jsonl", PRODUCTS, method=8, data=deflate(PRODUCTS)[:20]),
        "the compressed data ends early",
    ),
]


@pytest.mark.parametrize(
    ("entry", "fragment"),
    [pytest.param(entry, fragment, id=case) for case, entry, fragment in READ_DAMAGE],
)
def test_damaged_entry_data_is_refused_while_reading(
    place: Callable[..., Path], tmp_path: Path, entry: Raw, fragment: str
) -> None:
    path = place(with_entries(entry))
    with Volume(path) as volume:
        size = volume.size("records/a.jsonl")
    out = io.BytesIO()
    refuse(_copy(path, "records/a.jsonl", out, size, SHA), fragment, tmp_path)
    assert len(out.getvalue()) <= size
    refuse(_read_whole(path, "records/a.jsonl"), fragment, tmp_path)


def test_a_flipped_byte_is_refused_by_hash_when_copied_and_by_crc_when_read_whole(
    place: Callable[..., Path], tmp_path: Path
) -> None:
    path = place(with_entries(Raw(b"records/a.jsonl", PRODUCTS, data=b"X" + PRODUCTS[1:])))
    out = io.BytesIO()
    action = _copy(path, "records/a.jsonl", out, len(PRODUCTS), SHA)
    refuse(action, "entry 'records/a.jsonl': the SHA-256 differs from the manifest's", tmp_path)
    refuse(
        _read_whole(path, "records/a.jsonl"),
        "entry 'records/a.jsonl': CRC-32 mismatch",
        tmp_path,
    )


def test_read_small_is_bounded_and_names_unknown_entries(
    place: Callable[..., Path], tmp_path: Path
) -> None:
    path = place(valid_volume())
    with Volume(path) as volume:
        refuse(
            lambda: volume.read_small("records/part1.jsonl", 10),
            f"entry 'records/part1.jsonl': {len(PRODUCTS)} bytes, more than the 10 bytes allowed",
            tmp_path,
        )
        refuse(
            lambda: volume.size("x"),
            "entry 'x': no such entry in the archive",
            tmp_path,
        )
        assert volume.read_small("manifest.json", len(MANIFEST)) == MANIFEST


# -- parts of a split bundle ------------------------------------------------------------------


def _parts(place: Callable[..., Path], layout: dict[str, bytes]) -> Path:
    paths = [place(data, name) for name, data in layout.items()]
    return paths[0]


SPLIT: list[tuple[str, dict[str, bytes], str]] = [
    (
        "last part missing",
        {"report.kmbundle.001": valid_volume(1, 3), "report.kmbundle.002": valid_volume(2, 3)},
        "report.kmbundle.003 is missing (part 3 of 3)",
    ),
    (
        "gap",
        {"report.kmbundle.001": valid_volume(1, 3), "report.kmbundle.003": valid_volume(3, 3)},
        "report.kmbundle.002 is missing (part 2; parts found up to report.kmbundle.003)",
    ),
    (
        "numbered twice",
        {
            "report.kmbundle.001": valid_volume(1, 3),
            "report.kmbundle.002": valid_volume(2, 3),
            "report.kmbundle.0002": valid_volume(2, 3),
            "report.kmbundle.003": valid_volume(3, 3),
        },
        "report.kmbundle.002 and report.kmbundle.0002 are both part 2",
    ),
    (
        "foreign part",
        {
            "report.kmbundle.001": valid_volume(1, 3),
            "report.kmbundle.002": valid_volume(2, 3, OTHER_ID),
            "report.kmbundle.003": valid_volume(3, 3),
        },
        "report.kmbundle.002 belongs to another bundle than report.kmbundle.001",
    ),
    (
        "another total",
        {
            "report.kmbundle.001": valid_volume(1, 3),
            "report.kmbundle.002": valid_volume(2, 4),
            "report.kmbundle.003": valid_volume(3, 3),
        },
        "report.kmbundle.002 says the bundle has 4 parts, report.kmbundle.001 says 3",
    ),
    (
        "swapped parts",
        {
            "report.kmbundle.001": valid_volume(1, 3),
            "report.kmbundle.002": valid_volume(3, 3),
            "report.kmbundle.003": valid_volume(2, 3),
        },
        "report.kmbundle.002 says it is part 3, not part 2",
    ),
    (
        "hostile part",
        {
            "report.kmbundle.001": valid_volume(1, 3),
            "report.kmbundle.002": valid_volume(2, 3)[:200],
            "report.kmbundle.003": valid_volume(3, 3),
        },
        "report.kmbundle.002: truncated",
    ),
    (
        "part zero",
        {"report.kmbundle.001": valid_volume(1, 1), "report.kmbundle.000": valid_volume(1, 1)},
        "report.kmbundle.000: not a part, parts are numbered from 001",
    ),
    (
        "a part passed as a whole bundle",
        {"report.kmbundle": valid_volume(1, 3)},
        "report.kmbundle: says it is part 1 of a bundle in 3 parts",
    ),
    (
        "not a bundle name",
        {"report.zip": valid_volume()},
        "report.zip: not a bundle file name",
    ),
]


@pytest.mark.parametrize(
    ("layout", "fragment"),
    [pytest.param(layout, fragment, id=case) for case, layout, fragment in SPLIT],
)
def test_parts_of_a_split_bundle_are_checked(
    place: Callable[..., Path], tmp_path: Path, layout: dict[str, bytes], fragment: str
) -> None:
    first = _parts(place, layout)
    refuse(lambda: locate_volumes(first), fragment, tmp_path)


# -- whatever the damage, a BundleError and nothing else ----------------------------------------


def test_random_damage_gives_a_bundle_error_or_a_readable_volume(tmp_path: Path) -> None:
    """Seeded mutations of good volumes: flipped, inserted and removed bytes, cuts."""
    rng = random.Random(14)
    seeds = [valid_volume(), with_entries(Raw(b"records/a.jsonl", PRODUCTS, method=8))]
    path = tmp_path / FILE
    refused = 0
    for _round in range(400):
        data = bytearray(rng.choice(seeds))
        for _change in range(rng.randint(1, 3)):
            if not data:
                break
            near = rng.choice([rng.randrange(len(data)), rng.randrange(150), -rng.randrange(150)])
            where = near % len(data)
            action = rng.randrange(4)
            if action == 0:
                data[where] = rng.randrange(256)
            elif action == 1:
                data[where:where] = rng.randbytes(rng.randint(1, 20))
            elif action == 2:
                del data[where : where + rng.randint(1, 20)]
            else:
                del data[where:]
        path.write_bytes(bytes(data))
        try:
            with Volume(path) as volume:
                for name in volume.names():
                    volume.read_small(name)
        except BundleError as error:
            assert "\n" not in str(error) and str(error).startswith(FILE)
            refused += 1
    assert refused > 300
