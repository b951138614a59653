"""Event dates: the words that say when, resolved against the publication day."""

from datetime import date

import pytest

from geo.core import default_range, find_dateline, find_dates, parse_iso_date

WEDNESDAY = date(2016, 12, 14)


def resolved(text, published=WEDNESDAY):
    (mention,) = find_dates(text)
    found = mention.resolve(published)
    return (found.date_from, found.date_to) if found else None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The convoy left yesterday.", (date(2016, 12, 13), date(2016, 12, 13))),
        ("Shelling went on overnight.", (date(2016, 12, 13), date(2016, 12, 14))),
        ("Talks resumed on Tuesday.", (date(2016, 12, 13), date(2016, 12, 13))),
        ("Talks resumed on Wednesday.", (date(2016, 12, 14), date(2016, 12, 14))),
        ("Talks resumed on Thursday.", (date(2016, 12, 8), date(2016, 12, 8))),
        ("Aid arrived last week.", (date(2016, 12, 5), date(2016, 12, 11))),
        ("Aid arrived earlier this week.", (date(2016, 12, 12), date(2016, 12, 14))),
        ("The siege began in 2012.", (date(2012, 1, 1), date(2012, 12, 31))),
        ("The town fell in mid-2013.", (date(2013, 5, 1), date(2013, 8, 31))),
        ("The town fell in late 2013.", (date(2013, 9, 1), date(2013, 12, 31))),
        ("The town fell early 2013.", (date(2013, 1, 1), date(2013, 4, 30))),
        ("The plan of December 2 was dropped.", (date(2016, 12, 2), date(2016, 12, 2))),
        ("The plan of December 20 was dropped.", (date(2015, 12, 20), date(2015, 12, 20))),
        ("Fighting stopped three days ago.", (date(2016, 12, 11), date(2016, 12, 11))),
        ("The front moved last month.", (date(2016, 11, 1), date(2016, 11, 30))),
    ],
)
def test_relative_words_resolve_against_the_publication_day(text, expected):
    assert resolved(text) == expected


def test_relative_words_without_a_publication_date_resolve_to_nothing():
    assert resolved("The convoy left yesterday.", None) is None
    assert resolved("Talks resumed on Tuesday.", None) is None
    assert resolved("The siege began in 2012.", None) == (date(2012, 1, 1), date(2012, 12, 31))


def test_the_longer_expression_wins():
    (mention,) = find_dates("It fell the day before yesterday.")
    assert mention.text == "the day before yesterday"
    assert mention.resolve(WEDNESDAY).date_from == date(2016, 12, 12)


def test_default_ranges_say_why_and_need_a_publication_date():
    event = default_range(WEDNESDAY, event=True)
    state = default_range(WEDNESDAY, event=False)
    assert (event.date_from, event.date_to) == (date(2016, 12, 13), WEDNESDAY)
    assert (state.date_from, state.date_to) == (WEDNESDAY, WEDNESDAY)
    assert "no date words" in event.basis
    assert default_range(None, event=True) is None


def test_a_dateline_needs_a_full_date():
    assert find_dateline("Headline\n\nBy our reporter, 3 March 2017\n\nText.")[0] == date(2017, 3, 3)
    assert "inferred" in find_dateline("Headline\n\nMarch 3, 2017\n\nText.")[1]
    assert find_dateline("Headline\n\nOn Tuesday the army advanced.") is None


@pytest.mark.parametrize("bad", ["2016-02-30", "2016-13-01", "8 Dec 2016", ""])
def test_iso_dates_are_checked(bad):
    with pytest.raises(ValueError):
        parse_iso_date(bad)
