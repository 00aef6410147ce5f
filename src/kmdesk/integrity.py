"""``kmdesk check``: is the catalogue sound, and are its files what the database says?

Checks, each reported as a :class:`Problem` naming what is wrong and where:

* SQLite's own integrity check and foreign-key check;
* the schema revision is the one this kmdesk expects;
* every attachment's file exists, has the recorded size and the recorded SHA-256;
* files in the attachment store that no attachment refers to (orphans), and leftovers of
  interrupted copies;
* records that are both alive and tombstoned;
* drift between the search index and the database (missing, stale or deleted products).

It also lists the attachments whose text could not be extracted (no text layer, encrypted with a
password, broken), with the reason: the search finds them by their product's metadata only. They
are not problems of the catalogue (a scanned report is a fine attachment), so they leave
:attr:`CheckReport.ok` alone. Their status comes from the extracted-text cache the search index
shares, and files not in it yet are extracted once (and cached, a cache being no part of the
catalogue).

Checking reads only; it never repairs behind the user's back.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy import select

from kmdesk.attachments import sha256_of
from kmdesk.catalogue import Catalogue
from kmdesk.db.migrate import check_revision, head_revision
from kmdesk.db.models import Attachment, Product, Tombstone
from kmdesk.db.sqlite import integrity_problems
from kmdesk.i18n import _
from kmdesk.progress import CancelToken, Progress, ProgressUpdate, no_progress
from kmdesk.records import AttachmentRecord
from kmdesk.search.extraction import ExtractionStatus, status_text
from kmdesk.sync.kinds import KINDS


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing found wrong: a short kind (for scripts) and a sentence (for people)."""

    kind: str
    message: str


@dataclass(frozen=True, slots=True)
class AttachmentWithoutText:
    """An attachment whose text could not be extracted, and why (``status`` as in extraction)."""

    attachment_id: uuid.UUID
    product_id: uuid.UUID
    file_name: str
    status: ExtractionStatus
    reason: str


@dataclass(slots=True)
class CheckReport:
    """The outcome of a check: what was looked at and what was found.

    ``without_text`` lists attachments with no extracted text (not problems: see the module).
    """

    products: int = 0
    attachments_checked: int = 0
    stored_files: int = 0
    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    without_text: list[AttachmentWithoutText] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether nothing was found wrong."""
        return not self.problems


def check_catalogue(
    catalogue: Catalogue,
    *,
    verify_hashes: bool = True,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> CheckReport:
    """Run every check on ``catalogue`` and report what it found."""
    token = cancel or CancelToken()
    report = CheckReport()
    for line in integrity_problems(catalogue.engine_for_maintenance):
        report.problems.append(Problem("database", line))
    revision = check_revision(catalogue.database_path)
    if revision != head_revision():
        report.problems.append(
            Problem(
                "schema",
                _("schema revision {found} is not the expected {expected}").format(
                    found=revision, expected=head_revision()
                ),
            )
        )
    with catalogue.reading() as session:
        report.products = len(session.scalars(select(Product.id)).all())
        rows = session.execute(
            select(
                Attachment.id,
                Attachment.file_name,
                Attachment.size,
                Attachment.sha256,
                Attachment.media_type,
                Attachment.product_id,
            ).order_by(Attachment.product_id, Attachment.file_name, Attachment.id)
        ).all()
        alive_tombstoned = [
            (kind.name, record_id)
            for kind in KINDS.values()
            for record_id in session.scalars(
                select(Tombstone.id).where(Tombstone.id.in_(select(kind.model.id)))
            )
        ]
    for kind_name, record_id in alive_tombstoned:
        report.problems.append(
            Problem(
                "tombstone",
                _("{kind} {id} is deleted and present").format(kind=kind_name, id=record_id),
            )
        )
    referenced: set[str] = set()
    readable: list[tuple[AttachmentRecord, uuid.UUID]] = []
    for done, (attachment_id, file_name, size, sha, media_type, owner) in enumerate(rows, start=1):
        token.raise_if_cancelled()
        progress(ProgressUpdate(done, len(rows), _("Checking attachments")))
        referenced.add(sha)
        path = catalogue.attachments.path_for(sha)
        if not path.is_file():
            report.problems.append(
                Problem(
                    "attachment-missing",
                    _("the file of attachment {name} ({id}) is missing").format(
                        name=file_name, id=attachment_id
                    ),
                )
            )
        elif path.stat().st_size != size:
            report.problems.append(
                Problem(
                    "attachment-size",
                    _("{name}: {actual} bytes stored, {expected} recorded").format(
                        name=file_name, actual=path.stat().st_size, expected=size
                    ),
                )
            )
        elif verify_hashes and sha256_of(path) != sha:
            report.problems.append(
                Problem(
                    "attachment-hash",
                    _("{name}: the stored file does not match its SHA-256").format(name=file_name),
                )
            )
        else:
            record = AttachmentRecord(attachment_id, file_name, media_type, size, sha)
            readable.append((record, owner))
        report.attachments_checked = done
    _list_attachments_without_text(catalogue, readable, report, progress, token)
    stored = list(catalogue.attachments.stored_hashes())
    report.stored_files = len(stored)
    for sha in stored:
        if sha not in referenced:
            report.problems.append(
                Problem(
                    "orphan-file",
                    _("{path} is not attached to any product").format(
                        path=catalogue.attachments.path_for(sha)
                    ),
                )
            )
    drift = catalogue.index_drift()
    if not drift.present:
        report.notices.append(
            _("there is no search index yet; the next search or 'kmdesk reindex' builds it")
        )
    for kind, ids, text in (
        ("index-missing", drift.missing, _("product {id} is not in the search index")),
        ("index-stale", drift.stale, _("the search index has an old version of product {id}")),
        ("index-extra", drift.extra, _("the search index has deleted product {id}")),
    ):
        for product_id in ids:
            report.problems.append(Problem(kind, text.format(id=product_id)))
    for leftover in catalogue.attachments.leftovers():
        report.problems.append(
            Problem("leftover", _("{path} is left from an interrupted copy").format(path=leftover))
        )
    return report


def _list_attachments_without_text(
    catalogue: Catalogue,
    attachments: list[tuple[AttachmentRecord, uuid.UUID]],
    report: CheckReport,
    progress: Progress,
    token: CancelToken,
) -> None:
    """Add the sound attachments whose text could not be extracted to ``report.without_text``.

    Types whose text is never extracted (images...) are not listed: nothing failed there.
    """
    for done, (attachment, product_id) in enumerate(attachments, start=1):
        token.raise_if_cancelled()
        progress(ProgressUpdate(done, len(attachments), _("Reading attachments")))
        extraction = catalogue.products.text_extraction(attachment)
        if extraction.status in ("no-text", "encrypted", "error"):
            report.without_text.append(
                AttachmentWithoutText(
                    attachment.id,
                    product_id,
                    attachment.file_name,
                    extraction.status,
                    status_text(extraction),
                )
            )
