"""Where: the places of the city that a control word's argument phrases name."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..core import ARTICLES, find_dates
from ..gazetteer import Gazetteer, Lookup, load_baseline
from .grammar import INSIDE_PREPS, _phrase, _phrases
from .lexicon import share_words
from .nonplaces import not_a_place

#: Of a region's members whose controller the baseline knows, the share a side must hold for the
#: region to be "its" region.
SIDE_REGION_SHARE = 0.7
#: An unknown name this close to a town outside the city (a spelling the town list lacks: "Sh-g-"
#: for "Sh-q-"), and clearly closer than to any place of the city, is that town, not a place to review.
OUTSIDE_NEAR = 85.0
OUTSIDE_MARGIN = 5.0
_SIDE_REGIONS: dict[int, tuple[Gazetteer, dict[str, str]]] = {}


def side_regions(gazetteer: Gazetteer) -> dict[str, str]:
    """The region each side held at the baseline (the largest it held nearly all of), by side.

    "Militia-held parts of town", "the ground they held": a side's territory is its region,
    which the city's own baseline tells, not a word list.
    """
    cached = _SIDE_REGIONS.get(id(gazetteer))
    if cached is not None and cached[0] is gazetteer:
        return cached[1]
    baseline = load_baseline(gazetteer)
    best: dict[str, tuple[int, str]] = {}
    for region in gazetteer.regions:
        members = [m for m in gazetteer.members(region.id) if m in gazetteer.places]
        if not members:
            continue
        held: dict[str, int] = {}
        for member in members:
            side = baseline.entry(member).controller
            if side != "unknown":  # members the baseline leaves open do not count either way
                held[side] = held.get(side, 0) + 1
        known = sum(held.values())
        for side, count in held.items():
            if (
                known >= 3
                and count >= SIDE_REGION_SHARE * known
                and len(members) > best.get(side, (0, ""))[0]
            ):
                best[side] = (len(members), region.id)
    found = {side: region for side, (_, region) in best.items()}
    _SIDE_REGIONS[id(gazetteer)] = (gazetteer, found)
    return found


class Where:
    """Place-finding methods of a parsed sentence (see :class:`geo.read.reader._Sentence`)."""

    def _place_at(self, token: Token) -> bool:
        return any(token.i in ids for ids, _ in self.places)

    def _places_in(self, heads: list[Token | None]) -> list[tuple[Span, str | None, tuple, list[str]]]:
        """The city's places the argument phrases name, minus those that only locate another one."""
        phrase = _phrases(heads)
        for i in sorted(phrase):  # "an area where the shrine of X stands": the area is X's
            phrase |= self._located_there(self.parsed[i])
        found = []
        for ids, span in self.places:
            if not ids & phrase or span.label_ != "local" or self._subordinate(ids, phrase):
                continue
            place_id, candidates, flags = span._.place_id, span._.candidates, list(span._.place_flags)
            if place_id is None:
                last = self.parsed[max(ids)]
                after = self.parsed[last.i + 1] if last.i + 1 < len(self.parsed) else None
                place_id = self._named_as_local(span, last, after, self.gazetteer.lookup(span.text))
                candidates = (place_id,) if place_id else candidates
                flags.append("fuzzy place" if place_id else "unresolved place")
            found.append((span, place_id, candidates, flags))
        found += self._unknown_places(phrase)
        found += self._side_territories(phrase)  # "the territory under its control"
        return found

    def _located_there(self, noun: Token) -> set[int]:
        """The phrase of the site a where-clause places in ``noun`` ("a nearby district where the
        X mosque stands", "the area where X lies"): a place noun that names no place itself stands
        for the place the clause names. Nothing for other clauses ("the area where fighting raged")."""
        if noun.lemma_.lower() not in self.words["place_nouns"] or any(
            self._place_at(c) for c in noun.children if c.dep_ in ("compound", "amod", "nmod")
        ):
            return set()
        found: set[int] = set()
        for clause in (c for c in noun.children if c.dep_ == "relcl"):
            if clause.lemma_.lower() not in self.words["location_verbs"] or not any(
                c.dep_ == "advmod" and c.lower_ == "where" for c in clause.children
            ):
                continue
            for subject in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
                site = _phrase(subject)
                if any(ids & site for ids, _ in self.places):
                    found |= site
        return found

    def _counted_back_references(self, heads: list[Token | None]) -> list[tuple[Token, list[Span]]]:
        """ "The two districts", "both quarters" in an argument that names no place: the plural
        place noun points back to the last run of as many places coordinated before it in the
        sentence ("took A and B ... held the edges of both districts"). Each anaphor comes with
        the place spans it stands for; none when no such run is there."""
        phrase = _phrases(heads)
        if any(ids & phrase for ids, _ in self.places):
            return []
        numbers = share_words()["number_words"]
        found = []
        for i in sorted(phrase):
            noun = self.parsed[i]
            if noun.tag_ not in ("NNS", "NNPS") or noun.lemma_.lower() not in self.words["place_nouns"]:
                continue
            definite = any(  # "the two districts", not "two districts"
                c.dep_ == "det" and c.lower_ in self.words["definite_determiners"] for c in noun.children
            )
            count = None
            for child in noun.children:
                if child.dep_ in ("det", "predet", "nummod", "amod") and child.lower_ == "both":
                    count = 2
                elif child.dep_ == "nummod" and child.lower_ in numbers:
                    count = numbers[child.lower_] if definite else None
            run = self._last_run(i, count) if count and count > 1 else []
            if run:
                found.append((noun, run))
        return found

    def _last_run(self, before: int, count: int) -> list[Span]:
        """The last ``count`` places of the city named one after another before token ``before``,
        with only commas and "and" / "or" between them ("A and B", "A, B and C")."""
        named = sorted(
            (min(ids), max(ids), span)
            for ids, span in self.places
            if max(ids) < before and span.label_ == "local" and span._.place_id
        )
        runs: list[list[tuple[int, int, Span]]] = []
        for item in named:
            gap = self.parsed[runs[-1][-1][1] + 1 : item[0]] if runs else None
            if (
                gap is not None
                and len(gap) > 0
                and all(t.text == "," or t.lower_ in ("and", "or") for t in gap)
            ):
                runs[-1].append(item)
            else:
                runs.append([item])
        last = runs[-1] if runs else []
        return [span for _, _, span in last] if len(last) == count else []

    def _subordinate(self, ids: set[int], phrase: set[int]) -> bool:
        """True for "Aleppo" in "Aleppo's old city", "eastern Aleppo" in "Hanano in eastern Aleppo",
        and "old city" in "old city neighbourhoods including A, B and C"."""
        root = self.parsed[max(ids)]
        while root.head.i in ids and root.head != root:
            root = root.head
        coordinated, located = True, False
        token = self._named_unit(root, ids, phrase)
        listed = self._listed_before(ids)
        while token.head != token and token.head.i in phrase:
            if (
                token.dep_ == "conj"
                and token is not root
                and token.lemma_.lower() in self.words["partial_heads"]
            ):
                break  # "A and the outskirts of B": the outskirts are an item of their own, B no locator of A
            modifier = token.dep_ in ("prep", "pobj", "poss", "compound", "nmod", "amod", "case")
            coordinated = coordinated and (
                not modifier or token is root and (listed or self._named_noun(token.head, ids))
            )  # "A, B and the C district"
            located = located or token.dep_ == "prep" and token.lower_ in self.words["locating_preps"]
            sibling = token.dep_ == "conj"  # "the eastern half of X and half of the west": a second item
            token = token.head
            for other_ids, _ in self.places:
                if other_ids != ids and (
                    token.i in other_ids or located and self._named_noun(token, other_ids)
                ):
                    return not coordinated and not sibling
            if located and self._some_place(token):  # "a district in X" names some district of X, not X
                return True
        head = root.head
        if root.dep_ in ("compound", "amod", "nmod", "poss") and head.i not in ids:
            introducers = self.words["list_introducers"]
            return any(
                c.lower_ in introducers and any(self._place_at(x) for x in c.subtree) for c in head.children
            )
        return False

    def _listed_before(self, ids: set[int]) -> bool:
        """True when a comma and then another place follow the name ("A, B and C"): an item of a
        list, which the parser sometimes hangs on the next item as its modifier."""
        after = max(ids) + 1
        return (
            after + 1 < len(self.parsed)
            and self.parsed[after].text == ","
            and self._place_at(self.parsed[after + 1])
        )

    def _named_unit(self, root: Token, ids: set[int], phrase: set[int]) -> Token:
        """The place noun a name modifies ("the X districts"), which stands for the name in a list
        ("A, B, and the X districts"); the name itself when it modifies none, or one opening a
        list of its own ("old city neighbourhoods including A and B")."""
        head = root.head
        if (
            root.dep_ in ("compound", "nmod", "amod")
            and head.i not in ids
            and head.i in phrase
            and head.lemma_.lower() in self.words["place_nouns"]
            and not any(c.lower_ in self.words["list_introducers"] for c in head.children)
            and not any(c.i != root.i and self._place_at(c) for c in head.children)
        ):
            return head
        return root

    def _side_region(self, place_id: str | None, side: str | None) -> str | None:
        """The region ``side`` held, when ``place_id`` is a larger region holding it: "militia-held
        parts of town" are that side's region of the city, not the whole city."""
        region = side_regions(self.gazetteer).get(side or "")
        if region is None or place_id is None or not self.gazetteer.places[place_id].is_region:
            return None
        inner, outer = set(self.gazetteer.members(region)), set(self.gazetteer.members(place_id))
        return region if inner < outer else None

    def _held_by_in(self, heads: list[Token | None]) -> str | None:
        """The side of a "X-held" / "X-controlled" adjective inside the argument phrases."""
        phrase = _phrases(heads)
        for cue_span, cue in self.cues:
            root = cue_span.root
            if cue.label_ == "state" and root.i in phrase and root.dep_ in ("amod", "acl", "compound"):
                frame = self._in_passing(root)
                if frame is not None and frame.owner is not None:
                    return self._side(frame.owner)
        return None

    def _some_place(self, token: Token) -> bool:
        """An indefinite place noun: "an important district", "a neighbourhood"; or one picked out
        by a superlative in a place ("the largest rebel-held area in X"): some area of X, not X
        ("the northernmost district of X" is X itself)."""
        if token.lemma_.lower() not in self.words["place_nouns"]:
            return False
        inside = any(c.dep_ == "prep" and c.lower_ in INSIDE_PREPS for c in token.children)
        if (
            token.tag_ == "NNS"
            and token.dep_ == "pobj"
            and not any(c.dep_ in ("det", "poss", "nummod") for c in token.children)
        ):
            return True  # "fought in districts near X": some districts, X only locates them
        return any(
            c.dep_ == "det" and c.lower_ in ("a", "an") or inside and c.dep_ == "amod" and c.tag_ == "JJS"
            for c in token.children
        )

    def _named_noun(self, token: Token, ids: set[int]) -> bool:
        """A place noun another place names: "area" in "the al-Shaar area of Aleppo" stands for al-Shaar."""
        return token.lemma_.lower() in self.words["place_nouns"] and any(
            c.i in ids and c.dep_ in ("compound", "amod", "nmod") for c in token.children
        )

    def _named_as_local(self, main: Span, token: Token, after: Token | None, lookup: Lookup) -> str | None:
        """The local place an unknown name is a spelling of when a place noun calls it one of the
        city's ("the X neighbourhood", "the X and Y districts"): its nearest local candidate, when
        near and clear; None otherwise."""
        nouns = [token.head] if token.dep_ in ("compound", "nmod", "amod") else []
        nouns += [c for c in token.children if c.dep_ == "conj"]  # "X and Y districts" hung on X
        nouns += [after] if after is not None else []
        first = token
        while first.dep_ in ("conj", "appos") and first.head != first:
            first = first.head
        if first.dep_ == "pobj" and first.head.lower_ == "of" and first.head.head != first.head:
            nouns.append(first.head.head)  # "the districts of A, B and C": each of them a district
        if not any(
            n.lemma_.lower() in self.words["place_nouns"] and n.lemma_.lower() != "city" for n in nouns
        ):
            return None
        local = [c for c in lookup.candidates if not c.place.outside and not c.place.is_region]
        if (
            not local
            or local[0].score < LOCAL_NEAR
            or len(local) > 1
            and local[0].score - local[1].score < LOCAL_MARGIN
        ):
            return None
        return local[0].place.id

    def _listed_with_local(self, token: Token) -> bool:
        """True when ``token`` is coordinated with a name of the city's own places ("A, B and X")."""
        local = set().union(*(ids for ids, span in self.places if span.label_ == "local"))
        return any(c.i in local for c in token.conjuncts)

    def _unknown_places(self, phrase: set[int]) -> list[tuple[Span, str | None, tuple, list[str]]]:
        """Proper names in an argument that no gazetteer or actor entry explains: places we do not know."""
        found = []
        for i in sorted(phrase):
            token = self.parsed[i]
            if (
                token.pos_ != "PROPN"
                or not token.is_title
                or i in self.known
                or token.dep_ == "compound"
                or find_dates(token.text)
            ):
                continue
            first = i
            while (
                first - 1 in phrase
                and first - 1 not in self.known
                and (
                    self.parsed[first - 1].pos_ == "PROPN"
                    or self.parsed[first - 1].lower_ in ARTICLES
                    or self.parsed[first - 1].text == "-"
                )
            ):
                first -= 1
            before = self.parsed[first - 1] if first else None
            if (
                before is not None
                and before.i in self.known
                and before.dep_ == "compound"
                and first <= before.head.i <= i
            ):
                continue  # "the X Youth Housing": a site of the known place X, whose claim X already has
            if token.lemma_.lower() in self.words["site_nouns"] and any(
                c.dep_ == "prep" and c.lower_ in INSIDE_PREPS and _phrase(c) & self.known
                for c in token.children
            ):
                continue  # "the X Hill in the Y district": a site of Y, whose claim Y has
            after = self.parsed[i + 1] if i + 1 < len(self.parsed) else None
            if not_a_place(self.parsed[first : i + 1], before, after):
                continue  # a person, a month, a river, a description in capitals
            main = self.doc[self.sent.start + first : self.sent.start + i + 1]
            lookup = self.gazetteer.lookup(main.text)
            if _outside_town(lookup):
                continue  # another country's (or region's) town: not on this map
            named = self._named_as_local(main, token, after, lookup)
            if lookup.match is None and named is None and self._listed_with_local(token):
                listed = self.gazetteer.listed_spelling(main.text)  # "A, B and Zibadi": Zabbadi
                named = listed.id if listed is not None else None
            if lookup.match is None and named is not None:
                found.append((main, named, (named,), ["fuzzy place"]))
            elif lookup.match is not None:
                flags = ["fuzzy place"] if lookup.method == "fuzzy" else []
                found.append((main, lookup.match.id, (lookup.match.id,), flags))
            else:
                found.append((main, None, tuple(c.place.id for c in lookup.candidates), ["unresolved place"]))
        return found


#: A name the text calls a neighbourhood ("the X and Y districts") takes its nearest local spelling
#: at this score, clear of the next local one by LOCAL_MARGIN: a country or far town is no district.
LOCAL_NEAR = 80.0
LOCAL_MARGIN = 5.0


def _outside_town(lookup: Lookup) -> bool:
    """True when an unknown name is a town outside the city: matched, or nearest by a clear margin."""
    best = lookup.match or (lookup.candidates[0].place if lookup.candidates else None)
    if best is None or not best.outside:
        return False
    if lookup.score >= 90:
        return True
    local = [c.score for c in lookup.candidates if not c.place.outside]
    return lookup.score >= OUTSIDE_NEAR and (not local or lookup.score - max(local) >= OUTSIDE_MARGIN)
