"""Vocabulary labels, facet labels and country and language names follow the display language."""

from __future__ import annotations

from kmdesk.catalogue import Catalogue
from kmdesk.geo import country_name, language_name
from tests.samples import FULL_PRODUCT


def test_country_and_language_names_are_translated() -> None:
    assert country_name("DE", "fr") == "Allemagne"
    assert country_name("DE") == "Germany"
    assert country_name("ZZ", "fr") == "ZZ"
    assert language_name("es", "fr") == "Espagnol"
    assert language_name("en", "es") == "Inglés"


def test_switching_the_language_changes_labels_and_facets(vocab_catalogue: Catalogue) -> None:
    product = vocab_catalogue.products.add(FULL_PRODUCT)
    before = vocab_catalogue.search("")
    assert {v.value: v.label for v in before.facets["country"]}["UG"] == "Uganda"
    vocab_catalogue.set_language("fr")
    record = vocab_catalogue.products.get(product.id)
    assert "Égalité de genre et inclusion" in [t.label for t in record.themes]
    after = vocab_catalogue.search("")
    themes = {v.value: v.label for v in after.facets["theme"]}
    assert themes["gender-equality-inclusion"] == "Égalité de genre et inclusion"
    assert {v.value: v.label for v in after.facets["country"]}["UG"] == "Ouganda"
    languages = {v.value: v.label for v in after.facets["language"]}
    english = {v.value: v.label for v in before.facets["language"]}
    assert languages != english and languages["en"] == "Anglais"
