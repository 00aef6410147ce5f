"""What a search returns: plain records, safe to hand to any thread or to print as JSON."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One ranked product. ``snippet`` is HTML-escaped text with matches in ``<mark>`` tags,
    cut from the product's summary, one of its notes or an attachment (``snippet_source``:
    ``summary``, ``note`` or ``attachment``)."""

    id: uuid.UUID
    title: str
    score: float
    year: int | None
    product_type: str
    languages: tuple[str, ...]
    snippet: str
    snippet_source: str = "summary"


@dataclass(frozen=True, slots=True)
class FacetValue:
    """A value of a facet with the number of results that have it (other filters applied)."""

    value: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True, slots=True)
class SearchResults:
    """A page of ranked hits, the total number of matches, facet counts and a suggestion."""

    query: str
    total: int
    hits: tuple[SearchHit, ...]
    facets: dict[str, tuple[FacetValue, ...]] = field(default_factory=dict)
    suggestion: str | None = None
    #: Remarks on how the query was read (a word left out, a wildcard cut short).
    notes: tuple[str, ...] = ()
    sort: str = "relevance"
    offset: int = 0
