"""The search panel of the main window: a search field, facets, and the results as you type.

:class:`SearchPanel` holds the search field (debounced by :data:`DEBOUNCE_MS`), a query-help
button, a sort control, a status line (the number of products, the search's notes, a clickable
"Did you mean …?"), the results table (:class:`~kmdesk.gui.results_model.ResultsModel`, whose
title column draws the highlighted snippet with
:class:`~kmdesk.gui.snippet_delegate.SnippetDelegate`) and a
:class:`~kmdesk.gui.facet_panel.FacetPanel` (:attr:`SearchPanel.facets`; the main window may
move it to a dock of its own).

Every search runs on a worker thread through the operations runner with the key ``"search"``:
a newer search supersedes an older one, whose results are then never shown, so typing never
waits for the catalogue and stale results never overwrite newer ones. The panel searches again
when the catalogue announces a change to its products or vocabularies.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSignalBlocker, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWhatsThis,
    QWidget,
)

from kmdesk.catalogue import Catalogue
from kmdesk.changes import Changes
from kmdesk.errors import KmdeskError
from kmdesk.gui.facet_panel import FacetPanel
from kmdesk.gui.operations import OperationsRunner
from kmdesk.gui.results_model import (
    FIRST_PAGE,
    LANGUAGES,
    ORGANISATIONS,
    TITLE,
    TYPE,
    YEAR,
    ResultsModel,
    ResultsPage,
    SearchRequest,
    fetch_page,
    fetch_products,
)
from kmdesk.gui.snippet_delegate import ResultsView
from kmdesk.gui.watcher import CatalogueWatcher
from kmdesk.progress import CancelToken, ProgressUpdate
from kmdesk.search.results import SearchResults

#: A search starts once typing has paused this long.
DEBOUNCE_MS = 150
#: Sort orders of the core, in the order the sort control lists them.
SORTS: tuple[str, ...] = ("relevance", "year", "title")
#: The column whose header click sorts by each order (relevance has none).
SORT_COLUMNS: dict[str, int] = {"year": YEAR, "title": TITLE}


class SearchPanel(QWidget):
    """Search field, query help, sort, status line, facets and results of one catalogue."""

    #: The product of the current row changed: a :class:`uuid.UUID`, or None.
    current_product_changed = Signal(object)
    #: A product was activated (double-click or Enter): its :class:`uuid.UUID`.
    product_activated = Signal(object)
    #: A new search's results are shown: its :class:`~kmdesk.search.results.SearchResults`.
    results_changed = Signal(object)
    #: A search could not run: the message shown.
    search_failed = Signal(str)

    def __init__(
        self,
        catalogue: Catalogue,
        runner: OperationsRunner,
        watcher: CatalogueWatcher | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._runner = runner
        self._current_id: uuid.UUID | None = None
        #: Bumped by every search started: only the latest one's results are shown.
        self._generation = 0
        self._searching = False
        #: The products listed instead of a search's results (a collection), and its name.
        self._listing: tuple[tuple[uuid.UUID, ...], str] | None = None

        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(
            self.tr("Search titles, summaries, organisations, places…")
        )
        self.search_edit.setAccessibleName(self.tr("Search"))
        self.search_edit.setToolTip(self.tr("Search the catalogue (Ctrl+F)"))
        self.search_edit.textEdited.connect(self._text_edited)
        self.search_edit.returnPressed.connect(self._search_at_once)
        self.search_edit.installEventFilter(self)

        self._debounce = QTimer(self)
        self._debounce.setObjectName("search debounce")
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.search_now)

        self.help_button = QToolButton(self)
        self.help_button.setText(self.tr("?"))
        self.help_button.setAccessibleName(self.tr("Search syntax help"))
        self.help_button.setToolTip(self._help_text())
        self.help_button.clicked.connect(self.show_query_help)

        self.sort_combo = QComboBox(self)
        self.sort_combo.setAccessibleName(self.tr("Sort results by"))
        for sort, label in zip(
            SORTS,
            (self.tr("Relevance"), self.tr("Newest first"), self.tr("Title A–Z")),
            strict=True,
        ):
            self.sort_combo.addItem(label, sort)
        self.sort_combo.currentIndexChanged.connect(self._sort_chosen)
        sort_label = QLabel(self.tr("&Sort:"), self)
        sort_label.setBuddy(self.sort_combo)

        self.count_label = QLabel(self)
        self.count_label.setAccessibleName(self.tr("Number of results"))
        self.notes_label = QLabel(self)
        self.notes_label.setWordWrap(True)
        self.notes_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.suggestion_button = QPushButton(self)
        self.suggestion_button.setFlat(True)
        self.suggestion_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.suggestion_button.setAccessibleName(self.tr("Search for the suggestion"))
        self.suggestion_button.hide()
        self.suggestion_button.clicked.connect(self._run_suggestion)
        _look_like_a_link(self.suggestion_button)
        self._suggestion: str | None = None
        self.back_button = QPushButton(self.tr("Back to search results"), self)
        self.back_button.setAccessibleName(self.tr("Back to search results"))
        self.back_button.setFlat(True)
        self.back_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.back_button.hide()
        self.back_button.clicked.connect(self.search_now)
        self.error_icon = QLabel(self)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        size = self.fontMetrics().height()
        self.error_icon.setPixmap(icon.pixmap(size, size))
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setAccessibleName(self.tr("Search problem"))
        self.error_icon.hide()
        self.error_label.hide()

        self.model = ResultsModel(catalogue, runner, self)
        self.model.fetch_failed.connect(self._page_failed)
        self.table = ResultsView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Search results"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setDragEnabled(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.table.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.table.setShowGrid(False)
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.row_height())
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        characters = self.table.fontMetrics().averageCharWidth()
        header_metrics = header.fontMetrics()
        for column, sample in (
            (TYPE, "Training module"),
            (YEAR, "0000"),
            (ORGANISATIONS, "CLU, HCAR, ACBP, SNUS"),
            (LANGUAGES, "en, fr, es"),
        ):
            # Room for the longer of a typical value and the header, with its sort arrow.
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            width = max(
                self.table.fontMetrics().horizontalAdvance(sample),
                header_metrics.horizontalAdvance(title) + 2 * characters,
            )
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width + 2 * characters)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self._header_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.table.activated.connect(self._activated)

        self.facets = FacetPanel(self)
        self.facets.filters_changed.connect(self._filters_changed)

        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.help_button)
        top.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        top.addWidget(sort_label)
        top.addWidget(self.sort_combo)
        status = QHBoxLayout()
        status.addWidget(self.count_label)
        status.addWidget(self.suggestion_button)
        status.addWidget(self.back_button)
        status.addWidget(self.notes_label, 1)
        status.addWidget(self.error_icon)
        status.addWidget(self.error_label, 1)
        status.addStretch()
        results = QWidget(self)
        results_layout = QVBoxLayout(results)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addLayout(status)
        results_layout.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.facets)
        self.splitter.addWidget(results)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([characters * 42, characters * 110])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        self._focus_shortcut = QShortcut(QKeySequence.StandardKey.Find, self)
        self._focus_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._focus_shortcut.activated.connect(self.focus_search)
        if watcher is not None:
            watcher.changed.connect(self._catalogue_changed)
        self.search_now()

    # -- public ------------------------------------------------------------------------------

    @property
    def sort(self) -> str:
        """The sort order chosen: ``relevance``, ``year`` or ``title``."""
        return str(self.sort_combo.currentData())

    @property
    def is_searching(self) -> bool:
        """Whether a search is running (its results not shown yet)."""
        return self._searching

    @property
    def current_product(self) -> uuid.UUID | None:
        """The product of the current row."""
        return self._current_id

    def focus_search(self) -> None:
        """Put the keyboard in the search field, its text selected (Ctrl+F)."""
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def state(self) -> tuple[str, dict[str, list[str]], str]:
        """The current search: query, filters (facet → values) and sort (for saved searches)."""
        return self.search_edit.text(), self.facets.filters(), self.sort

    def set_state(
        self, query: str, filters: Mapping[str, Sequence[str]], sort: str = "relevance"
    ) -> None:
        """Show a saved search: its query, filters and sort, searched at once."""
        self._debounce.stop()
        self.search_edit.setText(query)
        self.facets.set_filters(filters)
        with QSignalBlocker(self.sort_combo):
            self.sort_combo.setCurrentIndex(max(SORTS.index(sort) if sort in SORTS else 0, 0))
        self._show_sort_indicator()
        self.search_now()

    @Slot()
    def refresh(self) -> None:
        """Search again with the current query, filters and sort (after a catalogue change);
        when a list of products is shown (:meth:`show_products`), read it again."""
        if self._listing is not None:
            self.show_products(*self._listing)
        else:
            self.search_now()

    def show_products(self, products: Sequence[uuid.UUID], name: str = "") -> None:
        """List these products, in this order (a collection's, named ``name``), instead of a
        search's results. Typing, a filter, a sort or "Back to search results" searches again.
        """
        self._debounce.stop()
        self._generation += 1
        generation = self._generation
        listed = tuple(products)
        self._listing = (listed, name)
        catalogue = self._catalogue

        def work(
            progress: Callable[[ProgressUpdate], None], cancel: CancelToken
        ) -> tuple[int, ResultsPage]:
            return generation, fetch_products(catalogue, listed, limit=FIRST_PAGE)

        self._searching = True
        self._runner.run(work, on_done=self._search_done, on_error=self._search_error, key="search")

    @property
    def listing(self) -> str | None:
        """The name of the list shown instead of search results (None when searching)."""
        return self._listing[1] if self._listing is not None else None

    def request(self) -> SearchRequest:
        """The search the panel's controls describe."""
        return SearchRequest.make(self.search_edit.text().strip(), self.facets.filters(), self.sort)

    @Slot()
    def search_now(self) -> None:
        """Start the search the controls describe; an older one still running is dropped."""
        self._debounce.stop()
        self._listing = None
        self._generation += 1
        generation = self._generation
        request = self.request()
        catalogue = self._catalogue

        def work(
            progress: Callable[[ProgressUpdate], None], cancel: CancelToken
        ) -> tuple[int, ResultsPage]:
            return generation, fetch_page(catalogue, request, cancel, limit=FIRST_PAGE)

        self._searching = True
        self._runner.run(work, on_done=self._search_done, on_error=self._search_error, key="search")

    @Slot()
    def show_query_help(self) -> None:
        """Show the query syntax in a small popup below the help button."""
        where = self.help_button.mapToGlobal(self.help_button.rect().bottomLeft())
        QWhatsThis.showText(where, self._help_text(), self.help_button)

    def _help_text(self) -> str:
        return self.tr(
            "<b>Search syntax</b><br>"
            "<code>water rights</code> — products with all the words<br>"
            '<code>"free prior and informed consent"</code> — the exact phrase<br>'
            "<code>mangroves OR mangrove</code>, <code>water NOT tariffs</code> — "
            "operators in capitals<br>"
            "<code>title:mangrove</code>, <code>org:CEGOL</code>, <code>country:uganda</code>, "
            "<code>theme:gender</code>, <code>type:toolkit</code>, <code>language:fr</code> — "
            "one field<br>"
            "<code>year:2018..2020</code>, <code>year:2018..</code> — years<br>"
            "<code>budg*</code> — words starting with “budg”"
        )

    # -- searching ---------------------------------------------------------------------------

    @Slot(str)
    def _text_edited(self, text: str) -> None:
        self._debounce.start()

    @Slot()
    def _search_at_once(self) -> None:
        self.search_now()

    @Slot(object)
    def _filters_changed(self, filters: object) -> None:
        self.search_now()

    @Slot(int)
    def _sort_chosen(self, index: int) -> None:
        self._show_sort_indicator()
        self.search_now()

    @Slot(int)
    def _header_clicked(self, column: int) -> None:
        chosen = next((sort for sort, col in SORT_COLUMNS.items() if col == column), None)
        if chosen is None or chosen == self.sort:
            chosen = "relevance" if chosen is not None else self.sort
        if chosen == self.sort:
            self._show_sort_indicator()
            return
        self.sort_combo.setCurrentIndex(SORTS.index(chosen))  # searches

    def _show_sort_indicator(self) -> None:
        header = self.table.horizontalHeader()
        column = SORT_COLUMNS.get(self.sort, -1)
        order = Qt.SortOrder.DescendingOrder if self.sort == "year" else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(column, order)

    @Slot(object)
    def _search_done(self, outcome: tuple[int, ResultsPage]) -> None:
        generation, page = outcome
        if generation != self._generation:
            return
        self._searching = False
        previous = self._current_id
        self.model.show_page(page)
        if page.products is None:
            self.facets.set_facets(page.results.facets, page.request.filter_lists())
        self._show_status(page.results)
        self.table.set_placeholder(
            self.tr("No product matches this search.")
            if page.products is None
            else self.tr("This list is empty.")
        )
        row = self.model.row_of(previous) if previous is not None else None
        if row is not None:
            self.table.selectRow(row)
        else:
            self._set_current(None)
        self.results_changed.emit(page.results)

    @Slot(object)
    def _search_error(self, error: BaseException) -> None:
        self._searching = False
        if isinstance(error, KmdeskError):
            message = str(error)
        else:
            message = self.tr("The search failed: {problem}").format(problem=error)
        self._show_error(message)

    @Slot(str)
    def _page_failed(self, message: str) -> None:
        self._show_error(
            self.tr("More results could not be read: {problem}").format(problem=message)
        )

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        self.error_icon.show()
        self.count_label.hide()
        self.notes_label.hide()
        self.suggestion_button.hide()
        self.back_button.hide()
        self.search_failed.emit(message)

    def _show_status(self, results: SearchResults) -> None:
        self.error_label.hide()
        self.error_icon.hide()
        if self._listing is not None:
            name = self._listing[1]
            self.count_label.setText(
                self.tr("“%1”: %n product(s)", "", results.total).replace("%1", name)
                if name
                else self.tr("%n product(s)", "", results.total)
            )
        else:
            self.count_label.setText(self.tr("%n product(s)", "", results.total))
        self.count_label.show()
        self.back_button.setVisible(self._listing is not None)
        self.notes_label.setText(" · ".join(results.notes))
        self.notes_label.setToolTip("\n".join(results.notes))
        self.notes_label.setVisible(bool(results.notes))
        self._suggestion = results.suggestion
        if results.suggestion:
            self.suggestion_button.setText(
                self.tr("Did you mean “{suggestion}”?").format(suggestion=results.suggestion)
            )
            self.suggestion_button.show()
        else:
            self.suggestion_button.hide()

    @Slot()
    def _run_suggestion(self) -> None:
        if self._suggestion:
            self.search_edit.setText(self._suggestion)
            self.search_now()

    @Slot(object)
    def _catalogue_changed(self, changes: object) -> None:
        if not isinstance(changes, Changes) or (
            changes.products or changes.deleted_products or changes.vocabulary
        ):
            self.refresh()

    # -- the current product -----------------------------------------------------------------

    @Slot(QModelIndex, QModelIndex)
    def _current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._set_current(self.model.product_id(current.row()) if current.isValid() else None)

    def _set_current(self, product_id: uuid.UUID | None) -> None:
        if product_id != self._current_id:
            self._current_id = product_id
            self.current_product_changed.emit(product_id)

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.product_activated.emit(self.model.product_id(index.row()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the search field moves to the results."""
        if (
            watched is self.search_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.model.rowCount() > 0
        ):
            self.table.setFocus(Qt.FocusReason.TabFocusReason)
            if not self.table.currentIndex().isValid():
                self.table.selectRow(0)
            return True
        return super().eventFilter(watched, event)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop the typing delay (no timer outlives the panel)."""
        self._debounce.stop()
        super().closeEvent(event)


def _look_like_a_link(button: QPushButton) -> None:
    """A flat button drawn as a link (underlined, in the palette's link colour)."""
    font = button.font()
    font.setUnderline(True)
    button.setFont(font)
    palette = button.palette()
    palette.setColor(QPalette.ColorRole.ButtonText, palette.color(QPalette.ColorRole.Link))
    button.setPalette(palette)
