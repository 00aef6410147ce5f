"""``kmdesk note``: add, edit, list, export and delete notes from the command line."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

from tests.cli.conftest import Run


def test_notes_round_trip_through_the_command_line(
    empty_folder: Path, ok: Callable[..., str], kmdesk: Run, tmp_path: Path
) -> None:
    product = ok(empty_folder, "add", "--title", "Seed banks", "--type", "guide").strip()
    note = ok(
        empty_folder, "note", "add", product[:8], "--text", "Try *this* in Gulu",
        "--tag", "Seeds", "--tag", "seeds ", "--tag", "Gulu", "--rating", "4",
    ).strip()  # fmt: skip
    shared = json.loads(
        ok(empty_folder, "note", "add", product, "--text", "For all", "--shared", "--json")
    )
    assert shared["visibility"] == "shared" and shared["product_id"] == product

    listed = json.loads(ok(empty_folder, "note", "list", "--json"))
    assert [n["id"] for n in listed] == [note, shared["id"]]
    assert listed[0]["tags"] == ["Seeds", "Gulu"] and listed[0]["rating"] == 4
    assert listed[0]["mine"] is True and listed[0]["visibility"] == "private"
    by_tag = json.loads(ok(empty_folder, "note", "list", "--tag", "GULU", "--json"))
    assert [n["id"] for n in by_tag] == [note]
    text = ok(empty_folder, "note", "list", "--visibility", "shared")
    assert "For all" in text and "Gulu" not in text
    found = ok(empty_folder, "search", "gulu").splitlines()
    assert "Seed banks" in found[0]
    assert found[1].strip() == "(from a note) Try this in [Gulu] Seeds [Gulu] For all"

    ok(empty_folder, "note", "edit", note[:8], "--text", "Changed", "--no-rating", "--shared")
    edited = json.loads(ok(empty_folder, "note", "show", note, "--json"))
    assert (edited["body"], edited["rating"], edited["visibility"]) == ("Changed", None, "shared")

    markdown = ok(empty_folder, "note", "export", "--format", "md", "--product", product)
    assert markdown.startswith("# Notes") and "## Seed banks" in markdown
    ok(empty_folder, "note", "export", "--format", "csv", "-o", tmp_path / "notes.csv", "--mine")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "notes.csv").read_text("utf-8"))))
    assert [r["body"] for r in rows] == ["Changed", "For all"]

    assert ok(empty_folder, "note", "delete", note).startswith("Deleted")
    assert len(json.loads(ok(empty_folder, "note", "list", "--json"))) == 1
    dumped = ok(empty_folder, "dump")
    assert shared["id"] in dumped


def test_bad_note_input_exits_1_with_one_line_and_changes_nothing(
    empty_folder: Path, ok: Callable[..., str], kmdesk: Run
) -> None:
    product = ok(empty_folder, "add", "--title", "Seed banks", "--type", "guide").strip()
    before = ok(empty_folder, "dump")
    for args in (
        ("note", "add", product, "--text", "x", "--rating", "9"),
        ("note", "add", product),
        ("note", "add", "ffffffff", "--text", "x"),
        ("note", "edit", "0000", "--text", "x"),
    ):
        outcome = kmdesk(empty_folder, *args)
        assert outcome.code == 1, args
        assert outcome.stderr.startswith("Error: ") and len(outcome.stderr.splitlines()) == 1
    assert "rating" in kmdesk(empty_folder, "note", "add", product, "--rating", "0").stderr
    assert kmdesk(empty_folder, "note", "edit", "abcd").code == 2, "nothing to change"
    assert ok(empty_folder, "dump") == before
