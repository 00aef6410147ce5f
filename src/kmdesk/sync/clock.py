"""Hybrid logical clock stamps for per-field merge between installations.

Every syncable row and every field of it carries the stamp of its last change. A stamp orders
changes like wall time when clocks agree, still orders them causally when a laptop's clock is
wrong (the clock never goes backwards and moves past any stamp it has seen), and breaks ties by
installation id so that every machine picks the same winner.

Stamps are strings of fixed width, so that ordering the strings orders the stamps, in SQL too::

    0001732512345678-0003-2f1c9a0e4b7d4c21a9e3d5f6a7b8c9d0
    wall time in ms  counter installation id (UUID hex)
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

_WALL_DIGITS = 16
_COUNTER_DIGITS = 4
_MAX_COUNTER = 10**_COUNTER_DIGITS - 1


@dataclass(frozen=True, order=True, slots=True)
class Stamp:
    """One hybrid logical clock reading: wall milliseconds, a counter and the installation."""

    wall_ms: int
    counter: int
    installation: str

    def __str__(self) -> str:
        wall = f"{self.wall_ms:0{_WALL_DIGITS}d}"
        return f"{wall}-{self.counter:0{_COUNTER_DIGITS}d}-{self.installation}"

    @classmethod
    def parse(cls, text: str) -> Stamp:
        """Read a stamp written by :meth:`__str__`; raise ``ValueError`` on anything else."""
        wall, counter, installation = text.split("-", 2)
        if len(wall) != _WALL_DIGITS or len(counter) != _COUNTER_DIGITS or not installation:
            raise ValueError(f"not a change stamp: {text!r}")
        return cls(int(wall), int(counter), installation)


class HybridLogicalClock:
    """Issues strictly increasing stamps for one installation; thread-safe.

    ``last`` is the greatest stamp already issued or observed (persisted by the catalogue so the
    clock does not go backwards across restarts even if the system clock does).
    """

    def __init__(
        self,
        installation: str,
        last: Stamp | None = None,
        wall_clock: Callable[[], int] | None = None,
    ) -> None:
        self.installation = installation
        self._wall_clock = wall_clock or (lambda: time.time_ns() // 1_000_000)
        self._wall = last.wall_ms if last else 0
        self._counter = last.counter if last else 0
        self._lock = threading.Lock()

    def now(self) -> Stamp:
        """A new stamp greater than every stamp issued or observed before."""
        with self._lock:
            physical = self._wall_clock()
            if physical > self._wall:
                self._wall, self._counter = physical, 0
            else:
                self._advance_counter()
            return Stamp(self._wall, self._counter, self.installation)

    def observe(self, remote: Stamp) -> None:
        """Move past a stamp received from another installation (for merge)."""
        with self._lock:
            if (remote.wall_ms, remote.counter) >= (self._wall, self._counter):
                self._wall, self._counter = remote.wall_ms, remote.counter

    def _advance_counter(self) -> None:
        if self._counter >= _MAX_COUNTER:
            # Thousands of stamps in one millisecond: borrow the next millisecond.
            self._wall += 1
            self._counter = 0
        else:
            self._counter += 1
