"""``kmdesk search`` and ``kmdesk reindex`` on the demo catalogue, in-process (``conftest.py``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.cli.conftest import Run

Ok = Callable[..., str]


def test_search_json_has_ranked_hits_snippets_and_facets(demo_folder: Path, ok: Ok) -> None:
    result = json.loads(ok(demo_folder, "search", "participatory budgeting", "--json"))
    assert result["query"] == "participatory budgeting"
    assert result["total"] >= 5
    first = result["hits"][0]
    assert set(first) == {
        "id",
        "title",
        "score",
        "year",
        "product_type",
        "languages",
        "snippet",
        "snippet_source",
    }
    assert first["snippet_source"] in ("summary", "note", "attachment")
    assert "participatory budgeting" in first["title"].lower()
    assert "<mark>" in first["snippet"]
    scores = [hit["score"] for hit in result["hits"]]
    assert scores == sorted(scores, reverse=True)
    assert set(result["facets"]) == {
        "theme",
        "type",
        "partnership",
        "organisation",
        "country",
        "language",
        "year",
        "tag",
        "annotated",
    }
    theme = result["facets"]["theme"][0]
    assert set(theme) == {"value", "label", "count", "selected"}
    assert sum(v["count"] for v in result["facets"]["type"]) == result["total"]


def test_accented_and_plain_queries_find_the_same(demo_folder: Path, ok: Ok) -> None:
    found = {
        query: [
            h["id"]
            for h in json.loads(ok(demo_folder, "search", query, "--json", "--limit", "50"))["hits"]
        ]
        for query in ("genero", "género", "GÉNERO")
    }
    assert found["genero"] == found["género"] == found["GÉNERO"]
    assert len(found["genero"]) >= 5


def test_filters_sort_and_text_output(demo_folder: Path, ok: Ok) -> None:
    result = json.loads(
        ok(
            demo_folder,
            "search",
            "budget",
            "--filter",
            "language=fr",
            "--filter",
            "theme=local-governance",
            "--sort",
            "year",
            "--json",
        )
    )
    years = [h["year"] for h in result["hits"]]
    assert years == sorted(years, reverse=True)
    assert all("fr" in h["languages"] for h in result["hits"])
    # stdout is not a terminal (as in a pipe): matches are marked [like this], not in bold
    text = ok(demo_folder, "search", "budget", "participatif", "--facets", "--limit", "3")
    assert text.splitlines()[0].startswith("  1. ")
    assert "[budget]" in text.lower() or "[participatif]" in text.lower()
    assert "theme:" in text


def test_bad_queries_and_filters_exit_1_with_a_message(demo_folder: Path, kmdesk: Run) -> None:
    for args, message in (
        (("colour:blue",), "unknown field 'colour'"),
        (('"unclosed',), "quotation mark"),
        (("water", "--filter", "theme=climate"), "not a known theme"),
        (("water", "--filter", "size=big"), "not a search filter"),
        (("water", "--filter", "year=20x"), "not a year"),
    ):
        result = kmdesk(demo_folder, "search", *args)
        assert result.code == 1, args
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr


def test_did_you_mean_and_reindex(demo_folder: Path, ok: Ok) -> None:
    result = json.loads(ok(demo_folder, "search", "mangrive", "--json"))
    assert result["total"] == 0 and result["suggestion"].startswith("mangrove")
    assert ok(demo_folder, "reindex").startswith("Indexed 312 products")
    assert ok(demo_folder, "check").strip().endswith("No problems found")
