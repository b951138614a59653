"""The claim reader: the spaCy component (``geo_claims``) that reads each candidate sentence.

It runs last in the pipeline :func:`geo.mentions.load_pipeline` assembles, over the places,
actors and control words the earlier components marked, and leaves plain readings on
``Doc._.claim_readings``; :func:`geo.claims.read_claims` turns them into :class:`Claim`s.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..core import ARTICLES, NO_SIDE, find_dates
from ..gazetteer import Conflict, Gazetteer
from .lexicon import context_words

_TYPE_RANK = {"denied": 4, "captured": 3, "withdrew": 3, "evacuated": 3, "percent": 2, "holds": 1}
#: Dependency labels that stay inside a noun phrase when looking for the places it names.
_PHRASE_DEPS = frozenset({"det", "amod", "compound", "poss", "prep", "pobj", "conj", "cc", "nmod", "nummod",
                          "quantmod", "case", "punct", "predet", "appos", "npadvmod", "advmod", "pcomp", "dobj"})
_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")


@Language.factory("geo_claims")
def make_claim_reader(nlp: Language, name: str) -> ClaimReader:
    return ClaimReader()


if not Doc.has_extension("claim_readings"):
    Doc.set_extension("claim_readings", default=None)


class ClaimReader:
    """The last component: reads each parsed candidate sentence into claim readings.

    Readings are plain dicts on ``doc._.claim_readings`` (so they cross process boundaries);
    :func:`geo.claims.read_claims` dates them against the article. Sides the sentence leaves open
    ("the fall of X", "X was abandoned") are filled from the article: the side its other
    captures name, or the other side of the one that left.
    """

    gazetteer: Gazetteer | None = None

    def __call__(self, doc: Doc) -> Doc:
        readings: list[dict] = []
        previous_source = ""
        for sent, parsed in doc._.parsed or []:
            found = _Sentence(doc, sent, parsed, self.gazetteer).read()
            for reading in found:
                if reading["attribution_pronoun"]:
                    reading["attribution"] = previous_source or reading["attribution"]
            sources = [r["attribution"] for r in found if r["attribution"] and not r["attribution_pronoun"]]
            previous_source = sources[-1] if sources else previous_source
            readings.extend(found)
        doc._.claim_readings = [_public(r) for r in _fill_sides(doc, readings, self.gazetteer.war)]
        doc._.parsed = None
        return doc


def _public(reading: dict) -> dict:
    return {k: v for k, v in reading.items() if not k.startswith(("attribution_pronoun", "leaver", "open"))}


def _fill_sides(doc: Doc, readings: list[dict], conflict: Conflict) -> list[dict]:
    """Give sides to readings whose sentence names none; drop those the article cannot settle.

    A place someone left goes to the other side the article names; when it names none, to the
    leaver's first opponent in the conflict's ``opposes``."""
    explicit = Counter(r["controller"] for r in readings if r["controller"] and r["claim_type"] == "captured")
    mentioned = Counter(s._.side for s in doc.spans["actors"] if s._.side != NO_SIDE)
    prevailing = (explicit or mentioned).most_common(1)
    kept = []
    for r in readings:
        if r["controller"] is None and r["open"] == "other side" and r["leaver"]:
            others = [(n, side) for side, n in mentioned.items() if side != r["leaver"]]
            r["controller"] = max(others)[1] if others else conflict.opponent(r["leaver"])
            if len(others) != 1:  # more than one other side in the article: a guess among them
                r["flags"].append("side inferred")
        elif r["controller"] is None and prevailing:
            r["controller"] = prevailing[0][0]
            r["flags"].append("side inferred")
        if r["controller"] is None:
            continue
        if r["claim_type"] == "denied":
            r["disputes"] = f"{r['disputes']}:{r['controller']}"
        kept.append(r)
    return kept


@dataclass(frozen=True)
class Frame:
    """What a control word claims: the claim type, the phrase naming the side (``owner``), whether
    the place goes to that side or to the ``other side`` (it left), the phrases naming places, and
    the token indices where a site stands ("a hospital in X": a partial claim on X)."""

    claim_type: str
    owner: Token | None
    open_side: str
    args: list[Token | None]
    sites: frozenset[int] = frozenset()


class _Sentence:
    """One parsed candidate sentence and the mentions in it, in the parsed copy's token indices."""

    def __init__(self, doc: Doc, sent: Span, parsed: Doc, gazetteer: Gazetteer):
        self.doc, self.sent, self.parsed, self.gazetteer = doc, sent, parsed, gazetteer
        self.words = context_words()
        self.places = [(self._ids(s), s) for s in self._inside("places")]
        self.actors = [(self._ids(s), s) for s in self._inside("actors") if s._.side != "none"]
        self.cues = [(parsed[s.start - sent.start:s.end - sent.start], s) for s in self._inside("cues")]
        self.known = {i for ids, _ in self.places for i in ids} | {
            i for s in self._inside("actors") for i in self._ids(s)}
        body = [t for t in sent if not t.is_space]
        self.start, self.end = body[0].idx, body[-1].idx + len(body[-1].text)
        self.text = doc.text[self.start:self.end]

    def _inside(self, group: str) -> list[Span]:
        return [s for s in self.doc.spans[group] if s.start >= self.sent.start and s.end <= self.sent.end]

    def _ids(self, span: Span) -> set[int]:
        return set(range(span.start - self.sent.start, span.end - self.sent.start))

    # -- reading ---------------------------------------------------------------------------------
    def read(self) -> list[dict]:
        readings = []
        for cue_span, cue in self.cues:
            readings.extend(self._read_cue(cue_span, cue))
        best: dict[int, dict] = {}
        for r in readings:  # one claim per place name: a change beats a statement of who holds it
            old = best.get(r["place_start"])
            if old is None or _TYPE_RANK[r["claim_type"]] > _TYPE_RANK[old["claim_type"]]:
                best[r["place_start"]] = r
        return [best[k] for k in sorted(best)]

    def _read_cue(self, cue_span: Span, cue: Span) -> list[dict]:
        token = cue_span.root
        frame = {"gain": self._gain, "fall": self._fall, "loss": self._loss, "expel": self._expel,
                 "evacuate": self._evacuate, "state": self._state}[cue.label_](token, cue._.cue)
        if frame is None:
            return []
        claim_type, owner, open_side, args = frame.claim_type, frame.owner, frame.open_side, frame.args
        status = self._status(token)
        if status == "blocked":
            return []
        places = self._places_in(args)
        if not places:
            return []
        side, leaver = None, None
        if open_side == "other side":
            leaver = self._side(owner) if owner is not None else None
            if owner is not None and leaver is None and not self._is_fighter(owner):
                return []  # civilians fleeing, a plan withdrawn: no side left anything
        else:
            side = self._side(owner) if owner is not None else None
        attribution, pronoun = self._attribution(token)
        past = _past(_clause_verb(token, []) or token)
        out = []
        for place_span, place_id, candidates, flags in places:
            share = self._share(place_span, args)
            if share is None:
                continue
            percent, partial = share
            partial = partial or place_span.start - self.sent.start in frame.sites
            kind = claim_type
            if percent is not None and kind == "holds":
                kind = "percent"
            reading = {
                "sentence": self.text, "start": self.start, "end": self.end,
                "place_as_written": place_span.text, "place_id": place_id,
                "place": self.gazetteer.places[place_id].name if place_id else "",
                "controller": "contested" if cue._.cue == "contested" else side,
                "claim_type": kind, "percent": percent, "partial": partial,
                "place_start": place_span.start_char, "place_end": place_span.end_char,
                "cue": cue.text, "cue_start": cue.start_char, "cue_end": cue.end_char,
                "candidates": list(candidates), "disputes": "", "flags": list(flags),
                "attribution": attribution, "attribution_pronoun": pronoun, "hedged": self._hedges(),
                "open": open_side if side is None else "", "leaver": leaver, "past": past,
            }
            if status == "denied":  # kept as the dispute of the claim it answers
                reading["claim_type"], reading["disputes"] = "denied", kind
            out.append(reading)
        return out

    # -- frames: what each kind of control word claims, and about which words ----------------
    def _gain(self, t: Token, cue: str):
        if _is_noun(t):
            return Frame("captured", _child_pobj(t, ("by",)) or _poss(t), "", _child_pobj_all(t, ("of",)))
        if _passive(t):
            return Frame("captured", _agent(t), "", self._patients(t))
        args = [c for c in t.children if c.dep_ in ("dobj", "attr", "oprd")
                or c.dep_ in ("npadvmod", "dep") and self._place_at(c)] + _child_pobj_all(t, ("into", "over"))
        args = [_antecedent_noun(t, a) for a in args]
        sites: set[int] = set()
        if any(a.lemma_.lower() in self.words["site_nouns"] for a in args):  # "stormed a hospital in X"
            located = _child_pobj_all(t, ("in", "inside", "at"))
            sites = {i for p in located for i in _phrase(p)}
            args += located
        if t.dep_ in ("acl", "amod") and not args:
            args = [t.head]
        return Frame("captured", _subject(t), "", args, frozenset(sites))

    def _fall(self, t: Token, cue: str):
        agent = _child_pobj(t, ("to",)) or self._hands_owner(t)
        if _is_noun(t):
            return Frame("captured", agent, "", _child_pobj_all(t, ("of",)))
        return Frame("captured", agent, "", self._patients(t))

    def _loss(self, t: Token, cue: str):
        if _is_noun(t):
            return Frame("withdrew", _poss(t) or _child_pobj(t, ("by",)), "other side", _child_pobj_all(t, ("of", "from")))
        if _passive(t):
            return Frame("withdrew", _agent(t), "other side", self._patients(t))
        args = [_antecedent_noun(t, c) for c in t.children if c.dep_ == "dobj"] + _origins(t)
        return Frame("withdrew", _subject(t), "other side", args)

    def _expel(self, t: Token, cue: str):
        """"The army drove the rebels out of X" gives X to the army; "rebels were pushed out of X",
        with no one named, to the side the rebels are not on."""
        origins = _origins(t)
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
            return Frame("evacuated", _subject(t), "other side", _child_pobj_all(t, ("from",)) + [
                s for s in self._patients(t) if self._place_at(s)])
        objects = [c for c in t.children if c.dep_ == "dobj"]
        places = [o for o in objects if self._place_at(o)]
        if places:  # "rebels evacuated the district"
            return Frame("evacuated", _subject(t), "other side", places)
        evacuees = objects[0] if objects else None
        if evacuees is not None and evacuees.lemma_.lower() in self.words["evacuees_not_fighters"]:
            return None
        # "evacuate the rebels from X": the parser often hangs "from X" on the rebels
        origins = _child_pobj_all(t, ("from",)) + [
            g for o in objects for i in _phrase(o) if self.parsed[i].lower_ == "from"
            for g in self.parsed[i].children if g.dep_ == "pobj"]
        return Frame("evacuated", evacuees, "other side", origins)

    def _state(self, t: Token, cue: str):
        if cue == "hands":
            return self._in_hands(t)
        if cue == "contested":  # "X remains contested", "X is disputed"; not "contested areas"
            subject = _subject(t) or (_subject(t.head) if t.dep_ in ("acomp", "attr", "oprd") else None)
            return Frame("holds", None, "", [subject]) if subject is not None else None
        if _is_noun(t):
            return self._control_noun(t)
        if t.dep_ in ("acl", "amod", "relcl", "compound") or self._past_state(t):
            return None  # "the district, held by rebels," and "rebel-held X": background, not a claim
        if t.i > 0 and self.parsed[t.i - 1].text == "-":  # "X-held" said of the subject: "it is rebel-held"
            return None if t.dep_ not in ("acomp", "attr") else Frame("holds", self.parsed[t.i - 2], "", [_subject(t.head)])
        if _passive(t):
            return Frame("holds", _agent(t), "", self._patients(t))
        return Frame("holds", _subject(t), "", [c for c in t.children if c.dep_ in ("dobj", "attr")])

    def _control_noun(self, t: Token):
        owner = self._owner_in(t)
        head = t.head
        if head.lower_ == "under" and head.dep_ == "prep":
            verb = head.head
            lemma = verb.lemma_.lower()
            if not _is_verb(verb) or lemma not in self.words["copulas"] + self.words["control_gain_verbs"]:
                return None  # "a district under rebel control", "evacuate X under rebel control": background
            kind = "captured" if lemma in self.words["control_gain_verbs"] else "holds"
            args = [c for c in verb.children if c.dep_ == "dobj"] or [_subject(verb)]
            return Frame(kind, owner if owner is not None else _subject(verb), "", args)
        verb = t.head.head if t.head.dep_ == "prep" else t.head  # "in control of", "took control of"
        args = _child_pobj_all(t, ("of", "over"))
        if not args and t.dep_ == "dobj":  # "consolidated its control over X": "over" hangs on the verb
            args = _child_pobj_all(verb, ("of", "over"))
        if not args:
            return None
        if owner is None or owner.lemma_.lower() in self.words["pronouns"]:
            owner = _subject(verb) if _is_verb(verb) else owner
        lemma = verb.lemma_.lower()
        if lemma in self.words["control_loss_verbs"]:
            return Frame("withdrew", owner, "other side", args)
        return Frame("captured" if lemma in self.words["control_gain_verbs"] else "holds", owner, "", args)

    def _in_hands(self, t: Token):
        if t.head.lower_ not in ("in", "into") or t.head.dep_ != "prep":
            return None
        verb = t.head.head
        if not _is_verb(verb):
            return None
        kind = "captured" if verb.lemma_.lower() in self.words["control_gain_verbs"] else "holds"
        return Frame(kind, self._hands_owner(verb), "", [_subject(verb)])

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
                if self._actor_at(child) or child.lemma_.lower() in self.words["pronouns"]:
                    return child
        for ids, span in self.actors:
            if any(i in ids for i in range(t.left_edge.i, t.i)):
                return self.parsed[span.start - self.sent.start]
        return None

    def _patients(self, t: Token) -> list[Token]:
        """What a passive or intransitive verb is about: its subject, or the noun it modifies."""
        subject = _subject(t)
        if subject is not None:
            return [subject]
        if t.dep_ in ("acl", "amod", "advcl") and t.head.pos_ in ("NOUN", "PROPN"):
            return [t.head]
        return [c for c in t.children if c.dep_ in ("nsubj", "dep", "npadvmod") and c.pos_ in ("NOUN", "PROPN")]

    # -- who --------------------------------------------------------------------------------------
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
        if head.lemma_.lower() in self.words["pronouns"] or head.pos_ == "PRON":
            return self._antecedent(head)
        phrase = _phrase(head)
        found = [(ids, span) for ids, span in self.actors if ids & phrase]
        for ids, span in found:
            if head.i in ids:
                return span._.side
        for _ids, span in found:
            root = self.parsed[span.end - 1 - self.sent.start]
            if all(tok.dep_ in ("compound", "amod", "nmod", "poss", "det", "npadvmod", "conj", "punct")
                   for tok in _path_up(root, head)):
                return span._.side
        return found[0][1]._.side if found else None

    def _antecedent(self, pronoun: Token) -> str | None:
        """The side of the last actor named before a pronoun, in this sentence or the ones before."""
        before = self.sent.start + pronoun.i
        earlier = [s for s in self.doc.spans["actors"] if s.end <= before and s._.side != NO_SIDE]
        return earlier[-1]._.side if earlier else None

    def _is_fighter(self, head: Token) -> bool:
        return bool(self._side(head)) or head.lemma_.lower() in self.words["fighter_nouns"]

    # -- where ------------------------------------------------------------------------------------
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
            place_id, candidates, flags = span._.place_id, span._.candidates, list(span._.place_flags)
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

    def _share(self, place: Span, heads: list[Token | None]) -> tuple[float | None, bool] | None:
        """The percent claimed ("85 percent of", "three-quarters of") and whether only part is meant.

        None when the place hangs on a word that is no part of it ("talks about Aleppo").
        """
        w = self.words
        root = self.parsed[place.end - 1 - self.sent.start]
        ids = set(range(place.start - self.sent.start, place.end - self.sent.start))
        while root.head.i in ids and root.head != root:
            root = root.head
        path = [t for t in _path_up(root, None)[1:] if any(t.i in _phrase(h) for h in heads if h is not None)]
        percent, partial = None, False
        for token in path:
            if any(token.i in other for other, _ in self.places) or token.pos_ not in ("NOUN", "ADJ", "PRON", "PROPN"):
                continue
            lemma = token.lemma_.lower()
            text = self.parsed[token.left_edge.i:token.i + 1].text.lower()
            if token.lower_ in w["percent_words"]:
                number = next((c for c in token.children if c.like_num), None)
                percent = _number(number.text) if number is not None else percent
            elif any(text.endswith(f) for f in w["fractions"]):
                percent = float(next(v for f, v in w["fractions"].items() if text.endswith(f)))
            elif lemma in w["place_nouns"]:
                partial = partial or bool(place._.place_id and self.gazetteer.places[place._.place_id].is_region)
            elif lemma in w["partial_heads"] or lemma in w["site_nouns"] or token.lower_ in w["partial_heads"]:
                partial = True
            elif lemma not in w["partial_heads_exempt"]:
                return None
        return percent, partial

    # -- how it is said ------------------------------------------------------------------------------
    def _status(self, token: Token) -> str:
        """``claim``, ``denied`` or ``blocked`` (negated, hypothetical, conditional, intended, asked for)."""
        w = self.words
        current = _clause_verb(token, w["blockers"])
        if current is None:
            return "blocked"
        status = "claim"
        inherit = True  # modality reaches down xcomp/conj/advcl chains, not into reported speech
        for _ in range(12):
            if inherit:
                for child in current.children:
                    lower = child.lower_
                    if child.dep_ == "neg" or (lower in w["negations"] and child.dep_ in ("advmod", "det", "neg")):
                        return "blocked"
                    if child.dep_ in ("aux", "auxpass") and lower in w["modals"]:
                        return "blocked"
                    if child.dep_ == "mark" and lower in w["conditionals"]:
                        return "blocked"
            governor = current.head
            if governor == current:
                break
            infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
            if (infinitive or current.dep_ == "xcomp") and governor.lemma_.lower() not in w["denials"]:
                near = [governor, *(c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr"))]
                # "claims to have taken X", "is said to have seized X": a done deed, reported
                perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in current.children)
                reported = perfect and governor.lemma_.lower() in w["speech_verbs"] + w["reporting_infinitives"]
                if not reported and not any(t.lemma_.lower() in w["implicatives"] for t in near):
                    return "blocked"
            elif current.dep_ in ("ccomp", "acl", "pcomp", "dobj", "xcomp"):
                inherit = False
            elif current.dep_ == "advcl" and any(
                    c.lower_ in w["temporal_marks"] and c.dep_ in ("mark", "advmod") for c in current.children):
                break  # "when the rebels overran X, ...": a fact the main clause takes for granted
            elif current.dep_ not in ("conj", "advcl"):
                break
            lemma = governor.lemma_.lower()
            if lemma in w["denials"]:
                status = "denied"
            elif lemma in w["blockers"] and lemma not in w["implicatives"]:
                return "blocked"
            nxt = _clause_verb(governor, w["blockers"])
            if nxt is None:
                return "blocked"
            current = nxt
        return status

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
                        text = " ".join(self.parsed[subject.left_edge.i:subject.right_edge.i + 1].text.split())
                        text = text.strip(" ,")
                        return text, subject.pos_ == "PRON"
            if node.head == node:
                break
            node = node.head
        lowered = self.text.lower()
        for phrase in w["according_to"]:
            at = lowered.find(phrase + " ")
            if at >= 0:
                rest = self.text[at + len(phrase) + 1:]
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


# -- dependency helpers ---------------------------------------------------------------------------
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
    for child in verb.children:
        if child.dep_ in _SUBJECTS:
            return child
    for aux in (c for c in verb.children if c.dep_ in ("aux", "auxpass")):  # misparse: subject on the auxiliary
        for child in aux.children:
            if child.dep_ in _SUBJECTS:
                return child
    if verb.dep_ == "xcomp":
        objects = [c for c in verb.head.children if c.dep_ == "dobj"]
        return objects[0] if objects else _subject(verb.head)
    if verb.dep_ == "conj" and verb.head != verb:
        return _subject(verb.head)
    if verb.dep_ == "relcl":
        return verb.head
    return None


def _antecedent_noun(verb: Token, word: Token) -> Token:
    """The noun a relative pronoun stands for: "X, which the rebels seized," is about X."""
    if word.lower_ in ("which", "that", "whom") and verb.dep_ == "relcl":
        return verb.head
    return word


def _origins(verb: Token) -> list[Token]:
    """Where someone left from: "withdrew from X", "pulled out of X", "were pushed out of X"."""
    return _child_pobj_all(verb, ("of", "from")) + [
        g for c in verb.children if c.lower_ in ("out", "away", "back") for g in _child_pobj_all(c, ("of", "from"))]


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
    return [g for c in token.children if c.lower_ in preps and c.dep_ in ("prep", "agent", "prt", "dative")
            for g in c.children if g.dep_ == "pobj"]


def _child_pobj(token: Token, preps: tuple[str, ...]) -> Token | None:
    found = _child_pobj_all(token, preps)
    return found[0] if found else None


def _past(verb: Token) -> bool:
    """Told in a past tense ("held", "had consolidated", "has taken"): not only as of publication."""
    if verb.tag_ == "VBD":
        return True
    return any(c.dep_ in ("aux", "auxpass") and (c.tag_ == "VBD" or c.lemma_ == "have") for c in verb.children)


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
