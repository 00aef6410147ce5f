"""Term-at-a-time evaluation gives exactly Whoosh's matches and scores, faster."""

from __future__ import annotations

import pytest

from kmdesk.catalogue import Catalogue
from kmdesk.search import collecting
from kmdesk.search.evaluation import Evaluator, bit_set, top
from kmdesk.search.query import parse_query
from kmdesk.search.service import _completer, _without_absent_fields

QUERIES = [
    ("budget", False),
    ("participatory budgeting", False),
    ("water OR sanitation", False),
    ("forest NOT mining", False),
    ('"local governance"', False),
    ("title:budget year:2018..2022", False),
    ("community monitoring of river flows after dam construction", False),
    ("the gender of budgets", False),
    ("gouvernance locale", False),
    ("budget pa", True),
    ("gen*", False),
    ("org:cegol", False),
    ("", False),
    ("zzzz nothing", False),
]


def _compare(catalogue: Catalogue, text: str, prefix_last: bool) -> int:
    with catalogue.indexer.index.searching() as searcher:
        parsed = parse_query(text, prefix_last=prefix_last, completer=_completer(searcher))
        query = _without_absent_fields(parsed.query, searcher)
        size = searcher.doc_count_all()
        results, matched = collecting.run(
            searcher, query, limit=size, allowed=None, sortedby=None, reverse=False
        )
        expected = [(hit.docnum, pytest.approx(hit.score, rel=1e-9)) for hit in results]
        scores = Evaluator(searcher).scores(query)
        assert bit_set(scores, size) == matched, text
        assert top(scores, size, None) == expected, text
        # A facet restriction keeps the order of what it lets through.
        allowed = bit_set(list(scores)[::2], size)
        inside = [item for item in expected if allowed >> item[0] & 1]
        assert top(scores, 5, allowed) == inside[:5], text
        return len(scores)


def test_same_matches_and_scores_as_whoosh(demo_catalogue: Catalogue) -> None:
    demo_catalogue.ensure_index()
    found = [_compare(demo_catalogue, text, prefix) for text, prefix in QUERIES]
    assert all(found[:-1]) and found[-1] == 0  # every query but the last matches something


def test_deleted_and_updated_documents_are_left_out(demo_catalogue: Catalogue) -> None:
    demo_catalogue.ensure_index()
    hits = demo_catalogue.search("budget", limit=3).hits
    demo_catalogue.products.delete(hits[0].id)
    demo_catalogue.products.update(hits[1].id, {"title": "Renamed budget tracker for councils"})
    for text, prefix in QUERIES[:4]:
        _compare(demo_catalogue, text, prefix)
    after = demo_catalogue.search("budget", limit=500)
    assert hits[0].id not in {hit.id for hit in after.hits}
    assert after.total == len({hit.id for hit in after.hits})
