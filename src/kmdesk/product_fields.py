"""Validate a product's fields as people give them and write them onto the model.

The same function serves "add" (every required field must be there) and "edit" (only the fields
given change). It returns the names of the fields whose value really changed, which the catalogue
stamps for per-field merge: saving a form without changes stamps nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kmdesk import validation as check
from kmdesk.collation import sort_key
from kmdesk.db.models import (
    Person,
    Product,
    ProductAuthor,
    ProductCountry,
    ProductKeyword,
    ProductLanguage,
    ProductOrganisation,
    ProductRegion,
)
from kmdesk.errors import ValidationError
from kmdesk.i18n import _
from kmdesk.terms import TermResolver
from kmdesk.vocabulary import ORGANISATION_ROLES, PRODUCT_STATUSES

#: Every field a product accepts, in the order forms and the command line show them.
PRODUCT_FIELDS: tuple[str, ...] = (
    "title",
    "subtitle",
    "summary",
    "product_type",
    "themes",
    "partnerships",
    "organisations",
    "authors",
    "countries",
    "regions",
    "languages",
    "year",
    "date",
    "licence",
    "url",
    "doi",
    "keywords",
    "status",
)
REQUIRED_FIELDS: tuple[str, ...] = ("title", "product_type")
#: Fields that hold a list of values (cleared with an empty list, not ``None``).
LIST_FIELDS: frozenset[str] = frozenset(
    {
        "themes",
        "partnerships",
        "organisations",
        "authors",
        "countries",
        "regions",
        "languages",
        "keywords",
    }
)

#: Plain value lists: how to check the values, the row type that holds one, and its column.
_VALUE_LISTS: dict[str, tuple[Callable[[str, list[Any]], list[str]], type[Any], str]] = {
    "countries": (check.countries, ProductCountry, "code"),
    "regions": (check.regions, ProductRegion, "code"),
    "languages": (check.languages, ProductLanguage, "tag"),
    "keywords": (check.keywords, ProductKeyword, "keyword"),
}


def apply_product_fields(
    session: Session,
    product: Product,
    values: Mapping[str, Any],
    *,
    creating: bool,
    terms: TermResolver | None = None,
) -> set[str]:
    """Validate ``values`` and set them on ``product``; return the fields that changed.

    Raises :class:`ValidationError` for the first bad field; the caller's transaction is then
    rolled back, so nothing is half-written.
    """
    unknown = sorted(set(values) - set(PRODUCT_FIELDS))
    if unknown:
        raise ValidationError(
            unknown[0],
            None,
            _("is not a product field (fields: {fields})").format(fields=", ".join(PRODUCT_FIELDS)),
        )
    if creating:
        for name in REQUIRED_FIELDS:
            if values.get(name) in (None, "", [], ()):
                raise ValidationError(name, None, _("is required"))
    with session.no_autoflush:  # the product may be half-filled until the end
        return _apply(session, product, values, creating, terms or TermResolver(session))


def _apply(
    session: Session,
    product: Product,
    values: Mapping[str, Any],
    creating: bool,
    resolver: TermResolver,
) -> set[str]:
    changed: set[str] = set()

    def assign(name: str, new: Any, current: Any, setter: Any) -> None:
        if creating or new != current:
            setter(new)
            changed.add(name)

    for name in PRODUCT_FIELDS:
        if name not in values:
            continue
        raw = values[name]
        if name == "title":
            value = check.text(name, raw, required=True)
            assign(name, value, product.title, lambda v: _set_title(product, v))
        elif name == "subtitle":
            value = check.text(name, raw)
            assign(name, value, product.subtitle, lambda v: setattr(product, "subtitle", v))
        elif name == "summary":
            value = check.long_text(name, raw)
            assign(name, value, product.summary, lambda v: setattr(product, "summary", v))
        elif name == "product_type":
            if raw in (None, ""):
                raise ValidationError(name, raw, _("is required"))
            kind = resolver.resolve("product-type", name, raw)
            assign(
                name,
                kind.id,
                product.product_type_id,
                lambda v, k=kind: setattr(product, "product_type", k),
            )
        elif name in ("themes", "partnerships"):
            kind_name = "theme" if name == "themes" else "partnership"
            rows = resolver.resolve_all(kind_name, name, check.string_list(name, raw))
            current = [row.id for row in getattr(product, name)]
            assign(
                name,
                [row.id for row in rows],
                current,
                lambda _v, r=rows, n=name: setattr(product, n, r),
            )
        elif name == "organisations":
            pairs = _organisation_roles(resolver, check.string_list(name, raw))
            current = [(link.organisation_id, link.role) for link in product.organisations]
            assign(
                name,
                [(org.id, role) for org, role in pairs],
                current,
                lambda _v, p=pairs: _set_organisations(product, p),
            )
        elif name == "authors":
            names = check.keywords(name, check.string_list(name, raw))
            current = [link.person.name for link in product.authors]
            assign(name, names, current, lambda v: _set_authors(session, product, v))
        elif name in _VALUE_LISTS:
            normalise, row_type, column = _VALUE_LISTS[name]
            values_given = normalise(name, check.string_list(name, raw))
            current = [getattr(row, column) for row in getattr(product, name)]
            assign(
                name,
                values_given,
                current,
                lambda v, n=name, t=row_type, c=column: setattr(
                    product, n, [t(**{c: item}) for item in v]
                ),
            )
        elif name == "year":
            assign(name, check.year(name, raw), product.year, lambda v: setattr(product, "year", v))
        elif name == "date":
            assign(name, check.date(name, raw), product.date, lambda v: setattr(product, "date", v))
        elif name == "licence":
            assign(
                name,
                check.text(name, raw, max_length=100),
                product.licence,
                lambda v: setattr(product, "licence", v),
            )
        elif name == "url":
            assign(name, check.url(name, raw), product.url, lambda v: setattr(product, "url", v))
        elif name == "doi":
            assign(name, check.doi(name, raw), product.doi, lambda v: setattr(product, "doi", v))
        elif name == "status":
            assign(
                name,
                check.choice(name, raw, PRODUCT_STATUSES),
                product.status,
                lambda v: setattr(product, "status", v),
            )

    if product.date is not None and product.year is None:
        product.year = product.date.year
        changed.add("year")
    if product.date is not None and product.year != product.date.year:
        raise ValidationError(
            "date",
            product.date.isoformat(),
            _("is not in the publication year {year}").format(year=product.year),
        )
    if creating:
        if product.status is None:
            product.status = "published"
        if product.summary is None:
            product.summary = ""
    return changed


def _set_title(product: Product, title: str) -> None:
    product.title = title
    product.sort_title = sort_key(title)


def _organisation_roles(resolver: TermResolver, values: list[Any]) -> list[tuple[Any, str]]:
    """Read ``key``, ``key:role``, ``(key, role)`` or ``{"organisation"|"key": k, "role": r}``."""
    pairs: list[tuple[Any, str]] = []
    for value in values:
        if isinstance(value, Mapping):
            reference = value.get("organisation", value.get("key"))
            role = value.get("role", "author")
        elif isinstance(value, tuple | list) and len(value) == 2:
            reference, role = value
        else:
            reference, _sep, role = str(value).partition(":")
            role = role or "author"
        role = check.choice("organisations", role, ORGANISATION_ROLES)
        organisation = resolver.resolve("organisation", "organisations", reference)
        if (organisation, role) not in pairs:
            pairs.append((organisation, role))
    return pairs


def _set_organisations(product: Product, pairs: list[tuple[Any, str]]) -> None:
    product.organisations = [
        ProductOrganisation(organisation=organisation, role=role) for organisation, role in pairs
    ]


def _set_authors(session: Session, product: Product, names: list[str]) -> None:
    """Link authors by name, reusing the person of the same name when there is one."""
    existing = {
        person.name: person
        for person in session.scalars(select(Person).where(Person.name.in_(names)))
    }
    links = []
    for name in names:
        person = existing.get(name)
        if person is None:
            person = Person(name=name)
            session.add(person)
            existing[name] = person
        links.append(ProductAuthor(person=person))
    product.authors = links
