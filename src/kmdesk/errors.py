"""Exceptions the core raises for problems a user can understand and fix.

Every exception here carries a one-line message meant for people: the command line prints it on
stderr and exits with status 1, the GUI shows it in a dialog. Anything else that escapes is a bug.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

from kmdesk.i18n import _


class KmdeskError(Exception):
    """Base class of all errors that describe a user-facing problem (never a bug)."""


class ValidationError(KmdeskError):
    """A value given for a field is missing, unknown or out of range.

    ``field`` and ``value`` are kept so that forms can put the message next to the right widget.
    """

    def __init__(self, field: str, value: Any, problem: str) -> None:
        self.field = field
        self.value = value
        self.problem = problem
        if value is None or value == "":
            text = _("{field}: {problem}").format(field=field, problem=problem)
        else:
            text = _("{field}: {value!r} {problem}").format(
                field=field, value=value, problem=problem
            )
        super().__init__(text)


class NotFoundError(KmdeskError):
    """No record of the given kind matches the reference the user gave."""

    def __init__(self, kind: str, reference: str, detail: str | None = None) -> None:
        self.kind = kind
        self.reference = reference
        message = _("no {kind} matches {reference!r}").format(kind=kind, reference=reference)
        if detail:
            message = f"{message} ({detail})"
        super().__init__(message)


class SchemaTooNewError(KmdeskError):
    """The catalogue was written by a newer kmdesk whose schema this version does not know."""

    def __init__(self, path: str, revision: str) -> None:
        self.path = path
        self.revision = revision
        super().__init__(
            _(
                "the catalogue at {path} was made by a newer version of kmdesk "
                "(schema {revision}); update kmdesk to open it. Nothing was changed."
            ).format(path=path, revision=revision)
        )


class CatalogueError(KmdeskError):
    """The catalogue folder or its database cannot be used (unreadable, not a catalogue...)."""


class OperationCancelled(KmdeskError):
    """Raised inside long work when the user cancelled it; the work has been rolled back."""

    def __init__(self) -> None:
        super().__init__(_("cancelled; nothing was changed"))


class CatalogueInUseError(KmdeskError):
    """Another kmdesk program is writing to this catalogue (one writer at a time)."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(
            _(
                "the catalogue at {path} is in use by another kmdesk program; close it (or wait "
                "for it to finish) and try again. Nothing was changed."
            ).format(path=path)
        )


class DiskFullError(KmdeskError):
    """The disk holding the catalogue (or its size or quota limit) refused to take more data.

    Raised instead of the storage layer's own error (SQLite's "database or disk is full", an
    ``OSError`` with ``ENOSPC``...): the write that failed was rolled back, so the message tells
    the user to free space, not to report a bug.
    """

    def __init__(self, folder: str, detail: str) -> None:
        self.folder = folder
        self.detail = detail
        super().__init__(
            _(
                "not enough disk space in {folder} ({detail}); the unfinished change was not "
                "saved. Free some space and try again."
            ).format(folder=folder, detail=detail)
        )


#: ``OSError`` numbers that mean "the storage will not take more": the disk is full, the user's
#: quota is used up, or the file would outgrow the largest size allowed (FAT32's 4 GB on a USB
#: stick, or a process limit).
_FULL_ERRNOS = frozenset(
    number
    for number in (
        errno.ENOSPC,
        getattr(errno, "EDQUOT", None),  # not defined on Windows
        errno.EFBIG,
    )
    if number is not None
)
_SQLITE_FULL_MESSAGE = "database or disk is full"


def _causes(exc: BaseException) -> list[BaseException]:
    """``exc`` and what lies under it: a SQLAlchemy error's driver error, causes, contexts."""
    found: list[BaseException] = []
    pending: list[BaseException | None] = [exc]
    while pending and len(found) < 20:
        current = pending.pop(0)
        if current is None or any(current is seen for seen in found):
            continue
        found.append(current)
        orig = getattr(current, "orig", None)  # sqlalchemy.exc.DBAPIError keeps the driver's
        pending.extend(
            [
                orig if isinstance(orig, BaseException) else None,
                current.__cause__,
                current.__context__,
            ]
        )
    return found


def _full_detail(exc: BaseException) -> str | None:
    """Why ``exc`` is a storage-full failure, in a few words, or ``None`` when it is not one."""
    if isinstance(exc, OSError) and exc.errno is not None and exc.errno in _FULL_ERRNOS:
        return os.strerror(exc.errno)
    # SQLite errors, recognised without importing the driver (only kmdesk.db.sqlite does): the
    # driver's exceptions carry SQLite's error name since Python 3.11.
    name = getattr(exc, "sqlite_errorname", None)
    if name == "SQLITE_FULL" or (
        type(exc).__module__ == "sqlite3" and str(exc) == _SQLITE_FULL_MESSAGE
    ):
        return _SQLITE_FULL_MESSAGE
    if name == "SQLITE_IOERR_WRITE":
        # SQLite answers SQLITE_FULL only when write() fails with ENOSPC. Any other failed write
        # -- EFBIG (a file size limit: FAT32's 4 GB, RLIMIT_FSIZE) or EDQUOT (quota) -- becomes
        # SQLITE_IOERR_WRITE, "disk I/O error", and SQLite keeps the errno to itself. Observed:
        # a process with a file size limit gets SQLITE_IOERR_WRITE when its write-ahead log
        # reaches the limit, never SQLITE_FULL (SQLite retries a short write, and the retry
        # fails with EFBIG). It is also what a failing disk gives (EIO), which is why the
        # words below do not claim to know which.
        return _("the disk refused to write: full, over quota or past a file size limit")
    return None


def disk_full_error(exc: BaseException, folder: str | os.PathLike[str]) -> DiskFullError | None:
    """The user-facing error for a storage-full failure ``exc``, or ``None`` for anything else.

    Recognises ``OSError`` with ``ENOSPC``, ``EDQUOT`` or ``EFBIG`` (file copies, the search
    index), SQLite's "database or disk is full" and its failed writes (``SQLITE_IOERR_WRITE``),
    raw or wrapped by SQLAlchemy, as the error itself or as its cause. ``folder`` is the
    catalogue folder the message names; a failed file outside it names that file's folder.
    """
    if isinstance(exc, DiskFullError):
        return exc
    for cause in _causes(exc):
        detail = _full_detail(cause)
        if detail is None:
            continue
        where = Path(folder)
        filename = getattr(cause, "filename", None)
        if isinstance(filename, str | os.PathLike):
            path = Path(filename).absolute()
            if not path.is_relative_to(where.absolute()):
                where = path.parent
        return DiskFullError(str(where), detail)
    return None


class ReadOnlyCatalogueError(KmdeskError):
    """The catalogue is on read-only media: it can be browsed and searched, not changed."""

    def __init__(self, path: str, reason: str | None = None) -> None:
        self.path = path
        message = _("read-only catalogue: {path} cannot be changed").format(path=path)
        if reason:
            message = f"{message} ({reason})"
        super().__init__(message)
