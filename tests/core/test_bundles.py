"""Bundles end to end: export a selection, verify, preview, import; refusals change nothing."""

from __future__ import annotations

import hashlib
import json
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kmdesk.bundles.archive import BundleError
from kmdesk.bundles.export import ExportTooLargeError, Scope, export_bundle, plan_export
from kmdesk.bundles.importer import (
    UntrustedBundleError,
    import_bundle,
    preview,
    read_records,
    verify_bundle,
)
from kmdesk.catalogue import Catalogue
from kmdesk.errors import KmdeskError, OperationCancelled
from kmdesk.progress import CancelToken
from kmdesk.sync.remote import SyncRecord
from tests.samples import FULL_PRODUCT


@pytest.fixture
def curator(vocab_catalogue: Catalogue, tmp_path: Path) -> Catalogue:
    """A curator's catalogue: three products (one with a PDF, two linked), a collection."""
    first = vocab_catalogue.products.add(FULL_PRODUCT)
    second = vocab_catalogue.products.add({**FULL_PRODUCT, "title": "Suivi des promesses"})
    vocab_catalogue.products.add({**FULL_PRODUCT, "title": "Not in the collection"})
    pdf = tmp_path / "guide.pdf"
    pdf.write_bytes(b"%PDF-1.7 a guide for citizen monitors" * 100)
    vocab_catalogue.products.attach(first.id, pdf)
    vocab_catalogue.products.link(second.id, first.id, "translation-of")
    vocab_catalogue.collections.add("For partners", "Start here", [first.id, second.id])
    vocab_catalogue.keys.set_own_name("OBLA curator")
    return vocab_catalogue


@pytest.fixture
def partner(tmp_path: Path, curator: Catalogue) -> Iterator[Catalogue]:
    """A partner's fresh catalogue that trusts the curator's key."""
    with Catalogue.open(tmp_path / "partner") as catalogue:
        catalogue.keys.trust(catalogue.keys.read(curator.keys.export(), "curator.kmkey"))
        yield catalogue


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        # The lock file and SQLite's shared-memory index change when a catalogue is only read.
        if p.is_file() and p.name != "kmdesk.lock" and not p.name.endswith("-shm")
    }


def _rewrite(path: Path, target: Path, changes: dict[str, bytes]) -> Path:
    """A copy of the bundle with some entries' bytes replaced (a tampered bundle)."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            out.writestr(info.filename, changes.get(info.filename, source.read(info.filename)))
    return target


def test_a_collection_travels_with_what_it_uses(
    curator: Catalogue, partner: Catalogue, tmp_path: Path
) -> None:
    bundle = tmp_path / "for-partner.kmbundle"
    manifest = export_bundle(curator, bundle, scope=Scope(collection="For partners"))
    assert manifest.counts["product"] == 2 and manifest.counts["attachment-files"] == 1
    assert {"theme", "organisation", "person", "link", "collection"} <= set(manifest.counts)

    result = import_bundle(partner, bundle)
    records = sum(v for k, v in manifest.counts.items() if k != "attachment-files")
    assert result.report.unchanged == manifest.counts["product-type"], "built in everywhere"
    assert result.report.added == records - manifest.counts["product-type"]
    exported = {
        (r.kind, r.id): r
        for r in curator.sync.records()
        if isinstance(r, SyncRecord) and r.kind != "product-type"
    }
    received = {(r.kind, r.id): r for r in partner.sync.records() if isinstance(r, SyncRecord)}
    for key, record in received.items():
        if key[0] != "product-type":
            assert record == exported[key], "records arrive with their values and stamps"
    (collection,) = partner.collections.all()
    assert len(collection.products) == 2
    titles = {p.title for p in partner.products.find()}
    assert titles == {FULL_PRODUCT["title"], "Suivi des promesses"}
    pdf = next(p for p in partner.products.find() if p.attachments).attachments[0]
    assert partner.products.attachment_path(pdf.sha256).read_bytes().startswith(b"%PDF-1.7")
    assert partner.search("promesses").hits[0].title == "Suivi des promesses", "indexed"


def test_importing_the_same_bundle_again_is_refused_and_changes_nothing(
    curator: Catalogue, partner: Catalogue, tmp_path: Path
) -> None:
    bundle = tmp_path / "all.kmbundle"
    export_bundle(curator, bundle)
    import_bundle(partner, bundle)
    before = _snapshot(partner.folder)
    with pytest.raises(BundleError, match="already imported"):
        import_bundle(partner, bundle)
    assert _snapshot(partner.folder) == before


def test_an_untrusted_signer_is_refused_unless_accepted_once(
    curator: Catalogue, tmp_path: Path
) -> None:
    bundle = tmp_path / "all.kmbundle"
    export_bundle(curator, bundle)
    with Catalogue.open(tmp_path / "stranger") as stranger:
        before = _snapshot(stranger.folder)
        fingerprint = curator.keys.own().fingerprint
        with pytest.raises(UntrustedBundleError, match=fingerprint):
            import_bundle(stranger, bundle)
        assert _snapshot(stranger.folder) == before
        import_bundle(stranger, bundle, accept_untrusted=True)
        assert len(stranger.products.ids()) == 3
        stranger.keys.trust(stranger.keys.read(curator.keys.export(), "curator.kmkey"))
        stranger.keys.revoke("OBLA curator")
        export_bundle(curator, tmp_path / "later.kmbundle")
        with pytest.raises(UntrustedBundleError, match="revoked"):
            import_bundle(stranger, tmp_path / "later.kmbundle")


@pytest.mark.parametrize("damage", ["attachment", "records", "manifest", "signature"])
def test_an_altered_bundle_is_refused_before_anything_is_written(
    curator: Catalogue, partner: Catalogue, tmp_path: Path, damage: str
) -> None:
    bundle = tmp_path / "all.kmbundle"
    manifest = export_bundle(curator, bundle)
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
        manifest_bytes = archive.read("manifest.json")
        signature = archive.read("manifest.sig")
    if damage == "attachment":
        name = next(n for n in names if n.startswith("attachments/"))
        entry = manifest.entry(name)
        assert entry is not None
        changes = {name: b"%PDF-1.7 a forged guide".ljust(entry.size, b"x")}
        problem = "attachments/"
    elif damage == "records":
        entry = manifest.entry("records/product.jsonl")
        assert entry is not None
        changes = {"records/product.jsonl": b"{}\n".ljust(entry.size, b" ")}
        problem = "records/product.jsonl"
    elif damage == "manifest":
        forged = json.loads(manifest_bytes)
        forged["description"] = "Something else"
        changes = {"manifest.json": json.dumps(forged, sort_keys=True, indent=1).encode()}
        problem = "signature does not match"
    else:
        changes = {"manifest.sig": bytes([signature[0] ^ 1]) + signature[1:]}
        problem = "signature does not match"
    tampered = _rewrite(bundle, tmp_path / "tampered.kmbundle", changes)
    before = _snapshot(partner.folder)
    with pytest.raises(BundleError, match=problem):
        import_bundle(partner, tampered)
    assert _snapshot(partner.folder) == before


def test_a_cancelled_import_leaves_nothing(
    curator: Catalogue, partner: Catalogue, tmp_path: Path
) -> None:
    bundle = tmp_path / "all.kmbundle"
    export_bundle(curator, bundle)
    before = _snapshot(partner.folder)
    token = CancelToken()
    token.cancel()
    with pytest.raises(OperationCancelled):
        import_bundle(partner, bundle, cancel=token)
    assert _snapshot(partner.folder) == before
    import_bundle(partner, bundle)  # not recorded as imported: it can still be imported


def test_the_preview_counts_what_an_import_would_do(
    curator: Catalogue, partner: Catalogue, tmp_path: Path
) -> None:
    first = tmp_path / "first.kmbundle"
    export_bundle(curator, first)
    import_bundle(partner, first)
    product = curator.products.find()[0]
    curator.products.update(product.id, {"summary": "Revised by the curator"})
    curator.products.delete(curator.products.find()[-1].id)
    second = tmp_path / "second.kmbundle"
    export_bundle(curator, second)
    with verify_bundle(partner, second) as verified:
        changes = preview(partner, read_records(verified, tmp_path))
    assert changes.by_kind["product"] == {"updated": 1, "unchanged": 1, "deleted": 1}
    assert changes.new == 0


def test_the_size_cap_and_the_dry_run(curator: Catalogue, tmp_path: Path) -> None:
    plan = plan_export(curator, Scope())
    assert plan.counts["product"] == 3 and plan.estimated_bytes > 3700
    with pytest.raises(ExportTooLargeError, match="over the cap"):
        export_bundle(curator, tmp_path / "capped.kmbundle", max_bytes=1000)
    assert list(tmp_path.glob("capped*")) == [], "nothing written"
    light = plan_export(curator, Scope(), attachments=False)
    assert "attachment" not in light.counts and light.counts["attachment-files"] == 0


def test_a_split_bundle_imports_only_with_all_its_parts(
    curator: Catalogue, partner: Catalogue, tmp_path: Path
) -> None:
    pdf = tmp_path / "second.pdf"
    pdf.write_bytes(b"%PDF-1.7 another guide" * 400)
    curator.products.attach(curator.products.find()[1].id, pdf)
    bundle = tmp_path / "split.kmbundle"
    manifest = export_bundle(curator, bundle, split_bytes=4000)
    parts = sorted(tmp_path.glob("split.kmbundle.*"))
    assert [p.name[-3:] for p in parts] == [f"{n:03d}" for n in range(1, manifest.volumes + 1)]
    assert manifest.volumes >= 3 and not bundle.exists()
    assert not list(tmp_path.glob("*.partial"))
    hidden = parts[-1].rename(tmp_path / "elsewhere.bin")
    before = _snapshot(partner.folder)
    with pytest.raises(BundleError, match=rf"{parts[-1].name} is missing"):
        import_bundle(partner, parts[0])
    assert _snapshot(partner.folder) == before
    hidden.rename(parts[-1])
    result = import_bundle(partner, parts[1])  # any part names the bundle
    assert result.attachment_files == 2
    assert len(partner.products.ids()) == 3


def test_a_delta_carries_only_what_changed_since_the_last_bundle_to_that_peer(
    curator: Catalogue, partner: Catalogue, tmp_path: Path
) -> None:
    full = export_bundle(curator, tmp_path / "full.kmbundle", peer="partner")
    assert full.kind == "full"
    import_bundle(partner, tmp_path / "full.kmbundle")
    first, *_rest, last = curator.products.find()
    curator.products.update(first.id, {"summary": "Revised after the workshop"})
    curator.products.delete(last.id)
    delta = export_bundle(curator, tmp_path / "delta.kmbundle", peer="partner", delta=True)
    assert (delta.kind, delta.peer) == ("delta", "partner")
    # The edited product, and the one whose link went with the deleted one (renumbered).
    assert delta.counts["product"] == 2 and delta.counts["tombstones"] >= 1
    size = (tmp_path / "delta.kmbundle").stat().st_size
    assert size < (tmp_path / "full.kmbundle").stat().st_size / 2
    import_bundle(partner, tmp_path / "delta.kmbundle")
    assert partner.products.get(first.id).summary == "Revised after the workshop"
    assert last.id not in partner.products.ids()
    nothing = export_bundle(curator, tmp_path / "none.kmbundle", peer="partner", delta=True)
    assert nothing.counts == {"attachment-files": 0}, "nothing changed since"
    assert list(curator.sync.dump()) == list(partner.sync.dump())


def _forge(
    signer: Catalogue,
    path: Path,
    entries: dict[str, bytes],
    *,
    manifest_changes: dict[str, object] | None = None,
) -> Path:
    """A bundle signed by ``signer`` holding exactly ``entries`` (hostile contents, valid seal)."""
    import datetime as dt

    from kmdesk.bundles.manifest import Entry, Manifest

    own = signer.keys.own()
    manifest = Manifest(
        bundle_id=uuid.uuid4().hex,
        kind="full",
        created=dt.datetime.now(dt.UTC).isoformat(),
        creator_installation=signer.installation_id,
        creator_name=own.name,
        public_key=own.raw,
        description="forged",
        scope={"type": "all"},
        counts={},
        volumes=1,
        entries=tuple(
            Entry(name, 1, len(data), hashlib.sha256(data).hexdigest())
            for name, data in entries.items()
        ),
    )
    raw = manifest.to_bytes()
    if manifest_changes:
        data = json.loads(raw)
        data.update(manifest_changes)
        raw = json.dumps(data, sort_keys=True).encode()
    with zipfile.ZipFile(path, "w") as archive:
        volume = {"format": "kmdesk-bundle-volume", "bundle_id": manifest.bundle_id}
        archive.writestr("volume.json", json.dumps({**volume, "volume": 1, "volumes": 1}))
        archive.writestr("manifest.json", raw)
        archive.writestr("manifest.sig", signer.keys.sign(raw))
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def _product_line(curator: Catalogue, **changes: object) -> dict[str, object]:
    record = next(r for r in curator.sync.records() if r.kind == "product")
    assert isinstance(record, SyncRecord)
    line: dict[str, object] = {
        "kind": "product",
        "id": str(record.id),
        "values": dict(record.values),
        "field_stamps": dict(record.field_stamps),
        "field_bases": dict(record.field_bases),
    }
    line.update(changes)
    return line


FUTURE = "0009999999999999-0000-" + "f" * 32


@pytest.mark.parametrize(
    ("case", "problem"),
    [
        ("future format version", "format version 2"),
        ("unknown bundle kind", "kind 'sneaky' is unknown"),
        ("bad public key", "public_key"),
        ("entry outside the format", "path traversal"),
        ("unknown record kind", "unknown kind of record"),
        ("record of another kind in the file", "misplaced kind"),
        ("not JSON", "not valid JSON"),
        ("deeply nested JSON", "not valid JSON"),
        ("NaN", "not valid JSON"),
        ("huge line", "the line is too long"),
        ("extra key", "exactly kind, id, values and stamps"),
        ("id not a UUID", "the id is not a UUID"),
        ("values not an object", "values is not an object"),
        ("stamp not text", "a stamp is not text"),
        ("field of the wrong type", "keywords"),
        ("unknown field", "is not a field of a product"),
        ("stamp from the far future", "hours ahead"),
        ("bad tombstone", "not a tombstone"),
        ("entry in the archive, not in the manifest", "not in the manifest"),
    ],
)
def test_hostile_bundles_signed_by_a_trusted_key_are_refused_and_change_nothing(
    curator: Catalogue, partner: Catalogue, tmp_path: Path, case: str, problem: str
) -> None:
    good = json.dumps(_product_line(curator)).encode() + b"\n"
    entries: dict[str, bytes] = {"records/product.jsonl": good}
    changes: dict[str, object] = {}
    extra: dict[str, bytes] = {}
    if case == "future format version":
        changes = {"format_version": 2}
    elif case == "unknown bundle kind":
        changes = {"kind": "sneaky"}
    elif case == "bad public key":
        changes = {"public_key": "AAAA"}
    elif case == "entry outside the format":
        entries = {"records/../../evil.jsonl": good}
    elif case == "unknown record kind":
        entries = {"records/spell.jsonl": b"{}\n"}
    elif case == "record of another kind in the file":
        entries = {"records/theme.jsonl": good}
    elif case == "not JSON":
        entries = {"records/product.jsonl": b"{not json\n"}
    elif case == "deeply nested JSON":
        entries = {"records/product.jsonl": b"[" * 100_000 + b"]" * 100_000 + b"\n"}
    elif case == "NaN":
        entries = {"records/product.jsonl": b'{"kind": "product", "id": NaN}\n'}
    elif case == "huge line":
        entries = {"records/product.jsonl": b'"' + b"x" * (9 * 1024 * 1024) + b'"\n'}
    elif case == "extra key":
        line = _product_line(curator, surprise=1)
        entries = {"records/product.jsonl": json.dumps(line).encode()}
    elif case == "id not a UUID":
        entries = {"records/product.jsonl": json.dumps(_product_line(curator, id="../x")).encode()}
    elif case == "values not an object":
        entries = {"records/product.jsonl": json.dumps(_product_line(curator, values=[])).encode()}
    elif case == "stamp not text":
        line = _product_line(curator)
        line["field_stamps"] = {"title": 17}
        entries = {"records/product.jsonl": json.dumps(line).encode()}
    elif case in ("field of the wrong type", "unknown field", "stamp from the far future"):
        line = _product_line(curator)
        values = dict(line["values"])  # type: ignore[call-overload]
        stamps = dict(line["field_stamps"])  # type: ignore[call-overload]
        if case == "field of the wrong type":
            values["keywords"] = "not a list"
        elif case == "unknown field":
            values["colour"] = "red"
        else:
            stamps["title"] = FUTURE
        line.update(values=values, field_stamps=stamps)
        entries = {"records/product.jsonl": json.dumps(line).encode()}
    elif case == "bad tombstone":
        tombstone = {"kind": "product", "id": str(uuid.UUID(int=5)), "stamp": 1}
        entries = {"records/tombstones.jsonl": json.dumps(tombstone).encode()}
    elif case == "entry in the archive, not in the manifest":
        extra = {"records/theme.jsonl": b"\n"}
    bundle = _forge(curator, tmp_path / "hostile.kmbundle", entries, manifest_changes=changes)
    if extra:
        with zipfile.ZipFile(bundle, "a") as archive:
            for name, data in extra.items():
                archive.writestr(name, data)
    before = _snapshot(partner.folder)
    with pytest.raises(KmdeskError, match=problem):
        import_bundle(partner, bundle)
    assert _snapshot(partner.folder) == before


def test_undoing_an_import_puts_everything_back_but_later_edits(
    curator: Catalogue, partner: Catalogue, tmp_path: Path
) -> None:
    own = partner.products.add({"title": "The partner's own guide", "product_type": "guide"})
    untouched = list(partner.sync.dump())
    export_bundle(curator, tmp_path / "full.kmbundle", peer="partner")
    import_bundle(partner, tmp_path / "full.kmbundle")
    imported = list(partner.sync.dump())
    report = partner.sync.undo_last_import()
    assert report.kept == [] and report.removed > 0
    assert list(partner.sync.dump()) == untouched, "as if it had never been imported"
    assert partner.products.get(own.id).title == "The partner's own guide"
    assert list(partner.attachments.stored_hashes()) == [], "its files went too"

    import_bundle(partner, tmp_path / "full.kmbundle")  # the undone bundle imports again
    assert list(partner.sync.dump()) == imported
    first, *_rest, last = curator.products.find()
    curator.products.update(first.id, {"summary": "Revised"})
    curator.products.delete(last.id)
    export_bundle(curator, tmp_path / "delta.kmbundle", peer="partner", delta=True)
    import_bundle(partner, tmp_path / "delta.kmbundle")
    assert last.id not in partner.products.ids()
    edited = curator.products.find()[1]
    partner.products.update(edited.id, {"subtitle": "Edited here"})  # a later edit here
    report = partner.sync.undo_last_import()
    assert last.id in partner.products.ids(), "the deleted product is back"
    assert partner.products.get(first.id).summary == FULL_PRODUCT["summary"]
    assert report.kept == [("product", edited.id)], "named in the report"
    assert partner.products.get(edited.id).subtitle == "Edited here", "the later edit stays"


def test_a_return_bundle_is_held_for_review_then_accepted_or_rejected(
    curator: Catalogue, partner: Catalogue, tmp_path: Path
) -> None:
    from kmdesk.bundles.contributions import accept, contributions, reject

    export_bundle(curator, tmp_path / "out.kmbundle")
    import_bundle(partner, tmp_path / "out.kmbundle")
    partner.keys.set_own_name("Partner in Gulu")
    curator.keys.trust(curator.keys.read(partner.keys.export(), "partner.kmkey"))
    product = partner.products.add({"title": "Notes from Gulu", "product_type": "guide"})
    need = partner.needs.add({"title": "Childcare during trainings", "theme": "local-governance"})
    partner.products.update(curator.products.find()[0].id, {"year": 2023, "date": None})
    returned = export_bundle(partner, tmp_path / "back.kmbundle", returning=True)
    assert returned.kind == "return"
    assert returned.counts["product"] == 1 and returned.counts["need"] == 1, "only what they made"

    before = set(curator.products.ids())
    import_bundle(curator, tmp_path / "back.kmbundle")
    assert set(curator.products.ids()) == before, "nothing joins before review"
    waiting = {c.title: c for c in contributions(curator)}
    assert set(waiting) == {"Notes from Gulu", "Childcare during trainings"}
    assert {c.contributor for c in waiting.values()} == {"Partner in Gulu"}
    proposed = waiting["Notes from Gulu"].values
    assert proposed["title"] == "Notes from Gulu" and "product_type" in proposed  # for review
    accepted = accept(curator, waiting["Notes from Gulu"].id)
    assert accepted.status == "accepted"
    record = curator.products.get(product.id)
    assert record.stamp.endswith(partner.installation_id), "it keeps naming who made it"
    rejected = reject(curator, waiting["Childcare during trainings"].id)
    assert rejected.status == "rejected"
    assert need.id not in {n.id for n in curator.needs.all()}
    assert contributions(curator) == []
    assert [c.title for c in contributions(curator, status="rejected")] == [
        "Childcare during trainings"
    ]


def test_the_preview_counts_a_concurrent_edit_as_a_conflict_as_the_import_does(
    curator: Catalogue, partner: Catalogue, tmp_path: Path
) -> None:
    export_bundle(curator, tmp_path / "first.kmbundle")
    import_bundle(partner, tmp_path / "first.kmbundle")
    product = curator.products.find()[0]
    partner.products.update(product.id, {"subtitle": "The partner's subtitle"})
    curator.products.update(product.id, {"subtitle": "The curator's subtitle"})
    export_bundle(curator, tmp_path / "second.kmbundle")
    with verify_bundle(partner, tmp_path / "second.kmbundle") as verified:
        changes = preview(partner, read_records(verified, tmp_path))
    assert changes.conflicting == 1
    report = import_bundle(partner, tmp_path / "second.kmbundle").report
    assert report.conflicts == 1
    (kept,) = partner.sync.conflicts()
    assert kept.value == "The partner's subtitle"


def test_a_stale_bundle_does_not_keep_a_losing_value_twice(
    curator: Catalogue, partner: Catalogue, tmp_path: Path
) -> None:
    curator.keys.trust(curator.keys.read(partner.keys.export(), "partner.kmkey"))
    product = curator.products.ids()[0]
    export_bundle(curator, tmp_path / "share.kmbundle")
    import_bundle(partner, tmp_path / "share.kmbundle")
    curator.products.update(product, {"title": "From the curator"})
    partner.products.update(product, {"title": "From the partner"})
    for name in ("old-1", "old-2"):  # the same state, written twice (to two peers, say)
        export_bundle(curator, tmp_path / f"{name}.kmbundle")
    export_bundle(partner, tmp_path / "partner.kmbundle")
    import_bundle(curator, tmp_path / "partner.kmbundle")
    import_bundle(curator, tmp_path / "old-1.kmbundle")  # its own, older bundle
    for name in ("old-1", "old-2"):
        import_bundle(partner, tmp_path / f"{name}.kmbundle")
    for catalogue in (curator, partner):
        kept = [(c.record_id, c.field, c.value, c.stamp) for c in catalogue.sync.conflicts()]
        assert len(kept) == len(set(kept)) == 1
