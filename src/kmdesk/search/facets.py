"""Facet counts from posting lists held as bit sets, never from stored fields.

For each facet value the set of documents that have it is a Python ``int`` used as a bit set,
built once per index segment from the keyword field's postings and kept while the segment lives.
Counting a value over the matches is then one ``&`` and one ``bit_count()``, so facets cost
microseconds per value however many documents match. Counts for a facet apply every *other*
facet's filter, so that a user can widen a selection within a facet.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from whoosh.searching import Searcher

from kmdesk.files import write_atomically


def bit_set(docnums: Iterable[int], size: int) -> int:
    """The bit set of ``docnums`` (each < ``size``)."""
    bits = bytearray((size + 7) // 8)
    for docnum in docnums:
        bits[docnum >> 3] |= 1 << (docnum & 7)
    return int.from_bytes(bits, "little")


class FacetBitSets:
    """Per-segment bit sets of facet values, shifted to a searcher's global doc numbers.

    With a ``directory``, each segment's sets are also kept in a file beside the index
    (``kmdesk-facets-<segment>-<field>.bin``) so that a new process does not recompute them;
    segments never change once written, so a file stays valid as long as its segment lives.
    """

    def __init__(self, directory: Path | None = None) -> None:
        self._segments: dict[tuple[str, str], dict[str, int]] = {}
        self._directory = directory

    def value_sets(self, searcher: Searcher, field: str) -> dict[str, int]:
        """Every value of ``field`` with the bit set of the documents that have it."""
        combined: dict[str, int] = {}
        live: set[tuple[str, str]] = set()
        for subsearcher, offset in _subsearchers(searcher):
            key = (_segment_key(subsearcher), field)
            live.add(key)
            local = self._segments.get(key)
            if local is None:
                local = self._load(key)
                if local is None:
                    local = _segment_sets(subsearcher, field)
                    self._save(key, local)
                self._segments[key] = local
            for value, bits in local.items():
                combined[value] = combined.get(value, 0) | (bits << offset)
        for key in [k for k in self._segments if k[1] == field and k not in live]:
            del self._segments[key]  # the segment was merged away
            if self._directory is not None:
                self._path(key).unlink(missing_ok=True)
        return combined

    def _path(self, key: tuple[str, str]) -> Path:
        assert self._directory is not None
        return self._directory / f"kmdesk-facets-{key[0]}-{key[1]}.bin"

    def _load(self, key: tuple[str, str]) -> dict[str, int] | None:
        """The saved sets of a segment's field (``None`` when absent or unreadable)."""
        if self._directory is None or key[0].startswith("memory-"):
            return None
        try:
            data = self._path(key).read_bytes()
            header_end = data.index(b"\n")
            layout = json.loads(data[:header_end])
            sets, position = {}, header_end + 1
            for value, length in layout:
                sets[str(value)] = int.from_bytes(data[position : position + length], "little")
                position += length
            if position != len(data):
                return None
            return sets
        except (OSError, ValueError, TypeError):
            return None

    def _save(self, key: tuple[str, str], sets: dict[str, int]) -> None:
        """Keep a segment's sets for the next process (best effort: it is only a cache)."""
        if self._directory is None or key[0].startswith("memory-") or not self._directory.is_dir():
            return
        chunks = {
            value: bits.to_bytes((bits.bit_length() + 7) // 8, "little")
            for value, bits in sets.items()
        }
        header = json.dumps([[value, len(chunk)] for value, chunk in chunks.items()])
        target = self._path(key)
        with contextlib.suppress(OSError):  # read-only media, a full disk: no cache, then
            write_atomically(target, header.encode("utf-8") + b"\n" + b"".join(chunks.values()))


def _subsearchers(searcher: Searcher) -> list[tuple[Any, int]]:
    if searcher.is_atomic():
        return [(searcher, 0)]
    return list(searcher.subsearchers)


def _segment_key(searcher: Any) -> str:
    """The segment's id (stable, file-name safe), or an in-memory key for segment-less readers."""
    segment = searcher.reader().segment() if hasattr(searcher.reader(), "segment") else None
    return str(segment.segment_id()) if segment is not None else f"memory-{id(searcher.reader())}"


def _segment_sets(searcher: Any, field: str) -> dict[str, int]:
    reader = searcher.reader()
    size = reader.doc_count_all()
    sets: dict[str, int] = {}
    if field not in reader.indexed_field_names():
        return sets
    for term in reader.lexicon(field):
        value = term.decode("utf-8") if isinstance(term, bytes) else str(term)
        sets[value] = bit_set(reader.postings(field, term).all_ids(), size)
    return sets


def count_values(matches: int, value_sets: dict[str, int]) -> dict[str, int]:
    """How many of ``matches`` have each value (values with no match left out)."""
    counts = {}
    for value, bits in value_sets.items():
        count = (matches & bits).bit_count()
        if count:
            counts[value] = count
    return counts
