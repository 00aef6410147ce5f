"""From what a person types to a Whoosh query over the per-language fields.

The text is parsed once, with Whoosh's parser (phrases, ``AND``/``OR``/``NOT``, parentheses,
``field:value``, ``word*``) on *virtual* fields (``any``, ``title``, ``org``...) analysed by the
neutral analyzer, then every leaf is expanded into the real index fields, re-analysed by each
field's language: ``participatifs`` becomes ``particip`` in French fields and ``participatif``
in English ones. Words that are stop words in one of the languages are not required (``the``,
``de``, ``y``), since a language that drops them from its documents could never match them.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from whoosh import query as wq
from whoosh.fields import ID, NUMERIC, TEXT, Schema
from whoosh.qparser import QueryParser
from whoosh.qparser.plugins import SingleQuotePlugin

from kmdesk.errors import KmdeskError
from kmdesk.i18n import _
from kmdesk.search.analysis import (
    STEMMED_LANGUAGES,
    field_language,
    fold,
    has_cjk,
    plain_analyzer,
    token_sequences,
    tokens,
)
from kmdesk.search.schema import DEFAULT_FIELDS, QUERY_FIELDS, SPELLING_FIELD

ANY = "any"
_FIELD_PREFIX = re.compile(r"(?<![\w\"])([A-Za-z_]+):(?=\S)")
_YEAR_RANGE = re.compile(r"\byear:(\d{4})?\.\.(\d{4})?")
_LANGUAGE_FIELDS = {"title", "text"}
_QUESTION_MARK = re.compile(r"(?<!\w)\?|\?(?!\w)")
#: A pasted sentence: more words than this, and no quotes, parentheses or ``field:``.
SENTENCE_WORDS = 6
_OPERATOR = re.compile(r"\b(?:AND|OR|NOT)\b")
#: A one-letter word at the end of what is being typed (``budget p``).
_SINGLE_LETTER_AT_END = re.compile(r"(?:^|(?<=\s))\w$")


class QueryError(KmdeskError):
    """The query cannot be understood; the message says what to change."""


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A query ready for the index, with the plain words it asked for (for "did you mean") and
    notes for the person who typed it (a word left out, a wildcard cut short)."""

    text: str
    query: wq.Query
    words: tuple[str, ...]
    notes: tuple[str, ...] = ()
    #: The words ranked by how many of them match, when the query asks for all of a few plain
    #: words: what to show when no product has them all.
    relaxed: wq.Query | None = None


#: The words of the index that start with a prefix, most frequent first, at most ``limit``,
#: and whether more were left out: ``completer(prefix, limit) -> (words, cut)``.
Completer = Callable[[str, int], tuple[list[str], bool]]

#: A word being typed is completed from this many letters on; a shorter one is left out.
MIN_COMPLETION = 2
#: Completions of the word being typed (as-you-type), from three letters on.
TYPING_COMPLETIONS = 6
#: Completions of a word of two letters being typed: its most frequent words are very frequent.
SHORT_PREFIX_COMPLETIONS = 3
#: Completions of a word typed with a trailing ``*``.
WILDCARD_COMPLETIONS = 8


def _parse_schema() -> Schema:
    fields: dict[str, object] = {ANY: TEXT(analyzer=plain_analyzer())}
    for name in QUERY_FIELDS:
        if name == "year":
            fields[name] = NUMERIC(int, bits=32)
        elif name == "language":
            fields[name] = ID()
        else:
            fields[name] = TEXT(analyzer=plain_analyzer())
    return Schema(**fields)


_PARSE_SCHEMA = _parse_schema()


class _Parser(QueryParser):
    """Whoosh's parser, reading a run of Chinese, Japanese or Korean as one word.

    Such a run analyses into overlapping bigrams; as a phrase of them it matches the run, where
    Whoosh's default (an AND of the bigrams, merged into the query's own AND) would make a long
    run look like a long query of words.
    """

    def multitoken_query(
        self, spec: str, texts: list[str], fieldname: str, termclass: type, boost: float
    ) -> wq.Query:
        if any(has_cjk(text) for text in texts):
            return self.phraseclass(fieldname, texts, boost=boost)
        return super().multitoken_query(spec, texts, fieldname, termclass, boost)


def _parser() -> QueryParser:
    parser = _Parser(ANY, _PARSE_SCHEMA)
    parser.remove_plugin_class(SingleQuotePlugin)  # apostrophes are letters here (l'eau)
    return parser


class FieldsOr(wq.Or):
    """The alternatives of one word across fields, matched as a tree of unions.

    Whoosh's default ``Or`` preloads every alternative into arrays as large as the segment when
    a segment is small, which costs more than it saves for these few, sparse alternatives.
    """

    matcher_type = wq.Or.DEFAULT_MATCHER


class CompletionsOr(wq.Or):
    """The completions of a prefix across fields: many alternatives, often frequent ones.

    Matched by loading every alternative's documents and scores once, which costs less than
    walking a deep tree of unions for words that many documents have.
    """

    matcher_type = wq.Or.ARRAY_MATCHER


@lru_cache(maxsize=4096)
def _stop_word_somewhere(word: str) -> bool:
    return any(not tokens(lang, word) for lang in STEMMED_LANGUAGES)


def _field_terms(fieldnames: tuple[str, ...], words: list[str]) -> list[wq.Query]:
    """Each field's distinct index terms for ``words``, as :class:`Term` leaves
    (``participation`` and ``participatory`` are one French stem: one leaf)."""
    leaves: list[wq.Query] = []
    for fieldname in fieldnames:
        language = field_language(fieldname)
        terms: dict[str, None] = {}
        for word in words:
            terms.update(dict.fromkeys(tokens(language, word) if language else [word]))
        leaves.extend(wq.Term(fieldname, term) for term in terms)
    return leaves


def _expand_term(fieldnames: tuple[str, ...], word: str, boost: float) -> wq.Query | None:
    alternatives = _field_terms(fieldnames, [word])
    return FieldsOr(alternatives, boost=boost) if alternatives else None


def _expand_phrase(fieldnames: tuple[str, ...], words: list[str], boost: float) -> wq.Query:
    text = " ".join(words)
    alternatives: list[wq.Query] = []
    for fieldname in fieldnames:
        language = field_language(fieldname)
        for analysed in token_sequences(language, text) if language else [words]:
            if len(analysed) > 1:
                alternatives.append(wq.Phrase(fieldname, analysed))
            elif analysed:
                alternatives.append(wq.Term(fieldname, analysed[0]))
    return FieldsOr(alternatives, boost=boost) if alternatives else wq.NullQuery


def _expand_words(fieldnames: tuple[str, ...], words: list[str], boost: float) -> wq.Query | None:
    """Any of ``words`` (completions of a prefix) in any of the fields.

    Without a field name they are looked up where they came from, the words field (titles,
    subtitles, summaries, keywords and names, as written): one leaf a word. In named fields,
    each field's distinct index terms are asked once (``participation``, ``participatory`` and
    ``participate`` are one French stem).
    """
    if fieldnames == DEFAULT_FIELDS:
        alternatives = [wq.Term(SPELLING_FIELD, word) for word in words]
    else:
        alternatives = _field_terms(fieldnames, words)
    return CompletionsOr(alternatives, boost=boost) if alternatives else None


def _typing_completions(word: str) -> int:
    return SHORT_PREFIX_COMPLETIONS if len(word) <= MIN_COMPLETION else TYPING_COMPLETIONS


def _no_completions(_prefix: str, _limit: int) -> tuple[list[str], bool]:
    return [], False


def _fields_for(name: str) -> tuple[str, ...]:
    return DEFAULT_FIELDS if name == ANY else QUERY_FIELDS[name]


def parse_query(
    text: str, *, prefix_last: bool = False, completer: Completer = _no_completions
) -> ParsedQuery:
    """Parse ``text``.

    ``prefix_last`` treats the last word as one being typed (as-you-type): from
    :data:`MIN_COMPLETION` letters on it also matches the :data:`TYPING_COMPLETIONS` most frequent
    words of the index that start with it (from ``completer``); a single letter is left out,
    with a note. A word typed with a trailing ``*`` (``budg*``) matches the
    :data:`WILDCARD_COMPLETIONS` most frequent words that start with it, with a note when more
    exist: never an open-ended scan of every term.
    """
    # A "?" is a wildcard only inside a word (organi?ation); a question's "?" is punctuation.
    cleaned = _QUESTION_MARK.sub(" ", fold(text)).strip()
    if not cleaned or cleaned == "*":
        return ParsedQuery(text, wq.Every(), ())
    notes: list[str] = []
    single = _SINGLE_LETTER_AT_END.search(cleaned) if prefix_last else None
    if single and not has_cjk(single.group(0)):  # one Han character is a word
        notes.append(
            _("type at least {count} letters to complete a word").format(count=MIN_COMPLETION)
        )
        cleaned = cleaned[: single.start()].strip()
        prefix_last = False
        if not cleaned:
            return ParsedQuery(text, wq.NullQuery, (), tuple(notes))
    for name in _FIELD_PREFIX.findall(cleaned):
        if name.lower() not in QUERY_FIELDS:
            raise QueryError(
                _("unknown field {field!r} in the query; fields: {fields}").format(
                    field=name, fields=", ".join(sorted(QUERY_FIELDS))
                )
            )
    cleaned = _FIELD_PREFIX.sub(lambda m: m.group(1).lower() + ":", cleaned)
    for match in _YEAR_RANGE.finditer(cleaned):
        first, last = match.group(1), match.group(2)
        if first and last and int(first) > int(last):
            raise QueryError(
                _("{range}: no year can be in this range, {first} comes after {last}").format(
                    range=match.group(0), first=first, last=last
                )
            )
    cleaned = _YEAR_RANGE.sub(lambda m: f"year:[{m.group(1) or ''} TO {m.group(2) or ''}]", cleaned)
    if _is_sentence(cleaned):
        cleaned = _OPERATOR.sub(lambda m: m.group(0).lower(), cleaned)
    if cleaned.count('"') % 2:
        raise QueryError(_('a quotation mark is not closed: write "two words" for a phrase'))
    try:
        parsed = _parser().parse(cleaned)
    except Exception as exc:  # Whoosh raises many kinds of errors on odd input
        raise QueryError(_("the query could not be read: {error}").format(error=exc)) from exc

    leaves = [q for q in parsed.leaves() if isinstance(q, wq.Term) and q.fieldname == ANY]
    last = leaves[-1] if prefix_last and leaves and cleaned[-1].isalnum() else None
    words: list[str] = []

    def complete(prefix: str, limit: int, pattern: str | None = None) -> list[str]:
        found, cut = completer(prefix.lower(), limit)
        if pattern is not None:  # an inner wildcard: ``organi?ation``, ``gen*er``
            found = [w for w in found if fnmatch.fnmatchcase(w, pattern.lower())]
        if cut and pattern is not None:
            notes.append(
                _("{pattern} stands for its {count} most frequent words here").format(
                    pattern=pattern, count=len(found)
                )
            )
        return found

    def expand(node: wq.Query) -> wq.Query:
        if not node.is_leaf():
            return node.apply(expand)
        fieldname = getattr(node, "fieldname", None)
        if fieldname == "year" or isinstance(node, wq.Every) or node is wq.NullQuery:
            return node
        if fieldname == "language":
            return wq.Term("f_language", str(node.text).lower().split("-")[0], boost=node.boost)
        if fieldname is None or (fieldname != ANY and fieldname not in QUERY_FIELDS):
            return node
        fields = _fields_for(fieldname)
        if isinstance(node, wq.Phrase):
            return _expand_phrase(fields, [str(w) for w in node.words], node.boost)
        if isinstance(node, wq.Prefix | wq.Wildcard):
            pattern = str(node.text) + ("*" if isinstance(node, wq.Prefix) else "")
            prefix = re.split(r"[*?]", pattern, maxsplit=1)[0]
            if not prefix:
                notes.append(
                    _("{pattern} was left out: a wildcard needs a letter before it").format(
                        pattern=pattern
                    )
                )
                return wq.NullQuery
            found = complete(prefix, WILDCARD_COMPLETIONS, pattern)
            return _expand_words(fields, found, node.boost) or wq.NullQuery
        if isinstance(node, wq.Term):
            word = str(node.text)
            if fieldname == ANY:
                words.append(word)
            expanded = _expand_term(fields, word, node.boost)
            if last is not None and node is last:
                found = [w for w in complete(word, _typing_completions(word)) if w != word]
                completions = _expand_words(fields, found, node.boost)
                if completions is not None:
                    return FieldsOr([expanded, completions]) if expanded else completions
            if expanded is None:
                return wq.NullQuery
            return expanded
        return node

    query = expand(_drop_stop_words(_ranked_if_long(parsed)))
    relaxed = _relaxed(parsed)
    return ParsedQuery(
        text,
        query.normalize(),
        tuple(dict.fromkeys(words)),
        tuple(notes),
        None if relaxed is None else expand(relaxed).normalize(),
    )


def _is_sentence(text: str) -> bool:
    """Whether ``text`` reads as natural language, where ``AND``, ``OR``, ``NOT`` are words
    ("WATER AND SANITATION FOR SCHOOLS OR CLINICS IN NORTHERN UGANDA")."""
    if any(mark in text for mark in '"()') or _FIELD_PREFIX.search(text):
        return False
    return len(text.split()) > SENTENCE_WORDS


def _relaxed(node: wq.Query) -> wq.Query | None:
    """For a few plain words that must all match, the same words ranked by how many match
    (the fallback when no product has them all); ``None`` for any other query."""
    if (
        isinstance(node, wq.And)
        and all(isinstance(q, wq.Term) and q.fieldname == ANY for q in node.subqueries)
        and sum(not _stop_word_somewhere(str(q.text)) for q in node.subqueries) > 1
    ):
        return wq.Or(node.subqueries, boost=node.boost, scale=COORDINATION)
    return None


#: Plain-word queries of this many words or more match *most* words instead of all of them.
LONG_QUERY = 4
#: Weight of the share of the query's words a document matches, for long queries.
COORDINATION = 0.9


def _ranked_if_long(node: wq.Query) -> wq.Query:
    """A long query of plain words ranks documents by how many words they match.

    People type two or three words and expect every one to count; a question or a description
    of a need ("community monitoring of river flows after dam construction") rarely has all its
    words in one document. Such a query becomes an ``OR`` whose scores grow with the share of
    words matched, so documents with all the words still come first.
    """
    if (
        isinstance(node, wq.And)
        and all(isinstance(q, wq.Term) and q.fieldname == ANY for q in node.subqueries)
        and sum(not _stop_word_somewhere(str(q.text)) for q in node.subqueries) >= LONG_QUERY
    ):
        return wq.Or(node.subqueries, boost=node.boost, scale=COORDINATION)
    return node


def _drop_stop_words(node: wq.Query) -> wq.Query:
    """In AND groups, plain words that some language never indexes become optional.

    ``the`` in English or ``sea``, ``con``, ``para`` (stop words in Dutch, Spanish...) cannot
    be required: a product in the language that drops them could never match. They still count
    where a product has them: ``albatross flight over the sea`` requires ``albatross`` and
    ``flight`` and ranks the products that also say ``sea`` first.
    """
    if isinstance(node, wq.And):
        kept: list[wq.Query] = []
        optional: list[wq.Query] = []
        for child in node.subqueries:
            plain = isinstance(child, wq.Term) and child.fieldname == ANY
            if plain and _stop_word_somewhere(str(child.text)):
                optional.append(child)
            else:
                kept.append(_drop_stop_words(child))
        if not kept:
            return node
        required = wq.And(kept, boost=node.boost) if len(kept) > 1 else kept[0]
        return wq.AndMaybe(required, wq.Or(optional)) if optional else required
    if node.is_leaf():
        return node
    return node.apply(_drop_stop_words)


def filter_query(filters: dict[str, list[str]], field_for: Callable[[str], str]) -> wq.Query | None:
    """Facet filters as a query: values of one facet OR-ed, facets AND-ed; years may be ranges."""
    parts: list[wq.Query] = []
    for facet, values in filters.items():
        alternatives: list[wq.Query] = []
        for value in values:
            if facet == "year" and ".." in value:
                first, _sep, last = value.partition("..")
                alternatives.append(
                    wq.NumericRange(
                        "year", int(first) if first else None, int(last) if last else None
                    )
                )
            else:
                alternatives.append(wq.Term(field_for(facet), value))
        if alternatives:
            parts.append(wq.Or(alternatives))
    return wq.And(parts) if parts else None
