"""``kmdesk bundle``: a curator exports a collection, a partner inspects and imports it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.cli.conftest import Run


def test_a_partner_imports_a_curators_collection(
    demo_folder: Path, tmp_path: Path, ok: Callable[..., str], kmdesk: Run
) -> None:
    curator, partner = demo_folder, tmp_path / "partner"
    ok(partner, "init")
    key = tmp_path / "curator.kmkey"
    ok(curator, "keys", "export", "--name", "Curator", "-o", key)
    collection = "Gender toolkit for new partnerships"

    estimate = json.loads(
        ok(curator, "bundle", "export", "--collection", collection, "--dry-run", "--json")
    )
    assert estimate["counts"]["collection"] == 1 and estimate["estimated_bytes"] > 0
    bundle = tmp_path / "gender-toolkit.kmbundle"
    ok(curator, "bundle", "export", "--collection", collection, "-o", bundle)

    unverified = kmdesk(partner, "bundle", "verify", bundle)
    assert unverified.code == 1 and "not trusted" in unverified.stderr
    refused = kmdesk(partner, "bundle", "import", bundle, "--yes")
    assert refused.code == 1 and "does not trust" in refused.stderr
    inspected = json.loads(ok(partner, "bundle", "inspect", bundle, "--json"))
    assert inspected["signer"]["trusted"] is False
    assert inspected["preview"]["new"] > 0 and inspected["preview"]["updated"] == 0

    ok(partner, "keys", "trust", key, "--yes")
    assert "intact, signed by Curator" in ok(partner, "bundle", "verify", bundle)
    asking = kmdesk(partner, "bundle", "import", bundle)  # no terminal: shows, then refuses
    assert asking.code == 1 and "new" in asking.stdout and "add --yes" in asking.stderr
    report = json.loads(ok(partner, "bundle", "import", bundle, "--yes", "--json"))
    assert report["added"] == inspected["preview"]["new"]
    listed = json.loads(ok(partner, "list", "--json"))
    assert len(listed) == estimate["counts"]["product"]
    again = kmdesk(partner, "bundle", "import", bundle, "--yes")
    assert again.code == 1 and "already imported" in again.stderr


def test_a_partner_sends_back_a_product_and_a_need_that_the_curator_reviews(
    demo_folder: Path, tmp_path: Path, ok: Callable[..., str], kmdesk: Run
) -> None:
    curator, partner = demo_folder, tmp_path / "partner"
    ok(partner, "init")
    ok(curator, "keys", "export", "--name", "Curator", "-o", tmp_path / "curator.kmkey")
    ok(partner, "keys", "export", "--name", "Partner in Gulu", "-o", tmp_path / "partner.kmkey")
    ok(partner, "keys", "trust", tmp_path / "curator.kmkey", "--yes")
    ok(curator, "keys", "trust", tmp_path / "partner.kmkey", "--yes")
    out = tmp_path / "out.kmbundle"
    ok(
        curator,
        "bundle",
        "export",
        "--collection",
        "Gender toolkit for new partnerships",
        "-o",
        out,
    )
    ok(partner, "bundle", "import", out, "--yes")
    report_pdf = tmp_path / "gulu-report.pdf"
    report_pdf.write_bytes(b"%PDF-1.7 what we learnt in Gulu" * 50)
    product = ok(
        partner,
        "add",
        "--title",
        "Workshop notes from Gulu",
        "--type",
        "case-study",
        "--theme",
        "gender-equality-inclusion",
        "--attach",
        report_pdf,
    ).strip()
    back = tmp_path / "back.kmbundle"
    ok(partner, "bundle", "export", "--return", "-o", back)
    before = json.loads(ok(curator, "list", "--json"))
    ok(curator, "bundle", "import", back, "--yes")
    assert json.loads(ok(curator, "list", "--json")) == before, "held for review, not merged"
    (waiting,) = json.loads(ok(curator, "contributions", "--json"))
    assert (waiting["title"], waiting["contributor"]) == (
        "Workshop notes from Gulu",
        "Partner in Gulu",
    )
    ok(curator, "contributions", "accept", str(waiting["id"]))
    shown = json.loads(ok(curator, "show", product, "--json"))
    assert shown["title"] == "Workshop notes from Gulu" and len(shown["attachments"]) == 1
    assert ok(curator, "check", "--no-hashes").strip().endswith("No problems found")
    assert json.loads(ok(curator, "contributions", "--json")) == []
    again = kmdesk(curator, "contributions", "accept", str(waiting["id"]))
    assert again.code == 1 and "no pending contribution" in again.stderr
