"""Statements of who holds a place, read from texts written for these tests (our own words).

Publication day: Monday 28 November 2016, unless a test says otherwise.
"""

from datetime import date
from pathlib import Path

import pytest

from geo.gazetteer import Gazetteer
from geo.read import Article, read_claims

MONDAY = date(2016, 11, 28)
MOSUL = Path(__file__).resolve().parent.parent / "data" / "mosul"


@pytest.fixture(scope="module")
def mosul_gazetteer():
    return Gazetteer.load(MOSUL)


def claims_of(text, gazetteer, published=MONDAY):
    return read_claims(Article(text=text, title="", published=published), gazetteer)


def held(text, gazetteer, **kw):
    """(place id, side, type) of each claim, in text order."""
    return [(c.place_id, c.controller, c.claim_type) for c in claims_of(text, gazetteer, **kw)]


def test_each_held_adjective_speaks_of_the_place_right_after_it(gazetteer):
    found = held(
        "Residents described Aleppo as a city cut between the rebel-held east and the army-held west.",
        gazetteer,
    )
    assert sorted(found) == [
        ("eastern-aleppo", "opposition", "holds"),
        ("western-aleppo", "government", "holds"),
    ]


def test_an_indefinite_part_named_by_a_held_adjective_is_still_that_part(gazetteer):
    found = held(
        "For months Aleppo was split into a regime-held west plus a rebel-held eastern zone.", gazetteer
    )
    assert sorted(found) == [
        ("aleppo", "contested", "holds"),  # split between the two: the whole city under divided control
        ("eastern-aleppo", "opposition", "holds"),
        ("western-aleppo", "government", "holds"),
    ]


def test_a_gazetteer_name_holding_an_actor_word_is_still_a_place(gazetteer):
    """'government-held Aleppo' is a spelling of the west in the gazetteer; the actor inside it
    must not hide the place."""
    assert held("A dozen families crossed safely into government-held Aleppo.", gazetteer) == [
        ("western-aleppo", "government", "holds")
    ]


def test_a_sides_zone_named_by_a_noun_alone_is_its_region(gazetteer):
    """In a divided city 'the government-held side' is the region the government held."""
    assert held("Our reporter crossed over to the government-held side before dawn.", gazetteer) == [
        ("western-aleppo", "government", "holds")
    ]
    assert held("The mortars were fired from the territory controlled by the rebels.", gazetteer) == [
        ("eastern-aleppo", "opposition", "holds")
    ]


def test_an_indefinite_or_plural_territory_noun_is_no_region(gazetteer):
    assert held("Our reporter crossed over to a government-held zone before dawn.", gazetteer) == []
    assert held("Our reporter crossed over to the government-held areas before dawn.", gazetteer) == []


def test_a_side_holding_the_whole_city_has_no_region_to_name(mosul_gazetteer):
    assert held("Shells fell on the territory controlled by Islamic State all night.", mosul_gazetteer) == []


def test_taking_a_crossing_on_the_way_out_is_no_capture(gazetteer):
    assert (
        held("Hundreds of rebels left Bustan al-Qasr by bus, taking the Ramouseh crossing south.", gazetteer)
        == []
    )
    assert held("The army took the Ramouseh crossing.", gazetteer) == [
        ("al-ramouseh", "government", "captured")
    ]


def test_a_description_after_a_comma_speaks_of_the_place_before_it(gazetteer):
    found = held(
        "At least 900 people had registered with aid groups in Jibreen, a regime-held neighbourhood in "
        "western Aleppo, Anna Berg, a spokeswoman of the agency, said on Monday.",
        gazetteer,
    )
    assert ("jibreen", "government", "holds") in found


def test_among_the_sides_areas_describes_the_place_before_it(gazetteer):
    found = held(
        "Taking the hill opened the road to key districts such as the Sukkari district, among the "
        "biggest rebel-held areas left in the east.",
        gazetteer,
    )
    assert ("al-sukkari", "opposition", "holds") in found
    found = held("Shells hit Bustan al-Qasr, one of the rebel-held districts of the east.", gazetteer)
    assert ("bustan-al-qasr", "opposition", "holds") in found


def test_a_relative_clause_with_the_holder_as_subject(gazetteer):
    found = held(
        "In Karm al-Jabal, which rebel brigades had controlled for years, Kurdish units took "
        "over several buildings.",
        gazetteer,
    )
    assert ("karm-al-jabal", "opposition", "holds") in found  # an earlier state, beside the change
    assert ("karm-al-jabal", "kurdish", "captured") in found
    assert held("Families fled to al-Sakhour, which the army shelled all night.", gazetteer) == []


def test_the_last_item_of_a_list_ending_in_a_place_noun_is_kept(gazetteer):
    found = held(
        "Insurgents still hold the key al-Sakhour, Karm al-Jabal, and Tariq al-Bab districts.", gazetteer
    )
    assert found == [
        ("al-sakhour", "opposition", "holds"),
        ("karm-al-jabal", "opposition", "holds"),
        ("tariq-al-bab", "opposition", "holds"),
    ]
    found = held(
        "The war is not over, since the rebels still control the Bustan al-Qasr, "
        "Karm al-Jabal, and Sheikh Lutfi districts.",
        gazetteer,
    )
    assert [f[0] for f in found] == ["bustan-al-qasr", "karm-al-jabal", "sheikh-lutfi"]


def test_a_list_after_the_agent_of_held(mosul_gazetteer):
    found = held(
        "A few districts are still held by Islamic State, among them Zuhur, Muhandiseen, and Arabi.",
        mosul_gazetteer,
        published=date(2017, 1, 16),
    )
    assert sorted(f[0] for f in found) == ["arabi", "muhandiseen", "zuhur"]
    assert {f[1:] for f in found} == {("islamic-state", "holds")}


def test_a_list_item_the_parser_hangs_on_the_next_item_is_kept(mosul_gazetteer):
    found = held(
        "Officers said ISIS still holds Zuhur, Muhandiseen, and Arabi near the bank.", mosul_gazetteer
    )
    assert [f[0] for f in found] == ["zuhur", "muhandiseen", "arabi"]


def test_a_place_in_the_hands_of_a_side_with_a_historical_range(gazetteer):
    found = claims_of(
        "Since 2013 Aleppo has been cut in two, the eastern half in the hands of the rebels and the "
        "western half in the hands of the army.",
        gazetteer,
    )
    got = sorted((c.place_id, c.controller, c.claim_type, c.date_from, c.date_to) for c in found)
    assert got == [
        ("eastern-aleppo", "opposition", "holds", date(2013, 1, 1), MONDAY),
        ("western-aleppo", "government", "holds", date(2013, 1, 1), MONDAY),
    ]


def test_the_sides_part_of_a_city_named_with_of(gazetteer):
    assert held("In the regime-held west of Aleppo, residents heard the shelling all night.", gazetteer) == [
        ("western-aleppo", "government", "holds")
    ]


def test_a_sides_stronghold(gazetteer):
    found = held(
        "The army shelled the Bustan al-Qasr district, which had been seen as the rebels' main stronghold.",
        gazetteer,
    )
    assert found == [("bustan-al-qasr", "opposition", "holds")]
    assert held("Tariq al-Bab, the rebels' last bastion in the north, was quiet.", gazetteer) == [
        ("tariq-al-bab", "opposition", "holds")
    ]
    assert held("Tariq al-Bab, a former rebel stronghold, was quiet.", gazetteer) == []


def test_a_repeated_of_after_and_continues_the_list(mosul_gazetteer):
    found = held(
        "The army now is in control of the areas of Zuhur and Arabi near the river, and of the "
        "northernmost district of Muhandiseen, officers said.",
        mosul_gazetteer,
    )
    assert sorted(f[0] for f in found) == ["arabi", "muhandiseen", "zuhur"]
    assert held("The army is now in control of Zuhur, and of course the rebels fled.", mosul_gazetteer) == [
        ("zuhur", "government", "holds")
    ]


def test_a_place_said_to_be_a_sides_place(gazetteer, mosul_gazetteer):
    assert held("Tariq al-Bab remains the largest district held by the rebels.", gazetteer) == [
        ("tariq-al-bab", "opposition", "holds")
    ]
    assert held("Mosul is still the biggest city ruled by Islamic State.", mosul_gazetteer) == [
        ("mosul", "islamic-state", "holds")
    ]
    assert held("Mosul is a city in northern Iraq, ruled by nobody we know.", mosul_gazetteer) == []


def test_a_present_state_takes_no_date_from_another_clause(gazetteer):
    found = claims_of(
        "Troops captured al-Sakhour on Saturday, and 40 households went to Sheikh Maqsoud, which "
        "Kurdish units control.",
        gazetteer,
    )
    by_place = {c.place_id: (c.claim_type, c.date_from, c.date_to) for c in found}
    assert by_place["al-sakhour"] == ("captured", date(2016, 11, 26), date(2016, 11, 26))
    assert by_place["sheikh-maqsoud"] == ("holds", MONDAY, MONDAY)
    assert one_date("Sheikh Maqsoud is under Kurdish control on Sunday, residents say.", gazetteer) == (
        date(2016, 11, 27),
        date(2016, 11, 27),
    )


def one_date(text, gazetteer):
    (claim,) = claims_of(text, gazetteer)
    return claim.date_from, claim.date_to


def test_an_exception_stays_with_the_other_side(gazetteer):
    found = held(
        "An officer said the army now controls eastern Aleppo, with the exception of the "
        "Bustan al-Qasr neighbourhood, which lies further south.",
        gazetteer,
    )
    assert ("bustan-al-qasr", "opposition", "holds") in found
    assert ("bustan-al-qasr", "government", "holds") not in found
    assert held("Bustan al-Qasr was quiet, except for some shelling.", gazetteer) == []
