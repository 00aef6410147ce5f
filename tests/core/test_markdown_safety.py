"""Notes rendered from Markdown: hostile snippets come out without anything that runs, loads,
styles or leads somewhere unsaid."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from kmdesk.markdown_safety import ALLOWED_TAGS, render_note, safe_link

HOSTILE = [
    "<script>alert(1)</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<img src="x" onerror="alert(1)">',
    '<a href="#" onclick="alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](&#x6A;&#x61;vascript&#58;alert(1))",
    "[click](java\tscript:alert(1))",
    "[click]( javascript:alert(1))",
    "<javascript:alert(1)>",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![tracker](https://evil.example/pixel.png)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style>",
    '<p style="color:white;font-size:0">hidden</p>',
    "<style>body{display:none}</style>",
    '<iframe src="https://evil.example"></iframe>',
    '<form action="https://evil.example"><input name="q"></form>',
    "[ref]\n\n[ref]: javascript:alert(1)",
    '[x](https://ok.example "title" onmouseover="alert(1)")',
    "<!-- <script>alert(1)</script> -->",
    '<div><a href="vbscript:msgbox(1)">v</a></div>',
    "[file](file:///etc/passwd)",
    '<object data="https://evil.example/x.swf"></object>',
    "```\n</code><script>alert(1)</script>\n```",
]


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Collect()
    parser.feed(html)
    return parser.tags


@pytest.mark.parametrize("snippet", HOSTILE)
def test_hostile_snippets_come_out_harmless(snippet: str) -> None:
    html = render_note(snippet)
    for tag, attrs in _elements(html):
        assert tag in ALLOWED_TAGS, (tag, html)
        for name, value in attrs:
            if tag == "a" and name == "href":
                assert value is not None and safe_link(value), html
            else:
                assert (tag, name) == ("a", "rel"), html
    lowered = html.lower()
    for forbidden in ("<script", "<img", "<svg", "<style", "<iframe", "<object", "<form"):
        assert forbidden not in lowered, html  # typed as text, it is shown escaped: "&lt;"
    assert 'href="javascript' not in lowered and 'href="data' not in lowered


def test_ordinary_notes_keep_their_structure_and_links_show_their_target() -> None:
    html = render_note(
        "Read **step 2**, then *step 3*:\n\n- one\n- two\n\n`code` and "
        "[the guide](https://civic-ledger.example/guide) or <https://a.example/x> or "
        "[write](mailto:awa@cegol.example)"
    )
    assert "<strong>step 2</strong>" in html and "<em>step 3</em>" in html
    assert "<ul>\n<li>one</li>" in html and "<code>code</code>" in html
    assert (
        '<a href="https://civic-ledger.example/guide" rel="noopener noreferrer nofollow">'
        "the guide</a> (https://civic-ledger.example/guide)" in html
    )
    assert ">https://a.example/x</a> or" in html, "a link showing its target is not repeated"
    assert "(mailto:awa@cegol.example)" in html
    assert render_note("[click](javascript:alert(1))") == "<p>[click](javascript:alert(1))</p>\n"
    assert "evil.example/pixel.png" in render_note("![t](https://evil.example/pixel.png)")


def test_a_note_as_plain_text_keeps_its_words_not_its_markup() -> None:
    from kmdesk.markdown_safety import note_text

    text = note_text(
        "# Heading\n\nUse **step 3** with `ward` councils,\nsee [the guide](https://x.example).\n\n"
        "- one\n- two <script>alert(1)</script>\n\n```\ncode here\n```"
    )
    assert text.splitlines() == [
        "Heading",
        "Use step 3 with ward councils, see the guide.",
        "one",
        "two <script>alert(1)</script>",
        "code here",
    ]
