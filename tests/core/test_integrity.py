"""``check``: the database and the attachment files are what the catalogue says they are."""

from __future__ import annotations

from pathlib import Path

from kmdesk.catalogue import Catalogue
from kmdesk.integrity import check_catalogue
from tests.samples import FULL_PRODUCT


def _product_with_file(catalogue: Catalogue, tmp_path: Path, content: bytes) -> Path:
    record = catalogue.products.add(FULL_PRODUCT)
    source = tmp_path / "report.pdf"
    source.write_bytes(content)
    attachment = catalogue.products.attach(record.id, source)
    return catalogue.products.attachment_path(attachment.sha256)


def test_sound_catalogue_has_no_problem(vocab_catalogue: Catalogue, tmp_path: Path) -> None:
    _product_with_file(vocab_catalogue, tmp_path, b"%PDF-1.4 fine")
    report = check_catalogue(vocab_catalogue)
    assert report.ok, report.problems
    assert (report.products, report.attachments_checked, report.stored_files) == (1, 1, 1)


def test_missing_truncated_and_altered_files_are_reported(
    vocab_catalogue: Catalogue, tmp_path: Path
) -> None:
    stored = _product_with_file(vocab_catalogue, tmp_path, b"%PDF-1.4 original")
    stored.write_bytes(b"%PDF-1.4 originaL")
    assert [p.kind for p in check_catalogue(vocab_catalogue).problems] == ["attachment-hash"]
    assert check_catalogue(vocab_catalogue, verify_hashes=False).ok
    stored.write_bytes(b"%PDF")
    assert [p.kind for p in check_catalogue(vocab_catalogue).problems] == ["attachment-size"]
    stored.unlink()
    (problem,) = check_catalogue(vocab_catalogue).problems
    assert problem.kind == "attachment-missing" and "report.pdf" in problem.message


def test_orphan_files_and_leftovers_are_reported(vocab_catalogue: Catalogue) -> None:
    orphan = vocab_catalogue.attachments.put_bytes(b"nobody attached me", "lost.pdf")
    leftover = vocab_catalogue.attachments.root / ".incoming-abc123"
    leftover.write_bytes(b"half a copy")
    kinds = sorted(p.kind for p in check_catalogue(vocab_catalogue).problems)
    assert kinds == ["leftover", "orphan-file"]
    assert orphan.sha256 in " ".join(p.message for p in check_catalogue(vocab_catalogue).problems)
