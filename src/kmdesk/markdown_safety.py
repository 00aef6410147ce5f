"""Notes written in Markdown, made into HTML that is safe to show.

Notes come from partners' bundles as well as from the user: their text is untrusted. A note is
converted by markdown-it-py (CommonMark) with raw HTML **off** (``<script>`` typed in a note is
shown as text, never run) and images off (``![alt](src)`` becomes a link to ``src``, shown as
such), then every link is checked and the result is sanitised by nh3 (the same sanitiser that
guards summaries) to a few structural tags:

* no scripts, event handlers, styles, classes, ids, forms, frames, SVG or MathML: only
  paragraphs, line breaks, emphasis, lists, block quotes, headings, rules, code and links
  survive, without attributes (links keep ``href`` alone, and get ``rel="noopener noreferrer
  nofollow"``);
* **no images from anywhere**: nothing in the output loads a resource;
* **links** only to ``http``, ``https`` and ``mailto`` addresses, each followed by its target in
  parentheses when the link's text is something else (so ``[our site](http://evil.example)``
  reads "our site (http://evil.example)"); any other link (``javascript:``, ``data:``,
  ``file:``, relative) is reduced to its text. Whoever shows the HTML opens links only after
  the user confirmed the target (``kmdesk.gui.safe_browser``).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import nh3

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

#: Tags a rendered note may hold.
ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "em",
        "strong",
        "ul",
        "ol",
        "li",
        "blockquote",
        "code",
        "pre",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "a",
    }
)
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
_ATTRIBUTES = {"a": {"href"}}


@cache
def _markdown() -> MarkdownIt:
    """The Markdown parser, made on first use (importing markdown-it takes ~40 ms: not at the
    app's start)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).disable("image")


def safe_link(href: str) -> bool:
    """Whether a link may be kept: an absolute ``http``, ``https`` or ``mailto`` address."""
    if any(ord(c) < 0x20 or c.isspace() for c in href):
        return False
    try:
        parts = urlsplit(href)
    except ValueError:
        return False
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        return False
    return bool(parts.path) if parts.scheme.lower() == "mailto" else bool(parts.netloc)


def _link_text(children: list[Token], start: int) -> tuple[str, int]:
    """The visible text of the link opened at ``children[start]``, and where it closes."""
    text = []
    index = start + 1
    depth = 1
    while index < len(children):
        token = children[index]
        if token.type == "link_open":
            depth += 1
        elif token.type == "link_close":
            depth -= 1
            if depth == 0:
                break
        elif token.type in ("text", "code_inline"):
            text.append(token.content)
        index += 1
    return "".join(text), index


def _checked_links(children: list[Token]) -> list[Token]:
    """Inline tokens with unsafe links reduced to their text and targets shown after links."""
    result: list[Token] = []
    index = 0
    while index < len(children):
        token = children[index]
        if token.type != "link_open":
            result.append(token)
            index += 1
            continue
        href = str(token.attrGet("href") or "")
        text, close = _link_text(children, index)
        inner = children[index + 1 : close]
        if safe_link(href):
            token.attrs = {"href": href}
            result += [token, *_checked_links(inner)]
            if close < len(children):
                result.append(children[close])
            shown = href[len("mailto:") :] if href.lower().startswith("mailto:") else href
            if text.strip() not in (href, shown):
                from markdown_it.token import Token

                target = Token("text", "", 0)
                target.content = f" ({href})"
                result.append(target)
        else:
            result += _checked_links(inner)
        index = close + 1
    return result


def render_note(markdown: str) -> str:
    """A note's Markdown as sanitised HTML (see the module's rules)."""
    parser = _markdown()
    tokens = parser.parse(markdown or "")
    for token in tokens:
        if token.type == "inline" and token.children:
            token.children = _checked_links(token.children)
    html = parser.renderer.render(tokens, parser.options, {})
    return sanitise_html(html)


def note_text(markdown: str) -> str:
    """What a note reads as, without its Markdown: the words of its paragraphs, one a line
    (for snippets and plain lists). Link targets and raw markup are left out."""
    lines: list[str] = []
    for token in _markdown().parse(markdown or ""):
        if token.type == "inline":
            words = [
                " " if child.type in ("softbreak", "hardbreak") else child.content
                for child in token.children or []
                if child.type in ("text", "code_inline", "softbreak", "hardbreak")
            ]
            lines.append(" ".join("".join(words).split()))
        elif token.type in ("code_block", "fence"):
            lines.append(" ".join(token.content.split()))
    return "\n".join(line for line in lines if line)


def _attribute_filter(tag: str, attribute: str, value: str) -> Any:
    if tag == "a" and attribute == "href" and not safe_link(value):
        return None
    return value


def sanitise_html(html: str) -> str:
    """HTML reduced to :data:`ALLOWED_TAGS`, links to :data:`ALLOWED_SCHEMES`, nothing that
    loads, runs or styles (the content of ``script`` and ``style`` goes too)."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in _ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        attribute_filter=_attribute_filter,
    )
