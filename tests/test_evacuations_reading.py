"""Evacuations told through the vehicles that carry fighters out, or by a plain "went out of".

Every sentence is our own, with names of the Aleppo gazetteer.
"""

from datetime import date

from tests.reading import triples

FRIDAY = date(2016, 12, 9)


def claims(text, gazetteer):
    return triples(text, gazetteer, FRIDAY)


def test_buses_carrying_fighters_out_is_an_evacuation_of_the_fighters(gazetteer):
    found = claims(
        "Twelve buses carrying rebels and relatives pulled out of al-Mashhad on Friday.", gazetteer
    )
    assert ("al-mashhad", "government", "evacuated") in found
    found = claims(
        "A dozen buses, carrying rebels and relatives, began to pull out of al-Mashhad "
        "once soldiers had checked them.",
        gazetteer,
    )
    assert ("al-mashhad", "government", "evacuated") in found
    assert not any(f[2] == "withdrew" for f in found)


def test_buses_carrying_civilians_alone_are_no_claim(gazetteer):
    found = claims("On Friday twelve buses pulled out of al-Mashhad.", gazetteer)
    assert not any(f[2] == "evacuated" for f in found)


def test_fighters_going_out_of_a_place_is_an_evacuation(gazetteer):
    found = claims(
        "Aleppo, AGENCY - Hundreds of fighters of the rebels went out of al-Mashhad aboard buses, "
        "taking al-Ramouseh road towards the countryside.",
        gazetteer,
    )
    assert ("al-mashhad", "government", "evacuated") in found
    assert not any(f[0] == "al-ramouseh" for f in found)  # the way out, not a capture


def test_people_at_large_going_out_of_a_place_is_no_claim(gazetteer):
    assert claims("Hundreds of residents went out of al-Mashhad on Friday.", gazetteer) == []


def test_terrorists_are_the_rebels_in_government_wording(gazetteer):
    found = claims("On Friday some 900 terrorists and relatives went out of al-Ansari.", gazetteer)
    assert ("al-ansari", "government", "evacuated") in found


# -- an evacuation under way goes on "until" the places are cleared ---------------------------------
FIRST_CONVOY = "On Friday a first convoy of rebels and relatives went out of Bustan al-Qasr. "


def test_more_convoys_until_places_are_rid_of_fighters_evacuates_each_place(gazetteer):
    found = claims(
        FIRST_CONVOY + "The remaining rebels are to go in more convoys, an official added, until "
        "al-Mashhad and al-Ansari, two districts in the south, are wholly rid of rebels.",
        gazetteer,
    )
    assert ("al-mashhad", "government", "evacuated") in found
    assert ("al-ansari", "government", "evacuated") in found


def test_further_batches_until_fighters_are_cleared_out_of_places(gazetteer):
    found = claims(
        FIRST_CONVOY + "Other batches will follow, the official said, until every gunman of the "
        "rebels has been cleared out of the quarters of Salaheddine and al-Zebdiyeh.",
        gazetteer,
    )
    assert ("salaheddine", "government", "evacuated") in found
    assert ("al-zebdiyeh", "government", "evacuated") in found


def test_until_with_no_evacuation_told_yet_is_no_claim(gazetteer):
    # nobody has left yet: the convoys are a plan
    assert claims("More convoys will follow until al-Mashhad is wholly rid of rebels.", gazetteer) == []


def test_a_hedged_or_unrelated_until_clause_is_no_claim(gazetteer):
    assert [
        f
        for f in claims(
            FIRST_CONVOY + "More convoys could follow until al-Mashhad is wholly rid of rebels.", gazetteer
        )
        if f[0] == "al-mashhad"
    ] == []
    assert [
        f
        for f in claims(
            FIRST_CONVOY + "More trucks will follow until the roads of al-Mashhad are cleared of rubble.",
            gazetteer,
        )
        if f[0] == "al-mashhad"
    ] == []
