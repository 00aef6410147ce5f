"""Finding a highlight again in an attachment's text after it was extracted or laid out anew.

A highlight keeps its page, the quoted text and some text before and after it (its context).
When the attachment's text changes (a better extractor, a new edition of the PDF with the pages
laid out differently, a viewer that extracts text its own way) the highlight is placed again:

1. on its own page, the occurrence of the quote whose surroundings best match the context;
2. else anywhere in the document, the occurrence with the best context (nearer pages first
   when two are as good);
3. else it is *lost*: reported, never dropped (the note and its quote stay).

Matching tolerates what differs between extractions of the same words: line breaks and spaces
(present, absent or doubled), words hyphenated at the end of a line (``partici-`` / ``patory``),
soft hyphens, ligatures (``ﬁ``), typographic quotes and dashes, accents written as one
character or as a letter and a combining mark, and letter case. Text is
compared in a *matching form* in which all of those are gone, with a map from each of its
characters back to the original text, so a match is reported as a span of the original.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

#: ``same-page``: found on its page; ``moved``: found on another page; ``found``: found in a
#: text whose pages are unknown; ``lost``: the quote is nowhere.
AnchorStatus = Literal["same-page", "moved", "found", "lost"]

#: Characters that are left out of the matching form: every kind of hyphen and dash (so that a
#: word hyphenated at a line end matches the whole word) and invisible format characters.
_DROPPED = frozenset("-\u00ad\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u200b\u200c\u200d\ufeff")
#: Typographic variants written the same way in the matching form.
_FOLDED = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a highlight is now: its page (from 1) and span in that page's text, or lost.

    ``page`` is ``None`` when the text's pages are not known (then ``start`` and ``end`` are
    offsets in the whole text). ``context`` is how many characters of the stored context matched
    around the quote (0 to the context's length).
    """

    status: AnchorStatus
    page: int | None = None
    start: int | None = None
    end: int | None = None
    text: str | None = None
    context: int = 0

    @property
    def lost(self) -> bool:
        """Whether the quote is nowhere in the text."""
        return self.status == "lost"


@dataclass(frozen=True, slots=True)
class _Folded:
    """Text in matching form, with the original offset of each of its characters."""

    text: str
    origin: tuple[int, ...]


def matching_form(text: str) -> str:
    """``text`` as it is compared: NFKD without combining marks, lower case, no whitespace,
    no hyphens, plain quotes."""
    return _fold(text).text


def _fold(text: str) -> _Folded:
    characters: list[str] = []
    origin: list[int] = []
    for index, character in enumerate(text):
        if character.isspace() or character in _DROPPED:
            continue
        folded = unicodedata.normalize("NFKD", character).translate(_FOLDED).lower()
        for part in folded:
            if part.isspace() or part in _DROPPED or unicodedata.combining(part):
                continue
            characters.append(part)
            origin.append(index)
    return _Folded("".join(characters), tuple(origin))


def _occurrences(haystack: str, needle: str) -> list[int]:
    found: list[int] = []
    start = haystack.find(needle)
    while start != -1:
        found.append(start)
        start = haystack.find(needle, start + 1)
    return found


def _common_suffix(left: str, right: str) -> int:
    count = 0
    for a, b in zip(reversed(left), reversed(right), strict=False):
        if a != b:
            break
        count += 1
    return count


def _common_prefix(left: str, right: str) -> int:
    count = 0
    for a, b in zip(left, right, strict=False):
        if a != b:
            break
        count += 1
    return count


def reanchor(
    pages: Sequence[str],
    quote: str,
    *,
    page: int | None = None,
    before: str | None = None,
    after: str | None = None,
    pages_known: bool = True,
) -> Anchor:
    """Place a highlight (``quote`` on ``page``, with context) in ``pages`` (the text by page).

    ``pages_known=False``: ``pages`` is one text whose page breaks are unknown; the anchor then
    has no page. A blank quote is lost.
    """
    needle = matching_form(quote)
    if not needle:
        return Anchor("lost")
    wanted_before = matching_form(before or "")
    wanted_after = matching_form(after or "")
    folded = [_fold(text) for text in pages]
    order = list(range(len(pages)))
    home = page - 1 if pages_known and page is not None and 0 <= page - 1 < len(pages) else None
    if home is not None:
        order.remove(home)
        order.sort(key=lambda i: abs(i - home))
        order.insert(0, home)
    best: tuple[int, int, int] | None = None  # (context matched, -rank, start) of the best
    best_page = -1
    for rank, index in enumerate(order):
        if best is not None and index != home and best_page == home:
            break  # found on its own page: other pages are not considered
        text = folded[index].text
        for start in _occurrences(text, needle):
            context = _common_suffix(wanted_before, text[:start]) + _common_prefix(
                wanted_after, text[start + len(needle) :]
            )
            candidate = (context, -rank, -start)
            if best is None or candidate > best:
                best, best_page = candidate, index
    if best is None:
        return Anchor("lost")
    context, _rank, negative_start = best
    start = -negative_start
    source = folded[best_page]
    first = source.origin[start]
    last = source.origin[start + len(needle) - 1] + 1
    status: AnchorStatus = "same-page" if best_page == home else "moved"
    if not pages_known:
        status = "found"
    return Anchor(
        status,
        page=best_page + 1 if pages_known else None,
        start=first,
        end=last,
        text=pages[best_page][first:last],
        context=context,
    )


def page_texts(text: str, page_count: int | None) -> tuple[list[str], bool]:
    """An extraction's text split into pages, and whether the split is certain.

    Extraction joins the pages' texts with a blank line; when splitting there gives the page
    count, those are the pages, otherwise (a page that holds blank lines itself) the text is
    one piece of unknown pages.
    """
    parts = text.split("\n\n")
    if page_count is not None and len(parts) == page_count:
        return parts, True
    return [text], False
