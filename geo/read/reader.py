"""The claim reader: the spaCy component (``geo_claims``) that reads each candidate sentence.

It runs last in the pipeline :func:`geo.read.pipeline.load_pipeline` assembles, over the places,
actors and control words the earlier components marked, and leaves :class:`ClaimReading`s on
``Doc._.claim_readings``; :func:`geo.read.claims.read_claims` turns them into :class:`Claim`s.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..core import NO_SIDE, GeoError
from ..gazetteer import Conflict, Gazetteer
from .evacuations import Evacuations
from .frames import Frame, Frames
from .grammar import _clause_verb, _past
from .lexicon import context_words
from .modality import Modality
from .reading import ClaimReading
from .shares import SHARE, Shares
from .spans import SpanIndex
from .where import Where
from .who import Who

#: Cues whose claims give the place to no side: it is contested.
CONTESTING_CUES = ("contested", "fighting", "attack")
#: Fighting inside a place: about a whole region it makes no claim.
FIGHTING_CUES = ("fighting", "attack")
#: The flag of a change in some unnamed part of a region: it tells who takes places, and is no claim.
UNNAMED_PART = "unnamed part"
#: The flag of a place a side left after taking it in the same sentence ("took X, but pulled back the
#: next day"): that claim stands beside the capture of the same name.
LEFT_AGAIN = "left again"
#: The flag of a capture told in passing beside a state of the same place ("holds X, declared freed
#: in May,"): neither outranks the other.
ASIDE = "aside"
#: One claim per place name in a sentence: a change beats a share, a share a statement of who holds it.
#: Claims a share turns into a ``percent`` claim: of a place taken, lost or held, only part is meant.
SHARE_TYPES = ("holds", "captured", "withdrew")
#: With no number, a side that gave up "much of X" still withdrew (from part of it).
UNNUMBERED_SHARE_TYPES = ("holds", "captured")
_TYPE_RANK = {"denied": 4, "captured": 3, "withdrew": 3, "evacuated": 3, "percent": 2, "holds": 1}


@Language.factory("geo_claims")
def make_claim_reader(nlp: Language, name: str) -> ClaimReader:
    return ClaimReader()


@dataclass(slots=True)
class _Draft:
    """A reading while the reader still works on it, with what only the reader needs: whether the
    attribution is a pronoun to resolve from the sentence before, the side left open
    (``other side``: the place goes to whoever the ``leaver`` lost it to), and the denier's side."""

    reading: ClaimReading
    attribution_pronoun: bool = False
    open_side: str = ""
    leaver: str | None = None
    denier: str | None = None


if not Doc.has_extension("claim_readings"):
    Doc.set_extension("claim_readings", default=None)


class ClaimReader:
    """The last component: reads each parsed candidate sentence into claim readings.

    Readings are :class:`ClaimReading`s on ``doc._.claim_readings``; :func:`geo.read.read_claims`
    dates them against the article. Sides the sentence leaves open ("the fall of X", "X was
    abandoned") are filled from the article: the side its other captures name, or the other side
    of the one that left. The gazetteer comes through :meth:`initialize`, as spaCy's own
    components take their resources.
    """

    gazetteer: Gazetteer | None = None

    def initialize(
        self,
        get_examples: Callable[[], Iterable] | None = None,
        *,
        nlp: Language | None = None,
        gazetteer: Gazetteer,
    ) -> None:
        """Take the gazetteer whose places the readings name and whose conflict settles open sides."""
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        if self.gazetteer is None:
            raise GeoError(
                "the geo_claims component has no gazetteer: build the pipeline with load_pipeline()"
            )
        drafts: list[_Draft] = []
        previous_source = ""
        words = context_words()
        index = SpanIndex(
            doc, speech_forms=frozenset(words["speech_forms"]), expel_labels=frozenset({"expel", "loss"})
        )
        for sent, parsed in doc._.parsed or []:
            evacuating = any(d.reading.claim_type == "evacuated" for d in drafts)
            found = _Sentence(doc, sent, parsed, self.gazetteer, index, evacuating=evacuating).read()
            for draft in found:
                if draft.attribution_pronoun:
                    draft.reading = replace(
                        draft.reading, attribution=previous_source or draft.reading.attribution
                    )
            sources = [
                d.reading.attribution for d in found if d.reading.attribution and not d.attribution_pronoun
            ]
            previous_source = sources[-1] if sources else previous_source
            drafts.extend(found)
        doc._.claim_readings = _fill_sides(doc, drafts, self.gazetteer.war)
        doc._.parsed = None
        return doc


def _nearer(reading: ClaimReading, other: ClaimReading) -> bool:
    """True when ``reading``'s control word stands nearer its place than ``other``'s: in "the
    government-held west and militia-held east" each adjective speaks of the place next to it,
    whatever conjunct the parser hung on it."""

    def gap(r: ClaimReading) -> int:
        return max(r.cue_start - r.place_end, r.place_start - r.cue_end, 0)

    return gap(reading) < gap(other)


def _held_before(reading: ClaimReading) -> bool:
    """A statement in passing, in a past tense, of who held a place ("X, which the militia had
    controlled,"): an earlier state, kept beside the change the sentence reports."""
    return reading.claim_type == "holds" and reading.past and "background" in reading.flags


def _prevailing(before: list[_Draft], mentioned: Counter) -> str | None:
    """The side a reading with none takes: the one most often named taking places before it in the
    article (on a tie, the latest of them), else the side named most in the article. A capture told
    further on ("X was captured by the jihadists in 2014", in the background at the end of a report
    on the army's advance) says nothing of the unattributed captures before it."""
    taken = [
        d.reading.controller for d in before if d.reading.controller and d.reading.claim_type == "captured"
    ]
    if taken:
        counts = Counter(taken)
        top = max(counts.values())
        return max(
            (side for side in counts if counts[side] == top),
            key=lambda side: len(taken) - taken[::-1].index(side),
        )
    return mentioned.most_common(1)[0][0] if mentioned else None


def _fill_sides(doc: Doc, drafts: list[_Draft], conflict: Conflict) -> list[ClaimReading]:
    """Give sides to readings whose sentence names none; drop those the article cannot settle.

    A place someone left goes to the other side the article names; when it names none, to the
    leaver's first opponent in the conflict's ``opposes``."""
    mentioned = Counter(s._.side for s in doc.spans["actors"] if s._.side != NO_SIDE)
    kept: list[ClaimReading] = []
    for position, d in enumerate(drafts):
        r = d.reading
        if r.controller is None and d.open_side == "other side" and d.leaver:
            others = [(n, side) for side, n in mentioned.items() if side != d.leaver]
            r = replace(r, controller=max(others)[1] if others else conflict.opponent(d.leaver))
            if len(others) != 1:  # more than one other side in the article: a guess among them
                r = replace(r, flags=(*r.flags, "side inferred"))
        elif r.controller is None and (prevailing := _prevailing(drafts[:position], mentioned)):
            r = replace(r, controller=prevailing, flags=(*r.flags, "side inferred"))
        if r.controller is None or UNNAMED_PART in r.flags:
            continue
        if r.claim_type == "denied":
            r = replace(r, disputes=f"{r.disputes}:{r.controller}")
            kept.append(r)
            holder = d.denier or conflict.opponent(r.controller)
            if holder and holder != r.controller:  # the denier's side says it still holds the place
                kept.append(replace(r, claim_type="holds", controller=holder, flags=(*r.flags, "denial")))
            continue
        kept.append(r)
    return kept


class _Sentence(Frames, Who, Where, Shares, Modality, Evacuations):
    """One parsed candidate sentence and the mentions in it, in the parsed copy's token indices."""

    def __init__(
        self,
        doc: Doc,
        sent: Span,
        parsed: Doc,
        gazetteer: Gazetteer,
        index: SpanIndex | None = None,
        *,
        evacuating: bool = False,
    ):
        self.doc, self.sent, self.parsed, self.gazetteer = doc, sent, parsed, gazetteer
        self.evacuating = evacuating  # the article has told fighters leaving: an evacuation is under way
        self.index = index or SpanIndex(doc)
        self.words = context_words()
        self.places = [(self._ids(s), s) for s in self._inside("places")]
        self.actors = [(self._ids(s), s) for s in self._inside("actors") if s._.side != NO_SIDE]
        self.cues = [(parsed[s.start - sent.start : s.end - sent.start], s) for s in self._inside("cues")]
        self.known = {i for ids, _ in self.places for i in ids} | {
            i for s in self._inside("actors") for i in self._ids(s)
        }
        body = [t for t in sent if not t.is_space]
        self.start, self.end = body[0].idx, body[-1].idx + len(body[-1].text)
        # the sentence's own text, not doc.text (which joins the whole document on every call)
        self.text = sent.text[self.start - sent.start_char : self.end - sent.start_char]

    def _inside(self, group: str) -> list[Span]:
        return self.index.inside(group, self.sent.start, self.sent.end)

    def _ids(self, span: Span) -> set[int]:
        return set(range(span.start - self.sent.start, span.end - self.sent.start))

    # -- reading ---------------------------------------------------------------------------------
    def read(self) -> list[_Draft]:
        drafts = []
        for cue_span, cue in self.cues:
            drafts.extend(self._read_cue(cue_span, cue))
        best: dict[tuple[int, bool, bool], _Draft] = {}
        for d in drafts:  # one claim per place name: a change beats a statement of who holds it
            r = d.reading
            # "X, which the militia had held, fell", "took X but left it again", "troops hold X,
            # declared freed in January,": each stands beside the other
            key = (r.place_start, _held_before(r) or ASIDE in r.flags, LEFT_AGAIN in r.flags)
            old = best.get(key)
            if (
                old is None
                or _TYPE_RANK[r.claim_type] > _TYPE_RANK[old.reading.claim_type]
                or (
                    _TYPE_RANK[r.claim_type] == _TYPE_RANK[old.reading.claim_type] and _nearer(r, old.reading)
                )
            ):
                best[key] = d
        return [best[k] for k in sorted(best)]

    def _read_cue(self, cue_span: Span, cue: Span) -> list[_Draft]:
        token = cue_span.root
        continued = self._evacuation_until(token, cue._.cue) if cue.label_ == "gain" else None
        if continued is not None:  # "more buses will leave until A is rid of rebels": A is being evacuated
            return self._drafts(cue, token, continued, "claim")
        frame = {
            "gain": self._gain,
            "fall": self._fall,
            "loss": self._loss,
            "expel": self._expel,
            "evacuate": self._evacuate,
            "state": self._state,
        }[cue.label_](token, cue._.cue)
        if frame is None:
            return []
        status = self._status(token)
        if status == "blocked" and cue.label_ == "gain" and self._unfinished(token):
            # "had not yet fully secured X", "are struggling to retake X": the fight for X goes on
            frame, status = replace(frame, claim_type="holds", owner=None, contested=True), "claim"
        if status == "blocked":
            return []
        return self._drafts(cue, token, frame, status)

    def _drafts(self, cue: Span, token: Token, frame: Frame, status: str) -> list[_Draft]:
        """The readings ``frame`` gives, one per place it names, said with ``status``."""
        claim_type, owner, open_side, args = frame.claim_type, frame.owner, frame.open_side, frame.args
        args = [*args, *self._list_after(args)]
        whole = self._not_whole(args) if claim_type == "holds" else []
        if whole:  # "holds part, but not all, of X": X is divided, the side holds only part of it
            args = [*args, *whole]
        places = self._places_in(args)
        shared_by: dict[int, Span] = {}  # "the two districts": each place it points back to takes its share
        for noun, run in self._counted_back_references(args):
            at = noun.i + self.sent.start
            for span in run:
                shared_by[span.start] = self.doc[at : at + 1]
                places.append(
                    (span, span._.place_id, span._.candidates, [*span._.place_flags, "back-reference"])
                )
        contesting = cue._.cue in CONTESTING_CUES or frame.contested or bool(whole)
        if frame.told_at >= 0:  # "attacks on rebels in A and B, seizing part of it": B's outcome is told
            told = self.sent.start + frame.told_at
            before = [p for p in places if p[0].start < told]
            if before:
                last = max(before, key=lambda p: p[0].start)
                places = [p for p in places if p is not last]
        if frame.background or contesting:  # said in passing, or fought over: only names the gazetteer knows
            places = [p for p in places if p[1] is not None]
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
        past_clause = past or _past(_told_in(token))
        out = []
        for place_span, place_id, candidates, flags in places:
            share = self._share(
                shared_by.get(place_span.start, place_span),
                args,
                held=not contesting,
                change=claim_type != "holds",
            )
            if share is None:
                continue
            percent, partial = share
            partial = partial or place_span.start - self.sent.start in frame.sites
            if percent is None and place_span.start - self.sent.start in frame.shared:
                percent, partial = SHARE, True  # "holding out in X on a strip of land": a share of X
            if percent == SHARE:  # "five districts of X, making up 8 percent of X": that number
                percent = self._share_figure(place_id, args) or percent
            kind = claim_type
            if (
                (cue._.cue in FIGHTING_CUES or frame.contested)
                and place_id
                and self.gazetteer.places[place_id].is_region
            ):
                if not self._advance_into_region(cue, frame, place_span):
                    continue  # "fighting goes on in the city", "the battle for the east": not every member is contested
                percent, partial = (
                    None,
                    True,
                )  # "pushed into (part of) the Old City": fought inside it, not in every member
            if (
                partial
                and percent is None
                and kind in ("captured", "withdrew")
                and not frame.background
                and place_id
                and self.gazetteer.places[place_id].is_region
                and len(self.gazetteer.members(place_id)) > 1
            ):
                # "seized a hospital in X", "took new areas of X": some unnamed part of the region changed
                # hands; kept until the sides are settled (it says who was taking places), then dropped
                flags = [*flags, UNNAMED_PART]
            if frame.left_again:
                flags = [*flags, LEFT_AGAIN]
            if frame.background:  # "the militia-held part of X" still says who holds X
                percent = (
                    SHARE if self._areas_of(place_span, side) else None
                )  # "regime-held areas of X": a share
                flags = [*flags, "background"]
            if frame.aside:  # "X, declared freed in January,": a change told in passing beside a state of X
                flags = [*flags, ASIDE]
            if percent is not None and kind in (SHARE_TYPES if percent != SHARE else UNNUMBERED_SHARE_TYPES):
                kind = "percent"  # "took 40 percent of X", "lost a third of X", "seized most of X": a share
            percent = None if percent == SHARE else percent
            if frame.background or partial or percent is not None or kind == "percent":
                held_by = side if frame.background else self._held_by_in(args)
                place_id = self._side_region(place_id, held_by) or place_id
            denied = status == "denied"  # kept as the dispute of the claim it answers
            reading = ClaimReading(
                sentence=self.text,
                start=self.start,
                end=self.end,
                place_as_written=place_span.text,
                place_start=place_span.start_char,
                place_end=place_span.end_char,
                cue=cue.text,
                cue_start=cue.start_char,
                cue_end=cue.end_char,
                place_id=place_id,
                place=self.gazetteer.places[place_id].name if place_id else "",
                candidates=tuple(candidates),
                controller="contested" if contesting else side,
                claim_type="denied" if denied else kind,
                percent=percent,
                partial=partial,
                disputes=kind if denied else "",
                flags=tuple(flags),
                attribution=attribution,
                hedged=self._hedges(),
                past=past,
                past_clause=past_clause,
            )
            out.append(
                _Draft(
                    reading,
                    attribution_pronoun=pronoun,
                    open_side=open_side if side is None else "",
                    leaver=leaver,
                    denier=self._denier_side(token) if denied else None,
                )
            )
        return out


def _told_in(token: Token) -> Token:
    """The verb whose tense tells when a claim's words hold: the clause verb, or for a participle
    standing as an adjective ("the army-held north", "rebel-held streets") the verb of the clause
    the phrase it describes sits in, since the participle itself has no tense."""
    verb = _clause_verb(token, []) or token
    if verb is token and token.tag_ == "VBN" and token.dep_ in ("amod", "compound") and token.head != token:
        return _clause_verb(token.head, []) or token
    return verb
