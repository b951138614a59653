"""Evacuations told through the vehicles that carry people out, or by a plain leaving verb.

"Buses carrying rebels pulled out of X" is an evacuation of the rebels, not a withdrawal of the
buses; "rebels went out of X" (aboard buses, under a deal) is one only because a side's fighters
are the subject. The words are data (``data/lexicon/evacuations.json``).
"""

from __future__ import annotations

import json
from functools import lru_cache

from spacy.tokens import Token

from ..core import LEXICON_DIR
from .grammar import _child_pobj


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
