"""Crash sweep: an import killed with SIGKILL anywhere leaves the catalogue before or after it.

A child process imports a bundle and prints a line at every step it reports (verifying, each
attachment copied, each record applied). The test kills it right after the k-th line, for every
k, and at several moments after the last line (the commit and the index update); then it checks
that the catalogue dumps exactly as before or exactly as after the import, that SQLite's
integrity check passes, and that the search index agrees with the database after the check that
runs on opening. An export killed half-way leaves no file that looks like a bundle.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from kmdesk.bundles.export import export_bundle
from kmdesk.bundles.importer import import_bundle
from kmdesk.catalogue import Catalogue
from kmdesk.db.sqlite import integrity_problems
from tests.samples import FULL_PRODUCT

CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from kmdesk.bundles.importer import import_bundle
    from kmdesk.catalogue import Catalogue

    catalogue = Catalogue.open(Path(sys.argv[1]))
    catalogue.ensure_index()
    print("READY", flush=True)
    def step(update):
        print("STEP", update.done, update.label, flush=True)
    import_bundle(catalogue, Path(sys.argv[2]), progress=step)
    print("DONE", flush=True)
    """
)
#: Extra kills after the last step, in seconds: inside the commit and the index update.
LATE_KILLS = (0.0, 0.005, 0.01, 0.02, 0.04, 0.08, 0.15, 0.3)


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str], list[str]]:
    """A receiver folder (indexed, trusting the sender), a bundle, the dumps before and after."""
    root = tmp_path_factory.mktemp("crash")
    with Catalogue.open(root / "sender") as sender:
        sender.vocabularies.add("theme", "local-governance", {"en": "Local governance"})
        for number in range(28):
            product = sender.products.add({**_product(number), "themes": ["local-governance"]})
            if number % 4 == 0:
                pdf = root / f"guide-{number}.pdf"
                pdf.write_bytes(b"%PDF-1.7 guide " * (200 + number))
                sender.products.attach(product.id, pdf)
        key = sender.keys.export()
        bundle = root / "sweep.kmbundle"
        export_bundle(sender, bundle)
    receiver = root / "receiver"
    with Catalogue.open(receiver) as catalogue:
        catalogue.keys.trust(catalogue.keys.read(key, "sender.kmkey"))
        catalogue.products.add({"title": "Already here", "product_type": "guide"})
        catalogue.ensure_index()
        before = list(catalogue.sync.dump())
    reference = root / "reference"
    shutil.copytree(receiver, reference)
    with Catalogue.open(reference) as catalogue:
        import_bundle(catalogue, bundle)
        after = list(catalogue.sync.dump())
    return receiver, bundle, before, after


def _product(number: int) -> dict[str, object]:
    return {
        "title": f"Guide number {number}",
        "product_type": "guide",
        "summary": FULL_PRODUCT["summary"],
        "keywords": [f"k{number}", "budget"],
    }


def _kill_run(receiver: Path, bundle: Path, work: Path, after_line: int, delay: float) -> str:
    """Copy the receiver, import into it in a child, SIGKILL it at the chosen point."""
    shutil.copytree(receiver, work)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(work), str(bundle)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "READY"
    seen = 0
    while seen < after_line:
        line = child.stdout.readline()
        if not line or line.startswith("DONE"):
            break
        seen += 1
    if delay:
        time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=60)
    return f"after {seen} steps + {delay}s"


def test_an_import_killed_anywhere_leaves_the_catalogue_before_or_after(
    prepared: tuple[Path, Path, list[str], list[str]], tmp_path: Path
) -> None:
    receiver, bundle, before, after = prepared
    # Count the steps of a whole import once, then kill after each of them.
    probe = tmp_path / "probe"
    shutil.copytree(receiver, probe)
    lines = subprocess.run(
        [sys.executable, "-c", CHILD, str(probe), str(bundle)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout.splitlines()
    steps = sum(1 for line in lines if line.startswith("STEP"))
    points = [(k, 0.0) for k in range(steps)] + [(steps, d) for d in LATE_KILLS]
    assert len(points) >= 50, f"only {len(points)} kill points"

    def one(point: tuple[int, float]) -> tuple[str, str]:
        index = points.index(point)
        work = tmp_path / f"run-{index}"
        where = _kill_run(receiver, bundle, work, *point)
        with Catalogue.open(work) as catalogue:
            state = list(catalogue.sync.dump())
            outcome = "before" if state == before else "after" if state == after else "other"
            assert integrity_problems(catalogue.engine_for_maintenance) == [], where
            catalogue.ensure_index()
            assert catalogue.index_drift().ok, where
        return where, outcome

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(one, points))
    assert [where for where, outcome in outcomes if outcome == "other"] == []
    seen = {outcome for _where, outcome in outcomes}
    assert seen == {"before", "after"}, "the sweep reached both sides of the commit"


def test_an_export_killed_half_way_leaves_no_file_that_looks_complete(tmp_path: Path) -> None:
    with Catalogue.open(tmp_path / "sender") as sender:
        for number in range(3):
            product = sender.products.add(_product(number))
            big = tmp_path / f"big-{number}.bin"
            big.write_bytes(os.urandom(3_000_000))
            sender.products.attach(product.id, big)
    script = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from kmdesk.bundles.export import export_bundle
        from kmdesk.catalogue import Catalogue
        catalogue = Catalogue.open(Path(sys.argv[1]))
        def step(update):
            print("STEP", flush=True)
        export_bundle(catalogue, Path(sys.argv[2]), split_bytes=2_000_000, progress=step)
        """
    )
    out = tmp_path / "out" / "sweep.kmbundle"
    out.parent.mkdir()
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path / "sender"), str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    child.stdout.readline()  # the first entry is written: kill in the middle of the volumes
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=60)
    finished = [p.name for p in out.parent.iterdir() if not p.name.endswith(".partial")]
    assert not any(name.endswith((".kmbundle", ".001")) for name in finished), finished
