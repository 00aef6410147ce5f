"""Seeded, reproducible catalogues of realistic knowledge products, for the search benchmark.

The text is made of the demo catalogue's own words: for each language (en, fr, es, pt) the words
of the demo's titles and summaries (``resources/demo/products-*.jsonl``) and of the documents
behind its attachments (``scripts/demo_documents/*.md``) are ranked by frequency, and text is
drawn from that ranked list with a Zipf law (exponent :data:`ZIPF_EXPONENT`), in sentences of
8-25 words with commas and full stops, and paragraphs of 3-8 sentences. A product's language
decides its vocabulary (about 60% en, 20% fr, 12% es, 8% pt); its metadata comes from the demo's
vocabularies: a partnership, themes of that partnership, member organisations, their people as
authors, countries, keywords and licences as the demo uses them, a type, a year in 2016-2025.
Every product has a summary of 60-150 words; one in five has a report-length attachment text
of about 3,000 words.

The same generator feeds a kmdesk catalogue (:func:`build_catalogue`, through the validating
service layer) and a plain SQLite FTS5 database (:func:`build_fts5`), so that both engines search
the same products with the same ids. Both are cached under ``benchmarks/out/`` by size and seed.
A smaller corpus is a prefix of a larger one with the same seed.

Show a few generated products, or build the cached corpora::

    .venv/bin/python benchmarks/corpus.py --show 2
    .venv/bin/python benchmarks/corpus.py --build 1000 10000

Only the standard library is imported at module level (kmdesk is imported where a catalogue is
built), so that the FTS5 side of the benchmark starts its processes without kmdesk's imports.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import shutil
import sqlite3
import sys
import time
import unicodedata
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(__file__).with_name("out")
DEMO = ROOT / "resources" / "demo"
DOCUMENTS = ROOT / "scripts" / "demo_documents"

#: Bump when the generated products change: cached corpora of another version are rebuilt.
CORPUS_VERSION = 1
ZIPF_EXPONENT = 1.07
LANGUAGE_SHARES: dict[str, float] = {"en": 0.60, "fr": 0.20, "es": 0.12, "pt": 0.08}
ATTACHMENT_SHARE = 0.2
ATTACHMENT_WORDS = (2700, 3300)
SUMMARY_WORDS = (60, 150)
TITLE_WORDS = (4, 12)
SENTENCE_WORDS = (8, 25)
PARAGRAPH_SENTENCES = (3, 8)
FIRST_YEAR, LAST_YEAR = 2016, 2025
#: Products written per import transaction.
BATCH = 2000
#: The most frequent words of a language, treated as its stop words (function words).
STOPWORD_RANKS = 150
FTS5_NAME = "fts5.sqlite3"
#: Multi-valued fields of the FTS5 database, each in a table ``product_<field>(rid, value)``.
FTS5_VALUE_TABLES: tuple[str, ...] = ("theme", "partnership", "organisation", "country", "language")

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


@dataclass(frozen=True, slots=True)
class GeneratedProduct:
    """One generated product: field values for ``apply_product_fields`` and its attachment."""

    id: uuid.UUID
    values: dict[str, Any]
    attachment_text: str | None


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The words of one language, most frequent first, with Zipf sampling weights."""

    language: str
    words: tuple[str, ...]
    counts: tuple[int, ...]
    cum_weights: tuple[float, ...]

    @classmethod
    def from_counts(cls, language: str, forms: Counter[str]) -> Vocabulary:
        """Rank the words by frequency (ties by word) and weight rank r with 1 / r**s."""
        folded: Counter[str] = Counter()
        surface: dict[str, Counter[str]] = {}
        for form, count in forms.items():
            key = form.casefold()
            folded[key] += count
            surface.setdefault(key, Counter())[form] += count
        ranked = sorted(folded.items(), key=lambda item: (-item[1], item[0]))
        # A word seen in lower case anywhere is written so ("the", not "The" from the start of
        # sentences); names and acronyms keep their most frequent spelling ("Benin", "ACBP").
        words = tuple(
            key
            if key in surface[key]
            else max(surface[key].items(), key=lambda item: (item[1], item[0]))[0]
            for key, _ in ranked
        )
        weights = (rank**-ZIPF_EXPONENT for rank in range(1, len(words) + 1))
        return cls(
            language,
            words,
            tuple(count for _, count in ranked),
            tuple(itertools.accumulate(weights)),
        )

    def sample(self, rng: random.Random, k: int) -> list[str]:
        """``k`` words drawn with the Zipf law over the ranked list."""
        return rng.choices(self.words, cum_weights=self.cum_weights, k=k)

    @property
    def stopwords(self) -> frozenset[str]:
        """The :data:`STOPWORD_RANKS` most frequent words, case-folded."""
        return frozenset(word.casefold() for word in self.words[:STOPWORD_RANKS])


@dataclass(frozen=True, slots=True)
class _Pools:
    """What product metadata is drawn from: the demo's vocabularies and field values."""

    partnerships: tuple[dict[str, Any], ...]
    themes: tuple[str, ...]
    members: dict[str, tuple[str, ...]]
    people: dict[str, tuple[str, ...]]
    types: tuple[str, ...]
    countries: tuple[str, ...]
    licences: tuple[str, ...]
    keywords: dict[str, tuple[str, ...]]


def fold(word: str) -> str:
    """A word as ``unicode61 remove_diacritics 2`` indexes it: lower case, without accents."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _demo_products() -> list[dict[str, Any]]:
    products: list[dict[str, Any]] = []
    for path in sorted(DEMO.glob("products-*.jsonl")):
        products += [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]
    return products


def _primary_language(item: dict[str, Any]) -> str:
    return str((item.get("languages") or ["en"])[0]).split("-")[0]


@cache
def demo_texts() -> dict[str, list[str]]:
    """The demo's real texts by language: titles, summaries and the attachment documents."""
    texts: dict[str, list[str]] = {language: [] for language in LANGUAGE_SHARES}
    document_language: dict[str, str] = {}
    for item in _demo_products():
        language = _primary_language(item)
        if language in texts:
            texts[language] += [item.get("title") or "", item.get("summary") or ""]
        if item.get("attachment"):
            document_language[Path(item["attachment"]).stem] = language
    for path in sorted(DOCUMENTS.glob("*.md")):
        language = document_language.get(path.stem)
        if language in texts:
            texts[language].append(path.read_text("utf-8"))
    return texts


@cache
def vocabularies() -> dict[str, Vocabulary]:
    """The ranked word list of each language, from :func:`demo_texts`."""
    result = {}
    for language, texts in demo_texts().items():
        forms: Counter[str] = Counter()
        for text in texts:
            forms.update(_WORD.findall(text.replace("’", "'")))
        result[language] = Vocabulary.from_counts(language, forms)
    return result


@cache
def _pools() -> _Pools:
    data = json.loads((DEMO / "vocabularies.json").read_text("utf-8"))
    products = _demo_products()
    members: dict[str, list[str]] = {}
    for organisation in data["organisations"]:
        for partnership in organisation.get("partnerships") or []:
            members.setdefault(partnership, []).append(organisation["key"])
    people: dict[str, list[str]] = {}
    for person in data["people"]:
        if person.get("organisation"):
            people.setdefault(person["organisation"], []).append(person["name"])
    keywords: dict[str, list[str]] = {language: [] for language in LANGUAGE_SHARES}
    for item in products:
        keywords.setdefault(_primary_language(item), []).extend(item.get("keywords") or [])
    return _Pools(
        partnerships=tuple(data["partnerships"]),
        themes=tuple(theme["key"] for theme in data["themes"]),
        members={key: tuple(sorted(values)) for key, values in members.items()},
        people={key: tuple(sorted(values)) for key, values in people.items()},
        types=tuple(item["type"] for item in products),
        countries=tuple(code for item in products for code in item.get("countries") or []),
        licences=tuple(item["licence"] for item in products if item.get("licence")),
        keywords={key: tuple(sorted(set(values))) for key, values in keywords.items()},
    )


def _sentence(rng: random.Random, vocabulary: Vocabulary, length: int) -> str:
    words = vocabulary.sample(rng, length)
    for _ in range(rng.choice((0, 0, 1, 1, 2))):
        position = rng.randrange(1, length - 1)
        words[position] += ","
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words) + ("?" if rng.random() < 0.04 else ".")


def _sentences(rng: random.Random, vocabulary: Vocabulary, total: int) -> list[str]:
    """Sentences of 8-25 words that add up to exactly ``total`` words (``total`` >= 8)."""
    low, high = SENTENCE_WORDS
    sentences = []
    remaining = total
    while remaining > high:
        length = rng.randint(low, min(high, remaining - low))
        sentences.append(_sentence(rng, vocabulary, length))
        remaining -= length
    sentences.append(_sentence(rng, vocabulary, remaining))
    return sentences


def _title(rng: random.Random, vocabulary: Vocabulary) -> str:
    words = vocabulary.sample(rng, rng.randint(*TITLE_WORDS))
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words)


def _report(rng: random.Random, vocabulary: Vocabulary) -> str:
    sentences = _sentences(rng, vocabulary, rng.randint(*ATTACHMENT_WORDS))
    paragraphs = []
    while sentences:
        size = rng.randint(*PARAGRAPH_SENTENCES)
        paragraphs.append(" ".join(sentences[:size]))
        del sentences[:size]
    return "\n\n".join(paragraphs) + "\n"


def _pick(rng: random.Random, pool: tuple[str, ...], count: int) -> list[str]:
    """Up to ``count`` distinct values drawn from ``pool`` (repeats weight the draw)."""
    return list(dict.fromkeys(rng.choice(pool) for _ in range(count))) if pool else []


def _product(rng: random.Random, pools: _Pools, words: dict[str, Vocabulary]) -> GeneratedProduct:
    product_id = uuid.UUID(int=rng.getrandbits(128), version=4)
    language = rng.choices(tuple(LANGUAGE_SHARES), weights=tuple(LANGUAGE_SHARES.values()))[0]
    vocabulary = words[language]
    partnership = rng.choice(pools.partnerships)
    themes = _pick(rng, tuple(partnership.get("themes") or pools.themes), rng.randint(1, 2))
    members = pools.members.get(partnership["key"], ())
    organisations = rng.sample(members, min(len(members), rng.randint(1, 3)))
    roles = [
        {"key": key, "role": "author" if number == 0 else rng.choice(("publisher", "partner"))}
        for number, key in enumerate(organisations)
    ]
    people = tuple(name for key in organisations for name in pools.people.get(key, ()))
    authors = rng.sample(people, min(len(people), rng.randint(0, 2)))
    values: dict[str, Any] = {
        "title": _title(rng, vocabulary),
        "summary": " ".join(_sentences(rng, vocabulary, rng.randint(*SUMMARY_WORDS))),
        "product_type": rng.choice(pools.types),
        "themes": themes,
        "partnerships": [partnership["key"]],
        "organisations": roles,
        "authors": authors,
        "countries": _pick(rng, pools.countries, rng.randint(1, 3)),
        "languages": [language],
        "year": rng.randint(FIRST_YEAR, LAST_YEAR),
        "licence": rng.choice(pools.licences),
        "keywords": _pick(rng, pools.keywords[language], rng.randint(2, 5)),
        "status": "published",
    }
    attachment = _report(rng, vocabulary) if rng.random() < ATTACHMENT_SHARE else None
    return GeneratedProduct(product_id, values, attachment)


def generate(n: int, seed: int = 42) -> Iterator[GeneratedProduct]:
    """``n`` products, the same ones for the same ``n`` and ``seed`` on every machine."""
    rng = random.Random(seed)
    pools = _pools()
    words = vocabularies()
    for _ in range(n):
        yield _product(rng, pools, words)


def _batches(items: Iterable[GeneratedProduct], size: int) -> Iterator[list[GeneratedProduct]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _progress(label: str, done: int, total: int, started: float) -> None:
    elapsed = time.perf_counter() - started
    rate = done / elapsed if elapsed else 0.0
    print(f"{label}: {done:,}/{total:,} products, {elapsed:.0f} s ({rate:.0f}/s)", file=sys.stderr)


def _marker(n: int, seed: int, **extra: Any) -> dict[str, Any]:
    return {"version": CORPUS_VERSION, "n": n, "seed": seed, **extra}


def read_marker(folder: Path) -> dict[str, Any] | None:
    """What a finished build recorded in ``folder`` (``None`` when there is none)."""
    path = folder / "corpus.json"
    if not path.exists():
        return None
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def _is_built(folder: Path, n: int, seed: int) -> bool:
    marker = read_marker(folder)
    return marker is not None and all(marker.get(k) == v for k, v in _marker(n, seed).items())


def catalogue_folder(n: int, seed: int = 42) -> Path:
    """Where the cached kmdesk catalogue of ``n`` products lives."""
    return OUT / f"kmdesk-n{n}-s{seed}"


def fts5_folder(n: int, seed: int = 42) -> Path:
    """Where the cached FTS5 database of ``n`` products lives."""
    return OUT / f"fts5-n{n}-s{seed}"


def _load_demo_vocabulary(catalogue: Any) -> None:
    """The demo's themes, partnerships, organisations and people, with the demo's ids.

    Not ``load_demo``, which would also add the demo's 312 products (and their PDFs) that the
    FTS5 database does not hold. This is the vocabulary step of ``load_demo`` itself.
    """
    from kmdesk.demo import _load_vocabularies

    data = json.loads((DEMO / "vocabularies.json").read_text("utf-8"))
    with catalogue.writing() as writer:
        _load_vocabularies(writer, data)
        writer.changes.vocabulary = True


def build_catalogue(folder: Path, n: int, seed: int = 42) -> None:
    """A kmdesk catalogue in ``folder`` with the demo vocabulary and ``n`` generated products.

    Products go through ``apply_product_fields`` in import transactions of :data:`BATCH`, with
    attachment texts in the attachment store. Skipped when ``folder`` already holds this corpus.
    """
    if _is_built(folder, n, seed):
        return
    from kmdesk.catalogue import Catalogue
    from kmdesk.catalogue.product_fields import apply_product_fields
    from kmdesk.db.models import Attachment, Product
    from kmdesk.sync.kinds import attachment_id
    from kmdesk.terms import TermResolver

    if folder.exists():
        shutil.rmtree(folder)
    label = f"kmdesk catalogue n={n:,} seed={seed}"
    started = time.perf_counter()
    generating = 0.0
    with Catalogue.open(folder) as catalogue:
        _load_demo_vocabulary(catalogue)
        done = 0
        products = generate(n, seed)
        while True:
            tick = time.perf_counter()
            batch = list(itertools.islice(products, BATCH))
            generating += time.perf_counter() - tick
            if not batch:
                break
            with catalogue.writing() as writer:
                session = writer.session
                resolver = TermResolver(session)
                for item in batch:
                    product = Product(id=item.id, summary="", status="published")
                    apply_product_fields(
                        session, product, item.values, creating=True, terms=resolver
                    )
                    writer.add(product)
                    if item.attachment_text is not None:
                        stored = catalogue.attachments.put_bytes(
                            item.attachment_text.encode("utf-8"), "report.txt"
                        )
                        attachment = Attachment(
                            id=attachment_id(product.id, stored.sha256),
                            file_name="report.txt",
                            media_type=stored.media_type,
                            size=stored.size,
                            sha256=stored.sha256,
                        )
                        product.attachments.append(attachment)
                        writer.add(attachment)
                    writer.changes.products.add(product.id)
            done += len(batch)
            _progress(label, done, n, started)
    seconds = time.perf_counter() - started
    loading = seconds - generating
    marker = _marker(n, seed, seconds=seconds, load_rate=n / loading if loading else None)
    (folder / "corpus.json").write_text(json.dumps(marker, indent=2), "utf-8")


_FTS5_SCHEMA = """
CREATE TABLE products(
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    lang TEXT NOT NULL,
    theme TEXT NOT NULL,
    type TEXT NOT NULL,
    country TEXT,
    year INTEGER NOT NULL,
    body TEXT NOT NULL
);
CREATE TABLE corpus_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

_FTS5_INDEXES = """
CREATE INDEX products_type ON products(type, rid);
CREATE INDEX products_year ON products(year, rid);
CREATE VIRTUAL TABLE products_fts USING fts5(
    title, body, content='products', content_rowid='rid',
    tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO products_fts(products_fts) VALUES('rebuild');
INSERT INTO products_fts(products_fts) VALUES('optimize');
CREATE TRIGGER products_ai AFTER INSERT ON products BEGIN
    INSERT INTO products_fts(rowid, title, body) VALUES (new.rid, new.title, new.body);
END;
CREATE TRIGGER products_ad AFTER DELETE ON products BEGIN
    INSERT INTO products_fts(products_fts, rowid, title, body)
        VALUES ('delete', old.rid, old.title, old.body);
END;
CREATE TRIGGER products_au AFTER UPDATE ON products BEGIN
    INSERT INTO products_fts(products_fts, rowid, title, body)
        VALUES ('delete', old.rid, old.title, old.body);
    INSERT INTO products_fts(rowid, title, body) VALUES (new.rid, new.title, new.body);
END;
"""


def _fts5_rows(
    rid: int, item: GeneratedProduct
) -> tuple[tuple[Any, ...], dict[str, list[tuple[int, str]]]]:
    values = item.values
    body = values["summary"]
    if item.attachment_text:
        body += "\n\n" + item.attachment_text
    row = (
        rid,
        item.id.hex,
        values["title"],
        values["languages"][0],
        values["themes"][0],
        values["product_type"],
        (values["countries"] or [None])[0],
        values["year"],
        body,
    )
    organisations = dict.fromkeys(o["key"] for o in values["organisations"])
    lists = {
        "theme": values["themes"],
        "partnership": values["partnerships"],
        "organisation": list(organisations),
        "country": values["countries"],
        "language": values["languages"],
    }
    return row, {field: [(rid, value) for value in items] for field, items in lists.items()}


def build_fts5(folder: Path, n: int, seed: int = 42) -> Path:
    """A plain SQLite FTS5 database of the same ``n`` products; returns its path.

    ``products(rid, id, title, lang, theme, type, country, year, body)`` holds one row per
    product (``body`` is the summary followed by the attachment text, last so that reading the
    other columns never walks its overflow pages; ``theme`` and ``country`` are the first ones),
    ``product_<field>(rid, value)`` every value of the multi-valued fields, and
    ``products_fts`` is an external-content FTS5 table over title and body, kept in step by
    triggers. Skipped when ``folder`` already holds this corpus.
    """
    path = folder / FTS5_NAME
    if _is_built(folder, n, seed) and path.exists():
        return path
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    partial = folder / (FTS5_NAME + ".partial")
    label = f"FTS5 database n={n:,} seed={seed}"
    started = time.perf_counter()
    connection = sqlite3.connect(partial)
    try:
        connection.execute("PRAGMA journal_mode=OFF")
        connection.execute("PRAGMA synchronous=OFF")
        connection.executescript(_FTS5_SCHEMA)
        for field in FTS5_VALUE_TABLES:
            connection.execute(
                f"CREATE TABLE product_{field}(rid INTEGER NOT NULL, value TEXT NOT NULL, "
                "PRIMARY KEY (rid, value)) WITHOUT ROWID"
            )
        done = 0
        for batch in _batches(generate(n, seed), BATCH):
            rows = []
            values: dict[str, list[tuple[int, str]]] = {f: [] for f in FTS5_VALUE_TABLES}
            for offset, item in enumerate(batch, start=done + 1):
                row, lists = _fts5_rows(offset, item)
                rows.append(row)
                for field, pairs in lists.items():
                    values[field] += pairs
            connection.executemany("INSERT INTO products VALUES (?,?,?,?,?,?,?,?,?)", rows)
            for field, pairs in values.items():
                connection.executemany(f"INSERT INTO product_{field} VALUES (?, ?)", pairs)
            connection.commit()
            done += len(batch)
            _progress(label, done, n, started)
        for field in FTS5_VALUE_TABLES:
            connection.execute(f"CREATE INDEX product_{field}_value ON product_{field}(value, rid)")
        connection.executescript(_FTS5_INDEXES)
        connection.executemany(
            "INSERT INTO corpus_meta VALUES (?, ?)",
            [("version", str(CORPUS_VERSION)), ("n", str(n)), ("seed", str(seed))],
        )
        connection.commit()
        connection.execute("PRAGMA journal_mode=WAL")
    finally:
        connection.close()
    partial.replace(path)
    seconds = time.perf_counter() - started
    (folder / "corpus.json").write_text(json.dumps(_marker(n, seed, seconds=seconds)), "utf-8")
    return path


def main() -> None:
    """Show some generated products or build the cached corpora of some sizes."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--show", type=int, default=0, help="print this many products")
    parser.add_argument("--build", type=int, nargs="*", default=[], metavar="N")
    parser.add_argument("--fts5-only", action="store_true", help="build no kmdesk catalogue")
    args = parser.parse_args()
    for language, vocabulary in vocabularies().items():
        top = ", ".join(vocabulary.words[:12])
        print(f"{language}: {len(vocabulary.words):,} words ({sum(vocabulary.counts):,}): {top}")
    for item in itertools.islice(generate(args.show, args.seed), args.show):
        print(json.dumps({"id": str(item.id), **item.values}, ensure_ascii=False, indent=1))
        if item.attachment_text:
            print(f"attachment: {len(item.attachment_text.split()):,} words\n")
            print(item.attachment_text[:600] + "…")
    for n in args.build:
        print(build_fts5(fts5_folder(n, args.seed), n, args.seed))
        if not args.fts5_only:
            build_catalogue(catalogue_folder(n, args.seed), n, args.seed)
            print(catalogue_folder(n, args.seed))


if __name__ == "__main__":
    main()
