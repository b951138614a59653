"""Where the project's data, lexicons and caches are, found from the package's own location."""
from __future__ import annotations

import os
from pathlib import Path

#: The checkout (or installed tree) holding ``geo/`` and ``data/``.
ROOT = Path(__file__).resolve().parents[2]
#: The code of the ``geo`` package.
PACKAGE_DIR = ROOT / "geo"
DATA_DIR = ROOT / "data"
DEFAULT_GAZETTEER = DATA_DIR / "aleppo"
#: Word lists and patterns the reader uses: data, not code.
LEXICON_DIR = DATA_DIR / "lexicon"
#: Where derived data that is slow to compute is kept between runs (not in the repository).
CACHE_DIR = Path(os.environ.get("GEO_CACHE", ROOT / ".cache"))
