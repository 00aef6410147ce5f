"""More like this: the indexed products whose text is closest to a free text (a knowledge need).

A knowledge need says in prose what partners are missing; the products that could answer it use
the same distinctive words. :func:`similar_products` picks those words the way a curator would:

1. the text is cut into words and analysed like the index's text (:mod:`kmdesk.search.analysis`),
   in the text's own language: the catalogue's language unless the text's stop words say it is
   another of the stemmed languages (a need written in French in an English catalogue);
2. stop words go; each remaining term is weighted by tf·idf: how often the text uses it (title
   words count double) against how rare it is among the indexed products (BM25's idf, from the
   index's document frequencies); words no product uses are useless and dropped;
3. the best :data:`KEY_TERMS` terms become one OR query over the default search fields (titles,
   summaries and keywords, attachment text, names and vocabulary labels), each term boosted by its
   weight, so that a product sharing the need's rarest words ranks first.

Products already linked to the need are masked out. Everything Whoosh-specific stays here.
"""

from __future__ import annotations

import math
import uuid
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cache

from whoosh import query as wq
from whoosh.lang import stopwords_for_language
from whoosh.searching import Searcher

from kmdesk.search.analysis import (
    LANGUAGE_FIELDS,
    NEUTRAL,
    STEMMED_LANGUAGES,
    index_language,
    normalise,
    plain_analyzer,
    tokens,
)
from kmdesk.search.index import SearchIndex
from kmdesk.search.schema import DEFAULT_FIELDS, NAMES_FIELD

#: How many of the text's most distinctive terms make the query.
KEY_TERMS = 15
#: A word of the title counts this many times (a need's title says what it is about).
TITLE_WEIGHT = 2.0


@dataclass(frozen=True, slots=True)
class SimilarProduct:
    """A product like a text, best first: its id, title, score and the words they share."""

    id: uuid.UUID
    title: str
    score: float
    #: The text's words found in the product, most distinctive first (to say why it is here).
    shared_words: tuple[str, ...] = ()


@dataclass(slots=True)
class _Term:
    """One analysed term of the text with the words that gave it and its weight in the text."""

    frequency: float = 0.0
    words: list[str] = field(default_factory=list)
    neutral: set[str] = field(default_factory=set)


def similar_products(
    index: SearchIndex,
    title: str,
    description: str = "",
    *,
    language: str = "en",
    exclude: Collection[uuid.UUID] = (),
    limit: int = 10,
) -> list[SimilarProduct]:
    """Indexed products most like ``title`` and ``description``, best first.

    ``language`` is the catalogue's language, used unless the text is plainly in another one;
    ``exclude`` holds products not to suggest (those already linked). An empty text, or one whose
    words no product uses, gives an empty list.
    """
    if limit <= 0:
        return []
    text_language = guess_language(f"{title}\n{description}", index_language(language))
    terms = _text_terms(title, description, text_language)
    if not terms:
        return []
    excluded = {str(product_id) for product_id in exclude}
    with index.searching() as searcher:
        present = set(searcher.reader().indexed_field_names())
        fields = [name for name in DEFAULT_FIELDS if name in present]
        weights = _weights(searcher, terms, fields)
        if not weights:
            return []
        best = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:KEY_TERMS]
        top = best[0][1]
        leaves: list[wq.Query] = []
        for stem, weight in best:
            boost = weight / top
            for name in fields:
                for text in terms[stem].neutral if name not in LANGUAGE_FIELDS else {stem}:
                    leaves.append(wq.Term(name, text, boost=boost))
        query = wq.Or(leaves)
        mask = wq.Or([wq.Term("id", value) for value in sorted(excluded)]) if excluded else None
        results = searcher.search(query, limit=limit, mask=mask, terms=True)
        ranked = [stem for stem, _weight in best]
        found: list[SimilarProduct] = []
        for hit in results:
            stored = hit.fields()
            matched = {
                (text.decode("utf-8") if isinstance(text, bytes) else str(text))
                for _field, text in (hit.matched_terms() or ())
            }
            shared = tuple(
                terms[stem].words[0]
                for stem in ranked
                if stem in matched or terms[stem].neutral & matched
            )
            found.append(
                SimilarProduct(
                    id=uuid.UUID(stored["id"]),
                    title=stored.get("title", ""),
                    score=float(hit.score or 0.0),
                    shared_words=shared,
                )
            )
    return found


def guess_language(text: str, default: str) -> str:
    """The stemmed language whose stop words ``text`` uses most (``default`` on a tie or none)."""
    words = [token.text for token in plain_analyzer()(text)]
    if not words:
        return default
    counts = {
        language: sum(1 for word in words if word in _stop_words(language))
        for language in STEMMED_LANGUAGES
    }
    best = max(counts.values())
    if best == 0 or counts.get(default, 0) == best:
        return default
    return max(STEMMED_LANGUAGES, key=lambda language: counts[language])


@cache
def _stop_words(language: str) -> frozenset[str]:
    """The normalised stop words of ``language`` (none for the neutral pseudo-language)."""
    if language == NEUTRAL:
        return frozenset()
    return frozenset(normalise(word) for word in stopwords_for_language(language))


def _text_terms(title: str, description: str, language: str) -> dict[str, _Term]:
    """The text's terms in ``language`` with their frequencies and the words that gave them."""
    stop_words = _stop_words(language)
    terms: dict[str, _Term] = defaultdict(_Term)
    for text, weight in ((title, TITLE_WEIGHT), (description, 1.0)):
        for token in plain_analyzer()(text):
            word = token.text
            if word in stop_words or len(word) < 2 or word.isdigit():
                continue
            for stem in tokens(language, word):
                term = terms[stem]
                term.frequency += weight
                if word not in term.words:
                    term.words.append(word)
                term.neutral.update(tokens(NEUTRAL, word))
    return dict(terms)


def _weights(
    searcher: Searcher, terms: dict[str, _Term], fields: Iterable[str]
) -> dict[str, float]:
    """tf·idf of each term the index knows (BM25's idf, from its most frequent field)."""
    documents = max(int(searcher.doc_count()), 1)
    reader = searcher.reader()
    weights: dict[str, float] = {}
    fields = list(fields)
    for stem, term in terms.items():
        frequencies = [
            reader.doc_frequency(name, text)
            for name in fields
            for text in (term.neutral if name == NAMES_FIELD else {stem})
        ]
        frequency = max(frequencies, default=0)
        if frequency == 0:
            continue
        idf = math.log(1.0 + (documents - frequency + 0.5) / (frequency + 0.5))
        weights[stem] = (1.0 + math.log(term.frequency)) * idf
    return weights
