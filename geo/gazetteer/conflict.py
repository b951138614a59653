"""A war as data: its sides (id, label, colour, description), who opposes whom, and the actor
lexicon that maps the words of a report to a side.

A conflict is a folder ``data/conflicts/<id>/`` holding ``conflict.json`` and ``actors.jsonl``.
A gazetteer names its conflict in ``gazetteer.json`` (``"conflict": "syria"``), so cities of one
war (Aleppo and Homs) share one folder. Nothing in ``geo/`` knows a side: every list of sides,
every label and colour, and the reader's guess of who took a place someone left, come from here.

Besides the sides, a place can be ``contested`` or ``unknown`` (not established): those two are
the same in every war (:data:`geo.core.GENERIC_CONTROLLERS`).

Colours stay safe for colour-blind readers: a side takes one of :data:`SIDE_COLOURS` (the
Okabe–Ito palette, orange and grey kept for contested and not established), no two sides the same,
so a conflict has at most :data:`MAX_SIDES` sides.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from ..core import (
    CONFLICTS_DIR,
    CONTESTED,
    GENERIC_CONTROLLERS,
    GENERIC_LABEL,
    NO_SIDE,
    UNKNOWN,
    GazetteerError,
    parse_iso_date,
    read_json,
)

CONFLICT_FILE = "conflict.json"
ACTORS_FILE = "actors.jsonl"
#: The colours a side may take: Okabe–Ito, distinguishable under the common colour blindnesses.
SIDE_COLOURS = {
    "#D55E00": "vermilion",
    "#009E73": "bluish green",
    "#F0E442": "yellow",
    "#2B2B2B": "near black",
    "#0072B2": "blue",
    "#CC79A7": "reddish purple",
    "#56B4E9": "sky blue",
}
#: The fill of the controllers every war has (contested is also hatched on the map).
GENERIC_COLOURS = {CONTESTED: "#E69F00", UNKNOWN: "#BBBBBB"}
#: Six sides plus contested and not established still read apart on a map.
MAX_SIDES = 6
_SIDE_ID = re.compile(r"[a-z][a-z0-9-]*")
_RESERVED = frozenset({*GENERIC_CONTROLLERS, NO_SIDE})


@dataclass(frozen=True)
class Side:
    """One party to the war. ``state`` marks the forces of the state (ACLED's "Government regains
    territory" when they take a place; any other side is a "Non-state actor")."""

    id: str
    label: str
    colour: str
    description: str = ""
    state: bool = False


@dataclass(frozen=True)
class Offensive:
    """A named push of the war with its public start (and end, once it is over): "the 30th day
    of the push" in a report is counted from ``start``."""

    name: str
    start: date
    end: date | None = None


@dataclass(frozen=True)
class Conflict:
    """A war's sides, who opposes whom, and where its actor lexicon is."""

    id: str
    name: str
    sides: tuple[Side, ...]
    #: Pairs of side ids that fight each other, in the file's order (the order says which
    #: opponent the reader guesses first, see :meth:`opponent`).
    opposes: tuple[tuple[str, str], ...] = ()
    folder: Path | None = None
    #: The war's offensives, in the file's order (``"offensives"``; none when it lists none).
    offensives: tuple[Offensive, ...] = ()

    @property
    def side_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.sides)

    @property
    def controllers(self) -> tuple[str, ...]:
        """Who can hold a place after a claim: a side, or ``contested``."""
        return (*self.side_ids, CONTESTED)

    @property
    def map_controllers(self) -> tuple[str, ...]:
        """Every state a place can have on the map, in legend order (``unknown`` last)."""
        return (*self.side_ids, *GENERIC_CONTROLLERS)

    @property
    def actors_file(self) -> Path | None:
        """The conflict's actor lexicon (``actors.jsonl``), if it was loaded from a folder."""
        return self.folder / ACTORS_FILE if self.folder else None

    def side(self, side_id: str) -> Side | None:
        return next((s for s in self.sides if s.id == side_id), None)

    def label(self, controller: str) -> str:
        """The side's label ("Islamic State"), "Contested", "Not established", or the id itself."""
        side = self.side(controller)
        return side.label if side else GENERIC_LABEL.get(controller, controller)

    def colour(self, controller: str) -> str:
        """A controller's fill; anything the conflict does not know is drawn as not established."""
        side = self.side(controller)
        return side.colour if side else GENERIC_COLOURS.get(controller, GENERIC_COLOURS[UNKNOWN])

    def opponents(self, side_id: str) -> tuple[str, ...]:
        """The sides ``side_id`` fights, in the order ``opposes`` lists them."""
        found = [b if a == side_id else a for a, b in self.opposes if side_id in (a, b)]
        return tuple(dict.fromkeys(found))

    def opponent(self, side_id: str) -> str | None:
        """The side that takes a place ``side_id`` left, when the article names no other: the first
        opponent ``opposes`` lists (a guess the reader flags), or None if it has none."""
        found = self.opponents(side_id)
        return found[0] if found else None

    def check_controller(
        self,
        value: str,
        *,
        file: str | Path | None = None,
        row: int | str | None = None,
        on_map: bool = False,
    ) -> str:
        """``value`` if it is a side (or contested; with ``on_map``, unknown too), else a
        :class:`GazetteerError` naming the file and row and the controllers allowed."""
        allowed = self.map_controllers if on_map else self.controllers
        if value not in allowed:
            raise GazetteerError(
                f"controller {value!r} is not one of {', '.join(allowed)} "
                f"(the sides of {self.name} and the generic ones)",
                file=file,
                row=row,
            )
        return value


def conflict_folder(name: str, gazetteer_folder: Path | None = None) -> Path:
    """Where a gazetteer's ``"conflict"`` points: a path (relative to the gazetteer folder) when it
    holds a slash, else ``conflicts/<name>`` beside the gazetteer folder if there is one, else
    ``data/conflicts/<name>``."""
    if "/" in name or "\\" in name:
        path = Path(name)
        return path if path.is_absolute() or gazetteer_folder is None else gazetteer_folder / path
    if gazetteer_folder is not None:
        beside = gazetteer_folder.parent / "conflicts" / name
        if (beside / CONFLICT_FILE).is_file():
            return beside
    return CONFLICTS_DIR / name


def load_conflict(folder: str | Path) -> Conflict:
    """Read and validate a conflict folder (``conflict.json`` and ``actors.jsonl``)."""
    folder = Path(folder)
    path = folder / CONFLICT_FILE
    try:
        stat = path.stat()
    except OSError:
        raise GazetteerError("file not found: the conflict folder needs a conflict.json", file=path) from None
    actors = folder / ACTORS_FILE
    actors_stamp = (actors.stat().st_mtime_ns, actors.stat().st_size) if actors.is_file() else None
    return _load(str(folder.resolve()), stat.st_mtime_ns, stat.st_size, actors_stamp)


@lru_cache(maxsize=16)
def _load(folder: str, _mtime: int, _size: int, _actors: tuple | None) -> Conflict:
    conflict = read_conflict(Path(folder) / CONFLICT_FILE)
    check_actors(Path(folder) / ACTORS_FILE, conflict)
    return conflict


def read_conflict(path: str | Path) -> Conflict:
    """``conflict.json`` as a :class:`Conflict`; a :class:`GazetteerError` naming what is wrong."""
    path = Path(path)
    data = read_json(path, GazetteerError)
    if not isinstance(data, dict):
        raise GazetteerError("not a JSON object", file=path)
    for key in ("id", "name"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise GazetteerError(f"needs a {key!r}", file=path)
    raw_sides = data.get("sides")
    if not isinstance(raw_sides, list) or not raw_sides:
        raise GazetteerError('needs "sides": a list of {id, label, colour, description}', file=path)
    if len(raw_sides) > MAX_SIDES:
        raise GazetteerError(
            f"{len(raw_sides)} sides: at most {MAX_SIDES} stay apart in colour on a map", file=path
        )
    sides: list[Side] = []
    for number, raw in enumerate(raw_sides, start=1):
        sides.append(_side(raw, number, sides, path))
    ids = {s.id for s in sides}
    raw_pairs = data.get("opposes", [])
    if not isinstance(raw_pairs, list):
        raise GazetteerError('"opposes" is not a list of pairs of side ids', file=path)
    pairs = []
    for number, pair in enumerate(raw_pairs, start=1):
        where = f"opposes pair {number} ({json.dumps(pair, ensure_ascii=False)})"
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
            raise GazetteerError(f"{where}: not a pair of side ids", file=path)
        unknown = [p for p in pair if p not in ids]
        if unknown:
            raise GazetteerError(
                f"{where}: {unknown[0]!r} is not a side ({', '.join(sorted(ids))})", file=path
            )
        if pair[0] == pair[1]:
            raise GazetteerError(f"{where}: a side cannot oppose itself", file=path)
        pairs.append((pair[0], pair[1]))
    return Conflict(
        id=data["id"],
        name=data["name"],
        sides=tuple(sides),
        opposes=tuple(pairs),
        folder=path.parent,
        offensives=_offensives(data.get("offensives", []), path),
    )


def _offensives(raw: object, path: Path) -> tuple[Offensive, ...]:
    """``"offensives"``: a list of ``{"name", "start"[, "end"]}``, dates ``YYYY-MM-DD``."""
    if not isinstance(raw, list):
        raise GazetteerError('"offensives" is not a list of {name, start[, end]}', file=path)
    found: list[Offensive] = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            raise GazetteerError(f"offensive {number}: not an object with a name and a start", file=path)
        name = item.get("name")
        where = f"offensive {number} ({name!r})"
        if not isinstance(name, str) or not name.strip():
            raise GazetteerError(f"offensive {number}: needs a name", file=path)
        unknown = sorted(set(item) - {"name", "start", "end"})
        if unknown:
            raise GazetteerError(
                f"{where}: unknown key(s) {', '.join(unknown)} (name, start, end)", file=path
            )
        days: dict[str, date | None] = {}
        for key in ("start", "end"):
            value = item.get(key)
            if value is None and key == "end":
                days[key] = None
                continue
            if not isinstance(value, str):
                raise GazetteerError(
                    f"{where}: needs {'an' if key == 'end' else 'a'} {key} date, YYYY-MM-DD", file=path
                )
            try:
                days[key] = parse_iso_date(value)
            except ValueError as exc:
                raise GazetteerError(f"{where}: {key}: {exc}", file=path) from None
        start, end = days["start"], days["end"]
        assert start is not None
        if end is not None and end < start:
            raise GazetteerError(f"{where}: end {end} is before start {start}", file=path)
        if any(o.name == name.strip() for o in found):
            raise GazetteerError(f"{where}: listed twice", file=path)
        found.append(Offensive(name.strip(), start, end))
    return tuple(found)


def _side(raw: object, number: int, before: list[Side], path: Path) -> Side:
    if not isinstance(raw, dict):
        raise GazetteerError(f"side {number}: not an object", file=path)
    side_id = raw.get("id")
    where = f"side {number} ({side_id!r})"
    if not isinstance(side_id, str) or not _SIDE_ID.fullmatch(side_id):
        raise GazetteerError(f"{where}: an id is lower-case letters, digits and hyphens", file=path)
    if side_id in _RESERVED:
        raise GazetteerError(f"{where}: {side_id!r} is reserved ({', '.join(sorted(_RESERVED))})", file=path)
    if any(s.id == side_id for s in before):
        raise GazetteerError(f"{where}: duplicate id", file=path)
    label = raw.get("label")
    if not isinstance(label, str) or not label.strip():
        raise GazetteerError(f"{where}: needs a label", file=path)
    colour = raw.get("colour")
    if not isinstance(colour, str) or colour.upper() not in SIDE_COLOURS:
        choices = ", ".join(f"{c} ({n})" for c, n in SIDE_COLOURS.items())
        raise GazetteerError(
            f"{where}: colour {colour!r} is not one of the colour-blind safe {choices}", file=path
        )
    clash = next((s for s in before if s.colour == colour.upper()), None)
    if clash:
        raise GazetteerError(f"{where}: colour {colour} is already {clash.id!r}'s", file=path)
    description = raw.get("description", "")
    state = raw.get("state", False)
    if not isinstance(description, str) or not isinstance(state, bool):
        raise GazetteerError(f"{where}: description must be text and state true or false", file=path)
    return Side(side_id, label.strip(), colour.upper(), description, state)


def check_actors(path: Path, conflict: Conflict) -> None:
    """An actor lexicon (``{"side", "phrase"[, "case_sensitive"]}`` a line): every side is one of
    the conflict's (or ``none``, for words that name no party); a bad line is named."""
    if not path.is_file():
        raise GazetteerError("file not found: a conflict needs its actor lexicon", file=path)
    allowed = (*conflict.side_ids, NO_SIDE)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GazetteerError(f"not JSON ({exc.msg})", file=path, row=number) from None
        if not isinstance(row, dict) or not isinstance(row.get("phrase"), str) or not row["phrase"].strip():
            raise GazetteerError('needs a "phrase"', file=path, row=number)
        if row.get("side") not in allowed:
            raise GazetteerError(
                f"side {row.get('side')!r} is not one of {', '.join(allowed)} ({conflict.name})",
                file=path,
                row=number,
            )
