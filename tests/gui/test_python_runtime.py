"""kmdesk needs CPython 3.12 or newer: on 3.11, PySide6 6.12 crashes the app.

PySide6 6.12 on CPython 3.11 takes one reference off ``None`` on every Qt call that returns
nothing; after some thousands of calls the process aborts with ``Fatal Python error:
none_dealloc``. On 3.12+ ``None`` is immortal (PEP 683), so the missing reference does no harm.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

CALLS = 50_000
CHUNK = 1_000  # checked often, so that on 3.11 the test fails long before None is freed


def test_python_is_3_12_or_newer() -> None:
    assert sys.version_info >= (3, 12), (
        f"kmdesk needs Python 3.12 or newer, this is {sys.version.split()[0]}: on 3.11 "
        "PySide6 6.12 loses a reference to None on every Qt call returning nothing, and the "
        "app aborts with 'Fatal Python error: none_dealloc'. Recreate the venv with 3.12+."
    )


def test_many_qt_calls_keep_none_alive(qapp: QApplication) -> None:
    before = sys.getrefcount(None)
    for done in range(CHUNK, CALLS + 1, CHUNK):
        for _ in range(CHUNK):
            qapp.processEvents()
        after = sys.getrefcount(None)
        assert after >= before, (
            f"sys.getrefcount(None) fell from {before} to {after} after {done} calls of "
            "QApplication.processEvents(): this Python/PySide6 pair leaks references to None "
            "and the process will abort (none_dealloc); use Python 3.12 or newer."
        )
    # Reaching this line means the process survived all the calls.
    assert sys.getrefcount(None) >= before
