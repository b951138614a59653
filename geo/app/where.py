"""Where the app's data lives: which cities it can show, and which store each city reads and writes.

- A *city* is a gazetteer folder: every folder under ``data/`` holding a ``gazetteer.json``, and
  ``$GEO_GAZETTEER`` if set (it wins over a bundled folder of the same name). A city's id is its
  folder's name; the app keeps it in the address (``?city=aleppo``).
- Each city has its own *user store*, ``<cache>/<city>.db``, created on the first write (an
  article added, a decision saved), so nothing an editor saves lives in the demo database, which
  :func:`geo.store.demo_database` may rebuild whenever the gazetteer or the reading code changes.
  ``$GEO_DB`` names one store for every city instead; articles then carry their city (see
  :meth:`geo.store.Store.tag_articles`), so nothing of one city shows on another's map.
- Until a city's user store exists the app shows the city's demo, read-only.

No Streamlit here: the pages call these functions.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..core import CACHE_DIR, DATA_DIR, GAZETTEER_VARIABLE, default_gazetteer

DB_VARIABLE = "GEO_DB"


@dataclass(frozen=True)
class City:
    """A gazetteer folder the app can show: its id (the folder's name), its name, its folder."""

    id: str
    name: str
    folder: Path


def _city(folder: Path, *, required: bool = False) -> City | None:
    """The city of a gazetteer folder; one whose gazetteer.json cannot be read is skipped unless
    ``required`` (the configured one: loading it then says what is wrong)."""
    try:
        meta = json.loads((folder / "gazetteer.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return City(folder.name, folder.name, folder) if required else None
    name = meta.get("name") if isinstance(meta, dict) else None
    return City(folder.name, str(name or folder.name), folder)


def cities(data_dir: Path | None = None) -> list[City]:
    """Every city the app offers: the folders under ``data_dir`` with a readable gazetteer.json,
    and ``$GEO_GAZETTEER`` (winning over a bundled folder of the same name), sorted by name."""
    found: dict[str, City] = {}
    data_dir = data_dir or DATA_DIR
    if data_dir.is_dir():
        for folder in sorted(p for p in data_dir.iterdir() if p.is_dir()):
            city = _city(folder)
            if city:
                found[city.id] = city
    configured = os.environ.get(GAZETTEER_VARIABLE)
    if configured:
        city = _city(Path(configured), required=True)
        if city:
            found[city.id] = city
    return sorted(found.values(), key=lambda c: (c.name.casefold(), c.id))


def city_labels(choices: list[City]) -> dict[str, str]:
    """What the sidebar lists: each city's name, with its folder where two share a name."""
    names = [c.name for c in choices]
    return {c.id: c.name if names.count(c.name) == 1 else f"{c.name} ({c.id})" for c in choices}


def default_city(choices: list[City]) -> City | None:
    """The city shown when the address names none: ``$GEO_GAZETTEER``'s, else the bundled default."""
    wanted = default_gazetteer().name
    return next((c for c in choices if c.id == wanted), choices[0] if choices else None)


def pick_city(choices: list[City], wanted: str | None) -> City | None:
    """The city the address asks for (``?city=``), else the default one."""
    return next((c for c in choices if c.id == wanted), None) or default_city(choices)


@dataclass(frozen=True)
class Stores:
    """A city's stores: where it writes (``user``), and the demo database shown until that exists."""

    city: str
    user: str
    #: True when $GEO_DB names one store for every city.
    shared: bool

    @property
    def user_exists(self) -> bool:
        return self.shared or "://" in self.user or Path(self.user).is_file()


def stores(city: str) -> Stores:
    """$GEO_DB if set (one store for every city), else ``<cache>/<city>.db``."""
    shared = os.environ.get(DB_VARIABLE)
    if shared:
        return Stores(city, shared, True)
    return Stores(city, str(Path(CACHE_DIR) / f"{city}.db"), False)
