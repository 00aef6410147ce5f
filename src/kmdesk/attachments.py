"""The attachment store: files kept by content, never under the name a user gave them.

A file lives at ``attachments/<first two hex digits>/<sha256>``: two products attaching the same
PDF share one copy, a file name from a hostile bundle can never point outside the folder, and
``kmdesk check`` can verify every file against its hash.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kmdesk.errors import KmdeskError
from kmdesk.i18n import _

_CHUNK = 1 << 20
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
# Built-in table only: the system's MIME database differs between machines.
_MIME_TYPES = mimetypes.MimeTypes()
_MIME_TYPES.add_type(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"
)
_MIME_TYPES.add_type("text/markdown", ".md")


@dataclass(frozen=True, slots=True)
class StoredFile:
    """What the store knows of a file it has taken in."""

    sha256: str
    size: int
    media_type: str


def media_type_for(file_name: str) -> str:
    """The media type guessed from a file name (``application/octet-stream`` when unknown)."""
    guessed, _encoding = _MIME_TYPES.guess_type(file_name, strict=False)
    return guessed or "application/octet-stream"


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, read in chunks so large files need little memory."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class AttachmentStore:
    """Content-addressed files under one folder of the catalogue."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str) -> Path:
        """Where the file with this hash is (or would be) stored."""
        if not _HEX64.match(sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def put(self, source: Path) -> StoredFile:
        """Copy ``source`` into the store (once per content) and describe it.

        The copy is written to a temporary file in the store, hashed while copying, then renamed
        into place, so a half-copied file never appears under a hash.
        """
        if not source.is_file():
            raise KmdeskError(_("attachment {path} is not a readable file").format(path=source))
        self.root.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        handle, temporary = tempfile.mkstemp(dir=self.root, prefix=".incoming-")
        try:
            with os.fdopen(handle, "wb") as out, source.open("rb") as src:
                while chunk := src.read(_CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha = digest.hexdigest()
            target = self.path_for(sha)
            if target.exists():
                os.unlink(temporary)
            else:
                target.parent.mkdir(exist_ok=True)
                os.replace(temporary, target)
        except BaseException:
            if os.path.exists(temporary):
                os.unlink(temporary)
            raise
        return StoredFile(sha, size, media_type_for(source.name))

    def put_bytes(self, data: bytes, file_name: str) -> StoredFile:
        """Store bytes held in memory (small files from resources or bundles)."""
        sha = hashlib.sha256(data).hexdigest()
        target = self.path_for(sha)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(target.name + ".partial")
            partial.write_bytes(data)
            os.replace(partial, target)
        return StoredFile(sha, len(data), media_type_for(file_name))

    def remove(self, sha256: str) -> None:
        """Delete a stored file (the caller has checked no attachment still refers to it)."""
        self.path_for(sha256).unlink(missing_ok=True)

    def copy_out(self, sha256: str, target: Path) -> None:
        """Write a stored file to ``target`` (opening or exporting an attachment)."""
        shutil.copyfile(self.path_for(sha256), target)

    def stored_hashes(self) -> Iterator[str]:
        """Every hash that has a file in the store."""
        if not self.root.is_dir():
            return
        for folder in sorted(self.root.iterdir()):
            if folder.is_dir() and len(folder.name) == 2:
                for item in sorted(folder.iterdir()):
                    if _HEX64.match(item.name):
                        yield item.name

    def leftovers(self) -> list[Path]:
        """Temporary files left by an interrupted copy."""
        if not self.root.is_dir():
            return []
        found = [p for p in self.root.glob(".incoming-*") if p.is_file()]
        found += [p for p in self.root.glob("*/*.partial") if p.is_file()]
        return sorted(found)
