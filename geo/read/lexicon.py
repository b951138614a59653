"""The reader's word lists and patterns, read from ``data/lexicon/`` (data, not code)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..core import LEXICON_DIR, GeoError


def read_lexicon(path: Path) -> list[dict]:
    """A lexicon file: one JSON object a line; a bad line is named with its number."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise GeoError(f"not JSON ({exc.msg})", file=path, row=number) from None
    return rows


@lru_cache(maxsize=1)
def context_words() -> dict:
    """The word lists of ``data/lexicon/context.json`` (hedges, modals, blockers...)."""
    return json.loads((LEXICON_DIR / "context.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def place_words() -> dict:
    """The words of ``data/lexicon/places.json`` (directions, parts of a place, head nouns)."""
    return json.loads((LEXICON_DIR / "places.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def share_words() -> dict:
    """The word lists of ``data/lexicon/shares.json`` (number words, share adverbs, back-references)."""
    return json.loads((LEXICON_DIR / "shares.json").read_text(encoding="utf-8"))
