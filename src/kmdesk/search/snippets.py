"""Highlighted snippets, made only for the results on screen.

A snippet is cut from the product's summary when the query matches there, otherwise from the text
of its attachments (read from the extraction cache), re-analysed with the product's language so
that ``participatifs`` lights up ``participatif``. Text is HTML-escaped and matches are wrapped
in ``<mark>``: safe to show in a rich-text label and easy to turn into plain text.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

from whoosh.highlight import ContextFragmenter, Formatter, get_text, highlight

from kmdesk.search.analysis import analyzer, tokens

#: Characters of a long attachment text searched for a snippet.
_MAX_SCAN = 200_000
#: Texts longer than this are first narrowed to windows around likely matches.
_WINDOW_FROM = 4_000
_WINDOW = 240
_MAX_WINDOWS = 2


def _fold_table() -> dict[int, str]:
    """Accented Latin letters to their base letter, one character for one (offsets kept)."""
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base != chr(code) and base.isascii():
            table[code] = base
    return table


_FOLD = _fold_table()


def _windows(text: str, terms: set[str]) -> str:
    """Stretches of a long text around words that may match ``terms`` ("" when none may).

    Index terms are stems, so a word matches when it starts like one (minus the last letters a
    stemmer may have changed); the real analyzer then decides on these few windows only.
    """
    prefixes = sorted({t[: max(4, len(t) - 2)] for t in terms if len(t) >= 3}, key=len)
    if not prefixes:
        return text[:_WINDOW_FROM]
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, prefixes)) + ")", re.IGNORECASE)
    folded = text.translate(_FOLD)
    spans: list[tuple[int, int]] = []
    for match in pattern.finditer(folded):
        start, end = max(0, match.start() - _WINDOW), min(len(text), match.end() + _WINDOW)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        elif len(spans) == _MAX_WINDOWS:
            break
        else:
            spans.append((start, end))
    return " … ".join(text[a:b] for a, b in spans)


class MarkFormatter(Formatter):
    """Escapes text and wraps matched words in ``<mark>``; fragments joined with an ellipsis."""

    between = " … "

    def _text(self, text: str) -> str:
        return html.escape(text, quote=False)

    def format_token(self, text: str, token: object, replace: bool = False) -> str:
        """One matched word as ``<mark>word</mark>``."""
        return f"<mark>{self._text(get_text(text, token, replace))}</mark>"


_FRAGMENTER = ContextFragmenter(maxchars=220, surround=60)
_FORMATTER = MarkFormatter()


@lru_cache(maxsize=4096)
def _stop_word(language: str, term: str) -> bool:
    return not tokens(language, term)


def highlight_text(text: str, terms: set[str], language: str, *, top: int = 2) -> str:
    """Up to ``top`` fragments of ``text`` around the ``terms`` (index terms of ``language``)."""
    # Stop words of the text's language are asked only to rank (they come from other
    # languages' analysis of the query): not worth a mark.
    terms = {term for term in terms if not _stop_word(language, term)}
    if not text or not terms:
        return ""
    if len(text) > _WINDOW_FROM:
        text = _windows(text[:_MAX_SCAN], terms)
        if not text:
            return ""
    snippet = highlight(
        text, frozenset(terms), analyzer(language), _FRAGMENTER, _FORMATTER, top=top
    )
    return " ".join(snippet.split())


def plain_start(text: str, length: int = 220) -> str:
    """The beginning of a text, escaped, for results whose match is not in any shown text."""
    text = " ".join(text.split())
    if len(text) <= length:
        return html.escape(text, quote=False)
    cut = text[:length].rsplit(" ", 1)[0]
    return html.escape(cut, quote=False) + " …"


def mark_to_plain(snippet: str, start: str = "[", end: str = "]") -> str:
    """A snippet for a terminal: marks as ``start``/``end`` strings, entities decoded."""
    return html.unescape(snippet.replace("<mark>", start).replace("</mark>", end))
