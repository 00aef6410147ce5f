"""The facet panel: checkable facet values with their counts, a year range, "Clear filters".

Each facet of the search core (theme, type, partnership, organisation, country, language,
year) is a group in a :class:`QTreeWidget`; its values are checkable items showing their label
and the number of results that have them. The panel keeps the user's choice itself
(:meth:`FacetPanel.filters`): new counts from a search (:meth:`FacetPanel.set_facets`) never
lose a check, and a checked value that no longer matches anything stays listed with 0. The
year facet also has a from/to range (``2018..2020`` for the core). Every change of the choice
emits :attr:`FacetPanel.filters_changed` with the whole filter dict.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kmdesk.search.results import FacetValue

#: The facets, in the order shown.
FACETS: tuple[str, ...] = (
    "theme",
    "type",
    "language",
    "year",
    "partnership",
    "organisation",
    "country",
    "tag",
    "annotated",
)
#: Facets whose group starts expanded (the others have long lists).
EXPANDED: frozenset[str] = frozenset({"theme", "type", "language", "year"})
#: The year spin boxes show "Any" at this value.
ANY_YEAR = 1899
LAST_YEAR = 2100
#: A year range is applied once the spin boxes have been still this long.
RANGE_DELAY_MS = 400

#: Item data role of a value item: the facet value to filter by.
_VALUE = Qt.ItemDataRole.UserRole + 1
#: Item data role of a group item: the facet's name.
_FACET = Qt.ItemDataRole.UserRole + 2
#: Item data role of a value item: its count.
_COUNT = Qt.ItemDataRole.UserRole + 3


class FacetPanel(QWidget):
    """Checkable facet values with counts, a year range and a "Clear filters" button."""

    #: The filters changed: a dict facet → list of values (``year`` may hold ``"2018..2020"``).
    filters_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names = {
            "theme": self.tr("Theme"),
            "type": self.tr("Type"),
            "partnership": self.tr("Partnership"),
            "organisation": self.tr("Organisation"),
            "country": self.tr("Country"),
            "language": self.tr("Language"),
            "year": self.tr("Year"),
            "tag": self.tr("Note tag"),
            "annotated": self.tr("Annotated"),
        }
        #: The values the user checked, by facet (the year range is kept in the spin boxes).
        self._selected: dict[str, list[str]] = {}
        #: Labels of values seen, so a checked value gone from the counts keeps its label.
        self._labels: dict[tuple[str, str], str] = {}
        self._facets: dict[str, tuple[FacetValue, ...]] = {}
        self._oldest_year: int | None = None
        self._newest_year: int | None = None

        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(2)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tree.setAccessibleName(self.tr("Filters"))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self._groups: dict[str, QTreeWidgetItem] = {}
        for facet in FACETS:
            group = QTreeWidgetItem(self.tree, [self._names[facet], ""])
            group.setFirstColumnSpanned(True)
            group.setData(0, _FACET, facet)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setExpanded(facet in EXPANDED)
            self._groups[facet] = group
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.itemActivated.connect(self._toggle)

        self.year_from = self._year_box(self.tr("Years from"))
        self.year_to = self._year_box(self.tr("Years to"))
        self._range_timer = QTimer(self)
        self._range_timer.setObjectName("facet year-range delay")
        self._range_timer.setSingleShot(True)
        self._range_timer.setInterval(RANGE_DELAY_MS)
        self._range_timer.timeout.connect(self._range_settled)
        self._last_range = ""

        self.clear_button = QPushButton(self.tr("Clear filters"), self)
        self.clear_button.setAccessibleName(self.tr("Clear filters"))
        self.clear_button.setEnabled(False)
        self.clear_button.clicked.connect(self.clear)

        range_row = QHBoxLayout()
        range_label = QLabel(self.tr("Years:"), self)
        range_label.setBuddy(self.year_from)
        range_row.addWidget(range_label)
        range_row.addWidget(self.year_from, 1)
        range_row.addWidget(QLabel(self.tr("to"), self))
        range_row.addWidget(self.year_to, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 1)
        layout.addLayout(range_row)
        layout.addWidget(self.clear_button)

    def _year_box(self, accessible_name: str) -> QSpinBox:
        box = QSpinBox(self)
        box.setRange(ANY_YEAR, LAST_YEAR)
        box.setValue(ANY_YEAR)
        box.setSpecialValueText(self.tr("Any"))
        box.setAccessibleName(accessible_name)
        box.setKeyboardTracking(False)
        box.valueChanged.connect(self._year_edited)
        return box

    # -- the choice ----------------------------------------------------------------------------

    def filters(self) -> dict[str, list[str]]:
        """The current filters: facet → values (the year range as ``"from..to"``)."""
        chosen = {facet: list(values) for facet, values in self._selected.items() if values}
        year_range = self._year_range()
        if year_range:
            chosen.setdefault("year", []).append(year_range)
        return chosen

    def set_filters(self, filters: Mapping[str, Sequence[str]]) -> None:
        """Check exactly these values (a saved search); emits nothing."""
        self._range_timer.stop()
        self._selected = {}
        year_range = ""
        for facet, values in filters.items():
            for value in values:
                if facet == "year" and ".." in value and not year_range:
                    year_range = value
                elif value not in self._selected.get(facet, []):
                    self._selected.setdefault(facet, []).append(value)
        low, _, high = year_range.partition("..")
        with QSignalBlocker(self.year_from), QSignalBlocker(self.year_to):
            self.year_from.setValue(int(low) if low.strip().isdigit() else ANY_YEAR)
            self.year_to.setValue(int(high) if high.strip().isdigit() else ANY_YEAR)
        self._last_range = self._year_range()
        self._rebuild()

    @Slot()
    def clear(self) -> None:
        """Uncheck everything and forget the year range; emits :attr:`filters_changed`."""
        had_filters = bool(self.filters())
        self.set_filters({})
        if had_filters:
            self.filters_changed.emit(self.filters())

    def set_facets(
        self,
        facets: Mapping[str, Sequence[FacetValue]],
        selected_filters: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        """Show new counts. The user's checks stay; a checked value at 0 is still listed.

        ``selected_filters`` are the filters of the search that gave these counts (a value
        absent from the counts is labelled by itself); the checks are the panel's own choice.
        """
        self._facets = {facet: tuple(values) for facet, values in facets.items()}
        for facet, values in self._facets.items():
            for value in values:
                self._labels[(facet, value.value)] = value.label
        years = [int(v.value) for v in self._facets.get("year", ()) if v.value.isdigit()]
        if years:
            self._oldest_year, self._newest_year = min(years), max(years)
        for facet, filtered in (selected_filters or {}).items():
            for chosen in filtered:
                if facet == "year" and ".." in chosen:
                    continue
                self._labels.setdefault((facet, chosen), chosen)
        self._rebuild()

    # -- the tree ------------------------------------------------------------------------------

    def _rebuild(self) -> None:
        """Fill every group from the counts and the choice, keeping the scroll position."""
        scroll = self.tree.verticalScrollBar().value()
        self.tree.setUpdatesEnabled(False)
        with QSignalBlocker(self.tree):
            for facet in FACETS:
                self._fill_group(facet)
        self.tree.setUpdatesEnabled(True)
        self.tree.verticalScrollBar().setValue(scroll)
        self.clear_button.setEnabled(bool(self.filters()))

    def _fill_group(self, facet: str) -> None:
        group = self._groups[facet]
        selected = self._selected.get(facet, [])
        values = list(self._facets.get(facet, ()))
        shown = {value.value for value in values}
        for chosen in selected:
            if chosen not in shown:
                label = self._labels.get((facet, chosen), chosen)
                values.append(FacetValue(chosen, label, 0, True))
        group.takeChildren()
        locale = self.locale()
        items = []
        for value in values:
            item = QTreeWidgetItem([value.label, locale.toString(value.count)])
            item.setData(0, _VALUE, value.value)
            item.setData(0, _COUNT, value.count)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            checked = value.value in selected
            item.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, value.label)
            if value.count == 0:
                item.setForeground(1, self.palette().placeholderText())
            items.append(item)
        group.addChildren(items)
        self._title_group(facet)

    def _title_group(self, facet: str) -> None:
        """The group's title: the facet's name, and how many of its values are checked."""
        group = self._groups[facet]
        chosen = len(self._selected.get(facet, []))
        name = self._names[facet]
        group.setText(
            0, self.tr("%1 (%n selected)", "", chosen).replace("%1", name) if chosen else name
        )

    @Slot(QTreeWidgetItem, int)
    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        parent = item.parent()
        if parent is None or column != 0:
            return
        facet = str(parent.data(0, _FACET))
        value = str(item.data(0, _VALUE))
        chosen = self._selected.setdefault(facet, [])
        checked = item.checkState(0) == Qt.CheckState.Checked
        if checked and value not in chosen:
            chosen.append(value)
        elif not checked and value in chosen:
            chosen.remove(value)
        else:
            return
        if not chosen:
            del self._selected[facet]
        with QSignalBlocker(self.tree):
            self._title_group(facet)
        self.clear_button.setEnabled(bool(self.filters()))
        self.filters_changed.emit(self.filters())

    @Slot(QTreeWidgetItem, int)
    def _toggle(self, item: QTreeWidgetItem, column: int) -> None:
        """Enter on a value toggles it (a group opens or closes)."""
        if item.parent() is None:
            item.setExpanded(not item.isExpanded())
            return
        checked = item.checkState(0) == Qt.CheckState.Checked
        item.setCheckState(0, Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def check(self, facet: str, value: str, checked: bool = True) -> None:
        """Check or uncheck one value, as a click would (emits :attr:`filters_changed`)."""
        item = self.item(facet, value)
        if item is None:
            raise KeyError(f"{facet}={value} is not listed")
        item.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def item(self, facet: str, value: str) -> QTreeWidgetItem | None:
        """The item of one facet value, when listed."""
        for child in self._children(facet):
            if child.data(0, _VALUE) == value:
                return child
        return None

    def _children(self, facet: str) -> list[QTreeWidgetItem]:
        group = self._groups[facet]
        children = (group.child(row) for row in range(group.childCount()))
        return [child for child in children if child is not None]

    def counts(self, facet: str) -> dict[str, int]:
        """The counts shown for a facet: value → count."""
        return {
            str(child.data(0, _VALUE)): int(child.data(0, _COUNT))
            for child in self._children(facet)
        }

    # -- the year range ------------------------------------------------------------------------

    def _year_range(self) -> str:
        low, high = self.year_from.value(), self.year_to.value()
        if low == ANY_YEAR and high == ANY_YEAR:
            return ""
        return f"{'' if low == ANY_YEAR else low}..{'' if high == ANY_YEAR else high}"

    @Slot(int)
    def _year_edited(self, value: int) -> None:
        box = self.sender()
        if isinstance(box, QSpinBox) and value == ANY_YEAR + 1:
            # Stepping up from "Any" goes to the oldest (from) or newest (to) year listed.
            start = self._oldest_year if box is self.year_from else self._newest_year
            if start is not None:
                with QSignalBlocker(box):
                    box.setValue(start)
        self._range_timer.start()

    @Slot()
    def _range_settled(self) -> None:
        year_range = self._year_range()
        if year_range == self._last_range:
            return
        self._last_range = year_range
        self.clear_button.setEnabled(bool(self.filters()))
        self.filters_changed.emit(self.filters())
