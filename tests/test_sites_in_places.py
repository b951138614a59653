"""Sites named after the place they stand in, and places a time clause says were taken.

Why: "troops freed the X apartments" is a capture of X (the blocks stand in X and carry its name),
just as "the X towers" or "the X market" already were; "apartment" was missing from the site nouns,
so the whole phrase was read as a non-place. And "the troops skirted the X area until it was
cleared" says X was cleared: the pronoun subject of a clause that a time word opens points back to
the place the main clause named, while a clause still to come ("until it is cleared") claims
nothing. Texts are our own, dated on the Mosul tests' Tuesday.
"""

from __future__ import annotations

from tests.mosul import mosul_claim_set


def test_a_block_of_flats_named_after_its_district_claims_the_district() -> None:
    found = mosul_claim_set(
        "An officer said Iraqi troops had cleared the Karama apartments beside the ring road."
    )
    assert found == {("karama", "government", "captured")}


def test_flats_in_the_plural_british_way_claim_the_district_too() -> None:
    assert mosul_claim_set("Iraqi troops stormed the Gogjali flats at dawn.") == {
        ("gogjali", "government", "captured")
    }


def test_a_landmark_the_gazetteer_lists_by_its_own_name_stays_itself() -> None:
    assert mosul_claim_set("Iraqi troops took al-Salam hospital at dawn.") == {
        ("salam-hospital", "government", "captured")
    }


def test_the_pronoun_of_a_past_until_clause_is_the_main_clauses_place() -> None:
    found = mosul_claim_set(
        "Iraqi troops skirted the Karama area for weeks until it was finally cleared on Tuesday."
    )
    assert found == {("karama", "government", "captured")}


def test_a_pronoun_after_a_time_word_that_says_the_place_fell() -> None:
    assert mosul_claim_set("Iraqi troops pounded Gogjali from three sides until it fell.") == {
        ("gogjali", "government", "captured")
    }


def test_an_until_clause_still_to_come_claims_nothing() -> None:
    assert mosul_claim_set("Iraqi troops will keep out of the Karama area until it is cleared.") == set()
    assert mosul_claim_set("Iraqi troops will wait outside Gogjali until it has been cleared.") == set()
