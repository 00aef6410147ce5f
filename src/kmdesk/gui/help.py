"""Help → Contents (F1): the offline help pages in a text browser that loads nothing remote.

The pages live in ``resources/help/<language>/index.html`` (English when the display language
has none). :class:`HelpBrowser` loads only files inside the help folder: any other resource
(``http:``, ``file:`` elsewhere, ``data:``) is refused and noted in ``refused``. Links inside the
help are followed (anchors too, with back and forward); a link leading elsewhere is not opened
but its address is shown, as text, under the page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kmdesk.gui.translation import current_language
from kmdesk.paths import resources_dir

HELP_DIR_NAME = "help"
FALLBACK_LANGUAGE = "en"


def help_root() -> Path:
    """The folder that holds the help pages, one sub-folder per language."""
    return resources_dir() / HELP_DIR_NAME


def help_page(language: str) -> Path:
    """The help's start page in ``language``, or the English one when it has none."""
    root = help_root()
    page = root / language / "index.html"
    return page if page.is_file() else root / FALLBACK_LANGUAGE / "index.html"


class HelpBrowser(QTextBrowser):
    """A text browser that reads files inside ``root`` and nothing else."""

    #: A link leading outside the help was clicked (it is not followed).
    external_link = Signal(QUrl)

    def __init__(self, root: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.root = root.resolve()
        #: Every resource the browser was asked for and refused (for tests and diagnosis).
        self.refused: list[QUrl] = []
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self.follow)

    def inside_root(self, url: QUrl) -> Path | None:
        """The help file ``url`` names (fragment aside); ``None`` for anything else."""
        if not url.isLocalFile():
            return None
        path = Path(url.toLocalFile()).resolve()
        return path if path.is_relative_to(self.root) and path.is_file() else None

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        """Read a page, style sheet or picture of the help; refuse anything else."""
        name = QUrl(name) if isinstance(name, str) else name
        url = self.source().resolved(name) if name.isRelative() else name
        path = self.inside_root(url)
        if path is None:
            self.refused.append(QUrl(name))
            return None
        if kind in (
            QTextDocument.ResourceType.HtmlResource.value,
            QTextDocument.ResourceType.StyleSheetResource.value,
            QTextDocument.ResourceType.MarkdownResource.value,
        ):
            return path.read_text(encoding="utf-8")
        return path.read_bytes()

    def follow(self, url: QUrl) -> None:
        """Open a link of the help (or its anchor); announce, and do not open, any other."""
        target = self.source().resolved(url) if url.isRelative() else url
        if self.inside_root(target):
            self.setSource(target)
        else:
            self.external_link.emit(url)


class HelpWindow(QWidget):
    """The help pages with back, forward, home and find; opens in the display language."""

    def __init__(
        self, language: str | None = None, parent: QWidget | None = None, anchor: str = ""
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.language = language or current_language()
        self.browser = HelpBrowser(help_root(), self)
        self.back_button = QToolButton(self)
        self.forward_button = QToolButton(self)
        self.home_button = QToolButton(self)
        style = self.style()
        self.back_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.forward_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward))
        self.back_button.clicked.connect(self.browser.backward)
        self.forward_button.clicked.connect(self.browser.forward)
        self.home_button.clicked.connect(self.go_home)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.browser.forwardAvailable.connect(self.forward_button.setEnabled)
        self.back_button.setEnabled(False)
        self.forward_button.setEnabled(False)
        self.find_edit = QLineEdit(self)
        self.find_edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * 30)
        self.find_edit.returnPressed.connect(self.find_next)
        self.link_label = QLabel(self)
        self.link_label.setWordWrap(True)
        self.link_label.setTextFormat(Qt.TextFormat.PlainText)
        self.link_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.link_label.hide()
        self.browser.external_link.connect(self._show_external)

        bar = QHBoxLayout()
        bar.addWidget(self.back_button)
        bar.addWidget(self.forward_button)
        bar.addWidget(self.home_button)
        bar.addStretch(1)
        bar.addWidget(self.find_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.link_label)

        for sequence, slot in (
            (QKeySequence.StandardKey.Find, self._focus_find),
            (QKeySequence.StandardKey.FindNext, self.find_next),
            (QKeySequence.StandardKey.Back, self.browser.backward),
            (QKeySequence.StandardKey.Forward, self.browser.forward),
            (QKeySequence.StandardKey.Close, self.close),
        ):
            QShortcut(QKeySequence(sequence), self, slot)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 100, metrics.height() * 40)
        self.retranslate()
        self.go_home(anchor)

    def go_home(self, anchor: str = "") -> None:
        """Show the start page (at ``anchor`` when given) in the window's language."""
        url = QUrl.fromLocalFile(str(help_page(self.language)))
        if anchor:
            url.setFragment(anchor)
        self.browser.setSource(url)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(self.tr("kmdesk Help"))
        self.back_button.setToolTip(self.tr("Back"))
        self.back_button.setAccessibleName(self.tr("Back"))
        self.forward_button.setToolTip(self.tr("Forward"))
        self.forward_button.setAccessibleName(self.tr("Forward"))
        self.home_button.setText(self.tr("Contents"))
        self.home_button.setToolTip(self.tr("Back to the contents"))
        self.home_button.setAccessibleName(self.tr("Contents"))
        self.find_edit.setPlaceholderText(self.tr("Find in help"))
        self.find_edit.setAccessibleName(self.tr("Find in help"))
        self.find_edit.setToolTip(self.tr("Find a word in this page (Ctrl+F, then Enter or F3)"))
        self.browser.setAccessibleName(self.tr("Help page"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if current_language() != self.language:
                self.language = current_language()
                self.go_home()
        super().changeEvent(event)

    def _focus_find(self) -> None:
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def find_next(self) -> bool:
        """Select the next occurrence of the find text, wrapping round; whether one was found."""
        needle = self.find_edit.text()
        if not needle:
            return False
        if self.browser.find(needle):
            return True
        cursor = self.browser.textCursor()
        cursor.movePosition(cursor.MoveOperation.Start)
        self.browser.setTextCursor(cursor)
        return self.browser.find(needle)

    def _show_external(self, url: QUrl) -> None:
        self.link_label.setText(
            self.tr(
                "This link leads outside kmdesk and is not opened (kmdesk works offline): %1"
            ).replace("%1", url.toString())
        )
        self.link_label.show()
