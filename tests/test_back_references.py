"""Places a sentence names by a description, a pronoun, a landmark's noun or a relative clause.

Every text is our own, with the Aleppo gazetteer's names. Publication day: Monday 28 November
2016. Each test is one rule of the reader, and most have a twin the rule must leave alone.
"""

from datetime import date

from spacy.lang.en import English
from spacy.tokens import Doc, Span

from geo.read.mentions import _only_locates
from tests.reading import triples

MONDAY = date(2016, 11, 28)


def claims_of(text, gazetteer):
    return set(triples(text, gazetteer, MONDAY))


def test_together_with_opens_a_list(gazetteer):
    found = claims_of(
        "Government troops took al-Sakhour, together with the Karm al-Daada and Bab al-Hadid "
        "quarters, on Sunday.",
        gazetteer,
    )
    assert {
        ("al-sakhour", "government", "captured"),
        ("karm-al-daada", "government", "captured"),
        ("bab-al-hadid", "government", "captured"),
    } <= found


def test_a_described_place_is_the_place_the_description_follows(gazetteer):
    found = claims_of(
        "Shells hit Aleppo's Tariq al-Bab district, a neighbourhood that the army had taken on Sunday.",
        gazetteer,
    )
    assert ("tariq-al-bab", "government", "captured") in found


def test_it_is_the_place_named_before_it(gazetteer):
    found = claims_of(
        "Families from the al-Haidariya neighbourhood fled after the army captured it on Sunday.", gazetteer
    )
    assert found == {("al-haydariyah", "government", "captured")}


def test_it_is_not_a_region_that_only_locates(gazetteer):
    found = claims_of(
        "The officer said eastern Aleppo was in turmoil and that the army had captured it.", gazetteer
    )
    assert ("eastern-aleppo", "government", "captured") not in found


def test_the_area_points_back_within_its_sentence(gazetteer):
    found = claims_of(
        "Residents reached the Sheikh Fares neighbourhood after the army recaptured the area "
        "from the rebels.",
        gazetteer,
    )
    assert ("sheikh-fares", "government", "captured") in found


def test_the_area_does_not_reach_into_the_sentence_before(gazetteer):
    found = claims_of(
        "Shells fell near Sheikh Fares on Sunday. The rebels were then driven from the area.", gazetteer
    )
    assert not any(place == "sheikh-fares" and kind != "holds" for place, _side, kind in found)


def test_a_superlative_area_in_a_region_is_not_the_region(gazetteer):
    found = claims_of("The army has recaptured the biggest rebel-held area in eastern Aleppo.", gazetteer)
    assert ("eastern-aleppo", "government", "captured") not in found


def test_an_opening_participle_is_not_the_subject(gazetteer):
    found = claims_of(
        "Pushing through the defences of the rebels in al-Sakhour, the Syrian army took "
        "Jabal Badro on Sunday.",
        gazetteer,
    )
    assert ("jabal-badro", "government", "captured") in found
    assert ("jabal-badro", "opposition", "captured") not in found


def test_a_cleft_puts_the_place_forward(gazetteer):
    found = claims_of("It was Sheikh Khodr that the rebels seized first, back in 2013.", gazetteer)
    assert ("sheikh-khodr", "opposition", "captured") in found


def test_the_first_district_to_be_taken_was_taken(gazetteer):
    found = claims_of("In 2013 Baibdeen became the first district to be taken by the rebels.", gazetteer)
    assert ("baibdeen", "opposition", "captured") in found


def test_one_of_the_first_districts_to_fall(gazetteer):
    found = claims_of("In 2013 Al-Halak was one of the first districts to fall to the rebels.", gazetteer)
    assert ("al-hallak", "opposition", "captured") in found


def test_an_infinitive_without_an_ordinal_is_still_an_aim(gazetteer):
    found = claims_of("Al-Halak is the district to be taken by the rebels next.", gazetteer)
    assert not any(kind == "captured" for _place, _side, kind in found)


def test_a_landmark_by_its_noun_is_the_landmark_not_the_city(gazetteer):
    found = claims_of("The rebels still hold the old citadel of Aleppo, a commander said.", gazetteer)
    assert ("aleppo-citadel", "opposition", "holds") in found
    assert not any(place == "aleppo" for place, _side, _kind in found)
    found = claims_of("Aleppo airport, which is held by the army, was shelled on Sunday.", gazetteer)
    assert ("aleppo-international-airport", "government", "holds") in found


def test_fighters_who_fled_into_places_hold_them(gazetteer):
    found = claims_of("The rebels fled southwards into the al-Sukkari and al-Mashhad districts.", gazetteer)
    assert {("al-sukkari", "opposition", "holds"), ("al-mashhad", "opposition", "holds")} <= found


def test_civilians_who_fled_into_a_place_say_nothing_of_it(gazetteer):
    assert claims_of("Hundreds of families fled into al-Sukkari on Sunday.", gazetteer) == set()


def test_a_side_hemmed_into_districts_of_which_some_are_named(gazetteer):
    found = claims_of(
        "The rebels are hemmed into a few districts in the south, of which al-Sukkari and "
        "al-Mashhad are the largest.",
        gazetteer,
    )
    assert {("al-sukkari", "opposition", "holds"), ("al-mashhad", "opposition", "holds")} <= found


def test_a_name_the_text_calls_a_district_takes_its_nearest_local_spelling(gazetteer):
    found = claims_of(
        "Government troops captured al-Shaar, together with the Katarji and Karm al-Daada neighbourhoods.",
        gazetteer,
    )
    assert {
        ("karm-al-qaterji", "government", "captured"),
        ("karm-al-daada", "government", "captured"),
    } <= found


def test_a_name_no_place_noun_calls_a_district_stays_unresolved(gazetteer):
    found = claims_of("Government troops captured al-Shaar, together with Katarji.", gazetteer)
    assert ("karm-al-qaterji", "government", "captured") not in found


def test_going_into_a_place_the_other_side_had_left_is_taking_it(gazetteer):
    found = claims_of(
        "Syrian army units went into the al-Hallak and Baibdeen districts on Sunday once the rebels "
        "had withdrawn.",
        gazetteer,
    )
    assert {("al-hallak", "government", "captured"), ("baibdeen", "government", "captured")} <= found


def test_going_into_a_place_without_a_leaving_is_fighting_there(gazetteer):
    found = claims_of("Syrian army units went into al-Hallak on Sunday.", gazetteer)
    assert ("al-hallak", "government", "captured") not in found
    assert ("al-hallak", "contested", "holds") in found


def test_a_translated_head_noun_in_either_order(gazetteer):
    for text in (
        "Government forces advanced in Badrou mount on Sunday.",
        "Government forces advanced in Mount Badrou on Sunday.",
    ):
        assert ("jabal-badro", "contested", "holds") in claims_of(text, gazetteer), text


def test_a_translated_head_noun_with_no_such_place_is_nothing(gazetteer):
    found = claims_of("Government forces advanced in Sunrise hill on Sunday.", gazetteer)
    assert not any(place for place, _side, _kind in found)


def test_a_second_preposition_hung_on_the_verb_continues_the_fight(gazetteer):
    found = claims_of(
        "Fierce fighting went on for the district of al-Hallak, and for the heights of Jabal Badro.",
        gazetteer,
    )
    assert {("al-hallak", "contested", "holds"), ("jabal-badro", "contested", "holds")} <= found


def test_a_landmark_owned_by_the_city(gazetteer):
    found = claims_of("The rebels took Aleppo's old citadel on Sunday.", gazetteer)
    assert ("aleppo-citadel", "opposition", "captured") in found
    assert not any(place == "aleppo" for place, _side, _kind in found)
    found = claims_of(
        "The rebels are still far from Aleppo, and the army holds its ancient citadel.", gazetteer
    )
    assert ("aleppo-citadel", "government", "holds") in found


def test_as_well_as_opens_a_list(gazetteer):
    found = claims_of(
        "Government troops took al-Hallak, as well as the nearby Baibdeen district, on Sunday.", gazetteer
    )
    assert {("al-hallak", "government", "captured"), ("baibdeen", "government", "captured")} <= found


def test_an_adjective_before_the_direction_keeps_the_part_not_the_city(gazetteer):
    found = claims_of("The rebels still hold Aleppo's ruined eastern districts.", gazetteer)
    assert ("eastern-aleppo", "opposition", "holds") in found
    assert not any(place == "aleppo" for place, _side, _kind in found)


def test_an_adjective_after_the_article_keeps_a_bare_part(gazetteer):
    found = claims_of(
        "Shells fell on Aleppo on Sunday. The rebels still hold the ruined eastern districts.", gazetteer
    )
    assert ("eastern-aleppo", "opposition", "holds") in found


def test_a_lone_hyphen_before_of_is_no_direction(gazetteer):
    """ "north of X" only locates X; a dash before "of" says nothing of where X lies."""
    doc = Doc(English().vocab, words=["districts", "north", "of", "Sukkari", "-", "of", "Sukkari"])
    assert _only_locates(Span(doc, 3, 4))
    assert not _only_locates(Span(doc, 6, 7))
