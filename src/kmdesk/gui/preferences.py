"""The preferences: profile, appearance (language, colour scheme) and the catalogue folder.

Appearance changes apply at once and are remembered in :class:`~kmdesk.gui.settings.Settings`;
the profile is saved into the catalogue on OK (errors beside the field keep the dialog open).
The dialog never switches catalogues itself: it announces the chosen folder with
``open_catalogue_requested`` and the main window opens it. Other pages (the trusted keys) are
added with :meth:`PreferencesDialog.add_page`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kmdesk.catalogue import Catalogue
from kmdesk.catalogue.profile import read_profile
from kmdesk.errors import KmdeskError
from kmdesk.gui.first_start import FieldError, ProfileForm
from kmdesk.gui.settings import COLOUR_SCHEMES, ColourScheme, Settings, apply_colour_scheme
from kmdesk.gui.translation import available_languages, install_language, resolve_language


def apply_saved_appearance(app: QApplication, settings: Settings) -> str:
    """At start-up: install the saved language and colour scheme; returns the language shown."""
    install_language(app, settings.language())
    apply_colour_scheme(settings.colour_scheme())
    return resolve_language(settings.language())


def _choose_folder(parent: QWidget, title: str, start: Path | None) -> Path | None:
    """Ask for a folder (tests replace this seam); ``None`` when cancelled."""
    chosen = QFileDialog.getExistingDirectory(parent, title, str(start) if start else "")
    return Path(chosen) if chosen else None


class AppearancePage(QWidget):
    """Display language and colour scheme, applied as soon as they are chosen."""

    language_changed = Signal(str)
    colour_scheme_changed = Signal(str)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.language_combo = QComboBox(self)
        self.language_combo.addItem("", "")  # "System language", text set by retranslate()
        for code, name in available_languages():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(
            max(0, self.language_combo.findData(settings.language()))
        )
        self.scheme_combo = QComboBox(self)
        for scheme in COLOUR_SCHEMES:
            self.scheme_combo.addItem("", scheme)
        self.scheme_combo.setCurrentIndex(
            max(0, self.scheme_combo.findData(settings.colour_scheme()))
        )
        self.language_label = QLabel(self)
        self.language_label.setBuddy(self.language_combo)
        self.scheme_label = QLabel(self)
        self.scheme_label.setBuddy(self.scheme_combo)
        self.note = QLabel(self)
        self.note.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.language_label, self.language_combo)
        form.addRow(self.scheme_label, self.scheme_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.retranslate()
        self.language_combo.currentIndexChanged.connect(self._language_chosen)
        self.scheme_combo.currentIndexChanged.connect(self._scheme_chosen)

    def retranslate(self) -> None:
        """Set every text in the current language (the combos keep their choice)."""
        self.language_label.setText(self.tr("Display &language:"))
        self.scheme_label.setText(self.tr("&Colours:"))
        self.language_combo.setAccessibleName(self.tr("Display language"))
        self.scheme_combo.setAccessibleName(self.tr("Colours"))
        self.language_combo.setItemText(0, self.tr("System language"))
        names = {
            "system": self.tr("Follow the system"),
            "light": self.tr("Light"),
            "dark": self.tr("Dark"),
        }
        for index in range(self.scheme_combo.count()):
            self.scheme_combo.setItemText(index, names[self.scheme_combo.itemData(index)])
        self.note.setText(
            self.tr(
                "Vocabulary labels and country names follow the display language where the "
                "catalogue has them."
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _language_chosen(self, index: int) -> None:
        code = str(self.language_combo.itemData(index) or "")
        self.settings.set_language(code)
        app = QApplication.instance()
        if app is not None:
            install_language(app, code)
        self.language_changed.emit(resolve_language(code))

    def _scheme_chosen(self, index: int) -> None:
        scheme: ColourScheme = self.scheme_combo.itemData(index)
        self.settings.set_colour_scheme(scheme)
        apply_colour_scheme(scheme)
        self.colour_scheme_changed.emit(scheme)


class CataloguePage(QWidget):
    """The open catalogue's folder and size; buttons to open another one or create a new one."""

    open_catalogue_requested = Signal(object)

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.product_count = catalogue.stats().products
        self.folder_label = QLabel(self)
        self.folder_label.setTextFormat(Qt.TextFormat.PlainText)
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.size_label = QLabel(self)
        self.read_only_label = QLabel(self)
        self.read_only_label.setWordWrap(True)
        self.read_only_label.setVisible(catalogue.read_only)
        self.open_button = QPushButton(self)
        self.create_button = QPushButton(self)
        self.open_button.clicked.connect(self._open_another)
        self.create_button.clicked.connect(self._create_new)
        self.error = FieldError(self)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)

        self.current_box = QGroupBox(self)
        current = QVBoxLayout(self.current_box)
        current.addWidget(self.folder_label)
        current.addWidget(self.size_label)
        current.addWidget(self.read_only_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.create_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.current_box)
        layout.addWidget(self.explanation)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.current_box.setTitle(self.tr("Current catalogue"))
        self.folder_label.setText(str(self.catalogue.folder))
        self.folder_label.setAccessibleName(self.tr("Catalogue folder"))
        self.size_label.setText(
            self.tr("This catalogue holds %n product(s).", "", self.product_count)
        )
        self.read_only_label.setText(
            self.tr("This catalogue is read-only: it can be searched but not changed.")
        )
        self.explanation.setText(
            self.tr(
                "A catalogue is a folder: its database, attachments and search index. Copy "
                "the folder to back it up or to carry it on a USB stick."
            )
        )
        self.open_button.setText(self.tr("&Open another catalogue…"))
        self.open_button.setAccessibleName(self.tr("Open another catalogue"))
        self.create_button.setText(self.tr("Create a &new catalogue…"))
        self.create_button.setAccessibleName(self.tr("Create a new catalogue"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _open_another(self) -> None:
        self.error.show_message("")
        folder = _choose_folder(
            self, self.tr("Open a catalogue folder"), self.catalogue.folder.parent
        )
        if folder is None:
            return
        if not Catalogue.exists(folder):
            self.error.show_message(
                self.tr("There is no catalogue in %1. Choose the folder that holds it.").replace(
                    "%1", str(folder)
                )
            )
            return
        self.open_catalogue_requested.emit(folder)

    def _create_new(self) -> None:
        self.error.show_message("")
        folder = _choose_folder(self, self.tr("Choose an empty folder for the new catalogue"), None)
        if folder is None:
            return
        if folder.exists() and any(folder.iterdir()):
            self.error.show_message(
                self.tr("%1 is not empty. Choose or make an empty folder.").replace(
                    "%1", str(folder)
                )
            )
            return
        self.open_catalogue_requested.emit(folder)


class PreferencesDialog(QDialog):
    """Profile, appearance and catalogue pages, plus pages others add (trusted keys).

    Signals: ``language_changed(str)`` with the code of the language now shown ("en", "fr"...),
    ``colour_scheme_changed(str)``, and ``open_catalogue_requested(object)`` with the folder
    (a :class:`~pathlib.Path`) to open — holding a catalogue, or empty for a new one; the
    dialog closes after announcing it.
    """

    language_changed = Signal(str)
    colour_scheme_changed = Signal(str)
    open_catalogue_requested = Signal(object)

    def __init__(
        self, catalogue: Catalogue, settings: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.settings = settings
        self.tabs = QTabWidget(self)
        self.profile_page = QWidget(self)
        self.profile_intro = QLabel(self.profile_page)
        self.profile_intro.setWordWrap(True)
        self.profile_form = ProfileForm(self.profile_page)
        self.profile_form.set_profile(read_profile(catalogue))
        self.profile_form.setEnabled(not catalogue.read_only)
        self.key_label = QLabel(self.profile_page)
        self.key_label.setWordWrap(True)
        self.fingerprint_label = QLabel(self.profile_page)
        self.fingerprint_label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        profile_layout = QVBoxLayout(self.profile_page)
        profile_layout.addWidget(self.profile_intro)
        profile_layout.addWidget(self.profile_form)
        profile_layout.addWidget(self.key_label)
        profile_layout.addWidget(self.fingerprint_label)
        profile_layout.addStretch(1)
        self.appearance_page = AppearancePage(settings, self)
        self.catalogue_page = CataloguePage(catalogue, self)
        self.tabs.addTab(self.profile_page, "")
        self.tabs.addTab(self.appearance_page, "")
        self.tabs.addTab(self.catalogue_page, "")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)

        self.appearance_page.language_changed.connect(self.language_changed)
        self.appearance_page.colour_scheme_changed.connect(self.colour_scheme_changed)
        self.catalogue_page.open_catalogue_requested.connect(self._open_requested)
        self._fingerprint = self._own_fingerprint()
        self.fingerprint_label.setText(self._fingerprint)
        self.fingerprint_label.setVisible(bool(self._fingerprint) and not catalogue.read_only)
        self.resize(self.fontMetrics().averageCharWidth() * 80, self.fontMetrics().height() * 22)
        self.retranslate()

    def _own_fingerprint(self) -> str:
        try:
            return self.catalogue.keys.own().fingerprint
        except KmdeskError:
            return ""

    def add_page(self, widget: QWidget, title: str | None = None) -> int:
        """Add a page (e.g. trusted keys); returns its index.

        Without ``title`` the page's ``windowTitle()`` names the tab, and the tab follows it:
        a page that sets its window title in its own ``retranslate()`` gets a translated tab.
        """
        index = self.tabs.addTab(widget, title if title is not None else widget.windowTitle())
        if title is None:
            widget.installEventFilter(self)
        return index

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keep an added page's tab named after its window title (retranslated by the page)."""
        if event.type() == QEvent.Type.WindowTitleChange and isinstance(watched, QWidget):
            index = self.tabs.indexOf(watched)
            if index >= 0:
                self.tabs.setTabText(index, watched.windowTitle())
        return super().eventFilter(watched, event)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(self.tr("Preferences"))
        self.tabs.setTabText(self.tabs.indexOf(self.profile_page), self.tr("&Profile"))
        self.tabs.setTabText(self.tabs.indexOf(self.appearance_page), self.tr("&Appearance"))
        self.tabs.setTabText(self.tabs.indexOf(self.catalogue_page), self.tr("Ca&talogue"))
        self.tabs.setAccessibleName(self.tr("Preference pages"))
        self.profile_intro.setText(
            self.tr(
                "Your name and organisation are shown on the notes you write and the bundles "
                "you share, so that partners know who they come from."
            )
        )
        if self.catalogue.read_only:
            self.key_label.setText(
                self.tr("This catalogue is read-only: the profile cannot be changed.")
            )
        elif self._fingerprint:
            self.key_label.setText(
                self.tr(
                    "Bundles made here are signed with this installation's key, named after "
                    "you. Its fingerprint, for partners to compare:"
                )
            )
            self.fingerprint_label.setAccessibleName(self.tr("Fingerprint of your key"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def accept(self) -> None:
        """Save the profile when it changed; stay on the Profile page when it is refused.

        A profile never given (first start answered "Later") and left empty here is not
        asked for: the other preferences can be changed without it.
        """
        if not self.catalogue.read_only:
            typed = self.profile_form.typed_profile()
            now = (typed.name.strip(), typed.organisation.strip())
            saved = read_profile(self.catalogue)
            before = (saved.name, saved.organisation) if saved is not None else ("", "")
            if now != before and self.profile_form.save(self.catalogue) is None:
                self.tabs.setCurrentWidget(self.profile_page)
                return
        self.settings.sync()
        super().accept()

    def _open_requested(self, folder: Path) -> None:
        self.open_catalogue_requested.emit(folder)
        self.reject()
