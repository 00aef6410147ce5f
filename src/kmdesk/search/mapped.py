"""Read memory-mapped index files without copying them.

whoosh-reloaded maps each segment's compound file and hands every file inside it out as a
``BufferFile`` over a ``memoryview`` of the map, but that class wraps the view in
``io.BytesIO(view)``, which copies it: every searcher opened copied the whole index into the
Python heap (about 1 GB at 100,000 products). :func:`install` makes ``BufferFile`` read through
:class:`ViewReader` instead, which copies only the bytes asked for, so a mapped index costs the
page cache, not the heap. Called once, before the first index is opened.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from whoosh.filedb import structfile

_LINE_SCAN = 4096


class ViewReader(io.RawIOBase):
    """A read-only, seekable file over a ``memoryview`` (reads copy only what they return)."""

    def __init__(self, view: memoryview) -> None:
        super().__init__()
        self._view = view.cast("B") if view.format != "B" or view.ndim != 1 else view
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_SET:
            if offset < 0:
                raise ValueError(f"negative seek position {offset}")
            position = offset
        elif whence == io.SEEK_CUR:
            position = max(0, self._position + offset)
        elif whence == io.SEEK_END:
            position = max(0, len(self._view) + offset)
        else:
            raise ValueError(f"invalid whence: {whence}")
        self._position = position
        return position

    def read(self, size: int | None = -1) -> bytes:
        start = self._position
        if start >= len(self._view):
            return b""
        end = len(self._view) if size is None or size < 0 else min(start + size, len(self._view))
        self._position = end
        return self._view[start:end].tobytes()

    def readinto(self, buffer: Any) -> int:
        target = memoryview(buffer).cast("B")
        start = self._position
        if start >= len(self._view):
            return 0
        count = min(len(target), len(self._view) - start)
        target[:count] = self._view[start : start + count]
        self._position = start + count
        return count

    def readline(self, size: int | None = -1) -> bytes:
        start = end = self._position
        if start >= len(self._view):
            return b""
        limit = len(self._view) if size is None or size < 0 else start + size
        limit = min(limit, len(self._view))
        while end < limit:
            chunk = self._view[end : min(end + _LINE_SCAN, limit)].tobytes()
            found = chunk.find(b"\n")
            if found >= 0:
                end += found + 1
                break
            end += len(chunk)
        self._position = end
        return self._view[start:end].tobytes()

    def __iter__(self) -> Iterator[bytes]:
        while line := self.readline():
            yield line

    def close(self) -> None:
        self._view = memoryview(b"")
        super().close()


def _buffer_file_init(self: Any, buf: Any, name: str | None = None, onclose: Any = None) -> None:
    self._buf = buf
    self._name = name
    self.file = ViewReader(memoryview(buf))
    self.onclose = onclose
    self.is_real = False
    self.is_closed = False


def _buffer_file_subset(self: Any, position: int, length: int, name: str | None = None) -> Any:
    view = memoryview(self._buf)[position : position + length]
    return structfile.BufferFile(view, name=name or self._name)


def install() -> None:
    """Make whoosh's ``BufferFile`` read its buffer in place (idempotent)."""
    buffer_file: Any = structfile.BufferFile
    buffer_file.__init__ = _buffer_file_init
    buffer_file.subset = _buffer_file_subset
