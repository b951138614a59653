"""The baseline: who held each place on the start date, before any article is read.

``data/<city>/baseline.csv`` has ``place_id,controller,as_of,source``; a controller is a side of
the gazetteer's conflict, ``contested`` or ``unknown``. A place the file does not list is ``unknown`` (not established) rather than guessed. The baseline is where the timeline
starts: claims dated before it are not placed on the map.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..core import UNKNOWN, GazetteerError, parse_iso_date
from .places import Gazetteer, csv_rows

BASELINE_COLUMNS = ("place_id", "controller", "as_of", "source")


@dataclass(frozen=True)
class BaselineEntry:
    """One row of the baseline: a place's controller as of a date, and who says so."""

    place_id: str
    controller: str
    as_of: date | None
    source: str = ""


@dataclass(frozen=True)
class Baseline:
    """The controller of every map place on the start date (``unknown`` where not established)."""

    entries: dict[str, BaselineEntry]
    start: date | None

    def entry(self, place_id: str) -> BaselineEntry:
        return self.entries.get(place_id) or BaselineEntry(place_id, UNKNOWN, None)

    @classmethod
    def empty(cls, start: date | None = None) -> Baseline:
        """Every place unknown from ``start``: for a city nobody has compiled front lines for yet."""
        return cls({}, start)


def parse_day(
    value: str, *, what: str = "date", file: str | Path | None = None, row: int | None = None
) -> date:
    """An ISO date (YYYY-MM-DD), or a GazetteerError naming the file, row and value."""
    try:
        return parse_iso_date(value)
    except (TypeError, ValueError, AttributeError):
        raise GazetteerError(f"{what} {value!r} is not a date (YYYY-MM-DD)", file=file, row=row) from None


def read_baseline(path: str | Path, gazetteer: Gazetteer) -> Baseline:
    """Read and validate a baseline file against the gazetteer's map places and its conflict's sides."""
    path = Path(path)
    conflict = gazetteer.war
    entries: dict[str, BaselineEntry] = {}
    for row_no, row in csv_rows(path, BASELINE_COLUMNS):
        place_id = row["place_id"]
        place = gazetteer.places.get(place_id)
        if place is None or not place.is_area:
            raise GazetteerError(
                f"place_id {place_id!r} is not a map place of the gazetteer", file=path, row=row_no
            )
        if place_id in entries:
            raise GazetteerError(f"place_id {place_id!r} is listed twice", file=path, row=row_no)
        conflict.check_controller(row["controller"], file=path, row=row_no, on_map=True)
        as_of = parse_day(row["as_of"], what="as_of", file=path, row=row_no) if row["as_of"] else None
        entries[place_id] = BaselineEntry(place_id, row["controller"], as_of, row["source"])
    start = declared_start(gazetteer) or min((e.as_of for e in entries.values() if e.as_of), default=None)
    return Baseline(entries, start)


def declared_start(gazetteer: Gazetteer) -> date | None:
    """The ``baseline_date`` of the gazetteer's ``gazetteer.json``, if it declares one."""
    declared = gazetteer.baseline_date
    where = gazetteer.folder / "gazetteer.json" if gazetteer.folder else None
    return parse_day(declared, what="baseline_date", file=where) if declared else None


def load_baseline(gazetteer: Gazetteer) -> Baseline:
    """The gazetteer folder's ``baseline.csv``, or an all-unknown baseline when it has none."""
    path = gazetteer.folder / "baseline.csv" if gazetteer.folder else None
    if path is None or not path.exists():
        return Baseline.empty(declared_start(gazetteer))
    return read_baseline(path, gazetteer)
