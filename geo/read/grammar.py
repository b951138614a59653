"""Dependency helpers the claim reader walks the parse with: phrases, subjects, objects, tense.

Plain functions of spaCy tokens, shared by the frames, who, where, shares and modality modules.
"""

from __future__ import annotations

from spacy.tokens import Token

#: The prepositions that put what they govern inside a place ("in X", "inside X", "within X").
INSIDE_PREPS = ("in", "inside", "within")
#: Dependency labels that stay inside a noun phrase when looking for the places it names.
_PHRASE_DEPS = frozenset(
    {
        "det",
        "amod",
        "compound",
        "poss",
        "prep",
        "pobj",
        "conj",
        "cc",
        "nmod",
        "nummod",
        "quantmod",
        "case",
        "punct",
        "predet",
        "appos",
        "npadvmod",
        "advmod",
        "pcomp",
        "dobj",
    }
)
_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")


def _phrase(head: Token) -> set[int]:
    """Token indices of the noun phrase under ``head``, without its relative or adverbial clauses."""
    seen = {head.i}
    stack = [head]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in _PHRASE_DEPS and child.i not in seen:
                seen.add(child.i)
                stack.append(child)
    return seen


def _phrases(heads: list[Token | None]) -> set[int]:
    """Token indices of the noun phrases under all of ``heads`` (see :func:`_phrase`), None skipped."""
    found: set[int] = set()
    for head in (h for h in heads if h is not None):
        found |= _phrase(head)
    return found


def _path_up(token: Token, stop: Token | None) -> list[Token]:
    path = [token]
    while token.head != token and token != stop:
        token = token.head
        path.append(token)
    return path


def _subject(verb: Token | None) -> Token | None:
    """The subject of ``verb``, through control ("forced the rebels to abandon") and coordination."""
    if verb is None:
        return None
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    if subjects:  # two subjects are a misparse (an apposition, a dateline): the one nearest before the verb
        before = [c for c in subjects if c.i < verb.i]
        chosen = before[-1] if before else subjects[0]
        if chosen.dep_ == "csubj":
            return _after_participle(chosen, verb)
        if verb.tag_ == "VBG" and any(t.text == "," for t in verb.doc[chosen.i : verb.i]):
            return _before_verb_read_as_adjective(chosen) or chosen  # "A counter-attacked B, seizing Y"
        return chosen
    for aux in (
        c for c in verb.children if c.dep_ in ("aux", "auxpass")
    ):  # misparse: subject on the auxiliary
        for child in aux.children:
            if child.dep_ in _SUBJECTS:
                return child
    if verb.dep_ == "xcomp":
        objects = [c for c in verb.head.children if c.dep_ == "dobj"]
        return objects[0] if objects else _subject(verb.head)
    if verb.dep_ == "conj" and verb.head != verb:
        return _subject(verb.head)
    if verb.dep_ == "acomp" and verb.head != verb:  # "troops were able to drive ...": the copula's subject
        return _subject(verb.head)
    if verb.dep_ == "relcl":
        return verb.head
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head != verb:  # "attacked X, seizing Y"
        return _subject(verb.head)
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ == "ROOT":  # the same with B the root
        return _before_verb_read_as_adjective(verb.head)
    return None


def _before_verb_read_as_adjective(noun: Token) -> Token | None:
    """The subject of a sentence the parser read with no verb: in "A counter-attacked B in X, seizing
    Y" it took the verb for an adjective of B, made B the root or the participle's subject, and the
    participle clause hangs on B. The noun right before that past form ("A") is whoever did both;
    None when ``noun`` has no such adjective."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    for word in noun.subtree:
        if word.i >= noun.i or word.i == 0:
            continue
        before = noun.doc[word.i - 1]
        if (
            word.dep_ == "amod"
            and word.tag_ in ("JJ", "VBN", "VBD")
            and word.lower_.endswith("ed")
            and before.pos_ in ("NOUN", "PROPN")
            and before.head.i in (noun.i, word.i, word.head.i)
        ):
            return before
    return None


def _after_participle(subject: Token, verb: Token) -> Token:
    """The real subject after an opening participle clause the parser took for one: in "Pushing
    through X, the army took Y", the army, the noun phrase between the last comma and the verb."""
    if subject.tag_ != "VBG" or subject.i > verb.i:
        return subject
    commas = [t.i for t in verb.doc[subject.i : verb.i] if t.text == ","]
    if not commas:
        return subject
    span = range(commas[-1] + 1, verb.i)
    heads = [
        verb.doc[i]
        for i in span
        if verb.doc[i].pos_ in ("NOUN", "PROPN", "PRON") and verb.doc[i].head.i not in span
    ]
    return heads[0] if heads else subject


def _antecedent_noun(verb: Token, word: Token) -> Token:
    """The noun a relative pronoun stands for: "X, which the rebels seized," is about X."""
    if word.lower_ in ("which", "that", "whom") and verb.dep_ == "relcl":
        return verb.head
    return word


def _origins(verb: Token) -> list[Token]:
    """Where someone left from: "withdrew from X", "pulled out of X", "were pushed out of X"."""
    return _child_pobj_all(verb, ("of", "from")) + [
        g
        for c in verb.children
        if c.lower_ in ("out", "away", "back")
        for g in _child_pobj_all(c, ("of", "from"))
    ]


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in verb.children)


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _poss(noun: Token) -> Token | None:
    return next((c for c in noun.children if c.dep_ == "poss"), None)


def _child_pobj_all(token: Token, preps: tuple[str, ...]) -> list[Token]:
    return [
        g
        for c in token.children
        if c.lower_ in preps and c.dep_ in ("prep", "agent", "prt", "dative")
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _child_pobj(token: Token, preps: tuple[str, ...]) -> Token | None:
    found = _child_pobj_all(token, preps)
    return found[0] if found else None


def _past(verb: Token) -> bool:
    """Told in a past tense ("held", "had consolidated", "has taken"): not only as of publication."""
    if verb.tag_ == "VBD":
        return True
    return any(
        c.dep_ in ("aux", "auxpass") and (c.tag_ == "VBD" or c.lemma_ == "have") for c in verb.children
    )


def _is_verb(token: Token) -> bool:
    """A verb, or a headline word the tagger took for a name but the parser gave a subject."""
    return token.pos_ in ("VERB", "AUX") or any(c.dep_ in _SUBJECTS for c in token.children)


def _is_noun(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and not _is_verb(token)


def _clause_verb(token: Token, blockers: list[str]) -> Token | None:
    """The verb whose clause holds ``token``; None when a noun on the way is a plan or a request."""
    current = token
    while not _is_verb(current) and current.head != current:
        if current != token and current.lemma_.lower() in blockers:
            return None
        current = current.head
    return current


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def _has_phrase(lowered: str, phrase: str) -> bool:
    at = lowered.find(phrase)
    while at >= 0:
        before = lowered[at - 1] if at else " "
        after = lowered[at + len(phrase)] if at + len(phrase) < len(lowered) else " "
        if not before.isalnum() and not after.isalnum():
            return True
        at = lowered.find(phrase, at + 1)
    return False
