"""The search results table: the hits fetched so far, more fetched in pages as the view scrolls.

:class:`ResultsModel` is a table model over one search (a :class:`SearchRequest`).
It holds the hits fetched so far, their :class:`~kmdesk.records.ProductRecord` (for the
organisations and the type label) and the total number of matches. When the view scrolls to the
last row, Qt asks :meth:`ResultsModel.canFetchMore` / :meth:`ResultsModel.fetchMore` (as in
PySide's *fetchmore* example); the next page is searched on a worker thread through the
:class:`~kmdesk.gui.operations.OperationsRunner` and appended when it arrives, so scrolling never
waits for the catalogue. A page that arrives after the model was given another search is dropped.

:func:`fetch_page` is the work done on the worker thread, shared with the search panel.
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from kmdesk.catalogue import Catalogue
from kmdesk.gui.operations import Operation, OperationsRunner
from kmdesk.progress import CancelToken, ProgressUpdate
from kmdesk.records import ProductRecord
from kmdesk.search.results import SearchHit, SearchResults

#: The MIME type of dragged products: their ids as UTF-8 text, one UUID per line.
PRODUCT_IDS_MIME = "application/x-kmdesk-product-ids"
#: Hits asked for by a new search: enough to fill the view (a taller view fetches the next page
#: at once); each snippet costs the search a few ms, so no more.
FIRST_PAGE = 20
#: Characters of a summary shown in place of a snippet when listing products (a collection).
SUMMARY_CHARACTERS = 320
#: Hits asked for by each later page, when the view scrolls to the end.
PAGE = 100

#: Item data role: the product id (a :class:`uuid.UUID`) of a row, in every column.
ProductIdRole = Qt.ItemDataRole.UserRole + 1
#: Item data role: the snippet of a row (HTML-escaped text, matches in ``<mark>``), column 0.
SnippetRole = Qt.ItemDataRole.UserRole + 2

TITLE, TYPE, YEAR, ORGANISATIONS, LANGUAGES = range(5)
COLUMNS = 5


@dataclass(frozen=True, slots=True)
class SearchRequest:
    """What to search: the query text, the filters (facet → values) and the sort order."""

    query: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevance"

    @classmethod
    def make(
        cls, query: str, filters: Mapping[str, Sequence[str]], sort: str = "relevance"
    ) -> SearchRequest:
        """A request with the empty filters left out and the values as tuples."""
        clean = {facet: tuple(values) for facet, values in filters.items() if values}
        return cls(query, clean, sort)

    def filter_lists(self) -> dict[str, list[str]]:
        """The filters as ``Catalogue.search`` and saved searches take them."""
        return {facet: list(values) for facet, values in self.filters.items()}


@dataclass(frozen=True, slots=True)
class ResultsPage:
    """One page as fetched on a worker thread: the results and their records.

    A page of a search, or (``products`` set) a page of a given list of products, such as a
    collection's, whose ``results`` are then made from the records, without snippets.
    """

    request: SearchRequest
    results: SearchResults
    records: tuple[ProductRecord, ...]
    #: The products listed, in order, when the page is of a list rather than of a search.
    products: tuple[uuid.UUID, ...] | None = None
    #: The offset of the next page.
    end: int = 0


def fetch_page(
    catalogue: Catalogue,
    request: SearchRequest,
    cancel: CancelToken,
    *,
    offset: int = 0,
    limit: int = FIRST_PAGE,
    facets: bool = True,
) -> ResultsPage:
    """Search one page (as-you-type: the last word is a prefix) and read its products' records.

    Runs on a worker thread; raises :class:`~kmdesk.errors.OperationCancelled` when superseded
    between the two steps, and the core's ``QueryError`` on a query it cannot read.
    """
    results = catalogue.search(
        request.query,
        filters=request.filter_lists(),
        sort=request.sort,
        limit=limit,
        offset=offset,
        facets=facets,
        snippets=True,
        prefix_last=True,
    )
    cancel.raise_if_cancelled()
    records = catalogue.products.records([hit.id for hit in results.hits]) if results.hits else []
    return ResultsPage(request, results, tuple(records), end=offset + len(results.hits))


def fetch_products(
    catalogue: Catalogue,
    products: Sequence[uuid.UUID],
    *,
    offset: int = 0,
    limit: int = FIRST_PAGE,
) -> ResultsPage:
    """A page of a list of products (a collection): their records, shown as hits.

    Runs on a worker thread. Products that no longer exist are left out.
    """
    listed = tuple(products)
    chunk = listed[offset : offset + limit]
    records = tuple(catalogue.products.records(chunk)) if chunk else ()
    hits = tuple(
        SearchHit(
            record.id,
            record.title,
            0.0,
            record.year,
            record.product_type.key,
            record.languages,
            _summary_snippet(record.summary),
        )
        for record in records
    )
    results = SearchResults(query="", total=len(listed), hits=hits, offset=offset)
    return ResultsPage(SearchRequest(), results, records, listed, offset + len(chunk))


class ResultsModel(QStandardItemModel):
    """Title (with snippet), type, year, organisations and languages of a search's hits.

    A table model whose cells are kept by Qt (a :class:`QStandardItemModel` filled a page at a
    time), not computed by Python on each call: painting and scrolling the view then never call
    into Python for the cells, so they never wait for the global interpreter lock that a search
    on a worker thread holds for most of its run. The rows' hits and records stay in Python for
    :meth:`product_id`, :meth:`hit` and :meth:`record`.
    """

    #: A page fetch started (True) or ended (False); for busy indicators and tests.
    fetching_changed = Signal(bool)
    #: A later page could not be fetched: the message.
    fetch_failed = Signal(str)

    def __init__(
        self, catalogue: Catalogue, runner: OperationsRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(0, COLUMNS, parent)
        self._catalogue = catalogue
        self._runner = runner
        self._request = SearchRequest()
        self._results: SearchResults | None = None
        self._hits: list[SearchHit] = []
        self._records: dict[uuid.UUID, ProductRecord] = {}
        self._rows: dict[uuid.UUID, int] = {}
        self._total = 0
        #: The products listed when showing a list (a collection) instead of a search.
        self._products: tuple[uuid.UUID, ...] | None = None
        #: Where the next page starts, in the search's results or the list.
        self._next_offset = 0
        self._active = False
        #: Bumped on every reset: a page fetched for an older search is dropped.
        self._generation = 0
        self._fetch: Operation | None = None
        self.setHorizontalHeaderLabels(
            [
                self.tr("Title"),
                self.tr("Type"),
                self.tr("Year"),
                self.tr("Organisations"),
                self.tr("Languages"),
            ]
        )

    # -- what it shows -------------------------------------------------------------------------

    @property
    def request(self) -> SearchRequest:
        """The search whose hits are shown."""
        return self._request

    @property
    def results(self) -> SearchResults | None:
        """The first page of the search shown (with its facets, notes and suggestion)."""
        return self._results

    @property
    def products(self) -> tuple[uuid.UUID, ...] | None:
        """The products listed, when showing a list (a collection) rather than a search."""
        return self._products

    @property
    def total(self) -> int:
        """How many products the search found (rows fetched or not)."""
        return self._total

    @property
    def is_fetching(self) -> bool:
        """Whether a later page is being fetched."""
        return self._fetch is not None

    def show_page(self, page: ResultsPage) -> None:
        """Show a new search or list: its first page replaces every row; a pending page is
        dropped."""
        self._drop_fetch()
        self._generation += 1
        self._request = page.request
        self._results = page.results
        self._products = page.products
        self._replace_rows(page.results.hits, page.records)
        self._next_offset = page.end
        self._total = max(page.results.total, len(self._hits))
        self._active = True

    def clear_results(self) -> None:
        """Show nothing (no search)."""
        self._drop_fetch()
        self._generation += 1
        self._request = SearchRequest()
        self._results = None
        self._products = None
        self._replace_rows((), ())
        self._next_offset = self._total = 0
        self._active = False

    def product_id(self, row: int) -> uuid.UUID:
        """The product shown in ``row``."""
        return self._hits[row].id

    def row_of(self, product_id: uuid.UUID) -> int | None:
        """The row showing ``product_id``, if it was fetched."""
        return self._rows.get(product_id)

    def record(self, row: int) -> ProductRecord | None:
        """The full record of a row (None when the product vanished meanwhile)."""
        return self._records.get(self._hits[row].id)

    def hit(self, row: int) -> SearchHit:
        """The search hit of a row."""
        return self._hits[row]

    def snippet(self, row: int) -> str:
        """The snippet shown under a row's title (HTML-escaped, matches in ``<mark>``); one
        cut from a note says so."""
        return self._snippet_of(self._hits[row])

    def _snippet_of(self, hit: SearchHit) -> str:
        if hit.snippet_source == "note" and hit.snippet:
            return html.escape(self.tr("Note: ")) + hit.snippet
        return hit.snippet

    def _replace_rows(self, hits: Sequence[SearchHit], records: Sequence[ProductRecord]) -> None:
        """Every row replaced, as one model reset (the item changes themselves are silent)."""
        self.beginResetModel()
        blocked = self.blockSignals(True)
        try:
            self.setRowCount(0)
            self._hits, self._records, self._rows = [], {}, {}
            fresh = self._remember(hits, records)
            self.setRowCount(len(fresh))
            self._fill(0, fresh)
        finally:
            self.blockSignals(blocked)
        self.endResetModel()

    def _append_rows(self, hits: Sequence[SearchHit], records: Sequence[ProductRecord]) -> None:
        """Rows added at the end: one insertion, then the cells filled."""
        first = len(self._hits)
        fresh = self._remember(hits, records)
        if not fresh:
            return
        self.setRowCount(first + len(fresh))  # announces the inserted rows, still empty
        blocked = self.blockSignals(True)
        try:
            self._fill(first, fresh)
        finally:
            self.blockSignals(blocked)
        self.dataChanged.emit(self.index(first, 0), self.index(first + len(fresh) - 1, COLUMNS - 1))

    def _remember(
        self, hits: Sequence[SearchHit], records: Sequence[ProductRecord]
    ) -> list[SearchHit]:
        for record in records:
            self._records[record.id] = record
        fresh = []
        for hit in hits:
            if hit.id in self._rows:  # the catalogue changed between pages: show it once
                continue
            self._rows[hit.id] = len(self._hits)
            self._hits.append(hit)
            fresh.append(hit)
        return fresh

    def _fill(self, first: int, hits: Sequence[SearchHit]) -> None:
        for row, hit in enumerate(hits, first):
            for column, item in enumerate(self._items(hit)):
                self.setItem(row, column, item)

    def _items(self, hit: SearchHit) -> list[QStandardItem]:
        """The cells of one row."""
        record = self._records.get(hit.id)
        title = _item(hit.title)
        title.setFont(_BOLD)
        snippet = self._snippet_of(hit)
        title.setData(snippet, SnippetRole)
        title.setData(_plain_snippet(snippet), Qt.ItemDataRole.AccessibleDescriptionRole)
        if record is not None and record.subtitle:
            title.setToolTip(f"{hit.title}\n{record.subtitle}")
        else:
            title.setToolTip(hit.title)
        kind = _item(record.product_type.label if record else hit.product_type)
        year = _item(str(hit.year) if hit.year else "")
        organisations = _item("")
        if record is not None and record.organisations:
            names = dict.fromkeys(
                role.organisation.acronym or role.organisation.label
                for role in record.organisations
            )
            organisations.setText(", ".join(names))
            organisations.setToolTip(
                "\n".join(
                    f"{role.organisation.label} ({role.role})" for role in record.organisations
                )
            )
        languages = _item(", ".join(hit.languages))
        row = [title, kind, year, organisations, languages]
        for item in row:
            item.setData(hit.id, ProductIdRole)
        return row

    # -- fetching more -------------------------------------------------------------------------

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or not self._active:
            return False
        return self._fetch is None and self._next_offset < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        generation = self._generation
        request, products = self._request, self._products
        offset = self._next_offset
        catalogue = self._catalogue

        def work(
            progress: Callable[[ProgressUpdate], None], cancel: CancelToken
        ) -> tuple[int, ResultsPage]:
            if products is not None:
                page = fetch_products(catalogue, products, offset=offset, limit=PAGE)
            else:
                page = fetch_page(
                    catalogue, request, cancel, offset=offset, limit=PAGE, facets=False
                )
            return generation, page

        self._fetch = self._runner.run(
            work, on_done=self._page_arrived, on_error=self._page_failed, key="results-page"
        )
        self.fetching_changed.emit(True)

    @Slot(object)
    def _page_arrived(self, outcome: tuple[int, ResultsPage]) -> None:
        generation, page = outcome
        if generation != self._generation:
            return
        self._fetch = None
        self._append_rows(page.results.hits, page.records)
        if page.end <= self._next_offset:  # fewer products than announced (some were deleted)
            self._total = self._next_offset
        self._next_offset = page.end
        self.fetching_changed.emit(False)

    @Slot(object)
    def _page_failed(self, error: BaseException) -> None:
        if self._fetch is None:  # dropped by a new search
            return
        self._fetch = None
        self._total = self._next_offset  # stop asking; a new search starts afresh
        self.fetching_changed.emit(False)
        self.fetch_failed.emit(str(error))

    def _drop_fetch(self) -> None:
        if self._fetch is not None:
            self._fetch.cancel()
            self._fetch = None
            self.fetching_changed.emit(False)

    # -- dragging ------------------------------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [PRODUCT_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({index.row() for index in indexes if index.isValid()})
        text = "\n".join(str(self._hits[row].id) for row in rows)
        mime = QMimeData()
        mime.setData(PRODUCT_IDS_MIME, QByteArray(text.encode("utf-8")))
        mime.setText(text)
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction


#: Every cell: selectable, draggable, never edited.
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
_TOP_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


def _bold() -> QFont:
    """Bold, every other attribute left to the view's font."""
    font = QFont()
    font.setBold(True)
    return font


_BOLD = _bold()


def _item(text: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setFlags(_FLAGS)
    item.setTextAlignment(_TOP_LEFT)
    return item


def _summary_snippet(summary: str) -> str:
    """The start of a summary as a snippet without matches (HTML-escaped, one line)."""
    words = " ".join(summary.split())
    if len(words) > SUMMARY_CHARACTERS:
        words = words[:SUMMARY_CHARACTERS].rsplit(" ", 1)[0] + " …"
    return html.escape(words, quote=False)


def _plain_snippet(snippet: str) -> str:
    """The snippet as plain text (marks removed, entities decoded), for screen readers."""
    return html.unescape(snippet.replace("<mark>", "").replace("</mark>", ""))
