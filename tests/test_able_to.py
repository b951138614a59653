"""'Were able to take X' says X was taken; 'will be able to take X' says nothing yet.

Why: 'able to' is an implicative like 'managed to' (data/lexicon/context.json ``implicatives``),
but an infinitive under any other word was read as an aim and blocked; and the side is the
copula's subject ("troops were able to ..."). Texts are our own; Tuesday 16 May 2017.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.mosul import mosul_claims


def _claims(text: str) -> list[tuple[str | None, str, str]]:
    return mosul_claims(text, date(2017, 5, 16))


@pytest.mark.parametrize(
    "text",
    [
        "On Monday Iraqi soldiers were able to chase ISIS fighters out of Shifa.",
        "By Monday federal police units had been able to free Shifa.",
    ],
)
def test_able_to_is_a_deed_done(text: str) -> None:
    assert _claims(text) == [("shifa", "government", "captured")]


@pytest.mark.parametrize(
    "text",
    [
        "Iraqi forces will be able to retake Shifa soon.",
        "Iraqi forces were not able to retake Shifa on Monday.",
    ],
)
def test_able_to_in_the_future_or_denied_is_no_claim(text: str) -> None:
    assert _claims(text) == []


def test_an_apposition_parsed_as_a_second_subject_does_not_take_the_side() -> None:
    """The parser may make "X's stronghold" in an opening apposition a subject too: the subject
    nearest the verb is the one that acted."""
    text = "Ten weeks into the push on Mosul, Islamic State's largest remaining stronghold in Iraq, Iraqi forces backed by coalition jets have retaken Samah."
    assert _claims(text) == [("samah", "government", "captured")]
