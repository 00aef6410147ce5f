"""Property tests of the write layer and of merging: random operations, real catalogues.

A source catalogue runs a random sequence of changes (products, keywords, links, collections,
needs, vocabulary terms, deletions). After each change the test checks the write layer's
promises on the source (every field stamped, stamps only grow, every deletion tombstoned) and
keeps what the change wrote as a "delta" (records written since the previous change, with the
records they refer to, as a bundle would carry them). Fresh catalogues then receive the deltas
through ``apply`` in the original order, shuffled, and with repeats: their canonical dumps must
be byte-identical to each other and to the source's.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kmdesk.catalogue import Catalogue
from kmdesk.db.models import Tombstone
from kmdesk.errors import ValidationError
from kmdesk.sync.kinds import KINDS, all_field_stamp_keys
from kmdesk.sync.remote import SyncRecord, SyncTombstone

TITLES = ("Seed banks", "Water user fees", "Land titles", "Budget hearings")
KEYWORDS = ("water", "land", "budget", "gender", "youth")
THEMES = ("water-rights", "land-rights", "local-budgets")

#: Every sequence starts with two products, so that the random edits have something to edit.
START = [("add", "Seed banks", {"water"}), ("add", "Land titles", {"land", "gender"})]

operation = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(TITLES), st.sets(st.sampled_from(KEYWORDS))),
    st.tuples(st.just("keywords"), st.integers(0, 3), st.sets(st.sampled_from(KEYWORDS))),
    st.tuples(st.just("retitle"), st.integers(0, 3), st.sampled_from(TITLES)),
    st.tuples(st.just("themes"), st.integers(0, 3), st.sets(st.sampled_from(THEMES))),
    st.tuples(st.just("authors"), st.integers(0, 3), st.sets(st.sampled_from(("Ana", "Bo")))),
    st.tuples(st.just("delete"), st.integers(0, 3)),
    st.tuples(st.just("link"), st.integers(0, 3), st.integers(0, 3)),
    st.tuples(st.just("collect"), st.lists(st.integers(0, 3), max_size=4)),
    st.tuples(st.just("need"), st.lists(st.integers(0, 3), max_size=3)),
    st.tuples(st.just("term"), st.sampled_from(THEMES), st.sampled_from(("A", "B", "C"))),
    st.tuples(st.just("drop-term"), st.sampled_from(THEMES)),
    st.tuples(st.just("attach"), st.integers(0, 3), st.sampled_from((b"one", b"two"))),
    st.tuples(st.just("unattach"), st.integers(0, 3)),
    st.tuples(st.just("unlink"), st.integers(0, 3)),
    st.tuples(st.just("drop-need")),
    st.tuples(st.just("drop-collection")),
)


def _pick(catalogue: Catalogue, index: int) -> uuid.UUID | None:
    ids = catalogue.products.ids()
    return ids[index % len(ids)] if ids else None


def _run(catalogue: Catalogue, op: tuple[Any, ...], files: Path) -> None:
    """Apply one random operation; operations that make no sense here are skipped."""
    kind = op[0]
    try:
        if kind == "add":
            catalogue.products.add(
                {"title": op[1], "product_type": "guide", "keywords": sorted(op[2])}
            )
            return
        if kind == "term":
            keys = {t.key for t in catalogue.vocabularies.terms("theme")}
            if op[1] in keys:
                catalogue.vocabularies.update("theme", op[1], {"en": f"{op[1]} {op[2]}"})
            else:
                catalogue.vocabularies.add("theme", op[1], {"en": f"{op[1]} {op[2]}"})
            return
        if kind == "drop-term":
            catalogue.vocabularies.delete("theme", op[1])
            return
        if kind == "drop-need":
            for need in catalogue.needs.all()[:1]:
                catalogue.needs.delete(need.id)
            return
        if kind == "drop-collection":
            for collection in catalogue.collections.all()[:1]:
                catalogue.collections.delete(collection.id)
            return
        if kind == "collect":
            ids = [p for p in (_pick(catalogue, i) for i in op[1]) if p is not None]
            existing = catalogue.collections.all()
            if existing:
                catalogue.collections.update(existing[0].id, products=ids)
            else:
                catalogue.collections.add("Workshop", "", ids)
            return
        if kind == "need":
            ids = [p for p in (_pick(catalogue, i) for i in op[1]) if p is not None]
            needs = catalogue.needs.all()
            if needs:
                catalogue.needs.update(needs[0].id, {"products": [str(i) for i in ids]})
            else:
                catalogue.needs.add({"title": "A gap", "products": [str(i) for i in ids]})
            return
        product = _pick(catalogue, op[1])
        if product is None:
            return
        if kind == "keywords":
            catalogue.products.update(product, {"keywords": sorted(op[2])})
        elif kind == "retitle":
            catalogue.products.update(product, {"title": op[2]})
        elif kind == "themes":
            known = {t.key for t in catalogue.vocabularies.terms("theme")}
            catalogue.products.update(product, {"themes": sorted(op[2] & known)})
        elif kind == "authors":
            catalogue.products.update(product, {"authors": sorted(op[2])})
        elif kind == "delete":
            catalogue.products.delete(product)
        elif kind == "link":
            other = _pick(catalogue, op[2])
            if other is not None and other != product:
                catalogue.products.link(product, other, "related")
        elif kind == "unattach":
            for attachment in catalogue.products.get(product).attachments[:1]:
                catalogue.products.remove_attachment(attachment.id)
        elif kind == "unlink":
            for link in catalogue.products.get(product).links[:1]:
                catalogue.products.unlink(link.id)
        elif kind == "attach":
            path = files / f"{op[2].decode()}.txt"
            path.write_bytes(op[2])
            catalogue.products.attach(product, path)
    except ValidationError:
        pass  # e.g. deleting a theme still in use: refused, nothing changed


def _dump(catalogue: Catalogue) -> str:
    return "\n".join(catalogue.sync.dump())


def _live_stamps(catalogue: Catalogue) -> dict[tuple[str, str], dict[str, str]]:
    found = {}
    for item in catalogue.sync.records():
        if isinstance(item, SyncRecord):
            found[(item.kind, str(item.id))] = item.field_stamps
    return found


def _check_write_layer(
    catalogue: Catalogue, before: dict[tuple[str, str], dict[str, str]]
) -> dict[tuple[str, str], dict[str, str]]:
    """Every field stamped; stamps only grow; every record that went has a tombstone."""
    with catalogue.reading() as session:
        for kind in KINDS.values():
            for row in session.query(kind.model):
                missing = set(all_field_stamp_keys(row)) - set(row.field_stamps)
                assert not missing, f"{kind.name} {row.id} has unstamped fields {missing}"
        tombstoned = {str(t.id) for t in session.query(Tombstone)}
    after = _live_stamps(catalogue)
    for key, stamps in before.items():
        if key not in after:
            assert key[1] in tombstoned, f"{key} went without a tombstone"
            continue
        for field, stamp in stamps.items():
            assert after[key].get(field, "") >= stamp, f"{key} {field} went back in time"
    return after


@settings(
    # A deeper search: KMDESK_SYNC_EXAMPLES=500 (about 15 minutes).
    max_examples=int(os.environ.get("KMDESK_SYNC_EXAMPLES", "10")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(ops=st.lists(operation, min_size=1, max_size=14), order=st.randoms(use_true_random=False))
def test_catalogues_fed_the_same_changes_in_any_order_converge(
    ops: list[tuple[Any, ...]], order: Any
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        deltas: list[list[SyncRecord | SyncTombstone]] = []
        with Catalogue.open(root / "source") as source:
            stamps = _live_stamps(source)
            seq = source.sync.current_seq()
            for op in [*START, *ops]:
                _run(source, op, root)
                stamps = _check_write_layer(source, stamps)
                deltas.append(source.sync.records(since_seq=seq, referenced=True))
                seq = source.sync.current_seq()
            expected = _dump(source)

        shuffled = list(deltas)
        order.shuffle(shuffled)
        orders = {
            "in order": deltas,
            "newest first": deltas[::-1],
            "shuffled": shuffled,
            "shuffled, then half again": [*shuffled, *deltas[: len(deltas) // 2]],
        }
        for name, sequence in orders.items():
            with Catalogue.open(root / name) as target:
                for delta in sequence:
                    target.sync.apply(delta)
                assert _dump(target) == expected, f"applied {name}, the catalogue differs"
