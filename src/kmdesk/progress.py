"""Progress reporting and cancellation for long work, without Qt.

Long operations (loading the demo catalogue, checking attachments, later indexing and bundle
import) accept a :class:`Progress` callback and a :class:`CancelToken`. The GUI maps them to a
delayed progress dialog with a Cancel button; the command line ignores them or prints a counter.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from kmdesk.errors import OperationCancelled


@dataclass(frozen=True, slots=True)
class ProgressUpdate:
    """One step of long work: ``done`` out of ``total`` (``total`` is 0 when unknown)."""

    done: int
    total: int
    label: str = ""


#: A function called with each progress update; it must return quickly.
Progress = Callable[[ProgressUpdate], None]


def no_progress(update: ProgressUpdate) -> None:
    """A progress callback that ignores every update."""


class CancelToken:
    """A flag that one thread sets and the worker checks between steps.

    The worker calls :meth:`raise_if_cancelled` at safe points; the operation then rolls back and
    :class:`~kmdesk.errors.OperationCancelled` reaches the caller.
    """

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Ask the work to stop at its next safe point."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """Whether :meth:`cancel` has been called."""
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        """Raise :class:`OperationCancelled` when cancellation was requested."""
        if self._event.is_set():
            raise OperationCancelled()
