"""Installation keys, key files, fingerprints and the trusted keys of a catalogue."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

import pytest

from kmdesk.catalogue import Catalogue
from kmdesk.errors import NotFoundError, ValidationError
from kmdesk.trust.keys import (
    KEYS_DIR,
    MAX_KEY_FILE_BYTES,
    PRIVATE_KEY_FILE,
    KeyFileError,
    PublicKey,
    fingerprint,
    read_key_file,
)


def test_each_installation_makes_its_own_key_pair_on_first_start(tmp_path: Path) -> None:
    with Catalogue.open(tmp_path / "one") as one, Catalogue.open(tmp_path / "two") as two:
        first, second = one.keys.own(), two.keys.own()
        assert first.raw != second.raw
        assert first.installation == one.installation_id
    private = tmp_path / "one" / KEYS_DIR / PRIVATE_KEY_FILE
    assert stat.S_IMODE(private.stat().st_mode) == 0o600, "readable by its owner only"
    with Catalogue.open(tmp_path / "one") as again:
        assert again.keys.own().raw == first.raw, "the same key on the next start"


def test_a_signature_verifies_only_for_the_signed_bytes_and_key(catalogue: Catalogue) -> None:
    signature = catalogue.keys.sign(b"manifest bytes")
    own = catalogue.keys.own()
    assert own.verify(signature, b"manifest bytes")
    assert not own.verify(signature, b"manifest bytez")
    assert not own.verify(signature[:-1] + bytes([signature[-1] ^ 1]), b"manifest bytes")
    other = PublicKey(bytes(32))
    assert not other.verify(signature, b"manifest bytes")


def test_fingerprints_are_six_groups_of_five_digits(catalogue: Catalogue) -> None:
    printed = catalogue.keys.own().fingerprint
    groups = printed.split(" ")
    assert len(groups) == 6 and all(len(g) == 5 and g.isdigit() for g in groups)
    assert fingerprint(catalogue.keys.own().raw) == printed
    assert fingerprint(bytes(32)) != printed


def test_a_key_file_round_trips(catalogue: Catalogue) -> None:
    catalogue.keys.set_own_name("Curator, Open Budgets")
    data = catalogue.keys.export()
    key = read_key_file(data, "curator.kmkey")
    assert key == catalogue.keys.own()
    assert key.name == "Curator, Open Budgets"
    assert "PRIVATE" not in data.decode() and len(data) < 1000


def _key_file(**changes: object) -> bytes:
    data = json.loads(PublicKey(bytes(range(32))).to_file_bytes())
    data.update(changes)
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"\xff\xfe not text", "not a kmdesk key file"),
        (b"[1, 2, 3]", "not a kmdesk key file"),
        (_key_file(format="ssh-ed25519"), "not a kmdesk key file"),
        (_key_file(version=2), "version or kind"),
        (_key_file(algorithm="rsa"), "version or kind"),
        (_key_file(public_key="not base64!"), "no valid Ed25519 public key"),
        (_key_file(public_key="AAAA"), "no valid Ed25519 public key"),
        (_key_file(fingerprint="00000 00000 00000 00000 00000 00000"), "does not match"),
        (_key_file(name=["not", "text"]), "not valid text"),
        (b" " * (MAX_KEY_FILE_BYTES + 1), "too large"),
    ],
)
def test_bad_key_files_are_refused_with_a_reason(data: bytes, problem: str) -> None:
    with pytest.raises(KeyFileError, match=problem):
        read_key_file(data, "partner.kmkey")


def test_trust_rename_and_revoke(tmp_path: Path) -> None:
    with Catalogue.open(tmp_path / "curator") as curator:
        curator.keys.set_own_name("Curator")
        key_file = curator.keys.export()
    with Catalogue.open(tmp_path / "partner") as partner:
        key = partner.keys.read(key_file, "curator.kmkey")
        assert partner.keys.trusted_key(key.raw) is None
        record = partner.keys.trust(key)
        assert (record.name, record.trusted) == ("Curator", True)
        assert partner.keys.get(key.fingerprint.replace(" ", "")).key_id == record.key_id
        partner.keys.rename(key.fingerprint, "OBLA curator")
        revoked = partner.keys.revoke("OBLA curator")
        assert not revoked.trusted and revoked.revoked
        known = partner.keys.trusted_key(key.raw)
        assert known is not None and not known.trusted, "a revoked key stays known"
        assert partner.keys.trust(key).trusted, "trusting again lifts the revocation"
        assert [r.name for r in partner.keys.all()] == ["OBLA curator"]
        with pytest.raises(ValidationError, match="own key"):
            partner.keys.trust(partner.keys.own())
        with pytest.raises(NotFoundError):
            partner.keys.revoke("nobody")


def test_a_copied_catalogue_signs_with_a_key_of_its_own(tmp_path: Path) -> None:
    with Catalogue.open(tmp_path / "original") as original:
        key = original.keys.own().raw
    shutil.copytree(tmp_path / "original", tmp_path / "copy")
    with Catalogue.open(tmp_path / "copy") as copy:
        assert copy.keys.own().raw != key
        old, _new = copy.new_identity()
        renewed = copy.keys.own()
        assert renewed.installation != old
    with Catalogue.open(tmp_path / "original") as original:
        assert original.keys.own().raw == key
