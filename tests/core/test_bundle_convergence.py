"""Three installations exchanging real bundle files in random orders end up identical.

Each example: three catalogues that trust each other's keys; a random sequence of edits on any
of them, of full and delta exports from one to another, and of imports of bundles already
written (in any order, some twice: a replay is refused and changes nothing). At the end everyone
sends everyone a full bundle, twice round: every catalogue then dumps the same bytes.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kmdesk.bundles.archive import BundleError
from kmdesk.bundles.export import export_bundle
from kmdesk.bundles.importer import import_bundle
from kmdesk.catalogue import Catalogue

NAMES = ("curator", "gulu", "tete")
TITLES = ("Seed banks", "Water fees", "Land titles", "Budget hearings")

step = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 2), st.sampled_from(TITLES)),
    st.tuples(st.just("retitle"), st.integers(0, 2), st.integers(0, 5), st.sampled_from(TITLES)),
    st.tuples(st.just("keyword"), st.integers(0, 2), st.integers(0, 5), st.sampled_from("abc")),
    st.tuples(st.just("delete"), st.integers(0, 2), st.integers(0, 5)),
    st.tuples(st.just("export"), st.integers(0, 2), st.integers(0, 2), st.booleans()),
    st.tuples(st.just("import"), st.integers(0, 2), st.integers(0, 50)),
)


def _pick(catalogue: Catalogue, index: int) -> Any:
    ids = catalogue.products.ids()
    return ids[index % len(ids)] if ids else None


@settings(
    max_examples=int(os.environ.get("KMDESK_BUNDLE_EXAMPLES", "6")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(steps=st.lists(step, min_size=3, max_size=16))
def test_three_installations_exchanging_bundles_converge(steps: list[tuple[Any, ...]]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        catalogues = [Catalogue.open(root / name) for name in NAMES]
        try:
            for catalogue, name in zip(catalogues, NAMES, strict=True):
                catalogue.keys.set_own_name(name)
            for catalogue in catalogues:
                for other in catalogues:
                    if other is not catalogue:
                        catalogue.keys.trust(catalogue.keys.read(other.keys.export(), "key"))
            catalogues[0].products.add({"title": "Shared guide", "product_type": "guide"})
            written: list[Path] = []
            for number, action in enumerate(steps):
                _play(catalogues, action, written, root / f"b{number}")
            # Everyone sends everyone everything, twice round.
            for round_ in range(2):
                for i, sender in enumerate(catalogues):
                    bundle = root / f"final-{round_}-{i}.kmbundle"
                    export_bundle(sender, bundle)
                    for receiver in catalogues:
                        if receiver is not sender:
                            import_bundle(receiver, bundle)
            dumps = ["\n".join(c.sync.dump()) for c in catalogues]
            assert dumps[0] == dumps[1] == dumps[2]
        finally:
            for catalogue in catalogues:
                catalogue.close()


def _play(
    catalogues: list[Catalogue],
    action: tuple[Any, ...],
    written: list[Path],
    path: Path,
) -> None:
    kind, who = action[0], catalogues[action[1]]
    if kind == "add":
        who.products.add({"title": action[2], "product_type": "guide"})
    elif kind in ("retitle", "keyword", "delete"):
        product = _pick(who, action[2])
        if product is None:
            return
        if kind == "retitle":
            who.products.update(product, {"title": action[3]})
        elif kind == "keyword":
            who.products.update(product, {"keywords": [action[3]]})
        else:
            who.products.delete(product)
    elif kind == "export":
        peer = NAMES[action[2]]
        bundle = path.with_suffix(".kmbundle")
        export_bundle(who, bundle, peer=peer, delta=action[3])
        written.append(bundle)
    elif kind == "import" and written:
        try:
            import_bundle(who, written[action[2] % len(written)])
        except BundleError as refused:  # one imported here already: a replay
            assert "already imported" in str(refused)
