"""Dates in reports nobody dated, clauses opened by "since", asides, and states told in a later paragraph.

Every text is our own. The Aleppo gazetteer's map starts on 15 November 2016 (its baseline_date).
"""

from datetime import date

from geo.core import find_dates, opens_a_span
from geo.read import Article, read_claims

FRIDAY = date(2016, 12, 9)


def claims(text, gazetteer, published=FRIDAY):
    return {c.place_id: c for c in read_claims(Article(text=text, title="", published=published), gazetteer)}


def test_a_day_and_month_without_a_year_resolve_from_the_earliest_day_allowed():
    (mention,) = find_dates("The column moved in on November 4.")
    assert mention.resolve(None) is None  # nothing to count from: no date rather than a guess
    found = mention.resolve(None, earliest=date(2016, 10, 17))
    assert (found.date_from, found.date_to) == (date(2016, 11, 4), date(2016, 11, 4))
    assert "year inferred" in found.basis
    later = mention.resolve(None, earliest=date(2016, 11, 20))  # the first 4 November on or after it
    assert later.date_from == date(2017, 11, 4)


def test_an_undated_report_dates_a_day_and_month_from_the_map_start(gazetteer):
    found = claims(
        "The army captured Masaken Hanano on November 20, officers said.", gazetteer, published=None
    )
    assert (found["masaken-hanano"].date_from, found["masaken-hanano"].date_to) == (
        date(2016, 11, 20),
        date(2016, 11, 20),
    )


def test_an_undated_report_takes_the_year_its_text_writes(gazetteer):
    text = (
        "[Caption] Smoke over the city, March 3, 2018.\n\n"
        "The army captured Masaken Hanano on February 27, officers said."
    )
    found = claims(text, gazetteer, published=None)
    assert found["masaken-hanano"].date_from == date(2018, 2, 27)


def test_an_undated_report_still_gives_weekdays_no_date(gazetteer):
    found = claims("The army captured Masaken Hanano on Tuesday.", gazetteer, published=None)
    assert found["masaken-hanano"].date_from is None


def test_a_clause_opened_by_since_runs_to_publication(gazetteer):
    text = "Since the offensive resumed on December 2, the rebels have been driven out of Masaken Hanano."
    (mention,) = find_dates(text)
    assert opens_a_span(text, mention)
    assert not opens_a_span(
        "The offensive resumed on December 2.", find_dates("The offensive resumed on December 2.")[0]
    )
    found = claims(text, gazetteer)["masaken-hanano"]
    assert (found.date_from, found.date_to) == (date(2016, 12, 2), FRIDAY)


def test_a_day_fixed_in_an_earlier_paragraph_does_not_date_a_later_state(gazetteer):
    text = (
        "On Wednesday the army captured Masaken Hanano.\n\n"
        "A general said that only 10 percent of eastern Aleppo was left in rebel hands."
    )
    found = claims(text, gazetteer)
    assert found["masaken-hanano"].date_from == date(2016, 12, 7)
    # told in the past, so the day before the report or its day; not Wednesday
    assert (found["eastern-aleppo"].date_from, found["eastern-aleppo"].date_to) == (date(2016, 12, 8), FRIDAY)


def test_a_day_fixed_in_the_same_paragraph_still_dates_a_state(gazetteer):
    text = "On Wednesday the army captured Masaken Hanano. Only 10 percent of eastern Aleppo was left in rebel hands."
    found = claims(text, gazetteer)
    assert found["eastern-aleppo"].date_from == date(2016, 12, 7)


def test_date_words_in_an_aside_date_the_aside_not_the_claim(gazetteer):
    text = "The army holds western Aleppo, secured back in March 2013, and rebels hold eastern Aleppo."
    found = claims(text, gazetteer)
    assert (found["eastern-aleppo"].date_from, found["eastern-aleppo"].date_to) == (FRIDAY, FRIDAY)


def test_a_date_alone_between_commas_still_dates_its_clause(gazetteer):
    found = claims("The army, on Wednesday, captured Masaken Hanano.", gazetteer)
    assert found["masaken-hanano"].date_from == date(2016, 12, 7)


def test_a_present_state_after_a_dated_clause_is_as_of_the_report(gazetteer):
    text = (
        "The army captured Masaken Hanano on Wednesday, and dozens of people went to "
        "Sheikh Maqsoud, which Kurdish units control."
    )
    found = claims(text, gazetteer)
    assert found["masaken-hanano"].date_from == date(2016, 12, 7)
    assert (found["sheikh-maqsoud"].date_from, found["sheikh-maqsoud"].date_to) == (FRIDAY, FRIDAY)


def test_a_day_just_after_publication_keeps_the_publication_year():
    # a report filed under 9 December may tell of the 11th (a time zone, a page updated later):
    # that is the same December, on both the fast path ("Dec. 11") and dateparser's ("December 11th")
    for words in ("Dec. 11", "11 December", "December 11th"):
        (mention,) = find_dates(f"Tanks rolled in on {words} at dawn.")
        found = mention.resolve(FRIDAY)
        assert (found.date_from, found.date_to) == (date(2016, 12, 11), date(2016, 12, 11)), words


def test_a_day_well_after_publication_is_the_year_before():
    (mention,) = find_dates("Tanks rolled in on Dec. 20 at dawn.")
    assert mention.resolve(FRIDAY).date_from == date(2015, 12, 20)


def test_a_new_year_day_just_after_a_late_december_report_is_the_next_year():
    (mention,) = find_dates("Tanks rolled in on 1 January at dawn.")
    assert mention.resolve(date(2016, 12, 30)).date_from == date(2017, 1, 1)


def test_a_claim_dated_just_after_publication_keeps_the_publication_year(gazetteer):
    found = claims("On Dec. 10 the army stormed Masaken Hanano.", gazetteer)
    assert found["masaken-hanano"].date_from == date(2016, 12, 10)


def test_about_a_count_of_weeks_ago_is_a_week_either_side():
    (mention,) = find_dates("The shop closed about three weeks ago.")
    found = mention.resolve(FRIDAY)
    assert (found.date_from, found.date_to) == (date(2016, 11, 11), date(2016, 11, 25))
    (exact,) = find_dates("The shop closed three weeks ago.")
    assert exact.resolve(FRIDAY).date_from == exact.resolve(FRIDAY).date_to == date(2016, 11, 18)


def test_months_ago_fixes_the_story_and_about_widens_it():
    (mention,) = find_dates("They moved about two months ago.")
    assert mention.fixes_a_day
    found = mention.resolve(FRIDAY)
    assert (found.date_from, found.date_to) == (date(2016, 9, 1), date(2016, 11, 30))
    (years,) = find_dates("They moved two years ago.")
    assert not years.fixes_a_day  # a year is a background, not when the story is


def test_a_past_story_weeks_back_dates_a_held_place_in_its_next_paragraph(gazetteer):
    text = (
        "Omar, a baker, fled his home with his cousins about three weeks ago.\n\n"
        "Once inside government-held western Aleppo, Omar slept in a mosque for days."
    )
    found = claims(text, gazetteer)["western-aleppo"]
    assert (found.date_from, found.date_to) == (date(2016, 11, 11), date(2016, 11, 25))


def test_a_held_place_told_in_the_present_after_a_story_weeks_back_is_as_of_the_report(gazetteer):
    text = (
        "Omar, a baker, fled his home with his cousins about three weeks ago.\n\n"
        "Omar now lives in government-held western Aleppo."
    )
    found = claims(text, gazetteer)["western-aleppo"]
    assert (found.date_from, found.date_to) == (FRIDAY, FRIDAY)


def test_a_held_place_in_a_later_past_paragraph_after_yesterday_news_is_not_dated_yesterday(gazetteer):
    text = (
        "Omar, a baker, fled his home with his cousins yesterday.\n\n"
        "Once inside government-held western Aleppo, Omar slept in a mosque."
    )
    found = claims(text, gazetteer)["western-aleppo"]
    assert found.date_to == FRIDAY
