"""Start the desktop app on a catalogue folder."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from kmdesk.catalogue import Catalogue
from kmdesk.errors import KmdeskError


def open_catalogue_for_app(folder: Path) -> Catalogue:
    """Open (or create) the catalogue; a new, empty one gets the demo catalogue."""
    from kmdesk.demo import load_demo

    is_new = not Catalogue.exists(folder)
    catalogue = Catalogue.open(folder, create=True)
    if is_new and catalogue.is_empty():
        load_demo(catalogue)
    return catalogue


def run_app(folder: Path, argv: list[str] | None = None) -> int:
    """Run the event loop until the main window closes; return the exit status."""
    from kmdesk.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("kmdesk")
    app.setOrganizationName("kmdesk")
    try:
        catalogue = open_catalogue_for_app(folder)
    except KmdeskError as exc:
        QMessageBox.critical(None, app.tr("kmdesk"), str(exc))
        return 1
    window = MainWindow(catalogue)
    window.show()
    try:
        return app.exec()
    finally:
        catalogue.close()
