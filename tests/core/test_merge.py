"""Two installations exchanging records: per-field merge, lists per member, edit against delete."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from kmdesk.catalogue import Catalogue
from kmdesk.errors import ValidationError
from kmdesk.sync.clock import Stamp
from kmdesk.sync.remote import SyncRecord, SyncTombstone


class Peer:
    """One installation and what it has already sent (its change sequence number)."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.sent = catalogue.sync.current_seq()

    def changes(self) -> list[SyncRecord | SyncTombstone]:
        """What changed here since the last exchange, with what it refers to (a delta bundle)."""
        items = self.catalogue.sync.records(since_seq=self.sent, referenced=True)
        self.sent = self.catalogue.sync.current_seq()
        return items


@pytest.fixture
def peers(vocab_catalogue: Catalogue, tmp_path: Path) -> Iterator[tuple[Peer, Peer]]:
    """Two installations that hold the same product (the second got it from the first)."""
    vocab_catalogue.products.add(
        {"title": "Water user fees", "product_type": "guide", "keywords": ["water"]},
        id=uuid.UUID(int=1),
    )
    with Catalogue.open(tmp_path / "second") as second:
        second.sync.apply(vocab_catalogue.sync.records())
        yield Peer(vocab_catalogue), Peer(second)


def exchange(a: Peer, b: Peer) -> None:
    """Both ways, at once: each applies what the other changed since the last exchange."""
    from_a, from_b = a.changes(), b.changes()
    b.catalogue.sync.apply(from_a)
    a.catalogue.sync.apply(from_b)
    a.sent, b.sent = a.catalogue.sync.current_seq(), b.catalogue.sync.current_seq()


def dump(peer: Peer) -> list[str]:
    return list(peer.catalogue.sync.dump())


PRODUCT = uuid.UUID(int=1)


def test_the_copy_is_identical(peers: tuple[Peer, Peer]) -> None:
    a, b = peers
    assert dump(a) == dump(b)


def test_keywords_added_on_two_installations_are_both_kept(peers: tuple[Peer, Peer]) -> None:
    a, b = peers
    a.catalogue.products.update(PRODUCT, {"keywords": ["water", "tariffs"]})
    b.catalogue.products.update(PRODUCT, {"keywords": ["water", "rural"]})
    exchange(a, b)
    keywords = set(a.catalogue.products.get(PRODUCT).keywords)
    assert keywords == {"water", "tariffs", "rural"}
    assert dump(a) == dump(b)


def test_a_removal_and_an_addition_on_two_installations_both_count(
    peers: tuple[Peer, Peer],
) -> None:
    a, b = peers
    a.catalogue.products.update(PRODUCT, {"keywords": []})
    b.catalogue.products.update(PRODUCT, {"keywords": ["water", "rural"]})
    exchange(a, b)
    assert a.catalogue.products.get(PRODUCT).keywords == ("rural",)
    assert dump(a) == dump(b)


def test_the_later_edit_of_a_field_wins_and_the_loser_is_kept(peers: tuple[Peer, Peer]) -> None:
    a, b = peers
    a.catalogue.products.update(PRODUCT, {"title": "Fees, first version"})
    b.catalogue.products.update(PRODUCT, {"title": "Fees, second version", "year": 2020})
    exchange(a, b)
    for peer in (a, b):
        record = peer.catalogue.products.get(PRODUCT)
        assert (record.title, record.year) == ("Fees, second version", 2020)
        (conflict,) = peer.catalogue.sync.conflicts()
        assert (conflict.field, conflict.value) == ("title", "Fees, first version")
        assert conflict.stamp < conflict.winning_stamp
    assert dump(a) == dump(b)


def test_equal_times_are_broken_by_installation_id(peers: tuple[Peer, Peer]) -> None:
    a, b = peers
    record = a.catalogue.sync.record("product", PRODUCT)
    soon = Stamp.parse(str(a.catalogue.installation_clock.now())).wall_ms + 60_000
    low, high = Stamp(soon, 0, "1" * 32), Stamp(soon, 0, "9" * 32)
    for peer, stamp, title in ((a, low, "From one"), (b, high, "From nine")):
        stamps = {**record.field_stamps, "title": str(stamp)}
        peer.catalogue.sync.apply_remote(
            "product", PRODUCT, {**record.values, "title": title}, stamps
        )
    exchange(a, b)
    assert a.catalogue.products.get(PRODUCT).title == "From nine"
    assert dump(a) == dump(b)


def test_a_deletion_beats_an_earlier_edit(peers: tuple[Peer, Peer]) -> None:
    a, b = peers
    a.catalogue.products.update(PRODUCT, {"title": "Edited before the deletion"})
    b.catalogue.products.delete(PRODUCT)
    exchange(a, b)
    for peer in (a, b):
        assert peer.catalogue.products.ids() == []
    assert dump(a) == dump(b)


def test_an_edit_after_the_deletion_brings_the_record_back(peers: tuple[Peer, Peer]) -> None:
    a, b = peers
    b.catalogue.products.delete(PRODUCT)
    a.catalogue.products.update(PRODUCT, {"summary": "Written after the deletion elsewhere"})
    exchange(a, b)
    for peer in (a, b):
        record = peer.catalogue.products.get(PRODUCT)
        assert (record.title, record.summary) == (
            "Water user fees",
            "Written after the deletion elsewhere",
        )
    assert dump(a) == dump(b)


def test_records_from_elsewhere_are_validated_and_change_nothing_when_bad(
    peers: tuple[Peer, Peer],
) -> None:
    a, _b = peers
    record = a.catalogue.sync.record("product", PRODUCT)
    before = dump(a)
    newer = "0001900000000000-0000-" + "c" * 32
    bad_values = [
        ({**record.values, "countries": [["XX", 0]]}, "not an ISO 3166-1"),
        ({**record.values, "title": "   "}, "is required"),
        ({**record.values, "status": "lost"}, "is not one of"),
        ({**record.values, "colour": "red"}, "is not a field"),
        ({k: v for k, v in record.values.items() if k != "year"}, "missing from the record"),
    ]
    for values, problem in bad_values:
        stamps = {**dict.fromkeys(record.field_stamps, newer), "countries/XX": newer}
        with pytest.raises(ValidationError, match=problem):
            a.catalogue.sync.apply(
                [
                    SyncRecord("product", uuid.UUID(int=9), values, stamps),
                    SyncRecord("product", PRODUCT, values, stamps),
                ],
                accept_drift=True,
            )
    assert dump(a) == before


def test_a_term_arriving_under_another_id_than_its_key_here_is_refused(
    peers: tuple[Peer, Peer],
) -> None:
    a, _b = peers
    record = a.catalogue.sync.record("theme", _theme_id(a))
    with pytest.raises(ValidationError, match="under another id"):
        a.catalogue.sync.apply_remote("theme", uuid.uuid4(), record.values, record.field_stamps)


def _theme_id(peer: Peer) -> uuid.UUID:
    return next(t.id for t in peer.catalogue.vocabularies.terms("theme"))


def test_changes_made_on_top_of_each_other_are_no_conflict(peers: tuple[Peer, Peer]) -> None:
    a, b = peers
    b.catalogue.products.update(PRODUCT, {"title": "Fees, edited by the partner"})
    b.catalogue.products.update(PRODUCT, {"title": "Fees, edited twice by the partner"})
    exchange(a, b)
    a.catalogue.products.update(PRODUCT, {"title": "Fees, reviewed by the curator"})
    exchange(a, b)
    for peer in (a, b):
        assert peer.catalogue.products.get(PRODUCT).title == "Fees, reviewed by the curator"
        assert peer.catalogue.sync.conflicts() == []
    assert dump(a) == dump(b)


def test_a_losing_value_can_be_restored_or_dismissed(peers: tuple[Peer, Peer]) -> None:
    a, b = peers
    a.catalogue.products.update(PRODUCT, {"title": "Curator's title"})
    b.catalogue.products.update(PRODUCT, {"title": "Partner's title"})
    exchange(a, b)
    (conflict,) = a.catalogue.sync.conflicts()
    assert conflict.value == "Curator's title"
    a.catalogue.sync.restore_conflict(conflict.id)
    assert a.catalogue.products.get(PRODUCT).title == "Curator's title"
    assert a.catalogue.sync.conflicts() == []
    exchange(a, b)
    assert b.catalogue.products.get(PRODUCT).title == "Curator's title", "the restore travels"
    (on_b,) = b.catalogue.sync.conflicts()
    b.catalogue.sync.dismiss_conflict(on_b.id)
    assert b.catalogue.sync.conflicts() == []
    assert dump(a) == dump(b)
