"""Benchmark the catalogue core against plain SQLite on the same data, in the same run.

Builds (once, cached under ``benchmarks/out/``) catalogues of N synthetic products made from the
demo catalogue's vocabulary, then measures:

* bulk load throughput (products per second through the validating service layer);
* ``product_ids`` with a two-field filter, and ``list_products`` of 200 full records, against
  hand-written ``sqlite3`` queries returning the same ids / rows (the baseline);
* ``get_product`` by id: p50 and p95;
* opening the catalogue (schema check, engine, clock) and a cold ``kmdesk list --limit 20``
  process, against ``python -c "import sqlite3"`` plus the same query;

and prints a table with the kmdesk/baseline ratio. Run::

    .venv/bin/python benchmarks/bench_catalogue.py --sizes 1000 10000
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kmdesk.catalogue import DATABASE_NAME, Catalogue
from kmdesk.catalogue.product_fields import apply_product_fields
from kmdesk.db.models import Product
from kmdesk.demo import demo_dir, load_demo, read_products
from kmdesk.terms import TermResolver

OUT = Path(__file__).with_name("out")


def synthetic_products(count: int, seed: int = 7) -> list[dict[str, Any]]:
    """``count`` products recombined from the demo's real fields (seeded, reproducible)."""
    rng = random.Random(seed)
    demo = read_products(demo_dir())
    products = []
    for number in range(count):
        base = rng.choice(demo)
        other = rng.choice(demo)
        products.append(
            {
                "title": f"{base['title']} ({number})",
                "summary": base["summary"] + " " + other["summary"],
                "product_type": base["type"],
                "themes": base["themes"],
                "partnerships": base["partnerships"],
                "organisations": base["organisations"],
                "countries": base["countries"],
                "regions": base["regions"],
                "languages": base["languages"],
                "year": rng.randint(2016, 2025),
                "licence": base["licence"],
                "keywords": base["keywords"],
                "status": base["status"],
            }
        )
    return products


def build(size: int) -> tuple[Path, float]:
    """A catalogue folder with the demo vocabulary and ``size`` products; loading rate."""
    folder = OUT / f"catalogue-{size}"
    marker = folder / "loaded.json"
    if marker.exists():
        return folder, json.loads(marker.read_text())["rate"]
    with Catalogue.open(folder) as catalogue:
        load_demo(catalogue)
        products = synthetic_products(size - catalogue.stats().products)
        started = time.perf_counter()
        with catalogue.writing() as writer:
            resolver = TermResolver(writer.session)
            for values in products:
                product = Product(id=uuid.uuid4(), summary="", status="published")
                apply_product_fields(writer.session, product, values, creating=True, terms=resolver)
                writer.add(product)
                writer.changes.products.add(product.id)
        rate = len(products) / (time.perf_counter() - started)
    marker.write_text(json.dumps({"rate": rate}))
    return folder, rate


def timed(function: Callable[[], object], repeat: int) -> list[float]:
    """Wall times of ``repeat`` calls, in milliseconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p(values: list[float], q: float) -> float:
    """The q-quantile (0..1) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run(size: int, repeat: int) -> list[tuple[str, float, float]]:
    """Measure one catalogue size: (measure, kmdesk ms, baseline ms)."""
    folder, rate = build(size)
    rows: list[tuple[str, float, float]] = [
        (f"bulk load, products/s (n={size})", rate, float("nan"))
    ]
    database = folder / DATABASE_NAME
    raw = sqlite3.connect(database)
    with Catalogue.open(folder) as catalogue:
        filters = {"theme": ["local-governance"], "year": ["2019..2022"]}
        theme_id = raw.execute("SELECT id FROM theme WHERE key='local-governance'").fetchone()[0]

        def baseline_filter() -> list[Any]:
            return raw.execute(
                "SELECT p.id FROM product p WHERE EXISTS (SELECT 1 FROM product_theme t "
                "WHERE t.product_id = p.id AND t.theme_id = ?) AND p.year BETWEEN 2019 AND 2022 "
                "ORDER BY p.sort_title, p.id",
                (theme_id,),
            ).fetchall()

        assert len(catalogue.products.ids(filters)) == len(baseline_filter())
        ours = timed(lambda: catalogue.products.ids(filters), repeat)
        base = timed(baseline_filter, repeat)
        rows.append(("filter ids, p50 ms", p(ours, 0.5), p(base, 0.5)))

        def baseline_rows() -> list[Any]:
            ids = [
                r[0]
                for r in raw.execute(
                    "SELECT id FROM product ORDER BY sort_title, id LIMIT 200"
                ).fetchall()
            ]
            marks = ",".join("?" * len(ids))
            return [
                raw.execute(f"SELECT * FROM product WHERE id IN ({marks})", ids).fetchall(),
                raw.execute(
                    f"SELECT * FROM product_theme WHERE product_id IN ({marks})", ids
                ).fetchall(),
                raw.execute(
                    f"SELECT * FROM product_country WHERE product_id IN ({marks})", ids
                ).fetchall(),
                raw.execute(
                    f"SELECT * FROM product_language WHERE product_id IN ({marks})", ids
                ).fetchall(),
                raw.execute(
                    f"SELECT * FROM product_keyword WHERE product_id IN ({marks})", ids
                ).fetchall(),
                raw.execute(
                    f"SELECT * FROM product_organisation WHERE product_id IN ({marks})", ids
                ).fetchall(),
            ]

        ours = timed(lambda: catalogue.products.find(limit=200), repeat)
        base = timed(baseline_rows, repeat)
        rows.append(("200 full records, p50 ms", p(ours, 0.5), p(base, 0.5)))

        sample = random.Random(1).sample(catalogue.products.ids(), min(200, size))
        ours = [t for i in sample for t in timed(lambda i=i: catalogue.products.get(i), 1)]
        hex_ids = [i.hex for i in sample]
        base = [
            t
            for h in hex_ids
            for t in timed(
                lambda h=h: raw.execute("SELECT * FROM product WHERE id = ?", (h,)).fetchall(), 1
            )
        ]
        rows.append(("one product by id, p50 ms", p(ours, 0.5), p(base, 0.5)))
        rows.append(("one product by id, p95 ms", p(ours, 0.95), p(base, 0.95)))
    raw.close()

    ours = timed(lambda: Catalogue.open(folder).close(), repeat)
    base = timed(
        lambda: sqlite3.connect(database).execute("SELECT count(*) FROM product").fetchone(), repeat
    )
    rows.append(("open catalogue, p50 ms", p(ours, 0.5), p(base, 0.5)))

    cli = [sys.executable, "-m", "kmdesk", "--data-dir", str(folder), "list", "--limit", "20"]
    baseline_cli = [
        sys.executable,
        "-c",
        "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); "
        "print(c.execute('SELECT title FROM product ORDER BY sort_title LIMIT 20').fetchall())",
        str(database),
    ]
    ours = timed(lambda: subprocess.run(cli, capture_output=True, check=True), max(3, repeat // 10))
    base = timed(
        lambda: subprocess.run(baseline_cli, capture_output=True, check=True), max(3, repeat // 10)
    )
    rows.append(
        ("cold CLI list --limit 20, p50 ms", statistics.median(ours), statistics.median(base))
    )
    return rows


def main() -> None:
    """Parse the arguments, run every size and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    print(f"{'measure':<40} {'kmdesk':>10} {'sqlite3':>10} {'ratio':>7}")
    for size in args.sizes:
        for name, ours, base in run(size, args.repeat):
            ratio = ours / base if base == base and base > 0 else float("nan")
            print(f"{name:<40} {ours:>10.1f} {base:>10.2f} {ratio:>7.1f}")


if __name__ == "__main__":
    main()
