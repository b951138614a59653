"""A place written with its head noun in English: "Bedro mount", "Mount Bedro", "the X hill".

Gazetteers spell such places as transliterated ("Jabal X", "Tal X"); reports translate the head
noun and often put it after the name. The translations are data (``head_nouns`` in
``data/lexicon/places.json``): the name is looked up again with the gazetteer's own head word.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span

from ..gazetteer import Gazetteer
from .lexicon import place_words

#: At most this many words of a name before or after its head noun.
NAME_WORDS = 2


@lru_cache(maxsize=1)
def head_nouns() -> dict[str, list[str]]:
    """English head noun -> the transliterated words a gazetteer may open the name with."""
    return {k.lower(): v for k, v in place_words().get("head_nouns", {}).items()}


def translated_heads(doc: Doc, sent: Span, found: list[Span], gazetteer: Gazetteer) -> list[Span]:
    """Spans on "<Name> <noun>" and "<Noun> <Name>" whose transliterated form is a local place the
    gazetteer matches; none over a name already found."""
    nouns = head_nouns()
    taken = {i for s in found for i in range(s.start, s.end)}
    spans: list[Span] = []
    for i in range(sent.start, sent.end):
        word = doc[i].lower_
        if word not in nouns or i in taken:
            continue
        for start, end in _name_around(doc, sent, i, taken):
            name = doc[start:end].text
            hit = next(
                (
                    m
                    for m in (gazetteer.lookup(f"{head} {name}") for head in nouns[word])
                    if m.match is not None and not m.match.outside and not m.match.is_region
                ),
                None,
            )
            if hit is None:
                continue
            lo, hi = min(start, i), max(end, i + 1)
            span = Span(doc, lo, hi, label="local")
            span._.place_id, span._.candidates = hit.match.id, (hit.match.id,)
            span._.place_flags = ("fuzzy place",) if hit.method == "fuzzy" else ()
            spans.append(span)
            taken |= set(range(lo, hi))
            break
    return spans


def _name_around(doc: Doc, sent: Span, i: int, taken: set[int]) -> list[tuple[int, int]]:
    """Candidate name spans right before the noun ("Bedro mount") and, for a capitalised noun, right
    after it ("Mount Bedro"); longest first, capitalised words only."""
    out = []
    for n in range(NAME_WORDS, 0, -1):
        before = range(i - n, i)
        if before.start >= sent.start and all(doc[j].is_title and j not in taken for j in before):
            out.append((before.start, i))
    if doc[i].is_title:
        for n in range(NAME_WORDS, 0, -1):
            after = range(i + 1, i + 1 + n)
            if after.stop <= sent.end and all(doc[j].is_title and j not in taken for j in after):
                out.append((i + 1, after.stop))
    return out
