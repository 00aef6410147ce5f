"""Real-world PDFs in a real catalogue: their text found by search, their status shown.

Protected reports (AES or RC4 with an empty user password), PDFs with junk before the header,
scans, password-locked and broken files, and numbers glued to words, attached to products of a
catalogue on disk and searched through its index; the status of each attachment comes from
``catalogue.products.text_extraction`` and from ``kmdesk check``'s report.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest

from kmdesk.catalogue import Catalogue
from kmdesk.integrity import check_catalogue
from kmdesk.search.extraction import TextCache, status_text
from tests.pdf_samples import (
    BUDGET_WORD,
    encrypted_pdf,
    garbage_pdf,
    junk_before_header,
    scanned_pdf,
    text_pdf,
)

BASE: dict[str, Any] = {
    "product_type": "guide",
    "themes": ["local-governance"],
    "countries": ["BJ"],
    "languages": ["fr"],
    "year": 2021,
}


def _product(catalogue: Catalogue, title: str, attachment: Path) -> uuid.UUID:
    product = catalogue.products.add({**BASE, "title": title})
    catalogue.products.attach(product.id, attachment)
    return product.id


def _found(catalogue: Catalogue, query: str) -> list[uuid.UUID]:
    return [hit.id for hit in catalogue.search(query, limit=50).hits]


@pytest.mark.parametrize("algorithm", ["AES-256", "AES-128"])
def test_protected_pdf_is_searchable_by_its_text(
    vocab_catalogue: Catalogue, tmp_path: Path, algorithm: str
) -> None:
    path = encrypted_pdf(tmp_path / "protégé.pdf", algorithm=algorithm)
    product = _product(vocab_catalogue, "Suivi des comptes communaux", path)
    assert _found(vocab_catalogue, BUDGET_WORD) == [product]
    (attachment,) = vocab_catalogue.products.get(product).attachments
    extraction = vocab_catalogue.products.text_extraction(attachment)
    assert (extraction.status, extraction.pages) == ("ok", 4)
    assert status_text(extraction) == "text, 4 pages"


def test_pdf_locked_with_a_password_is_found_by_its_metadata_only(
    vocab_catalogue: Catalogue, tmp_path: Path
) -> None:
    path = encrypted_pdf(tmp_path / "verrouillé.pdf", user_password="secret")
    product = _product(vocab_catalogue, "Rapport verrouillé", path)
    assert _found(vocab_catalogue, BUDGET_WORD) == []
    assert _found(vocab_catalogue, "verrouillé") == [product]
    (attachment,) = vocab_catalogue.products.get(product).attachments
    extraction = vocab_catalogue.products.text_extraction(attachment)
    assert (extraction.status, extraction.message) == ("encrypted", "encrypted with a password")


def test_pdf_with_junk_before_its_header_is_searchable(
    vocab_catalogue: Catalogue, tmp_path: Path
) -> None:
    path = junk_before_header(tmp_path / "depuis-le-courriel.pdf")
    product = _product(vocab_catalogue, "Pièce jointe", path)
    assert _found(vocab_catalogue, BUDGET_WORD) == [product]
    (attachment,) = vocab_catalogue.products.get(product).attachments
    assert vocab_catalogue.products.text_extraction(attachment).status == "ok"


def test_word_glued_to_a_number_is_found(vocab_catalogue: Catalogue, tmp_path: Path) -> None:
    path = text_pdf(
        tmp_path / "bericht.pdf",
        [
            "Wasserversorgung in Bergdörfern",
            b"[(10) -100 (Allg\xe4u)] TJ",  # kerned tightly: pypdf gives "10Allgäu"
            b"7 Ts (2019) Tj 0 Ts (Haushaltsplan der Gemeinden) Tj",  # a footnote number
        ],
    )
    product = vocab_catalogue.products.add(
        {**BASE, "title": "Quellen und Leitungen", "languages": ["de"], "countries": ["DE"]}
    ).id
    vocab_catalogue.products.attach(product, path)
    assert _found(vocab_catalogue, "Allgäu") == [product]
    assert _found(vocab_catalogue, "allgau") == [product]
    assert _found(vocab_catalogue, "Haushaltsplan") == [product]
    assert _found(vocab_catalogue, "2019") == [product]


def test_scanned_and_broken_pdfs_have_their_status(
    vocab_catalogue: Catalogue, tmp_path: Path
) -> None:
    scan = _product(vocab_catalogue, "Procès-verbal scanné", scanned_pdf(tmp_path / "pv.pdf"))
    broken = _product(vocab_catalogue, "Fichier abîmé", garbage_pdf(tmp_path / "abîmé.pdf"))
    (scanned,) = vocab_catalogue.products.get(scan).attachments
    (damaged,) = vocab_catalogue.products.get(broken).attachments
    no_text = vocab_catalogue.products.text_extraction(scanned)
    assert (no_text.status, no_text.pages) == ("no-text", 2)
    assert status_text(no_text) == "no text layer (scanned?)"
    failed = vocab_catalogue.products.text_extraction(damaged)
    assert failed.status == "error"
    assert status_text(failed).startswith("broken: not a valid PDF")
    assert _found(vocab_catalogue, "scanné") == [scan]  # by their metadata
    assert _found(vocab_catalogue, "abîmé") == [broken]


def test_status_is_computed_once_and_shared_with_the_index(
    vocab_catalogue: Catalogue, tmp_path: Path
) -> None:
    path = encrypted_pdf(tmp_path / "locked.pdf", user_password="secret")
    product = _product(vocab_catalogue, "Rapport", path)
    (attachment,) = vocab_catalogue.products.get(product).attachments
    first = vocab_catalogue.products.text_extraction(attachment)
    cache = TextCache.of_catalogue(vocab_catalogue.folder)
    assert cache.get(attachment.sha256) == first  # the index's cache, status beside the text
    stored = vocab_catalogue.products.attachment_path(attachment.sha256)
    stored.rename(stored.with_name("elsewhere"))  # no second extraction: no need for the file
    assert vocab_catalogue.products.text_extraction(attachment) == first
    stored.with_name("elsewhere").rename(stored)
    report = vocab_catalogue.ensure_index()  # the index takes it from the cache, not the file
    assert report.failed == []


def test_check_lists_attachments_without_text_and_stays_ok(
    vocab_catalogue: Catalogue, tmp_path: Path
) -> None:
    good = _product(vocab_catalogue, "Protégé", encrypted_pdf(tmp_path / "ok.pdf"))
    scan = _product(vocab_catalogue, "Scan", scanned_pdf(tmp_path / "scan.pdf"))
    locked = _product(
        vocab_catalogue, "Verrouillé", encrypted_pdf(tmp_path / "pw.pdf", user_password="pw")
    )
    broken = _product(vocab_catalogue, "Abîmé", garbage_pdf(tmp_path / "bad.pdf"))
    notes = tmp_path / "photo.png"
    notes.write_bytes(b"\x89PNG\r\n\x1a\n not extracted")
    _product(vocab_catalogue, "Photo", notes)
    vocab_catalogue.ensure_index()

    report = check_catalogue(vocab_catalogue)
    assert report.ok, report.problems
    listed = {(item.product_id, item.file_name, item.status) for item in report.without_text}
    assert listed == {
        (scan, "scan.pdf", "no-text"),
        (locked, "pw.pdf", "encrypted"),
        (broken, "bad.pdf", "error"),
    }
    assert good not in {item.product_id for item in report.without_text}
    reasons = {item.status: item.reason for item in report.without_text}
    assert reasons["encrypted"] == "encrypted with a password"
    assert reasons["no-text"] == "no text layer (scanned?)"
    assert reasons["error"].startswith("broken: ")


def test_stray_control_characters_become_spaces() -> None:
    from kmdesk.search.extraction import _clean

    assert _clean("Further reading\n\x7f Guide one\x01\x1f\tGuide two\x0cPage") == (
        "Further reading\n  Guide one  \tGuide two\x0cPage"
    )
