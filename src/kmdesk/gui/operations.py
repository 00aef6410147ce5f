"""Long work off the UI thread: one runner, progress that appears late, cancel, results on the UI.

Like Anki's ``taskman`` and ``CollectionOp``, every slow call into the core (searching a large
catalogue, indexing, extraction, imports, exports) goes through :class:`OperationsRunner`:

* ``work(progress, cancel)`` runs on a worker thread and gets the core's
  :data:`~kmdesk.progress.Progress` callback and :class:`~kmdesk.progress.CancelToken`;
* ``on_done(result)`` / ``on_error(exception)`` run later on the UI thread;
* with a ``label``, a progress dialog with Cancel appears only when the work is still running
  after :data:`PROGRESS_DELAY_MS` (quick work never flashes a dialog);
* operations sharing a ``key`` (as-you-type search) supersede each other: starting one cancels the
  previous, whose result is then dropped, so a stale query never overwrites a newer one.

Nothing here knows about catalogues; widgets pass closures over the core.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from kmdesk.errors import OperationCancelled
from kmdesk.progress import CancelToken, ProgressUpdate

#: A progress dialog shows only for work still running after this long.
PROGRESS_DELAY_MS = 600
#: Worker threads: one for user-started work, one more so a search is never stuck behind it.
WORKERS = 2

Work = Callable[[Callable[[ProgressUpdate], None], CancelToken], Any]


class Operation(QObject):
    """One piece of background work; its signals are delivered on the UI thread."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    #: Emitted once the work ended in any way (done, failed, cancelled or superseded).
    ended = Signal()
    _finished = Signal(object, object)

    def __init__(self, label: str, key: str | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.key = key
        self.token = CancelToken()
        self.running = True
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def cancel(self) -> None:
        """Ask the work to stop at its next safe point; its result will not be delivered."""
        self.token.cancel()

    @property
    def cancelled(self) -> bool:
        """Whether :meth:`cancel` was called."""
        return self.token.cancelled

    def _report(self, update: ProgressUpdate) -> None:
        # Called on the worker thread: the signal crosses to the UI thread queued.
        self.progressed.emit(update.done, update.total, update.label)

    @Slot(object, object)
    def _deliver(self, result: Any, error: BaseException | None) -> None:
        self.running = False
        if not self.cancelled and not isinstance(error, OperationCancelled):
            if error is None:
                self.succeeded.emit(result)
            else:
                self.failed.emit(error)
        self.ended.emit()


class OperationsRunner(QObject):
    """Runs work on worker threads and hands results back to the UI thread."""

    #: The number of operations running changed (for a busy indicator in the status bar).
    busy_changed = Signal(int)

    def __init__(self, parent: QObject | None = None, *, workers: int = WORKERS) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kmdesk-op")
        self._running: dict[int, Operation] = {}
        self._by_key: dict[str, Operation] = {}
        self._ids = itertools.count()
        self._closed = False

    @property
    def running(self) -> list[Operation]:
        """Operations started and not yet ended."""
        return list(self._running.values())

    def running_with_key(self, key: str) -> bool:
        """Whether an operation with ``key`` is running."""
        return key in self._by_key

    def run(
        self,
        work: Work,
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        label: str = "",
        key: str | None = None,
        parent: QWidget | None = None,
        cancellable: bool = True,
    ) -> Operation:
        """Start ``work(progress, cancel)`` on a worker thread.

        ``label`` (when given) is the title of the delayed progress dialog, shown over ``parent``.
        ``key`` makes this operation supersede a running one with the same key.
        """
        if self._closed:
            raise RuntimeError("the operations runner has been shut down")
        if key is not None and (previous := self._by_key.get(key)) is not None:
            previous.cancel()
        operation = Operation(label, key, self)
        number = next(self._ids)
        self._running[number] = operation
        if key is not None:
            self._by_key[key] = operation
        if on_done is not None:
            operation.succeeded.connect(on_done)
        if on_error is not None:
            operation.failed.connect(on_error)
        if on_progress is not None:
            operation.progressed.connect(on_progress)
        operation.ended.connect(lambda: self._forget(number, operation))
        if label:
            _DelayedProgress(operation, parent, cancellable)
        self.busy_changed.emit(len(self._running))

        def call() -> None:
            result: Any = None
            error: BaseException | None = None
            try:
                operation.token.raise_if_cancelled()
                result = work(operation._report, operation.token)
            except BaseException as exc:  # handed to the UI thread, never lost
                error = exc
            operation._finished.emit(result, error)

        future: Future[None] = self._pool.submit(call)
        del future
        return operation

    def _forget(self, number: int, operation: Operation) -> None:
        self._running.pop(number, None)
        if operation.key is not None and self._by_key.get(operation.key) is operation:
            del self._by_key[operation.key]
        self.busy_changed.emit(len(self._running))
        operation.deleteLater()

    def shutdown(self) -> None:
        """Cancel everything, wait for the workers to stop, and refuse new work."""
        self._closed = True
        for operation in self._running.values():
            operation.cancel()
        self._pool.shutdown(wait=True, cancel_futures=False)
        # Results queued for the UI thread are dropped: whoever asked is closing, and a widget
        # tree deleted with such events pending can crash PySide.
        for operation in list(self._running.values()):
            QCoreApplication.removePostedEvents(operation)
            operation.running = False
        self._running.clear()
        self._by_key.clear()


class _DelayedProgress(QObject):
    """A progress dialog for one operation, shown only if it is still running after a delay."""

    def __init__(self, operation: Operation, parent: QWidget | None, cancellable: bool) -> None:
        super().__init__(operation)
        self._operation = operation
        self._parent = parent
        self._cancellable = cancellable
        self._dialog: QProgressDialog | None = None
        self._last = (0, 0, "")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show)
        self._timer.start(PROGRESS_DELAY_MS)
        operation.progressed.connect(self._progress)
        operation.ended.connect(self._close)

    @Slot()
    def _show(self) -> None:
        if not self._operation.running:
            return
        dialog = QProgressDialog(self._parent)
        dialog.setWindowTitle(self._operation.label)
        dialog.setLabelText(self._operation.label)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        if self._cancellable:
            dialog.canceled.connect(self._operation.cancel)
        else:
            dialog.setCancelButton(None)
        dialog.setAccessibleName(self._operation.label)
        self._dialog = dialog
        self._progress(*self._last)
        dialog.show()

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, label: str) -> None:
        self._last = (done, total, label)
        if self._dialog is None:
            return
        self._dialog.setMaximum(max(total, 0))
        self._dialog.setValue(min(done, total) if total else 0)
        if label:
            self._dialog.setLabelText(label)

    @Slot()
    def _close(self) -> None:
        self._timer.stop()
        if self._dialog is not None:
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
