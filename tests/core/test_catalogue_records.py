"""Every entity goes into the catalogue and comes back out the same, through the service layer."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from kmdesk.catalogue import Catalogue
from kmdesk.changes import Changes
from kmdesk.db.models import Tombstone
from kmdesk.errors import NotFoundError, ValidationError
from kmdesk.sync.clock import Stamp
from kmdesk.vocabulary import PRODUCT_TYPES, builtin_id
from tests.samples import FULL_PRODUCT


def test_product_round_trip_keeps_every_field(vocab_catalogue: Catalogue) -> None:
    record = vocab_catalogue.products.add(FULL_PRODUCT)
    again = vocab_catalogue.products.get(record.id)

    assert again == record
    assert again.title == FULL_PRODUCT["title"]
    assert again.subtitle == "A field guide for citizen monitors"
    assert again.product_type.key == "guide"
    assert [t.key for t in again.themes] == ["gender-equality-inclusion", "local-governance"]
    assert [p.key for p in again.partnerships] == ["open-budgets-local-action"]
    assert [(o.organisation.key, o.role) for o in again.organisations] == [
        ("civic-ledger-uganda", "author"),
        ("cegol", "publisher"),
    ]
    assert again.authors == ("Ronald Ssemakula", "Issa Zongo")
    assert again.countries == ("UG", "BF")
    assert again.regions == ("014", "011")
    assert again.languages == ("en", "fr")
    assert again.year == 2022
    assert again.date == dt.date(2022, 6, 30)
    assert again.doi == "10.5555/kmd.2022.0007"
    assert again.keywords == ("participatory budgeting", "elections", "social accountability")
    assert again.status == "published"


def test_product_survives_reopening_the_catalogue(vocab_catalogue: Catalogue) -> None:
    record = vocab_catalogue.products.add(FULL_PRODUCT)
    folder = vocab_catalogue.folder
    vocab_catalogue.close()
    with Catalogue.open(folder, create=False) as reopened:
        assert reopened.products.get(record.id) == record


def test_every_syncable_record_has_uuid_and_stamp(vocab_catalogue: Catalogue) -> None:
    record = vocab_catalogue.products.add(FULL_PRODUCT)
    assert isinstance(record.id, uuid.UUID)
    stamp = Stamp.parse(record.stamp)
    assert stamp.installation == vocab_catalogue.installation_id


def test_edit_stamps_only_the_changed_fields(vocab_catalogue: Catalogue) -> None:
    record = vocab_catalogue.products.add(FULL_PRODUCT)
    before = _field_stamps(vocab_catalogue, record.id)
    assert set(before) >= {"title", "themes", "countries", "summary", "status"}

    edited = vocab_catalogue.products.update(record.id, {"title": "New title", "year": 2022})
    after = _field_stamps(vocab_catalogue, record.id)

    assert edited.title == "New title"
    assert after["title"] > before["title"]
    assert after["year"] == before["year"]  # same value: not a change
    assert after["themes"] == before["themes"]
    assert edited.stamp == after["title"]


def test_edit_without_change_leaves_the_stamp(vocab_catalogue: Catalogue) -> None:
    record = vocab_catalogue.products.add(FULL_PRODUCT)
    again = vocab_catalogue.products.update(record.id, {"title": FULL_PRODUCT["title"]})
    assert again.stamp == record.stamp


def test_delete_leaves_tombstones_for_product_attachments_and_links(
    vocab_catalogue: Catalogue, tmp_path: Path
) -> None:
    original = vocab_catalogue.products.add(FULL_PRODUCT)
    translation = vocab_catalogue.products.add(
        {**FULL_PRODUCT, "title": "Suivre les promesses budgétaires", "languages": ["fr"]}
    )
    link_id = vocab_catalogue.products.link(translation.id, original.id, "translation-of")
    pdf = tmp_path / "guide.pdf"
    pdf.write_bytes(b"%PDF-1.4 not really a pdf, but bytes to store")
    attachment = vocab_catalogue.products.attach(original.id, pdf)
    stored = vocab_catalogue.products.attachment_path(attachment.sha256)
    assert stored.is_file()

    vocab_catalogue.products.delete(original.id)

    with pytest.raises(NotFoundError):
        vocab_catalogue.products.get(original.id)
    with vocab_catalogue.reading() as session:
        tombstones = {t.id: t.entity for t in session.scalars(select(Tombstone))}
    assert tombstones == {
        original.id: "product",
        attachment.id: "attachment",
        link_id: "product_link",
    }
    assert vocab_catalogue.products.get(translation.id).links == ()
    assert not stored.exists(), "a file no attachment refers to is removed"


def test_shared_attachment_file_is_kept_while_referenced(
    vocab_catalogue: Catalogue, tmp_path: Path
) -> None:
    first = vocab_catalogue.products.add(FULL_PRODUCT)
    second = vocab_catalogue.products.add({**FULL_PRODUCT, "title": "Another"})
    pdf = tmp_path / "same.pdf"
    pdf.write_bytes(b"identical content")
    a = vocab_catalogue.products.attach(first.id, pdf)
    b = vocab_catalogue.products.attach(second.id, pdf)
    assert a.sha256 == b.sha256
    vocab_catalogue.products.delete(first.id)
    assert vocab_catalogue.products.attachment_path(a.sha256).is_file()
    vocab_catalogue.products.remove_attachment(b.id)
    assert not vocab_catalogue.products.attachment_path(a.sha256).exists()


def test_attachment_is_stored_by_content_not_by_name(
    vocab_catalogue: Catalogue, tmp_path: Path
) -> None:
    record = vocab_catalogue.products.add(FULL_PRODUCT)
    source = tmp_path / "Rapport final (v2).pdf"
    source.write_bytes(b"%PDF-1.7\n" + b"x" * 5000)
    attachment = vocab_catalogue.products.attach(record.id, source)
    path = vocab_catalogue.products.attachment_path(attachment.sha256)
    assert path.name == attachment.sha256
    assert path.parent.name == attachment.sha256[:2]
    assert path.read_bytes() == source.read_bytes()
    assert attachment.file_name == "Rapport final (v2).pdf"
    assert attachment.media_type == "application/pdf"
    assert attachment.size == 5009
    assert vocab_catalogue.products.get(record.id).attachments == (attachment,)


def test_links_are_seen_from_both_products(vocab_catalogue: Catalogue) -> None:
    first = vocab_catalogue.products.add(FULL_PRODUCT)
    second = vocab_catalogue.products.add({**FULL_PRODUCT, "title": "Second edition"})
    vocab_catalogue.products.link(second.id, first.id, "version-of")
    (outgoing,) = vocab_catalogue.products.get(second.id).links
    (incoming,) = vocab_catalogue.products.get(first.id).links
    assert (outgoing.link_type, outgoing.outgoing, outgoing.product_id) == (
        "version-of",
        True,
        first.id,
    )
    assert (incoming.outgoing, incoming.product_id, incoming.product_title) == (
        False,
        second.id,
        "Second edition",
    )
    with pytest.raises(ValidationError, match="link_type"):
        vocab_catalogue.products.link(second.id, first.id, "copy-of")
    with pytest.raises(ValidationError, match="itself"):
        vocab_catalogue.products.link(first.id, first.id, "related")


def test_vocabulary_terms_have_translatable_labels(vocab_catalogue: Catalogue) -> None:
    themes = {t.key: t for t in vocab_catalogue.vocabularies.terms("theme")}
    assert themes["local-governance"].labels["fr"] == "Communautés et gouvernance locale"
    vocab_catalogue.language = "fr"
    labels = {t.key: t.label for t in vocab_catalogue.vocabularies.terms("theme")}
    assert labels["gender-equality-inclusion"] == "Égalité de genre et inclusion"
    updated = vocab_catalogue.vocabularies.update(
        "theme", "local-governance", {"es": "Gobernanza local"}
    )
    assert updated.labels["es"] == "Gobernanza local"
    assert updated.labels["en"] == "Communities in local governance"


def test_built_in_product_types_have_the_same_ids_everywhere(tmp_path: Path) -> None:
    with Catalogue.open(tmp_path / "a") as a, Catalogue.open(tmp_path / "b") as b:
        assert {t.key: t.id for t in a.vocabularies.terms("product-type")} == {
            t.key: t.id for t in b.vocabularies.terms("product-type")
        }
        assert a.installation_id != b.installation_id
    assert builtin_id("product-type", "guide") in {
        t.id for t in Catalogue.open(tmp_path / "a").vocabularies.terms("product-type")
    }
    assert set(PRODUCT_TYPES) == {
        "guide",
        "toolkit",
        "method",
        "case-study",
        "research-report",
        "policy-brief",
        "training-module",
        "video",
        "dataset",
        "other",
    }


def test_term_in_use_cannot_be_deleted(vocab_catalogue: Catalogue) -> None:
    vocab_catalogue.products.add(FULL_PRODUCT)
    with pytest.raises(ValidationError, match="still used"):
        vocab_catalogue.vocabularies.delete("theme", "local-governance")
    vocab_catalogue.vocabularies.add("theme", "spare-theme", {"en": "Spare"})
    vocab_catalogue.vocabularies.delete("theme", "spare-theme")
    assert "spare-theme" not in {t.key for t in vocab_catalogue.vocabularies.terms("theme")}


def test_knowledge_need_round_trip(vocab_catalogue: Catalogue) -> None:
    product = vocab_catalogue.products.add(FULL_PRODUCT)
    need = vocab_catalogue.needs.add(
        {
            "title": "Tracking participatory budgeting commitments after elections",
            "description": "New councils drop the commitments of the old ones.",
            "theme": "local-governance",
            "raised_by": "partnership:open-budgets-local-action",
            "priority": "high",
            "products": [str(product.id)[:8]],
        }
    )
    again = vocab_catalogue.needs.get(need.id)
    assert again == need
    assert again.theme is not None and again.theme.key == "local-governance"
    assert again.raised_by is not None and again.raised_by.key == "open-budgets-local-action"
    assert again.raised_by_kind == "partnership"
    assert again.priority == "high" and again.status == "open"
    assert again.products == (product.id,)
    assert vocab_catalogue.products.get(product.id).needs == (need.id,)

    other = vocab_catalogue.needs.add(
        {"title": "A gap nobody has filled", "raised_by": "organisation:cegol"}
    )
    assert [n.id for n in vocab_catalogue.needs.all(unanswered=True)] == [other.id]
    vocab_catalogue.needs.update(other.id, {"status": "addressed"})
    assert vocab_catalogue.needs.get(other.id).status == "addressed"
    vocab_catalogue.needs.delete(other.id)
    assert [n.id for n in vocab_catalogue.needs.all()] == [need.id]


def test_collection_keeps_its_order(vocab_catalogue: Catalogue) -> None:
    a = vocab_catalogue.products.add({**FULL_PRODUCT, "title": "A"})
    b = vocab_catalogue.products.add({**FULL_PRODUCT, "title": "B"})
    c = vocab_catalogue.products.add({**FULL_PRODUCT, "title": "C"})
    collection = vocab_catalogue.collections.add(
        "Workshop in Gulu", "Materials for the May workshop", [c.id, a.id, b.id]
    )
    assert collection.products == (c.id, a.id, b.id)
    reordered = vocab_catalogue.collections.update(collection.id, products=[b.id, c.id])
    assert reordered.products == (b.id, c.id)
    (listed,) = vocab_catalogue.collections.all()
    assert listed == reordered
    vocab_catalogue.products.delete(c.id)
    (listed,) = vocab_catalogue.collections.all()
    assert listed.products == (b.id,)
    assert listed.stamp > reordered.stamp, "removing a member is a change of the collection"


def test_saved_search_round_trip(vocab_catalogue: Catalogue) -> None:
    saved = vocab_catalogue.collections.add_saved_search(
        "Budget work in Uganda", "participatory budgeting", {"country": ["UG"]}, "year"
    )
    assert vocab_catalogue.collections.saved_searches() == [saved]
    assert saved.filters == {"country": ["UG"]} and saved.sort == "year"
    with pytest.raises(ValidationError, match="country"):
        vocab_catalogue.collections.add_saved_search("Bad", "", {"country": ["Atlantis"]})
    vocab_catalogue.collections.delete_saved_search(saved.id)
    assert vocab_catalogue.collections.saved_searches() == []


def test_filters_select_products(vocab_catalogue: Catalogue) -> None:
    older = vocab_catalogue.products.add(
        {
            **FULL_PRODUCT,
            "title": "Older",
            "year": 2017,
            "date": None,
            "themes": ["local-governance"],
        }
    )
    newer = vocab_catalogue.products.add(
        {
            **FULL_PRODUCT,
            "title": "Newer",
            "year": 2024,
            "date": None,
            "countries": ["KE"],
            "themes": ["gender-equality-inclusion"],
            "languages": ["pt-BR"],
        }
    )
    ids = vocab_catalogue.products.ids
    assert ids({"year": ["2016..2020"]}) == [older.id]
    assert ids({"year": ["2020.."]}) == [newer.id]
    assert ids({"country": ["ke"]}) == [newer.id]
    assert ids({"theme": ["local-governance"]}) == [older.id]
    assert ids({"theme": ["Gender equality and inclusion"]}) == [newer.id]
    assert ids({"language": ["pt"]}) == [newer.id]
    assert ids({"organisation": ["CLU"]}, sort="year") == [newer.id, older.id]
    assert ids({"country": ["KE", "UG"]}) == [newer.id, older.id]  # one field: any value
    assert ids({"country": ["KE"], "year": ["2017"]}) == []  # two fields: all of them
    with pytest.raises(ValidationError, match="filter theme"):
        ids({"theme": ["climate"]})


def test_unique_prefix_finds_a_product(vocab_catalogue: Catalogue) -> None:
    record = vocab_catalogue.products.add(FULL_PRODUCT)
    assert vocab_catalogue.products.get(str(record.id)[:8]).id == record.id
    assert vocab_catalogue.products.get(str(record.id).upper()).id == record.id
    with pytest.raises(NotFoundError):
        vocab_catalogue.products.get("zzzz-not-an-id")
    with pytest.raises(NotFoundError):
        vocab_catalogue.products.get(str(uuid.uuid4()))


def test_writes_announce_what_changed(vocab_catalogue: Catalogue) -> None:
    seen: list[Changes] = []
    unsubscribe = vocab_catalogue.subscribe(seen.append)
    record = vocab_catalogue.products.add(FULL_PRODUCT)
    vocab_catalogue.products.update(record.id, {"title": "Renamed"})
    vocab_catalogue.products.delete(record.id)
    unsubscribe()
    vocab_catalogue.products.add(FULL_PRODUCT)
    assert [c.products for c in seen] == [{record.id}, {record.id}, set()]
    assert seen[2].deleted_products == {record.id}
    assert len(seen) == 3


def _field_stamps(catalogue: Catalogue, product_id: uuid.UUID) -> dict[str, str]:
    from kmdesk.db.models import Product

    with catalogue.reading() as session:
        product = session.get(Product, product_id)
        assert product is not None
        return dict(product.field_stamps)


def test_titles_sort_ignoring_accents_case_and_quotes(vocab_catalogue: Catalogue) -> None:
    for title in ("Youth councils", "Économie féministe", "« Budget » first", "egalité", "Zebra"):
        vocab_catalogue.products.add({**FULL_PRODUCT, "title": title})
    titles = [p.title for p in vocab_catalogue.products.find()]
    assert titles == [
        "« Budget » first",
        "Économie féministe",
        "egalité",
        "Youth councils",
        "Zebra",
    ]


def test_organisation_kind_does_not_clash_with_the_vocabulary_kind(catalogue: Catalogue) -> None:
    catalogue.vocabularies.add(
        "organisation", "river-network", {"en": "River Network"}, kind="network"
    )
    catalogue.vocabularies.update("organisation", "river-network", None, kind="ngo")
    (term,) = catalogue.vocabularies.terms("organisation")
    assert term.key == "river-network"
