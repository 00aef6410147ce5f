"""The index is a cache of the database: damage, crashes and a second writer are survived."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest

from kmdesk.catalogue import Catalogue
from kmdesk.errors import CatalogueInUseError
from tests.samples import FULL_PRODUCT


def _searchable(catalogue: Catalogue, query: str) -> int:
    return catalogue.search(query, facets=False, snippets=False).total


@pytest.fixture
def indexed(vocab_catalogue: Catalogue) -> Path:
    """A closed catalogue folder with three products and an up-to-date index."""
    for title in ("Seed banks", "Seed fairs", "Grain stores"):
        vocab_catalogue.products.add({**FULL_PRODUCT, "title": title})
    assert _searchable(vocab_catalogue, "seed") == 2
    folder = vocab_catalogue.folder
    vocab_catalogue.close()
    return folder


def test_missing_index_is_rebuilt(indexed: Path) -> None:
    shutil.rmtree(indexed / "index")
    with Catalogue.open(indexed) as catalogue:
        report = catalogue.ensure_index()
        assert report.rebuilt
        assert _searchable(catalogue, "seed") == 2
        assert catalogue.index_drift().ok


@pytest.mark.parametrize("damage", ["segment", "toc", "state"])
def test_damaged_index_is_rebuilt_or_repaired(indexed: Path, damage: str) -> None:
    index = indexed / "index"
    if damage == "segment":
        for segment in index.glob("*.seg"):
            segment.write_bytes(b"\x00garbage" * 100)
    elif damage == "toc":
        for toc in index.glob("*.toc"):
            toc.write_bytes(b"not a table of contents")
    else:
        (index / "kmdesk-index.json").write_text("{broken")
    with Catalogue.open(indexed) as catalogue:
        catalogue.ensure_index()
        assert _searchable(catalogue, "seed") == 2
        assert catalogue.index_drift().ok


def _change_behind_the_index(folder: Path, title: str) -> str:
    """Retitle a product in the database alone, as a crash before the index commit would."""
    import sqlite3

    with sqlite3.connect(folder / "catalogue.sqlite3") as connection:
        (product_id,) = connection.execute(
            "SELECT id FROM product WHERE title = 'Grain stores'"
        ).fetchone()
        connection.execute(
            "UPDATE product SET title = ?, seq = seq + 1000 WHERE id = ?", (title, product_id)
        )
    connection.close()
    return str(uuid.UUID(product_id))


def test_index_behind_the_database_is_repaired_incrementally(indexed: Path) -> None:
    changed = _change_behind_the_index(indexed, "Seed vaults")
    with Catalogue.open(indexed) as catalogue:
        drift = catalogue.index_drift()
        assert drift.stale == (changed,)
        report = catalogue.ensure_index()
        assert not report.rebuilt and report.updated == 1
        assert _searchable(catalogue, "seed") == 3


def test_a_change_by_a_process_that_never_searched_reaches_the_index(indexed: Path) -> None:
    with Catalogue.open(indexed) as catalogue:  # like 'kmdesk add': no search in this process
        added = catalogue.products.add({**FULL_PRODUCT, "title": "Seed vaults"})
    state_before_search = (indexed / "index" / "kmdesk-index.json").read_text()
    with Catalogue.open(indexed) as catalogue:
        assert catalogue.index_drift().ok
        assert [h.id for h in catalogue.search("vaults").hits] == [added.id]
    assert (indexed / "index" / "kmdesk-index.json").read_text() == state_before_search


CHILD = textwrap.dedent(
    """
    import sys, time
    import whoosh.writing
    from kmdesk.catalogue import Catalogue

    original = whoosh.writing.SegmentWriter._commit_toc

    def slow_commit(self, *args, **kwargs):
        print("COMMITTING", flush=True)
        time.sleep(60)
        return original(self, *args, **kwargs)

    whoosh.writing.SegmentWriter._commit_toc = slow_commit
    catalogue = Catalogue.open(sys.argv[1])
    catalogue.ensure_index()
    catalogue.products.update(sys.argv[2], {"title": "Seed libraries"})
    """
)


def test_kill_during_index_commit_leaves_a_repairable_index(indexed: Path) -> None:
    with Catalogue.open(indexed) as catalogue:
        (target,) = [h.id for h in catalogue.search("banks").hits]
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(indexed), str(target)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "COMMITTING"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)

    with Catalogue.open(indexed) as catalogue:
        assert catalogue.products.get(target).title == "Seed libraries"  # the database committed
        drift = catalogue.index_drift()
        assert drift.stale == (str(target),)  # the index did not
        catalogue.ensure_index()
        assert [h.id for h in catalogue.search("libraries").hits] == [target]
        assert _searchable(catalogue, "banks") == 0
        assert catalogue.index_drift().ok


HOLDER = textwrap.dedent(
    """
    import sys, time
    from kmdesk.catalogue import Catalogue
    catalogue = Catalogue.open(sys.argv[1])
    with catalogue.writer_lock():  # as a long import would
        print("HOLDING", flush=True)
        time.sleep(60)
    """
)


def test_a_second_writer_gets_a_clear_message(
    indexed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KMDESK_WRITER_WAIT", "1")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(indexed)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "HOLDING"
        with Catalogue.open(indexed) as catalogue:
            assert _searchable(catalogue, "seed") == 2  # reading is fine
            with pytest.raises(CatalogueInUseError, match="in use by another kmdesk program"):
                catalogue.products.add({**FULL_PRODUCT, "title": "Blocked"})
            assert _searchable(catalogue, "blocked") == 0
        cli = subprocess.run(
            [
                sys.executable,
                "-m",
                "kmdesk",
                "--data-dir",
                str(indexed),
                "add",
                "--title",
                "x",
                "--type",
                "guide",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert cli.returncode == 1
        assert "in use by another kmdesk program" in cli.stderr
        assert "Traceback" not in cli.stderr
    finally:
        holder.kill()
        holder.wait(timeout=30)
    with Catalogue.open(indexed) as catalogue:  # a killed holder leaves no stale lock
        catalogue.products.add({**FULL_PRODUCT, "title": "Unblocked"})
        assert _searchable(catalogue, "unblocked") == 1


def test_two_catalogues_in_one_process_write_one_at_a_time(
    indexed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KMDESK_WRITER_WAIT", "0.5")
    with Catalogue.open(indexed) as first, Catalogue.open(indexed) as second:
        first.products.add({**FULL_PRODUCT, "title": "First"})
        second.products.add({**FULL_PRODUCT, "title": "Second"})  # the first has finished
        with first.writer_lock(), pytest.raises(CatalogueInUseError):
            second.products.add({**FULL_PRODUCT, "title": "Blocked"})
        assert _searchable(second, "blocked") == 0
        assert _searchable(second, "first") == 1


def test_check_reports_index_drift(indexed: Path) -> None:
    from kmdesk.integrity import check_catalogue

    with Catalogue.open(indexed) as catalogue:
        assert check_catalogue(catalogue).ok
    changed = _change_behind_the_index(indexed, "Behind the index")
    with Catalogue.open(indexed) as catalogue:
        report = check_catalogue(catalogue)
        assert [(p.kind, changed in p.message) for p in report.problems] == [("index-stale", True)]
        catalogue.ensure_index()
        assert check_catalogue(catalogue).ok
    shutil.rmtree(indexed / "index")
    with Catalogue.open(indexed) as catalogue:
        report = check_catalogue(catalogue)
        assert report.ok and report.notices  # no index yet is not a problem, only a notice
