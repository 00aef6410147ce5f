"""Hybrid logical clock: stamps only go forward and order like their text."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from kmdesk.sync.clock import HybridLogicalClock, Stamp


def test_stamp_text_round_trip() -> None:
    stamp = Stamp(1732512345678, 7, "2f1c9a0e4b7d4c21a9e3d5f6a7b8c9d0")
    assert str(stamp) == "0001732512345678-0007-2f1c9a0e4b7d4c21a9e3d5f6a7b8c9d0"
    assert Stamp.parse(str(stamp)) == stamp


@given(st.lists(st.integers(min_value=0, max_value=10**13), min_size=1, max_size=200))
def test_stamps_strictly_increase_whatever_the_wall_clock_does(readings: list[int]) -> None:
    times = iter(readings)
    clock = HybridLogicalClock("a" * 32, wall_clock=lambda: next(times))
    stamps = [clock.now() for _ in readings]
    assert all(a < b for a, b in itertools.pairwise(stamps))
    texts = [str(s) for s in stamps]
    assert texts == sorted(texts), "ordering the text orders the stamps"


@given(
    st.integers(min_value=0, max_value=10**13),
    st.integers(min_value=0, max_value=10**13),
    st.integers(min_value=0, max_value=9999),
)
def test_clock_moves_past_an_observed_stamp(local: int, remote_wall: int, counter: int) -> None:
    clock = HybridLogicalClock("b" * 32, wall_clock=lambda: local)
    remote = Stamp(remote_wall, counter, "c" * 32)
    clock.observe(remote)
    after = clock.now()
    assert (after.wall_ms, after.counter) > (remote.wall_ms, remote.counter)


def test_clock_resumes_after_its_last_stamp_when_the_system_clock_went_back() -> None:
    last = Stamp(2_000_000, 3, "d" * 32)
    clock = HybridLogicalClock("d" * 32, last, wall_clock=lambda: 1_000_000)
    assert clock.now() > last
