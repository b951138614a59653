"""Claims: one statement that a side took, lost or holds a place, with the sentence that says so."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from ..core import (
    EVENT_TYPES,
    WEEKDAYS,
    Claim,
    DateRange,
    default_range,
    each_day,
    find_dates,
    narrow_to_weekday,
    opens_a_span,
)
from ..gazetteer import Gazetteer, load_baseline
from .articles import Article
from .reading import ClaimReading

if TYPE_CHECKING:  # spaCy loads only when claims are read: the store, maps and CLI start fast
    from spacy.language import Language

# -- reading claims from articles ----------------------------------------------------------------
_CONFIDENCE = {
    "base": 0.9,
    "hedged": 0.2,
    "partial": 0.1,
    "side inferred": 0.2,
    "unresolved place": 0.4,
    "fuzzy place": 0.1,
    "place from context": 0.1,
    "approximate place": 0.3,
    "no date": 0.1,
    "denied": 0.4,
    "background": 0.3,
    "denial": 0.3,
}


def read_claims(article: Article, gazetteer: Gazetteer, nlp: Language | None = None) -> list[Claim]:
    """Every control claim of ``article``, in text order."""
    return next(read_claims_many([article], gazetteer, nlp=nlp))[1]


def read_claims_many(
    articles: Iterable[Article],
    gazetteer: Gazetteer,
    *,
    nlp: Language | None = None,
    n_process: int = 1,
    batch_size: int = 32,
) -> Iterator[tuple[Article, list[Claim]]]:
    """Claims of many articles, streamed in order, through ``nlp.pipe`` (batched, optionally multi-process).

    An article longer than the model takes (``nlp.max_length``) is read in pieces cut at
    paragraph breaks, its claims' offsets still counted from the start of the whole text.
    """
    from .pipeline import load_pipeline

    nlp = nlp or load_pipeline(gazetteer)
    start = load_baseline(gazetteer).start
    conflict = gazetteer.conflict
    offensives = tuple((o.start, o.end) for o in conflict.offensives) if conflict is not None else ()
    pieces = (
        (text, (article, offset, offset + len(text) == len(article.text)))
        for article in articles
        for offset, text in text_pieces(article.text, nlp.max_length)
    )
    found: list[Claim] = []
    for doc, (article, offset, last) in nlp.pipe(
        pieces, as_tuples=True, n_process=n_process, batch_size=batch_size
    ):
        found.extend(
            _claim(article, _shifted(r, offset), start, offensives) for r in doc._.claim_readings or []
        )
        if last:
            yield article, _retold(found)
            found = []


#: The basis of a date taken from the day the narrative last fixed (see :func:`_date_of`).
NARRATIVE_BASIS = "no date words: the day the text last fixed"


def _retold(claims: list[Claim]) -> list[Claim]:
    """A change told again further on, with no date words of its own ("the army said it had taken
    X" after "the army took X on Monday"), is the change told before: it takes that claim's dates,
    not the day the narrative last fixed (which may be another step of the story)."""
    told: dict[tuple, Claim] = {}
    out = []
    for c in claims:
        key = (c.place_id, c.controller, c.claim_type)
        first = told.get(key)
        if (
            first is not None
            and c.claim_type in EVENT_TYPES
            and c.date_basis.startswith(NARRATIVE_BASIS)
            and not first.date_basis.startswith(NARRATIVE_BASIS)
            and first.date_from is not None
        ):
            c = replace(
                c,
                date_from=first.date_from,
                date_to=first.date_to,
                date_basis=f"the same change told before ({first.date_basis})",
            )
        if c.place_id and c.claim_type in EVENT_TYPES:
            for other in [k for k in told if k[0] == c.place_id and k != key]:
                del told[other]  # X changed hands again in between: a later capture is a new one
            told.setdefault(key, c)
        out.append(c)
    return out


def text_pieces(text: str, limit: int) -> list[tuple[int, str]]:
    """``text`` as ``(offset, piece)`` pieces of at most ``limit`` characters, cut at blank lines.

    A paragraph longer than ``limit`` is cut at its last sentence end before the limit, or at
    the limit itself when it has none.
    """
    pieces: list[tuple[int, str]] = []
    start = 0
    while True:
        stop = start + limit
        if stop >= len(text):
            pieces.append((start, text[start:]))
            return pieces
        cut = text.rfind("\n\n", start, stop)
        if cut <= start:
            cut = text.rfind(". ", start, stop - 1)
            cut = cut + 1 if cut > start else stop
        pieces.append((start, text[start:cut]))
        start = cut


def _shifted(r: ClaimReading, offset: int) -> ClaimReading:
    """A reading of a piece of the text, with its offsets counted in the whole text."""
    if not offset:
        return r
    return replace(
        r,
        start=r.start + offset,
        end=r.end + offset,
        place_start=r.place_start + offset,
        place_end=r.place_end + offset,
        cue_start=r.cue_start + offset,
        cue_end=r.cue_end + offset,
    )


def _own_clause(r: ClaimReading) -> ClaimReading:
    """The reading cited by the clause that holds its control word and place, where a semicolon
    joins two ("the push began in October; since then troops have taken a third of the city"):
    the other clause neither dates nor states this claim."""
    sentence, cut_from, cut_to = r.sentence, 0, len(r.sentence)
    low = min(r.cue_start, r.place_start) - r.start
    high = max(r.cue_end, r.place_end) - r.start
    for at in (i for i, ch in enumerate(sentence) if ch == ";"):
        if at < low:
            cut_from = at + 1
        elif at >= high:
            cut_to = min(cut_to, at)
    if cut_from == 0 and cut_to == len(sentence):
        return r
    clause = sentence[cut_from:cut_to]
    lead = len(clause) - len(clause.lstrip())
    clause = clause.strip()
    return replace(
        r, sentence=clause, start=r.start + cut_from + lead, end=r.start + cut_from + lead + len(clause)
    )


def _claim(
    article: Article,
    r: ClaimReading,
    start: date | None = None,
    offensives: tuple[tuple[date, date | None], ...] = (),
) -> Claim:
    r = _own_clause(r)
    flags = list(r.flags)
    when = _claim_date(article, r, start, offensives)
    if when is None:
        flags.append("no date")
        when = DateRange(
            None, None, "no publication date" if article.published is None else "unreadable date"
        )
    flags = list(dict.fromkeys(flags))
    penalties = [
        *flags,
        *(
            name
            for name, applies in (
                ("hedged", r.hedged),
                ("partial", r.partial),
                ("denied", r.claim_type == "denied"),
            )
            if applies
        ),
    ]
    confidence = _CONFIDENCE["base"] - sum(_CONFIDENCE.get(p, 0.0) for p in penalties)
    if r.controller is None:  # the reader settles every side or drops the reading
        raise ValueError(f"a reading left the reader with no side: {r.place_as_written!r} in {r.sentence!r}")
    return Claim(
        article=article.id,
        sentence=r.sentence,
        start=r.start,
        end=r.end,
        place_as_written=r.place_as_written,
        place_id=r.place_id,
        place=r.place,
        controller=r.controller,
        claim_type=r.claim_type,
        percent=r.percent,
        partial=r.partial,
        date_from=when.date_from,
        date_to=when.date_to,
        date_basis=when.basis,
        attribution=r.attribution,
        hedged=r.hedged,
        confidence=round(max(0.05, min(0.95, confidence)), 2),
        place_start=r.place_start,
        place_end=r.place_end,
        cue=r.cue,
        cue_start=r.cue_start,
        cue_end=r.cue_end,
        candidates=r.candidates,
        disputes=r.disputes,
        flags=tuple(flags),
    )


# -- the day a claim counts from ---------------------------------------------------------------
#: Operation days of a text: (where the words start, where their sentence starts, the day they fix).
_OperationDays = tuple[tuple[int, int, DateRange], ...]


def _claim_date(
    article: Article,
    r: ClaimReading,
    start: date | None,
    offensives: tuple[tuple[date, date | None], ...],
) -> DateRange | None:
    """The claim's date. With the publication day known, it is counted from that day. Without it,
    relative words are counted from every day the report can have appeared on, and the claim
    takes the range they span: the days since the text's last "Nth day of the operation" (a
    narrative fix that stands for the report's present), else the day or month its URL carries.
    With neither, relative words give nothing and only calendar dates date a claim."""
    text = article.text
    window = article.publication_window
    operations = _operation_days(text, offensives, window[1] if window else None)
    if article.published is not None:
        return _date_of(r, article.published, text, None, operations)
    reference = _reference_days(operations, r.start, window)
    if reference is None:
        return _date_of(r, None, text, _earliest(article, start), operations)
    days, source = reference
    found = [f for d in days if (f := _date_of(r, d, text, None, operations)) is not None]
    if not found:
        return None
    first = min(f.date_from for f in found if f.date_from is not None)
    last = max(f.date_to for f in found if f.date_to is not None)
    if len(days) == 1 or all((f.date_from, f.date_to) == (first, last) for f in found):
        return DateRange(first, last, found[0].basis)
    return DateRange(first, last, f"{found[0].basis}, counted from each day {source}")


def _reference_days(
    operations: _OperationDays, offset: int, window: tuple[date, date] | None
) -> tuple[list[date], str] | None:
    """The days an undated report's relative words can count from at ``offset``, and what says so."""
    before = [day for _, sentence, day in operations if sentence <= offset]
    if before and before[-1].date_from is not None and before[-1].date_to is not None:
        first, last = before[-1].date_from, before[-1].date_to
        if window is not None and first <= window[1] and window[0] <= last:
            first, last = max(first, window[0]), min(last, window[1])
        return each_day(first, last), f"of {before[-1].basis}"
    if window is not None:
        return each_day(*window), f"the URL's date allows ({window[0].isoformat()}..{window[1].isoformat()})"
    return None


#: "today [Wednesday]", "today (Friday)": the weekday a report's present falls on, glossed.
_TODAY_GLOSS = re.compile(rf"\btoday\s*[\[(]\s*({'|'.join(WEEKDAYS)})\s*[\])]", re.IGNORECASE)


@lru_cache(maxsize=64)
def _operation_days(
    text: str, offensives: tuple[tuple[date, date | None], ...], bound: date | None
) -> _OperationDays:
    """Each "Nth day of the operation" of ``text`` that one of the war's offensives dates, narrowed
    to the weekday its sentence names ("on Sunday, the 12th day of ..."), else to the weekday the
    text glosses its "today" with."""
    if not offensives:
        return ()
    found: list[tuple[int, int, DateRange]] = []
    gloss = _TODAY_GLOSS.search(text)
    for mention in find_dates(text):
        if mention.kind != "operation_day":
            continue
        day = mention.resolve(None, offensives=offensives, bound=bound)
        if day is None:
            continue
        begins, ends = _sentence_around(text, mention.start, mention.end)
        weekdays = [
            m
            for m in find_dates(text[begins:ends])
            if m.kind == "weekday" and not m.text.lower().startswith("since")
        ]
        if weekdays:
            near = min(weekdays, key=lambda m: abs(begins + m.start - mention.start))
            day = narrow_to_weekday(day, near.rule["weekday"])
        elif gloss is not None:
            day = narrow_to_weekday(day, gloss.group(1))
        found.append((mention.start, begins, day))
    return tuple(found)


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of ``text`` that holds ``start``..``end``, cut at sentence ends and blank lines."""
    cuts = [m.end() for m in re.finditer(r"[.!?][\"')\]]*\s+|\n\s*\n", text[:start])]
    after = re.search(r"[.!?][\"')\]]*(?:\s|$)|\n\s*\n", text[end:])
    return (cuts[-1] if cuts else 0), (end + after.start() + 1 if after else len(text))


def _earliest(article: Article, start: date | None) -> date | None:
    """For an article nobody dated, the first day a day and month without a year can mean.

    The year of the first full date the text writes ("July 6, 2017" in a caption) fixes it;
    else the map's start (the gazetteer's baseline), before which no claim counts anyway.
    """
    if article.published is not None:
        return None
    return _written_year(article.text) or start


@lru_cache(maxsize=16)
def _written_year(text: str) -> date | None:
    for mention in find_dates(text):
        if mention.kind == "explicit" and (mention.rule.get("year") or mention.rule.get("iso")):
            found = mention.resolve(None)
            if found is not None and found.date_from is not None:
                return date(found.date_from.year, 1, 1)
    return None


def _date_of(
    r: ClaimReading,
    published: date | None,
    text: str = "",
    earliest: date | None = None,
    operations: _OperationDays = (),
) -> DateRange | None:
    """The date words nearest the control word, else the day the narrative last fixed, else the
    default for an event or a state. A statement in the present tense of who holds a place takes
    only the date words of its own clause: one set off by a comma dates another claim.

    "On 27 November the army took A. Two hours later it took B.": B is dated 27 November, and
    "the next day" counts from there. A present-tense state with no date words stays as of
    publication: it is the report's own present. ``earliest`` is given for an article with no
    publication date: see :func:`_earliest`. ``operations`` are the text's "Nth day of the
    operation" words and the days they fix (:func:`_operation_days`).
    """
    cue = r.cue_start - r.start
    cue_end = r.cue_end - r.start
    mentions = [m for m in find_dates(r.sentence) if not _in_aside(r.sentence, m, cue)]
    event = r.claim_type in EVENT_TYPES or r.disputes.split(":")[0] in EVENT_TYPES
    if (
        not event and not r.past
    ):  # "X fell on Saturday, and Y, which is under Kurdish control": Y as of the report
        mentions = [m for m in mentions if not _before_clause(r.sentence, m, cue)]
    if r.claim_type == "holds" and not r.past:  # "X, taken on Saturday, is under Kurdish control"
        mentions = [m for m in mentions if "," not in r.sentence[min(m.end, cue) : max(m.start, cue)]]
    narrative = _narrative_at(text, published, r.start, earliest, operations) if text else None
    if mentions:  # date words we cannot resolve give no date rather than a default
        nearest = min(
            mentions, key=lambda m: m.start - cue_end if m.start >= cue_end else max(cue - m.end, 0)
        )
        if nearest.kind == "later" and text:  # "took X on Friday and left it the next day": from Friday
            narrative = _narrative_at(text, published, r.start + nearest.start, earliest, operations)
        if nearest.kind == "operation_day":
            found = next((day for at, _, day in operations if at == r.start + nearest.start), None)
        else:
            found = nearest.resolve(
                published, narrative, about_what_follows=cue >= nearest.end, earliest=earliest
            )
        if (
            found is not None
            and published is not None
            and found.date_from is not None
            and found.date_from < published
            and nearest.kind in ("explicit", "weekday")
            and opens_a_span(r.sentence, nearest)
        ):
            return DateRange(
                found.date_from, published, f"{found.basis} up to publication (a clause opened by 'since')"
            )
        return found
    if (
        narrative is not None
        and not event
        and not (r.past_clause and _retrospective(narrative, published))
        and _fixed_before_paragraph(text, published, r.start, earliest, operations)
    ):
        # a state told in a later paragraph is the report's present, not that day's; unless it is
        # told in a past tense and the day is weeks back ("once in X, they found ..." after "a
        # month ago they fled"): a story of then goes on across paragraphs
        narrative = None
    if narrative is not None and (event or r.past_clause):
        return DateRange(
            narrative.date_from,
            narrative.date_to,
            f"{NARRATIVE_BASIS} ({narrative.basis})",
        )
    return default_range(published, event=event or r.past)


#: A day the narrative fixed at least this many days before publication sets a story told of then
#: (see :func:`_retrospective`); a day or two back is the news of the report itself.
RETROSPECT_DAYS = 7


def _retrospective(narrative: DateRange | None, published: date | None) -> bool:
    """True when the narrative's day lies weeks before publication: a story told of then, whose
    past-tense states in later paragraphs are of that time, not of the report's present."""
    return (
        narrative is not None
        and narrative.date_to is not None
        and published is not None
        and (published - narrative.date_to).days >= RETROSPECT_DAYS
    )


def _before_clause(sentence: str, mention, cue: int) -> bool:
    """True for date words of an earlier clause (a comma before the control word) that fix a day:
    they date that clause, not a state told in the present after it."""
    return mention.fixes_a_day and mention.end <= cue and "," in sentence[mention.end : cue]


def _in_aside(sentence: str, mention, cue: int) -> bool:
    """True for date words in an aside between commas that the control word is outside of, and
    that says more than the date ("the left bank, declared liberated in January, and the right
    side, still under their control"): they date the aside, not the claim. ", on Monday," alone
    still dates the clause around it."""
    before = sentence.rfind(",", 0, mention.start)
    after = sentence.find(",", mention.end)
    if before < 0 or after < 0 or before < cue < after:
        return False
    words = (sentence[before + 1 : mention.start] + " " + sentence[mention.end : after]).split()
    return len(words) >= 2


@lru_cache(maxsize=128)  # an undated report's claims are counted from each day of its window
def _fixed_days(
    text: str, published: date | None, earliest: date | None = None, operations: _OperationDays = ()
) -> tuple[tuple[int, ...], tuple[DateRange, ...]]:
    """Where the text fixes a day, in order, and the day each fixes ("the next day" counted on)."""
    offsets: list[int] = []
    days: list[DateRange] = []
    fixed_by_operation = {at: day for at, _, day in operations}
    for mention in find_dates(text):
        if not mention.fixes_a_day:
            continue
        if mention.kind == "operation_day":
            found = fixed_by_operation.get(mention.start)
        else:
            found = mention.resolve(published, days[-1] if days else None, earliest=earliest)
        if found is not None and found.date_from is not None:
            offsets.append(mention.start)
            days.append(found)
    return tuple(offsets), tuple(days)


def _narrative_at(
    text: str,
    published: date | None,
    offset: int,
    earliest: date | None = None,
    operations: _OperationDays = (),
) -> DateRange | None:
    """The day the text last fixed before character ``offset``, or None."""
    offsets, days = _fixed_days(text, published, earliest, operations)
    at = bisect_left(offsets, offset)
    return days[at - 1] if at else None


def _fixed_before_paragraph(
    text: str,
    published: date | None,
    offset: int,
    earliest: date | None = None,
    operations: _OperationDays = (),
) -> bool:
    """True when the day the text last fixed before ``offset`` was fixed in an earlier paragraph."""
    offsets, _ = _fixed_days(text, published, earliest, operations)
    at = bisect_left(offsets, offset)
    return bool(at) and text.rfind("\n\n", offsets[at - 1], offset) >= 0
