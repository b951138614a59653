"""Parts of places: "northeast X", "the southern part of X", "X's eastern half", "east of X",
and the wider places that only locate a narrower one ("X's A district", "A district in X").

A report that says the north-east of a city changed hands has not said the city did. The
gazetteer's place mentions are rewritten here before the reader sees them:

- a part of a region that the gazetteer names ("the eastern part of X" where "eastern X" is a
  region) is that region;
- any other part of a region becomes an unresolved mention whose candidates are the region's
  members lying in that direction from its centre, flagged ``approximate place``, for review;
- "east of X" (outside X) is unresolved with no candidates; "east of the city", outside the
  gazetteer's whole city, is off the map (labelled ``outside``, like another town): no claim;
- "X's A" and "A in X" label X a ``locator``: only A is claimed.

The words are data (``data/lexicon/places.json``).
"""

from __future__ import annotations

import math

from spacy.tokens import Doc, Span

from ..gazetteer import Gazetteer, Place
from .lexicon import place_words

APPROXIMATE = "approximate place"
#: The label of a mention that only locates another ("X" in "X's A district"): the reader skips it.
LOCATOR = "locator"
_HYPHENS = ("-", "‑", "–")

if not Span.has_extension("place_flags"):
    Span.set_extension("place_flags", default=())


def refine(
    doc: Doc, spans: list[Span], gazetteer: Gazetteer, city: str | None = None, sent: Span | None = None
) -> list[Span]:
    """The place mentions of one sentence, with locating places dropped and parts of regions read.

    ``city`` is the city (region id) the text last named before ``sent``: "the rebel-held east"
    or "the eastern neighbourhoods", with no place named, are parts of it.
    """
    if city is not None and sent is not None and gazetteer.places[city].is_region:
        spans = spans + _bare_parts(doc, sent, spans, gazetteer.places[city], gazetteer)
    spans = sorted(spans, key=lambda s: s.start)
    out: list[Span] = []
    for i, span in enumerate(spans):
        if _only_locates(doc, span, spans[:i], spans[i + 1 :], gazetteer):
            out.append(_relabelled(span, LOCATOR))  # still a known name, never a claim's place
        else:
            out.append(_part_of(doc, span, gazetteer) or span)
    kept: list[Span] = []
    for span in sorted(out, key=lambda s: (s.start, -(s.end - s.start))):
        if kept and span.start < kept[-1].end:
            continue  # inside a part phrase already read ("the east of the Old City")
        kept.append(span)
    return kept


def _relabelled(span: Span, label: str) -> Span:
    copy = Span(span.doc, span.start, span.end, label=label)
    copy._.place_id, copy._.candidates, copy._.place_flags = (
        span._.place_id,
        span._.candidates,
        span._.place_flags,
    )
    return copy


def _region(span: Span, gazetteer: Gazetteer) -> Place | None:
    place = gazetteer.places.get(span._.place_id) if span._.place_id else None
    return place if place is not None and place.is_region else None


# -- places that only locate another ------------------------------------------------------------
def _only_locates(doc: Doc, span: Span, before: list[Span], after: list[Span], gazetteer: Gazetteer) -> bool:
    """True for X in "X's A district" and in "A district in (south-eastern) X", X a region holding A."""
    region = _region(span, gazetteer)
    if region is None:
        return False
    w = place_words()
    if span.end < len(doc) and doc[span.end].text in w["possessives"]:
        nxt = next((s for s in after if s.start > span.end), None)
        if nxt is not None and nxt.start - span.end <= 4 and _holds(region, nxt, gazetteer):
            return True
    prev = before[-1] if before else None
    if prev is None or not _holds(region, prev, gazetteer):
        return False
    gap = [t.lower_ for t in doc[prev.end : span.start]]
    allowed = set(w["locators"]) | set(w["directions"])
    return 0 < len(gap) <= 5 and ("in" in gap or "of" in gap) and all(g in allowed for g in gap)


def _holds(region: Place, span: Span, gazetteer: Gazetteer) -> bool:
    """True when the place ``span`` names (or might name) lies inside ``region``."""
    ids = (span._.place_id,) if span._.place_id else tuple(span._.candidates)
    members = set(region.members)
    for place_id in ids:
        place = gazetteer.places.get(place_id)
        if place is None or place.id == region.id:
            continue
        inner = set(place.members) if place.is_region else {place.id}
        if inner and inner <= members and inner != members:
            return True
    return False


# -- parts of a region ----------------------------------------------------------------------------
def _direction_before(doc: Doc, end: int, floor: int) -> tuple[int, tuple[float, float]] | None:
    """A direction written just before token ``end`` ("east", "north-eastern", "southeast"): its
    first token and its vector."""
    directions = place_words()["directions"]
    i = end - 1
    if i < floor or doc[i].lower_ not in directions:
        return None
    vector = directions[doc[i].lower_]
    start = i
    if i - 2 >= floor and doc[i - 1].text in _HYPHENS and doc[i - 2].lower_ in directions:
        first = directions[doc[i - 2].lower_]
        vector = [first[0] + vector[0], first[1] + vector[1]]
        start = i - 2
    return start, (float(vector[0]), float(vector[1]))


def has_direction(sent: Span) -> bool:
    """True when a sentence holds a direction word: only then is a bare part worth looking for."""
    directions = place_words()["directions"]
    return any(t.lower_ in directions for t in sent)


def _bare_parts(doc: Doc, sent: Span, spans: list[Span], city: Place, gazetteer: Gazetteer) -> list[Span]:
    """Parts of ``city`` named by a direction alone: "the east", "the government-held west",
    "rebel-held eastern districts", "the eastern neighbourhoods". Not "the east of ..." (read
    with its place, or another country's), not "moved east", not "the West" (other countries)."""
    w = place_words()
    taken = {i for s in spans for i in range(s.start, s.end)}
    found = []
    i = sent.start
    while i < sent.end:
        if i in taken or doc[i].lower_ not in w["directions"] or not doc[i].is_lower:
            i += 1
            continue
        start, end = i, i + 1
        if end + 1 < sent.end and doc[end].text in _HYPHENS and doc[end + 1].lower_ in w["directions"]:
            end += 2  # "north-east", "north-eastern"
        last = doc[end - 1].lower_
        if end < sent.end and doc[end].lower_ in w["parts"]:
            end += 1  # "eastern districts", "the east side"
        elif last.endswith("ern"):
            i = end
            continue  # an adjective with no part noun: "eastern countryside" is no part of the city
        nxt = doc[end] if end < sent.end else None
        before = doc[start - 1] if start > sent.start else None
        named_after = nxt is not None and (nxt.lower_ == "of" or nxt.is_title or nxt.i in taken)
        introduced = before is not None and (
            before.lower_ == "the" or before.lower_.endswith(("held", "controlled"))
        )
        b = start - 1  # "the battered eastern neighbourhoods": an adjective or two after the article
        while not introduced and b > max(sent.start, start - 3) and doc[b].is_lower and doc[b].is_alpha:
            b -= 1
            introduced = doc[b].lower_ == "the"
        if introduced and not named_after:
            found.append(_direction_span(doc, start, end, city, gazetteer, sent))
        i = end
    return [s for s in found if s is not None]


def _direction_span(
    doc: Doc, start: int, end: int, city: Place, gazetteer: Gazetteer, sent: Span
) -> Span | None:
    found = _direction_before(doc, start + 1, sent.start)
    if end - start >= 3 and doc[start + 1].text in _HYPHENS:
        found = _direction_before(doc, start + 3, sent.start)
    if found is None:
        return None
    place_id, candidates = _resolve_part(city, found[1], True, gazetteer)
    span = Span(doc, start, end, label="local")
    span._.place_id = place_id
    span._.candidates = candidates
    span._.place_flags = () if place_id else (APPROXIMATE,)
    return span


def _part_of(doc: Doc, span: Span, gazetteer: Gazetteer) -> Span | None:
    """The mention of a part of the region ``span`` names, or None when it names the whole."""
    base = _region(span, gazetteer)
    if base is None:
        return None
    named = _named_part(doc, span, base, gazetteer)
    if named is not None:
        return named
    w = place_words()
    sent = span.sent
    start, end, vector, inside = span.start, span.end, None, True
    # "eastern X" matched whole after "north-": the direction is the compound, the base the rest
    first_word = span[0].lower_
    if (
        first_word in w["directions"]
        and span.start >= sent.start + 2
        and doc[span.start - 1].text in _HYPHENS
    ):
        found = _direction_before(doc, span.start + 1, sent.start)
        rest = gazetteer.lookup(span[1:].text).match if len(span) > 1 else None
        if found is not None and rest is not None and rest.is_region:
            start, vector, base = found[0], found[1], rest
    # "X's eastern half", "X's battered eastern districts" (an adjective or two before the direction)
    k = end + 1
    while (
        k < min(end + 3, sent.end - 1)
        and doc[k].is_lower
        and doc[k].is_alpha
        and doc[k].lower_ not in w["directions"]
        and doc[k].lower_ not in w["parts"]
    ):
        k += 1
    if (
        vector is None
        and k + 1 < sent.end
        and doc[end].text in w["possessives"]
        and doc[k].lower_ in w["directions"]
    ):
        compound = k + 2 < sent.end and doc[k + 1].text in _HYPHENS and doc[k + 2].lower_ in w["directions"]
        after = k + 3 if compound else k + 1
        found = _direction_before(doc, after, k)
        if found is not None and after < sent.end and doc[after].lower_ in w["parts"]:
            vector, end = found[1], after + 1
        elif (
            found is not None
            and not doc[after - 1].lower_.endswith("ern")
            and (after >= sent.end or not (doc[after].is_alpha and doc[after].pos_ in ("NOUN", "PROPN")))
        ):
            vector, end = found[1], after  # "X's east", "X's north-east": the direction a noun of its own
    # "the southern part of X", "the north-east of X", "east of X", "northeast X"
    if vector is None:
        i = start - 1
        if i >= sent.start and doc[i].lower_ == "the" and span[0].lower_ != "the":
            i -= 1
        if i >= sent.start and doc[i].lower_ == "of":
            j = i - 1
            part = j >= sent.start and doc[j].lower_ in w["parts"]
            found = _direction_before(doc, j if part else i, sent.start)
            if found is not None:
                d_start, vector = found
                before = doc[d_start - 1] if d_start - 1 >= sent.start else None
                # "the east of X", "the government-held west of X": a part of X, not a place east of it
                inside = (
                    part
                    or before is not None
                    and (before.lower_ == "the" or before.lower_.endswith(("held", "controlled")))
                )
                start = (
                    d_start - 1 if d_start - 1 >= sent.start and doc[d_start - 1].lower_ == "the" else d_start
                )
        else:
            found = _direction_before(doc, start, sent.start)
            if found is not None:
                start, vector = found
    if vector is None:
        return None
    place_id, candidates = _resolve_part(base, vector, inside, gazetteer)
    beyond = not inside and base.id == gazetteer.city_region  # "west of the city": off the map
    part_span = Span(doc, start, end, label="outside" if beyond else "local")
    part_span._.place_id = place_id
    part_span._.candidates = candidates
    part_span._.place_flags = () if place_id else (APPROXIMATE,)
    return part_span


def _named_part(doc: Doc, span: Span, base: Place, gazetteer: Gazetteer) -> Span | None:
    """ "The historical part of X" when X has a region of that name (its old city): that region."""
    w = place_words()
    sent = span.sent
    i = span.start - 1
    if i >= sent.start and doc[i].lower_ == "the" and span[0].lower_ != "the":
        i -= 1
    if i < sent.start + 2 or doc[i].lower_ != "of" or doc[i - 1].lower_ not in w["parts"]:
        return None
    name = w.get("named_parts", {}).get(doc[i - 2].lower_)
    place = gazetteer.lookup(name).match if name else None
    if (
        place is None
        or not place.is_region
        or place.id == base.id
        or not set(place.members) < set(base.members)
    ):
        return None
    start = i - 3 if i - 3 >= sent.start and doc[i - 3].lower_ == "the" else i - 2
    part = Span(doc, start, span.end, label="local")
    part._.place_id, part._.candidates, part._.place_flags = place.id, (place.id,), ()
    return part


def _resolve_part(
    base: Place, vector: tuple[float, float], inside: bool, gazetteer: Gazetteer
) -> tuple[str | None, tuple[str, ...]]:
    """The gazetteer region that is this part of ``base``, or None and the members lying that way."""
    if not inside:
        return None, ()
    w = place_words()
    cardinal = {(1.0, 0.0): "east", (-1.0, 0.0): "west", (0.0, 1.0): "north", (0.0, -1.0): "south"}.get(
        vector
    )
    members = set(base.members)
    for form in w["named_forms"].get(cardinal or "", ()):
        named = gazetteer.lookup(f"{form} {base.name}").match
        if named is not None and named.is_region and named.id != base.id and set(named.members) < members:
            return named.id, (named.id,)
    return None, _members_towards(base, vector, gazetteer)


def _members_towards(base: Place, vector: tuple[float, float], gazetteer: Gazetteer) -> tuple[str, ...]:
    """The members of ``base`` whose centres lie in the direction ``vector`` from the members' mean centre."""
    points = [
        (p.id, p.lat, p.lon)
        for p in (gazetteer.places[m] for m in base.members)
        if p.lat is not None and p.lon is not None
    ]
    if not points:
        return ()
    lat0 = sum(p[1] for p in points) / len(points)
    lon0 = sum(p[2] for p in points) / len(points)
    scale = math.cos(math.radians(lat0))
    limit = math.radians(place_words()["sector_degrees"])
    want = math.atan2(vector[1], vector[0])
    found = []
    for place_id, lat, lon in points:
        dx, dy = (lon - lon0) * scale, lat - lat0
        if dx == 0 and dy == 0:
            continue
        off = abs((math.atan2(dy, dx) - want + math.pi) % (2 * math.pi) - math.pi)
        if off <= limit:
            found.append(place_id)
    return tuple(found)
