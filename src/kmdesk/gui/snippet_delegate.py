"""The results table view: each title with its highlighted snippet drawn below it.

The snippet comes from the search core as HTML-escaped text with matches in ``<mark>`` tags.
It is never handed to an HTML parser: :func:`snippet_layout` splits it on the marks, decodes
the entities and lays the plain text out in a :class:`QTextLayout` with the matches bold on a
light highlight, so a snippet can never load a resource or run anything. Laid-out snippets are
cached, so scrolling back and forth lays nothing out twice.

:class:`ResultsView` is a :class:`QTableView` whose cells, titles included (bold, elided, on the
first line), are drawn by Qt's own delegate from the model's cells; it then draws the snippets
of the visible rows below their titles in one pass of its ``paintEvent``, instead of through an
item delegate. A Python delegate is entered once per visible cell, and every entry into Python
from Qt waits for the interpreter lock, which a search running on a worker thread holds for
most of its run (up to :func:`sys.getswitchinterval` per entry): one entry per repaint keeps
scrolling smooth while the next page is being fetched.
"""

from __future__ import annotations

import html
import re
from collections import OrderedDict

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QStyle, QTableView, QWidget

from kmdesk.gui.results_model import TITLE, ResultsModel

#: Lines of snippet shown under the title.
SNIPPET_LINES = 2
#: Highlight behind matched words: a translucent yellow, readable on light and dark themes.
MARK_BACKGROUND = QColor(255, 200, 0, 110)
#: Space between the title and the snippet, and below the snippet, in line spacings.
GAP = 0.2
#: Laid-out snippets kept (by text, width and font).
CACHE_SIZE = 512

_MARK = re.compile(r"<mark>(.*?)</mark>", re.DOTALL)


def snippet_runs(snippet: str) -> list[tuple[str, bool]]:
    """The snippet as plain-text runs, each with whether it is a match."""
    runs: list[tuple[str, bool]] = []
    position = 0
    for match in _MARK.finditer(snippet):
        if match.start() > position:
            runs.append((html.unescape(snippet[position : match.start()]), False))
        runs.append((html.unescape(match.group(1)), True))
        position = match.end()
    if position < len(snippet):
        runs.append((html.unescape(snippet[position:]), False))
    return [(text, marked) for text, marked in runs if text]


def _utf16_length(text: str) -> int:
    """The length of ``text`` in Qt's string units (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def snippet_layout(snippet: str, font: QFont, width: float, lines: int) -> QTextLayout:
    """The snippet's first ``lines`` lines at ``width``, matches bold on a highlight.

    Built from plain-text runs (:func:`snippet_runs`): no HTML is ever parsed.
    """
    runs = [(text.replace("\n", " "), marked) for text, marked in snippet_runs(snippet)]
    marked_format = QTextCharFormat()
    marked_format.setFontWeight(QFont.Weight.Bold)
    marked_format.setBackground(MARK_BACKGROUND)
    formats = []
    position = 0
    for text, marked in runs:
        length = _utf16_length(text)
        if marked:
            span = QTextLayout.FormatRange()
            span.start, span.length, span.format = position, length, marked_format
            formats.append(span)
        position += length
    layout = QTextLayout("".join(text for text, _ in runs), font)
    layout.setFormats(formats)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.setCacheEnabled(True)
    layout.beginLayout()
    top = 0.0
    for _ in range(lines):
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(width, 1.0))
        line.setPosition(QPointF(0, top))
        top += line.height()
    layout.endLayout()
    return layout


class ResultsView(QTableView):
    """A results table whose title cells also show each result's snippet (see the module)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layouts: OrderedDict[tuple[str, int, str], QTextLayout] = OrderedDict()
        self._placeholder = ""

    def set_placeholder(self, text: str) -> None:
        """The text shown in the middle of the view when it has no rows."""
        self._placeholder = text
        self.viewport().update()

    def row_height(self) -> int:
        """The height of a result row: the title line, the snippet lines and margins."""
        spacing = QFontMetrics(self.font()).lineSpacing()
        snippet = QFontMetrics(self.snippet_font()).lineSpacing()
        return round(spacing * (1 + 2 * GAP) + snippet * SNIPPET_LINES) + self._text_margin()

    def snippet_font(self) -> QFont:
        """The snippets' font: the view's, a little smaller."""
        smaller = QFont(self.font())
        if smaller.pointSizeF() > 0:
            smaller.setPointSizeF(smaller.pointSizeF() * 0.92)
        return smaller

    def _text_margin(self) -> int:
        # The horizontal space Qt's delegate leaves before a cell's text.
        return self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1

    def paintEvent(self, event: QPaintEvent) -> None:
        """The cells, then the visible rows' snippets below their titles."""
        super().paintEvent(event)
        model = self.model()
        viewport = self.viewport()
        if not isinstance(model, ResultsModel):
            return
        if model.rowCount() == 0:
            if self._placeholder:
                painter = QPainter(viewport)
                painter.setPen(viewport.palette().color(QPalette.ColorRole.PlaceholderText))
                painter.drawText(
                    viewport.rect(),
                    Qt.AlignmentFlag.AlignCenter.value | Qt.TextFlag.TextWordWrap.value,
                    self._placeholder,
                )
                painter.end()
            return
        first = self.rowAt(event.rect().top())
        last = self.rowAt(event.rect().bottom())
        if first < 0:
            return
        if last < 0:
            last = model.rowCount() - 1
        left = self.columnViewportPosition(TITLE)
        width = self.columnWidth(TITLE)
        margin = self._text_margin()
        spacing = QFontMetrics(self.font()).lineSpacing()
        font = self.snippet_font()
        font_key = font.key()
        selection = self.selectionModel()
        palette = viewport.palette()
        group = QPalette.ColorGroup.Active if self.hasFocus() else QPalette.ColorGroup.Inactive
        text = palette.color(group, QPalette.ColorRole.Text)
        highlighted = palette.color(group, QPalette.ColorRole.HighlightedText)
        painter = QPainter(viewport)
        painter.setClipRect(QRect(left, 0, width, viewport.height()).intersected(event.rect()))
        painter.setFont(font)
        text_width = width - 2 * margin
        for row in range(first, last + 1):
            snippet = model.snippet(row)
            if not snippet:
                continue
            top = self.rowViewportPosition(row) + round(spacing * (1 + GAP))
            selected = selection.isRowSelected(row) if selection is not None else False
            painter.setPen(highlighted if selected else text)
            layout = self._layout(snippet, font, font_key, text_width)
            layout.draw(painter, QPointF(left + margin, top))
        painter.end()

    def drawn_snippets(self) -> list[str]:
        """The snippets laid out for drawing (most recently drawn last)."""
        return [snippet for snippet, _width, _font in self._layouts]

    def _layout(self, snippet: str, font: QFont, font_key: str, width: int) -> QTextLayout:
        key = (snippet, width, font_key)
        layout = self._layouts.get(key)
        if layout is None:
            layout = snippet_layout(snippet, font, width, SNIPPET_LINES)
            self._layouts[key] = layout
            if len(self._layouts) > CACHE_SIZE:
                self._layouts.popitem(last=False)
        else:
            self._layouts.move_to_end(key)
        return layout
