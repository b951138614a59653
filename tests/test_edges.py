"""The front at a place's edge: "troops reached the edges of X", "entered A and later the outskirts
of B" contest X and B; reaching X itself, non-combatants reaching it, and futures say nothing.

Sentences written for these tests with Mosul gazetteer names (publication Tuesday 16 May 2017).
"""

from __future__ import annotations

import pytest

from tests.mosul import mosul_claim_set as _claims


@pytest.mark.parametrize(
    "text, place",
    [
        ("Iraqi commandos reached the edges of the western district of al-Maamoun on Monday.", "maamoun"),
        ("The federal police have reached the outskirts of Wadi Hajar.", "wadi-hajar"),
    ],
)
def test_reaching_the_edges_of_a_place_contests_it(text: str, place: str) -> None:
    assert _claims(text) == {(place, "contested", "holds")}


@pytest.mark.parametrize(
    "text",
    [
        "Iraqi commandos reached al-Maamoun on Monday.",
        "Hundreds of civilians reached the outskirts of Wahda on Monday.",
        "Iraqi troops will reach the outskirts of Wahda soon.",
        "If the army reaches the edges of Wahda, the militants will flee.",
    ],
)
def test_reaching_a_place_itself_or_by_civilians_or_later_claims_nothing(text: str) -> None:
    assert _claims(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Iraqi commandos entered Gogjali, a district on the city's eastern rim, and afterwards the outskirts of the Karama district.",
        "Iraqi commandos entered Gogjali on Monday and afterwards the outskirts of the Karama district.",
    ],
)
def test_entering_one_place_and_later_the_outskirts_of_another_contests_both(text: str) -> None:
    assert _claims(text) == {("gogjali", "contested", "holds"), ("karama", "contested", "holds")}
