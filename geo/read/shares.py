"""Shares: how much of a place a claim is about ("85 percent of", "parts of", "a hospital in")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .grammar import _number, _path_up, _phrase
from .lexicon import context_words, place_words, share_words
from .where import side_regions

#: The percent of a share that gives no number ("most of X", "a large swath of X"): a share, not the whole.
SHARE = -1.0


class Shares:
    """Share-reading methods of a parsed sentence (see :class:`geo.read.reader._Sentence`)."""

    def _share(
        self, place: Span, heads: list[Token | None], held: bool = True, change: bool = True
    ) -> tuple[float | None, bool] | None:
        """The percent claimed ("85 percent of", "three-quarters of") and whether only part is meant.

        None when the place hangs on a word that is no part of it ("talks about Aleppo"). ``held``:
        the claim says a side holds or took the place, not that it is fought over; only then are
        "a few pockets of X" a share of X (fighters holding out in pockets contest X). ``change``:
        the claim is a change of hands, where a count said as an increment ("two more districts of
        X") is those districts alone; held, "the last two districts of X" are still a share of it.
        """
        w, s = self.words, share_words()
        root = self.parsed[place.end - 1 - self.sent.start]
        ids = set(range(place.start - self.sent.start, place.end - self.sent.start))
        while root.head.i in ids and root.head != root:
            root = root.head
        if root.lemma_.lower() in s["back_shares"] or root.lower_ in s["back_shares"]:
            return SHARE, True  # "the remainder" of a place named before: a share of it
        up = _path_up(root, None)
        clause = next((n for n, t in enumerate(up) if t.dep_ == "relcl"), None)
        if clause is not None and not (
            clause >= 2 and up[clause - 1].dep_ == "prep" and self._held_share_clause(up[clause])
        ):  # "districts, of which A is the largest": A is the clause's, not a share of them
            up = up[: clause + 1]  # ("the pockets they hold in X" are a share of X)
        # a conjunct's head is its sibling in a list ("A, B and C"), no part of what B is a share of
        phrases = [_phrase(h) for h in heads if h is not None]  # once each, not once per word on the path
        path = [
            t
            for below, t in zip(up, up[1:])
            if below.dep_ != "conj" and any(t.i in phrase for phrase in phrases)
        ]
        percent, partial = None, False
        in_part = False  # within a compass-named part of a district: what is taken there is no share
        for child in root.children:  # "half the city", "more than half the city"
            said = self.parsed[child.left_edge.i : child.right_edge.i + 1].text.lower()
            if (
                child.dep_ in ("predet", "nmod", "quantmod", "npadvmod", "amod", "nummod", "det")
                and child.i < root.i
            ):
                fraction = _fraction(said, w["fractions"])
                if fraction is not None:
                    percent, partial = float(fraction), True
        for token in path:
            if token.lower_ in w["list_introducers"]:
                break  # "three districts, including X": X is one of the list, not a share of it
            if token.dep_ == "pobj" and token.head.lower_ == "from" and self._is_fighter(token):
                continue  # "a swath of land from the rebels in X": whom it was taken from
            if any(token.i in other for other, _ in self.places) or token.pos_ not in (
                "NOUN",
                "ADJ",
                "PRON",
                "PROPN",
            ):
                continue
            lemma = token.lemma_.lower()
            text = self.parsed[token.left_edge.i : token.i + 1].text.lower()
            written = " ".join([*(c.lower_ for c in token.lefts if c.dep_ == "compound"), token.lower_])
            if token.lower_ in w["percent_words"] or written in w["percent_words"]:  # "percent", "per cent"
                number = next((c for c in token.children if c.like_num), None)
                percent = _amount(number.text, s["number_words"]) if number is not None else percent
            elif lemma in w["area_units"] or token.lower_ in w["area_units"]:  # "five square kilometres of X"
                percent = percent if percent is not None else SHARE
                partial = True
            elif _fraction(text, w["fractions"]) is not None:
                percent = float(_fraction(text, w["fractions"]))
            elif lemma in w["place_nouns"]:
                region = bool(place._.place_id and self.gazetteer.places[place._.place_id].is_region)
                partial = partial or region
                if region and percent is None and any(c.dep_ == "nummod" for c in token.children):
                    located = self.parsed[place.end - 1 - self.sent.start].head.lower_ != "of"
                    if located and self._named_members(token):
                        return None  # "three districts in X, including A, B and C": the claims are A, B and C
                    # ("three districts of X, including A and B" is still a share of X)
                    if change and _counted_anew(token, s["count_increments"]):
                        return None  # "two more districts in X", "the last two of X": those unnamed districts
                    percent = SHARE  # "nine streets of the Old City": a share of it
            elif lemma in w["share_heads"] or token.lower_ in w["share_heads"]:
                if self._compass_part(token, place):
                    in_part = True  # "the southern part of the X district": a part named, no share of it
                else:
                    region = bool(place._.place_id and self.gazetteer.places[place._.place_id].is_region)
                    if region or not _named_side(token, w["definite_determiners"]):
                        percent = percent if percent is not None else SHARE  # "most of X", "large parts of X"
                partial = True  # "the northern parts of X": a side of X named, not a share of it
            elif (
                lemma in w["partial_heads"] or lemma in w["site_nouns"] or token.lower_ in w["partial_heads"]
            ):
                partial = True
                pieces = lemma in w["partial_heads"] or token.lower_ in w["partial_heads"]
                if held and percent is None and pieces and not in_part and _few(token):
                    percent = SHARE  # "the few pockets they hold in X": a share of X
                # (sites are no share: "a few points in X", "a few positions in X's western part"
                # taken are a capture in X)
            elif lemma not in w["partial_heads_exempt"]:
                return None
        if percent is None and self._share_adverb(heads):
            percent, partial = SHARE, True  # "X is largely under their control"
        return percent, partial

    def _compass_part(self, token: Token, place: Span) -> bool:
        """True for a part a compass word names ("the northern part of X", "X's southern parts") of
        a place that is no region: a capture there is a capture in X, with no share of it claimed.
        Of a region ("the north of the city") the part is read as a place of its own elsewhere."""
        if token.lemma_.lower() not in place_words()["compass_parts"]:
            return False
        if place._.place_id is None or self.gazetteer.places[place._.place_id].is_region:
            return False
        directions = place_words()["directions"]
        return any(c.dep_ in ("amod", "compound") and c.lower_ in directions for c in token.children)

    def _side_territories(self, phrase: set[int]) -> list[tuple[Span, str | None, tuple, list[str]]]:
        """ "The territory under its control": the region the side held (see
        :func:`geo.read.where.side_regions`), as a place of the argument, though no name is written."""
        found = []
        for i in sorted(phrase):
            token = self.parsed[i]
            if (
                token.lower_ not in share_words()["territory_nouns"]
                or i in self.known
                or not self._share_of(token)
            ):
                continue  # only a share of it ("45 percent of the territory..."): never the whole region
            holders = [token]  # the parser often hangs "under its control" on the verb instead
            while (
                holders[-1].head != holders[-1]
                and holders[-1].pos_ not in ("VERB", "AUX")
                and len(holders) < 6
            ):
                holders.append(holders[-1].head)
            preps = [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "under"]
            for prep in preps[:1]:
                control = next(
                    (g for g in prep.children if g.dep_ == "pobj" and g.lemma_.lower() == "control"), None
                )
                owner = self._owner_in(control) if control is not None else None
                side = self._side(owner) if owner is not None else None
                region = side_regions(self.gazetteer).get(side or "")
                if region is not None:
                    span = self.doc[self.sent.start + i : self.sent.start + i + 1]
                    found.append((span, region, (region,), ["side's territory"]))
        return found

    def _share_figure(self, place_id: str | None, heads: list[Token | None]) -> float | None:
        """The number a clause beside a count gives its share: "seven districts remain under militia
        control in X, making up nine percent of X" (the second X the same place, however named)."""
        w, s = self.words, share_words()
        for head in (h for h in heads if h is not None):
            for verb in (head.head, head):
                for clause in verb.children:
                    if (
                        clause.dep_ not in ("advcl", "acl", "relcl")
                        or clause.lemma_.lower() not in s["share_verbs"]
                    ):
                        continue
                    for share in (g for c in (clause, *clause.children) for g in c.children):
                        if share.lower_ not in w["percent_words"]:
                            continue
                        number = next((c for c in share.children if c.like_num), None)
                        named = [
                            span._.place_id
                            for ids, span in self.places
                            if ids & {t.i for t in share.subtree} and span.label_ == "local"
                        ]
                        if number is not None and place_id is not None and place_id in named:
                            return _amount(number.text, s["number_words"])
        return None

    def _not_whole(self, heads: list[Token | None]) -> list[Token]:
        """ "Some, though not all, of X", "part but not the whole of X": the denied whole hung beside
        a share head (``whole_words``); the place after it is held only in part, the rest by someone else."""
        whole = share_words()["whole_words"]
        found = []
        for head in (h for h in heads if h is not None):
            if head.lemma_.lower() not in (*self.words["share_heads"], *self.words["partial_heads"]):
                continue
            near = [*head.children, *(head.head.children if head.dep_ == "dobj" else ())]  # or on the verb
            for c in near:
                if c.lower_ in whole and any(g.dep_ == "neg" for g in c.children):
                    found.append(c)
        return found

    def _share_of(self, token: Token) -> bool:
        """``token`` is what "45 percent of", "most of", "a third of" is a share of."""
        if token.dep_ != "pobj" or token.head.lower_ != "of":
            return False
        share = token.head.head
        w = self.words
        written = " ".join([*(c.lower_ for c in share.lefts if c.dep_ == "compound"), share.lower_])
        return (
            share.lower_ in w["percent_words"]
            or written in w["percent_words"]
            or share.lemma_.lower() in w["share_heads"]
            or _fraction(self.parsed[share.left_edge.i : share.i + 1].text.lower(), w["fractions"])
            is not None
        )

    def _share_adverb(self, heads: list[Token | None]) -> bool:
        """An adverb such as "largely" on the words that govern the arguments ("X, which is still
        largely under rebel control", "mostly held by the army")."""
        adverbs = share_words()["share_adverbs"]
        for head in (h for h in heads if h is not None):
            for governor in (head.head, *(c for c in head.children if c.dep_ == "relcl")):
                near = [
                    *governor.children,
                    *(g for c in governor.children if c.dep_ == "prep" for g in c.children),
                ]
                if any(c.dep_ == "advmod" and c.lower_ in adverbs for c in near):
                    return True
        return False

    def _areas_of(self, place: Span, side: str | None) -> bool:
        """The region ``place`` names hangs on a plural place noun by "of" ("army-held areas of
        the east"): a share of the region, said in passing. Not when the region holds (or is) the
        side's own region: "militia-held parts of town" are all of that side's region."""
        if not (place._.place_id and self.gazetteer.places[place._.place_id].is_region):
            return False
        own = side_regions(self.gazetteer).get(side or "")
        if own is not None and set(self.gazetteer.members(own)) <= set(
            self.gazetteer.members(place._.place_id)
        ):
            return False
        root = self.parsed[place.end - 1 - self.sent.start]
        ids = set(range(place.start - self.sent.start, place.end - self.sent.start))
        while root.head.i in ids and root.head != root:
            root = root.head
        prep = root.head
        return root.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lower_ in share_words()["areas_of"]

    def _named_members(self, counted: Token) -> bool:
        """Whether a counted place noun ("three districts") names its members in a list it
        introduces ("including A, B and C", "among them A and B")."""
        intro = [c for c in counted.children if c.lower_ in self.words["list_introducers"]]
        return any(
            ids & {t.i for c in intro for t in c.subtree} and span._.place_id for ids, span in self.places
        )


def _named_side(head: Token, definite: list[str]) -> bool:
    """ "The southern part(s) of X": a definite share word with a compass adjective names a side
    of X (a partial change of hands), not an amount of it as "large parts of X" does."""
    return any(c.dep_ == "det" and c.lower_ in definite for c in head.children) and any(
        c.dep_ == "amod" and c.lower_ in place_words()["directions"] for c in head.children
    )


def _amount(text: str, words: dict[str, int]) -> float | None:
    """A number written in digits or as a word ("seven" per cent)."""
    found = _number(text)
    return float(words[text.lower()]) if found is None and text.lower() in words else found


def _few(noun: Token) -> bool:
    """A partial noun said as a small number ("a few pockets", "a handful of streets", "the few
    blocks"): held or taken, a share of the place it lies in."""
    words = share_words()["held_shares"]  # "few", "handful"
    return noun.lower_ in words or any(c.lower_ in words for c in noun.children if c.i < noun.i)


def held_share_noun(noun: Token) -> bool:
    """A noun that, held or taken, is a share of the place it lies in: a share head ("a sliver",
    "a strip") or a few of a partial noun ("the few pockets")."""
    w = share_words()
    lemma = noun.lemma_.lower()
    return lemma in context_words()["share_heads"] or lemma in w["territory_nouns"] or _few(noun)


def _counted_anew(counted: Token, increments: list[str]) -> bool:
    """A count of place nouns said as an increment ("two more districts", "another six quarters",
    "the last three neighbourhoods"): it tells how many unnamed places changed hands this time, not
    how much of the place they lie in is held."""
    near = [c for c in counted.children if c.i < counted.i]
    near += [g for c in near if c.dep_ == "nummod" for g in c.children]
    return any(c.lower_ in increments for c in near)


def _fraction(text: str, fractions: dict[str, int]) -> int | None:
    """The percent of the fraction ``text`` ends with, as whole words: "the Sarjkhana quarter" is no "a quarter"."""
    return next((v for f, v in fractions.items() if text == f or text.endswith(" " + f)), None)
