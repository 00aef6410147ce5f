"""The ``kmdesk`` command end to end, in-process (see ``conftest.py``), on temporary folders.

Commands that need a vocabulary (``ADD_ARGS`` names a theme and an organisation) run on a copy
of the demo catalogue, the only vocabulary the command line can set up; their assertions compare
with the catalogue as it was before the command. The others run on a folder made by ``init``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from tests.cli.conftest import Run

Ok = Callable[..., str]
Listed = Callable[[Path], list[dict[str, Any]]]

ADD_ARGS = (
    "add",
    "--title",
    "Citizen budget trackers",
    "--type",
    "toolkit",
    "--theme",
    "local-governance",
    "--org",
    "CLU:publisher",
    "--author",
    "Grace Nakato",
    "--country",
    "UG",
    "--country",
    "KE",
    "--language",
    "en",
    "--year",
    "2021",
    "--keyword",
    "participatory budgeting",
    "--licence",
    "CC-BY-4.0",
)


def ids(products: list[dict[str, Any]]) -> list[str]:
    return [p["id"] for p in products]


def test_add_show_list_edit_delete(
    demo_folder: Path, tmp_path: Path, ok: Ok, listed: Listed
) -> None:
    folder = demo_folder
    before = listed(folder)
    in_kenya = ids(json.loads(ok(folder, "list", "--json", "--filter", "country=KE")))
    from_2010s = json.loads(ok(folder, "list", "--json", "--filter", "year=2010..2015"))

    pdf = tmp_path / "tracker.pdf"
    pdf.write_bytes(b"%PDF-1.4 a small file")
    product_id = ok(folder, *ADD_ARGS, "--attach", pdf).strip()

    shown = json.loads(ok(folder, "show", product_id[:8], "--json"))
    assert shown["id"] == product_id
    assert shown["title"] == "Citizen budget trackers"
    assert shown["product_type"]["key"] == "toolkit"
    assert [t["key"] for t in shown["themes"]] == ["local-governance"]
    assert shown["organisations"][0]["role"] == "publisher"
    assert shown["authors"] == ["Grace Nakato"]
    assert shown["countries"] == ["UG", "KE"]
    assert shown["attachments"][0]["file_name"] == "tracker.pdf"

    text = ok(folder, "show", product_id)
    assert "Citizen budget trackers" in text and "Uganda (UG)" in text

    ok(folder, "edit", product_id, "--title", "Budget trackers", "--clear", "keywords")
    after = listed(folder)
    (edited,) = [p for p in after if p["id"] == product_id]
    assert [p for p in after if p["id"] != product_id] == before
    assert edited["title"] == "Budget trackers" and edited["keywords"] == []

    assert product_id not in in_kenya
    assert sorted(
        ids(json.loads(ok(folder, "list", "--json", "--filter", "country=KE")))
    ) == sorted([*in_kenya, product_id])
    assert json.loads(ok(folder, "list", "--json", "--filter", "year=2010..2015")) == from_2010s
    (line,) = [line for line in ok(folder, "list").splitlines() if line.startswith(product_id[:8])]
    assert "Budget trackers" in line

    assert ok(folder, "check").strip().endswith("No problems found")
    ok(folder, "delete", product_id, "--yes")
    assert listed(folder) == before


def test_add_from_json_on_stdin(empty_folder: Path, ok: Ok) -> None:
    data = {
        "title": "Escuelas de presupuesto",
        "product_type": "training-module",
        "languages": ["es"],
        "countries": ["BO"],
        "year": 2020,
    }
    result = json.loads(
        ok(empty_folder, "add", "--from-json", "-", "--json", input=json.dumps(data))
    )
    assert result["title"] == "Escuelas de presupuesto"
    assert result["languages"] == ["es"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--theme", "climate"), "themes: 'climate' is not a known theme"),
        (("--country", "XX"), "countries: 'XX' is not an ISO 3166-1 alpha-2 country code"),
        (("--year", "1066"), "year: '1066' is not a plausible year"),
        (("--language", "klingon"), "languages: 'klingon' is not a valid BCP 47 language tag"),
        (("--org", "CLU:funder"), "organisations: 'funder' is not one of"),
    ],
)
def test_bad_input_exits_1_with_a_clear_message_and_changes_nothing(
    demo_folder: Path,
    kmdesk: Run,
    ok: Ok,
    listed: Listed,
    args: tuple[str, ...],
    message: str,
) -> None:
    folder = demo_folder
    product_id = ok(folder, *ADD_ARGS).strip()
    before = listed(folder)
    assert product_id in ids(before)
    result = kmdesk(folder, "add", "--title", "Bad", "--type", "guide", *args)
    assert result.code == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert listed(folder) == before

    edit = kmdesk(folder, "edit", product_id, *args)
    assert edit.code == 1 and message in edit.stderr
    assert listed(folder) == before


def test_missing_title_and_unknown_id(empty_folder: Path, kmdesk: Run, listed: Listed) -> None:
    folder = empty_folder
    result = kmdesk(folder, "add", "--type", "guide")
    assert result.code == 1
    assert "title: is required" in result.stderr
    assert listed(folder) == []

    for command in (
        ("show", "0123abcd"),
        ("edit", "0123abcd", "--title", "x"),
        ("delete", "0123abcd", "--yes"),
    ):
        result = kmdesk(folder, *command)
        assert result.code == 1, command
        assert "no product matches '0123abcd'" in result.stderr
        assert "Traceback" not in result.stderr


def test_bad_filter_and_usage_errors(empty_folder: Path, kmdesk: Run) -> None:
    folder = empty_folder
    result = kmdesk(folder, "list", "--filter", "colour=blue")
    assert result.code == 1 and "not a filter field" in result.stderr
    result = kmdesk(folder, "list", "--filter", "country")
    assert result.code == 1 and "field=value" in result.stderr
    result = kmdesk(folder, "list", "--no-such-option")
    assert result.code == 2
    result = kmdesk(folder, "show")
    assert result.code == 2


def test_read_commands_on_a_missing_catalogue_say_so(tmp_path: Path, kmdesk: Run) -> None:
    result = kmdesk(tmp_path / "nothing-here", "list")
    assert result.code == 1
    assert "there is no catalogue" in result.stderr
    assert not (tmp_path / "nothing-here").exists()


def test_delete_needs_confirmation_without_a_terminal(
    demo_folder: Path, kmdesk: Run, ok: Ok, listed: Listed
) -> None:
    folder = demo_folder
    before = listed(folder)
    product_id = ok(folder, *ADD_ARGS).strip()
    result = kmdesk(folder, "delete", product_id, input="")
    assert result.code == 1 and "--yes" in result.stderr
    after = listed(folder)
    assert len(after) == len(before) + 1 and product_id in ids(after)


def test_data_dir_after_the_subcommand_and_from_environment(
    demo_folder: Path, run: Run, ok: Ok, listed: Listed
) -> None:
    folder = demo_folder
    product_id = ok(folder, *ADD_ARGS).strip()
    expected = listed(folder)
    assert product_id in ids(expected)
    via_env = run("list", "--json", env={"KMDESK_DATA_DIR": str(folder)})
    assert via_env.code == 0, via_env.stderr
    assert json.loads(via_env.stdout) == expected
    after = run("list", "--json", "--data-dir", folder)
    assert after.code == 0, after.stderr
    assert json.loads(after.stdout) == expected


def test_info_vocab_and_help(empty_folder: Path, ok: Ok) -> None:
    folder = empty_folder
    info = json.loads(ok(folder, "info", "--json"))
    assert info["data_dir"] == str(folder)
    assert len(info["installation_id"]) == 32
    vocab = json.loads(ok(folder, "vocab", "product-type", "--json"))
    assert {v["key"] for v in vocab} >= {"guide", "toolkit", "policy-brief"}
    assert "Usage:" in ok(folder, "--help")
    for command in ("init", "demo", "add", "show", "list", "edit", "delete", "check"):
        assert "--data-dir" in ok(folder, command, "--help"), command


def test_check_reports_a_damaged_attachment(
    demo_folder: Path, tmp_path: Path, kmdesk: Run, ok: Ok
) -> None:
    folder = demo_folder
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4 the original bytes")
    product_id = ok(folder, *ADD_ARGS, "--attach", pdf).strip()
    (attachment,) = json.loads(ok(folder, "show", product_id, "--json"))["attachments"]
    stored = folder / "attachments" / attachment["sha256"][:2] / attachment["sha256"]
    stored.write_bytes(b"%PDF-1.4 the altered bytes!")  # same size, other content

    result = kmdesk(folder, "check", "--json")
    assert result.code == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert [p["kind"] for p in report["problems"]] == ["attachment-hash"]


def test_an_empty_data_dir_is_refused_not_replaced_by_the_default(run: Run, tmp_path: Path) -> None:
    outcome = run("--data-dir", "", "init")
    assert outcome.code == 2
    assert "is empty" in outcome.stderr
    assert not (tmp_path / "xdg-data" / "kmdesk").exists(), "the user's catalogue is untouched"
