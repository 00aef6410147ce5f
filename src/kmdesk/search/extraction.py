"""Text extraction from attachments, for the full-text index.

Attachments arrive from partners and bundles: a file may be scanned, encrypted, truncated by a
bad download or deliberately hostile. Extraction therefore never raises for a file's content:
:func:`extract_file` returns an :class:`Extraction` whose ``status`` says what happened and whose
``message`` tells people why there is no text. The statuses, as people see them
(:func:`status_label`):

* ``"ok"``: *text* was extracted;
* ``"no-text"``: *no text layer*: a scanned PDF (pages, but no letters on them), an empty file;
* ``"encrypted"``: *encrypted with a password*: a PDF that asks for a password to open. PDFs that
  are only print- or copy-protected (an empty user password, RC4 or AES) open in every viewer,
  and are read here too (pypdf decrypts AES with ``cryptography``);
* ``"error"``: *broken*: the file cannot be read (damaged, truncated, not what its type says);
* ``"unsupported"``: a type whose text is not extracted (an image, a spreadsheet); not an error.

A PDF with junk before its ``%PDF-`` header (an e-mail gateway or a download script prepends a
few lines) is read from the header on, as PDF viewers do. Digits that PDF text extraction glued to
the next word (``10Allgäu``) are separated from it, see :func:`split_glued_numbers`.

Results are cached by SHA-256 in a :class:`TextCache`, so an unchanged file is extracted once,
even across starts, and two attachments with the same content share one entry; the status is
stored beside the text, so showing it (``kmdesk show``, ``kmdesk check``) costs no second
extraction (:func:`cached_extraction`). Failures are cached too (a broken file is not retried
every start); every entry records :data:`EXTRACTOR_VERSION`, and entries made by another version
are ignored, so improving the extractors re-extracts everything once.

Formats: PDF (pypdf), DOCX (``word/document.xml`` read with defusedxml), HTML (stdlib parser) and
plain text (UTF-8, then cp1252, then latin-1). Other types are ``"unsupported"``, which is not an
error. Text is normalised to NFC (PDFs often decompose accents), so that the index matches what
people type.
"""

from __future__ import annotations

import codecs
import errno
import gzip
import io
import json
import logging
import os
import re
import threading
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any, Literal, get_args

import defusedxml.ElementTree as SafeElementTree

from kmdesk.attachments import sha256_of
from kmdesk.files import write_atomically
from kmdesk.i18n import _, ngettext
from kmdesk.progress import CancelToken, Progress, ProgressUpdate, no_progress

#: Stored in each cache entry; bump it whenever extraction gives different text for a file.
#: 2: status "encrypted" (was "error"), PDFs read from a header after junk, glued digits split.
EXTRACTOR_VERSION = 3

ExtractionStatus = Literal["ok", "no-text", "encrypted", "error", "unsupported"]
_STATUSES: frozenset[str] = frozenset(get_args(ExtractionStatus))

_Kind = Literal["pdf", "docx", "html", "text"]

_DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_KIND_BY_MEDIA_TYPE: dict[str, _Kind] = {
    "application/pdf": "pdf",
    "application/x-pdf": "pdf",
    _DOCX_MEDIA_TYPE: "docx",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "text",
    "text/x-markdown": "text",
    "text/csv": "text",
}
_KIND_BY_SUFFIX: dict[str, _Kind] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".csv": "text",
}

_DEFAULT_MAX_CHARS = 2_000_000
#: A PDF with fewer letters than this per page (at most 200 in all) is taken as scanned.
_MIN_LETTERS_PER_PAGE = 8
_MIN_LETTERS_IN_ALL = 200
#: A PDF header is looked for in this many first bytes (what Acrobat accepts).
_PDF_HEADER_WINDOW = 1024
_PDF_HEADER = re.compile(rb"%PDF-[0-9]")
#: Larger markup than this (DOCX's document.xml, an HTML file) is refused or cut: zip bombs.
_MAX_MARKUP_BYTES = 50 * 1024 * 1024
_READ_CHUNK = 1 << 16
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_MESSAGE_DETAIL_CHARS = 160

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Extraction:
    """The text of one file's content, or why there is none.

    ``text`` is empty unless ``status`` is ``"ok"``; ``message`` is empty when it is, and is
    otherwise a one-line reason shown to people (``"encrypted with a password"``...). ``pages`` is
    known for PDFs only, so that lists can say "12 pages" without opening the file again.
    """

    sha256: str
    status: ExtractionStatus
    text: str
    message: str
    pages: int | None = None


class _Failure(Exception):
    """A file's content cannot be extracted; the message is for people.

    Extractors raise it for anything wrong with the content, and let :class:`OSError` from
    opening or reading the file through: that says nothing about the content, so it is not cached.
    ``status`` is ``"error"`` (broken), or ``"encrypted"`` for a file that needs a password.
    """

    def __init__(self, message: str, status: ExtractionStatus = "error") -> None:
        super().__init__(message)
        self.status: ExtractionStatus = status


def extract_file(
    path: Path, media_type: str, *, sha256: str | None = None, max_chars: int = _DEFAULT_MAX_CHARS
) -> Extraction:
    """The text of the file at ``path``, at most ``max_chars`` characters of it.

    Never raises for a bad, encrypted, truncated or hostile file: it returns status ``"error"``
    (or ``"encrypted"``) with a message. The SHA-256 is computed when not given (an empty one
    when the file cannot be read even for that). The format comes from ``media_type``, or from
    the file's extension when the media type is not one that is extracted.
    """
    extraction, _cacheable = _extract(path, media_type, sha256, max_chars, fallback_name=None)
    return extraction


def _extract(
    path: Path,
    media_type: str,
    sha256: str | None,
    max_chars: int,
    *,
    fallback_name: str | None,
) -> tuple[Extraction, bool]:
    """Extract, and say whether the result describes the content (and so may be cached)."""
    if max_chars < 1:
        raise ValueError(f"max_chars must be positive, not {max_chars}")
    if sha256 is None:
        try:
            sha256 = sha256_of(path)
        except OSError as error:
            return _error("", _unreadable_message(error)), False
    kind = _kind_for(media_type, path.name, fallback_name)
    if kind is None:
        return Extraction(sha256, "unsupported", "", _("no text extraction for this type")), True
    pages: int | None = None
    pages_read = 0
    try:
        if kind == "pdf":
            text, pages, pages_read = _pdf_text(path, max_chars)
        else:
            text = _EXTRACTORS[kind](path, media_type, max_chars)
    except _Failure as error:
        return Extraction(sha256, error.status, "", str(error)), True
    except OSError as error:
        return _error(sha256, _unreadable_message(error)), False
    except MemoryError:
        return _error(sha256, _("the file is too large to extract its text")), False
    text = _clean(text)
    if kind == "pdf":
        if _looks_scanned(text, pages_read):
            return Extraction(sha256, "no-text", "", _("no text layer (scanned?)"), pages), True
        text = split_glued_numbers(text)
    text = text[:max_chars]
    if not text.strip():
        return Extraction(sha256, "no-text", "", _("the document contains no text"), pages), True
    return Extraction(sha256, "ok", text, "", pages), True


def _error(sha256: str, message: str) -> Extraction:
    return Extraction(sha256, "error", "", message)


def _unreadable_message(error: OSError) -> str:
    return _("cannot read the file: {detail}").format(
        detail=_one_line(error.strerror or str(error))
    )


def _one_line(detail: object) -> str:
    """An exception's text fit for a one-line message (hostile files make long, odd ones)."""
    text = " ".join(str(detail).split()) or type(detail).__name__
    if len(text) > _MESSAGE_DETAIL_CHARS:
        text = text[: _MESSAGE_DETAIL_CHARS - 1] + "…"
    return text


def _kind_for(media_type: str, *names: str | None) -> _Kind | None:
    """The format from the media type (parameters ignored), else from a file name's suffix."""
    essence = media_type.split(";", 1)[0].strip().lower()
    if essence in _KIND_BY_MEDIA_TYPE:
        return _KIND_BY_MEDIA_TYPE[essence]
    for name in names:
        kind = _KIND_BY_SUFFIX.get(Path(name).suffix.lower()) if name else None
        if kind is not None:
            return kind
    return None


#: Control characters PDFs give for glyphs their fonts do not map (a bullet often comes out
#: as DEL): shown as boxes in snippets, they become spaces. Tabs, line and page breaks stay.
_STRAY_CONTROLS = re.compile(r"[\x01-\x08\x0b\x0e-\x1f\x7f]")


def _clean(text: str) -> str:
    """NFC text without NULs, stray control characters, lone surrogates or CR line ends, so it
    can be stored, indexed and shown."""
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    text = _STRAY_CONTROLS.sub(" ", text)
    text = text.encode("utf-8", "replace").decode("utf-8")
    return unicodedata.normalize("NFC", text)


def _looks_scanned(text: str, pages_read: int) -> bool:
    """Whether a PDF gives (almost) no text: page numbers alone do not make a text layer."""
    letters = sum(1 for char in text if char.isalpha())
    return letters < min(_MIN_LETTERS_PER_PAGE * max(pages_read, 1), _MIN_LETTERS_IN_ALL)


#: Letters (no digits, no underscore) right after a digit: a candidate glued word.
_AFTER_DIGIT = re.compile(r"(?<=[0-9])[^\W\d_]{3,}")


def split_glued_numbers(text: str) -> str:
    """Text with a space put between a number and a capitalised word glued to it.

    PDF text extraction loses the gap between a number and the next word when they were laid
    out apart, or the number ended a line or a table cell: ``10Allgäu``, ``2019Budget``. The
    index then holds one token and a search for ``Allgäu`` misses the document.

    The rule: after a digit, a run of at least three letters that starts with a capital followed
    by two lower-case letters is a word of its own (``10Allgäu`` → ``10 Allgäu``, ``CO2Bilanz``
    → ``CO2 Bilanz``, ``2019Budgets`` → ``2019 Budgets``). Left as they are:

    * letters before digits (``COVID19``, ``G20``, ``mp3``, ``ISO9001``, ``A4``);
    * one or two letters after digits (``3D``, ``4x4``, ``1st``, ``10km``, ``5kg``, ``2nd``);
    * lower-case words after digits (``3ème``, ``1ère``, ``100mbps``), which are mostly ordinals
      and units, kept whole so that a search for them as written still finds them;
    * capitals after digits (``5GHz``, ``3GPP``, ``4WD``, ``2019COVID``): units and codes.

    The price: a name written that way on purpose (``3Com``, ``4Kids``) is split too, and then
    found by ``3 Com`` or ``Com``, not by ``3Com``; rare next to the headings, table cells and
    footnote numbers that extraction glues. Applied to PDF text only: in DOCX, HTML and plain
    text, what is written together was written together.
    """

    def split(match: re.Match[str]) -> str:
        word = match.group()
        if word[0].isupper() and word[1].islower() and word[2].islower():
            return " " + word
        return word

    return _AFTER_DIGIT.sub(split, text)


def status_label(extraction: Extraction) -> str:
    """The status in a few words, for people: *text*, *no text layer*, *broken*...

    A document without pages and without text (an empty DOCX) has *no text*, not *no text layer*.
    """
    if extraction.status == "no-text" and extraction.pages is None:
        return _("no text")
    labels: dict[str, str] = {
        "ok": _("text"),
        "no-text": _("no text layer"),
        "encrypted": _("encrypted with a password"),
        "error": _("broken"),
        "unsupported": _("text not extracted for this type"),
    }
    return labels[extraction.status]


def status_text(extraction: Extraction) -> str:
    """The status with its reason in one line (``broken: not a valid PDF: …``), for people."""
    label = status_label(extraction)
    if extraction.status == "ok":
        if extraction.pages is not None:
            return ngettext("text, {n} page", "text, {n} pages", extraction.pages).format(
                n=extraction.pages
            )
        return label
    if extraction.status == "error":
        return _("{status}: {reason}").format(status=label, reason=extraction.message)
    return extraction.message or label


# --- PDF ---------------------------------------------------------------------------------------

_pypdf_quiet_lock = threading.Lock()
_pypdf_quiet_depth = 0
_pypdf_saved_level = logging.NOTSET


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Silence pypdf's warnings about bad files while extracting, and only while extracting.

    pypdf logs every repair it makes to a damaged file; for an index built in the background they
    are noise. The ``pypdf`` logger's level is restored afterwards (a counter keeps overlapping
    extractions in several threads from restoring it too early).
    """
    global _pypdf_quiet_depth, _pypdf_saved_level
    logger = logging.getLogger("pypdf")
    with _pypdf_quiet_lock:
        if _pypdf_quiet_depth == 0:
            _pypdf_saved_level = logger.level
            logger.setLevel(logging.CRITICAL)
        _pypdf_quiet_depth += 1
    try:
        yield
    finally:
        with _pypdf_quiet_lock:
            _pypdf_quiet_depth -= 1
            if _pypdf_quiet_depth == 0:
                logger.setLevel(_pypdf_saved_level)


def _pdf_text(path: Path, max_chars: int) -> tuple[str, int, int]:
    """Page texts joined by blank lines, the page count and how many pages were read.

    Reading stops once ``max_chars`` is reached, which keeps a 2,000-page report cheap.

    pypdf raises many kinds of exception on damaged or hostile files (even ``RecursionError``),
    so every exception from it becomes a :class:`_Failure`, :class:`OSError` included (a hostile
    cross-reference table makes pypdf seek to negative offsets); only failing to open the file
    is let through.
    """
    # pypdf is imported when a PDF is read (about 0.1 s): not at the start of the app.
    from pypdf.errors import DependencyError, FileNotDecryptedError

    with path.open("rb") as handle, _quiet_pypdf():
        try:
            return _read_pdf(handle, max_chars)
        except _Failure:
            raise
        except DependencyError as error:
            raise _Failure(
                _("encrypted PDF (unsupported encryption method: {detail})").format(
                    detail=_one_line(error)
                )
            ) from error
        except FileNotDecryptedError as error:
            raise _Failure(_encrypted(), "encrypted") from error
        except Exception as error:
            raise _Failure(
                _("not a valid PDF: {detail}").format(detail=_one_line(error))
            ) from error


def _encrypted() -> str:
    return _("encrypted with a password")


def _read_pdf(handle: IO[bytes], max_chars: int) -> tuple[str, int, int]:
    import pypdf

    reader = pypdf.PdfReader(_from_pdf_header(handle))
    # Many "protected" PDFs only restrict printing or copying and open with no password.
    if reader.is_encrypted and reader.decrypt("") == pypdf.PasswordType.NOT_DECRYPTED:
        raise _Failure(_encrypted(), "encrypted")
    page_count = len(reader.pages)
    texts: list[str] = []
    length = 0
    for page in reader.pages:
        page_text = page.extract_text().strip()
        texts.append(page_text)
        length += len(page_text) + 2
        if length > max_chars:
            break
    return "\n\n".join(texts), page_count, len(texts)


def _from_pdf_header(handle: IO[bytes]) -> IO[bytes]:
    """The file from its ``%PDF-`` header on, when junk comes before it in the first KB.

    Offsets inside a PDF count from its header, so reading from there finds every object where
    the cross-reference table says (pypdf alone guesses them again, which most often works, not
    always). A file without a header in its first KB is read as it is: pypdf decides.
    """
    start = handle.read(_PDF_HEADER_WINDOW)
    handle.seek(0)
    found = _PDF_HEADER.search(start)
    if found is None or found.start() == 0:
        return handle
    return io.BufferedReader(_Shifted(handle, found.start()), buffer_size=_READ_CHUNK)


class _Shifted(io.RawIOBase):
    """A read-only view of a seekable binary file whose position 0 is the file's ``offset``."""

    def __init__(self, handle: IO[bytes], offset: int) -> None:
        super().__init__()
        self._handle = handle
        self._offset = offset
        handle.seek(offset)

    def readable(self) -> bool:
        """Always: it is a view for reading."""
        return True

    def seekable(self) -> bool:
        """Always: the file under it is."""
        return True

    def readinto(self, buffer: Any) -> int:
        """Read like the file, from the current position."""
        view = memoryview(buffer).cast("B")
        data = self._handle.read(len(view))
        view[: len(data)] = data
        return len(data)

    def seek(self, position: int, whence: int = io.SEEK_SET) -> int:
        """Seek like the file, refusing (like it) to go before the start."""
        if whence == io.SEEK_SET:
            target = self._offset + position
        elif whence == io.SEEK_CUR:
            target = self._handle.tell() + position
        elif whence == io.SEEK_END:
            target = self._handle.seek(0, io.SEEK_END) + position
        else:
            raise ValueError(f"invalid whence: {whence}")
        if target < self._offset:
            raise OSError(errno.EINVAL, os.strerror(errno.EINVAL))
        return self._handle.seek(target) - self._offset

    def tell(self) -> int:
        """The position from the PDF header."""
        return self._handle.tell() - self._offset


# --- DOCX --------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DOCX_SPACES = frozenset({f"{_W}tab", f"{_W}ptab", f"{_W}br", f"{_W}cr"})


class _CappedReader:
    """A stream that refuses to give more than ``limit`` bytes: a zip may lie about its sizes."""

    def __init__(self, stream: IO[bytes], limit: int) -> None:
        self._stream = stream
        self._left = limit

    def read(self, size: int = -1) -> bytes:
        """Read like the stream, raising once more than the limit has come out."""
        wanted = self._left + 1 if size < 0 else min(size, self._left + 1)
        data = self._stream.read(wanted)
        self._left -= len(data)
        if self._left < 0:
            raise _Failure(_docx_too_large())
        return data


def _docx_too_large() -> str:
    return _("DOCX text too large (word/document.xml over {size} MB); not extracted").format(
        size=_MAX_MARKUP_BYTES // (1024 * 1024)
    )


def _docx_text(path: Path, media_type: str, max_chars: int) -> str:
    """Text of ``w:t`` elements, one line per paragraph, tabs and breaks as spaces.

    The document is parsed as a stream with defusedxml (no entity expansion, no DTD tricks) and
    refused when it is over 50 MB uncompressed, by its declared size and again while reading.
    Deleted text (``w:delText``) and the duplicate fallback copies of text boxes are left out.
    """
    with path.open("rb") as handle:
        return _docx_from(handle, max_chars)


def _docx_from(handle: IO[bytes], max_chars: int) -> str:
    try:
        with zipfile.ZipFile(handle) as archive:
            try:
                info = archive.getinfo("word/document.xml")
            except KeyError:
                raise _Failure(
                    _("not a valid DOCX file: {detail}").format(detail="no word/document.xml")
                ) from None
            if info.file_size > _MAX_MARKUP_BYTES:
                raise _Failure(_docx_too_large())
            with archive.open(info) as stream:
                return _docx_paragraphs(_CappedReader(stream, _MAX_MARKUP_BYTES), max_chars)
    except _Failure:
        raise
    except Exception as error:
        # BadZipFile, zlib errors, XML parse errors, defusedxml's refusals, NotImplementedError
        # for exotic compression methods...: all mean the content is unusable.
        raise _Failure(
            _("not a valid DOCX file: {detail}").format(detail=_one_line(error))
        ) from error


def _docx_paragraphs(stream: _CappedReader, max_chars: int) -> str:
    lines: list[str] = []
    current: list[str] = []
    length = 0
    in_fallback = 0
    for event, element in SafeElementTree.iterparse(stream, events=("start", "end")):
        tag = element.tag
        if tag == _MC_FALLBACK:
            in_fallback += 1 if event == "start" else -1
            continue
        if event == "start" or in_fallback:
            continue
        if tag == f"{_W}t":
            current.append(element.text or "")
        elif tag in _DOCX_SPACES:
            current.append(" ")
        elif tag == f"{_W}p":
            line = "".join(current).strip()
            current = []
            lines.append(line)
            length += len(line) + 1
            element.clear()
            if length > max_chars:
                break
    if current:
        lines.append("".join(current).strip())
    return "\n".join(lines).strip("\n")


# --- HTML --------------------------------------------------------------------------------------

_HTML_SKIPPED = frozenset({"script", "style", "template", "noscript"})
# fmt: off
_HTML_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "li", "main", "nav", "ol",
    "p", "pre", "section", "summary", "table", "td", "th", "title", "tr", "ul",
})
# fmt: on
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


class _HtmlTextParser(HTMLParser):
    """Collects text outside skipped elements, marking block boundaries with newlines.

    Character references are decoded by the parser; the contents of ``script`` and ``style``
    arrive as data but are dropped, as is everything inside ``template`` and ``noscript``.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.length = 0
        self._skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Enter a skipped element, or start a line for a block."""
        if tag in _HTML_SKIPPED:
            self._skipping.append(tag)
        elif tag in _HTML_BLOCKS:
            self.pieces.append("\n")

    def handle_endtag(self, tag: str) -> None:
        """Leave a skipped element (closing any left open inside it), or end a block's line."""
        if tag in _HTML_SKIPPED:
            if tag in self._skipping:
                while self._skipping.pop() != tag:
                    pass
        elif tag in _HTML_BLOCKS:
            self.pieces.append("\n")

    def handle_data(self, data: str) -> None:
        """Keep text that is not inside a skipped element."""
        if not self._skipping:
            self.pieces.append(data)
            self.length += len(data)


def _html_text(path: Path, media_type: str, max_chars: int) -> str:
    """Visible text of an HTML page: scripts and styles dropped, blocks on their own lines.

    Pages over 50 MB are cut there, and parsing stops once enough text has been found.
    """
    raw, truncated = _read_limited(path, _MAX_MARKUP_BYTES)
    markup = _decode(raw, truncated, _charset_hints(media_type, raw))
    parser = _HtmlTextParser()
    try:
        for start in range(0, len(markup), _READ_CHUNK):
            parser.feed(markup[start : start + _READ_CHUNK])
            if parser.length > max_chars * 2:
                break
        else:
            parser.close()
    except Exception as error:  # the parser is lenient, but not guaranteed never to raise
        raise _Failure(
            _("not a valid HTML file: {detail}").format(detail=_one_line(error))
        ) from error
    lines = (" ".join(line.split()) for line in "".join(parser.pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _charset_hints(media_type: str, raw: bytes) -> list[str]:
    """Encodings an HTML file declares: the media type's charset, then a ``<meta>`` tag's."""
    hints = _media_type_charset(media_type)
    found = _META_CHARSET.search(raw[:4096])
    if found:
        hints.append(found.group(1).decode("ascii", "replace"))
    return hints


# --- plain text --------------------------------------------------------------------------------


def _plain_text(path: Path, media_type: str, max_chars: int) -> str:
    """The file decoded as UTF-8 (BOM or not), else cp1252, else latin-1 (which never fails)."""
    raw, truncated = _read_limited(path, max_chars * 4 + 4)  # UTF-8 needs at most 4 per char
    return _decode(raw, truncated, _media_type_charset(media_type))


def _media_type_charset(media_type: str) -> list[str]:
    for parameter in media_type.split(";")[1:]:
        name, _sep, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip(" \"'"):
            return [value.strip(" \"'")]
    return []


def _read_limited(path: Path, limit: int) -> tuple[bytes, bool]:
    """At most ``limit`` bytes of the file, and whether there was more."""
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    return data[:limit], len(data) > limit


def _decode(raw: bytes, truncated: bool, hints: list[str]) -> str:
    """Bytes as text: a BOM wins, then declared encodings, then UTF-8, cp1252 and latin-1.

    When the bytes were cut short, a character split at the end is dropped rather than making
    the whole file fail as UTF-8.
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            return _incremental_decode(raw, encoding, truncated, errors="replace")
    for encoding in [*hints, "utf-8", "cp1252"]:
        try:
            b"x".decode(encoding, "ignore")  # refuses codecs that are not text ("zlib", "hex")
            return _incremental_decode(raw, encoding, truncated, errors="strict")
        except (LookupError, ValueError):  # unknown, not a text encoding, or wrong
            continue
    return raw.decode("latin-1")


def _incremental_decode(raw: bytes, encoding: str, truncated: bool, *, errors: str) -> str:
    decoder = codecs.getincrementaldecoder(encoding)(errors=errors)
    return decoder.decode(raw, final=not truncated)


_EXTRACTORS: dict[str, Callable[[Path, str, int], str]] = {
    "docx": _docx_text,
    "html": _html_text,
    "text": _plain_text,
}


# --- cache -------------------------------------------------------------------------------------


#: Where a catalogue keeps extracted texts, inside its folder.
TEXT_CACHE_DIR = ("cache", "text")


class TextCache:
    """Extracted text on disk, one gzip-compressed JSON file per content hash.

    Layout: ``<root>/<first two hex digits>/<sha256>.json.gz`` (the catalogue uses
    ``cache/text`` as root), holding ``extractor_version``, ``sha256``, ``status``, ``message``,
    ``pages`` and ``text``. Text compresses to less than half, which matters for thousands of
    reports. Entries are written to a temporary file in the same folder and renamed into place,
    so a reader never sees half an entry; they are not fsynced, since an entry damaged by a crash
    is unreadable and so treated as missing, like any corrupt entry or one written by another
    :data:`EXTRACTOR_VERSION`. The whole folder can be deleted at any time.
    """

    @classmethod
    def of_catalogue(cls, folder: Path) -> TextCache:
        """The cache of the catalogue in ``folder`` (shared by the index and the checks)."""
        return cls(folder.joinpath(*TEXT_CACHE_DIR))

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str) -> Path:
        """Where the entry for this hash is (or would be) stored."""
        if not _HEX64.match(sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / f"{sha256}.json.gz"

    def get(self, sha256: str) -> Extraction | None:
        """The cached extraction, or None when missing, unreadable or from another version."""
        path = self.path_for(sha256)
        try:
            with gzip.open(path, "rb") as handle:
                entry = json.loads(handle.read())
        except FileNotFoundError:
            return None
        except (OSError, EOFError, ValueError, zlib.error, RecursionError):
            return None
        return _entry_to_extraction(entry, sha256)

    def put(self, extraction: Extraction) -> None:
        """Store an extraction, replacing any older entry for the same content."""
        target = self.path_for(extraction.sha256)
        entry = {
            "extractor_version": EXTRACTOR_VERSION,
            "sha256": extraction.sha256,
            "status": extraction.status,
            "message": extraction.message,
            "pages": extraction.pages,
            "text": extraction.text,
        }
        data = gzip.compress(
            json.dumps(entry, ensure_ascii=False).encode("utf-8"), compresslevel=6, mtime=0
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, data)

    def discard(self, sha256: str) -> None:
        """Forget the entry for this hash (when its file is removed, or to force re-extraction)."""
        self.path_for(sha256).unlink(missing_ok=True)


def _entry_to_extraction(entry: object, sha256: str) -> Extraction | None:
    """An extraction from a decoded cache entry, or None when it is not a sound current entry."""
    if not isinstance(entry, dict) or entry.get("extractor_version") != EXTRACTOR_VERSION:
        return None
    status, text, message, pages = (
        entry.get(key) for key in ("status", "text", "message", "pages")
    )
    if (
        entry.get("sha256") != sha256
        or status not in _STATUSES
        or not isinstance(text, str)
        or not isinstance(message, str)
        or not (pages is None or (isinstance(pages, int) and not isinstance(pages, bool)))
    ):
        return None
    return Extraction(sha256, status, text, message, pages)


# --- batches -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AttachmentSource:
    """One stored file to extract, with the name the user gave it (for messages)."""

    sha256: str
    path: Path
    media_type: str
    file_name: str


@dataclass(slots=True)
class ExtractionReport:
    """What a batch did, for the user: which files have no text and why.

    ``extracted`` and ``from_cache`` count distinct contents. ``no_text`` and ``failed`` name
    every file without text in the batch, whether found now or in the cache, since the index
    lacks them either way; ``failed`` holds broken files and those encrypted with a password.
    """

    extracted: int = 0
    from_cache: int = 0
    no_text: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def extract_attachments(
    sources: Iterable[AttachmentSource],
    cache: TextCache,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> tuple[dict[str, Extraction], ExtractionReport]:
    """Extract every source not in the cache; return all results by SHA-256, cached ones too.

    Progress is reported after each file and ``cancel`` is checked between files, so
    cancelling costs at most one file's extraction (entries already cached stay: they are
    correct). One broken file is reported by name and does not stop the others. Results are
    cached, errors and files without text included, so a broken file is not retried every
    start; only a file that could not be read at all (missing, no permission) is not cached,
    since that says nothing about its content. A failure to write the cache is logged, not
    raised: the text is still returned.
    """
    items = list(sources)
    total = len(items)
    results: dict[str, Extraction] = {}
    report = ExtractionReport()
    label = _("Extracting text")
    progress(ProgressUpdate(0, total, label))
    for done, source in enumerate(items, start=1):
        if cancel is not None:
            cancel.raise_if_cancelled()
        extraction = results.get(source.sha256)
        if extraction is None:
            extraction, from_cache = _cached_or_extracted(cache, source, store=True)
            if from_cache:
                report.from_cache += 1
            else:
                report.extracted += 1
            results[source.sha256] = extraction
        if extraction.status == "no-text":
            report.no_text.append(source.file_name)
        elif extraction.status in ("error", "encrypted"):
            report.failed.append((source.file_name, extraction.message))
        progress(ProgressUpdate(done, total, label))
    return results, report


def cached_extraction(
    cache: TextCache, source: AttachmentSource, *, store: bool = True
) -> Extraction:
    """The extraction of one stored file: the cached one, else extracted now and cached.

    This is how the status of an attachment is shown (when it is attached, by ``kmdesk show``
    and ``kmdesk check``) without extracting a file twice: the entry made here is the one the
    search index uses, and the other way round. ``store=False`` leaves the cache as it is (a
    catalogue on read-only media); a failure to write it is logged, not raised.
    """
    extraction, _from_cache = _cached_or_extracted(cache, source, store=store)
    return extraction


def _cached_or_extracted(
    cache: TextCache, source: AttachmentSource, *, store: bool
) -> tuple[Extraction, bool]:
    """The extraction of a source and whether it came from the cache."""
    cached = cache.get(source.sha256)
    if cached is not None:
        return cached, True
    extraction, cacheable = _extract(
        source.path,
        source.media_type,
        source.sha256,
        _DEFAULT_MAX_CHARS,
        fallback_name=source.file_name,
    )
    if cacheable and store:
        _put_quietly(cache, extraction)
    return extraction, False


def _put_quietly(cache: TextCache, extraction: Extraction) -> None:
    try:
        cache.put(extraction)
    except OSError as error:
        _log.warning("cannot cache the text of %s: %s", extraction.sha256, error)
