"""A capture under way is a fight for the place: "X was not yet fully secured", "are struggling to
retake X" make X contested; a plain negation, a future struggle or an aim stays no claim.

Sentences written for these tests with Mosul gazetteer names (publication Tuesday 16 May 2017).
"""

from __future__ import annotations

import pytest

from tests.mosul import mosul_claim_set as _claims


@pytest.mark.parametrize(
    "text, place",
    [
        ("An officer said Zanjili had not been fully secured yet by Monday evening.", "zanjili"),
        ("Police units are struggling to retake Zanjili.", "zanjili"),
        ("The commandos have been battling to completely recapture western Mosul's Old City.", "old-city"),
    ],
)
def test_a_capture_under_way_contests_the_place(text: str, place: str) -> None:
    assert _claims(text) == {(place, "contested", "holds")}


@pytest.mark.parametrize(
    "text",
    [
        "Police units have not yet taken Zanjili.",
        "Police units will struggle to retake Zanjili.",
        "Police units plan to retake Zanjili.",
    ],
)
def test_a_plain_negation_a_future_or_a_plan_claims_nothing(text: str) -> None:
    assert _claims(text) == set()
