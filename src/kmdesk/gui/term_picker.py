"""Pickers for the values of a form: vocabulary terms, countries, languages, organisations.

A picker is a line edit with a :class:`QCompleter` (case-insensitive, matching anywhere in the
label or its acronym or code) and, when several values are allowed, the chosen ones shown as
removable chips. A typed value that matches nothing is kept as typed, so the core's validation
names it beside the field instead of the picker dropping it silently. :class:`FieldErrors` puts
a :class:`~kmdesk.errors.ValidationError` under the widget of the field it names.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pycountry
from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
    SignalInstance,
    Slot,
)
from PySide6.QtGui import QColor, QKeyEvent, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kmdesk.errors import ValidationError
from kmdesk.geo import REGIONS
from kmdesk.vocabulary import ORGANISATION_ROLES

if TYPE_CHECKING:
    from kmdesk.catalogue import Catalogue

#: The item data role holding a choice's key in the completion models.
KEY_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True, slots=True)
class Choice:
    """One value a picker offers: the key stored, the label shown, and a hint (acronym, code)."""

    key: str
    label: str
    hint: str = ""

    @property
    def display(self) -> str:
        """The text in the completion list: the label and, in brackets, the hint."""
        return f"{self.label} ({self.hint})" if self.hint else self.label

    def matches(self, text: str) -> bool:
        """Whether ``text`` names this choice exactly (key, label, hint or display, any case)."""
        needle = text.strip().casefold()
        return needle in {
            self.key.casefold(),
            self.label.casefold(),
            self.hint.casefold(),
            self.display.casefold(),
        } - {""}


# -- where the choices come from ------------------------------------------------------------------


def vocabulary_choices(catalogue: Catalogue, kind: str) -> list[Choice]:
    """The terms of vocabulary ``kind``, labelled in the catalogue's language."""
    return [
        Choice(term.key, term.label, term.acronym or "")
        for term in catalogue.vocabularies.terms(kind)
    ]


def _iso_translation(domain: str, language: str) -> gettext.NullTranslations:
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language], fallback=True)


def country_choices(language: str = "en") -> list[Choice]:
    """Every ISO 3166-1 country, named in ``language`` (pycountry's translations), by code."""
    names = _iso_translation("iso3166-1", language)
    choices = [
        Choice(str(country.alpha_2), names.gettext(str(country.name)), str(country.alpha_2))
        for country in pycountry.countries
    ]
    return sorted(choices, key=lambda choice: choice.label.casefold())


def language_choices(language: str = "en") -> list[Choice]:
    """Languages with a two-letter ISO 639-1 code, named in ``language``, by tag."""
    names = _iso_translation("iso639-3", language)
    choices = [
        Choice(str(lang.alpha_2), names.gettext(str(lang.name)), str(lang.alpha_2))
        for lang in pycountry.languages
        if getattr(lang, "alpha_2", None)
    ]
    return sorted(choices, key=lambda choice: choice.label.casefold())


def region_choices() -> list[Choice]:
    """The UN M49 regions kmdesk knows, by code."""
    return [Choice(code, name, code) for code, name in REGIONS.items()]


def completion_model(choices: Iterable[Choice], parent: QObject) -> QStandardItemModel:
    """A model of ``choices`` for a completer: the display text, the key under :data:`KEY_ROLE`."""
    model = QStandardItemModel(parent)
    for choice in choices:
        item = QStandardItem(choice.display)
        item.setData(choice.key, KEY_ROLE)
        item.setEditable(False)
        model.appendRow(item)
    return model


def index_activated(completer: QCompleter) -> SignalInstance:
    """The completer's ``activated(QModelIndex)`` signal (the default one carries text)."""
    signal: Any = completer.activated
    return signal[QModelIndex]


def contains_completer(model: QStandardItemModel, parent: QObject) -> QCompleter:
    """A completer that matches anywhere in an entry, ignoring case."""
    completer = QCompleter(model, parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setMaxVisibleItems(12)
    return completer


# -- chips ------------------------------------------------------------------------------------


class FlowLayout(QLayout):
    """Lays widgets out left to right, wrapping to the next line (Qt's flow layout example)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        x, y, line_height = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line_height > 0:
                x, y = rect.x(), y + line_height + self._spacing
                line_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y()


class EntryLineEdit(QLineEdit):
    """A line edit whose Enter adds what is typed instead of pressing the dialog's default button.

    With nothing typed, Enter goes on to the dialog (it saves the form, as usual).
    """

    def keyPressEvent(self, event: QKeyEvent) -> None:
        typed = bool(self.text().strip())
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and typed:
            event.accept()


class ChoicePicker(QWidget):
    """Pick one value (``multiple=False``) or several, typed with completion over ``choices``.

    Several values show as chips that a click (or Space on the focused chip) removes. A typed
    text that names no choice is kept as typed: the core then says what is wrong with it.
    """

    #: The chosen values changed.
    changed = Signal()

    def __init__(
        self,
        choices: Sequence[Choice],
        *,
        multiple: bool = True,
        accessible_name: str = "",
        placeholder: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._choices = list(choices)
        self._by_key = {choice.key: choice for choice in self._choices}
        self._multiple = multiple
        self._chosen: list[str] = []
        self._chip_buttons: list[QToolButton] = []

        self.line_edit = EntryLineEdit(self)
        self.line_edit.setAccessibleName(accessible_name)
        self.line_edit.setPlaceholderText(
            placeholder or (self.tr("Type to add…") if multiple else self.tr("Type to choose…"))
        )
        self._model = completion_model(self._choices, self)
        self.completer = contains_completer(self._model, self)
        self.line_edit.setCompleter(self.completer)
        index_activated(self.completer).connect(self._completed)
        self.line_edit.returnPressed.connect(self.commit_text)
        if not multiple:
            self.line_edit.textChanged.connect(self.changed)

        self.show_all = QToolButton(self)
        self.show_all.setText("▾")
        self.show_all.setAccessibleName(self.tr("Show all choices"))
        self.show_all.setToolTip(self.tr("Show all choices"))
        self.show_all.setEnabled(bool(self._choices))
        self.show_all.clicked.connect(self.show_all_choices)

        entry = QHBoxLayout()
        entry.setContentsMargins(0, 0, 0, 0)
        entry.addWidget(self.line_edit, 1)
        entry.addWidget(self.show_all)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        self._chips_box = QWidget(self)
        self._chips = FlowLayout(self._chips_box)
        self._chips_box.setVisible(False)
        layout.addWidget(self._chips_box)
        layout.addLayout(entry)
        self.setFocusProxy(self.line_edit)

    # -- values ------------------------------------------------------------------------------

    def resolve(self, text: str) -> str | None:
        """The key that ``text`` names; the text itself when it names none; ``None`` if blank."""
        text = text.strip()
        if not text:
            return None
        for choice in self._choices:
            if choice.matches(text):
                return choice.key
        return text

    def label(self, key: str) -> str:
        """How a value shows: its choice's display text, or the value as typed."""
        choice = self._by_key.get(key)
        return choice.display if choice is not None else key

    def values(self) -> list[str]:
        """The chosen keys, in order, with a value typed but not yet added at the end."""
        pending = self.resolve(self.line_edit.text())
        if not self._multiple:
            return [pending] if pending is not None else []
        chosen = list(self._chosen)
        if pending is not None and pending not in chosen:
            chosen.append(pending)
        return chosen

    def value(self) -> str | None:
        """The single chosen key (the first one when several are allowed)."""
        values = self.values()
        return values[0] if values else None

    def set_values(self, keys: Iterable[str]) -> None:
        """Show ``keys`` as the chosen values (unknown keys show as they are)."""
        keys = [k for k in dict.fromkeys(keys) if k]
        if not self._multiple:
            self.line_edit.setText(self.label(keys[0]) if keys else "")
            return
        self._chosen = keys
        self.line_edit.clear()
        self._rebuild_chips()
        self.changed.emit()

    def set_value(self, key: str | None) -> None:
        """Show ``key`` as the one chosen value (``None``: nothing chosen)."""
        self.set_values([key] if key else [])

    def add(self, key: str) -> None:
        """Add a value (several-values pickers) or choose it (one-value pickers)."""
        if not self._multiple:
            self.set_values([key])
            return
        if key not in self._chosen:
            self._chosen.append(key)
            self._rebuild_chips()
            self.changed.emit()

    def remove(self, key: str) -> None:
        """Take a value off the chosen ones."""
        if key in self._chosen:
            self._chosen.remove(key)
            self._rebuild_chips()
            self.changed.emit()
            self.line_edit.setFocus()

    # -- typing ------------------------------------------------------------------------------

    @Slot()
    def commit_text(self) -> None:
        """Add what is typed (Enter): the choice it names, or the text as typed."""
        if not self._multiple:
            key = self.resolve(self.line_edit.text())
            if key is not None:
                self.line_edit.setText(self.label(key))
            return
        key = self.resolve(self.line_edit.text())
        if key is not None:
            self.add(key)
        self.line_edit.clear()

    @Slot(QModelIndex)
    def _completed(self, index: QModelIndex) -> None:
        key = index.data(KEY_ROLE)
        if not key:
            return
        if self._multiple:
            self.add(str(key))
            self.line_edit.clear()
        else:
            self.line_edit.setText(self.label(str(key)))

    @Slot()
    def show_all_choices(self) -> None:
        """Open the completion list with every choice (or those matching what is typed)."""
        self.line_edit.setFocus()
        self.completer.setCompletionPrefix("")
        self.completer.complete()

    def _rebuild_chips(self) -> None:
        for button in self._chip_buttons:
            self._chips.removeWidget(button)
            button.deleteLater()
        self._chip_buttons = []
        for key in self._chosen:
            button = QToolButton(self._chips_box)
            button.setText(self.label(key) + "  ✕")
            button.setToolTip(self.tr("Remove"))
            button.setAccessibleName(self.tr("Remove %1").replace("%1", self.label(key)))
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setStyleSheet(
                "QToolButton { border: 1px solid palette(mid); border-radius: 9px;"
                " padding: 1px 8px; background: palette(alternate-base); }"
                " QToolButton:focus { border: 2px solid palette(highlight); }"
            )
            button.clicked.connect(lambda _checked=False, k=key: self.remove(k))
            self._chips.addWidget(button)
            self._chip_buttons.append(button)
        self._chips_box.setVisible(bool(self._chosen))
        self._chips_box.updateGeometry()

    def chip_labels(self) -> list[str]:
        """The texts of the chips shown (for tests and accessibility checks)."""
        return [button.text() for button in self._chip_buttons]


class TermPicker(ChoicePicker):
    """Pick one or several terms of a catalogue vocabulary (theme, partnership, ...) by typing.

    Completion runs over the labels (in the catalogue's language) and acronyms; the values are
    the terms' keys, as :meth:`kmdesk.catalogue.products.Products.add` takes them.
    """

    def __init__(
        self,
        catalogue: Catalogue,
        kind: str,
        *,
        multiple: bool = True,
        accessible_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        self.kind = kind
        super().__init__(
            vocabulary_choices(catalogue, kind),
            multiple=multiple,
            accessible_name=accessible_name,
            parent=parent,
        )


class OrganisationRolesPicker(QWidget):
    """Organisations with the role each played (author, publisher, partner)."""

    changed = Signal()

    def __init__(
        self, choices: Sequence[Choice], *, accessible_name: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._choices = list(choices)
        self._by_key = {choice.key: choice for choice in self._choices}
        self._role_labels = {
            "author": self.tr("Author"),
            "publisher": self.tr("Publisher"),
            "partner": self.tr("Partner"),
        }
        self.table = QTreeWidget(self)
        self.table.setColumnCount(2)
        self.table.setHeaderLabels([self.tr("Organisation"), self.tr("Role")])
        self.table.setRootIsDecorated(False)
        self.table.setAccessibleName(accessible_name or self.tr("Organisations"))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setMinimumHeight(self.fontMetrics().height() * 5)
        self.table.setMaximumHeight(self.fontMetrics().height() * 9)
        self.table.header().setStretchLastSection(False)
        self.table.header().setSectionResizeMode(0, self.table.header().ResizeMode.Stretch)
        self.table.header().setSectionResizeMode(1, self.table.header().ResizeMode.ResizeToContents)

        self.picker = ChoicePicker(
            self._choices,
            multiple=False,
            accessible_name=self.tr("Organisation to add"),
            placeholder=self.tr("Type an organisation's name or acronym…"),
            parent=self,
        )
        self.role = self._role_box(self)
        self.role.setAccessibleName(self.tr("Role of the organisation to add"))
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.setAccessibleName(self.tr("Add organisation"))
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setAccessibleName(self.tr("Remove selected organisations"))
        self.add_button.clicked.connect(self._add_typed)
        self.picker.line_edit.returnPressed.connect(self._add_typed)
        index_activated(self.picker.completer).connect(lambda _i: self._add_typed())
        self.remove_button.clicked.connect(self.remove_selected)

        entry = QHBoxLayout()
        entry.setContentsMargins(0, 0, 0, 0)
        entry.addWidget(self.picker, 1)
        entry.addWidget(self.role)
        entry.addWidget(self.add_button)
        entry.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(entry)
        self.setFocusProxy(self.picker)

    def _role_box(self, parent: QWidget) -> QComboBox:
        box = QComboBox(parent)
        for role in ORGANISATION_ROLES:
            box.addItem(self._role_labels.get(role, role), role)
        return box

    def _label(self, key: str) -> str:
        choice = self._by_key.get(key)
        return choice.display if choice is not None else key

    def add(self, key: str, role: str = "author") -> None:
        """Add an organisation with a role (the same pair twice is kept once)."""
        if (key, role) in self.values():
            return
        item = QTreeWidgetItem([self._label(key), ""])
        item.setData(0, KEY_ROLE, key)
        self.table.addTopLevelItem(item)
        box = self._role_box(self.table)
        box.setAccessibleName(self.tr("Role of %1").replace("%1", self._label(key)))
        box.setCurrentIndex(max(0, box.findData(role)))
        box.currentIndexChanged.connect(self.changed)
        self.table.setItemWidget(item, 1, box)
        self.changed.emit()

    @Slot()
    def _add_typed(self) -> None:
        key = self.picker.value()
        if key is None:
            return
        self.add(key, str(self.role.currentData()))
        self.picker.line_edit.clear()

    @Slot()
    def remove_selected(self) -> None:
        """Remove the selected organisations."""
        for item in self.table.selectedItems():
            index = self.table.indexOfTopLevelItem(item)
            self.table.takeTopLevelItem(index)
        self.changed.emit()

    def values(self) -> list[tuple[str, str]]:
        """``(organisation key, role)`` pairs, with one typed but not yet added at the end."""
        pairs: list[tuple[str, str]] = []
        for row in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(row)
            assert item is not None
            box = self.table.itemWidget(item, 1)
            role = str(box.currentData()) if isinstance(box, QComboBox) else "author"
            pairs.append((str(item.data(0, KEY_ROLE)), role))
        pending = self.picker.value()
        if pending is not None and (pending, str(self.role.currentData())) not in pairs:
            pairs.append((pending, str(self.role.currentData())))
        return pairs

    def set_values(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Show these organisations and roles."""
        self.table.clear()
        self.picker.line_edit.clear()
        for key, role in pairs:
            self.add(key, role)


# -- errors beside fields -----------------------------------------------------------------------


def error_colour(palette: QPalette) -> QColor:
    """A red readable on the window background, light or dark."""
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return QColor("#ff8a80") if dark else QColor("#b71c1c")


class FieldErrors(QObject):
    """Red messages under the widgets of a form, one per field, and a banner for the rest.

    :meth:`wrap` puts a hidden error label under a field's widget; :meth:`show` fills the label
    of the field a :class:`ValidationError` names, brings its tab forward, scrolls to it and
    focuses the widget. An error naming no known field goes to the banner.
    """

    def __init__(self, banner: QLabel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.banner = banner
        self._style(banner)
        banner.hide()
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}

    @staticmethod
    def _style(label: QLabel) -> None:
        label.setWordWrap(True)
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, error_colour(palette))
        label.setPalette(palette)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def wrap(self, field: str, widget: QWidget, *, focus: QWidget | None = None) -> QWidget:
        """``widget`` with an error label under it, registered for ``field``."""
        box = QWidget(widget.parentWidget())
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        label = QLabel(box)
        label.setObjectName(f"error-{field}")
        self._style(label)
        label.hide()
        layout.addWidget(label)
        self._fields[field] = (focus or widget, label)
        return box

    def alias(self, field: str, same_as: str) -> None:
        """Show errors about ``field`` where those about ``same_as`` go."""
        self._fields[field] = self._fields[same_as]

    def label(self, field: str) -> QLabel | None:
        """The error label of ``field`` (``None`` when the field has none)."""
        entry = self._fields.get(field)
        return entry[1] if entry is not None else None

    def shown(self) -> dict[str, str]:
        """The fields whose error shows, with its text (the banner under ``""``)."""
        shown = {f: lab.text() for f, (_w, lab) in self._fields.items() if not lab.isHidden()}
        if not self.banner.isHidden():
            shown[""] = self.banner.text()
        return shown

    def clear(self) -> None:
        """Hide every message."""
        for _widget, label in self._fields.values():
            label.clear()
            label.hide()
        self.banner.clear()
        self.banner.hide()

    def show_message(self, text: str) -> None:
        """A message about the whole form, in the banner."""
        self.banner.setText(text)
        self.banner.show()

    def show(self, error: ValidationError) -> None:
        """Show ``error`` under the widget of the field it names, and focus that widget."""
        entry = self._fields.get(error.field)
        if entry is None:
            self.show_message(str(error))
            return
        widget, label = entry
        if error.value is None or error.value == "" or error.value == []:
            text = self.tr("This field {problem}").format(problem=error.problem)
        else:
            text = self.tr("“{value}” {problem}").format(value=error.value, problem=error.problem)
        label.setText(text)
        label.show()
        reveal(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)


def reveal(widget: QWidget) -> None:
    """Bring ``widget``'s tab forward and scroll it into view."""
    child: QWidget = widget
    parent = widget.parentWidget()
    while parent is not None:
        tabs = parent.parentWidget()
        if isinstance(parent, QStackedWidget) and isinstance(tabs, QTabWidget):
            tabs.setCurrentWidget(child)
        child, parent = parent, parent.parentWidget()
    ancestor = widget.parentWidget()
    while ancestor is not None:
        if isinstance(ancestor, QScrollArea):
            ancestor.ensureWidgetVisible(widget)
            break
        ancestor = ancestor.parentWidget()
