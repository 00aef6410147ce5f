"""The PDF viewer: a window of its own, opened at the page of a search hit.

Built on QtPdf: :class:`~PySide6.QtPdf.QPdfDocument` reads the file, a
:class:`~PySide6.QtPdf.QPdfSearchModel` finds the search text page by page (in steps, driven by
the event loop, so the window stays responsive on long documents), and
:class:`~PySide6.QtPdfWidgets.QPdfView` shows the pages with every hit highlighted and the current
one marked. When :meth:`PdfViewer.open_file` is given the search text of the main window, the
viewer jumps to the first hit as soon as the search model finds it.

Loading: ``QPdfDocument.load(path)`` reads a local file's cross-reference table only (pages are
parsed when they are drawn), which takes milliseconds even for long documents, so it is done on
the UI thread; the search, the slow part, is incremental as said above.

A file that cannot be opened (a password, a damaged file, a missing file) shows a message in the
window that names the problem; "Open in system viewer" stays available. The viewer never opens
anything but the local file it was given.

Text is selected with the mouse (a drag, a double-click for a word) or, from the keyboard, a
whole page at a time ("Select all text on this page"); Copy copies the selection when there is
one (:class:`~kmdesk.gui.pdf_highlights.AnnotatingPdfView`). Given an
:class:`~kmdesk.gui.pdf_highlights.AnnotationContext` (the catalogue, product and attachment the
file belongs to), the viewer also makes highlights: "Highlight…" turns the selection into a note
through :class:`~kmdesk.gui.pdf_highlight_dialog.HighlightDialog`, the attachment's highlights
are drawn over the pages and listed in a "Highlights" dock beside them, and choosing one in the
list shows it. Without a context there is no Highlight action and no list.
"""

from __future__ import annotations

import re
import sys
import uuid
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPointF, QRectF, Qt, QUrl, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtPdf import QPdfDocument, QPdfSearchModel
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSpinBox,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from kmdesk.gui.pdf_highlight_dialog import HighlightDialog, HighlightDraft
from kmdesk.gui.pdf_highlights import (
    AnnotatingPdfView,
    AnnotationContext,
    HighlightsPanel,
    draft_from_selection,
    highlight_rects,
)
from kmdesk.gui.pdf_layout import screen_resolution
from kmdesk.records import AnnotationRecord

#: Zoom steps multiply or divide the zoom factor by this.
ZOOM_STEP = 1.25
MIN_ZOOM = 0.1
MAX_ZOOM = 8.0
#: A hit jumped to is shown this far down the view (a fraction of its height): context above it.
_HIT_HEIGHT_IN_VIEW = 0.3

_FIELD_PREFIX = re.compile(r"^[A-Za-z_]+:")
_OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"})


def search_term_of(query: str) -> str:
    """The text to look for in a document, from a catalogue search query.

    A query may hold fields (``theme:water``), operators, wildcards and phrases; a PDF is searched
    for one literal string: the first quoted phrase when there is one, otherwise the longest plain
    word (the most specific one: QtPdf finds only adjacent words, so "water tariffs" would miss a
    page where they are apart).
    """
    tokens = query.replace('"', " ").split()
    phrase = re.search(r'"([^"]+)"', query)
    if phrase is not None and phrase.group(1).strip():
        return phrase.group(1).strip()
    words = []
    for token in tokens:
        if token in _OPERATORS or _FIELD_PREFIX.match(token):
            continue
        word = token.strip("*?()[]{}^~+-!")
        if word:
            words.append(word)
    if not words:
        return ""
    return max(words, key=len)


def highlight_shortcut() -> QKeySequence:
    """Ctrl+H (on macOS Cmd+Shift+H: Cmd+H hides the application there)."""
    return QKeySequence("Ctrl+Shift+H" if sys.platform == "darwin" else "Ctrl+H")


class PdfViewer(QMainWindow):
    """One PDF in a window: search, zoom, page navigation, select and copy, open in the system
    viewer; with an :class:`AnnotationContext`, highlights made, drawn and listed."""

    def __init__(
        self, parent: QWidget | None = None, *, annotations: AnnotationContext | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("PDF viewer"))
        self.resize(900, 1000)
        self._path: Path | None = None
        self._jump_to_first_hit = False
        self._syncing_page = False
        self._context = annotations
        #: The dialog of the highlight being made (``None`` when none is open).
        self.highlight_dialog: HighlightDialog | None = None
        #: The "Highlights" list and its dock (``None`` without an annotation context).
        self.highlights_panel: HighlightsPanel | None = None
        self.highlights_dock: QDockWidget | None = None
        #: A highlight shown before the list was read: its row is selected once it is.
        self._pending_row: uuid.UUID | None = None

        self.document = QPdfDocument(self)
        self.search_model = QPdfSearchModel(self)
        self.search_model.setDocument(self.document)
        self.view = AnnotatingPdfView(self)
        self.view.setDocument(self.document)
        self.view.setSearchModel(self.search_model)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(self.tr("Document pages"))
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self._message = QLabel(self)
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message.setWordWrap(True)
        self._message.setMargin(24)
        self._message.setTextFormat(Qt.TextFormat.PlainText)
        self._message.setAccessibleName(self.tr("Message"))
        self._stack = QStackedWidget(self)
        self._stack.addWidget(self.view)
        self._stack.addWidget(self._message)
        self.setCentralWidget(self._stack)

        self._make_actions()
        self._make_toolbars()
        self._make_context_menu()
        self._make_highlights_dock()
        self.statusBar()

        navigator = self.view.pageNavigator()
        navigator.currentPageChanged.connect(self._page_changed)
        self.view.zoomFactorChanged.connect(self._zoom_changed)
        self.search_model.countChanged.connect(self._hits_changed)
        self.search_model.modelReset.connect(self._hits_changed)
        self.view.currentSearchResultIndexChanged.connect(lambda _index: self._hits_changed())
        self.document.pageCountChanged.connect(self._page_count_changed)
        self.view.selection_changed.connect(self._update_enabled)
        self.view.highlight_clicked.connect(self._highlight_clicked)
        self._update_enabled()

    # -- building ----------------------------------------------------------------------------

    def _action(
        self, text: str, shortcuts: list[QKeySequence], slot: object, *, name: str = ""
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcuts(shortcuts)
        action.setObjectName(name)
        if shortcuts:
            action.setToolTip(
                f"{text} ({shortcuts[0].toString(QKeySequence.SequenceFormat.NativeText)})"
            )
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        key = QKeySequence
        self.zoom_in_action = self._action(
            self.tr("Zoom in"), key.keyBindings(key.StandardKey.ZoomIn), self.zoom_in
        )
        self.zoom_out_action = self._action(
            self.tr("Zoom out"), key.keyBindings(key.StandardKey.ZoomOut), self.zoom_out
        )
        self.actual_size_action = self._action(
            self.tr("Actual size"), [key("Ctrl+0")], self.actual_size
        )
        self.fit_width_action = self._action(self.tr("Fit width"), [key("Ctrl+2")], self.fit_width)
        self.fit_page_action = self._action(self.tr("Fit page"), [key("Ctrl+3")], self.fit_page)
        self.previous_page_action = self._action(
            self.tr("Previous page"), [key(Qt.Key.Key_PageUp)], self.previous_page
        )
        self.next_page_action = self._action(
            self.tr("Next page"), [key(Qt.Key.Key_PageDown)], self.next_page
        )
        self.first_page_action = self._action(
            self.tr("First page"),
            [key(Qt.Key.Key_Home), key(key.StandardKey.MoveToStartOfDocument)],
            self.first_page,
        )
        self.last_page_action = self._action(
            self.tr("Last page"),
            [key(Qt.Key.Key_End), key(key.StandardKey.MoveToEndOfDocument)],
            self.last_page,
        )
        self.find_action = self._action(
            self.tr("Find"), key.keyBindings(key.StandardKey.Find), self.focus_find
        )
        self.find_next_action = self._action(
            self.tr("Next hit"), key.keyBindings(key.StandardKey.FindNext), self.next_hit
        )
        self.find_previous_action = self._action(
            self.tr("Previous hit"),
            key.keyBindings(key.StandardKey.FindPrevious),
            self.previous_hit,
        )
        self.copy_action = self._action(
            self.tr("Copy"), key.keyBindings(key.StandardKey.Copy), self.copy
        )
        self.copy_page_action = self._action(
            self.tr("Copy page text"), [key("Ctrl+Shift+C")], self.copy_page_text
        )
        self.select_page_action = self._action(
            self.tr("Select all text on this page"),
            key.keyBindings(key.StandardKey.SelectAll),
            self.select_page_text,
        )
        self.highlight_action = self._action(
            self.tr("Highlight…"), [highlight_shortcut()], self.start_highlight, name="highlight"
        )
        self.highlight_action.setVisible(self._context is not None)
        self.system_viewer_action = self._action(
            self.tr("Open in system viewer"), [key("Ctrl+Shift+O")], self.open_in_system_viewer
        )
        self.close_action = self._action(
            self.tr("Close"), key.keyBindings(key.StandardKey.Close), self.close
        )

    def _make_toolbars(self) -> None:
        pages = QToolBar(self.tr("Pages"), self)
        pages.setObjectName("pagesToolbar")
        pages.setAccessibleName(self.tr("Pages"))
        pages.addAction(self.zoom_out_action)
        pages.addAction(self.zoom_in_action)
        pages.addAction(self.fit_width_action)
        pages.addAction(self.fit_page_action)
        pages.addSeparator()
        pages.addAction(self.previous_page_action)
        self.page_spin = QSpinBox(self)
        self.page_spin.setAccessibleName(self.tr("Page number"))
        self.page_spin.setToolTip(self.tr("Go to page"))
        self.page_spin.setKeyboardTracking(False)
        self.page_spin.setRange(1, 1)
        self.page_spin.valueChanged.connect(self._page_spin_changed)
        pages.addWidget(self.page_spin)
        pages.addAction(self.next_page_action)
        pages.addSeparator()
        pages.addAction(self.copy_page_action)
        pages.addAction(self.system_viewer_action)
        if self._context is not None:  # first, where a narrow window does not hide it
            first = pages.actions()[0]
            pages.insertAction(first, self.highlight_action)
            pages.insertSeparator(first)
        self.addToolBar(pages)

        find = QToolBar(self.tr("Find"), self)
        find.setObjectName("findToolbar")
        find.setAccessibleName(self.tr("Find in document"))
        self.find_field = QLineEdit(self)
        self.find_field.setPlaceholderText(self.tr("Find in document"))
        self.find_field.setAccessibleName(self.tr("Find in document"))
        self.find_field.returnPressed.connect(self._find_entered)
        find.addWidget(self.find_field)
        find.addAction(self.find_previous_action)
        find.addAction(self.find_next_action)
        self.hits_label = QLabel(self)
        self.hits_label.setAccessibleName(self.tr("Search hits"))
        self.hits_label.setMargin(4)
        find.addWidget(self.hits_label)
        self.addToolBarBreak()
        self.addToolBar(find)

    def _make_context_menu(self) -> None:
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addAction(self.copy_action)
        self.view.addAction(self.select_page_action)
        if self._context is not None:
            self.view.addAction(self.highlight_action)

    def _make_highlights_dock(self) -> None:
        if self._context is None:
            return
        panel = HighlightsPanel(self._context, self, document=self.document)
        dock = QDockWidget(self.tr("Highlights"), self)
        dock.setObjectName("highlightsDock")
        dock.setAccessibleName(self.tr("Highlights"))
        dock.setWidget(panel)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.resizeDocks(
            [dock], [self.fontMetrics().averageCharWidth() * 46], Qt.Orientation.Horizontal
        )
        panel.loaded.connect(self.view.set_highlights)
        panel.loaded.connect(self._select_pending_row)
        panel.activated.connect(self.go_to_highlight)
        self.highlights_panel = panel
        self.highlights_dock = dock

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def open_window(
        cls,
        path: Path | str,
        search_text: str = "",
        title: str = "",
        parent: QWidget | None = None,
        *,
        annotations: AnnotationContext | None = None,
        highlight: AnnotationRecord | None = None,
    ) -> PdfViewer:
        """A new viewer window (deleted when closed; owned by ``parent``) showing ``path``;
        with ``annotations`` (the catalogue, product and attachment of the file), highlights;
        with ``highlight`` (one of them), at that highlight instead of a search hit."""
        viewer = cls(parent, annotations=annotations)
        viewer.setWindowFlag(Qt.WindowType.Window, True)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        viewer.open_file(path, "" if highlight is not None else search_text, title)
        viewer.show()
        if highlight is not None:
            viewer.go_to_highlight(highlight)
        return viewer

    def open_file(self, path: Path | str, search_text: str = "", title: str = "") -> bool:
        """Show the PDF at ``path``; with ``search_text``, at its first hit. Whether it opened."""
        self._path = Path(path)
        self.setWindowTitle(self.tr("%1 — PDF viewer").replace("%1", title or self._path.name))
        self._jump_to_first_hit = False
        self.view.clear_selection()
        self.search_model.setSearchString("")
        self.document.close()
        error = self.document.load(str(self._path))
        if self.highlights_panel is not None:  # listed even when the file cannot be shown
            self.highlights_panel.reload()
        if error != QPdfDocument.Error.None_:
            self._show_error(error)
            return False
        self._stack.setCurrentWidget(self.view)
        self._message.clear()
        self._page_count_changed(self.document.pageCount())
        self.view.pageNavigator().jump(0, QPointF(), 0)
        self._update_enabled()
        term = search_term_of(search_text)
        if term:
            self.find_field.setText(term)
            self.search(term, jump=True)
        return True

    def _show_error(self, error: QPdfDocument.Error) -> None:
        assert self._path is not None
        name = self._path.name
        if error == QPdfDocument.Error.IncorrectPassword:
            text = self.tr(
                "%1 is protected with a password; kmdesk cannot open it. "
                "The system viewer may ask for the password."
            )
        elif error == QPdfDocument.Error.UnsupportedSecurityScheme:
            text = self.tr("%1 uses a kind of encryption that kmdesk cannot open.")
        elif error == QPdfDocument.Error.FileNotFound:
            text = self.tr("%1 cannot be found: the file is missing from the catalogue's folder.")
        elif error == QPdfDocument.Error.InvalidFileFormat:
            text = self.tr("%1 cannot be opened: it is damaged or not a PDF.")
        else:
            text = self.tr("%1 cannot be opened.")
        self._message.setText(text.replace("%1", name))
        self._stack.setCurrentWidget(self._message)
        self.document.close()
        self._page_count_changed(0)
        self._update_enabled()

    def error_message(self) -> str:
        """The message shown instead of the document ("" when the document is shown)."""
        return self._message.text() if self._stack.currentWidget() is self._message else ""

    def _update_enabled(self) -> None:
        loaded = self.document.status() == QPdfDocument.Status.Ready
        for action in (
            self.zoom_in_action,
            self.zoom_out_action,
            self.actual_size_action,
            self.fit_width_action,
            self.fit_page_action,
            self.previous_page_action,
            self.next_page_action,
            self.first_page_action,
            self.last_page_action,
            self.find_next_action,
            self.find_previous_action,
            self.copy_action,
            self.copy_page_action,
            self.select_page_action,
        ):
            action.setEnabled(loaded)
        self.highlight_action.setEnabled(self.can_highlight())
        self.find_field.setEnabled(loaded)
        self.page_spin.setEnabled(loaded)
        self.system_viewer_action.setEnabled(self._path is not None and self._path.is_file())

    # -- state for callers and tests ---------------------------------------------------------

    def current_page(self) -> int:
        """The page shown (0-based)."""
        return self.view.pageNavigator().currentPage()

    def page_count(self) -> int:
        """The number of pages (0 when nothing is open)."""
        return (
            self.document.pageCount() if self.document.status() == QPdfDocument.Status.Ready else 0
        )

    def search_hit_count(self) -> int:
        """How many hits of the current search were found so far."""
        return self.search_model.rowCount(QModelIndex())

    def current_hit(self) -> int:
        """The index of the current hit (-1 when none)."""
        return self.view.currentSearchResultIndex()

    def zoom_factor(self) -> float:
        """The zoom factor in effect (1.0: printed size), also when fitting width or page."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom or self.page_count() == 0:
            return self.view.zoomFactor()
        place = self.view.page_layout().place(max(self.current_page(), 0))
        if place is None:
            return self.view.zoomFactor()
        return place.scale_x / screen_resolution()

    # -- pages -------------------------------------------------------------------------------

    def go_to_page(self, page: int) -> None:
        """Show ``page`` (0-based; clamped to the document)."""
        count = self.page_count()
        if count == 0:
            return
        page = max(0, min(page, count - 1))
        navigator = self.view.pageNavigator()
        navigator.jump(page, QPointF(), navigator.currentZoom())

    @Slot()
    def previous_page(self) -> None:
        """Show the previous page."""
        self.go_to_page(self.current_page() - 1)

    @Slot()
    def next_page(self) -> None:
        """Show the next page."""
        self.go_to_page(self.current_page() + 1)

    @Slot()
    def first_page(self) -> None:
        """Show the first page."""
        self.go_to_page(0)

    @Slot()
    def last_page(self) -> None:
        """Show the last page."""
        self.go_to_page(self.page_count() - 1)

    @Slot(int)
    def _page_count_changed(self, count: int) -> None:
        self._syncing_page = True
        self.page_spin.setRange(1, max(count, 1))
        self.page_spin.setSuffix(f" / {max(count, 0)}")
        self._syncing_page = False

    @Slot(int)
    def _page_changed(self, page: int) -> None:
        self._syncing_page = True
        self.page_spin.setValue(page + 1)
        self._syncing_page = False

    @Slot(int)
    def _page_spin_changed(self, value: int) -> None:
        if not self._syncing_page:
            self.go_to_page(value - 1)

    # -- zoom --------------------------------------------------------------------------------

    def _set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(MIN_ZOOM, min(MAX_ZOOM, factor)))

    @Slot()
    def zoom_in(self) -> None:
        """Enlarge the pages one step."""
        self._set_zoom(self.zoom_factor() * ZOOM_STEP)

    @Slot()
    def zoom_out(self) -> None:
        """Shrink the pages one step."""
        self._set_zoom(self.zoom_factor() / ZOOM_STEP)

    @Slot()
    def actual_size(self) -> None:
        """Show the pages at their printed size."""
        self._set_zoom(1.0)

    @Slot()
    def fit_width(self) -> None:
        """Make the pages as wide as the window."""
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    @Slot()
    def fit_page(self) -> None:
        """Make a whole page fit in the window."""
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)

    @Slot(float)
    def _zoom_changed(self, factor: float) -> None:
        self.statusBar().showMessage(self.tr("Zoom %1%").replace("%1", str(round(factor * 100))))

    # -- search ------------------------------------------------------------------------------

    def search(self, text: str, *, jump: bool = True) -> None:
        """Look for ``text`` in the document; with ``jump``, show the first hit once found."""
        self._jump_to_first_hit = jump and bool(text)
        self.view.setCurrentSearchResultIndex(-1)
        self.search_model.setSearchString(text)
        self._hits_changed()

    @Slot()
    def focus_find(self) -> None:
        """Put the keyboard in the find field, its text selected."""
        self.find_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_field.selectAll()

    @Slot()
    def _find_entered(self) -> None:
        text = self.find_field.text().strip()
        if text != self.search_model.searchString():
            self.search(text, jump=True)
        else:
            self.next_hit()

    def go_to_hit(self, index: int) -> None:
        """Make hit ``index`` the current one and show its page, the hit near the top."""
        count = self.search_hit_count()
        if count == 0:
            return
        index %= count
        self.view.setCurrentSearchResultIndex(index)
        link = self.search_model.resultAtIndex(index)
        # QPdfView scrolls to the top of a page only (and not at all when the page is already
        # the current one): scroll to the hit itself, with some context above it.
        rects = link.rectangles()
        area = rects[0] if rects else QRectF(link.location(), link.location())
        self.view.scroll_to(link.page(), area, fraction=_HIT_HEIGHT_IN_VIEW)
        self._hits_changed()

    @Slot()
    def next_hit(self) -> None:
        """Show the next hit (after the last, the first)."""
        text = self.find_field.text().strip()
        if text and text != self.search_model.searchString():
            self.search(text, jump=True)
            return
        self.go_to_hit(self.current_hit() + 1)

    @Slot()
    def previous_hit(self) -> None:
        """Show the previous hit (before the first, the last)."""
        current = self.current_hit()
        self.go_to_hit(current - 1 if current > 0 else self.search_hit_count() - 1)

    @Slot()
    def _hits_changed(self) -> None:
        count = self.search_hit_count()
        if self._jump_to_first_hit and count > 0:
            self._jump_to_first_hit = False
            self.go_to_hit(0)
            return
        if not self.search_model.searchString():
            self.hits_label.setText("")
        elif count == 0:
            self.hits_label.setText(self.tr("No hits"))
        else:
            current = self.current_hit()
            if current >= 0:
                self.hits_label.setText(
                    self.tr("%1 of %n hit(s)", "", count).replace("%1", str(current + 1))
                )
            else:
                self.hits_label.setText(self.tr("%n hit(s)", "", count))

    # -- copying and opening -----------------------------------------------------------------

    def current_hit_context(self) -> str:
        """The current hit with the words around it ("" when there is no current hit)."""
        index = self.current_hit()
        if index < 0 or index >= self.search_hit_count():
            return ""
        link = self.search_model.resultAtIndex(index)
        text = f"{link.contextBefore()}{self.search_model.searchString()}{link.contextAfter()}"
        return " ".join(text.replace("\u23ce", " ").split())

    def page_text(self, page: int | None = None) -> str:
        """The text of ``page`` (the current one by default)."""
        if self.page_count() == 0:
            return ""
        return self.document.getAllText(self.current_page() if page is None else page).text()

    @Slot()
    def copy(self) -> None:
        """Copy the selected text; without a selection, the current hit with its context, or the
        current page's text when there is no hit."""
        text = self.view.selected_text() or self.current_hit_context() or self.page_text()
        if text:
            QGuiApplication.clipboard().setText(text)
            self.statusBar().showMessage(self.tr("Copied"))

    @Slot()
    def copy_page_text(self) -> None:
        """Copy all the text of the current page."""
        text = self.page_text()
        if text:
            QGuiApplication.clipboard().setText(text)
            self.statusBar().showMessage(
                self.tr("Copied the text of page %1").replace("%1", str(self.current_page() + 1))
            )
        else:
            self.statusBar().showMessage(self.tr("This page has no text to copy"))

    @Slot()
    def open_in_system_viewer(self) -> bool:
        """Hand the local file to the system's PDF viewer; whether it was handed over."""
        if self._path is None or not self._path.is_file():
            return False
        return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._path))))

    # -- selecting and highlighting ------------------------------------------------------------

    @Slot()
    def select_page_text(self) -> None:
        """Select all the text of the current page (the keyboard's way to select)."""
        if self.page_count() == 0:
            return
        if not self.view.select_page_text(self.current_page()):
            self.statusBar().showMessage(self.tr("This page has no text to select"))

    @property
    def annotation_context(self) -> AnnotationContext | None:
        """The catalogue, product and attachment highlights are made for (``None``: none)."""
        return self._context

    def can_highlight(self) -> bool:
        """Whether "Highlight…" can act now: a context, a writable catalogue, a selection."""
        return (
            self._context is not None
            and not self._context.catalogue.read_only
            and self.view.has_selection()
            and (self.highlight_dialog is None or not self.highlight_dialog.isVisible())
        )

    def highlight_draft(self) -> HighlightDraft | None:
        """The highlight the selection would make (``None``: no selection or no context)."""
        page = self.view.selection_page()
        selection = self.view.selection()
        if self._context is None or selection is None or page < 0:
            return None
        return draft_from_selection(
            self.document,
            page,
            selection,
            product_id=self._context.product_id,
            attachment=self._context.sha256,
        )

    @Slot()
    def start_highlight(self) -> HighlightDialog | None:
        """Open the dialog that saves the selection as a highlight (kept as
        :attr:`highlight_dialog`); the dialog is returned (``None`` when nothing can be
        highlighted)."""
        if not self.can_highlight() or self._context is None:
            return None
        draft = self.highlight_draft()
        if draft is None:
            return None
        dialog = HighlightDialog(
            self._context.catalogue,
            self._context.runner,
            draft,
            tags=self.highlights_panel.tags if self.highlights_panel is not None else (),
            history=self._context.history,
            parent=self,
        )
        dialog.saved.connect(self._highlight_saved)
        dialog.finished.connect(lambda _result, d=dialog: self._dialog_finished(d))
        self.highlight_dialog = dialog
        dialog.open()
        self._update_enabled()
        return dialog

    @Slot(object)
    def _highlight_saved(self, note: AnnotationRecord) -> None:
        self.view.clear_selection()
        self.statusBar().showMessage(
            self.tr("Highlight saved on page %1").replace("%1", str(note.page))
        )
        if self.highlights_panel is not None:
            self.highlights_panel.reload()

    def _dialog_finished(self, dialog: HighlightDialog) -> None:
        if self.highlight_dialog is dialog:
            self.highlight_dialog = None
        dialog.deleteLater()
        self._update_enabled()

    def highlights(self) -> list[AnnotationRecord]:
        """The highlights of the shown attachment, as listed (empty without a context)."""
        return self.highlights_panel.notes if self.highlights_panel is not None else []

    @Slot(object)
    def go_to_highlight(self, note: AnnotationRecord | uuid.UUID) -> bool:
        """Show a highlight: its page, scrolled so that it is in view, marked as the current
        one. A highlight without a position shows its page; whether there was a page to show.

        Given a record, it works at once, also before the list is read (its row is selected
        when it is); given an id, the highlight must be listed already.
        """
        if isinstance(note, uuid.UUID):
            found = next((n for n in self.highlights() if n.id == note), None)
            if found is None:
                return False
            note = found
        if self.highlights_panel is not None and not self.highlights_panel.select_note(note.id):
            self._pending_row = note.id
        if note.page is None or self.page_count() == 0:
            return False
        page = min(max(note.page - 1, 0), self.page_count() - 1)
        rects = highlight_rects(note) if note.page - 1 == page else []
        if rects:
            area = rects[0]
            for rect in rects[1:]:
                area = area.united(rect)
            self.view.scroll_to(page, area)
        else:
            self.view.scroll_to(page)
        self.view.set_current_highlight(note.id)
        return True

    @Slot(object)
    def _select_pending_row(self, _notes: object) -> None:
        if self._pending_row is not None and self.highlights_panel is not None:
            self.highlights_panel.select_note(self._pending_row)
            self._pending_row = None

    @Slot(object)
    def _highlight_clicked(self, note_id: uuid.UUID) -> None:
        if self.highlights_panel is not None:
            self.highlights_panel.select_note(note_id)
        self.view.set_current_highlight(note_id, flash=False)

    def closeEvent(self, event: QCloseEvent) -> None:
        """A closing window stops its flashing highlight."""
        self.view.stop_flashing()
        super().closeEvent(event)
