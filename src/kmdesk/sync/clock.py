"""Hybrid logical clock stamps for per-field merge between installations.

Every field of every syncable record carries the stamp of its last change. A stamp orders
changes like wall time when clocks agree, still orders them causally when a laptop's clock is
wrong (the clock never goes backwards and moves past any stamp it has seen), and breaks ties by
installation id so that every machine picks the same winner.

Stamps are strings of fixed width, so that ordering the strings orders the stamps, in SQL too::

    0001732512345678-0003-2f1c9a0e4b7d4c21a9e3d5f6a7b8c9d0
    wall time in ms  counter installation id (32 lower-case hex digits, a UUID)

A stamp from elsewhere is read strictly (exact widths, digits only, a valid installation id) and
may not lie more than :data:`MAX_DRIFT_MS` ahead of the local wall clock: a laptop whose clock
says 2031 would otherwise drag every later local edit into the future with it.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from kmdesk.errors import KmdeskError
from kmdesk.i18n import _

_WALL_DIGITS = 16
_COUNTER_DIGITS = 4
_MAX_COUNTER = 10**_COUNTER_DIGITS - 1
_STAMP = re.compile(r"^([0-9]{16})-([0-9]{4})-([0-9a-f]{32})$")
_INSTALLATION = re.compile(r"^[0-9a-f]{32}$")

#: How far ahead of the local wall clock a received stamp may be: one day.
MAX_DRIFT_MS = 24 * 60 * 60 * 1000


def wall_clock_ms() -> int:
    """The system's wall clock in milliseconds since the epoch."""
    return time.time_ns() // 1_000_000


def is_installation_id(text: str) -> bool:
    """Whether ``text`` is a well-formed installation id (32 lower-case hex digits)."""
    return bool(_INSTALLATION.match(text))


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
    def parse(cls, text: object) -> Stamp:
        """Read a stamp written by :meth:`__str__`; raise ``ValueError`` on anything else."""
        match = _STAMP.match(text) if isinstance(text, str) else None
        if match is None:
            raise ValueError(f"not a change stamp: {text!r}")
        wall, counter, installation = match.groups()
        return cls(int(wall), int(counter), installation)


#: The stamp of records built into kmdesk (product types): the same on every installation,
#: older than any change a person makes.
BUILTIN_STAMP = Stamp(0, 0, "0" * 32)


class ClockDriftError(KmdeskError):
    """A received stamp lies too far in the future: the sending machine's clock is wrong."""

    def __init__(self, installation: str, ahead_ms: int) -> None:
        self.installation = installation
        self.ahead_ms = ahead_ms
        hours = ahead_ms / 3_600_000
        super().__init__(
            _(
                "installation {installation} sent changes stamped {hours:.1f} hours ahead of this "
                "computer's clock (at most {limit} hours are accepted); its clock is probably "
                "wrong. Nothing was changed."
            ).format(installation=installation, hours=hours, limit=MAX_DRIFT_MS // 3_600_000)
        )


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
        if not is_installation_id(installation):
            raise ValueError(f"not an installation id: {installation!r}")
        self.installation = installation
        self._wall_clock = wall_clock or wall_clock_ms
        self._wall = last.wall_ms if last else 0
        self._counter = last.counter if last else 0
        self._lock = threading.Lock()

    @property
    def last(self) -> Stamp:
        """The greatest stamp issued or observed so far (with this installation's id)."""
        with self._lock:
            return Stamp(self._wall, self._counter, self.installation)

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
        """Move past a stamp received from elsewhere (or read back from storage)."""
        with self._lock:
            if (remote.wall_ms, remote.counter) >= (self._wall, self._counter):
                self._wall, self._counter = remote.wall_ms, remote.counter

    def check_drift(self, remote: Stamp, *, limit_ms: int = MAX_DRIFT_MS) -> None:
        """Raise :class:`ClockDriftError` when ``remote`` is more than ``limit_ms`` ahead."""
        ahead = remote.wall_ms - self._wall_clock()
        if ahead > limit_ms:
            raise ClockDriftError(remote.installation, ahead)

    def _advance_counter(self) -> None:
        if self._counter >= _MAX_COUNTER:
            # Thousands of stamps in one millisecond: borrow the next millisecond.
            self._wall += 1
            self._counter = 0
        else:
            self._counter += 1
