"""Sites named after the place they stand in, and places a time clause says were taken.

Why: "troops freed the X apartments" is a capture of X (the blocks stand in X and carry its name),
just as "the X towers" or "the X market" already were; "apartment" was missing from the site nouns,
so the whole phrase was read as a non-place. And "the troops skirted the X area until it was
cleared" says X was cleared: the pronoun subject of a clause that a time word opens points back to
the place the main clause named, while a clause still to come ("until it is cleared") claims
nothing. "A counter-attacked B in X, seizing points in its western part" is a capture of X by A:
the parser may take the past form for an adjective of B, "points" are positions, and "its" with a
compass part stands for the district just named. Texts are our own.
"""

from __future__ import annotations

from datetime import date

from tests.mosul import mosul_claim_set
from tests.reading import triples

#: The day the Aleppo texts here are dated (a Monday of the city's last weeks).
MONDAY = date(2016, 11, 28)


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


def _aleppo_set(text: str, gazetteer) -> set[tuple[str | None, str, str]]:
    return set(triples(text, gazetteer, MONDAY))


def test_a_counter_attack_read_as_an_adjective_leaves_the_participle_to_the_attackers(gazetteer) -> None:
    """The parser takes "counter-attacked" for an adjective of "regime forces" and makes those forces
    the subject of "seizing": the group named before the past form did both."""
    found = _aleppo_set(
        "Before dawn, Jaish al-Islam counter-attacked regime forces in Bustan al-Qasr, even seizing two "
        "checkpoints in the district's western part.",
        gazetteer,
    )
    assert ("bustan-al-qasr", "opposition", "captured") in found
    assert ("bustan-al-qasr", "government", "captured") not in found


def test_its_compass_part_points_back_to_the_district_of_its_sentence(gazetteer) -> None:
    found = _aleppo_set(
        "Overnight, Jaish al-Islam counter-attacked government forces across Bustan al-Qasr, even seizing "
        "two checkpoints in its western part.",
        gazetteer,
    )
    assert ("bustan-al-qasr", "opposition", "captured") in found
    assert not any(kind == "percent" for _, _, kind in found)


def test_points_taken_in_a_district_are_a_capture_there(gazetteer) -> None:
    assert _aleppo_set("The rebels overran a few points in Karm al-Trab.", gazetteer) == {
        ("karm-al-trab", "opposition", "captured")
    }
