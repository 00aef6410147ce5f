"""Exceptions the core raises for problems a user can understand and fix.

Every exception here carries a one-line message meant for people: the command line prints it on
stderr and exits with status 1, the GUI shows it in a dialog. Anything else that escapes is a bug.
"""

from __future__ import annotations

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
