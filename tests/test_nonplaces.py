"""Capitalised names that are not places are never reported as unresolved places.

Why: an unresolved place is put before a reviewer to pick from; a general, a month, a river or a
description written in capitals is nothing anyone could pick, and each one counted as a wrong
claim. The rules are data (data/lexicon/nonplaces.json) and must not hide real unknown names.
Texts are our own; publication day: Tuesday 16 May 2017.
"""

from __future__ import annotations

from datetime import date

import pytest

from geo.read import Article, read_claims
from tests.mosul import mosul as _mosul

TUESDAY = date(2017, 5, 16)


def _claims(text: str) -> list[tuple[str, str, str]]:
    found = read_claims(Article(text=text, title="", published=TUESDAY), _mosul())
    return [(c.place_id or f"?{c.place_as_written}", c.controller, c.claim_type) for c in found]


@pytest.mark.parametrize(
    "text",
    [
        "Brigadier General Qassim Hadi Jaber said on Monday that the army captured Major Hussein Ali Karim.",
        "Islamic State fighters still hold the bridges over the Tigris River.",
        "Islamic State fighters still hold the villages along the river Euphrates.",
        "Iraqi troops seized the Industrial Zone on Monday.",
        "Iraqi troops on the march since July captured June.",
    ],
)
def test_people_rivers_months_and_descriptions_are_not_places(text: str) -> None:
    assert not [c for c in _claims(text) if c[0].startswith("?")]


def test_a_name_the_gazetteer_lacks_is_still_reported() -> None:
    """The rules reject kinds of words, not every unknown name: a real village stays for review."""
    text = "Iraqi troops retook the village of Kharab Jazzar near Mosul on Monday."
    assert ("?Kharab Jazzar", "government", "captured") in _claims(text)


def test_the_known_place_beside_a_general_is_still_claimed() -> None:
    claims = _claims("General Ahmed Saleh said Iraqi troops freed Sarjkhana on Monday.")
    assert claims == [("sarijkhana", "government", "captured")]


def test_a_side_of_the_river_is_a_bank_of_the_city() -> None:
    """The regions follow the Tigris: what lies west of the river is west Mosul."""
    for text in (
        "The militants still control the districts of Mosul west of the Tigris.",
        "Islamic State still controls everything east of the river Tigris.",
    ):
        assert [c for c in _claims(text) if c[2] == "holds"] == [
            ("west-mosul" if "west" in text else "east-mosul", "islamic-state", "holds")
        ]


def test_a_town_spelled_near_a_listed_outside_town_is_not_a_place_to_review() -> None:
    """'Shirqat' is a spelling of the town outside the city the town list writes 'Ash Sharqāt'."""
    assert _claims("Iraqi troops captured Shirqat last September.") == []


def test_beyond_the_whole_city_is_off_the_map() -> None:
    """'West of the city' lies outside every place of the city: no place to claim or review."""
    assert _claims("Army officers say the areas west of Mosul were recaptured.") == []
    text = "Iraqi troops captured Mosul on Monday. Army officers say the areas south of the city were recaptured."
    assert _claims(text) == [("mosul", "government", "captured")]


def test_beyond_a_part_of_the_city_is_still_for_review() -> None:
    """West of the Old City is still in the city: an unnamed area a reviewer may place."""
    assert [
        c[0] for c in _claims("Army officers say the districts west of the Old City were recaptured.")
    ] == ["?west of the Old City"]
