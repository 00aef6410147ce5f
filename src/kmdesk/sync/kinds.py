"""Every syncable kind, its fields under the names bundles see, and their values in that form.

One naming scheme serves stamps, ``kmdesk dump``, :func:`~kmdesk.sync.remote.apply_remote` and
(later) bundles: the field names people see (``product_type``, ``themes``), never column names
(``product_type_id``), and never local-only columns (``sort_title``, ``seq``).

A field is either

* a **scalar** (title, year, a reference to another record by id): one value, one stamp,
  last writer wins; or
* a **list** of members (keywords, themes, authors, a collection's items, a term's labels): each
  member has a key, a value and a rank, and its own stamp under ``"<field>/<member key>"``, kept
  after the member is removed, so that adding a keyword on one machine and another keyword on a
  second keeps both. The list's order is its present members sorted by (rank, key), and a
  member's rank is its place in the list when it was last stamped. The field itself also has a
  stamp: the newest of its members' or, for a list that was never filled, the record's creation.

The sync form of a record's values is JSON: scalars as JSON values (ids as text, dates as ISO
text) and lists as ``[[value, rank], ...]`` in list order.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from kmdesk.annotations.tags import tag_key
from kmdesk.collation import sort_key
from kmdesk.db.base import Syncable
from kmdesk.db.models import (
    Annotation,
    AnnotationTag,
    Attachment,
    Collection,
    CollectionItem,
    KnowledgeNeed,
    Organisation,
    Partnership,
    Person,
    Product,
    ProductAuthor,
    ProductCountry,
    ProductKeyword,
    ProductLanguage,
    ProductLink,
    ProductOrganisation,
    ProductRegion,
    ProductType,
    SavedSearch,
    Theme,
)
from kmdesk.errors import ValidationError
from kmdesk.i18n import _
from kmdesk.vocabulary import KMDESK_NAMESPACE

#: Separates a list field's name from a member key in ``field_stamps``.
MEMBER_SEPARATOR = "/"

#: How a record may leave this installation (see :attr:`Kind.travel`): in sync form, not at
#: all, or as a tombstone (a note made private after peers received it).
SHARED, PRIVATE, WITHDRAWN = "shared", "private", "withdrawn"


@dataclass(frozen=True, slots=True)
class Member:
    """One member of a list field: its identity, its value (JSON) and its rank in the list."""

    key: str
    value: Any
    rank: int


@dataclass(frozen=True, slots=True)
class ScalarField:
    """A one-value field: how to read it from a row and write it back, in sync form."""

    name: str
    read: Callable[[Any], Any]
    write: Callable[[Session, Any, Any], None]


@dataclass(frozen=True, slots=True)
class ListField:
    """A field of members: read them from a row, write a full list back, key a value."""

    name: str
    read: Callable[[Any], list[Member]]
    write: Callable[[Session, Any, list[Member]], None]
    key_of: Callable[[Any], str]


@dataclass(frozen=True, slots=True)
class Kind:
    """A syncable kind of record: its name, its model and its fields."""

    name: str
    model: type[Any]
    fields: tuple[ScalarField | ListField, ...]
    #: Whether ids derive from what the record is (a term's key, a link's ends...): then two
    #: installations making "the same" record agree on its id, and making it again after a
    #: deletion brings it back (see docs/architecture.md, identities).
    derived_ids: bool = False
    #: Kinds whose records this kind refers to (applied first when records arrive together).
    depends_on: tuple[str, ...] = ()
    #: For kinds whose records may be private: how a row leaves this installation
    #: (:data:`SHARED`, :data:`PRIVATE`: never, :data:`WITHDRAWN`: as a tombstone at
    #: :attr:`withdrawal_stamp`). ``None``: every record travels.
    travel: Callable[[Any], str] | None = None
    #: The stamp of a withdrawn row's tombstone.
    withdrawal_stamp: Callable[[Any], str] | None = None
    by_name: dict[str, ScalarField | ListField] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_name.update({f.name: f for f in self.fields})

    @property
    def table(self) -> str:
        """The table of this kind's records (tombstones name it)."""
        return str(self.model.__tablename__)


# -- identities --------------------------------------------------------------------------------


def normalised_name(name: str) -> str:
    """A person's name as identities compare it: NFKC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def term_id(kind: str, key: str) -> uuid.UUID:
    """The id of vocabulary term ``kind``/``key`` on every installation."""
    return uuid.uuid5(KMDESK_NAMESPACE, f"{kind}:{key}")


def person_id(name: str) -> uuid.UUID:
    """The id of the person with this name on every installation."""
    return uuid.uuid5(KMDESK_NAMESPACE, f"person:{normalised_name(name)}")


def link_id(source: uuid.UUID, link_type: str, target: uuid.UUID) -> uuid.UUID:
    """The id of the link ``source`` —``link_type``→ ``target`` on every installation."""
    return uuid.uuid5(KMDESK_NAMESPACE, f"link:{source}:{link_type}:{target}")


def attachment_id(product: uuid.UUID, sha256: str) -> uuid.UUID:
    """The id of a product's attachment of the file with this SHA-256, everywhere."""
    return uuid.uuid5(KMDESK_NAMESPACE, f"attachment:{product}:{sha256}")


# -- small converters --------------------------------------------------------------------------


def _id_text(value: uuid.UUID | None) -> str | None:
    return None if value is None else str(value)


def _uuid(field_name: str, value: Any) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise ValidationError(field_name, value, _("is not a record id")) from None


def _referenced(session: Session, model: type[Any], field_name: str, value: Any) -> Any:
    """The row that ``value`` (an id) names, or a :class:`ValidationError` naming the field."""
    row = session.get(model, _uuid(field_name, value))
    if row is None:
        raise ValidationError(field_name, value, _("refers to a record this catalogue lacks"))
    return row


def _attribute(name: str, column: str | None = None) -> ScalarField:
    """A scalar field stored as-is in one column."""
    attr = column or name
    return ScalarField(
        name,
        lambda row: getattr(row, attr),
        lambda _session, row, value: setattr(row, attr, value),
    )


def _reference(name: str, column: str, model: type[Any], *, optional: bool) -> ScalarField:
    """A scalar field holding the id of another record."""

    def write(session: Session, row: Any, value: Any) -> None:
        if value is None and optional:
            setattr(row, column, None)
            return
        setattr(row, column, _referenced(session, model, name, value).id)

    return ScalarField(name, lambda row: _id_text(getattr(row, column)), write)


def _ranked_rows(
    name: str,
    relation: str,
    row_type: type[Any],
    column: str,
    *,
    key_of: Callable[[Any], str] = str,
) -> ListField:
    """A list kept as ordered rows of one value each (countries, keywords...)."""

    def read(row: Any) -> list[Member]:
        return [
            Member(key_of(getattr(item, column)), getattr(item, column), item.position)
            for item in getattr(row, relation)
        ]

    def write(_session: Session, row: Any, members: list[Member]) -> None:
        items = [row_type(**{column: m.value}) for m in members]
        setattr(row, relation, items)
        for item, member in zip(items, members, strict=True):
            item.position = member.rank

    return ListField(name, read, write, key_of)


def _term_set(name: str, relation: str, model: type[Any]) -> ListField:
    """An unordered set of references to vocabulary terms (or products)."""

    def read(row: Any) -> list[Member]:
        return [Member(str(t.id), str(t.id), 0) for t in getattr(row, relation)]

    def write(session: Session, row: Any, members: list[Member]) -> None:
        found = [session.get(model, _uuid(name, m.value)) for m in members]
        setattr(row, relation, [t for t in found if t is not None])

    return ListField(name, read, write, str)


def _labels(name: str, column: str) -> ListField:
    """Texts per language (a term's labels), merged language by language."""

    def read(row: Any) -> list[Member]:
        texts = getattr(row, column) or {}
        return [Member(lang, [lang, text], 0) for lang, text in sorted(texts.items())]

    def write(_session: Session, row: Any, members: list[Member]) -> None:
        setattr(row, column, {m.value[0]: m.value[1] for m in members})

    return ListField(name, read, write, lambda value: str(value[0]))


# -- products ----------------------------------------------------------------------------------


def _write_title(_session: Session, product: Any, value: Any) -> None:
    product.title = value
    product.sort_title = sort_key(value or "")


def _write_date(_session: Session, product: Any, value: Any) -> None:
    product.date = None if value is None else dt.date.fromisoformat(str(value))


def _read_organisations(product: Any) -> list[Member]:
    members = []
    for link in product.organisations:
        key = f"{link.organisation_id}:{link.role}"
        members.append(Member(key, key, link.position))
    return members


def _write_organisations(session: Session, product: Any, members: list[Member]) -> None:
    links = []
    for member in members:
        organisation_ref, _sep, role = str(member.value).partition(":")
        organisation = _referenced(session, Organisation, "organisations", organisation_ref)
        links.append(ProductOrganisation(organisation=organisation, role=role))
    product.organisations = links
    for link, member in zip(links, members, strict=True):
        link.position = member.rank


def _read_authors(product: Any) -> list[Member]:
    return [
        Member(str(link.person_id), link.person.name, link.position) for link in product.authors
    ]


def ensure_person(session: Session, name: str, known: uuid.UUID | None = None) -> Person:
    """The person with this name (by its derived id), made when missing."""
    identity = known or person_id(name)
    person = session.get(Person, identity)
    if person is None:
        person = Person(id=identity, name=name)
        session.add(person)
    return person


def _write_authors(session: Session, product: Any, members: list[Member]) -> None:
    links = [
        ProductAuthor(person=ensure_person(session, str(m.value), _uuid("authors", m.key)))
        for m in members
    ]
    product.authors = links
    for link, member in zip(links, members, strict=True):
        link.position = member.rank


def _date_text(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


PRODUCT = Kind(
    "product",
    Product,
    (
        ScalarField("title", lambda p: p.title, _write_title),
        _attribute("subtitle"),
        _attribute("summary"),
        _reference("product_type", "product_type_id", ProductType, optional=False),
        _term_set("themes", "themes", Theme),
        _term_set("partnerships", "partnerships", Partnership),
        ListField("organisations", _read_organisations, _write_organisations, str),
        ListField("authors", _read_authors, _write_authors, lambda v: str(person_id(str(v)))),
        _ranked_rows("countries", "countries", ProductCountry, "code"),
        _ranked_rows("regions", "regions", ProductRegion, "code"),
        _ranked_rows("languages", "languages", ProductLanguage, "tag"),
        _attribute("year"),
        ScalarField("date", lambda p: _date_text(p.date), _write_date),
        _attribute("licence"),
        _attribute("url"),
        _attribute("doi"),
        _ranked_rows(
            "keywords", "keywords", ProductKeyword, "keyword", key_of=lambda v: str(v).casefold()
        ),
        _attribute("status"),
    ),
    depends_on=("product-type", "theme", "partnership", "organisation", "person"),
)

ATTACHMENT = Kind(
    "attachment",
    Attachment,
    (
        _reference("product", "product_id", Product, optional=False),
        _attribute("file_name"),
        _attribute("media_type"),
        _attribute("size"),
        _attribute("sha256"),
        _attribute("position"),
    ),
    derived_ids=True,
    depends_on=("product",),
)

LINK = Kind(
    "link",
    ProductLink,
    (
        _reference("source", "source_id", Product, optional=False),
        _reference("target", "target_id", Product, optional=False),
        _attribute("link_type"),
    ),
    derived_ids=True,
    depends_on=("product",),
)

# -- needs, collections, saved searches --------------------------------------------------------


def _read_raised_by(need: Any) -> str | None:
    if need.raised_by_partnership_id is not None:
        return f"partnership:{need.raised_by_partnership_id}"
    if need.raised_by_organisation_id is not None:
        return f"organisation:{need.raised_by_organisation_id}"
    return None


def _write_raised_by(session: Session, need: Any, value: Any) -> None:
    need.raised_by_partnership_id = need.raised_by_organisation_id = None
    if value is None:
        return
    kind, _sep, reference = str(value).partition(":")
    if kind == "partnership":
        need.raised_by_partnership_id = _referenced(session, Partnership, "raised_by", reference).id
    elif kind == "organisation":
        need.raised_by_organisation_id = _referenced(
            session, Organisation, "raised_by", reference
        ).id
    else:
        raise ValidationError("raised_by", value, _("must be partnership:ID or organisation:ID"))


def _read_items(collection: Any) -> list[Member]:
    return [
        Member(str(item.product_id), str(item.product_id), item.position)
        for item in collection.items
    ]


def _write_items(session: Session, collection: Any, members: list[Member]) -> None:
    present = [m for m in members if session.get(Product, _uuid("items", m.value)) is not None]
    items = [CollectionItem(product_id=_uuid("items", m.value)) for m in present]
    collection.items = items
    for item, member in zip(items, present, strict=True):
        item.position = member.rank


NEED = Kind(
    "need",
    KnowledgeNeed,
    (
        _attribute("title"),
        _attribute("description"),
        _reference("theme", "theme_id", Theme, optional=True),
        ScalarField("raised_by", _read_raised_by, _write_raised_by),
        _attribute("priority"),
        _attribute("status"),
        _term_set("products", "products", Product),
    ),
    depends_on=("theme", "partnership", "organisation", "product"),
)

COLLECTION = Kind(
    "collection",
    Collection,
    (
        _attribute("name"),
        _attribute("description"),
        ListField("items", _read_items, _write_items, str),
    ),
    depends_on=("product",),
)

SAVED_SEARCH = Kind(
    "saved-search",
    SavedSearch,
    (_attribute("name"), _attribute("query"), _attribute("filters"), _attribute("sort")),
)

# -- annotations ---------------------------------------------------------------------------------


def _read_tags(note: Any) -> list[Member]:
    return [Member(tag.key, tag.tag, tag.position) for tag in note.tags]


def _write_tags(_session: Session, note: Any, members: list[Member]) -> None:
    rows = [AnnotationTag(key=tag_key(str(m.value)), tag=str(m.value)) for m in members]
    note.tags = rows
    for row, member in zip(rows, members, strict=True):
        row.position = member.rank


def _write_visibility(_session: Session, note: Any, value: Any) -> None:
    note.visibility = value
    if value == SHARED:
        note.was_shared = True  # local: making it private later withdraws it from peers


def _annotation_travel(note: Any) -> str:
    """Shared notes travel; private ones never, except as a withdrawal once they were shared.

    A note made private after this installation held it shared (it may have been sent) leaves
    as a tombstone stamped when it was made private, so peers drop their copy; a note that was
    never shared leaves nothing at all, not even its id.
    """
    if note.visibility == SHARED:
        return SHARED
    return WITHDRAWN if note.was_shared else PRIVATE


ANNOTATION = Kind(
    "annotation",
    Annotation,
    (
        _reference("product", "product_id", Product, optional=False),
        _attribute("attachment", "attachment_sha256"),
        _attribute("page"),
        _attribute("quote"),
        _attribute("quote_before"),
        _attribute("quote_after"),
        _attribute("position"),
        _attribute("body"),
        ListField("tags", _read_tags, _write_tags, lambda value: tag_key(str(value))),
        _attribute("rating"),
        _attribute("author"),
        _attribute("organisation"),
        _attribute("installation"),
        ScalarField("visibility", lambda note: note.visibility, _write_visibility),
    ),
    depends_on=("product",),
    travel=_annotation_travel,
    withdrawal_stamp=lambda note: str((note.field_stamps or {}).get("visibility") or note.stamp),
)

# -- vocabularies and people -------------------------------------------------------------------

PERSON = Kind(
    "person",
    Person,
    (
        _attribute("name"),
        _reference("organisation", "organisation_id", Organisation, optional=True),
    ),
    derived_ids=True,
    depends_on=("organisation",),
)

THEME = Kind(
    "theme",
    Theme,
    (_attribute("key"), _labels("labels", "labels"), _labels("descriptions", "descriptions")),
    derived_ids=True,
)

PARTNERSHIP = Kind(
    "partnership",
    Partnership,
    (
        _attribute("key"),
        _labels("labels", "labels"),
        _attribute("acronym"),
        _attribute("description"),
        _attribute("start_year"),
        _term_set("themes", "themes", Theme),
    ),
    derived_ids=True,
    depends_on=("theme",),
)

ORGANISATION = Kind(
    "organisation",
    Organisation,
    (
        _attribute("key"),
        _labels("labels", "labels"),
        _attribute("acronym"),
        _attribute("country"),
        _attribute("kind"),
        _term_set("partnerships", "partnerships", Partnership),
    ),
    derived_ids=True,
    depends_on=("partnership",),
)

PRODUCT_TYPE = Kind(
    "product-type",
    ProductType,
    (_attribute("key"), _labels("labels", "labels")),
    derived_ids=True,
)

#: Every syncable kind, in an order where each comes after the kinds it refers to.
KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        PRODUCT_TYPE,
        THEME,
        PARTNERSHIP,
        ORGANISATION,
        PERSON,
        PRODUCT,
        ATTACHMENT,
        LINK,
        NEED,
        COLLECTION,
        SAVED_SEARCH,
        ANNOTATION,
    )
}
_BY_MODEL: dict[type[Any], Kind] = {kind.model: kind for kind in KINDS.values()}
_BY_TABLE: dict[str, Kind] = {kind.table: kind for kind in KINDS.values()}


def kind_of(row: Syncable | type[Any]) -> Kind:
    """The kind of a syncable row (or model)."""
    model = row if isinstance(row, type) else type(row)
    return _BY_MODEL[model]


def kind_named(name: str) -> Kind:
    """The kind called ``name``; a :class:`ValidationError` lists the known ones."""
    try:
        return KINDS[name]
    except KeyError:
        raise ValidationError(
            "kind", name, _("is not one of: {kinds}").format(kinds=", ".join(KINDS))
        ) from None


def kind_of_table(table: str) -> Kind:
    """The kind whose records live in ``table`` (tombstones record the table)."""
    return _BY_TABLE[table]


# -- a record's values in sync form ------------------------------------------------------------

#: A record's state for diffing: scalars by field, and for lists member key → (value, rank).
Snapshot = dict[str, Any]


def snapshot(row: Any) -> Snapshot:
    """Everything about ``row`` that stamps cover, in a form that compares by value."""
    state: Snapshot = {}
    for spec in kind_of(row).fields:
        if isinstance(spec, ListField):
            state[spec.name] = {m.key: (m.value, m.rank) for m in spec.read(row)}
        else:
            state[spec.name] = spec.read(row)
    return state


def member_stamp_key(field_name: str, member_key: str) -> str:
    """The ``field_stamps`` key of one member of a list field."""
    return f"{field_name}{MEMBER_SEPARATOR}{member_key}"


def ordered(members: Iterable[Member]) -> list[Member]:
    """Members in list order: by rank, then key."""
    return sorted(members, key=lambda m: (m.rank, m.key))


def sync_values(row: Any) -> dict[str, Any]:
    """The record's values in sync form (lists as ``[[value, rank], ...]`` in order)."""
    values: dict[str, Any] = {}
    for spec in kind_of(row).fields:
        if isinstance(spec, ListField):
            values[spec.name] = [[m.value, m.rank] for m in ordered(spec.read(row))]
        else:
            values[spec.name] = spec.read(row)
    return values


def members_from_sync(spec: ListField, value: Any) -> list[Member]:
    """Members of a list field given in sync form; a :class:`ValidationError` on bad shapes."""
    if not isinstance(value, list):
        raise ValidationError(spec.name, value, _("must be a list of [value, rank] pairs"))
    members: list[Member] = []
    for pair in value:
        if (
            not isinstance(pair, list | tuple)
            or len(pair) != 2
            or not isinstance(pair[1], int)
            or isinstance(pair[1], bool)
        ):
            raise ValidationError(spec.name, pair, _("must be a [value, rank] pair"))
        members.append(Member(spec.key_of(pair[0]), pair[0], pair[1]))
    return members


def write_values(session: Session, row: Any, values: Mapping[str, Any]) -> None:
    """Set every field of ``row`` from values in sync form (a record received or restored)."""
    with session.no_autoflush:
        for spec in kind_of(row).fields:
            value = values[spec.name]
            if isinstance(spec, ListField):
                spec.write(session, row, ordered(members_from_sync(spec, value)))
            else:
                spec.write(session, row, value)


def all_field_stamp_keys(row: Any) -> list[str]:
    """Every ``field_stamps`` key the present state of ``row`` must have."""
    keys: list[str] = []
    for spec in kind_of(row).fields:
        keys.append(spec.name)
        if isinstance(spec, ListField):
            keys.extend(member_stamp_key(spec.name, m.key) for m in spec.read(row))
    return keys


#: Fields that refer to records of another kind: kind → field → the kind referred to.
REFERENCES: dict[str, dict[str, str]] = {
    "product": {
        "product_type": "product-type",
        "themes": "theme",
        "partnerships": "partnership",
        "organisations": "organisation",
        "authors": "person",
    },
    "attachment": {"product": "product"},
    "link": {"source": "product", "target": "product"},
    "need": {"theme": "theme", "raised_by": "", "products": "product"},
    "collection": {"items": "product"},
    "annotation": {"product": "product"},
    "person": {"organisation": "organisation"},
    "partnership": {"themes": "theme"},
    "organisation": {"partnerships": "partnership"},
}


def references(kind: str, values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The (kind, id) of every record that a record with these sync values refers to."""
    found: list[tuple[str, str]] = []
    spec_kind = KINDS[kind]
    for field_name, target in REFERENCES.get(kind, {}).items():
        value = values.get(field_name)
        if value is None:
            continue
        spec = spec_kind.by_name[field_name]
        if isinstance(spec, ListField):
            for member in members_from_sync(spec, value):
                identity = member.key.split(":", 1)[0]  # organisations: "id:role"
                found.append((target, identity))
        elif field_name == "raised_by":
            raised_kind, _sep, identity = str(value).partition(":")
            found.append((raised_kind, identity))
        else:
            found.append((target, str(value)))
    return found
