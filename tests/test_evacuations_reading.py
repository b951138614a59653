"""Evacuations told through the vehicles that carry fighters out, or by a plain "went out of".

Every sentence is our own, with names of the Aleppo gazetteer.
"""

from datetime import date

from geo.read import Article, read_claims

FRIDAY = date(2016, 12, 9)


def claims(text, gazetteer):
    return [
        (c.place_id, c.controller, c.claim_type)
        for c in read_claims(Article(text=text, title="", published=FRIDAY), gazetteer)
    ]


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
