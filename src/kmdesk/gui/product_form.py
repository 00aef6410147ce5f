"""The product form: create or edit a knowledge product, its files, links and needs answered.

Every field of :mod:`kmdesk.catalogue.product_fields` has a widget: vocabulary pickers with
completion for the type, themes, partnerships and organisations (each with a role), countries
by name (stored as ISO codes), regions, languages. Files to attach, links to other products
(found by title through the search core) and the knowledge needs the product answers are kept
pending and written only on Save, so Cancel changes nothing. Saving goes through the core on the
operations runner; a refused value shows under its widget and nothing is saved.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QModelIndex, Qt, Slot
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kmdesk.errors import ValidationError
from kmdesk.gui.edit_history import (
    Edit,
    EditHistory,
    product_created,
    product_updated,
    set_need_answered,
)
from kmdesk.gui.need_form import EditDialog, NeedForm
from kmdesk.gui.operations import OperationsRunner
from kmdesk.gui.term_picker import (
    KEY_ROLE,
    ChoicePicker,
    EntryLineEdit,
    OrganisationRolesPicker,
    TermPicker,
    country_choices,
    index_activated,
    language_choices,
    region_choices,
    vocabulary_choices,
)
from kmdesk.records import LinkRecord, NeedRecord, ProductRecord
from kmdesk.vocabulary import LINK_TYPES, PRODUCT_STATUSES

if TYPE_CHECKING:
    from kmdesk.catalogue import Catalogue
    from kmdesk.search.results import SearchResults

#: Licences offered in the licence box (any other can be typed).
COMMON_LICENCES = (
    "CC-BY-4.0",
    "CC-BY-SA-4.0",
    "CC-BY-NC-4.0",
    "CC-BY-NC-SA-4.0",
    "CC-BY-ND-4.0",
    "CC0-1.0",
    "All rights reserved",
)
#: How many products the link completion offers.
LINK_SUGGESTIONS = 10


@dataclass(slots=True)
class PendingChanges:
    """What the form writes besides the fields: files, links and needs answered."""

    attach: list[Path] = field(default_factory=list)
    detach: list[uuid.UUID] = field(default_factory=list)
    link: list[tuple[uuid.UUID, str]] = field(default_factory=list)
    unlink: list[LinkRecord] = field(default_factory=list)
    #: Need id → whether the product answers it after the save (only needs shown in the form).
    needs: dict[uuid.UUID, bool] = field(default_factory=dict)


class ProductForm(EditDialog):
    """Create (``product_id=None``) or edit a knowledge product; :attr:`saved` gives its id."""

    def __init__(
        self,
        catalogue: Catalogue,
        runner: OperationsRunner,
        product_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
        *,
        history: EditHistory | None = None,
    ) -> None:
        super().__init__(catalogue, runner, parent, history=history)
        self.product_id = product_id
        self.record: ProductRecord | None = (
            catalogue.products.get(product_id) if product_id is not None else None
        )
        self.need_form: NeedForm | None = None
        self.setWindowTitle(
            self.tr("Edit “{title}”").format(title=self.record.title)
            if self.record is not None
            else self.tr("New knowledge product")
        )
        self._link_labels = {
            "translation-of": self.tr("Translation of"),
            "version-of": self.tr("Version of"),
            "builds-on": self.tr("Builds on"),
            "related": self.tr("Related to"),
        }
        self._incoming_labels = {
            "translation-of": self.tr("Translated as"),
            "version-of": self.tr("Has version"),
            "builds-on": self.tr("Built on by"),
            "related": self.tr("Related to"),
        }
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Product form sections"))
        self.tabs.addTab(self._general_page(), self.tr("&Description"))
        self.tabs.addTab(self._classification_page(), self.tr("&Who and where"))
        self.tabs.addTab(self._links_page(), self.tr("&Files, links and needs"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        em = self.fontMetrics().averageCharWidth()
        line = self.fontMetrics().height()
        self.resize(max(em * 140, 860), max(line * 46, 680))
        self._fill()
        self.title.setFocus()

    # -- building ----------------------------------------------------------------------------

    def _page(self, rows: list[tuple[str, str, QWidget]]) -> QScrollArea:
        page = QWidget()
        outer = QVBoxLayout(page)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        for name, text, widget in rows:
            label = QLabel(text, page)
            label.setBuddy(widget)
            form.addRow(label, self.errors.wrap(name, widget))
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setWidget(page)
        return area

    def _line(self, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _general_page(self) -> QScrollArea:
        self.title = self._line(self.tr("Title"))
        self.subtitle = self._line(self.tr("Subtitle"))
        self.summary = QPlainTextEdit(self)
        self.summary.setAccessibleName(self.tr("Summary"))
        self.summary.setTabChangesFocus(True)
        self.summary.setMinimumHeight(self.fontMetrics().height() * 7)
        self.product_type = TermPicker(
            self.catalogue,
            "product-type",
            multiple=False,
            accessible_name=self.tr("Product type"),
            parent=self,
        )
        self.status = QComboBox(self)
        self.status.setAccessibleName(self.tr("Status"))
        status_labels = {
            "draft": self.tr("Draft"),
            "published": self.tr("Published"),
            "withdrawn": self.tr("Withdrawn"),
        }
        for value in PRODUCT_STATUSES:
            self.status.addItem(status_labels.get(value, value), value)
        self.year = self._line(self.tr("Year"), self.tr("e.g. 2024"))
        self.year.setMaxLength(8)
        self.date = self._line(self.tr("Publication date"), self.tr("YYYY-MM-DD (optional)"))
        self.licence = QComboBox(self)
        self.licence.setEditable(True)
        self.licence.addItem("")
        self.licence.addItems(list(COMMON_LICENCES))
        self.licence.setAccessibleName(self.tr("Licence"))
        self.url = self._line(self.tr("Web address"), "https://")
        self.doi = self._line(self.tr("DOI"), "10.NNNN/…")
        self.keywords = ChoicePicker(
            [],
            accessible_name=self.tr("Keywords"),
            placeholder=self.tr("Type a keyword, Enter"),
            parent=self,
        )
        self.keywords.show_all.hide()
        return self._page(
            [
                ("title", self.tr("&Title"), self.title),
                ("subtitle", self.tr("S&ubtitle"), self.subtitle),
                ("summary", self.tr("Su&mmary"), self.summary),
                ("product_type", self.tr("T&ype"), self.product_type),
                ("status", self.tr("St&atus"), self.status),
                ("year", self.tr("&Year"), self.year),
                ("date", self.tr("Da&te"), self.date),
                ("licence", self.tr("&Licence"), self.licence),
                ("url", self.tr("&Web address"), self.url),
                ("doi", self.tr("D&OI"), self.doi),
                ("keywords", self.tr("&Keywords"), self.keywords),
            ]
        )

    def _classification_page(self) -> QScrollArea:
        language = self.catalogue.language
        self.themes = TermPicker(
            self.catalogue, "theme", accessible_name=self.tr("Themes"), parent=self
        )
        self.partnerships = TermPicker(
            self.catalogue, "partnership", accessible_name=self.tr("Partnerships"), parent=self
        )
        self.organisations = OrganisationRolesPicker(
            vocabulary_choices(self.catalogue, "organisation"),
            accessible_name=self.tr("Organisations and their roles"),
            parent=self,
        )
        self.authors = ChoicePicker(
            [],
            accessible_name=self.tr("Authors"),
            placeholder=self.tr("Type a name, Enter"),
            parent=self,
        )
        self.authors.show_all.hide()
        self.countries = ChoicePicker(
            country_choices(language),
            accessible_name=self.tr("Countries"),
            placeholder=self.tr("Type a country's name…"),
            parent=self,
        )
        self.regions = ChoicePicker(
            region_choices(), accessible_name=self.tr("Regions"), parent=self
        )
        self.languages = ChoicePicker(
            language_choices(language),
            accessible_name=self.tr("Languages"),
            placeholder=self.tr("Main language first…"),
            parent=self,
        )
        return self._page(
            [
                ("themes", self.tr("T&hemes"), self.themes),
                ("partnerships", self.tr("&Partnerships"), self.partnerships),
                ("organisations", self.tr("&Organisations"), self.organisations),
                ("authors", self.tr("&Authors"), self.authors),
                ("countries", self.tr("&Countries"), self.countries),
                ("regions", self.tr("&Regions"), self.regions),
                ("languages", self.tr("&Languages"), self.languages),
            ]
        )

    def _links_page(self) -> QScrollArea:
        # Attachments.
        self.attachments = QListWidget(self)
        self.attachments.setAccessibleName(self.tr("Attached files"))
        self.attachments.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.attachments.setMinimumHeight(self.fontMetrics().height() * 4)
        self.attachments.setMaximumHeight(self.fontMetrics().height() * 7)
        self.attach_button = QPushButton(self.tr("Attach &file…"), self)
        self.attach_button.setAccessibleName(self.tr("Attach file"))
        self.attach_button.clicked.connect(self.choose_files)
        self.detach_button = QPushButton(self.tr("Remove file"), self)
        self.detach_button.setAccessibleName(self.tr("Remove the selected files"))
        self.detach_button.clicked.connect(self.remove_selected_files)
        files = self._with_buttons(self.attachments, self.attach_button, self.detach_button)

        # Links to other products.
        self.links = QTreeWidget(self)
        self.links.setColumnCount(2)
        self.links.setHeaderLabels([self.tr("Product"), self.tr("Link")])
        self.links.setRootIsDecorated(False)
        self.links.setAccessibleName(self.tr("Translations and related products"))
        self.links.setMinimumHeight(self.fontMetrics().height() * 5)
        self.links.setMaximumHeight(self.fontMetrics().height() * 9)
        self.links.header().setSectionResizeMode(0, self.links.header().ResizeMode.Stretch)
        self.links.header().setStretchLastSection(False)
        self.links.header().setSectionResizeMode(1, self.links.header().ResizeMode.ResizeToContents)
        self.link_search = EntryLineEdit(self)
        self.link_search.setAccessibleName(self.tr("Product to link, by title"))
        self.link_search.setPlaceholderText(self.tr("Type a product's title…"))
        self._link_model = QStandardItemModel(self)
        self.link_completer = QCompleter(self._link_model, self)
        self.link_completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.link_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.link_search.setCompleter(self.link_completer)
        index_activated(self.link_completer).connect(self._link_chosen)
        self.link_search.textEdited.connect(self._search_products)
        self.link_search.returnPressed.connect(self.add_typed_link)
        self.link_type = QComboBox(self)
        self.link_type.setAccessibleName(self.tr("Link type"))
        for kind in LINK_TYPES:
            self.link_type.addItem(self._link_labels[kind], kind)
        self.add_link_button = QPushButton(self.tr("Add &link"), self)
        self.add_link_button.setAccessibleName(self.tr("Add link"))
        self.add_link_button.clicked.connect(self.add_typed_link)
        self.remove_link_button = QPushButton(self.tr("Remove link"), self)
        self.remove_link_button.setAccessibleName(self.tr("Remove the selected links"))
        self.remove_link_button.clicked.connect(self.remove_selected_links)
        self._chosen_target: tuple[uuid.UUID, str] | None = None
        links = QWidget(self)
        links_layout = QVBoxLayout(links)
        links_layout.setContentsMargins(0, 0, 0, 0)
        links_layout.addWidget(self.links)
        entry = QHBoxLayout()
        entry.addWidget(self.link_search, 1)
        entry.addWidget(self.link_type)
        entry.addWidget(self.add_link_button)
        entry.addWidget(self.remove_link_button)
        links_layout.addLayout(entry)

        # Knowledge needs answered.
        self.needs = QListWidget(self)
        self.needs.setAccessibleName(self.tr("Knowledge needs this product answers"))
        self.needs.setMinimumHeight(self.fontMetrics().height() * 12)
        self.needs.setWordWrap(True)
        self.needs.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.new_need_button = QPushButton(self.tr("&New need…"), self)
        self.new_need_button.setAccessibleName(self.tr("New knowledge need"))
        self.new_need_button.clicked.connect(self.new_need)
        needs = self._with_buttons(self.needs, self.new_need_button)

        page = self._page(
            [
                ("attachments", self.tr("Fi&les"), files),
                ("links", self.tr("Li&nks"), links),
                ("needs", self.tr("&Needs answered"), needs),
            ]
        )
        self.errors.alias("file_name", "attachments")
        self.errors.alias("link", "links")
        self.errors.alias("link_type", "links")
        self.errors.alias("products", "needs")
        return page

    def _with_buttons(self, main: QWidget, *buttons: QPushButton) -> QWidget:
        box = QWidget(self)
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(main, 1)
        column = QVBoxLayout()
        for button in buttons:
            column.addWidget(button)
        column.addStretch(1)
        layout.addLayout(column)
        return box

    # -- filling -----------------------------------------------------------------------------

    def _fill(self) -> None:
        record = self.record
        self._fill_needs(set(record.needs) if record is not None else set())
        if record is None:
            self.status.setCurrentIndex(max(0, self.status.findData("published")))
            return
        self.title.setText(record.title)
        self.subtitle.setText(record.subtitle or "")
        for edit in (self.title, self.subtitle):
            edit.setCursorPosition(0)
        self.summary.setPlainText(record.summary)
        self.product_type.set_value(record.product_type.key)
        self.status.setCurrentIndex(max(0, self.status.findData(record.status)))
        self.year.setText(str(record.year) if record.year is not None else "")
        self.date.setText(record.date.isoformat() if record.date is not None else "")
        self.licence.setCurrentText(record.licence or "")
        self.url.setText(record.url or "")
        self.doi.setText(record.doi or "")
        self.url.setCursorPosition(0)
        self.keywords.set_values(record.keywords)
        self.themes.set_values(t.key for t in record.themes)
        self.partnerships.set_values(t.key for t in record.partnerships)
        self.organisations.set_values((o.organisation.key, o.role) for o in record.organisations)
        self.authors.set_values(record.authors)
        self.countries.set_values(record.countries)
        self.regions.set_values(record.regions)
        self.languages.set_values(record.languages)
        for attachment in record.attachments:
            item = QListWidgetItem(
                f"{attachment.file_name} — {QLocale().formattedDataSize(attachment.size)}"
            )
            item.setData(KEY_ROLE, attachment.id)
            self.attachments.addItem(item)
        for link in record.links:
            labels = self._link_labels if link.outgoing else self._incoming_labels
            row = QTreeWidgetItem([link.product_title, labels.get(link.link_type, link.link_type)])
            row.setData(0, KEY_ROLE, link)
            self.links.addTopLevelItem(row)

    def _fill_needs(self, answered: set[uuid.UUID]) -> None:
        self.needs.clear()
        needs: list[NeedRecord] = self.catalogue.needs.all()
        for need in needs:
            item = QListWidgetItem(need.title)
            item.setData(KEY_ROLE, need.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if need.id in answered else Qt.CheckState.Unchecked
            )
            item.setToolTip(f"{need.title}\n\n{need.description}")
            self.needs.addItem(item)

    def checked_needs(self) -> set[uuid.UUID]:
        """The needs ticked as answered by this product."""
        return {
            self.needs.item(row).data(KEY_ROLE)
            for row in range(self.needs.count())
            if self.needs.item(row).checkState() == Qt.CheckState.Checked
        }

    # -- attachments -------------------------------------------------------------------------

    def ask_files(self) -> list[str]:
        """The files the user chooses to attach (a seam tests replace)."""
        paths, _filter = QFileDialog.getOpenFileNames(self, self.tr("Attach files"))
        return list(paths)

    @Slot()
    def choose_files(self) -> None:
        """Ask for files and list them to be attached on Save."""
        for path in self.ask_files():
            self.add_file(Path(path))

    def add_file(self, path: Path) -> None:
        """List ``path`` to be attached when the form is saved."""
        item = QListWidgetItem(self.tr("{name} (to be attached)").format(name=path.name))
        item.setData(KEY_ROLE, path)
        item.setToolTip(str(path))
        self.attachments.addItem(item)

    @Slot()
    def remove_selected_files(self) -> None:
        """Take the selected files off the product (on Save)."""
        for item in self.attachments.selectedItems():
            self.attachments.takeItem(self.attachments.row(item))

    # -- links -------------------------------------------------------------------------------

    @Slot(str)
    def _search_products(self, text: str) -> None:
        self._chosen_target = None
        text = text.strip()
        if len(text) < 2:
            self._link_model.clear()
            return
        catalogue = self.catalogue

        def work(_progress: Any, _cancel: Any) -> SearchResults:
            return catalogue.search(
                text, limit=LINK_SUGGESTIONS + 1, facets=False, snippets=False, prefix_last=True
            )

        self.runner.run(work, on_done=self._show_products, key=f"product-form-link-{id(self)}")

    def _show_products(self, results: SearchResults) -> None:
        self._link_model.clear()
        for hit in results.hits:
            if hit.id == self.product_id:
                continue
            label = f"{hit.title} ({hit.year})" if hit.year else hit.title
            item = QStandardItem(label)
            item.setData(str(hit.id), KEY_ROLE)
            item.setData(hit.title, KEY_ROLE + 1)
            self._link_model.appendRow(item)
            if self._link_model.rowCount() >= LINK_SUGGESTIONS:
                break
        if self.link_search.hasFocus() and self._link_model.rowCount():
            self.link_completer.complete()

    @Slot(QModelIndex)
    def _link_chosen(self, index: QModelIndex) -> None:
        key = index.data(KEY_ROLE)
        if key:
            self._chosen_target = (uuid.UUID(str(key)), str(index.data(KEY_ROLE + 1)))

    @Slot()
    def add_typed_link(self) -> None:
        """Add a link to the product chosen in the completion (or the only one offered)."""
        target = self._chosen_target
        if target is None and self._link_model.rowCount() >= 1:
            first = self._link_model.item(0)
            text = self.link_search.text().strip().casefold()
            title = str(first.data(KEY_ROLE + 1))
            if self._link_model.rowCount() == 1 or title.casefold() == text:
                target = (uuid.UUID(str(first.data(KEY_ROLE))), title)
        if target is None:
            if self.link_search.text().strip():
                self.errors.show(
                    ValidationError(
                        "links",
                        self.link_search.text().strip(),
                        self.tr("is not a product: choose one from the list"),
                    )
                )
            return
        self.add_link(target[0], target[1], str(self.link_type.currentData()))
        self.link_search.clear()
        self._chosen_target = None

    def add_link(self, target: uuid.UUID, title: str, link_type: str) -> None:
        """List a link from this product to ``target``, made on Save."""
        item = QTreeWidgetItem([title, self._link_labels.get(link_type, link_type)])
        item.setData(0, KEY_ROLE, (target, link_type))
        self.links.addTopLevelItem(item)

    @Slot()
    def remove_selected_links(self) -> None:
        """Remove the selected links (on Save)."""
        for item in self.links.selectedItems():
            self.links.takeTopLevelItem(self.links.indexOfTopLevelItem(item))

    # -- needs -------------------------------------------------------------------------------

    @Slot()
    def new_need(self) -> NeedForm:
        """Open the need form; the new need is then listed and ticked."""
        form = NeedForm(self.catalogue, self.runner, parent=self, history=self.history)
        form.saved.connect(self._need_created)
        self.need_form = form
        form.open()
        return form

    def _need_created(self, need_id: uuid.UUID) -> None:
        self._fill_needs(self.checked_needs() | {need_id})

    # -- saving ------------------------------------------------------------------------------

    def saving_label(self) -> str:
        """Shown if saving waits (another program holds the catalogue)."""
        return self.tr("Saving the product…")

    def collect(self) -> dict[str, Any]:
        """The fields as the core takes them, and the pending files, links and needs."""
        fields: dict[str, Any] = {
            "title": self.title.text(),
            "subtitle": self.subtitle.text(),
            "summary": self.summary.toPlainText(),
            "product_type": self.product_type.value(),
            "themes": self.themes.values(),
            "partnerships": self.partnerships.values(),
            "organisations": self.organisations.values(),
            "authors": self.authors.values(),
            "countries": self.countries.values(),
            "regions": self.regions.values(),
            "languages": self.languages.values(),
            "year": self.year.text(),
            "date": self.date.text(),
            "licence": self.licence.currentText(),
            "url": self.url.text(),
            "doi": self.doi.text(),
            "keywords": self.keywords.values(),
            "status": self.status.currentData(),
        }
        pending = PendingChanges()
        kept_files: set[uuid.UUID] = set()
        for row in range(self.attachments.count()):
            data = self.attachments.item(row).data(KEY_ROLE)
            if isinstance(data, Path):
                if not data.is_file() or not os.access(data, os.R_OK):
                    raise ValidationError("attachments", str(data), self.tr("cannot be read"))
                pending.attach.append(data)
            else:
                kept_files.add(data)
        record = self.record
        if record is not None:
            pending.detach = [a.id for a in record.attachments if a.id not in kept_files]
        kept_links: set[uuid.UUID] = set()
        for row in range(self.links.topLevelItemCount()):
            link_item = self.links.topLevelItem(row)
            assert link_item is not None
            data = link_item.data(0, KEY_ROLE)
            if isinstance(data, LinkRecord):
                kept_links.add(data.id)
            else:
                target, link_type = data
                pending.link.append((target, link_type))
        if record is not None:
            pending.unlink = [link for link in record.links if link.id not in kept_links]
        answered_before = set(record.needs) if record is not None else set()
        checked = self.checked_needs()
        for row in range(self.needs.count()):
            need_id = self.needs.item(row).data(KEY_ROLE)
            if (need_id in checked) != (need_id in answered_before):
                pending.needs[need_id] = need_id in checked
        return {"fields": fields, "pending": pending}

    def write(self, values: dict[str, Any]) -> tuple[uuid.UUID, Edit | None]:
        """Create or update the product, then its files, links and needs (worker thread)."""
        products = self.catalogue.products
        fields: dict[str, Any] = values["fields"]
        pending: PendingChanges = values["pending"]
        if self.product_id is None:
            created = products.add(fields, attachments=pending.attach)
            for target, link_type in pending.link:
                products.link(created.id, target, link_type)
            for need_id, answered in pending.needs.items():
                set_need_answered(self.catalogue, need_id, created.id, answered)
            return created.id, product_created(created)
        product_id = self.product_id
        before = products.get(product_id)
        after = products.update(product_id, fields)
        had_files = {a.id for a in before.attachments}
        added_files = []
        for path in pending.attach:
            attachment = products.attach(product_id, path)
            if attachment.id not in had_files:
                added_files.append(attachment.id)
        for attachment_id in pending.detach:
            products.remove_attachment(attachment_id)
        had_links = {(link.product_id, link.link_type) for link in before.links if link.outgoing}
        added_links = []
        for target, link_type in pending.link:
            link_id = products.link(product_id, target, link_type)
            if (target, link_type) not in had_links:
                added_links.append(link_id)
        for link in pending.unlink:
            products.unlink(link.id)
        needs_before: dict[uuid.UUID, bool] = {}
        for need_id, answered in pending.needs.items():
            needs_before[need_id] = need_id in before.needs
            set_need_answered(self.catalogue, need_id, product_id, answered)
        return product_id, product_updated(
            before,
            links_added=added_links,
            links_removed=pending.unlink,
            attachments_added=added_files,
            needs_answered_before=needs_before,
            title=after.title,
        )
