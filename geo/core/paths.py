"""Where the project's data, lexicons and caches are, found from the package's own location."""

from __future__ import annotations

import os
from pathlib import Path

#: The checkout (or installed tree) holding ``geo/`` and ``data/``.
ROOT = Path(__file__).resolve().parents[2]
#: The code of the ``geo`` package.
PACKAGE_DIR = ROOT / "geo"
DATA_DIR = ROOT / "data"
#: Where the wars are: one folder per conflict, shared by the cities of that war.
CONFLICTS_DIR = DATA_DIR / "conflicts"
#: Names the gazetteer folder to use when a command or the app is given none.
GAZETTEER_VARIABLE = "GEO_GAZETTEER"
#: Word lists and patterns the reader uses: data, not code.
LEXICON_DIR = DATA_DIR / "lexicon"
#: Where derived data that is slow to compute is kept between runs (not in the repository).
CACHE_DIR = Path(os.environ.get("GEO_CACHE", ROOT / ".cache"))


def gazetteer_folders(data_dir: Path = DATA_DIR) -> list[Path]:
    """The gazetteer folders under ``data/`` (those holding a ``gazetteer.json``), by name."""
    return (
        sorted(p for p in data_dir.iterdir() if (p / "gazetteer.json").is_file()) if data_dir.is_dir() else []
    )


def default_gazetteer() -> Path:
    """The gazetteer used when none is named: ``$GEO_GAZETTEER``, else the first folder under ``data/``
    (by name) that holds a ``gazetteer.json``, else ``data/`` itself (which then fails to load, saying why)."""
    named = os.environ.get(GAZETTEER_VARIABLE)
    if named:
        return Path(named)
    folders = gazetteer_folders()
    return folders[0] if folders else DATA_DIR
