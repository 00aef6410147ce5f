"""The operations runner: work off the UI thread, progress, cancel, superseded searches."""

from __future__ import annotations

import threading
import time

import pytest
from pytestqt.qtbot import QtBot

from kmdesk.errors import OperationCancelled
from kmdesk.gui.operations import PROGRESS_DELAY_MS
from kmdesk.progress import ProgressUpdate


def test_work_runs_off_the_ui_thread_and_returns_on_it(qtbot: QtBot, runner) -> None:
    seen: dict[str, object] = {}

    def work(progress, cancel) -> int:
        seen["worker"] = threading.current_thread()
        return 42

    operation = runner.run(work, on_done=lambda result: seen.setdefault("result", result))
    with qtbot.waitSignal(operation.ended, timeout=5000):
        pass
    assert seen["result"] == 42
    assert seen["worker"] is not threading.main_thread()
    assert runner.running == []


def test_progress_reaches_the_ui_and_cancel_stops_the_work(qtbot: QtBot, runner) -> None:
    updates: list[tuple[int, int, str]] = []
    results: list[object] = []
    errors: list[BaseException] = []
    started = threading.Event()

    def work(progress, cancel) -> str:
        for step in range(1000):
            progress(ProgressUpdate(step, 1000, "step"))
            started.set()
            cancel.raise_if_cancelled()
            time.sleep(0.005)
        return "finished"

    operation = runner.run(
        work,
        on_done=results.append,
        on_error=errors.append,
        on_progress=lambda *update: updates.append(update),
        label="Work",
    )
    started.wait(5)
    qtbot.waitUntil(lambda: len(updates) > 2, timeout=5000)
    operation.cancel()
    qtbot.waitUntil(lambda: not operation.running, timeout=5000)
    assert results == [] and errors == []  # cancelled: nothing delivered
    assert updates[0] == (0, 1000, "step")


def test_the_progress_dialog_appears_only_for_slow_work(qtbot: QtBot, runner) -> None:
    from PySide6.QtWidgets import QApplication, QProgressDialog

    release = threading.Event()

    def slow(progress, cancel) -> None:
        while not release.wait(0.01):
            cancel.raise_if_cancelled()

    quick = runner.run(lambda progress, cancel: None, label="Quick")
    with qtbot.waitSignal(quick.ended, timeout=5000):
        pass
    operation = runner.run(slow, label="Importing")
    qtbot.wait(PROGRESS_DELAY_MS // 3)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
    assert not [d for d in dialogs if d.isVisible()]
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, QProgressDialog) and w.isVisible() and w.windowTitle() == "Importing"
            for w in QApplication.topLevelWidgets()
        ),
        timeout=5000,
    )
    from PySide6.QtWidgets import QPushButton

    [dialog] = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QProgressDialog) and w.isVisible()
    ]

    [button] = dialog.findChildren(QPushButton)
    assert button.text() == "Cancel"
    button.click()
    qtbot.waitUntil(lambda: not operation.running, timeout=5000)
    assert operation.cancelled
    release.set()


def test_a_newer_search_supersedes_the_older_one(qtbot: QtBot, runner) -> None:
    delivered: list[str] = []
    gate = threading.Event()

    def slow_search(progress, cancel) -> str:
        gate.wait(5)
        return "old"

    old = runner.run(slow_search, on_done=delivered.append, key="search")
    new = runner.run(lambda progress, cancel: "new", on_done=delivered.append, key="search")
    with qtbot.waitSignal(new.ended, timeout=5000):
        pass
    gate.set()
    with qtbot.waitSignal(old.ended, timeout=5000):
        pass
    assert delivered == ["new"]


def test_an_error_is_handed_to_the_ui_thread(qtbot: QtBot, runner) -> None:
    errors: list[BaseException] = []

    def broken(progress, cancel) -> None:
        raise ValueError("bad input")

    operation = runner.run(broken, on_error=errors.append)
    with qtbot.waitSignal(operation.ended, timeout=5000):
        pass
    assert [str(error) for error in errors] == ["bad input"]


def test_cancelled_work_reports_no_error(qtbot: QtBot, runner) -> None:
    errors: list[BaseException] = []

    def cancelled(progress, cancel) -> None:
        raise OperationCancelled()

    operation = runner.run(cancelled, on_error=errors.append)
    with qtbot.waitSignal(operation.ended, timeout=5000):
        pass
    assert errors == []


def test_a_shut_down_runner_refuses_work(runner) -> None:
    runner.shutdown()
    with pytest.raises(RuntimeError):
        runner.run(lambda progress, cancel: None)


def test_the_watcher_announces_own_and_outside_changes_on_the_ui_thread(
    qtbot: QtBot, runner, vocab_catalogue
) -> None:
    from kmdesk.catalogue import Catalogue
    from kmdesk.gui.watcher import CatalogueWatcher
    from tests.samples import FULL_PRODUCT

    watcher = CatalogueWatcher(vocab_catalogue, runner)
    heard: list[tuple[object, bool]] = []
    on_ui = threading.main_thread
    watcher.changed.connect(
        lambda changes: heard.append((changes, threading.current_thread() is on_ui()))
    )
    try:
        # Our own write, made on a worker thread.
        operation = runner.run(lambda progress, cancel: vocab_catalogue.products.add(FULL_PRODUCT))
        qtbot.waitUntil(lambda: len(heard) == 1, timeout=5000)
        assert heard[0][1] and heard[0][0].products
        with Catalogue.open(vocab_catalogue.folder) as other:
            added = other.products.add({**FULL_PRODUCT, "title": "Outside"})
        watcher.poll()
        qtbot.waitUntil(lambda: len(heard) == 2, timeout=5000)
        assert heard[1] == (heard[1][0], True) and heard[1][0].products == {added.id}
        del operation
    finally:
        watcher.stop()
