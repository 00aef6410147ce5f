"""Find vocabulary entries from what a person types: a key, a label in any language, an acronym.

Vocabularies are small (tens to hundreds of entries), so a resolver loads one vocabulary once
per operation and matches in memory; an unknown value raises a
:class:`~kmdesk.errors.ValidationError` that lists the known keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kmdesk import validation as check
from kmdesk.db.base import Vocabulary
from kmdesk.db.models import Organisation, Partnership, ProductType, Theme
from kmdesk.errors import ValidationError
from kmdesk.i18n import _

#: The vocabularies a catalogue keeps, by the name used on the command line and in filters.
VOCABULARY_MODELS: dict[str, type[Vocabulary]] = {
    "theme": Theme,
    "partnership": Partnership,
    "organisation": Organisation,
    "product-type": ProductType,
}

#: Facets and filters that take their values from a vocabulary, with that vocabulary.
FACET_VOCABULARIES: dict[str, str] = {
    "theme": "theme",
    "type": "product-type",
    "partnership": "partnership",
    "organisation": "organisation",
}

#: The name of each vocabulary as a person reads it in a message.
VOCABULARY_NOUNS: dict[str, str] = {
    "theme": "theme",
    "partnership": "partnership",
    "organisation": "organisation",
    "product-type": "product type",
}

_MAX_LISTED = 12

#: Extra fields each vocabulary accepts besides key and labels.
TERM_FIELDS: dict[str, tuple[str, ...]] = {
    "theme": ("descriptions",),
    "partnership": ("acronym", "description", "start_year", "themes"),
    "organisation": ("acronym", "country", "kind", "partnerships"),
    "product-type": (),
}


def vocabulary_model(kind: str) -> type[Vocabulary]:
    """The model of vocabulary ``kind``; a :class:`ValidationError` names the known kinds."""
    try:
        return VOCABULARY_MODELS[kind]
    except KeyError:
        raise ValidationError(
            "vocabulary",
            kind,
            _("is not one of: {options}").format(options=", ".join(VOCABULARY_MODELS)),
        ) from None


class TermResolver:
    """Resolves typed references to vocabulary rows within one session."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._index: dict[str, dict[str, Any]] = {}

    def resolve(self, kind: str, field: str, value: Any) -> Any:
        """The row of vocabulary ``kind`` that ``value`` names, for the form field ``field``."""
        index = self._load(kind)
        needle = str(value).strip().casefold()
        found = index.get(needle)
        if found is None:
            keys = sorted({row.key for row in index.values()})
            shown = ", ".join(keys[:_MAX_LISTED]) + (", …" if len(keys) > _MAX_LISTED else "")
            raise ValidationError(
                field,
                value,
                _("is not a known {noun} (known: {keys})").format(
                    noun=VOCABULARY_NOUNS[kind], keys=shown or _("none yet")
                ),
            )
        return found

    def resolve_all(self, kind: str, field: str, values: list[Any]) -> list[Any]:
        """Resolve several references, keeping their order and dropping repeats."""
        rows: list[Any] = []
        for value in values:
            row = self.resolve(kind, field, value)
            if row not in rows:
                rows.append(row)
        return rows

    def forget(self, kind: str) -> None:
        """Drop the cached vocabulary after it changed within the operation."""
        self._index.pop(kind, None)

    def _load(self, kind: str) -> dict[str, Any]:
        if kind not in self._index:
            model = vocabulary_model(kind)
            index: dict[str, Any] = {}
            rows = self._session.scalars(select(model)).all()
            # Keys win over labels, labels over acronyms, when two entries could match.
            for row in rows:
                acronym = getattr(row, "acronym", None)
                if acronym:
                    index.setdefault(acronym.casefold(), row)
            for row in rows:
                for label in (row.labels or {}).values():
                    index[label.casefold()] = row
            for row in rows:
                index[row.key.casefold()] = row
            self._index[kind] = index
        return self._index[kind]


def clean_labels(labels: Mapping[str, str], *, require_english: bool = True) -> dict[str, str]:
    """Labels keyed by standard language tags; an English label is required for new entries."""
    cleaned: dict[str, str] = {}
    for language, label in labels.items():
        (tag,) = check.languages("labels", [language])
        value = check.text(f"labels.{tag}", label, max_length=300)
        if value:
            cleaned[tag] = value
    if require_english and "en" not in cleaned:
        raise ValidationError("labels.en", None, _("is required"))
    return cleaned


def apply_term_fields(session: Session, kind: str, row: Any, extra: Mapping[str, Any]) -> list[str]:
    """Validate and set the extra fields of a vocabulary entry; return those that changed."""
    allowed = TERM_FIELDS[kind]
    unknown = sorted(set(extra) - set(allowed))
    if unknown:
        raise ValidationError(
            unknown[0],
            None,
            _("is not a field of a {noun}").format(noun=VOCABULARY_NOUNS[kind]),
        )
    resolver = TermResolver(session)
    changed: list[str] = []
    for name, value in extra.items():
        if name == "acronym":
            value = check.text(name, value, max_length=40)
        elif name in ("description", "kind"):
            value = check.text(name, value, max_length=2000)
        elif name == "country":
            value = check.countries(name, [value])[0] if value else None
        elif name == "start_year":
            value = check.year(name, value)
        elif name == "descriptions":
            value = {k: v for k, v in clean_labels(value or {}, require_english=False).items()}
        elif name == "themes":
            value = resolver.resolve_all("theme", name, check.string_list(name, value))
        elif name == "partnerships":
            value = resolver.resolve_all("partnership", name, check.string_list(name, value))
        if getattr(row, name, None) != value:
            setattr(row, name, value)
            changed.append(name)
    return changed


def raised_by(resolver: TermResolver, value: Any) -> tuple[Any, Any]:
    """``partnership:key``, ``organisation:key`` or a mapping with one of those keys."""
    if not value:
        return None, None
    if isinstance(value, Mapping):
        ((kind, reference),) = value.items()
    else:
        kind, _sep, reference = str(value).partition(":")
    if kind == "partnership":
        return resolver.resolve("partnership", "raised_by", reference), None
    if kind == "organisation":
        return None, resolver.resolve("organisation", "raised_by", reference)
    raise ValidationError(
        "raised_by", value, _("must be written partnership:KEY or organisation:KEY")
    )
