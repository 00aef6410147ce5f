"""Measure kmdesk's ranking on the Cranfield 1400 test collection against plain BM25 engines.

Cranfield 1400 (aeronautics abstracts: 1,400 documents, 225 queries, graded judgments) is read
from its folder (default ``../shared/data/cranfield`` from the repository root; it is never
copied into the project). Run from the repository root::

    .venv/bin/python benchmarks/eval_cranfield.py [DATA] [--work FOLDER] [--json]

* The documents go into a kmdesk catalogue through the catalogue's own write layer, in one
  import transaction (the bulk path of ``benchmarks/corpus.py``): ``.T`` is the title, ``.W``
  (the abstract) the summary, ``.A`` the authors, language ``en``, type ``case-study`` (the one
  built-in type none of whose labels, in any UI language, is a word of the queries: ``research
  report`` or ``method`` would make those query words match every document through the type
  field). Product ids are derived from the Cranfield numbers. The catalogue and its index are
  cached in the work folder (default ``benchmarks/out/cranfield``) under a hash of the data; the
  index is rebuilt when the code of ``kmdesk.search`` changes (or with ``--reindex``).
* Every query is run as a user would paste it: the text of ``.W`` on one line, unchanged
  (lower case, with its ``?``, ``(``, ``-``, ``'``, ``.``, "and", "or", "not"), through
  ``Catalogue.search`` (default mode, top ``--depth`` results, no facets, no snippets). An
  exception is a measurement (the query scores 0 and is listed), not a reason to stop.
* The reference is plain BM25 over the same titles and abstracts: SQLite FTS5 with
  ``tokenize='porter unicode61'``, ``bm25()`` with equal column weights, every word of the query
  quoted and OR-ed. A second reference is Whoosh's stock BM25F with its ``StemmingAnalyzer``
  (English stop words, Porter stems) on title and abstract, words OR-ed (``--no-whoosh`` skips
  it).
* Two diagnostic runs of kmdesk show where a gap comes from (they are not what a user does):
  "words only" sends just the words of the query (punctuation and hyphens become spaces) and
  "words OR-ed" joins those words with ``OR``.

Judgments: the query number in ``cranqrel`` is the *position* of the query in ``cran.qry``, not
its ``.I`` label. Codes 1 (complete answer) to 4 (minimum interest) are relevant, with grades
4 to 1 for nDCG (gain 2^grade - 1); -1 rows are non-relevant. The metrics are those of
``benchmarks/eval_search.py``: MAP (average precision over the top ``--depth`` results, 1000 by
default as trec_eval does), nDCG@10, P@10 and recall@100.

It prints a table of the means per engine, the queries where kmdesk finds nothing but a
reference finds something, the queries where kmdesk returns fewer than 10 results, and the
queries where kmdesk loses most against FTS5. It measures and does not judge: the exit status is
0 whatever the scores, 2 when the data folder cannot be read.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import re
import shutil
import sqlite3
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

try:
    from benchmarks.eval_search import Scores, Summary, score, summarise
except ImportError:  # run as a script: benchmarks/ is on sys.path, the repository is not
    from eval_search import (  # type: ignore[no-redef,import-not-found]
        Scores,
        Summary,
        score,
        summarise,
    )

if TYPE_CHECKING:
    from kmdesk.catalogue import Catalogue

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "cranfield"
DEFAULT_WORK = Path(__file__).with_name("out") / "cranfield"
DOCUMENTS_FILE = "cran.all.1400"
QUERIES_FILE = "cran.qry"
JUDGMENTS_FILE = "cranqrel"
MARKER = "cranfield.json"

#: Bump when the catalogue built from the collection changes: cached catalogues are rebuilt.
LOADER_VERSION = 1
PRODUCT_TYPE = "case-study"
LANGUAGE = "en"
#: Results asked of every engine; average precision is computed over them.
DEPTH = 1000
FEW_RESULTS = 10
#: Product ids are uuid5(this, "cranfield:<document number>").
NAMESPACE = uuid.UUID("5b1e7c2a-9d0f-4c1e-8a57-c7a0f1d3e201")

KMDESK = "kmdesk"
FTS5 = "fts5-bm25"
WHOOSH = "whoosh-bm25f"
WORDS_ONLY = "kmdesk, words only"
WORDS_OR = "kmdesk, words OR-ed"
REFERENCES = (FTS5, WHOOSH)

_WORD = re.compile(r"\w+")


class DataError(Exception):
    """The collection folder cannot be read as Cranfield 1400."""


# -- the collection ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Document:
    """One Cranfield document (``number`` is its ``.I``)."""

    number: int
    title: str
    authors: tuple[str, ...]
    abstract: str


@dataclass(frozen=True, slots=True)
class CranQuery:
    """One query: ``position`` (1-based) is what ``cranqrel`` numbers, ``label`` its ``.I``."""

    position: int
    label: str
    text: str
    #: Document number → grade 1 to 4 (relevant documents only).
    grades: dict[int, int]


def parse_smart(text: str) -> list[tuple[str, dict[str, list[str]]]]:
    """Records of a SMART file: ``(.I value, marker letter → lines)``.

    A marker is a line holding only ``.T``, ``.A``, ``.B`` or ``.W``; a marker seen twice in a
    record (a few documents of this copy are damaged so) appends to the first.
    """
    records: list[tuple[str, dict[str, list[str]]]] = []
    current: dict[str, list[str]] | None = None
    section: list[str] | None = None
    for raw in text.splitlines():
        line = raw.rstrip("\r")
        if line.startswith(".I ") or line == ".I":
            current = {}
            records.append((line[3:].strip(), current))
            section = None
        elif current is not None and len(line) == 2 and line[0] == "." and line[1].isalpha():
            section = current.setdefault(line[1], [])
        elif section is not None:
            section.append(line)
    return records


def _one_line(lines: Sequence[str]) -> str:
    """Lines joined as a pasted text box shows them: one space between words."""
    return " ".join(" ".join(lines).split())


def _paragraphs(lines: Sequence[str]) -> str:
    return "\n".join(line.strip() for line in lines).strip()


def read_documents(path: Path) -> list[Document]:
    """The documents of ``cran.all.1400``."""
    documents = []
    for label, fields in parse_smart(path.read_text(encoding="utf-8", errors="replace")):
        if not label.isdigit():
            raise DataError(f"{path.name}: document number {label!r} is not a number")
        authors = [_one_line([line]) for line in fields.get("A", [])]
        documents.append(
            Document(
                number=int(label),
                title=_one_line(fields.get("T", [])),
                authors=tuple(dict.fromkeys(a for a in authors if a)),
                abstract=_paragraphs(fields.get("W", [])),
            )
        )
    numbers = [d.number for d in documents]
    if len(set(numbers)) != len(numbers):
        raise DataError(f"{path.name}: repeated document numbers")
    return documents


def grade_of(code: int) -> int:
    """The nDCG grade of a Cranfield relevance code: 1 (complete answer) → 4 ... 4 → 1."""
    return 5 - code if 1 <= code <= 4 else 0


def read_judgments(path: Path) -> dict[int, dict[int, int]]:
    """Query position → document number → grade (relevant documents only)."""
    judgments: dict[int, dict[int, int]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        try:
            query, document, code = (int(p) for p in parts[:3])
        except ValueError:
            raise DataError(f"{path.name}, line {number}: not 'query document code'") from None
        grades = judgments.setdefault(query, {})
        grade = grade_of(code)
        if grade > 0:
            grades[document] = max(grade, grades.get(document, 0))
    return judgments


def read_queries(folder: Path) -> list[CranQuery]:
    """The queries of ``cran.qry`` with their judgments (by position, not by ``.I``)."""
    path = folder / QUERIES_FILE
    judgments = read_judgments(folder / JUDGMENTS_FILE)
    records = parse_smart(path.read_text(encoding="utf-8", errors="replace"))
    if max(judgments, default=0) > len(records):
        raise DataError(f"{JUDGMENTS_FILE} judges query {max(judgments)} of {len(records)}")
    return [
        CranQuery(position, label, _one_line(fields.get("W", [])), judgments.get(position, {}))
        for position, (label, fields) in enumerate(records, start=1)
    ]


def data_hash(folder: Path) -> str:
    """SHA-256 of the three files of the collection."""
    digest = hashlib.sha256()
    for name in (DOCUMENTS_FILE, QUERIES_FILE, JUDGMENTS_FILE):
        digest.update(name.encode() + b"\0" + (folder / name).read_bytes() + b"\0")
    return digest.hexdigest()


def code_hash(folder: Path | None = None) -> str:
    """SHA-256 of the Python files of ``kmdesk.search`` as imported (analysis, schema, query
    parsing), or of ``folder``."""
    if folder is None:
        import kmdesk.search

        folder = Path(kmdesk.search.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.py")):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def product_id(number: int) -> uuid.UUID:
    """The kmdesk product id of Cranfield document ``number``."""
    return uuid.uuid5(NAMESPACE, f"cranfield:{number}")


def product_values(document: Document) -> dict[str, Any]:
    """Field values of the kmdesk product made of ``document``."""
    return {
        "title": document.title or f"Cranfield document {document.number}",
        "summary": document.abstract,
        "product_type": PRODUCT_TYPE,
        "languages": [LANGUAGE],
        "authors": list(document.authors),
        "status": "published",
    }


# -- the kmdesk catalogue -----------------------------------------------------------------------


def load_documents(catalogue: Catalogue, documents: Sequence[Document]) -> dict[uuid.UUID, int]:
    """Add ``documents`` in one import transaction; returns product id → Cranfield number.

    The session is flushed before a product that names an author already named in this
    transaction: ``ensure_person`` looks people up with ``session.get``, which does not see
    people added but not yet flushed, and would add the same person twice.
    """
    from kmdesk.catalogue.product_fields import apply_product_fields
    from kmdesk.db.models import Product
    from kmdesk.sync.kinds import person_id
    from kmdesk.terms import TermResolver

    mapping: dict[uuid.UUID, int] = {}
    people: set[uuid.UUID] = set()
    with catalogue.writing() as writer:
        resolver = TermResolver(writer.session)
        for document in documents:
            named = {person_id(name) for name in document.authors}
            if named & people:
                writer.session.flush()
            people |= named
            product = Product(id=product_id(document.number), summary="", status="published")
            apply_product_fields(
                writer.session, product, product_values(document), creating=True, terms=resolver
            )
            writer.add(product)
            writer.changes.products.add(product.id)
            mapping[product.id] = document.number
    return mapping


def _read_marker(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


@dataclass(slots=True)
class Built:
    """The catalogue of the collection and how it was obtained."""

    folder: Path
    mapping: dict[uuid.UUID, int]
    loaded: bool
    indexed: bool
    load_seconds: float = 0.0
    index_seconds: float = 0.0
    #: :func:`code_hash` of the search code the index was built with.
    code: str = ""


def prepare_catalogue(
    work: Path, documents: Sequence[Document], digest: str, *, reindex: bool = False
) -> Built:
    """The catalogue of ``documents`` in ``work``, built unless cached, with an index that
    matches the current search code."""
    from kmdesk.catalogue import Catalogue

    folder = work / f"catalogue-{digest[:12]}"
    marker = _read_marker(folder)
    expected = {"loader": LOADER_VERSION, "data": digest, "products": len(documents)}
    built = Built(folder, {product_id(d.number): d.number for d in documents}, False, False)
    if any(marker.get(key) != value for key, value in expected.items()):
        if folder.exists():
            shutil.rmtree(folder)
        started = time.perf_counter()
        with Catalogue.open(folder) as catalogue:
            built.mapping = load_documents(catalogue, documents)
        built.load_seconds = time.perf_counter() - started
        built.loaded = True
        marker = dict(expected)
    code = code_hash()
    started = time.perf_counter()
    with Catalogue.open(folder) as catalogue:
        if reindex or built.loaded or marker.get("search_code") != code:
            catalogue.reindex()
            built.indexed = True
        else:
            built.indexed = bool(catalogue.ensure_index().rebuilt)
    built.index_seconds = time.perf_counter() - started
    marker["search_code"] = code
    built.code = code
    (folder / MARKER).write_text(json.dumps(marker, indent=2), encoding="utf-8")
    return built


# -- runs ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class Run:
    """What one engine returned for one query: Cranfield numbers, best first."""

    ranked: list[int]
    total: int
    error: str | None = None


#: One engine: query text → run.
Engine = Callable[[str], Run]


def words(text: str) -> list[str]:
    """The words of ``text`` (letters and digits), lower-cased."""
    return _WORD.findall(text.lower())


def kmdesk_engine(
    catalogue: Catalogue, mapping: Mapping[uuid.UUID, int], depth: int = DEPTH
) -> Engine:
    """``Catalogue.search`` in its default mode, on the text as given."""

    def run(text: str) -> Run:
        try:
            found = catalogue.search(text, limit=depth, facets=False, snippets=False)
        except Exception as exc:  # a failing query is a measurement
            return Run([], 0, f"{type(exc).__name__}: {exc}")
        return Run([mapping[hit.id] for hit in found.hits if hit.id in mapping], found.total)

    return run


def fts5_match(text: str) -> str:
    """An FTS5 ``MATCH`` expression: every word quoted (no syntax left), OR-ed."""
    return " OR ".join(f'"{word}"' for word in dict.fromkeys(words(text)))


class Fts5Reference:
    """Plain BM25: an in-memory SQLite FTS5 table (porter unicode61) of titles and abstracts."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self.connection = sqlite3.connect(":memory:")
        self.connection.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(title, abstract, tokenize='porter unicode61')"
        )
        self.connection.executemany(
            "INSERT INTO docs(rowid, title, abstract) VALUES (?, ?, ?)",
            [(d.number, d.title, d.abstract) for d in documents],
        )
        self.connection.commit()

    def __call__(self, text: str, depth: int = DEPTH) -> Run:
        match = fts5_match(text)
        if not match:
            return Run([], 0)
        try:
            rows = self.connection.execute(
                "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 1.0, 1.0), rowid",
                (match,),
            ).fetchall()
        except sqlite3.Error as exc:
            return Run([], 0, f"{type(exc).__name__}: {exc}")
        return Run([row[0] for row in rows[:depth]], len(rows))

    def close(self) -> None:
        self.connection.close()


class WhooshReference:
    """Whoosh's stock BM25F on title and abstract, both with ``StemmingAnalyzer``."""

    def __init__(self, documents: Sequence[Document]) -> None:
        from whoosh.analysis import StemmingAnalyzer
        from whoosh.fields import NUMERIC, TEXT, Schema
        from whoosh.filedb.filestore import RamStorage

        self.analyzer = StemmingAnalyzer()
        schema = Schema(
            number=NUMERIC(int, stored=True),
            title=TEXT(analyzer=self.analyzer),
            abstract=TEXT(analyzer=self.analyzer),
        )
        self.index = RamStorage().create_index(schema)
        with self.index.writer() as writer:
            for d in documents:
                writer.add_document(number=d.number, title=d.title, abstract=d.abstract)
        self.searcher = self.index.searcher()

    def __call__(self, text: str, depth: int = DEPTH) -> Run:
        from whoosh import query as wq

        stems = dict.fromkeys(t.text for t in self.analyzer(text))
        terms = [wq.Term(name, stem) for stem in stems for name in ("title", "abstract")]
        if not terms:
            return Run([], 0)
        results = self.searcher.search(wq.Or(terms), limit=depth)
        return Run([hit["number"] for hit in results], len(results))

    def close(self) -> None:
        self.searcher.close()


def query_shape(text: str) -> str:
    """How kmdesk's parser reads ``text``: the top query class and the odd leaves in it.

    ``Or`` means a long query ranked by how many words match; ``And`` that every remaining
    word (or group) is required. ``n/a`` when the parser's internals are not as expected.
    """
    try:
        from whoosh import query as wq

        from kmdesk.search.query import parse_query

        parsed = parse_query(text).query
        odd = Counter(
            type(leaf).__name__
            for leaf in parsed.leaves()
            if isinstance(leaf, wq.Wildcard | wq.Prefix | wq.Phrase) or leaf is wq.NullQuery
        )
        nested = [
            type(child).__name__
            for child in getattr(parsed, "subqueries", ())
            if isinstance(child, wq.And)
        ]
        shape = type(parsed).__name__
        if nested:
            shape += f" ({len(nested)} nested And)"
        if odd:
            shape += " " + ", ".join(f"{n} {name}" for name, n in sorted(odd.items()))
        return shape
    except Exception as exc:  # a diagnostic only
        return f"n/a ({type(exc).__name__})"


# -- evaluation ---------------------------------------------------------------------------------


@dataclass(slots=True)
class QueryResult:
    """One query's runs and scores, by engine name."""

    position: int
    label: str
    text: str
    relevant: int
    shape: str
    runs: dict[str, Run] = field(default_factory=dict)
    scores: dict[str, Scores] = field(default_factory=dict)


def evaluate(
    queries: Sequence[CranQuery],
    engines: Mapping[str, Engine],
    seconds: dict[str, float] | None = None,
) -> list[QueryResult]:
    """Run every query on every engine and score the runs; ``seconds`` gets the time each
    engine took in all."""
    results = []
    for query in queries:
        result = QueryResult(
            query.position, query.label, query.text, len(query.grades), query_shape(query.text)
        )
        for name, engine in engines.items():
            started = time.perf_counter()
            run = engine(query.text)
            if seconds is not None:
                seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started
            result.runs[name] = run
            result.scores[name] = score(run.ranked, query.grades)
        results.append(result)
    return results


@dataclass(slots=True)
class Report:
    """Means per engine and the queries worth a look."""

    engines: list[str]
    results: list[QueryResult]
    summaries: dict[str, Summary]
    #: Positions of queries where kmdesk returns nothing and some reference returns something.
    empty: list[int]
    few: list[int]
    errors: dict[str, list[int]]
    shapes: Counter[str]
    #: Engine → mean milliseconds per query.
    milliseconds: dict[str, float] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)


def _shape_kind(shape: str) -> str:
    return shape.split(" ", 1)[0]


def build_report(
    results: Sequence[QueryResult],
    engines: Sequence[str],
    seconds: Mapping[str, float] | None = None,
    info: Mapping[str, Any] | None = None,
) -> Report:
    """Means over the queries that have relevant documents (all of them in Cranfield)."""
    judged = [r for r in results if r.relevant]
    summaries = {name: summarise([r.scores[name] for r in judged]) for name in engines}
    references = [name for name in REFERENCES if name in engines]
    empty = [
        r.position
        for r in results
        if KMDESK in r.runs
        and not r.runs[KMDESK].ranked
        and any(r.runs[name].ranked for name in references)
    ]
    few = [r.position for r in results if KMDESK in r.runs and r.runs[KMDESK].total < FEW_RESULTS]
    errors = {
        name: [r.position for r in results if r.runs[name].error]
        for name in engines
        if any(r.runs[name].error for r in results)
    }
    shapes = Counter(_shape_kind(r.shape) for r in results)
    count = max(len(results), 1)
    milliseconds = {name: 1000 * value / count for name, value in (seconds or {}).items()}
    return Report(
        list(engines),
        list(results),
        summaries,
        empty,
        few,
        errors,
        shapes,
        milliseconds,
        dict(info or {}),
    )


# -- output -------------------------------------------------------------------------------------


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _count_below(report: Report, name: str, limit: int) -> int:
    return sum(1 for r in report.results if r.runs[name].total < limit)


def format_table(report: Report, *, worst: int = 10) -> str:
    """The report as plain text."""
    lines = [
        f"{'engine':<22} {'n':>4} {'MAP':>6} {'nDCG10':>6} {'P@10':>6} {'R@100':>6} "
        f"{'0 hits':>6} {'<10':>5} {'errors':>6} {'ms/q':>6}"
    ]
    for name in report.engines:
        s = report.summaries[name]
        errors = len(report.errors.get(name, []))
        lines.append(
            f"{name:<22} {s.queries:4d} {s.map:6.3f} {s.ndcg10:6.3f} {s.p10:6.3f} {s.r100:6.3f} "
            f"{_count_below(report, name, 1):6d} {_count_below(report, name, FEW_RESULTS):5d} "
            f"{errors:6d} {report.milliseconds.get(name, 0.0):6.1f}"
        )
    by_position = {r.position: r for r in report.results}
    references = [name for name in REFERENCES if name in report.engines]
    lines.append("")
    shapes = ", ".join(f"{kind} {n}" for kind, n in report.shapes.most_common())
    lines.append(f"kmdesk's parser reads the queries as: {shapes}")
    lines.append(
        f"kmdesk returns 0 results where a reference returns some: {len(report.empty)} queries"
    )
    for position in report.empty:
        r = by_position[position]
        hits = ", ".join(f"{name} {r.runs[name].total}" for name in references)
        lines.append(f"  #{position} (.I {r.label}) [{r.shape}] {hits}: {_clip(r.text, 120)}")
    lines.append(f"kmdesk returns fewer than {FEW_RESULTS} results: {len(report.few)} queries")
    for position in report.few:
        r = by_position[position]
        if position not in report.empty:
            lines.append(
                f"  #{position} (.I {r.label}) {r.runs[KMDESK].total} hits [{r.shape}]: "
                f"{_clip(r.text, 100)}"
            )
    for name, positions in report.errors.items():
        lines.append(f"{name} raised on {len(positions)} queries:")
        for position in positions:
            r = by_position[position]
            lines.append(f"  #{position}: {r.runs[name].error}: {_clip(r.text, 80)}")
    if FTS5 in report.engines and KMDESK in report.engines and worst:
        lines.append("")
        lines.append(f"largest AP losses of kmdesk against {FTS5}:")
        lines.append(
            f"  {'#':>4} {'.I':>4} {'rel':>3} {'AP km':>6} {'AP ref':>6} {'hits km':>7} "
            f"{'hits ref':>8}  shape / query"
        )
        losses = sorted(report.results, key=lambda r: r.scores[KMDESK].ap - r.scores[FTS5].ap)[
            :worst
        ]
        for r in losses:
            lines.append(
                f"  {r.position:4d} {r.label:>4} {r.relevant:3d} {r.scores[KMDESK].ap:6.3f} "
                f"{r.scores[FTS5].ap:6.3f} {r.runs[KMDESK].total:7d} {r.runs[FTS5].total:8d}"
                f"  [{r.shape}] {_clip(r.text, 90)}"
            )
    if report.info:
        lines.append("")
        lines.append("  ".join(f"{key}: {value}" for key, value in report.info.items()))
    return "\n".join(lines)


def report_json(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data."""
    return {
        "summaries": {name: asdict(summary) for name, summary in report.summaries.items()},
        "zero_results_where_reference_finds": report.empty,
        "fewer_than_10_results": report.few,
        "errors": report.errors,
        "shapes": dict(report.shapes),
        "milliseconds_per_query": report.milliseconds,
        "info": report.info,
        "queries": [
            {
                "position": r.position,
                "label": r.label,
                "query": r.text,
                "relevant": r.relevant,
                "shape": r.shape,
                "engines": {
                    name: {
                        **asdict(r.scores[name]),
                        "total": r.runs[name].total,
                        "top10": r.runs[name].ranked[:10],
                        "error": r.runs[name].error,
                    }
                    for name in report.engines
                },
            }
            for r in report.results
        ],
    }


# -- command ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CranfieldData:
    """The documents and judged queries of a collection folder, and the hash of its files."""

    documents: list[Document]
    queries: list[CranQuery]
    digest: str


def read_collection(data: Path) -> CranfieldData:
    """Read the collection in ``data``; raise :class:`DataError` (or ``OSError``)."""
    try:
        return CranfieldData(
            read_documents(data / DOCUMENTS_FILE), read_queries(data), data_hash(data)
        )
    except UnicodeDecodeError as exc:
        raise DataError(str(exc)) from exc


def run(
    collection: CranfieldData,
    work: Path,
    *,
    depth: int = DEPTH,
    whoosh: bool = True,
    diagnostics: bool = True,
    reindex: bool = False,
) -> Report:
    """Load (or reuse) the catalogue of ``collection`` in ``work`` and evaluate every engine."""
    from kmdesk.catalogue import Catalogue

    started = time.perf_counter()
    documents, queries = collection.documents, collection.queries
    built = prepare_catalogue(work, documents, collection.digest, reindex=reindex)
    references: dict[str, Fts5Reference | WhooshReference] = {FTS5: Fts5Reference(documents)}
    if whoosh:
        references[WHOOSH] = WhooshReference(documents)
    seconds: dict[str, float] = {}
    try:
        with Catalogue.open(built.folder) as catalogue:
            kmdesk = kmdesk_engine(catalogue, built.mapping, depth)
            engines: dict[str, Engine] = {KMDESK: kmdesk}
            for name, reference in references.items():
                engines[name] = functools.partial(reference, depth=depth)
            if diagnostics:
                engines[WORDS_ONLY] = lambda text: kmdesk(" ".join(words(text)))
                engines[WORDS_OR] = lambda text: kmdesk(" OR ".join(words(text)))
            results = evaluate(queries, engines, seconds)
    finally:
        for reference in references.values():
            reference.close()
    info = {
        "documents": len(documents),
        "queries": len(queries),
        "depth": depth,
        "catalogue": "built" if built.loaded else "cached",
        "index": "rebuilt" if built.indexed else "cached",
        "search_code": built.code[:12],
        "load_s": round(built.load_seconds, 1),
        "index_s": round(built.index_seconds, 1),
        "search_s": round(sum(seconds.values()), 1),
        "total_s": round(time.perf_counter() - started, 1),
    }
    return build_report(results, list(engines), seconds, info)


def main(argv: Sequence[str] | None = None) -> int:
    """Evaluate; 0 whatever the scores, 2 when the collection cannot be read."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "data", type=Path, nargs="?", default=DEFAULT_DATA, help="default: %(default)s"
    )
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="default: %(default)s")
    parser.add_argument("--depth", type=int, default=DEPTH, help="results per query (%(default)s)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--no-whoosh", action="store_true", help="skip the Whoosh reference")
    parser.add_argument(
        "--no-diagnostics", action="store_true", help="skip the diagnostic kmdesk runs"
    )
    parser.add_argument("--reindex", action="store_true", help="rebuild kmdesk's index anyway")
    parser.add_argument(
        "--worst", type=int, default=10, help="queries listed by AP loss (%(default)s)"
    )
    args = parser.parse_args(argv)
    try:
        collection = read_collection(args.data)
    except (OSError, DataError) as exc:
        print(f"{args.data}: {exc}", file=sys.stderr)
        return 2
    report = run(
        collection,
        args.work,
        depth=args.depth,
        whoosh=not args.no_whoosh,
        diagnostics=not args.no_diagnostics,
        reindex=args.reindex,
    )
    if args.json:
        print(json.dumps(report_json(report), ensure_ascii=False, indent=2))
    else:
        print(format_table(report, worst=args.worst))
    return 0


if __name__ == "__main__":
    sys.exit(main())
