"""Modality: how a claim is said (claimed, denied or blocked), who says it, and its hedges."""

from __future__ import annotations

from spacy.tokens import Token

from .grammar import _agent, _clause_verb, _has_phrase, _passive, _subject


class Modality:
    """Modality methods of a parsed sentence (see :class:`geo.read.reader._Sentence`)."""

    def _status(self, token: Token) -> str:
        """``claim``, ``denied`` or ``blocked`` (negated, hypothetical, conditional, intended, asked for)."""
        w = self.words
        current = _clause_verb(token, w["blockers"])
        if current is None:
            return "blocked"
        if (
            current is not token
            and current.lemma_.lower() in w["blockers"]
            and current.lemma_.lower() not in (*w["implicatives"], *w["noun_blockers"], "have")
        ):
            return "blocked"  # "fighting is expected in X", "troops fear resistance in X": not yet
        status = "claim"
        inherit = True  # modality reaches down xcomp/conj/advcl chains, not into reported speech
        for _ in range(12):
            if inherit:
                for child in current.children:
                    lower = child.lower_
                    if child.dep_ == "neg" or (
                        lower in w["negations"] and child.dep_ in ("advmod", "det", "neg")
                    ):
                        return "blocked"
                    if child.dep_ in ("aux", "auxpass") and lower in w["modals"]:
                        return "blocked"
                    if child.dep_ == "mark" and lower in w["conditionals"]:
                        return "blocked"
                    if (
                        child.dep_ == "advmod" and lower in w["future_adverbs"]
                    ):  # "to be evacuated imminently"
                        return "blocked"
            governor = current.head
            if governor == current:
                break
            if current.dep_ == "ccomp" and _glued(current, governor):
                break  # "X fell; rebels denied it": two clauses the parser joined, each said on its own
            infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
            if (infinitive or current.dep_ == "xcomp") and governor.lemma_.lower() not in w["denials"]:
                near = [c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr")]
                # "claims to have taken X", "is said to have seized X": a done deed, reported
                perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in current.children)
                # "are thought to be living under X rule": a state reported, not an aim
                state = any(c.dep_ in ("aux", "auxpass") and c.lower_ == "be" for c in current.children)
                reported = (perfect or state) and governor.lemma_.lower() in w["speech_verbs"] + w[
                    "reporting_infinitives"
                ]
                done = (
                    governor.lemma_.lower() in w["implicatives"]
                    or any(  # "a deal to evacuate", not "strikes ... to take"
                        t.lemma_.lower() in w["implicative_nouns"] for t in near
                    )
                    or current.dep_ == "relcl"
                    and any(c.dep_ == "amod" and c.lower_ in w["ordinals"] for c in governor.children)
                )  # "the first area to fall"
                if not reported and not done:
                    return "blocked"
            elif (
                current.dep_ in ("ccomp", "acl", "pcomp", "dobj", "xcomp")
                or current.dep_ == "relcl"
                and any(c.dep_ == "mark" for c in current.children)
            ):  # "the report that X fell": a content clause
                inherit = False
            elif current.dep_ == "advcl" and any(
                c.lower_ in w["temporal_marks"] and c.dep_ in ("mark", "advmod") for c in current.children
            ):
                endpoint = any(c.lower_ in w["endpoint_marks"] for c in current.children)
                if any(
                    c.dep_ in ("aux", "auxpass")
                    and c.lower_ in (w["modals"] if endpoint else w["future_modals"])
                    for c in governor.children
                ):
                    return "blocked"  # "once the fighters have left X, the city will be...": a future step
                break  # "when the fighters overran X, ...": a fact the main clause takes for granted
            elif current.dep_ in ("csubj", "csubjpass"):
                pass  # "Taking X would hand him a victory": the gerund takes its clause's modality
            elif current.dep_ not in ("conj", "advcl"):
                break
            lemma = governor.lemma_.lower()
            if lemma in w["denials"]:
                status = "denied"
            elif (
                lemma in w["blockers"]
                and lemma not in w["implicatives"]
                and not (lemma in w["noun_blockers"] and governor.pos_ in ("VERB", "AUX"))
            ):  # "advanced and seized X"
                return "blocked"
            nxt = _clause_verb(governor, w["blockers"])
            if nxt is None:
                return "blocked"
            if nxt != governor and nxt.lemma_.lower() in w["denials"]:  # "rejected the report that X fell"
                status = "denied"
            current = nxt
        return status

    def _denier_side(self, token: Token) -> str | None:
        """The side of whoever denies the claim ``token`` states ("rebels denied that ...")."""
        node = token
        for _ in range(12):
            if node.lemma_.lower() in self.words["denials"]:
                subject = _subject(node)
                return self._side(subject) if subject is not None else None
            if node.head == node:
                return None
            node = node.head
        return None

    def _attribution(self, token: Token) -> tuple[str, bool]:
        """Who the sentence says made the claim, and whether that is only a pronoun to resolve."""
        w = self.words
        speech = set(w["speech_verbs"])
        node = token
        for _ in range(12):
            candidates = [node, *(c for c in node.children if c.dep_ == "parataxis")]
            for verb in candidates:
                if verb.lemma_.lower() in speech and verb != token:
                    # "X is said to have...": the speaker is the agent, if any, not X
                    subject = _agent(verb) if _passive(verb) else _subject(verb)
                    if subject is not None:
                        text = " ".join(
                            self.parsed[subject.left_edge.i : subject.right_edge.i + 1].text.split()
                        )
                        text = text.strip(" ,")
                        return text, subject.pos_ == "PRON"
            if node.head == node:
                break
            node = node.head
        lowered = self.text.lower()
        for phrase in w["according_to"]:
            at = lowered.find(phrase + " ")
            if at >= 0:
                rest = self.text[at + len(phrase) + 1 :]
                return rest.split(",")[0].split(".")[0].split(";")[0].strip(), False
        for source in w["sources"]:
            if source.lower() in lowered:
                return source, False
        return "", False

    def _hedges(self) -> str:
        lowered = self.text.lower()
        found = [h for h in self.words["hedges"] if _has_phrase(lowered, h)]
        return ", ".join(found)

    def _past_state(self, token: Token) -> bool:
        return any(c.lower_ in self.words["past_state"] for c in token.children if c.dep_ == "advmod")


def _glued(clause: Token, governor: Token) -> bool:
    """True when the parser hung a clause on a verb across a semicolon although that verb has its
    own object ("X had been captured; a rebel official denied it"), or an object complement that
    stands for one ("...; an officer called the rout shameful", the object read into it): no
    complement of it."""
    doc = clause.doc
    between = doc[min(clause.i, governor.i) : max(clause.i, governor.i)]
    return any(t.text == ";" for t in between) and any(
        c.dep_ in ("dobj", "oprd") and c is not clause for c in governor.children
    )
