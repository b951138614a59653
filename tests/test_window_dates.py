"""Reports whose publication day is unknown: dated by the window their URL gives, or by "the Nth
day of the offensive"; and a place taken then left again within one sentence.

Why: copies of reports often lose their date ("published: unknown") while the URL still says the
month (``/2017/03/``) or the day. "On Friday" then means one of a handful of Fridays, which is a
range on the map, not no date at all. A report counting "the 30th day of the offensive" fixes its
own day from the war's offensives (``conflict.json``), and that day is then the present its
"yesterday" and "today" count from. Texts are our own; the Mosul offensive began 17 October 2016.
"""

from __future__ import annotations

from datetime import date

import pytest

from geo.core import narrow_to_weekday, operation_day, url_window
from geo.read import Article, read_claims
from tests.mosul import mosul

MOSUL_START = date(2016, 10, 17)


def _dated(text: str, *, url: str = "", published: date | None = None) -> list[tuple]:
    found = read_claims(Article(text=text, url=url, published=published), mosul())
    return [(c.place_id, c.controller, c.claim_type, c.date_from, c.date_to) for c in found]


# -- the window a URL gives ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "window"),
    [
        ("https://news.example.org/world/2017/03/police-advance.html", (date(2017, 3, 1), date(2017, 3, 31))),
        ("https://news.example.org/2016/02/", (date(2016, 2, 1), date(2016, 2, 29))),
        ("http://example.com/2017/03/08/police-advance", (date(2017, 3, 8), date(2017, 3, 8))),
        ("http://example.com/stories/2017-03-08-police-advance", (date(2017, 3, 8), date(2017, 3, 8))),
        ("http://example.com/a/2017/3/8/b", (date(2017, 3, 8), date(2017, 3, 8))),
        ("http://example.com/stories/police-advance-412", None),
        ("http://example.com/2017/13/police", None),  # no thirteenth month
        ("http://example.com/2017/02/30/police", None),  # no such day
        ("http://2017.example.com/x?from=2017/03/", None),  # the query is not the path
        ("", None),
    ],
)
def test_a_url_gives_the_days_a_report_can_have_appeared_on(url, window):
    assert url_window(url) == window


def test_an_article_knows_its_window_from_its_date_else_its_url():
    assert Article(text="x", published=date(2017, 3, 8), url="http://e.org/2016/01/").publication_window == (
        date(2017, 3, 8),
        date(2017, 3, 8),
    )
    assert Article(text="x", url="http://e.org/2016/01/a").publication_window == (
        date(2016, 1, 1),
        date(2016, 1, 31),
    )
    assert Article(text="x").publication_window is None


MONTH_URL = "https://news.example.org/world/2017/03/police-advance.html"


def test_a_weekday_in_a_report_dated_by_its_url_month_spans_every_such_weekday():
    """March 2017 opens on a Wednesday: its reports' "Friday" is 24 February at the earliest
    (a report of 1 March) and 31 March at the latest."""
    [(place, side, kind, first, last)] = _dated(
        "Federal police took Dawasa on Friday, officers said.", url=MONTH_URL
    )
    assert (place, side, kind) == ("dawasa", "government", "captured")
    assert (first, last) == (date(2017, 2, 24), date(2017, 3, 31))


def test_yesterday_and_the_narrative_carry_through_a_url_window():
    text = "Commandos entered Zuhur yesterday.\n\nTwo days later they took Karama, an officer said."
    found = {p: (a, b) for p, _, _, a, b in _dated(text, url=MONTH_URL)}
    assert found["zuhur"] == (date(2017, 2, 28), date(2017, 3, 30))
    assert found["karama"] == (date(2017, 3, 2), date(2017, 4, 1))


def test_a_url_giving_the_day_reads_as_a_known_publication_day():
    text = "Federal police took Dawasa on Friday, officers said."
    by_url = _dated(text, url="http://example.com/2017/03/08/police-advance")
    assert by_url == _dated(text, published=date(2017, 3, 8))
    assert by_url[0][3:] == (date(2017, 3, 3), date(2017, 3, 3))


def test_a_known_publication_day_wins_over_the_url():
    text = "Federal police took Dawasa on Friday, officers said."
    assert _dated(text, url=MONTH_URL, published=date(2017, 5, 17)) == _dated(
        text, published=date(2017, 5, 17)
    )


def test_without_a_date_or_a_dated_url_relative_words_still_give_no_date():
    text = "Federal police took Dawasa on Friday, officers said."
    for url in ("", "http://example.com/stories/police-advance-412"):
        [(_, _, _, first, last)] = _dated(text, url=url)
        assert (first, last) == (None, None)


# -- "the Nth day of the offensive" ------------------------------------------------------------------
def test_the_nth_day_is_counted_from_the_offensive_as_day_one_or_day_zero():
    found = operation_day(30, ((MOSUL_START, None),))
    assert (found.date_from, found.date_to) == (date(2016, 11, 15), date(2016, 11, 16))
    assert "2016-10-17" in found.basis


def test_the_nth_day_needs_an_offensive_that_fits():
    spring = (date(2017, 2, 19), None)
    autumn = (MOSUL_START, date(2016, 12, 31))
    assert operation_day(30, ()) is None
    assert operation_day(0, (autumn,)) is None
    assert operation_day(90, (autumn,)) is None  # past the offensive's end
    assert operation_day(30, (spring,), bound=date(2017, 1, 5)) is None  # it had not begun
    assert operation_day(30, (autumn, spring)) is None  # two fit, nothing says which
    later = operation_day(30, (autumn, spring), bound=date(2017, 4, 1))
    assert later.date_from == date(2017, 3, 20)
    capped = operation_day(30, (autumn,), bound=date(2016, 11, 15))
    assert (capped.date_from, capped.date_to) == (date(2016, 11, 15), date(2016, 11, 15))


def test_a_weekday_narrows_the_nth_day_only_when_it_falls_in_it():
    found = operation_day(30, ((MOSUL_START, None),))
    wednesday = narrow_to_weekday(found, "Wednesday")
    assert (wednesday.date_from, wednesday.date_to) == (date(2016, 11, 16), date(2016, 11, 16))
    assert narrow_to_weekday(found, "friday") == found


def test_an_undated_report_takes_its_day_from_the_nth_day_and_counts_on_from_it():
    text = (
        "On Wednesday, the 30th day of the offensive, commandos captured Samah.\n\n"
        "An officer said his men had taken Quds yesterday."
    )
    found = {p: (a, b) for p, _, _, a, b in _dated(text)}
    assert found["samah"] == (date(2016, 11, 16), date(2016, 11, 16))
    assert found["quds"] == (date(2016, 11, 15), date(2016, 11, 15))


def test_the_nth_day_alone_is_a_range_of_two_days():
    [(_, _, _, first, last)] = _dated(
        "Commandos captured Samah on the 30th day of the campaign, officers said."
    )
    assert (first, last) == (date(2016, 11, 15), date(2016, 11, 16))


def test_a_today_glossed_with_its_weekday_narrows_the_nth_day():
    text = (
        "Commandos pressed on through the 30th day of the battle, officers said.\n\n"
        "A colonel said Quds had been cleared today [Wednesday]."
    )
    [(place, _, _, first, last)] = _dated(text)
    assert (place, first, last) == ("quds", date(2016, 11, 16), date(2016, 11, 16))


def test_a_report_with_its_publication_day_keeps_its_own_weekday():
    text = "On Wednesday, the 30th day of the offensive, commandos captured Samah."
    [(_, _, _, first, last)] = _dated(text, published=date(2016, 11, 17))
    assert (first, last) == (date(2016, 11, 16), date(2016, 11, 16))


# -- taken, then left again ---------------------------------------------------------------------------
def test_a_place_taken_and_left_again_in_one_sentence_gives_both_claims():
    text = "Army units captured Karama on Friday, then pulled out the following day under mortar fire."
    found = _dated(text, published=date(2016, 12, 14))
    assert ("karama", "government", "captured", date(2016, 12, 9), date(2016, 12, 9)) in found
    assert ("karama", "islamic-state", "withdrew", date(2016, 12, 10), date(2016, 12, 10)) in found


def test_going_on_after_a_capture_leaves_nothing():
    found = _dated(
        "Army units captured Karama on Friday and pressed on the following day.", published=date(2016, 12, 14)
    )
    assert [(p, s, k) for p, s, k, _, _ in found] == [("karama", "government", "captured")]


def test_leaving_a_place_of_its_own_keeps_that_place():
    found = _dated(
        "Army units captured Karama on Friday but withdrew from Zuhur.", published=date(2016, 12, 14)
    )
    assert {(p, k) for p, _, k, _, _ in found} == {("karama", "captured"), ("zuhur", "withdrew")}
