"""The Cranfield evaluation of ``benchmarks/eval_cranfield.py`` on a tiny collection of its own.

Thirty documents, each with one word no other document has, and three queries asking for those
words, in the files' own format (SMART markers, CRLF, zero-padded query labels that skip a
number, judgments numbered by query *position*). A loader that mixed up product ids and
Cranfield numbers, or read the judgments by label, would score these easy queries 0.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from benchmarks.eval_cranfield import (
    FTS5,
    KMDESK,
    Document,
    Fts5Reference,
    fts5_match,
    grade_of,
    parse_smart,
    read_collection,
    run,
)

#: One word per document that no other document has.
WORDS = (
    "albatross",
    "bicycle",
    "cathedral",
    "dolphin",
    "emerald",
    "falcon",
    "glacier",
    "harbour",
    "iceberg",
    "jasmine",
    "kangaroo",
    "lantern",
    "meadow",
    "nightingale",
    "orchard",
    "pelican",
    "quarry",
    "raven",
    "saffron",
    "tulip",
    "umbrella",
    "volcano",
    "walrus",
    "xylophone",
    "yacht",
    "zeppelin",
    "anchor",
    "badger",
    "cobalt",
    "dragonfly",
)
#: (label, text, judgments as (document, code)): the third query is labelled 004.
QUERIES = (
    ("001", "notes on the albatross .", [(1, 2), (2, 3), (5, -1)]),
    ("002", "has anyone studied glacier\r\nflow near a harbour (cold regions) .", [(7, 1), (8, 4)]),
    ("004", "kangaroo experiments .", [(11, 1)]),
)


def _write_collection(folder: Path) -> None:
    folder.mkdir()
    documents = []
    for number, word in enumerate(WORDS, start=1):
        abstract = f"experiments on the {word} in a steady flow .\n  results are compared ."
        documents.append(
            f".I {number}\n.T\nnotes on the {word} .\n.A\nauthor{number % 7},a.\nsmith,j.\n"
            f".B\nrep. {number}, 1960.\n.W\nnotes on the {word} .\n{abstract}\n"
        )
    documents[4] += ".W\na second abstract section .\n"  # a damaged record, as 576 and 578
    (folder / "cran.all.1400").write_bytes("".join(documents).replace("\n", "\r\n").encode())
    queries = "".join(f".I {label}\n.W\n{text}\n" for label, text, _ in QUERIES)
    (folder / "cran.qry").write_bytes(queries.replace("\r\n", "\n").encode())
    rows = [
        f"{position} {document} {code} "
        for position, (_, _, judged) in enumerate(QUERIES, start=1)
        for document, code in judged
    ]
    (folder / "cranqrel").write_bytes("\r\n".join(rows).encode())


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "cranfield"
    _write_collection(folder)
    return folder


def test_the_collection_is_read_with_judgments_by_position(data: Path) -> None:
    collection = read_collection(data)

    assert [d.number for d in collection.documents] == list(range(1, 31))
    first = collection.documents[0]
    assert first.title == "notes on the albatross ."
    assert first.authors == ("author1,a.", "smith,j.")
    assert first.abstract.startswith("notes on the albatross .\nexperiments on the albatross")
    assert collection.documents[4].abstract.endswith("a second abstract section .")
    assert [(q.position, q.label) for q in collection.queries] == [
        (1, "001"),
        (2, "002"),
        (3, "004"),
    ]
    assert collection.queries[1].text == (
        "has anyone studied glacier flow near a harbour (cold regions) ."
    )
    # Codes 1 (complete answer) to 4 become grades 4 to 1; -1 rows are not relevant.
    assert [q.grades for q in collection.queries] == [{1: 3, 2: 2}, {7: 4, 8: 1}, {11: 4}]


def test_grades_and_smart_markers() -> None:
    assert [grade_of(code) for code in (-1, 1, 2, 3, 4, 5)] == [0, 4, 3, 2, 1, 0]
    records = parse_smart(".I 3\r\n.T\r\na .\r\n.W\r\nb\r\n.W\r\nc\r\n")
    assert records == [("3", {"T": ["a ."], "W": ["b", "c"]})]


def test_fts5_match_quotes_every_word_of_a_pasted_sentence() -> None:
    text = 'can\'t "shock" (free-flight) models? and/or NOT i.e. -- 10( *'
    match = fts5_match(text)
    assert match == (
        '"can" OR "t" OR "shock" OR "free" OR "flight" OR "models" OR "and" OR "or" '
        'OR "not" OR "i" OR "e" OR "10"'
    )
    reference = Fts5Reference([Document(1, "free flight models", (), "shock and models")])
    try:
        found = reference(text)
    finally:
        reference.close()
    assert (found.ranked, found.error) == ([1], None)
    with sqlite3.connect(":memory:") as connection:  # the raw text is not valid FTS5 syntax
        connection.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
        with pytest.raises(sqlite3.OperationalError):
            connection.execute("SELECT * FROM t WHERE t MATCH ?", (text,)).fetchall()


def test_kmdesk_and_fts5_find_the_judged_documents_and_the_catalogue_is_cached(
    data: Path, tmp_path: Path
) -> None:
    collection = read_collection(data)
    work = tmp_path / "work"

    report = run(collection, work, depth=100, whoosh=False, diagnostics=False)

    assert report.engines == [KMDESK, FTS5]
    by_position = {r.position: r for r in report.results}
    for name in (KMDESK, FTS5):
        # Each query names its relevant documents' unique words: they come first.
        assert by_position[3].runs[name].ranked[0] == 11
        assert by_position[3].scores[name].ap == 1.0
        assert set(by_position[2].runs[name].ranked[:2]) == {7, 8}
        assert by_position[1].runs[name].ranked[0] == 1
        for result in report.results:
            scores = result.scores[name]
            assert all(0.0 <= v <= 1.0 for v in (scores.ap, scores.ndcg10, scores.p10, scores.r100))
        summary = report.summaries[name]
        assert 0.0 < summary.map <= 1.0
        assert 0.0 < summary.ndcg10 <= 1.0
    assert report.empty == []
    assert (report.info["catalogue"], report.info["index"]) == ("built", "rebuilt")

    again = run(collection, work, depth=100, whoosh=False, diagnostics=False)

    assert (again.info["catalogue"], again.info["index"]) == ("cached", "cached")
    assert again.summaries == report.summaries
