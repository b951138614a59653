"""A city's landmark named by its common noun: "the ancient citadel of X", "X airport".

A gazetteer names a landmark in full ("X Citadel", "X International Airport", "University of
X"); reports often write only the city and the landmark's noun, in either order, with the noun in
lower case. Such a phrase is the one landmark of that city whose name joins the two, and never the
city itself. Nothing here knows a city: the pairs come from the gazetteer's own names.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..core import normalise
from ..gazetteer import Gazetteer

#: The pairs of each gazetteer read so far, by identity (a gazetteer is not hashable); the
#: gazetteer is kept beside them so that its id is never reused while cached.
_PAIRS: dict[int, tuple[Gazetteer, dict[tuple[str, str], str]]] = {}


def _landmark_nouns(gazetteer: Gazetteer) -> dict[tuple[str, str], str]:
    cached = _PAIRS.get(id(gazetteer))
    if cached is None or cached[0] is not gazetteer:
        cached = _PAIRS[id(gazetteer)] = (gazetteer, _pairs(gazetteer))
    return cached[1]


def _pairs(gazetteer: Gazetteer) -> dict[tuple[str, str], str]:
    """(city id, landmark noun) -> landmark id, for names "<City> ... <Noun>" and "<Noun> of <City>";
    a pair two landmarks share is left out (the phrase would be a guess)."""
    cities = {normalise(p.name): p.id for p in gazetteer.places.values() if p.kind == "city"}
    pairs: dict[tuple[str, str], set[str]] = {}
    for place in gazetteer.places.values():
        if place.kind == "city" or place.is_region:
            continue
        words = place.name.split()
        if len(words) < 2:
            continue
        keys = []
        if normalise(words[0]) in cities:  # "X Citadel", "X International Airport"
            keys.append((cities[normalise(words[0])], normalise(words[-1])))
        if (
            len(words) == 3 and words[1].lower() == "of" and normalise(words[2]) in cities
        ):  # "University of X"
            keys.append((cities[normalise(words[2])], normalise(words[0])))
        for key in keys:
            pairs.setdefault(key, set()).add(place.id)
    return {key: next(iter(ids)) for key, ids in pairs.items() if len(ids) == 1}


def landmark_spans(doc: Doc, sent: Span, found: list[Span], gazetteer: Gazetteer) -> list[Span]:
    """``found`` with each city name that only qualifies a landmark's noun replaced by a span on the
    landmark: "X airport", "X's old citadel" and "the (adjective) citadel of X" (the determiner and
    adjectives included); "its (adjective) museum" after the city is a span of its own."""
    pairs = _landmark_nouns(gazetteer)
    if not pairs:
        return found
    out: list[Span] = []
    made: list[Span] = []
    for span in found:
        place = gazetteer.places.get(span._.place_id or "")
        if place is None or place.kind != "city":
            out.append(span)
            continue
        landmark, start, end = None, span.start, span.end
        after = doc[span.end] if span.end < sent.end else None
        for i in range(span.end, sent.end - 1):  # "X and its famed museum": a second span, the city kept
            if doc[i].lower_ == "its":
                owned = _noun_after(doc, i + 1, sent.end, place.id, pairs)
                if owned is not None:
                    made.append(_span(doc, i, owned[1], span.label_, owned[0]))
                break
        if after is not None and (place.id, normalise(after.text)) in pairs:  # "X airport"
            landmark, end = pairs[(place.id, normalise(after.text))], span.end + 1
        elif (
            after is not None
            and after.lower_ in ("'s", "’s")
            and _noun_after(doc, span.end + 1, sent.end, place.id, pairs) is not None
        ):  # "X's old citadel"
            landmark, end = _noun_after(doc, span.end + 1, sent.end, place.id, pairs)
        elif (
            span.start - 2 >= sent.start and doc[span.start - 1].lower_ == "of"
        ):  # "the ancient citadel of X"
            noun = doc[span.start - 2]
            landmark = pairs.get((place.id, normalise(noun.text)))
            start = noun.i
            for _ in range(2):  # up to two lower-case words between the article and the noun
                if (
                    start - 1 > sent.start
                    and doc[start - 1].is_lower
                    and doc[start - 1].is_alpha
                    and doc[start - 1].lower_ != "the"
                ):
                    start -= 1
            if start - 1 >= sent.start and doc[start - 1].lower_ == "the":
                start -= 1
            else:
                start = noun.i
        if landmark is None:
            out.append(span)
            continue
        new = _span(doc, start, end, span.label_, landmark)
        out.append(new)
        made.append(new)
    out += [m for m in made if m not in out]
    return [s for s in out if s in made or not any(m.start < s.end and s.start < m.end for m in made)]


def _noun_after(
    doc: Doc, at: int, stop: int, city: str, pairs: dict[tuple[str, str], str]
) -> tuple[str, int] | None:
    """The landmark (and the end of its noun) of a city's noun at ``at``, after at most two
    lower-case words ("famed", "old"): "its famed museum"."""
    for i in range(at, min(at + 3, stop)):
        landmark = pairs.get((city, normalise(doc[i].text)))
        if landmark is not None:
            return landmark, i + 1
        if not (doc[i].is_lower and doc[i].is_alpha):
            return None
    return None


def _span(doc: Doc, start: int, end: int, label: str, landmark: str) -> Span:
    span = Span(doc, start, end, label=label)
    span._.place_id, span._.candidates, span._.place_flags = landmark, (landmark,), ()
    return span
