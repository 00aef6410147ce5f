"""Text extraction: every format on real files, hostile ones included, and the text cache."""

from __future__ import annotations

import gzip
import json
import logging
import os
import shutil
import time
import zipfile
from pathlib import Path

import pypdf
import pytest

from kmdesk.attachments import sha256_of
from kmdesk.errors import OperationCancelled
from kmdesk.progress import CancelToken, ProgressUpdate
from kmdesk.search.extraction import (
    EXTRACTOR_VERSION,
    AttachmentSource,
    Extraction,
    TextCache,
    cached_extraction,
    extract_attachments,
    extract_file,
    split_glued_numbers,
    status_label,
    status_text,
)
from tests.pdf_samples import (
    BUDGET_PDF,
    DEMO_PDFS,
    MAIL_JUNK,
    encrypted_pdf,
    garbage_pdf,
    junk_before_header,
    scanned_pdf,
    text_pdf,
)

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(path: Path, body: str) -> Path:
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", document)
    return path


# --- PDF ---------------------------------------------------------------------------------------


def test_demo_pdf_gives_its_text_with_accents_and_page_count() -> None:
    result = extract_file(BUDGET_PDF, PDF)
    assert (result.status, result.message, result.pages) == ("ok", "", 4)
    assert result.sha256 == sha256_of(BUDGET_PDF)
    assert "budget participatif" in result.text.lower()
    assert "l'épreuve" in result.text  # composed accents (NFC), not "e" + combining mark
    assert "\n\n" in result.text  # pages joined by blank lines


def test_given_sha256_is_trusted_and_max_chars_cuts_the_text() -> None:
    result = extract_file(BUDGET_PDF, PDF, sha256="ab" * 32, max_chars=100)
    assert result.sha256 == "ab" * 32
    assert result.status == "ok" and len(result.text) == 100
    assert extract_file(BUDGET_PDF, PDF, max_chars=5).text == "Le bu"


def test_pdf_of_blank_pages_has_no_text_layer(tmp_path: Path) -> None:
    writer = pypdf.PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=595, height=842)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as out:
        writer.write(out)
    result = extract_file(path, PDF)
    assert (result.status, result.text, result.pages) == ("no-text", "", 3)
    assert "no text layer" in result.message


def test_scanned_pdf_of_images_has_no_text_layer(tmp_path: Path) -> None:
    result = extract_file(scanned_pdf(tmp_path / "scan.pdf", pages=2), PDF)
    assert (result.status, result.text, result.pages) == ("no-text", "", 2)
    assert status_label(result) == "no text layer"


ALGORITHMS = ["AES-256", "AES-256-R5", "AES-128", "RC4-128"]


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_pdf_with_a_user_password_is_encrypted_not_broken(tmp_path: Path, algorithm: str) -> None:
    path = encrypted_pdf(tmp_path / "locked.pdf", user_password="secret", algorithm=algorithm)
    result = extract_file(path, PDF)
    assert (result.status, result.text) == ("encrypted", "")
    assert result.message == "encrypted with a password"
    assert status_label(result) == status_text(result) == "encrypted with a password"


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_protected_pdf_with_empty_user_password_opens(tmp_path: Path, algorithm: str) -> None:
    # Print- or copy-protected reports: every viewer opens them, so must we (AES needs
    # the cryptography package, a dependency).
    plain = extract_file(BUDGET_PDF, PDF)
    path = encrypted_pdf(tmp_path / "no-print.pdf", algorithm=algorithm)
    assert pypdf.PdfReader(path).is_encrypted
    result = extract_file(path, PDF)
    assert (result.status, result.message, result.pages) == ("ok", "", 4)
    assert result.text == plain.text


@pytest.mark.parametrize(
    "junk",
    [
        pytest.param(MAIL_JUNK, id="mail-headers"),
        pytest.param(b"\x00\xff\xfe" * 40, id="binary"),
        pytest.param(b"x" * 1000, id="almost-1-KB"),
        # pypdf 7.1 alone fails on this one when AES-encrypted: the header found is the key.
        pytest.param(b"%PDF-fake" + b"x" * 300, id="stray-marker"),
    ],
)
@pytest.mark.parametrize("algorithm", [None, "AES-128"])
def test_pdf_with_junk_before_its_header_gives_its_text(
    tmp_path: Path, junk: bytes, algorithm: str | None
) -> None:
    source = BUDGET_PDF
    if algorithm is not None:
        source = encrypted_pdf(tmp_path / "protected.pdf", algorithm=algorithm)
    path = junk_before_header(tmp_path / "from-mail.pdf", junk, source)
    result = extract_file(path, PDF)
    assert (result.status, result.message, result.pages) == ("ok", "", 4)
    assert result.text == extract_file(BUDGET_PDF, PDF).text


def test_junk_before_a_truncated_pdf_is_an_error_not_an_exception(tmp_path: Path) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes(MAIL_JUNK + BUDGET_PDF.read_bytes()[:3000])
    result = extract_file(path, PDF)
    assert result.status == "error" and result.message.startswith("not a valid PDF")


def test_garbage_named_pdf_is_broken(tmp_path: Path) -> None:
    result = extract_file(garbage_pdf(tmp_path / "report.pdf"), PDF)
    assert (result.status, result.text) == ("error", "")
    assert status_label(result) == "broken"
    assert status_text(result) == f"broken: {result.message}"


# --- numbers glued to words --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10Allgäu", "10 Allgäu"),
        ("2019Budget", "2019 Budget"),
        ("Seite 3Einleitung", "Seite 3 Einleitung"),
        ("CO2Bilanz 2020", "CO2 Bilanz 2020"),
        ("2019Budgets, 2020Élections", "2019 Budgets, 2020 Élections"),
        # Left alone: codes, units, ordinals, versions.
        ("COVID19 G20 mp3 ISO9001 A4 ISO 3166", "COVID19 G20 mp3 ISO9001 A4 ISO 3166"),
        ("3D 4x4 1st 2nd 10km 5kg 19th", "3D 4x4 1st 2nd 10km 5kg 19th"),
        ("3ème 1ère 100mbps 12h30", "3ème 1ère 100mbps 12h30"),
        ("5GHz 3GPP 4WD 2019COVID 10MW", "5GHz 3GPP 4WD 2019COVID 10MW"),
        ("B2B, 1.5Mb, v2.0, 2019-2020", "B2B, 1.5Mb, v2.0, 2019-2020"),
    ],
)
def test_split_glued_numbers(text: str, expected: str) -> None:
    assert split_glued_numbers(text) == expected


def test_pdf_text_glued_by_layout_is_split(tmp_path: Path) -> None:
    # Real gluing by pypdf: a tightly kerned run, and a raised footnote number before a word.
    path = text_pdf(
        tmp_path / "bericht.pdf",
        [
            b"[(10) -100 (Allg\xe4u)] TJ",
            b"7 Ts (2019) Tj 0 Ts (Budget der Gemeinden) Tj",
            "COVID19 und G20 im Jahr 2020: 3D-Druck, mp3",
        ],
    )
    assert "10Allgäu" in pypdf.PdfReader(path).pages[0].extract_text()  # what pypdf gives
    result = extract_file(path, PDF)
    assert result.status == "ok", result.message
    assert result.text.splitlines() == [
        "10 Allgäu",
        "2019 Budget der Gemeinden",
        "COVID19 und G20 im Jahr 2020: 3D-Druck, mp3",
    ]


def test_glued_numbers_are_left_alone_outside_pdfs(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("3Com und 10Allgäu, wie geschrieben", encoding="utf-8")
    assert extract_file(path, "text/plain").text == "3Com und 10Allgäu, wie geschrieben"


def test_status_labels_and_texts() -> None:
    sha = "ab" * 32
    ok = Extraction(sha, "ok", "text", "", 1)
    assert (status_label(ok), status_text(ok)) == ("text", "text, 1 page")
    assert status_text(Extraction(sha, "ok", "text", "", 12)) == "text, 12 pages"
    assert status_text(Extraction(sha, "ok", "text", "")) == "text"
    scanned = Extraction(sha, "no-text", "", "no text layer (scanned?)", 3)
    assert (status_label(scanned), status_text(scanned)) == (
        "no text layer",
        "no text layer (scanned?)",
    )
    empty = Extraction(sha, "no-text", "", "the document contains no text")
    assert (status_label(empty), status_text(empty)) == ("no text", "the document contains no text")
    unsupported = Extraction(sha, "unsupported", "", "no text extraction for this type")
    assert status_text(unsupported) == "no text extraction for this type"


@pytest.mark.parametrize("kind", ["truncated", "random", "empty", "header-only"])
def test_damaged_pdfs_are_errors_not_exceptions(
    tmp_path: Path, kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    data = {
        "truncated": BUDGET_PDF.read_bytes()[:2048],
        "random": os.urandom(20_000),
        "empty": b"",
        "header-only": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n",
    }[kind]
    path = tmp_path / f"{kind}.pdf"
    path.write_bytes(data)
    level_before = logging.getLogger("pypdf").level
    with caplog.at_level(logging.DEBUG):
        result = extract_file(path, PDF)
    assert result.status == "error"
    assert result.message and "\n" not in result.message
    assert result.text == ""
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]  # silenced...
    assert logging.getLogger("pypdf").level == level_before  # ...only while extracting


# --- DOCX --------------------------------------------------------------------------------------


def test_docx_gives_paragraphs_on_lines(tmp_path: Path) -> None:
    path = _docx(
        tmp_path / "note.docx",
        "<w:p><w:r><w:t>Égalité des </w:t></w:r><w:r><w:t>femmes</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Gestion</w:t><w:tab/><w:t>foncière</w:t><w:br/><w:t>au Sahel</w:t>"
        "</w:r></w:p>"
        "<w:p><w:r><w:delText>supprimé</w:delText></w:r></w:p>",
    )
    result = extract_file(path, DOCX)
    assert result.status == "ok", result.message
    assert result.text == "Égalité des femmes\nGestion foncière au Sahel"
    assert result.pages is None


def test_docx_zip_bomb_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        with archive.open("word/document.xml", "w") as member:
            chunk = b" " * (1 << 20)
            for _ in range(60):
                member.write(chunk)
    assert path.stat().st_size < 1_000_000
    started = time.perf_counter()
    result = extract_file(path, DOCX)
    assert time.perf_counter() - started < 1.0
    assert result.status == "error" and "too large" in result.message


def test_docx_with_entity_expansion_is_refused(tmp_path: Path) -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE w:document ['
        '<!ENTITY a "hahahahahahahahahaha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        f']><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    )
    path = tmp_path / "laughs.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", laughs)
    result = extract_file(path, DOCX)
    assert result.status == "error" and result.message.startswith("not a valid DOCX file")


@pytest.mark.parametrize("content", [b"not a zip at all", b"PK\x03\x04broken"])
def test_docx_that_is_not_a_zip_is_an_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "fake.docx"
    path.write_bytes(content)
    assert extract_file(path, DOCX).status == "error"


# --- HTML and plain text -----------------------------------------------------------------------


def test_html_gives_visible_text_only(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<!DOCTYPE html><html><head><title>Rapport d&#39;activit&eacute;s</title>"
        "<style>p { color: red }</style><script>alert('x')</script></head><body>"
        "<p>Premi&egrave;re   partie&nbsp;: le <b>budget</b></p><p>Deuxième partie</p>"
        "<noscript>Activez JavaScript</noscript><template><p>gabarit</p></template>"
        "</body></html>",
        encoding="utf-8",
    )
    result = extract_file(path, "text/html; charset=utf-8")
    assert result.status == "ok", result.message
    assert result.text == (
        "Rapport d'activités\nPremière partie : le budget\nDeuxième partie"  # nbsp collapses too
    )
    for hidden in ("alert", "color", "JavaScript", "gabarit"):
        assert hidden not in result.text


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "old.htm"
    path.write_bytes(
        b'<html><head><meta charset="iso-8859-15"></head><body>Co\xfbt : 10 \xa4</body></html>'
    )
    assert extract_file(path, "text/html").text == "Coût : 10 €"


@pytest.mark.parametrize("charset", ["zlib", "hex", "rot13", "no-such-encoding"])
def test_html_declaring_a_codec_that_is_not_text_is_decoded_safely(
    tmp_path: Path, charset: str
) -> None:
    path = tmp_path / "hostile.html"
    path.write_bytes(f'<meta charset="{charset}"><p>café</p>'.encode())
    assert extract_file(path, f"text/html; charset={charset}").text == "café"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Café à Ouagadougou – 2024".encode("cp1252"), "Café à Ouagadougou – 2024"),
        ("\ufeffNote de synthèse\r\nligne 2".encode(), "Note de synthèse\nligne 2"),
        (b"caf\xe9 \x81", "café \x81"),  # not cp1252 either: latin-1 never fails
    ],
)
def test_plain_text_encodings(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(data)
    result = extract_file(path, "text/plain")
    assert (result.status, result.text) == ("ok", expected)


def test_empty_text_file_has_no_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.md"
    path.write_bytes(b" \n\t\n")
    result = extract_file(path, "text/markdown")
    assert (result.status, result.text) == ("no-text", "")
    assert result.message


def test_unsupported_type_is_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    result = extract_file(path, "image/jpeg")
    assert (result.status, result.text) == ("unsupported", "")
    assert result.sha256 == sha256_of(path)


def test_format_falls_back_to_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "budget.pdf"
    shutil.copyfile(BUDGET_PDF, path)
    result = extract_file(path, "application/octet-stream")
    assert result.status == "ok" and result.pages == 4


def test_missing_file_is_an_error_not_an_exception(tmp_path: Path) -> None:
    result = extract_file(tmp_path / "gone.pdf", PDF)
    assert (result.status, result.sha256) == ("error", "")
    assert result.message.startswith("cannot read the file")


# --- the cache ---------------------------------------------------------------------------------


def test_cache_round_trip_and_discard(tmp_path: Path) -> None:
    cache = TextCache(tmp_path / "cache" / "text")
    sha = "0f" * 32
    assert cache.get(sha) is None
    entry = Extraction(sha, "ok", "Égalité\n\ntexte", "", 3)
    cache.put(entry)
    assert cache.get(sha) == entry
    assert cache.path_for(sha) == tmp_path / "cache" / "text" / "0f" / f"{sha}.json.gz"
    assert [p.name for p in cache.path_for(sha).parent.iterdir()] == [f"{sha}.json.gz"]
    failure = Extraction(sha, "error", "", "not a valid PDF: EOF marker not found", None)
    cache.put(failure)
    assert cache.get(sha) == failure
    locked = Extraction(sha, "encrypted", "", "encrypted with a password", None)
    cache.put(locked)
    assert cache.get(sha) == locked
    cache.discard(sha)
    cache.discard(sha)
    assert cache.get(sha) is None


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not gzip",
        gzip.compress(b"{not json"),
        gzip.compress(b"[1, 2]"),
        gzip.compress(b'{"extractor_version": 1, "status": "ok"}'),
        gzip.compress(b"\xff\xfe"),
        gzip.compress(b"[" * 100_000),
        gzip.compress(b"{}")[:-5],
    ],
)
def test_corrupt_cache_entry_is_missing(tmp_path: Path, content: bytes) -> None:
    cache = TextCache(tmp_path)
    sha = "1a" * 32
    cache.put(Extraction(sha, "ok", "texte", ""))
    cache.path_for(sha).write_bytes(content)
    assert cache.get(sha) is None


def test_entry_from_another_extractor_version_is_ignored(tmp_path: Path) -> None:
    cache = TextCache(tmp_path)
    sha = "2b" * 32
    cache.put(Extraction(sha, "error", "", "not a valid PDF: oops"))
    path = cache.path_for(sha)
    entry = json.loads(gzip.decompress(path.read_bytes()))
    assert entry["extractor_version"] == EXTRACTOR_VERSION
    entry["extractor_version"] = EXTRACTOR_VERSION - 1
    path.write_bytes(gzip.compress(json.dumps(entry).encode()))
    assert cache.get(sha) is None


def test_entry_of_the_previous_version_is_extracted_again(tmp_path: Path) -> None:
    # Version 1 called a password-protected PDF an "error"; its entry is re-extracted, once.
    path = encrypted_pdf(tmp_path / "locked.pdf", user_password="secret")
    source = AttachmentSource(sha256_of(path), path, PDF, "locked.pdf")
    cache = TextCache(tmp_path / "cache")
    old = {
        "extractor_version": 1,
        "sha256": source.sha256,
        "status": "error",
        "message": "encrypted PDF",
        "pages": None,
        "text": "",
    }
    cache.path_for(source.sha256).parent.mkdir(parents=True)
    cache.path_for(source.sha256).write_bytes(gzip.compress(json.dumps(old).encode()))
    assert cache.get(source.sha256) is None
    result = cached_extraction(cache, source)
    assert (result.status, result.message) == ("encrypted", "encrypted with a password")
    assert cache.get(source.sha256) == result
    entry = json.loads(gzip.decompress(cache.path_for(source.sha256).read_bytes()))
    assert (entry["extractor_version"], entry["status"]) == (EXTRACTOR_VERSION, "encrypted")


def test_cached_extraction_extracts_a_file_once(tmp_path: Path) -> None:
    path = scanned_pdf(tmp_path / "scan.pdf")
    source = AttachmentSource(sha256_of(path), path, PDF, "scan.pdf")
    cache = TextCache(tmp_path / "cache")
    first = cached_extraction(cache, source)
    assert first.status == "no-text"
    path.unlink()  # the status now comes from the cache, beside the (empty) text
    assert cached_extraction(cache, source) == first


def test_cached_extraction_without_storing_leaves_the_cache_alone(tmp_path: Path) -> None:
    path = garbage_pdf(tmp_path / "junk.pdf")
    source = AttachmentSource(sha256_of(path), path, PDF, "junk.pdf")
    cache = TextCache(tmp_path / "cache")
    assert cached_extraction(cache, source, store=False).status == "error"
    assert cache.get(source.sha256) is None
    assert not (tmp_path / "cache").exists()


def test_cache_refuses_what_is_not_a_hash(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        TextCache(tmp_path).get("../../etc/passwd")


# --- batches -----------------------------------------------------------------------------------


def _sources(tmp_path: Path, names: list[str]) -> list[AttachmentSource]:
    """Demo PDFs copied into a content-addressed folder, as the attachment store keeps them."""
    sources = []
    for name in names:
        sha = sha256_of(DEMO_PDFS / name)
        path = tmp_path / "store" / sha
        path.parent.mkdir(exist_ok=True)
        shutil.copyfile(DEMO_PDFS / name, path)
        sources.append(AttachmentSource(sha, path, PDF, name))
    return sources


THREE = [
    "budget-participatif-communes-benin-mali.pdf",
    "guia-analisis-genero-tierra-mujeres-mayas.pdf",
    "pertes-prejudices-femmes-lac-tchad.pdf",
]


def test_second_run_takes_everything_from_the_cache(tmp_path: Path) -> None:
    sources = _sources(tmp_path, THREE)
    cache = TextCache(tmp_path / "cache")
    first, report = extract_attachments(sources, cache)
    assert (report.extracted, report.from_cache, report.no_text, report.failed) == (3, 0, [], [])
    assert {e.status for e in first.values()} == {"ok"}
    for source in sources:
        source.path.unlink()  # the second run must not read the files at all
    second, report = extract_attachments(sources, cache)
    assert (report.extracted, report.from_cache) == (0, 3)
    assert second == first


def test_broken_file_is_reported_by_name_and_others_are_extracted(tmp_path: Path) -> None:
    sources = _sources(tmp_path, THREE[:2])
    broken = tmp_path / "store" / "broken"
    broken.write_bytes(BUDGET_PDF.read_bytes()[:2048])
    bad = AttachmentSource(sha256_of(broken), broken, PDF, "Procès-verbal.pdf")
    batch = [sources[0], bad, sources[1]]
    cache = TextCache(tmp_path / "cache")
    results, report = extract_attachments(batch, cache)
    assert report.extracted == 3
    assert [name for name, _message in report.failed] == ["Procès-verbal.pdf"]
    assert report.failed[0][1].startswith("not a valid PDF")
    assert [results[s.sha256].status for s in batch] == ["ok", "error", "ok"]
    # The failure is cached, so it is not retried every start, but still reported.
    _results, again = extract_attachments(batch, cache)
    assert (again.extracted, again.from_cache) == (0, 3)
    assert again.failed == report.failed


def test_encrypted_and_scanned_files_are_reported_with_their_reason(tmp_path: Path) -> None:
    locked = encrypted_pdf(tmp_path / "locked.pdf", user_password="secret")
    scan = scanned_pdf(tmp_path / "scan.pdf")
    sources = [
        AttachmentSource(sha256_of(locked), locked, PDF, "Rapport protégé.pdf"),
        AttachmentSource(sha256_of(scan), scan, PDF, "Scan.pdf"),
    ]
    results, report = extract_attachments(sources, TextCache(tmp_path / "cache"))
    assert report.failed == [("Rapport protégé.pdf", "encrypted with a password")]
    assert report.no_text == ["Scan.pdf"]
    assert [results[s.sha256].status for s in sources] == ["encrypted", "no-text"]


def test_unreadable_file_is_reported_but_not_cached(tmp_path: Path) -> None:
    (source,) = _sources(tmp_path, THREE[:1])
    source.path.unlink()
    cache = TextCache(tmp_path / "cache")
    _results, report = extract_attachments([source], cache)
    assert report.failed[0][0] == THREE[0]
    assert cache.get(source.sha256) is None  # once the file is back, it will be extracted


def test_same_content_twice_is_extracted_once(tmp_path: Path) -> None:
    (source,) = _sources(tmp_path, THREE[:1])
    copy = AttachmentSource(source.sha256, source.path, PDF, "copie.pdf")
    results, report = extract_attachments([source, copy], TextCache(tmp_path / "cache"))
    assert (report.extracted, report.from_cache, list(results)) == (1, 0, [source.sha256])


def test_progress_reaches_the_total(tmp_path: Path) -> None:
    updates: list[ProgressUpdate] = []
    extract_attachments(
        _sources(tmp_path, THREE), TextCache(tmp_path / "cache"), progress=updates.append
    )
    assert [(u.done, u.total) for u in updates] == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert all(u.label for u in updates)


def test_cancelling_after_the_first_file_stops_the_batch(tmp_path: Path) -> None:
    sources = _sources(tmp_path, THREE)
    cache = TextCache(tmp_path / "cache")
    token = CancelToken()

    def cancel_after_first(update: ProgressUpdate) -> None:
        if update.done == 1:
            token.cancel()

    with pytest.raises(OperationCancelled):
        extract_attachments(sources, cache, progress=cancel_after_first, cancel=token)
    assert cache.get(sources[0].sha256) is not None
    assert cache.get(sources[1].sha256) is None
