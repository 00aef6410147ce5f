"""One evaluation of a query gives the ranked page, the total and every match for the facets.

Whoosh's stock collectors either keep the top N (skipping blocks of postings that cannot reach
it, so they never see every match) or see every match without ranking. A search page needs
both: the best N within the chosen facet values, and every match, whatever the facets, to count
facet values. :class:`MatchRecorder` wraps a ranking or sorting collector, records every match
in a bit set, and passes on only the matches inside the facet restriction; the wrapped collector
runs without block skipping and without matcher replacement (both assume the top N is all that
counts), so the one walk over the postings is complete.
"""

from __future__ import annotations

from typing import Any

from whoosh.collectors import Collector, SortingCollector, TopCollector, WrappingCollector
from whoosh.searching import Results, Searcher


class MatchRecorder(WrappingCollector):
    """Feeds ``child`` the matches inside ``allowed`` (a bit set; ``None``: all), and records
    every match in :attr:`matches` (an ``int`` used as a bit set of global doc numbers)."""

    def __init__(self, child: Collector, size: int, allowed: int | None) -> None:
        super().__init__(child)
        self._bits = bytearray((size + 7) // 8)
        self._allowed = None if allowed is None else allowed.to_bytes(len(self._bits), "little")

    @property
    def matches(self) -> int:
        """Every document the query matched (valid after the search)."""
        return int.from_bytes(self._bits, "little")

    def collect_matches(self) -> None:
        child = self.child
        offset = child.offset
        bits, allowed = self._bits, self._allowed
        collect = child.collect
        for sub_docnum in child.matches():
            docnum = sub_docnum + offset
            byte, mask = docnum >> 3, 1 << (docnum & 7)
            bits[byte] |= mask
            if allowed is None or allowed[byte] & mask:
                collect(sub_docnum)

    def results(self) -> Results:
        return self.child.results()


def run(
    searcher: Searcher,
    query: Any,
    *,
    limit: int,
    allowed: int | None,
    sortedby: str | None,
    reverse: bool,
) -> tuple[Results, int]:
    """The top ``limit`` results within ``allowed`` (ranked, or sorted by ``sortedby``) and the
    bit set of every match, from one evaluation of ``query``."""
    child: Collector
    if sortedby is None:
        child = TopCollector(limit=limit, usequality=False, replace=0)
    else:
        child = SortingCollector(sortedby, limit=limit, reverse=reverse)
    recorder = MatchRecorder(child, searcher.doc_count_all(), allowed)
    searcher.search_with_collector(query, recorder)
    return recorder.results(), recorder.matches
