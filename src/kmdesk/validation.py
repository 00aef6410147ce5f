"""Check and normalise the values people type before they reach the database.

Every function raises :class:`~kmdesk.errors.ValidationError` naming the field and the value, so
the command line can print one clear line and a form can mark the right widget. Checks that need
the database (is this theme known?) live in :mod:`kmdesk.catalogue`; these need nothing but the
value.

Invisible and control characters, in every text these functions accept (:func:`text`,
:func:`long_text`, :func:`keywords`, :func:`key`, and :func:`url` and :func:`doi` through
:func:`text`):

* **Stripped, silently:** format characters whose only effect is to hide or reorder text, which
  can make a title read differently in a terminal or a list than what is stored ("Trojan
  Source" tricks): the bidirectional embeddings, overrides and isolates U+202A–U+202E and
  U+2066–U+2069, the deprecated format controls U+206A–U+206F, the invisible operators
  U+2061–U+2064, the byte order mark U+FEFF (a stray one at the start of pasted or imported
  text), the interlinear annotation marks U+FFF9–U+FFFB and the tag characters U+E0001 and
  U+E0020–U+E007F (a flag emoji built from tags shows as a plain black flag).
* **Kept:** the zero-width joiner and non-joiner U+200D and U+200C (needed to spell words in
  Persian, Indic scripts and emoji), the left-to-right, right-to-left and Arabic letter marks
  U+200E, U+200F and U+061C (they help mixed-direction text show right, and cannot reorder it
  the way overrides do), the zero-width space U+200B (word boundaries in Thai, Khmer, Lao and
  Burmese) and the soft hyphen U+00AD.
* **Whitespace controls** (tab, line feed, carriage return, vertical tab, form feed, U+001C to
  U+001F, next line U+0085) become a single space in one-line texts; in multi-line texts
  (:func:`long_text`) tab and line feed stay, and every other line break (CR LF, CR, vertical
  tab, form feed, U+0085) becomes a line feed.
* **Refused** with a :class:`~kmdesk.errors.ValidationError` naming the field and the
  character: every other C0 and C1 control (NUL, escape U+001B, U+007F to U+009F...) and
  unpaired surrogates (bytes that were not valid UTF-8, as a command line passes them on).
  They have no place in a catalogue's text, and a terminal would obey them.

Displays still escape such characters (``kmdesk.cli``): a catalogue can hold text written before
these rules, or by other tools.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Any

from kmdesk.errors import ValidationError
from kmdesk.geo import normalise_country, normalise_region
from kmdesk.i18n import _
from kmdesk.vocabulary import EARLIEST_YEAR

_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Format characters that only hide or reorder text: stripped (see the module docstring).
_SPOOFING_RANGES = (
    "\u202a-\u202e\u2061-\u2064\u2066-\u2069\u206a-\u206f\ufeff\ufff9-\ufffb"
    "\U000e0001\U000e0020-\U000e007f"
)
_SPOOFING = re.compile(f"[{_SPOOFING_RANGES}]+")
# Refused once whitespace is collapsed (one line) or line breaks made line feeds (several lines).
_REFUSED_IN_LINE = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff]")
_REFUSED_IN_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x85]")
# Never shown raw: controls a terminal would obey, unpaired surrogates, spoofing characters.
_UNSAFE_TO_SHOW = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f\\ud800-\\udfff{_SPOOFING_RANGES}]")
_UNSAFE_TO_SHOW_IN_LINES = re.compile(
    f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\ud800-\\udfff{_SPOOFING_RANGES}]"
)


def _refuse_controls(field: str, value: str, refused: re.Pattern[str]) -> None:
    """Raise :class:`ValidationError` naming the first refused character of ``value``."""
    found = refused.search(value)
    if found is None:
        return
    where = found.start()
    shown = value if len(value) <= 60 else "…" + value[max(0, where - 20) : where + 20] + "…"
    code = ord(found.group())
    if 0xD800 <= code <= 0xDFFF:
        problem = _("contains U+{code:04X}, half of a character: was the text not UTF-8?")
    else:
        problem = _("contains the control character U+{code:04X}, which text may not hold")
    raise ValidationError(field, shown, problem.format(code=code))


def escape_character(character: str) -> str:
    """``\\x1b``, ``\\u202e`` or ``\\U000e0041``: a character written as a visible escape."""
    code = ord(character)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def visible(
    value: str, *, lines: bool = False, escape: Callable[[str], str] = escape_character
) -> str:
    """``value`` with every control and spoofing character replaced by a visible escape.

    For showing stored text in a terminal (or anywhere that obeys such characters): data may
    predate the rules of this module, or come from elsewhere. With ``lines=True`` line feeds and
    tabs are kept. ``escape`` writes one character (default: :func:`escape_character`).
    """
    pattern = _UNSAFE_TO_SHOW_IN_LINES if lines else _UNSAFE_TO_SHOW
    return pattern.sub(lambda found: escape(found.group()), value)


def text(field: str, value: Any, *, required: bool = False, max_length: int = 500) -> str | None:
    """A trimmed single-line text, ``None`` when blank and not required."""
    if isinstance(value, str):
        value = _SPOOFING.sub("", value)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(field, value, _("is required"))
        return None
    if not isinstance(value, str):
        raise ValidationError(field, value, _("must be text"))
    cleaned = " ".join(value.split())
    _refuse_controls(field, cleaned, _REFUSED_IN_LINE)
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
    cleaned = _LINE_BREAKS.sub("\n", _SPOOFING.sub("", value)).strip()
    _refuse_controls(field, cleaned, _REFUSED_IN_LINES)
    return cleaned


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
    if low is not None and high is not None and low > high:
        raise ValidationError(
            field,
            value,
            _("is an empty range: {low} comes after {high}").format(low=low, high=high),
        )
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
