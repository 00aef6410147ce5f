"""The detail pane: every field of one product, readable, with its files, links and needs.

A thin view over :class:`~kmdesk.catalogue.Catalogue`: :meth:`DetailPane.show_product` reads the
record (and the titles of the needs it answers) through the facade, lays it out, and asks the
operations runner for the attachments' text-extraction status, which can take a while the first
time a file is seen ("checking…" is shown meanwhile). The summary is untrusted text, shown in a
:class:`~kmdesk.gui.safe_browser.SafeBrowser` that loads nothing. The pane follows the catalogue's
change announcements: an edit of the shown product reloads it, a deletion says so.

The pane never opens anything itself: a click on a linked product, an attachment's "Open" or
"Edit" are signals for the main window, which decides (select the product, open the PDF viewer
at the current search text, open the product form).
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kmdesk.catalogue import Catalogue
from kmdesk.changes import Changes
from kmdesk.errors import NotFoundError
from kmdesk.geo import REGIONS, country_name
from kmdesk.gui.edit_history import EditHistory
from kmdesk.gui.operations import OperationsRunner
from kmdesk.gui.safe_browser import SafeBrowser, open_link_with_confirmation
from kmdesk.gui.watcher import CatalogueWatcher
from kmdesk.progress import CancelToken
from kmdesk.records import AttachmentRecord, LinkRecord, NeedRecord, ProductRecord
from kmdesk.search.extraction import Extraction

_PDF_MEDIA_TYPES = frozenset({"application/pdf", "application/x-pdf"})


def is_pdf(attachment: AttachmentRecord) -> bool:
    """Whether the PDF viewer can show this attachment."""
    return attachment.media_type in _PDF_MEDIA_TYPES or attachment.file_name.lower().endswith(
        ".pdf"
    )


def _language_name(tag: str) -> str:
    """A language tag as a name ("English", "French"), the tag itself when Qt does not know it."""
    language = QLocale(tag).language()
    if language in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        return tag
    return QLocale.languageToString(language) or tag


def _muted(label: QLabel) -> QLabel:
    """Secondary text: the text colour blended towards the background, readable in both themes."""
    palette = QPalette(label.palette())
    text = palette.color(QPalette.ColorRole.WindowText)
    back = palette.color(QPalette.ColorRole.Window)
    blended = QColor(
        (text.red() * 3 + back.red() * 2) // 5,
        (text.green() * 3 + back.green() * 2) // 5,
        (text.blue() * 3 + back.blue() * 2) // 5,
    )
    palette.setColor(QPalette.ColorRole.WindowText, blended)
    label.setPalette(palette)
    return label


class _FittingBrowser(SafeBrowser):
    """A :class:`SafeBrowser` as tall as its text: the pane scrolls, not the summary."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.viewport().setAutoFillBackground(False)
        self.document().setDocumentMargin(0)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)

    @Slot()
    def _fit(self) -> None:
        height = self.document().size().height()
        margins = self.contentsMargins()
        self.setFixedHeight(int(height) + 2 + margins.top() + margins.bottom())


class DetailPane(QWidget):
    """Every field of the selected product; a placeholder when none is selected."""

    #: A linked product was clicked: its id (a ``uuid.UUID``).
    product_requested = Signal(object)
    #: An attachment's "Open" was clicked: the ``AttachmentRecord`` and the current search text.
    attachment_open_requested = Signal(object, str)
    #: "Edit" was clicked: the shown product's id.
    edit_requested = Signal(object)

    def __init__(
        self,
        catalogue: Catalogue,
        runner: OperationsRunner,
        watcher: CatalogueWatcher,
        parent: QWidget | None = None,
        *,
        history: EditHistory | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._runner = runner
        self._product_id: uuid.UUID | None = None
        self._record: ProductRecord | None = None
        self._search_text = ""
        self._can_edit = True
        #: The status label of each shown attachment, by attachment id.
        self._status_labels: dict[uuid.UUID, QLabel] = {}
        self._translation_languages: dict[uuid.UUID, tuple[str, ...]] = {}
        self._extraction_key = f"detail-pane-extraction-{id(self)}"
        self.setAccessibleName(self.tr("Product details"))

        self._placeholder = QLabel(self.tr("Select a product to see its details."), self)
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setWordWrap(True)
        self._placeholder.setEnabled(False)
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setAccessibleName(self.tr("Product details"))
        self._stack = QStackedWidget(self)
        self._stack.addWidget(self._placeholder)
        self._stack.addWidget(self._scroll)
        from kmdesk.gui.notes_panel import NotesPanel

        #: The user's and partners' notes on the shown product, in a tab beside the details.
        self.notes_panel = NotesPanel(catalogue, runner, watcher, self, history=history)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._stack, self.tr("Details"))
        self.tabs.addTab(self.notes_panel, self.tr("Notes"))
        self.tabs.setAccessibleName(self.tr("Product details and notes"))
        self.notes_panel.notes_loaded.connect(self._count_notes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        #: The summary's browser (replaced with each product shown).
        self.summary_browser: SafeBrowser | None = None
        self.edit_button: QPushButton | None = None
        watcher.changed.connect(self._on_changes)

    # -- public API --------------------------------------------------------------------------

    @property
    def product_id(self) -> uuid.UUID | None:
        """The id of the product shown (``None`` when none is)."""
        return self._product_id

    @property
    def record(self) -> ProductRecord | None:
        """The record shown, as last read from the catalogue."""
        return self._record

    def placeholder_text(self) -> str:
        """The message shown instead of a product ("" when a product is shown)."""
        return self._placeholder.text() if self._stack.currentWidget() is self._placeholder else ""

    def set_search_text(self, text: str) -> None:
        """Remember the current search, passed along when an attachment is opened."""
        self._search_text = text

    def search_text(self) -> str:
        """The search text passed along with :attr:`attachment_open_requested`."""
        return self._search_text

    def set_can_edit(self, can_edit: bool) -> None:
        """Show or hide the "Edit" button (curators only)."""
        self._can_edit = can_edit
        if self.edit_button is not None:
            self.edit_button.setVisible(can_edit)

    def show_product(self, product_id: uuid.UUID | None) -> None:
        """Show ``product_id`` (``None``: the placeholder)."""
        self._product_id = product_id
        self.notes_panel.show_product(product_id)
        if product_id is None:
            self._show_message(self.tr("Select a product to see its details."))
            return
        self._load(keep_scroll=False)

    def _count_notes(self, _product_id: object) -> None:
        count = len(self.notes_panel.notes)
        self.tabs.setTabText(1, self.tr("Notes (%n)", "", count) if count else self.tr("Notes"))

    # -- loading -----------------------------------------------------------------------------

    def _show_message(self, text: str) -> None:
        self._record = None
        self._status_labels = {}
        self._placeholder.setText(text)
        self._stack.setCurrentWidget(self._placeholder)
        old = self._scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.summary_browser = None
        self.edit_button = None

    def _load(self, *, keep_scroll: bool) -> None:
        assert self._product_id is not None
        try:
            record = self._catalogue.products.get(self._product_id)
        except NotFoundError:
            self._show_message(self.tr("This product is not in the catalogue (deleted?)."))
            return
        needs = self._needs(record.needs)
        self._translation_languages = self._languages_of(
            [link.product_id for link in record.links if link.link_type == "translation-of"]
        )
        position = self._scroll.verticalScrollBar().value()
        self._record = record
        content = self._build(record, needs)
        old = self._scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self._scroll.setWidget(content)
        self._stack.setCurrentWidget(self._scroll)
        layout = content.layout()
        if layout is not None:
            layout.activate()
        self._scroll.verticalScrollBar().setValue(position if keep_scroll else 0)
        self._check_attachments(record)

    def _needs(self, ids: Sequence[uuid.UUID]) -> list[NeedRecord]:
        found = []
        for need_id in ids:
            try:
                found.append(self._catalogue.needs.get(need_id))
            except NotFoundError:
                continue
        return found

    def _languages_of(self, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, tuple[str, ...]]:
        """The languages of linked products (shown beside translations)."""
        if not ids:
            return {}
        try:
            return {linked.id: linked.languages for linked in self._catalogue.products.records(ids)}
        except NotFoundError:
            return {}

    def _check_attachments(self, record: ProductRecord) -> None:
        """Ask for the attachments' extraction status in the background."""
        if not record.attachments:
            return
        products = self._catalogue.products
        attachments = record.attachments
        product_id = record.id

        def work(_progress: Callable[..., None], cancel: CancelToken) -> dict[uuid.UUID, Any]:
            statuses: dict[uuid.UUID, Any] = {}
            for attachment in attachments:
                cancel.raise_if_cancelled()
                statuses[attachment.id] = products.text_extraction(attachment)
            return statuses

        def done(statuses: dict[uuid.UUID, Extraction]) -> None:
            if self._product_id != product_id:
                return
            for attachment_id, extraction in statuses.items():
                label = self._status_labels.get(attachment_id)
                if label is not None:
                    label.setText(self._extraction_text(extraction))
                    label.setToolTip(extraction.message)

        def failed(error: BaseException) -> None:
            if self._product_id != product_id:
                return
            for label in self._status_labels.values():
                label.setText(self.tr("text status unknown"))
                label.setToolTip(str(error))

        self._runner.run(work, on_done=done, on_error=failed, key=self._extraction_key)

    def _extraction_text(self, extraction: Extraction) -> str:
        if extraction.status == "ok":
            if extraction.pages is not None:
                return self.tr("text, %n page(s)", "", extraction.pages)
            return self.tr("text")
        if extraction.status == "no-text":
            if extraction.pages is None:
                return self.tr("no text")
            return self.tr("no text layer (scanned?)")
        if extraction.status == "encrypted":
            return self.tr("encrypted with a password")
        if extraction.status == "error":
            return self.tr("broken: cannot be read")
        return self.tr("text not extracted for this type")

    @Slot(object)
    def _on_changes(self, changes: Changes) -> None:
        shown = self._product_id
        if shown is None:
            return
        if shown in changes.deleted_products:
            self._show_message(self.tr("This product was deleted."))
            return
        shown_fields_changed = self._record is not None and (changes.needs or changes.vocabulary)
        if shown in changes.products or shown_fields_changed:
            self._load(keep_scroll=True)

    # -- layout ------------------------------------------------------------------------------

    def _build(self, record: ProductRecord, needs: list[NeedRecord]) -> QWidget:
        content = QWidget()
        content.setObjectName("productDetails")
        column = QVBoxLayout(content)
        column.setContentsMargins(12, 12, 12, 12)
        column.setSpacing(6)
        self._status_labels = {}

        header = QHBoxLayout()
        title = self._text_label(record.title, content)
        title.setObjectName("title")
        title_font = QFont(title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.5)
        title_font.setBold(True)
        title.setFont(title_font)
        title.setAccessibleName(self.tr("Title"))
        header.addWidget(title, 1)
        edit = QPushButton(self.tr("&Edit…"), content)
        edit.setAccessibleName(self.tr("Edit this product"))
        edit.setToolTip(self.tr("Edit this product"))
        edit.setVisible(self._can_edit)
        edit.clicked.connect(lambda: self.edit_requested.emit(record.id))
        header.addWidget(edit, 0, Qt.AlignmentFlag.AlignTop)
        self.edit_button = edit
        column.addLayout(header)

        if record.subtitle:
            subtitle = self._text_label(record.subtitle, content)
            subtitle.setObjectName("subtitle")
            subtitle_font = QFont(subtitle.font())
            subtitle_font.setPointSizeF(subtitle_font.pointSizeF() * 1.15)
            subtitle_font.setItalic(True)
            subtitle.setFont(subtitle_font)
            column.addWidget(subtitle)

        facts = [record.product_type.label]
        if record.year is not None:
            facts.append(str(record.year))
        if record.languages:
            facts.append(", ".join(_language_name(tag) for tag in record.languages))
        meta = self._text_label(" · ".join(facts), content)
        meta.setObjectName("meta")
        column.addWidget(meta)

        column.addWidget(self._fields(record, content))

        column.addWidget(self._heading(self.tr("Summary"), content))
        browser = _FittingBrowser(content)
        browser.setAccessibleName(self.tr("Summary"))
        if record.summary.strip():
            browser.set_summary(record.summary)
        else:
            browser.set_plain_text_safely(self.tr("No summary."))
        self.summary_browser = browser
        column.addWidget(browser)

        if record.attachments:
            column.addWidget(self._heading(self.tr("Attachments"), content))
            column.addWidget(self._attachments(record.attachments, content))

        for heading, links in self._link_groups(record.links):
            column.addWidget(self._heading(heading, content))
            for link in links:
                column.addWidget(self._link_label(link, content))

        column.addWidget(self._heading(self.tr("Knowledge needs it answers"), content))
        if needs:
            for need in needs:
                label = self._text_label("• " + need.title, content)
                label.setObjectName("need")
                if need.description:
                    label.setToolTip(need.description)
                column.addWidget(label)
        else:
            none = self._text_label(self.tr("None recorded."), content)
            _muted(none)
            column.addWidget(none)
        column.addStretch(1)
        return content

    def _fields(self, record: ProductRecord, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        form = QFormLayout(box)
        form.setContentsMargins(0, 6, 0, 6)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)

        def row(label: str, value: str, name: str) -> None:
            if value:
                shown = self._text_label(value, box)
                shown.setObjectName(name)
                shown.setAccessibleName(label)
                form.addRow(self._field_name(label, box), shown)

        roles = {
            "author": self.tr("author"),
            "publisher": self.tr("publisher"),
            "partner": self.tr("partner"),
        }
        organisations = [
            self._term_text(o.organisation.label, o.organisation.acronym)
            + f" — {roles.get(o.role, o.role)}"
            for o in record.organisations
        ]
        row(self.tr("Organisations"), "\n".join(organisations), "organisations")
        row(
            self.tr("Partnerships"),
            "\n".join(self._term_text(p.label, p.acronym) for p in record.partnerships),
            "partnerships",
        )
        row(self.tr("Themes"), "\n".join(t.label for t in record.themes), "themes")
        row(self.tr("Authors"), "; ".join(record.authors), "authors")
        row(self.tr("Countries"), ", ".join(country_name(c) for c in record.countries), "countries")
        row(self.tr("Regions"), ", ".join(REGIONS.get(r, r) for r in record.regions), "regions")
        if record.date is not None:
            row(
                self.tr("Date"),
                QLocale().toString(
                    QDate(record.date.year, record.date.month, record.date.day),
                    QLocale.FormatType.LongFormat,
                ),
                "date",
            )
        row(self.tr("Keywords"), ", ".join(record.keywords), "keywords")
        row(self.tr("Licence"), record.licence or "", "licence")
        if record.url:
            form.addRow(
                self._field_name(self.tr("Web page"), box), self._url_label(record.url, box, "url")
            )
        if record.doi:
            form.addRow(
                self._field_name(self.tr("DOI"), box),
                self._url_label(f"https://doi.org/{record.doi}", box, "doi", shown=record.doi),
            )
        statuses = {
            "draft": self.tr("draft"),
            "published": self.tr("published"),
            "withdrawn": self.tr("withdrawn"),
        }
        row(self.tr("Status"), statuses.get(record.status, record.status), "status")
        return box

    def _attachments(self, attachments: Sequence[AttachmentRecord], parent: QWidget) -> QWidget:
        box = QWidget(parent)
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(0, 1)
        locale = QLocale()
        for row, attachment in enumerate(attachments):
            name = self._text_label(attachment.file_name, box)
            name.setObjectName("attachment")
            size = QLabel(locale.formattedDataSize(attachment.size), box)
            size.setObjectName("attachmentSize")
            status = QLabel(self.tr("checking…"), box)
            status.setObjectName("attachmentStatus")
            _muted(status)
            self._status_labels[attachment.id] = status
            grid.addWidget(name, row, 0)
            grid.addWidget(size, row, 1, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(status, row, 2)
            if is_pdf(attachment):
                button = QPushButton(self.tr("Open"), box)
                button.setObjectName("openAttachment")
                button.setAccessibleName(self.tr("Open %1").replace("%1", attachment.file_name))
                button.setToolTip(self.tr("Open in the PDF viewer"))
                button.clicked.connect(
                    lambda _checked=False, a=attachment: self.attachment_open_requested.emit(
                        a, self._search_text
                    )
                )
                grid.addWidget(button, row, 3)
        return box

    def _link_groups(self, links: Sequence[LinkRecord]) -> list[tuple[str, list[LinkRecord]]]:
        groups: dict[str, list[LinkRecord]] = {}
        headings = {
            ("translation-of", True): self.tr("Translations"),
            ("translation-of", False): self.tr("Translations"),
            ("version-of", True): self.tr("Other versions"),
            ("version-of", False): self.tr("Other versions"),
            ("builds-on", True): self.tr("Builds on"),
            ("builds-on", False): self.tr("Built upon by"),
            ("related", True): self.tr("Related products"),
            ("related", False): self.tr("Related products"),
        }
        for link in links:
            heading = headings.get((link.link_type, link.outgoing), self.tr("Linked products"))
            groups.setdefault(heading, []).append(link)
        return list(groups.items())

    def _link_label(self, link: LinkRecord, parent: QWidget) -> QLabel:
        label = QLabel(parent)
        label.setObjectName("link")
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        title = html.escape(link.product_title)
        text = f'<a href="product:{link.product_id}">{title}</a>'
        languages = self._translation_languages.get(link.product_id, ())
        if link.link_type == "translation-of" and languages:
            text += " — " + html.escape(", ".join(_language_name(tag) for tag in languages))
        label.setText(text)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        label.setAccessibleName(link.product_title)
        label.setToolTip(self.tr("Show this product"))
        label.linkActivated.connect(self._link_activated)
        return label

    @Slot(str)
    def _link_activated(self, href: str) -> None:
        if href.startswith("product:"):
            try:
                product_id = uuid.UUID(href.removeprefix("product:"))
            except ValueError:
                return
            self.product_requested.emit(product_id)

    def _url_label(self, url: str, parent: QWidget, name: str, *, shown: str = "") -> QLabel:
        label = QLabel(parent)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setText(f'<a href="{html.escape(url)}">{html.escape(shown or url)}</a>')
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        label.setOpenExternalLinks(False)
        label.setAccessibleName(shown or url)
        label.linkActivated.connect(lambda href: open_link_with_confirmation(self, QUrl(href)))
        return label

    # -- small pieces ------------------------------------------------------------------------

    @staticmethod
    def _term_text(label: str, acronym: str | None) -> str:
        return f"{label} ({acronym})" if acronym and acronym != label else label

    @staticmethod
    def _text_label(text: str, parent: QWidget) -> QLabel:
        """A label for catalogue text: never interpreted as rich text, wraps, selectable."""
        label = QLabel(parent)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setText(text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        return label

    @staticmethod
    def _field_name(text: str, parent: QWidget) -> QLabel:
        return _muted(QLabel(text, parent))

    @staticmethod
    def _heading(text: str, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setObjectName("heading")
        font = QFont(label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        label.setFont(font)
        label.setContentsMargins(0, 8, 0, 0)
        return label
