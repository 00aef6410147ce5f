"""Load the demo catalogue shipped in ``resources/demo`` into a catalogue.

The demo is what a new user sees on first start: 300 knowledge products of 25 partnerships over
four themes, with needs, collections and real PDF attachments. It is loaded in one transaction
(all or nothing, cancellable) through the same validation as a curator's input, and every demo
record gets an id derived from its key (terms, people, links and attachments by the identity
rules of :mod:`kmdesk.sync.kinds`) and the one fixed :data:`DEMO_STAMP`, so two installations
that load the demo hold the same records with the same stamps and can later exchange bundles
about them.

Files (all UTF-8):

* ``vocabularies.json``: themes, partnerships, organisations and people;
* ``needs.json``: knowledge needs;
* ``products-*.jsonl``: one product per line (``answers_needs`` and ``links`` by key,
  ``attachment`` names a PDF in ``attachments/``);
* ``collections.json``: collections and saved searches.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from kmdesk.attachments import AttachmentStore
from kmdesk.catalogue import Catalogue
from kmdesk.catalogue.product_fields import apply_product_fields
from kmdesk.db.models import (
    Attachment,
    Collection,
    CollectionItem,
    KnowledgeNeed,
    Organisation,
    Partnership,
    Product,
    ProductLink,
    SavedSearch,
    Theme,
)
from kmdesk.errors import KmdeskError
from kmdesk.i18n import _
from kmdesk.paths import resources_dir
from kmdesk.progress import CancelToken, Progress, ProgressUpdate, no_progress
from kmdesk.sync.clock import Stamp
from kmdesk.sync.kinds import attachment_id, ensure_person, link_id, term_id
from kmdesk.sync.writer import RecordWriter
from kmdesk.terms import TermResolver, apply_term_fields, clean_labels
from kmdesk.vocabulary import KMDESK_NAMESPACE

_PRODUCT_EXTRAS = ("key", "type", "links", "answers_needs", "attachment")


#: The installation id of the demo catalogue's stamps: no real installation has it.
DEMO_INSTALLATION = uuid.uuid5(KMDESK_NAMESPACE, "demo-installation").hex
#: The one stamp of every demo record (2026-01-01 00:00 UTC), identical on every installation.
DEMO_STAMP = Stamp(1_767_225_600_000, 0, DEMO_INSTALLATION)


def demo_dir() -> Path:
    """The folder of the bundled demo catalogue."""
    return resources_dir() / "demo"


def demo_id(kind: str, key: str) -> uuid.UUID:
    """The id every installation gives to the demo record ``kind``/``key``."""
    return uuid.uuid5(KMDESK_NAMESPACE, f"demo:{kind}:{key}")


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What loading the demo added."""

    products: int
    attachments: int
    needs: int
    collections: int


def read_products(folder: Path) -> list[dict[str, Any]]:
    """Every product line of the demo, in file order; errors name the file and line."""
    products: list[dict[str, Any]] = []
    for path in sorted(folder.glob("products-*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                products.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise KmdeskError(
                    _("{file}, line {line}: {error}").format(file=path.name, line=number, error=exc)
                ) from exc
    return products


def load_demo(
    catalogue: Catalogue,
    *,
    folder: Path | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> DemoSummary:
    """Add the demo catalogue to ``catalogue`` in one all-or-nothing transaction.

    Every demo record is stamped with :data:`DEMO_STAMP`, so two installations that load the
    demo hold identical records with identical stamps (``kmdesk dump`` prints the same bytes).
    """
    source = folder or demo_dir()
    vocabularies = json.loads((source / "vocabularies.json").read_text(encoding="utf-8"))
    needs = json.loads((source / "needs.json").read_text(encoding="utf-8"))
    products = read_products(source)
    collections_path = source / "collections.json"
    extras = (
        json.loads(collections_path.read_text(encoding="utf-8"))
        if collections_path.exists()
        else {"collections": [], "saved_searches": []}
    )
    token = cancel or CancelToken()
    total = len(products)

    with catalogue.writing(stamp=DEMO_STAMP) as w:
        session = w.session
        if session.get(Product, demo_id("product", products[0]["key"])) is not None:
            raise KmdeskError(_("the demo catalogue is already loaded in this catalogue"))
        progress(ProgressUpdate(0, total, _("Loading vocabularies")))
        _load_vocabularies(w, vocabularies)
        resolver = TermResolver(session)
        people = {person["key"]: person["name"] for person in vocabularies["people"]}
        attachments = 0
        for done, item in enumerate(products, start=1):
            token.raise_if_cancelled()
            _load_product(w, resolver, item, source, catalogue.attachments, people)
            attachments += 1 if item.get("attachment") else 0
            if done % 10 == 0 or done == total:
                progress(ProgressUpdate(done, total, _("Loading products")))
        session.flush()
        for item in products:
            _load_links(w, item)
        _load_needs(w, resolver, needs, products)
        for collection in extras.get("collections", []):
            _load_collection(w, collection)
        for search in extras.get("saved_searches", []):
            w.add(
                SavedSearch(
                    id=demo_id("saved-search", search["key"]),
                    name=search["name"],
                    query=search.get("query", ""),
                    filters=search.get("filters", {}),
                    sort=search.get("sort", "relevance"),
                )
            )
        token.raise_if_cancelled()
        w.changes.products.update(demo_id("product", p["key"]) for p in products)
        w.changes.vocabulary = w.changes.needs = w.changes.collections = True
        w.changes.saved_searches = True
    return DemoSummary(len(products), attachments, len(needs), len(extras.get("collections", [])))


def _load_vocabularies(w: RecordWriter, data: dict[str, Any]) -> None:
    """Themes, partnerships and organisations the catalogue lacks; a user's own are kept."""
    session = w.session
    for kind, model, section, fields in (
        ("theme", Theme, "themes", ("descriptions",)),
        (
            "partnership",
            Partnership,
            "partnerships",
            ("acronym", "description", "start_year", "themes"),
        ),
        (
            "organisation",
            Organisation,
            "organisations",
            ("acronym", "country", "kind", "partnerships"),
        ),
    ):
        for item in data[section]:
            if session.scalar(select(model).where(model.key == item["key"])) is not None:
                continue
            row = model(id=term_id(kind, item["key"]), key=item["key"])
            row.labels = clean_labels(item["labels"])
            apply_term_fields(session, kind, row, {k: item.get(k) for k in fields if k in item})
            w.add(row)
            session.flush()
    for item in data["people"]:
        person = ensure_person(session, item["name"])
        if person in session.new and item.get("organisation"):
            person.organisation = session.scalar(
                select(Organisation).where(Organisation.key == item["organisation"])
            )
    session.flush()


def _load_product(
    w: RecordWriter,
    resolver: TermResolver,
    item: dict[str, Any],
    source: Path,
    store: AttachmentStore,
    people: dict[str, str],
) -> None:
    values = {k: v for k, v in item.items() if k not in _PRODUCT_EXTRAS}
    values["product_type"] = item["type"]
    try:
        values["authors"] = [people[key] for key in item.get("authors", [])]
    except KeyError as exc:
        raise KmdeskError(_("demo: unknown person {key}").format(key=exc)) from None
    product = Product(id=demo_id("product", item["key"]), summary="", status="published")
    try:
        apply_product_fields(w.session, product, values, creating=True, terms=resolver)
    except KmdeskError as exc:
        raise KmdeskError(f"demo product {item['key']}: {exc}") from exc
    w.add(product)
    if item.get("attachment"):
        stored = store.put(source / "attachments" / item["attachment"])
        w.files_added.add(stored.sha256)
        attachment = Attachment(
            id=attachment_id(product.id, stored.sha256),
            file_name=item["attachment"],
            media_type=stored.media_type,
            size=stored.size,
            sha256=stored.sha256,
        )
        product.attachments.append(attachment)
        w.add(attachment)


def _load_links(w: RecordWriter, item: dict[str, Any]) -> None:
    source_id = demo_id("product", item["key"])
    for link in item.get("links", []):
        target_id = demo_id("product", link["target"])
        w.add(
            ProductLink(
                id=link_id(source_id, link["type"], target_id),
                source_id=source_id,
                target_id=target_id,
                link_type=link["type"],
            )
        )


def _load_needs(
    w: RecordWriter,
    resolver: TermResolver,
    needs: list[dict[str, Any]],
    products: list[dict[str, Any]],
) -> None:
    session = w.session
    answered_by: dict[str, list[uuid.UUID]] = {}
    for item in products:
        for key in item.get("answers_needs", []):
            answered_by.setdefault(key, []).append(demo_id("product", item["key"]))
    known = {need["key"] for need in needs}
    unknown = sorted(set(answered_by) - known)
    if unknown:
        raise KmdeskError(_("demo: unknown knowledge need {key!r}").format(key=unknown[0]))
    for item in needs:
        raised = item.get("raised_by", {})
        need = KnowledgeNeed(
            id=demo_id("need", item["key"]),
            title=item["title"],
            description=item.get("description", ""),
            theme=resolver.resolve("theme", "theme", item["theme"]),
            raised_by_partnership=(
                resolver.resolve("partnership", "raised_by", raised["partnership"])
                if "partnership" in raised
                else None
            ),
            raised_by_organisation=(
                resolver.resolve("organisation", "raised_by", raised["organisation"])
                if "organisation" in raised
                else None
            ),
            priority=item.get("priority", "medium"),
            status=item.get("status", "open"),
        )
        answers = (session.get(Product, i) for i in answered_by.get(item["key"], []))
        need.products = [product for product in answers if product is not None]
        w.add(need)


def _load_collection(w: RecordWriter, item: dict[str, Any]) -> None:
    collection = Collection(
        id=demo_id("collection", item["key"]),
        name=item["name"],
        description=item.get("description", ""),
    )
    collection.items = [
        CollectionItem(product_id=demo_id("product", key)) for key in item.get("products", [])
    ]
    w.add(collection)


def iter_demo_attachments(folder: Path | None = None) -> Iterator[Path]:
    """The PDF files the demo attaches (for tests and the packaging check)."""
    yield from sorted(((folder or demo_dir()) / "attachments").glob("*.pdf"))
