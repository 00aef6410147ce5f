"""Start the desktop app on a catalogue folder, and switch folders while it runs.

On start: the display language and colour scheme from the settings, the catalogue opened (a new
folder gets the demo catalogue, loaded in the background with progress), the first-start
questions (name and organisation) when this catalogue has no profile yet, then the main window.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QApplication, QMessageBox

from kmdesk import __version__
from kmdesk.catalogue import Catalogue
from kmdesk.errors import KmdeskError
from kmdesk.gui.settings import Settings


def open_catalogue_for_app(folder: Path) -> tuple[Catalogue, bool]:
    """Open (or create) the catalogue; say whether it is new and empty (it then gets the demo)."""
    is_new = not Catalogue.exists(folder)
    catalogue = Catalogue.open(folder, create=True)
    return catalogue, is_new and catalogue.is_empty()


class AppController(QObject):
    """Owns the open catalogue and its main window; opens another folder when asked."""

    def __init__(self, app: QApplication, settings: Settings) -> None:
        super().__init__(app)
        self.app = app
        self.settings = settings
        self.catalogue: Catalogue | None = None
        self.window: object | None = None

    def open(self, folder: Path, *, ask_profile: bool = True) -> bool:
        """Open ``folder`` in a new main window (closing the current one); False on failure."""
        from kmdesk.gui.first_start import run_first_start
        from kmdesk.gui.main_window import MainWindow

        try:
            catalogue, load_demo = open_catalogue_for_app(folder)
        except KmdeskError as exc:
            QMessageBox.critical(None, self.tr("kmdesk"), str(exc))
            return False
        from kmdesk.gui.translation import resolve_language

        catalogue.set_language(resolve_language(self.settings.language()))
        self._close_current()
        self.catalogue = catalogue
        self.settings.set_last_catalogue(str(folder))
        window = MainWindow(catalogue, settings=self.settings, load_demo=load_demo)
        window.open_catalogue_requested.connect(self._switch)
        self.window = window
        window.show()
        for notice in catalogue.notices:
            QMessageBox.information(window, self.tr("kmdesk"), notice)
        if ask_profile and not catalogue.read_only:
            run_first_start(catalogue, window)
        return True

    @Slot(object)
    def _switch(self, folder: Path) -> None:
        self.open(folder)

    def _close_current(self) -> None:
        window, catalogue = self.window, self.catalogue
        self.window = self.catalogue = None
        if window is not None:
            window.close()  # type: ignore[attr-defined]
            window.deleteLater()  # type: ignore[attr-defined]
        if catalogue is not None:
            catalogue.close()

    def shutdown(self) -> None:
        """Close the window and the catalogue."""
        self._close_current()


def run_app(folder: Path, argv: list[str] | None = None) -> int:
    """Run the event loop until the main window closes; return the exit status."""
    from kmdesk.gui.translation import apply_colour_scheme, install_language

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("kmdesk")
    app.setOrganizationName("kmdesk")
    app.setApplicationVersion(__version__)
    settings = Settings()
    install_language(app, settings.language())
    apply_colour_scheme(settings.colour_scheme())
    controller = AppController(app, settings)
    if not controller.open(folder):
        return 1
    # What start-up made lives as long as the app: out of the collector's way, so that its
    # full collections (75-80 ms at 10k products) do not stall scrolling and typing.
    gc.collect()
    gc.freeze()
    try:
        return app.exec()
    finally:
        controller.shutdown()
