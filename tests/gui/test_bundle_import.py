"""The Import bundle wizard on real catalogues and real signed bundles: preview, cancel, import,
undo, an untrusted signer, and broken bundles shown in plain words."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kmdesk.bundles.export import export_bundle
from kmdesk.bundles.importer import import_bundle
from kmdesk.catalogue import Catalogue
from kmdesk.gui import bundle_import
from kmdesk.gui.bundle_import import ImportBundleWizard, undo_last_import
from tests.samples import FULL_PRODUCT

WAIT_MS = 15_000


@pytest.fixture
def curator(vocab_catalogue: Catalogue, tmp_path: Path) -> Catalogue:
    """A curator's catalogue: three products (one with a PDF), signed as "OBLA curator"."""
    first = vocab_catalogue.products.add(FULL_PRODUCT)
    vocab_catalogue.products.add({**FULL_PRODUCT, "title": "Suivi des promesses"})
    vocab_catalogue.products.add({**FULL_PRODUCT, "title": "Budget hearings in Gulu"})
    pdf = tmp_path / "guide.pdf"
    pdf.write_bytes(b"%PDF-1.7 a guide for citizen monitors" * 100)
    vocab_catalogue.products.attach(first.id, pdf)
    vocab_catalogue.keys.set_own_name("OBLA curator")
    return vocab_catalogue


@pytest.fixture
def partner(tmp_path: Path, curator: Catalogue) -> Iterator[Catalogue]:
    """A partner's empty catalogue that trusts the curator's key."""
    with Catalogue.open(tmp_path / "partner") as catalogue:
        catalogue.keys.trust(catalogue.keys.read(curator.keys.export(), "curator.kmkey"))
        yield catalogue


@pytest.fixture
def bundle(curator: Catalogue, tmp_path: Path) -> Path:
    """The curator's whole catalogue as a bundle."""
    path = tmp_path / "from-curator.kmbundle"
    export_bundle(curator, path)
    return path


def _dump(catalogue: Catalogue) -> list[str]:
    return list(catalogue.sync.dump())


def _previewed(qtbot: QtBot, wizard: ImportBundleWizard) -> None:
    qtbot.waitUntil(lambda: not wizard.preview_page.checking, timeout=WAIT_MS)


def _settle(qtbot: QtBot, runner) -> None:
    qtbot.waitUntil(lambda: not runner.running, timeout=WAIT_MS)


def _row_of(table, label: str) -> int:
    for row in range(table.rowCount()):
        if table.verticalHeaderItem(row).text() == label:
            return row
    raise AssertionError(f"no row {label!r}")


def test_the_preview_shows_the_signer_fingerprint_and_counts_and_changes_nothing(
    qtbot: QtBot, runner, curator: Catalogue, partner: Catalogue, bundle: Path
) -> None:
    before = _dump(partner)
    wizard = ImportBundleWizard(partner, runner, path=bundle)
    qtbot.addWidget(wizard)
    assert wizard.currentId() == ImportBundleWizard.PREVIEW, "a given file opens on its preview"
    _previewed(qtbot, wizard)
    page = wizard.preview_page
    assert page.error is None
    assert page.fingerprint.text() == curator.keys.own().fingerprint
    assert page.signer.text() == "OBLA curator"
    assert page.trust.text() == "Trusted here"
    table = page.counts
    products = _row_of(table, "Knowledge products")
    assert table.item(products, 0).text() == "3", "three new products"
    assert table.item(products, 1).text() == "0", "none updated"
    assert table.item(products, 2).text() == "0", "none conflicting"
    assert "1 file" in page.attachments.text()
    assert page.isComplete(), "a trusted, intact bundle can be imported"
    assert wizard.button(wizard.WizardButton.CommitButton).text().replace("&", "") == "Import"
    assert _dump(partner) == before, "previewing writes nothing"


def test_a_completed_import_adds_the_products_and_undo_removes_them(
    qtbot: QtBot, runner, partner: Catalogue, bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _dump(partner)
    wizard = ImportBundleWizard(partner, runner, path=bundle)
    qtbot.addWidget(wizard)
    _previewed(qtbot, wizard)
    with qtbot.waitSignal(wizard.imported, timeout=WAIT_MS) as imported:
        wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == ImportBundleWizard.REPORT, timeout=WAIT_MS)
    assert imported.args[0].result.report.added > 3
    assert len(partner.products.ids()) == 3
    report = wizard.report_page
    assert "added" in report.summary.text()
    assert "1 attachment file" in report.summary.text()
    assert _row_of(report.table, "Knowledge products") >= 0

    questions: list[str] = []
    monkeypatch.setattr(
        bundle_import, "ask_yes_no", lambda parent, title, text: questions.append(text) or True
    )
    with qtbot.waitSignal(wizard.undone, timeout=WAIT_MS):
        report.undo_button.click()
    assert questions, "undo asks first"
    assert partner.products.ids() == []
    assert _dump(partner) == before, "undo puts everything back"
    assert "undone" in report.undo_status.text()
    assert not report.undo_button.isEnabled()
    _settle(qtbot, runner)


def test_cancelling_the_import_leaves_the_catalogue_unchanged(
    qtbot: QtBot, runner, partner: Catalogue, bundle: Path
) -> None:
    before = _dump(partner)
    wizard = ImportBundleWizard(partner, runner, path=bundle)
    qtbot.addWidget(wizard)
    _previewed(qtbot, wizard)
    page = wizard.import_page
    # Holding the writer lock keeps the import from committing until the user has pressed Stop
    # (it is then checked and rolled back): a cancel that lands mid-import, every time.
    with partner.writer_lock():
        wizard.next()
        assert page.running and page.stop_button.isEnabled()
        qtbot.wait(50)
        page.stop_button.click()
        assert page.step.text() == "Stopping…"
    qtbot.waitUntil(lambda: not page.running, timeout=WAIT_MS)
    assert page.outcome is None and page.error is None
    assert page.step.text() == "The import was stopped. Nothing was changed."
    assert not page.retry_button.isHidden()
    assert wizard.currentId() == ImportBundleWizard.IMPORT
    assert _dump(partner) == before, "the core rolled the whole import back"
    assert partner.products.ids() == []

    page.retry_button.click()  # the same import, not stopped this time
    qtbot.waitUntil(lambda: wizard.currentId() == ImportBundleWizard.REPORT, timeout=WAIT_MS)
    assert len(partner.products.ids()) == 3
    _settle(qtbot, runner)


def test_an_untrusted_signer_is_refused_until_the_user_trusts_the_key(
    qtbot: QtBot,
    runner,
    curator: Catalogue,
    bundle: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with Catalogue.open(tmp_path / "stranger") as stranger:
        wizard = ImportBundleWizard(stranger, runner, path=bundle)
        qtbot.addWidget(wizard)
        _previewed(qtbot, wizard)
        page = wizard.preview_page
        assert not page.isComplete(), "no import from an untrusted signer"
        assert not page.untrusted_box.isHidden()
        assert "does not trust" in page.untrusted_text.text()
        assert page.trust.text() == "Not trusted here yet"
        fingerprint = curator.keys.own().fingerprint
        assert page.fingerprint.text() == fingerprint

        asked: list[str] = []
        monkeypatch.setattr(
            bundle_import, "ask_yes_no", lambda parent, title, text: asked.append(text) or False
        )
        page.trust_button.click()
        assert fingerprint in asked[0], "the question shows the fingerprint"
        assert stranger.keys.all() == [], "saying no trusts nothing"
        assert not page.isComplete()

        monkeypatch.setattr(bundle_import, "ask_yes_no", lambda parent, title, text: True)
        page.trust_button.click()
        qtbot.waitUntil(page.isComplete, timeout=WAIT_MS)
        assert page.trust.text() == "Trusted here"
        assert page.untrusted_box.isHidden()
        (trusted,) = stranger.keys.all()
        assert trusted.fingerprint == fingerprint and trusted.name == "OBLA curator"
        wizard.next()
        qtbot.waitUntil(lambda: wizard.currentId() == ImportBundleWizard.REPORT, timeout=WAIT_MS)
        assert len(stranger.products.ids()) == 3
        _settle(qtbot, runner)


def _rewrite(path: Path, target: Path, name: str, data: bytes) -> Path:
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            out.writestr(info.filename, data if info.filename == name else source.read(info))
    return target


def _refused(qtbot: QtBot, runner, catalogue: Catalogue, path: Path) -> str:
    wizard = ImportBundleWizard(catalogue, runner, path=path)
    qtbot.addWidget(wizard)
    _previewed(qtbot, wizard)
    page = wizard.preview_page
    assert page.error, "the problem is shown"
    assert not page.isComplete()
    text = page.status.text()
    assert "cannot be imported" in text and "Traceback" not in text
    return text


def test_broken_tampered_replayed_and_wrong_part_bundles_are_explained(
    qtbot: QtBot, runner, curator: Catalogue, partner: Catalogue, bundle: Path, tmp_path: Path
) -> None:
    before = _dump(partner)
    with zipfile.ZipFile(bundle) as archive:
        name = next(n for n in archive.namelist() if n.startswith("records/product."))
        original = archive.read(name)
    tampered = _rewrite(
        bundle, tmp_path / "tampered.kmbundle", name, original.replace(b"Suivi", b"Faux!")
    )
    assert "records/product.jsonl" in _refused(qtbot, runner, partner, tampered)

    broken = tmp_path / "broken.kmbundle"
    broken.write_bytes(bundle.read_bytes()[:-200])
    _refused(qtbot, runner, partner, broken)

    export_bundle(curator, tmp_path / "split.kmbundle", split_bytes=1000)
    (tmp_path / "split.kmbundle.002").unlink()  # a part that did not arrive
    missing = _refused(qtbot, runner, partner, tmp_path / "split.kmbundle.001")
    assert "split.kmbundle.002 is missing" in missing

    assert _dump(partner) == before, "nothing was written by any of them"
    import_bundle(partner, bundle)
    assert "already imported" in _refused(qtbot, runner, partner, bundle)
    _settle(qtbot, runner)


def test_undo_last_import_from_the_menu_confirms_and_reports(
    qtbot: QtBot, runner, partner: Catalogue, bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[tuple[str, bool]] = []
    monkeypatch.setattr(
        bundle_import,
        "inform",
        lambda parent, title, text, warning=False: told.append((text, warning)),
    )
    monkeypatch.setattr(bundle_import, "ask_yes_no", lambda parent, title, text: False)
    assert undo_last_import(partner, runner, None) is None, "saying no does nothing"

    monkeypatch.setattr(bundle_import, "ask_yes_no", lambda parent, title, text: True)
    operation = undo_last_import(partner, runner, None)
    assert operation is not None
    qtbot.waitUntil(lambda: bool(told), timeout=WAIT_MS)
    assert told[-1][1], "nothing to undo is a warning"
    assert "No import to undo" in told[-1][0]

    import_bundle(partner, bundle)
    assert len(partner.products.ids()) == 3
    undo_last_import(partner, runner, None)
    qtbot.waitUntil(lambda: len(told) == 2, timeout=WAIT_MS)
    assert not told[-1][1] and "undone" in told[-1][0]
    assert partner.products.ids() == []
    _settle(qtbot, runner)
