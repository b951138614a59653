"""Dates a narrative fixes and the sentences after it carry on; historical years, seasons and spans.

Every text is our own. Publication day: Friday 9 December 2016 unless a test says otherwise.
"""

from datetime import date

import pytest

from geo.core import find_dates
from geo.read import Article, read_claims

FRIDAY = date(2016, 12, 9)


def span(text, published=FRIDAY):
    (mention,) = find_dates(text)
    found = mention.resolve(published)
    return (found.date_from, found.date_to) if found else None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Clashes flared on Friday.", (FRIDAY, FRIDAY)),  # the report's own weekday
        ("Clashes flared late on Thursday.", (date(2016, 12, 8), date(2016, 12, 8))),
        ("Clashes flared overnight.", (date(2016, 12, 8), FRIDAY)),
        ("A convoy left (Dec 6) under escort.", (date(2016, 12, 6), date(2016, 12, 6))),
        ("The quarter changed hands in the summer of 2013.", (date(2013, 6, 1), date(2013, 8, 31))),
        ("It changed hands in the winter of 2013.", (date(2013, 12, 1), date(2014, 2, 28))),
        ("The road has been cut since 2014.", (date(2014, 1, 1), FRIDAY)),
        ("The hill was lost by 2013.", (date(2013, 1, 1), date(2013, 12, 31))),
        ("They first entered it three years ago.", (date(2013, 1, 1), date(2013, 12, 31))),
        ("They entered it two months ago.", (date(2016, 10, 1), date(2016, 10, 31))),
        ("Ground was gained over the past two weeks.", (date(2016, 11, 25), FRIDAY)),
        ("The bridge fell in early November.", (date(2016, 11, 1), date(2016, 11, 10))),
        ("The bridge fell in mid-November.", (date(2016, 11, 10), date(2016, 11, 20))),
        ("The market was retaken earlier in the day.", (FRIDAY, FRIDAY)),
    ],
)
def test_date_words_resolve_to_the_range_they_mean(text, expected):
    assert span(text) == expected


def test_words_counting_from_the_narrative_need_a_day_to_count_from():
    (mention,) = find_dates("The next day the column moved on.")
    assert mention.resolve(FRIDAY) is None


def claims(text, gazetteer, published=FRIDAY):
    return {
        c.place_id: (c.date_from, c.date_to)
        for c in read_claims(Article(text=text, title="", published=published), gazetteer)
    }


def test_an_undated_sentence_takes_the_day_the_narrative_last_fixed(gazetteer):
    text = (
        "On 2 December the army captured Masaken Hanano. Two hours later the army captured Jabal Badro.\n\n"
        "The next day the army captured al-Sakhour."
    )
    found = claims(text, gazetteer)
    assert found["masaken-hanano"] == (date(2016, 12, 2), date(2016, 12, 2))
    assert found["jabal-badro"] == (date(2016, 12, 2), date(2016, 12, 2))
    assert found["al-sakhour"] == (date(2016, 12, 3), date(2016, 12, 3))


def test_a_year_in_the_background_does_not_date_the_sentences_after_it(gazetteer):
    text = "Rebels first entered the east in 2012. Government troops captured al-Sakhour."
    assert claims(text, gazetteer)["al-sakhour"] == (date(2016, 12, 8), FRIDAY)


def test_a_day_after_counts_back_for_the_event_it_introduces(gazetteer):
    text = "Talks opened on Wednesday. They began a day after the army seized Masaken Hanano."
    assert claims(text, gazetteer)["masaken-hanano"] == (date(2016, 12, 6), date(2016, 12, 6))


def test_a_present_state_without_date_words_stays_as_of_publication(gazetteer):
    text = "On 2 December the army captured Masaken Hanano. Al-Sakhour is under government control."
    assert claims(text, gazetteer)["al-sakhour"] == (FRIDAY, FRIDAY)


def test_now_dates_its_own_sentence_but_the_narrative_does_not_move_to_it(gazetteer):
    text = "On 2 December the army captured Masaken Hanano. Rebels now hold al-Sakhour. The army captured Jabal Badro."
    found = claims(text, gazetteer)
    assert found["al-sakhour"] == (FRIDAY, FRIDAY)
    assert found["jabal-badro"] == (date(2016, 12, 2), date(2016, 12, 2))
