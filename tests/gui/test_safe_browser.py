"""Hostile summaries load nothing, and only confirmed http/https/mailto links leave the app."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QImage, QPixmap, QTextCursor, QTextDocument
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from kmdesk.gui.safe_browser import SafeBrowser, sanitise_html

HOSTILE = """<p style="background:url(http://example.org/bg.png)">Before
<img src="http://example.org/x.png" alt="tracker">
<script>alert('script ran')</script>
<a href="file:///etc/passwd">password file</a>
<a href="javascript:alert(1)">js link</a>
<iframe src="http://example.org/frame">framed</iframe>
<link rel="stylesheet" href="http://example.org/s.css">
<a href="https://example.org/ok" onclick="alert(2)">good link</a>
<span style="color:red" onmouseover="alert(3)">After</span></p>"""


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """What would have been handed to the system (nothing really is)."""
    calls: list[QUrl] = []

    def record(url: QUrl) -> bool:
        calls.append(QUrl(url))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(record))
    return calls


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Message boxes answered without showing them; ``answer`` is what ``question`` returns."""
    seen: dict[str, Any] = {
        "warning": [],
        "question": [],
        "answer": QMessageBox.StandardButton.Open,
    }

    def warning(_parent: object, title: str, text: str, *_args: object) -> Any:
        seen["warning"].append(text)
        return QMessageBox.StandardButton.Ok

    def question(_parent: object, title: str, text: str, *_args: object) -> Any:
        seen["question"].append(text)
        return seen["answer"]

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return seen


def _browser(qtbot: QtBot) -> SafeBrowser:
    browser = SafeBrowser()
    qtbot.addWidget(browser)
    browser.resize(500, 400)
    browser.show()
    return browser


def _png(path: Path) -> bytes:
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    assert image.save(str(path))
    return path.read_bytes()


def _is_image(value: object) -> bool:
    if isinstance(value, QPixmap | QImage):
        return not value.isNull() and value.width() > 1
    if isinstance(value, bytes | QByteArray) and len(value):
        return not QImage.fromData(value).isNull()
    return False


def test_sanitiser_keeps_structure_and_drops_everything_that_loads_or_runs() -> None:
    cleaned = sanitise_html(HOSTILE)
    for gone in ("<img", "script", "alert", "iframe", "framed", "style", "file:", "javascript"):
        assert gone not in cleaned
    assert "stylesheet" not in cleaned and "onclick" not in cleaned
    assert '<a href="https://example.org/ok">good link</a>' in cleaned
    assert "password file" in cleaned  # the text stays, the link goes
    assert sanitise_html('<a href="relative/page.html">x</a>') == "<a>x</a>"
    assert sanitise_html('<a href="mailto:km@example.org">m</a>').startswith('<a href="mailto:')


def test_a_hostile_summary_loads_nothing(qtbot: QtBot) -> None:
    browser = _browser(qtbot)
    browser.set_summary(HOSTILE)
    browser.grab()  # lay out and paint: the moment images would be fetched
    assert browser.resource_requests == []
    shown = browser.toHtml()
    assert "<img" not in shown and "script" not in shown and "alert" not in shown
    assert "file:" not in shown and "javascript:" not in shown and "example.org/x.png" not in shown
    assert "good link" in browser.toPlainText()


def test_even_unsanitised_markup_gets_no_resource(qtbot: QtBot, tmp_path: Path) -> None:
    """The second layer: the document answers every request with nothing, local files too."""
    secret = tmp_path / "secret.png"
    data = _png(secret)
    data_url = "data:image/png;base64," + base64.b64encode(data).decode()
    sources = [
        QUrl.fromLocalFile(str(secret)).toString(),
        data_url,
        "qrc:/qt-project.org/styles/commonstyle/images/up-16.png",
        "http://example.org/x.png",
        "secret.png",
    ]
    markup = "".join(f'<img src="{source}">' for source in sources)

    control = QTextDocument()  # Qt's own document reads the local file and the data: URL
    control.setHtml(markup)
    loaded = control.resource(
        QTextDocument.ResourceType.ImageResource.value, QUrl.fromLocalFile(str(secret))
    )
    assert _is_image(loaded)

    browser = _browser(qtbot)
    browser.document().setHtml(markup)  # bypassing the sanitiser on purpose
    browser.grab()
    requested = {url.toString() for url in browser.resource_requests}
    assert requested >= {QUrl(source).toString() for source in sources}
    for source in sources:
        value = browser.document().resource(
            QTextDocument.ResourceType.ImageResource.value, QUrl(source)
        )
        assert isinstance(value, QImage) and value.width() == 1, source  # the blank stand-in
        assert value.pixelColor(0, 0).alpha() == 0, source


def test_links_are_never_followed_by_qt(qtbot: QtBot, opened: list[QUrl]) -> None:
    browser = _browser(qtbot)
    assert not browser.openLinks() and not browser.openExternalLinks()
    with pytest.raises(TypeError):
        browser.setDocument(QTextDocument())


def test_a_file_or_javascript_link_is_refused_with_a_message(
    qtbot: QtBot, opened: list[QUrl], dialogs: dict[str, Any]
) -> None:
    browser = _browser(qtbot)
    for target in ("file:///etc/passwd", "javascript:alert(1)", "relative/page.html"):
        with (
            qtbot.waitSignal(browser.link_refused) as refused,
            qtbot.waitSignal(browser.link_requested) as requested,
        ):
            browser.anchorClicked.emit(QUrl(target))
        assert requested.args[0] == QUrl(target)
        assert refused.args[0] == QUrl(target)
    assert opened == []
    assert dialogs["question"] == []
    assert len(dialogs["warning"]) == 3 and "file:///etc/passwd" in dialogs["warning"][0]


def test_a_web_link_opens_only_after_the_user_confirms_its_full_target(
    qtbot: QtBot, opened: list[QUrl], dialogs: dict[str, Any]
) -> None:
    target = "https://example.org/report?id=42"
    browser = _browser(qtbot)
    browser.set_html_safely(f'<p><a href="{target}">the report</a> and more text</p>')
    cursor = QTextCursor(browser.document())
    cursor.setPosition(2)
    point = browser.cursorRect(cursor).center()

    dialogs["answer"] = QMessageBox.StandardButton.Cancel
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert len(dialogs["question"]) == 1 and target in dialogs["question"][0]
    assert opened == []

    dialogs["answer"] = QMessageBox.StandardButton.Open
    with qtbot.waitSignal(browser.link_opened):
        qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert opened == [QUrl(target)]


def test_a_click_in_plain_text_opens_nothing(
    qtbot: QtBot, opened: list[QUrl], dialogs: dict[str, Any]
) -> None:
    browser = _browser(qtbot)
    browser.set_plain_text_safely("No link here.")
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert opened == [] and dialogs["question"] == [] and dialogs["warning"] == []


def test_plain_text_is_escaped_with_its_paragraphs(qtbot: QtBot) -> None:
    browser = _browser(qtbot)
    browser.set_plain_text_safely("First <b>not bold</b>\nline two.\n\nSecond paragraph.")
    assert browser.toPlainText().startswith("First <b>not bold</b>")
    assert browser.document().blockCount() >= 2
    assert "font-weight:700" not in browser.toHtml()


def test_markdown_is_converted_then_sanitised(qtbot: QtBot, tmp_path: Path) -> None:
    browser = _browser(qtbot)
    secret = tmp_path / "secret.png"
    _png(secret)
    local = QUrl.fromLocalFile(str(secret)).toString()
    browser.set_markdown_safely(
        "# Heading\n\nSome **bold** words and a [web page](https://example.org/p).\n\n"
        f"![tracker](http://example.org/x.png) ![local]({local})"
        " [secret](file:///etc/passwd) <script>alert(1)</script>\n\n- one\n- two\n"
    )
    browser.grab()
    shown = browser.toHtml()
    assert browser.resource_requests == []
    assert "<img" not in shown and "file:" not in shown and "x.png" not in shown
    assert 'href="https://example.org/p"' in shown
    assert "font-weight:700" in shown  # **bold** survived the sanitiser as <strong>
    assert "Heading" in browser.toPlainText() and "two" in browser.toPlainText()
