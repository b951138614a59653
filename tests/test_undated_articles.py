"""An article with no publication date: a day written without its year takes the first such day
on or after the gazetteer's baseline date (the start of its map), and says the year was inferred.

Why: reports copied without their date ("published: unknown") still say "on November 4"; with no
year the claims had no date at all and could not go on the timeline. The map of a war begins at
its baseline, so the first November 4 from there is the one a report of that war means.
Texts are our own; the Mosul baseline is 17 October 2016.
"""

from __future__ import annotations

from datetime import date

from geo.read import Article, read_claims
from tests.mosul import mosul as _mosul


def _dated(text: str, published: date | None = None) -> list[tuple[str | None, date | None, str]]:
    found = read_claims(Article(text=text, title="", published=published), _mosul())
    return [(c.place_id, c.date_from, c.date_basis) for c in found]


def test_a_yearless_day_is_the_first_after_the_baseline_and_carries_the_narrative() -> None:
    text = "Iraqi troops took Samah on November 4.\n\nThe army said commandos also took Quds."
    claims = _dated(text)
    assert [(p, d) for p, d, _ in claims] == [("samah", date(2016, 11, 4)), ("quds", date(2016, 11, 4))]
    assert all("year inferred" in basis for _, _, basis in claims)


def test_a_yearless_day_early_in_a_year_falls_in_the_year_after_the_baseline() -> None:
    assert [(p, d) for p, d, _ in _dated("Iraqi troops took Dawasa on March 7.")] == [
        ("dawasa", date(2017, 3, 7))
    ]


def test_a_dated_report_is_read_as_before() -> None:
    """With a publication date the latest such day up to it is meant, whatever the baseline."""
    claims = _dated("Iraqi troops took Samah on November 4.", published=date(2017, 11, 10))
    assert [(p, d) for p, d, _ in claims] == [("samah", date(2017, 11, 4))]
    assert "year inferred" not in claims[0][2]


def test_a_weekday_in_an_undated_report_stays_undated() -> None:
    """'On Tuesday' counts from a publication day; the baseline is no such day."""
    assert [(p, d) for p, d, _ in _dated("Iraqi troops took Samah on Tuesday.")] == [("samah", None)]
