"""GUI tests run offscreen with pytest-qt; each gets its own catalogue.

Every GUI test fails if the app tries to open a network connection (``socket.connect``), and
is checked to leave no thread and no running timer behind: windows are closed (which shuts their
operations runner down), then the threads alive are compared with those alive before the test.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class NetworkAttempt(AssertionError):
    """The app tried to open a network connection: it never may."""


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every GUI test fails on any ``socket.connect``; the attempts are listed for tests."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise NetworkAttempt(f"the app tried to connect to {address!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


@pytest.fixture(autouse=True)
def _no_thread_or_timer_left(qapp) -> Iterator[None]:
    from PySide6.QtCore import QCoreApplication, QEvent, QTimer
    from PySide6.QtWidgets import QApplication

    before = set(threading.enumerate())
    yield
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    left = [
        thread
        for thread in threading.enumerate()
        if thread not in before and thread.is_alive() and not thread.daemon
    ]
    assert not left, f"threads left running: {[thread.name for thread in left]}"
    timers = [
        timer.objectName() or repr(timer)
        for owner in [qapp, *QApplication.topLevelWidgets()]
        for timer in owner.findChildren(QTimer)
        if timer.isActive()
    ]
    assert not timers, f"timers left running: {timers}"


@pytest.fixture
def runner(qapp) -> Iterator[object]:
    """An operations runner, shut down (its threads stopped) after the test."""
    from kmdesk.gui.operations import OperationsRunner

    made = OperationsRunner()
    yield made
    made.shutdown()


@pytest.fixture
def demo_watcher(demo_catalogue, runner) -> Iterator[object]:
    """The demo catalogue's change watcher, stopped after the test."""
    from kmdesk.gui.watcher import CatalogueWatcher

    made = CatalogueWatcher(demo_catalogue, runner)
    yield made
    made.stop()
