"""Claims: one statement that a side took, lost or holds a place, with the sentence that says so."""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from ..core import EVENT_TYPES, Claim, DateMention, DateRange, default_range, find_dates
from ..gazetteer import Gazetteer, load_baseline
from .articles import Article
from .reading import ClaimReading

if TYPE_CHECKING:  # spaCy loads only when claims are read: the store, maps and CLI start fast
    from spacy.language import Language

# -- reading claims from articles ----------------------------------------------------------------
_CONFIDENCE = {"base": 0.9, "hedged": 0.2, "partial": 0.1, "side inferred": 0.2, "unresolved place": 0.4,
               "fuzzy place": 0.1, "approximate place": 0.3, "no date": 0.1, "denied": 0.4,
               "background": 0.3, "denial": 0.3}


def read_claims(article: Article, gazetteer: Gazetteer, nlp: Language | None = None) -> list[Claim]:
    """Every control claim of ``article``, in text order."""
    return next(read_claims_many([article], gazetteer, nlp=nlp))[1]


def read_claims_many(
    articles: Iterable[Article], gazetteer: Gazetteer, *, nlp: Language | None = None,
    n_process: int = 1, batch_size: int = 32,
) -> Iterator[tuple[Article, list[Claim]]]:
    """Claims of many articles, streamed in order, through ``nlp.pipe`` (batched, optionally multi-process).

    An article longer than the model takes (``nlp.max_length``) is read in pieces cut at
    paragraph breaks, its claims' offsets still counted from the start of the whole text.
    """
    from .pipeline import load_pipeline

    nlp = nlp or load_pipeline(gazetteer)
    start = load_baseline(gazetteer).start
    pieces = (
        (text, (article, offset, offset + len(text) == len(article.text)))
        for article in articles
        for offset, text in text_pieces(article.text, nlp.max_length)
    )
    found: list[Claim] = []
    for doc, (article, offset, last) in nlp.pipe(pieces, as_tuples=True, n_process=n_process, batch_size=batch_size):
        found.extend(_claim(article, _shifted(r, offset), start) for r in doc._.claim_readings or [])
        if last:
            yield article, found
            found = []


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
    return replace(r, start=r.start + offset, end=r.end + offset, place_start=r.place_start + offset,
                   place_end=r.place_end + offset, cue_start=r.cue_start + offset, cue_end=r.cue_end + offset)


def _claim(article: Article, r: ClaimReading, start: date | None = None) -> Claim:
    flags = list(r.flags)
    when = _date_of(r, article.published, article.text, start if article.published is None else None)
    if when is None:
        flags.append("no date")
        when = DateRange(None, None, "no publication date" if article.published is None else "unreadable date")
    flags = list(dict.fromkeys(flags))
    penalties = [*flags, *(name for name, applies in (
        ("hedged", r.hedged), ("partial", r.partial), ("denied", r.claim_type == "denied")) if applies)]
    confidence = _CONFIDENCE["base"] - sum(_CONFIDENCE.get(p, 0.0) for p in penalties)
    if r.controller is None:  # the reader settles every side or drops the reading
        raise ValueError(f"a reading left the reader with no side: {r.place_as_written!r} in {r.sentence!r}")
    return Claim(
        article=article.id, sentence=r.sentence, start=r.start, end=r.end,
        place_as_written=r.place_as_written, place_id=r.place_id, place=r.place,
        controller=r.controller, claim_type=r.claim_type, percent=r.percent, partial=r.partial,
        date_from=when.date_from, date_to=when.date_to, date_basis=when.basis,
        attribution=r.attribution, hedged=r.hedged, confidence=round(max(0.05, min(0.95, confidence)), 2),
        place_start=r.place_start, place_end=r.place_end, cue=r.cue, cue_start=r.cue_start,
        cue_end=r.cue_end, candidates=r.candidates, disputes=r.disputes,
        flags=tuple(flags),
    )


def _date_of(r: ClaimReading, published: date | None, text: str = "", start: date | None = None) -> DateRange | None:
    """The date words nearest the control word, else the day the narrative last fixed, else the
    default for an event or a state. A statement in the present tense of who holds a place takes
    only the date words of its own clause: one set off by a comma dates another claim.

    "On 27 November the army took A. Two hours later it took B.": B is dated 27 November, and
    "the next day" counts from there. A present-tense state with no date words stays as of
    publication: it is the report's own present. ``start`` is given for an article with no
    publication date: see :func:`_in_year_from`.
    """
    mentions = find_dates(r.sentence)
    cue = r.cue_start - r.start
    if r.claim_type == "holds" and not r.past:  # "X, taken on Saturday, is under Kurdish control"
        mentions = [m for m in mentions if "," not in r.sentence[min(m.end, cue):max(m.start, cue)]]
    narrative = _narrative_at(text, published, r.start, start) if text else None
    if mentions:  # date words we cannot resolve give no date rather than a default
        nearest = min(mentions, key=lambda m: min(abs(m.start - cue), abs(m.end - cue)))
        found = nearest.resolve(published, narrative, about_what_follows=cue >= nearest.end)
        return found or (_in_year_from(nearest, start) if published is None else None)
    event = r.claim_type in EVENT_TYPES or r.disputes.split(":")[0] in EVENT_TYPES
    if narrative is not None and (event or r.past):
        return DateRange(narrative.date_from, narrative.date_to,
                         f"no date words: the day the text last fixed ({narrative.basis})")
    return default_range(published, event=event or r.past)


def _in_year_from(mention: DateMention, start: date | None) -> DateRange | None:
    """A day or month written without its year ("on November 4"), in an article with no
    publication date: the first such day on or after ``start``, the gazetteer's baseline date
    (the map begins there, and its war's reports tell of what came after), within a year of it.
    The basis says the year was inferred, for the reviewer."""
    if start is None or mention.kind not in ("explicit", "month_name") or mention.rule.get("year") or mention.rule.get("iso"):
        return None
    found = mention.resolve(start + timedelta(days=365))  # the latest such day up to a year on
    if found is None or found.date_from is None or found.date_from < start:
        return None
    return DateRange(found.date_from, found.date_to,
                     f"{found.basis}, no publication date: year inferred as the first after the baseline {start}")


@lru_cache(maxsize=16)
def _fixed_days(text: str, published: date | None, start: date | None = None
                ) -> tuple[tuple[int, ...], tuple[DateRange, ...]]:
    """Where the text fixes a day, in order, and the day each fixes ("the next day" counted on)."""
    offsets: list[int] = []
    days: list[DateRange] = []
    for mention in find_dates(text):
        if not mention.fixes_a_day:
            continue
        found = mention.resolve(published, days[-1] if days else None)
        if found is None and published is None:
            found = _in_year_from(mention, start)
        if found is not None and found.date_from is not None:
            offsets.append(mention.start)
            days.append(found)
    return tuple(offsets), tuple(days)


def _narrative_at(text: str, published: date | None, offset: int, start: date | None = None) -> DateRange | None:
    """The day the text last fixed before character ``offset``, or None."""
    offsets, days = _fixed_days(text, published, start)
    at = bisect_left(offsets, offset)
    return days[at - 1] if at else None
