"""The ``kmdesk`` command end to end, in a subprocess, on a temporary catalogue folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest


def kmdesk(
    data_dir: Path, *args: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m kmdesk --data-dir DATA_DIR ARGS`` and capture its output."""
    env = {k: v for k, v in os.environ.items() if k != "KMDESK_DATA_DIR"}
    return subprocess.run(
        [sys.executable, "-m", "kmdesk", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        input=stdin,
        env=env,
        timeout=120,
        check=False,
    )


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def listed(data_dir: Path) -> list[dict[str, Any]]:
    products = json.loads(ok(kmdesk(data_dir, "list", "--json")))
    assert isinstance(products, list)
    return products


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A catalogue folder with a tiny vocabulary, made through the command line's core."""
    from kmdesk.catalogue import Catalogue

    data_dir = tmp_path / "k"
    assert ok(kmdesk(data_dir, "init")).startswith("Created an empty catalogue")
    with Catalogue.open(data_dir, create=False) as catalogue:
        catalogue.add_term("theme", "local-governance", {"en": "Communities in local governance"})
        catalogue.add_term(
            "organisation",
            "civic-ledger-uganda",
            {"en": "Civic Ledger Uganda"},
            acronym="CLU",
            country="UG",
        )
    return data_dir


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


def test_add_show_list_edit_delete(folder: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "tracker.pdf"
    pdf.write_bytes(b"%PDF-1.4 a small file")
    product_id = ok(kmdesk(folder, *ADD_ARGS, "--attach", str(pdf))).strip()

    shown = json.loads(ok(kmdesk(folder, "show", product_id[:8], "--json")))
    assert shown["id"] == product_id
    assert shown["title"] == "Citizen budget trackers"
    assert shown["product_type"]["key"] == "toolkit"
    assert [t["key"] for t in shown["themes"]] == ["local-governance"]
    assert shown["organisations"][0]["role"] == "publisher"
    assert shown["authors"] == ["Grace Nakato"]
    assert shown["countries"] == ["UG", "KE"]
    assert shown["attachments"][0]["file_name"] == "tracker.pdf"

    text = ok(kmdesk(folder, "show", product_id))
    assert "Citizen budget trackers" in text and "Uganda (UG)" in text

    ok(kmdesk(folder, "edit", product_id, "--title", "Budget trackers", "--clear", "keywords"))
    (edited,) = listed(folder)
    assert edited["title"] == "Budget trackers" and edited["keywords"] == []

    assert [
        p["id"] for p in json.loads(ok(kmdesk(folder, "list", "--json", "--filter", "country=KE")))
    ] == [product_id]
    assert json.loads(ok(kmdesk(folder, "list", "--json", "--filter", "year=2010..2015"))) == []
    assert "Budget trackers" in ok(kmdesk(folder, "list"))

    assert ok(kmdesk(folder, "check")).strip().endswith("No problems found")
    ok(kmdesk(folder, "delete", product_id, "--yes"))
    assert listed(folder) == []


def test_add_from_json_on_stdin(folder: Path) -> None:
    data = {
        "title": "Escuelas de presupuesto",
        "product_type": "training-module",
        "languages": ["es"],
        "countries": ["BO"],
        "year": 2020,
    }
    result = json.loads(
        ok(kmdesk(folder, "add", "--from-json", "-", "--json", stdin=json.dumps(data)))
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
    folder: Path, args: tuple[str, ...], message: str
) -> None:
    ok(kmdesk(folder, *ADD_ARGS))
    before = listed(folder)
    result = kmdesk(folder, "add", "--title", "Bad", "--type", "guide", *args)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert listed(folder) == before

    (product,) = before
    edit = kmdesk(folder, "edit", product["id"], *args)
    assert edit.returncode == 1 and message in edit.stderr
    assert listed(folder) == before


def test_missing_title_and_unknown_id(folder: Path) -> None:
    result = kmdesk(folder, "add", "--type", "guide")
    assert result.returncode == 1
    assert "title: is required" in result.stderr
    assert listed(folder) == []

    for command in (
        ("show", "0123abcd"),
        ("edit", "0123abcd", "--title", "x"),
        ("delete", "0123abcd", "--yes"),
    ):
        result = kmdesk(folder, *command)
        assert result.returncode == 1, command
        assert "no product matches '0123abcd'" in result.stderr
        assert "Traceback" not in result.stderr


def test_bad_filter_and_usage_errors(folder: Path) -> None:
    result = kmdesk(folder, "list", "--filter", "colour=blue")
    assert result.returncode == 1 and "not a filter field" in result.stderr
    result = kmdesk(folder, "list", "--filter", "country")
    assert result.returncode == 1 and "field=value" in result.stderr
    result = kmdesk(folder, "list", "--no-such-option")
    assert result.returncode == 2
    result = kmdesk(folder, "show")
    assert result.returncode == 2


def test_read_commands_on_a_missing_catalogue_say_so(tmp_path: Path) -> None:
    result = kmdesk(tmp_path / "nothing-here", "list")
    assert result.returncode == 1
    assert "there is no catalogue" in result.stderr
    assert not (tmp_path / "nothing-here").exists()


def test_delete_needs_confirmation_without_a_terminal(folder: Path) -> None:
    product_id = ok(kmdesk(folder, *ADD_ARGS)).strip()
    result = kmdesk(folder, "delete", product_id, stdin="")
    assert result.returncode == 1 and "--yes" in result.stderr
    assert len(listed(folder)) == 1


def test_data_dir_after_the_subcommand_and_from_environment(folder: Path, tmp_path: Path) -> None:
    ok(kmdesk(folder, *ADD_ARGS))
    env = {**os.environ, "KMDESK_DATA_DIR": str(folder)}
    via_env = subprocess.run(
        [sys.executable, "-m", "kmdesk", "list", "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    assert len(json.loads(via_env.stdout)) == 1
    after = subprocess.run(
        [sys.executable, "-m", "kmdesk", "list", "--json", "--data-dir", str(folder)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={k: v for k, v in os.environ.items() if k != "KMDESK_DATA_DIR"},
    )
    assert len(json.loads(after.stdout)) == 1


def test_info_vocab_and_help(folder: Path) -> None:
    info = json.loads(ok(kmdesk(folder, "info", "--json")))
    assert info["data_dir"] == str(folder)
    assert len(info["installation_id"]) == 32
    vocab = json.loads(ok(kmdesk(folder, "vocab", "product-type", "--json")))
    assert {v["key"] for v in vocab} >= {"guide", "toolkit", "policy-brief"}
    assert "Usage:" in ok(kmdesk(folder, "--help"))
    for command in ("init", "demo", "add", "show", "list", "edit", "delete", "check"):
        assert "--data-dir" in ok(kmdesk(folder, command, "--help")), command


def test_check_reports_a_damaged_attachment(folder: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4 the original bytes")
    product_id = ok(kmdesk(folder, *ADD_ARGS, "--attach", str(pdf))).strip()
    (attachment,) = json.loads(ok(kmdesk(folder, "show", product_id, "--json")))["attachments"]
    stored = folder / "attachments" / attachment["sha256"][:2] / attachment["sha256"]
    stored.write_bytes(b"%PDF-1.4 the altered bytes!")  # same size, other content

    result = kmdesk(folder, "check", "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert [p["kind"] for p in report["problems"]] == ["attachment-hash"]
