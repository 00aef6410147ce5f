"""Checks of an annotation's values, shared by the service (what people type) and the merge
(what arrives from elsewhere). Each raises :class:`~kmdesk.errors.ValidationError` naming the
field, and returns the value in the form kmdesk stores."""

from __future__ import annotations

import math
import re
from typing import Any

from kmdesk import validation as check
from kmdesk.errors import ValidationError
from kmdesk.i18n import _

RATING_MIN, RATING_MAX = 1, 5
#: Longest quote (and context on either side) kept with a highlight, in characters.
QUOTE_MAX_LENGTH = 5000
#: Most rectangles one highlight may draw (a passage over a few columns of a page).
MAX_RECTANGLES = 200
_INSTALLATION = re.compile(r"^[0-9a-f]{32}$")


def clean_rating(field: str, value: Any) -> int | None:
    """A rating from 1 to 5, or ``None``; ``"4"`` is read as 4."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValidationError(field, value, _("must be a whole number from 1 to 5"))
    try:
        number = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise ValidationError(field, value, _("must be a whole number from 1 to 5")) from None
    if not RATING_MIN <= number <= RATING_MAX:
        raise ValidationError(field, value, _("must be a whole number from 1 to 5"))
    return number


def clean_page(field: str, value: Any) -> int | None:
    """A page number from 1, or ``None``."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValidationError(field, value, _("must be a page number from 1"))
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationError(field, value, _("must be a page number from 1")) from None
    if number < 1:
        raise ValidationError(field, value, _("must be a page number from 1"))
    return number


def clean_quote(field: str, value: Any) -> str | None:
    """Quoted text (or its context): kept as extracted, line breaks included; ``None`` when
    blank."""
    cleaned = check.long_text(field, value)
    if not cleaned:
        return None
    if len(cleaned) > QUOTE_MAX_LENGTH:
        raise ValidationError(
            field,
            cleaned[:40] + "…",
            _("is longer than {n} characters").format(n=QUOTE_MAX_LENGTH),
        )
    return cleaned


def clean_position(field: str, value: Any) -> list[list[float]] | None:
    """Rectangles ``[[x0, y0, x1, y1], ...]`` in PDF points (finite, x0 ≤ x1, y0 ≤ y1)."""
    if value is None:
        return None
    if not isinstance(value, list | tuple) or len(value) > MAX_RECTANGLES:
        raise ValidationError(
            field,
            value,
            _("must be a list of at most {n} rectangles [x0, y0, x1, y1]").format(n=MAX_RECTANGLES),
        )
    rectangles: list[list[float]] = []
    for rectangle in value:
        if (
            not isinstance(rectangle, list | tuple)
            or len(rectangle) != 4
            or not all(
                isinstance(n, int | float) and not isinstance(n, bool) and math.isfinite(n)
                for n in rectangle
            )
        ):
            raise ValidationError(field, rectangle, _("must be four numbers [x0, y0, x1, y1]"))
        x0, y0, x1, y1 = (float(n) for n in rectangle)
        if x0 > x1 or y0 > y1:
            raise ValidationError(field, rectangle, _("must have x0 ≤ x1 and y0 ≤ y1"))
        rectangles.append([x0, y0, x1, y1])
    return rectangles or None


def clean_installation(field: str, value: Any) -> str:
    """An installation id: 32 lower-case hex digits."""
    if not isinstance(value, str) or not _INSTALLATION.match(value):
        raise ValidationError(field, value, _("is not an installation id"))
    return value
