"""Tags of annotations: what people type, how they are matched, how they are checked.

A tag is kept **as written** (trimmed, spaces collapsed: ``Budget tracking``) for display, and
matched by its **key**: NFKC, case-folded (``budget tracking``). One note holds a tag once per
key (the first spelling typed wins); filtering by ``budget TRACKING`` finds it; across
installations the key is the tag's identity, so two people adding ``Gender`` and ``gender`` to
one shared note end with one tag (the later spelling shown).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from kmdesk import validation as check
from kmdesk.errors import ValidationError
from kmdesk.i18n import _

TAG_MAX_LENGTH = 100
MAX_TAGS = 50


def tag_key(tag: str) -> str:
    """The form tags are matched and deduplicated by: NFKC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", tag).casefold().split())


def tag_index_value(tag: str) -> str:
    """A tag's key as the search index stores it (its facet values are comma-separated)."""
    return tag_key(tag).replace(",", " ").strip()


def clean_tag(field: str, value: Any) -> str:
    """One tag as stored: trimmed, NFC, spaces collapsed, not blank, at most 100 characters."""
    if isinstance(value, str):
        value = unicodedata.normalize("NFC", value)
    cleaned = check.text(field, value, required=True, max_length=TAG_MAX_LENGTH)
    assert cleaned is not None  # required
    return cleaned


def clean_tags(field: str, values: Iterable[Any]) -> list[str]:
    """Tags in the order given, without duplicates by key (the first spelling is kept)."""
    result: list[str] = []
    seen: set[str] = set()
    for value in check.string_list(field, values):
        tag = clean_tag(field, value)
        if tag_key(tag) not in seen:
            seen.add(tag_key(tag))
            result.append(tag)
    if len(result) > MAX_TAGS:
        raise ValidationError(field, len(result), _("is more than {n} tags").format(n=MAX_TAGS))
    return result
