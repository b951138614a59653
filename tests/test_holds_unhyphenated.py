""" "ISIS held X" written without its hyphen: the parser reads "held" as a verb borrowing the subject
of the clause before it; the side is the actor right before it, said in passing.

Sentences written for these tests with Mosul gazetteer names (publication Tuesday 16 May 2017).
"""

from __future__ import annotations

import pytest

from tests.mosul import mosul_claim_set as _claims


@pytest.mark.parametrize(
    "text",
    [
        "Iraqi forces attacked ISIS held Zanjili on Monday.",
        "Iraqi forces launched an assault on ISIS held Zanjili on Monday.",
    ],
)
def test_an_unhyphenated_side_held_place_is_held_by_that_side(text: str) -> None:
    assert ("zanjili", "islamic-state", "holds") in _claims(text)
    assert not any(side == "government" for _, side, _ in _claims(text))


def test_a_verb_with_its_own_subject_is_read_as_before() -> None:
    assert ("wahda", "government", "holds") in _claims("ISIS attacked Zanjili, and Iraqi troops held Wahda.")
