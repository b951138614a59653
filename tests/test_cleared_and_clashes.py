"""Two readings of fighting words, in sentences written for these tests with Mosul gazetteer names
(publication Tuesday 16 May 2017).

- "Clashes between retreating militants and soldiers in A and B": the parser reads the participle
  as the object of "between"; the places it hangs on it are still where the clash is.
- A capture verb said of the side driven out ("militants were cleared out of X", "soldiers cleared the
  fighters from X", "X was cleared of militants"): the side lost X; the place is not the one cleared.
"""

from __future__ import annotations

import pytest

from tests.mosul import mosul_claim_set as _claims


def test_clashes_between_retreating_fighters_and_troops_contest_each_place() -> None:
    text = "A medic reported fierce clashes between fleeing ISIS fighters and police in Zanjili and Rofaai on Monday."
    assert _claims(text) == {("zanjili", "contested", "holds"), ("rifai", "contested", "holds")}


@pytest.mark.parametrize(
    "text",
    [
        "ISIS seized Mosul in 2014. On Monday its fighters were cleared out of Wahda.",
        "Wahda was cleared of ISIS militants on Monday.",
    ],
)
def test_the_side_cleared_out_of_a_place_lost_it(text: str) -> None:
    assert ("wahda", "government", "withdrew") in _claims(text)
    assert not any(c[1] == "islamic-state" and c[0] == "wahda" for c in _claims(text))


def test_troops_who_cleared_the_militants_from_a_place_took_it() -> None:
    assert _claims("Iraqi troops cleared the militants from Wahda on Monday.") == {
        ("wahda", "government", "captured")
    }


def test_clearing_a_place_is_still_taking_it() -> None:
    assert _claims("Iraqi troops cleared Wahda on Monday.") == {("wahda", "government", "captured")}
