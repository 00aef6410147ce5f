"""Run a search: parse, rank, count facets, cut snippets, suggest a spelling.

The catalogue owns one :class:`SearchService` over its :class:`~kmdesk.search.index.SearchIndex`
and gives it the labels of facet values; everything Whoosh-specific stays in this package.
"""

from __future__ import annotations

import dataclasses
import re
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from whoosh import query as wq
from whoosh.searching import Searcher

from kmdesk.i18n import _
from kmdesk.search import collecting
from kmdesk.search.analysis import tokens
from kmdesk.search.evaluation import Evaluator, bit_set, top
from kmdesk.search.facets import FacetBitSets, count_values
from kmdesk.search.index import SearchIndex
from kmdesk.search.query import Completer, ParsedQuery, QueryError, filter_query, parse_query
from kmdesk.search.results import FacetValue, SearchHit, SearchResults
from kmdesk.search.schema import DEFAULT_FIELDS, FACET_FIELDS, SPELLING_FIELD
from kmdesk.search.snippets import highlight_text, plain_start

_TEXT_FIELDS = frozenset(DEFAULT_FIELDS)

#: Fewer results than this and a spelling suggestion is looked for.
SUGGEST_BELOW = 3
SORTS: dict[str, tuple[str | None, bool]] = {
    "relevance": (None, False),
    "year": ("year", True),
    "title": ("sort_title", False),
}

#: Labels of facet values: facet name → value → label.
FacetLabels = Callable[[str], Mapping[str, str]]
#: Extracted attachment text by SHA-256 (``None`` when not extracted).
AttachmentText = Callable[[str], str | None]


class SearchService:
    """Searches one index; thread-safe through the index's searcher lock."""

    def __init__(
        self, index: SearchIndex, labels: FacetLabels, attachment_text: AttachmentText
    ) -> None:
        self.index = index
        self._labels = labels
        self._attachment_text = attachment_text
        self._bit_sets = FacetBitSets(index.directory)

    def search(
        self,
        text: str,
        *,
        filters: Mapping[str, Sequence[str]] | None = None,
        sort: str = "relevance",
        limit: int = 20,
        offset: int = 0,
        facets: bool = True,
        snippets: bool = True,
        prefix_last: bool = False,
    ) -> SearchResults:
        """Ranked products for ``text``, within ``filters`` (facet → values, OR within a facet)."""
        if sort not in SORTS:
            raise QueryError(f"sort must be one of: {', '.join(SORTS)}")
        chosen = {facet: list(values) for facet, values in (filters or {}).items() if values}
        sortedby, reverse = SORTS[sort]
        with self.index.searching() as searcher:
            parsed = parse_query(text, prefix_last=prefix_last, completer=_completer(searcher))
            query = _without_absent_fields(parsed.query, searcher)
            parsed = dataclasses.replace(parsed, query=query)
            value_sets = {
                facet: self._bit_sets.value_sets(searcher, field)
                for facet, field in FACET_FIELDS.items()
            }
            selected_sets = _selected_sets(chosen, value_sets)
            allowed = _intersection(selected_sets.values())

            def evaluate(query: Any) -> tuple[list[Any], int, int]:
                """One evaluation: the hits up to the page's end, every match, and the total
                within the filters. Ranked searches are evaluated term at a time (see
                :mod:`kmdesk.search.evaluation`); sorted ones by Whoosh's sorting collector."""
                if sortedby is None:
                    scores = Evaluator(searcher).scores(query)
                    matched = bit_set(scores, searcher.doc_count_all())
                    best = top(scores, offset + limit, allowed)
                    hits: list[Any] = [_Ranked(searcher, doc, score) for doc, score in best]
                else:
                    results, matched = collecting.run(
                        searcher,
                        query,
                        limit=offset + limit,
                        allowed=allowed,
                        sortedby=sortedby,
                        reverse=reverse,
                    )
                    hits = [results[i] for i in range(results.scored_length())]
                within = matched if allowed is None else matched & allowed
                return hits, matched, within.bit_count()

            results, matches, total = evaluate(parsed.query)
            strict_total = total
            notes = parsed.notes
            if total == 0 and parsed.relaxed is not None:
                results, matches, total = evaluate(_without_absent_fields(parsed.relaxed, searcher))
                if total:
                    notes = (*notes, _("no product has all your words: showing those with some"))
            shown = results[offset : offset + limit]
            terms = _terms_by_field(parsed) if snippets else {}
            hits = tuple(self._hit(hit, terms, snippets, sortedby is None) for hit in shown)
            facet_counts = (
                self._facets(matches, value_sets, selected_sets, chosen) if facets else {}
            )
            restriction = filter_query(chosen, FACET_FIELDS.__getitem__)
            suggestion = (
                self._suggest(searcher, parsed, strict_total, restriction)
                if strict_total < SUGGEST_BELOW
                else None
            )
        return SearchResults(
            query=text,
            total=total,
            hits=hits,
            facets=facet_counts,
            suggestion=suggestion,
            notes=notes,
            sort=sort,
            offset=offset,
        )

    def _hit(self, hit: Any, terms: dict[str, set[str]], snippets: bool, ranked: bool) -> SearchHit:
        fields = hit.fields()
        snippet = ""
        source = "summary"
        if snippets:
            language = fields.get("lang", "xx")
            summary = fields.get("summary", "")
            # Completions of a prefix are in the words field as written: stemmed for the snippet.
            completed = _stemmed(language, frozenset(terms.get(SPELLING_FIELD, ())))
            wanted_text = terms.get("text_words", set()) | completed
            snippet = highlight_text(summary, wanted_text, language)
            if not snippet and fields.get("notes"):  # found through a note
                snippet = highlight_text(fields["notes"], wanted_text, language)
                source = "note" if snippet else source
            if not snippet:
                wanted = terms.get("full_words", set())
                for sha in fields.get("attachments", []) if wanted else []:
                    snippet = highlight_text(self._attachment_text(sha) or "", wanted, language)
                    if snippet:
                        source = "attachment"
                        break
            if not snippet:
                snippet = plain_start(summary)
        languages = tuple(filter(None, str(fields.get("languages", "")).split(",")))
        return SearchHit(
            id=uuid.UUID(fields["id"]),
            title=fields.get("title", ""),
            score=float(hit.score or 0.0) if ranked else 0.0,
            year=fields.get("year"),
            product_type=fields.get("type_key", ""),
            languages=languages,
            snippet=snippet,
            snippet_source=source,
        )

    def _facets(
        self,
        matches: int,
        value_sets: dict[str, dict[str, int]],
        selected_sets: dict[str, int],
        chosen: dict[str, list[str]],
    ) -> dict[str, tuple[FacetValue, ...]]:
        result: dict[str, tuple[FacetValue, ...]] = {}
        for facet in FACET_FIELDS:
            within = matches
            for other, bits in selected_sets.items():
                if other != facet:
                    within &= bits
            counts = count_values(within, value_sets[facet])
            labels = self._labels(facet)
            selected = {
                candidate
                for value in chosen.get(facet, [])
                for candidate in _matching_values(facet, value, value_sets[facet])
            }
            for value in selected:
                counts.setdefault(value, 0)
            facet_values = [
                FacetValue(value, labels.get(value, value), count, value in selected)
                for value, count in counts.items()
            ]
            if facet == "year":
                facet_values.sort(key=lambda v: v.value, reverse=True)
            else:
                facet_values.sort(key=lambda v: (-v.count, v.label.casefold()))
            result[facet] = tuple(facet_values)
        return result

    def _suggest(
        self, searcher: Searcher, parsed: ParsedQuery, total: int, restriction: Any
    ) -> str | None:
        replacements: dict[str, str] = {}
        for word in dict.fromkeys(parsed.words):
            if len(word) < 3 or searcher.doc_frequency(SPELLING_FIELD, word) > 0:
                continue
            found = searcher.suggest(SPELLING_FIELD, word, limit=1, maxdist=2, prefix=1)
            if found and found[0] != word:
                replacements[word] = found[0]
        if not replacements:
            return None
        from kmdesk.search.analysis import fold

        suggestion = fold(parsed.text)
        for word, better in replacements.items():
            suggestion = re.sub(rf"\b{re.escape(word)}\b", better, suggestion, flags=re.IGNORECASE)
        candidate = parse_query(suggestion)
        better_total = len(searcher.search(candidate.query, limit=1, filter=restriction))
        return suggestion if better_total > total else None


class _Ranked:
    """A ranked hit: its document and score; stored fields read when asked (shown rows only)."""

    __slots__ = ("_searcher", "docnum", "score")

    def __init__(self, searcher: Searcher, docnum: int, score: float) -> None:
        self._searcher = searcher
        self.docnum = docnum
        self.score = score

    def fields(self) -> dict[str, Any]:
        return dict(self._searcher.stored_fields(self.docnum))


@lru_cache(maxsize=256)
def _stemmed(language: str, words: frozenset[str]) -> frozenset[str]:
    """The terms ``words`` give in ``language`` (computed once per search, not once per hit)."""
    return frozenset(stem for word in words for stem in tokens(language, word))


#: At most this many words of the index are looked at to complete a prefix (the most frequent
#: of them win); a prefix of one or two letters stops there instead of scanning the lexicon.
COMPLETION_SCAN = 4000
#: The completions of a prefix, most frequent first, stop when together they would be found in
#: more than this share of the products (the first one is always kept): every document of every
#: completion is read and scored, so this bounds what a short prefix like ``co`` costs at 100k.
COMPLETION_DOCUMENT_SHARE = 0.15
COMPLETION_MIN_DOCUMENTS = 2000


def _completer(searcher: Searcher) -> Completer:
    """Completions of a prefix from the words of titles, summaries, keywords and names."""
    reader = searcher.reader()
    present = SPELLING_FIELD in reader.indexed_field_names()
    segments = [
        segment
        for segment, _offset in reader.leaf_readers()
        if SPELLING_FIELD in segment.indexed_field_names()
    ]
    budget = max(COMPLETION_MIN_DOCUMENTS, int(reader.doc_count() * COMPLETION_DOCUMENT_SHARE))

    def complete(prefix: str, limit: int) -> tuple[list[str], bool]:
        if not present or not prefix:
            return [], False
        # Segment by segment: a multi-segment reader would look each term up in every other
        # segment (thousands of hash lookups for a two-letter prefix).
        frequencies: dict[bytes, int] = defaultdict(int)
        cut = False
        for segment in segments:
            for number, (term, info) in enumerate(segment.iter_prefix(SPELLING_FIELD, prefix)):
                if number == COMPLETION_SCAN:
                    cut = True
                    break
                frequencies[term] += info.doc_frequency()
        scanned = sorted(
            ((df, term) for term, df in frequencies.items()), key=lambda item: (-item[0], item[1])
        )
        chosen: list[str] = []
        documents = 0
        for frequency, term in scanned[:limit]:
            if chosen and documents + frequency > budget:
                break
            chosen.append(term.decode("utf-8"))
            documents += frequency
        return chosen, cut or len(scanned) > len(chosen)

    return complete


def _terms_by_field(parsed: ParsedQuery) -> dict[str, set[str]]:
    terms: dict[str, set[str]] = defaultdict(set)
    for fieldname, text in parsed.query.iter_all_terms(phrases=True):
        terms[fieldname].add(text.decode("utf-8") if isinstance(text, bytes) else str(text))
    return terms


def _matching_values(facet: str, value: str, available: Mapping[str, int]) -> list[str]:
    """The facet values a filter value selects (a year range selects several years)."""
    if facet == "year" and ".." in value:
        first, _sep, last = value.partition("..")
        low = int(first) if first else -1
        high = int(last) if last else 10_000
        return [v for v in available if v.isdigit() and low <= int(v) <= high]
    return [value] if value in available else []


def _intersection(sets: Iterable[int]) -> int | None:
    """The documents in every one of ``sets`` (``None`` when there are none: no restriction)."""
    result: int | None = None
    for bits in sets:
        result = bits if result is None else result & bits
    return result


def _selected_sets(
    chosen: Mapping[str, list[str]], value_sets: Mapping[str, Mapping[str, int]]
) -> dict[str, int]:
    """For each filtered facet, the bit set of documents having one of the chosen values."""
    selected: dict[str, int] = {}
    for facet, values in chosen.items():
        union = 0
        for value in values:
            for candidate in _matching_values(facet, value, value_sets[facet]):
                union |= value_sets[facet][candidate]
        selected[facet] = union
    return selected


def _without_absent_fields(query: Any, searcher: Searcher) -> Any:
    """Drop alternatives in fields no document has (no attachment text: no ``full_words``).

    Every alternative costs a dictionary lookup per segment even when it cannot match.
    """
    present = set(searcher.reader().indexed_field_names())

    def prune(node: Any) -> Any:
        if node.is_leaf():
            fieldname = getattr(node, "fieldname", None)
            if fieldname is not None and fieldname not in present and fieldname in _TEXT_FIELDS:
                return wq.NullQuery
            return node
        return node.apply(prune)

    return prune(query).normalize()
