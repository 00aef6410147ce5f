"""Whether an attachment's text could be read, as ``attach``, ``show`` and ``check`` say it.

Real PDFs (``tests/pdf_samples.py``) attached with the command in-process (``conftest.py``): a
print-protected report (AES, empty user password), one locked with a password, a scan, garbage
named ``.pdf`` and one with junk before its header.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tests.pdf_samples import (
    BUDGET_WORD,
    encrypted_pdf,
    garbage_pdf,
    junk_before_header,
    scanned_pdf,
)

if TYPE_CHECKING:
    from tests.cli.conftest import Run

Ok = Callable[..., str]


def _files(tmp_path: Path) -> dict[str, Path]:
    """One PDF of each kind, by the status its text gets."""
    return {
        "ok": encrypted_pdf(tmp_path / "protégé.pdf", algorithm="AES-256"),
        "encrypted": encrypted_pdf(tmp_path / "locked.pdf", user_password="secret"),
        "no-text": scanned_pdf(tmp_path / "scan.pdf", pages=3),
        "error": garbage_pdf(tmp_path / "garbage.pdf"),
    }


def _product(folder: Path, ok: Ok, title: str = "Rapports des communes") -> str:
    return ok(folder, "add", "--title", title, "--type", "guide", "--language", "fr").strip()


def test_attach_prints_each_files_text_status(empty_folder: Path, tmp_path: Path, ok: Ok) -> None:
    product = _product(empty_folder, ok)
    files = _files(tmp_path)
    lines = ok(empty_folder, "attach", product, *files.values()).splitlines()
    assert len(lines) == 4
    by_name = {line.split(" ", 2)[1]: line for line in lines}
    assert by_name["protégé.pdf"].endswith(": text, 4 pages")
    assert by_name["locked.pdf"].endswith(": encrypted with a password")
    assert by_name["scan.pdf"].endswith(": no text layer (scanned?)")
    assert ": broken: not a valid PDF" in by_name["garbage.pdf"]
    # The protected report's text is in the index; the locked one's is not.
    hits = json.loads(ok(empty_folder, "search", BUDGET_WORD, "--json"))["hits"]
    assert [hit["id"] for hit in hits] == [product]


def test_show_gives_each_attachments_status_in_text_and_json(
    empty_folder: Path, tmp_path: Path, ok: Ok
) -> None:
    product = _product(empty_folder, ok)
    files = _files(tmp_path)
    ok(empty_folder, "attach", product, *files.values())

    shown = json.loads(ok(empty_folder, "show", product[:8], "--json"))
    extraction = {a["file_name"]: a["extraction"] for a in shown["attachments"]}
    assert extraction["protégé.pdf"] == {
        "status": "ok",
        "label": "text",
        "message": "",
        "pages": 4,
    }
    assert extraction["locked.pdf"] == {
        "status": "encrypted",
        "label": "encrypted with a password",
        "message": "encrypted with a password",
        "pages": None,
    }
    assert extraction["scan.pdf"]["status"] == "no-text"
    assert extraction["scan.pdf"]["label"] == "no text layer"
    assert extraction["scan.pdf"]["pages"] == 3
    assert extraction["garbage.pdf"]["status"] == "error"
    assert extraction["garbage.pdf"]["label"] == "broken"
    assert extraction["garbage.pdf"]["message"].startswith("not a valid PDF")

    rows = [
        line for line in ok(empty_folder, "show", product).splitlines() if "Attachment:" in line
    ]
    assert len(rows) == 4
    (locked,) = [row for row in rows if "locked.pdf" in row]
    assert locked.endswith("application/pdf): encrypted with a password")
    assert any(row.endswith("application/pdf): text, 4 pages") for row in rows)


def test_show_json_of_a_product_without_attachments_is_unchanged(
    empty_folder: Path, ok: Ok
) -> None:
    product = _product(empty_folder, ok)
    assert json.loads(ok(empty_folder, "show", product, "--json"))["attachments"] == []


def test_check_lists_attachments_whose_text_could_not_be_read(
    empty_folder: Path, tmp_path: Path, kmdesk: Run, ok: Ok
) -> None:
    product = _product(empty_folder, ok)
    files = _files(tmp_path)
    from_mail = junk_before_header(tmp_path / "from-mail.pdf")
    ok(empty_folder, "attach", product, *files.values(), from_mail)

    outcome = kmdesk(empty_folder, "check")
    assert outcome.code == 0, outcome.stderr  # not problems of the catalogue
    assert outcome.stdout.strip().endswith("No problems found")
    listed = [line for line in outcome.stderr.splitlines() if "text not extracted" in line]
    assert len(listed) == 3
    assert any(
        line.startswith(f"locked.pdf (product {product[:8]})")
        and line.endswith("text not extracted: encrypted with a password")
        for line in listed
    )
    assert any("scan.pdf" in line and "no text layer (scanned?)" in line for line in listed)
    assert any("garbage.pdf" in line and "broken: not a valid PDF" in line for line in listed)

    report = json.loads(ok(empty_folder, "check", "--json"))
    assert report["ok"] is True
    without = {item["file_name"]: item for item in report["without_text"]}
    assert set(without) == {"locked.pdf", "scan.pdf", "garbage.pdf"}
    assert without["locked.pdf"]["status"] == "encrypted"
    assert without["locked.pdf"]["reason"] == "encrypted with a password"
    assert without["locked.pdf"]["product_id"] == product
    assert set(without["scan.pdf"]) == {
        "attachment_id",
        "product_id",
        "file_name",
        "status",
        "reason",
    }


def test_check_of_a_catalogue_whose_texts_are_all_read_lists_none(
    empty_folder: Path, tmp_path: Path, ok: Ok
) -> None:
    product = _product(empty_folder, ok)
    ok(empty_folder, "attach", product, encrypted_pdf(tmp_path / "a.pdf", algorithm="AES-128"))
    report = json.loads(ok(empty_folder, "check", "--json"))
    assert (report["ok"], report["without_text"]) == (True, [])
