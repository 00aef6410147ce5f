"""Annotations between installations: private ones never leave, shared ones travel attributed,
concurrent edits keep both versions, deletions follow the record rule."""

from __future__ import annotations

import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kmdesk.bundles.export import export_bundle
from kmdesk.bundles.importer import import_bundle
from kmdesk.catalogue import Catalogue
from kmdesk.catalogue.profile import UserProfile, save_profile
from kmdesk.errors import NotFoundError, ValidationError
from tests.samples import FULL_PRODUCT


@pytest.fixture
def curator(vocab_catalogue: Catalogue) -> Catalogue:
    vocab_catalogue.products.add(FULL_PRODUCT)
    save_profile(vocab_catalogue, UserProfile("Ronald Ssemakula", "Civic Ledger Uganda"))
    return vocab_catalogue


@pytest.fixture
def partner(tmp_path: Path, curator: Catalogue) -> Iterator[Catalogue]:
    """A partner that holds the curator's catalogue; each trusts the other's key."""
    with Catalogue.open(tmp_path / "partner") as catalogue:
        save_profile(catalogue, UserProfile("Awa Traoré", "CEGOL"))
        catalogue.keys.trust(catalogue.keys.read(curator.keys.export(), "curator.kmkey"))
        curator.keys.trust(curator.keys.read(catalogue.keys.export(), "partner.kmkey"))
        send(curator, catalogue, tmp_path / "first.kmbundle")
        yield catalogue


def send(source: Catalogue, target: Catalogue, path: Path, **options: object) -> bytes:
    """Export a bundle from ``source``, import it into ``target``; the bundle's entries."""
    export_bundle(source, path, **options)  # type: ignore[arg-type]
    import_bundle(target, path)
    with zipfile.ZipFile(path) as archive:
        return b"\n".join(archive.read(name) for name in archive.namelist())


def _later() -> None:
    time.sleep(0.003)  # stamps of two installations: make "later" unambiguous


def test_private_notes_never_leave_and_shared_ones_arrive_attributed(
    curator: Catalogue, partner: Catalogue, tmp_path: Path
) -> None:
    product = curator.products.ids()[0]
    secret = curator.annotations.add(product, body="Secret: the mayor lied", tags=["internal"])
    shared = curator.annotations.add(product, body="Start with step 2", shared=True, rating=5)
    dumped = "\n".join(curator.sync.dump())
    assert str(shared.id) in dumped
    assert str(secret.id) not in dumped and "mayor" not in dumped and "internal" not in dumped

    full = send(curator, partner, tmp_path / "full.kmbundle", peer="partner")
    assert str(secret.id).encode() not in full and b"mayor" not in full
    (arrived,) = partner.annotations.list()
    assert (arrived.id, arrived.body, arrived.rating) == (shared.id, "Start with step 2", 5)
    assert (arrived.author, arrived.organisation) == ("Ronald Ssemakula", "Civic Ledger Uganda")
    assert (arrived.mine, arrived.installation) == (False, curator.installation_id)

    later_secret = curator.annotations.add(product, body="Another secret: budget cut")
    curator.annotations.update(shared.id, {"body": "Start with step 3"})
    delta = send(curator, partner, tmp_path / "delta.kmbundle", peer="partner", delta=True)
    assert str(later_secret.id).encode() not in delta and b"budget cut" not in delta
    assert partner.annotations.get(shared.id).body == "Start with step 3"

    mine = partner.annotations.add(product, body="Gulu: worked well", shared=True)
    theirs = partner.annotations.add(product, body="Private thought of the partner")
    back = send(partner, curator, tmp_path / "back.kmbundle", returning=True)
    assert b"Private thought" not in back and str(theirs.id).encode() not in back
    received = curator.annotations.get(mine.id)
    assert (received.author, received.organisation) == ("Awa Traoré", "CEGOL")
    made_here = {n.id for n in curator.annotations.list(mine=True)}
    assert made_here == {secret.id, shared.id, later_secret.id}


def test_a_note_made_private_again_is_withdrawn_from_peers(
    curator: Catalogue, partner: Catalogue, tmp_path: Path
) -> None:
    product = curator.products.ids()[0]
    note = curator.annotations.add(product, body="Draft advice", shared=True)
    send(curator, partner, tmp_path / "one.kmbundle", peer="partner")
    assert [n.id for n in partner.annotations.list()] == [note.id]
    curator.annotations.update(note.id, {"shared": False, "body": "Rewritten, now private"})
    withdrawal = send(curator, partner, tmp_path / "two.kmbundle", peer="partner", delta=True)
    assert b"Rewritten" not in withdrawal, "only a tombstone goes"
    assert partner.annotations.list() == [], "the peer drops its copy"
    assert curator.annotations.get(note.id).body == "Rewritten, now private"
    other = curator.annotations.add(product, body="Shared", shared=True)
    send(curator, partner, tmp_path / "three.kmbundle", peer="partner", delta=True)
    with pytest.raises(ValidationError, match="only where the note was made"):
        partner.annotations.update(other.id, {"shared": False})
    curator.annotations.update(note.id, {"shared": True})
    send(curator, partner, tmp_path / "four.kmbundle", peer="partner", delta=True)
    assert partner.annotations.get(note.id).body == "Rewritten, now private", "shared again"


def test_concurrent_edits_of_a_shared_note_keep_both_versions(
    curator: Catalogue, partner: Catalogue, tmp_path: Path
) -> None:
    product = curator.products.ids()[0]
    note = curator.annotations.add(product, body="Original", tags=["budget"], shared=True)
    send(curator, partner, tmp_path / "share.kmbundle")
    curator.annotations.update(note.id, {"body": "Curator's version", "tags": ["budget", "a"]})
    _later()
    partner.annotations.update(note.id, {"body": "Partner's version", "tags": ["budget", "b"]})
    # Bundles cross in the post: each was written before the other arrived.
    export_bundle(partner, tmp_path / "from-partner.kmbundle")
    export_bundle(curator, tmp_path / "from-curator.kmbundle")
    import_bundle(curator, tmp_path / "from-partner.kmbundle")
    import_bundle(partner, tmp_path / "from-curator.kmbundle")
    for catalogue in (curator, partner):
        merged = catalogue.annotations.get(note.id)
        assert merged.body == "Partner's version", "the later edit wins everywhere"
        assert set(merged.tags) == {"budget", "a", "b"}, "tags merge one by one"
        kept = [(c.kind, c.record_id, c.field, c.value) for c in catalogue.sync.conflicts()]
        assert kept == [("annotation", note.id, "body", "Curator's version")]
    assert list(curator.sync.dump()) == list(partner.sync.dump())

    # Each side may keep both: the losing text becomes a second, private note there.
    (conflict,) = curator.sync.conflicts()
    copy = curator.annotations.keep_both(conflict.id)
    assert (copy.body, set(copy.tags), copy.visibility) == (
        "Curator's version",
        {"budget", "a", "b"},
        "private",
    )
    assert (copy.author, copy.mine, copy.product_id) == ("Ronald Ssemakula", True, product)
    assert curator.annotations.get(note.id).body == "Partner's version", "in use, unchanged"
    assert curator.sync.conflicts() == []
    (theirs,) = partner.sync.conflicts()
    with pytest.raises(NotFoundError):
        partner.annotations.keep_both(theirs.id + 1000)
    copy = partner.annotations.keep_both(theirs.id)
    assert (copy.body, copy.author, copy.organisation) == (
        "Curator's version",
        "Ronald Ssemakula",
        "Civic Ledger Uganda",
    ), "written at the curator's: the note's author, not the partner"
    assert str(copy.id) not in "\n".join(partner.sync.dump()), "private until shared"


def test_only_a_notes_text_or_rating_can_be_kept_twice(
    curator: Catalogue, partner: Catalogue, tmp_path: Path
) -> None:
    product = curator.products.ids()[0]
    curator.products.update(product, {"title": "Curator's title"})
    _later()
    partner.products.update(product, {"title": "Partner's title"})
    send(partner, curator, tmp_path / "from-partner.kmbundle")
    (conflict,) = curator.sync.conflicts()
    assert conflict.kind == "product"
    with pytest.raises(ValidationError, match="conflict"):
        curator.annotations.keep_both(conflict.id)
    assert curator.sync.conflicts() == [conflict], "nothing changed"


def test_an_edit_made_after_a_deletion_brings_the_note_back(
    curator: Catalogue, partner: Catalogue, tmp_path: Path
) -> None:
    product = curator.products.ids()[0]
    before_delete = curator.annotations.add(product, body="Edited before", shared=True)
    after_delete = curator.annotations.add(product, body="Edited after", shared=True)
    send(curator, partner, tmp_path / "share.kmbundle")
    partner.annotations.update(before_delete.id, {"body": "Partner edit, earlier"})
    _later()
    curator.annotations.delete(before_delete.id)
    curator.annotations.delete(after_delete.id)
    _later()
    partner.annotations.update(after_delete.id, {"body": "Partner edit, later"})
    send(partner, curator, tmp_path / "from-partner.kmbundle")
    send(curator, partner, tmp_path / "from-curator.kmbundle")
    for catalogue in (curator, partner):
        assert [(n.id, n.body) for n in catalogue.annotations.list()] == [
            (after_delete.id, "Partner edit, later")
        ]


def test_a_product_deleted_elsewhere_takes_the_notes_made_here(
    curator: Catalogue, partner: Catalogue, tmp_path: Path
) -> None:
    product = curator.products.ids()[0]
    partner.annotations.add(product, body="Partner's private note")
    shared = partner.annotations.add(product, body="Partner's shared note", shared=True)
    send(partner, curator, tmp_path / "notes.kmbundle")
    curator.products.delete(product)
    send(curator, partner, tmp_path / "deletion.kmbundle")
    assert partner.annotations.list() == [] and curator.annotations.list() == []
    assert str(shared.id) in "\n".join(curator.sync.dump()), "its tombstone"
    late = partner.sync.records()
    assert not [r for r in late if r.kind == "annotation" and r.id != shared.id]


def test_a_note_on_a_contributed_product_waits_with_it(
    curator: Catalogue, partner: Catalogue, tmp_path: Path
) -> None:
    from kmdesk.bundles.contributions import accept, contributions

    product = partner.products.add({"title": "Notes from Gulu", "product_type": "guide"})
    note = partner.annotations.add(product.id, body="Made with the youth council", shared=True)
    send(partner, curator, tmp_path / "back.kmbundle", returning=True)
    assert curator.annotations.list() == [], "held for review with its product"
    (waiting,) = contributions(curator)
    accept(curator, waiting.id)
    assert curator.annotations.get(note.id).author == "Awa Traoré"
