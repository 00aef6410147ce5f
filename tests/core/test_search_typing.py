"""As-you-type and wildcards: bounded completions from the index's words, notes, one pass."""

from __future__ import annotations

import pytest

from kmdesk.catalogue import Catalogue
from kmdesk.errors import ValidationError
from kmdesk.search.query import TYPING_COMPLETIONS, WILDCARD_COMPLETIONS, QueryError
from tests.core.test_search import add, ids


def test_typing_a_word_ends_with_at_least_the_whole_words_results(
    vocab_catalogue: Catalogue,
) -> None:
    budget = add(vocab_catalogue, "Participatory budgeting in Gulu", "Budget hearings by ward.")
    add(vocab_catalogue, "Water committees", "Tariffs set by water committees.")
    add(vocab_catalogue, "Budget tracking", "Following public money.")
    whole = set(ids(vocab_catalogue, "participatory"))
    assert whole == {budget}
    for typed in ("pa", "par", "partic", "participat", "participatory"):
        assert whole <= set(ids(vocab_catalogue, typed, prefix_last=True)), typed
    # Words of the summary complete too, not only titles.
    assert budget in ids(vocab_catalogue, "hear", prefix_last=True)
    # Without prefix_last a partial word is an ordinary word.
    assert ids(vocab_catalogue, "partic") == []


def test_a_single_letter_being_typed_is_left_out_with_a_note(vocab_catalogue: Catalogue) -> None:
    water = add(vocab_catalogue, "Water committees", "Tariffs set by water committees.")
    add(vocab_catalogue, "Gender budgeting", "Budgets that count women's work.")
    alone = vocab_catalogue.search("g", prefix_last=True)
    assert alone.total == 0 and alone.hits == ()
    assert alone.notes and "2 letters" in alone.notes[0]
    after_word = vocab_catalogue.search("water t", prefix_last=True)
    assert [hit.id for hit in after_word.hits] == [water]
    assert after_word.notes


def test_completions_are_the_most_frequent_words_and_bounded(vocab_catalogue: Catalogue) -> None:
    # "pa..." words: "pasture" in many products, the others in one each.
    common = [add(vocab_catalogue, f"Pasture report {n}", "Grazing.") for n in range(3)]
    rare = [
        add(vocab_catalogue, f"{word.title()} notes", "")
        for word in ("pamphlet", "panel", "parish", "parliament", "pathway", "patrol", "pavilion")
    ]
    assert len(rare) > TYPING_COMPLETIONS
    found = set(ids(vocab_catalogue, "pa", prefix_last=True))
    assert set(common) <= found  # the most frequent completion is always among them
    assert len(found - set(common)) <= TYPING_COMPLETIONS - 1  # bounded: not every "pa" word


def test_a_trailing_wildcard_expands_to_the_most_frequent_words_and_says_when_it_cuts(
    vocab_catalogue: Catalogue,
) -> None:
    budget = add(vocab_catalogue, "Budgeting for health", "Budgets and budgetary rules.")
    add(vocab_catalogue, "Water committees", "Tariffs set by water committees.")
    results = vocab_catalogue.search("budg*")
    assert [hit.id for hit in results.hits] == [budget]
    assert results.notes == ()  # few "budg" words: nothing was cut
    words = [f"mwanza{chr(ord('a') + n)}" for n in range(WILDCARD_COMPLETIONS + 3)]
    for word in words:
        add(vocab_catalogue, f"Report {word}", "")
    many = vocab_catalogue.search("mwanza*", limit=100)
    assert many.total == WILDCARD_COMPLETIONS
    assert many.notes and "mwanza*" in many.notes[0]
    assert vocab_catalogue.search("***").total == 0  # no letters: left out, never a scan


def test_one_pass_totals_and_facets_agree_with_filters(vocab_catalogue: Catalogue) -> None:
    old = add(vocab_catalogue, "Water tariffs 2016", "Water.", year=2016)
    new = add(vocab_catalogue, "Water tariffs 2022", "Water.", year=2022)
    add(vocab_catalogue, "Budget notes", "Money.", year=2022)
    results = vocab_catalogue.search("water", filters={"year": ["2020..2025"]})
    assert [hit.id for hit in results.hits] == [new]
    assert results.total == 1
    years = {value.value: value.count for value in results.facets["year"]}
    assert years == {"2016": 1, "2022": 1}  # a facet's counts ignore its own filter
    by_year = vocab_catalogue.search("water", sort="year")
    assert [hit.id for hit in by_year.hits] == [new, old]
    assert by_year.total == 2
    page = vocab_catalogue.search("water", limit=1, offset=1)
    assert page.total == 2 and len(page.hits) == 1


def test_words_not_all_found_fall_back_to_some_of_them_with_a_note(
    vocab_catalogue: Catalogue,
) -> None:
    water = add(vocab_catalogue, "Water committees", "Tariffs set by water committees.")
    add(vocab_catalogue, "Budget notes", "Money.")
    results = vocab_catalogue.search("water mangroves")
    assert [hit.id for hit in results.hits] == [water]
    assert results.total == 1
    assert any("some" in note for note in results.notes)
    assert vocab_catalogue.search("water tariffs").notes == ()  # all found: no note
    assert vocab_catalogue.search("mangroves deltas").total == 0  # none found: nothing
    # A misspelling still gets its suggestion beside the fallback.
    assert vocab_catalogue.search("water comittees").suggestion == "water committees"


def test_capitals_in_a_pasted_sentence_are_words_not_operators(
    vocab_catalogue: Catalogue,
) -> None:
    water = add(vocab_catalogue, "Water and sanitation for schools", "Clinics in Uganda.")
    sentence = "WATER AND SANITATION FOR SCHOOLS OR CLINICS IN NORTHERN UGANDA"
    results = vocab_catalogue.search(sentence)
    assert [hit.id for hit in results.hits] == [water]
    # Short queries keep their operators.
    assert vocab_catalogue.search("water NOT schools").total == 0


def test_an_impossible_year_range_says_so(vocab_catalogue: Catalogue) -> None:
    add(vocab_catalogue, "Water committees", "Tariffs.")
    with pytest.raises(QueryError, match="2022 comes after 2018"):
        vocab_catalogue.search("water year:2022..2018")
    with pytest.raises(ValidationError, match="2022 comes after 2018"):
        vocab_catalogue.search("water", filters={"year": ["2022..2018"]})
    with pytest.raises(ValidationError, match="theme"):
        vocab_catalogue.search("water", filters={"theme": ["no-such-theme"]})


def test_a_question_mark_ends_a_question_and_foreign_stop_words_only_rank(
    vocab_catalogue: Catalogue,
) -> None:
    panels = add(vocab_catalogue, "Flutter of skin panels", "Wind tunnel tests.")
    sea = add(vocab_catalogue, "Albatross flight over the sea", "Gliding.")
    land = add(vocab_catalogue, "Albatross flight on land", "Walking.")
    assert ids(vocab_catalogue, "what is the flutter of skin panels?") == [panels]
    assert ids(vocab_catalogue, "(the ?skin? effect) flutter") == [panels]
    # "sea" is a stop word in Dutch: never required, but it ranks the product that has it.
    assert ids(vocab_catalogue, "albatross flight sea") == [sea, land]
    assert ids(vocab_catalogue, "organi?ation") == []  # inside a word, still a wildcard


def test_an_unquoted_chinese_word_is_its_run_and_one_character_can_be_typed(
    vocab_catalogue: Catalogue,
) -> None:
    water = add(vocab_catalogue, "参与式预算帮助社区管理水资源", languages=["zh"])
    scattered = add(vocab_catalogue, "社区 水资 预算 管理", languages=["zh"])  # bigrams apart
    # Five characters: read as the run, not as a long query of bigrams ranked by how many match.
    assert ids(vocab_catalogue, "社区管理水资源") == [water]
    assert set(ids(vocab_catalogue, "水", prefix_last=True)) == {water, scattered}
    assert vocab_catalogue.search("水", prefix_last=True).notes == ()


def test_a_word_is_a_few_leaves_not_one_per_language_and_field() -> None:
    from kmdesk.search.query import parse_query

    leaves = list(parse_query("participatifs").query.leaves())
    # title, text and attachment fields times the word's distinct stems, plus the names field.
    assert len(leaves) <= 10
    assert {leaf.fieldname for leaf in leaves} == {
        "title_words",
        "text_words",
        "full_words",
        "names",
    }


def test_stop_words_asked_only_to_rank_are_not_marked_in_snippets(
    vocab_catalogue: Catalogue,
) -> None:
    add(vocab_catalogue, "Water committees", "Water for schools and clinics in the north.")
    results = vocab_catalogue.search("WATER AND SANITATION FOR SCHOOLS OR CLINICS IN THE NORTH")
    snippet = results.hits[0].snippet
    assert "<mark>water</mark>" in snippet.lower() and "<mark>schools</mark>" in snippet
    for stop_word in ("for", "and", "in", "the"):
        assert f"<mark>{stop_word}</mark>" not in snippet.lower()


def test_completions_stop_when_they_would_cover_too_many_products(
    vocab_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kmdesk.search import service

    # A budget of 4 products: "kwatalo" (3) is kept; "kwatamba" (2) would make 5.
    monkeypatch.setattr(service, "COMPLETION_MIN_DOCUMENTS", 4)
    monkeypatch.setattr(service, "COMPLETION_DOCUMENT_SHARE", 0.0)
    frequent = [add(vocab_catalogue, f"Kwatalo radio {n}", "") for n in range(3)]
    rarer = [add(vocab_catalogue, f"Kwatamba land {n}", "") for n in range(2)]
    found = vocab_catalogue.search("kwata*", limit=100)
    assert {hit.id for hit in found.hits} == set(frequent)
    assert found.notes and "kwata*" in found.notes[0]  # says that it cut
    assert set(ids(vocab_catalogue, "kwat", prefix_last=True)) == set(frequent)
    monkeypatch.setattr(service, "COMPLETION_MIN_DOCUMENTS", 5)
    assert set(ids(vocab_catalogue, "kwata*")) == set(frequent + rarer)
