"""Capitalised names that are not places: people, months, rivers and descriptions in Title Case.

The reader reports a proper name it cannot resolve as an unresolved place, for review. A
person ("General X"), a month ("July"), a river ("the X River") or a description written in
capitals ("the Residential Complex") is no place anyone could pick, so it is not reported.
The words are data (``data/lexicon/nonplaces.json``, with ``site_nouns`` and ``place_nouns``
of ``context.json``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Token

from ..core import ARTICLES, LEXICON_DIR
from .lexicon import context_words


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    data = json.loads((LEXICON_DIR / "nonplaces.json").read_text(encoding="utf-8"))
    words = {k: frozenset(v) for k, v in data.items() if isinstance(v, list)}
    context = context_words()
    words["generic"] = (
        words["generic_modifiers"] | frozenset(context["site_nouns"]) | frozenset(context["place_nouns"])
    )
    return words


def _key(token: Token) -> str:
    return token.lower_.rstrip(".")


def not_a_place(name: Sequence[Token], before: Token | None = None, after: Token | None = None) -> bool:
    """True when the proper name ``name`` (its tokens, with the words either side) is no place.

    - a person: the name starts with, or follows, a rank or office ("Gen.", "Lt. Gen.", "President");
    - a month written alone ("July");
    - a river or lake: a water noun in or beside the name ("the Tigris River", "the river Tigris"),
      or a name the lexicon lists as one;
    - a description: every word a generic one ("the Residential Complex").
    """
    w = _words()
    words = [t for t in name if t.is_alpha and t.lower_ not in ARTICLES]
    if not words:
        return False
    keys = [_key(t) for t in words]
    if keys[0] in w["person_titles"] or (before is not None and _key(before) in w["person_titles"]):
        return True
    if all(k in w["months"] for k in keys):
        return True
    text = " ".join(keys)
    if text in w["water_names"] or any(k in w["water_nouns"] for k in keys):
        return True
    if any(t is not None and _key(t) in w["water_nouns"] for t in (before, after)):
        return True
    return all(t.lemma_.lower() in w["generic"] or k in w["generic"] for t, k in zip(words, keys))
