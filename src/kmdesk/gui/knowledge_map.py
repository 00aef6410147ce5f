"""The knowledge map: a heat map of product counts, the products behind a cell, and candidates.

:class:`KnowledgeMapView` shows one of the core's maps (:mod:`kmdesk.catalogue.knowledge_map`):
knowledge needs × themes, themes × product types, or partnerships × themes. Cells are coloured by
count from the palette (so dark mode works), empty cells stay plain, and in the needs map a need
that no product answers is marked in red ("no product", bold row header, a tooltip saying so).

A click on a cell lists its products beside the table (activating one emits
:attr:`KnowledgeMapView.product_requested`). When the selected row is a knowledge need, the view
also asks the core for **suggested products** (more like the need's title and description, best
first, see :meth:`kmdesk.catalogue.needs.Needs.suggest_products`); each has a "Link" button that
links it to the need in one click. The map follows the catalogue's change announcements, so a link
made here or anywhere else shows in the counts at once.

Every count, list and suggestion is computed by the operations runner, off the UI thread.
"Export as PNG…" draws the map in light colours, at twice its size, with a title and a legend,
readable enough to paste into a report (:meth:`KnowledgeMapView.export_png`).
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QImageWriter,
    QPainter,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kmdesk.catalogue import Catalogue
from kmdesk.catalogue.knowledge_map import (
    MAP_KINDS,
    KnowledgeMap,
    build_map,
    cell_products,
    product_titles,
)
from kmdesk.changes import Changes
from kmdesk.gui.operations import OperationsRunner
from kmdesk.gui.watcher import CatalogueWatcher
from kmdesk.progress import CancelToken
from kmdesk.search.similar import SimilarProduct

# Where a model index keeps the keys of its cell: (row key, column key or ``None`` for a total).
CELL_KEYS_ROLE = Qt.ItemDataRole.UserRole + 1
# How many suggested products are shown for a need.
SUGGESTIONS = 10
# Column headers are wrapped at about this many characters a line.
HEADER_WRAP = 11
# The exported picture is drawn at this multiple of its logical size.
EXPORT_SCALE = 2.0

# Colours of the exported picture: the same in light and dark mode, as a report page is white.
_PAPER = QColor("#ffffff")
_INK = QColor("#1a1a1a")
_GRID = QColor("#d0d4da")
_HEAT = QColor("#1f5fa8")
_TOTAL_PAPER = QColor("#f1f3f5")
_NO_PRODUCT_INK = QColor("#b71c1c")
_NO_PRODUCT_PAPER = QColor("#fdecea")


def _mix(low: QColor, high: QColor, amount: float) -> QColor:
    """The colour ``amount`` (0 to 1) of the way from ``low`` to ``high``."""
    amount = min(max(amount, 0.0), 1.0)
    return QColor.fromRgbF(
        low.redF() + (high.redF() - low.redF()) * amount,
        low.greenF() + (high.greenF() - low.greenF()) * amount,
        low.blueF() + (high.blueF() - low.blueF()) * amount,
        1.0,
    )


def heat(count: int, maximum: int) -> float:
    """How strongly a cell is coloured, 0 for an empty cell, from 0.18 up to 1 (square root
    scale, so that small counts beside a large one still show)."""
    if count <= 0 or maximum <= 0:
        return 0.0
    return 0.18 + 0.82 * math.sqrt(count / maximum)


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def _no_product_colours(palette: QPalette) -> tuple[QColor, QColor]:
    """Red ink and a red-tinted paper that read on the palette's base (light or dark)."""
    base = palette.color(QPalette.ColorRole.Base)
    if _is_dark(palette):
        return QColor("#ff8a80"), _mix(base, QColor("#b71c1c"), 0.35)
    return _NO_PRODUCT_INK, _NO_PRODUCT_PAPER


class KnowledgeMapModel(QAbstractTableModel):
    """A :class:`KnowledgeMap` as a table: one column per map column, then the row totals."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._map: KnowledgeMap | None = None
        self._palette = QPalette()

    # -- content -------------------------------------------------------------------------------

    @property
    def knowledge_map(self) -> KnowledgeMap | None:
        """The map shown (``None`` before the first one is computed)."""
        return self._map

    def set_map(self, knowledge: KnowledgeMap | None) -> None:
        """Show another map (or the same one recounted)."""
        self.beginResetModel()
        self._map = knowledge
        self.endResetModel()

    def set_palette(self, palette: QPalette) -> None:
        """Colour cells from ``palette`` (the view's, following light or dark mode)."""
        self._palette = QPalette(palette)
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )

    def total_column(self) -> int:
        """The column of the row totals (the last one)."""
        return len(self._map.columns) if self._map is not None else -1

    def cell_keys(self, index: QModelIndex | QPersistentModelIndex) -> tuple[str, str | None]:
        """The row key and column key of a cell (``None`` for the total column)."""
        assert self._map is not None
        row = self._map.rows[index.row()]
        if index.column() == self.total_column():
            return row.key, None
        return row.key, self._map.columns[index.column()].key

    def index_of(self, row_key: str, column_key: str | None) -> QModelIndex:
        """The index of a cell by its keys (invalid when the map has no such cell)."""
        if self._map is None:
            return QModelIndex()
        rows = [r.key for r in self._map.rows]
        columns = [c.key for c in self._map.columns]
        if row_key not in rows or (column_key is not None and column_key not in columns):
            return QModelIndex()
        column = self.total_column() if column_key is None else columns.index(column_key)
        return self.index(rows.index(row_key), column)

    def is_unanswered(self, row: int) -> bool:
        """Whether the row is a knowledge need that no product answers."""
        return self._map is not None and self._map.rows[row].key in self._map.unanswered

    def no_product_text(self) -> str:
        """The marker of a need no product answers."""
        return self.tr("no product")

    def total_label(self) -> str:
        """The heading of the totals column for the map shown."""
        kind = self._map.kind if self._map is not None else ""
        if kind == "needs":
            return self.tr("All products answering")
        if kind == "types":
            return self.tr("All types")
        return self.tr("All themes")

    # -- Qt model interface ----------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._map is None:
            return 0
        return len(self._map.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._map is None:
            return 0
        return len(self._map.columns) + 1

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or self._map is None:
            return None
        knowledge = self._map
        row, column = index.row(), index.column()
        is_total = column == self.total_column()
        count = knowledge.row_totals[row] if is_total else knowledge.counts[row][column]
        home = (
            not is_total and bool(knowledge.home_columns) and knowledge.home_columns[row] == column
        )
        # A need no product answers: "no product" in its total, its own theme's cell tinted red.
        unanswered = self.is_unanswered(row) and (is_total or home)
        if role == Qt.ItemDataRole.DisplayRole:
            if unanswered and is_total:
                return self.no_product_text()
            return str(count) if count else ""
        if role == CELL_KEYS_ROLE:
            return self.cell_keys(index)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._cell_description(row, column, count, unanswered, home)
        if role == Qt.ItemDataRole.FontRole and (unanswered or home):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(count, is_total, unanswered)
        if role == Qt.ItemDataRole.ForegroundRole:
            if unanswered:
                return QBrush(_no_product_colours(self._palette)[0])
            if not is_total and heat(count, knowledge.maximum) > 0.55:
                return QBrush(self._palette.color(QPalette.ColorRole.HighlightedText))
            return None
        return None

    def _background(self, count: int, is_total: bool, unanswered: bool) -> QBrush | None:
        assert self._map is not None
        if unanswered:
            return QBrush(_no_product_colours(self._palette)[1])
        if is_total:
            return QBrush(self._palette.color(QPalette.ColorRole.AlternateBase))
        amount = heat(count, self._map.maximum)
        if not amount:
            return None
        base = self._palette.color(QPalette.ColorRole.Base)
        return QBrush(_mix(base, self._palette.color(QPalette.ColorRole.Highlight), amount))

    def _cell_description(
        self, row: int, column: int, count: int, unanswered: bool, home: bool
    ) -> str:
        assert self._map is not None
        row_label = self._map.rows[row].label
        if unanswered:
            return self.tr("%1: no product answers this need").replace("%1", row_label)
        column_label = (
            self.total_label() if column == self.total_column() else self._map.columns[column].label
        )
        text = self.tr("%1 × %2: %n product(s)", "", count)
        text = text.replace("%1", row_label).replace("%2", column_label)
        if home:
            text += "\n" + self.tr("This is the need's own theme.")
        return text

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self._map is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if section == self.total_column():
                label, detail = self.total_label(), self.total_label()
            else:
                label = self._map.columns[section].label
                detail = self._map.columns[section].detail or label
            if role == Qt.ItemDataRole.DisplayRole:
                return textwrap.fill(label, HEADER_WRAP, break_long_words=False)
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return detail
            return None
        if not 0 <= section < len(self._map.rows):
            return None
        entry = self._map.rows[section]
        unanswered = self.is_unanswered(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.label
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            detail = entry.detail or entry.label
            if unanswered:
                detail = self.tr("No product answers this need.") + "\n\n" + detail
            return detail
        if role == Qt.ItemDataRole.FontRole and unanswered:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and unanswered:
            return QBrush(_no_product_colours(self._palette)[0])
        return None


class _HeatDelegate(QStyledItemDelegate):
    """Paints a cell with its own colour even when selected, and frames the selected cell, so
    that its count stays readable and the heat scale is not confused with the selection."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Any) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if not selected:
            super().paint(painter, option, index)
            return
        plain = QStyleOptionViewItem(option)
        plain.state &= ~QStyle.StateFlag.State_Selected
        super().paint(painter, plain, index)
        painter.save()
        painter.setPen(QPen(option.palette.color(QPalette.ColorRole.Text), 3))
        painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
        painter.restore()


class KnowledgeMapView(QWidget):
    """The knowledge map with its cell's products and, for a need, suggested products."""

    # A product (its :class:`uuid.UUID`) was activated in a list: show it.
    product_requested = Signal(object)
    # A map was computed and is shown (the :class:`KnowledgeMap`).
    map_loaded = Signal(object)
    # Suggestions for a need were shown (the need's id and the list of suggestions).
    suggestions_loaded = Signal(object, object)
    # A product was linked to a need here (need id, product id).
    product_linked = Signal(object, object)

    def __init__(
        self,
        catalogue: Catalogue,
        runner: OperationsRunner,
        watcher: CatalogueWatcher,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._runner = runner
        self._wanted: tuple[str, str | None] | None = None
        self._cell_shown: tuple[str, str, str | None] | None = None
        self._suggested_need: uuid.UUID | None = None
        self._suggesting_unanswered = False
        self._splitter_fitted = False
        self._link_buttons: dict[uuid.UUID, QPushButton] = {}
        self._build()
        self.retranslate()
        watcher.changed.connect(self._on_changes)
        self.reload()

    # -- layout ----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.map_choice = QComboBox(self)
        for kind in MAP_KINDS:
            self.map_choice.addItem(kind, kind)
        self.map_choice.currentIndexChanged.connect(self._on_map_chosen)
        self.choice_label = QLabel(self)
        self.choice_label.setBuddy(self.map_choice)
        self.summary = QLabel(self)
        self.export_button = QPushButton(self)
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self._ask_and_export)
        top = QHBoxLayout()
        top.addWidget(self.choice_label)
        top.addWidget(self.map_choice)
        top.addWidget(self.summary, 1)
        top.addWidget(self.export_button)

        self.model = KnowledgeMapModel(self)
        self.model.set_palette(self.palette())
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setCornerButtonEnabled(False)
        self.table.setItemDelegate(_HeatDelegate(self.table))
        columns = self.table.horizontalHeader()
        columns.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        rows.setMaximumWidth(self.fontMetrics().averageCharWidth() * 48)
        rows.sectionClicked.connect(self._on_row_header_clicked)
        self.table.selectionModel().currentChanged.connect(self._on_current_changed)

        self.cell_title = QLabel(self)
        self.cell_title.setWordWrap(True)
        self.cell_title.setTextFormat(Qt.TextFormat.PlainText)
        self.products_list = QListWidget(self)
        self.products_list.setWordWrap(True)
        self.products_list.itemActivated.connect(self._on_product_activated)

        self.suggestions_box = QGroupBox(self)
        self.suggestions_status = QLabel(self.suggestions_box)
        self.suggestions_status.setWordWrap(True)
        self.suggestions = QTreeWidget(self.suggestions_box)
        self.suggestions.setColumnCount(2)
        self.suggestions.setHeaderHidden(True)
        self.suggestions.setRootIsDecorated(False)
        self.suggestions.setWordWrap(True)
        self.suggestions.setUniformRowHeights(False)
        self.suggestions.header().setStretchLastSection(False)
        self.suggestions.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.suggestions.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.suggestions.itemActivated.connect(self._on_suggestion_activated)
        box_layout = QVBoxLayout(self.suggestions_box)
        box_layout.addWidget(self.suggestions_status)
        box_layout.addWidget(self.suggestions, 1)
        self.suggestions_box.hide()

        side = self.side_panel = QWidget(self)
        side.setMinimumWidth(self.fontMetrics().averageCharWidth() * 34)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.cell_title)
        side_layout.addWidget(self.products_list, 1)
        side_layout.addWidget(self.suggestions_box, 2)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

    def retranslate(self) -> None:
        """Set every text of the view (again, after the display language changed)."""
        names = {
            "needs": self.tr("Themes × knowledge needs"),
            "types": self.tr("Themes × product types"),
            "partnerships": self.tr("Partnerships × themes"),
        }
        for position in range(self.map_choice.count()):
            self.map_choice.setItemText(position, names[self.map_choice.itemData(position)])
        self.map_choice.setAccessibleName(self.tr("Map to show"))
        self.choice_label.setText(self.tr("&Map:"))
        self.summary.setAccessibleName(self.tr("Map summary"))
        self.export_button.setText(self.tr("Export as PNG…"))
        self.export_button.setAccessibleName(self.tr("Export the map as a PNG picture"))
        self.table.setAccessibleName(self.tr("Knowledge map"))
        self.products_list.setAccessibleName(self.tr("Products in the selected cell"))
        self.suggestions_box.setTitle(self.tr("Suggested products"))
        self.suggestions.setAccessibleName(self.tr("Suggested products for the selected need"))
        if self._cell_shown is None:
            self.cell_title.setText(self.tr("Click a cell to see its products."))

    # -- the map ---------------------------------------------------------------------------------

    @property
    def map_kind(self) -> str:
        """The map chosen: ``needs``, ``types`` or ``partnerships``."""
        return str(self.map_choice.currentData())

    def set_map_kind(self, kind: str) -> None:
        """Show the map ``kind`` (as if chosen in the combo box)."""
        position = self.map_choice.findData(kind)
        if position < 0:
            raise ValueError(f"no knowledge map {kind!r}")
        self.map_choice.setCurrentIndex(position)

    @Slot()
    def reload(self) -> None:
        """Count the chosen map again, in the background; the selected cell stays selected."""
        kind = self.map_kind
        catalogue = self._catalogue

        def work(progress: Any, cancel: CancelToken) -> KnowledgeMap:
            return build_map(catalogue, kind)

        self._runner.run(
            work,
            on_done=self._show_map,
            on_error=self._show_error,
            key=f"knowledge-map-{id(self)}",
        )

    @Slot(int)
    def _on_map_chosen(self, _position: int) -> None:
        self._wanted = None
        self._cell_shown = None
        self._clear_side()
        self.reload()

    @Slot(object)
    def _show_map(self, knowledge: KnowledgeMap) -> None:
        if knowledge.kind != self.map_kind:
            return  # a map chosen before the user picked another
        current = self.table.currentIndex()
        if current.isValid() and self.model.knowledge_map is not None:
            self._wanted = self.model.cell_keys(current)
        self.model.set_map(knowledge)
        self._fit_columns()
        self.export_button.setEnabled(bool(knowledge.rows))
        self.summary.setText(self._summary_text(knowledge))
        self._cell_shown = None
        self._suggested_need = None
        if self._wanted is not None:
            index = self.model.index_of(*self._wanted)
            if index.isValid():
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index)
            else:
                self._clear_side()
        if not self._splitter_fitted and knowledge.rows:
            self._fit_splitter()
        self.map_loaded.emit(knowledge)

    def _fit_splitter(self) -> None:
        """Give the table the width it needs, once, leaving the rest to the lists."""
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        self._splitter_fitted = True
        table = self.table
        needed = (
            min(table.verticalHeader().sizeHint().width(), table.verticalHeader().maximumWidth())
            + table.horizontalHeader().length()
            + table.verticalScrollBar().sizeHint().width()
            + 2 * table.frameWidth()
            + 4
        )
        side = max(self.side_panel.minimumWidth(), total - needed)
        self.splitter.setSizes([max(total - side, total // 3), side])

    def _fit_columns(self) -> None:
        """Columns as wide as their wrapped heading (at least a few digits wide)."""
        metrics = self.table.fontMetrics()
        narrowest = metrics.horizontalAdvance("0000") + 24
        bold = QFont(self.table.font())
        bold.setBold(True)
        marker = QFontMetricsF(bold).horizontalAdvance(self.model.no_product_text())
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            wanted = max(narrowest, header.sectionSizeFromContents(column).width())
            if column == self.model.total_column():
                wanted = max(wanted, math.ceil(marker) + 16)
            header.resizeSection(column, wanted)
        self.table.verticalHeader().setDefaultSectionSize(metrics.height() + 10)

    def _summary_text(self, knowledge: KnowledgeMap) -> str:
        if knowledge.kind == "needs":
            text = self.tr("%n knowledge need(s)", "", len(knowledge.rows))
            if knowledge.unanswered:
                text += " · " + self.tr("%n without a product", "", len(knowledge.unanswered))
            return text
        empty = sum(1 for row in knowledge.counts for count in row if not count)
        return self.tr("%n combination(s) without a product", "", empty)

    @Slot(object)
    def _show_error(self, error: BaseException) -> None:
        self.summary.setText(self.tr("The map could not be counted: %1").replace("%1", str(error)))

    @Slot(object)
    def _on_changes(self, changes: Changes) -> None:
        if changes.needs or changes.products or changes.deleted_products or changes.vocabulary:
            self.reload()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.model.set_palette(self.palette())
        elif event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._cell_shown = None  # the cell's heading and lists are made again
            self.reload()  # labels of themes and types come from the core in its language
        super().changeEvent(event)

    # -- the selected cell -----------------------------------------------------------------------

    def select_cell(self, row_key: str, column_key: str | None) -> bool:
        """Select a cell by its keys (``column_key`` ``None``: the row's total); ``False`` when
        the map shown has no such cell."""
        index = self.model.index_of(row_key, column_key)
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    @Slot(int)
    def _on_row_header_clicked(self, row: int) -> None:
        if self.model.knowledge_map is None or not 0 <= row < self.model.rowCount():
            return
        self.table.setCurrentIndex(self.model.index(row, self.model.total_column()))

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        knowledge = self.model.knowledge_map
        if not current.isValid() or knowledge is None:
            return
        row_key, column_key = self.model.cell_keys(current)
        self._wanted = (row_key, column_key)
        shown = (knowledge.kind, row_key, column_key)
        if shown == self._cell_shown:
            return
        self._cell_shown = shown
        self._load_cell(knowledge, row_key, column_key)
        if knowledge.kind == "needs":
            self._load_suggestions(uuid.UUID(row_key))
        else:
            self.suggestions_box.hide()

    def _load_cell(self, knowledge: KnowledgeMap, row_key: str, column_key: str | None) -> None:
        row = knowledge.rows[knowledge.row_index(row_key)]
        if column_key is None:
            column_label = self.model.total_label()
            count = knowledge.total(row_key)
        else:
            column_label = knowledge.columns[knowledge.column_index(column_key)].label
            count = knowledge.count(row_key, column_key)
        title = self.tr("%1 × %2: %n product(s)", "", count)
        self.cell_title.setText(title.replace("%1", row.label).replace("%2", column_label))
        self.products_list.clear()
        catalogue, kind = self._catalogue, knowledge.kind

        def work(progress: Any, cancel: CancelToken) -> list[tuple[uuid.UUID, str]]:
            ids = cell_products(catalogue, kind, row_key, column_key)
            cancel.raise_if_cancelled()
            return product_titles(catalogue, ids)

        def done(titles: list[tuple[uuid.UUID, str]]) -> None:
            if self._cell_shown != (kind, row_key, column_key):
                return
            self.products_list.clear()
            for product_id, product_title in titles:
                item = QListWidgetItem(product_title, self.products_list)
                item.setData(Qt.ItemDataRole.UserRole, product_id)
                item.setToolTip(product_title)
            if not titles:
                item = QListWidgetItem(self.tr("No product in this cell."), self.products_list)
                item.setFlags(Qt.ItemFlag.NoItemFlags)

        self._runner.run(
            work, on_done=done, on_error=self._show_error, key=f"knowledge-map-cell-{id(self)}"
        )

    @Slot(QListWidgetItem)
    def _on_product_activated(self, item: QListWidgetItem) -> None:
        product_id = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(product_id, uuid.UUID):
            self.product_requested.emit(product_id)

    def _clear_side(self) -> None:
        self.cell_title.setText(self.tr("Click a cell to see its products."))
        self.products_list.clear()
        self.suggestions.clear()
        self._link_buttons.clear()
        self.suggestions_box.hide()
        self._suggested_need = None

    # -- suggestions -------------------------------------------------------------------------------

    def _load_suggestions(self, need_id: uuid.UUID) -> None:
        if self._suggested_need == need_id and not self.suggestions_box.isHidden():
            return
        self._suggested_need = need_id
        knowledge = self.model.knowledge_map
        unanswered = knowledge is not None and str(need_id) in knowledge.unanswered
        self._suggesting_unanswered = unanswered
        self.suggestions.clear()
        self._link_buttons.clear()
        self.suggestions_status.setText(self.tr("Looking for products like this need…"))
        self.suggestions_box.show()
        catalogue = self._catalogue

        def work(progress: Any, cancel: CancelToken) -> list[SimilarProduct]:
            return catalogue.needs.suggest_products(need_id, limit=SUGGESTIONS)

        def done(found: list[SimilarProduct]) -> None:
            if self._suggested_need == need_id:
                self._show_suggestions(need_id, found)

        def failed(error: BaseException) -> None:
            if self._suggested_need == need_id:
                self.suggestions_status.setText(
                    self.tr("No suggestion could be made: %1").replace("%1", str(error))
                )

        self._runner.run(
            work, on_done=done, on_error=failed, key=f"knowledge-map-suggest-{id(self)}"
        )

    def _show_suggestions(self, need_id: uuid.UUID, found: list[SimilarProduct]) -> None:
        self.suggestions.clear()
        self._link_buttons.clear()
        if found and self._suggesting_unanswered:
            self.suggestions_status.setText(
                self.tr(
                    "No product answers this need yet. Products like it, best first: link one "
                    "that answers it."
                )
            )
        elif found:
            self.suggestions_status.setText(
                self.tr("More products like this need, best first: link one that answers it.")
            )
        else:
            self.suggestions_status.setText(
                self.tr("No product in the catalogue is like this need.")
            )
        for suggestion in found:
            item = QTreeWidgetItem(self.suggestions, [suggestion.title])
            item.setData(0, Qt.ItemDataRole.UserRole, suggestion.id)
            shared = ", ".join(suggestion.shared_words[:8])
            tip = suggestion.title
            if shared:
                tip += "\n" + self.tr("Shares: %1").replace("%1", shared)
            item.setToolTip(0, tip)
            button = QPushButton(self.tr("Link"), self.suggestions)
            button.setAccessibleName(
                self.tr("Link %1 to this need").replace("%1", suggestion.title)
            )
            if self._catalogue.read_only:
                button.setEnabled(False)
                button.setToolTip(self.tr("This catalogue is read-only."))
            else:
                button.setToolTip(self.tr("This product answers the need: link it."))
            product_id = suggestion.id
            button.clicked.connect(lambda _checked=False, p=product_id: self.link(need_id, p))
            self.suggestions.setItemWidget(item, 1, button)
            self._link_buttons[product_id] = button
        self.suggestions_loaded.emit(need_id, found)

    def link_button(self, product_id: uuid.UUID) -> QPushButton | None:
        """The "Link" button of a suggested product (``None`` when it is not suggested)."""
        return self._link_buttons.get(product_id)

    def suggested_ids(self) -> list[uuid.UUID]:
        """The suggested products shown, best first."""
        items = (
            self.suggestions.topLevelItem(i) for i in range(self.suggestions.topLevelItemCount())
        )
        return [item.data(0, Qt.ItemDataRole.UserRole) for item in items if item is not None]

    def link(self, need_id: uuid.UUID, product_id: uuid.UUID) -> None:
        """Link a product to a need, in the background; the map follows the change."""
        button = self._link_buttons.get(product_id)
        if button is not None:
            button.setEnabled(False)
            button.setText(self.tr("Linking…"))
        catalogue = self._catalogue

        def work(progress: Any, cancel: CancelToken) -> object:
            return catalogue.needs.link_products(need_id, [product_id])

        def done(_need: object) -> None:
            linked = self._link_buttons.get(product_id)
            if linked is not None:
                linked.setText(self.tr("Linked"))
            self.product_linked.emit(need_id, product_id)

        def failed(error: BaseException) -> None:
            again = self._link_buttons.get(product_id)
            if again is not None:
                again.setEnabled(True)
                again.setText(self.tr("Link"))
            QMessageBox.warning(
                self,
                self.tr("Link product"),
                self.tr("The product could not be linked: %1").replace("%1", str(error)),
            )

        self._runner.run(work, on_done=done, on_error=failed)

    @Slot(QTreeWidgetItem, int)
    def _on_suggestion_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        product_id = item.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(product_id, uuid.UUID):
            self.product_requested.emit(product_id)

    # -- export ----------------------------------------------------------------------------------

    @Slot()
    def _ask_and_export(self) -> None:
        path = self._ask_export_path()
        if not path:
            return
        try:
            self.export_png(path)
        except OSError as error:
            QMessageBox.warning(self, self.tr("Export as PNG"), str(error))

    def _ask_export_path(self) -> str:
        """Where to save the picture (a seam for tests); empty when the user cancels."""
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the map as PNG"),
            str(Path.home() / "knowledge-map.png"),
            self.tr("PNG pictures (*.png)"),
        )
        if path and not path.lower().endswith(".png"):
            path += ".png"
        return path

    def export_png(self, path: str | Path) -> Path:
        """Save the map as a PNG picture for a report; raises :class:`OSError` when it cannot."""
        target = Path(path)
        image = self.map_image()
        writer = QImageWriter(str(target), QByteArray(b"png"))
        if not writer.write(image):
            message = self.tr("The picture could not be saved as %1: %2")
            raise OSError(message.replace("%1", str(target)).replace("%2", writer.errorString()))
        return target

    def map_image(self, scale: float = EXPORT_SCALE) -> QImage:
        """The map drawn for a report: title, the heat map in light colours, a legend."""
        knowledge = self.model.knowledge_map
        if knowledge is None:
            raise OSError(self.tr("The map is still being counted."))
        picture = _MapPicture(self, knowledge, scale)
        try:
            return picture.draw()
        finally:
            picture.deleteLater()


class _MapPicture(QObject):
    """Draws a :class:`KnowledgeMap` on a white page, in logical units scaled for print."""

    MARGIN = 28.0
    PAD = 8.0

    def __init__(self, view: KnowledgeMapView, knowledge: KnowledgeMap, scale: float) -> None:
        super().__init__(view)
        self.view = view
        self.model = view.model
        self.knowledge = knowledge
        self.scale = scale
        base = QFont(view.font())
        base.setPointSizeF(max(base.pointSizeF(), 10.0))
        self.font = base
        self.bold = QFont(base)
        self.bold.setBold(True)
        self.title_font = QFont(base)
        self.title_font.setPointSizeF(base.pointSizeF() * 1.6)
        self.title_font.setBold(True)
        self.small = QFont(base)
        self.small.setPointSizeF(base.pointSizeF() * 0.9)

    def _lines(self) -> list[tuple[str, str, int | None]]:
        """Rows to draw: (kind, label, map row); needs are preceded by their theme's heading."""
        lines: list[tuple[str, str, int | None]] = []
        group: str | None = None
        for position, row in enumerate(self.knowledge.rows):
            if self.knowledge.kind == "needs" and row.group != group:
                group = row.group
                lines.append(("group", group or self.tr("No theme"), None))
            lines.append(("row", row.label, position))
        return lines

    def draw(self) -> QImage:
        knowledge = self.knowledge
        metrics = QFontMetricsF(self.font)
        bold_metrics = QFontMetricsF(self.bold)
        row_height = metrics.height() + 2 * self.PAD - 2
        labels = [label for _kind, label, _row in self._lines()]
        label_width = min(
            max((bold_metrics.horizontalAdvance(label) for label in labels), default=100.0)
            + 2 * self.PAD
            + 14,
            metrics.averageCharWidth() * 100,
        )
        headings = [column.label for column in knowledge.columns] + [self.model.total_label()]
        longest_word = max(
            (bold_metrics.horizontalAdvance(word) for text in headings for word in text.split()),
            default=0.0,
        )
        cell_width = max(84.0, metrics.averageCharWidth() * 12, longest_word + 16)
        heading_height = (
            max(
                bold_metrics.boundingRect(
                    QRectF(0, 0, cell_width - 2 * 4, 1000),
                    int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignHCenter),
                    heading,
                ).height()
                for heading in headings
            )
            + 2 * self.PAD
        )
        title_metrics = QFontMetricsF(self.title_font)
        title_height = title_metrics.height() + metrics.height() + 18
        lines = self._lines()
        table_width = label_width + cell_width * len(headings)
        legend_height = metrics.height() * 2 + 30
        width = self.MARGIN * 2 + max(table_width, 640.0)
        height = (
            self.MARGIN * 2
            + title_height
            + heading_height
            + row_height * len(lines)
            + legend_height
        )
        image = QImage(
            QSize(math.ceil(width * self.scale), math.ceil(height * self.scale)),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        image.setDevicePixelRatio(self.scale)
        image.setDotsPerMeterX(3780)  # 96 dpi: fonts in points come out the same everywhere
        image.setDotsPerMeterY(3780)
        image.fill(_PAPER)
        painter = QPainter(image)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            self._draw_title(painter, width)
            top = self.MARGIN + title_height
            left = self.MARGIN
            self._draw_headings(
                painter, left + label_width, top, cell_width, heading_height, headings
            )
            y = top + heading_height
            for kind, label, row in lines:
                rect = QRectF(left, y, label_width, row_height)
                if kind == "group":
                    painter.setFont(self.bold)
                    painter.setPen(_INK)
                    painter.drawText(
                        rect.adjusted(self.PAD, 0, 0, 0),
                        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
                        label,
                    )
                else:
                    assert row is not None
                    self._draw_row(painter, rect, label, row, cell_width, metrics)
                y += row_height
            self._draw_legend(painter, left, y + 14, metrics)
        finally:
            painter.end()
        return image

    def _draw_title(self, painter: QPainter, width: float) -> None:
        view = self.view
        painter.setPen(_INK)
        painter.setFont(self.title_font)
        title = self.tr("Knowledge map: %1").replace("%1", view.map_choice.currentText())
        title_height = QFontMetricsF(self.title_font).height()
        painter.drawText(
            QRectF(self.MARGIN, self.MARGIN, width - 2 * self.MARGIN, title_height),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            title,
        )
        painter.setFont(self.font)
        subtitle = " · ".join(
            [
                view._summary_text(self.knowledge),
                view._catalogue.folder.name,
                dt.date.today().isoformat(),
            ]
        )
        painter.drawText(
            QRectF(
                self.MARGIN,
                self.MARGIN + title_height + 4,
                width - 2 * self.MARGIN,
                QFontMetricsF(self.font).height(),
            ),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            subtitle,
        )

    def _draw_headings(
        self,
        painter: QPainter,
        left: float,
        top: float,
        cell_width: float,
        height: float,
        headings: list[str],
    ) -> None:
        painter.setFont(self.bold)
        for position, heading in enumerate(headings):
            rect = QRectF(left + position * cell_width, top, cell_width, height)
            if position == len(headings) - 1:
                painter.fillRect(rect, _TOTAL_PAPER)
            painter.setPen(_INK)
            painter.drawText(
                rect.adjusted(4, self.PAD, -4, -self.PAD),
                int(
                    Qt.TextFlag.TextWordWrap
                    | Qt.AlignmentFlag.AlignHCenter
                    | Qt.AlignmentFlag.AlignBottom
                ),
                heading,
            )
        painter.setPen(QPen(_INK, 1.2))
        painter.drawLine(
            QRectF(left, top, cell_width * len(headings), height).bottomLeft(),
            QRectF(left, top, cell_width * len(headings), height).bottomRight(),
        )

    def _draw_row(
        self,
        painter: QPainter,
        rect: QRectF,
        label: str,
        row: int,
        cell_width: float,
        metrics: QFontMetricsF,
    ) -> None:
        knowledge = self.knowledge
        unanswered = knowledge.rows[row].key in knowledge.unanswered
        indent = 14.0 if knowledge.kind == "needs" else 0.0
        painter.setFont(self.bold if unanswered else self.font)
        painter.setPen(_NO_PRODUCT_INK if unanswered else _INK)
        text_rect = rect.adjusted(self.PAD + indent, 0, -self.PAD, 0)
        shown = QFontMetricsF(painter.font()).elidedText(
            label, Qt.TextElideMode.ElideRight, text_rect.width()
        )
        painter.drawText(
            text_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown
        )
        x = rect.right()
        home = knowledge.home_columns[row] if knowledge.home_columns else None
        for column, count in enumerate(knowledge.counts[row]):
            cell = QRectF(x + column * cell_width, rect.top(), cell_width, rect.height())
            amount = heat(count, knowledge.maximum)
            paper = _mix(_PAPER, _HEAT, amount) if amount else _PAPER
            painter.fillRect(cell, _NO_PRODUCT_PAPER if unanswered and column == home else paper)
            painter.setPen(QPen(_GRID, 1.0))
            painter.drawRect(cell)
            if count:
                painter.setFont(self.bold if column == home else self.font)
                painter.setPen(_PAPER if amount > 0.55 else _INK)
                painter.drawText(cell, int(Qt.AlignmentFlag.AlignCenter), str(count))
            if column == home:
                painter.setPen(QPen(_INK, 1.6))
                painter.drawRect(cell.adjusted(1.5, 1.5, -1.5, -1.5))
        total = QRectF(
            x + len(knowledge.counts[row]) * cell_width, rect.top(), cell_width, rect.height()
        )
        painter.fillRect(total, _NO_PRODUCT_PAPER if unanswered else _TOTAL_PAPER)
        painter.setPen(QPen(_GRID, 1.0))
        painter.drawRect(total)
        painter.setFont(self.bold)
        painter.setPen(_NO_PRODUCT_INK if unanswered else _INK)
        text = self.tr("no product") if unanswered else str(knowledge.row_totals[row])
        painter.drawText(total, int(Qt.AlignmentFlag.AlignCenter), text)

    def _draw_legend(
        self, painter: QPainter, left: float, top: float, metrics: QFontMetricsF
    ) -> None:
        knowledge = self.knowledge
        painter.setFont(self.small)
        small = QFontMetricsF(self.small)
        box = small.height() + 4
        x = left
        painter.setPen(_INK)
        caption = self.tr("Products in a cell:")
        painter.drawText(
            QRectF(x, top, small.horizontalAdvance(caption) + 6, box),
            int(Qt.AlignmentFlag.AlignVCenter),
            caption,
        )
        x += small.horizontalAdvance(caption) + 10
        maximum = max(knowledge.maximum, 1)
        steps = sorted({1, max(1, round(maximum / 4)), max(1, round(maximum / 2)), maximum})
        for value in steps:
            amount = heat(value, maximum)
            rect = QRectF(x, top, box * 1.6, box)
            painter.fillRect(rect, _mix(_PAPER, _HEAT, amount))
            painter.setPen(QPen(_GRID, 1.0))
            painter.drawRect(rect)
            painter.setPen(_PAPER if amount > 0.55 else _INK)
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), str(value))
            x += box * 1.6 + 4
        x += 16
        notes: list[tuple[QColor, QColor, str, str]] = []
        if knowledge.kind == "needs":
            notes.append(
                (
                    _NO_PRODUCT_PAPER,
                    _NO_PRODUCT_INK,
                    self.tr("no product"),
                    self.tr("no product answers this need"),
                )
            )
        for paper, ink, sample, meaning in notes:
            width = small.horizontalAdvance(sample) + 12
            rect = QRectF(x, top, width, box)
            painter.fillRect(rect, paper)
            painter.setPen(ink)
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), sample)
            x += width + 6
            painter.setPen(_INK)
            painter.drawText(
                QRectF(x, top, small.horizontalAdvance(meaning) + 6, box),
                int(Qt.AlignmentFlag.AlignVCenter),
                meaning,
            )
            x += small.horizontalAdvance(meaning) + 16
        if knowledge.kind == "needs":
            painter.setPen(_INK)
            note = self.tr("Framed cell: the need's own theme. A product may have several themes.")
            painter.drawText(
                QRectF(left, top + box + 8, 2000, small.height() + 4),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                note,
            )
