"""Claims read with the Mosul gazetteer and the Iraq conflict's actors, from texts written for these tests.

Why: the reader is the same for every city; what Mosul reporting needs (its forces' names, its
control words such as "freed") must come from the data files, and these tests fail if it does not.
Publication day: Tuesday 16 May 2017.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.mosul import mosul_claims

TUESDAY = date(2017, 5, 16)


def _claims(text: str) -> list[tuple[str | None, str, str]]:
    return mosul_claims(text, TUESDAY)


@pytest.mark.parametrize(
    "text, place",
    [
        ("Counter-terrorism commandos freed Sarjkhana on Monday.", "sarijkhana"),
        ("Commandos retook al-Rifai on Monday, an officer said.", "rifai"),
        ("Iraqi forces freed Uraibi on Monday.", "uraybi"),
    ],
)
def test_freed_and_commandos_give_the_government_a_capture(text: str, place: str) -> None:
    assert _claims(text) == [(place, "government", "captured")]


def test_freed_captives_are_no_claim() -> None:
    assert _claims("The militants freed two shepherds near the airport road on Monday.") == []


def test_a_quarter_after_a_name_ending_in_a_is_no_fraction() -> None:
    """'the Sarjkhana quarter' ends in the letters of 'a quarter' but names the place, not 25 percent of it."""
    assert _claims("Iraqi forces freed the Sarjkhana quarter on Monday.") == [
        ("sarijkhana", "government", "captured")
    ]
    assert _claims("Iraqi forces now control half of west Mosul.") == [
        ("west-mosul", "government", "percent")
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Iraqi forces advanced into Wahda on Monday.", [("wahda", "contested", "holds")]),
        ("Fighting spread into Shifa overnight.", [("shifa", "contested", "holds")]),
        ("Iraqi forces advanced towards Wahda on Monday.", []),
    ],
)
def test_an_advance_into_a_place_contests_it_but_one_towards_it_does_not(text: str, expected: list) -> None:
    assert _claims(text) == expected
