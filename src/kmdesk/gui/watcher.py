"""The catalogue's change announcements, delivered on the UI thread, and other processes' too.

The core calls its listeners on whatever thread wrote (a worker, usually). :class:`CatalogueWatcher`
turns each announcement into its :attr:`~CatalogueWatcher.changed` signal, queued to the UI
thread, and every :data:`POLL_MS` asks the core (off the UI thread) whether another process, such
as ``kmdesk add`` or an import in another window, committed something; those changes are
announced the same way. Views connect to :attr:`~CatalogueWatcher.changed` and never poll.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from kmdesk.catalogue import Catalogue
from kmdesk.changes import Changes
from kmdesk.gui.operations import OperationsRunner

#: How often other processes' changes are looked for.
POLL_MS = 2000


class CatalogueWatcher(QObject):
    """Re-announces the catalogue's changes as a Qt signal on the UI thread."""

    changed = Signal(object)

    def __init__(
        self, catalogue: Catalogue, runner: OperationsRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._runner = runner
        self._unsubscribe = catalogue.subscribe(self._heard)
        self._timer = QTimer(self)
        self._timer.setObjectName("outside-changes poll")
        self._timer.timeout.connect(self.poll)
        self._timer.start(POLL_MS)

    def _heard(self, changes: Changes) -> None:
        # Any thread: a signal emitted from a worker reaches UI-thread receivers queued.
        self.changed.emit(changes)

    @Slot()
    def poll(self) -> None:
        """Look for other processes' changes now (in the background)."""
        if not self._runner.running_with_key("outside-changes"):
            self._runner.run(
                lambda progress, cancel: self._catalogue.outside_changes(), key="outside-changes"
            )

    def stop(self) -> None:
        """Stop polling and listening (before the catalogue closes)."""
        self._timer.stop()
        self._unsubscribe()
