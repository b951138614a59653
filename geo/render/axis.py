"""The time axis under a map: days spaced by real time, a tick each Monday, each change date marked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class TimeAxis:
    """From the first to the last change date; positions are percentages of the axis's width."""

    start: date
    end: date
    changes: tuple[date, ...]
    current: date

    @classmethod
    def of(cls, changes: Sequence[date], current: date | None = None) -> TimeAxis:
        days = tuple(sorted(changes))
        if not days:
            raise ValueError("a time axis needs at least one change date")
        return cls(days[0], days[-1], days, current or days[0])

    @property
    def days(self) -> int:
        """Days from start to end (0 when there is one date)."""
        return (self.end - self.start).days

    def offset(self, day: date) -> int:
        return (day - self.start).days

    def percent(self, day: date) -> float:
        """Where ``day`` sits, 0 to 100 (a single date sits in the middle)."""
        if not self.days:
            return 50.0
        return round(100 * min(max(self.offset(day), 0), self.days) / self.days, 2)

    @property
    def ticks(self) -> list[tuple[date, float]]:
        """Each Monday on the axis: a week tick."""
        monday = self.start + timedelta(days=(7 - self.start.weekday()) % 7)
        out = []
        while monday <= self.end:
            out.append((monday, self.percent(monday)))
            monday += timedelta(days=7)
        return out

    @property
    def marks(self) -> list[tuple[date, float]]:
        return [(d, self.percent(d)) for d in self.changes]
