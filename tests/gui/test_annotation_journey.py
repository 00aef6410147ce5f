"""Issue 17's journey, end to end in the app: a passage of a demo PDF highlighted with a note,
the product found later by a word of the note, the notes exported as Markdown, one note shared
in a bundle, and the receiving installation showing it under its author and organisation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kmdesk.bundles.export import Scope, export_bundle
from kmdesk.bundles.importer import import_bundle
from kmdesk.catalogue import Catalogue
from kmdesk.catalogue.profile import UserProfile, save_profile
from kmdesk.gui.annotations_view import AnnotationsView, NoteFilters, Who
from kmdesk.gui.main_window import MainWindow
from kmdesk.gui.notes_panel import NotesPanel
from kmdesk.gui.operations import OperationsRunner
from kmdesk.gui.pdf_highlights import AnnotationContext
from kmdesk.gui.pdf_viewer import PdfViewer
from kmdesk.gui.results_model import SnippetRole
from kmdesk.gui.settings import Settings
from kmdesk.gui.watcher import CatalogueWatcher
from tests.gui.test_pdf_highlights import FIRST_PAGE_PASSAGE, TRACKING, TRACKING_FILE, _drag_over

WAIT = 20_000


@pytest.fixture
def window(qtbot: QtBot, demo_catalogue: Catalogue, tmp_path: Path) -> Iterator[MainWindow]:
    save_profile(demo_catalogue, UserProfile("Ronald Ssemakula", "Civic Ledger Uganda"))
    made = MainWindow(demo_catalogue, settings=Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(made)
    made.resize(1400, 900)
    made.show()
    qtbot.waitUntil(lambda: made.search.model.rowCount() > 0, timeout=WAIT)
    yield made
    made.close()


@pytest.fixture
def partner(tmp_path: Path) -> Iterator[Catalogue]:
    """A partner's installation, empty until the bundle arrives."""
    with Catalogue.open(tmp_path / "partner") as catalogue:
        save_profile(catalogue, UserProfile("Awa Traoré", "CEGOL"))
        yield catalogue


def test_highlight_find_export_share_and_see_it_attributed_elsewhere(
    qtbot: QtBot,
    window: MainWindow,
    demo_catalogue: Catalogue,
    partner: Catalogue,
    tmp_path: Path,
) -> None:
    # -- highlight a passage of the tracking guide's PDF with a note ---------------------------
    window.show_product(TRACKING)
    qtbot.waitUntil(lambda: window.detail.product_id == TRACKING, timeout=WAIT)
    product = demo_catalogue.products.get(TRACKING)
    attachment = next(a for a in product.attachments if a.file_name == TRACKING_FILE)
    viewer = window.open_attachment(attachment)
    assert isinstance(viewer, PdfViewer) and viewer.highlights_panel is not None
    viewer.resize(1100, 850)
    qtbot.waitExposed(viewer)
    qtbot.waitUntil(lambda: viewer.highlights_panel.model.rowCount() == 0, timeout=WAIT)
    _drag_over(qtbot, viewer, 0, FIRST_PAGE_PASSAGE)
    viewer.highlight_action.trigger()
    dialog = viewer.highlight_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.fields.body_edit, "Read this before the Kilwa workshop.")
    dialog.fields.share_check.setChecked(True)  # this one travels
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(viewer.highlights()) == 1, timeout=WAIT)
    (highlight,) = demo_catalogue.annotations.list(product=TRACKING)
    assert highlight.is_highlight and highlight.page == 1 and highlight.visibility == "shared"
    assert FIRST_PAGE_PASSAGE in " ".join((highlight.quote or "").split())
    # and a private note beside it, in the product's Notes tab
    panel = window.detail.notes_panel
    qtbot.waitUntil(lambda: len(panel.notes) == 1, timeout=WAIT)
    panel.start_new_note()
    panel.fields.body_edit.setPlainText("Private: the Kilwa venue is not confirmed.")
    with qtbot.waitSignal(panel.notes_changed, timeout=WAIT):
        panel.save_button.click()
    qtbot.waitUntil(lambda: len(panel.notes) == 2, timeout=WAIT)
    viewer.close()

    # -- later: the product is found by a word of the note, and the snippet says why ------------
    window.search.search_edit.clear()
    with qtbot.waitSignal(
        window.search.results_changed,
        timeout=WAIT,
        check_params_cb=lambda results: results.query == "kilwa",
    ):
        qtbot.keyClicks(window.search.search_edit, "kilwa")
    qtbot.waitUntil(lambda: window.search.model.rowCount() == 1, timeout=WAIT)
    assert window.search.model.product_id(0) == TRACKING
    snippet = window.search.model.index(0, 0).data(SnippetRole)
    assert snippet.startswith("Note: ") and "<mark>Kilwa</mark>" in snippet
    window.search.table.viewport().grab()  # drawn under the title as the model has it
    assert snippet in window.search.table.drawn_snippets()

    # -- the notes exported as Markdown from "My notes" -----------------------------------------
    notes_view = window.show_my_notes()
    assert isinstance(notes_view, AnnotationsView)
    qtbot.waitUntil(lambda: len(notes_view.shown_notes()) == 2, timeout=WAIT)
    markdown = tmp_path / "my-notes.md"
    with qtbot.waitSignal(notes_view.export_finished, timeout=WAIT):
        notes_view.export_to(markdown)
    exported = markdown.read_text(encoding="utf-8")
    assert product.title in exported and "Ronald Ssemakula" in exported
    assert "Read this before the Kilwa workshop." in exported
    assert FIRST_PAGE_PASSAGE in " ".join(exported.split())
    assert "the Kilwa venue is not confirmed" in exported, "my private notes too: mine to read"
    # "Open in PDF" on the highlight: the file opens at it, on its page, marked as current
    window.show_product(demo_catalogue.products.ids()[0])
    assert notes_view.select_note(highlight.id)
    notes_view.open_highlight_button.click()
    (reopened,) = [v for v in window.findChildren(PdfViewer) if v.isVisible()]
    assert window.detail.product_id == TRACKING
    qtbot.waitUntil(lambda: reopened.view.current_highlight() == highlight.id, timeout=WAIT)
    assert reopened.current_page() == 0
    reopened.close()

    # -- shared in a bundle: the shared note travels, the private one does not -----------------
    partner.keys.trust(partner.keys.read(demo_catalogue.keys.export(), "curator.kmkey"))
    bundle = tmp_path / "for-partner.kmbundle"
    export_bundle(demo_catalogue, bundle, scope=Scope(filters={"annotated": ["mine"]}))
    assert b"venue is not confirmed" not in bundle.read_bytes()
    import_bundle(partner, bundle)
    (arrived,) = partner.annotations.list(product=TRACKING)
    assert arrived.id == highlight.id and not arrived.mine

    # -- the receiving installation shows it attributed to its author ---------------------------
    runner = OperationsRunner()
    watcher = CatalogueWatcher(partner, runner)
    try:
        received = NotesPanel(partner, runner, watcher)
        qtbot.addWidget(received)
        with qtbot.waitSignal(received.notes_loaded, timeout=WAIT):
            received.show_product(TRACKING)
        shown = received.notes_view.toPlainText()
        assert "Ronald Ssemakula · Civic Ledger Uganda" in shown
        assert "Read this before the Kilwa workshop." in shown
        assert "venue" not in shown
        context = AnnotationContext(partner, runner, watcher, TRACKING, attachment)
        their_viewer = PdfViewer(annotations=context)
        qtbot.addWidget(their_viewer)
        assert their_viewer.highlights_panel is not None
        with qtbot.waitSignal(their_viewer.highlights_panel.loaded, timeout=WAIT):
            their_viewer.open_file(partner.products.attachment_path(attachment.sha256))
        (row,) = [
            their_viewer.highlights_panel.model.index(i).data()
            for i in range(their_viewer.highlights_panel.model.rowCount())
        ]
        assert "— Ronald Ssemakula (Civic Ledger Uganda)" in row
        their_notes = AnnotationsView(partner, runner, watcher)
        qtbot.addWidget(their_notes)
        their_notes.set_filters(NoteFilters(Who.PARTNERS, None, None))
        qtbot.waitUntil(lambda: len(their_notes.shown_notes()) == 1, timeout=WAIT)
        author = their_notes.model.text(their_notes.shown_notes()[0], their_notes.model.AUTHOR)
        assert author == "Ronald Ssemakula (Civic Ledger Uganda)"
    finally:
        watcher.stop()
        qtbot.waitUntil(lambda: not runner.running, timeout=WAIT)
        runner.shutdown()
