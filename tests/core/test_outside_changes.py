"""Changes committed by another process are noticed by polling, and reach the index."""

from __future__ import annotations

from pathlib import Path

from kmdesk.catalogue import Catalogue
from kmdesk.changes import Changes
from tests.samples import FULL_PRODUCT


def test_another_process_change_is_announced_once_and_searchable(
    vocab_catalogue: Catalogue,
) -> None:
    folder: Path = vocab_catalogue.folder
    vocab_catalogue.ensure_index()
    assert vocab_catalogue.outside_changes() == Changes()
    heard: list[Changes] = []
    vocab_catalogue.subscribe(heard.append)

    mine = vocab_catalogue.products.add(FULL_PRODUCT)  # our own write is not "outside"
    assert vocab_catalogue.outside_changes() == Changes()
    heard.clear()

    with Catalogue.open(folder) as other:  # a second opening: another process, as far as we know
        added = other.products.add({**FULL_PRODUCT, "title": "Participatory budgeting atlas"})
        other.products.delete(mine.id)

    changes = vocab_catalogue.outside_changes()
    assert changes.products == {added.id}
    assert changes.deleted_products == {mine.id}
    assert heard == [changes]
    assert vocab_catalogue.outside_changes() == Changes()  # announced once
    found = vocab_catalogue.search("atlas")
    assert [hit.id for hit in found.hits] == [added.id]
    assert mine.id not in {hit.id for hit in vocab_catalogue.search(FULL_PRODUCT["title"]).hits}


def test_an_own_write_after_an_outside_one_does_not_hide_it(vocab_catalogue: Catalogue) -> None:
    with Catalogue.open(vocab_catalogue.folder) as other:
        outside = other.products.add({**FULL_PRODUCT, "title": "From the command line"})
    vocab_catalogue.products.add({**FULL_PRODUCT, "title": "From the window"})
    assert outside.id in vocab_catalogue.outside_changes().products
