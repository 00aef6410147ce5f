"""Check and normalise the values people type before they reach the database.

Every function raises :class:`~kmdesk.errors.ValidationError` naming the field and the value, so
the command line can print one clear line and a form can mark the right widget. Checks that need
the database (is this theme known?) live in :mod:`kmdesk.catalogue`; these need nothing but the
value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from kmdesk.errors import ValidationError
from kmdesk.geo import normalise_country, normalise_region
from kmdesk.i18n import _
from kmdesk.vocabulary import EARLIEST_YEAR

_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def text(field: str, value: Any, *, required: bool = False, max_length: int = 500) -> str | None:
    """A trimmed single-line text, ``None`` when blank and not required."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(field, value, _("is required"))
        return None
    if not isinstance(value, str):
        raise ValidationError(field, value, _("must be text"))
    cleaned = " ".join(value.split())
    if len(cleaned) > max_length:
        raise ValidationError(
            field, cleaned[:40] + "…", _("is longer than {n} characters").format(n=max_length)
        )
    return cleaned


def long_text(field: str, value: Any) -> str:
    """A multi-line text (summary, description): trimmed, never ``None``."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(field, value, _("must be text"))
    return value.strip()


def choice(field: str, value: Any, allowed: Iterable[str]) -> str:
    """One of a fixed list of values (status, role, link type...), case-insensitive."""
    options = tuple(allowed)
    cleaned = str(value).strip().lower() if value is not None else ""
    if cleaned not in options:
        raise ValidationError(
            field, value, _("is not one of: {options}").format(options=", ".join(options))
        )
    return cleaned


def year(field: str, value: Any, *, today: dt.date | None = None) -> int | None:
    """A plausible publication year: from 1900 to next year (forthcoming products)."""
    if value is None or value == "":
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationError(field, value, _("is not a year")) from None
    latest = (today or dt.date.today()).year + 1
    if not EARLIEST_YEAR <= number <= latest:
        raise ValidationError(
            field,
            value,
            _("is not a plausible year ({first}–{last})").format(first=EARLIEST_YEAR, last=latest),
        )
    return number


def year_range(field: str, value: Any) -> tuple[int | None, int | None]:
    """``2019`` → (2019, 2019); ``2018..2020``, ``2018..`` and ``..2020`` → open or closed ends."""
    text = str(value).strip()
    if ".." not in text:
        single = year(field, text)
        if single is None:
            raise ValidationError(field, value, _("is not a year"))
        return single, single
    first, _sep, last = text.partition("..")
    low = year(field, first) if first.strip() else None
    high = year(field, last) if last.strip() else None
    if low is None and high is None:
        raise ValidationError(field, value, _("needs a year on at least one side of '..'"))
    return low, high


def date(field: str, value: Any) -> dt.date | None:
    """An ISO date (YYYY-MM-DD)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(field, value, _("is not a date in the form YYYY-MM-DD")) from None


def url(field: str, value: Any) -> str | None:
    """An http(s) address."""
    cleaned = text(field, value, max_length=2000)
    if cleaned is not None and not _URL.match(cleaned):
        raise ValidationError(field, value, _("is not a web address starting with http(s)://"))
    return cleaned


def doi(field: str, value: Any) -> str | None:
    """A DOI, stored bare (``10.xxxx/...``) whether typed bare, as doi: or as a doi.org URL."""
    cleaned = text(field, value, max_length=200)
    if cleaned is None:
        return None
    bare = re.sub(r"^(?:doi:|https?://(?:dx\.)?doi\.org/)", "", cleaned, flags=re.IGNORECASE)
    if not _DOI.match(bare):
        raise ValidationError(field, value, _("is not a DOI (10.NNNN/...)"))
    return bare


def countries(field: str, values: Iterable[Any]) -> list[str]:
    """ISO 3166-1 alpha-2 codes, upper-cased, without duplicates, in the given order."""
    result: list[str] = []
    for value in values:
        code = normalise_country(str(value))
        if code is None:
            raise ValidationError(field, value, _("is not an ISO 3166-1 alpha-2 country code"))
        if code not in result:
            result.append(code)
    return result


def regions(field: str, values: Iterable[Any]) -> list[str]:
    """UN M49 region codes, given as codes or English names."""
    result: list[str] = []
    for value in values:
        code = normalise_region(str(value))
        if code is None:
            raise ValidationError(field, value, _("is not a UN M49 region code or name"))
        if code not in result:
            result.append(code)
    return result


def languages(field: str, values: Iterable[Any]) -> list[str]:
    """Valid BCP 47 tags in their standard form (``pt-br`` becomes ``pt-BR``)."""
    import langcodes  # its data tables take a while to load; only forms with languages need it

    result: list[str] = []
    for value in values:
        raw = str(value).strip()
        if not raw or not langcodes.tag_is_valid(raw):
            raise ValidationError(field, value, _("is not a valid BCP 47 language tag"))
        tag = str(langcodes.standardize_tag(raw))
        if tag not in result:
            result.append(tag)
    return result


def keywords(field: str, values: Iterable[Any]) -> list[str]:
    """Trimmed keywords without case-insensitive duplicates."""
    result: list[str] = []
    seen: set[str] = set()
    for value in values:
        word = text(field, value, max_length=100)
        if word and word.casefold() not in seen:
            seen.add(word.casefold())
            result.append(word)
    return result


def key(field: str, value: Any) -> str:
    """A vocabulary key: lower-case words joined by hyphens (``gender-equality-inclusion``)."""
    cleaned = text(field, value, required=True, max_length=100)
    assert cleaned is not None
    if not _KEY.match(cleaned):
        raise ValidationError(
            field, value, _("must be lower-case letters and digits joined by hyphens")
        )
    return cleaned


def string_list(field: str, value: Any) -> list[Any]:
    """Accept a single value or a list where a list is expected."""
    if value is None:
        return []
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        return [value]
    return list(value)
