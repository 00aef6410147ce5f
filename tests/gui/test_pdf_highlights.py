"""Highlights in the PDF viewer: a passage selected with the mouse in a real demo PDF is saved
with a note, drawn over the page, listed beside it and found again from the list; the mapping
between the view's pixels and the page's points; a viewer without a catalogue; a refused save."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDockWidget
from pytestqt.qtbot import QtBot

from kmdesk.annotations.anchoring import matching_form, reanchor
from kmdesk.catalogue import Catalogue
from kmdesk.demo import demo_id
from kmdesk.gui.edit_history import EditHistory
from kmdesk.gui.operations import OperationsRunner
from kmdesk.gui.pdf_highlights import (
    MINE_FILL,
    PARTNER_FILL,
    AnnotationContext,
    HighlightsModel,
    highlight_rects,
)
from kmdesk.gui.pdf_viewer import PdfViewer, highlight_shortcut
from kmdesk.gui.watcher import CatalogueWatcher
from kmdesk.records import AnnotationRecord, AttachmentRecord
from tests.pdf_samples import text_pdf

TRACKING = demo_id("product", "a-tracking-pb-commitments-electoral-transitions")
TRACKING_FILE = "tracking-pb-commitments-electoral-transitions.pdf"
#: On the first page of the tracking guide (its subtitle).
FIRST_PAGE_PASSAGE = "A field guide for citizen budget clubs in Uganda and Nepal"
#: A save writes the note and updates the search index (seconds on a busy machine).
SAVE_TIMEOUT = 20_000
TIMEOUT = 5_000


@pytest.fixture
def tracking(demo_catalogue: Catalogue) -> tuple[AttachmentRecord, Path]:
    """The tracking guide's PDF attachment and its file."""
    product = demo_catalogue.products.get(TRACKING)
    attachment = next(a for a in product.attachments if a.file_name == TRACKING_FILE)
    assert demo_catalogue.products.text_extraction(attachment).status == "ok"
    return attachment, demo_catalogue.products.attachment_path(attachment.sha256)


@pytest.fixture
def history(demo_catalogue: Catalogue, runner: OperationsRunner) -> EditHistory:
    return EditHistory(demo_catalogue, runner)


@pytest.fixture
def viewer(
    qtbot: QtBot,
    demo_catalogue: Catalogue,
    runner: OperationsRunner,
    demo_watcher: CatalogueWatcher,
    tracking: tuple[AttachmentRecord, Path],
    history: EditHistory,
) -> Iterator[PdfViewer]:
    attachment, path = tracking
    context = AnnotationContext(
        demo_catalogue, runner, demo_watcher, TRACKING, attachment, history=history
    )
    made = PdfViewer(annotations=context)
    qtbot.addWidget(made)
    made.resize(1100, 850)
    assert made.highlights_panel is not None
    with qtbot.waitSignal(made.highlights_panel.loaded, timeout=TIMEOUT):
        assert made.open_file(path, "", "Keeping the Promise")
        made.show()
        qtbot.waitExposed(made)
    yield made
    made.close()


def _passage_rects(viewer: PdfViewer, page: int, passage: str) -> list[QRectF]:
    """Where a passage of a page is, in PDF points (found through QtPdf's own text)."""
    text = viewer.document.getAllText(page).text()
    start = text.find(passage)
    assert start >= 0, f"{passage!r} is not on page {page + 1}"
    selection = viewer.document.getSelectionAtIndex(page, start, len(passage))
    return [polygon.boundingRect() for polygon in selection.bounds()]


def _drag_over(qtbot: QtBot, viewer: PdfViewer, page: int, passage: str) -> None:
    """Select ``passage`` with the mouse: press at its first letter, drag to its last."""
    rects = _passage_rects(viewer, page, passage)
    viewer.view.scroll_to(page, rects[0])
    layout = viewer.view.page_layout()
    start = layout.to_viewport(page, QPointF(rects[0].left() + 1, rects[0].center().y()))
    end = layout.to_viewport(page, QPointF(rects[-1].right() - 1, rects[-1].center().y()))
    assert start is not None and end is not None
    viewport = viewer.view.viewport()
    assert viewport.rect().contains(start.toPoint()) and viewport.rect().contains(end.toPoint())
    no = Qt.KeyboardModifier.NoModifier
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, no, start.toPoint())
    QTest.mouseMove(viewport, ((start + end) / 2).toPoint())
    QTest.mouseMove(viewport, end.toPoint())
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, no, end.toPoint())


def _settled_grab(qtbot: QtBot, viewer: PdfViewer) -> QImage:
    """The viewport's pixels once QPdfView has drawn its pages (it renders them in the
    background: a grab taken too early shows blank pages)."""
    previous = viewer.view.viewport().grab().toImage()
    for _attempt in range(40):
        qtbot.wait(50)
        image = viewer.view.viewport().grab().toImage()
        if image == previous:
            return image
        previous = image
    return previous


def _union(rects: list[QRectF]) -> QRectF:
    area = rects[0]
    for rect in rects[1:]:
        area = area.united(rect)
    return area


def _mean_colour(image: QImage, area: QRect) -> tuple[float, float, float]:
    red = green = blue = 0.0
    count = 0
    for y in range(area.top(), area.bottom() + 1, 2):
        for x in range(area.left(), area.right() + 1, 2):
            colour = QColor(image.pixel(x, y))
            red, green, blue = red + colour.red(), green + colour.green(), blue + colour.blue()
            count += 1
    return red / count, green / count, blue / count


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_a_mouse_selection_becomes_a_highlight_saved_drawn_listed_and_found(
    qtbot: QtBot,
    viewer: PdfViewer,
    demo_catalogue: Catalogue,
    tracking: tuple[AttachmentRecord, Path],
    history: EditHistory,
) -> None:
    attachment, _path = tracking
    panel = viewer.highlights_panel
    assert panel is not None and panel.notes == []
    assert viewer.highlights_dock is not None and viewer.highlights_dock.isVisible()
    assert viewer.highlight_action.isVisible() and not viewer.highlight_action.isEnabled()
    page_text = viewer.page_text(0)
    viewer.view.scroll_to(0, _passage_rects(viewer, 0, FIRST_PAGE_PASSAGE)[0])
    before_image = _settled_grab(qtbot, viewer)
    scroll_before = viewer.view.verticalScrollBar().value()

    # -- select with the mouse -----------------------------------------------------------------
    _drag_over(qtbot, viewer, 0, FIRST_PAGE_PASSAGE)
    selected = viewer.view.selected_text()
    assert FIRST_PAGE_PASSAGE in selected and selected in page_text
    assert viewer.view.selection_page() == 0
    assert viewer.highlight_action.isEnabled()
    assert viewer.view.verticalScrollBar().value() == scroll_before  # the passage was in view

    # -- highlight it with a note --------------------------------------------------------------
    viewer.highlight_action.trigger()
    dialog = viewer.highlight_dialog
    assert dialog is not None and dialog.isVisible()
    assert _flat(dialog.quote_view.toPlainText()) == _flat(selected)
    assert not dialog.fields.share_check.isChecked()  # private unless shared
    assert not viewer.highlight_action.isEnabled()  # one dialog at a time
    qtbot.keyClicks(dialog.fields.body_edit, "Who the guide is for.")
    qtbot.keyClick(dialog.fields.body_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.fields.body_edit, "Clubs in two countries.")
    qtbot.keyClicks(dialog.fields.tags_picker.line_edit, "audience")
    qtbot.keyClick(dialog.fields.tags_picker.line_edit, Qt.Key.Key_Return)
    qtbot.mouseClick(dialog.fields.rating.buttons[2], Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # Enter added the tag; it did not save
    with qtbot.waitSignal(dialog.saved, timeout=SAVE_TIMEOUT):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(viewer.highlights()) == 1, timeout=SAVE_TIMEOUT)
    assert viewer.highlight_dialog is None and not viewer.view.has_selection()

    # -- it is in the catalogue, as a highlight that can be found again --------------------------
    [note] = demo_catalogue.annotations.list(product=TRACKING)
    assert note.attachment == attachment.sha256 and note.page == 1 and note.mine
    assert _flat(note.quote or "") == _flat(selected)
    assert note.body == "Who the guide is for.\nClubs in two countries."
    assert note.tags == ("audience",) and note.rating == 3 and note.visibility == "private"
    assert note.quote_before and note.quote_after
    assert matching_form(note.quote_before + note.quote + note.quote_after) in matching_form(
        page_text
    )
    anchor = reanchor(
        [viewer.page_text(p) for p in range(viewer.page_count())],
        note.quote or "",
        page=1,
        before=note.quote_before,
        after=note.quote_after,
    )
    assert anchor.status == "same-page" and anchor.page == 1
    passage_area = _union(_passage_rects(viewer, 0, FIRST_PAGE_PASSAGE))
    stored_area = _union(highlight_rects(note))
    assert stored_area.intersected(passage_area).height() > 0.8 * passage_area.height()
    page_size = viewer.document.pagePointSize(0)
    assert QRectF(QPointF(0, 0), page_size).contains(stored_area)  # top-left origin, y down
    assert history.undo_text.startswith("Undo new note on “")

    # -- listed beside the page ----------------------------------------------------------------
    assert panel.model.rowCount() == 1
    row = panel.model.index(0).data()
    assert "Page 1" in row and "A field guide for citizen" in row
    assert "Who the guide is for. Clubs in two countries." in row  # its first paragraph
    assert "highlight" in panel.count_label.text()

    # -- drawn over the page: the passage is tinted yellow, the rest untouched ---------------------
    qtbot.waitUntil(lambda: viewer.view.highlights() != [], timeout=TIMEOUT)
    viewer.view.stop_flashing()
    after_image = _settled_grab(qtbot, viewer)
    layout = viewer.view.page_layout()
    shown = layout.rect_to_viewport(0, stored_area)
    assert shown is not None
    inside = shown.toAlignedRect().adjusted(3, 3, -3, -3)
    r0, _g0, b0 = _mean_colour(before_image, inside)
    r1, _g1, b1 = _mean_colour(after_image, inside)
    assert b1 < b0 - 40  # yellow takes blue away
    assert abs(r1 - r0) < 30  # and keeps red
    elsewhere = inside.translated(0, inside.height() * 3 + 40)
    assert _mean_colour(after_image, elsewhere) == pytest.approx(
        _mean_colour(before_image, elsewhere), abs=1
    )

    # -- chosen in the list after scrolling elsewhere: its page comes back, it is in view ---------
    viewer.last_page()
    assert viewer.current_page() == viewer.page_count() - 1
    assert layout.rect_to_viewport(0, stored_area) is not None
    row_rect = panel.row_rect(note.id).toRect()
    qtbot.mouseClick(panel.list_view.viewport(), Qt.MouseButton.LeftButton, pos=row_rect.center())
    assert viewer.current_page() == 0
    assert viewer.view.current_highlight() == note.id
    shown = viewer.view.page_layout().rect_to_viewport(0, stored_area)
    assert shown is not None and QRectF(viewer.view.viewport().rect()).contains(shown)

    viewer.last_page()
    panel.list_view.setFocus()
    qtbot.keyClick(panel.list_view, Qt.Key.Key_Return)  # Enter on the row does the same
    assert viewer.current_page() == 0

    # -- Edit → Undo takes the highlight away: from the catalogue, the list and the page -----------
    with qtbot.waitSignal(history.undone, timeout=TIMEOUT):
        history.undo()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=TIMEOUT)
    assert demo_catalogue.annotations.list(product=TRACKING) == []
    assert viewer.view.highlights() == []


@pytest.mark.parametrize("zoom", [0.6, 1.9])
def test_view_pixels_and_page_points_map_both_ways_at_any_zoom_and_scroll(
    qtbot: QtBot, viewer: PdfViewer, zoom: float
) -> None:
    viewer._set_zoom(zoom)
    bar = viewer.view.horizontalScrollBar()
    bar.setValue(bar.maximum() // 2)
    second = viewer.view.page_layout().place(1)
    assert second is not None
    viewer.view.verticalScrollBar().setValue(second.rect.top() - 237)  # the gap above page 2
    qtbot.wait(50)
    layout = viewer.view.page_layout()

    # Points of a page, to the viewport and back.
    for page in range(viewer.page_count()):
        for point in (QPointF(0.5, 0.5), QPointF(300.25, 421.5), QPointF(594.0, 841.0)):
            shown = layout.to_viewport(page, point)
            assert shown is not None
            hit = layout.hit(shown)
            if hit is None:  # a point exactly on the page's last pixel edge
                continue
            assert hit[0] == page
            assert hit[1].x() == pytest.approx(point.x(), abs=1e-6)
            assert hit[1].y() == pytest.approx(point.y(), abs=1e-6)

    # The layout is where Qt really draws the pages: white inside, the dark background outside.
    image = _settled_grab(qtbot, viewer)
    shown_pages = layout.visible_pages()
    assert shown_pages
    checked = 0
    for place in shown_pages:
        edge = place.rect.translated(-layout.scroll_offset().toPoint())
        y = min(max(edge.top() + 20, 0), image.height() - 1)
        x = min(max(edge.left() + 20, 0), image.width() - 1)
        pairs = [
            (QPoint(edge.left(), y), QPoint(edge.left() - 1, y)),
            (QPoint(edge.right(), y), QPoint(edge.right() + 1, y)),
            (QPoint(x, edge.top()), QPoint(x, edge.top() - 1)),
            (QPoint(x, edge.bottom()), QPoint(x, edge.bottom() + 1)),
        ]
        for inside, outside in pairs:
            if image.rect().contains(inside) and image.rect().contains(outside):
                assert QColor(image.pixel(inside)).lightness() == 255, (place.page, inside)
                assert QColor(image.pixel(outside)).lightness() < 255, (place.page, outside)
                checked += 1
    assert checked >= 2

    # And where QtPdf finds the text: dragging over a passage's mapped place selects it.
    viewer.view.scroll_to(1, _passage_rects(viewer, 1, "citizen budget clubs in Mbale")[0])
    _drag_over(qtbot, viewer, 1, "citizen budget clubs in Mbale")
    assert viewer.view.selected_text().strip().startswith("citizen budget clubs in Mbale")
    assert viewer.view.selection_page() == 1


def test_a_viewer_without_a_catalogue_selects_and_copies_but_does_not_highlight(
    qtbot: QtBot, tracking: tuple[AttachmentRecord, Path]
) -> None:
    _attachment, path = tracking
    viewer = PdfViewer()
    qtbot.addWidget(viewer)
    viewer.resize(900, 850)
    viewer.show()
    qtbot.waitExposed(viewer)
    assert viewer.open_file(path)
    assert viewer.page_count() == 5
    assert viewer.highlights_panel is None and viewer.findChildren(QDockWidget) == []
    assert not viewer.highlight_action.isVisible()

    _drag_over(qtbot, viewer, 0, FIRST_PAGE_PASSAGE)
    assert FIRST_PAGE_PASSAGE in viewer.view.selected_text()
    assert not viewer.highlight_action.isEnabled()
    assert viewer.start_highlight() is None and viewer.highlight_dialog is None

    clipboard = QGuiApplication.clipboard()
    viewer.activateWindow()
    qtbot.waitUntil(viewer.isActiveWindow, timeout=TIMEOUT)
    viewer.view.setFocus()
    qtbot.keyClick(viewer.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert _flat(clipboard.text()) == _flat(viewer.view.selected_text())

    qtbot.keyClick(viewer.view, Qt.Key.Key_Escape)
    assert not viewer.view.has_selection()
    qtbot.keyClick(viewer.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert viewer.view.selected_text() == viewer.page_text(0)

    # A double-click selects a word; a plain click clears the selection.
    rects = _passage_rects(viewer, 0, "Uganda and Nepal")
    layout = viewer.view.page_layout()
    word = layout.to_viewport(0, QPointF(rects[0].left() + 4, rects[0].center().y()))
    assert word is not None
    QTest.mouseDClick(
        viewer.view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        word.toPoint(),
    )
    assert viewer.view.selected_text() == "Uganda"
    QTest.mouseClick(
        viewer.view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        word.toPoint(),
    )
    assert not viewer.view.has_selection()


def test_a_refused_highlight_shows_why_in_the_dialog_and_saves_nothing(
    qtbot: QtBot, viewer: PdfViewer, demo_catalogue: Catalogue
) -> None:
    viewer.activateWindow()
    qtbot.waitUntil(viewer.isActiveWindow, timeout=TIMEOUT)
    viewer.view.setFocus()
    qtbot.keyClick(viewer.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert viewer.view.selection_page() == 0
    QTest.keySequence(viewer.view, highlight_shortcut())  # Ctrl+H
    dialog = viewer.highlight_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(
        dialog.fields.tags_picker.line_edit, "t" * 120
    )  # tags are at most 100 characters
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "tags" in dialog.errors.shown(), timeout=SAVE_TIMEOUT)
    assert "100" in dialog.errors.shown()["tags"]
    assert dialog.isVisible() and not dialog.saving and dialog.save_button.isEnabled()
    assert demo_catalogue.annotations.list(product=TRACKING) == []
    assert viewer.highlights() == [] and viewer.view.has_selection()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and viewer.highlight_dialog is None
    assert viewer.highlight_action.isEnabled()  # the selection is still there to try again


def _record(**changes: object) -> AnnotationRecord:
    base = AnnotationRecord(
        id=uuid.uuid4(),
        product_id=TRACKING,
        product_title="Keeping the Promise",
        body="",
        tags=(),
        rating=None,
        visibility="shared",
        author="Amina Okello",
        organisation="Civic Ledger Uganda",
        installation="f" * 32,
        mine=False,
        attachment="0" * 64,
        page=1,
        quote="A field guide",
        quote_before=None,
        quote_after=None,
        position=((74.0, 165.0, 300.0, 180.0),),
        created="2024-05-01T10:00:00+00:00",
        updated="2024-05-01T10:00:00+00:00",
        stamp="0",
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_partners_highlights_look_different_and_unplaced_ones_are_still_listed(
    qtbot: QtBot, viewer: PdfViewer
) -> None:
    # Both drawn where the first page is blank (right of the text, half-way down).
    partner = _record(body="Read **this** first\n\nmore", position=((400.0, 330.0, 540.0, 350.0),))
    mine = _record(
        mine=True, author="Me", organisation="", position=((400.0, 380.0, 540.0, 400.0),)
    )
    unplaced = _record(page=3, position=(), quote="Something laid out elsewhere")
    model = HighlightsModel()
    model.set_notes([unplaced, partner, mine])
    rows = [model.index(row).data() for row in range(model.rowCount())]
    assert rows[0].startswith("Page 1") and "— Amina Okello (Civic Ledger Uganda)" in rows[0]
    assert "Read this first" in rows[0] and "more" not in rows[0], "the first paragraph, as read"
    assert "Me" not in rows[1]  # your own highlights carry no byline
    assert rows[2].startswith("Page 3") and "not drawn" in rows[2]

    viewer.go_to_page(0)
    viewer.view.verticalScrollBar().setValue(0)
    blank = _settled_grab(qtbot, viewer)
    viewer.view.set_highlights([partner, mine, unplaced])
    assert [n.id for n in viewer.view.highlights()] == [partner.id, mine.id]
    image = _settled_grab(qtbot, viewer)
    layout = viewer.view.page_layout()
    colours = []
    for note in (partner, mine):
        area = layout.rect_to_viewport(0, highlight_rects(note)[0])
        assert area is not None
        point = area.center().toPoint()
        assert QColor(blank.pixel(point)).lightness() == 255
        colours.append(QColor(image.pixel(point)))
    partner_colour, mine_colour = colours
    assert partner_colour != mine_colour
    assert mine_colour.blue() < mine_colour.red() and MINE_FILL.blue() < MINE_FILL.red()
    assert partner_colour.blue() > mine_colour.blue() and PARTNER_FILL.blue() > MINE_FILL.blue()

    # Choosing the unplaced one shows its page (it has no place to scroll to).
    viewer.highlights_panel.model.set_notes([unplaced])  # type: ignore[union-attr]
    assert viewer.go_to_highlight(unplaced.id)
    assert viewer.current_page() == 2


def test_a_viewer_opened_at_a_highlight_shows_it_and_selects_its_row(
    qtbot: QtBot,
    demo_catalogue: Catalogue,
    runner: OperationsRunner,
    demo_watcher: CatalogueWatcher,
    tracking: tuple[AttachmentRecord, Path],
) -> None:
    attachment, path = tracking
    note = demo_catalogue.annotations.add(
        TRACKING,
        body="Late in the guide",
        attachment=attachment.sha256,
        page=4,
        quote="campaigning",
        position=[[300.0, 500.0, 360.0, 512.0]],
    )
    context = AnnotationContext(demo_catalogue, runner, demo_watcher, TRACKING, attachment)
    viewer = PdfViewer.open_window(
        path, "budget", "Keeping the Promise", annotations=context, highlight=note
    )
    qtbot.addWidget(viewer)
    assert viewer.current_page() == 3 and viewer.view.current_highlight() == note.id
    shown = viewer.view.page_layout().rect_to_viewport(3, highlight_rects(note)[0])
    assert shown is not None and QRectF(viewer.view.viewport().rect()).contains(shown)
    panel = viewer.highlights_panel
    assert panel is not None
    qtbot.waitUntil(lambda: panel.list_view.currentIndex().row() == 0, timeout=TIMEOUT)
    assert viewer.search_model.searchString() == ""  # the highlight, not a search hit

    # A highlight of this file made elsewhere (another window, the command line) appears too.
    demo_catalogue.annotations.add(
        TRACKING, attachment=attachment.sha256, page=1, quote="Guide", tags=["elsewhere"]
    )
    qtbot.waitUntil(lambda: len(viewer.highlights()) == 2, timeout=SAVE_TIMEOUT)
    viewer.close()


def test_a_highlight_made_on_an_earlier_edition_is_placed_on_the_new_one(
    qtbot: QtBot,
    demo_catalogue: Catalogue,
    runner: OperationsRunner,
    demo_watcher: CatalogueWatcher,
    tracking: tuple[AttachmentRecord, Path],
    tmp_path: Path,
) -> None:
    old, _path = tracking
    note = demo_catalogue.annotations.add(
        TRACKING,
        body="Who it is for",
        attachment=old,
        page=1,
        quote=FIRST_PAGE_PASSAGE,
        before="Across Electoral Transitions ",
        after=" Organisations",
        position=[[72.0, 300.0, 400.0, 318.0]],
    )
    lines = ["Second edition, 2025", "", "Keeping the Promise", FIRST_PAGE_PASSAGE, "Organisations"]
    new = demo_catalogue.products.attach(TRACKING, text_pdf(tmp_path / "second.pdf", lines))
    demo_catalogue.products.remove_attachment(old.id)

    context = AnnotationContext(demo_catalogue, runner, demo_watcher, TRACKING, new)
    viewer = PdfViewer(annotations=context)
    qtbot.addWidget(viewer)
    viewer.resize(1000, 800)
    assert viewer.highlights_panel is not None
    with qtbot.waitSignal(viewer.highlights_panel.loaded, timeout=SAVE_TIMEOUT):
        assert viewer.open_file(demo_catalogue.products.attachment_path(new.sha256))
    (placed,) = viewer.highlights()
    assert placed.id == note.id and placed.page == 1
    expected = _union(_passage_rects(viewer, 0, FIRST_PAGE_PASSAGE))
    found = _union(highlight_rects(placed))
    assert found.intersected(expected).width() > 0.9 * expected.width(), "where QtPdf has it"
    assert [n.id for n in viewer.view.highlights()] == [note.id], "drawn"
    row = viewer.highlights_panel.model.index(0).data()
    assert "earlier edition" in row and "not drawn" not in row
    stored = demo_catalogue.annotations.get(note.id)
    assert stored.attachment == old.sha256, "placed for the view; the note is not changed"

    # A quote no longer in the new edition is still listed, not drawn.
    demo_catalogue.annotations.update(note.id, {"quote": "a sentence the new edition dropped"})
    panel = viewer.highlights_panel

    def unplaced_and_listed() -> bool:
        rows = [panel.model.index(row).data() for row in range(panel.model.rowCount())]
        return len(rows) == 1 and "not drawn" in rows[0]

    qtbot.waitUntil(unplaced_and_listed, timeout=SAVE_TIMEOUT)
    assert viewer.view.highlights() == []
    viewer.close()


def test_the_page_layout_is_kept_until_zoom_size_or_file_change(
    qtbot: QtBot, viewer: PdfViewer, tmp_path: Path
) -> None:
    first = viewer.view.page_layout()
    assert viewer.view.page_layout() is first, "not computed again for every paint"
    viewer.zoom_in()
    zoomed = viewer.view.page_layout()
    assert zoomed is not first and zoomed.places[0].rect.width() > first.places[0].rect.width()
    viewer.resize(viewer.width() - 200, viewer.height())
    qtbot.waitUntil(lambda: viewer.view.page_layout() is not zoomed, timeout=TIMEOUT)
    small = text_pdf(tmp_path / "small.pdf", ["A one-page file"])
    viewer.fit_width()
    before = viewer.view.page_layout()
    assert viewer.open_file(small)
    after = viewer.view.page_layout()
    assert after is not before and list(after.places) == [0]
