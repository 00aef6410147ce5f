"""Render the demo knowledge-product documents as PDF attachments.

The demo catalogue ships a handful of products with a real attachment. Their text lives as
simple Markdown in ``scripts/demo_documents/<slug>.md`` and their catalogue record in
``resources/demo/products-attachments.jsonl`` (the line whose ``attachment`` is
``<slug>.pdf``). This script turns every Markdown document into an A4 PDF at
``resources/demo/attachments/<slug>.pdf`` with reportlab's platypus layer:

* a title page with the title, subtitle, partnership, organisations, type and year taken
  from the matching product line, followed by a page break;
* the body: ``## `` headings, plain paragraphs, ``- `` bullet lists and Markdown pipe tables
  (the only constructs the documents use; the ``# `` title line is shown on the title page);
* a footer on every body page with the document title and the page number.

Only the built-in Helvetica fonts are used, so nothing is embedded and the files stay small;
their WinAnsi encoding covers the accented letters of French, Spanish and Portuguese, and the
text can be extracted again (for instance with pypdf). The output is reproducible: the
document metadata is fixed and the PDFs are written with reportlab's ``invariant`` mode, so
two runs produce byte-identical files.

Run from the repository root::

    .venv/bin/python scripts/make_demo_pdfs.py

Options: ``--check`` re-renders into memory and fails if any committed PDF differs.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    ListFlowable,
    ListItem,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS_DIR = REPO_ROOT / "scripts" / "demo_documents"
DEMO_DIR = REPO_ROOT / "resources" / "demo"
PRODUCTS_FILE = DEMO_DIR / "products-attachments.jsonl"
VOCABULARIES_FILE = DEMO_DIR / "vocabularies.json"
OUTPUT_DIR = DEMO_DIR / "attachments"

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 2.4 * cm
MARGIN_TOP = 2.3 * cm
MARGIN_BOTTOM = 2.6 * cm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X

FONT = "Helvetica"
FONT_BOLD = "Helvetica-Bold"
FONT_ITALIC = "Helvetica-Oblique"
ACCENT = colors.HexColor("#1f5f5b")
RULE = colors.HexColor("#9fb8b5")
HEADER_FILL = colors.HexColor("#e3eeec")

CREATOR = "kmdesk demo PDF generator (scripts/make_demo_pdfs.py)"

# Labels of the title page and the footer, by the document's language.
LABELS: dict[str, dict[str, str]] = {
    "en": {"page": "Page", "orgs": "Organisations", "year": "Year", "partnership": "Partnership"},
    "fr": {"page": "Page", "orgs": "Organisations", "year": "Année", "partnership": "Partenariat"},
    "es": {"page": "Página", "orgs": "Organizaciones", "year": "Año", "partnership": "Alianza"},
    "pt": {"page": "Página", "orgs": "Organizações", "year": "Ano", "partnership": "Parceria"},
}
ROLE_LABELS: dict[str, dict[str, str]] = {
    "en": {"author": "author", "publisher": "publisher", "partner": "partner"},
    "fr": {"author": "auteur", "publisher": "éditeur", "partner": "partenaire"},
    "es": {"author": "autora", "publisher": "editora", "partner": "socia"},
    "pt": {"author": "autora", "publisher": "editora", "partner": "parceira"},
}
TYPE_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "guide": "Guide",
        "toolkit": "Toolkit",
        "method": "Method note",
        "case-study": "Case study",
        "research-report": "Research report",
        "policy-brief": "Policy brief",
        "training-module": "Training module",
        "video": "Video",
        "dataset": "Dataset documentation",
        "other": "Publication",
    },
    "fr": {
        "guide": "Guide pratique",
        "toolkit": "Boîte à outils",
        "method": "Note méthodologique",
        "case-study": "Étude de cas",
        "research-report": "Rapport de recherche",
        "policy-brief": "Note politique",
        "training-module": "Module de formation",
        "video": "Vidéo",
        "dataset": "Documentation de données",
        "other": "Publication",
    },
    "es": {
        "guide": "Guía",
        "toolkit": "Caja de herramientas",
        "method": "Nota metodológica",
        "case-study": "Estudio de caso",
        "research-report": "Informe de investigación",
        "policy-brief": "Nota de política",
        "training-module": "Módulo de formación",
        "video": "Video",
        "dataset": "Documentación de datos",
        "other": "Publicación",
    },
    "pt": {
        "guide": "Guia",
        "toolkit": "Caixa de ferramentas",
        "method": "Nota metodológica",
        "case-study": "Estudo de caso",
        "research-report": "Relatório de pesquisa",
        "policy-brief": "Nota de política",
        "training-module": "Módulo de formação",
        "video": "Vídeo",
        "dataset": "Documentação de dados",
        "other": "Publicação",
    },
}


@dataclass(frozen=True)
class ProductInfo:
    """What the title page and the metadata need from a product line."""

    slug: str
    title: str
    subtitle: str | None
    language: str
    product_type: str
    year: int
    partnerships: list[str]
    organisations: list[tuple[str, str]]  # (display name, role)
    keywords: list[str]


@dataclass(frozen=True)
class Block:
    """One block of a parsed document: a heading, a paragraph, a list or a table."""

    kind: str  # "title", "heading", "paragraph", "bullets" or "table"
    lines: list[str]


def escape(text: str) -> str:
    """Escape the characters that reportlab's paragraph markup would interpret."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def load_products() -> dict[str, ProductInfo]:
    """Read the product lines and resolve partnership and organisation names."""
    vocab = json.loads(VOCABULARIES_FILE.read_text(encoding="utf-8"))
    partnership_names = {p["key"]: p for p in vocab["partnerships"]}
    organisation_names = {o["key"]: o for o in vocab["organisations"]}

    def label(entry: dict[str, object], language: str) -> str:
        labels = entry["labels"]
        assert isinstance(labels, dict)
        return str(labels.get(language) or labels["en"])

    products: dict[str, ProductInfo] = {}
    for line in PRODUCTS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        slug = str(record["attachment"]).removesuffix(".pdf")
        language = record["languages"][0]
        partnerships = []
        for key in record["partnerships"]:
            entry = partnership_names[key]
            name = label(entry, language)
            if entry.get("acronym"):
                name = f"{name} ({entry['acronym']})"
            partnerships.append(name)
        organisations = []
        for org in record["organisations"]:
            entry = organisation_names[org["key"]]
            name = label(entry, "en")
            if entry.get("acronym") and entry["acronym"] not in name:
                name = f"{name} ({entry['acronym']})"
            organisations.append((name, org["role"]))
        products[slug] = ProductInfo(
            slug=slug,
            title=record["title"],
            subtitle=record["subtitle"],
            language=language,
            product_type=record["type"],
            year=int(record["year"]),
            partnerships=partnerships,
            organisations=organisations,
            keywords=list(record["keywords"]),
        )
    return products


def parse_markdown(text: str) -> list[Block]:
    """Split the restricted Markdown of the demo documents into blocks."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    current: Block | None = None

    def flush_paragraph() -> None:
        if paragraph:
            blocks.append(Block("paragraph", [" ".join(paragraph)]))
            paragraph.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("- "):
            flush_paragraph()
            if current is None or current.kind != "bullets":
                current = Block("bullets", [])
                blocks.append(current)
            current.lines.append(line[2:].strip())
            continue
        if line.startswith("|"):
            flush_paragraph()
            if current is None or current.kind != "table":
                current = Block("table", [])
                blocks.append(current)
            current.lines.append(line)
            continue
        current = None
        if not line:
            flush_paragraph()
        elif line.startswith("## "):
            flush_paragraph()
            blocks.append(Block("heading", [line[3:].strip()]))
        elif line.startswith("# "):
            flush_paragraph()
            blocks.append(Block("title", [line[2:].strip()]))
        else:
            paragraph.append(line)
    flush_paragraph()
    return blocks


def table_rows(lines: Iterable[str]) -> list[list[str]]:
    """Turn pipe-table lines into rows of cell texts, dropping the separator row."""
    rows: list[list[str]] = []
    for line in lines:
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if all(cell and set(cell) <= set("-: ") for cell in cells):
            continue
        rows.append(cells)
    return rows


class Styles:
    """The paragraph styles used in a document."""

    def __init__(self) -> None:
        self.body = ParagraphStyle(
            "Body", fontName=FONT, fontSize=11, leading=16.5, spaceAfter=8, alignment=TA_LEFT
        )
        self.heading = ParagraphStyle(
            "Heading",
            fontName=FONT_BOLD,
            fontSize=14,
            leading=18,
            spaceBefore=14,
            spaceAfter=7,
            textColor=ACCENT,
            keepWithNext=1,
        )
        self.bullet = ParagraphStyle("Bullet", parent=self.body, spaceAfter=4)
        self.cell = ParagraphStyle("Cell", fontName=FONT, fontSize=9.5, leading=12.5)
        self.header_cell = ParagraphStyle("HeaderCell", parent=self.cell, fontName=FONT_BOLD)
        self.cover_kicker = ParagraphStyle(
            "CoverKicker",
            fontName=FONT_BOLD,
            fontSize=11,
            leading=15,
            textColor=ACCENT,
            spaceAfter=18,
        )
        self.cover_title = ParagraphStyle(
            "CoverTitle", fontName=FONT_BOLD, fontSize=22, leading=28, spaceAfter=14
        )
        self.cover_subtitle = ParagraphStyle(
            "CoverSubtitle",
            fontName=FONT_ITALIC,
            fontSize=14,
            leading=19,
            spaceAfter=10,
            textColor=colors.HexColor("#333333"),
        )
        self.cover_label = ParagraphStyle(
            "CoverLabel",
            fontName=FONT_BOLD,
            fontSize=10,
            leading=14,
            textColor=ACCENT,
            spaceBefore=12,
            spaceAfter=3,
        )
        self.cover_text = ParagraphStyle("CoverText", fontName=FONT, fontSize=11, leading=16)


def column_widths(rows: list[list[str]], total: float, styles: Styles) -> list[float]:
    """Share the frame width between columns.

    Every column first gets room for its longest word (so that no word is broken), then the
    rest of the width is shared roughly by the length of each column's content.
    """
    count = max(len(row) for row in rows)
    padding = 12.0
    minimum: list[float] = []
    weights: list[float] = []
    for index in range(count):
        widest_word = 0.0
        longest = 1
        for row_index, row in enumerate(rows):
            if index >= len(row):
                continue
            style = styles.header_cell if row_index == 0 else styles.cell
            for word in row[index].split():
                widest_word = max(widest_word, stringWidth(word, style.fontName, style.fontSize))
            longest = max(longest, len(row[index]))
        minimum.append(widest_word + padding)
        weights.append(min(longest, 45) + 8)
    spare = total - sum(minimum)
    if spare <= 0:
        scale = total / sum(minimum)
        return [width * scale for width in minimum]
    # Share the spare width by weight, but only to columns whose weighted share exceeds
    # their minimum, so that short columns are not padded out needlessly.
    widths = list(minimum)
    share = [total * weight / sum(weights) for weight in weights]
    growing = [i for i in range(count) if share[i] > minimum[i]]
    if not growing:
        growing = list(range(count))
    growth_weights = [share[i] - minimum[i] if share[i] > minimum[i] else 1.0 for i in growing]
    for i, weight in zip(growing, growth_weights, strict=True):
        widths[i] += spare * weight / sum(growth_weights)
    return widths


def build_table(rows: list[list[str]], styles: Styles) -> Table:
    """A wrapped, lightly ruled table with a shaded header row."""
    count = max(len(row) for row in rows)
    data = []
    for row_index, row in enumerate(rows):
        style = styles.header_cell if row_index == 0 else styles.cell
        padded = row + [""] * (count - len(row))
        data.append([Paragraph(escape(cell), style) for cell in padded])
    table = Table(
        data, colWidths=column_widths(rows, FRAME_WIDTH, styles), repeatRows=1, hAlign="LEFT"
    )
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, ACCENT),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def title_page(product: ProductInfo, styles: Styles) -> list[Flowable]:
    """The flowables of the title page, ending with a page break."""
    labels = LABELS.get(product.language, LABELS["en"])
    roles = ROLE_LABELS.get(product.language, ROLE_LABELS["en"])
    types = TYPE_LABELS.get(product.language, TYPE_LABELS["en"])
    flowables: list[Flowable] = [
        Spacer(1, 3.2 * cm),
        Paragraph(escape(f"{types[product.product_type]} · {product.year}"), styles.cover_kicker),
        Paragraph(escape(product.title), styles.cover_title),
    ]
    if product.subtitle:
        flowables.append(Paragraph(escape(product.subtitle), styles.cover_subtitle))
    flowables.append(Spacer(1, 1.6 * cm))
    flowables.append(Paragraph(escape(labels["orgs"]), styles.cover_label))
    for name, role in product.organisations:
        flowables.append(Paragraph(escape(f"{name}, {roles[role]}"), styles.cover_text))
    flowables.append(Paragraph(escape(labels["partnership"]), styles.cover_label))
    for name in product.partnerships:
        flowables.append(Paragraph(escape(name), styles.cover_text))
    flowables.append(Paragraph(escape(labels["year"]), styles.cover_label))
    flowables.append(Paragraph(str(product.year), styles.cover_text))
    flowables.append(PageBreak())
    return flowables


def body(blocks: list[Block], styles: Styles) -> Iterator[Flowable]:
    """The flowables of the document body (the title line is left to the title page)."""
    for block in blocks:
        if block.kind == "heading":
            yield Paragraph(escape(block.lines[0]), styles.heading)
        elif block.kind == "paragraph":
            yield Paragraph(escape(block.lines[0]), styles.body)
        elif block.kind == "bullets":
            items = [ListItem(Paragraph(escape(item), styles.bullet)) for item in block.lines]
            yield ListFlowable(
                items,
                bulletType="bullet",
                start="•",
                leftIndent=16,
                bulletFontName=FONT,
                bulletFontSize=11,
                spaceAfter=8,
            )
        elif block.kind == "table":
            yield Spacer(1, 4)
            yield build_table(table_rows(block.lines), styles)
            yield Spacer(1, 12)


def footer_drawer(product: ProductInfo) -> Callable[[Canvas, SimpleDocTemplate], None]:
    """A page callback drawing the footer: the title on the left, the page number right."""
    page_label = LABELS.get(product.language, LABELS["en"])["page"]

    def draw(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        number = f"{page_label} {canvas.getPageNumber()}"
        size = 8.5
        available = FRAME_WIDTH - stringWidth(number, FONT, size) - 0.8 * cm
        title = product.title
        if stringWidth(title, FONT, size) > available:
            while title and stringWidth(title + "…", FONT, size) > available:
                title = title[:-1]
            title = title.rstrip(" ,:;") + "…"
        y = MARGIN_BOTTOM - 1.1 * cm
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, y + 0.45 * cm, PAGE_WIDTH - MARGIN_X, y + 0.45 * cm)
        canvas.setFont(FONT, size)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(MARGIN_X, y, title)
        canvas.drawRightString(PAGE_WIDTH - MARGIN_X, y, number)
        canvas.restoreState()

    return draw


def render(markdown_path: Path, product: ProductInfo) -> bytes:
    """Render one document to PDF bytes."""
    styles = Styles()
    blocks = parse_markdown(markdown_path.read_text(encoding="utf-8"))
    buffer = io.BytesIO()
    author = "; ".join(name for name, role in product.organisations if role == "author")
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=product.title,
        author=author or "; ".join(name for name, _ in product.organisations),
        subject=product.subtitle or product.title,
        creator=CREATOR,
        keywords=product.keywords,
        lang=product.language,
        invariant=1,
        pageCompression=1,
    )
    story = title_page(product, styles) + list(body(blocks, styles))
    draw_footer = footer_drawer(product)
    doc.build(story, onFirstPage=draw_footer, onLaterPages=draw_footer)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; fail if a rendered PDF differs from the one on disk",
    )
    args = parser.parse_args(argv)

    products = load_products()
    documents = sorted(DOCUMENTS_DIR.glob("*.md"))
    if not documents:
        print(f"no documents in {DOCUMENTS_DIR}", file=sys.stderr)
        return 1
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    problems = 0
    total = 0
    for path in documents:
        product = products.get(path.stem)
        if product is None:
            print(f"{path.name}: no product line with attachment {path.stem}.pdf", file=sys.stderr)
            problems += 1
            continue
        data = render(path, product)
        total += len(data)
        target = OUTPUT_DIR / f"{path.stem}.pdf"
        if args.check:
            if not target.exists() or target.read_bytes() != data:
                print(f"{target.relative_to(REPO_ROOT)} is out of date", file=sys.stderr)
                problems += 1
        else:
            target.write_bytes(data)
            print(f"{target.relative_to(REPO_ROOT)}  {len(data):>7} bytes")
    print(f"{len(documents)} documents, {total} bytes in all")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
