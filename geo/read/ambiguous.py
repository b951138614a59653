"""Names that fit more than one place, settled by the sentence around them.

"The youth housing" may be either of two projects; the sentence usually says which: a region it
names ("in the rebel-held east": the one in that region), or the other places of its list (the one
among them, or nearest them; never one the list already named). A gloss "X, or Y" names one place
twice, so a name X the gazetteer knows takes the candidates of its gloss Y when Y's include it,
and the sentence settles both. A name right after a known place's ("the Z youth housing") is a
site of that place, already claimed through it: no place of its own. What the sentence cannot
settle stays unresolved, its candidates kept, as before.
"""

from __future__ import annotations

import math
import re

from spacy.tokens import Doc, Span

from ..gazetteer import Gazetteer, Place

#: What stands between a name and its gloss: "X, or Y", "X (or Y", "X or Y".
_GLOSS = re.compile(r"\s*[,(]?\s*or\s+(?:the\s+)?", re.IGNORECASE)
#: The nearest candidate to the other places of the sentence wins when the next is this much farther.
NEARER = 2.0
#: The flag of a place the sentence chose among the candidates of its name.
FROM_CONTEXT = "place from context"


def settle_ambiguous(doc: Doc, spans: list[Span], gazetteer: Gazetteer) -> list[Span]:
    """The place mentions of one sentence with names that fit several places settled where the
    sentence says which (see the module's docstring)."""
    spans = sorted(spans, key=lambda s: s.start)
    for first, second in zip(spans, spans[1:]):
        if (
            first._.place_id is not None
            and second._.place_id is None
            and first._.place_id in {p.id for p in _choices(second, gazetteer)}
            and _GLOSS.fullmatch(doc.text[first.end_char : second.start_char])
        ):  # "X, or Y": X is one of the places Y may be, and the sentence may say which
            chosen = _by_context(second, spans, gazetteer, besides=first)
            if chosen is not None and chosen.id != first._.place_id:
                _settle(first, chosen)
            _settle(second, chosen or gazetteer.places[first._.place_id])
    kept = []
    for i, span in enumerate(spans):
        choices = _choices(span, gazetteer)
        if span._.place_id is not None or len(choices) < 2:
            kept.append(span)
            continue
        before = spans[i - 1] if i else None
        if before is not None and before._.place_id is not None and before.end == span.start:
            continue  # "the Z youth housing": a site of Z, which Z's own claim covers
        chosen = _by_context(span, spans, gazetteer)
        if chosen is not None:
            _settle(span, chosen)
        kept.append(span)
    return kept


def _choices(span: Span, gazetteer: Gazetteer) -> list[Place]:
    """The map places a name with no place of its own may be."""
    if span._.place_id is not None:
        return []
    places = [gazetteer.places[i] for i in span._.candidates if i in gazetteer.places]
    return [p for p in places if p.is_area and not p.outside]


def _settle(span: Span, place: Place) -> None:
    span._.place_id, span._.candidates = place.id, (place.id,)
    span._.place_flags = (*span._.place_flags, FROM_CONTEXT)


def _by_context(
    span: Span, spans: list[Span], gazetteer: Gazetteer, besides: Span | None = None
) -> Place | None:
    """The one candidate of ``span`` the rest of the sentence (``besides`` apart) points to, or None."""
    choices = _choices(span, gazetteer)
    others = [s for s in spans if s is not span and s is not besides and s._.place_id]
    named = {s._.place_id for s in others}
    choices = [p for p in choices if p.id not in named] or choices  # a list names each place once
    if len(choices) == 1:
        return choices[0]
    city = gazetteer.city_region
    regions = [gazetteer.places[i] for i in named if gazetteer.places[i].is_region and i != city]
    inside = [p for p in choices if any(p.id in gazetteer.members(r.id) for r in regions)]
    if regions and len(inside) == 1:  # "in the rebel-held east": the one in the east
        return inside[0]
    areas = [gazetteer.places[i] for i in named if gazetteer.places[i].is_area]
    if len(areas) < 2:
        return None
    shared = {
        p.id: sum(bool(_regions_of(p, gazetteer) & _regions_of(a, gazetteer)) for a in areas) for p in choices
    }
    best = max(shared.values())
    if best * 2 > len(areas) and list(shared.values()).count(best) == 1:  # most of the list is in its region
        return next(p for p in choices if shared[p.id] == best)
    return _nearest(choices, areas)


def _regions_of(place: Place, gazetteer: Gazetteer) -> set[str]:
    """The regions a place lies in, the whole city apart."""
    return {r for r in place.parents if r != gazetteer.city_region}


def _nearest(choices: list[Place], areas: list[Place]) -> Place | None:
    """The candidate nearest the other places named, when the next is clearly farther."""
    located = [a for a in areas if a.lat is not None and a.lon is not None]
    if len(located) < 2 or any(p.lat is None or p.lon is None for p in choices):
        return None
    lat = sum(a.lat for a in located) / len(located)
    lon = sum(a.lon for a in located) / len(located)

    def distance(p: Place) -> float:
        return math.hypot(p.lat - lat, (p.lon - lon) * math.cos(math.radians(lat)))

    ranked = sorted(choices, key=distance)
    return ranked[0] if distance(ranked[1]) >= NEARER * distance(ranked[0]) else None
