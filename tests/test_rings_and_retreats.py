"""Rings, retreats inside a place, and other holds a sentence gives without a control verb.

Every sentence is our own, written for these tests with names from the Aleppo gazetteer.
Publication day: Monday 28 November 2016.
"""

from datetime import date

import pytest

from geo.read import Article, read_claims

MONDAY = date(2016, 11, 28)


def readings(text, gazetteer):
    found = read_claims(Article(text=text, title="", published=MONDAY), gazetteer)
    return {(c.place_id, c.controller, c.claim_type) for c in found}


# -- a side that rings a place is outside it: the other side holds it -----------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Loyalist units seized Qarlaq at dawn, encircling al-Ballat by nightfall.",
            {("qarlaq", "government", "captured"), ("al-ballat", "opposition", "holds")},
        ),
        ("Rebel brigades have surrounded al-Bayada.", {("al-bayada", "government", "holds")}),
        (
            "For three weeks Qarlaq was besieged by the insurgents.",
            {("qarlaq", "government", "holds")},
        ),
    ],
)
def test_a_ringed_place_is_held_by_the_side_the_ringer_opposes(gazetteer, text, expected):
    assert readings(text, gazetteer) == expected


def test_a_ring_closed_only_from_some_sides_puts_the_front_at_the_place(gazetteer):
    text = "Army columns encircled Qarlaq from the north and the east on Sunday."
    assert readings(text, gazetteer) == {("qarlaq", "contested", "holds")}


@pytest.mark.parametrize(
    "text",
    [
        "Shells fell on the villages surrounding Qarlaq.",
        "Aid has not reached the besieged al-Bayada district.",
    ],
)
def test_a_ring_nobody_is_said_to_close_claims_nothing(gazetteer, text):
    assert readings(text, gazetteer) == set()


def test_a_ringed_place_that_is_then_stormed_is_taken(gazetteer):
    text = "Government troops encircled and then stormed al-Ballat."
    assert readings(text, gazetteer) == {("al-ballat", "government", "captured")}


# -- a retreat inside a place goes on there: it is fought over ------------------------------------
@pytest.mark.parametrize(
    "text, place",
    [
        ("Rebel fighters were retreating inside al-Bayada as the shelling went on.", "al-bayada"),
        ("Insurgent units kept pulling back in eastern Aleppo, a monitor reported.", "eastern-aleppo"),
        (
            "The militants were retreating within Qarlaq on Sunday; a local official called the rout total.",
            "qarlaq",
        ),
    ],
)
def test_a_retreat_inside_a_place_contests_it(gazetteer, text, place):
    assert readings(text, gazetteer) == {(place, "contested", "holds")}


def test_a_retreat_from_a_place_is_still_a_withdrawal(gazetteer):
    text = "Rebel fighters retreated from al-Bayada on Sunday."
    assert readings(text, gazetteer) == {("al-bayada", "government", "withdrew")}


def test_civilians_moving_back_inside_a_place_claim_nothing(gazetteer):
    assert readings("Families were retreating inside al-Bayada to escape the shelling.", gazetteer) == set()


# -- a fight whose outcome a participle tells: the outcome stands for the place --------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Loyalist brigades mounted a second round of assaults on gunmen in the al-Bayada district, "
            "freeing a part of it.",
            {("al-bayada", "government", "percent")},
        ),
        (
            "Government troops attacked rebel posts in Qarlaq and al-Ballat, seizing most of it.",
            {("qarlaq", "contested", "holds"), ("al-ballat", "government", "percent")},
        ),
    ],
)
def test_what_a_fight_won_there_stands_for_the_place_it_was_fought_in(gazetteer, text, expected):
    assert readings(text, gazetteer) == expected


def test_a_participle_about_another_place_leaves_the_fight_where_it_was(gazetteer):
    text = "Government troops attacked rebel posts in Qarlaq, seizing al-Ballat."
    assert readings(text, gazetteer) == {
        ("qarlaq", "contested", "holds"),
        ("al-ballat", "government", "captured"),
    }


# -- a place split between sides is contested as a whole ------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "From 2013 onwards Qarlaq was divided in half between the army and the rebels.",
            {("qarlaq", "contested", "holds")},
        ),
        (
            "Aleppo stayed divided for four years, with the rebels holding eastern Aleppo.",
            {("aleppo", "contested", "holds"), ("eastern-aleppo", "opposition", "holds")},
        ),
    ],
)
def test_a_place_split_between_sides_is_contested_as_a_whole(gazetteer, text, expected):
    assert readings(text, gazetteer) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The army's thrust split the rebel pocket in two near al-Ballat.",
        "The rebel command was divided over the truce.",
        "Qarlaq was split by the government's advance.",
    ],
)
def test_a_place_cut_by_a_side_or_a_split_of_people_is_no_divided_control(gazetteer, text):
    assert readings(text, gazetteer) == set()


# -- an advance (the noun) in a compass part of the city contests that region ----------------------
@pytest.mark.parametrize(
    "text",
    [
        "Shells landed across Aleppo overnight. Loyalist brigades kept up their advance in the eastern "
        "districts of the city on Sunday.",
        "Loyalist brigades went on with the advance in eastern Aleppo at first light.",
    ],
)
def test_an_advance_in_a_compass_part_of_the_city_contests_that_region(gazetteer, text):
    assert readings(text, gazetteer) == {("eastern-aleppo", "contested", "holds")}


def test_a_place_noun_located_in_a_region_still_leaves_the_region_alone(gazetteer):
    text = "Loyalist brigades advanced in the Qarlaq area in the east of the city."
    assert ("eastern-aleppo", "contested", "holds") not in readings(text, gazetteer)


# -- "there" after a fight word points back to the place named last before it ---------------------
def test_fighting_there_contests_the_place_the_sentence_pointed_back_to(gazetteer):
    text = (
        "Loyalist units took al-Ballat, a crowded quarter just north of Qarlaq. "
        "A medic said the quarter was calm by day but that clashes there resumed each night."
    )
    assert readings(text, gazetteer) == {
        ("al-ballat", "government", "captured"),
        ("al-ballat", "contested", "holds"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Rebels said there were clashes before dawn, but nobody named a place.",
        "A medic said clashes there resumed each night, a day after troops took al-Ballat.",
    ],
)
def test_there_with_no_place_named_before_it_points_nowhere(gazetteer, text):
    assert ("al-ballat", "contested", "holds") not in readings(text, gazetteer)
