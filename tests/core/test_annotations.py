"""Annotations through the API: add, edit, list, delete; validation; attribution; exports."""

from __future__ import annotations

import csv
import io
import uuid

import pytest

from kmdesk.annotations.export import export_csv, export_markdown
from kmdesk.catalogue import Catalogue
from kmdesk.catalogue.profile import UserProfile, save_profile
from kmdesk.errors import NotFoundError, ValidationError
from tests.samples import FULL_PRODUCT


@pytest.fixture
def annotated(vocab_catalogue: Catalogue) -> Catalogue:
    """A catalogue with one product and a user profile."""
    vocab_catalogue.products.add(FULL_PRODUCT)
    save_profile(vocab_catalogue, UserProfile("Amina Nakato", "Civic Ledger Uganda"))
    return vocab_catalogue


def _product(catalogue: Catalogue) -> uuid.UUID:
    return catalogue.products.ids()[0]


def test_a_note_round_trips_with_its_author_tags_and_rating(annotated: Catalogue) -> None:
    product = _product(annotated)
    tags = [" Budget  tracking", "budget TRACKING", "Gulu"]
    note = annotated.annotations.add(
        str(product)[:6], body="Use *step 3* in Gulu", tags=tags, rating="4"
    )
    assert note.tags == ("Budget tracking", "Gulu"), "trimmed; one per case-folded key"
    assert (note.rating, note.visibility, note.mine) == (4, "private", True)
    assert (note.author, note.organisation) == ("Amina Nakato", "Civic Ledger Uganda")
    assert note.installation == annotated.installation_id
    assert note.product_title == FULL_PRODUCT["title"]
    assert annotated.annotations.get(str(note.id)[:8]) == note

    edited = annotated.annotations.update(
        note.id, {"body": "Step 4 instead", "tags": ["gulu", "Training"], "rating": None}
    )
    assert edited.tags == ("gulu", "Training"), "a tag typed again shows as now written"
    assert (edited.body, edited.rating) == ("Step 4 instead", None)
    record = annotated.sync.record("annotation", note.id)
    assert record.values["tags"] == [["gulu", 0], ["Training", 1]]
    assert {"tags/gulu", "tags/training", "tags/budget tracking"} <= set(record.field_stamps)
    assert record.field_stamps["rating"] > record.field_stamps["author"], "only changes stamped"

    assert [n.id for n in annotated.annotations.list(tag="TRAINING")] == [note.id]
    assert annotated.annotations.list(tag="budget tracking") == []
    assert annotated.annotations.tags() == [("gulu", 1), ("Training", 1)]
    assert annotated.annotations.delete(str(note.id)[:8]) == note.id
    assert annotated.annotations.list() == []
    with pytest.raises(NotFoundError):
        annotated.annotations.get(note.id)


def test_the_signing_key_names_the_author_without_a_profile(vocab_catalogue: Catalogue) -> None:
    product = vocab_catalogue.products.add({"title": "A guide", "product_type": "guide"})
    vocab_catalogue.keys.set_own_name("OBLA curator")
    note = vocab_catalogue.annotations.add(product.id, rating=5)
    assert (note.author, note.organisation) == ("OBLA curator", "")


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({}, "body"),
        ({"body": "x", "rating": 6}, "rating"),
        ({"body": "x", "rating": "three"}, "rating"),
        ({"body": "x", "tags": ["ok", "   "]}, "tags"),
        ({"body": "x", "tags": ["x" * 101]}, "tags"),
        ({"body": "x", "page": 2}, "page"),
        ({"quote": "a passage"}, "quote"),
        ({"body": "x", "attachment": "f" * 64}, "attachment"),
        ({"body": "bell \x07"}, "body"),
    ],
)
def test_bad_input_names_the_field_and_changes_nothing(
    annotated: Catalogue, values: dict[str, object], field: str
) -> None:
    before = list(annotated.sync.dump())
    with pytest.raises(ValidationError) as raised:
        annotated.annotations.add(_product(annotated), **values)  # type: ignore[arg-type]
    assert raised.value.field == field
    assert list(annotated.sync.dump()) == before


def test_bad_edits_and_positions_are_refused(annotated: Catalogue) -> None:
    note = annotated.annotations.add(_product(annotated), body="keep me")
    for values, field in [
        ({"colour": "red"}, "colour"),
        ({"shared": "yes"}, "shared"),
        ({"visibility": "public"}, "visibility"),
        ({"body": ""}, "body"),
    ]:
        with pytest.raises(ValidationError) as raised:
            annotated.annotations.update(note.id, values)
        assert raised.value.field == field
    assert annotated.annotations.get(note.id).body == "keep me"
    attachment_product = annotated.products.get(_product(annotated))
    assert attachment_product.attachments == ()
    with pytest.raises(ValidationError, match="position"):
        annotated.annotations.add(
            _product(annotated), body="x", position=[[1, 2, 3]]
        )  # no attachment either: the position's own shape is checked first


def test_lists_filter_by_product_visibility_and_maker(annotated: Catalogue) -> None:
    first = _product(annotated)
    second = annotated.products.add({**FULL_PRODUCT, "title": "Another guide"}).id
    mine_private = annotated.annotations.add(first, body="private")
    mine_shared = annotated.annotations.add(second, body="shared", shared=True)
    assert [n.id for n in annotated.annotations.list(product=first)] == [mine_private.id]
    assert [n.id for n in annotated.annotations.list(visibility="shared")] == [mine_shared.id]
    assert len(annotated.annotations.list(mine=True)) == 2
    assert len(annotated.annotations.list(author="amina  NAKATO")) == 2
    assert annotated.annotations.list(author="Someone Else") == []
    with pytest.raises(ValidationError):
        annotated.annotations.list(visibility="public")


def test_deleting_a_product_takes_its_notes(annotated: Catalogue) -> None:
    product = _product(annotated)
    never_shared = annotated.annotations.add(product, body="only mine")
    shared = annotated.annotations.add(product, body="for partners", shared=True)
    annotated.products.delete(product)
    assert annotated.annotations.list() == []
    lines = "\n".join(annotated.sync.dump())
    assert str(shared.id) in lines, "the shared note's deletion travels"
    assert str(never_shared.id) not in lines, "a note never shared leaves no trace"


def test_exports_to_markdown_and_csv(annotated: Catalogue) -> None:
    product = _product(annotated)
    annotated.annotations.add(product, body='=HYPERLINK("http://x")', tags=["a", "b"], rating=3)
    annotated.annotations.add(product, body="Second *note*", shared=True)
    notes = annotated.annotations.list()
    markdown = export_markdown(notes)
    assert markdown.startswith("# Notes\n")
    assert markdown.count(f"## {FULL_PRODUCT['title']}") == 1, "grouped by product"
    assert "Amina Nakato (Civic Ledger Uganda)" in markdown and "★★★☆☆" in markdown
    assert "Tags: a, b" in markdown and "Second *note*" in markdown
    rows = list(csv.DictReader(io.StringIO(export_csv(notes))))
    assert [r["body"] for r in rows] == ['\'=HYPERLINK("http://x")', "Second *note*"]
    assert rows[0]["tags"] == "a; b" and rows[1]["visibility"] == "shared"
    assert rows[0]["author"] == "Amina Nakato" and rows[0]["rating"] == "3"
