"""Notes → My notes: the filters show the right notes, partners' notes name their organisation,
the selected note is rendered safely, the rows shown export to Markdown and CSV (and a failed
export leaves nothing behind), notes written later appear, and activating a row shows its
product."""

from __future__ import annotations

import csv
import io
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from kmdesk.catalogue import Catalogue
from kmdesk.catalogue.profile import UserProfile, save_profile
from kmdesk.demo import demo_id
from kmdesk.gui.annotations_view import AnnotationsModel, AnnotationsView, NoteFilters, Who
from kmdesk.gui.operations import OperationsRunner
from kmdesk.gui.watcher import CatalogueWatcher
from kmdesk.records import AnnotationRecord
from kmdesk.sync.clock import Stamp

TRACKING = demo_id("product", "a-tracking-pb-commitments-electoral-transitions")
BUDGET = demo_id("product", "a-budget-participatif-communes-benin-mali")
TIMEOUT = 5000
PARTNER_INSTALLATION = "b" * 32


@dataclass(frozen=True)
class Notes:
    """The notes each test starts with."""

    method: AnnotationRecord  # mine, private, tag "method", 4 stars
    workshop: AnnotationRecord  # mine, shared, tag "workshop"
    highlight: AnnotationRecord  # mine, private highlight on page 3, tag "method"
    partner: AnnotationRecord  # a partner's, shared, tag "budget"


def partner_note(catalogue: Catalogue, product: uuid.UUID, body: str, tag: str) -> uuid.UUID:
    """A shared note that another installation made, merged in as a bundle would bring it."""
    values = {
        "product": str(product),
        "attachment": None,
        "page": None,
        "quote": None,
        "quote_before": None,
        "quote_after": None,
        "position": None,
        "body": body,
        "tags": [[tag, 0]],
        "rating": 5,
        "author": "Awa Traoré",
        "organisation": "CEGOL",
        "installation": PARTNER_INSTALLATION,
        "visibility": "shared",
    }
    now = Stamp.parse(str(catalogue.installation_clock.now()))
    stamp = str(Stamp(now.wall_ms, 0, PARTNER_INSTALLATION))
    stamps = {name: stamp for name in values} | {f"tags/{tag}": stamp}
    note_id = uuid.uuid4()
    catalogue.sync.apply_remote("annotation", note_id, values, stamps)
    return note_id


def pdf_product(catalogue: Catalogue) -> tuple[uuid.UUID, str]:
    """A demo product with a PDF attached, and the file's SHA-256."""
    for product_id in catalogue.products.ids():
        product = catalogue.products.get(product_id)
        pdfs = [a for a in product.attachments if a.media_type == "application/pdf"]
        if pdfs:
            return product.id, pdfs[0].sha256
    raise AssertionError("the demo has no PDF")


@pytest.fixture
def notes(demo_catalogue: Catalogue) -> Notes:
    save_profile(demo_catalogue, UserProfile("Ronald Ssemakula", "Civic Ledger Uganda"))
    add = demo_catalogue.annotations.add
    method = add(TRACKING, body="Start with step 2\n\nThe rest later.", tags=["method"], rating=4)
    workshop = add(BUDGET, body="Useful for the Gulu workshop", tags=["workshop"], shared=True)
    product, sha = pdf_product(demo_catalogue)
    highlight = add(product, attachment=sha, page=3, quote="survival after a year", tags=["Method"])
    partner_id = partner_note(demo_catalogue, BUDGET, "Les communes du Mali l'ont adopté", "budget")
    partner = demo_catalogue.annotations.get(partner_id)
    return Notes(method, workshop, highlight, partner)


def make_view(
    qtbot: QtBot, catalogue: Catalogue, runner: OperationsRunner, watcher: CatalogueWatcher
) -> AnnotationsView:
    made = AnnotationsView(catalogue, runner, watcher)
    qtbot.addWidget(made)
    made.resize(1100, 650)
    made.show()
    qtbot.waitUntil(lambda: not made.loading, timeout=TIMEOUT)
    return made


@pytest.fixture
def view(
    qtbot: QtBot,
    notes: Notes,
    demo_catalogue: Catalogue,
    runner: OperationsRunner,
    demo_watcher: CatalogueWatcher,
) -> AnnotationsView:
    return make_view(qtbot, demo_catalogue, runner, demo_watcher)


def shown(view: AnnotationsView) -> list[uuid.UUID]:
    return [note.id for note in view.shown_notes()]


def reload_with(qtbot: QtBot, view: AnnotationsView, filters: NoteFilters) -> None:
    with qtbot.waitSignal(view.notes_loaded, timeout=TIMEOUT):
        view.set_filters(filters)


def cell(view: AnnotationsView, row: int, column: int) -> str:
    return str(view.proxy.index(row, column).data())


def test_my_notes_newest_first_then_partners_and_everyone(
    qtbot: QtBot, view: AnnotationsView, notes: Notes
) -> None:
    assert shown(view) == [notes.highlight.id, notes.workshop.id, notes.method.id]
    assert view.count_label.text() == "3 note(s)"
    assert cell(view, 0, AnnotationsModel.NOTE) == "“survival after a year”"
    assert cell(view, 0, AnnotationsModel.KIND) == "Highlight p. 3"
    assert cell(view, 2, AnnotationsModel.NOTE) == "Start with step 2"
    assert cell(view, 2, AnnotationsModel.RATING) == "★★★★☆"
    assert cell(view, 2, AnnotationsModel.KIND) == "Note"
    assert cell(view, 2, AnnotationsModel.VISIBILITY) == "Private"
    assert cell(view, 1, AnnotationsModel.VISIBILITY) == "Shared"
    assert cell(view, 2, AnnotationsModel.AUTHOR) == "Ronald Ssemakula"

    with qtbot.waitSignal(view.notes_loaded, timeout=TIMEOUT):
        view.who_combo.setCurrentIndex(view.who_combo.findData(Who.PARTNERS.value))
    assert shown(view) == [notes.partner.id]
    assert cell(view, 0, AnnotationsModel.AUTHOR) == "Awa Traoré (CEGOL)"
    assert cell(view, 0, AnnotationsModel.PRODUCT) == notes.workshop.product_title

    reload_with(qtbot, view, NoteFilters(Who.EVERYONE))
    assert set(shown(view)) == {
        notes.method.id,
        notes.workshop.id,
        notes.highlight.id,
        notes.partner.id,
    }
    # Clicking a header sorts by it (rating: by number of stars, either way round).
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(AnnotationsModel.RATING) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert header.sortIndicatorSection() == AnnotationsModel.RATING
    by_rating = [notes.workshop.id, notes.highlight.id, notes.method.id, notes.partner.id]
    ratings = [note.rating or 0 for note in view.shown_notes()]
    if header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder:
        assert ratings == [0, 0, 4, 5] and shown(view)[2:] == by_rating[2:]
    else:
        assert ratings == [5, 4, 0, 0] and shown(view)[:2] == by_rating[:1:-1]


def test_tag_visibility_and_text_filters(qtbot: QtBot, view: AnnotationsView, notes: Notes) -> None:
    offered = [view.tag_combo.itemText(i) for i in range(view.tag_combo.count())]
    assert offered[0] == "Any tag"
    # A tag is offered as first written ("Method" and "method" are one tag), with its count.
    assert {"method (2)", "budget (1)", "workshop (1)"} <= {t.casefold() for t in offered}

    method = next(i for i, t in enumerate(offered) if t.casefold() == "method (2)")
    with qtbot.waitSignal(view.notes_loaded, timeout=TIMEOUT):
        view.tag_combo.setCurrentIndex(method)
    assert shown(view) == [notes.highlight.id, notes.method.id]  # "Method" matches "method"

    reload_with(qtbot, view, NoteFilters(Who.MINE, visibility="shared"))
    assert shown(view) == [notes.workshop.id]
    reload_with(qtbot, view, NoteFilters(Who.EVERYONE, visibility="private"))
    assert shown(view) == [notes.highlight.id, notes.method.id]

    reload_with(qtbot, view, NoteFilters(Who.EVERYONE))
    qtbot.keyClicks(view.text_filter, "GULU")
    assert shown(view) == [notes.workshop.id]
    assert view.count_label.text() == "1 note(s) (3 hidden by the text filter)"
    view.text_filter.setText("cegol")  # the organisation of a partner's note
    assert shown(view) == [notes.partner.id]
    view.text_filter.setText("survival")  # the quote of a highlight
    assert shown(view) == [notes.highlight.id]
    view.text_filter.setText(notes.method.product_title.split()[-1].upper())
    assert notes.method.id in shown(view)
    view.text_filter.setText("no such words anywhere")
    assert shown(view) == []
    assert view.table_stack.currentWidget() is view.empty_label
    assert view.empty_label.text() == "No notes match these filters."
    assert not view.export_button.isEnabled()
    view.text_filter.clear()
    assert len(shown(view)) == 4
    assert view.table_stack.currentWidget() is view.table


def test_no_notes_yet_says_how_to_make_one(
    qtbot: QtBot,
    demo_catalogue: Catalogue,
    runner: OperationsRunner,
    demo_watcher: CatalogueWatcher,
) -> None:
    made = make_view(qtbot, demo_catalogue, runner, demo_watcher)
    assert shown(made) == []
    assert made.table_stack.currentWidget() is made.empty_label
    assert made.empty_label.text().startswith("You have no notes yet")
    assert made.count_label.text() == "0 note(s)"


def test_the_selected_note_is_rendered_safely(
    qtbot: QtBot, view: AnnotationsView, demo_catalogue: Catalogue
) -> None:
    hostile = demo_catalogue.annotations.add(
        TRACKING,
        body="**Bold** idea <script>alert(1)</script>\n\n![spy](http://tracker.example/p.png)",
        tags=["<b>tag</b>"],
    )
    qtbot.waitUntil(lambda: hostile.id in shown(view), timeout=TIMEOUT)
    assert view.select_note(hostile.id)
    text = view.note_view.toPlainText()
    assert hostile.product_title in text and "Ronald Ssemakula" in text
    assert "Bold idea" in text and "<b>tag</b>" in text  # the tag shown as text, not markup
    assert "<script>alert(1)</script>" in text  # shown as text, never run
    markup = view.note_view.toHtml()
    assert "<script" not in markup and "<img" not in markup
    assert view.note_view.resource_requests == []
    assert view.show_product_button.isEnabled() and not view.open_highlight_button.isEnabled()


def _export(
    qtbot: QtBot, view: AnnotationsView, monkeypatch: pytest.MonkeyPatch, target: Path
) -> object:
    monkeypatch.setattr(view, "choose_export_path", lambda: target)
    with qtbot.waitSignal(view.export_finished, timeout=TIMEOUT) as finished:
        qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.exporting, timeout=TIMEOUT)
    return finished.args[0]


def test_export_the_rows_shown_as_markdown_and_csv(
    qtbot: QtBot,
    view: AnnotationsView,
    notes: Notes,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reload_with(qtbot, view, NoteFilters(Who.EVERYONE, tag="method"))
    assert shown(view) == [notes.highlight.id, notes.method.id]

    out = tmp_path / "exports"
    out.mkdir()
    markdown = out / "my notes.md"
    assert _export(qtbot, view, monkeypatch, markdown) == markdown
    text = markdown.read_text(encoding="utf-8")
    assert "Start with step 2" in text and "> survival after a year" in text
    assert text.index(notes.highlight.product_title) < text.index(notes.method.product_title)
    assert "Gulu" not in text and "Mali" not in text
    assert view.status.text() == f"Exported 2 note(s) to {markdown}"

    view.text_filter.setText("step")
    spreadsheet = out / "notes.CSV"
    assert _export(qtbot, view, monkeypatch, spreadsheet) == spreadsheet
    rows = list(csv.DictReader(io.StringIO(spreadsheet.read_text(encoding="utf-8"), newline="")))
    assert [row["id"] for row in rows] == [str(notes.method.id)]
    assert rows[0]["body"] == notes.method.body and rows[0]["tags"] == "method"
    assert view.status.text() == f"Exported 1 note(s) to {spreadsheet}"
    assert sorted(p.name for p in out.iterdir()) == ["my notes.md", "notes.CSV"]


def test_a_failed_export_says_why_and_leaves_nothing(
    qtbot: QtBot, view: AnnotationsView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    taken = folder / "notes.md"
    taken.mkdir()  # a folder stands where the file should go: the last step fails
    assert _export(qtbot, view, monkeypatch, taken) is None
    assert "were not exported" in view.status.text() and str(taken) in view.status.text()
    assert [p.name for p in folder.iterdir()] == ["notes.md"]  # no partial file left
    assert taken.is_dir()

    assert _export(qtbot, view, monkeypatch, folder / "notes.txt") is None
    assert ".md" in view.status.text() and "notes.txt" in view.status.text()
    assert [p.name for p in folder.iterdir()] == ["notes.md"]

    if os.geteuid() != 0:  # root writes into read-only folders anyway
        folder.chmod(0o500)
        try:
            assert _export(qtbot, view, monkeypatch, folder / "other.csv") is None
            assert "were not exported" in view.status.text()
            assert [p.name for p in folder.iterdir()] == ["notes.md"]
        finally:
            folder.chmod(0o700)


def test_a_note_added_later_appears_and_the_selection_stays(
    qtbot: QtBot, view: AnnotationsView, demo_catalogue: Catalogue, notes: Notes
) -> None:
    assert view.select_note(notes.workshop.id)
    with qtbot.waitSignal(view.notes_loaded, timeout=TIMEOUT):
        added = demo_catalogue.annotations.add(BUDGET, body="Written after the view opened")
    assert shown(view)[0] == added.id
    assert view.count_label.text() == "4 note(s)"
    selected = view.selected_note()
    assert selected is not None and selected.id == notes.workshop.id


def test_activating_a_row_shows_its_product_and_a_highlight_opens_its_pdf(
    qtbot: QtBot, view: AnnotationsView, notes: Notes
) -> None:
    view.table.setFocus()
    row = shown(view).index(notes.method.id)
    rect = view.table.visualRect(view.proxy.index(row, AnnotationsModel.NOTE))
    with qtbot.waitSignal(view.product_activated, timeout=TIMEOUT) as activated:
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert activated.args == [TRACKING]

    assert view.select_note(notes.workshop.id)
    with qtbot.waitSignal(view.product_activated, timeout=TIMEOUT) as activated:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert activated.args == [BUDGET]

    assert view.select_note(notes.highlight.id)
    assert view.open_highlight_button.isEnabled()
    with qtbot.waitSignal(view.highlight_activated, timeout=TIMEOUT) as opened:
        qtbot.mouseClick(view.open_highlight_button, Qt.MouseButton.LeftButton)
    assert opened.args == [notes.highlight]
    with qtbot.waitSignal(view.product_activated, timeout=TIMEOUT) as activated:
        qtbot.mouseClick(view.show_product_button, Qt.MouseButton.LeftButton)
    assert activated.args == [notes.highlight.product_id]
