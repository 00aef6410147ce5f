"""Benchmark bundles: export and import of the seeded corpus, against a plain copy, same run.

For each size N (default 10,000) on the catalogue of ``benchmarks/corpus.py`` (built once and
cached under ``benchmarks/out/``):

* export of the whole catalogue without attachments (seconds, bundle bytes);
* import of that bundle into an empty catalogue, records only and then with its search index
  built, against a plain file copy of the same bundle bytes on the same disk;
* a delta after 100 edits: its bytes as a share of the full bundle's;
* a bundle of 200 MB of attachment files (``--attachments-mb``): import throughput (every file
  hash-checked and flushed to disk) as a share of a plain copy of the same bundle (flushed too),
  medians of three rounds in a process that has imported a bundle before.

Usage: ``.venv/bin/python benchmarks/bench_bundles.py [--sizes 1000 10000]``; the 100k delta:
``--sizes 100000 --exports-only --attachments-mb 0``.
Targets (issue 14): the 10k import with indexing under 60 s; the delta under 1 % of the full
bundle; import throughput at least half of a plain copy.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from kmdesk.bundles.export import export_bundle
from kmdesk.bundles.importer import import_bundle
from kmdesk.catalogue import Catalogue

try:
    from benchmarks import corpus
except ImportError:  # run as a script: benchmarks/ is on sys.path, the repository is not
    import corpus  # type: ignore[no-redef]

EDITS = 100


def run(size: int, *, imports: bool = True) -> list[tuple[str, str]]:
    """Measure one corpus size: (measure, figure) rows (``imports=False``: exports only)."""
    source = corpus.OUT / f"kmdesk-{size}"
    corpus.build_catalogue(source, size)
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(dir=corpus.OUT) as scratch:
        root = Path(scratch)
        work = root / "source"
        shutil.copytree(source, work, ignore=shutil.ignore_patterns("index", "cache"))
        with Catalogue.open(work) as catalogue:
            bundle = root / "full.kmbundle"
            started = time.perf_counter()
            export_bundle(catalogue, bundle, attachments=False, peer="partner")
            rows.append((f"export {size:,} products, s", f"{time.perf_counter() - started:.1f}"))
            full_bytes = bundle.stat().st_size
            rows.append(("full bundle, MB", f"{full_bytes / 1e6:.1f}"))

            started = time.perf_counter()
            shutil.copyfile(bundle, root / "copy.kmbundle")
            copy_seconds = time.perf_counter() - started
            rows.append(("plain copy of the bundle, s", f"{copy_seconds:.2f}"))

            if imports:
                rows.extend(_import_rows(catalogue, bundle, root, copy_seconds))

            for product in catalogue.products.ids()[:EDITS]:
                catalogue.products.update(product, {"status": "draft"})
            delta = root / "delta.kmbundle"
            export_bundle(catalogue, delta, attachments=False, peer="partner", delta=True)
            share = delta.stat().st_size / full_bytes
            rows.append((f"delta after {EDITS} edits, % of full", f"{share * 100:.2f}"))
    return rows


def _import_rows(
    catalogue: Catalogue, bundle: Path, root: Path, copy_seconds: float
) -> list[tuple[str, str]]:
    with Catalogue.open(root / "target") as target:
        target.keys.trust(target.keys.read(catalogue.keys.export(), "source.kmkey"))
        started = time.perf_counter()
        import_bundle(target, bundle)
        import_seconds = time.perf_counter() - started
        started = time.perf_counter()
        target.ensure_index()
        index_seconds = time.perf_counter() - started
    return [
        ("import, records only, s", f"{import_seconds:.1f}"),
        ("import + search index, s", f"{import_seconds + index_seconds:.1f}"),
        ("import throughput / plain copy", f"{copy_seconds / import_seconds:.4f}"),
    ]


def _drop_from_cache(path: Path, cold: bool) -> None:
    """With ``cold``, ask the kernel to forget ``path``'s cached pages (read from the disk)."""
    if cold:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def run_attachments(
    megabytes: int, rounds: int = 3, *, cold: bool = False
) -> list[tuple[str, str]]:
    """A bundle of ``megabytes`` of attachment files (2 MB each): import against a plain copy.

    A small import first loads the modules an import needs (as in a running app). Then, in
    each of ``rounds`` rounds, a plain copy of the bundle (flushed) and an import into an empty
    catalogue (every file hash-checked and flushed), each after ``sync`` so that neither pays
    for the other's write-back; the figures are medians. ``cold``: the bundle is dropped from
    the page cache before each, so both read it from the disk (as from a USB stick).
    """
    rows: list[tuple[str, str]] = []
    corpus.OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=corpus.OUT) as scratch:
        root = Path(scratch)
        with Catalogue.open(root / "source") as catalogue:
            warm_up = root / "warm-up.kmbundle"
            export_bundle(catalogue, warm_up)  # an empty catalogue: its own key record only
            for number in range(max(1, megabytes // 2)):
                product = catalogue.products.add(
                    {"title": f"Report {number}", "product_type": "research-report"}
                )
                data = root / f"report-{number}.pdf"
                data.write_bytes(os.urandom(2_000_000))
                catalogue.products.attach(product.id, data)
                data.unlink()
            bundle = root / "files.kmbundle"
            started = time.perf_counter()
            export_bundle(catalogue, bundle)
            rows.append(
                (f"export {megabytes} MB of attachments, s", f"{time.perf_counter() - started:.1f}")
            )
            key = catalogue.keys.export()
        size = bundle.stat().st_size
        with Catalogue.open(root / "warm-up") as target:
            target.keys.trust(target.keys.read(key, "source.kmkey"))
            import_bundle(target, warm_up)
        copies: list[float] = []
        imports: list[float] = []
        for round_ in range(rounds):
            os.sync()
            _drop_from_cache(bundle, cold)
            started = time.perf_counter()
            shutil.copyfile(bundle, root / "copy.kmbundle")
            with (root / "copy.kmbundle").open("rb+") as handle:
                os.fsync(handle.fileno())
            copies.append(time.perf_counter() - started)
            (root / "copy.kmbundle").unlink()
            with Catalogue.open(root / f"target-{round_}") as target:
                target.keys.trust(target.keys.read(key, "source.kmkey"))
                os.sync()
                _drop_from_cache(bundle, cold)
                started = time.perf_counter()
                import_bundle(target, bundle)
                imports.append(time.perf_counter() - started)
            shutil.rmtree(root / f"target-{round_}")
        copy_seconds, import_seconds = statistics.median(copies), statistics.median(imports)
        source = "from disk" if cold else "from cache"
        rows.append(("bundle, MB", f"{size / 1e6:.0f}"))
        rows.append(
            (f"plain copy (with fsync), {source}, MB/s", f"{size / 1e6 / copy_seconds:.0f}")
        )
        rows.append(
            (f"import (hash-checked, fsync), {source}, MB/s", f"{size / 1e6 / import_seconds:.0f}")
        )
        rows.append(
            (f"import throughput / plain copy, {source}", f"{copy_seconds / import_seconds:.2f}")
        )
    return rows


def main() -> None:
    """Print the figures of every size asked for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000])
    parser.add_argument("--attachments-mb", type=int, default=200)
    parser.add_argument(
        "--exports-only", action="store_true", help="skip the imports (the 100k delta figure)"
    )
    args = parser.parse_args()
    for size in args.sizes:
        for measure, figure in run(size, imports=not args.exports_only):
            print(f"{measure:45} {figure:>10}")
    if args.attachments_mb:
        for cold in (False, True):
            for measure, figure in run_attachments(args.attachments_mb, cold=cold):
                print(f"{measure:50} {figure:>10}")


if __name__ == "__main__":
    main()
