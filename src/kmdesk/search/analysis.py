"""Text analysis per language: tokens folded for case and accents, stop words dropped, stemmed.

Folding happens *before* stop words and stemming, for documents and queries alike, so that
``genero``, ``género`` and ``GÉNERO`` give the same token whatever the keyboard, and ``budgets
participatifs`` meets ``budget participatif``. Stemming folded words loses a little linguistic
finesse on a few accented suffixes, never consistency between what is indexed and what is asked.

The analyzers are built only from Whoosh's own classes: the index stores its schema by pickling
it, and a multi-process rebuild sends it to worker processes.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.lang import stopwords_for_language
from whoosh.support.charset import accent_map

#: Languages analysed with their own stop words and stemmer; others use the neutral analyzer.
STEMMED_LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "pt", "nl")
#: The pseudo-language of text in any other language (folded, not stemmed).
NEUTRAL = "xx"
INDEX_LANGUAGES: tuple[str, ...] = (*STEMMED_LANGUAGES, NEUTRAL)


def fold(text: str) -> str:
    """Remove accents (``Égalité`` → ``Egalite``), keeping case and every other character."""
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def index_language(tag: str | None) -> str:
    """The analysis language of a BCP 47 tag (``pt-BR`` → ``pt``; unknown → neutral)."""
    primary = (tag or "").split("-")[0].lower()
    return primary if primary in STEMMED_LANGUAGES else NEUTRAL


def strip_plural(word: str) -> str:
    """A light, language-neutral stemmer: ``budgets`` → ``budget``, ``process`` kept."""
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@cache
def plain_analyzer() -> Analyzer:
    """Folded, lower-cased words, nothing removed: the spelling dictionary and query parsing."""
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


@cache
def analyzer(language: str) -> Analyzer:
    """The analyzer of ``language`` (one of :data:`INDEX_LANGUAGES`)."""
    base = plain_analyzer()
    if language == NEUTRAL:
        return base | StemFilter(stemfn=strip_plural)
    words = stopwords_for_language(language)
    stoplist = frozenset(words) | frozenset(fold(w).lower() for w in words)
    return base | StopFilter(stoplist=stoplist, minsize=1) | StemFilter(lang=language)


@cache
def neutral_analyzer() -> Analyzer:
    """Names and vocabulary labels, in any language: folded, plurals lightened."""
    return analyzer(NEUTRAL)


def tokens(language: str, text: str) -> list[str]:
    """The index terms ``text`` gives in ``language`` (used to expand queries per language)."""
    return [token.text for token in analyzer(language)(text)]


def field_language(fieldname: str) -> str | None:
    """The analysis language of an index field (``text_fr`` → ``fr``); ``None``: not analysed."""
    if fieldname.startswith(("title_", "text_", "full_")):
        return fieldname.rsplit("_", 1)[1]
    if fieldname in ("org", "partnership", "author", "theme", "type", "country", "keyword"):
        return NEUTRAL
    return None
