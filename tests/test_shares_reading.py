"""Shares of a place: numbers in words, fractions before "the", back-references ("a part of it",
"the remainder"), share adverbs, areas of a region said in passing, and lists inside a share.

Every sentence is our own, with names of the Aleppo gazetteer.
"""

from datetime import date

from geo.read import Article, read_claims

FRIDAY = date(2016, 12, 9)


def claims(text, gazetteer):
    return [
        (c.place_id, c.controller, c.claim_type, c.percent)
        for c in read_claims(Article(text=text, title="", published=FRIDAY), gazetteer)
    ]


def test_a_percentage_written_in_words_is_a_number(gazetteer):
    found = claims(
        "Rebels said that only eight per cent of eastern Aleppo is still under their control.", gazetteer
    )
    assert ("eastern-aleppo", "opposition", "percent", 8.0) in found


def test_a_fraction_before_the_place_is_a_share_not_the_whole(gazetteer):
    found = claims("In 2012 rebels seized more than half of the city of Aleppo.", gazetteer)
    assert [f[2:] for f in found if f[0] == "aleppo"] == [("percent", 50.0)]


def test_a_part_of_it_is_a_share_of_the_place_named_before(gazetteer):
    found = claims(
        "The army shelled rebel positions in al-Zebdiyeh and later captured a part of it.", gazetteer
    )
    assert ("al-zebdiyeh", "government", "percent", None) in found
    assert not any(f[0] == "al-zebdiyeh" and f[2] == "captured" for f in found)


def test_a_part_of_it_reaches_back_to_the_sentence_before(gazetteer):
    found = claims(
        "The army stormed Bustan al-Qasr on Thursday. By the evening troops had seized a part of it.",
        gazetteer,
    )
    assert ("bustan-al-qasr", "government", "percent", None) in found


def test_the_remainder_is_a_share_of_the_place_whose_other_share_was_given(gazetteer):
    found = claims(
        "Rebels still held two-thirds of Sheikh Saeed, the army having taken the remainder.", gazetteer
    )
    assert ("sheikh-saeed", "opposition", "percent", 67.0) in found
    assert ("sheikh-saeed", "government", "percent", None) in found
    assert not any(f[2] == "captured" for f in found)


def test_it_alone_names_no_place(gazetteer):
    found = claims("The army stormed Bustan al-Qasr. Later the rebels said they had retaken it.", gazetteer)
    assert all(f[2] != "percent" for f in found)


def test_an_adverb_such_as_largely_makes_a_state_a_share(gazetteer):
    found = claims(
        "Western Aleppo, which is largely under government control, was shelled on Friday.", gazetteer
    )
    assert ("western-aleppo", "government", "percent", None) in found
    plain = claims("Western Aleppo, which is under government control, was shelled on Friday.", gazetteer)
    assert ("western-aleppo", "government", "holds", None) in plain


def test_one_sides_areas_of_the_other_sides_region_are_a_share_of_it(gazetteer):
    found = claims(
        "Hundreds of families reached government-held areas of eastern Aleppo on Friday.", gazetteer
    )
    assert ("eastern-aleppo", "government", "percent", None) in found
    assert not any(f[0] == "eastern-aleppo" and f[2] == "holds" for f in found)


def test_a_sides_areas_of_the_city_are_all_of_its_own_region(gazetteer):
    found = claims("Hundreds of families fled rebel-held areas of Aleppo on Friday.", gazetteer)
    assert ("eastern-aleppo", "opposition", "holds", None) in found


def test_a_place_in_a_list_after_a_share_is_no_share_itself(gazetteer):
    found = claims(
        "Rebels now hold only three districts of eastern Aleppo, including the Old City and al-Mashhad.",
        gazetteer,
    )
    assert ("old-city", "opposition", "holds", None) in found
    assert ("eastern-aleppo", "opposition", "percent", None) in found


def test_a_second_share_joined_by_and_is_read_beside_a_place_named_by_its_share(gazetteer):
    # "eastern half" is itself a name of the eastern region: "half of the west" is a second item, not part of it
    found = claims(
        "Government forces now hold the eastern half of Aleppo and roughly half of the west.", gazetteer
    )
    assert ("western-aleppo", "government", "percent", 50.0) in found


def test_clawed_back_is_a_gain(gazetteer):
    found = claims("The army clawed back a third of the city of Aleppo.", gazetteer)
    assert ("aleppo", "government", "percent", 33.0) in found


def test_a_claim_cites_only_the_clause_of_its_semicolon_that_holds_it(gazetteer):
    text = "The offensive to retake Aleppo began in October; since then the army has clawed back a third of Aleppo."
    (claim,) = [c for c in read_claims(Article(text=text, title="", published=FRIDAY), gazetteer)]
    assert claim.sentence == "since then the army has clawed back a third of Aleppo."
    assert text[claim.start : claim.end] == claim.sentence
    assert claim.date_from != date(2016, 10, 1)  # "in October" dates the other clause


def test_the_historical_part_of_a_city_is_its_old_city(gazetteer):
    found = claims("The army took the historic part of Aleppo on Friday.", gazetteer)
    assert ("old-city", "government", "captured", None) in found
    assert not any(f[0] == "aleppo" for f in found)
    shared = claims("The army said it had seized 20 districts of the historic part of Aleppo.", gazetteer)
    assert ("old-city", "government", "percent", None) in shared


def test_a_part_with_no_region_of_its_name_stays_a_part_of_the_whole(gazetteer):
    found = claims("The army took the industrial part of Aleppo on Friday.", gazetteer)
    assert not any(f[0] == "old-city" for f in found)


def test_having_pushed_through_most_of_a_place_is_a_share_won(gazetteer):
    found = claims("Government forces have pushed through most of eastern Aleppo, officials said.", gazetteer)
    assert ("eastern-aleppo", "government", "percent", None) in found
    ongoing = claims("Government forces are pushing through most of eastern Aleppo.", gazetteer)
    assert not any(f[2] == "percent" for f in ongoing)
    whole = claims("Government forces pushed through Bustan al-Qasr.", gazetteer)
    assert not any(f[2] in ("captured", "percent") for f in whole)


def test_a_share_of_the_territory_under_a_sides_control_is_a_share_of_its_region(gazetteer):
    found = claims(
        "By Friday the rebels had lost about 30 percent of the territory under their control in Aleppo, "
        "monitors said.",
        gazetteer,
    )
    assert ("eastern-aleppo", "government", "percent", 30.0) in found


def test_the_territory_under_a_sides_control_is_never_taken_whole(gazetteer):
    found = claims("Monitors said the army seized territory under rebel control in Aleppo.", gazetteer)
    assert not any(f[0] == "eastern-aleppo" and f[2] == "captured" for f in found)


def test_this_key_area_is_the_district_named_before(gazetteer):
    found = claims(
        "Government forces stormed Tariq al-Bab at dawn. By noon they held over 40 percent of this key area.",
        gazetteer,
    )
    assert ("tariq-al-bab", "government", "percent", 40.0) in found
    assert not any(f[0] == "eastern-aleppo" for f in found)  # east Aleppo only locates it


def test_a_control_verb_the_parser_took_for_a_noun_still_gives_the_share_after_it(gazetteer):
    # "east Aleppo control" read as one noun ending the subject; the share then hangs on that subject
    found = claims(
        "Officials said the rebels of east Aleppo control only three percent of Aleppo.", gazetteer
    )
    assert ("aleppo", "opposition", "percent", 3.0) in found


def test_a_share_hung_on_the_subject_as_an_apposition_is_what_the_subject_holds(gazetteer):
    found = claims(
        "Aleppo was quiet at dawn. On Friday, state radio reported that the rebel fighters of east "
        "Aleppo control only four percent of the provincial capital.",
        gazetteer,
    )
    assert ("aleppo", "opposition", "percent", 4.0) in found


def test_a_control_noun_with_no_share_after_it_claims_nothing_new(gazetteer):
    assert claims("The rebels of east Aleppo control point was shelled.", gazetteer) == []
