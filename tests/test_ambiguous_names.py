"""Names that fit two places, settled by the sentence: the region it names, the places listed
with it, a gloss "X, or Y". Every sentence is our own; the two youth-housing projects of the
Aleppo gazetteer (one in the east, one in the Kurdish-held north-west) share that English name.
"""

from datetime import date

from tests.reading import triples

SUNDAY = date(2016, 12, 4)


def claims(text, gazetteer):
    return triples(text, gazetteer, SUNDAY)


def test_the_region_the_sentence_names_picks_the_candidate_inside_it(gazetteer):
    found = claims(
        "On Saturday the Syrian army retook the youth housing in rebel-held eastern Aleppo.", gazetteer
    )
    assert ("al-masaraniyah", "government", "captured") in found
    assert not any(f[0] == "as-sakan-ash-shababi" or f[0] is None for f in found)


def test_the_places_listed_beside_a_name_pick_the_candidate_among_them(gazetteer):
    found = claims(
        "Over the week the army won back al-Hallak, Baibdeen, Youth Housing Estate and al-Sakhour.",
        gazetteer,
    )
    assert ("al-masaraniyah", "government", "captured") in found
    assert not any(f[0] == "as-sakan-ash-shababi" or f[0] is None for f in found)


def test_a_gloss_names_one_place_and_the_sentence_says_which(gazetteer):
    found = claims(
        "Loyalist units overran Sakan Shababi (or youth housing) deep in the rebel-held east of Aleppo.",
        gazetteer,
    )
    assert ("al-masaraniyah", "government", "captured") in found
    assert not any(f[0] == "as-sakan-ash-shababi" for f in found)


def test_a_gloss_with_nothing_to_settle_it_keeps_the_name_the_gazetteer_knows(gazetteer):
    found = claims("Kurdish fighters took as-Sakan ash-Shababi, or youth housing, on Saturday.", gazetteer)
    assert ("as-sakan-ash-shababi", "kurdish", "captured") in found
    assert not any(f[0] in ("al-masaraniyah", None) for f in found)


def test_a_shared_name_right_after_a_known_place_is_a_site_of_that_place(gazetteer):
    found = claims("On Saturday the army seized the Haydariyah Youth Housing.", gazetteer)
    assert found == [("al-haydariyah", "government", "captured")]
