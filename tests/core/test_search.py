"""Search: ranking, languages, facets, snippets, suggestions, and an index that stays in step."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest

from kmdesk.catalogue import Catalogue
from kmdesk.search.query import QueryError
from tests.samples import FULL_PRODUCT

BASE: dict[str, Any] = {
    "product_type": "guide",
    "themes": ["local-governance"],
    "countries": ["UG"],
    "languages": ["en"],
    "year": 2020,
}


def add(catalogue: Catalogue, title: str, summary: str = "", **values: Any) -> uuid.UUID:
    return catalogue.products.add({**BASE, "title": title, "summary": summary, **values}).id


def ids(catalogue: Catalogue, query: str, **options: Any) -> list[uuid.UUID]:
    return [hit.id for hit in catalogue.search(query, limit=100, **options).hits]


def test_title_match_ranks_above_body_only_match(vocab_catalogue: Catalogue) -> None:
    body = add(
        vocab_catalogue,
        "Coastal livelihoods guide",
        "Restoring mangrove belts protects fishing villages from storms.",
    )
    title = add(
        vocab_catalogue,
        "Mangrove restoration in practice",
        "A guide for coastal communities planting trees on mudflats.",
    )
    assert ids(vocab_catalogue, "mangrove") == [title, body]


def test_all_terms_are_required_and_beat_some_terms(vocab_catalogue: Catalogue) -> None:
    both = add(vocab_catalogue, "Water committees", "Tariffs set by water committees.")
    one = add(vocab_catalogue, "Water quality", "Testing wells for arsenic.")
    assert ids(vocab_catalogue, "water tariffs") == [both]
    assert ids(vocab_catalogue, "water OR tariffs") == [both, one]
    assert ids(vocab_catalogue, "water NOT tariffs") == [one]
    assert ids(vocab_catalogue, "(arsenic OR tariffs) water") == [both, one] or ids(
        vocab_catalogue, "(arsenic OR tariffs) water"
    ) == [one, both]


@pytest.mark.parametrize(
    ("language", "indexed", "queries"),
    [
        ("es", "Presupuestos con enfoque de género", ["genero", "género", "GÉNERO", "Genero"]),
        (
            "fr",
            "Le budget participatif des communes",
            ["budgets participatifs", "budget participatif", "BUDGET PARTICIPATIF"],
        ),
        (
            "pt",
            "Orçamento participativo nas comunidades",
            ["orcamento participativos", "comunidade"],
        ),
        ("en", "Communities monitoring budgets", ["community monitor", "budget"]),
        ("nl", "Gemeenten en participatieve begrotingen", ["gemeente begroting"]),
    ],
)
def test_accents_case_and_stemming_per_language(
    vocab_catalogue: Catalogue, language: str, indexed: str, queries: list[str]
) -> None:
    target = add(vocab_catalogue, indexed, languages=[language])
    add(vocab_catalogue, "Unrelated report on fisheries", languages=[language])
    for query in queries:
        assert ids(vocab_catalogue, query) == [target], query


def test_product_is_found_through_its_translations_title(vocab_catalogue: Catalogue) -> None:
    english = add(vocab_catalogue, "Tracking council promises", "How monitors follow pledges.")
    french = add(vocab_catalogue, "Suivre les engagements des conseils", languages=["fr"])
    vocab_catalogue.products.link(french, english, "translation-of")
    assert set(ids(vocab_catalogue, "engagements conseils")) == {english, french}
    assert ids(vocab_catalogue, "engagements conseils")[0] == french


def test_facets_count_and_filters_combine(vocab_catalogue: Catalogue) -> None:
    a = add(vocab_catalogue, "Land rights guide A", countries=["UG"], year=2018)
    b = add(
        vocab_catalogue,
        "Land rights guide B",
        countries=["BF"],
        year=2019,
        themes=["gender-equality-inclusion"],
    )
    c = add(
        vocab_catalogue, "Land rights guide C", countries=["BF"], year=2021, product_type="toolkit"
    )
    results = vocab_catalogue.search("land rights")
    counts = {f: {v.value: v.count for v in values} for f, values in results.facets.items()}
    assert counts["country"] == {"BF": 2, "UG": 1}
    assert counts["type"] == {"guide": 2, "toolkit": 1}
    assert counts["year"] == {"2018": 1, "2019": 1, "2021": 1}
    assert counts["theme"] == {"local-governance": 2, "gender-equality-inclusion": 1}
    labels = {v.value: v.label for v in results.facets["theme"]}
    assert labels["local-governance"] == "Communities in local governance"

    filtered = vocab_catalogue.search("land rights", filters={"country": ["bf"]})
    assert {h.id for h in filtered.hits} == {b, c}
    by_country = {v.value: (v.count, v.selected) for v in filtered.facets["country"]}
    assert by_country == {"BF": (2, True), "UG": (1, False)}, "a facet ignores its own filter"
    assert {v.value: v.count for v in filtered.facets["type"]} == {"guide": 1, "toolkit": 1}

    both = vocab_catalogue.search(
        "land", filters={"country": ["Burkina Faso" if False else "BF"], "year": ["2019..2020"]}
    )
    assert [h.id for h in both.hits] == [b]
    assert {h.id for h in vocab_catalogue.search("", filters={"type": ["Toolkit"]}).hits} == {c}
    assert ids(vocab_catalogue, "land", filters={"year": ["..2018"]}) == [a]


def test_field_queries(vocab_catalogue: Catalogue) -> None:
    in_title = add(
        vocab_catalogue,
        "Scorecards for clinics",
        "Community monitoring.",
        organisations=["CLU"],
        year=2017,
    )
    in_text = add(vocab_catalogue, "Clinic accountability", "Scorecards used in Gulu.", year=2022)
    assert ids(vocab_catalogue, "title:scorecards") == [in_title]
    assert ids(vocab_catalogue, "org:CLU") == [in_title]
    assert ids(vocab_catalogue, 'org:"Civic Ledger"') == [in_title]
    assert ids(vocab_catalogue, "year:2020..2023 scorecards") == [in_text]
    assert ids(vocab_catalogue, "country:uganda scorecards", sort="year") == [in_text, in_title]
    assert ids(vocab_catalogue, "theme:governance clinic*", sort="title") == [in_text, in_title]


def test_sorting(vocab_catalogue: Catalogue) -> None:
    old = add(vocab_catalogue, "Zebra crossings audit", year=2016)
    new = add(vocab_catalogue, "Audit of école buildings", year=2024)
    assert ids(vocab_catalogue, "audit", sort="year") == [new, old]
    assert ids(vocab_catalogue, "audit", sort="title") == [new, old]
    with pytest.raises(QueryError):
        vocab_catalogue.search("audit", sort="colour")


def test_prefix_matching_as_you_type(vocab_catalogue: Catalogue) -> None:
    target = add(vocab_catalogue, "Participatory budgeting in wards")
    assert ids(vocab_catalogue, "budg", prefix_last=True) == [target]
    assert ids(vocab_catalogue, "participatory budg", prefix_last=True) == [target]
    assert ids(vocab_catalogue, "budg") == []
    assert ids(vocab_catalogue, "budg*") == [target]


def test_snippets_highlight_matches_in_summary_and_attachment(
    vocab_catalogue: Catalogue, tmp_path: Path
) -> None:
    product = add(vocab_catalogue, "Field notes", "Notes from <three> districts about boreholes.")
    report = tmp_path / "report.txt"
    report.write_text("Chapter 4. The hand pumps failed after the floods of 2019. " * 3)
    vocab_catalogue.products.attach(product, report)
    (hit,) = vocab_catalogue.search("boreholes").hits
    assert "<mark>boreholes</mark>" in hit.snippet
    assert "&lt;three&gt;" in hit.snippet, "text around matches is escaped"
    (hit,) = vocab_catalogue.search("pumps floods").hits
    assert "<mark>pumps</mark>" in hit.snippet and "<mark>floods</mark>" in hit.snippet
    (hit,) = vocab_catalogue.search("pumps", snippets=False).hits
    assert hit.snippet == ""


def test_did_you_mean(vocab_catalogue: Catalogue) -> None:
    target = add(vocab_catalogue, "Mangrove restoration monitoring")
    results = vocab_catalogue.search("mangrive monitoring")
    assert results.total == 1 and results.notes  # found by "monitoring" alone, with a note
    assert results.suggestion == "mangrove monitoring"
    assert ids(vocab_catalogue, results.suggestion) == [target]
    assert vocab_catalogue.search("mangrove").suggestion is None


def test_changes_are_searchable_at_once(vocab_catalogue: Catalogue, tmp_path: Path) -> None:
    assert vocab_catalogue.search("anything").total == 0  # builds the (empty) index
    product = add(vocab_catalogue, "Seed banks in the Cerrado")
    assert ids(vocab_catalogue, "seed banks") == [product]
    vocab_catalogue.products.update(product, {"title": "Community seed vaults"})
    assert ids(vocab_catalogue, "cerrado") == []
    assert vocab_catalogue.search("seed banks").notes  # "seed" only now
    assert ids(vocab_catalogue, "vaults") == [product]
    vocab_catalogue.vocabularies.update(
        "theme", "local-governance", {"fr": "Gouvernance locale vivante"}
    )
    assert ids(vocab_catalogue, "vivante") == [product]
    vocab_catalogue.products.delete(product)
    assert ids(vocab_catalogue, "vaults") == []
    assert vocab_catalogue.index_drift().ok


def test_malformed_queries_get_a_message(vocab_catalogue: Catalogue) -> None:
    add(vocab_catalogue, "Anything")
    with pytest.raises(QueryError, match="unknown field 'colour'"):
        vocab_catalogue.search("colour:blue")
    with pytest.raises(QueryError, match="quotation mark"):
        vocab_catalogue.search('"open phrase')
    for odd in ("((", "AND", "NOT", ")", "title:", "^^^", "***", "year:..", "a OR OR b"):
        vocab_catalogue.search(odd)  # odd but harmless: no exception


def test_stop_words_do_not_block_other_languages(vocab_catalogue: Catalogue) -> None:
    french = add(vocab_catalogue, "La gestion de l'eau", languages=["fr"])
    english = add(vocab_catalogue, "The management of water")
    assert ids(vocab_catalogue, "gestion de l'eau") == [french]
    assert ids(vocab_catalogue, "the management of water") == [english]


def test_full_product_is_found_by_every_kind_of_field(vocab_catalogue: Catalogue) -> None:
    product = vocab_catalogue.products.add(FULL_PRODUCT).id
    for query in (
        "Ssemakula",
        "Uganda",
        "Burkina",
        "elections",
        "OBLA",
        "Égalité",
        "citizen monitors",
        "Eastern Africa",
        "guide",
    ):
        assert ids(vocab_catalogue, query) == [product], query


def test_long_queries_rank_by_how_many_words_match(vocab_catalogue: Catalogue) -> None:
    every = add(vocab_catalogue, "River flow monitoring below dams by communities")
    most = add(vocab_catalogue, "River monitoring by communities")
    few = add(vocab_catalogue, "Dams and irrigation")
    found = ids(vocab_catalogue, "community monitoring of river flows below dams")
    assert found[:2] == [every, most]
    assert few in found
    assert ids(vocab_catalogue, "river dams") == [every], "short queries still need every word"


def test_facet_counts_survive_a_new_process_through_their_cache(vocab_catalogue: Catalogue) -> None:
    add(vocab_catalogue, "Land rights guide A", countries=["UG"])
    add(vocab_catalogue, "Land rights guide B", countries=["BF"])
    first = vocab_catalogue.search("land").facets
    cached = list(vocab_catalogue.index_dir.glob("kmdesk-facets-*.bin"))
    assert cached
    folder = vocab_catalogue.folder
    vocab_catalogue.close()
    for path in cached[:1]:
        path.write_bytes(b"damaged")  # a damaged cache file is recomputed, not trusted
    with Catalogue.open(folder) as reopened:
        assert reopened.search("land").facets == first
