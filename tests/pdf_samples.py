"""Real PDF files for tests of text extraction, made with pypdf's writer (no reportlab needed).

Each helper writes a file and returns its path: a page of text drawn with content-stream
operators (so that pypdf's extraction meets real layout: kerned runs, raised footnote numbers),
a scanned-like page with no text, a demo PDF encrypted like a print-protected report, a PDF with
junk before its header, and garbage bytes named ``.pdf``.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path

import pypdf
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

DEMO_PDFS = Path(__file__).resolve().parents[1] / "resources" / "demo" / "attachments"
#: A four-page demo report in French (made by reportlab, like every demo PDF).
BUDGET_PDF = DEMO_PDFS / "budget-participatif-communes-benin-mali.pdf"
#: A word of its text and not of any demo product's metadata: search finds it in the text only.
BUDGET_WORD = "Djougou"

#: What an e-mail gateway or a download script might put before a PDF's header.
MAIL_JUNK = (
    b"Received: from mx1.partner.example (mx1.partner.example [192.0.2.10])\r\n"
    b"X-Scanned-By: gateway 4.2\r\n"
    b"Content-Type: application/pdf\r\n\r\n"
)


def _pdf_string(text: str) -> bytes:
    """A PDF literal string of text in WinAnsiEncoding (cp1252), parentheses escaped."""
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def text_pdf(path: Path, lines: Sequence[str | bytes]) -> Path:
    """A one-page PDF showing ``lines`` in Helvetica, one text line each.

    A ``str`` line is shown as it is; a ``bytes`` line is raw content-stream operators placed
    on its own line (``[(10) -100 (Allgäu)] TJ``, with cp1252 text), to draw what PDF producers
    draw.
    """
    writer = pypdf.PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
    )
    operators = [b"BT /F1 11 Tf 14 TL 72 770 Td"]
    for line in lines:
        operators.append(line if isinstance(line, bytes) else _pdf_string(line) + b" Tj")
        operators.append(b"T*")
    operators.append(b"ET")
    content = DecodedStreamObject()
    content.set_data(b"\n".join(operators))
    page.replace_contents(content)
    return _write(writer, path)


def scanned_pdf(path: Path, pages: int = 2) -> Path:
    """A PDF of pages with nothing but a grey image on them, as a scanner makes: no text layer."""
    writer = pypdf.PdfWriter()
    for _ in range(pages):
        page = writer.add_blank_page(width=595, height=842)
        image = DecodedStreamObject()
        image.set_data(bytes([128]) * (8 * 8))
        image.update(
            {
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Image"),
                NameObject("/Width"): pypdf.generic.NumberObject(8),
                NameObject("/Height"): pypdf.generic.NumberObject(8),
                NameObject("/ColorSpace"): NameObject("/DeviceGray"),
                NameObject("/BitsPerComponent"): pypdf.generic.NumberObject(8),
            }
        )
        page[NameObject("/Resources")] = DictionaryObject(
            {
                NameObject("/XObject"): DictionaryObject(
                    {NameObject("/Im1"): writer._add_object(image)}  # streams are indirect
                )
            }
        )
        content = DecodedStreamObject()
        content.set_data(b"q 595 0 0 842 0 0 cm /Im1 Do Q")
        page.replace_contents(content)
    return _write(writer, path)


def encrypted_pdf(
    path: Path,
    *,
    user_password: str = "",
    algorithm: str = "AES-256",
    source: Path = BUDGET_PDF,
) -> Path:
    """``source`` encrypted: an empty user password opens it (print/copy protection only)."""
    writer = pypdf.PdfWriter(clone_from=source)
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm=algorithm)
    return _write(writer, path)


def junk_before_header(path: Path, junk: bytes = MAIL_JUNK, source: Path = BUDGET_PDF) -> Path:
    """``source`` with ``junk`` before its ``%PDF-`` header."""
    path.write_bytes(junk + source.read_bytes())
    return path


def garbage_pdf(path: Path, size: int = 4096) -> Path:
    """Random bytes in a file named like a PDF."""
    path.write_bytes(os.urandom(size).replace(b"%PDF", b"%PDX"))
    return path


def _write(writer: pypdf.PdfWriter, path: Path) -> Path:
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())
    return path
