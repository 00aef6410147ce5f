"""Reading bundle archives without trusting them.

A bundle reaches a catalogue on a USB stick or through a messaging app, so the bytes read here may
have been damaged on the way or crafted to hurt: names that climb out of a folder, symbolic
links, entries that inflate to terabytes, entries that share their data (the overlapping-entry
zip bomb), several archives glued together so that two ZIP readers see two different contents.
This module is the one place that parses those bytes, and it checks the whole structure before
anything is read:

* the end-of-central-directory record is found once, at the very end (a comment may follow
  it, not data, and not a second record), and points exactly at the central directory;
* every central-directory record is parsed from the raw bytes (Python's :mod:`zipfile` quietly
  accepts prepended data, cuts names at a NUL byte and takes alternative names from extra
  fields); names follow the bundle alphabet; no directory, link, device or encrypted entry; only
  stored and deflated data; sizes, totals and compression ratios under :class:`Limits`;
* the local entries **tile** the file: the first starts at byte 0, each starts where the
  previous one ends, the last ends where the central directory starts. No byte belongs to two
  entries (overlaps are zip bombs) and none belongs to no entry (hidden data, another archive);
* each local header repeats its central-directory record (name, method, sizes);
* the first entry is ``volume.json``, and :mod:`zipfile` (the standard reader) sees the very
  same entries.

Reading is streaming and bounded: an entry is never extracted by name, never read whole into
memory (except :meth:`Volume.read_small`, under its bound), and inflation stops as soon as an
entry produces more than its declared size. :meth:`Volume.copy_entry` writes into a stream the
caller opened; this module never creates a file, let alone one named after an entry.

Every refusal is a :class:`BundleError` whose one-line message names the file, the entry when
there is one, and the problem.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO, Final, Self

from kmdesk.errors import KmdeskError
from kmdesk.i18n import _

BUNDLE_SUFFIX: Final = ".kmbundle"
VOLUME_ENTRY: Final = "volume.json"
VOLUME_FORMAT: Final = "kmdesk-bundle-volume"
MAX_VOLUMES: Final = 10_000
#: ``volume.json`` is a few dozen bytes; it is read with this bound.
MAX_VOLUME_JSON_BYTES: Final = 4096
#: Entries smaller than this may compress as well as they like (a JSON lines file of empty
#: records does compress 500 times); a bomb has to be bigger than this to matter.
RATIO_EXEMPT_BYTES: Final = 1024**2
MAX_SEGMENTS: Final = 2
MAX_SEGMENT_CHARS: Final = 100

_STORED: Final = 0
_DEFLATED: Final = 8
_FLAG_ENCRYPTED: Final = 0x0001
_FLAG_DESCRIPTOR: Final = 0x0008
_FLAG_STRONG_ENCRYPTION: Final = 0x0040
_FLAG_MASKED_HEADERS: Final = 0x2000
_ENCRYPTION_FLAGS: Final = _FLAG_ENCRYPTED | _FLAG_STRONG_ENCRYPTION | _FLAG_MASKED_HEADERS
#: Flags a plain archive may carry: deflate options (bits 1-2), data descriptor, UTF-8 names.
_KNOWN_FLAGS: Final = 0x0002 | 0x0004 | _FLAG_DESCRIPTOR | 0x0800
_MSDOS_DIRECTORY: Final = 0x10
_MAX16: Final = 0xFFFF
_MAX32: Final = 0xFFFF_FFFF
_EXTRA_ZIP64: Final = 0x0001
_EXTRA_UNICODE_PATH: Final = 0x7075

_SIG_LOCAL: Final = b"PK\x03\x04"
_SIG_CENTRAL: Final = b"PK\x01\x02"
_SIG_END: Final = b"PK\x05\x06"
_SIG_ZIP64_END: Final = b"PK\x06\x06"
_SIG_ZIP64_LOCATOR: Final = b"PK\x06\x07"
_SIG_DESCRIPTOR: Final = b"PK\x07\x08"

# signature, disk, disk of the central directory, entries on this disk, entries, size, offset,
# comment length
_END = struct.Struct("<4s4H2LH")
# signature, disk of the ZIP64 end record, its offset, number of disks
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
# signature, record size, made by, needed, disk, disk of the central directory, entries on this
# disk, entries, size, offset
_ZIP64_END = struct.Struct("<4sQ2H2L4Q")
# signature, made by (version, system), needed (version, system), flags, method, time, date,
# CRC-32, compressed size, size, name length, extra length, comment length, first disk,
# internal attributes, external attributes, local header offset
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
# signature, needed (version, system), flags, method, time, date, CRC-32, compressed size, size,
# name length, extra length
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_EXTRA_HEADER = struct.Struct("<HH")

_SEGMENT = re.compile(r"[A-Za-z0-9._-]+")
_GOOD_NAME = re.compile(rb"[A-Za-z0-9._-]{1,100}(?:/[A-Za-z0-9._-]{1,100})?")
_CONTROL = re.compile(rb"[\x00-\x1f\x7f]")
_NON_ASCII = re.compile(rb"[\x80-\xff]")
_DRIVE = re.compile(r"[A-Za-z]:")
_BUNDLE_ID = re.compile(r"[0-9a-f]{32}")
_PART = re.compile(r"(?P<stem>.+\.kmbundle)\.(?P<number>[0-9]{3,})")


class BundleError(KmdeskError):
    """A bundle file that cannot be used: its one-line message names the file, entry and problem.

    Built with the whole message (as other bundle modules do); ``file`` and ``entry`` are kept
    when known, so that a caller can show them apart.
    """

    def __init__(self, message: str, *, file: str | None = None, entry: str | None = None) -> None:
        self.file = file
        self.entry = entry
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on what one volume may ask of the reader: entries, bytes, compression ratio.

    The defaults are far above any real bundle (a few thousand entries, attachments of a few
    hundred megabytes) and far below what would exhaust a laptop.
    """

    max_entries: int = 200_000
    """Entries per volume (each costs memory before any check on its data can run)."""
    max_entry_bytes: int = 4 * 1024**3
    """Uncompressed bytes of one entry."""
    max_total_bytes: int = 64 * 1024**3
    """Uncompressed bytes of all the entries of a volume."""
    max_ratio: int = 200
    """Uncompressed over compressed size of an entry of at least :data:`RATIO_EXEMPT_BYTES`."""
    max_small_bytes: int = 64 * 1024**2
    """Default bound of :meth:`Volume.read_small`."""


DEFAULT_LIMITS: Final = Limits()


@dataclass(frozen=True, slots=True)
class VolumeInfo:
    """What ``volume.json`` says: which bundle this volume belongs to, and where in it."""

    bundle_id: str
    volume: int
    volumes: int


@dataclass(slots=True)
class _Entry:
    """One entry as the central directory declares it (and as its local header confirms)."""

    name: str
    flags: int
    method: int
    crc: int
    compress_size: int
    file_size: int
    header_offset: int
    data_offset: int = -1


def _shown(name: bytes | str) -> str:
    """An entry name fit for a one-line message: quoted, escaped, cut when very long."""
    text = name.decode("utf-8", "backslashreplace") if isinstance(name, bytes) else name
    if len(text) > 120:
        text = text[:120] + "…"
    return repr(text)


def _name_problem(raw: bytes) -> str | None:
    """Why ``raw`` is not an acceptable entry name, or ``None`` when it is.

    The alphabet is small on purpose: such a name is the same on every system and every ZIP
    tool, cannot hide a path, and never needs an encoding.
    """
    if _GOOD_NAME.fullmatch(raw) and not set(raw.split(b"/")) & {b".", b".."}:
        return None  # the common case, quickly; what follows says what is wrong
    if not raw:
        return _("the name is empty")
    if b"\x00" in raw:
        return _("NUL byte in the name")
    if _CONTROL.search(raw):
        return _("control character in the name")
    if _NON_ASCII.search(raw):
        return _("non-ASCII character in the name")
    name = raw.decode("ascii")
    if name[0] in "/\\":
        return _("absolute path")
    if _DRIVE.match(name):
        return _("drive path")
    if "\\" in name:
        return _("backslash in the name")
    if name.endswith("/"):
        return _("directory entry")
    segments = name.split("/")
    if "" in segments:
        return _("empty path segment")
    if ".." in segments:
        return _("path traversal ('..' in the name)")
    if "." in segments:
        return _("'.' segment in the name")
    if len(segments) > MAX_SEGMENTS:
        return _("more than {count} path segments").format(count=MAX_SEGMENTS)
    for segment in segments:
        if len(segment) > MAX_SEGMENT_CHARS:
            return _("a path segment longer than {count} characters").format(
                count=MAX_SEGMENT_CHARS
            )
        if not _SEGMENT.fullmatch(segment):
            bad = next(char for char in segment if not _SEGMENT.fullmatch(char))
            return _("character {char!r} is not allowed in names").format(char=bad)
    return _("not an acceptable entry name")  # unreachable: the quick check let it through


def _mode_problem(external_attr: int) -> str | None:
    """Why the file type in ``external_attr`` is not a plain file, or ``None``.

    The high 16 bits hold a Unix mode when the creating tool set one (Python's :mod:`zipfile`
    writes permission bits only, ``0o600``, for data it was given as bytes: no type is fine).
    """
    if external_attr & _MSDOS_DIRECTORY:
        return _("directory entry")
    mode = external_attr >> 16
    kind = stat.S_IFMT(mode)
    if kind == stat.S_IFLNK:
        return _("symbolic link")
    if kind not in (0, stat.S_IFREG):
        return _("not a regular file (mode {mode:o})").format(mode=mode)
    return None


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object hook that refuses a key given twice (readers would disagree on its value)."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _refuse_constant(name: str) -> Any:
    """A JSON constant hook that refuses NaN and the infinities."""
    raise ValueError(f"{name} is not allowed")


class Volume:
    """One volume opened for reading; use as a context manager (closes the file).

    The constructor validates the whole structure (see the module's docstring) and refuses the
    file with a :class:`BundleError` at the first problem. Methods read one entry at a time, by
    name, checking its data against what the central directory declared. One volume is not
    meant to be read from two threads at once.
    """

    def __init__(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
        self.path = Path(path)
        self.limits = limits
        self._label = self.path.name
        self._entries: dict[str, _Entry] = {}
        self._order: list[_Entry] = []
        self._file = self._open()
        try:
            self._size = os.fstat(self._file.fileno()).st_size
            self._validate()
        except BaseException:
            self._file.close()
            raise

    # -- the public side ------------------------------------------------------------------------

    @property
    def info(self) -> VolumeInfo:
        """The parsed ``volume.json``: bundle id, this volume's number, the number of volumes."""
        return self._info

    def names(self) -> list[str]:
        """Entry names in archive order (``volume.json`` first)."""
        return [entry.name for entry in self._order]

    def size(self, name: str) -> int:
        """The declared uncompressed size of entry ``name`` (reading checks it)."""
        return self._entry(name).file_size

    def read_small(self, name: str, max_bytes: int | None = None) -> bytes:
        """The whole of a small entry (a manifest, a signature), refused above ``max_bytes``.

        The bound defaults to :attr:`Limits.max_small_bytes`. It is checked against the declared
        size before reading, and the read itself stops at the declared size, so no more than the
        bound is ever held in memory.
        """
        entry = self._entry(name)
        bound = self.limits.max_small_bytes if max_bytes is None else max_bytes
        if entry.file_size > bound:
            raise self._entry_error(
                entry.name,
                _("{size} bytes, more than the {limit} bytes allowed here").format(
                    size=entry.file_size, limit=bound
                ),
            )
        data = bytearray()
        for chunk in self._chunks(entry, 1 << 16):
            data += chunk
        return bytes(data)

    def copy_entry(
        self,
        name: str,
        out: BinaryIO,
        *,
        expected_size: int,
        expected_sha256: str,
        chunk: int = 1 << 20,
    ) -> None:
        """Stream entry ``name`` into ``out``, checking its size and SHA-256 on the way.

        ``expected_size`` and ``expected_sha256`` come from the signed manifest. The declared
        size must equal ``expected_size`` before a byte is written, and inflation stops at the
        declared size, so no more than ``expected_size`` bytes ever reach ``out``. The hash can
        only be known at the end: on a :class:`BundleError` ``out`` holds unverified bytes, and
        the caller (who chose where ``out`` is) discards it. Errors writing to ``out`` (a full
        disk) are the caller's and pass through unchanged.
        """
        if chunk < 1:
            raise ValueError("chunk must be positive")
        entry = self._entry(name)
        if entry.file_size != expected_size:
            raise self._entry_error(
                entry.name,
                _("declares {size} bytes, the manifest says {expected}").format(
                    size=entry.file_size, expected=expected_size
                ),
            )
        digest = hashlib.sha256()
        written = 0
        # No CRC-32 here: the SHA-256 from the signed manifest is the stronger check, and CRC-32
        # on top would cost a third more time on a big attachment.
        for data in self._chunks(entry, chunk, check_crc=False):
            written += len(data)
            if written > expected_size:  # _chunks already stops at the declared size
                raise self._entry_error(entry.name, _("more data than declared"))
            digest.update(data)
            out.write(data)
        if written != expected_size:  # _chunks already checks this too
            raise self._entry_error(entry.name, _("fewer bytes than declared"))
        if digest.hexdigest() != expected_sha256.lower():
            raise self._entry_error(
                entry.name, _("the SHA-256 differs from the manifest's: the entry was altered")
            )

    def close(self) -> None:
        """Close the file (reading afterwards fails)."""
        self._file.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Volume {self.path}>"

    # -- messages -------------------------------------------------------------------------------

    def _error(self, problem: str) -> BundleError:
        return BundleError(
            _("{file}: {problem}").format(file=self._label, problem=problem), file=self._label
        )

    def _entry_error(self, name: bytes | str, problem: str) -> BundleError:
        shown = _shown(name)
        return BundleError(
            _("{file}, entry {entry}: {problem}").format(
                file=self._label, entry=shown, problem=problem
            ),
            file=self._label,
            entry=shown,
        )

    # -- opening and structure ------------------------------------------------------------------

    def _open(self) -> BinaryIO:
        """The file, opened only when it is a regular file (a FIFO would block the reader)."""
        try:
            if not stat.S_ISREG(self.path.stat().st_mode):
                raise self._error(_("not a regular file"))
            return self.path.open("rb")
        except OSError as exc:
            raise self._error(
                _("cannot be read ({error})").format(error=exc.strerror or exc)
            ) from exc

    def _read_at(self, offset: int, size: int, entry: str | None = None) -> bytes:
        """Up to ``size`` bytes at ``offset`` (fewer at the end of the file); read errors named."""
        try:  # pread: no shared file position, so threads may copy entries side by side
            return os.pread(self._file.fileno(), size, offset)
        except OSError as exc:
            problem = _("cannot be read ({error})").format(error=exc.strerror or exc)
            raise (
                self._error(problem) if entry is None else self._entry_error(entry, problem)
            ) from exc

    def _validate(self) -> None:
        end, fields, others = self._find_end_record()
        cd_offset, cd_size, count = self._read_end_records(end, fields, others)
        self._read_central_directory(cd_offset, cd_size, count)
        self._check_layout(cd_offset)
        self._info = self._read_volume_info()
        self._cross_check()

    def _find_end_record(self) -> tuple[int, tuple[Any, ...], list[int]]:
        """The end-of-central-directory record: its offset, fields, and other candidates.

        The record is the last 22 bytes of the file, or is followed by a comment that reaches
        exactly the end of the file; anything else after the archive is refused.
        """
        size = self._size
        start = max(0, size - _END.size - _MAX16)
        tail = self._read_at(start, size - start)
        candidates: list[int] = []
        found = tail.find(_SIG_END)
        while found >= 0:
            candidates.append(found)
            found = tail.find(_SIG_END, found + 1)
        for position in reversed(candidates):
            if position + _END.size <= len(tail):
                fields = _END.unpack_from(tail, position)
                if start + position + _END.size + fields[7] == size:
                    others = [start + p for p in candidates if p != position]
                    return start + position, fields, others
        if not candidates:
            if self._read_at(0, 4) == _SIG_LOCAL:
                raise self._error(
                    _(
                        "truncated, or followed by other data: no end-of-central-directory "
                        "record at its end"
                    )
                )
            raise self._error(_("not a ZIP archive"))
        last = candidates[-1]
        if last + _END.size > len(tail):
            raise self._error(_("truncated in its end-of-central-directory record"))
        after = size - (start + last + _END.size + _END.unpack_from(tail, last)[7])
        if after > 0:
            raise self._error(
                _("{count} bytes of data after the end of the archive").format(count=after)
            )
        raise self._error(_("truncated: the archive comment runs past the end of the file"))

    def _read_end_records(
        self, end: int, fields: tuple[Any, ...], others: list[int]
    ) -> tuple[int, int, int]:
        """Offset and size of the central directory, and its number of entries.

        Reads the ZIP64 records when present; refuses multi-disk archives, a second end record,
        a comment that hides ZIP records, and an end record that does not point exactly at the
        central directory (data before the archive, or archives joined together).
        """
        _sig, disk, cd_disk, on_disk, count, cd_size, cd_offset, comment_length = fields
        comment = self._read_at(end + _END.size, comment_length)
        region_end = end  # where the central directory must end
        locator_at = end - _ZIP64_LOCATOR.size
        if locator_at >= 0 and self._read_at(locator_at, 4) == _SIG_ZIP64_LOCATOR:
            locator = _ZIP64_LOCATOR.unpack(self._read_at(locator_at, _ZIP64_LOCATOR.size))
            _lsig, record_disk, record_at, disks = locator
            record = self._read_at(record_at, _ZIP64_END.size) if record_at < locator_at else b""
            if record_disk != 0 or disks > 1:
                raise self._error(_("spans several disks; a volume must be a standalone archive"))
            if len(record) != _ZIP64_END.size or record[:4] != _SIG_ZIP64_END:
                raise self._error(_("damaged ZIP64 end record"))
            values = _ZIP64_END.unpack(record)
            record_size = values[1]
            if record_size < _ZIP64_END.size - 12 or record_at + 12 + record_size != locator_at:
                raise self._error(_("damaged ZIP64 end record"))
            z_disk, z_cd_disk, z_on_disk, z_count, z_cd_size, z_cd_offset = values[4:]
            # The classic fields must agree with the ZIP64 ones or say "see ZIP64": readers that
            # trust one or the other would otherwise see different archives.
            for classic, wide, marker in (
                (disk, z_disk, _MAX16),
                (cd_disk, z_cd_disk, _MAX16),
                (on_disk, z_on_disk, _MAX16),
                (count, z_count, _MAX16),
                (cd_size, z_cd_size, _MAX32),
                (cd_offset, z_cd_offset, _MAX32),
            ):
                if classic not in (wide, marker):
                    raise self._error(_("the ZIP64 end record disagrees with the end record"))
            disk, cd_disk, on_disk, count = z_disk, z_cd_disk, z_on_disk, z_count
            cd_size, cd_offset = z_cd_size, z_cd_offset
            region_end = record_at
        if disk != 0 or cd_disk != 0 or on_disk != count:
            raise self._error(_("spans several disks; a volume must be a standalone archive"))
        if count > self.limits.max_entries:
            raise self._error(
                _("{count} entries, more than the limit of {limit}").format(
                    count=count, limit=self.limits.max_entries
                )
            )
        if any(
            signature in comment for signature in (_SIG_END, _SIG_ZIP64_END, _SIG_ZIP64_LOCATOR)
        ):
            raise self._error(_("more than one end-of-central-directory record"))
        if any(signature in comment for signature in (_SIG_LOCAL, _SIG_CENTRAL, _SIG_DESCRIPTOR)):
            raise self._error(_("the archive comment hides ZIP records (another archive)"))
        cd_end = cd_offset + cd_size
        if cd_end != region_end:
            points_at_directory = count == 0 or (
                cd_offset < region_end and self._read_at(cd_offset, 4) == _SIG_CENTRAL
            )
            between = [other for other in others if cd_end <= other < end]
            for other in between:
                record = self._read_at(other, _END.size)
                if len(record) == _END.size:
                    after = other + _END.size + _END.unpack(record)[7]
                    if self._read_at(after, 4) == _SIG_LOCAL:
                        # An end record followed by a local header: one archive, then another
                        # (whose own end record, here, points back into the first).
                        raise self._error(_("several archives joined together"))
            if points_at_directory and between:
                raise self._error(_("more than one end-of-central-directory record"))
            raise self._error(
                _(
                    "the end record does not point at the central directory: data before the "
                    "archive, or several archives joined together"
                )
            )
        return cd_offset, cd_size, count

    def _read_central_directory(self, cd_offset: int, cd_size: int, count: int) -> None:
        """Parse every central-directory record from the raw bytes, checking each entry.

        Parsed one record at a time (memory grows with the entries kept, which the limit on
        entries bounds, not with what a record claims).
        """
        limits = self.limits
        folded: dict[str, str] = {}
        total = 0
        consumed = 0
        self._file.seek(cd_offset)
        while consumed < cd_size:
            if len(self._order) >= count:
                raise self._error(
                    _("the central directory holds more entries than the end record says")
                )
            if cd_size - consumed < _CENTRAL.size:
                raise self._error(_("damaged central directory"))
            head = self._read_exact(_CENTRAL.size)
            (
                signature,
                _made_version,
                _made_system,
                _needed_version,
                _needed_system,
                flags,
                method,
                _time,
                _date,
                crc,
                compress_size,
                file_size,
                name_length,
                extra_length,
                comment_length,
                first_disk,
                _internal,
                external_attr,
                header_offset,
            ) = _CENTRAL.unpack(head)
            if signature != _SIG_CENTRAL:
                raise self._error(_("damaged central directory"))
            consumed += _CENTRAL.size + name_length + extra_length + comment_length
            if consumed > cd_size:
                raise self._error(_("damaged central directory"))
            raw = self._read_exact(name_length)
            extra = self._read_exact(extra_length)
            self._read_exact(comment_length)

            problem = _name_problem(raw)
            if problem is not None:
                raise self._entry_error(raw, problem)
            name = raw.decode("ascii")
            if flags & _ENCRYPTION_FLAGS:
                raise self._entry_error(name, _("encrypted entry"))
            if flags & ~_KNOWN_FLAGS:
                raise self._entry_error(
                    name, _("unsupported ZIP feature (flags {flags:#06x})").format(flags=flags)
                )
            if method not in (_STORED, _DEFLATED):
                raise self._entry_error(
                    name,
                    _("unsupported compression method {method} (only stored and deflate)").format(
                        method=method
                    ),
                )
            problem = _mode_problem(external_attr)
            if problem is not None:
                raise self._entry_error(name, problem)
            file_size, compress_size, header_offset, first_disk = self._zip64_values(
                name, extra, file_size, compress_size, header_offset, first_disk
            )
            if first_disk != 0:
                raise self._entry_error(
                    name, _("on another disk; a volume must be a standalone archive")
                )
            if method == _STORED and compress_size != file_size:
                raise self._entry_error(
                    name, _("stored, yet its compressed and uncompressed sizes differ")
                )
            if file_size > limits.max_entry_bytes:
                raise self._entry_error(
                    name,
                    _("declares {size} bytes, more than the limit of {limit}").format(
                        size=file_size, limit=limits.max_entry_bytes
                    ),
                )
            if file_size >= RATIO_EXEMPT_BYTES and file_size > limits.max_ratio * compress_size:
                raise self._entry_error(
                    name,
                    _(
                        "compression ratio {ratio} is over the limit of {limit} (a zip bomb?)"
                    ).format(ratio=file_size // max(compress_size, 1), limit=limits.max_ratio),
                )
            if name in self._entries:
                raise self._entry_error(name, _("duplicate entry"))
            key = name.lower()  # names are ASCII: this is what Windows and macOS fold
            if key in folded:
                raise self._entry_error(
                    name,
                    _("differs only in case from entry {other}").format(other=_shown(folded[key])),
                )
            folded[key] = name
            total += file_size
            if total > limits.max_total_bytes:
                raise self._error(
                    _("declares more than {limit} bytes in all").format(
                        limit=limits.max_total_bytes
                    )
                )
            entry = _Entry(name, flags, method, crc, compress_size, file_size, header_offset)
            self._entries[name] = entry
            self._order.append(entry)
        if len(self._order) != count:
            raise self._error(
                _(
                    "the central directory holds {found} entries, the end record says {count}"
                ).format(found=len(self._order), count=count)
            )

    def _read_exact(self, size: int) -> bytes:
        """The next ``size`` bytes of the file, or a refusal when it ends before."""
        try:
            data = self._file.read(size)
        except OSError as exc:
            raise self._error(
                _("cannot be read ({error})").format(error=exc.strerror or exc)
            ) from exc
        if len(data) != size:
            raise self._error(_("truncated"))
        return data

    def _zip64_values(
        self,
        name: str,
        extra: bytes,
        file_size: int,
        compress_size: int,
        header_offset: int,
        first_disk: int,
    ) -> tuple[int, int, int, int]:
        """The entry's sizes, offset and disk, taking the ZIP64 extra field into account.

        Also refuses an alternative Unicode name (extra field 0x7075): :mod:`zipfile` would
        use it instead of the name checked here.
        """
        wide: bytes | None = None
        for tag, data in self._extra_fields(name, extra):
            if tag == _EXTRA_UNICODE_PATH:
                raise self._entry_error(name, _("an extra field gives it another name"))
            if tag == _EXTRA_ZIP64:
                if wide is not None:
                    raise self._entry_error(name, _("damaged extra field"))
                wide = data
        values = [file_size, compress_size, header_offset]
        markers = [value == _MAX32 for value in values]
        needed = 8 * sum(markers) + (4 if first_disk == _MAX16 else 0)
        if needed:
            if wide is None or len(wide) < needed:
                raise self._entry_error(name, _("damaged ZIP64 extra field"))
            position = 0
            for index, marked in enumerate(markers):
                if marked:
                    (values[index],) = struct.unpack_from("<Q", wide, position)
                    position += 8
            if first_disk == _MAX16:
                (first_disk,) = struct.unpack_from("<L", wide, position)
        return values[0], values[1], values[2], first_disk

    def _extra_fields(self, name: str, extra: bytes) -> Iterator[tuple[int, bytes]]:
        """The (tag, data) fields of an extra block; a field running past the block is refused."""
        position = 0
        while position < len(extra):
            if position + _EXTRA_HEADER.size > len(extra):
                raise self._entry_error(name, _("damaged extra field"))
            tag, length = _EXTRA_HEADER.unpack_from(extra, position)
            position += _EXTRA_HEADER.size
            if position + length > len(extra):
                raise self._entry_error(name, _("damaged extra field"))
            yield tag, extra[position : position + length]
            position += length

    def _check_layout(self, cd_offset: int) -> None:
        """The entries tile the file: from byte 0 to the central directory, no overlap, no gap.

        An overlap is the non-recursive zip bomb (many entries inflating the same data); a gap
        is data no entry accounts for (a hidden entry, another archive). Both are refused, and
        so is a central directory that lists entries in another order than the file holds them.
        """
        starts: dict[int, _Entry] = {}
        for entry in self._order:
            other = starts.get(entry.header_offset)
            if other is not None:
                raise self._entry_error(
                    entry.name,
                    _(
                        "overlaps entry {other}: both use the same local data "
                        "(overlapping entries, a zip bomb)"
                    ).format(other=_shown(other.name)),
                )
            starts[entry.header_offset] = entry
        position = 0
        previous: _Entry | None = None
        for entry in self._order:
            if entry.header_offset < position:
                if previous is not None and entry.header_offset > previous.header_offset:
                    raise self._entry_error(
                        entry.name,
                        _("starts inside entry {other} (overlapping entries, a zip bomb)").format(
                            other=_shown(previous.name)
                        ),
                    )
                raise self._entry_error(
                    entry.name, _("listed out of order in the central directory")
                )
            if entry.header_offset > position:
                raise self._entry_error(
                    entry.name,
                    _(
                        "{count} bytes before it that no entry accounts for "
                        "(hidden data or another archive)"
                    ).format(count=entry.header_offset - position),
                )
            position = self._check_local_header(entry, cd_offset)
            previous = entry
        if position != cd_offset:
            raise self._error(
                _(
                    "{count} bytes after the last entry that no entry accounts for "
                    "(hidden data or another archive)"
                ).format(count=cd_offset - position)
            )

    def _check_local_header(self, entry: _Entry, cd_offset: int) -> int:
        """Check the local header (and data descriptor) of ``entry``; return where it ends."""
        offset = entry.header_offset
        expected_name = entry.name.encode("ascii")
        # The header and (when it is the right one) the name, in one read.
        block = self._read_at(offset, _LOCAL.size + len(expected_name), entry.name)
        head = block[: _LOCAL.size]
        if offset + _LOCAL.size > cd_offset or len(head) != _LOCAL.size or head[:4] != _SIG_LOCAL:
            raise self._entry_error(
                entry.name, _("no local header where the central directory says")
            )
        (
            _signature,
            _needed_version,
            _needed_system,
            flags,
            method,
            _time,
            _date,
            crc,
            compress_size,
            file_size,
            name_length,
            extra_length,
        ) = _LOCAL.unpack(head)
        data_offset = offset + _LOCAL.size + name_length + extra_length
        if data_offset > cd_offset:
            raise self._entry_error(entry.name, _("runs into the central directory"))
        raw = block[_LOCAL.size :]
        if name_length != len(expected_name):
            raw = self._read_at(offset + _LOCAL.size, name_length, entry.name)
        if raw != expected_name:
            raise self._entry_error(
                entry.name,
                _("its local header names it {local}").format(local=_shown(raw)),
            )
        extra = b""
        if extra_length:
            extra = self._read_at(offset + _LOCAL.size + name_length, extra_length, entry.name)
        wide: bytes | None = None
        for tag, data in self._extra_fields(entry.name, extra):
            if tag == _EXTRA_ZIP64:
                wide = data
        sizes = [file_size, compress_size]
        if _MAX32 in sizes:
            # A local ZIP64 field holds both sizes, uncompressed first.
            if wide is None or len(wide) < 16:
                raise self._entry_error(entry.name, _("damaged ZIP64 extra field"))
            sizes = list(struct.unpack_from("<QQ", wide))
        mask = _ENCRYPTION_FLAGS | _FLAG_DESCRIPTOR
        if (flags & mask) != (entry.flags & mask) or method != entry.method:
            raise self._entry_error(
                entry.name, _("its local header disagrees with the central directory")
            )
        declared = (entry.crc, entry.file_size, entry.compress_size)
        local = (crc, sizes[0], sizes[1])
        descriptor = bool(flags & _FLAG_DESCRIPTOR)
        if any(
            value != expected and not (descriptor and value == 0)
            for value, expected in zip(local, declared, strict=True)
        ):
            raise self._entry_error(
                entry.name, _("its local header disagrees with the central directory")
            )
        data_end = data_offset + entry.compress_size
        if data_end > cd_offset:
            raise self._entry_error(entry.name, _("runs into the central directory"))
        entry.data_offset = data_offset
        if not descriptor:
            return data_end
        # The data descriptor repeats CRC and sizes after the data (a writer that could not
        # seek back); its signature is optional, its sizes are 8 bytes wide under ZIP64.
        width = 8 if wide is not None else 4
        signed = self._read_at(data_end, 4, entry.name) == _SIG_DESCRIPTOR
        length = (4 if signed else 0) + 4 + 2 * width
        data = self._read_at(data_end, length, entry.name)
        if len(data) != length or data_end + length > cd_offset:
            raise self._entry_error(entry.name, _("damaged data descriptor"))
        fmt = "<L" + ("QQ" if width == 8 else "LL")
        found = struct.unpack_from(fmt, data, 4 if signed else 0)
        if found != (entry.crc, entry.compress_size, entry.file_size):
            raise self._entry_error(
                entry.name, _("its data descriptor disagrees with the central directory")
            )
        return data_end + length

    def _read_volume_info(self) -> VolumeInfo:
        """Parse ``volume.json``, which must be the first entry (a bounded read)."""
        if not self._order or self._order[0].name != VOLUME_ENTRY:
            if VOLUME_ENTRY in self._entries:
                raise self._entry_error(VOLUME_ENTRY, _("must be the first entry"))
            raise self._error(_("no volume.json: not a kmdesk bundle"))
        entry = self._order[0]
        if entry.file_size > MAX_VOLUME_JSON_BYTES:
            raise self._entry_error(
                VOLUME_ENTRY,
                _("{size} bytes, more than the {limit} bytes allowed").format(
                    size=entry.file_size, limit=MAX_VOLUME_JSON_BYTES
                ),
            )
        raw = self.read_small(VOLUME_ENTRY, MAX_VOLUME_JSON_BYTES)
        try:
            data = json.loads(
                raw.decode("utf-8"),
                object_pairs_hook=_unique_keys,
                parse_constant=_refuse_constant,
            )
        except (ValueError, RecursionError) as exc:
            raise self._entry_error(
                VOLUME_ENTRY, _("not valid JSON ({detail})").format(detail=exc)
            ) from None
        if not isinstance(data, dict) or data.get("format") != VOLUME_FORMAT:
            raise self._entry_error(
                VOLUME_ENTRY,
                _("not a kmdesk bundle volume (format is not {format!r})").format(
                    format=VOLUME_FORMAT
                ),
            )
        bundle_id = data.get("bundle_id")
        if not isinstance(bundle_id, str) or not _BUNDLE_ID.fullmatch(bundle_id):
            raise self._entry_error(
                VOLUME_ENTRY,
                _("bad bundle id {value} (32 lowercase hexadecimal digits expected)").format(
                    value=_shown(str(bundle_id))
                ),
            )
        volume, volumes = data.get("volume"), data.get("volumes")
        if (
            type(volume) is not int
            or type(volumes) is not int
            or not 1 <= volume <= volumes <= MAX_VOLUMES
        ):
            raise self._entry_error(
                VOLUME_ENTRY,
                _(
                    "bad volume numbers {volume!r} of {volumes!r} (1 ≤ volume ≤ volumes ≤ {max})"
                ).format(volume=volume, volumes=volumes, max=MAX_VOLUMES),
            )
        return VolumeInfo(bundle_id, volume, volumes)

    def _cross_check(self) -> None:
        """Python's :mod:`zipfile`, a standard reader, must see exactly the same entries.

        Everything above parses the raw bytes; this catches any case where another reader
        would understand them differently (the archive's content must not depend on the tool).
        """
        mine = [
            (e.name, e.header_offset, e.compress_size, e.file_size, e.crc, e.method)
            for e in self._order
        ]
        try:
            with zipfile.ZipFile(self._file) as archive:
                theirs = [
                    (
                        i.orig_filename,
                        i.header_offset,
                        i.compress_size,
                        i.file_size,
                        i.CRC,
                        i.compress_type,
                    )
                    for i in archive.infolist()
                ]
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            NotImplementedError,
            ValueError,
            EOFError,
            OSError,
            struct.error,
        ) as exc:
            raise self._error(
                _("standard ZIP readers cannot read it ({detail})").format(detail=exc)
            ) from None
        if theirs != mine:
            raise self._error(_("standard ZIP readers see other entries in it"))

    # -- reading --------------------------------------------------------------------------------

    def _entry(self, name: str) -> _Entry:
        entry = self._entries.get(name)
        if entry is None:
            raise self._entry_error(name, _("no such entry in the archive"))
        return entry

    def _chunks(self, entry: _Entry, chunk: int, *, check_crc: bool = True) -> Iterator[bytes]:
        """The entry's uncompressed data, in pieces of at most ``chunk`` bytes, checked.

        Never yields more than the declared size in all (inflation is asked for at most one
        byte more than what is left, and that byte is refused); at the end, refuses fewer bytes
        than declared, compressed data left over, and (with ``check_crc``) a CRC-32 that differs.
        """
        position = entry.data_offset
        left_in = entry.compress_size
        left_out = entry.file_size
        crc = 0
        inflater = zlib.decompressobj(-zlib.MAX_WBITS) if entry.method == _DEFLATED else None
        pending = b""
        while True:
            if inflater is None:
                if left_in == 0:
                    break
                out = self._read_at(position, min(chunk, left_in), entry.name)
                if not out:
                    raise self._entry_error(entry.name, _("truncated"))
                position += len(out)
                left_in -= len(out)
            else:
                if not pending:
                    if inflater.eof:
                        break
                    if left_in == 0:
                        raise self._entry_error(
                            entry.name, _("the compressed data ends early (truncated)")
                        )
                    pending = self._read_at(position, min(chunk, left_in), entry.name)
                    if not pending:
                        raise self._entry_error(entry.name, _("truncated"))
                    position += len(pending)
                    left_in -= len(pending)
                try:
                    out = inflater.decompress(pending, min(chunk, left_out + 1))
                except zlib.error as exc:
                    raise self._entry_error(
                        entry.name, _("damaged compressed data ({detail})").format(detail=exc)
                    ) from None
                if not out and inflater.unconsumed_tail == pending and not inflater.eof:
                    raise self._entry_error(entry.name, _("damaged compressed data"))
                pending = inflater.unconsumed_tail
                if inflater.eof and (inflater.unused_data or pending or left_in):
                    raise self._entry_error(
                        entry.name, _("data after the end of its compressed stream")
                    )
            if len(out) > left_out:
                raise self._entry_error(
                    entry.name,
                    _("holds more data than its declared {size} bytes").format(
                        size=entry.file_size
                    ),
                )
            left_out -= len(out)
            if check_crc:
                crc = zlib.crc32(out, crc)
            if out:
                yield out
        if left_out:
            raise self._entry_error(
                entry.name,
                _("holds fewer bytes than its declared {size}").format(size=entry.file_size),
            )
        if check_crc and crc != entry.crc:
            raise self._entry_error(entry.name, _("CRC-32 mismatch: the entry is damaged"))


def locate_volumes(path: Path, *, limits: Limits = DEFAULT_LIMITS) -> list[Path]:
    """The volumes of the bundle at ``path``, in order.

    ``path`` is ``NAME.kmbundle`` (a bundle in one file, which must say it is volume 1 of 1) or
    any part ``NAME.kmbundle.NNN`` of a split bundle: then every sibling part is found, and the
    parts must be numbered from 1 with no gap and no number twice (``.002`` and ``.0002``), and
    each one's ``volume.json`` must name the same bundle and total as the given part, and its
    own number. Errors name the missing, duplicated, misplaced or foreign part. Each volume's
    structure is validated on the way (it is opened with :class:`Volume`).
    """
    path = Path(path)
    name = path.name
    if name.endswith(BUNDLE_SUFFIX) and len(name) > len(BUNDLE_SUFFIX):
        info = _volume_info(path, limits)
        if info.volumes != 1:
            raise BundleError(
                _(
                    "{file}: says it is part {volume} of a bundle in {volumes} parts, named "
                    "{file}.001, {file}.002, …"
                ).format(file=name, volume=info.volume, volumes=info.volumes),
                file=name,
            )
        return [path]
    match = _PART.fullmatch(name)
    if match is None:
        raise BundleError(
            _(
                "{file}: not a bundle file name (NAME.kmbundle, or NAME.kmbundle.001, .002, … "
                "for a bundle in parts)"
            ).format(file=name),
            file=name,
        )
    stem, width = match["stem"], len(match["number"])
    folder = path.parent

    def part_name(number: int) -> str:
        return f"{stem}.{number:0{width}d}"

    try:
        siblings = sorted(os.listdir(folder))
    except OSError as exc:
        raise BundleError(
            _("{file}: its folder cannot be read ({error})").format(
                file=name, error=exc.strerror or exc
            ),
            file=name,
        ) from exc
    parts: dict[int, Path] = {}
    for sibling in siblings:
        found = _PART.fullmatch(sibling)
        if found is None or found["stem"] != stem:
            continue
        number = int(found["number"])
        if number in parts:
            raise BundleError(
                _("{file} and {other} are both part {number}").format(
                    file=sibling, other=parts[number].name, number=number
                ),
                file=sibling,
            )
        parts[number] = folder / sibling
    if 0 in parts:
        raise BundleError(
            _("{file}: not a part, parts are numbered from 001").format(file=parts[0].name),
            file=parts[0].name,
        )
    given = int(match["number"])
    highest = max(parts, default=given)
    for number in range(1, max(highest, given) + 1):
        if number not in parts:
            missing = part_name(number)
            raise BundleError(
                _("{file} is missing (part {number}; parts found up to {last})").format(
                    file=missing, number=number, last=part_name(highest)
                ),
                file=missing,
            )
    reference = parts[given]
    expected = _volume_info(reference, limits)
    for number in sorted(parts):
        part = parts[number]
        info = expected if part == reference else _volume_info(part, limits)
        if info.bundle_id != expected.bundle_id:
            raise BundleError(
                _("{file} belongs to another bundle than {reference}").format(
                    file=part.name, reference=reference.name
                ),
                file=part.name,
            )
        if info.volume != number:
            raise BundleError(
                _(
                    "{file} says it is part {volume}, not part {number}: renamed or misplaced"
                ).format(file=part.name, volume=info.volume, number=number),
                file=part.name,
            )
        if info.volumes != expected.volumes:
            raise BundleError(
                _("{file} says the bundle has {count} parts, {reference} says {expected}").format(
                    file=part.name,
                    count=info.volumes,
                    reference=reference.name,
                    expected=expected.volumes,
                ),
                file=part.name,
            )
    if highest < expected.volumes:
        missing = part_name(highest + 1)
        raise BundleError(
            _("{file} is missing (part {number} of {total})").format(
                file=missing, number=highest + 1, total=expected.volumes
            ),
            file=missing,
        )
    return [parts[number] for number in range(1, expected.volumes + 1)]


def _volume_info(path: Path, limits: Limits) -> VolumeInfo:
    """Open ``path`` as a volume (validating it) just long enough to read its ``volume.json``."""
    with Volume(path, limits) as volume:
        return volume.info
