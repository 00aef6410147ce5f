"""A product is found by a word of a note on it; tags are a facet; "annotated by me" filters."""

from __future__ import annotations

import pytest

from kmdesk.catalogue import Catalogue
from kmdesk.errors import ValidationError
from tests.core.test_search import add, ids


def test_a_product_is_found_by_a_word_of_its_note(vocab_catalogue: Catalogue) -> None:
    noted = add(vocab_catalogue, "Village savings groups", "How groups keep records.")
    other = add(vocab_catalogue, "Cooperative bookkeeping", "Ledgers for cooperatives.")
    vocab_catalogue.ensure_index()
    assert ids(vocab_catalogue, "zanzibar") == []
    note = vocab_catalogue.annotations.add(
        noted, body="Used this with the **Zanzibar** seaweed farmers.", tags=["Field tested"]
    )
    assert ids(vocab_catalogue, "zanzibar") == [noted]  # a private note: searched here only
    (hit,) = vocab_catalogue.search("zanzibar").hits
    assert hit.snippet_source == "note", "the snippet shows why it was found"
    assert "<mark>Zanzibar</mark> seaweed" in hit.snippet
    (hit,) = vocab_catalogue.search("records zanzibar").hits
    assert hit.snippet_source == "summary" and "<mark>records</mark>" in hit.snippet
    assert ids(vocab_catalogue, "seaweed farmer", prefix_last=True) == [noted]
    results = vocab_catalogue.search("")
    tags = {value.value: (value.label, value.count) for value in results.facets["tag"]}
    assert tags == {"field tested": ("Field tested", 1)}
    assert ids(vocab_catalogue, "", filters={"tag": ["FIELD TESTED"]}) == [noted]
    assert ids(vocab_catalogue, "", filters={"annotated": ["me"]}) == [noted]
    assert ids(vocab_catalogue, "", filters={"annotated": ["others"]}) == []
    annotated = {v.value: v.label for v in results.facets["annotated"]}
    assert annotated == {"mine": "by me"}
    assert other not in ids(vocab_catalogue, "", filters={"annotated": ["mine"]})
    # The same filters select products outside search: listing, bundles, saved searches.
    products = vocab_catalogue.products
    assert products.ids({"tag": ["field TESTED"]}) == [noted]
    assert products.ids({"annotated": ["mine"]}) == [noted]
    assert products.ids({"annotated": ["others"]}) == []
    assert products.ids({"tag": ["never used"]}) == []
    vocab_catalogue.collections.add_saved_search("Field tested", "", {"tag": ["Field tested"]})

    vocab_catalogue.annotations.update(note.id, {"body": "Tried in Pemba.", "tags": []})
    assert ids(vocab_catalogue, "zanzibar") == []
    assert ids(vocab_catalogue, "pemba") == [noted]
    vocab_catalogue.annotations.delete(note.id)
    assert ids(vocab_catalogue, "pemba") == []
    assert vocab_catalogue.search("").facets["tag"] == ()


def test_bad_note_filters_name_the_problem(vocab_catalogue: Catalogue) -> None:
    with pytest.raises(ValidationError, match="annotated"):
        vocab_catalogue.search("", filters={"annotated": ["everyone"]})
    with pytest.raises(ValidationError, match="tag"):
        vocab_catalogue.search("", filters={"tag": ["  "]})


def test_a_note_written_by_another_process_is_searchable(vocab_catalogue: Catalogue) -> None:
    noted = add(vocab_catalogue, "Village savings groups", "")
    vocab_catalogue.ensure_index()
    with Catalogue.open(vocab_catalogue.folder) as other:
        other.annotations.add(noted, body="Great with Kilifi youth groups.")
    changes = vocab_catalogue.outside_changes()
    assert noted in changes.annotations
    assert ids(vocab_catalogue, "kilifi") == [noted]
