"""Who: the side a phrase, a possessive or a pronoun names."""

from __future__ import annotations

from spacy.tokens import Token

from .grammar import _child_pobj, _path_up, _phrase


class Who:
    """Side-finding methods of a parsed sentence (see :class:`geo.read.reader._Sentence`)."""

    def _hands_owner(self, t: Token) -> Token | None:
        """The side in "into the regime's hands" / "in the hands of the rebels" under ``t``."""
        for prep in (c for c in t.children if c.lower_ in ("in", "into")):
            for hands in (c for c in prep.children if c.lower_ == "hands"):
                return self._owner_in(hands) or _child_pobj(hands, ("of",))
        if t.lower_ == "hands":
            return self._owner_in(t) or _child_pobj(t, ("of",))
        return None

    def _owner_in(self, t: Token) -> Token | None:
        """An actor modifying ``t``: "opposition control", "the regime's hands", "its control"."""
        for child in t.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod", "npadvmod"):
                if (
                    self._actor_at(child)
                    or child.lemma_.lower() in self.words["pronouns"]
                    or child.dep_ == "poss"
                    and self._actor_noun(child)
                ):
                    return child
        for ids, span in self.actors:
            if any(i in ids for i in range(t.left_edge.i, t.i)):
                return self.parsed[span.start - self.sent.start]
        return None

    def _actor_noun(self, token: Token) -> bool:
        """ "The group" (``actor_nouns`` with "the"), not itself a named actor: it points back to
        the side last named, as a pronoun does."""
        return (
            token.lemma_.lower() in self.words["actor_nouns"]
            and not self._actor_at(token)
            and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        )

    def _actor_at(self, token: Token) -> str | None:
        for ids, span in self.actors:
            if token.i in ids:
                return span._.side
        return None

    def _side(self, head: Token) -> str | None:
        """The side a phrase names: the actor that is its head or modifies it directly."""
        if head.lemma_.lower() in ("who", "which", "that") and head.head.dep_ == "relcl":
            head = head.head.head
        if head.lower_ in self.words["pronouns_speaker"]:  # "we have taken X," an army officer said
            sides = [span._.side for ids, span in self.actors if head.i not in ids]
            return sides[0] if sides else self._antecedent(head)
        if head.lemma_.lower() in self.words["pronouns"] or head.pos_ == "PRON" or self._actor_noun(head):
            return self._antecedent(head)
        phrase = _phrase(head)
        found = [(ids, span) for ids, span in self.actors if ids & phrase]
        for ids, span in found:
            if head.i in ids:
                return span._.side
        for _ids, span in found:
            root = self.parsed[span.end - 1 - self.sent.start]
            if all(
                tok.dep_ in ("compound", "amod", "nmod", "poss", "det", "npadvmod", "conj", "punct")
                for tok in _path_up(root, head)
            ):
                return span._.side
        if found:
            return found[0][1]._.side
        if head.lemma_.lower() in self.words["fighter_nouns"] and any(  # "the troops", "its forces"
            c.dep_ in ("det", "poss") and c.lower_ in self.words["definite_determiners"]
            for c in head.children
        ):
            return self._antecedent(head)
        return None

    def _antecedent(self, pronoun: Token) -> str | None:
        """The side of the last actor named before a pronoun, in this sentence or the ones before;
        the speaker's, for the subject of what a named side says it did ("the army said it took X").
        A noun that never names the forces of a state ("the group") reaches back past them."""
        speaker = self._speaker_of(pronoun)
        if speaker is not None:
            return speaker
        before = self.sent.start + pronoun.i
        latest = None
        if pronoun.lemma_.lower() in self.words["non_state_nouns"]:
            war = self.gazetteer.war
            others = frozenset(s.id for s in war.sides if not s.state)
            latest = self.index.last_fighter_of(before, others) if len(others) < len(war.sides) else None
        latest = latest or self.index.last_fighter_before(before) or self.index.last_actor_before(before)
        return latest._.side if latest is not None else None

    def _speaker_of(self, pronoun: Token) -> str | None:
        """The side that says it: "troops said (on Friday) they had taken X" — the pronoun subject of
        a clause a speech verb reports, that verb's subject an actor named in the sentence."""
        if pronoun.dep_ not in ("nsubj", "nsubjpass"):
            return None
        clause = pronoun.head
        while clause.dep_ == "conj" and clause.head != clause:
            clause = clause.head
        verb = clause.head
        if clause.dep_ != "ccomp" or verb.lemma_.lower() not in self.words["speech_verbs"]:
            return None
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            if subject.i < pronoun.i:
                found = [span for ids, span in self.actors if ids & _phrase(subject)]
                if found:
                    return found[0]._.side
        return None

    def _is_fighter(self, head: Token) -> bool:
        return bool(self._side(head)) or head.lemma_.lower() in self.words["fighter_nouns"]
