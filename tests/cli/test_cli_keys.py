"""``kmdesk keys``: export this installation's key, trust, rename and revoke others."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.cli.conftest import Run


def test_a_partner_trusts_a_curators_key_after_comparing_fingerprints(
    tmp_path: Path, ok: Callable[..., str], kmdesk: Run
) -> None:
    curator, partner = tmp_path / "curator", tmp_path / "partner"
    ok(curator, "init")
    ok(partner, "init")
    key_file = tmp_path / "curator.kmkey"
    exported = ok(curator, "keys", "export", "--name", "OBLA curator", "-o", key_file)
    own = json.loads(ok(curator, "keys", "list", "--json"))["own"]
    assert own["fingerprint"] in exported and own["name"] == "OBLA curator"

    refused = kmdesk(partner, "keys", "trust", key_file)  # no terminal, no --yes
    assert refused.code == 1 and "compare the fingerprint" in refused.stderr
    assert own["fingerprint"] in refused.stdout, "the fingerprint is shown before asking"
    assert json.loads(ok(partner, "keys", "list", "--json"))["keys"] == []

    ok(partner, "keys", "trust", key_file, "--yes")
    (known,) = json.loads(ok(partner, "keys", "list", "--json"))["keys"]
    assert (known["fingerprint"], known["name"], known["trusted"]) == (
        own["fingerprint"],
        "OBLA curator",
        True,
    )
    ok(partner, "keys", "rename", own["fingerprint"], "Curator of the budget partnership")
    ok(partner, "keys", "revoke", "Curator of the budget partnership")
    (known,) = json.loads(ok(partner, "keys", "list", "--json"))["keys"]
    assert (known["name"], known["trusted"]) == ("Curator of the budget partnership", False)
    assert "revoked" in ok(partner, "keys", "list")


def test_a_file_that_is_not_a_key_is_refused_in_one_line(
    empty_folder: Path, tmp_path: Path, kmdesk: Run
) -> None:
    bogus = tmp_path / "holiday.jpg"
    bogus.write_bytes(b"\xff\xd8\xff\xe0 not a key")
    outcome = kmdesk(empty_folder, "keys", "trust", bogus, "--yes")
    assert outcome.code == 1
    assert outcome.stderr.strip() == f"Error: {bogus} is not a kmdesk key file"
