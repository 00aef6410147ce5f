"""Product filters (``theme=environmental-rights``, ``year=2018..2020``) as SQL conditions.

The same names serve the command line's ``list --filter``, saved searches and (later) the search
facets, so that a filter means one thing everywhere. Several values of one field are OR-ed,
different fields are AND-ed.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, or_, select

from kmdesk import validation as check
from kmdesk.annotations.tags import tag_index_value, tag_key
from kmdesk.db.models import (
    Annotation,
    AnnotationTag,
    Person,
    Product,
    ProductAuthor,
    ProductCountry,
    ProductKeyword,
    ProductLanguage,
    ProductOrganisation,
    ProductRegion,
    need_product,
    product_partnership,
    product_theme,
)
from kmdesk.errors import ValidationError
from kmdesk.i18n import _
from kmdesk.terms import FACET_VOCABULARIES, TermResolver
from kmdesk.vocabulary import ANNOTATED_BY_ME, ANNOTATED_BY_OTHERS, PRODUCT_STATUSES

#: Filter names, with the aliases people type.
FILTER_FIELDS: dict[str, str] = {
    "theme": "theme",
    "type": "type",
    "product_type": "type",
    "partnership": "partnership",
    "organisation": "organisation",
    "org": "organisation",
    "author": "author",
    "country": "country",
    "region": "region",
    "language": "language",
    "year": "year",
    "status": "status",
    "keyword": "keyword",
    "need": "need",
    "tag": "tag",
    "annotated": "annotated",
}


def parse_filter_args(args: Iterable[str]) -> dict[str, list[str]]:
    """Read ``field=value`` strings (as typed after ``--filter``) into a mapping."""
    filters: dict[str, list[str]] = {}
    for arg in args:
        name, sep, value = arg.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise ValidationError("filter", arg, _("must be written field=value"))
        field = FILTER_FIELDS.get(name.strip().lower())
        if field is None:
            raise ValidationError(
                "filter",
                name,
                _("is not a filter field (fields: {fields})").format(
                    fields=", ".join(sorted(set(FILTER_FIELDS.values())))
                ),
            )
        filters.setdefault(field, []).append(value.strip())
    return filters


def product_conditions(
    resolver: TermResolver, filters: Mapping[str, Sequence[Any]], installation: str = ""
) -> list[ColumnElement[bool]]:
    """One SQL condition per filtered field; validates every value first.

    ``installation`` (this installation's id) says whose notes are "mine" for ``annotated``.
    """
    conditions: list[ColumnElement[bool]] = []
    for field, values in filters.items():
        alternatives = [_condition(resolver, field, value, installation) for value in values]
        if alternatives:
            conditions.append(or_(*alternatives))
    return conditions


def _condition(
    resolver: TermResolver, field: str, value: Any, installation: str
) -> ColumnElement[bool]:
    name = "filter " + field
    if field in ("tag", "annotated"):
        return _note_condition(resolver, field, value, installation)
    if field == "theme":
        theme = resolver.resolve("theme", name, value)
        return exists().where(
            and_(product_theme.c.product_id == Product.id, product_theme.c.theme_id == theme.id)
        )
    if field == "partnership":
        partnership = resolver.resolve("partnership", name, value)
        return exists().where(
            and_(
                product_partnership.c.product_id == Product.id,
                product_partnership.c.partnership_id == partnership.id,
            )
        )
    if field == "organisation":
        organisation = resolver.resolve("organisation", name, value)
        return exists().where(
            and_(
                ProductOrganisation.product_id == Product.id,
                ProductOrganisation.organisation_id == organisation.id,
            )
        )
    if field == "type":
        return Product.product_type_id == resolver.resolve("product-type", name, value).id
    if field == "author":
        return exists(
            select(ProductAuthor.product_id)
            .join(Person, Person.id == ProductAuthor.person_id)
            .where(ProductAuthor.product_id == Product.id, Person.name == str(value).strip())
        )
    if field == "country":
        (code,) = check.countries(name, [value])
        return exists().where(
            and_(ProductCountry.product_id == Product.id, ProductCountry.code == code)
        )
    if field == "region":
        (code,) = check.regions(name, [value])
        return exists().where(
            and_(ProductRegion.product_id == Product.id, ProductRegion.code == code)
        )
    if field == "language":
        (tag,) = check.languages(name, [value])
        primary = tag.split("-")[0]
        return exists().where(
            and_(
                ProductLanguage.product_id == Product.id,
                or_(ProductLanguage.tag == tag, ProductLanguage.tag.like(f"{primary}-%"))
                if tag == primary
                else ProductLanguage.tag == tag,
            )
        )
    if field == "keyword":
        return exists().where(
            and_(
                ProductKeyword.product_id == Product.id,
                ProductKeyword.keyword == str(value).strip(),
            )
        )
    if field == "status":
        return Product.status == check.choice(name, value, PRODUCT_STATUSES)
    if field == "year":
        return _year_condition(name, str(value))
    if field == "need":
        return exists().where(
            and_(
                need_product.c.product_id == Product.id,
                need_product.c.knowledge_need_id == _uuid(name, value),
            )
        )
    raise ValidationError("filter", field, _("is not a filter field"))


def _note_condition(
    resolver: TermResolver, field: str, value: Any, installation: str
) -> ColumnElement[bool]:
    """Products with a note carrying a tag, or with notes made here (``mine``) or elsewhere."""
    wanted = _search_value(resolver, field, "filter " + field, value)  # checks it
    if field == "tag":
        return exists().where(
            and_(
                Annotation.product_id == Product.id,
                AnnotationTag.annotation_id == Annotation.id,
                AnnotationTag.key == tag_key(str(value)),
            )
        )
    made_here = Annotation.installation == installation
    return exists().where(
        and_(
            Annotation.product_id == Product.id,
            made_here if wanted == ANNOTATED_BY_ME else ~made_here,
        )
    )


def _year_condition(name: str, value: str) -> ColumnElement[bool]:
    """``2019``, ``2018..2020``, ``2018..`` or ``..2020``."""
    low, high = check.year_range(name, value)
    parts = []
    if low is not None:
        parts.append(Product.year >= low)
    if high is not None:
        parts.append(Product.year <= high)
    return and_(*parts)


def _uuid(name: str, value: Any) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise ValidationError(name, value, _("is not a record id")) from None


#: Search facets that a filter may restrict.
SEARCH_FACETS: tuple[str, ...] = (
    "theme",
    "type",
    "partnership",
    "organisation",
    "country",
    "language",
    "year",
    "tag",
    "annotated",
)


def normalise_search_filters(
    resolver: TermResolver, filters: Mapping[str, Sequence[Any]]
) -> dict[str, list[str]]:
    """Search filters with every value as the index stores it (keys, codes, years).

    Accepts the same spellings as :func:`product_conditions` (labels, acronyms, lower-case
    codes, ``2018..2020``) and raises a :class:`ValidationError` naming the bad one.
    """
    clean: dict[str, list[str]] = {}
    for raw_name, values in filters.items():
        name = FILTER_FIELDS.get(raw_name.strip().lower(), raw_name)
        if name not in SEARCH_FACETS:
            raise ValidationError(
                "filter",
                raw_name,
                _("is not a search filter (filters: {fields})").format(
                    fields=", ".join(SEARCH_FACETS)
                ),
            )
        label = "filter " + name
        for value in values:
            clean.setdefault(name, []).append(_search_value(resolver, name, label, value))
    return clean


def _search_value(resolver: TermResolver, name: str, label: str, value: Any) -> str:
    if name == "tag":
        found = tag_index_value(str(value))
        if not found:
            raise ValidationError(label, value, _("is not a tag"))
        return found
    if name == "annotated":
        wanted = str(value).strip().casefold()
        if wanted in ("me", "mine", ANNOTATED_BY_ME):
            return ANNOTATED_BY_ME
        if wanted in ("others", "partners", ANNOTATED_BY_OTHERS):
            return ANNOTATED_BY_OTHERS
        raise ValidationError(label, value, _("must be 'mine' or 'others'"))
    if name in FACET_VOCABULARIES:
        return str(resolver.resolve(FACET_VOCABULARIES[name], label, value).key)
    if name == "country":
        return check.countries(label, [value])[0]
    if name == "language":
        return check.languages(label, [value])[0].split("-")[0]
    low, high = check.year_range(label, value)
    return str(low) if low == high else f"{low or ''}..{high or ''}"
