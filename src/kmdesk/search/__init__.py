"""Full-text search over the catalogue, on Whoosh; the engine is the business of this package.

:class:`~kmdesk.search.service.SearchService` is what the catalogue (and through it the command
line and the GUI) calls; nothing outside this package imports Whoosh.
"""

from kmdesk.search.results import FacetValue, SearchHit, SearchResults

__all__ = ["FacetValue", "SearchHit", "SearchResults"]
