"""Highlights found again after their PDF's text was extracted or laid out anew, or lost."""

from __future__ import annotations

import textwrap
from pathlib import Path

from kmdesk.annotations.anchoring import matching_form, page_texts, reanchor
from kmdesk.catalogue import Catalogue
from kmdesk.records import AttachmentRecord
from tests.pdf_samples import BUDGET_PDF, text_pdf

QUOTE = "le suivi de quatre communes béninoises"
BEFORE = "(OBLA). Elle s'appuie sur"
AFTER = "(Dassa-Zoumè, Savalou, Bassila et Djougou)"


def _demo_pages(catalogue: Catalogue) -> tuple[Catalogue, AttachmentRecord, list[str]]:
    product = catalogue.products.add({"title": "Budget participatif", "product_type": "guide"})
    attachment = catalogue.products.attach(product.id, BUDGET_PDF)
    extraction = catalogue.products.text_extraction(attachment)
    pages, known = page_texts(extraction.text, extraction.pages)
    assert known and len(pages) == 4
    return catalogue, attachment, pages


def _relaid(pages: list[str]) -> list[str]:
    """The same words in another layout: a new first page, narrower lines, a word hyphenated
    at a line end, typographic apostrophes, the passage now on page 3."""
    relaid = ["Avant-propos de la deuxième édition.\nNouvelle mise en page."]
    for text in pages:
        words = " ".join(text.split()).replace("'", "’")
        words = words.replace("communes béninoises", "communes béni- noises")
        wrapped = textwrap.fill(words, width=47, break_on_hyphens=False)
        relaid.append(wrapped.replace("béni- ", "béni-\n"))
    return relaid


def test_a_highlight_is_found_on_its_page_and_after_a_new_layout(catalogue: Catalogue) -> None:
    _cat, _attachment, pages = _demo_pages(catalogue)
    here = reanchor(pages, QUOTE, page=2, before=BEFORE, after=AFTER)
    assert (here.status, here.page) == ("same-page", 2)
    assert here.text == "le suivi de\nquatre communes béninoises", "a span of the text as it is"
    assert here.context == len(matching_form(BEFORE)) + len(matching_form(AFTER))

    relaid = _relaid(pages)
    moved = reanchor(relaid, QUOTE, page=2, before=BEFORE, after=AFTER)
    assert (moved.status, moved.page) == ("moved", 3)
    assert moved.text is not None and "béni-\nnoises" in moved.text
    assert matching_form(moved.text) == matching_form(QUOTE)

    unknown = reanchor(["\n\n".join(relaid)], QUOTE, page=2, pages_known=False)
    assert (unknown.status, unknown.page) == ("found", None)

    assert reanchor(relaid, "une phrase qui n'existe nulle part", page=2).lost


def test_context_chooses_between_occurrences_and_the_own_page_comes_first() -> None:
    pages = [
        "Le budget participatif est voté en mars.",
        "Ici le budget participatif recule. Là le budget participatif avance vite.",
    ]
    second = reanchor(pages, "budget participatif", page=2, before="Là le", after="avance")
    assert (second.page, pages[1][second.start : second.end]) == (2, "budget participatif")
    assert second.start == pages[1].index("budget participatif avance")
    own_page = reanchor(pages, "budget participatif", page=1, before="Là le", after="avance")
    assert (own_page.status, own_page.page) == ("same-page", 1), "its own page wins"
    elsewhere = reanchor(pages, "budget participatif avance", page=1)
    assert (elsewhere.status, elsewhere.page) == ("moved", 2)


def test_check_anchors_reports_lost_highlights_and_keeps_them(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    _cat, attachment, pages = _demo_pages(catalogue)
    product_id = catalogue.products.find()[0].id
    kept = catalogue.annotations.add(
        product_id,
        body="À citer",
        attachment=attachment,
        page=2,
        quote=QUOTE,
        before=BEFORE,
        after=AFTER,
        position=[[72, 600.5, 300, 612]],
    )
    lost = catalogue.annotations.add(
        product_id, attachment=attachment.sha256, page=3, quote="une phrase disparue du texte"
    )
    checks = {c.annotation_id: c for c in catalogue.annotations.check_anchors(product_id)}
    assert (checks[kept.id].status, checks[kept.id].found_page) == ("same-page", 2)
    assert checks[lost.id].lost and checks[lost.id].page == 3
    listed = catalogue.annotations.list()
    assert {n.id for n in listed} == {kept.id, lost.id}, "a lost highlight is never dropped"
    assert catalogue.annotations.get(kept.id).position == ((72.0, 600.5, 300.0, 612.0),)

    # A new edition of the file replaces the old one: the highlight is found in it.
    lines = _relaid(pages)[2].splitlines()
    new_edition = catalogue.products.attach(product_id, text_pdf(tmp_path / "v2.pdf", lines))
    catalogue.products.remove_attachment(attachment.id)
    moved = {c.annotation_id: c for c in catalogue.annotations.check_anchors(new_edition)}
    assert moved == {}, "checking one attachment checks the highlights made in it"
    again = {c.annotation_id: c for c in catalogue.annotations.check_anchors(product_id)}
    assert again[kept.id].status == "other-file"
    assert again[kept.id].attachment == new_edition.sha256
    assert again[lost.id].lost
