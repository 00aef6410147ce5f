"""``kmdesk dump`` and ``kmdesk identity``: comparing catalogues, giving a copy its own id."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from kmdesk.sync.kinds import KINDS


def test_the_demo_on_two_fresh_folders_dumps_the_same_bytes(
    tmp_path: Path, ok: Callable[..., str]
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    ok(first, "demo")
    ok(second, "demo")
    assert ok(first, "identity") != ok(second, "identity"), "two installations"
    dumped = ok(first, "dump")
    assert dumped == ok(second, "dump")
    lines = [json.loads(line) for line in dumped.splitlines()]
    assert sum(1 for line in lines if line["kind"] == "product") == 312
    order = [(list(KINDS).index(line["kind"]), line["id"]) for line in lines]
    assert order == sorted(order), "kinds, then ids"
    assert all(line["field_stamps"] for line in lines if "values" in line)
    assert str(first) not in dumped and ok(first, "identity").strip() not in dumped
    bare = [json.loads(line) for line in ok(first, "dump", "--no-stamps").splitlines()]
    assert [set(line) for line in bare] == [{"id", "kind", "values"}] * len(bare)
    ok(first, "dump", "-o", tmp_path / "first.jsonl")
    assert (tmp_path / "first.jsonl").read_text(encoding="utf-8") == dumped


def test_a_change_shows_in_the_dump(empty_folder: Path, ok: Callable[..., str]) -> None:
    before = ok(empty_folder, "dump")
    product = ok(empty_folder, "add", "--title", "Seed banks", "--type", "guide").strip()
    after = ok(empty_folder, "dump")
    assert before != after and product in after
    ok(empty_folder, "delete", product, "--yes")
    deleted = [json.loads(line) for line in ok(empty_folder, "dump").splitlines()]
    assert {"kind": "product", "id": product, "deleted": True} == {
        k: v
        for k, v in next(line for line in deleted if line["id"] == product).items()
        if k != "stamp"
    }


def test_identity_shows_and_renews_the_installation_id(
    empty_folder: Path, ok: Callable[..., str]
) -> None:
    old = ok(empty_folder, "identity").strip()
    assert len(old) == 32
    renewed = json.loads(ok(empty_folder, "identity", "--new", "--json"))
    assert renewed["previous"] == old and renewed["installation_id"] != old
    assert ok(empty_folder, "identity").strip() == renewed["installation_id"]


def test_conflicts_list_is_empty_at_first(empty_folder: Path, ok: Callable[..., str]) -> None:
    assert ok(empty_folder, "conflicts").strip() == "No conflicts."
    assert json.loads(ok(empty_folder, "conflicts", "--json")) == []
