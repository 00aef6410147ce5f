"""The one write layer: what it stamps, tombstones and numbers, and the clock behind it."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from kmdesk.catalogue import Catalogue
from kmdesk.db.models import Tombstone
from kmdesk.errors import ValidationError
from kmdesk.sync.clock import ClockDriftError, Stamp
from kmdesk.sync.kinds import KINDS, ListField, person_id, term_id
from kmdesk.sync.remote import ClonedCatalogueError, SyncRecord
from tests.samples import FULL_PRODUCT

LOCAL_ONLY = {"sort_title", "seq", "stamp", "field_stamps", "id", "product_type_id", "theme_id"}


def _record(catalogue: Catalogue, kind: str, record_id: uuid.UUID) -> SyncRecord:
    return catalogue.sync.record(kind, record_id)


def _tombstones(catalogue: Catalogue) -> dict[uuid.UUID, str]:
    with catalogue.reading() as session:
        return {t.id: t.stamp for t in session.query(Tombstone)}


def _full_catalogue(catalogue: Catalogue, tmp_path: Path) -> dict[str, uuid.UUID]:
    first = catalogue.products.add({**FULL_PRODUCT, "authors": ["Ana Lima", "Bo Chen"]})
    second = catalogue.products.add({**FULL_PRODUCT, "title": "Second", "authors": ["Ana Lima"]})
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7 report")
    attachment = catalogue.products.attach(first.id, pdf)
    link = catalogue.products.link(second.id, first.id, "translation-of")
    need = catalogue.needs.add({"title": "A gap", "theme": "local-governance"})
    catalogue.needs.update(need.id, {"products": [str(first.id)]})
    collection = catalogue.collections.add("Workshop", "", [first.id, second.id])
    search = catalogue.collections.add_saved_search("Budgets", "budget", {"country": ["UG"]})
    note = catalogue.annotations.add(
        first.id, body="See page 1", tags=["budget"], rating=4, shared=True,
        attachment=attachment, page=1, quote="report", position=[[72, 700, 200, 712]],
    )  # fmt: skip
    return {
        "first": first.id,
        "second": second.id,
        "attachment": attachment.id,
        "link": link,
        "need": need.id,
        "collection": collection.id,
        "search": search.id,
        "note": note.id,
    }


def test_every_field_of_every_record_is_stamped_under_its_field_name(
    vocab_catalogue: Catalogue, tmp_path: Path
) -> None:
    _full_catalogue(vocab_catalogue, tmp_path)
    records = [r for r in vocab_catalogue.sync.records() if isinstance(r, SyncRecord)]
    assert {r.kind for r in records} == set(KINDS), "every kind is exercised"
    for record in records:
        kind = KINDS[record.kind]
        assert set(kind.by_name) <= set(record.field_stamps), record.kind
        bases = {key.split("/", 1)[0] for key in record.field_stamps}
        assert bases <= set(kind.by_name), f"{record.kind}: stamps name only fields"
        assert not bases & LOCAL_ONLY
        for spec in kind.fields:
            if isinstance(spec, ListField):
                for value, _rank in record.values[spec.name]:
                    member = spec.key_of(value)
                    assert f"{spec.name}/{member}" in record.field_stamps, (spec.name, member)
        for stamp in record.field_stamps.values():
            Stamp.parse(stamp)


def test_an_edit_stamps_exactly_what_changed(vocab_catalogue: Catalogue) -> None:
    product = vocab_catalogue.products.add(FULL_PRODUCT)
    before = _record(vocab_catalogue, "product", product.id).field_stamps
    vocab_catalogue.products.update(product.id, {"title": "New title", "keywords": ["budget"]})
    after = _record(vocab_catalogue, "product", product.id).field_stamps
    changed = {key for key in after if after[key] != before.get(key)}
    removed = {f"keywords/{k.casefold()}" for k in FULL_PRODUCT["keywords"]} - {"keywords/budget"}
    assert changed == {"title", "keywords", "keywords/budget", *removed}
    assert all(key in after for key in removed), "a removed member keeps its stamp"
    seq = vocab_catalogue.products.get(product.id).seq
    vocab_catalogue.products.update(product.id, {"title": "New title"})  # nothing changes
    assert _record(vocab_catalogue, "product", product.id).field_stamps == after
    assert vocab_catalogue.products.get(product.id).seq == seq, "an unchanged record keeps its seq"


def test_a_removed_attachment_restamps_the_positions_after_it(
    vocab_catalogue: Catalogue, tmp_path: Path
) -> None:
    product = vocab_catalogue.products.add(FULL_PRODUCT)
    attached = []
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(name)
        attached.append(vocab_catalogue.products.attach(product.id, tmp_path / name))
    first_stamp = _record(vocab_catalogue, "attachment", attached[0].id).field_stamps
    vocab_catalogue.products.remove_attachment(attached[0].id)
    for position, attachment in enumerate(attached[1:]):
        record = _record(vocab_catalogue, "attachment", attachment.id)
        assert record.values["position"] == position
        assert record.field_stamps["position"] > first_stamp["position"]
    assert attached[0].id in _tombstones(vocab_catalogue)


def test_deleting_a_product_tombstones_what_went_and_stamps_what_lost_it(
    vocab_catalogue: Catalogue, tmp_path: Path
) -> None:
    ids = _full_catalogue(vocab_catalogue, tmp_path)
    collection_before = _record(vocab_catalogue, "collection", ids["collection"])
    vocab_catalogue.products.delete(ids["first"])
    tombstones = _tombstones(vocab_catalogue)
    deletion = tombstones[ids["first"]]
    assert tombstones[ids["attachment"]] == deletion
    assert tombstones[ids["link"]] == deletion
    bo, ana = person_id("Bo Chen"), person_id("Ana Lima")
    assert tombstones[bo] == deletion, "a person no product names any more goes"
    assert ana not in tombstones, "a person another product names stays"
    collection = _record(vocab_catalogue, "collection", ids["collection"])
    assert [value for value, _rank in collection.values["items"]] == [str(ids["second"])]
    assert collection.field_stamps[f"items/{ids['first']}"] == deletion
    assert collection.values["items"] == [[str(ids["second"]), 1]], "the others keep their rank"
    assert (
        collection.field_stamps[f"items/{ids['second']}"]
        == (collection_before.field_stamps[f"items/{ids['second']}"])
    )
    need = _record(vocab_catalogue, "need", ids["need"])
    assert need.values["products"] == []
    assert need.field_stamps[f"products/{ids['first']}"] == deletion


def test_a_deleted_partnership_leaves_the_organisations_that_listed_it(
    vocab_catalogue: Catalogue,
) -> None:
    organisation = term_id("organisation", "civic-ledger-uganda")
    partnership = term_id("partnership", "open-budgets-local-action")
    vocab_catalogue.vocabularies.delete("partnership", "open-budgets-local-action")
    record = _record(vocab_catalogue, "organisation", organisation)
    assert record.values["partnerships"] == []
    deletion = _tombstones(vocab_catalogue)[partnership]
    assert record.field_stamps[f"partnerships/{partnership}"] == deletion


def test_a_deleted_id_is_not_made_again_but_a_term_made_again_comes_back(
    vocab_catalogue: Catalogue,
) -> None:
    product = vocab_catalogue.products.add(FULL_PRODUCT)
    vocab_catalogue.products.delete(product.id)
    with pytest.raises(ValidationError, match="deleted product"):
        vocab_catalogue.products.add(FULL_PRODUCT, id=product.id)
    theme = vocab_catalogue.vocabularies.add("theme", "water", {"en": "Water"})
    assert theme.id == term_id("theme", "water"), "a term's id derives from its key"
    vocab_catalogue.vocabularies.delete("theme", "water")
    deleted_at = _tombstones(vocab_catalogue)[theme.id]
    again = vocab_catalogue.vocabularies.add("theme", "water", {"en": "Water again"})
    assert again.id == theme.id
    assert theme.id not in _tombstones(vocab_catalogue)
    stamps = _record(vocab_catalogue, "theme", theme.id).field_stamps
    assert min(stamps.values()) > deleted_at


def test_people_and_links_get_the_same_id_everywhere(tmp_path: Path) -> None:
    ids = []
    for name in ("one", "two"):
        with Catalogue.open(tmp_path / name) as catalogue:
            a = catalogue.products.add({"title": "A", "product_type": "guide"}, id=uuid.UUID(int=1))
            catalogue.products.add(
                {"title": "B", "product_type": "guide", "authors": ["  Ana   LIMA "]},
                id=uuid.UUID(int=2),
            )
            link = catalogue.products.link(uuid.UUID(int=2), a.id, "builds-on")
            people = [
                r.id for r in catalogue.sync.records(kinds=["person"]) if isinstance(r, SyncRecord)
            ]
            ids.append((link, people))
    assert ids[0] == ids[1]
    assert ids[0][1] == [person_id("ana lima")]


def test_two_catalogue_objects_never_move_the_clock_backwards(vocab_catalogue: Catalogue) -> None:
    ahead = Stamp(
        Stamp.parse(str(vocab_catalogue.installation_clock.now())).wall_ms + 3_600_000, 0, "e" * 32
    )
    with Catalogue.open(vocab_catalogue.folder) as other:
        # The other process receives a record stamped an hour ahead: its clock persists that.
        product = other.products.add(FULL_PRODUCT)
        record = other.sync.record("product", product.id)
        stamps = {key: str(ahead) for key in record.field_stamps}
        other.sync.apply([SyncRecord("product", product.id, record.values, stamps)])
    # This catalogue's clock never saw it, but reads the persisted clock under the writer lock.
    later = vocab_catalogue.products.add({**FULL_PRODUCT, "title": "Later"})
    assert Stamp.parse(later.stamp) > ahead


@pytest.mark.parametrize(
    "bad",
    [
        "1-0000-" + "a" * 32,
        "0001732512345678-000-" + "a" * 32,
        "000173251234567x-0000-" + "a" * 32,
        "0001732512345678-0000-" + "A" * 32,
        "0001732512345678-0000-" + "a" * 31,
        "0001732512345678-0000-" + "a" * 32 + "-extra",
        "0001732512345678-0000-" + "g" * 32,
        17,
    ],
)
def test_stamps_from_elsewhere_are_read_strictly(vocab_catalogue: Catalogue, bad: object) -> None:
    product = vocab_catalogue.products.add(FULL_PRODUCT)
    record = vocab_catalogue.sync.record("product", product.id)
    stamps: dict[str, object] = dict(record.field_stamps)
    stamps["title"] = bad
    before = list(vocab_catalogue.sync.dump())
    with pytest.raises(ValidationError, match="not a change stamp"):
        vocab_catalogue.sync.apply_remote("product", product.id, record.values, stamps)  # type: ignore[arg-type]
    assert list(vocab_catalogue.sync.dump()) == before


def test_a_stamp_far_ahead_is_refused_unless_accepted_once(vocab_catalogue: Catalogue) -> None:
    product = vocab_catalogue.products.add(FULL_PRODUCT)
    record = vocab_catalogue.sync.record("product", product.id)
    now = Stamp.parse(str(vocab_catalogue.installation_clock.now()))
    future = Stamp(now.wall_ms + 3 * 86_400_000, 0, "f" * 32)
    values = {**record.values, "title": "From the future"}
    stamps = {**record.field_stamps, "title": str(future)}
    with pytest.raises(ClockDriftError, match=r"f{32}.*7[0-9]\.[0-9] hours ahead"):
        vocab_catalogue.sync.apply_remote("product", product.id, values, stamps)
    assert vocab_catalogue.products.get(product.id).title == FULL_PRODUCT["title"]
    vocab_catalogue.sync.apply_remote("product", product.id, values, stamps, accept_drift=True)
    assert vocab_catalogue.products.get(product.id).title == "From the future"
    assert Stamp.parse(vocab_catalogue.products.add(FULL_PRODUCT).stamp) > future


def test_changes_received_with_old_stamps_are_among_the_changes_since(
    vocab_catalogue: Catalogue,
) -> None:
    product = vocab_catalogue.products.add(FULL_PRODUCT)
    record = vocab_catalogue.sync.record("product", product.id)
    since = vocab_catalogue.sync.current_seq()
    old = "0001500000000000-0000-" + "b" * 32
    vocab_catalogue.sync.apply_remote(
        "product",
        uuid.UUID(int=7),
        {**record.values, "title": "Relayed from a partner"},
        dict.fromkeys(record.field_stamps, old),
    )
    changed = vocab_catalogue.sync.records(since_seq=since)
    assert [(r.kind, r.id) for r in changed] == [("product", uuid.UUID(int=7))]
    assert vocab_catalogue.sync.records(since_seq=vocab_catalogue.sync.current_seq()) == []


def test_a_record_stamped_with_this_installation_beyond_its_clock_means_a_clone(
    vocab_catalogue: Catalogue,
) -> None:
    product = vocab_catalogue.products.add(FULL_PRODUCT)
    record = vocab_catalogue.sync.record("product", product.id)
    mine = Stamp.parse(max(record.field_stamps.values()))
    beyond = Stamp(mine.wall_ms + 60_000, 0, vocab_catalogue.installation_id)
    with pytest.raises(ClonedCatalogueError, match="kmdesk identity --new"):
        vocab_catalogue.sync.apply_remote(
            "product",
            product.id,
            {**record.values, "title": "Written by my twin"},
            {**record.field_stamps, "title": str(beyond)},
        )
    # The catalogue's own records coming back (a return bundle) are no clone.
    report = vocab_catalogue.sync.apply_remote(
        "product", product.id, record.values, record.field_stamps
    )
    assert report.unchanged == 1


def test_the_product_field_registry_and_the_sync_kind_name_the_same_fields() -> None:
    from kmdesk.catalogue.product_fields import FIELDS

    assert [f.name for f in FIELDS] == [f.name for f in KINDS["product"].fields]
    assert {f.name for f in FIELDS if f.is_list} == {
        f.name for f in KINDS["product"].fields if isinstance(f, ListField)
    }


def test_no_write_escapes_the_write_layer(vocab_catalogue: Catalogue) -> None:
    from kmdesk.db.models import Product

    product = vocab_catalogue.products.add(FULL_PRODUCT)
    with vocab_catalogue.reading() as session:
        row = session.get(Product, product.id)
        assert row is not None
        row.title = "Changed behind the catalogue's back"
        with pytest.raises(RuntimeError, match="reading session does not write"):
            session.flush()
    with (
        pytest.raises(RuntimeError, match="outside the write layer"),
        vocab_catalogue.writing() as writer,
    ):
        row = writer.session.get(Product, product.id)
        assert row is not None
        row.title = "Changed without telling the writer"
    assert vocab_catalogue.products.get(product.id).title == FULL_PRODUCT["title"]


def test_records_show_every_field_of_the_registry() -> None:
    import dataclasses

    from kmdesk.catalogue.product_fields import FIELDS
    from kmdesk.records import ProductRecord

    shown = {f.name for f in dataclasses.fields(ProductRecord)}
    assert {f.name for f in FIELDS} <= shown
