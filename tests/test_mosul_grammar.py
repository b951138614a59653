"""Grammar the Mosul reports lean on, read with the Mosul gazetteer from sentences written for these tests.

Why: a report names two districts and then speaks of "the two districts", lists a place after a
phrase that only locates the one before it, calls a neighbourhood by the shrine that stands in it,
or says where the fight is by the resistance met there. Each test is one rule and, where it can go
wrong, a twin the rule must leave alone. Publication day: Tuesday 16 May 2017.
"""

from __future__ import annotations

from datetime import date

from geo.read import Article, read_claims
from tests.mosul import TUESDAY, mosul, mosul_claim_set


def test_the_two_districts_point_back_to_the_pair_named_before() -> None:
    found = mosul_claim_set(
        "Army units moved on Zuhur and Qadisiya from the north under mortar fire, and by dusk "
        "they had taken the northern parts of the two districts."
    )
    assert {("zuhur", "government", "captured"), ("qadisiya", "government", "captured")} <= found


def test_both_quarters_point_back_to_the_pair_and_a_count_that_does_not_fit_points_nowhere() -> None:
    assert {("sumer", "government", "captured"), ("wahda", "government", "captured")} <= mosul_claim_set(
        "Iraqi troops approached Sumer and Wahda before dawn and captured both quarters by noon."
    )
    assert (
        mosul_claim_set(
            "Iraqi troops approached Sumer and Wahda before dawn and captured the three quarters by noon."
        )
        == set()
    )


def test_large_parts_of_a_district_stay_a_share_but_its_named_side_is_a_capture() -> None:
    assert mosul_claim_set("Iraqi troops seized large parts of Zuhur on Monday.") == {
        ("zuhur", "government", "percent")
    }
    assert mosul_claim_set("Iraqi troops seized the eastern part of Zuhur on Monday.") == {
        ("zuhur", "government", "captured")
    }


def test_a_district_where_a_named_shrine_stands_is_that_place_and_a_list_goes_on_past_an_aside() -> None:
    found = mosul_claim_set(
        "Special forces retook Mushahada and a neighbouring district where the shrine of Prophet "
        "Yunus stands, in the eastern half of town, as well as the Farouq area."
    )
    assert found == {
        ("mushahada", "government", "captured"),
        ("nabi-yunus", "government", "captured"),
        ("farouq", "government", "captured"),
    }


def test_a_district_where_fighting_was_reported_names_no_place_and_a_dated_aside_opens_no_list() -> None:
    assert mosul_claim_set(
        "Special forces retook Mushahada and a neighbouring district where heavy fighting was "
        "reported, in the eastern half of town."
    ) == {("mushahada", "government", "captured")}
    assert ("farouq", "government", "captured") not in mosul_claim_set(
        "Special forces retook Mushahada, one of the oldest quarters to fall, in 2014, and Farouq."
    )


def test_its_museum_after_the_city_that_locates_the_object_is_taken_too() -> None:
    assert mosul_claim_set(
        "Iraqi troops said on Sunday they had seized the government HQ in Mosul and its renowned "
        "museum, gaining ground in their drive against the militants."
    ) == {
        ("nineveh-government-complex", "government", "captured"),
        ("mosul-museum", "government", "captured"),
    }


def test_a_capture_told_again_later_keeps_its_day_not_the_day_the_story_last_named() -> None:
    text = (
        "Iraqi troops retook Zuhur on Monday, officers said.\n\n"
        "The offensive on the district had opened on Saturday after a long pause.\n\n"
        "A military statement said Iraqi troops had retaken Zuhur."
    )
    found = read_claims(Article(text=text, title="", published=TUESDAY), mosul())
    days = {(c.date_from, c.date_to) for c in found if c.place_id == "zuhur" and c.claim_type == "captured"}
    assert days == {(date(2017, 5, 15), date(2017, 5, 15))}


def test_the_hospital_points_back_to_the_named_hospital_and_not_yet_cleared_is_a_fight_there() -> None:
    found = mosul_claim_set(
        "Federal police stormed the Salam hospital at dawn. Officers said late on Monday that the "
        "hospital was not yet completely cleared."
    )
    assert ("salam-hospital", "contested", "holds") in found
    assert (
        mosul_claim_set(
            "Federal police reached Wahda at dawn. Officers said late on Monday that the hospital was "
            "not yet completely cleared."
        )
        == set()
    )


def test_fighting_that_is_expected_somewhere_is_no_fight_there_yet() -> None:
    assert mosul_claim_set("Street fighting is expected around Salam hospital.") == set()
    assert mosul_claim_set("Heavy fighting was reported around Salam hospital.") == {
        ("salam-hospital", "contested", "holds")
    }


def test_fighting_near_a_district_contests_it_but_not_a_region() -> None:
    assert mosul_claim_set(
        "Officers said the heaviest clashes had raged near the Zanjili district overnight."
    ) == {("zanjili", "contested", "holds")}
    assert mosul_claim_set("Officers said the heaviest clashes had raged near west Mosul overnight.") == set()


def test_resistance_from_fighters_lodged_in_a_place_contests_it_even_a_region() -> None:
    assert mosul_claim_set(
        "Army units faced heavy resistance from IS fighters holed up in the Old City."
    ) == {("old-city", "contested", "holds")}
    assert mosul_claim_set(
        "Army units faced heavy resistance from jihadists dug in among the ruins in Zanjili."
    ) == {("zanjili", "contested", "holds")}


def test_resistance_to_an_attempted_advance_leaves_the_place_with_the_defenders() -> None:
    assert mosul_claim_set(
        "Army units faced heavy resistance when they attempted to advance against IS fighters in Zanjili."
    ) == {("zanjili", "islamic-state", "holds")}


def test_resistance_or_fighting_only_expected_is_no_claim() -> None:
    assert mosul_claim_set("Army units expect heavy resistance in Zanjili.") == set()
    assert mosul_claim_set("Army units faced heavy resistance in Zanjili on Monday.") == {
        ("zanjili", "contested", "holds")
    }


def test_a_place_that_only_locates_unnamed_districts_near_it_gets_no_claim() -> None:
    assert (
        mosul_claim_set(
            "Iraqi troops clashed with the militants in districts near the Farouq market on Monday."
        )
        == set()
    )
    assert mosul_claim_set("Iraqi troops clashed in the Farouq market on Monday.") == {
        ("farouq", "contested", "holds")
    }


def test_a_sides_flag_flying_over_a_place_says_it_holds_it_and_a_flag_of_no_side_says_nothing() -> None:
    assert mosul_claim_set("Residents said the jihadists' banner was still flying over Zanjili.") == {
        ("zanjili", "islamic-state", "holds")
    }
    assert (
        mosul_claim_set("Residents crossed the Farouq market, where a white flag hangs from a balcony.")
        == set()
    )


def test_a_shrine_of_prophet_x_is_the_nabi_x_quarter_the_gazetteer_lists() -> None:
    assert mosul_claim_set("Iraqi troops freed the shrine of Prophet Jirjis on Monday.") == {
        ("nabi-jarjis", "government", "captured")
    }


def test_a_place_that_served_as_a_sides_headquarters_is_held_by_it() -> None:
    assert mosul_claim_set(
        "Troops reached Mosul University, which had served as the jihadists' headquarters for two years."
    ) == {("mosul-university", "islamic-state", "holds")}
    assert mosul_claim_set("Iraqi troops stormed the militants' headquarters in Zanjili.") == {
        ("zanjili", "government", "captured")
    }


def test_the_group_points_back_to_the_side_last_named() -> None:
    assert ("mosul", "islamic-state", "holds") in mosul_claim_set(
        "Islamic State fighters overran Mosul in 2014. The city became the group's capital in Iraq."
    )
    assert mosul_claim_set("Officials in the capital said troops had freed Zanjili.") == set()


def test_a_capture_told_in_passing_after_a_held_place_stands_beside_the_state() -> None:
    assert mosul_claim_set(
        "The army controls the Zuhur district, declared liberated in April, up to the river."
    ) == {
        ("zuhur", "government", "holds"),
        ("zuhur", "government", "captured"),
    }
    assert mosul_claim_set("The army controls the Zuhur district, declared a military zone in April.") == {
        ("zuhur", "government", "holds")
    }


def test_a_capture_after_the_place_changed_hands_again_is_a_new_one() -> None:
    text = (
        "Iraqi troops retook Zuhur on Saturday, officers said.\n\n"
        "On Monday the militants seized Zuhur in a counterattack.\n\n"
        "Commanders said Iraqi troops had retaken Zuhur."
    )
    found = read_claims(Article(text=text, title="", published=TUESDAY), mosul())
    days = sorted(
        (c.date_from, c.date_to)
        for c in found
        if c.place_id == "zuhur" and c.controller == "government" and c.claim_type == "captured"
    )
    assert days[0] == (date(2017, 5, 13), date(2017, 5, 13))
    assert (date(2017, 5, 13), date(2017, 5, 13)) not in days[1:]
