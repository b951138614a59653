""" "Declared X liberated" is a capture of X by the side that declares it; "X's east" (a direction
used as a noun after a possessive) is X's named eastern part, as "X's eastern half" is.

Sentences written for these tests with Mosul gazetteer names (publication Tuesday 16 May 2017).
"""

from __future__ import annotations

import pytest

from tests.mosul import mosul_claim_set as _claims


@pytest.mark.parametrize(
    "text, place",
    [
        ("Iraqi commanders declared Zanjili liberated on Monday.", "zanjili"),
        (
            "Iraqi forces reached Mosul in October. On Monday their generals declared the city's east liberated.",
            "east-mosul",
        ),
    ],
)
def test_declaring_a_place_liberated_is_a_capture_by_the_declarer(text: str, place: str) -> None:
    assert (place, "government", "captured") in _claims(text)


def test_a_future_declaration_claims_nothing() -> None:
    assert _claims("Iraqi commanders will declare Zanjili liberated soon.") == set()


@pytest.mark.parametrize(
    "text, place",
    [
        ("Iraqi forces took Mosul's east on Monday.", "east-mosul"),
        ("Iraqi forces took Mosul's western half on Monday.", "west-mosul"),
    ],
)
def test_a_direction_after_a_possessive_is_the_named_part(text: str, place: str) -> None:
    assert _claims(text) == {(place, "government", "captured")}


def test_a_direction_before_a_noun_after_a_possessive_is_no_part_of_its_own() -> None:
    """ "Mosul's east bank" is the bank the gazetteer names, not a computed "east" of Mosul."""
    assert _claims("Iraqi forces took Mosul's east bank on Monday.") == {
        ("east-mosul", "government", "captured")
    }
