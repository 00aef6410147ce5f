"""A selection of notes written out for people: Markdown to read, CSV for a spreadsheet.

Both take the records :meth:`kmdesk.catalogue.annotations.Annotations.list` returns and give
text; writing it to a file is the caller's business. Markdown groups the notes by product (in
the order given), each with its author, organisation, date, visibility, rating, tags and, for a
highlight, the page and quoted passage; the note's own Markdown follows as written. CSV has one
row per note (columns :data:`CSV_COLUMNS`), tags joined by ``"; "``, and cells that a
spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return) prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from kmdesk.i18n import _
from kmdesk.records import AnnotationRecord

CSV_COLUMNS = (
    "id",
    "product_id",
    "product_title",
    "created",
    "updated",
    "author",
    "organisation",
    "installation",
    "visibility",
    "rating",
    "tags",
    "attachment",
    "page",
    "quote",
    "body",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def export_csv(records: Iterable[AnnotationRecord]) -> str:
    """The notes as CSV text (a header row, then one row per note)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for note in records:
        row = {
            "id": note.id,
            "product_id": note.product_id,
            "product_title": note.product_title,
            "created": note.created,
            "updated": note.updated,
            "author": note.author,
            "organisation": note.organisation,
            "installation": note.installation,
            "visibility": note.visibility,
            "rating": note.rating,
            "tags": "; ".join(note.tags),
            "attachment": note.attachment,
            "page": note.page,
            "quote": note.quote,
            "body": note.body,
        }
        writer.writerow([_cell(row[column]) for column in CSV_COLUMNS])
    return out.getvalue()


def _quoted(text: str) -> str:
    return "\n".join("> " + line if line else ">" for line in text.splitlines())


def export_markdown(records: Iterable[AnnotationRecord], *, title: str | None = None) -> str:
    """The notes as one Markdown document, by product in the order given."""
    lines = [f"# {title or _('Notes')}", ""]
    current = None
    for note in records:
        if note.product_id != current:
            current = note.product_id
            lines += [f"## {note.product_title}", ""]
        who = note.author or _("(no name)")
        if note.organisation:
            who += f" ({note.organisation})"
        details = [who, note.created[:10]]
        details.append(_("shared") if note.visibility == "shared" else _("private"))
        if note.rating is not None:
            details.append("★" * note.rating + "☆" * (5 - note.rating))
        lines += ["### " + " · ".join(details), ""]
        if note.tags:
            lines += [_("Tags: {tags}").format(tags=", ".join(note.tags)), ""]
        if note.quote:
            if note.page is not None:
                lines += [_("Page {page}:").format(page=note.page), ""]
            lines += [_quoted(note.quote), ""]
        if note.body:
            lines += [note.body, ""]
    return "\n".join(lines).rstrip("\n") + "\n"
