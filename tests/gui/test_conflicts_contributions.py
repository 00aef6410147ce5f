"""The conflicts view, the contributions queue and the trusted keys widget, on real catalogues
that exchange real signed bundles."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kmdesk.bundles.contributions import contributions
from kmdesk.bundles.export import export_bundle
from kmdesk.bundles.importer import import_bundle
from kmdesk.catalogue import Catalogue
from kmdesk.gui import bundle_import, trusted_keys
from kmdesk.gui.bundle_import import ImportBundleWizard
from kmdesk.gui.conflicts_view import ConflictsModel, ConflictsView
from kmdesk.gui.contributions_view import ContributionsView
from kmdesk.gui.trusted_keys import TrustedKeysWidget
from kmdesk.gui.watcher import CatalogueWatcher
from tests.samples import FULL_PRODUCT

WAIT_MS = 15_000


@pytest.fixture
def curator(vocab_catalogue: Catalogue) -> Catalogue:
    """A curator's catalogue with two products, signed as "OBLA curator"."""
    vocab_catalogue.products.add(FULL_PRODUCT)
    vocab_catalogue.products.add({**FULL_PRODUCT, "title": "Suivi des promesses"})
    vocab_catalogue.keys.set_own_name("OBLA curator")
    return vocab_catalogue


@pytest.fixture
def partner(tmp_path: Path, curator: Catalogue) -> Iterator[Catalogue]:
    """A partner who trusts the curator and has imported the curator's catalogue."""
    with Catalogue.open(tmp_path / "partner") as catalogue:
        catalogue.keys.trust(catalogue.keys.read(curator.keys.export(), "curator.kmkey"))
        catalogue.keys.set_own_name("Partner in Gulu")
        export_bundle(curator, tmp_path / "first.kmbundle")
        import_bundle(catalogue, tmp_path / "first.kmbundle")
        yield catalogue


@pytest.fixture
def watcher(partner: Catalogue, runner) -> Iterator[CatalogueWatcher]:
    made = CatalogueWatcher(partner, runner)
    yield made
    made.stop()


def _settle(qtbot: QtBot, runner) -> None:
    qtbot.waitUntil(lambda: not runner.running, timeout=WAIT_MS)


def _concurrent_edit(curator: Catalogue, partner: Catalogue, tmp_path: Path, name: str) -> None:
    """Both change the subtitle without knowing; the curator's later change arrives."""
    product = next(p for p in curator.products.find() if p.title == FULL_PRODUCT["title"])
    partner.products.update(product.id, {"subtitle": f"The partner's {name}"})
    curator.products.update(product.id, {"subtitle": f"The curator's {name}"})
    export_bundle(curator, tmp_path / f"{name}.kmbundle")
    report = import_bundle(partner, tmp_path / f"{name}.kmbundle").report
    assert report.conflicts == 1


def test_a_kept_conflict_appears_on_change_and_can_be_restored_or_dismissed(
    qtbot: QtBot,
    runner,
    watcher: CatalogueWatcher,
    curator: Catalogue,
    partner: Catalogue,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    view = ConflictsView(partner, runner, watcher)
    qtbot.addWidget(view)
    _settle(qtbot, runner)
    assert view.model.rowCount() == 0
    assert "No conflicts" in view.status.text()

    _concurrent_edit(curator, partner, tmp_path, "subtitle")  # announced: the view follows
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=WAIT_MS)
    model = view.model

    def cell(column: int) -> str:
        return model.data(model.index(0, column))

    assert cell(ConflictsModel.RECORD) == FULL_PRODUCT["title"]
    assert cell(ConflictsModel.FIELD) == "Subtitle"
    assert cell(ConflictsModel.KEPT) == "The partner's subtitle"
    assert cell(ConflictsModel.CURRENT) == "The curator's subtitle"
    assert cell(ConflictsModel.SOURCE) == "This computer", "the losing value was made here"
    assert cell(ConflictsModel.WHEN)
    assert not view.restore_button.isEnabled(), "nothing selected yet"
    assert view.keep_both_button.isHidden(), "only a note's versions can both be kept"

    (conflict,) = partner.sync.conflicts()
    assert view.select(conflict.id)
    view.restore_button.click()
    qtbot.waitUntil(lambda: not view.loading and view.model.rowCount() == 0, timeout=WAIT_MS)
    product = partner.products.get(conflict.record_id)
    assert product.subtitle == "The partner's subtitle", "the kept value is current again"
    assert partner.sync.conflicts() == []
    assert "Restored" in view.status.text()

    _concurrent_edit(curator, partner, tmp_path, "second")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=WAIT_MS)
    (conflict,) = partner.sync.conflicts()
    view.select(conflict.id)
    monkeypatch.setattr(bundle_import, "ask_yes_no", lambda parent, title, text: False)
    view.dismiss_button.click()
    assert partner.sync.conflicts() != [], "saying no keeps it"
    monkeypatch.setattr(bundle_import, "ask_yes_no", lambda parent, title, text: True)
    view.dismiss_button.click()
    qtbot.waitUntil(lambda: not view.loading and view.model.rowCount() == 0, timeout=WAIT_MS)
    assert partner.sync.conflicts() == []
    assert partner.products.get(conflict.record_id).subtitle == "The curator's second"
    _settle(qtbot, runner)


def test_two_versions_of_a_note_are_shown_side_by_side_and_both_can_be_kept(
    qtbot: QtBot,
    runner,
    watcher: CatalogueWatcher,
    curator: Catalogue,
    partner: Catalogue,
    tmp_path: Path,
) -> None:
    product = next(p for p in curator.products.find() if p.title == FULL_PRODUCT["title"])
    note = curator.annotations.add(product.id, body="Original advice", shared=True)
    export_bundle(curator, tmp_path / "note.kmbundle")
    import_bundle(partner, tmp_path / "note.kmbundle")
    partner.annotations.update(note.id, {"body": "**Partner's** advice"})
    time.sleep(0.003)
    curator.annotations.update(note.id, {"body": "Curator's *later* advice"})
    export_bundle(curator, tmp_path / "later.kmbundle")
    import_bundle(partner, tmp_path / "later.kmbundle")

    view = ConflictsView(partner, runner, watcher)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=WAIT_MS)
    assert view.model.text(view.model.row_at(0), ConflictsModel.RECORD) == (
        "Note: Curator's later advice"
    ), "a note is named by its text, as it reads"
    assert not view.keep_both_button.isHidden(), "offered for a note"
    assert not view.keep_both_button.isEnabled(), "nothing selected yet"
    (conflict,) = partner.sync.conflicts()
    view.select(conflict.id)
    kept_html = view.kept_view.toHtml()
    assert "Partner's" in view.kept_view.toPlainText() and "font-weight" in kept_html, (
        "the kept note is rendered as Markdown"
    )
    assert "Curator's later advice" in view.current_view.toPlainText()
    assert "This computer" in view.kept_box.title()
    assert view.keep_both_button.isEnabled()

    view.keep_both_button.click()
    qtbot.waitUntil(lambda: not view.loading and view.model.rowCount() == 0, timeout=WAIT_MS)
    bodies = sorted(n.body for n in partner.annotations.list(product=product.id))
    assert bodies == ["**Partner's** advice", "Curator's *later* advice"]
    assert partner.annotations.get(note.id).body == "Curator's *later* advice"
    assert "Kept both" in view.status.text()
    _settle(qtbot, runner)


def test_contributions_are_listed_for_review_then_accepted_or_rejected(
    qtbot: QtBot,
    runner,
    curator: Catalogue,
    partner: Catalogue,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    curator.keys.trust(curator.keys.read(partner.keys.export(), "partner.kmkey"))
    product = partner.products.add({"title": "Notes from Gulu", "product_type": "guide"})
    partner.needs.add({"title": "Childcare during trainings", "theme": "local-governance"})
    export_bundle(partner, tmp_path / "back.kmbundle", returning=True)

    view = ContributionsView(curator, runner)
    qtbot.addWidget(view)
    _settle(qtbot, runner)
    assert view.model.rowCount() == 0 and "No contributions" in view.status.text()
    # Holding contributions changes no record, so nothing is announced: the main window
    # refreshes the queue when the wizard reports an import.
    wizard = ImportBundleWizard(curator, runner, path=tmp_path / "back.kmbundle")
    qtbot.addWidget(wizard)
    wizard.imported.connect(view.refresh)
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=WAIT_MS)
    wizard.next()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=WAIT_MS)
    assert "2 contribution" in wizard.report_page.summary.text()
    waiting = {c.title: c for c in contributions(curator)}
    model = view.model
    rows = {model.data(model.index(r, 1)): r for r in range(2)}
    assert set(rows) == set(waiting)
    row = rows["Notes from Gulu"]
    assert model.data(model.index(row, 0)) == "Knowledge product"
    assert model.data(model.index(row, 2)) == "Partner in Gulu"
    assert model.data(model.index(row, 3)) == "Partner in Gulu", "the key's name here"

    assert view.select(waiting["Notes from Gulu"].id)
    details = view.details.toPlainText()
    assert "Notes from Gulu" in details and "Partner in Gulu" in details
    view.accept_button.click()
    qtbot.waitUntil(lambda: not view.loading and model.rowCount() == 1, timeout=WAIT_MS)
    assert curator.products.get(product.id).title == "Notes from Gulu", "it joined"
    assert "Accepted" in view.status.text()

    assert view.select(waiting["Childcare during trainings"].id)
    monkeypatch.setattr(bundle_import, "ask_yes_no", lambda parent, title, text: True)
    view.reject_button.click()
    qtbot.waitUntil(lambda: not view.loading and model.rowCount() == 0, timeout=WAIT_MS)
    assert [c.title for c in contributions(curator, status="rejected")] == [
        "Childcare during trainings"
    ]
    assert "Childcare during trainings" not in {n.title for n in curator.needs.all()}
    _settle(qtbot, runner)


def test_trusted_keys_are_added_after_the_fingerprint_renamed_revoked_and_exported(
    qtbot: QtBot,
    runner,
    curator: Catalogue,
    partner: Catalogue,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    widget = TrustedKeysWidget(partner, runner)
    qtbot.addWidget(widget)
    _settle(qtbot, runner)
    assert widget.own_fingerprint.text() == partner.keys.own().fingerprint
    assert widget.own_name.text() == "Partner in Gulu"
    assert widget.model.rowCount() == 1
    assert widget.model.data(widget.model.index(0, 0)) == "OBLA curator"
    assert widget.model.data(widget.model.index(0, 2)) == "Trusted"

    with Catalogue.open(tmp_path / "stranger") as stranger:
        stranger.keys.set_own_name("CEGOL Ouagadougou")
        key_file = tmp_path / "cegol.kmkey"
        key_file.write_bytes(stranger.keys.export())
        fingerprint = stranger.keys.own().fingerprint
    shown: list[str] = []
    monkeypatch.setattr(
        trusted_keys, "confirm_key", lambda parent, key: shown.append(key.fingerprint) and None
    )
    widget.add_key_file(key_file)
    _settle(qtbot, runner)
    assert shown == [fingerprint], "the fingerprint is shown before trusting"
    assert len(partner.keys.all()) == 1, "not confirmed: not added"

    monkeypatch.setattr(trusted_keys, "confirm_key", lambda parent, key: "CEGOL")
    widget.add_key_file(key_file)
    qtbot.waitUntil(lambda: widget.model.rowCount() == 2, timeout=WAIT_MS)
    assert partner.keys.get(fingerprint).name == "CEGOL"

    broken = tmp_path / "broken.kmkey"
    broken.write_bytes(b"not a key")
    widget.add_key_file(broken)
    _settle(qtbot, runner)
    assert "broken.kmkey" in widget.status.text(), "a bad key file is named"
    assert len(partner.keys.all()) == 2

    assert widget.select("CEGOL")
    monkeypatch.setattr(trusted_keys, "ask_text", lambda parent, title, label, text="": "Cegol BF")
    widget.rename_button.click()
    qtbot.waitUntil(lambda: partner.keys.get(fingerprint).name == "Cegol BF", timeout=WAIT_MS)
    _settle(qtbot, runner)

    assert widget.select("Cegol BF")
    monkeypatch.setattr(bundle_import, "ask_yes_no", lambda parent, title, text: True)
    widget.revoke_button.click()
    qtbot.waitUntil(lambda: not partner.keys.get(fingerprint).trusted, timeout=WAIT_MS)
    _settle(qtbot, runner)
    states = {
        widget.model.data(widget.model.index(r, 0)): widget.model.data(widget.model.index(r, 2))
        for r in range(widget.model.rowCount())
    }
    assert states["OBLA curator"] == "Trusted"
    assert states["Cegol BF"].startswith("Revoked")

    own_file = tmp_path / "me.kmkey"
    widget.export_key(own_file)
    _settle(qtbot, runner)
    assert partner.keys.read(own_file.read_bytes(), "me").fingerprint == (
        partner.keys.own().fingerprint
    )
    assert str(own_file) in widget.status.text()
