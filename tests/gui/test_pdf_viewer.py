"""The PDF viewer opens a demo report at the page of a search hit, searches, zooms, navigates."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtPdf import QPdfSearchModel
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kmdesk.gui.pdf_viewer import PdfViewer, search_term_of
from tests.pdf_samples import DEMO_PDFS, encrypted_pdf, garbage_pdf

#: Five pages; "campaigning" is on the fourth page only (its text: scripts/demo_documents/).
TRACKING_PDF = DEMO_PDFS / "tracking-pb-commitments-electoral-transitions.pdf"
LATE_WORD = "campaigning"
LATE_PAGE = 3


@pytest.fixture
def viewer(qtbot: QtBot) -> PdfViewer:
    made = PdfViewer()
    qtbot.addWidget(made)
    made.resize(800, 900)
    made.show()
    qtbot.waitExposed(made)
    return made


def _search_done(viewer: PdfViewer) -> bool:
    return viewer.search_model.status() == QPdfSearchModel.Status.Finished


def test_opens_at_the_page_of_the_first_hit_highlighted(qtbot: QtBot, viewer: PdfViewer) -> None:
    assert viewer.open_file(TRACKING_PDF, LATE_WORD, "Keeping the Promise")
    assert viewer.page_count() == 5
    assert viewer.error_message() == ""
    assert "Keeping the Promise" in viewer.windowTitle()
    qtbot.waitUntil(lambda: viewer.search_hit_count() > 0, timeout=5_000)
    qtbot.waitUntil(lambda: viewer.current_page() == LATE_PAGE, timeout=5_000)
    assert viewer.view.searchModel() is viewer.search_model  # QPdfView draws the highlights
    assert viewer.current_hit() == 0
    assert viewer.find_field.text() == LATE_WORD
    assert viewer.page_spin.value() == LATE_PAGE + 1
    assert viewer.page_spin.text() == f"{LATE_PAGE + 1} / 5"
    assert viewer.hits_label.text().startswith("1 of 1")
    assert "accused of campaigning for the opposition" in viewer.current_hit_context()


def test_a_query_with_fields_searches_its_words(qtbot: QtBot, viewer: PdfViewer) -> None:
    viewer.open_file(TRACKING_PDF, f"theme:local-governance {LATE_WORD} AND year:2023")
    assert viewer.search_model.searchString() == LATE_WORD
    qtbot.waitUntil(lambda: viewer.current_page() == LATE_PAGE, timeout=5_000)
    assert search_term_of('"citizen budget" clubs') == "citizen budget"
    assert search_term_of("type:guide water* tariffs") == "tariffs"
    assert search_term_of("theme:water") == ""


def test_without_search_text_it_opens_at_the_first_page(viewer: PdfViewer) -> None:
    viewer.open_file(TRACKING_PDF)
    assert viewer.current_page() == 0
    assert viewer.search_model.searchString() == ""
    assert viewer.hits_label.text() == ""


def test_next_and_previous_hit_with_the_keyboard(qtbot: QtBot, viewer: PdfViewer) -> None:
    viewer.open_file(TRACKING_PDF)
    viewer.activateWindow()
    qtbot.keyClick(viewer, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert viewer.find_field.hasFocus()
    qtbot.keyClicks(viewer.find_field, "budget")
    qtbot.keyClick(viewer.find_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _search_done(viewer), timeout=5_000)
    count = viewer.search_hit_count()
    assert count > 5
    qtbot.waitUntil(lambda: viewer.current_hit() == 0)

    qtbot.keyClick(viewer.find_field, Qt.Key.Key_Return)  # Enter again: the next hit
    assert viewer.current_hit() == 1
    qtbot.keyClick(viewer, Qt.Key.Key_F3)
    assert viewer.current_hit() == 2
    assert viewer.hits_label.text().startswith(f"3 of {count}")
    qtbot.keyClick(viewer, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert viewer.current_hit() == 1
    viewer.previous_hit()
    viewer.previous_hit()
    assert viewer.current_hit() == count - 1  # before the first: the last
    assert viewer.current_page() == viewer.search_model.resultAtIndex(count - 1).page()
    viewer.next_hit()
    assert viewer.current_hit() == 0


def test_a_word_that_is_not_there(qtbot: QtBot, viewer: PdfViewer) -> None:
    viewer.open_file(TRACKING_PDF, "zyxwvutsrq")
    qtbot.waitUntil(lambda: _search_done(viewer), timeout=5_000)
    assert viewer.search_hit_count() == 0
    assert viewer.hits_label.text() == "No hits"
    viewer.next_hit()  # nothing to go to: no error
    assert viewer.current_page() == 0


def test_zoom_and_fit(qtbot: QtBot, viewer: PdfViewer) -> None:
    viewer.open_file(TRACKING_PDF)
    fitted = viewer.zoom_factor()
    assert viewer.view.zoomMode() == QPdfView.ZoomMode.FitToWidth and fitted > 0
    viewer.zoom_in()
    assert viewer.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert viewer.zoom_factor() == pytest.approx(fitted * 1.25)
    viewer.activateWindow()
    qtbot.keyClick(viewer.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert viewer.zoom_factor() == pytest.approx(fitted)
    viewer.zoom_out()
    assert viewer.zoom_factor() < fitted
    viewer.fit_page()
    assert viewer.view.zoomMode() == QPdfView.ZoomMode.FitInView
    assert viewer.zoom_factor() < fitted  # a whole page is shorter than the width allows
    viewer.fit_width()
    assert viewer.zoom_factor() == pytest.approx(fitted)


def test_page_navigation(qtbot: QtBot, viewer: PdfViewer) -> None:
    viewer.open_file(TRACKING_PDF)
    viewer.page_spin.setValue(3)
    assert viewer.current_page() == 2
    viewer.activateWindow()
    viewer.view.setFocus()
    qtbot.keyClick(viewer.view, Qt.Key.Key_PageDown)
    assert viewer.current_page() == 3
    qtbot.keyClick(viewer.view, Qt.Key.Key_PageUp)
    assert viewer.current_page() == 2
    qtbot.keyClick(viewer.view, Qt.Key.Key_End)
    assert viewer.current_page() == 4 and viewer.page_spin.value() == 5
    viewer.next_page()
    assert viewer.current_page() == 4  # no page after the last
    qtbot.keyClick(viewer.view, Qt.Key.Key_Home)
    assert viewer.current_page() == 0


def test_copy_page_text_and_hit_context(qtbot: QtBot, viewer: PdfViewer) -> None:
    clipboard = QGuiApplication.clipboard()
    viewer.open_file(TRACKING_PDF)
    viewer.go_to_page(LATE_PAGE)
    viewer.copy_page_text()
    assert "campaigning" in clipboard.text() and "Recommendations" in clipboard.text()
    viewer.copy()  # no hit: the page text
    assert "Recommendations" in clipboard.text()

    viewer.search(LATE_WORD)
    qtbot.waitUntil(lambda: viewer.current_hit() == 0, timeout=5_000)
    viewer.copy()
    assert "accused of campaigning for the opposition" in clipboard.text()
    assert "Recommendations" not in clipboard.text()


def test_open_in_system_viewer_hands_over_the_local_file_only(
    viewer: PdfViewer, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True)
    )
    viewer.open_file(TRACKING_PDF)
    assert viewer.open_in_system_viewer()
    assert opened == [QUrl.fromLocalFile(str(TRACKING_PDF))]
    assert opened[0].isLocalFile()


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda folder: garbage_pdf(folder / "broken.pdf"), "damaged or not a PDF"),
        (
            lambda folder: encrypted_pdf(folder / "locked.pdf", user_password="s3cret"),
            "password",
        ),
        (lambda folder: folder / "missing.pdf", "cannot be found"),
    ],
)
def test_a_file_that_cannot_be_opened_shows_why(
    viewer: PdfViewer, tmp_path: Path, make: object, expected: str
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    assert not viewer.open_file(path, "budget")
    assert expected in viewer.error_message()
    assert path.name in viewer.error_message()
    assert viewer.page_count() == 0 and viewer.search_hit_count() == 0
    assert not viewer.find_field.isEnabled() and not viewer.zoom_in_action.isEnabled()
    viewer.next_page()
    viewer.copy()  # nothing to do: no error

    assert viewer.open_file(TRACKING_PDF)  # the same window opens a good file afterwards
    assert viewer.error_message() == "" and viewer.page_count() == 5


def test_an_empty_password_pdf_opens(qtbot: QtBot, viewer: PdfViewer, tmp_path: Path) -> None:
    protected = encrypted_pdf(tmp_path / "print-protected.pdf")
    assert viewer.open_file(protected, "Djougou")
    qtbot.waitUntil(lambda: viewer.search_hit_count() > 0, timeout=5_000)


def test_several_windows_at_once(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    first = PdfViewer.open_window(TRACKING_PDF, LATE_WORD, "one", owner)
    second = PdfViewer.open_window(DEMO_PDFS / "budget-participatif-communes-benin-mali.pdf")
    qtbot.addWidget(second)
    assert first.isWindow() and first.isVisible() and second.isVisible()
    assert first.page_count() == 5 and second.page_count() == 4
    qtbot.waitUntil(lambda: first.current_page() == LATE_PAGE, timeout=5_000)
    assert second.current_page() == 0
    assert first.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    first.close()
    second.close()


def test_actions_have_shortcuts_and_names(viewer: PdfViewer) -> None:
    assert viewer.find_action.shortcut().toString() == "Ctrl+F"
    assert viewer.find_next_action.shortcut().toString() == "F3"
    assert "Shift+F3" in [s.toString() for s in viewer.find_previous_action.shortcuts()]
    assert viewer.find_field.accessibleName() and viewer.page_spin.accessibleName()
    assert viewer.view.accessibleName()
