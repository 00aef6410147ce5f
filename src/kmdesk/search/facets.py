"""Facet counts from posting lists held as bit sets, never from stored fields.

For each facet value the set of documents that have it is a Python ``int`` used as a bit set,
built once per index segment from the keyword field's postings and kept while the segment lives.
Counting a value over the matches is then one ``&`` and one ``bit_count()``, so facets cost
microseconds per value however many documents match. Counts for a facet apply every *other*
facet's filter, so that a user can widen a selection within a facet.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from whoosh.searching import Searcher


def bit_set(docnums: Iterable[int], size: int) -> int:
    """The bit set of ``docnums`` (each < ``size``)."""
    bits = bytearray((size + 7) // 8)
    for docnum in docnums:
        bits[docnum >> 3] |= 1 << (docnum & 7)
    return int.from_bytes(bits, "little")


class FacetBitSets:
    """Per-segment bit sets of facet values, shifted to a searcher's global doc numbers."""

    def __init__(self) -> None:
        self._segments: dict[tuple[str, str], dict[str, int]] = {}

    def value_sets(self, searcher: Searcher, field: str) -> dict[str, int]:
        """Every value of ``field`` with the bit set of the documents that have it."""
        combined: dict[str, int] = {}
        live: set[tuple[str, str]] = set()
        for subsearcher, offset in _subsearchers(searcher):
            key = (_segment_key(subsearcher), field)
            live.add(key)
            local = self._segments.get(key)
            if local is None:
                local = _segment_sets(subsearcher, field)
                self._segments[key] = local
            for value, bits in local.items():
                combined[value] = combined.get(value, 0) | (bits << offset)
        for key in [k for k in self._segments if k[1] == field and k not in live]:
            del self._segments[key]  # the segment was merged away
        return combined


def _subsearchers(searcher: Searcher) -> list[tuple[Any, int]]:
    if searcher.is_atomic():
        return [(searcher, 0)]
    return list(searcher.subsearchers)


def _segment_key(searcher: Any) -> str:
    segment = searcher.reader().segment() if hasattr(searcher.reader(), "segment") else None
    return segment.segment_id() if segment is not None else str(id(searcher.reader()))


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
