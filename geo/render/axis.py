"""The time axis under a map: days spaced by real time, a tick each Monday (each month, or every
few months, on a longer span, so the labels never run into each other), each change date marked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

#: At most this many labelled ticks: a week apart while they fit, else a month or a few apart.
MOST_TICKS = 10


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
    def weekly(self) -> bool:
        """Whether the ticks are a week apart (else they fall on the first of a month)."""
        return self.days // 7 <= MOST_TICKS

    @property
    def ticks(self) -> list[tuple[date, float]]:
        """Each Monday on the axis, a week tick; on a span of more than :data:`MOST_TICKS` weeks,
        the first of each month (of every second, third... month on a span of years)."""
        if self.weekly:
            day, days = self.start + timedelta(days=(7 - self.start.weekday()) % 7), []
            while day <= self.end:
                days.append(day)
                day += timedelta(days=7)
        else:
            months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month
            step = -(-months // MOST_TICKS)  # months between ticks, so at most MOST_TICKS of them
            first = self.start.year * 12 + self.start.month  # the month after the start's (0-based)
            days = [
                date(m // 12, m % 12 + 1, 1)
                for m in range(first, first + months, step)
                if date(m // 12, m % 12 + 1, 1) <= self.end
            ]
        return [(day, self.percent(day)) for day in days]

    def tick_label(self, day: date) -> str:
        """ "7 Dec" on a weekly axis; "Dec", or "Jan 2017" when a year begins, on a monthly one (the
        first tick names its year when no January does: a phone's width has room for one year)."""
        if self.weekly:
            return f"{day.day} {day:%b}"
        days = [d for d, _ in self.ticks]
        named_year = day.month == 1 or (day == days[0] and not any(d.month == 1 for d in days))
        return f"{day:%b %Y}" if named_year else f"{day:%b}"

    @property
    def marks(self) -> list[tuple[date, float]]:
        return [(d, self.percent(d)) for d in self.changes]
