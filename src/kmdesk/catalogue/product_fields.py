"""The one registry of a product's fields: how each is checked, written, offered and shown.

Each :class:`ProductField` says how to clean a value as people give it (a theme by key, label or
acronym; a country by code or name), how to compare it with what the product holds and how to
write it onto the model; the command line builds its ``add``/``edit`` options from the same list
(:attr:`ProductField.option`), and :mod:`kmdesk.sync.kinds` names the same fields for stamps,
``kmdesk dump`` and bundles. Stamping is not done here: the write layer stamps whatever
differs when the transaction ends.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from kmdesk import validation as check
from kmdesk.collation import sort_key
from kmdesk.db.models import (
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
from kmdesk.sync.kinds import ensure_person, person_id
from kmdesk.terms import TermResolver
from kmdesk.vocabulary import ORGANISATION_ROLES, PRODUCT_STATUSES


@dataclass(frozen=True, slots=True)
class FieldContext:
    """What cleaning and writing a field may need: the session and a vocabulary resolver."""

    session: Session
    terms: TermResolver


@dataclass(frozen=True, slots=True)
class ProductField:
    """One field of a product."""

    name: str
    #: The command-line option (``--theme``) and its help text.
    option: str
    help: str
    clean: Callable[[FieldContext, Any], Any]
    #: The current value in the form :attr:`clean` returns, to write only what changes.
    current: Callable[[Product], Any]
    write: Callable[[FieldContext, Product, Any], None]
    is_list: bool = False
    required: bool = False
    metavar: str | None = None

    def comparable(self, value: Any) -> Any:
        """``value`` as :attr:`current` reports it (rows become their ids)."""
        if self.name in ("themes", "partnerships"):
            return [row.id for row in value]
        if self.name == "product_type":
            return value.id
        if self.name == "organisations":
            return [(organisation.id, role) for organisation, role in value]
        return value


def _attribute(name: str) -> tuple[Callable[[Product], Any], Callable[..., None]]:
    return (
        lambda product: getattr(product, name),
        lambda _ctx, product, value: setattr(product, name, value),
    )


def _text(limit: int = 500, *, required: bool = False) -> Callable[[FieldContext, Any], Any]:
    def clean(_ctx: FieldContext, value: Any) -> Any:
        return check.text("", value, required=required, max_length=limit)

    return clean


def _named(name: str, clean: Callable[[FieldContext, Any], Any]) -> Callable[..., Any]:
    """Run ``clean`` so that its errors name the field."""

    def run(ctx: FieldContext, value: Any) -> Any:
        try:
            return clean(ctx, value)
        except ValidationError as exc:
            if exc.field:
                raise
            raise ValidationError(name, exc.value, exc.problem) from None

    return run


def _set_title(_ctx: FieldContext, product: Product, title: str) -> None:
    product.title = title
    product.sort_title = sort_key(title)


def _product_type(ctx: FieldContext, value: Any) -> Any:
    if value in (None, ""):
        raise ValidationError("product_type", value, _("is required"))
    return ctx.terms.resolve("product-type", "product_type", value)


def _terms(kind: str, field_name: str) -> Callable[[FieldContext, Any], Any]:
    def clean(ctx: FieldContext, value: Any) -> Any:
        return ctx.terms.resolve_all(kind, field_name, check.string_list(field_name, value))

    return clean


def _organisation_roles(ctx: FieldContext, value: Any) -> list[tuple[Any, str]]:
    """Read ``key``, ``key:role``, ``(key, role)`` or ``{"organisation"|"key": k, "role": r}``."""
    pairs: list[tuple[Any, str]] = []
    for item in check.string_list("organisations", value):
        if isinstance(item, Mapping):
            reference = item.get("organisation", item.get("key"))
            role = item.get("role", "author")
        elif isinstance(item, tuple | list) and len(item) == 2:
            reference, role = item
        else:
            reference, _sep, role = str(item).partition(":")
            role = role or "author"
        role = check.choice("organisations", role, ORGANISATION_ROLES)
        organisation = ctx.terms.resolve("organisation", "organisations", reference)
        if (organisation, role) not in pairs:
            pairs.append((organisation, role))
    return pairs


def _set_organisations(_ctx: FieldContext, product: Product, pairs: list[tuple[Any, str]]) -> None:
    product.organisations = [
        ProductOrganisation(organisation=organisation, role=role) for organisation, role in pairs
    ]


def _authors(_ctx: FieldContext, value: Any) -> list[str]:
    names = check.keywords("authors", check.string_list("authors", value))
    seen: set[Any] = set()
    unique = []
    for name in names:  # one person per normalised name
        identity = person_id(name)
        if identity not in seen:
            seen.add(identity)
            unique.append(name)
    return unique


def _set_authors(ctx: FieldContext, product: Product, names: list[str]) -> None:
    """Link authors by name: the person of that name (one id per normalised name)."""
    product.authors = [ProductAuthor(person=ensure_person(ctx.session, name)) for name in names]


def _values(
    name: str,
    normalise: Callable[[str, list[Any]], list[str]],
    row_type: type[Any],
    column: str,
) -> tuple[Callable[..., Any], Callable[[Product], Any], Callable[..., None]]:
    """A plain value list (countries, keywords...): clean, read and write it."""

    def clean(_ctx: FieldContext, value: Any) -> list[str]:
        return normalise(name, check.string_list(name, value))

    def current(product: Product) -> list[str]:
        return [getattr(row, column) for row in getattr(product, name)]

    def write(_ctx: FieldContext, product: Product, values: list[str]) -> None:
        setattr(product, name, [row_type(**{column: item}) for item in values])

    return clean, current, write


def _list_field(
    name: str, option: str, help_text: str, parts: tuple[Any, Any, Any], *, metavar: str | None
) -> ProductField:
    clean, current, write = parts
    return ProductField(name, option, help_text, clean, current, write, True, False, metavar)


def _scalar(
    name: str,
    option: str,
    help_text: str,
    clean: Callable[[FieldContext, Any], Any],
    *,
    required: bool = False,
) -> ProductField:
    current, write = _attribute(name)
    return ProductField(
        name, option, help_text, _named(name, clean), current, write, False, required
    )


#: Every field a product accepts, in the order forms and the command line show them.
FIELDS: tuple[ProductField, ...] = (
    ProductField(
        "title",
        "--title",
        _("Title (required for add)."),
        _named("title", _text(required=True)),
        lambda p: p.title,
        _set_title,
        required=True,
    ),
    _scalar("subtitle", "--subtitle", _("Subtitle."), _text()),
    _scalar(
        "summary",
        "--summary",
        _("Summary (several paragraphs allowed)."),
        lambda _ctx, v: check.long_text("summary", v),
    ),
    ProductField(
        "product_type",
        "--type",
        _("Product type key or label (see 'kmdesk vocab product-type')."),
        _product_type,
        lambda p: p.product_type_id,
        lambda _ctx, p, row: setattr(p, "product_type", row),
        required=True,
    ),
    ProductField(
        "themes",
        "--theme",
        _("Theme key or label; repeat for several."),
        _terms("theme", "themes"),
        lambda p: [t.id for t in p.themes],
        lambda _ctx, p, rows: setattr(p, "themes", rows),
        is_list=True,
    ),
    ProductField(
        "partnerships",
        "--partnership",
        _("Partnership key, label or acronym; repeatable."),
        _terms("partnership", "partnerships"),
        lambda p: [t.id for t in p.partnerships],
        lambda _ctx, p, rows: setattr(p, "partnerships", rows),
        is_list=True,
    ),
    ProductField(
        "organisations",
        "--org",
        _("Organisation and role ({roles}); repeatable.").format(
            roles="|".join(ORGANISATION_ROLES)
        ),
        _organisation_roles,
        lambda p: [(link.organisation_id, link.role) for link in p.organisations],
        _set_organisations,
        is_list=True,
        metavar="ORG[:ROLE]",
    ),
    ProductField(
        "authors",
        "--author",
        _("Author's name; repeatable."),
        _authors,
        lambda p: [link.person.name for link in p.authors],
        _set_authors,
        is_list=True,
    ),
    _list_field(
        "countries",
        "--country",
        _("ISO 3166-1 alpha-2 code; repeatable."),
        _values("countries", check.countries, ProductCountry, "code"),
        metavar=None,
    ),
    _list_field(
        "regions",
        "--region",
        _("UN M49 region code or name; repeatable."),
        _values("regions", check.regions, ProductRegion, "code"),
        metavar=None,
    ),
    _list_field(
        "languages",
        "--language",
        _("BCP 47 tag, main language first; repeatable."),
        _values("languages", check.languages, ProductLanguage, "tag"),
        metavar=None,
    ),
    _scalar("year", "--year", _("Publication year."), lambda _c, v: check.year("year", v)),
    _scalar(
        "date", "--date", _("Publication date, YYYY-MM-DD."), lambda _c, v: check.date("date", v)
    ),
    _scalar("licence", "--licence", _("Licence, e.g. CC-BY-4.0."), _text(100)),
    _scalar("url", "--url", _("Web address."), lambda _c, v: check.url("url", v)),
    _scalar("doi", "--doi", _("DOI (10.NNNN/...)."), lambda _c, v: check.doi("doi", v)),
    _list_field(
        "keywords",
        "--keyword",
        _("Keyword; repeatable."),
        _values("keywords", check.keywords, ProductKeyword, "keyword"),
        metavar=None,
    ),
    _scalar(
        "status",
        "--status",
        _("One of: {statuses}.").format(statuses=", ".join(PRODUCT_STATUSES)),
        lambda _c, v: check.choice("status", v, PRODUCT_STATUSES),
    ),
)
FIELDS_BY_NAME: dict[str, ProductField] = {f.name: f for f in FIELDS}

#: The field names, in form order.
PRODUCT_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS)
REQUIRED_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.required)
#: Fields that hold a list of values (cleared with an empty list, not ``None``).
LIST_FIELDS: frozenset[str] = frozenset(f.name for f in FIELDS if f.is_list)


def apply_product_fields(
    session: Session,
    product: Product,
    values: Mapping[str, Any],
    *,
    creating: bool,
    terms: TermResolver | None = None,
) -> set[str]:
    """Validate ``values`` and set them on ``product``; return the fields whose value changed.

    Raises :class:`ValidationError` for the first bad field; the caller's transaction is then
    rolled back, so nothing is half-written.
    """
    unknown = sorted(set(values) - set(FIELDS_BY_NAME))
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
    ctx = FieldContext(session, terms or TermResolver(session))
    changed: set[str] = set()
    with session.no_autoflush:  # the product may be half-filled until the end
        for spec in FIELDS:
            if spec.name not in values:
                continue
            value = spec.clean(ctx, values[spec.name])
            if creating or spec.comparable(value) != spec.current(product):
                spec.write(ctx, product, value)
                changed.add(spec.name)
        if product.date is not None and product.year is None:
            product.year = product.date.year
            changed.add("year")
        if product.date is not None and product.year != product.date.year:
            raise ValidationError(
                "date",
                product.date.isoformat(),
                _("is not in the publication year {year}").format(year=product.year),
            )
    return changed
