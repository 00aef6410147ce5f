"""Three installations exchanging signed bundle files lose no edit they did not mean to lose.

A stateful test (:class:`hypothesis.stateful.RuleBasedStateMachine`): three catalogues that trust
each other's keys share one product (made on the first, sent by full bundle to the others). The
machine then adds products, retitles them (a one-value field), sets their keywords (a list field,
merged per member) and deletes them on any installation; writes full and delta bundles from any
installation to a named peer; imports any bundle written so far into any installation, and
imports again bundles already imported there. An import is refused exactly when the bundle was
imported there before, with a ``BundleError`` saying so, and a refused import changes nothing
(dump and conflicts table alike); importing one's own bundle is accepted and changes nothing.

At the end everyone sends everyone a full bundle, twice round. Then:

(a) the three catalogues print the same dump;
(b) **every title edit is current, or kept in a conflicts table**, unless it was meant to go.
    The rule is the one :mod:`kmdesk.sync.remote` promises. An edit *e* of a product's title
    was meant to go when

    * a deletion of the product is stamped after it (a deletion beats every edit made before
      it, wherever it was made), or
    * it was *knowingly superseded*: a later edit *h* of the same title was made on an
      installation whose current title, at that moment, was *e*'s value with a stamp at least
      *e*'s (*e* itself, or an equal value stamped later, which *e* meets silently: equal values
      never conflict). Holding a later stamp of *another* value is not knowing *e*: *h* then
      beats *e* as a concurrent change, and *e* is kept where they meet.

    Every other edit's value is the current title (stamped at least as late as the edit), or is
    kept as a losing ``value`` in the conflicts table of at least one installation, under *e*'s
    stamp or that of a later edit of the same value (the same value, met silently, then lost).
(c) a product is alive exactly when a change of it is stamped after all its deletions.

After every import, and at the end, every conflict kept is a title some edit wrote, under that
edit's stamp, beaten by a later edit of the same title. ``KMDESK_BUNDLE_EXAMPLES`` and
``KMDESK_BUNDLE_STEPS`` set how many examples and steps (defaults 6 and 25; a deeper search:
``KMDESK_BUNDLE_EXAMPLES=200``, a few minutes).
"""

from __future__ import annotations

import os
import sys
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    precondition,
    rule,
)

from kmdesk.bundles.archive import BundleError
from kmdesk.bundles.export import export_bundle
from kmdesk.bundles.importer import import_bundle
from kmdesk.catalogue import Catalogue
from kmdesk.catalogue.syncing import ConflictRecord
from kmdesk.sync.remote import SyncTombstone

NAMES = ("curator", "gulu", "tete")
#: Few titles, so that two installations often write the same one (equal values never conflict).
TITLES = ("Seed banks", "Water fees", "Land titles")
KEYWORDS = ("a", "b", "c")

installation = st.integers(0, len(NAMES) - 1)


@dataclass(frozen=True, slots=True)
class Written:
    """A bundle file written by an installation."""

    path: Path
    exporter: int
    bundle_id: str
    kind: str

    def __repr__(self) -> str:
        return f"Written({NAMES[self.exporter]} {self.kind} {self.path.name})"


@dataclass(frozen=True, slots=True)
class TitleEdit:
    """A title written on one installation: by a retitle, or by making the product."""

    where: int
    product: uuid.UUID
    value: str
    stamp: str
    #: The title (value, stamp) this edit overwrote there; ``None`` for a new product.
    replaced: tuple[str, str] | None


@dataclass(slots=True)
class Model:
    """What the machine did, to decide at the end what must have survived."""

    edits: list[TitleEdit] = field(default_factory=list)
    #: Every stamp a local change wrote on a product (making it, retitling, keywords).
    writes: dict[uuid.UUID, list[str]] = field(default_factory=dict)
    #: The tombstone stamp of every deletion of a product.
    deletions: dict[uuid.UUID, list[str]] = field(default_factory=dict)
    #: (installation, bundle id) of every import that was accepted.
    imported: set[tuple[int, str]] = field(default_factory=set)

    def wrote(self, product: uuid.UUID, stamp: str) -> None:
        self.writes.setdefault(product, []).append(stamp)

    def deleted_after(self, edit: TitleEdit) -> bool:
        """A deletion of the product stamped after the edit beats it."""
        return any(stamp > edit.stamp for stamp in self.deletions.get(edit.product, []))

    def knowingly_superseded(self, edit: TitleEdit) -> bool:
        """A later edit was made on top of this one (or of the same value stamped later)."""
        return any(
            later.product == edit.product
            and later.replaced is not None
            and later.replaced[0] == edit.value
            and later.replaced[1] >= edit.stamp
            for later in self.edits
        )

    def alive(self, product: uuid.UUID) -> bool:
        """Edit against delete: alive when a change is stamped after every deletion."""
        deletions = self.deletions.get(product, [])
        return not deletions or max(self.writes[product]) > max(deletions)


def _title(catalogue: Catalogue, product: uuid.UUID) -> tuple[str, str]:
    record = catalogue.sync.record("product", product)
    return str(record.values["title"]), record.field_stamps["title"]


def _newest(catalogue: Catalogue, product: uuid.UUID) -> str:
    return max(catalogue.sync.record("product", product).field_stamps.values())


def _dump(catalogue: Catalogue) -> str:
    return "\n".join(catalogue.sync.dump())


def _pick(catalogue: Catalogue, index: int) -> uuid.UUID | None:
    ids = catalogue.products.ids()
    return ids[index % len(ids)] if ids else None


class ExchangingInstallations(RuleBasedStateMachine):
    """Three installations editing one catalogue and exchanging real bundle files."""

    files = Bundle("files")

    def __init__(self) -> None:
        super().__init__()
        self._scratch = tempfile.TemporaryDirectory(prefix="kmdesk-stateful-")
        self.root = Path(self._scratch.name)
        self.catalogues: list[Catalogue] = []
        self.model = Model()
        self.written = 0
        self.by_id: dict[str, Written] = {}
        self.shared = uuid.UUID(int=0)
        for name in NAMES:
            catalogue = Catalogue.open(self.root / name)
            self.catalogues.append(catalogue)
            catalogue.keys.set_own_name(name)
        for catalogue in self.catalogues:
            for other in self.catalogues:
                if other is not catalogue:
                    catalogue.keys.trust(catalogue.keys.read(other.keys.export(), "key"))

    # -- edits -------------------------------------------------------------------------------------

    def _add(self, who: int, title: str) -> uuid.UUID:
        catalogue = self.catalogues[who]
        product = catalogue.products.add({"title": title, "product_type": "guide"}).id
        value, stamp = _title(catalogue, product)
        assert value == title
        self.model.edits.append(TitleEdit(who, product, value, stamp, None))
        self.model.wrote(product, _newest(catalogue, product))
        return product

    @initialize(target=files)
    def share_a_product(self) -> Written:
        """One product made on the first installation, sent to the others in a full bundle."""
        self.shared = self._add(0, "Shared guide")
        sent = self._export(0, 1, delta=False)
        for receiver in (1, 2):
            import_bundle(self.catalogues[receiver], sent.path)
            self.model.imported.add((receiver, sent.bundle_id))
        return sent

    @rule(who=installation, title=st.sampled_from(TITLES))
    def add(self, who: int, title: str) -> None:
        self._add(who, title)

    @rule(who=installation, index=st.integers(0, 9), title=st.sampled_from(TITLES))
    def retitle(self, who: int, index: int, title: str) -> None:
        product = _pick(self.catalogues[who], index)
        if product is not None:
            self._retitle(who, product, title)

    @rule(who=installation, title=st.sampled_from(TITLES))
    def retitle_shared(self, who: int, title: str) -> None:
        """Retitle the product all three hold from the start (more concurrent edits)."""
        if self.shared in self.catalogues[who].products.ids():
            self._retitle(who, self.shared, title)

    @rule(index=st.integers(0, 9), titles=st.permutations(TITLES))
    def retitle_everywhere(self, index: int, titles: list[str]) -> None:
        """The three installations each give a product they all hold a different title."""
        held = set.intersection(*(set(c.products.ids()) for c in self.catalogues))
        if held:
            product = sorted(held)[index % len(held)]
            for who, title in enumerate(titles):
                self._retitle(who, product, title)

    def _retitle(self, who: int, product: uuid.UUID, title: str) -> None:
        catalogue = self.catalogues[who]
        before = _title(catalogue, product)
        catalogue.products.update(product, {"title": title})
        value, stamp = _title(catalogue, product)
        assert value == title
        if before[0] == title:
            assert stamp == before[1], "an edit that changes nothing stamps nothing"
            return
        assert stamp > before[1], "a local edit is stamped after what it overwrites"
        assert stamp.endswith(catalogue.installation_id)
        self.model.edits.append(TitleEdit(who, product, value, stamp, before))
        self.model.wrote(product, stamp)

    @rule(
        who=installation,
        index=st.integers(0, 9),
        keywords=st.lists(st.sampled_from(KEYWORDS), unique=True, max_size=2),
    )
    def set_keywords(self, who: int, index: int, keywords: list[str]) -> None:
        catalogue = self.catalogues[who]
        product = _pick(catalogue, index)
        if product is None:
            return
        before = _newest(catalogue, product)
        catalogue.products.update(product, {"keywords": keywords})
        after = _newest(catalogue, product)
        if after != before:
            self.model.wrote(product, after)

    @rule(who=installation, index=st.integers(0, 9))
    def delete(self, who: int, index: int) -> None:
        """Delete a product (the shared one only when ``index`` is 0: it collects edits)."""
        catalogue = self.catalogues[who]
        product = _pick(catalogue, index)
        if product is None or (product == self.shared and index != 0):
            return
        newest = _newest(catalogue, product)
        catalogue.products.delete(product)
        (stamp,) = [
            item.stamp
            for item in catalogue.sync.records(kinds=["product"])
            if isinstance(item, SyncTombstone) and item.id == product
        ]
        assert stamp > newest, "a local deletion is stamped after everything it deletes"
        self.model.deletions.setdefault(product, []).append(stamp)

    # -- bundles -----------------------------------------------------------------------------------

    def _export(self, who: int, peer: int, *, delta: bool) -> Written:
        path = self.root / "bundles" / f"b{self.written:03d}.kmbundle"
        self.written += 1
        manifest = export_bundle(self.catalogues[who], path, peer=NAMES[peer], delta=delta)
        assert path.is_file()
        assert manifest.kind == ("delta" if delta else "full")
        written = Written(path, who, manifest.bundle_id, manifest.kind)
        self.by_id[written.bundle_id] = written
        return written

    @rule(target=files, who=installation, to=st.integers(1, len(NAMES) - 1), delta=st.booleans())
    def export(self, who: int, to: int, delta: bool) -> Written:
        return self._export(who, (who + to) % len(NAMES), delta=delta)

    @rule(target=files, who=installation, to=st.integers(1, len(NAMES) - 1), delta=st.booleans())
    def send(self, who: int, to: int, delta: bool) -> Written:
        """Export to a peer, who imports it at once."""
        peer = (who + to) % len(NAMES)
        written = self._export(who, peer, delta=delta)
        self.import_(peer, written)
        return written

    @rule(who=installation, bundle=files)
    def import_(self, who: int, bundle: Written) -> None:
        catalogue = self.catalogues[who]
        before = (_dump(catalogue), catalogue.sync.conflicts())
        if (who, bundle.bundle_id) in self.model.imported:
            self._refused(who, bundle, before)
            return
        import_bundle(catalogue, bundle.path)  # anything else raised here fails the test
        self.model.imported.add((who, bundle.bundle_id))
        if bundle.exporter == who:
            assert _dump(catalogue) == before[0], "importing one's own bundle changed something"
        self._check_conflicts(catalogue)

    @precondition(lambda self: bool(self.model.imported))
    @rule(index=st.integers(0, 99))
    def replay(self, index: int) -> None:
        """Import again a bundle that an installation has already imported."""
        done = sorted(self.model.imported)
        who, bundle_id = done[index % len(done)]
        self.import_(who, self.by_id[bundle_id])

    def _refused(self, who: int, bundle: Written, before: tuple[str, list[ConflictRecord]]) -> None:
        catalogue = self.catalogues[who]
        with pytest.raises(BundleError, match="already imported") as refusal:
            import_bundle(catalogue, bundle.path)
        assert bundle.bundle_id in str(refusal.value)
        assert "nothing was changed" in str(refusal.value)
        assert (_dump(catalogue), catalogue.sync.conflicts()) == before

    # -- checks ------------------------------------------------------------------------------------

    def _check_conflicts(self, catalogue: Catalogue) -> None:
        """Every value kept as a conflict is a title an edit wrote, under its stamp, beaten by
        a later edit of the same title."""
        written = {(e.product, e.value, e.stamp) for e in self.model.edits}
        stamps = {(e.product, e.stamp) for e in self.model.edits}
        for conflict in catalogue.sync.conflicts():
            assert (conflict.kind, conflict.field) == ("product", "title"), conflict
            assert (conflict.record_id, conflict.value, conflict.stamp) in written, conflict
            assert (conflict.record_id, conflict.winning_stamp) in stamps, conflict
            assert conflict.stamp < conflict.winning_stamp, conflict

    def settle(self) -> None:
        """Everyone sends everyone a full bundle, twice round; then the three checks."""
        for round_ in range(2):
            for i, sender in enumerate(self.catalogues):
                bundle = self.root / f"final-{round_}-{i}.kmbundle"
                export_bundle(sender, bundle)
                for receiver in self.catalogues:
                    if receiver is not sender:
                        import_bundle(receiver, bundle)
        dumps = [_dump(c) for c in self.catalogues]
        assert dumps[0] == dumps[1] == dumps[2], "the installations differ after exchanging all"
        for catalogue in self.catalogues:
            self._check_conflicts(catalogue)
        first = self.catalogues[0]
        alive = set(first.products.ids())
        for product in self.model.writes:
            expected = "alive" if self.model.alive(product) else "deleted"
            assert (product in alive) == (expected == "alive"), f"{product} should be {expected}"
        kept = {
            (c.record_id, c.value, c.stamp)
            for catalogue in self.catalogues
            for c in catalogue.sync.conflicts()
        }
        lost = []
        for edit in self.model.edits:
            if self.model.deleted_after(edit) or self.model.knowingly_superseded(edit):
                continue
            value, stamp = _title(first, edit.product)
            if value == edit.value and stamp >= edit.stamp:
                continue
            if any(
                (edit.product, edit.value, other.stamp) in kept
                for other in self.model.edits
                if other.product == edit.product
                and other.value == edit.value
                and other.stamp >= edit.stamp
            ):
                continue
            lost.append(edit)
        assert not lost, f"edits neither current nor kept as conflicts: {lost}"

    def teardown(self) -> None:
        try:
            # Teardown also runs after a failing step (sys.exception() is then that failure):
            # only a run whose steps all passed is settled and checked.
            if sys.exception() is None:
                self.settle()
        finally:
            for catalogue in self.catalogues:
                catalogue.close()
            self._scratch.cleanup()


TestBundleExchange = ExchangingInstallations.TestCase
TestBundleExchange.settings = settings(
    max_examples=int(os.environ.get("KMDESK_BUNDLE_EXAMPLES", "6")),
    stateful_step_count=int(os.environ.get("KMDESK_BUNDLE_STEPS", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
