"""The few checks that need a real ``kmdesk`` process: the entry points, exit statuses, stderr.

Everything else runs in-process (``conftest.py``), which cannot show what happens outside
``cli.main``: the console script and ``python -m kmdesk`` themselves, the status the
interpreter really exits with, and anything written to stderr while the process shuts down
(a traceback, "Exception ignored in ..." from a resource closed too late).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Listed = Callable[[Path], list[dict[str, Any]]]


def process(
    *argv: str | Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``argv`` with an empty stdin, without ``KMDESK_DATA_DIR`` unless ``env`` sets it."""
    environ = {k: v for k, v in os.environ.items() if k != "KMDESK_DATA_DIR"}
    return subprocess.run(
        [str(arg) for arg in argv],
        capture_output=True,
        text=True,
        input="",
        env={**environ, **(env or {})},
        timeout=120,
        check=False,
    )


def assert_clean(stderr: str) -> None:
    assert "Traceback" not in stderr, stderr
    assert "Exception ignored" not in stderr, stderr


def test_console_script_creates_a_catalogue_and_lists_it_as_json(tmp_path: Path) -> None:
    script = shutil.which("kmdesk", path=str(Path(sys.executable).parent))
    assert script is not None, "the kmdesk console script is not installed beside the interpreter"
    folder = tmp_path / "k"

    init = process(script, "--data-dir", folder, "init")
    assert init.returncode == 0, init.stderr
    assert init.stdout.startswith("Created an empty catalogue")
    assert_clean(init.stderr)

    listing = process(script, "list", "--json", env={"KMDESK_DATA_DIR": str(folder)})
    assert listing.returncode == 0, listing.stderr
    assert json.loads(listing.stdout) == []
    assert_clean(listing.stderr)


def test_errors_exit_1_or_2_with_a_short_message_and_no_traceback(
    empty_folder: Path, listed: Listed
) -> None:
    kmdesk = (sys.executable, "-m", "kmdesk", "--data-dir", empty_folder)

    bad = process(*kmdesk, "add", "--title", "Bad", "--type", "guide", "--year", "1066")
    assert bad.returncode == 1
    assert bad.stdout == ""
    (line,) = bad.stderr.strip().splitlines()
    assert line.startswith("Error: year: '1066' is not a plausible year")
    assert_clean(bad.stderr)
    assert listed(empty_folder) == []

    usage = process(*kmdesk, "list", "--no-such-option")
    assert usage.returncode == 2
    assert usage.stderr.startswith("Usage: kmdesk list")
    assert "No such option" in usage.stderr and "--no-such-option" in usage.stderr
    assert_clean(usage.stderr)


def test_a_first_bundle_from_a_sender_asks_to_trust_the_key_after_showing_its_fingerprint(
    tmp_path: Path,
) -> None:
    """At a terminal (a pseudo-terminal made by ``script``), import offers to trust the key."""
    import shlex

    if shutil.which("script") is None:
        pytest.skip("needs util-linux's script to make a terminal")
    kmdesk = [sys.executable, "-m", "kmdesk"]
    sender, receiver = tmp_path / "sender", tmp_path / "receiver"
    for folder in (sender, receiver):
        subprocess.run(
            [*kmdesk, "--data-dir", str(folder), "init"], check=True, capture_output=True
        )
    subprocess.run(
        [*kmdesk, "--data-dir", str(sender), "add", "--title", "Hello", "--type", "guide"],
        check=True,
        capture_output=True,
    )
    bundle = tmp_path / "hello.kmbundle"
    subprocess.run(
        [*kmdesk, "--data-dir", str(sender), "bundle", "export", "-o", str(bundle)],
        check=True,
        capture_output=True,
    )
    command = shlex.join([*kmdesk, "--data-dir", str(receiver), "bundle", "import", str(bundle)])
    answered = subprocess.run(
        ["script", "-qec", command, "/dev/null"],
        input="y\ny\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert answered.returncode == 0, answered.stdout
    assert "Does the sender read you the same fingerprint" in answered.stdout
    listed = subprocess.run(
        [*kmdesk, "--data-dir", str(receiver), "keys", "list", "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    (trusted,) = json.loads(listed.stdout)["keys"]
    assert trusted["fingerprint"] in answered.stdout and trusted["trusted"]
