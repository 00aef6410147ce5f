"""Benchmark full-text search: kmdesk (Whoosh) against SQLite FTS5, on the same corpus, same run.

For each size N, builds once (cached under ``benchmarks/out/``, see ``benchmarks/corpus.py``) a
kmdesk catalogue of N generated products and a plain SQLite FTS5 database of the same products,
draws a fixed seeded query set from the corpus, and measures on both engines:

* search latency p50/p95, top 20, for (a) plain two-word queries of mid-frequency words (in
  1-5% of the documents, not among the 150 most frequent words of their language), (b) phrase
  queries of 2-3 words taken from the generated texts (no word of either kind a stop word of
  its language, so that kmdesk keeps every word), (c) a two-word query with one or two
  filters, facets and snippets. FTS5: ``MATCH`` ranked by ``bm25()`` (title weighted 3, as
  kmdesk does), ``snippet()`` for the 20 rows shown, ``GROUP BY`` counts for the seven facets
  over the matching rows (each facet with the *other* filters applied, as kmdesk counts them);
* indexing throughput of a full rebuild (``Catalogue.reindex()``; FTS5 ``'rebuild'`` then
  ``'optimize'``) and the index size on disk (kmdesk's index folder; FTS5's shadow tables);
* cold open plus first query: a fresh process opens the catalogue and runs one faceted query,
  timed by the parent (median of ``--cold-runs``);
* peak memory of a process running the whole query set (``ru_maxrss`` of its children, read by
  a wrapper process that runs only that one);
* one product changed and searchable: a title gets a new unique word, timed until a search for
  it returns the product (median of ``--changes`` products, titles restored afterwards).

It prints a table (kmdesk, FTS5, kmdesk/FTS5), the machine and the command line, then checks the
targets on the largest size. Run::

    .venv/bin/python benchmarks/bench_search.py --sizes 1000 10000 [100000] [--queries N]
    .venv/bin/python benchmarks/bench_search.py --sizes 1000 10000 --fts5-only

kmdesk is imported only where it is measured, so the FTS5 processes never load it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import shlex
import sqlite3
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from kmdesk.filters import SEARCH_FACETS

try:
    from benchmarks import corpus
except ImportError:  # run as a script: benchmarks/ is on sys.path, the repository is not
    import corpus  # type: ignore[no-redef]

SCRIPT = Path(__file__).resolve()
LIMIT = 20
#: Document frequency of the words of the plain queries, as a share of all documents.
MID_FREQUENCY = (0.01, 0.05)
MIN_WORD_LENGTH = 4
WARMUP = 5
CHANGE_TIMEOUT_S = 30.0
#: bm25() column weights (title, body): kmdesk boosts titles 3x.
BM25 = "bm25(products_fts, 3.0, 1.0)"
SNIPPET = "snippet(products_fts, -1, '<mark>', '</mark>', '…', 24)"
FACETS: tuple[str, ...] = SEARCH_FACETS
MAX_FILTERS = 2
KINDS: dict[str, str] = {
    "plain": "plain 2-word query",
    "phrase": "phrase query",
    "faceted": "filtered + facets + snippets",
}


@dataclass(frozen=True, slots=True)
class Query:
    """One query of the set, as typed in kmdesk and as an FTS5 ``MATCH`` expression."""

    kind: str
    text: str
    match: str
    filters: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Target:
    """A goal for kmdesk on the largest size: the measure must stay below ``limit``."""

    label: str
    measure: str
    limit: float
    unit: str


TARGETS: tuple[Target, ...] = (
    Target("faceted query with snippets p95 < 150 ms", "faceted_p95", 150.0, "ms"),
    Target("cold open + first query < 1 s", "cold_ms", 1000.0, "ms"),
    Target("full rebuild < 10 min", "rebuild_s", 600.0, "s"),
    Target("one product changed and searchable, median < 200 ms", "change_ms", 200.0, "ms"),
    Target("peak memory of a search process < 500 MB", "memory_mb", 500.0, "MB"),
)

#: (key, label, format) of the rows of the table, in order.
MEASURES: tuple[tuple[str, str, str], ...] = (
    *(
        (f"{kind}_{q}", f"{label}, {q} ms", ".1f")
        for kind, label in KINDS.items()
        for q in ("p50", "p95")
    ),
    *((f"{kind}_hits", f"{label}, mean total hits", ".1f") for kind, label in KINDS.items()),
    ("rebuild_s", "full rebuild, s", ".2f"),
    ("rebuild_rate", "full rebuild, documents/s", ",.0f"),
    ("index_mb", "index size on disk, MB", ".1f"),
    ("cold_ms", "cold open + first faceted query, ms", ".0f"),
    ("memory_mb", "peak memory, query-set process, MB", ".1f"),
    ("change_ms", "one product changed -> searchable, median ms", ".1f"),
)


# -- the query set ----------------------------------------------------------------------------


def _document_frequencies(connection: sqlite3.Connection) -> dict[str, int]:
    connection.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocabulary "
        "USING fts5vocab(main, 'products_fts', 'row')"
    )
    return dict(connection.execute("SELECT term, doc FROM temp.vocabulary"))


@cache
def stopwords(language: str) -> frozenset[str]:
    """Words a query should not rely on: the corpus's most frequent words of ``language`` and,
    when Whoosh is installed, its stop list (kmdesk drops those words, even inside phrases).
    """
    words = set(corpus.vocabularies()[language].stopwords)
    try:
        from whoosh.lang import stopwords_for_language
    except ImportError:
        return frozenset(words)
    for word in stopwords_for_language(language):
        words.update((word.casefold(), corpus.fold(word)))
    return frozenset(words)


def _mid_frequency_words(connection: sqlite3.Connection, n: int) -> dict[str, list[str]]:
    """Per language, words in 1-5% of the documents, past the language's stop words."""
    frequencies = _document_frequencies(connection)
    low, high = (max(2, round(share * n)) for share in MID_FREQUENCY)
    words: dict[str, list[str]] = {}
    for language, vocabulary in corpus.vocabularies().items():
        chosen: dict[str, str] = {}
        for word in vocabulary.words[corpus.STOPWORD_RANKS :]:
            key = corpus.fold(word)
            if (
                word.isalpha()
                and len(word) >= MIN_WORD_LENGTH
                and word.casefold() not in stopwords(language)
                and key not in chosen
                and low <= frequencies.get(key, 0) <= high
            ):
                chosen[key] = word.lower()
        words[language] = list(chosen.values())
    return words


def _two_words(rng: random.Random, words: dict[str, list[str]]) -> tuple[str, str]:
    languages = [language for language in corpus.LANGUAGE_SHARES if len(words[language]) >= 2]
    weights = [corpus.LANGUAGE_SHARES[language] for language in languages]
    language = rng.choices(languages, weights=weights)[0]
    first, second = rng.sample(words[language], 2)
    return first, second


_CLAUSE = re.compile(r"[.,;:?!\n]+")


def _phrase(rng: random.Random, connection: sqlite3.Connection, n: int) -> str | None:
    """2-3 consecutive words of one clause of a random product, none of them a stop word."""
    rid = rng.randint(1, n)
    lang, title, body = connection.execute(
        "SELECT lang, title, body FROM products WHERE rid = ?", (rid,)
    ).fetchone()
    excluded = stopwords(lang)
    clauses = [c.split() for c in _CLAUSE.split(f"{title}. {body}") if c.strip()]
    length = rng.choice((2, 3))
    windows = [
        words[start : start + length]
        for words in clauses
        for start in range(len(words) - length + 1)
    ]
    good = [
        window
        for window in windows
        if all(w.isalpha() and len(w) >= 3 and w.casefold() not in excluded for w in window)
    ]
    return " ".join(rng.choice(good)).lower() if good else None


def _filters_of(
    rng: random.Random, connection: sqlite3.Connection, rid: int
) -> dict[str, list[str]]:
    """One or two filters that product ``rid`` passes (so that they select something)."""
    chosen: dict[str, list[str]] = {}
    row = connection.execute("SELECT type, year FROM products WHERE rid=?", (rid,))
    kind, year = row.fetchone()
    for name in rng.sample(FACETS, rng.randint(1, MAX_FILTERS)):
        if name == "type":
            value = kind
        elif name == "year":
            first = rng.randint(max(corpus.FIRST_YEAR, year - 2), year)
            value = f"{first}..{first + 2}"
        else:
            values = [
                row[0]
                for row in connection.execute(
                    f"SELECT value FROM product_{name} WHERE rid=? ORDER BY value", (rid,)
                )
            ]
            value = rng.choice(values)
        chosen[name] = [value]
    return chosen


def make_queries(database: Path, count: int, seed: int) -> list[Query]:
    """``count`` queries of each kind, the same for the same corpus, count and seed."""
    rng = random.Random(f"bench-search:{seed}:{count}")
    connection = sqlite3.connect(database)
    try:
        (n,) = connection.execute("SELECT count(*) FROM products").fetchone()
        words = _mid_frequency_words(connection, n)
        queries = []
        for _ in range(count):
            first, second = _two_words(rng, words)
            queries.append(Query("plain", f"{first} {second}", f'"{first}" "{second}"'))
        phrases = 0
        for _ in range(count * 50):
            phrase = _phrase(rng, connection, n)
            if phrase is not None:
                queries.append(Query("phrase", f'"{phrase}"', f'"{phrase}"'))
                phrases += 1
                if phrases == count:
                    break
        for _ in range(count):
            first, second = _two_words(rng, words)
            match = f'"{first}" "{second}"'
            found = [
                row[0]
                for row in connection.execute(
                    "SELECT rowid FROM products_fts WHERE products_fts MATCH ? ORDER BY rowid",
                    (match,),
                )
            ]
            rid = rng.choice(found) if found else rng.randint(1, n)
            queries.append(
                Query("faceted", f"{first} {second}", match, _filters_of(rng, connection, rid))
            )
        return queries
    finally:
        connection.close()


def save_queries(queries: list[Query], path: Path) -> None:
    """Write the query set for the child processes."""
    path.write_text(json.dumps([asdict(q) for q in queries], ensure_ascii=False), "utf-8")


def load_queries(path: Path) -> list[Query]:
    """Read a query set written by :func:`save_queries`."""
    return [Query(**item) for item in json.loads(path.read_text("utf-8"))]


# -- the FTS5 baseline ------------------------------------------------------------------------


class Fts5Engine:
    """The baseline: plain ``sqlite3`` on the FTS5 database of :func:`corpus.build_fts5`."""

    def __init__(self, database: Path) -> None:
        """Connect with the durability kmdesk uses (WAL, ``synchronous=FULL``)."""
        self.database = database
        self.connection = sqlite3.connect(database)
        self.connection.execute("PRAGMA synchronous=FULL")
        self.connection.execute("PRAGMA temp_store=MEMORY")
        self.connection.execute(
            "CREATE TEMP TABLE hits(rid INTEGER PRIMARY KEY, score REAL NOT NULL, "
            + ", ".join(f"f{i} INTEGER NOT NULL" for i in range(MAX_FILTERS))
            + ")"
        )

    def close(self) -> None:
        """Close the connection."""
        self.connection.close()

    def count(self) -> int:
        """How many products the database holds."""
        return int(self.connection.execute("SELECT count(*) FROM products").fetchone()[0])

    def search(self, query: Query) -> int:
        """Run one query of the set like kmdesk answers it; returns the total number of hits."""
        if query.kind == "faceted":
            total, _rows, _facets = self.faceted(query.match, query.filters)
        else:
            total, _rows = self.ranked(query.match)
        return total

    def ranked(self, match: str) -> tuple[int, list[tuple[str, str]]]:
        """Total and top 20 (id, title) by bm25, without facets or snippets."""
        ranked = self.connection.execute(
            f"WITH m AS MATERIALIZED (SELECT rowid AS rid, {BM25} AS score FROM products_fts "
            "WHERE products_fts MATCH ?) "
            "SELECT rid, score, (SELECT count(*) FROM m) FROM m ORDER BY score LIMIT ?",
            (match, LIMIT),
        ).fetchall()
        if not ranked:
            return 0, []
        rows = self._titles([row[0] for row in ranked])
        return int(ranked[0][2]), [rows[row[0]] for row in ranked]

    def _titles(self, rids: list[int]) -> dict[int, tuple[str, str]]:
        marks = ",".join("?" * len(rids))
        return {
            rid: (product_id, title)
            for rid, product_id, title in self.connection.execute(
                f"SELECT rid, id, title FROM products WHERE rid IN ({marks})", rids
            )
        }

    @staticmethod
    def _filter_sql(name: str, values: list[str]) -> tuple[str, list[Any]]:
        """A condition on ``products_fts.rowid`` that one filter field means."""
        if name == "year":
            ranges = []
            params: list[Any] = []
            for value in values:
                first, _sep, last = value.partition("..")
                ranges.append("year BETWEEN ? AND ?")
                params += [int(first), int(last or first)]
            where = " OR ".join(ranges)
            return f"products_fts.rowid IN (SELECT rid FROM products WHERE {where})", params
        marks = ",".join("?" * len(values))
        if name == "type":
            sql = f"products_fts.rowid IN (SELECT rid FROM products WHERE type IN ({marks}))"
        else:
            sql = f"products_fts.rowid IN (SELECT rid FROM product_{name} WHERE value IN ({marks}))"
        return sql, list(values)

    def faceted(
        self, match: str, filters: dict[str, list[str]]
    ) -> tuple[int, list[tuple[str, str, str]], dict[str, list[tuple[Any, int]]]]:
        """Total, top 20 (id, title, snippet) and the counts of the seven facets.

        The matches go once into a temporary table with one flag per filter; results and most
        facets count the rows that pass every filter, a filtered facet the rows that pass the
        others (so that its other values stay selectable, as in kmdesk).
        """
        if len(filters) > MAX_FILTERS:
            raise ValueError(f"at most {MAX_FILTERS} filters")
        names = list(filters)
        flags: list[str] = []
        params: list[Any] = []
        for name in names:
            sql, values = self._filter_sql(name, filters[name])
            flags.append(sql)
            params += values
        flags += ["1"] * (MAX_FILTERS - len(flags))
        execute = self.connection.execute
        execute("DELETE FROM temp.hits")
        execute(
            f"INSERT INTO temp.hits SELECT products_fts.rowid, {BM25}, {', '.join(flags)} "
            "FROM products_fts WHERE products_fts MATCH ?",
            [*params, match],
        )
        every = " AND ".join(f"f{i}" for i in range(MAX_FILTERS))
        (total,) = execute(f"SELECT count(*) FROM temp.hits WHERE {every}").fetchone()
        top = [
            row[0]
            for row in execute(
                f"SELECT rid FROM temp.hits WHERE {every} ORDER BY score LIMIT ?", (LIMIT,)
            )
        ]
        rows: list[tuple[str, str, str]] = []
        if top:
            marks = ",".join("?" * len(top))
            snippets = dict(
                execute(
                    f"SELECT rowid, {SNIPPET} FROM products_fts "
                    f"WHERE products_fts MATCH ? AND rowid IN ({marks})",
                    [match, *top],
                ).fetchall()
            )
            titles = self._titles(top)
            rows = [(*titles[rid], snippets.get(rid, "")) for rid in top]
        facets: dict[str, list[tuple[Any, int]]] = {}
        for facet in FACETS:
            others = [f"f{i}" for i, name in enumerate(names) if name != facet]
            where = " AND ".join(others) or "1"
            if facet in ("type", "year"):
                source = f"products v ON v.rid = h.rid WHERE {where} GROUP BY v.{facet}"
                column = f"v.{facet}"
            else:
                source = f"product_{facet} v ON v.rid = h.rid WHERE {where} GROUP BY v.value"
                column = "v.value"
            facets[facet] = execute(
                f"SELECT {column}, count(*) AS n FROM temp.hits h JOIN {source} "
                f"ORDER BY n DESC, {column}"
            ).fetchall()
        return int(total), rows, facets

    def rebuild(self) -> float:
        """Rebuild the full-text index from the products table; seconds taken."""
        started = time.perf_counter()
        self.connection.execute("INSERT INTO products_fts(products_fts) VALUES('rebuild')")
        self.connection.execute("INSERT INTO products_fts(products_fts) VALUES('optimize')")
        self.connection.commit()
        return time.perf_counter() - started

    def index_bytes(self) -> int:
        """Bytes of the FTS5 shadow tables (the whole file if ``dbstat`` is missing)."""
        self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        try:
            (size,) = self.connection.execute(
                "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'products_fts%'"
            ).fetchone()
        except sqlite3.OperationalError:
            return self.database.stat().st_size
        return int(size)

    def product(self, rid: int) -> tuple[str, str]:
        """(id hex, title) of one product."""
        row = self.connection.execute("SELECT id, title FROM products WHERE rid=?", (rid,))
        product_id, title = row.fetchone()
        return product_id, title

    def set_title(self, product_id: str, title: str) -> None:
        """Change a title and commit (the triggers update the full-text index)."""
        self.connection.execute("UPDATE products SET title = ? WHERE id = ?", (title, product_id))
        self.connection.commit()

    def finds(self, word: str, product_id: str) -> bool:
        """Whether a search for ``word`` returns the product in its top 20."""
        _total, rows = self.ranked(f'"{word}"')
        return any(row[0] == product_id for row in rows)


# -- kmdesk -----------------------------------------------------------------------------------


def consume(results: Any) -> int:
    """Read everything a result list shows (hits, snippets, facets); returns the total."""
    for hit in results.hits:
        _ = (hit.id, hit.title, hit.snippet)
    for values in (results.facets or {}).values():
        for value in values:
            _ = (value.value, value.label, value.count)
    _ = results.suggestion
    return int(results.total)


class KmdeskEngine:
    """kmdesk's :meth:`Catalogue.search` on a catalogue built by :func:`corpus.build_catalogue`."""

    def __init__(self, folder: Path) -> None:
        """Open the catalogue (kmdesk is imported here, not when this module loads)."""
        from kmdesk.catalogue import Catalogue

        self.catalogue = Catalogue.open(folder, create=False)

    def close(self) -> None:
        """Close the catalogue (and its index and writer lock)."""
        self.catalogue.close()

    def search(self, query: Query) -> int:
        """Run one query of the set; returns the total number of hits."""
        try:
            if query.kind == "faceted":
                results = self.catalogue.search(
                    query.text, filters=query.filters, limit=LIMIT, facets=True, snippets=True
                )
            else:
                results = self.catalogue.search(
                    query.text, limit=LIMIT, facets=False, snippets=False
                )
        except Exception as exc:
            raise RuntimeError(f"kmdesk search failed on {query}") from exc
        return consume(results)

    def rebuild(self) -> float:
        """Time ``Catalogue.reindex()``, in seconds."""
        started = time.perf_counter()
        self.catalogue.reindex()
        return time.perf_counter() - started

    def index_bytes(self) -> int:
        """Bytes of the files in the index folder."""
        folder = Path(self.catalogue.index_dir)
        return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())

    def set_title(self, product_id: str, title: str) -> None:
        """Change a title through the service layer."""
        self.catalogue.products.update(uuid.UUID(hex=product_id), {"title": title})

    def finds(self, word: str, product_id: str) -> bool:
        """Whether a search for ``word`` returns the product in its top 20."""
        results = self.catalogue.search(word, limit=LIMIT, facets=False, snippets=False)
        return any(hit.id.hex == product_id for hit in results.hits)


# -- measuring --------------------------------------------------------------------------------


def p(values: list[float], q: float) -> float:
    """The q-quantile (0..1) of ``values`` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def time_queries(search: Callable[[Query], int], queries: list[Query]) -> dict[str, float]:
    """p50, p95 (ms) and mean total per kind of query, after a few untimed queries."""
    results: dict[str, float] = {}
    for kind in KINDS:
        chosen = [query for query in queries if query.kind == kind]
        for query in chosen[:WARMUP]:
            search(query)
        times, totals = [], []
        for query in chosen:
            started = time.perf_counter()
            totals.append(search(query))
            times.append((time.perf_counter() - started) * 1000)
        results[f"{kind}_p50"] = p(times, 0.5)
        results[f"{kind}_p95"] = p(times, 0.95)
        results[f"{kind}_hits"] = statistics.fmean(totals)
    return results


def _new_word(rng: random.Random) -> str:
    return "zq" + "".join(rng.choice("bcdfghjkmnpqrtvwxz") for _ in range(10))


def time_changes(engine: Fts5Engine | KmdeskEngine, products: list[tuple[str, str]]) -> float:
    """Median ms from a title change to a search that finds it; titles are put back after."""
    rng = random.Random("changes")
    times = []
    for product_id, title in products:
        word = _new_word(rng)
        started = time.perf_counter()
        engine.set_title(product_id, f"{title} {word}")
        while not engine.finds(word, product_id):
            if time.perf_counter() - started > CHANGE_TIMEOUT_S:
                raise RuntimeError(f"{word!r} not found {CHANGE_TIMEOUT_S:.0f} s after the edit")
            time.sleep(0.001)
        times.append((time.perf_counter() - started) * 1000)
        engine.set_title(product_id, title)
    return statistics.median(times)


def measure_engine(
    engine: Fts5Engine | KmdeskEngine,
    queries: list[Query],
    changed: list[tuple[str, str]],
    documents: int,
) -> dict[str, float]:
    """Rebuild, index size, the query set and the change test, in one process."""
    seconds = engine.rebuild()
    results = {
        "rebuild_s": seconds,
        "rebuild_rate": documents / seconds,
        "index_mb": engine.index_bytes() / 1e6,
    }
    results.update(time_queries(engine.search, queries))
    results["change_ms"] = time_changes(engine, changed)
    return results


def _child(command: str, engine: str, path: Path, queries: Path) -> list[str]:
    return [
        sys.executable,
        str(SCRIPT),
        "--child",
        command,
        "--engine",
        engine,
        "--path",
        str(path),
        "--queries-file",
        str(queries),
    ]


def time_cold(engine: str, path: Path, queries: Path) -> float:
    """Wall ms of a fresh process that opens the catalogue and runs one faceted query."""
    command = _child("cold", engine, path, queries)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - started) * 1000


def peak_memory(engine: str, path: Path, queries: Path) -> float:
    """MB of peak RSS of a process that runs the whole query set (via a wrapper process)."""
    done = subprocess.run(
        _child("memory", engine, path, queries), check=True, capture_output=True, text=True
    )
    return float(done.stdout.strip().splitlines()[-1])


def _open(engine: str, path: Path) -> Fts5Engine | KmdeskEngine:
    return KmdeskEngine(path) if engine == "kmdesk" else Fts5Engine(path)


def run_child(command: str, engine: str, path: Path, queries_file: Path) -> None:
    """What a child process does: ``cold``, ``queries`` or ``memory`` (wraps ``queries``)."""
    if command == "memory":
        subprocess.run(_child("queries", engine, path, queries_file), check=True)
        print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
        return
    queries = load_queries(queries_file)
    opened = _open(engine, path)
    try:
        if command == "cold":
            print(opened.search(next(q for q in queries if q.kind == "faceted")))
        else:
            for query in queries:
                opened.search(query)
    finally:
        opened.close()


def run_size(n: int, args: argparse.Namespace) -> dict[str, dict[str, float]]:
    """Every measure of one size: ``{"kmdesk": {...}, "fts5": {...}}``."""
    database = corpus.build_fts5(corpus.fts5_folder(n, args.seed), n, args.seed)
    folder = corpus.catalogue_folder(n, args.seed)
    if not args.fts5_only:
        corpus.build_catalogue(folder, n, args.seed)
    queries = make_queries(database, args.queries, args.seed)
    queries_file = corpus.OUT / f"queries-n{n}-s{args.seed}-q{args.queries}.json"
    save_queries(queries, queries_file)
    print(f"n={n:,}: {len(queries)} queries in {queries_file.name}", file=sys.stderr)

    fts5 = Fts5Engine(database)
    rng = random.Random(f"changed:{args.seed}")
    changed = [fts5.product(rng.randint(1, n)) for _ in range(args.changes)]
    engines: dict[str, dict[str, float]] = {"fts5": {}, "kmdesk": {}}
    try:
        engines["fts5"] = measure_engine(fts5, queries, changed, fts5.count())
    finally:
        fts5.close()
    if not args.fts5_only:
        kmdesk = KmdeskEngine(folder)
        try:
            documents = kmdesk.catalogue.stats().products
            engines["kmdesk"] = measure_engine(kmdesk, queries, changed, documents)
        finally:
            kmdesk.close()
    paths = {"fts5": database, "kmdesk": folder}
    names = [name for name in ("kmdesk", "fts5") if name == "fts5" or not args.fts5_only]
    cold: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(args.cold_runs):
        for name in names:
            cold[name].append(time_cold(name, paths[name], queries_file))
    for name in names:
        engines[name]["cold_ms"] = statistics.median(cold[name])
        engines[name]["memory_mb"] = peak_memory(name, paths[name], queries_file)
    return engines


# -- reporting --------------------------------------------------------------------------------


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> list[str]:
    """Lines describing the machine and the software measured."""
    return [
        f"machine: {os.cpu_count()} CPUs ({_cpu_model()}), {platform.platform()}",
        f"python {platform.python_version()}, sqlite {sqlite3.sqlite_version}, "
        f"whoosh-reloaded {_version('whoosh-reloaded')}",
        f"command: {shlex.join(sys.orig_argv)}",
    ]


def _cell(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def print_table(results: dict[int, dict[str, dict[str, float]]]) -> None:
    """One block of rows per size: measure | kmdesk | FTS5 | kmdesk/FTS5."""
    print(f"{'measure':<50} {'kmdesk':>10} {'FTS5':>10} {'kmdesk/FTS5':>12}")
    for n, engines in results.items():
        print(f"-- {n:,} products " + "-" * 70)
        for key, label, spec in MEASURES:
            ours = engines["kmdesk"].get(key)
            base = engines["fts5"].get(key)
            ratio = ours / base if ours is not None and base else None
            ratio_spec = ".2f" if ratio is None or ratio >= 0.1 else ".4f"
            print(
                f"{label:<50} {_cell(ours, spec):>10} {_cell(base, spec):>10} "
                f"{_cell(ratio, ratio_spec):>12}"
            )


def print_targets(n: int, engines: dict[str, dict[str, float]]) -> None:
    """PASS/MISS of kmdesk against each target on the largest size (FTS5 for reference)."""
    print(f"\ntargets on the largest size ({n:,} products):")
    for target in TARGETS:
        ours = engines["kmdesk"].get(target.measure)
        base = engines["fts5"].get(target.measure)
        reference = f"(FTS5 {base:.1f} {target.unit})" if base is not None else ""
        if ours is None:
            verdict, shown = "n/a ", "kmdesk not measured"
        else:
            verdict = "PASS" if ours < target.limit else "MISS"
            shown = f"kmdesk {ours:.1f} {target.unit}"
        print(f"  {verdict}  {target.label:<54} {shown:<24} {reference}")


def _sizes(values: Iterable[int]) -> list[int]:
    return sorted(dict.fromkeys(values))


def main() -> None:
    """Parse the arguments, run every size (or one child task) and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--queries", type=int, default=100, help="queries of each kind")
    parser.add_argument("--seed", type=int, default=42, help="seed of the generated corpus")
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--fts5-only", action="store_true", help="measure the FTS5 side only")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--child", choices=("cold", "queries", "memory"), help=argparse.SUPPRESS)
    parser.add_argument("--engine", choices=("kmdesk", "fts5"), help=argparse.SUPPRESS)
    parser.add_argument("--path", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--queries-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.child, args.engine, args.path, args.queries_file)
        return
    if not args.fts5_only:
        from kmdesk.catalogue import Catalogue

        if not hasattr(Catalogue, "search"):
            parser.error("this kmdesk has no Catalogue.search yet: run with --fts5-only")
    corpus.OUT.mkdir(exist_ok=True)
    results = {n: run_size(n, args) for n in _sizes(args.sizes)}
    print()
    print_table(results)
    print()
    print("\n".join(machine()))
    largest = max(results)
    print_targets(largest, results[largest])
    if args.json:
        payload = {"machine": machine(), "results": {str(n): r for n, r in results.items()}}
        args.json.write_text(json.dumps(payload, indent=2), "utf-8")


if __name__ == "__main__":
    main()
