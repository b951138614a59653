"""Contest: fighting, advances and entries inside a place, which make it contested, not taken.

"Troops entered A and B", "advanced in A, B and C", "pushed into X", "swept through X", "the
advance into X", "attacks on militants in A and B", "clashes between rebels and troops in X",
"the X district, where clashes were reported": each puts the fight inside the place, and none
says who holds it after. Mixed into the frames (:class:`geo.read.frames.Frames`); the words are
data (``data/lexicon/contest.json``, ``data/lexicon/control.jsonl``).
"""

from __future__ import annotations

import json
from functools import lru_cache

from spacy.tokens import Span, Token

from ..core import LEXICON_DIR
from .grammar import (
    INSIDE_PREPS,
    _child_pobj_all,
    _clause_verb,
    _is_noun,
    _is_verb,
    _passive,
    _phrase,
    _subject,
)
from .lexicon import place_words


@lru_cache(maxsize=1)
def contest_words() -> dict:
    """The word lists of ``data/lexicon/contest.json``."""
    return json.loads((LEXICON_DIR / "contest.json").read_text(encoding="utf-8"))


def preps_with_conj(token: Token, preps: tuple[str, ...]) -> list[Token]:
    """The objects of ``token``'s prepositions among ``preps``, and of prepositions coordinated
    with them ("in A and in the area of B", "into X and around Y")."""
    found: list[Token] = []
    stack = [
        c
        for c in token.children
        if c.lower_ in preps and c.dep_ in ("prep", "agent", "prt", "dative", "advmod")
    ]
    if stack:  # "for A, and for B": the second preposition hung on the verb as a conjunct
        stack += [c for c in token.children if c.dep_ == "conj" and c.lower_ in preps]
    seen: set[int] = set()
    while stack:
        prep = stack.pop(0)
        if prep.i in seen:
            continue
        seen.add(prep.i)
        found += [g for g in prep.children if g.dep_ == "pobj"]
        stack += [c for c in prep.children if c.dep_ == "conj" and c.lower_ in preps]
    return found


def _noun_preps(noun: Token, preps: tuple[str, ...]) -> list[Token]:
    """The prepositions among ``preps`` inside the phrase of ``noun`` and its conjuncts, however
    the parser hung them ("militants in X", "rebels and troops in X", "IS militants in X" read as
    a verb), but not inside a clause of their own ("militants who fled from X")."""
    found = []
    for token in noun.subtree:
        if token.lower_ not in preps or token.dep_ not in ("prep", "conj") or token is noun:
            continue
        node, inside = token.head, True
        while node != noun and node.head != node:
            if node.pos_ == "VERB" or node.dep_ in ("relcl", "acl", "advcl", "ccomp"):
                inside = False
                break
            node = node.head
        if inside:
            found.append(token)
    return found


def _noun_pobjs(noun: Token, preps: tuple[str, ...]) -> list[Token]:
    """The objects of the prepositions :func:`_noun_preps` finds: "X" in "militants in X"."""
    return [g for p in _noun_preps(noun, preps) for g in p.children if g.dep_ == "pobj"]


def progressive(verb: Token) -> bool:
    """A verb in a progressive tense: "are storming", "has been retaking" (a gerund alone is not)."""
    auxiliaries = contest_words()["progressive_auxiliaries"]
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in auxiliaries for c in verb.children)


class Contest:
    """Frame helpers for fighting and advancing (see :class:`geo.read.reader._Sentence`)."""

    def _advance_args(self, t: Token, cue: str) -> list[Token | None]:
        """The places of "advanced in X", "pushed (forward) into X", "swept through X", "the
        advance into X", "entered X": the side is inside X, fighting, and holds it not (yet).

        Only movement inside a place counts (``advance_preps``), not towards or near it; an
        adjective ("advanced weapons") is no advance."""
        if not (_is_verb(t) or _is_noun(t)):
            return []
        words = contest_words()
        mover = _subject(t) if _is_verb(t) and not _passive(t) else None
        movers = (
            [mover, *_child_pobj_all(mover, ("of",))] if mover is not None else []
        )  # "hundreds of civilians"
        if any(
            m.lemma_.lower() in (*words["non_combatants"], *self.words["evacuees_not_fighters"])
            for m in movers
        ):
            return []  # "aid convoys entered X", "civilians pushed into X": nobody fights there
        preps = tuple(words["advance_preps"])
        heads = [
            t,
            *(c for c in t.children if c.dep_ in ("advmod", "prt") and c.lower_ in words["advance_adverbs"]),
        ]
        args: list[Token | None] = [g for h in heads for g in preps_with_conj(h, preps)]
        args += [
            c for c in t.children if c.dep_ in ("npadvmod", "dep") and self._place_at(c)
        ]  # a list misparsed
        if cue == "enter" and _is_verb(t):  # "troops entered A and the outskirts of B"
            args += [c for c in t.children if c.dep_ == "dobj"]
            # "entered A, ..., and later the outskirts of B": the parser hangs B's noun on the verb
            args += [c for c in t.children if c.dep_ == "conj" and _is_noun(c)]
            args += [
                c
                for o in t.children
                if o.dep_ == "dobj"
                for c in o.children  # "... A, ..., and the edge of B"
                if c.dep_ == "conj" and c.lemma_.lower() in contest_words()["edge_nouns"]
            ]
        elif cue == "enter" and _is_noun(t):  # "the army's entry into X"
            args += [g for g in preps_with_conj(t, ("into", "to"))]
        if (
            _is_noun(t) and t.dep_ in ("nsubj", "nsubjpass") and _is_verb(t.head)
        ):  # "the advance went on in X"
            args += preps_with_conj(t.head, preps)
        return self._past_sides([a for a in args if a is not None], preps) + self._names_given(args)

    def _past_sides(self, args: list[Token], preps: tuple[str, ...]) -> list[Token]:
        """ "Pushed through the front of the opposition in X": X, past the side whose front it is
        (a side is no part of a place, so the place is read where the side stands)."""
        out: list[Token] = []
        for arg in args:
            beyond = [
                g
                for i in sorted(_phrase(arg))
                if self._is_side_noun(self.parsed[i])
                for g in _noun_pobjs(self.parsed[i], preps)
            ]
            out += beyond or [arg]
        return out

    def _is_side_noun(self, token: Token) -> bool:
        return token.pos_ in ("NOUN", "PROPN") and not self._place_at(token) and self._is_fighter(token)

    def _names_given(self, args: list[Token | None]) -> list[Token]:
        """ "An area that locals call the X factories", "an area known as X": the name stands for the noun."""
        naming = contest_words()["naming_verbs"]
        found: list[Token] = []
        for arg in (a for a in args if a is not None):
            for clause in (
                c for c in arg.children if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in naming
            ):
                found += [
                    c
                    for c in clause.children
                    if c.dep_ in ("dobj", "oprd", "attr") and c.lower_ not in ("that", "which", "what")
                ]
                found += [
                    g for c in clause.children if c.lower_ == "as" for g in c.children if g.dep_ == "pobj"
                ]
        return found

    def _opponents(self, t: Token) -> list[Token]:
        """Whom a fight is against: "attacks on militants", "battling insurgents", "clashes
        between rebels and troops" (not a place: "an attack on X" is the attack's own argument)."""
        preps = tuple(contest_words()["opponent_preps"])
        opponents = preps_with_conj(t, preps)
        # "clashes between retreating militants and soldiers in X": the participle parsed as the object
        opponents += [
            g
            for c in t.children
            if c.lower_ in preps and c.dep_ == "prep"
            for g in c.children
            if g.dep_ == "pcomp" and g.tag_ == "VBG"
        ]
        if _is_verb(t):
            opponents += [c for c in t.children if c.dep_ == "dobj"]
        return [o for o in opponents if not self._names_place(o)]

    def _names_place(self, noun: Token) -> bool:
        """A place, or a noun a place name modifies ("the X area", "X district", "the city")."""
        return (
            self._place_at(noun)
            or noun.lemma_.lower() in self.words["place_nouns"]
            or any(
                c.dep_ in ("compound", "amod", "nmod", "poss") and self._place_at(c) for c in noun.children
            )
        )

    def _moving_in(self, t: Token) -> bool:
        """ "Pushed into X (from the south)": an advance into X, not a side driven out of somewhere
        ("pushed out of X into Y" is)."""
        if any(c.lower_ in ("out", "away", "back") and c.dep_ in ("prt", "advmod") for c in t.children):
            return False
        return bool(preps_with_conj(t, ("into", "through", "inside")))

    def _against_args(self, t: Token, preps: tuple[str, ...]) -> list[Token]:
        """Places where the opponent of a fight is: "attacks on militants in A and B", "battling
        insurgents in X", "fighting against the jihadists in X", "clashes between rebels and
        troops in X". The parser hangs "in X" on the opponent, not on the fighting word."""
        found: list[Token] = []
        for opponent in self._opponents(t):
            found += _noun_pobjs(opponent, preps)
        # only names the gazetteer knows: "battling the jihadists in Operation Y" is no place
        return [f for f in found if self._place_in_phrase(f)]

    def _place_in_phrase(self, noun: Token) -> bool:
        """A place name stands somewhere in ``noun``'s phrase ("the eastern districts of X"), not
        only at its head."""
        return any(self._place_at(self.parsed[i]) for i in _phrase(noun))

    def _where_clause(self, t: Token) -> list[Token]:
        """ "The X district, where clashes were reported": the noun the relative clause is about."""
        verb = t.head if t.dep_ in ("nsubj", "nsubjpass") else None
        if (
            verb is None
            or verb.dep_ != "relcl"
            or not any(c.lower_ == "where" and c.dep_ == "advmod" for c in verb.children)
        ):
            return []
        return [verb.head]

    def _is_fire(self, t: Token) -> bool:
        """A raid, a strike or a shelling, not fighting inside the place: "air raids and attacks on
        X", "mortar attacks", "warplanes attacked X", "an attack on X killed eleven"."""
        fire = contest_words()["fire_words"]
        near = [c for c in t.children if c.dep_ in ("amod", "compound", "nmod", "nsubj")]
        if t.dep_ == "conj":
            near += [t.head, *(c for c in t.head.children if c.dep_ in ("amod", "compound", "nmod"))]
        verb = _clause_verb(t, []) if _is_noun(t) else None
        if verb is not None and verb.lemma_.lower() in contest_words()["harm_verbs"] and t.dep_ != "dobj":
            return True  # "an attack on X killed eleven": a strike, told by its toll
        return any(w.lemma_.lower() in fire or w.lower_ in fire for w in near)

    def _advance_into_region(self, cue: Span, frame, place_span: Span) -> bool:
        """ "Troops moved into the Old City", "battled into the city's outskirts": an advance
        inside a region contests it (a claim on the region alone, never on each member). Fighting
        there ("clashes in the east") says not where the front is, and a region that only locates
        another place ("advanced in the X area in the east") is not the place advanced into."""
        token = cue.root
        way = any(
            c.dep_ == "dobj" and c.lemma_.lower() == "way"
            for c in self.parsed[token.i - self.sent.start].children
        )
        if not way and (cue._.cue in ("fighting", "attack") or not getattr(frame, "contested", False)):
            return False  # "fought (their) way into X" is an advance, "fighting in X" is not
        ids = range(place_span.start - self.sent.start, place_span.end - self.sent.start)
        root = self.parsed[ids[-1]]  # the parsed sentence's token, not the document's
        while root.head.i in ids and root.head != root:
            root = root.head
        places = place_words()
        parts, directions = places["parts"], places["directions"]
        if any(a.lower_ in self.words["share_heads"] and a.lower_ not in parts for a in root.ancestors):
            return False  # "pushed through much of the city": a share the advancing side gained, not a front
        possessive = any(
            self.parsed[i].tag_ == "POS" for i in ids
        )  # "central X's Old City": the Old City, whole
        before_name = self.parsed[ids[0] - 1].lower_ if ids[0] > 0 and not possessive else ""
        if any(
            (a.lower_ in parts or a.lemma_.lower() in parts)
            and any(c.dep_ == "amod" and c.lower_ in directions for c in a.children)
            for a in root.ancestors
        ) or (before_name in directions or before_name in contest_words()["inner_words"]):
            return False  # "to the east's northern fringe", "in central X": a part the gazetteer has not
        prep = root.head if root.dep_ == "pobj" else None
        before = self.parsed[prep.i - 1] if prep is not None and prep.i > 0 else None
        if (
            prep is not None
            and prep.lower_ == "in"
            and before is not None
            and (self._place_at(before) or before.lemma_.lower() in self.words["place_nouns"])
        ):
            return False  # "the X area in the east": the region locates X
        # ("their advance in the east": the "in" is the advance's own, no noun located in the region)
        return not (
            prep is not None
            and prep.lower_ in INSIDE_PREPS
            and _is_noun(prep.head)
            and prep.head.i != token.i - self.sent.start
            and prep.head.lemma_.lower() not in (*self.words["place_nouns"], *self.words["partial_heads"])
        )

    def _reach_args(self, t: Token) -> list[Token]:
        """ "Troops reached the edges of X", "reached the outskirts of X": the front is at X's edge,
        so X is contested; reaching X itself, or a place beyond it, says nothing of who holds it
        ("civilians reached the government-held west"), and neither do non-combatants."""
        if not _is_verb(t):
            return []
        mover = _subject(t)
        movers = (
            [mover, *_child_pobj_all(mover, ("of",))] if mover is not None else []
        )  # "hundreds of civilians"
        idle = (*contest_words()["non_combatants"], *self.words["evacuees_not_fighters"])
        if not movers or any(m.lemma_.lower() in idle for m in movers):
            return []
        edges = contest_words()["edge_nouns"]
        return [c for c in t.children if c.dep_ == "dobj" and c.lemma_.lower() in edges]

    def _unfinished(self, verb: Token) -> bool:
        """A capture not done but under way: "had not yet fully secured X" (a negated capture that
        ``unfinished_adverbs`` say is only incomplete), "troops are struggling to retake X" (the
        capture the object of a ``struggle_verbs`` verb that is itself no aim or future)."""
        if not _is_verb(verb):
            return False
        words = contest_words()
        said = [c for c in verb.children if c.dep_ in ("advmod", "neg")]
        adverbs = {c.lower_ for c in said} | {  # "not yet": the parser may hang "yet" on "not"
            g.lower_ for c in said if c.dep_ == "neg" for g in c.children if g.dep_ == "advmod"
        }
        if (
            adverbs & {"not", "n't", "never"}
            and "yet" in adverbs
            and adverbs & set(words["unfinished_adverbs"])
        ):
            return True
        governor = verb.head
        purpose = verb.dep_ in ("xcomp", "advcl") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
        )
        if not purpose or governor.lemma_.lower() not in words["struggle_verbs"] or not _is_verb(governor):
            return False
        modals = self.words["modals"]
        return progressive(governor) or not any(
            c.dep_ in ("aux", "neg") and (c.lower_ in modals or c.dep_ == "neg") for c in governor.children
        )
