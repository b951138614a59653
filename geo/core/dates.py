"""Dates of events: the words of a sentence that say when, resolved against the publication date.

News reports date events relative to the day they appear ("yesterday", "on Tuesday", "last
week"), so a date is a range (``date_from``..``date_to``) plus the words that set it. The
expressions are data (``data/lexicon/dates.json``); this module only does the calendar arithmetic.
Nothing here invents a date: without a publication date, relative words resolve to nothing.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from .paths import LEXICON_DIR

LEXICON = LEXICON_DIR / "dates.json"

WEEKDAYS = tuple(name.lower() for name in calendar.day_name)

#: How many days after its stated publication day a report may still tell of, in its own year: a
#: stated day is often a day or two off the events (time zones, a gallery or live page updated after
#: the day it is filed under), so "on Dec. 14" in a report dated 13 December is that 14 December,
#: not the one a year before. Only a day further past publication than this is taken from the year
#: before (a January report's "on 20 December").
PUBLICATION_SLACK_DAYS = 3


@dataclass(frozen=True)
class DateRange:
    """When an event happened, as far as the text says, and the words (or rule) that say so."""

    date_from: date | None
    date_to: date | None
    basis: str


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a text: its offsets, its words and the rule that reads it."""

    start: int
    end: int
    text: str
    kind: str
    rule: dict

    @property
    def fixes_a_day(self) -> bool:
        """True for words that fix one day (or a night), which the sentences after them carry on.

        Years, seasons, months and weeks set a background, not the day a narrative is at (but "two
        months ago" does, as a story's time, like "six weeks ago"); "now" is the report's present,
        which dates its own sentence only.
        """
        if self.rule.get("counts_back_to_what_follows"):
            return False  # "this came a day after X": which day the narrative is at stays open
        if self.kind == "years_ago":  # "two months ago" fixes when a story is, as a day does
            return not self.rule["unit"].lower().startswith("year")
        return self.kind in (
            "day",
            "weekday",
            "days_ago",
            "explicit",
            "later",
            "operation_day",
        ) and self.rule.get("sets_narrative", True)

    def resolve(
        self,
        published: date | None,
        narrative: DateRange | None = None,
        *,
        about_what_follows: bool = False,
        earliest: date | None = None,
        offensives: tuple[tuple[date, date | None], ...] = (),
        bound: date | None = None,
    ) -> DateRange | None:
        """The range these words mean for an article published on ``published``.

        ``narrative`` is the date the text last fixed before these words, which "the next day"
        counts from; ``about_what_follows`` says the event is told after the words ("a day after
        the army took X": X one day before the narrative's day). None when the words are
        relative and the day they count from is unknown.

        ``earliest`` serves an article whose publication day nobody knows: a day and month with
        no year ("on November 4") is then the first such day on or after it (the basis says the
        year was inferred). Relative words still resolve to nothing without a publication day.

        ``offensives`` are the ``(start, end)`` days of the war's offensives, which "the 30th day of
        the operation" counts from (see :func:`operation_day`); ``bound`` is the last day the
        report can have appeared (the publication day, or the end of the window its URL gives).
        """
        if self.kind == "operation_day":
            return operation_day(int(self.rule["n"]), offensives, bound or published, words=self.text)
        if self.kind == "later":
            return self._later(
                narrative, back=about_what_follows and bool(self.rule.get("counts_back_to_what_follows"))
            )
        if (
            published is None
            and earliest is not None
            and self.kind == "explicit"
            and not (self.rule.get("year") or self.rule.get("iso"))
        ):
            day = _explicit(self, None, year=earliest.year)
            if day is not None and day[0] < earliest:
                day = _explicit(self, None, year=earliest.year + 1)
            if day is None:
                return None
            return DateRange(
                day[0],
                day[1],
                f"'{self.text}' (year inferred: the first such day from {earliest.isoformat()})",
            )
        span = _resolve(self, published)
        if span is None:
            return None
        start, end = span
        if published is not None and self.kind != "explicit" and end > published:
            end = published  # "this week" or "this month" cannot reach past the report itself
        if start > end:
            return None  # words naming a time after the report ("in 2012" in a 1900 article): for review
        return DateRange(start, end, f"'{self.text}'")

    def _later(self, narrative: DateRange | None, *, back: bool) -> DateRange | None:
        if narrative is None or narrative.date_from is None or narrative.date_to is None:
            return None
        days = self.rule.get("days")
        if days is None:
            days = _count(self.rule["n"])
        shift = timedelta(days=-days if back else days)
        return DateRange(
            narrative.date_from + shift, narrative.date_to + shift, f"'{self.text}' after {narrative.basis}"
        )


@dataclass(frozen=True)
class _Expression:
    kind: str
    pattern: re.Pattern
    rule: dict


@lru_cache(maxsize=1)
def _lexicon() -> tuple[tuple[_Expression, ...], dict[str, int], int]:
    data = _data()
    expressions = tuple(
        _Expression(e["kind"], re.compile(rf"\b(?:{e['pattern']})\b", re.IGNORECASE), e)
        for e in data["expressions"]
    )
    return expressions, data["numbers"], int(data["dateline_lines"])


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(LEXICON.read_text(encoding="utf-8"))


def _count(n: str) -> int:
    """A count written in digits or as a word of the lexicon's ``numbers``."""
    n = n.lower()
    return int(n) if n.isdigit() else _data()["numbers"][n]


def _unit_days(rule: dict) -> int:
    """The days in the unit a count of days or weeks is in ("three weeks ago": 7)."""
    return 7 if rule["unit"].lower().startswith("week") else 1


def _months_back(day: date, months: int) -> tuple[int, int]:
    """The year and month ``months`` months before ``day``'s month."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return year, month + 1


def find_dates(text: str) -> list[DateMention]:
    """Date expressions in ``text``, left to right; where two overlap, the longer wins."""
    return list(_find_dates(text))


@lru_cache(maxsize=4096)
def _find_dates(text: str) -> tuple[DateMention, ...]:
    """:func:`find_dates`, remembered: a claim's sentence is searched once per claim, an article's
    text once for its narrative days and once for its year, and every lexicon pattern scans it all."""
    expressions, _, _ = _lexicon()
    found: list[tuple[int, int, _Expression, re.Match]] = []
    for expression in expressions:
        for match in expression.pattern.finditer(text):
            found.append((match.start(), match.end(), expression, match))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    mentions: list[DateMention] = []
    last_end = -1
    for start, end, expression, match in found:
        if start < last_end:
            continue
        groups = {k: v for k, v in match.groupdict().items() if v}
        mentions.append(
            DateMention(start, end, text[start:end], expression.kind, {**expression.rule, **groups})
        )
        last_end = end
    return tuple(mentions)


def _resolve(mention: DateMention, published: date | None) -> tuple[date, date] | None:
    rule, kind = mention.rule, mention.kind
    if kind == "year":
        year = int(rule["year"])
        part = rule.get("part1") or rule.get("part2")
        if part:  # "mid-2014": the months of that part of the year, not the whole year
            first, last = _data()["year_parts"][part.lower()]
            return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])
        return date(year, 1, 1), date(year, 12, 31)
    if kind == "season":
        return _season(rule["season"].lower(), int(rule["year"]))
    if kind == "since_year":  # "since 2012": from then to the report (resolve() caps the end)
        year = int(rule["year"])
        return date(year, 1, 1), published or date(year, 12, 31)
    if kind == "explicit":
        return _explicit(mention, published)
    if kind == "operation_day":
        return None  # counted from an offensive's start, which only DateMention.resolve is given
    if kind == "month_name":
        return _month_name(rule, published)
    if published is None:
        return None
    if kind == "day":
        return published + timedelta(days=rule["from"]), published + timedelta(days=rule["to"])
    if kind == "weekday":
        back = (published.weekday() - WEEKDAYS.index(rule["weekday"].lower())) % 7
        day = published - timedelta(days=back)
        return day, day
    if kind == "days_ago":
        unit = _unit_days(rule)
        day = published - timedelta(days=_count(rule["n"]) * unit)
        if rule.get("about"):  # "about six weeks ago": a week either side of that day
            return day - timedelta(days=unit), day + timedelta(days=unit)
        return day, day
    if kind == "years_ago":  # "four years ago": that whole year (or month), not one day
        count = _count(rule["n"])
        spread = 1 if rule.get("about") else 0  # "about two months ago": a month either side
        if rule["unit"].lower().startswith("year"):
            return date(published.year - count - spread, 1, 1), date(published.year - count + spread, 12, 31)
        first_year, first_month = _months_back(published, count + spread)
        last_year, last_month = _months_back(published, count - spread)
        return date(first_year, first_month, 1), date(
            last_year, last_month, calendar.monthrange(last_year, last_month)[1]
        )
    if kind == "past_span":  # "over the past three weeks": up to the report
        return published - timedelta(days=_count(rule["n"]) * _unit_days(rule)), published
    if kind == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=rule["offset"])
        return monday, monday + timedelta(days=6)
    if kind == "month":
        year, month = published.year, published.month + rule["offset"]
        if month < 1:
            year, month = year - 1, month + 12
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    raise ValueError(f"unknown date kind {kind!r} in {LEXICON}")


def _month_name(rule: dict, published: date | None) -> tuple[date, date] | None:
    month = [m.lower() for m in calendar.month_name].index(rule["month"].lower())
    if rule.get("year"):
        year = int(rule["year"])
    elif published is not None:
        year = published.year if month <= published.month else published.year - 1
    else:
        return None
    last = calendar.monthrange(year, month)[1]
    part = rule.get("part1") or rule.get("part2")
    if part:  # "mid-December", "early November": a part of the month
        first_day, last_day = _data()["month_parts"][part.lower()]
        return date(year, month, first_day), date(year, month, min(last_day, last))
    return date(year, month, 1), date(year, month, last)


def _season(season: str, year: int) -> tuple[date, date]:
    """The months of a season of ``year``; a winter runs into the next year."""
    first, last = _data()["seasons"][season]
    end_year = year + 1 if last < first else year
    return date(year, first, 1), date(end_year, last, calendar.monthrange(end_year, last)[1])


def _explicit(
    mention: DateMention, published: date | None, *, year: int | None = None
) -> tuple[date, date] | None:
    """A calendar date; without a year, the latest such day up to a few days after publication
    (:data:`PUBLICATION_SLACK_DAYS`), or that day of ``year`` when the caller fixed the year another
    way. The year is chosen here, once, for both the fast path and dateparser."""
    rule = mention.rule
    written = bool(rule.get("year") or rule.get("iso"))
    if not written and year is None:
        if published is None:
            return None
        latest = published + timedelta(days=PUBLICATION_SLACK_DAYS)
        for candidate in (published.year + 1, published.year, published.year - 1):
            day = _explicit(mention, published, year=candidate)
            if day is not None and day[0] <= latest:
                return day
        return None
    day = _calendar_day(rule, published, year)
    if day is not None:
        return day, day
    return _dateparser_day(mention.text, written, published, year)


#: Month numbers by the first three letters of the names and abbreviations the lexicon allows.
_MONTHS = {name[:3].lower(): number for number, name in enumerate(calendar.month_name) if name}


def _calendar_day(rule: dict, published: date | None, year: int | None) -> date | None:
    """The day "5 December", "Dec. 5, 2016", "December 5th" or "2016-12-05" means, worked out
    without dateparser (which takes milliseconds a call, and most of a second for its first);
    None where dateparser must decide.

    It gives what dateparser gives with the settings :func:`_explicit` passes: a written year wins,
    then ``year`` (which :func:`_explicit` always gives when none is written). A day the month lacks
    ("30 February", or the 29th of a year with none) still goes to dateparser.
    """
    try:
        if rule.get("iso"):
            return date.fromisoformat(rule["iso"])
        month, day = rule.get("month1") or rule.get("month2"), rule.get("day1") or rule.get("day2")
        number = _MONTHS.get(month[:3].lower()) if month and day else None
        if number is None:
            return None
        if rule.get("year"):
            return date(int(rule["year"]), number, int(day))
        if year is not None:
            return date(year, number, int(day))
        return None  # no year at all: :func:`_explicit` chooses it and asks again with one
    except ValueError:
        return None


@lru_cache(maxsize=1024)
def _dateparser_day(
    text: str, written_year: bool, published: date | None, year: int | None
) -> tuple[date, date] | None:
    """A calendar date through dateparser, remembered per words and reference day."""
    import dateparser

    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    if year is not None and not written_year:
        text, settings = f"{text} {year}", {**settings, "REQUIRE_PARTS": ["day", "month", "year"]}
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None:
        return None
    return parsed.date(), parsed.date()


def operation_day(
    n: int,
    offensives: tuple[tuple[date, date | None], ...],
    bound: date | None = None,
    *,
    words: str = "",
) -> DateRange | None:
    """The day "the ``n``th day of the offensive" names: ``n - 1`` or ``n`` days after its start, as
    reports count the first day as day 1 or as day 0, so a range of two days.

    The offensive is one of ``offensives`` (``(start, end)``, ``end`` None while it is open) whose
    span holds that day and which began by ``bound`` (the report cannot count days of an offensive
    that had not begun): the latest such when ``bound`` is known, else the only one. None when no
    offensive fits or, with no bound, several do.
    """
    if n < 1:
        return None
    fits = []
    for start, end in offensives:
        first, last = start + timedelta(days=n - 1), start + timedelta(days=n)
        if end is not None and first > end:
            continue
        if bound is not None and first > bound:
            continue
        fits.append((start, first, min(last, bound) if bound is not None else last))
    if not fits or (bound is None and len(fits) > 1):
        return None
    start, first, last = max(fits)
    said = f"'{words}'" if words else f"day {n} of an offensive"
    return DateRange(first, last, f"{said}: day 1 or day 0 being {start.isoformat()}, the offensive's start")


def each_day(first: date, last: date) -> list[date]:
    """Each day from ``first`` to ``last``, both counted."""
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def narrow_to_weekday(found: DateRange, weekday: str) -> DateRange:
    """``found`` narrowed to the day in it that falls on ``weekday`` ("Wednesday, the 30th day of the
    offensive"); unchanged when it holds no such day or more than one, or is one day already."""
    if found.date_from is None or found.date_to is None or found.date_from == found.date_to:
        return found
    wanted = WEEKDAYS.index(weekday.lower())
    days = [d for d in each_day(found.date_from, found.date_to) if d.weekday() == wanted]
    if len(days) != 1:
        return found
    return DateRange(days[0], days[0], f"{found.basis}, a {weekday.capitalize()}")


#: A date in a URL's path: ``/2017/03/08/``, ``/2017/03/`` (a month) or ``2017-03-08``.
_URL_DAY = re.compile(r"(?<!\d)((?:19|20)\d\d)([/-])(0?[1-9]|1[0-2])\2(0?[1-9]|[12]\d|3[01])(?!\d)")
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/(0?[1-9]|1[0-2])(?:/|$)")


def url_window(url: str) -> tuple[date, date] | None:
    """The days a report can have appeared on, by the date its URL's path carries: one day for
    ``/2017/03/08/`` or ``2017-03-08``, the month for ``/2017/03/``; None when it carries none
    (or an impossible day such as ``2016/02/30``)."""
    if not url:
        return None
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", url.strip(), flags=re.IGNORECASE)
    path = path.split("?", 1)[0].split("#", 1)[0]
    day = _URL_DAY.search(path)
    if day:
        try:
            found = date(int(day.group(1)), int(day.group(3)), int(day.group(4)))
        except ValueError:
            return None
        return found, found
    month = _URL_MONTH.search(path)
    if month:
        year, number = int(month.group(1)), int(month.group(2))
        return date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1])
    return None


def opens_a_span(text: str, mention: DateMention) -> bool:
    """True when the clause holding ``mention`` starts with a word such as "since" ("since the
    offensive resumed on Dec. 29, ..."): what the sentence tells runs from that day to the report,
    not on that day alone. The words are the lexicon's ``span_openers``."""
    clause = re.split(r"[,;:()\[\]]", text[: mention.start])[-1].strip().lower()
    said = mention.text.lower()
    return any(
        clause == w or clause.startswith(w + " ") or said.startswith(w + " ")
        for w in _data().get("span_openers", ())
    )


def parse_iso_date(value: str) -> date:
    """A ``YYYY-MM-DD`` date; ValueError with a readable reason otherwise (2016-02-30 included)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise ValueError(f"{value!r} is not a date in the form YYYY-MM-DD")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"{value!r} is not a real calendar date") from None


def find_dateline(text: str) -> tuple[date, str] | None:
    """A publication date written at the top of an article (a dateline), with where it was found.

    Only a full calendar date with its year counts: a weekday or "yesterday" is no dateline.
    """
    _, _, max_lines = _lexicon()
    lines = [line for line in text.splitlines() if line.strip()][:max_lines]
    for number, line in enumerate(lines, start=1):
        for mention in find_dates(line):
            if mention.kind != "explicit" or not (mention.rule.get("year") or mention.rule.get("iso")):
                continue
            span = _explicit(mention, None)
            if span is not None:
                return span[0], f"inferred: dateline '{mention.text}' in line {number}"
    return None


def default_range(published: date | None, *, event: bool) -> DateRange | None:
    """The date of a claim whose sentence has no date words.

    An event a report tells of happened the day before publication or on it; a state ("holds",
    "controls") is as of the publication day. None without a publication date.
    """
    if published is None:
        return None
    if event:
        return DateRange(
            published - timedelta(days=1),
            published,
            "no date words: a reported event, the day before publication or that day",
        )
    return DateRange(published, published, "no date words: a state, as of the publication day")
