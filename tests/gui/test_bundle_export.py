"""The Export bundle dialog on a real catalogue: the estimate, the scope, parts, stopping, and a
bundle that another catalogue imports."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kmdesk.bundles.importer import import_bundle, inspect_bundle
from kmdesk.catalogue import Catalogue
from kmdesk.gui.bundle_export import ExportBundleDialog, ScopeChoices
from tests.samples import FULL_PRODUCT

WAIT_MS = 15_000


@pytest.fixture
def curator(vocab_catalogue: Catalogue, tmp_path: Path) -> Catalogue:
    """Three products (one with a PDF), two of them in the collection "For partners"."""
    first = vocab_catalogue.products.add(FULL_PRODUCT)
    second = vocab_catalogue.products.add({**FULL_PRODUCT, "title": "Suivi des promesses"})
    vocab_catalogue.products.add({**FULL_PRODUCT, "title": "Not in the collection"})
    pdf = tmp_path / "guide.pdf"
    pdf.write_bytes(b"%PDF-1.7 a guide for citizen monitors" * 100)
    vocab_catalogue.products.attach(first.id, pdf)
    vocab_catalogue.collections.add("For partners", "Start here", [first.id, second.id])
    vocab_catalogue.keys.set_own_name("OBLA curator")
    return vocab_catalogue


@pytest.fixture
def partner(tmp_path: Path, curator: Catalogue) -> Iterator[Catalogue]:
    """A partner's empty catalogue that trusts the curator's key."""
    with Catalogue.open(tmp_path / "partner") as catalogue:
        catalogue.keys.trust(catalogue.keys.read(curator.keys.export(), "curator.kmkey"))
        yield catalogue


def _estimated(qtbot: QtBot, dialog: ExportBundleDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.estimating, timeout=WAIT_MS)


def _exported(qtbot: QtBot, dialog: ExportBundleDialog) -> None:
    assert dialog.export_button.isEnabled()
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.exporting, timeout=WAIT_MS)


def _settle(qtbot: QtBot, runner) -> None:
    qtbot.waitUntil(lambda: not runner.running, timeout=WAIT_MS)


def test_the_whole_catalogue_is_estimated_then_written_and_imported_elsewhere(
    qtbot: QtBot, runner, curator: Catalogue, partner: Catalogue, tmp_path: Path
) -> None:
    dialog = ExportBundleDialog(curator, runner, ScopeChoices())
    qtbot.addWidget(dialog)
    assert dialog.collection.isHidden() and dialog.search.isHidden(), "only what is offered"
    _estimated(qtbot, dialog)
    assert dialog.plan is not None and dialog.plan.counts["product"] == 3
    assert "3 product" in dialog.estimate.text()
    assert "1 attachment file" in dialog.estimate.text()
    assert not dialog.export_button.isEnabled(), "no file chosen yet"

    dialog.set_output(tmp_path / "out" / "everything")
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS) as exported:
        _exported(qtbot, dialog)
    written = tmp_path / "out" / "everything.kmbundle"
    assert dialog.written == [written] and exported.args[1] == [written]
    assert written.name in dialog.result_label.text()
    assert dialog.error is None

    result = import_bundle(partner, written)
    assert len(partner.products.ids()) == 3
    assert result.attachment_files == 1
    _settle(qtbot, runner)


def test_the_scope_of_a_collection_exports_only_that_collection(
    qtbot: QtBot, runner, curator: Catalogue, tmp_path: Path
) -> None:
    (collection,) = curator.collections.all()
    choices = ScopeChoices(collection=collection.id, query="promesses")  # as the window gives it
    dialog = ExportBundleDialog(curator, runner, choices)
    qtbot.addWidget(dialog)
    assert "For partners" in dialog.collection.text()
    assert "promesses" in dialog.search.text()
    _estimated(qtbot, dialog)
    everything = dialog.plan
    dialog.collection.setChecked(True)
    _estimated(qtbot, dialog)
    assert everything is not None and dialog.plan is not None
    assert dialog.plan.counts["product"] == 2 < everything.counts["product"]
    assert dialog.plan.estimated_bytes < everything.estimated_bytes
    assert "2 product" in dialog.estimate.text()

    dialog.set_output(tmp_path / "collection.kmbundle")
    _exported(qtbot, dialog)
    inspection = inspect_bundle(curator, tmp_path / "collection.kmbundle")
    assert inspection.manifest.counts["product"] == 2
    assert inspection.manifest.scope == {"type": "selection", "collection": "For partners"}
    _settle(qtbot, runner)


def test_split_parts_without_attachments_are_named_and_import_from_the_first(
    qtbot: QtBot, runner, curator: Catalogue, partner: Catalogue, tmp_path: Path
) -> None:
    dialog = ExportBundleDialog(curator, runner)
    qtbot.addWidget(dialog)
    _estimated(qtbot, dialog)
    with_files = dialog.plan
    dialog.attachments.setChecked(False)
    _estimated(qtbot, dialog)
    assert with_files is not None and dialog.plan is not None
    assert dialog.plan.estimated_bytes < with_files.estimated_bytes
    assert "attachment file" not in dialog.estimate.text()
    dialog.split.setChecked(True)
    dialog.split_mb.setValue(1)
    assert "part" in dialog.estimate.text()
    dialog.set_output(tmp_path / "parts.kmbundle")
    _exported(qtbot, dialog)
    assert [p.name for p in dialog.written] == ["parts.kmbundle.001", "parts.kmbundle.002"]
    assert all(p.exists() for p in dialog.written)
    text = dialog.result_label.text()
    assert "parts.kmbundle.001" in text and "parts.kmbundle.002" in text
    with zipfile.ZipFile(dialog.written[1]) as part:
        assert not any(n.startswith("attachments/") for n in part.namelist())
    import_bundle(partner, dialog.written[0])
    assert len(partner.products.ids()) == 3
    _settle(qtbot, runner)


def test_stopping_an_export_writes_no_file(
    qtbot: QtBot, runner, curator: Catalogue, tmp_path: Path
) -> None:
    dialog = ExportBundleDialog(curator, runner)
    qtbot.addWidget(dialog)
    _estimated(qtbot, dialog)
    dialog.set_output(tmp_path / "stopped.kmbundle")
    dialog.export_button.click()
    assert dialog.exporting and dialog.close_button.text() == "Cancel"
    dialog.reject()  # Cancel while writing: stop before the first entry, stay open to say so
    assert dialog.export_operation is not None and dialog.export_operation.cancelled
    qtbot.waitUntil(lambda: not dialog.exporting, timeout=WAIT_MS)
    assert sorted(p.name for p in tmp_path.iterdir() if "stopped" in p.name) == []
    assert "stopped" in dialog.result_label.text()
    assert dialog.written == []
    _settle(qtbot, runner)


def test_a_delta_bundle_needs_a_partner_and_a_return_bundle_only_what_was_made_here(
    qtbot: QtBot, runner, curator: Catalogue, tmp_path: Path
) -> None:
    (collection,) = curator.collections.all()
    dialog = ExportBundleDialog(curator, runner, ScopeChoices(collection=(collection.id, "x")))
    qtbot.addWidget(dialog)
    dialog.set_output(tmp_path / "delta.kmbundle")
    dialog.delta.setChecked(True)
    assert not dialog.scope_box.isEnabled(), "a delta is of the whole catalogue"
    assert "partner" in dialog.estimate.text()
    assert not dialog.export_button.isEnabled()
    dialog.peer.setText("Gulu office")
    _estimated(qtbot, dialog)
    assert dialog.plan is not None and dialog.plan.counts["product"] == 3, "all new to them"
    _exported(qtbot, dialog)
    assert curator.sync.peer_state("Gulu office")["last_seq"] > 0, "remembered for next time"
    dialog.set_output(tmp_path / "delta-2.kmbundle")
    dialog.full.setChecked(True)
    dialog.delta.setChecked(True)
    _estimated(qtbot, dialog)
    assert dialog.plan is not None and "product" not in dialog.plan.counts, "nothing new since"

    dialog.returning.setChecked(True)
    _estimated(qtbot, dialog)
    assert dialog.plan is not None and dialog.plan.counts["product"] == 3
    _settle(qtbot, runner)
