"""Highlighted snippets, made only for the results on screen.

A snippet is cut from the product's summary when the query matches there, otherwise from the text
of its attachments (read from the extraction cache), re-analysed with the product's language so
that ``participatifs`` lights up ``participatif``. Text is HTML-escaped and matches are wrapped
in ``<mark>``: safe to show in a rich-text label and easy to turn into plain text.
"""

from __future__ import annotations

import html

from whoosh.highlight import ContextFragmenter, Formatter, get_text, highlight

from kmdesk.search.analysis import analyzer

#: Characters of a long attachment text searched for a snippet.
_MAX_SCAN = 60_000


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


def highlight_text(text: str, terms: set[str], language: str, *, top: int = 2) -> str:
    """Up to ``top`` fragments of ``text`` around the ``terms`` (index terms of ``language``)."""
    if not text or not terms:
        return ""
    snippet = highlight(
        text[:_MAX_SCAN], frozenset(terms), analyzer(language), _FRAGMENTER, _FORMATTER, top=top
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
