"""The bundled demo catalogue: big, varied and realistic enough to try everything on."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from kmdesk.catalogue import DATABASE_NAME, Catalogue
from kmdesk.demo import demo_dir, demo_id, load_demo, read_products
from kmdesk.errors import KmdeskError, OperationCancelled
from kmdesk.integrity import check_catalogue
from kmdesk.progress import CancelToken, ProgressUpdate


def test_demo_has_the_promised_breadth(demo_catalogue: Catalogue) -> None:
    products = demo_catalogue.products.find()
    stats = demo_catalogue.stats()
    assert len(products) >= 300
    assert (stats.themes, stats.partnerships) == (4, 25)
    assert 55 <= stats.organisations <= 65
    assert {p.languages[0].split("-")[0] for p in products} >= {"en", "fr", "es", "pt"}
    countries = {c for p in products for c in p.countries}
    assert len(countries) >= 28
    years = Counter(p.year for p in products)
    assert min(years) >= 2016 and max(years) <= 2025
    assert set(range(2016, 2026)) <= set(years)
    themes = Counter(t.key for p in products for t in p.themes)
    assert len(themes) == 4 and min(themes.values()) >= 50
    assert all(len(p.summary.split()) >= 40 for p in products)
    assert not any("lorem" in (p.title + p.summary).lower() for p in products)
    assert len({p.title for p in products}) == len(products)


def test_translations_are_linked_across_languages(demo_catalogue: Catalogue) -> None:
    products = {p.id: p for p in demo_catalogue.products.find()}
    pairs = [
        (p, products[link.product_id])
        for p in products.values()
        for link in p.links
        if link.link_type == "translation-of" and link.outgoing
    ]
    assert len(pairs) >= 30
    assert all(a.languages[0] != b.languages[0] for a, b in pairs)
    assert {a.languages[0] for a, _ in pairs} | {b.languages[0] for _, b in pairs} >= {
        "en",
        "fr",
        "es",
        "pt",
    }


def test_needs_some_answered_some_not(demo_catalogue: Catalogue) -> None:
    needs = demo_catalogue.needs.all()
    unanswered = demo_catalogue.needs.all(unanswered=True)
    assert len(needs) == 40
    assert 5 <= len(unanswered) < 30
    assert all(n.theme is not None and n.raised_by is not None for n in needs)
    answered = [n for n in needs if n.products]
    product = demo_catalogue.products.get(answered[0].products[0])
    assert answered[0].id in product.needs


def test_demo_attachments_are_real_multipage_pdfs(demo_catalogue: Catalogue) -> None:
    with_files = [p for p in demo_catalogue.products.find() if p.attachments]
    assert len(with_files) >= 20
    for product in with_files:
        (attachment,) = product.attachments
        assert attachment.media_type == "application/pdf"
        reader = PdfReader(demo_catalogue.products.attachment_path(attachment.sha256))
        assert len(reader.pages) >= 3, attachment.file_name
        text = " ".join(page.extract_text() or "" for page in reader.pages)
        assert len(text.split()) >= 600, attachment.file_name
        first_word = product.title.split()[0]
        assert first_word.lower() in text.lower(), attachment.file_name


def test_demo_is_consistent(demo_catalogue: Catalogue) -> None:
    report = check_catalogue(demo_catalogue)
    assert report.ok, report.problems
    assert report.attachments_checked >= 20


def test_demo_ids_are_the_same_on_every_installation(demo_catalogue: Catalogue) -> None:
    first = read_products(demo_dir())[0]
    assert demo_catalogue.products.get(demo_id("product", first["key"])).title == first["title"]


def test_loading_twice_is_refused_and_changes_nothing(demo_folder: Path) -> None:
    database = demo_folder / DATABASE_NAME
    with Catalogue.open(demo_folder) as catalogue:
        before = [p.stamp for p in catalogue.products.find()]
        with pytest.raises(KmdeskError, match="already loaded"):
            load_demo(catalogue)
        assert [p.stamp for p in catalogue.products.find()] == before
    assert database.exists()


def test_cancelled_load_writes_nothing(tmp_path: Path) -> None:
    token = CancelToken()
    seen: list[ProgressUpdate] = []

    def progress(update: ProgressUpdate) -> None:
        seen.append(update)
        if update.done >= 100:
            token.cancel()

    with Catalogue.open(tmp_path / "c") as catalogue:
        with pytest.raises(OperationCancelled):
            load_demo(catalogue, progress=progress, cancel=token)
        assert catalogue.is_empty()
        assert catalogue.vocabularies.terms("theme") == []
        assert catalogue.needs.all() == []
    assert any(u.done >= 100 for u in seen)


def test_demo_pdfs_are_reproducible_resources() -> None:
    pdfs = sorted((demo_dir() / "attachments").glob("*.pdf"))
    referenced = {p["attachment"] for p in read_products(demo_dir()) if p.get("attachment")}
    assert {p.name for p in pdfs} == referenced
    assert sum(p.stat().st_size for p in pdfs) < 3_000_000
    assert len({hashlib.sha256(p.read_bytes()).hexdigest() for p in pdfs}) == len(pdfs)
