"""Help → About: what kmdesk is, its version and licence, and what it runs on."""

from __future__ import annotations

import platform

import PySide6
from PySide6.QtCore import QEvent, Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from kmdesk import __version__

LICENCE = "MIT"


class AboutDialog(QDialog):
    """The name, version, a one-line description, the licence and the versions it runs on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name_label = QLabel("kmdesk", self)
        name_font = self.name_label.font()
        name_font.setPointSizeF(name_font.pointSizeF() * 1.8)
        name_font.setBold(True)
        self.name_label.setFont(name_font)
        self.version_label = QLabel(self)
        self.description_label = QLabel(self)
        self.licence_label = QLabel(self)
        self.runtime_label = QLabel(self)
        self.offline_label = QLabel(self)
        for label in (
            self.version_label,
            self.description_label,
            self.licence_label,
            self.runtime_label,
            self.offline_label,
        ):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        offline_font = self.offline_label.font()
        offline_font.setBold(True)
        self.offline_label.setFont(offline_font)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.name_label)
        layout.addWidget(self.version_label)
        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(self.description_label)
        layout.addWidget(self.offline_label)
        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(self.licence_label)
        layout.addWidget(self.runtime_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(self.tr("About kmdesk"))
        self.version_label.setText(self.tr("Version %1").replace("%1", __version__))
        self.description_label.setText(
            self.tr(
                "An offline-first catalogue of the knowledge products of civil-society "
                "partnerships: search them, read them, curate them and share them in bundles."
            )
        )
        self.offline_label.setText(
            self.tr("kmdesk never makes a network connection: everything stays on this computer.")
        )
        self.licence_label.setText(
            self.tr("Free software under the %1 licence.").replace("%1", LICENCE)
        )
        self.runtime_label.setText(
            self.tr("Qt %1 · PySide6 %2 · Python %3")
            .replace("%1", qVersion())
            .replace("%2", PySide6.__version__)
            .replace("%3", platform.python_version())
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
