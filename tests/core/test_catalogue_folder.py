"""The catalogue folder as people handle it: read-only sticks, lost databases, copies, crowds."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kmdesk.catalogue import DATABASE_NAME, Catalogue
from kmdesk.errors import CatalogueError
from kmdesk.sync.clock import Stamp
from tests.samples import FULL_PRODUCT


def kmdesk(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kmdesk", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _can_mount_read_only(folder: Path) -> bool:
    probe = subprocess.run(
        [
            "unshare",
            "--user",
            "--map-root-user",
            "--mount",
            "sh",
            "-c",
            f"mount --bind -o ro '{folder}' '{folder}' && ! touch '{folder}/probe'",
        ],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


def test_a_catalogue_on_read_only_media_can_be_browsed_searched_and_checked(
    demo_folder: Path,
) -> None:
    """A USB stick with its write switch on: a real read-only mount in a user namespace."""
    if shutil.which("unshare") is None or not _can_mount_read_only(demo_folder):
        pytest.skip("this machine cannot make a read-only mount (no user namespaces)")
    with Catalogue.open(demo_folder) as catalogue:
        product = catalogue.products.ids()[0]
    kmdesk_command = f"'{sys.executable}' -m kmdesk --data-dir '{demo_folder}'"
    script = "\n".join(
        [
            f"mount --bind -o ro '{demo_folder}' '{demo_folder}' || exit 99",
            f"{kmdesk_command} list --limit 3 >/dev/null; echo list=$?",
            f"{kmdesk_command} show {product} >/dev/null; echo show=$?",
            f"{kmdesk_command} search 'budget participatif' --facets >/dev/null; echo search=$?",
            f"{kmdesk_command} check --no-hashes >/dev/null; echo check=$?",
            f"{kmdesk_command} add --title Blocked --type guide; echo add=$?",
        ]
    )
    result = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    codes = dict(line.split("=") for line in result.stdout.split() if "=" in line)
    assert codes == {"list": "0", "show": "0", "search": "0", "check": "0", "add": "1"}, (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [f"Error: read-only catalogue: {demo_folder} cannot be changed"]


@pytest.mark.parametrize("damage", ["empty", "missing"])
def test_a_folder_with_catalogue_files_but_no_database_is_not_started_again(
    demo_folder: Path, damage: str
) -> None:
    database = demo_folder / DATABASE_NAME
    for extra in demo_folder.glob(DATABASE_NAME + "-*"):
        extra.unlink()
    if damage == "empty":
        database.write_bytes(b"")
    else:
        database.unlink()
    with pytest.raises(CatalogueError, match=r"not a catalogue: .* its database is"):
        Catalogue.open(demo_folder)
    result = kmdesk("--data-dir", str(demo_folder), "list")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "not a catalogue" in result.stderr
    assert (not database.exists()) or database.stat().st_size == 0, "nothing was created"


def test_writers_in_parallel_wait_for_each_other(tmp_path: Path) -> None:
    folder = tmp_path / "catalogue"
    assert kmdesk("--data-dir", str(folder), "init").returncode == 0
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kmdesk",
                "--data-dir",
                str(folder),
                "add",
                "--title",
                f"Parallel {n}",
                "--type",
                "guide",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(12)
    ]
    outcomes = [(p.wait(timeout=300), p.stderr.read() if p.stderr else "") for p in processes]
    assert [code for code, _ in outcomes] == [0] * 12, [err for _, err in outcomes if err]
    with Catalogue.open(folder) as catalogue:
        assert len(catalogue.products.ids()) == 12


def test_attaching_the_same_file_twice_keeps_one_attachment(
    vocab_catalogue: Catalogue, tmp_path: Path
) -> None:
    product = vocab_catalogue.products.add(FULL_PRODUCT)
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.7 the same bytes")
    first = vocab_catalogue.products.attach(product.id, report)
    renamed = tmp_path / "report (copy).pdf"
    shutil.copyfile(report, renamed)
    second = vocab_catalogue.products.attach(product.id, renamed)
    assert second == first
    assert len(vocab_catalogue.products.get(product.id).attachments) == 1


def test_a_copied_folder_gets_its_own_identity_and_a_moved_one_keeps_it(tmp_path: Path) -> None:
    original = tmp_path / "original"
    with Catalogue.open(original) as catalogue:
        catalogue.products.add({"title": "Kept", "product_type": "guide"})
        identity = catalogue.installation_id
    copy = tmp_path / "copy"
    shutil.copytree(original, copy)
    with Catalogue.open(copy) as copied:
        assert copied.installation_id != identity
        assert copied.notices and "copy" in copied.notices[0]
    with Catalogue.open(original) as catalogue:
        assert catalogue.installation_id == identity and not catalogue.notices
    moved = tmp_path / "moved"
    original.rename(moved)  # a USB stick on another laptop: the old place is gone
    with Catalogue.open(moved) as catalogue:
        assert catalogue.installation_id == identity and not catalogue.notices
        later = catalogue.products.add({"title": "Later", "product_type": "guide"})
        assert later.stamp.endswith(identity)


def test_identity_new_gives_a_catalogue_a_new_id_and_keeps_its_clock(tmp_path: Path) -> None:
    folder = tmp_path / "catalogue"
    with Catalogue.open(folder) as catalogue:
        before = catalogue.products.add({"title": "Before", "product_type": "guide"})
        old = catalogue.installation_id
    result = kmdesk("--data-dir", str(folder), "identity", "--new")
    assert result.returncode == 0 and old in result.stdout
    with Catalogue.open(folder) as catalogue:
        assert catalogue.installation_id != old
        assert catalogue.installation_id in result.stdout
        after = catalogue.products.add({"title": "After", "product_type": "guide"})
        now, then = Stamp.parse(after.stamp), Stamp.parse(before.stamp)
        assert (now.wall_ms, now.counter) > (then.wall_ms, then.counter), "the clock goes on"
        assert now.installation == catalogue.installation_id
