"""Selecting text in a PDF with the mouse, highlights drawn over the pages, and their list.

QtPdf's widget :class:`~PySide6.QtPdfWidgets.QPdfView` shows pages but selects nothing.
:class:`AnnotatingPdfView` adds it: a left-button drag over a page asks
:meth:`QPdfDocument.getSelection` for the text between the press and the pointer (on the page
where the drag started; a drag past its edge stops at the edge), a double-click selects a word,
and :meth:`~AnnotatingPdfView.select_page_text` selects a whole page (for the keyboard). The
selection and the highlights of the shown attachment are painted over the pages after
``QPdfView`` has drawn them, through :class:`~kmdesk.gui.pdf_layout.PageLayout`, the same
mapping that turns a mouse position into a point of a page.

Highlights are drawn translucent over their rectangles (multiplied into the page, as a
highlighter pen, so the text stays dark): the user's own in yellow with a solid outline, partners'
in pink with a dashed outline (two colours and two line styles, so they stay apart for
colour-blind users too); the selection is in the palette's highlight colour, with no outline. The
one chosen in the list gets a thick outline and flashes.

:class:`HighlightsPanel` lists the highlights of one attachment (every annotation of the
product whose attachment is this file), read on the operations runner and read again when the
catalogue announces changed annotations of the product. A highlight that cannot be drawn (no
position: made elsewhere on another file, or a note on a page) is listed all the same.

:class:`AnnotationContext` is what the viewer needs to make highlights: the catalogue, the
runner, the watcher, the product and the attachment shown, and optionally the edit history.
"""

from __future__ import annotations

import dataclasses
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QColor,
    QIcon,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtPdf import QPdfDocument, QPdfSelection
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from kmdesk.annotations.anchoring import reanchor
from kmdesk.catalogue import Catalogue
from kmdesk.changes import Changes
from kmdesk.gui.edit_history import EditHistory
from kmdesk.gui.operations import OperationsRunner
from kmdesk.gui.pdf_highlight_dialog import HighlightDraft
from kmdesk.gui.pdf_layout import PageLayout, screen_resolution
from kmdesk.gui.watcher import CatalogueWatcher
from kmdesk.markdown_safety import note_text
from kmdesk.progress import CancelToken
from kmdesk.records import AnnotationRecord, AttachmentRecord

#: Characters of page text kept before and after a quote, to find it again later.
CONTEXT_CHARACTERS = 60
#: A chosen highlight flashes this long (milliseconds).
FLASH_MS = 1200
#: A highlight shown from the list is placed this far down the view (a fraction of its height).
HIGHLIGHT_HEIGHT_IN_VIEW = 0.3
#: The longest quote shown in a row of the list, in characters.
QUOTE_IN_LIST = 90

#: Highlight colours: the user's own (yellow, solid outline) and partners' (pink, dashed).
MINE_FILL = QColor(255, 214, 0, 150)
MINE_LINE = QColor(176, 132, 0)
PARTNER_FILL = QColor(236, 72, 170, 100)
PARTNER_LINE = QColor(160, 20, 120)
#: How opaque the chosen highlight's fill is while it flashes.
FLASH_ALPHA = 255
#: How opaque the selection's fill is.
SELECTION_ALPHA = 140
CURRENT_LINE = QColor(214, 90, 0)

#: The item data role holding a highlight's id (a ``uuid.UUID``) in :class:`HighlightsModel`.
NOTE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: The item data role holding the :class:`~kmdesk.records.AnnotationRecord` itself.
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2

_WORD = re.compile(r"\w[\w'’\-]*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class AnnotationContext:
    """What a PDF viewer needs to make, draw and list highlights of the file it shows.

    ``attachment`` is the shown file's SHA-256 (or its record); ``history`` is the main window's
    :class:`~kmdesk.gui.edit_history.EditHistory`, told of each highlight saved (so that
    Edit → Undo removes it).
    """

    catalogue: Catalogue
    runner: OperationsRunner
    watcher: CatalogueWatcher
    product_id: uuid.UUID
    attachment: str | AttachmentRecord
    history: EditHistory | None = None

    @property
    def sha256(self) -> str:
        """The SHA-256 of the shown file."""
        if isinstance(self.attachment, AttachmentRecord):
            return self.attachment.sha256
        return self.attachment


def highlight_rects(note: AnnotationRecord) -> list[QRectF]:
    """A highlight's rectangles on its page, in PDF points (empty when it has no position)."""
    return [QRectF(QPointF(x0, y0), QPointF(x1, y1)) for x0, y0, x1, y1 in note.position]


def selection_rects(selection: QPdfSelection) -> list[QRectF]:
    """The rectangles a selection covers, in PDF points from the page's top-left corner."""
    return [polygon.boundingRect() for polygon in selection.bounds()]


def draft_from_selection(
    document: QPdfDocument,
    page: int,
    selection: QPdfSelection,
    *,
    product_id: uuid.UUID,
    attachment: str,
) -> HighlightDraft | None:
    """A highlight of ``selection`` on ``page`` (0-based), with the page text around it.

    The context is :data:`CONTEXT_CHARACTERS` of the page's text on each side, taken where the
    selection's character indices say; when the page text does not hold the quote there, at its
    occurrence nearest to them. ``None`` when the selection holds no text.
    """
    quote = selection.text()
    if not quote.strip():
        return None
    text = document.getAllText(page).text()
    start = selection.startIndex()
    if text[start : start + len(quote)] != quote:
        found = [m.start() for m in re.finditer(re.escape(quote), text)]
        start = min(found, key=lambda at: abs(at - start)) if found else -1
    if start >= 0:
        before = text[max(0, start - CONTEXT_CHARACTERS) : start]
        after = text[start + len(quote) : start + len(quote) + CONTEXT_CHARACTERS]
    else:
        before = after = ""
    position = tuple(
        (rect.left(), rect.top(), rect.right(), rect.bottom())
        for rect in selection_rects(selection)
        if rect.width() > 0 and rect.height() > 0
    )
    return HighlightDraft(
        product_id=product_id,
        attachment=attachment,
        page=page + 1,
        quote=quote,
        before=before,
        after=after,
        position=position,
    )


def place_by_quote(
    document: QPdfDocument, note: AnnotationRecord, page: int | None
) -> AnnotationRecord:
    """``note`` placed on the shown document by its quote and context: on ``page`` (1-based;
    ``None``: near the page it records, else anywhere), with its rectangles taken from QtPdf's
    own text. For a highlight made on an earlier edition of the file, or one that came
    without a position. When the quote is not found, it comes back without a position (one
    recorded on another edition would be in the wrong place here).
    """
    unplaced = dataclasses.replace(note, position=())
    count = document.pageCount() if document.status() == QPdfDocument.Status.Ready else 0
    if not note.quote or count == 0:
        return unplaced
    if page is not None and 1 <= page <= count:
        pages = [document.getAllText(page - 1).text()]
        anchor = reanchor(
            pages, note.quote, page=1, before=note.quote_before, after=note.quote_after
        )
        found_page = page if not anchor.lost else None
    else:
        pages = [document.getAllText(index).text() for index in range(count)]
        anchor = reanchor(
            pages, note.quote, page=note.page, before=note.quote_before, after=note.quote_after
        )
        found_page = anchor.page
    if anchor.lost or found_page is None or anchor.start is None or anchor.end is None:
        return unplaced
    selection = document.getSelectionAtIndex(
        found_page - 1, anchor.start, anchor.end - anchor.start
    )
    position = tuple(
        (rect.left(), rect.top(), rect.right(), rect.bottom())
        for rect in selection_rects(selection)
        if rect.width() > 0 and rect.height() > 0
    )
    return dataclasses.replace(note, page=found_page, position=position)


def _character_at(document: QPdfDocument, page: int, point: QPointF) -> int:
    """The index of the character of ``page`` under ``point`` (PDF points), -1 when none.

    QtPdf tells character indices only for a selection between two points, so the point is
    paired with one a little to its right (or, at the end of a line, to its left).
    """
    for step in (3.0, 6.0, 12.0):
        probe = document.getSelection(page, point, point + QPointF(step, 0))
        if probe.isValid() and probe.startIndex() >= 0 and probe.text():
            return probe.startIndex()
    for step in (3.0, 6.0, 12.0):
        probe = document.getSelection(page, point - QPointF(step, 0), point)
        if probe.isValid() and probe.startIndex() >= 0 and probe.text():
            return max(probe.endIndex() - 1, probe.startIndex())
    return -1


class AnnotatingPdfView(QPdfView):
    """A :class:`QPdfView` where text is selected with the mouse and highlights are drawn."""

    #: The selection changed (made, changed or cleared).
    selection_changed = Signal()
    #: A drawn highlight was clicked: its id (a ``uuid.UUID``).
    highlight_clicked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        if parent is None:
            super().__init__()
        else:
            super().__init__(parent)
        self._selection: QPdfSelection | None = None
        self._selection_page = -1
        #: Where the left button went down: (page, point in PDF points, viewport position).
        self._press: tuple[int, QPointF, QPointF] | None = None
        self._dragged = False
        self._double_clicked = False
        self._highlights: list[AnnotationRecord] = []
        self._current_highlight: uuid.UUID | None = None
        self._flash = QTimer(self)
        self._flash.setObjectName("highlight flash")
        self._flash.setSingleShot(True)
        self._flash.timeout.connect(self.viewport().update)
        self.viewport().setCursor(Qt.CursorShape.IBeamCursor)
        #: The layout last computed, with what it depends on (a long document's layout takes
        #: milliseconds: not again for every paint and mouse move).
        self._layout: tuple[tuple[object, ...], PageLayout] | None = None
        self._loads = 0

    # -- geometry ----------------------------------------------------------------------------

    def setDocument(self, document: QPdfDocument) -> None:
        super().setDocument(document)
        document.statusChanged.connect(self._document_changed)
        self._document_changed()

    @Slot()
    def _document_changed(self, *_args: object) -> None:
        self._loads += 1  # another file (perhaps with as many pages): lay out anew

    def page_layout(self) -> PageLayout:
        """Where the pages are drawn now (the one mapping used to draw and to hit-test)."""
        margins = self.documentMargins()
        single = self.pageMode() == QPdfView.PageMode.SinglePage
        depends_on = (
            self._loads,
            self.pageMode(),
            self.pageNavigator().currentPage() if single else -1,
            self.zoomMode(),
            self.zoomFactor(),
            self.viewport().width(),
            self.viewport().height(),
            (margins.left(), margins.top(), margins.right(), margins.bottom()),
            self.pageSpacing(),
            screen_resolution(),
        )
        if self._layout is None or self._layout[0] != depends_on:
            self._layout = (depends_on, PageLayout(self))
        return self._layout[1]

    def scroll_to(
        self, page: int, rect: QRectF | None = None, *, fraction: float = HIGHLIGHT_HEIGHT_IN_VIEW
    ) -> None:
        """Show ``page``; with ``rect`` (PDF points), scroll so that it is in view, its top
        ``fraction`` of the way down the viewport (less when the page starts nearer)."""
        document = self.document()
        if document is None or not 0 <= page < document.pageCount():
            return
        navigator = self.pageNavigator()
        location = rect.topLeft() if rect is not None else QPointF()
        navigator.jump(page, location, navigator.currentZoom())
        place = self.page_layout().place(page)
        if place is None or rect is None:
            return
        target = place.rect_to_document(rect)
        viewport = self.viewport().size()
        above = min(viewport.height() * fraction, target.top())
        self.verticalScrollBar().setValue(round(target.top() - above))
        bar = self.horizontalScrollBar()
        if target.left() < bar.value() or target.right() > bar.value() + viewport.width():
            bar.setValue(round(target.left() - min(viewport.width() * 0.1, target.left())))

    # -- selection ---------------------------------------------------------------------------

    def selection(self) -> QPdfSelection | None:
        """The selected text (``None``: nothing selected)."""
        return self._selection

    def selection_page(self) -> int:
        """The page of the selection (0-based; -1 when nothing is selected)."""
        return self._selection_page if self._selection is not None else -1

    def selected_text(self) -> str:
        """The selected text ("" when nothing is selected)."""
        return self._selection.text() if self._selection is not None else ""

    def has_selection(self) -> bool:
        """Whether some text is selected."""
        return self._selection is not None

    def select(self, page: int, start: QPointF, end: QPointF) -> bool:
        """Select the text of ``page`` between two points (PDF points); whether any was."""
        document = self.document()
        if document is None or document.status() != QPdfDocument.Status.Ready:
            return False
        return self._set_selection(page, document.getSelection(page, start, end))

    def select_range(self, page: int, start: int, length: int) -> bool:
        """Select ``length`` characters of ``page``'s text from index ``start``."""
        document = self.document()
        if document is None or document.status() != QPdfDocument.Status.Ready:
            return False
        return self._set_selection(page, document.getSelectionAtIndex(page, start, length))

    def select_page_text(self, page: int) -> bool:
        """Select all the text of ``page``; whether it has any."""
        document = self.document()
        if document is None or document.status() != QPdfDocument.Status.Ready:
            return False
        return self._set_selection(page, document.getAllText(page))

    def select_word_at(self, page: int, point: QPointF) -> bool:
        """Select the word under a point of ``page`` (PDF points); whether there is one."""
        document = self.document()
        if document is None or document.status() != QPdfDocument.Status.Ready:
            return False
        index = _character_at(document, page, point)
        if index < 0:
            return False
        text = document.getAllText(page).text()
        for match in _WORD.finditer(text):
            if match.start() <= index < match.end():
                return self.select_range(page, match.start(), match.end() - match.start())
        return False

    def clear_selection(self) -> None:
        """Select nothing."""
        if self._selection is None:
            return
        self._selection = None
        self._selection_page = -1
        self.viewport().update()
        self.selection_changed.emit()

    def _set_selection(self, page: int, selection: QPdfSelection) -> bool:
        if not selection.isValid() or not selection.text().strip():
            self.clear_selection()
            return False
        self._selection = selection
        self._selection_page = page
        self.viewport().update()
        self.selection_changed.emit()
        return True

    # -- highlights --------------------------------------------------------------------------

    def set_highlights(self, notes: Sequence[AnnotationRecord]) -> None:
        """Draw these highlights (those with a page and a position are drawn)."""
        self._highlights = [n for n in notes if n.page is not None and n.position]
        self.viewport().update()

    def highlights(self) -> list[AnnotationRecord]:
        """The highlights drawn."""
        return list(self._highlights)

    def current_highlight(self) -> uuid.UUID | None:
        """The highlight marked as the current one (chosen in the list)."""
        return self._current_highlight

    def set_current_highlight(self, note_id: uuid.UUID | None, *, flash: bool = True) -> None:
        """Mark a highlight as the current one (thick outline); with ``flash``, briefly filled
        stronger so the eye finds it."""
        self._current_highlight = note_id
        if flash and note_id is not None:
            self._flash.start(FLASH_MS)
        else:
            self._flash.stop()
        self.viewport().update()

    def stop_flashing(self) -> None:
        """End the flash of the current highlight now (a closing window)."""
        self._flash.stop()

    def highlight_at(self, viewport_point: QPointF) -> AnnotationRecord | None:
        """The highlight drawn under a viewport point (the last drawn when several are)."""
        hit = self.page_layout().hit(viewport_point)
        if hit is None:
            return None
        page, point = hit
        for note in reversed(self._highlights):
            if note.page == page + 1 and any(r.contains(point) for r in highlight_rects(note)):
                return note
        return None

    # -- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        """QPdfView draws the pages; then the highlights and the selection go over them.

        Fills are multiplied into the page (as a highlighter pen: the text stays dark), then
        the outlines are drawn over them.
        """
        super().paintEvent(event)
        if not self._highlights and self._selection is None:
            return
        layout = self.page_layout()
        visible = {place.page for place in layout.visible_pages()}
        shown: list[tuple[AnnotationRecord, list[QRectF]]] = []
        for note in self._highlights:
            page = (note.page or 0) - 1
            if page in visible:
                areas = [layout.rect_to_viewport(page, rect) for rect in highlight_rects(note)]
                shown.append((note, [area for area in areas if area is not None]))
        painter = QPainter(self.viewport())
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
        for note, rects in shown:
            fill = QColor(MINE_FILL if note.mine else PARTNER_FILL)
            if note.id == self._current_highlight and self._flash.isActive():
                fill.setAlpha(FLASH_ALPHA)
            for rect in rects:
                painter.fillRect(rect, fill)
        if self._selection is not None and self._selection_page in visible:
            colour = QColor(self.palette().color(QPalette.ColorRole.Highlight))
            colour.setAlpha(SELECTION_ALPHA)
            for rect in selection_rects(self._selection):
                area = layout.rect_to_viewport(self._selection_page, rect)
                if area is not None:
                    painter.fillRect(area, colour)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for note, rects in shown:
            painter.setPen(self._outline(note))
            for rect in rects:
                painter.drawRect(rect.adjusted(-1, -1, 1, 1))
        painter.end()

    def _outline(self, note: AnnotationRecord) -> QPen:
        """The pen around a highlight: solid for the user's own, dashed for partners', thick
        for the current one."""
        if note.id == self._current_highlight:
            pen = QPen(CURRENT_LINE)
            pen.setWidthF(2.5)
            return pen
        pen = QPen(MINE_LINE if note.mine else PARTNER_LINE)
        pen.setWidthF(1.0)
        pen.setStyle(Qt.PenStyle.SolidLine if note.mine else Qt.PenStyle.DashLine)
        return pen

    # -- mouse and keyboard ------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Left button: start a selection on the page under the pointer."""
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self._dragged = False
        self._double_clicked = False
        hit = self.page_layout().hit(event.position())
        self._press = (hit[0], hit[1], event.position()) if hit is not None else None
        if hit is None:
            self.clear_selection()
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """With the left button down, select from the press to the pointer."""
        if self._press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            super().mouseMoveEvent(event)
            return
        page, start, pressed_at = self._press
        moved = (event.position() - pressed_at).manhattanLength()
        if not self._dragged and moved < QApplication.startDragDistance():
            return
        self._dragged = True
        end = self.page_layout().page_point(page, event.position())
        if end is not None:
            self.select(page, start, end)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """End a selection; a plain click clears it (and follows a link or picks a highlight)."""
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            super().mouseReleaseEvent(event)
            return
        page, start, _pressed_at = self._press
        self._press = None
        if self._dragged:
            end = self.page_layout().page_point(page, event.position())
            if end is not None:
                self.select(page, start, end)
            event.accept()
            return
        if self._double_clicked:
            event.accept()
            return
        self.clear_selection()
        clicked = self.highlight_at(event.position())
        if clicked is not None:
            self.highlight_clicked.emit(clicked.id)
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """Select the word under the pointer."""
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(event)
            return
        hit = self.page_layout().hit(event.position())
        if hit is not None and self.select_word_at(*hit):
            self._double_clicked = True
            self._press = (hit[0], hit[1], event.position())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape clears the selection."""
        if event.key() == Qt.Key.Key_Escape and self._selection is not None:
            self.clear_selection()
            event.accept()
            return
        super().keyPressEvent(event)


def _elide(text: str, length: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "…"


def _swatch(mine: bool, size: int) -> QIcon:
    """A small square in a highlight's colours and outline style, for the list."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    fill = QColor(MINE_FILL if mine else PARTNER_FILL)
    fill.setAlpha(200)
    pen = QPen(MINE_LINE if mine else PARTNER_LINE)
    pen.setWidthF(1.5)
    pen.setStyle(Qt.PenStyle.SolidLine if mine else Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(fill)
    painter.drawRect(QRectF(1, 1, size - 2, size - 2))
    painter.end()
    return QIcon(pixmap)


class HighlightsModel(QAbstractListModel):
    """The highlights of one attachment, by page then top to bottom: one row each."""

    def __init__(self, parent: QWidget | None = None, *, shown_file: str = "") -> None:
        super().__init__(parent)
        self._notes: list[AnnotationRecord] = []
        self._icons: dict[bool, QIcon] = {}
        #: The SHA-256 of the file shown: highlights made on another edition say so.
        self.shown_file = shown_file

    def set_notes(self, notes: Sequence[AnnotationRecord]) -> None:
        """Show these highlights."""
        self.beginResetModel()
        self._notes = sorted(notes, key=_reading_order)
        self.endResetModel()

    def notes(self) -> list[AnnotationRecord]:
        """The highlights, in the order of the rows."""
        return list(self._notes)

    def row_of(self, note_id: uuid.UUID) -> int:
        """The row of a highlight (-1 when it is not listed)."""
        return next((row for row, n in enumerate(self._notes) if n.id == note_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """One row per highlight."""
        return 0 if parent.isValid() else len(self._notes)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """A row's text (page, quote, the note's first line, who wrote a partner's note)."""
        if not index.isValid() or not 0 <= index.row() < len(self._notes):
            return None
        note = self._notes[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(note)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(note)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._text(note).replace("\n", ". ")
        if role == Qt.ItemDataRole.DecorationRole:
            if note.mine not in self._icons:
                self._icons[note.mine] = _swatch(note.mine, 14)
            return self._icons[note.mine]
        if role == NOTE_ID_ROLE:
            return note.id
        if role == RECORD_ROLE:
            return note
        return None

    def _page(self, note: AnnotationRecord) -> str:
        if note.page is None:
            return self.tr("No page")
        return self.tr("Page %1").replace("%1", str(note.page))

    def _byline(self, note: AnnotationRecord) -> str:
        author = note.author or self.tr("Unknown author")
        return f"{author} ({note.organisation})" if note.organisation else author

    def _text(self, note: AnnotationRecord) -> str:
        head = self._page(note)
        if not note.position:
            head += " · " + self.tr("not drawn: no place on the page")
        lines = [head]
        if self.shown_file and note.attachment != self.shown_file:
            lines.append(self.tr("(made on an earlier edition of this file)"))
        if note.quote:
            lines.append(f"“{_elide(note.quote, QUOTE_IN_LIST)}”")
        first = next(iter(note_text(note.body).splitlines()), "")
        if first:
            lines.append(_elide(first, QUOTE_IN_LIST))
        elif note.tags:
            lines.append(", ".join(note.tags))
        if not note.mine:
            lines.append("— " + self._byline(note))
        return "\n".join(lines)

    def _tooltip(self, note: AnnotationRecord) -> str:
        parts = [self._page(note)]
        if note.quote:
            parts.append(f"“{' '.join(note.quote.split())}”")
        if note.body.strip():
            parts.append(note.body.strip())
        if note.tags:
            parts.append(self.tr("Tags: %1").replace("%1", ", ".join(note.tags)))
        parts.append(self.tr("By %1").replace("%1", self._byline(note)) if not note.mine else "")
        return "\n\n".join(part for part in parts if part)


def _reading_order(note: AnnotationRecord) -> tuple[int, float, float, str]:
    top = min((r[1] for r in note.position), default=0.0)
    left = min((r[0] for r in note.position), default=0.0)
    page = note.page if note.page is not None else 1 << 30
    return page, top, left, note.created


@dataclass(frozen=True, slots=True)
class _Listed:
    """A highlight to list: the page it is on in the shown file, and whether it must be placed
    there by its quote (made on an earlier edition of the file, or received without a place)."""

    note: AnnotationRecord
    page: int | None
    place: bool


@dataclass(frozen=True, slots=True)
class _Loaded:
    """What a background read found: the highlights to list, and every tag in use."""

    highlights: list[_Listed]
    tags: list[str]


class HighlightsPanel(QWidget):
    """The highlights of the shown attachment, listed; a row clicked (or Enter) is activated."""

    #: The highlights were (re)read: the list of :class:`~kmdesk.records.AnnotationRecord`.
    loaded = Signal(object)
    #: A row was clicked or entered: its :class:`~kmdesk.records.AnnotationRecord`.
    activated = Signal(object)

    def __init__(
        self,
        context: AnnotationContext,
        parent: QWidget | None = None,
        *,
        document: QPdfDocument | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        #: The document shown, where highlights without a place on it are placed by quote.
        self._document = document
        self._tags: list[str] = []
        self._load_key = f"pdf-highlights-{id(self)}"
        self.setAccessibleName(self.tr("Highlights"))
        self.count_label = QLabel(self)
        self.count_label.setWordWrap(True)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.model = HighlightsModel(self, shown_file=context.sha256)
        self.list_view = QListView(self)
        self.list_view.setModel(self.model)
        self.list_view.setAccessibleName(self.tr("Highlights in this document"))
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setWordWrap(True)
        self.list_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_view.setAlternatingRowColors(True)
        self.list_view.setIconSize(QSize(14, 14))
        self.list_view.setSpacing(1)
        self.list_view.clicked.connect(self._row_activated)
        self.list_view.activated.connect(self._row_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.count_label)
        layout.addWidget(self.list_view, 1)
        context.watcher.changed.connect(self._on_changes)
        self._show([])

    @property
    def notes(self) -> list[AnnotationRecord]:
        """The highlights listed, in the list's order."""
        return self.model.notes()

    @property
    def tags(self) -> list[str]:
        """Every tag in use in the catalogue (for completion), most used first."""
        return list(self._tags)

    def reload(self) -> None:
        """Read the attachment's highlights (and the tags in use) again, in the background."""
        annotations = self._context.catalogue.annotations
        product_id = self._context.product_id
        sha = self._context.sha256

        products = self._context.catalogue.products

        def work(_progress: Callable[..., None], cancel: CancelToken) -> _Loaded:
            notes = annotations.list(product=product_id)
            cancel.raise_if_cancelled()
            here = [
                _Listed(note, note.page, not note.position)
                for note in notes
                if note.attachment == sha
            ]
            attached = {a.sha256 for a in products.get(product_id).attachments}
            gone = {n.id: n for n in notes if n.is_highlight and n.attachment not in attached}
            if gone:  # made on a file since replaced: found again in this one?
                for check in annotations.check_anchors(product_id):
                    note = gone.get(check.annotation_id)
                    if note is None:
                        continue
                    if check.lost:  # found nowhere: listed, without a place
                        here.append(_Listed(dataclasses.replace(note, position=()), None, False))
                    elif check.attachment == sha:
                        here.append(_Listed(note, check.found_page, True))
            return _Loaded(here, [tag for tag, _count in annotations.tags()])

        self._context.runner.run(
            work, on_done=self._loaded, on_error=self._failed, key=self._load_key
        )

    def select_note(self, note_id: uuid.UUID) -> bool:
        """Select a highlight's row (without activating it); whether it is listed."""
        row = self.model.row_of(note_id)
        if row < 0:
            return False
        index = self.model.index(row)
        self.list_view.setCurrentIndex(index)
        self.list_view.scrollTo(index)
        return True

    def row_rect(self, note_id: uuid.UUID) -> QRectF:
        """Where a highlight's row is in the list's viewport (for tests and screenshots)."""
        return QRectF(self.list_view.visualRect(self.model.index(self.model.row_of(note_id))))

    @Slot(object)
    def _loaded(self, result: _Loaded) -> None:
        self._tags = result.tags
        notes = []
        for listed in result.highlights:
            note = listed.note
            if listed.place and self._document is not None:
                note = place_by_quote(self._document, note, listed.page)
                if note.attachment != self._context.sha256 and not note.position:
                    note = dataclasses.replace(note, page=listed.page)
            notes.append(note)
        self._show(notes)
        self.loaded.emit(self.model.notes())

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self._show([])
        self.count_label.setText(
            self.tr("The highlights could not be read: %1").replace("%1", str(error))
        )

    def _show(self, notes: list[AnnotationRecord]) -> None:
        current = self.list_view.currentIndex().data(NOTE_ID_ROLE)
        self.model.set_notes(notes)
        if notes:
            self.count_label.setText(self.tr("%n highlight(s)", "", len(notes)))
        else:
            self.count_label.setText(
                self.tr("No highlights yet. Select a passage, then Highlight…")
            )
        if current is not None:
            self.select_note(current)

    @Slot(QModelIndex)
    def _row_activated(self, index: QModelIndex) -> None:
        note = index.data(RECORD_ROLE)
        if note is not None:
            self.activated.emit(note)

    @Slot(object)
    def _on_changes(self, changes: Changes) -> None:
        if self._context.product_id in changes.annotations:
            self.reload()
