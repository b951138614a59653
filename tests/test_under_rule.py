""" "Under X rule" says who holds a place as "under X control" does, also where people are trapped
or live under it; a state reported as believed ("are believed to be trapped") is still a state.

Sentences written for these tests with Mosul gazetteer names (publication Tuesday 16 May 2017).
"""

from __future__ import annotations

import pytest

from tests.mosul import mosul_claim_set as _claims


@pytest.mark.parametrize(
    "text",
    [
        "Zanjili is still under ISIS rule.",
        "Thousands of families are trapped in Zanjili under ISIS rule.",
        "The police are now close to Zanjili, where some 5,000 people are thought to still be living under ISIS rule.",
        "Zanjili is believed to be held by ISIS.",
    ],
)
def test_under_a_sides_rule_that_side_holds_the_place(text: str) -> None:
    assert _claims(text) == {("zanjili", "islamic-state", "holds")}


@pytest.mark.parametrize(
    "text",
    [
        "The university served as the group's base during its rule.",  # no place under it now
        "Judges in Zanjili will rule on the case.",  # the verb
        "Zanjili is expected to be retaken soon.",  # an expectation, not a state
    ],
)
def test_rule_as_a_verb_a_past_rule_or_an_expectation_claims_nothing(text: str) -> None:
    assert _claims(text) == set()
