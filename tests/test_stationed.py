"""A side's unit stationed or garrisoned in a place holds it (a statement of who is there); a future
posting, or people with no side, say nothing.

Sentences written for these tests with Mosul gazetteer names (publication Tuesday 16 May 2017).
"""

from __future__ import annotations

import pytest

from tests.mosul import mosul_claim_set as _claims


@pytest.mark.parametrize(
    "text",
    [
        "An Iraqi army brigade is stationed in east Mosul's Zahraa district.",
        "Iraqi troops garrisoned in Zahraa came under mortar fire overnight.",
    ],
)
def test_a_unit_stationed_in_a_place_holds_it(text: str) -> None:
    assert _claims(text) == {("zahraa", "government", "holds")}


@pytest.mark.parametrize(
    "text",
    [
        "An Iraqi army brigade will be stationed in Zahraa.",
        "Snipers entrenched in Zahraa slowed the column.",
    ],
)
def test_a_future_posting_or_a_unit_with_no_side_claims_nothing(text: str) -> None:
    assert _claims(text) == set()
