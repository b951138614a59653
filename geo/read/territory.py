"""A side's territory named by a noun alone: "the government-held zone", "the territory controlled
by the rebels". In a divided city that is the region the side held at the baseline (see
:func:`geo.read.where.side_regions`); the words are data (``data/lexicon/holds.json``).
"""

from __future__ import annotations

import json
from functools import lru_cache

from spacy.tokens import Doc, Span

from ..core import LEXICON_DIR, NO_SIDE
from ..gazetteer import Gazetteer
from .where import side_regions


@lru_cache(maxsize=1)
def holds_words() -> dict:
    """The word lists of ``data/lexicon/holds.json``."""
    return json.loads((LEXICON_DIR / "holds.json").read_text(encoding="utf-8"))


def side_territories(doc: Doc, sent: Span, taken: list[Span], gazetteer: Gazetteer) -> list[Span]:
    """Spans on the territory noun of "the <side>-held <noun>" and "the <noun> held by <side>",
    resolved to the side's region when that region is a part of the city (a side holding the whole
    city has no region of its own to name). A noun followed by "of" or "in" is a part of the
    place named next ("the militia-held corner of the fort"), not the side's territory."""
    words = holds_words()
    nouns, held = set(words["territory_nouns"]), set(words["held_words"])
    regions = side_regions(gazetteer)
    taken_ids = {i for s in taken for i in range(s.start, s.end)}
    actors = {a.start: a for a in doc.spans["actors"] if sent.start <= a.start and a.end <= sent.end}
    ends = {a.end: a for a in actors.values()}
    found = []
    for i in range(sent.start + 1, sent.end):
        token = doc[i]
        if token.lower_ not in nouns or i in taken_ids:
            continue
        side = _side_before(doc, i, ends, held) or _side_after(doc, i, sent.end, actors, held)
        region = gazetteer.places.get(regions.get(side or "", ""))
        if region is None or region.kind == "city" or not _definite(doc, i, sent.start, ends, held):
            continue
        nxt = doc[i + 1] if i + 1 < sent.end else None
        if nxt is not None and nxt.lower_ in ("of", "in"):
            continue
        span = Span(doc, i, i + 1, label="local")
        span._.place_id, span._.candidates, span._.place_flags = region.id, (region.id,), ()
        found.append(span)
    return found


def _side_before(doc: Doc, i: int, ends: dict[int, Span], held: set[str]) -> str | None:
    """The side of an "<actor>-held" / "<actor> held" adjective right before token ``i``."""
    word = doc[i - 1]
    if word.lower_ not in held:
        return None
    end = i - 2 if i >= 2 and doc[i - 2].text == "-" else i - 1
    actor = ends.get(end)
    return actor._.side if actor is not None and actor._.side != NO_SIDE else None


def _side_after(doc: Doc, i: int, stop: int, starts: dict[int, Span], held: set[str]) -> str | None:
    """The side of "<noun> held by (the) <actor>" after token ``i``."""
    if i + 2 >= stop or doc[i + 1].lower_ not in held or doc[i + 2].lower_ != "by":
        return None
    at = i + 3
    if at < stop and doc[at].lower_ == "the":
        at += 1
    actor = starts.get(at)
    return actor._.side if actor is not None and actor._.side != NO_SIDE else None


def _definite(doc: Doc, i: int, floor: int, ends: dict[int, Span], held: set[str]) -> bool:
    """True when "the" opens the noun phrase: "the government-held zone", "the territory held by"."""
    at = i - 1
    if doc[at].lower_ in held:  # skip "<actor>-held"
        at -= 1
        if doc[at].text == "-":
            at -= 1
        actor = ends.get(at + 1)
        if actor is None:
            return False
        at = actor.start - 1
    return at >= floor and doc[at].lower_ == "the"
