"""The knowledge map's counts, the products behind a cell, and suggested products for a need."""

from __future__ import annotations

import time
import uuid

import pytest

from kmdesk.catalogue import Catalogue
from kmdesk.catalogue.knowledge_map import (
    build_map,
    cell_products,
    needs_map,
    partnerships_map,
    product_titles,
    types_map,
)
from kmdesk.changes import Changes
from kmdesk.errors import NotFoundError, ValidationError
from kmdesk.search.similar import guess_language

GOVERNANCE = "local-governance"
GENDER = "gender-equality-inclusion"
OBLA = "open-budgets-local-action"


@pytest.fixture
def mapped(vocab_catalogue: Catalogue) -> dict[str, uuid.UUID]:
    """Four products and four needs with known links (see each test's expectations)."""
    add = vocab_catalogue.products.add
    ids = {
        "both": add(
            {
                "title": "A both-themes guide",
                "product_type": "guide",
                "themes": [GOVERNANCE, GENDER],
                "partnerships": [OBLA],
            }
        ).id,
        "governance": add(
            {
                "title": "B governance toolkit",
                "product_type": "toolkit",
                "themes": [GOVERNANCE],
                "partnerships": [OBLA],
            }
        ).id,
        "gender": add({"title": "C gender guide", "product_type": "guide", "themes": [GENDER]}).id,
        "untagged": add({"title": "D method without theme", "product_type": "method"}).id,
    }
    needs = vocab_catalogue.needs
    ids["need_governance"] = needs.add(
        {
            "title": "Governance need",
            "theme": GOVERNANCE,
            "products": [ids["both"], ids["governance"]],
        }
    ).id
    ids["need_gender_answered"] = needs.add(
        {"title": "Gender need answered", "theme": GENDER, "products": [ids["untagged"]]}
    ).id
    ids["need_gender_open"] = needs.add({"title": "Gender need open", "theme": GENDER}).id
    ids["need_no_theme"] = needs.add(
        {"title": "Need without theme", "products": [ids["gender"]]}
    ).id
    return ids


def test_needs_map_counts_products_per_need_and_theme(
    vocab_catalogue: Catalogue, mapped: dict[str, uuid.UUID]
) -> None:
    knowledge = needs_map(vocab_catalogue)

    assert [c.key for c in knowledge.columns] == [GOVERNANCE, GENDER]  # by label
    assert [c.label for c in knowledge.columns] == [
        "Communities in local governance",
        "Gender equality and inclusion",
    ]
    # Rows grouped by the need's theme (in column order), needs without a theme last.
    assert [r.label for r in knowledge.rows] == [
        "Governance need",
        "Gender need answered",
        "Gender need open",
        "Need without theme",
    ]
    assert [r.group for r in knowledge.rows] == [
        "Communities in local governance",
        "Gender equality and inclusion",
        "Gender equality and inclusion",
        "",
    ]
    assert knowledge.counts == ((2, 1), (0, 0), (0, 0), (0, 1))
    assert knowledge.row_totals == (2, 1, 0, 1)
    assert knowledge.home_columns == (0, 1, 1, None)
    assert knowledge.unanswered == {str(mapped["need_gender_open"])}
    assert knowledge.maximum == 2
    assert knowledge.count(str(mapped["need_governance"]), GENDER) == 1
    assert "Priority: medium" in knowledge.rows[0].detail
    # The same unanswered needs as the needs part says.
    assert {str(n.id) for n in vocab_catalogue.needs.all(unanswered=True)} == knowledge.unanswered


def test_types_and_partnerships_maps(
    vocab_catalogue: Catalogue, mapped: dict[str, uuid.UUID]
) -> None:
    types = types_map(vocab_catalogue)
    assert [r.key for r in types.rows] == [GOVERNANCE, GENDER]
    assert "guide" in [c.key for c in types.columns] and "Toolkit" in [
        c.label for c in types.columns
    ]
    assert types.count(GOVERNANCE, "guide") == 1
    assert types.count(GOVERNANCE, "toolkit") == 1
    assert types.count(GENDER, "guide") == 2
    assert types.count(GENDER, "toolkit") == 0
    assert types.count(GENDER, "method") == 0  # the method has no theme
    assert types.row_totals == (2, 2)
    assert sum(map(sum, types.counts)) == 4

    partnerships = partnerships_map(vocab_catalogue)
    assert [r.key for r in partnerships.rows] == [OBLA]
    assert partnerships.rows[0].detail == "Open Budgets, Local Action (OBLA)"
    assert partnerships.counts == ((2, 1),)
    assert partnerships.row_totals == (2,)
    assert build_map(vocab_catalogue, "types") == types


def test_cell_products_lists_the_products_behind_a_cell(
    vocab_catalogue: Catalogue, mapped: dict[str, uuid.UUID]
) -> None:
    need = str(mapped["need_governance"])
    assert cell_products(vocab_catalogue, "needs", need, GOVERNANCE) == [
        mapped["both"],
        mapped["governance"],
    ]
    assert cell_products(vocab_catalogue, "needs", need, GENDER) == [mapped["both"]]
    assert cell_products(vocab_catalogue, "needs", need, None) == [
        mapped["both"],
        mapped["governance"],
    ]
    open_need = str(mapped["need_gender_open"])
    assert cell_products(vocab_catalogue, "needs", open_need, None) == []
    assert cell_products(vocab_catalogue, "types", GENDER, "guide") == [
        mapped["both"],
        mapped["gender"],
    ]
    assert cell_products(vocab_catalogue, "partnerships", OBLA, GENDER) == [mapped["both"]]
    assert cell_products(vocab_catalogue, "partnerships", OBLA, None) == [
        mapped["both"],
        mapped["governance"],
    ]
    assert product_titles(vocab_catalogue, [mapped["gender"], mapped["both"]]) == [
        (mapped["gender"], "C gender guide"),
        (mapped["both"], "A both-themes guide"),
    ]


def test_bad_map_references_are_refused(
    vocab_catalogue: Catalogue, mapped: dict[str, uuid.UUID]
) -> None:
    with pytest.raises(ValidationError, match="map"):
        build_map(vocab_catalogue, "colours")
    with pytest.raises(ValidationError, match="map"):
        cell_products(vocab_catalogue, "colours", GENDER, None)
    with pytest.raises(NotFoundError, match="water"):
        cell_products(vocab_catalogue, "types", "water", "guide")
    with pytest.raises(NotFoundError, match="knowledge need"):
        cell_products(vocab_catalogue, "needs", "not-an-id", None)
    with pytest.raises(NotFoundError):
        needs_map(vocab_catalogue).row_index("nothing")


def test_maps_of_the_demo_are_fast(demo_catalogue: Catalogue) -> None:
    started = time.perf_counter()
    maps = [build_map(demo_catalogue, kind) for kind in ("needs", "types", "partnerships")]
    assert time.perf_counter() - started < 1.0
    needs, types, partnerships = maps
    assert len(needs.rows) == 40 and len(needs.columns) == 4
    assert len(partnerships.rows) == 25
    assert needs.unanswered == {str(n.id) for n in demo_catalogue.needs.all(unanswered=True)}
    # Every product with a theme is counted once per theme it has.
    assert sum(types.row_totals) == sum(map(sum, types.counts))


# -- suggested products ----------------------------------------------------------------------------

WATER_NEED = {
    "title": "Setting water tariffs that keep rural schemes running and remain affordable",
    "description": (
        "Rural water schemes break down when tariffs do not cover repairs, but higher tariffs "
        "exclude the poorest households. Water user committees need practical guidance on "
        "tariff setting, exemptions and cross-subsidies."
    ),
    "theme": GOVERNANCE,
}


@pytest.fixture
def candidates(vocab_catalogue: Catalogue) -> dict[str, uuid.UUID]:
    add = vocab_catalogue.products.add
    return {
        "tariffs": add(
            {
                "title": "Paying for water without pricing people out",
                "summary": (
                    "How committees of rural water schemes set tariffs that pay for repairs "
                    "while exemptions keep water affordable for the poorest households."
                ),
                "product_type": "guide",
                "languages": ["en"],
            }
        ).id,
        "committees": add(
            {
                "title": "Women in water user committees",
                "summary": "Whether women members of water committees shape decisions.",
                "product_type": "research-report",
                "languages": ["en"],
            }
        ).id,
        "budgets": add(
            {
                "title": "Tracking budget promises after local elections",
                "summary": "How community monitors follow participatory budgeting commitments.",
                "product_type": "guide",
                "languages": ["en"],
            }
        ).id,
        "french": add(
            {
                "title": "Fixer les tarifs de l'eau dans les petits réseaux ruraux",
                "summary": "Comment les comités d'usagers fixent des tarifs abordables.",
                "product_type": "guide",
                "languages": ["fr"],
            }
        ).id,
    }


def test_suggestions_rank_the_paraphrased_product_first(
    vocab_catalogue: Catalogue, candidates: dict[str, uuid.UUID]
) -> None:
    need = vocab_catalogue.needs.add(WATER_NEED)

    suggested = vocab_catalogue.needs.suggest_products(need.id)

    assert [s.id for s in suggested][:2] == [candidates["tariffs"], candidates["committees"]]
    assert candidates["budgets"] not in [s.id for s in suggested]  # shares no word
    first = suggested[0]
    assert first.title == "Paying for water without pricing people out"
    assert first.score > suggested[1].score > 0
    assert {"tariffs", "water", "affordable"} <= set(first.shared_words)
    assert vocab_catalogue.needs.suggest_products(need.id, limit=1) == suggested[:1]


def test_suggestions_leave_out_linked_products_and_linking_is_one_call(
    vocab_catalogue: Catalogue, candidates: dict[str, uuid.UUID]
) -> None:
    need = vocab_catalogue.needs.add(WATER_NEED)
    heard: list[Changes] = []
    vocab_catalogue.subscribe(heard.append)

    linked = vocab_catalogue.needs.link_products(need.id, [candidates["tariffs"]])

    assert linked.products == (candidates["tariffs"],)
    assert heard and heard[-1].needs
    suggested = [s.id for s in vocab_catalogue.needs.suggest_products(need.id)]
    assert candidates["tariffs"] not in suggested
    assert suggested[0] == candidates["committees"]
    # Linking again changes nothing; a second product is added after the first.
    heard.clear()
    again = vocab_catalogue.needs.link_products(need.id, [str(candidates["tariffs"])])
    assert again.products == (candidates["tariffs"],) and not heard
    both = vocab_catalogue.needs.link_products(need.id, [candidates["committees"]])
    assert set(both.products) == {candidates["tariffs"], candidates["committees"]}
    with pytest.raises(NotFoundError):
        vocab_catalogue.needs.link_products(need.id, [uuid.uuid4()])
    assert set(vocab_catalogue.needs.get(need.id).products) == set(both.products)


def test_a_need_in_french_finds_french_products(
    vocab_catalogue: Catalogue, candidates: dict[str, uuid.UUID]
) -> None:
    need = vocab_catalogue.needs.add(
        {
            "title": "Des tarifs de l'eau abordables pour les réseaux ruraux",
            "description": "Les comités veulent fixer des tarifs qui couvrent les réparations.",
        }
    )
    assert guess_language(need.title + " " + need.description, "en") == "fr"
    suggested = vocab_catalogue.needs.suggest_products(need.id)
    assert suggested[0].id == candidates["french"]


def test_a_need_whose_words_no_product_uses_gets_no_suggestion(
    vocab_catalogue: Catalogue, candidates: dict[str, uuid.UUID]
) -> None:
    need = vocab_catalogue.needs.add({"title": "Zyxwv qwertz", "description": "the and of"})
    assert vocab_catalogue.needs.suggest_products(need.id) == []
    with pytest.raises(NotFoundError):
        vocab_catalogue.needs.suggest_products(uuid.uuid4())


def test_demo_need_suggests_products_of_its_subject(demo_catalogue: Catalogue) -> None:
    need = next(
        n for n in demo_catalogue.needs.all() if n.title.startswith("Making public hearings")
    )
    assert not need.products  # unanswered in the demo
    suggested = demo_catalogue.needs.suggest_products(need.id, limit=5)
    assert suggested[0].title.startswith("Public Hearings Everyone Can Attend")
    assert "disabilities" in suggested[0].shared_words
