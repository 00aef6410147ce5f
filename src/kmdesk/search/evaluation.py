"""Every match of a query with its BM25F score, term at a time, for ranked searches.

Whoosh evaluates a query document at a time through a tree of matchers: a word expanded into
several fields becomes a binary tree of unions, an ``AND`` of such words a tree of
intersections, and every posting of every leaf walks that tree in Python and is scored through
two or three method calls, the field length read from a column each time. A search page needs
*every* match anyway (the total and the facet counts), so there is nothing for that tree to
skip: on the 100k benchmark it spent most of a one-second query moving between matchers.

:func:`scored_matches` computes the same thing term at a time instead: each leaf reads its
postings a block at a time (ids and term frequencies as arrays) and scores them with the BM25F
formula against a per-segment table of length norms; unions add dictionaries, intersections
keep the common keys. Scores are Whoosh's own (same formula, idf and average lengths from the
same searcher), so rankings do not change; only the order of floating-point additions may
differ. A part of the query it does not know (a phrase, a year range, a coordinated ``OR``)
is evaluated by Whoosh's matcher for that part alone, so every query works.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from typing import Any

from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.scoring import BM25F
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

#: Documents (global numbers) and their scores.
Scores = dict[int, float]


class Evaluator:
    """Evaluates queries against one searcher (built per search: it caches per-term data)."""

    def __init__(self, searcher: Searcher) -> None:
        self._searcher = searcher
        self._segments: list[tuple[Any, int]] = (
            [(searcher.reader(), 0)]
            if searcher.is_atomic()
            else [(sub.reader(), offset) for sub, offset in searcher.subsearchers]
        )
        weighting = searcher.weighting
        self.supported = type(weighting) is BM25F
        self._weighting = weighting
        self._norms: dict[tuple[int, str], tuple[bytes, list[float]] | None] = {}

    # -- queries ---------------------------------------------------------------------------------

    def scores(self, node: Any) -> Scores:
        """Every document ``node`` matches, with its score (as Whoosh would compute it)."""
        if node is wq.NullQuery:
            return {}
        kind = type(node)
        if kind is wq.Term:
            return self._term(node.fieldname, node.text, node.boost)
        if kind is wq.And:
            return self._and(node)
        if isinstance(node, wq.Or) and not node.scale and not node.minmatch:
            return self._or(node)
        if kind is wq.AndMaybe:
            return self._and_maybe(node)
        if kind is wq.Every and not node.fieldname:
            return self._every(node.boost)
        return self._by_whoosh(node)

    def _every(self, boost: float) -> Scores:
        """Every document not deleted, each with the same score (an empty query)."""
        result: Scores = {}
        for reader, offset in self._segments:
            deleted = reader.deleted_docs_set if reader.has_deletions() else frozenset()
            result.update(
                (doc + offset, boost) for doc in range(reader.doc_count_all()) if doc not in deleted
            )
        return result

    def _and(self, node: Any) -> Scores:
        excluded: set[int] = set()
        parts: list[Scores] = []
        for child in node.subqueries:
            if type(child) is wq.Not:
                excluded |= self.scores(child.query).keys()
            else:
                parts.append(self.scores(child))
        if not parts:
            return self._by_whoosh(node)
        parts.sort(key=len)
        result = dict(parts[0])
        for other in parts[1:]:
            result = {doc: score + other[doc] for doc, score in result.items() if doc in other}
            if not result:
                return result
        for doc in excluded:
            result.pop(doc, None)
        if negated := len(node.subqueries) - len(parts):
            # Whoosh intersects with an inverse matcher per NOT, which scores 1 per match.
            result = {doc: score + negated for doc, score in result.items()}
        return _boosted(result, node.boost)

    def _or(self, node: Any) -> Scores:
        parts = [self.scores(child) for child in node.subqueries if type(child) is not wq.Not]
        if len(parts) != len(node.subqueries):
            return self._by_whoosh(node)
        parts.sort(key=len, reverse=True)
        result = dict(parts[0]) if parts else {}
        get = result.get
        for other in parts[1:]:
            for doc, score in other.items():
                result[doc] = get(doc, 0.0) + score
        return _boosted(result, node.boost)

    def _and_maybe(self, node: Any) -> Scores:
        required = self.scores(node.a)
        optional = self.scores(node.b)
        return {doc: score + optional.get(doc, 0.0) for doc, score in required.items()}

    def _by_whoosh(self, node: Any) -> Scores:
        """Whoosh's own matcher for a part this module does not evaluate itself."""
        matcher = node.matcher(self._searcher)
        result: Scores = {}
        while matcher.is_active():
            result[matcher.id()] = matcher.score()
            matcher.next()
        return result

    # -- terms -----------------------------------------------------------------------------------

    def _term(self, fieldname: str, text: Any, boost: float) -> Scores:
        searcher = self._searcher
        schema = searcher.schema
        if fieldname not in schema:
            return {}
        field = schema[fieldname]
        try:
            term = field.to_bytes(text)
        except ValueError:
            return {}
        if not self.supported or not field.scorable:
            return self._by_whoosh(wq.Term(fieldname, text, boost=boost))
        parent = searcher.get_parent()
        idf = parent.idf(fieldname, term)
        average = parent.avg_field_length(fieldname) or 1
        k1 = self._weighting.K1
        factor = idf * (k1 + 1) * boost
        result: Scores = {}
        for number, (reader, offset) in enumerate(self._segments):
            if (fieldname, term) not in reader:
                continue
            norms = self._segment_norms(number, reader, fieldname, average)
            matcher = reader.postings(fieldname, term)
            deleted: Iterable[int] = ()
            if isinstance(matcher, FilterMatcher):
                deleted = reader.deleted_docs_set
                matcher = matcher.child
            if norms is None or not isinstance(matcher, W3LeafMatcher):
                # Postings or lengths stored some other way: Whoosh scores this term.
                return self._by_whoosh(wq.Term(fieldname, text, boost=boost))
            lengths, norm = norms
            while matcher.is_active():
                matcher._read_ids()
                matcher._read_weights()
                for doc, tf in zip(matcher._ids, matcher._weights, strict=False):
                    result[doc + offset] = factor * tf / (tf + norm[lengths[doc]])
                matcher._next_block()
            for doc in deleted:
                result.pop(doc + offset, None)
        return result

    def _segment_norms(
        self, number: int, reader: Any, fieldname: str, average: float
    ) -> tuple[bytes, list[float]] | None:
        """The segment's length bytes of ``fieldname`` and, for each byte value, the BM25
        length norm ``K1 * ((1 - B) + B * length / average)``."""
        key = (number, fieldname)
        if key not in self._norms:
            self._norms[key] = None
            perdoc = getattr(reader, "_perdoc", None)
            column = (
                perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
                if perdoc is not None
                else None
            )
            if column is not None and getattr(column, "_fixedlen", 0) == 1:
                lengths = column._dbfile.get(column._basepos, column._doccount)
                weighting = self._weighting
                b = weighting._field_B.get(fieldname, weighting.B)
                k1 = weighting.K1
                norm = [
                    k1 * ((1 - b) + b * (byte_to_length(value) or 0) / average)
                    for value in range(256)
                ]
                self._norms[key] = (bytes(lengths), norm)
        return self._norms[key]


def _boosted(scores: Scores, boost: float) -> Scores:
    if boost != 1.0:
        return {doc: score * boost for doc, score in scores.items()}
    return scores


def top(scores: Scores, limit: int, allowed: int | None) -> list[tuple[int, float]]:
    """The ``limit`` best documents within ``allowed`` (a bit set), best first; equal scores
    in document order, as Whoosh's collector gives them."""
    items: Iterable[tuple[int, float]] = scores.items()
    if allowed is not None:
        inside = allowed.to_bytes((allowed.bit_length() + 7) // 8, "little")
        size = len(inside)
        items = (
            (doc, score)
            for doc, score in items
            if doc >> 3 < size and inside[doc >> 3] >> (doc & 7) & 1
        )
    return heapq.nlargest(limit, items, key=lambda item: (item[1], -item[0]))


def bit_set(docs: Iterable[int], size: int) -> int:
    """The documents as an ``int`` bit set."""
    bits = bytearray((size + 7) // 8)
    for doc in docs:
        bits[doc >> 3] |= 1 << (doc & 7)
    return int.from_bytes(bits, "little")


def scored_matches(searcher: Searcher, query: Any) -> Scores:
    """Every document ``query`` matches with its score (see the module's docstring)."""
    return Evaluator(searcher).scores(query)
