"""Measure search quality on the demo catalogue against hand-made relevance judgments.

The judgments are in ``benchmarks/search_quality/queries.json``: 40 queries, each with a kind
(``topic-en``, ``other-language``, ``accents``, ``cross-lingual``, ``attachment``, ``phrase``,
``boolean``, ``misspelled``), a one-sentence need and graded relevant products (2 = highly
relevant, 1 = partially relevant), judged by reading the products and their attachments, without
looking at any search output. Run from the repository root::

    .venv/bin/python benchmarks/eval_search.py [--json]

It loads the demo into a temporary catalogue, runs every query (top 100, no facets, no snippets)
and prints per query average precision (binary: grade >= 1 is relevant), nDCG@10 (gain 2^g - 1),
P@10 and recall@100, then the means overall and per kind (MAP is the mean AP). Misspelled
queries measure "did you mean": when they return fewer than 3 hits and a suggestion, the
suggestion's results are evaluated too, and misspelled queries are kept out of the overall means.

It measures and does not judge: the exit status is 0 whatever the scores, and 2 only when the
queries file is malformed.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kmdesk.catalogue import Catalogue

QUERIES_PATH = Path(__file__).with_name("search_quality") / "queries.json"
KINDS = (
    "topic-en",
    "other-language",
    "accents",
    "cross-lingual",
    "attachment",
    "phrase",
    "boolean",
    "misspelled",
)
MISSPELLED = "misspelled"
LIMIT = 100
CUTOFF = 10
FEW_HITS = 3
MAX_RELEVANT = 25


# -- metrics (pure) --------------------------------------------------------------------------------


def _first_occurrences[Id: Hashable](ranked: Iterable[Id]) -> list[Id]:
    """``ranked`` without repeats: a product returned twice counts once, at its first rank."""
    seen: set[Id] = set()
    unique: list[Id] = []
    for item in ranked:
        if item not in seen:
            seen.add(item)
            unique.append(item)
    return unique


def average_precision[Id: Hashable](ranked: Sequence[Id], relevant: Collection[Id]) -> float:
    """Average precision of a ranking: the mean of P@k over the ranks k of relevant items.

    Relevant items that were not retrieved count as zero precision, so the sum is divided by
    the number of relevant items, not by the number retrieved. No relevant items gives 0.
    """
    if not relevant:
        return 0.0
    found = 0
    total = 0.0
    for rank, item in enumerate(_first_occurrences(ranked), start=1):
        if item in relevant:
            found += 1
            total += found / rank
    return total / len(relevant)


def dcg(gains: Iterable[float]) -> float:
    """Discounted cumulative gain: the gain at rank i is divided by log2(i + 1)."""
    return sum(gain / math.log2(rank + 1) for rank, gain in enumerate(gains, start=1))


def gain(grade: int) -> float:
    """The graded gain 2^grade - 1 (0 for unjudged or non-relevant items)."""
    return float(2**grade - 1) if grade > 0 else 0.0


def ndcg_at[Id: Hashable](ranked: Sequence[Id], grades: Mapping[Id, int], k: int = CUTOFF) -> float:
    """nDCG@k: the DCG of the first ``k`` results over the DCG of the ideal ranking of ``grades``.

    Unjudged items have grade 0. Without any positive grade the ideal DCG is 0 and so is nDCG.
    """
    ideal = dcg(sorted((gain(g) for g in grades.values() if g > 0), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    actual = dcg(gain(grades.get(item, 0)) for item in _first_occurrences(ranked)[:k])
    return actual / ideal


def precision_at[Id: Hashable](
    ranked: Sequence[Id], relevant: Collection[Id], k: int = CUTOFF
) -> float:
    """P@k: relevant items among the first ``k`` results, divided by ``k`` (not by the hits)."""
    if k <= 0:
        return 0.0
    return sum(1 for item in _first_occurrences(ranked)[:k] if item in relevant) / k


def recall_at[Id: Hashable](
    ranked: Sequence[Id], relevant: Collection[Id], k: int = LIMIT
) -> float:
    """Recall@k: the share of the relevant items found among the first ``k`` results."""
    if not relevant:
        return 0.0
    return sum(1 for item in _first_occurrences(ranked)[:k] if item in relevant) / len(relevant)


def mean(values: Sequence[float]) -> float:
    """The arithmetic mean, 0 for no values."""
    return sum(values) / len(values) if values else 0.0


# -- the queries file ------------------------------------------------------------------------------


class QueriesError(Exception):
    """The queries file cannot be used as it is."""


@dataclass(frozen=True, slots=True)
class Query:
    """One judged query: ``relevant`` maps demo product keys to grades 1 or 2."""

    id: str
    query: str
    kind: str
    need: str
    relevant: dict[str, int]


def parse_queries(data: Any, known_keys: Collection[str] | None = None) -> list[Query]:
    """Check the decoded queries file and return its queries; raise :class:`QueriesError`.

    With ``known_keys``, every judged product must be one of them.
    """
    if not isinstance(data, list) or not data:
        raise QueriesError("the file must hold a non-empty JSON array of queries")
    queries: list[Query] = []
    seen: set[str] = set()
    for number, item in enumerate(data, start=1):
        where = f"query {number}"
        if not isinstance(item, dict):
            raise QueriesError(f"{where}: not an object")
        for name in ("id", "query", "kind", "need"):
            if not isinstance(item.get(name), str) or not item[name].strip():
                raise QueriesError(f"{where}: '{name}' must be a non-empty string")
        where = f"query {item['id']}"
        if item["id"] in seen:
            raise QueriesError(f"{where}: duplicate id")
        seen.add(item["id"])
        if item["kind"] not in KINDS:
            raise QueriesError(f"{where}: unknown kind {item['kind']!r}")
        relevant = item.get("relevant")
        if not isinstance(relevant, dict) or not 1 <= len(relevant) <= MAX_RELEVANT:
            raise QueriesError(f"{where}: 'relevant' must map 1 to {MAX_RELEVANT} products")
        for key, grade in relevant.items():
            if type(grade) is not int or grade not in (1, 2):
                raise QueriesError(f"{where}: grade of {key!r} must be 1 or 2")
            if known_keys is not None and key not in known_keys:
                raise QueriesError(f"{where}: {key!r} is not a demo product")
        queries.append(Query(item["id"], item["query"], item["kind"], item["need"], dict(relevant)))
    return queries


def load_queries(path: Path, known_keys: Collection[str] | None = None) -> list[Query]:
    """Read and check the queries file at ``path``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise QueriesError(str(exc)) from exc
    return parse_queries(data, known_keys)


# -- evaluation ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Scores:
    """The metrics of one ranked list."""

    ap: float
    ndcg10: float
    p10: float
    r100: float
    hits: int


@dataclass(slots=True)
class QueryResult:
    """The scores of one query; ``after_suggestion`` when "did you mean" was followed."""

    id: str
    kind: str
    query: str
    relevant: int
    scores: Scores
    suggestion: str | None = None
    after_suggestion: Scores | None = None
    error: str | None = None

    @property
    def effective(self) -> Scores:
        """What the user ends up with: the suggestion's scores if it was followed."""
        return self.after_suggestion or self.scores


def score[Id: Hashable](ranked: Sequence[Id], grades: Mapping[Id, int]) -> Scores:
    """All metrics of ``ranked`` against graded judgments ``grades``."""
    relevant = {item for item, grade in grades.items() if grade > 0}
    return Scores(
        ap=average_precision(ranked, relevant),
        ndcg10=ndcg_at(ranked, grades, CUTOFF),
        p10=precision_at(ranked, relevant, CUTOFF),
        r100=recall_at(ranked, relevant, LIMIT),
        hits=len(ranked),
    )


def evaluate(catalogue: Catalogue, queries: Sequence[Query]) -> list[QueryResult]:
    """Run every query on ``catalogue`` and score it against its judgments."""
    from kmdesk.demo import demo_id

    results: list[QueryResult] = []
    for query in queries:
        grades = {demo_id("product", key): grade for key, grade in query.relevant.items()}
        result = QueryResult(query.id, query.kind, query.query, len(grades), score([], grades))
        try:
            found = catalogue.search(query.query, limit=LIMIT, facets=False, snippets=False)
            ranked = [hit.id for hit in found.hits]
            result.scores = score(ranked, grades)
            result.suggestion = found.suggestion
            if query.kind == MISSPELLED and len(ranked) < FEW_HITS and found.suggestion:
                corrected = catalogue.search(
                    found.suggestion, limit=LIMIT, facets=False, snippets=False
                )
                result.after_suggestion = score([hit.id for hit in corrected.hits], grades)
        except Exception as exc:  # a failing query is a measurement, not a reason to stop
            result.error = f"{type(exc).__name__}: {exc}"
        results.append(result)
    return results


@dataclass(frozen=True, slots=True)
class Summary:
    """Mean metrics over a group of queries."""

    queries: int
    map: float
    ndcg10: float
    p10: float
    r100: float


def summarise(scores: Sequence[Scores]) -> Summary:
    """The mean of each metric over ``scores``."""
    return Summary(
        queries=len(scores),
        map=mean([s.ap for s in scores]),
        ndcg10=mean([s.ndcg10 for s in scores]),
        p10=mean([s.p10 for s in scores]),
        r100=mean([s.r100 for s in scores]),
    )


@dataclass(slots=True)
class Report:
    """Per-query results and their means overall (misspelled queries apart) and per kind."""

    results: list[QueryResult]
    overall: Summary
    by_kind: dict[str, Summary] = field(default_factory=dict)


def build_report(results: Sequence[QueryResult]) -> Report:
    """Group the scores: overall excludes misspelled queries, which get an "as typed" and an
    "after did-you-mean" line of their own."""
    overall = summarise([r.scores for r in results if r.kind != MISSPELLED])
    by_kind: dict[str, Summary] = {}
    for kind in KINDS:
        group = [r for r in results if r.kind == kind]
        if not group:
            continue
        if kind == MISSPELLED:
            by_kind[f"{kind} (as typed)"] = summarise([r.scores for r in group])
            by_kind[f"{kind} (after did-you-mean)"] = summarise([r.effective for r in group])
        else:
            by_kind[kind] = summarise([r.scores for r in group])
    return Report(list(results), overall, by_kind)


# -- output ----------------------------------------------------------------------------------------


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(report: Report) -> str:
    """The report as plain-text tables."""
    lines = [
        f"{'id':<4} {'kind':<15} {'query':<38} {'AP':>6} {'nDCG10':>6} {'P@10':>6} "
        f"{'R@100':>6} {'hits':>5} {'rel':>4}"
    ]
    for r in report.results:
        s = r.scores
        lines.append(
            f"{r.id:<4} {r.kind:<15} {_clip(r.query, 38):<38} {s.ap:6.3f} {s.ndcg10:6.3f} "
            f"{s.p10:6.3f} {s.r100:6.3f} {s.hits:5d} {r.relevant:4d}"
        )
        if r.error:
            lines.append(f"{'':<20} error: {r.error}")
        if r.after_suggestion is not None:
            a = r.after_suggestion
            label = _clip(f"→ did you mean: {r.suggestion}", 38)
            lines.append(
                f"{'':<4} {'':<15} {label:<38} {a.ap:6.3f} {a.ndcg10:6.3f} "
                f"{a.p10:6.3f} {a.r100:6.3f} {a.hits:5d} {r.relevant:4d}"
            )
    lines.append("")
    lines.append(f"{'group':<34} {'n':>3} {'MAP':>6} {'nDCG10':>6} {'P@10':>6} {'R@100':>6}")
    groups = [("overall (without misspelled)", report.overall), *report.by_kind.items()]
    for name, summary in groups:
        lines.append(
            f"{name:<34} {summary.queries:3d} {summary.map:6.3f} {summary.ndcg10:6.3f} "
            f"{summary.p10:6.3f} {summary.r100:6.3f}"
        )
    return "\n".join(lines)


def report_json(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data."""
    queries = []
    for r in report.results:
        queries.append(
            {
                "id": r.id,
                "kind": r.kind,
                "query": r.query,
                "relevant": r.relevant,
                **asdict(r.scores),
                "suggestion": r.suggestion,
                "after_suggestion": asdict(r.after_suggestion) if r.after_suggestion else None,
                "error": r.error,
            }
        )
    return {
        "queries": queries,
        "overall": asdict(report.overall),
        "by_kind": {kind: asdict(summary) for kind, summary in report.by_kind.items()},
    }


# -- command ---------------------------------------------------------------------------------------


def run(queries: Sequence[Query]) -> Report:
    """Load the demo into a temporary catalogue and evaluate ``queries`` on it."""
    from kmdesk.catalogue import Catalogue
    from kmdesk.demo import load_demo

    with (
        tempfile.TemporaryDirectory(prefix="kmdesk-eval-") as folder,
        Catalogue.open(Path(folder) / "catalogue") as catalogue,
    ):
        load_demo(catalogue)
        results = evaluate(catalogue, queries)
    return build_report(results)


def main(argv: Sequence[str] | None = None) -> int:
    """Evaluate search quality; 0 whatever the scores, 2 for a malformed queries file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--queries", type=Path, default=QUERIES_PATH, help="judged queries (default: %(default)s)"
    )
    args = parser.parse_args(argv)

    from kmdesk.demo import demo_dir, read_products

    try:
        queries = load_queries(args.queries, {p["key"] for p in read_products(demo_dir())})
    except QueriesError as exc:
        print(f"{args.queries}: {exc}", file=sys.stderr)
        return 2
    report = run(queries)
    if args.json:
        print(json.dumps(report_json(report), ensure_ascii=False, indent=2))
    else:
        print(format_table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
