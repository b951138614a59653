"""Frames: what each kind of control word claims (type, who, which side, about which words).

One method per cue label of ``data/lexicon/control.jsonl`` (gain, fall, loss, expel, evacuate,
state), mixed into the reader's sentence (:mod:`geo.read.reader`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from .contest import Contest, _noun_pobjs, contest_words, preps_with_conj, progressive
from .grammar import (
    INSIDE_PREPS,
    _agent,
    _antecedent_noun,
    _child_pobj,
    _child_pobj_all,
    _is_noun,
    _is_verb,
    _origins,
    _passive,
    _past,
    _phrase,
    _poss,
    _subject,
)
from .lexicon import place_words
from .shares import held_share_noun
from .territory import holds_words


@dataclass(frozen=True)
class Frame:
    """What a control word claims: the claim type, the phrase naming the side (``owner``), whether
    the place goes to that side or to the ``other side`` (it left), the phrases naming places, and
    the token indices where a site stands ("a hospital in X": a partial claim on X). A
    ``background`` frame states control in passing ("rebel-held X", "X, held by rebels,"): a
    holds claim of lower confidence that never outranks a change on the map. A ``contested``
    frame puts the fight inside its places: no side holds them (see :mod:`geo.read.contest`)."""

    claim_type: str
    owner: Token | None
    open_side: str
    args: list[Token | None]
    sites: frozenset[int] = frozenset()
    background: bool = False
    contested: bool = False
    #: Places the side left after taking them in the same sentence: the claim stands beside the capture.
    left_again: bool = False
    #: A capture told in passing of the object of a state ("holds X, declared freed in May,"): the
    #: claim stands beside that state of X.
    aside: bool = False
    #: Token indices of places the frame itself says only a share of is meant ("held out in X on a
    #: strip of land").
    shared: frozenset[int] = frozenset()
    #: A pronoun by which the sentence tells what the fight won ("..., freeing part of it"): the place
    #: named last before it is that claim's, not the fight's (-1: none).
    told_at: int = -1


def _member_opener(noun: Token, preps: list[str]) -> Token | None:
    """The word opening "among the X-held areas" / "one of the X-held districts" around ``noun``."""
    head = noun.head
    if noun.dep_ != "pobj" or head == noun:
        return None
    if head.lower_ in preps:
        return head
    if head.lower_ == "of" and head.head != head and f"{head.head.lower_} of" in preps:
        return head.head
    return None


class Frames(Contest):
    """The frame methods of a parsed sentence (see :class:`geo.read.reader._Sentence`)."""

    def _gain(self, t: Token, cue: str):
        if cue == "foothold":
            return self._foothold(t)
        if self._route_of_leaving(t):
            return None  # "went out of A, taking the X crossing": the way out, no capture
        if _is_verb(t) and progressive(t):  # "has been storming X": the fight for X goes on
            frame = self._gain_taken(t, cue)
            return (
                replace(frame, claim_type="holds", owner=None, contested=True) if frame is not None else None
            )
        return self._gain_taken(t, cue)

    def _foothold(self, t: Token) -> Frame | None:
        """ "Troops won a foothold in X": the verb's subject took a share of X (the noun is a share
        head); a foothold no one is said to have won claims nothing."""
        verb = t.head
        if t.dep_ != "dobj" or not _is_verb(verb) or not _child_pobj_all(t, INSIDE_PREPS):
            return None
        return Frame("captured", _subject(verb), "", [t])

    def _gain_taken(self, t: Token, cue: str):
        if _is_verb(t) and self._cleared_out(t):  # "the militants were cleared out of X": driven out
            return self._expel(t, cue)
        declared = self._declared(t)
        if declared is not None:
            return declared
        if _is_noun(t):
            args = _child_pobj_all(t, ("of",))
            if t.dep_ == "nsubj" and t.head.lemma_ == "be":  # "its main gain (of the day) was X"
                args += [c for c in t.head.children if c.dep_ == "attr"]
            return Frame("captured", _child_pobj(t, ("by",)) or _poss(t), "", args)
        if cue in self.words["noun_only_gains"]:
            return None  # "gained ground", "gained control of the outskirts": no place taken as such
        if _passive(t):
            agent = _agent(t)
            rid = [g for g in _child_pobj_all(t, ("of",)) if not self._place_at(g) and self._is_fighter(g)]
            if agent is None and rid:  # "X was cleared of militants": the militants lost X
                return Frame("withdrew", rid[0], "other side", self._patients(t))
            patients = self._patients(t)
            if agent is not None:  # "X became the first district to be taken by the fighters": X
                patients = [self._predicated(p) for p in patients]
            return Frame("captured", agent, "", patients)
        args = [
            c
            for c in t.children
            if c.dep_ in ("dobj", "attr", "oprd")
            or c.dep_ in ("npadvmod", "dep")
            and (self._place_at(c) or self._share_object(c))
        ] + _child_pobj_all(t, ("into", "over"))
        args = [self._described_place(_antecedent_noun(t, a)) for a in args]
        if args:
            args += self._owned_after_locator(t)
        if any(a.lemma_.lower() in self.words["order_nouns"] for a in args):  # "restored security to X"
            args = _child_pobj_all(t, ("to",)) + [
                g for c in t.children if c.lower_ == "back" for g in _child_pobj_all(c, ("to",))
            ]
        sites: set[int] = set()
        if any(a.lemma_.lower() in self.words["site_nouns"] for a in args):  # "stormed a hospital in X"
            located = _child_pobj_all(t, ("in", "inside", "at"))
            sites = {i for p in located for i in _phrase(p)}
            args += located
        if t.dep_ in ("acl", "amod") and not args:
            args = [t.head]
        if not args and t.dep_ == "ccomp" and self._cleft(t.head):  # "it was X that the rebels took"
            args = [c for c in t.head.children if c.dep_ == "attr"]
        return Frame("captured", _subject(t), "", args, frozenset(sites))

    def _owned_after_locator(self, verb: Token) -> list[Token]:
        """ "Took the airport in X and its citadel": the parser hangs the second object on the
        place that locates the first, or on the verb, as a conjunct; such a conjunct with "its"
        that names a place of its own (the city's landmark) is taken as well."""
        hosts = [p for p in _child_pobj_all(verb, ("in", "inside", "at", "near")) if self._place_at(p)]
        return [
            c
            for host in (*hosts, verb)
            for c in host.children
            if c.dep_ == "conj"
            and _is_noun(c)
            and self._place_at(c)
            and any(g.dep_ == "poss" and g.lower_ == "its" for g in c.children)
        ]

    def _cleft(self, verb: Token) -> bool:
        """A cleft copula: "it was X that ...", which puts X forward as the object of the clause."""
        return verb.lemma_.lower() == "be" and any(
            c.dep_ == "nsubj" and c.lower_ == "it" for c in verb.children
        )

    def _predicated(self, noun: Token) -> Token:
        """The place a description is said of: "X became the first district to be taken", "X was among
        the earliest districts lost", "X, an early district to fall,"; the noun itself otherwise."""
        if self._place_at(noun) or noun.lemma_.lower() not in self.words["place_nouns"]:
            return noun
        said = noun
        if said.dep_ == "pobj" and said.head.lower_ == "of" and said.head.head.lower_ == "one":
            said = said.head.head
        if said.dep_ == "appos" and self._place_at(said.head):
            return said.head
        if said.dep_ == "attr" and said.head.lemma_.lower() in self.words["predicate_verbs"]:
            subject = _subject(said.head)
            if subject is not None and self._place_at(subject):
                return subject
        return noun

    def _declared(self, t: Token):
        """ "The commander declared X liberated", "X was declared retaken": a capture of X (the small
        clause's subject, or the declaring verb's), by the side that declares it."""
        head = t.head
        if (
            t.tag_ not in ("VBN", "VBD")
            or t.dep_ not in ("ccomp", "oprd", "xcomp", "acomp")
            or head.lemma_.lower() not in self.words["declaring_verbs"]
        ):
            return None
        places = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and self._place_at(c)]
        places += [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
        if head.dep_ in ("acl", "relcl") and not places:  # "the east bank, declared liberated in January"
            places = [head.head]
        aside = self._described_object(head) if not places else None
        if aside is not None:  # the same, the participle hung on the main verb: said in passing of its object
            return Frame("captured", None, "", [aside], aside=True)
        owner = None if _passive(head) or head.dep_ in ("acl", "relcl") else _subject(head)
        return Frame("captured", owner, "", places) if places else None

    def _described_object(self, participle: Token) -> Token | None:
        """The object a participle clause set off by a comma describes when the parser hung the
        clause on the main verb: "troops hold X, declared freed last month, ...": X."""
        verb = participle.head
        if (
            participle.dep_ not in ("advcl", "conj")
            or participle.i < 1
            or self.parsed[participle.i - 1].text != ","
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in participle.children)
        ):
            return None
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.right_edge.i == participle.i - 2]
        return objects[0] if objects else None

    def _cleared_out(self, verb: Token) -> bool:
        """A capture verb said of the side driven out ("militants were cleared out of X", "soldiers
        cleared the fighters from X"): the one cleared is a fighter, not a place, and it left a
        place (not "X was cleared of militants", where X is the place)."""
        cleared = (
            _subject(verb) if _passive(verb) else next((c for c in verb.children if c.dep_ == "dobj"), None)
        )
        if cleared is None or self._place_at(cleared) or not self._is_fighter(cleared):
            return False
        origins = [o for o in _origins(verb) if self._place_at(o)]
        return bool(origins) and any(c.lower_ in ("out", "from") for c in verb.children)

    def _list_after(self, args: list[Token | None]) -> list[Token]:
        """The items of a list opened right after the arguments by a colon or an introducer
        ("took the following districts: A, B, C", "13 quarters, among them A and B"), however the
        parser attached them: every word up to a semicolon."""
        heads = [a for a in args if a is not None]
        if not heads:
            return []
        sent = self.parsed
        at = max(i for a in heads for i in _phrase(a)) + 1
        if at < len(sent) and sent[at].text == ",":
            at += 1
        tail = self._list_tail(sent, at) or self._list_tail_after_aside(heads)
        if tail:
            return tail
        opener = 0
        if at < len(sent) and sent[at].text == ":":
            opener = 1
        else:
            rest = " ".join(tok.lower_ for tok in sent[at : at + 3])
            opener = next(
                (
                    len(w.split())
                    for w in self.words["list_introducers"]
                    if rest == w or rest.startswith(w + " ")
                ),
                0,
            )
        if not opener:
            return []
        items = []
        for token in sent[at + opener :]:
            if token.text == ";":
                break
            items.append(token)
        return items

    def _list_tail_after_aside(self, heads: list[Token]) -> list[Token]:
        """The last item of a list told after a clause and an aside that only locate the items
        before it: "freed A and an area where the B shrine stands, in the old quarter, as well as
        C": after the arguments' clauses, one prepositional phrase set off by commas is skipped."""
        sent = self.parsed
        at = max(a.right_edge.i for a in heads) + 1
        if at + 1 >= len(sent) or sent[at].text != "," or sent[at + 1].pos_ != "ADP":
            return []
        close = next((t.i for t in sent[at + 1 :] if t.text in (",", ";", ".")), None)
        if close is None or sent[close].text != ",":
            return []
        aside = sent[at + 2 : close]
        if not any(  # "in the old quarter" locates; "in 2012" or "under fire" does not
            self._place_at(t) or t.lemma_.lower() in (*self.words["place_nouns"], *self.words["share_heads"])
            for t in aside
        ):
            return []
        return self._list_tail(sent, close + 1)

    def _list_tail(self, sent, at: int) -> list[Token]:
        """The last items of a list the parser hung elsewhere: "A, B, and the C districts." or
        "(control) of A and B, and of the district of C", "A and B, as well as nearby C": after a
        joiner (``list_joiners``; and the argument's "of" again), only names, place nouns, articles and adjectives up to a comma or the clause end."""
        joiner = next(
            (
                len(j.split())
                for j in self.words["list_joiners"]
                if [t.lower_ for t in sent[at : at + len(j.split())]] == j.split()
            ),
            0,
        )
        if not joiner:  # "and", "or", "as well as"
            return []
        at += joiner
        if at < len(sent) and sent[at].lower_ == "of":
            at += 1
        items = []
        for token in sent[at:]:
            if token.text in (".", ";", "!", "?", ",") or token.is_space:
                break
            if token.pos_ == "ADP" and token.lower_ != "of" and any(self._place_at(t) for t in items):
                break  # "as well as nearby X quarter near the centre": the item ends
            if not (
                self._place_at(token)
                or token.pos_ in ("DET", "ADJ")
                or token.text == "-"
                or token.lower_ == "of"
                or token.lemma_.lower() in self.words["place_nouns"]
                or token.dep_ in ("amod", "compound")
                and token.is_lower
                and token.head.lemma_.lower() in self.words["place_nouns"]
            ):
                return []
            items.append(token)
        return items if any(self._place_at(t) for t in items) else []

    def _fall(self, t: Token, cue: str):
        agent = _child_pobj(t, ("to",)) or self._hands_owner(t)
        if _is_noun(t):
            return Frame("captured", agent, "", _child_pobj_all(t, ("of",)))
        patients = self._patients(t)
        if agent is not None:  # "X was among the earliest districts lost to the fighters": X
            patients = [self._predicated(p) for p in patients]
        return Frame("captured", agent, "", patients)

    def _loss(self, t: Token, cue: str):
        if _is_noun(t):
            return Frame(
                "withdrew",
                _poss(t) or _child_pobj(t, ("by",)),
                "other side",
                _child_pobj_all(t, ("of", "from")),
            )
        if _passive(t):
            return Frame("withdrew", _agent(t), "other side", self._patients(t))
        args = [
            _antecedent_noun(t, c)
            for c in t.children
            if c.dep_ == "dobj"  # not "fled southwards" misparsed
            and not c.lower_.endswith(("ward", "wards"))
        ] + _origins(t)
        subject = _subject(t)
        carried = self._carried(subject)  # "buses carrying fighters pulled out of X": an evacuation
        if carried is not None:
            return Frame("evacuated", carried, "other side", args)
        refuges = (
            _child_pobj_all(t, ("into",)) if not args and subject is not None and self._side(subject) else []
        )
        if refuges:  # "the fighters fled into X": X is where that side holds out
            return Frame("holds", subject, "", refuges + self._of_which(refuges))
        within = self._retreat_within(t) if not args else []
        if within:  # "the gunmen were falling back inside X": the front moves inside X, still fought over
            return Frame("holds", None, "", within, contested=True)
        taken = self._taken_before(t) if not self._places_in(args) else []
        if taken:  # "took X on Friday but pulled back a day later": they left X again
            return Frame("withdrew", subject, "other side", taken, left_again=True)
        return Frame("withdrew", subject, "other side", args)

    def _retreat_within(self, t: Token) -> list[Token]:
        """ "Rebels were pulling back in X", "retreating inside X": a retreat with no place left
        (no "from X", no "out of X") but one it goes on inside (``within_preps``): X is where the
        fight is. Only a side's fighters retreat so; civilians or a plan claim nothing."""
        if not _is_verb(t) or _passive(t):
            return []
        subject = _subject(t) or (t.head if t.dep_ in ("acl", "relcl") else None)
        if subject is None or not (self._side(subject) or self._is_fighter(subject)):
            return []
        places = _child_pobj_all(t, tuple(contest_words()["within_preps"]))
        return [p for p in places if self._place_in_phrase(p)]

    def _taken_before(self, t: Token) -> list[Token]:
        """What the capture verb that ``t`` (a verb of leaving with no place of its own) is
        coordinated with took: "seized X, but withdrew the next day" left X."""
        head = t.head
        if t.dep_ != "conj" or head == t or not _is_verb(head) or _passive(head):
            return []
        if not self._gain_cue_at(head):
            return []
        return [c for c in head.children if c.dep_ == "dobj"]

    def _gain_cue_at(self, verb: Token) -> bool:
        """A capture word of the sentence (a ``gain`` cue) is rooted at ``verb``."""
        return any(span.root == verb and cue.label_ == "gain" for span, cue in self.cues)

    def _expel(self, t: Token, cue: str):
        """ "The army drove the rebels out of X" gives X to the army; "rebels were pushed out of X",
        with no one named, to the side the rebels are not on."""
        origins = _origins(t)
        won = []  # "troops had pushed through most of X": a share won (still "pushing through" X is fighting in it)
        if not origins and not _passive(t) and _past(t):
            won = [
                p for p in _child_pobj_all(t, ("through",)) if p.lemma_.lower() in self.words["share_heads"]
            ]
        if not won and (
            not origins or self._moving_in(t)
        ):  # "pushed into X", "pushing through X": an advance
            return self._advance(t, cue)
        origins = origins or won
        expelled = _subject(t) if _passive(t) else next((c for c in t.children if c.dep_ == "dobj"), None)
        if expelled is not None and expelled.lemma_.lower() in self.words["evacuees_not_fighters"]:
            return None  # "the shelling drove civilians out of X": nobody took X
        if (
            expelled is None
            and not won
            and not _passive(t)
            and not any(
                c.lower_ in ("out", "away", "back") and c.dep_ in ("prt", "advmod", "prep")
                for c in t.children
            )
        ):
            return None  # "the army's push from X towards Y": where it set out from, nobody driven out
        if _passive(t):
            agent = _agent(t)
            if agent is not None:
                return Frame("captured", agent, "", origins)
            return Frame("withdrew", _subject(t), "other side", origins)
        return Frame("captured", _subject(t), "", origins)

    def _evacuate(self, t: Token, cue: str):
        if _is_noun(t):
            of = _child_pobj(t, ("of",))
            if of is not None and self._place_at(of):
                return Frame("evacuated", None, "other side", [of] + _child_pobj_all(t, ("from",)))
            return Frame("evacuated", of, "other side", _child_pobj_all(t, ("from",)))
        if _passive(t):
            return Frame(
                "evacuated",
                _subject(t),
                "other side",
                _origins(t)
                + [  # "evacuated (out) of/from X"
                    s for s in self._patients(t) if self._place_at(s)
                ],
            )
        objects = [c for c in t.children if c.dep_ == "dobj"]
        places = [o for o in objects if self._place_at(o)]
        if places:  # "the fighters evacuated the district"
            return Frame("evacuated", _subject(t), "other side", places)
        leaver = self._leaving_subject(t) or _subject(t)
        evacuees = objects[0] if objects else self._carried(leaver) or leaver  # "rebels went out of X"
        if evacuees is not None and evacuees.lemma_.lower() in self.words["evacuees_not_fighters"]:
            return None
        if not self._leaver_fights(cue, evacuees):
            return None
        # "evacuate the fighters from X": the parser often hangs "from X" on the fighters
        origins = _origins(t) + [
            g
            for o in objects
            for i in _phrase(o)
            if self.parsed[i].lower_ == "from"
            for g in self.parsed[i].children
            if g.dep_ == "pobj"
        ]
        return Frame("evacuated", evacuees, "other side", origins)

    def _state(self, t: Token, cue: str):
        if cue == "hands":
            return self._in_hands(t)
        if cue == "leave":
            return self._residual(t)
        if cue in ("fighting", "attack"):
            return self._fighting(t, cue)
        if cue == "resistance":
            return self._resistance(t)
        if cue == "flag":
            return self._flag(t)
        if cue in ("advance", "enter"):
            return self._advance(t, cue)
        if cue == "reach":
            return self._reach(t)
        if cue == "station":  # "an army brigade is stationed in X": its side holds X
            places = _child_pobj_all(t, ("in", "inside", "at"))
            return (
                Frame("holds", _subject(t) or (t.head if t.dep_ == "acl" else None), "", places)
                if places
                else None
            )
        if cue == "hold" and any(c.dep_ == "prt" and c.lower_ == "out" for c in t.children):
            return self._holding_out(t)
        if cue == "rule":  # "under militia rule" as "under militia control"; the verb "rule" is no cue
            return self._control_noun(t) if _is_noun(t) else None
        if cue == "stronghold":
            return self._stronghold(t)
        if cue == "confined":
            return self._confined(t)
        if cue == "encircle":
            return self._encircled(t)
        if cue == "divided":
            return self._divided(t)
        if cue == "except":
            return self._exception(t)
        if cue == "contested":  # "X remains contested", "X is disputed"; not "contested areas"
            subject = _subject(t) or (_subject(t.head) if t.dep_ in ("acomp", "attr", "oprd") else None)
            return Frame("holds", None, "", [subject]) if subject is not None else None
        if _is_noun(t) and (share := self._share_after_noun(t)) is not None:
            return Frame("holds", self._share_holder(share), "", [share])
        if _is_noun(t):
            return self._control_noun(t)
        if self._past_state(t):
            return None  # "formerly militia-held X": no word on who holds it now
        if (
            _is_verb(t)
            and t.dep_ in ("conj", "advcl")
            and t.i > 0
            and self._actor_at(self.parsed[t.i - 1])
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
        ):
            # "a push on militia held streets of X": "X-held" with no hyphen, read as a verb that
            # borrows the subject of the clause before it
            nouns = [c for c in t.children if c.dep_ == "dobj"]
            return Frame("holds", self.parsed[t.i - 1], "", nouns, background=True) if nouns else None
        if t.dep_ in ("acl", "amod", "compound") or self._place_after(t) is not None:
            return self._in_passing(t)
        if t.dep_ == "relcl":  # "X, which is held by the army,": said in passing of X
            return self._relative_holder(t)
        if t.i > 0 and self.parsed[t.i - 1].text == "-":  # "X-held" said of the subject: "it is militia-held"
            return (
                None
                if t.dep_ not in ("acomp", "attr")
                else Frame("holds", self.parsed[t.i - 2], "", [_subject(t.head)])
            )
        if _passive(t):  # "three quarters remain held by X, among them A and B": the list follows the agent
            agent = _agent(t)
            return Frame(
                "holds",
                agent,
                "",
                self._patients(t) + (self._list_after([agent]) if agent is not None else []),
            )
        return Frame(
            "holds",
            _subject(t),
            "",
            [
                c
                for c in t.children
                if c.dep_ in ("dobj", "attr") or c.dep_ == "npadvmod" and self._share_object(c)
            ],
        )

    def _share_after_noun(self, t: Token) -> Token | None:
        """The share a verb the parser took for a noun says its subject holds: in "the gunmen of
        the old quarter control only a tenth of X" the parser may read "quarter control" as one
        noun, ending the subject, and give the share after it ("a tenth of X") that subject
        itself, or hang it on the subject as an apposition or a conjunct. Only a share right after the word
        (adverbs, numbers between) whose subject's phrase holds the word counts."""
        for after in self.parsed[t.i + 1 : t.i + 5]:
            if self._share_object(after):
                holder = self._share_holder(after)
                return after if holder is not None and t.i in _phrase(holder) else None
            if after.pos_ not in ("ADV", "NUM", "DET", "ADJ", "PUNCT") or after.text in (",", ";", "."):
                return None
        return None

    @staticmethod
    def _share_holder(share: Token) -> Token | None:
        """The subject a misparsed share was given (see :meth:`_share_after_noun`)."""
        if share.dep_ in ("appos", "conj") and share.head != share:
            return share.head
        return _subject(share)

    def _share_object(self, noun: Token) -> bool:
        """A share the parser hung on the verb as an adverbial noun ("held 40-percent of X", the
        hyphen making "percent" a measure of the verb): a share word with an "of" after it is the
        verb's object all the same."""
        w = self.words
        if not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
            return False
        lemma = noun.lemma_.lower()
        return (
            noun.lower_ in w["percent_words"]
            and any(c.like_num for c in noun.children)
            or lemma in w["share_heads"]
            or noun.lower_ in w["share_heads"]
        )

    def _holding_out(self, t: Token) -> Frame | None:
        """ "Fighters holding out in X": their side still holds X; held "on a strip of land" or "in a
        few pockets" beside it, only that share of X. Resistance holding out is a fight (see
        :mod:`geo.read.contest`), not a side's hold."""
        holder = t.head if t.dep_ in ("acl", "relcl") else _subject(t)
        if holder is None or not (
            holder.lemma_.lower() in self.words["fighter_nouns"] or self._actor_at(holder)
        ):
            return None
        located = _child_pobj_all(t, INSIDE_PREPS)
        places = [p for p in located if self._place_at(p)]
        shares = [p for p in _child_pobj_all(t, ("on", *INSIDE_PREPS)) if held_share_noun(p)]
        held = [p for p in shares if self._place_in_phrase(p)]
        if not places and not held:  # ("in a few pockets of X": the share and its place in one phrase)
            return None
        shared = frozenset(i for p in places for i in _phrase(p)) if shares else frozenset()
        return Frame("holds", holder, "", places + held, shared=shared)

    def _confined(self, t: Token):
        """ "The gunmen are boxed into A and B", "fighters trapped in X": the side holds out there;
        "a handful of districts, of which A and B are the largest" names A and B among them."""
        if not _passive(t) and t.dep_ not in ("acl", "amod"):
            return None
        holder = _subject(t) if _passive(t) else t.head
        if holder is None or not self._side(holder):
            return None
        places = _child_pobj_all(t, ("into", *INSIDE_PREPS))
        return Frame("holds", holder, "", places + self._of_which(places)) if places else None

    def _encircled(self, t: Token) -> Frame | None:
        """ "Troops encircled X", "took A, surrounding X", "X was besieged by the militia": the side
        that rings X is outside it, so X is held by the side it opposes (the place goes to the
        ``other side``). Only a side that is named rings a place: "the besieged X" or "the
        surrounding villages" claim nothing. A capture of X in the same sentence outranks it."""
        if not _is_verb(t) or t.dep_ in ("amod", "compound"):
            return None
        if _passive(t):
            ringer, places = _agent(t), self._patients(t)
        else:
            ringer, places = _subject(t), [c for c in t.children if c.dep_ == "dobj"]
        if ringer is None or self._place_at(ringer) or not self._side(ringer):
            return None
        places = [p for p in places if self._place_in_phrase(p)]
        if places and self._ringed_from(t):  # "encircled X from the north and east": a front on X's edge
            return Frame("holds", None, "", places, contested=True)
        return Frame("holds", ringer, "other side", places) if places else None

    def _divided(self, t: Token) -> Frame | None:
        """ "X has been split in two", "X remains divided between the army and the rebels": control
        of X is divided, so the whole of X is contested (each part's holder, where the sentence names
        one, is read from its own words). A side that splits a place ("the push split the enclave")
        cuts it, and says nothing of who holds it."""
        if not _is_verb(t) and t.dep_ not in ("acomp", "amod"):
            return None
        if _is_verb(t) and not _passive(t) and t.dep_ not in ("acomp", "oprd"):
            return None
        agent = _agent(t) if _is_verb(t) else None
        if agent is not None:
            return None  # "split by the army's thrust": cut, not shared
        place = _subject(t) if t.dep_ != "amod" else t.head
        if t.dep_ in ("acomp", "oprd") and place is None:
            place = _subject(t.head)
        if place is None or not self._place_in_phrase(place):
            return None
        return Frame("holds", None, "", [place], contested=True)

    def _ringed_from(self, t: Token) -> bool:
        """ "Surrounded X from the south and west": the ring closes only on the sides named, so the
        front is at X's edge and X is fought over (contested), not held by either side."""
        directions = place_words()["directions"]
        for point in _child_pobj_all(t, ("from",)):
            words = [point, *(c for c in point.children if c.dep_ in ("amod", "conj", "compound"))]
            if any(w.lower_ in directions or w.lemma_.lower() in directions for w in words):
                return True
        return False

    def _of_which(self, heads: list[Token]) -> list[Token]:
        """The names of an "of which A and B are the largest" clause hung anywhere in the phrases."""
        phrase = {i for h in heads for i in _phrase(h)}
        found = []
        for i in sorted(phrase):
            for clause in (c for c in self.parsed[i].children if c.dep_ == "relcl"):
                if any(
                    c.lower_ == "of" and any(g.lower_ == "which" for g in c.children) for c in clause.children
                ):
                    found += [c for c in clause.children if c.dep_ in ("nsubj", "attr") and self._place_at(c)]
        return found

    def _residual(self, t: Token):
        """ "Leaving the rebels only A and B", "left the insurgents with just A": the pockets a side
        still holds. Without a word such as "only" it is no claim ("rebels left X" = they departed)."""
        if not _is_verb(t):
            return None
        objects = [c for c in t.children if c.dep_ in ("dobj", "dative")] + _child_pobj_all(t, ("with",))
        holder = next((o for o in objects if self._side(o) and not self._place_at(o)), None)
        pockets = [
            o
            for o in objects
            if o is not holder
            and self._place_at(o)
            and any(
                c.lower_ in self.words["residual_words"]
                for c in o.children
                if c.dep_ in ("advmod", "amod", "quantmod")
            )
        ]
        return Frame("holds", holder, "", pockets) if holder is not None and pockets else None

    def _fighting(self, t: Token, cue: str):
        """ "Clashes in X", "fighting for X continued", "attacks on militants in X": X is contested.

        Only fighting located inside a place counts (``fighting_preps``: in, inside, for, within, into,
        around), not fighting near or towards it; an attack on X (``attack_preps``) too, unless it is fire
        (a raid, a shelling). Advances are :meth:`_advance`.
        """
        preps = tuple(self.words["fighting_preps"] + (self.words["attack_preps"] if cue == "attack" else []))
        # "in A and around the B area": coordinated prepositions count too
        args = preps_with_conj(t, preps) + [
            c for c in t.children if c.dep_ in ("npadvmod", "dep") and self._place_at(c)
        ]
        if cue == "attack" and self._is_fire(t):
            return None  # "air raids and attacks on X", "mortar attacks": fire on X, not a fight inside it
        if cue == "attack" and _is_verb(t):  # "the army attacked the X area"
            args += [c for c in t.children if c.dep_ == "dobj"]
        if _is_noun(t) and t.dep_ in ("nsubj", "nsubjpass") and _is_verb(t.head):  # "fighting went on in X"
            args += preps_with_conj(t.head, preps)
        if cue == "fighting":  # "battles raged near X": the front is at X's edge (never a region's)
            front = tuple(contest_words()["front_preps"])
            args += preps_with_conj(t, front)
            if _is_noun(t) and t.dep_ in ("nsubj", "nsubjpass") and _is_verb(t.head):
                args += preps_with_conj(t.head, front)
        args += self._there(t)  # "the district was shelled and fighting there went on": that district
        opponents = {o.i for o in self._opponents(t)}  # "attacks on militants in X": X, not the militants
        args = (
            [a for a in args if a.i not in opponents] + self._against_args(t, preps) + self._where_clause(t)
        )
        # "attacked rebels in X, taking part of it": the outcome told of X stands for it
        return Frame("holds", None, "", args, told_at=self._outcome_back(t)) if args else None

    def _there(self, t: Token) -> list[Token]:
        """ "Fighting there went on", "clashes were raging there": "there" after the fight word (or
        after the verb the fight is the subject of) points back to the place named last before it
        in the sentence, a back-reference ("the district") included. An existential "there"
        ("there were clashes") comes before and points nowhere."""
        words = contest_words()["there_words"]
        after = [c for c in t.children if c.dep_ in ("advmod", "expl") and c.i > t.i]
        if t.i + 1 < len(self.parsed):
            after.append(self.parsed[t.i + 1])
        if t.dep_ in ("nsubj", "nsubjpass", "csubj") and _is_verb(t.head):
            after += [c for c in t.head.children if c.dep_ == "advmod" and c.i > t.head.i]
        there = min((w.i for w in after if w.lower_ in words), default=None)
        if there is None:
            return []
        before = [ids for ids, _ in self.places if ids and max(ids) < there]
        if not before:
            return []
        return [self.parsed[max(max(before, key=max))]]

    def _outcome_back(self, t: Token) -> int:
        """ "Launched raids on the gunmen in X, freeing part of it", "attacked X, seizing it": a gain
        participle on the fight's clause whose object points back (a pronoun) to the last place
        fought in tells what the fight won there; that claim stands for X, not the fight. The
        pronoun's index, or -1."""
        verb = t if _is_verb(t) else t.head
        while not _is_verb(verb) and verb.head != verb:
            verb = verb.head
        pronouns = self.words["pronouns"]
        for clause in verb.children:
            if clause.dep_ != "advcl" or clause.tag_ != "VBG" or clause.i < t.i:
                continue
            if not self._gain_cue_at(clause):
                continue
            objects = [c for c in clause.children if c.dep_ == "dobj"]
            for w in (w for o in objects for w in o.subtree):
                if w.lower_ in pronouns and w.pos_ == "PRON":
                    return w.i
        return -1

    def _flag(self, t: Token) -> Frame | None:
        """ "The militia's flag flies over X", "X, where the group's banner hangs": the side whose
        flag it is holds X. A flag with no side named, or only raised or lowered, says nothing here."""
        if not _is_noun(t) or t.dep_ not in ("nsubj", "nsubjpass"):
            return None
        verb = t.head
        if not _is_verb(verb) or verb.lemma_.lower() not in self.words["flag_verbs"]:
            return None
        owner = _poss(t) or next(
            (c for c in t.children if c.dep_ in ("compound", "amod", "nmod") and self._actor_at(c)), None
        )
        if owner is None or not self._side(owner):
            return None
        places = preps_with_conj(verb, tuple(self.words["flag_preps"])) + self._where_clause(t)
        return Frame("holds", owner, "", places) if places else None

    def _resistance(self, t: Token) -> Frame | None:
        """ "Troops faced heavy resistance in X", "... resistance from fighters holed up in X": the
        side is fighting its way inside X, contested (an advance, so a region too). "Faced resistance
        as they attempted a push on the jihadists of X" (an attempt_verbs clause): the attempt
        failed, and the defenders' side still holds X."""
        if not _is_noun(t):
            return None
        words = contest_words()
        preps = tuple(self.words["fighting_preps"])
        verb = t.head if t.dep_ == "dobj" and _is_verb(t.head) else None
        for clause in verb.children if verb is not None else ():
            if clause.dep_ != "advcl" or clause.lemma_.lower() not in words["attempt_verbs"]:
                continue
            for tried in (c for c in clause.children if c.dep_ == "xcomp"):
                against = [o for o in preps_with_conj(tried, ("against",)) if self._side(o)]
                places = [g for o in against for g in _noun_pobjs(o, preps)]
                places += preps_with_conj(tried, tuple(words["advance_preps"]))
                if against and places:
                    return Frame("holds", against[0], "", places)
        args = preps_with_conj(t, preps)
        if t.dep_ in ("nsubj", "nsubjpass") and _is_verb(t.head):  # "resistance held out in X"
            args += preps_with_conj(t.head, preps)
        for fighter in (f for f in _child_pobj_all(t, ("from", "by")) if self._is_fighter(f)):
            args += _noun_pobjs(fighter, preps)
            for clause in fighter.children:  # "fighters lodged among civilians in X"
                if clause.dep_ == "acl" and clause.lemma_.lower() in words["lodging_verbs"]:
                    args += [
                        g
                        for p in clause.subtree
                        if p.dep_ == "prep" and p.lower_ in preps
                        for g in p.children
                        if g.dep_ == "pobj"
                    ]
        return Frame("holds", None, "", args, contested=True) if args else None

    def _advance(self, t: Token, cue: str):
        """ "Advanced in X", "pushed into X", "swept through X", "the advance into X", "entered X":
        X is contested (see :meth:`geo.read.contest.Contest._advance_args`)."""
        args = self._advance_args(t, cue)
        if args and cue == "enter" and self._vacated(t):  # "went into X once the rebels had left": taken
            return Frame("captured", _subject(t), "", args)
        return Frame("holds", None, "", args, contested=True) if args else None

    def _vacated(self, t: Token) -> bool:
        """True when a clause on the verb says the other side had left first: "once the rebels had
        left", "after the militants withdrew" (the mover's own side leaving is no such clause)."""
        words = contest_words()
        mover = _subject(t)
        mover_side = self._side(mover) if mover is not None else None
        for clause in (
            c for c in t.children if c.dep_ == "advcl" and c.lemma_.lower() in words["vacated_verbs"]
        ):
            if not any(
                m.dep_ in ("mark", "advmod") and m.lower_ in words["after_marks"] for m in clause.children
            ):
                continue
            leaver = _subject(clause)
            side = self._side(leaver) if leaver is not None else None
            if side and mover_side and side != mover_side:
                return True
        return False

    def _reach(self, t: Token):
        """ "Reached the edges of X": X is contested (see :meth:`geo.read.contest.Contest._reach_args`)."""
        args = self._reach_args(t)
        return Frame("holds", None, "", args, contested=True) if args else None

    def _in_passing(self, t: Token):
        """ "Rebel-held X", "the Kurdish-controlled district", "X, held by rebels,": who holds X, said
        in passing (a background holds claim); the side is the actor the adjective is made of."""
        owner = _agent(t) if t.dep_ == "acl" else None
        if owner is None:
            owner = next(
                (
                    c
                    for c in t.children
                    if c.dep_ in ("npadvmod", "compound", "nmod", "amod", "advmod") and self._actor_at(c)
                ),
                None,
            )
        if (
            owner is None
            and t.i > 1
            and self.parsed[t.i - 1].text == "-"
            and self._actor_at(self.parsed[t.i - 2])
        ):
            owner = self.parsed[t.i - 2]
        if owner is None or not self._actor_at(owner) and not self._side(owner):
            return None
        named = self._place_after(t)
        noun = named or t.head
        if any(c.lower_ in self.words["past_state"] for c in noun.children if c.dep_ in ("amod", "advmod")):
            return None  # "the former militia-held district": no word on who holds it now
        if noun.dep_ == "appos" and self._place_at(noun.head):  # "X, a Kurdish-held district": X
            return Frame("holds", owner, "", [noun.head], background=True)
        named_before = self._apposed_place(noun)
        if named_before is not None:  # the same, however the parser hung the description
            return Frame("holds", owner, "", [named_before], background=True)
        subject = (
            _subject(noun.head)
            if noun.dep_ == "attr" and noun.head.lemma_.lower() in self.words["copulas"]
            else None
        )
        if subject is not None and self._place_at(subject):  # "X is a rebel-held district": said of X
            return Frame("holds", owner, "", [subject])
        if (
            named is None
            and noun.lemma_.lower() in self.words["place_nouns"]
            and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children)
        ):
            return None  # "an army-held pocket in X": some area of X, not X
        return Frame("holds", owner, "", [noun], background=True)

    def _relative_holder(self, t: Token):
        """ "X, which is held by the army," and "X, which the rebels had controlled,": who holds (or
        held) X, said in passing of the noun the clause hangs on."""
        if _passive(t):
            holder = _agent(t)
        elif any(c.dep_ == "dobj" and c.lower_ in ("which", "that") for c in t.children):
            holder = _subject(t)
        elif self._held_share_clause(t):
            # "the few pockets they still hold in X": the share of X the side holds, said as such
            places = _child_pobj_all(t, INSIDE_PREPS)
            return Frame("holds", _subject(t), "", [t.head, *places]) if self._side(_subject(t)) else None
        else:
            holder = None
        if holder is None or not self._side(holder):
            return None
        return Frame("holds", holder, "", [t.head], background=True)

    def _held_share_clause(self, t: Token) -> bool:
        """A relative clause with no relative word ("the pockets they hold in X") on a noun that is a
        share when held, placing what it holds "in" a place."""
        return (
            not any(c.dep_ in ("dobj", "nsubjpass") for c in t.children)
            and _subject(t) is not None
            and held_share_noun(t.head)
            and any(c.dep_ == "prep" and c.lower_ in INSIDE_PREPS for c in t.children)
        )

    def _exception(self, t: Token):
        """ "Troops now hold every quarter but X", "took all the districts except X":
        X stays with the other side of the claim the exception is cut from."""
        if t.lower_ == "exception":
            if t.dep_ != "pobj" or t.head.lower_ != "with":
                return None
            places, anchor = _child_pobj_all(t, ("of",)), t.head
        else:
            places = [c for c in t.children if c.dep_ == "pobj"] + _child_pobj_all(t, ("for",))
            anchor = t
        if not places:
            return None
        above = {a.i for a in anchor.ancestors}
        methods = {"gain": self._gain, "fall": self._fall, "state": self._state}
        for cue_span, cue in self.cues:
            root = cue_span.root
            if (
                cue._.cue in ("except", "fighting", "resistance", "attack", "contested")
                or cue.label_ not in methods
                or not (root.i in above or root.head.i in above and root.dep_ in ("dobj", "attr"))
            ):
                continue
            frame = methods[cue.label_](root, cue._.cue)
            if (
                frame is not None
                and frame.owner is not None
                and not frame.open_side
                and self._side(frame.owner)
            ):
                return Frame("holds", frame.owner, "other side", places)
        return None

    def _stronghold(self, t: Token):
        """ "X had been considered the rebels' main stronghold", "X, the group's last bastion", "the
        rebel stronghold of X": who holds X, said in passing. Not "a former stronghold"."""
        if not _is_noun(t) or any(
            c.lower_ in self.words["past_state"] for c in t.children if c.dep_ in ("amod", "advmod")
        ):
            return None
        owner = self._owner_in(t)
        if owner is None or not self._side(owner):
            return None
        places = _child_pobj_all(t, ("of",))
        described = t.dep_ in ("attr", "oprd", "acomp") or t.dep_ == "pobj" and t.head.lower_ == "as"
        if not places and described:  # "X is / was considered (seen as) the rebels' stronghold"
            verb = t.head if t.dep_ != "pobj" else t.head.head
            subject = _subject(verb)
            places = [_antecedent_noun(verb, subject)] if subject is not None else []
        if not places and t.dep_ == "appos":  # "X, the group's last stronghold,"
            places = [t.head]
        if described and self._past_state(t.head if t.dep_ != "pobj" else t.head.head):
            return None  # "X was once the rebels' stronghold"
        places = [p for p in places if self._place_at(p) or p.lemma_.lower() in self.words["place_nouns"]]
        return Frame("holds", owner, "", places, background=True) if places else None

    def _described_place(self, noun: Token) -> Token:
        """The place an object stands for when it names none itself: "X, a district that the army
        took" is about X; "people from X fled after troops captured it" about X, the last place the
        sentence named before the pronoun (a region there only locates it)."""
        if self._place_at(noun):
            return noun
        if noun.lower_ == "it" and (noun.dep_ == "dobj" or self._subject_of_time_clause(noun)):
            before = [
                ids
                for ids, span in self.places
                if max(ids) < noun.i
                and span.label_ == "local"
                and span._.place_id
                and not self.gazetteer.places[span._.place_id].is_region
            ]
            return self.parsed[max(before[-1])] if before else noun
        return self._apposed_place(noun) or noun

    def _subject_of_time_clause(self, noun: Token) -> bool:
        """The subject of a clause a time word opens on the main one ("kept out of X until it was
        freed", "after it fell"): it points back to a place the main clause named."""
        clause = noun.head
        return (
            noun.dep_ in ("nsubj", "nsubjpass")
            and clause.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ in self.words["temporal_marks"] for c in clause.children)
        )

    def _apposed_place(self, noun: Token) -> Token | None:
        """The place named right before a comma that opens a description of it: "X, a
        government-controlled neighbourhood in Y", "the X district, among the militia-held
        districts left", "X, one of the rebel-held districts": X, however the parser hung the description."""
        if noun.lemma_.lower() not in self.words["place_nouns"]:
            return None
        opener = _member_opener(noun, holds_words()["member_preps"])
        if opener is None and not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children):
            return None
        left = (opener or noun).left_edge.i
        if left < 2 or self.parsed[left - 1].text != ",":
            return None
        before = self.parsed[left - 2]
        if before.lemma_.lower() in self.words["place_nouns"]:  # "the X district, ...": X
            before = next(
                (c for c in before.children if c.dep_ in ("compound", "amod", "nmod") and self._place_at(c)),
                before,
            )
        return before if self._place_at(before) else None

    def _place_after(self, t: Token) -> Token | None:
        """The head word of the place named right after an "X-held" adjective ("the government-held
        west", "rebel-held eastern districts"): the place it is said of, however the parser hung it."""
        if t.i < 2 or self.parsed[t.i - 1].text != "-" or t.i + 1 >= len(self.parsed):
            return None
        for ids, _span in self.places:
            if min(ids) == t.i + 1:
                root = self.parsed[max(ids)]
                while root.head.i in ids and root.head != root:
                    root = root.head
                return root
        return None

    def _control_noun(self, t: Token):
        owner = self._owner_in(t)
        if owner is None:  # "under army control", "in the control of armed groups"
            # (not "control of 60 percent of rebel-held X": a share, whose side is no owner of the control)
            owner = next(
                (o for o in _child_pobj_all(t, ("of",)) if self._side(o) and not self._share_object(o)), None
            )
        head = t.head
        if head.lower_ == "under" and head.dep_ == "prep":
            verb = head.head
            lemma = verb.lemma_.lower()
            if (
                _is_verb(verb) and lemma in self.words["living_verbs"]
            ):  # "civilians trapped in X under militia rule"
                return Frame(
                    "holds", owner, "", _child_pobj_all(verb, ("in", "inside")) + self._where_clause_of(verb)
                )
            if (
                verb.dep_ == "pobj"
                and verb.head.lower_ in ("in", "inside")
                and verb.head.head.lemma_.lower() in self.words["living_verbs"]
            ):  # the parser hung "under X rule" on the place the people are in
                return Frame("holds", owner, "", [verb])
            if not _is_verb(verb) or lemma not in self.words["copulas"] + self.words["control_gain_verbs"]:
                return (
                    None  # "a district under militia control", "evacuate X under militia control": background
                )
            back = any(
                c.lower_ == "back" for c in (*verb.children, *head.children)
            )  # "back under army control"
            kind = "captured" if lemma in self.words["control_gain_verbs"] or back else "holds"
            args = [c for c in verb.children if c.dep_ == "dobj"] or [_subject(verb)]
            args = [
                _antecedent_noun(verb, a) if a is not None else a for a in args
            ]  # "X, which is under ... control"
            return Frame(kind, owner if owner is not None else _subject(verb), "", args)
        verb = t.head.head if t.head.dep_ == "prep" else t.head  # "in control of", "took control of"
        args = _child_pobj_all(t, ("of", "over"))
        if not args and t.dep_ == "dobj":  # "consolidated its control over X": "over" hangs on the verb
            args = _child_pobj_all(verb, ("of", "over"))
        if not args and t.dep_ == "pobj" and t.head.lower_ == "in" and _is_verb(verb):
            # "were in control over a third of X": the parser may take "over" for a number's and
            # hang the share on the verb
            args = [
                c for c in verb.children if c.dep_ in ("attr", "dobj", "npadvmod") and self._share_object(c)
            ]
        if not args:
            return None
        if owner is None or owner.lemma_.lower() in self.words["pronouns"]:
            owner = _subject(verb) if _is_verb(verb) else owner
        lemma = verb.lemma_.lower()
        if lemma in self.words["control_loss_verbs"]:
            return Frame("withdrew", owner, "other side", args)
        return Frame("captured" if lemma in self.words["control_gain_verbs"] else "holds", owner, "", args)

    def _where_clause_of(self, verb: Token) -> list[Token]:
        """ "X, where civilians live under militia rule": the noun a where-clause describes."""
        clause = (
            verb if verb.dep_ == "relcl" else next((a for a in verb.ancestors if a.dep_ == "relcl"), None)
        )
        if clause is None:  # "where civilians are believed to be trapped": "where" may hang on either verb
            return []
        between = [verb, *(a for a in verb.ancestors if a.i != clause.i and clause in a.ancestors), clause]
        return [clause.head] if any(c.lower_ == "where" for v in between for c in v.children) else []

    def _in_hands(self, t: Token):
        if t.head.lower_ not in ("in", "into") or t.head.dep_ != "prep":
            return None
        verb = t.head.head
        if not _is_verb(verb) and verb.pos_ in ("NOUN", "PROPN") and self._place_at(verb):
            # "divided, its north in the hands of one side and its south in the hands of another"
            return Frame("holds", self._hands_owner(t), "", [verb])
        if not _is_verb(verb):
            return None
        kind = "captured" if verb.lemma_.lower() in self.words["control_gain_verbs"] else "holds"
        return Frame(kind, self._hands_owner(verb), "", [_subject(verb)])

    def _patients(self, t: Token) -> list[Token]:
        """What a passive or intransitive verb is about: its subject, or the noun it modifies."""
        subject = _subject(t)
        if subject is not None:
            if subject.lower_ == "it" and self._subject_of_time_clause(subject):  # "... until it was freed"
                return [self._described_place(subject)]
            return [subject, *self._named_before(t, subject)]
        if t.dep_ in ("acl", "amod", "advcl") and t.head.pos_ in ("NOUN", "PROPN"):
            return [t.head]
        return [
            c for c in t.children if c.dep_ in ("nsubj", "dep", "npadvmod") and c.pos_ in ("NOUN", "PROPN")
        ]

    def _named_before(self, verb: Token, subject: Token) -> list[Token]:
        """ "X, the largest city in the north, was taken": the parser makes the description the
        subject and leaves the name hanging on the verb before it; when the subject names no place,
        a place just before it, across a comma, is what the description describes."""
        phrase = _phrase(subject)
        if subject.i < 2 or any(ids & phrase and span._.place_id for ids, span in self.places):
            return []
        named = [
            c
            for c in verb.children
            if c.i < subject.i
            and c.dep_ in ("advmod", "npadvmod", "nsubj", "dep")
            and self._place_at(c)
            and self.parsed[c.right_edge.i + 1].text == ","
        ]
        return named[-1:]
