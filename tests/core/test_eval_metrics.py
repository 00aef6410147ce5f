"""Search-quality metrics of ``benchmarks/eval_search.py``, against hand-computed values."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from benchmarks.eval_search import (
    KINDS,
    QUERIES_PATH,
    QueriesError,
    QueryResult,
    Scores,
    average_precision,
    build_report,
    gain,
    load_queries,
    main,
    ndcg_at,
    parse_queries,
    precision_at,
    recall_at,
    score,
)

from kmdesk.demo import demo_dir, read_products

LOG2_3 = math.log2(3)


# -- average precision -----------------------------------------------------------------------------


def test_average_precision_of_rel_non_rel_with_two_relevant() -> None:
    assert average_precision(["a", "x", "b"], {"a", "b"}) == pytest.approx((1 + 2 / 3) / 2)


def test_average_precision_counts_unretrieved_relevant_as_zero() -> None:
    # Only "a" is found, at rank 1; "b" and "c" are missing: (1 + 0 + 0) / 3.
    assert average_precision(["a", "x"], {"a", "b", "c"}) == pytest.approx(1 / 3)


def test_average_precision_of_a_perfect_ranking_is_one() -> None:
    assert average_precision(["a", "b", "x", "y"], {"a", "b"}) == 1.0


def test_average_precision_of_empty_results_or_no_relevant_is_zero() -> None:
    assert average_precision([], {"a"}) == 0.0
    assert average_precision(["a"], set()) == 0.0
    assert average_precision(["x", "y"], {"a"}) == 0.0


def test_a_repeated_result_counts_once_at_its_first_rank() -> None:
    # ["a", "a", "b"] is read as ["a", "b"]: (1/1 + 2/2) / 2.
    assert average_precision(["a", "a", "b"], {"a", "b"}) == 1.0


# -- nDCG ------------------------------------------------------------------------------------------


def test_gain_is_two_to_the_grade_minus_one() -> None:
    assert (gain(0), gain(1), gain(2)) == (0.0, 1.0, 3.0)


def test_ndcg_of_a_perfect_ranking_is_one() -> None:
    assert ndcg_at(["a", "b", "c"], {"a": 2, "b": 1}) == pytest.approx(1.0)


def test_ndcg_of_a_swapped_pair() -> None:
    # Ranked [b (grade 1), a (grade 2)]: DCG = 1/log2(2) + 3/log2(3); ideal = 3/1 + 1/log2(3).
    expected = (1 + 3 / LOG2_3) / (3 + 1 / LOG2_3)
    assert ndcg_at(["b", "a"], {"a": 2, "b": 1}) == pytest.approx(expected)
    assert expected == pytest.approx(0.7967, abs=1e-4)


def test_ndcg_discounts_a_relevant_item_below_an_unjudged_one() -> None:
    # The only relevant item sits at rank 2: (1/log2(3)) / (1/log2(2)).
    assert ndcg_at(["x", "a"], {"a": 1}) == pytest.approx(1 / LOG2_3)


def test_ndcg_ignores_results_below_the_cutoff() -> None:
    ranked = [f"x{n}" for n in range(10)] + ["a"]
    assert ndcg_at(ranked, {"a": 2}, k=10) == 0.0
    assert ndcg_at(ranked, {"a": 2}, k=11) == pytest.approx(1 / math.log2(12))


def test_ndcg_ideal_is_cut_at_k_too() -> None:
    grades = {f"r{n}": 1 for n in range(12)}
    assert ndcg_at(list(grades), grades, k=10) == pytest.approx(1.0)


def test_ndcg_of_empty_results_or_no_judgments_is_zero() -> None:
    assert ndcg_at([], {"a": 2}) == 0.0
    assert ndcg_at(["a"], {}) == 0.0


# -- precision and recall --------------------------------------------------------------------------


def test_precision_at_divides_by_k_even_with_fewer_results() -> None:
    assert precision_at(["a", "x", "b", "y", "c"], {"a", "b", "c"}, k=10) == pytest.approx(0.3)
    assert precision_at(["a", "x"], {"a"}, k=2) == pytest.approx(0.5)
    assert precision_at([], {"a"}) == 0.0


def test_recall_at_counts_only_the_first_k() -> None:
    assert recall_at(["a", "x", "b"], {"a", "b", "c", "d"}) == pytest.approx(0.5)
    assert recall_at(["x", "a"], {"a"}, k=1) == 0.0
    assert recall_at([], {"a"}) == 0.0
    assert recall_at(["a"], set()) == 0.0


def test_score_treats_grade_one_and_two_alike_except_in_ndcg() -> None:
    scores = score(["b", "x", "a"], {"a": 2, "b": 1})
    assert scores.ap == pytest.approx((1 + 2 / 3) / 2)
    assert scores.p10 == pytest.approx(0.2)
    assert scores.r100 == 1.0
    assert scores.ndcg10 == pytest.approx((1 + 3 / 2) / (3 + 1 / LOG2_3))
    assert scores.hits == 3


# -- report ----------------------------------------------------------------------------------------


def _scores(ap: float) -> Scores:
    return Scores(ap=ap, ndcg10=ap, p10=ap, r100=ap, hits=1)


def test_misspelled_queries_stay_out_of_the_overall_mean() -> None:
    results = [
        QueryResult("q1", "topic-en", "a", 1, _scores(1.0)),
        QueryResult("q2", "phrase", "b", 1, _scores(0.5)),
        QueryResult("q3", "misspelled", "c", 1, _scores(0.0), "c2", _scores(0.8)),
        QueryResult("q4", "misspelled", "d", 1, _scores(0.4)),
    ]
    report = build_report(results)
    assert report.overall.queries == 2
    assert report.overall.map == pytest.approx(0.75)
    assert report.by_kind["misspelled (as typed)"].map == pytest.approx(0.2)
    # The suggestion replaces q3's results; q4 had no suggestion and keeps its own.
    assert report.by_kind["misspelled (after did-you-mean)"].map == pytest.approx(0.6)
    assert "accents" not in report.by_kind


# -- queries file ----------------------------------------------------------------------------------


def _query(**changes: object) -> dict[str, object]:
    item: dict[str, object] = {
        "id": "q01",
        "query": "mangroves",
        "kind": "topic-en",
        "need": "Anything on mangroves.",
        "relevant": {"a": 2, "b": 1},
    }
    item.update(changes)
    return item


@pytest.mark.parametrize(
    "data",
    [
        {},
        [],
        ["q01"],
        [_query(id="")],
        [_query(kind="other")],
        [_query(relevant={})],
        [_query(relevant={"a": 3})],
        [_query(relevant={"a": True})],
        [_query(relevant={f"k{n}": 1 for n in range(26)})],
        [_query(), _query()],
    ],
)
def test_malformed_queries_are_refused(data: object) -> None:
    with pytest.raises(QueriesError):
        parse_queries(data)


def test_judged_products_must_exist() -> None:
    assert parse_queries([_query()], {"a", "b"})[0].relevant == {"a": 2, "b": 1}
    with pytest.raises(QueriesError, match="'b' is not a demo product"):
        parse_queries([_query()], {"a"})


def test_the_shipped_queries_are_well_formed() -> None:
    keys = {product["key"] for product in read_products(demo_dir())}
    queries = load_queries(QUERIES_PATH, keys)
    assert len(queries) == 40
    assert {query.kind for query in queries} == set(KINDS)


def test_a_malformed_file_exits_with_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "queries.json"
    path.write_text(json.dumps([_query(relevant={"no-such-product": 2})]), encoding="utf-8")
    assert main(["--queries", str(path)]) == 2
    assert "no-such-product" in capsys.readouterr().err
    path.write_text("[", encoding="utf-8")
    assert main(["--queries", str(path)]) == 2
