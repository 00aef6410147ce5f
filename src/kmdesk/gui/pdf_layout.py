"""Where :class:`~PySide6.QtPdfWidgets.QPdfView` draws each page, and the mapping between the
view's pixels and a page's PDF points.

``QPdfView`` keeps its page layout private, so it is computed here the way Qt computes it
(``QPdfViewPrivate::calculateDocumentLayout`` in ``qpdfview.cpp``): every page's size in pixels
is its size in points times the screen's logical DPI / 72, then

* ``Custom`` zoom: times the zoom factor, rounded to whole pixels;
* ``FitToWidth``: the page rounded to whole pixels, then scaled so that it is as wide as the
  viewport less the left and right document margins (each side rounded);
* ``FitInView``: the rounded page scaled, keeping its proportions, into the viewport less the left
  and right margins and one page spacing in height.

Pages are stacked from the top margin with the page spacing between them (``MultiPage``; only
the current page in ``SinglePage`` mode), each centred horizontally in the wider of the viewport
and the widest page plus the side margins (integer division, as Qt does). Positions here are in
the *document* (the scrolled area); the viewport shows it from the scroll bars' values.

A page's image is stretched into its rectangle, so a PDF point maps to pixels by the rectangle's
width and height over the page's size in points. Points are measured **from the page's top-left
corner, y downwards** (as :meth:`QPdfSelection.bounds` and :class:`QPdfLink` give them): this is
the convention of :attr:`kmdesk.records.AnnotationRecord.position`.

Both hit-testing (a mouse press) and drawing (highlights, the selection) use :class:`PageLayout`,
so what is drawn is where the mouse finds it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView


def screen_resolution() -> float:
    """Pixels per point at zoom 1.0, as QPdfView takes it (the primary screen's logical DPI)."""
    screen = QGuiApplication.primaryScreen()
    dpi = screen.logicalDotsPerInch() if screen is not None else 96.0
    return dpi / 72.0


@dataclass(frozen=True, slots=True)
class PagePlace:
    """One page as drawn: its rectangle in the document (pixels) and its size in points."""

    page: int
    rect: QRect
    point_size: QSizeF

    @property
    def scale_x(self) -> float:
        """Pixels per point across the page."""
        return self.rect.width() / max(self.point_size.width(), 1e-6)

    @property
    def scale_y(self) -> float:
        """Pixels per point down the page."""
        return self.rect.height() / max(self.point_size.height(), 1e-6)

    def to_points(self, document_point: QPointF, *, clamp: bool = False) -> QPointF:
        """A point of the document (pixels) as a point of this page (PDF points)."""
        x = (document_point.x() - self.rect.x()) / self.scale_x
        y = (document_point.y() - self.rect.y()) / self.scale_y
        if clamp:
            x = min(max(x, 0.0), self.point_size.width())
            y = min(max(y, 0.0), self.point_size.height())
        return QPointF(x, y)

    def to_document(self, point: QPointF) -> QPointF:
        """A point of this page (PDF points) as a point of the document (pixels)."""
        return QPointF(
            self.rect.x() + point.x() * self.scale_x, self.rect.y() + point.y() * self.scale_y
        )

    def rect_to_document(self, rect: QRectF) -> QRectF:
        """A rectangle of this page (PDF points) as a rectangle of the document (pixels)."""
        return QRectF(
            self.rect.x() + rect.x() * self.scale_x,
            self.rect.y() + rect.y() * self.scale_y,
            rect.width() * self.scale_x,
            rect.height() * self.scale_y,
        )


class PageLayout:
    """The pages of a :class:`QPdfView` as it draws them now, and mappings to and from them.

    Computed on demand from the view's document, modes, zoom, margins, spacing and viewport
    size; cheap enough (a loop over the pages) to be computed again for every paint or press.
    """

    def __init__(self, view: QPdfView) -> None:
        self._view = view
        self.places: dict[int, PagePlace] = _layout(view)

    # -- the view's scrolling ----------------------------------------------------------------

    def scroll_offset(self) -> QPointF:
        """The document point shown at the viewport's top-left corner."""
        return QPointF(
            self._view.horizontalScrollBar().value(), self._view.verticalScrollBar().value()
        )

    def viewport_to_document(self, point: QPointF) -> QPointF:
        """A viewport point as a document point."""
        return point + self.scroll_offset()

    def document_to_viewport(self, point: QPointF) -> QPointF:
        """A document point as a viewport point."""
        return point - self.scroll_offset()

    # -- pages -------------------------------------------------------------------------------

    def place(self, page: int) -> PagePlace | None:
        """Where ``page`` is drawn (``None``: not laid out, e.g. another page in SinglePage)."""
        return self.places.get(page)

    def page_at(self, viewport_point: QPointF) -> PagePlace | None:
        """The page under a viewport point (``None``: a margin or the gap between pages)."""
        document = self.viewport_to_document(viewport_point)
        for place in self.places.values():
            if QRectF(place.rect).contains(document):
                return place
        return None

    def hit(self, viewport_point: QPointF) -> tuple[int, QPointF] | None:
        """The page and the point on it (PDF points) under a viewport point, if any."""
        place = self.page_at(viewport_point)
        if place is None:
            return None
        return place.page, place.to_points(self.viewport_to_document(viewport_point))

    def page_point(self, page: int, viewport_point: QPointF) -> QPointF | None:
        """A viewport point as a point of ``page``, clamped to the page (a drag off its edge)."""
        place = self.places.get(page)
        if place is None:
            return None
        return place.to_points(self.viewport_to_document(viewport_point), clamp=True)

    def to_viewport(self, page: int, point: QPointF) -> QPointF | None:
        """A point of ``page`` (PDF points) as a viewport point."""
        place = self.places.get(page)
        if place is None:
            return None
        return self.document_to_viewport(place.to_document(point))

    def rect_to_viewport(self, page: int, rect: QRectF) -> QRectF | None:
        """A rectangle of ``page`` (PDF points) as a viewport rectangle."""
        place = self.places.get(page)
        if place is None:
            return None
        return place.rect_to_document(rect).translated(-self.scroll_offset())

    def visible_pages(self) -> list[PagePlace]:
        """The pages at least partly in the viewport."""
        shown = QRect(self.scroll_offset().toPoint(), self._view.viewport().size())
        return [place for place in self.places.values() if place.rect.intersects(shown)]


def _qt_size(points: QSizeF, factor: float) -> QSize:
    """``QSizeF(points * factor).toSize()``: rounded as Qt rounds (half away from zero)."""
    return QSizeF(points.width() * factor, points.height() * factor).toSize()


def _layout(view: QPdfView) -> dict[int, PagePlace]:
    document: QPdfDocument | None = view.document()
    if document is None or document.status() != QPdfDocument.Status.Ready:
        return {}
    resolution = screen_resolution()
    margins = view.documentMargins()
    spacing = view.pageSpacing()
    viewport = view.viewport().size()
    mode = view.zoomMode()
    if view.pageMode() == QPdfView.PageMode.SinglePage:
        current = view.pageNavigator().currentPage()
        pages = range(current, current + 1)
    else:
        pages = range(document.pageCount())
    sizes: dict[int, QSize] = {}
    point_sizes: dict[int, QSizeF] = {}
    widest = 0
    for page in pages:
        points = document.pagePointSize(page)
        point_sizes[page] = points
        if mode == QPdfView.ZoomMode.FitToWidth:
            size = _qt_size(points, resolution)
            factor = (viewport.width() - margins.left() - margins.right()) / max(size.width(), 1)
            size = size * factor
        elif mode == QPdfView.ZoomMode.FitInView:
            room = QSize(
                viewport.width() - margins.left() - margins.right(), viewport.height() - spacing
            )
            size = _qt_size(points, resolution).scaled(room, Qt.AspectRatioMode.KeepAspectRatio)
        else:
            size = _qt_size(points, resolution * view.zoomFactor())
        sizes[page] = size
        widest = max(widest, size.width())
    total_width = widest + margins.left() + margins.right()
    places: dict[int, PagePlace] = {}
    y = margins.top()
    for page in pages:
        size = sizes[page]
        x = (max(total_width, viewport.width()) - size.width()) // 2
        places[page] = PagePlace(page, QRect(x, y, size.width(), size.height()), point_sizes[page])
        y += size.height() + spacing
    return places
