"""The main window: search with facets, results, the product's detail, and every action's menu.

It only assembles the parts (each a widget of its own module) and wires them together:

* the search panel in the middle (the query, results as you type), its facet panel, the
  collections sidebar and the detail pane in docks whose layout is remembered;
* menus and toolbar actions with standard shortcuts (Ctrl+F search, Ctrl+O import, Ctrl+E export,
  Ctrl+N new product, Ctrl+Z undo, F1 help, Alt+Left/Right back and forward);
* back/forward history over the products looked at;
* the status bar: catalogue size, index state, background work.

Nothing here talks SQL or Whoosh: everything goes through the catalogue's services, slow work
through the :class:`~kmdesk.gui.operations.OperationsRunner`, and the views follow the
catalogue's change announcements through the :class:`~kmdesk.gui.watcher.CatalogueWatcher`.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QToolBar,
    QWidget,
)

from kmdesk.catalogue import Catalogue
from kmdesk.changes import Changes
from kmdesk.errors import KmdeskError
from kmdesk.gui.operations import OperationsRunner
from kmdesk.gui.settings import Settings
from kmdesk.gui.watcher import CatalogueWatcher
from kmdesk.records import AnnotationRecord
from kmdesk.search.results import SearchResults

#: At most this many products are remembered for Back.
HISTORY_LIMIT = 100


class ProductHistory:
    """The products looked at, with a position for back and forward (like a browser's)."""

    def __init__(self, limit: int = HISTORY_LIMIT) -> None:
        self._items: list[uuid.UUID] = []
        self._position = -1
        self._limit = limit

    @property
    def current(self) -> uuid.UUID | None:
        """The product at the current position."""
        return self._items[self._position] if self._position >= 0 else None

    def visit(self, product_id: uuid.UUID) -> None:
        """Go to ``product_id``: what was forward of the current position is dropped."""
        if product_id == self.current:
            return
        del self._items[self._position + 1 :]
        self._items.append(product_id)
        if len(self._items) > self._limit:
            del self._items[0]
        self._position = len(self._items) - 1

    def can_go_back(self) -> bool:
        return self._position > 0

    def can_go_forward(self) -> bool:
        return self._position < len(self._items) - 1

    def back(self) -> uuid.UUID | None:
        if self.can_go_back():
            self._position -= 1
        return self.current

    def forward(self) -> uuid.UUID | None:
        if self.can_go_forward():
            self._position += 1
        return self.current

    def forget(self, product_ids: set[uuid.UUID]) -> None:
        """Drop deleted products from the history."""
        current = self.current
        self._items = [item for item in self._items if item not in product_ids]
        if current in self._items:
            self._position = self._items.index(current)
        else:
            self._position = len(self._items) - 1


class MainWindow(QMainWindow):
    """Search, results, detail and every action, over one open catalogue."""

    #: The user asked to open (or create) another catalogue folder; the app does the switch.
    open_catalogue_requested = Signal(object)

    def __init__(
        self,
        catalogue: Catalogue,
        *,
        settings: Settings | None = None,
        runner: OperationsRunner | None = None,
        load_demo: bool = False,
    ) -> None:
        """``load_demo``: the catalogue is new and empty; fill it with the demo catalogue first
        (in the background, with progress)."""
        super().__init__()
        self._closed = False
        from kmdesk.gui.detail_pane import DetailPane
        from kmdesk.gui.edit_history import EditHistory
        from kmdesk.gui.search_panel import SearchPanel
        from kmdesk.gui.sidebar import CollectionsSidebar

        self.catalogue = catalogue
        self.settings = settings if settings is not None else Settings()
        self.runner = runner if runner is not None else OperationsRunner(self)
        self.watcher = CatalogueWatcher(catalogue, self.runner, self)
        self.history = ProductHistory()
        self._index_state = ""
        # The index is opened (or built) while the widgets are made.
        self._prepare(load_demo)
        self.edits = EditHistory(catalogue, self.runner, self)
        self._viewers: list[QWidget] = []
        self.setObjectName("main-window")
        self.resize(1280, 800)

        self.search = SearchPanel(catalogue, self.runner, self.watcher, self)
        self.setCentralWidget(self.search)
        self.detail = DetailPane(catalogue, self.runner, self.watcher, self, history=self.edits)
        self.sidebar = CollectionsSidebar(catalogue, self.runner, self.watcher, self)
        self.detail_dock = self._dock("detail", self.detail, Qt.DockWidgetArea.RightDockWidgetArea)
        self.sidebar_dock = self._dock(
            "collections", self.sidebar, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.facets_dock = self._dock(
            "facets", self.search.facets, Qt.DockWidgetArea.LeftDockWidgetArea
        )

        self.status = QLabel(self)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.busy = QLabel(self)
        self.statusBar().addWidget(self.busy)
        self.statusBar().addPermanentWidget(self.status)

        self._make_actions()
        self._make_menus()
        self._connect()
        self.retranslate()
        self._restore_layout()
        self.refresh_status()

    # -- building -------------------------------------------------------------------------------

    def _dock(self, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(f"dock-{name}")
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(area, dock)
        return dock

    def _action(
        self,
        name: str,
        slot: Any,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even when the menu bar is hidden
        return action

    def _make_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.import_action = self._action("import-bundle", self.import_bundle, "Ctrl+O")
        self.export_action = self._action("export-bundle", self.export_bundle, "Ctrl+E")
        self.undo_import_action = self._action("undo-import", self.undo_last_import)
        self.open_action = self._action("open-catalogue", self.choose_catalogue, "Ctrl+Shift+O")
        self.new_catalogue_action = self._action("new-catalogue", self.create_catalogue)
        self.preferences_action = self._action(
            "preferences", self.show_preferences, key.Preferences
        )
        if self.preferences_action.shortcut().isEmpty():
            self.preferences_action.setShortcut(QKeySequence("Ctrl+,"))
        self.quit_action = self._action("quit", self.close, key.Quit)
        if self.quit_action.shortcut().isEmpty():
            self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.undo_action = self._action("undo", self.undo_edit, key.Undo)
        self.new_product_action = self._action("new-product", self.new_product, key.New)
        self.edit_product_action = self._action(
            "edit-product", self.edit_current_product, "Ctrl+Shift+E"
        )
        self.delete_product_action = self._action("delete-product", self.delete_current_product)
        self.new_need_action = self._action("new-need", self.new_need)
        self.save_search_action = self._action("save-search", self.save_current_search, "Ctrl+S")
        self.find_action = self._action("find", self.search.focus_search, key.Find)
        self.back_action = self._action("back", self.go_back, key.Back)
        self.forward_action = self._action("forward", self.go_forward, key.Forward)
        self.map_action = self._action("knowledge-map", self.show_knowledge_map, "Ctrl+M")
        self.notes_action = self._action("my-notes", self.show_my_notes, "Ctrl+Shift+N")
        self.conflicts_action = self._action("conflicts", self.show_conflicts)
        self.contributions_action = self._action("contributions", self.show_contributions)
        self.help_action = self._action("help", self.show_help, key.HelpContents)
        if self.help_action.shortcut().isEmpty():
            self.help_action.setShortcut(QKeySequence("F1"))
        self.about_action = self._action("about", self.show_about)
        self.back_action.setEnabled(False)
        self.forward_action.setEnabled(False)
        self.undo_action.setEnabled(False)
        self.undo_import_action.setEnabled(not catalogue_read_only(self.catalogue))
        for action in (
            self.new_product_action,
            self.edit_product_action,
            self.delete_product_action,
            self.new_need_action,
            self.import_action,
        ):
            action.setEnabled(not catalogue_read_only(self.catalogue))

    def _make_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addActions([self.import_action, self.export_action, self.undo_import_action])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.open_action, self.new_catalogue_action])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.preferences_action, self.quit_action])
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addActions(
            [
                self.new_product_action,
                self.edit_product_action,
                self.delete_product_action,
                self.new_need_action,
            ]
        )
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.save_search_action)
        self.view_menu = bar.addMenu("")
        self.view_menu.addActions([self.find_action, self.back_action, self.forward_action])
        self.view_menu.addSeparator()
        self.view_menu.addActions(
            [
                self.map_action,
                self.notes_action,
                self.conflicts_action,
                self.contributions_action,
            ]
        )
        self.view_menu.addSeparator()
        for dock in (self.facets_dock, self.sidebar_dock, self.detail_dock):
            self.view_menu.addAction(dock.toggleViewAction())
        self.help_menu = bar.addMenu("")
        self.help_menu.addActions([self.help_action, self.about_action])
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("toolbar")
        self.toolbar.addActions([self.back_action, self.forward_action])
        self.toolbar.addSeparator()
        self.toolbar.addActions(
            [self.new_product_action, self.import_action, self.export_action, self.map_action]
        )
        self.addToolBar(self.toolbar)

    def _connect(self) -> None:
        self.search.current_product_changed.connect(self._on_current_product)
        self.search.product_activated.connect(self._on_activated)
        self.search.results_changed.connect(self._on_results)
        self.detail.product_requested.connect(self.show_product)
        self.detail.attachment_open_requested.connect(self.open_attachment)
        self.detail.edit_requested.connect(self.edit_product)
        self.sidebar.collection_selected.connect(self._on_collection_selected)
        self.sidebar.saved_search_selected.connect(self._on_saved_search_selected)
        self.edits.changed.connect(self._follow_edits)
        self.edits.failed.connect(self.show_error)
        self.sidebar.product_selected.connect(self.show_product)
        self.watcher.changed.connect(self._on_changes)
        self.runner.busy_changed.connect(self._on_busy)

    def retranslate(self) -> None:
        """(Re)set every visible string: at start and when the display language changes."""
        self.setWindowTitle(self.tr("kmdesk — knowledge products"))
        self.detail_dock.setWindowTitle(self.tr("Product"))
        self.sidebar_dock.setWindowTitle(self.tr("Collections"))
        self.facets_dock.setWindowTitle(self.tr("Filters"))
        self.toolbar.setWindowTitle(self.tr("Toolbar"))
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        texts = {
            self.import_action: self.tr("&Import bundle…"),
            self.export_action: self.tr("&Export bundle…"),
            self.undo_import_action: self.tr("&Undo last import…"),
            self.open_action: self.tr("&Open catalogue…"),
            self.new_catalogue_action: self.tr("&New catalogue…"),
            self.preferences_action: self.tr("&Preferences…"),
            self.quit_action: self.tr("&Quit"),
            self.new_product_action: self.tr("&New product…"),
            self.edit_product_action: self.tr("Edit &product…"),
            self.delete_product_action: self.tr("&Delete product…"),
            self.new_need_action: self.tr("New knowledge &need…"),
            self.save_search_action: self.tr("&Save search…"),
            self.find_action: self.tr("&Find"),
            self.back_action: self.tr("&Back"),
            self.forward_action: self.tr("&Forward"),
            self.map_action: self.tr("&Knowledge map"),
            self.notes_action: self.tr("My &notes…"),
            self.conflicts_action: self.tr("&Conflicts"),
            self.contributions_action: self.tr("Co&ntributions"),
            self.help_action: self.tr("kmdesk &help"),
            self.about_action: self.tr("&About kmdesk"),
        }
        for action, text in texts.items():
            action.setText(text)
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            plain = text.replace("&", "").rstrip("…")
            action.setToolTip(f"{plain} ({shortcut})" if shortcut else plain)
        self._update_undo()
        self.refresh_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- layout ---------------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.window_geometry()
        if geometry:
            self.restoreGeometry(geometry)
        state = self.settings.window_state()
        if state:
            self.restoreState(state)

    def _save_layout(self) -> None:
        self.settings.set_window_geometry(bytes(self.saveGeometry().data()))
        self.settings.set_window_state(bytes(self.saveState().data()))

    # -- index and status -----------------------------------------------------------------------

    def _prepare(self, load_demo: bool) -> None:
        """Load the demo (a new catalogue), open or build the search index, then search."""
        catalogue = self.catalogue

        def work(progress: Any, cancel: Any) -> Any:
            if load_demo:
                from kmdesk.demo import load_demo as load

                load(catalogue, progress=progress, cancel=cancel)
            return catalogue.ensure_index(progress=progress, cancel=cancel)

        self._index_state = self.tr("Preparing the search index…")
        self.refresh_status()
        self.runner.run(
            work,
            on_done=self._index_ready,
            on_error=self._index_failed,
            label=(
                self.tr("Loading the demo catalogue")
                if load_demo
                else self.tr("Preparing the search index")
            ),
            parent=self,
        )

    def _index_ready(self, report: Any) -> None:
        self._index_state = self.tr("Search index ready")
        self.refresh_status()
        if self.search.model.rowCount() == 0:
            # The panel's own first search waited for the index; this one sees a demo just
            # loaded, or an index that could not be read before.
            self.search.refresh()

    def _index_failed(self, error: BaseException) -> None:
        self._index_state = self.tr("Search index unavailable")
        self.refresh_status()
        self.show_error(error)

    def refresh_status(self) -> None:
        """Catalogue size, index state and folder in the status bar."""
        if not hasattr(self, "status"):
            return
        try:
            stats = self.catalogue.stats()
        except KmdeskError:
            return
        parts = [
            self.tr("%n product(s)", "", stats.products),
            self.tr("%n knowledge need(s)", "", stats.needs),
        ]
        if self._index_state:
            parts.append(self._index_state)
        self.status.setText(" · ".join(parts))
        self.status.setToolTip(str(self.catalogue.folder))

    @Slot(int)
    def _on_busy(self, running: int) -> None:
        self.busy.setText(self.tr("Working…") if running > 1 else "")

    # -- following the catalogue ----------------------------------------------------------------

    @Slot(object)
    def _on_changes(self, changes: Changes) -> None:
        if changes.deleted_products:
            self.history.forget(changes.deleted_products)
            self._update_history_actions()
        if changes.products or changes.deleted_products or changes.needs:
            self.refresh_status()

    @Slot(object)
    def _on_results(self, results: SearchResults) -> None:
        self.detail.set_search_text(results.query)

    # -- products and history -------------------------------------------------------------------

    @Slot(object)
    def _on_current_product(self, product_id: uuid.UUID | None) -> None:
        if product_id is None:
            return
        self.history.visit(product_id)
        self.detail.show_product(product_id)
        self._update_history_actions()

    @Slot(object)
    def _on_activated(self, product_id: uuid.UUID) -> None:
        self.detail_dock.show()
        self.detail_dock.raise_()
        self._on_current_product(product_id)

    @Slot(object)
    def show_product(self, product_id: uuid.UUID) -> None:
        """Show ``product_id`` in the detail pane (from a link, the map, a collection)."""
        self._on_activated(product_id)

    def current_product(self) -> uuid.UUID | None:
        """The product the detail pane shows."""
        return self.history.current

    def go_back(self) -> None:
        product_id = self.history.back()
        if product_id is not None:
            self.detail.show_product(product_id)
        self._update_history_actions()

    def go_forward(self) -> None:
        product_id = self.history.forward()
        if product_id is not None:
            self.detail.show_product(product_id)
        self._update_history_actions()

    def _update_history_actions(self) -> None:
        self.back_action.setEnabled(self.history.can_go_back())
        self.forward_action.setEnabled(self.history.can_go_forward())

    @Slot(object)
    def _on_collection_selected(self, collection_id: uuid.UUID) -> None:
        try:
            record = self.catalogue.collections.get(collection_id)
        except KmdeskError as error:
            self.show_error(error)
            return
        self.search.show_products(list(record.products), record.name)

    @Slot(object)
    def _on_saved_search_selected(self, saved: Any) -> None:
        self.search.set_state(saved.query, dict(saved.filters), saved.sort)

    # -- attachments ----------------------------------------------------------------------------

    @Slot(object, str)
    def open_attachment(
        self,
        attachment: Any,
        search_text: str = "",
        *,
        product_id: uuid.UUID | None = None,
        highlight: AnnotationRecord | None = None,
    ) -> QWidget:
        """Open a PDF attachment of ``product_id`` (by default the product shown, when the file
        is one of its attachments) in a viewer window: at ``highlight`` when given, else at the
        first hit of the search, if any. Knowing its product, the viewer makes, draws and lists
        highlights on it."""
        from kmdesk.gui.pdf_highlights import AnnotationContext
        from kmdesk.gui.pdf_viewer import PdfViewer

        shown = self.detail.record
        if (
            product_id is None
            and shown is not None
            and any(a.sha256 == attachment.sha256 for a in shown.attachments)
        ):
            product_id = shown.id
        context = None
        if product_id is not None:
            context = AnnotationContext(
                self.catalogue, self.runner, self.watcher, product_id, attachment, self.edits
            )
        path = self.catalogue.products.attachment_path(attachment.sha256)
        viewer = PdfViewer.open_window(
            path,
            search_text,
            attachment.file_name,
            parent=self,
            annotations=context,
            highlight=highlight,
        )
        self._viewers.append(viewer)
        viewer.destroyed.connect(lambda *_args, v=viewer: self._forget_viewer(v))
        return viewer

    @Slot(object)
    def open_highlight(self, note: AnnotationRecord) -> QWidget | None:
        """Open the PDF a highlight marks, at the highlight (its product shown beside)."""
        try:
            product = self.catalogue.products.get(note.product_id)
        except KmdeskError as error:
            self.show_error(error)
            return None
        attachment = next((a for a in product.attachments if a.sha256 == note.attachment), None)
        if attachment is None:
            QMessageBox.information(
                self,
                self.tr("Highlight"),
                self.tr(
                    "The file this passage was highlighted in is no longer attached to “%1”."
                ).replace("%1", product.title),
            )
            return None
        self.show_product(product.id)
        return self.open_attachment(attachment, product_id=product.id, highlight=note)

    def _forget_viewer(self, viewer: QWidget) -> None:
        if viewer in self._viewers:
            self._viewers.remove(viewer)

    # -- editing --------------------------------------------------------------------------------

    def new_product(self) -> None:
        from kmdesk.gui.product_form import ProductForm

        form = ProductForm(self.catalogue, self.runner, parent=self, history=self.edits)
        form.saved.connect(self.show_product)
        form.open()

    @Slot(object)
    def edit_product(self, product_id: uuid.UUID) -> None:
        from kmdesk.gui.product_form import ProductForm

        form = ProductForm(
            self.catalogue, self.runner, product_id=product_id, parent=self, history=self.edits
        )
        form.open()

    def edit_current_product(self) -> None:
        product_id = self.current_product()
        if product_id is None:
            QMessageBox.information(self, self.tr("Edit product"), self.tr("Select a product."))
            return
        self.edit_product(product_id)

    def delete_current_product(self) -> None:
        product_id = self.current_product()
        if product_id is None:
            return
        try:
            title = self.catalogue.products.get(product_id).title
        except KmdeskError as error:
            self.show_error(error)
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete product"),
            self.tr("Delete “%1”? Its notes and links go with it.").replace("%1", title),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.edits.delete_product(product_id, self)

    def new_need(self) -> None:
        from kmdesk.gui.need_form import NeedForm

        form = NeedForm(self.catalogue, self.runner, parent=self, history=self.edits)
        form.open()

    def undo_edit(self) -> None:
        if self.edits.can_undo:
            self.edits.undo(self)

    @Slot()
    def _follow_edits(self) -> None:
        self._update_undo()

    def _update_undo(self) -> None:
        if not hasattr(self, "edits"):
            return
        self.undo_action.setEnabled(self.edits.can_undo)
        text = self.edits.undo_text if self.edits.can_undo else ""
        self.undo_action.setText(text or self.tr("&Undo"))

    def save_current_search(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        query, filters, sort = self.search.state()
        name, accepted = QInputDialog.getText(
            self, self.tr("Save search"), self.tr("Name of the saved search:")
        )
        if accepted and name.strip():
            self.sidebar.save_search(name.strip(), query, filters, sort)

    # -- bundles --------------------------------------------------------------------------------

    def import_bundle(self, path: Path | None = None) -> QWidget:
        from kmdesk.gui.bundle_import import ImportBundleWizard

        wizard = ImportBundleWizard(self.catalogue, self.runner, self, path=path)
        # Contributions held for review change no record: their views are told here.
        wizard.imported.connect(self._refresh_bundle_views)
        wizard.undone.connect(self._refresh_bundle_views)
        wizard.open()
        return wizard

    def _refresh_bundle_views(self, *_args: Any) -> None:
        for name in ("conflicts-window", "contributions-window"):
            view = self.findChild(QWidget, name)
            if view is not None:
                view.refresh()  # type: ignore[attr-defined]

    def export_bundle(self) -> QWidget:
        from kmdesk.gui.bundle_export import ExportBundleDialog, ScopeChoices

        query, filters, _sort = self.search.state()
        collection = self.sidebar.current_collection()
        saved = self.sidebar.current_saved_search()
        choices = ScopeChoices(
            collection=collection,
            saved_search=saved,
            query=query or None,
            filters=filters,
        )
        dialog = ExportBundleDialog(self.catalogue, self.runner, choices, self)
        dialog.open()
        return dialog

    def undo_last_import(self) -> None:
        from kmdesk.gui.bundle_import import undo_last_import

        undo_last_import(self.catalogue, self.runner, self)

    # -- other windows --------------------------------------------------------------------------

    def _window(self, name: str, make: Any) -> QWidget:
        """One window of each kind, made on first use and raised afterwards."""
        existing = self.findChild(QWidget, name)
        if existing is None:
            existing = make()
            existing.setObjectName(name)
            existing.setParent(self, Qt.WindowType.Window)
        existing.show()
        existing.raise_()
        existing.activateWindow()
        return existing

    def show_knowledge_map(self) -> QWidget:
        from kmdesk.gui.knowledge_map import KnowledgeMapView

        def make() -> QWidget:
            view = KnowledgeMapView(self.catalogue, self.runner, self.watcher)
            view.setWindowTitle(self.tr("Knowledge map"))
            view.resize(1100, 700)
            view.product_requested.connect(self.show_product)
            return view

        return self._window("knowledge-map-window", make)

    def show_my_notes(self) -> QWidget:
        """The view of all the notes and highlights, with filters and export."""
        from kmdesk.gui.annotations_view import AnnotationsView

        def make() -> QWidget:
            view = AnnotationsView(self.catalogue, self.runner, self.watcher)
            view.setWindowTitle(self.tr("My notes"))
            view.resize(1100, 650)
            view.product_activated.connect(self.show_product)
            view.highlight_activated.connect(self.open_highlight)
            return view

        return self._window("my-notes-window", make)

    @Slot(str, object)
    def show_record(self, kind: str, record_id: uuid.UUID) -> None:
        """Show a record a conflict is about: a product, or a note in its product's Notes tab."""
        if kind == "product":
            self.show_product(record_id)
        elif kind == "annotation":
            try:
                note = self.catalogue.annotations.get(record_id)
            except KmdeskError as error:
                self.show_error(error)
                return
            self.show_product(note.product_id)
            self.detail.tabs.setCurrentWidget(self.detail.notes_panel)
            self.detail_dock.show()

    def show_conflicts(self) -> QWidget:
        from kmdesk.gui.conflicts_view import ConflictsView

        def make() -> QWidget:
            view = ConflictsView(self.catalogue, self.runner, self.watcher)
            view.setWindowTitle(self.tr("Conflicts"))
            view.resize(900, 640)
            view.record_activated.connect(self.show_record)
            return view

        return self._window("conflicts-window", make)

    def show_contributions(self) -> QWidget:
        from kmdesk.gui.contributions_view import ContributionsView

        def make() -> QWidget:
            view = ContributionsView(self.catalogue, self.runner, self.watcher)
            view.setWindowTitle(self.tr("Contributions"))
            view.resize(900, 500)
            return view

        return self._window("contributions-window", make)

    def show_preferences(self) -> QWidget:
        from kmdesk.gui.preferences import PreferencesDialog
        from kmdesk.gui.trusted_keys import TrustedKeysWidget

        dialog = PreferencesDialog(self.catalogue, self.settings, self)
        dialog.add_page(TrustedKeysWidget(self.catalogue, self.runner, dialog))
        dialog.open_catalogue_requested.connect(self.open_catalogue_requested)
        dialog.language_changed.connect(self._on_language_changed)
        dialog.open()
        return dialog

    @Slot(str)
    def _on_language_changed(self, code: str) -> None:
        """Vocabulary labels and country names follow the display language."""
        self.catalogue.set_language(code or "en")
        self.search.refresh()
        current = self.current_product()
        if current is not None:
            self.detail.show_product(current)

    def show_help(self) -> None:
        from kmdesk.gui.help import HelpWindow

        self._window("help-window", lambda: HelpWindow())

    def show_about(self) -> None:
        from kmdesk.gui.about import AboutDialog

        AboutDialog(self).open()

    def choose_catalogue(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self, self.tr("Open a catalogue folder"))
        if folder:
            self.open_catalogue_requested.emit(Path(folder))

    def create_catalogue(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose an empty folder for the new catalogue")
        )
        if folder:
            self.open_catalogue_requested.emit(Path(folder))

    # -- errors and closing ---------------------------------------------------------------------

    def show_error(self, error: BaseException) -> None:
        """Tell the user what went wrong, in the core's words (no traceback)."""
        text = str(error) if isinstance(error, KmdeskError) else repr(error)
        QMessageBox.warning(self, self.tr("kmdesk"), text)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closed:
            self._closed = True
            self._save_layout()
            self.watcher.stop()
            for viewer in list(self._viewers):
                viewer.close()
            self.runner.shutdown()
        super().closeEvent(event)


def catalogue_read_only(catalogue: Catalogue) -> bool:
    """Whether the catalogue is on read-only media (editing actions are then disabled)."""
    return bool(catalogue.read_only)
