"""Bad input is refused with a message naming the field and the value, and changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from kmdesk.catalogue import Catalogue
from kmdesk.errors import ValidationError
from tests.samples import FULL_PRODUCT


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("title", "", "is required"),
        ("title", None, "is required"),
        ("title", "x" * 501, "longer than 500"),
        ("product_type", "brochure", "not a known product type"),
        ("themes", ["climate"], "not a known theme"),
        ("partnerships", ["nobody"], "not a known partnership"),
        (
            "organisations",
            ["civic-ledger-uganda:sponsor"],
            "not one of: author, publisher, partner",
        ),
        ("organisations", ["unknown-org"], "not a known organisation"),
        ("countries", ["XX"], "ISO 3166-1 alpha-2"),
        ("countries", ["Uganda"], "ISO 3166-1 alpha-2"),
        ("regions", ["Atlantis"], "UN M49"),
        ("languages", ["english"], "BCP 47"),
        ("year", 1850, "plausible year"),
        ("year", 3000, "plausible year"),
        ("year", "soon", "not a year"),
        ("date", "30/06/2022", "YYYY-MM-DD"),
        ("url", "www.example.org", "web address"),
        ("doi", "10.12/x", "DOI"),
        ("status", "archived", "not one of: draft, published, withdrawn"),
        ("colour", "blue", "not a product field"),
    ],
)
def test_bad_value_names_field_and_changes_nothing(
    vocab_catalogue: Catalogue, field: str, value: Any, words: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        vocab_catalogue.products.add({**FULL_PRODUCT, field: value})
    assert caught.value.field == field
    assert words in str(caught.value)
    assert str(caught.value).startswith(field)
    assert vocab_catalogue.products.ids() == []


def test_bad_edit_changes_nothing(vocab_catalogue: Catalogue) -> None:
    record = vocab_catalogue.products.add(FULL_PRODUCT)
    with pytest.raises(ValidationError, match="countries"):
        vocab_catalogue.products.update(record.id, {"title": "Half-applied?", "countries": ["ZZ"]})
    assert vocab_catalogue.products.get(record.id) == record


def test_date_must_fall_in_the_year(vocab_catalogue: Catalogue) -> None:
    with pytest.raises(ValidationError) as caught:
        vocab_catalogue.products.add({**FULL_PRODUCT, "year": 2021, "date": "2022-01-05"})
    assert caught.value.field == "date"


def test_values_are_normalised(vocab_catalogue: Catalogue) -> None:
    record = vocab_catalogue.products.add(
        {
            **FULL_PRODUCT,
            "title": "  Spaces   collapsed ",
            "languages": ["PT-br", "pt-BR"],
            "countries": ["ug", "UG"],
            "doi": "https://doi.org/10.5555/ABC.1",
            "status": "Draft",
        }
    )
    assert record.title == "Spaces collapsed"
    assert record.languages == ("pt-BR",)
    assert record.countries == ("UG",)
    assert record.doi == "10.5555/ABC.1"
    assert record.status == "draft"


def test_year_defaults_from_date(vocab_catalogue: Catalogue) -> None:
    values = {k: v for k, v in FULL_PRODUCT.items() if k != "year"}
    assert vocab_catalogue.products.add(values).year == 2022


def test_vocabulary_key_and_labels_are_checked(vocab_catalogue: Catalogue) -> None:
    with pytest.raises(ValidationError, match="key"):
        vocab_catalogue.vocabularies.add("theme", "Not A Key", {"en": "x"})
    with pytest.raises(ValidationError, match=r"labels\.en"):
        vocab_catalogue.vocabularies.add("theme", "no-english", {"fr": "Sans anglais"})
    with pytest.raises(ValidationError, match="already"):
        vocab_catalogue.vocabularies.add("theme", "local-governance", {"en": "Again"})
    with pytest.raises(ValidationError, match="vocabulary"):
        vocab_catalogue.vocabularies.terms("colours")
