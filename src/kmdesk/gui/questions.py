"""Asking the user a yes-or-no question and telling them something, in one wording each.

Views that ask keep a method or a module name around these (``confirm``,
``bundle_import.ask_yes_no``) that tests replace, so no test waits on a modal box.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def ask_yes_no(parent: QWidget | None, title: str, question: str) -> bool:
    """Ask a question with Yes and No (No is the default); True for Yes."""
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def inform(parent: QWidget | None, title: str, text: str, *, warning: bool = False) -> None:
    """Tell the user something that finished (or could not be done)."""
    if warning:
        QMessageBox.warning(parent, title, text)
    else:
        QMessageBox.information(parent, title, text)
