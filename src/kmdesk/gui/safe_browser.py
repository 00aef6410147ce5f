"""A text browser for untrusted text (product summaries): it shows, it never fetches.

Summaries arrive from partners and bundles, so they may hold hostile HTML: an ``<img>`` pointing at
a tracking server, a ``file:`` link to a private file, a script. :class:`SafeBrowser` defends in
two independent layers:

1. **Sanitising** (:func:`sanitise_html`, with ``nh3``, the Ammonia sanitiser): only a few
   structural tags survive (paragraphs, lists, emphasis, headings, code, quotes, links); ``img``,
   ``style``, ``script``, ``iframe``, every ``style=`` and event attribute go; a link keeps its
   ``href`` only when it is an absolute ``http``, ``https`` or ``mailto`` URL.
2. **No loading**: the browser's document (:class:`SafeDocument`) and the browser itself answer
   every resource request (http, https, file, data, qrc, relative...) with nothing (a blank
   image for images), and record it in :attr:`SafeBrowser.resource_requests`; Qt's own fallbacks
   (reading local files, decoding ``data:`` URLs, its image handler loading an image's name as a
   path) are never reached. Links are never followed by Qt: a click emits
   :attr:`SafeBrowser.link_requested`, and only ``http``, ``https`` and ``mailto`` links are then
   handed to the system, after the user confirmed the full target; anything else is refused with
   a message.

Markdown (:meth:`SafeBrowser.set_markdown_safely`) is converted by Qt's own Markdown reader (with
raw HTML disabled) in a :class:`SafeDocument`, turned into HTML, and that HTML goes through the
same sanitiser. Sanitising *after* the conversion is what makes it safe: Markdown has its own
syntax for images and links (``![](http://…)``, ``[x](file:///…)``) that an HTML sanitiser run
on the Markdown source would not see.
"""

from __future__ import annotations

import html
import re
from typing import Any

import nh3
from PySide6.QtCore import QByteArray, QCoreApplication, QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QMessageBox, QTextBrowser, QWidget

#: Tags kept by the sanitiser; everything else is removed (its text kept, except below).
ALLOWED_TAGS: frozenset[str] = frozenset(
    {"p", "br", "em", "strong", "ul", "ol", "li", "a", "code", "pre", "blockquote"}
    | {f"h{level}" for level in range(1, 7)}
)
#: Tags removed together with their content.
REMOVED_WITH_CONTENT: frozenset[str] = frozenset(
    {"script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math"}
)
#: The only URL schemes a link may have, in the document and when opened.
OPENABLE_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_LOOKS_LIKE_HTML = re.compile(
    r"<\s*/?\s*(p|br|a|ul|ol|li|em|strong|b|i|u|div|span|h[1-6]|img|script|style|iframe|"
    r"table|blockquote|pre|code|object|embed|svg|html|body)\b[^>]*>",
    re.IGNORECASE,
)
_PLAIN_URL = re.compile(r"\bhttps?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")
_QT_SPAN = re.compile(r'<span style="([^"]*)">(.*?)</span>', re.DOTALL)


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    """nh3's attribute filter: an ``href`` survives only as an absolute openable URL."""
    if tag == "a" and attribute == "href":
        match = _SCHEME.match(value.strip())
        if match is None or match.group(1).lower() not in OPENABLE_SCHEMES:
            return None
        return value.strip()
    return None


def sanitise_html(markup: str) -> str:
    """``markup`` reduced to :data:`ALLOWED_TAGS`, links to absolute http/https/mailto URLs."""
    return nh3.clean(
        markup,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes={"a": {"href"}},
        attribute_filter=_keep_attribute,
        url_schemes=set(OPENABLE_SCHEMES),
        strip_comments=True,
        link_rel=None,
    )


def plain_text_html(text: str) -> str:
    """Plain text as HTML: escaped, blank lines starting paragraphs, web addresses as links."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]
    rendered = []
    for paragraph in paragraphs:
        if not paragraph:
            continue
        pieces: list[str] = []
        last = 0
        for match in _PLAIN_URL.finditer(paragraph):
            pieces.append(html.escape(paragraph[last : match.start()]))
            url = html.escape(match.group(0))
            pieces.append(f'<a href="{url}">{url}</a>')
            last = match.end()
        pieces.append(html.escape(paragraph[last:]))
        rendered.append("<p>" + "".join(pieces).replace("\n", "<br>") + "</p>")
    return "".join(rendered)


def looks_like_html(text: str) -> bool:
    """Whether ``text`` holds HTML tags (a summary imported from a web page) or is plain text."""
    return _LOOKS_LIKE_HTML.search(text) is not None


def _semantic_spans(qt_html: str) -> str:
    """Qt's ``toHtml()`` styles bold/italic/code with ``<span style>``: make them tags again.

    The sanitiser drops every ``style``; without this, Markdown emphasis would be lost. Qt writes
    one flat span per text fragment, so a non-greedy match is enough; whatever this produces is
    sanitised afterwards, so a mistake here can only lose formatting, never add danger.
    """

    def replace(match: re.Match[str]) -> str:
        style, content = match.group(1), match.group(2)
        if re.search(r"font-family:[^;]*mono", style, re.IGNORECASE):
            content = f"<code>{content}</code>"
        if re.search(r"font-style:\s*italic", style):
            content = f"<em>{content}</em>"
        weight = re.search(r"font-weight:\s*(\d+|bold)", style)
        if weight is not None and (weight.group(1) == "bold" or int(weight.group(1)) >= 600):
            content = f"<strong>{content}</strong>"
        return content

    return _QT_SPAN.sub(replace, qt_html)


#: Requests recorded per document at most (a document asks again at every repaint).
MAX_RECORDED_REQUESTS = 1000


def refused_resource(record: list[QUrl], kind: int, url: QUrl | str) -> Any:
    """What a refused resource request gets: nothing usable, and never a null value.

    An image gets a blank 1×1 image rather than nothing: when a document's answer is not an
    image, Qt's image handler falls back to reading the image's name as a local path itself
    (``QImage::load``), which would show a local file. Other kinds get empty bytes.
    """
    if len(record) < MAX_RECORDED_REQUESTS:
        record.append(QUrl(url))
    if kind == QTextDocument.ResourceType.ImageResource.value:
        blank = QImage(1, 1, QImage.Format.Format_ARGB32)
        blank.fill(Qt.GlobalColor.transparent)
        return blank
    return QByteArray()


class SafeDocument(QTextDocument):
    """A text document that loads no resource at all (images, style sheets, anything).

    Qt's :meth:`QTextDocument.loadResource` would otherwise ask its browser, then decode
    ``data:`` URLs and read local files by itself; this one answers every request with nothing
    usable (:func:`refused_resource`) and records the URL in :attr:`resource_requests`.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.resource_requests: list[QUrl] = []
        self.setBaseUrl(QUrl())

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        """Refuse: record the request and return an empty value (never a null one)."""
        return refused_resource(self.resource_requests, type, name)


class SafeBrowser(QTextBrowser):
    """Shows sanitised HTML, Markdown or plain text; never loads anything, never follows links."""

    #: A link was clicked (whatever its scheme); handled as :meth:`handle_link` says.
    link_requested = Signal(QUrl)
    #: A link was refused (scheme not openable, or the user declined); the URL and why.
    link_refused = Signal(QUrl, str)
    #: A link was handed to the system's handler (browser, mail program).
    link_opened = Signal(QUrl)

    def __init__(self, parent: QWidget | None = None, *, confirm_links: bool = True) -> None:
        super().__init__(parent)
        #: Whether clicked links are handled here (confirm, then open); when False, only
        #: :attr:`link_requested` is emitted and the owner decides.
        self.handle_links = True
        #: Ask the user before handing an http/https/mailto link to the system.
        self.confirm_links = confirm_links
        self._own_requests: list[QUrl] = []
        self._safe_document = SafeDocument(self)
        self.setDocument(self._safe_document)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])
        self.setReadOnly(True)
        self.setAcceptDrops(False)
        self.anchorClicked.connect(self._anchor_clicked)

    # -- what was asked for ------------------------------------------------------------------

    @property
    def resource_requests(self) -> list[QUrl]:
        """Every resource this browser or its document was asked to load (none was loaded)."""
        return [*self._own_requests, *self._safe_document.resource_requests]

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        """Refuse every resource, whatever its scheme; the request is recorded."""
        return refused_resource(self._own_requests, type, name)

    def doSetSource(
        self,
        name: QUrl | str,
        /,
        type: QTextDocument.ResourceType = QTextDocument.ResourceType.UnknownResource,
    ) -> None:
        """Never navigate: a source would be loaded from a URL."""
        self._own_requests.append(QUrl(name))

    def setDocument(self, document: QTextDocument) -> None:
        """Only a :class:`SafeDocument` may be shown (another would load resources itself)."""
        if not isinstance(document, SafeDocument):
            raise TypeError("SafeBrowser shows only a SafeDocument")
        self._safe_document = document
        super().setDocument(document)

    # -- content -----------------------------------------------------------------------------

    def set_html_safely(self, markup: str) -> None:
        """Show ``markup`` after :func:`sanitise_html`."""
        self.setHtml(sanitise_html(markup))

    def set_plain_text_safely(self, text: str) -> None:
        """Show plain text: escaped, paragraphs kept, web addresses as (confirmed) links."""
        self.setHtml(sanitise_html(plain_text_html(text)))

    def set_markdown_safely(self, text: str) -> None:
        """Show Markdown: converted by Qt (raw HTML off), then sanitised like any HTML."""
        scratch = SafeDocument()
        scratch.setMarkdown(
            text,
            QTextDocument.MarkdownFeature.MarkdownDialectGitHub
            | QTextDocument.MarkdownFeature.MarkdownNoHTML,
        )
        converted = _semantic_spans(scratch.toHtml())
        self._safe_document.resource_requests.extend(scratch.resource_requests)
        self.setHtml(sanitise_html(converted))

    def set_summary(self, text: str) -> None:
        """Show a product summary: HTML when it holds tags, plain text otherwise."""
        if looks_like_html(text):
            self.set_html_safely(text)
        else:
            self.set_plain_text_safely(text)

    # -- links -------------------------------------------------------------------------------

    @Slot(QUrl)
    def _anchor_clicked(self, url: QUrl) -> None:
        self.link_requested.emit(url)
        if self.handle_links:
            self.handle_link(url)

    def handle_link(self, url: QUrl) -> bool:
        """Open ``url`` with the system after confirmation, or refuse it; whether it was opened."""
        return open_link_with_confirmation(self, url, confirm=self.confirm_links, browser=self)


def open_link_with_confirmation(
    parent: QWidget, url: QUrl, *, confirm: bool = True, browser: SafeBrowser | None = None
) -> bool:
    """Hand ``url`` to the system if it is http/https/mailto and the user agrees.

    Any other scheme (``file:``, ``javascript:``, relative...) is refused with a message naming
    it. Shared by :class:`SafeBrowser` and labels that show a product's URL or DOI.
    """
    shown = url.toDisplayString()
    scheme = url.scheme().lower()
    if scheme not in OPENABLE_SCHEMES or url.isRelative() or not url.isValid():
        reason = QCoreApplication.translate(
            "SafeBrowser", "This link was not opened: only web (http, https) and e-mail links are."
        )
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("SafeBrowser", "Link refused"),
            f"{reason}\n\n{shown}",
        )
        if browser is not None:
            browser.link_refused.emit(url, reason)
        return False
    if confirm:
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("SafeBrowser", "Open link?"),
            QCoreApplication.translate("SafeBrowser", "Open this address outside kmdesk?")
            + f"\n\n{shown}",
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Open:
            if browser is not None:
                browser.link_refused.emit(
                    url, QCoreApplication.translate("SafeBrowser", "The user did not open it.")
                )
            return False
    opened = QDesktopServices.openUrl(url)
    if browser is not None and opened:
        browser.link_opened.emit(url)
    return bool(opened)
