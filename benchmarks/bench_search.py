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
* as-you-type, from the first 40 plain queries (``--prefix-queries``) with the second word
  cut to 2-4 letters (avoiding a cut that is a stop word of some language, which kmdesk would
  not require): (d) ``budget pa`` searched with ``prefix_last=True``, facets and snippets, no
  filters (FTS5: ``"budget" "pa"*`` with the facet counts and snippets of (c)); (e) ``budget
  pa*`` typed with its ``*``, no facets, no snippets (FTS5: ``"budget" "pa"*`` ranked as (a)),
  also as the ratio of its p95 to the p95 of the same pairs as plain queries; (f) one letter
  alone (``g``, 11 letters twice) with ``prefix_last=True``, facets and snippets: kmdesk
  leaves the letter out and finds nothing, and so does FTS5 (no SQL at all);
* typing, key by key: 20 texts (``--typed-queries``) of two or three mid-frequency words of
  one language, at least 12 characters, the first word short enough for the 12 keys to reach
  the 3rd letter of the second one, searched after each of the first 12 keys as (d) is
  (FTS5: :func:`typed_match`, the last word a prefix, a one-letter last word left out);
  p50/p95 of the total ms per text, and p95 of each text's slowest key;
* indexing throughput of a full rebuild (``Catalogue.reindex()``; FTS5 ``'rebuild'`` then
  ``'optimize'``) and the index size on disk (kmdesk's index folder; FTS5's shadow tables);
* cold open plus first query: a fresh process opens the catalogue and runs one faceted query;
  the parent times the whole process (interpreter, imports, open, query, exit) and the process
  times, after its imports, ``Catalogue.open()`` (FTS5: connecting) plus that first query on a
  catalogue it has not opened before (medians of ``--cold-runs``);
* peak memory of a process running the query set's kinds (a)-(c) (``ru_maxrss`` of its
  children, read by a wrapper process that runs only that one);
* one product changed and searchable: a title gets a new unique word, timed until a search for
  it returns the product (median of ``--changes`` products, titles restored afterwards).

It prints a table (kmdesk, FTS5, kmdesk/FTS5), the machine and the command line, then checks
kmdesk against the targets on the largest size: faceted query p95 < 150 ms, as-you-type p95
< 100 ms, explicit wildcard p95 < 2x the same pairs typed in full, one letter p95 < 20 ms, cold
process < 1 s, open + first query in-process < 1 s, full rebuild < 10 min, a change searchable
in < 200 ms (median), peak memory < 500 MB. A kmdesk search that raises stops the run with an
error naming the query (kind, text, filters, options). Run::

    .venv/bin/python benchmarks/bench_search.py --sizes 1000 10000 [100000] [--queries N]
        [--prefix-queries N] [--typed-queries N]
    .venv/bin/python benchmarks/bench_search.py --sizes 1000 10000 --fts5-only

kmdesk is imported only where it is measured, so the FTS5 processes never load it.
"""

from __future__ import annotations

import argparse
import importlib
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
    "typing": "as-you-type, 2-4 letter prefix",
    "wildcard": "explicit wildcard (budget pa*)",
    "letter": "one letter typed",
}
#: Kinds searched with facets and snippets, as the app shows them.
FACETED_KINDS = frozenset({"faceted", "typing", "letter"})
#: Kinds searched as-you-type: ``prefix_last=True``.
PREFIX_LAST_KINDS = frozenset({"typing", "letter"})
#: Kinds without a "mean total hits" row (a lone letter finds nothing, by design).
NO_HITS_ROW = frozenset({"letter"})
#: Letters of the as-you-type prefixes cut from the plain queries' second words.
PREFIX_LETTERS = (2, 4)
#: Letters typed alone (each :data:`LETTER_ROUNDS` times).
LETTERS = "abcdegmprst"
LETTER_ROUNDS = 2
#: As-you-type and wildcard queries: cut from this many plain queries at most (run time;
#: ``--prefix-queries``).
PREFIX_QUERIES = 40
#: Queries typed one key at a time (``--typed-queries``), and how many keys of each.
TYPED_QUERIES = 20
KEYSTROKES = 12
#: The kinds the peak-memory process runs (the as-you-type kinds are left out, for run time).
MEMORY_KINDS = frozenset({"plain", "phrase", "faceted"})


@dataclass(frozen=True, slots=True)
class Query:
    """One query of the set, as typed in kmdesk and as an FTS5 ``MATCH`` expression."""

    kind: str
    text: str
    match: str
    filters: dict[str, list[str]] = field(default_factory=dict)
    #: The plain query an as-you-type or wildcard query is cut from.
    source: str = ""


@dataclass(frozen=True, slots=True)
class Target:
    """A goal for kmdesk on the largest size: the measure must stay below ``limit``."""

    label: str
    measure: str
    limit: float
    unit: str
    spec: str = ".1f"


TARGETS: tuple[Target, ...] = (
    Target("faceted query with snippets p95 < 150 ms", "faceted_p95", 150.0, "ms"),
    Target("as-you-type query (facets, snippets) p95 < 100 ms", "typing_p95", 100.0, "ms"),
    Target("explicit wildcard p95 < 2x plain 2-word p95", "wildcard_ratio", 2.0, "x", ".2f"),
    Target("one letter typed p95 < 20 ms", "letter_p95", 20.0, "ms"),
    Target("cold process: start, open, first query < 1 s", "cold_ms", 1000.0, "ms"),
    Target("open + first query, in-process < 1 s", "open_ms", 1000.0, "ms"),
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
        if kind != "letter" or q == "p95"
    ),
    ("wildcard_ratio", "wildcard p95 / same pairs in full p95", ".2f"),
    ("keys_total_p50", f"typing {KEYSTROKES} keys, total per query, p50 ms", ".1f"),
    ("keys_total_p95", f"typing {KEYSTROKES} keys, total per query, p95 ms", ".1f"),
    ("keys_worst_p95", f"typing {KEYSTROKES} keys, slowest key, p95 ms", ".1f"),
    *(
        (f"{kind}_hits", f"{label}, mean total hits", ".1f")
        for kind, label in KINDS.items()
        if kind not in NO_HITS_ROW
    ),
    ("rebuild_s", "full rebuild, s", ".2f"),
    ("rebuild_rate", "full rebuild, documents/s", ",.0f"),
    ("index_mb", "index size on disk, MB", ".1f"),
    ("cold_ms", "cold process + first faceted query, wall ms", ".0f"),
    ("open_ms", "open + first faceted query, in-process ms", ".0f"),
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


def make_queries(
    database: Path,
    count: int,
    seed: int,
    prefixed: int = PREFIX_QUERIES,
    typed: int = TYPED_QUERIES,
) -> list[Query]:
    """``count`` queries of each kind (at most ``prefixed`` as-you-type and wildcard ones,
    ``typed`` texts typed key by key), the same for the same corpus, counts and seed."""
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
        # Drawn with a generator of their own: the kinds above stay what they always were.
        rng = random.Random(f"bench-search-typed:{seed}:{count}")
        return queries + _typed_queries(
            rng, queries, words, min(count, prefixed), min(count, typed)
        )
    finally:
        connection.close()


def typed_match(text: str) -> str:
    """The FTS5 ``MATCH`` of what is being typed, read as kmdesk reads it with ``prefix_last``:
    the last word is a prefix (``budget pa`` -> ``"budget" "pa"*``); a one-letter last word is
    left out and the others are whole words (``budget p`` -> ``"budget"``); ``""`` when nothing
    is left (nothing to search)."""
    words = text.split()
    if words and len(words[-1]) == 1:
        return " ".join(f'"{word}"' for word in words[:-1])
    return " ".join([*(f'"{word}"' for word in words[:-1]), *(f'"{word}"*' for word in words[-1:])])


def keystrokes(text: str) -> list[str]:
    """What the search box holds after each of the first :data:`KEYSTROKES` keys of ``text``."""
    return [text[:length] for length in range(1, min(KEYSTROKES, len(text)) + 1)]


@cache
def any_stopwords() -> frozenset[str]:
    """Stop words of any language kmdesk analyses: kmdesk never requires such a word (so a
    prefix like ``de`` would be optional there and required in FTS5: not the same work)."""
    words = set().union(*(stopwords(language) for language in corpus.vocabularies()))
    try:
        from whoosh.lang import stopwords_for_language
    except ImportError:
        return frozenset(words)
    words.update(stopwords_for_language("nl"))
    return frozenset(words)


def _prefix(rng: random.Random, word: str) -> str:
    """``word`` cut to 2-4 letters (never the whole word), avoiding prefixes that are stop
    words somewhere."""
    low, high = PREFIX_LETTERS
    cuts = [word[:n] for n in range(low, min(high, len(word) - 1) + 1)]
    kept = [cut for cut in cuts if corpus.fold(cut) not in any_stopwords()]
    return rng.choice(kept or cuts)


def _typed_text(rng: random.Random, words: dict[str, list[str]]) -> str:
    """Two words of one language, or three when two make fewer than :data:`KEYSTROKES`
    characters (drawn like the plain queries' words), the first one short enough for the
    first keys to reach 3 letters of the second."""
    languages = [language for language in corpus.LANGUAGE_SHARES if len(words[language]) >= 3]
    weights = [corpus.LANGUAGE_SHARES[language] for language in languages]
    for _ in range(1000):
        chosen = rng.sample(words[rng.choices(languages, weights=weights)[0]], 3)
        if len(chosen[0]) <= KEYSTROKES - 4:
            break
    text = " ".join(chosen[:2])
    return text if len(text) >= KEYSTROKES else " ".join(chosen)


def _typed_queries(
    rng: random.Random,
    queries: list[Query],
    words: dict[str, list[str]],
    prefixed: int,
    typed: int,
) -> list[Query]:
    """The as-you-type kinds: ``typing`` (``budget pa``, searched with ``prefix_last``) and
    ``wildcard`` (``budget pa*``) from the first ``prefixed`` plain queries, ``letter``
    (``g``) and ``typed`` texts of at least 12 characters to type one key at a time
    (``keys``)."""
    typing: list[Query] = []
    wildcards: list[Query] = []
    for query in [query for query in queries if query.kind == "plain"][:prefixed]:
        first, second = query.text.split()
        prefix = _prefix(rng, second)
        text = f"{first} {prefix}"
        typing.append(Query("typing", text, typed_match(text), source=query.text))
        wildcard = f'"{first}" "{prefix}"*'
        wildcards.append(Query("wildcard", f"{text}*", wildcard, source=query.text))
    letters = [Query("letter", letter, typed_match(letter)) for letter in LETTERS]
    keys = [Query("keys", _typed_text(rng, words), "") for _ in range(typed)]
    return typing + wildcards + letters * LETTER_ROUNDS + keys


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
        if not query.match:  # a lone letter, left out as kmdesk leaves it out: nothing to do
            return 0
        if query.kind in FACETED_KINDS:
            total, _rows, _facets = self.faceted(query.match, query.filters)
        else:
            total, _rows = self.ranked(query.match)
        return total

    def typed(self, text: str) -> int:
        """What the search box shows for ``text`` being typed: :func:`typed_match`, facets and
        snippets, no filters; returns the total."""
        match = typed_match(text)
        return self.faceted(match, {})[0] if match else 0

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
        shown = query.kind in FACETED_KINDS
        return self._search(
            query.text,
            query.filters,
            shown,
            query.kind in PREFIX_LAST_KINDS,
            f"{query.kind} query {query.text!r}",
        )

    def typed(self, text: str) -> int:
        """What the search box shows for ``text`` being typed: ``prefix_last``, facets and
        snippets, no filters; returns the total."""
        return self._search(text, {}, True, True, f"keystroke {text!r}")

    def _search(
        self, text: str, filters: dict[str, list[str]], shown: bool, prefix_last: bool, what: str
    ) -> int:
        try:
            results = self.catalogue.search(
                text,
                filters=filters,
                limit=LIMIT,
                facets=shown,
                snippets=shown,
                prefix_last=prefix_last,
            )
            return consume(results)
        except Exception as exc:
            raise RuntimeError(
                f"kmdesk search failed on the {what} (filters={filters}, facets={shown}, "
                f"snippets={shown}, prefix_last={prefix_last}): {type(exc).__name__}: {exc}"
            ) from exc

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
    plain: dict[str, float] = {}
    for kind in KINDS:
        chosen = [query for query in queries if query.kind == kind]
        if not chosen:
            continue
        for query in chosen[:WARMUP]:
            search(query)
        times, totals = [], []
        for query in chosen:
            started = time.perf_counter()
            totals.append(search(query))
            times.append((time.perf_counter() - started) * 1000)
            if kind == "plain":
                plain[query.text] = times[-1]
        results[f"{kind}_p50"] = p(times, 0.5)
        results[f"{kind}_p95"] = p(times, 0.95)
        results[f"{kind}_hits"] = statistics.fmean(totals)
        if kind == "wildcard" and all(query.source in plain for query in chosen):
            # against the same word pairs typed in full
            paired = p([plain[query.source] for query in chosen], 0.95)
            results["wildcard_ratio"] = p(times, 0.95) / paired if paired else float("inf")
    return results


def time_keystrokes(typed: Callable[[str], int], queries: list[Query]) -> dict[str, float]:
    """Each ``keys`` query typed one key at a time (one search per key): p50 and p95 of the
    total ms per query, and p95 of each query's slowest key."""
    totals: list[float] = []
    slowest: list[float] = []
    for query in queries:
        if query.kind != "keys":
            continue
        times = []
        for text in keystrokes(query.text):
            started = time.perf_counter()
            typed(text)
            times.append((time.perf_counter() - started) * 1000)
        totals.append(sum(times))
        slowest.append(max(times))
    if not totals:
        return {}
    return {
        "keys_total_p50": p(totals, 0.5),
        "keys_total_p95": p(totals, 0.95),
        "keys_worst_p95": p(slowest, 0.95),
    }


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
    name = "kmdesk" if isinstance(engine, KmdeskEngine) else "FTS5"
    phases: list[str] = [f"rebuild {seconds:.1f} s"]
    for phase, run in (
        ("queries", lambda: time_queries(engine.search, queries)),
        ("keystrokes", lambda: time_keystrokes(engine.typed, queries)),
        ("changes", lambda: {"change_ms": time_changes(engine, changed)}),
    ):
        started = time.perf_counter()
        results.update(run())
        phases.append(f"{phase} {time.perf_counter() - started:.1f} s")
    print(f"{name} n={documents:,}: {', '.join(phases)}", file=sys.stderr)
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


def time_cold(engine: str, path: Path, queries: Path) -> tuple[float, float]:
    """Wall ms of a fresh process that opens the catalogue and runs one faceted query, and
    the ms of the open and that query as the process itself times them (after its imports)."""
    command = _child("cold", engine, path, queries)
    started = time.perf_counter()
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
    wall = (time.perf_counter() - started) * 1000
    return wall, float(json.loads(done.stdout.strip().splitlines()[-1])["open_ms"])


def peak_memory(engine: str, path: Path, queries: Path) -> float:
    """MB of peak RSS of a process that runs the query set's kinds (a)-(c) (via a wrapper)."""
    done = subprocess.run(  # stderr not captured: a failing query's traceback shows
        _child("memory", engine, path, queries), check=True, stdout=subprocess.PIPE, text=True
    )
    return float(done.stdout.strip().splitlines()[-1])


def _open(engine: str, path: Path) -> Fts5Engine | KmdeskEngine:
    return KmdeskEngine(path) if engine == "kmdesk" else Fts5Engine(path)


def run_child(command: str, engine: str, path: Path, queries_file: Path) -> None:
    """What a child process does: ``cold`` (prints its total and in-process ms as JSON),
    ``queries`` (the kinds of :data:`MEMORY_KINDS`) or ``memory`` (wraps ``queries``)."""
    if command == "memory":
        subprocess.run(_child("queries", engine, path, queries_file), check=True)
        print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
        return
    queries = load_queries(queries_file)
    if command == "cold":
        first = next(q for q in queries if q.kind == "faceted")
        if engine == "kmdesk":
            importlib.import_module("kmdesk.catalogue")  # imported before the clock starts
        started = time.perf_counter()
        opened = _open(engine, path)
        try:
            total = opened.search(first)
            elapsed = (time.perf_counter() - started) * 1000
        finally:
            opened.close()
        print(json.dumps({"total": total, "open_ms": elapsed}))
        return
    opened = _open(engine, path)
    try:
        for query in queries:
            if query.kind in MEMORY_KINDS:
                opened.search(query)
    finally:
        opened.close()


def run_size(n: int, args: argparse.Namespace) -> dict[str, dict[str, float]]:
    """Every measure of one size: ``{"kmdesk": {...}, "fts5": {...}}``."""
    database = corpus.build_fts5(corpus.fts5_folder(n, args.seed), n, args.seed)
    folder = corpus.catalogue_folder(n, args.seed)
    if not args.fts5_only:
        corpus.build_catalogue(folder, n, args.seed)
    queries = make_queries(
        database, args.queries, args.seed, args.prefix_queries, args.typed_queries
    )
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
    cold: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    started = time.perf_counter()
    for _ in range(args.cold_runs):
        for name in names:
            cold[name].append(time_cold(name, paths[name], queries_file))
    cold_s = time.perf_counter() - started
    for name in names:  # an outlier (an index repaired on opening...) shows here
        runs = ", ".join(f"{wall:.0f}/{inside:.0f}" for wall, inside in cold[name])
        print(f"{name} n={n:,}: cold runs, wall/in-process ms: {runs}", file=sys.stderr)
    for name in names:
        engines[name]["cold_ms"] = statistics.median(wall for wall, _ in cold[name])
        engines[name]["open_ms"] = statistics.median(inside for _, inside in cold[name])
        started = time.perf_counter()
        engines[name]["memory_mb"] = peak_memory(name, paths[name], queries_file)
        print(
            f"{name} n={n:,}: memory process {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
    print(f"n={n:,}: cold processes {cold_s:.1f} s", file=sys.stderr)
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
        spec = target.spec
        reference = f"(FTS5 {base:{spec}} {target.unit})" if base is not None else ""
        if ours is None:
            verdict, shown = "n/a ", "kmdesk not measured"
        else:
            verdict = "PASS" if ours < target.limit else "MISS"
            shown = f"kmdesk {ours:{spec}} {target.unit}"
        print(f"  {verdict}  {target.label:<54} {shown:<24} {reference}")


def _sizes(values: Iterable[int]) -> list[int]:
    return sorted(dict.fromkeys(values))


def main() -> None:
    """Parse the arguments, run every size (or one child task) and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--queries", type=int, default=100, help="queries of each kind")
    parser.add_argument(
        "--prefix-queries",
        type=int,
        default=PREFIX_QUERIES,
        help="as-you-type and explicit wildcard queries (at most --queries)",
    )
    parser.add_argument(
        "--typed-queries",
        type=int,
        default=TYPED_QUERIES,
        help=f"texts typed one key at a time, {KEYSTROKES} keys each (at most --queries)",
    )
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
