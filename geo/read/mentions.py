"""Place, actor and control-word mentions: the spaCy pipeline that reads articles.

The pipeline is the English model with its statistical components switched off, plus
components registered by name here (and ``geo_claims`` in :mod:`geo.read.reader`):

``sentencizer`` → ``geo_paragraphs`` (a blank line ends a sentence: headlines have no full stop)
→ ``geo_cues`` (control words: ``doc.spans["cues"]``, labelled by :data:`CUE_LABELS`)
→ ``geo_actors`` (who: ``doc.spans["actors"]``, ``Span._.side``)
→ ``geo_places`` (gazetteer names, in sentences that hold a control word: ``doc.spans["places"]``,
``Span._.place_id``, ``Span._.candidates``) → ``geo_parse`` (tagger, parser and lemmatizer on
the candidate sentences only) → ``geo_claims``.

Most sentences of a news article hold no control word, so only a few get the expensive parse.
Patterns are data: the actor lexicon of the gazetteer's conflict (``data/conflicts/<id>/actors.jsonl``;
a gazetteer folder may carry its own ``actors.jsonl``) and ``data/lexicon/control.jsonl`` (spaCy
Matcher patterns).
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, minibatch

from ..core import LEXICON_DIR, NO_SIDE, GeoError
from ..gazetteer import Gazetteer
from .ambiguous import settle_ambiguous
from .attributes import FastAttributeRuler
from .grammar import INSIDE_PREPS
from .heights import translated_heads
from .landmarks import landmark_spans
from .lemmas import FastLemmatizer
from .lexicon import context_words, place_words, read_lexicon, share_words
from .matmul import one_blas_thread, use_numpy_blas
from .shares import held_share_noun
from .subregions import has_direction as _has_direction
from .subregions import refine
from .territory import side_territories

#: The model's components run on candidate sentences only (in this order).
PARSE_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
#: Kinds of control words: what happened to the place (see the frames in geo/claims.py).
CUE_LABELS = ("gain", "fall", "loss", "expel", "evacuate", "state")
#: How far after a capture word a capitalised name counts as a possible unknown place.
_UNKNOWN_NAME_WINDOW = 4

for _name, _default in (("place_id", None), ("candidates", ()), ("side", None), ("cue", None)):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)
if not Doc.has_extension("parsed"):
    Doc.set_extension("parsed", default=None)


# -- components --------------------------------------------------------------------------------
@Language.component("geo_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    """A blank line ends a sentence: headlines carry no full stop. (A single line break does
    not: plain text is often wrapped mid-sentence.)"""
    starts = [t.i + 1 for t in doc[:-1] if t.is_space and t.text.count("\n") >= 2]
    if starts:  # one array write: setting is_sent_start token by token rescans the doc each time
        marks = doc.to_array([SENT_START])
        marks[starts] = 1
        doc.from_array([SENT_START], marks)
    return doc


@Language.factory("geo_cues", default_config={"lexicon": str(LEXICON_DIR / "control.jsonl")})
def make_cues(nlp: Language, name: str, lexicon: str) -> ControlCues:
    return ControlCues(nlp, Path(lexicon))


class ControlCues:
    """Marks control words ("captured", "fell", "under ... control") as ``doc.spans["cues"]``.

    Patterns are spaCy Matcher patterns. Those made only of ``LOWER`` word lists (all of the
    bundled ones) are expanded into phrases for a PhraseMatcher, which is many times faster.
    """

    def __init__(self, nlp: Language, lexicon: Path):
        self.matcher = Matcher(nlp.vocab)
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        for number, row in enumerate(read_lexicon(lexicon), start=1):
            if row.get("label") not in CUE_LABELS:
                raise GeoError(
                    f"label {row.get('label')!r} is not one of {', '.join(CUE_LABELS)}",
                    file=lexicon,
                    row=number,
                )
            key = f"{row['label']}|{row['cue']}"
            words = [_word_list(token) for token in row["pattern"]]
            for form in (w for options in words if options for w in options if "-" in w):
                for written in (form, form.capitalize()):  # "re-taken" stays one word for the parser
                    nlp.tokenizer.add_special_case(written, [{"ORTH": written}])
            if all(words):
                self.phrases.add(key, [nlp.make_doc(" ".join(p)) for p in itertools.product(*words)])
            else:
                self.matcher.add(key, [row["pattern"]])

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        matches = [*self.phrases(doc), *(self.matcher(doc) if len(self.matcher) else ())]
        for match_id, start, end in matches:
            label, cue = doc.vocab.strings[match_id].split("|")
            span = Span(doc, start, end, label=label)
            span._.cue = cue
            spans.append(span)
        doc.spans["cues"] = filter_spans(spans)
        return doc


def _word_is(word: str, wanted: str | list[str]) -> bool:
    """An anaphora rule's word: one word, a list of the words allowed at that place, or ``*`` (any word)."""
    return wanted in ("*", word) if isinstance(wanted, str) else word in wanted


def _word_list(token: dict) -> list[str] | None:
    """The words a ``{"LOWER": ...}`` token pattern allows, or None for any other kind of pattern."""
    if set(token) != {"LOWER"}:
        return None
    lower = token["LOWER"]
    if isinstance(lower, str):
        return [lower]
    if isinstance(lower, dict) and set(lower) == {"IN"}:
        return list(lower["IN"])
    return None


@Language.factory("geo_actors")
def make_actors(nlp: Language, name: str) -> Actors:
    return Actors(nlp)


class Actors:
    """Marks the parties to the war ("rebels", "Syrian army", "YPG") with the side they are on.

    A phrase also matches with an ``s`` on its last word (plurals, and possessives written
    without apostrophe); the longest match wins, so "Free Syrian Army" is not "army". The
    lexicon and the conflict's sides come through :meth:`initialize`.
    """

    def __init__(self, nlp: Language):
        self.nlp = nlp
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")

    def initialize(
        self,
        get_examples: Callable[[], Iterable] | None = None,
        *,
        nlp: Language | None = None,
        lexicon: Path,
        sides: Iterable[str],
    ) -> None:
        """Load the actor lexicon ``lexicon`` of a conflict whose sides are ``sides`` (see :meth:`load`)."""
        self.load(Path(lexicon), sides)

    def load(self, lexicon: Path, sides: Iterable[str]) -> None:
        """Read an actor lexicon whose sides are ``sides`` (a conflict's) or ``none`` (names of no party)."""
        allowed = (*sides, NO_SIDE)
        rows = read_lexicon(lexicon)
        written = {row.get("phrase", "").lower() for row in rows}
        for number, row in enumerate(rows, start=1):
            side, phrase = row.get("side"), row.get("phrase", "")
            if side not in allowed or not phrase:
                raise GeoError(
                    f"needs a phrase and a side among {', '.join(allowed)}", file=lexicon, row=number
                )
            forms = [phrase]
            if (
                not row.get("case_sensitive")
                and not phrase.endswith("s")
                and (phrase + "s").lower() not in written
            ):
                forms.append(phrase + "s")
            matcher = self.exact if row.get("case_sensitive") else self.lower
            matcher.add(side, [self.nlp.make_doc(f) for f in forms])

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for matcher in (self.lower, self.exact):
            for match_id, start, end in matcher(doc):
                span = Span(doc, start, end, label=doc.vocab.strings[match_id])
                span._.side = span.label_
                spans.append(span)
        doc.spans["actors"] = filter_spans(spans)
        return doc


@Language.factory("geo_places")
def make_places(nlp: Language, name: str) -> Places:
    return Places()


class Places:
    """Marks gazetteer names (any spelling, via :meth:`Gazetteer.find`) in sentences with a control word.

    Also resolves anaphora kept as data ("the city" → the latest city named before it).
    Names inside an actor ("al-Sham" in "Ahrar al-Sham") are not places. The gazetteer comes
    through :meth:`initialize`, as spaCy's own components take their resources.
    """

    gazetteer: Gazetteer | None = None

    def initialize(
        self,
        get_examples: Callable[[], Iterable] | None = None,
        *,
        nlp: Language | None = None,
        gazetteer: Gazetteer,
    ) -> None:
        """Take the gazetteer whose names this component marks."""
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        if self.gazetteer is None:
            raise GeoError(
                "the geo_places component has no gazetteer: build the pipeline with load_pipeline()"
            )
        actors = {i for span in doc.spans["actors"] for i in range(span.start, span.end)}
        # Back-references look at earlier sentences again and again: each is searched once per document.
        self._sents = list(doc.sents)
        self._starts = [sent.start_char for sent in self._sents]
        self._found: dict[int, list[Span]] = {}
        self._named: dict[frozenset[str], tuple[list[int], list[str], list[int]]] = {}
        cue_sents = sorted(
            {span.sent.start: span.sent for span in doc.spans["cues"]}.values(), key=lambda s: s.start
        )
        spans: list[Span] = []
        for sent in cue_sents:
            found = landmark_spans(doc, sent, self._find(sent, actors), self.gazetteer)  # "X airport"
            found += translated_heads(doc, sent, found, self.gazetteer)  # "Bedro mount"
            found += self._anaphora(doc, sent, found, actors)
            found += side_territories(doc, sent, found, self.gazetteer)  # "the government-held zone"
            city = self._latest(doc, sent.end_char, {"city"}, actors) if _has_direction(sent) else None
            found = refine(
                doc, found, self.gazetteer, city, sent
            )  # parts of regions; places that only locate
            spans.extend(settle_ambiguous(doc, found, self.gazetteer))  # "the youth housing ... in the east"
        doc.spans["places"] = spans
        return doc

    def _find(self, sent: Span, actors: set[int]) -> list[Span]:
        """The gazetteer's names in ``sent`` (searched once per sentence of the document)."""
        if sent.start not in self._found:
            self._found[sent.start] = self._search(sent, actors)
        return list(self._found[sent.start])

    def _search(self, sent: Span, actors: set[int]) -> list[Span]:
        spans = []
        for mention in self.gazetteer.find(sent.text):
            span = sent.doc.char_span(
                sent.start_char + mention.start, sent.start_char + mention.end, alignment_mode="expand"
            )
            if (
                span is None
                or any(i in actors for i in range(span.start, span.end))
                and not _holds_actor(span)
            ):
                continue
            span = Span(
                sent.doc, span.start, span.end, label=self._where(mention.place_id, mention.candidates)
            )
            span._.place_id = mention.place_id
            span._.candidates = mention.candidates
            spans.append(span)
        return spans

    def _where(self, place_id: str | None, candidates: tuple[str, ...]) -> str:
        """``local`` for a place of the city (or a name that may be one), else ``outside``."""
        ids = (place_id,) if place_id else candidates
        return "local" if any(not self.gazetteer.places[i].outside for i in ids) else "outside"

    def _anaphora(self, doc: Doc, sent: Span, found: list[Span], actors: set[int]) -> list[Span]:
        taken = {i for span in found for i in range(span.start, span.end)}
        lowered = [t.lower_ for t in sent]  # once per sentence, not a slice of the doc per word and rule
        opening: dict[
            str, list[int]
        ] = {}  # where each word stands: a rule is tried only where its first word is
        for at, word in enumerate(lowered):
            opening.setdefault(word, []).append(at)
        spans = []
        for rule in [*context_words()["anaphora"], *share_words()["anaphora"]]:
            words = rule["words"]
            first = words[0] if words else None
            if isinstance(first, str):
                starts = opening.get(first, ()) if first != "*" else range(len(lowered))
            else:  # a list of first words: only where one of them stands, in text order
                starts = sorted(at for word in set(first or ()) for at in opening.get(word, ()))
            for at in starts if words else ():
                i = sent.start + at
                if (
                    at + len(words) > len(lowered)
                    or not all(_word_is(t, w) for t, w in zip(lowered[at : at + len(words)], words))
                    or taken & set(range(i, i + len(words)))
                ):
                    continue
                after = doc[i + len(words)] if i + len(words) < len(doc) else None
                if after is not None and after.lower_ == "of":
                    continue  # "the city of X" names X itself
                first = i + rule.get("place_from", 0)  # "a part of it": only "it" stands for the place
                # a vaguer noun ("the area") points back only within its own sentence
                since = sent.start_char if rule.get("same_sentence") else 0
                if rule.get("named_head"):  # "the compound": the last place named "... compound"
                    referent = self._latest_named(doc, doc[first].idx, lowered[at + len(words) - 1], actors)
                else:
                    referent = self._latest(doc, doc[first].idx, set(rule["kinds"]), actors, since)
                if referent:  # "its southern part": only "its" (``place_to`` words) stands for the place
                    end = first + rule["place_to"] if "place_to" in rule else i + len(words)
                    span = Span(doc, first, end, label=self._where(referent, ()))
                    span._.place_id = referent
                    span._.candidates = (referent,)
                    spans.append(span)
        return spans + self._named_noun_again(doc, sent, found + spans, actors, opening.get("the", ()))

    def _named_noun_again(
        self, doc: Doc, sent: Span, found: list[Span], actors: set[int], the_at: Iterable[int]
    ) -> list[Span]:
        """ "The old X factories ... the factories": "the" and the noun a district was just named
        with ("X factories", "the X souk") point back to that district, within a few sentences.
        ``the_at``: where "the" stands in ``sent`` (indices from its start)."""
        taken = {i for span in found for i in range(span.start, span.end)}
        at_sent = bisect_left(self._starts, sent.start_char + 1) - 1  # this sentence's index
        spans = []
        for at in the_at:
            i = sent.start + at + 1
            if i >= sent.end or i in taken or i - 1 in taken or not (doc[i].is_lower and doc[i].is_alpha):
                continue
            if i + 1 < sent.end and doc[i + 1].lower_ == "of":
                continue  # "the factories of X" names X itself
            referent = None
            for k in range(at_sent, max(-1, at_sent - NAMED_NOUN_SENTENCES), -1):
                before = [
                    s
                    for s in self._find(self._sents[k], actors)
                    if s._.place_id
                    and s.end < len(doc)
                    and s.end <= i - 1
                    and doc[s.end].lower_ == doc[i].lower_
                    and self.gazetteer.places[s._.place_id].kind in ("neighbourhood", "district")
                ]
                if before:
                    referent = before[-1]._.place_id
                    break
            if referent:
                span = Span(doc, i - 1, i + 1, label=self._where(referent, ()))
                span._.place_id, span._.candidates = referent, (referent,)
                spans.append(span)
        return spans

    def _latest_named(self, doc: Doc, before: int, noun: str, actors: set[int]) -> str | None:
        """The last place named before character ``before`` whose own name (or a spelling of it)
        ends in ``noun``: "the complex" after "the X government complex" is that complex (places
        named otherwise in between do not count); None when no such place was named."""
        heads = self._named_heads()
        wanted = bisect_left(self._starts, before)
        for index in range(wanted - 1, -1, -1):
            named = sorted(
                (s for s in self._find(self._sents[index], actors) if s._.place_id and s.start_char < before),
                key=lambda s: s.start_char,
                reverse=True,
            )
            for span in named:
                if noun in heads.get(span._.place_id, ()):
                    return span._.place_id
        return None

    def _named_heads(self) -> dict[str, frozenset[str]]:
        """The last word of each place's name and spellings, by place id (built once per gazetteer)."""
        cached = getattr(self, "_heads", None)
        if cached is not None and cached[0] is self.gazetteer:
            return cached[1]
        heads = {
            p.id: frozenset(n.split()[-1].lower() for n in (p.name, *p.variants) if n.split())
            for p in self.gazetteer.places.values()
        }
        self._heads = (self.gazetteer, heads)
        return heads

    def _latest(self, doc: Doc, before: int, kinds: set[str], actors: set[int], since: int = 0) -> str | None:
        """The last place of one of ``kinds`` named before character ``before`` (and at or after ``since``).

        The places of each kind are listed once per document, as far as the calls have read, so a
        long article's back-references cost a look-up each, not a walk back through the text."""
        starts, ids, read = self._named.setdefault(frozenset(kinds), ([], [], [0]))
        wanted = bisect_left(self._starts, before)  # the sentences that start before ``before``
        while read[0] < wanted:
            named = sorted(
                (s for s in self._find(self._sents[read[0]], actors) if s._.place_id),
                key=lambda s: s.start_char,
            )
            for span in named:
                if self.gazetteer.places[span._.place_id].kind in kinds and not _only_locates(span):
                    starts.append(span.start_char)
                    ids.append(span._.place_id)
            read[0] += 1
        at = bisect_left(starts, before)
        return ids[at - 1] if at and starts[at - 1] >= since else None


def _only_locates(span: Span) -> bool:
    """A place named only to locate another ("districts north of X", "a quarter near X"): no
    back-reference ("the district") points to it. The words are data: ``locator_words`` of
    ``context.json``, and "<direction> of" with ``places.json``'s directions."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in context_words()["locator_words"]:
        return True
    if before != "of" or span.start < 2:
        return False
    word = doc[span.start - 2].lower_
    directions = place_words()["directions"]
    parts = [part for part in word.split("-") if part]  # "north-east", if written as one token
    return word in directions or bool(parts) and all(part in directions for part in parts)


#: How many sentences back (counting its own) "the factories" looks for "X factories".
NAMED_NOUN_SENTENCES = 3


@Language.factory("geo_parse", default_config={"pipes": list(PARSE_PIPES)})
def make_parse(nlp: Language, name: str, pipes: list[str]) -> CandidateParse:
    return CandidateParse(nlp, tuple(pipes))


class CandidateParse:
    """Runs the model's tagger, parser and lemmatizer on candidate sentences only.

    A candidate holds a control word and a place (or a capitalised name right after a capture
    word, which may be a place the gazetteer lacks). ``doc._.parsed`` lists
    ``(sentence, parsed copy of the sentence)``; token ``i`` of the copy is ``sentence[i]``.
    """

    def __init__(self, nlp: Language, pipes: tuple[str, ...]):
        self.nlp = nlp
        self.pipes = pipes
        self._fast: dict[str, FastAttributeRuler | FastLemmatizer] = {}
        self._numpy_blas: bool | None = None

    def _component(self, name: str):
        """The model's component ``name``; its attribute_ruler and lemmatizer as a :class:`FastAttributeRuler`
        and a :class:`FastLemmatizer` (same result)."""
        pipe, fast = self.nlp.get_pipe(name), self._fast.get(name)
        if isinstance(pipe, Lemmatizer):
            if not isinstance(fast, FastLemmatizer) or fast.lemmatizer is not pipe:
                fast = self._fast[name] = FastLemmatizer(pipe)
            return fast
        if isinstance(pipe, AttributeRuler):
            if not isinstance(fast, FastAttributeRuler) or fast.ruler is not pipe:
                fast = self._fast[name] = FastAttributeRuler(pipe)
            return fast
        return pipe

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        if self._numpy_blas is None:  # once: the model's products through numpy (see geo.read.matmul)
            self._numpy_blas = use_numpy_blas(self.nlp, self.pipes)
        for batch in minibatch(docs, size=batch_size):
            wanted = [(doc, sent) for doc in batch for sent in candidate_sentences(doc)]
            parsed = [_parse_copy(sent) for _, sent in wanted]
            with one_blas_thread():
                for name in self.pipes:
                    parsed = list(self._component(name).pipe(parsed))
            places: dict[int, list[Span]] = {}  # each document's place spans, read once
            for doc in batch:
                doc._.parsed = []
                places[id(doc)] = [s for s in doc.spans["places"] if s.label_ == "local"]
            for (doc, sent), sent_doc in zip(wanted, parsed):
                local = [s for s in places[id(doc)] if sent.start <= s.start and s.end <= sent.end]
                _attach_dangling_of(sent, sent_doc, local)
                _attach_share_place(sent_doc)
                _attach_counted_place(sent, sent_doc, local)
                doc._.parsed.append((sent, sent_doc))
            yield from batch


def _attach_dangling_of(sent: Span, parsed: Doc, local: list[Span]) -> None:
    """ "Five square kilometres of east X, the army ...": the parser at times hangs the place right
    after "of" on a noun past the comma that ends it (or on nothing), leaving "of" the wrong object
    or none; the place is the object of "of", and the noun past the comma one of the clause's own.
    ``local``: the city's places named in ``sent``."""
    for place in local:
        start, end = place.start - sent.start, place.end - sent.start
        if start < 1 or end >= len(parsed) or parsed[end].text != ",":
            continue
        of = parsed[start - 1]
        if of.lower_ == "the" and start >= 2:
            of = parsed[start - 2]
        if of.lower_ != "of" or of.dep_ != "prep":
            continue
        root = parsed[end - 1]
        while start <= root.head.i < end and root.head != root:
            root = root.head
        objects = [c for c in of.children if c.dep_ == "pobj"]
        if root in objects or of in root.subtree:
            continue
        if objects:
            beyond = objects[0]
            if (
                root.head != beyond
                or beyond.i <= end
                or root.dep_ not in ("nmod", "compound", "amod", "poss")
            ):
                continue
            clause = of.head
            while clause.pos_ not in ("VERB", "AUX") and clause.head != clause:
                clause = clause.head
            if clause.pos_ not in ("VERB", "AUX"):
                continue
            beyond.head, beyond.dep_ = clause, "dep"
        root.head, root.dep_ = of, "pobj"


def _attach_share_place(parsed: Doc) -> None:
    """ "Held a sliver of territory in X": the parser hangs "in X" on the verb, but it says where
    the share lies (a share of X); it is moved onto the share's noun. Sites ("seized a hospital in
    X") are read with their verb and stay there."""
    for noun in parsed:
        if noun.dep_ != "dobj" or not held_share_noun(noun):
            continue
        after = noun.right_edge.i + 1
        if after >= len(parsed):
            continue
        prep, holder = parsed[after], noun.head
        if prep.dep_ == "prep" and prep.lower_ == "from" and prep.head == noun.head:
            # "took a swath of land from the rebels in X": X is where the swath lies, not the rebels
            holder = next((c for c in prep.children if c.dep_ == "pobj"), None)
            prep = (
                next((c for c in holder.children if c.dep_ == "prep"), prep) if holder is not None else prep
            )
        if prep.dep_ == "prep" and prep.lower_ in INSIDE_PREPS and prep.head == holder:
            prep.head = noun


def _attach_counted_place(sent: Span, parsed: Doc, local: list[Span]) -> None:
    """ "Four districts remain under militia control in X": the parser hangs "in X" on the verb,
    but it says where the counted districts lie (four districts of X); it is moved onto the count.
    ``local``: the city's places named in ``sent``."""
    nouns = set(context_words()["place_nouns"])
    named = {i - sent.start for s in local for i in range(s.start, s.end)}
    for noun in parsed:
        if (
            noun.dep_ not in ("nsubj", "nsubjpass")
            or noun.lemma_.lower() not in nouns
            or not any(c.dep_ == "nummod" for c in noun.children)
        ):
            continue
        for prep in noun.head.children:
            if (
                prep.dep_ == "prep"
                and prep.i > noun.i
                and prep.lower_ in INSIDE_PREPS
                and any(c.dep_ == "pobj" and c.i in named for c in prep.children)
            ):
                prep.head = noun
                break


def _holds_actor(span: Span) -> bool:
    """True when every actor the place name overlaps lies strictly inside it: a gazetteer name
    such as "rebel-held X" is still a place, while "al-Sham" in "Ahrar al-Sham" is not."""
    overlapping = [a for a in span.doc.spans["actors"] if a.start < span.end and span.start < a.end]
    return bool(overlapping) and all(
        span.start <= a.start and a.end <= span.end and (a.start, a.end) != (span.start, span.end)
        for a in overlapping
    )


def _parse_copy(sent: Span) -> Doc:
    """A copy of the sentence for the parser; a headline in Title Case is lowered first.

    The tagger takes every capitalised word of "Rebels Abandon Bustan al-Qasr" for a name and
    the parse falls apart; the copy keeps place names as written and lowers the other words.
    Token ``i`` of the copy is always token ``i`` of the sentence.
    """
    texts = [t.text for t in sent]
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    if len(words) >= 3 and sum(t.is_title for t in words) >= 0.6 * len(words):
        places = {
            i - sent.start
            for s in sent.doc.spans["places"]
            if s.start >= sent.start and s.end <= sent.end
            for i in range(s.start, s.end)
        }
        texts = [
            t.text if i in places or t.is_upper or i == 0 else t.text.lower() for i, t in enumerate(sent)
        ]
    return Doc(sent.doc.vocab, words=texts, spaces=[bool(t.whitespace_) for t in sent])


def candidate_sentences(doc: Doc) -> list[Span]:
    """Sentences holding a control word and a place of the city (or a name that may be one)."""
    local = sorted((p.start, p.end) for p in doc.spans["places"] if p.label_ == "local")
    starts = [start for start, _ in local]
    known: set[int] | None = None  # token indices some span explains, built once per document
    wanted: dict[int, Span] = {}
    for cue in doc.spans["cues"]:
        sent = cue.sent
        if sent.start in wanted:
            continue
        at = bisect_left(starts, sent.start)  # the local places starting inside the sentence, by bisection
        here = False
        while not here and at < len(local) and local[at][0] < sent.end:
            here = local[at][1] <= sent.end
            at += 1
        if not here and cue.label_ != "state" and known is None:
            known = {
                i
                for group in ("places", "actors", "cues")
                for span in doc.spans[group]
                for i in range(span.start, span.end)
            }
        if here or _unknown_name_after(cue, known or set()):
            wanted[sent.start] = sent
    return [wanted[k] for k in sorted(wanted)]


def _unknown_name_after(cue: Span, known: set[int]) -> bool:
    """A capitalised word soon after a capture or loss word, which no other span explains."""
    if cue.label_ == "state":
        return False
    doc, sent = cue.doc, cue.sent
    for token in doc[cue.end : min(cue.end + _UNKNOWN_NAME_WINDOW, sent.end)]:
        if token.is_title and token.i not in known and token.is_alpha:
            return True
    return False
