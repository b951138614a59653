"""Where: the places of the city that a control word's argument phrases name.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..core import ARTICLES, find_dates
from .grammar import _phrase


class Where:
    """Place-finding methods of a parsed sentence (see :class:`geo.read.reader._Sentence`)."""

    def _place_at(self, token: Token) -> bool:
        return any(token.i in ids for ids, _ in self.places)

    def _places_in(self, heads: list[Token | None]) -> list[tuple[Span, str | None, tuple, list[str]]]:
        """The city's places the argument phrases name, minus those that only locate another one."""
        phrase: set[int] = set()
        for head in (h for h in heads if h is not None):
            phrase |= _phrase(head)
        found = []
        for ids, span in self.places:
            if not ids & phrase or span.label_ != "local" or self._subordinate(ids, phrase):
                continue
            place_id, candidates, flags = span._.place_id, span._.candidates, []
            if place_id is None:
                flags.append("unresolved place")
            found.append((span, place_id, candidates, flags))
        found += self._unknown_places(phrase)
        return found

    def _subordinate(self, ids: set[int], phrase: set[int]) -> bool:
        """True for "Aleppo" in "Aleppo's old city", "eastern Aleppo" in "Hanano in eastern Aleppo",
        and "old city" in "old city neighbourhoods including A, B and C"."""
        root = self.parsed[max(ids)]
        while root.head.i in ids and root.head != root:
            root = root.head
        coordinated = True
        token = root
        while token.head != token and token.head.i in phrase:
            coordinated = coordinated and token.dep_ not in ("prep", "pobj", "poss", "compound", "nmod", "amod", "case")
            token = token.head
            for other_ids, _ in self.places:
                if token.i in other_ids and other_ids != ids:
                    return not coordinated
        head = root.head
        if root.dep_ in ("compound", "amod", "nmod", "poss") and head.i not in ids:
            introducers = self.words["list_introducers"]
            return any(c.lower_ in introducers and any(self._place_at(x) for x in c.subtree) for c in head.children)
        return False

    def _unknown_places(self, phrase: set[int]) -> list[tuple[Span, str | None, tuple, list[str]]]:
        """Proper names in an argument that no gazetteer or actor entry explains: places we do not know."""
        found = []
        for i in sorted(phrase):
            token = self.parsed[i]
            if (token.pos_ != "PROPN" or not token.is_title or i in self.known or token.dep_ == "compound"
                    or find_dates(token.text)):
                continue
            first = i
            while first - 1 in phrase and first - 1 not in self.known and (
                    self.parsed[first - 1].pos_ == "PROPN" or self.parsed[first - 1].lower_ in ARTICLES
                    or self.parsed[first - 1].text == "-"):
                first -= 1
            before = self.parsed[first - 1] if first else None
            if before is not None and before.i in self.known and before.dep_ == "compound" and first <= before.head.i <= i:
                continue  # "the X Youth Housing": a site of the known place X, whose claim X already has
            main = self.doc[self.sent.start + first:self.sent.start + i + 1]
            lookup = self.gazetteer.lookup(main.text)
            best = lookup.match or (lookup.candidates[0].place if lookup.candidates else None)
            if best is not None and best.outside and lookup.score >= 90:
                continue  # another country's town: not on this map
            if lookup.match is not None:
                flags = ["fuzzy place"] if lookup.method == "fuzzy" else []
                found.append((main, lookup.match.id, (lookup.match.id,), flags))
            else:
                found.append((main, None, tuple(c.place.id for c in lookup.candidates), ["unresolved place"]))
        return found
