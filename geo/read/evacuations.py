"""Evacuations told through the vehicles that carry people out, or by a plain leaving verb.

"Buses carrying rebels pulled out of X" is an evacuation of the rebels, not a withdrawal of the
buses; "rebels went out of X" (aboard buses, under a deal) is one only because a side's fighters
are the subject. The words are data (``data/lexicon/evacuations.json``).
"""

from __future__ import annotations

import json
from functools import lru_cache

from spacy.tokens import Span, Token

from ..core import LEXICON_DIR
from .frames import Frame
from .grammar import _child_pobj, _child_pobj_all, _passive, _phrase, _subject


@lru_cache(maxsize=1)
def evacuation_words() -> dict:
    """The word lists of ``data/lexicon/evacuations.json``."""
    return json.loads((LEXICON_DIR / "evacuations.json").read_text(encoding="utf-8"))


class Evacuations:
    """Evacuation-reading methods of a parsed sentence (see :class:`geo.read.reader._Sentence`)."""

    def _carried(self, subject: Token | None) -> Token | None:
        """The people a vehicle carries, when ``subject`` is a vehicle ("23 buses, carrying
        rebels, ...", "a convoy of fighters"): the side that is moved out."""
        w = evacuation_words()
        if (
            subject is None
            or subject.lemma_.lower() not in w["vehicles"]
            and subject.lower_ not in w["vehicles"]
        ):
            return None
        # "buses carrying X", or the parser's "buses, carrying X, started to ..." on the verb
        beside = [c for c in subject.head.children if c.dep_ == "advcl"] if subject.head != subject else []
        for child in [*subject.children, *beside]:
            if child.dep_ in ("acl", "relcl", "advcl") and child.lemma_.lower() in w["carrying_verbs"]:
                carried = next((c for c in child.children if c.dep_ == "dobj"), None)
                if carried is not None:
                    return carried
        return _child_pobj(subject, ("of", "with"))

    def _leaving_subject(self, verb: Token) -> Token | None:
        """The subject of a leaving verb, preferring one that names a side: a dateline the parser
        took for a second subject ("Aleppo, AGENCY - rebels went out of X") is no leaver."""
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        named = [c for c in subjects if self._side(c)]
        return (named or subjects or [None])[0]

    def _route_of_leaving(self, verb: Token) -> bool:
        """True for "taking the X crossing" said of people leaving ("went out of A, taking the X
        crossing towards B"): the way they went, no capture. Only a participle: "fled after the army
        captured it" is a capture."""
        if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "conj") or verb.head == verb:
            return False
        return any(
            span.root == verb.head and (cue.label_ in ("evacuate", "loss") or cue._.cue == "leave")
            for span, cue in self.cues
        )

    def _leaver_fights(self, cue: str, evacuees: Token | None) -> bool:
        """False for a plain leaving cue ("went out of X") whose subject is no side's fighters."""
        if cue not in evacuation_words()["leaving_cues"]:
            return True
        return evacuees is not None and bool(self._side(evacuees)) and self._is_fighter(evacuees)

    def _evacuation_until(self, token: Token, cue: str) -> Frame | None:
        """ "More buses will leave until A and B are rid of the rebels", once the article has told
        fighters leaving: the evacuation under way goes on, so A and B are being evacuated. The
        clause before "until" must say the leaving goes on (a continuation word beside a vehicle,
        a batch or "follow"), with no hedge but the future; a deal or plan to evacuate is no
        evacuation under way, and no "until" is read before one is told."""
        w = evacuation_words()
        if not self.evacuating or cue not in w["clearing_cues"]:
            return None
        sent = self.parsed
        start = max((t.i + 1 for t in sent[: token.i] if t.text == ";"), default=0)
        until = next(
            (t for t in reversed(sent[start : token.i]) if t.lower_ in w["continuation_marks"]), None
        )
        if until is None or until.i == start:
            return None
        end = next((t.i for t in sent[token.i :] if t.text == ";"), len(sent))
        before = sent[start : until.i]
        if not self._leaving_goes_on(before, w):
            return None
        # "rid of the rebels", "the rebels have been cleared out of A": the fighters who leave
        cleared = _child_pobj_all(token, ("of",))
        cleared += [g for c in token.children if c.lower_ == "out" for g in _child_pobj_all(c, ("of",))]
        if _passive(token):
            cleared.append(_subject(token))
        fighters = [c for c in cleared if c is not None and not self._place_at(c) and self._side(c)]
        if not fighters:
            return None  # "until the roads are cleared of rubble": nobody leaves
        taken = {i for f in fighters for i in _phrase(f)}
        places = [
            sent[min(ids)]
            for ids, _span in self.places
            if min(ids) > until.i and max(ids) < end and not ids & taken
        ]
        if not places:
            return None
        return Frame("evacuated", fighters[0], "other side", places)

    def _leaving_goes_on(self, clause: Span, w: dict) -> bool:
        """True when ``clause`` says the leaving goes on ("further batches will follow", "the
        remaining fighters will go in more buses"), neither denied nor hedged but for the future."""
        lowers = {t.lower_ for t in clause}
        if not lowers & set(w["continuation_words"]):
            return False
        if not any(
            t.lower_ in w["vehicles"]
            or t.lower_ in w["batch_nouns"]
            or t.lemma_.lower() in w["continuing_verbs"]
            for t in clause
        ):
            return False
        words = self.words
        hedges = set(words["modals"]) - set(words["future_modals"])
        return not any(
            t.dep_ == "neg"
            or t.dep_ in ("aux", "auxpass")
            and t.lower_ in hedges
            or t.dep_ == "mark"
            and t.lower_ in words["conditionals"]
            or t.lemma_.lower() in words["blockers"]
            and t.lemma_.lower() not in ("have", "move")
            for t in clause
        )
