"""Fighting, advances and entries inside a place make it contested, never taken.

Every sentence is our own, written for these tests with names from the Aleppo gazetteer.
Publication day: Monday 28 November 2016.
"""

from datetime import date

import pytest

from geo.read import Article, read_claims

MONDAY = date(2016, 11, 28)
CONTESTED = ("contested", "holds")


def readings(text, gazetteer):
    found = read_claims(Article(text=text, title="", published=MONDAY), gazetteer)
    return {(c.place_id, c.controller, c.claim_type) for c in found}


def contested(*places):
    return {(p, *CONTESTED) for p in places}


@pytest.mark.parametrize(
    "text, places",
    [
        ("Government troops entered Qarlaq and al-Ballat on Sunday.", ("qarlaq", "al-ballat")),
        (
            "Army units advanced in Aghyur, al-Ballat and the al-Bayada district overnight.",
            ("aghyur", "al-ballat", "al-bayada"),
        ),
        ("Loyalist forces pushed into Qarlaq from the south.", ("qarlaq",)),
        ("Rebel units were pushing through al-Bayada at dawn.", ("al-bayada",)),
        ("The brigade swept through al-Farafira on Sunday.", ("al-farafira",)),
        ("Troops pushed forward in Karm al-Jabal.", ("karm-al-jabal",)),
        ("The army's advance into al-Bayada slowed on Monday.", ("al-bayada",)),
        ("Soldiers kept pushing into Qarlaq all night.", ("qarlaq",)),
    ],
)
def test_entering_or_advancing_into_a_place_contests_it(gazetteer, text, places):
    assert readings(text, gazetteer) == contested(*places)


def test_entering_is_taking_only_when_the_sentence_says_so(gazetteer):
    assert readings("Loyalist units entered and took al-Ballat.", gazetteer) == {
        ("al-ballat", "government", "captured")
    }


@pytest.mark.parametrize(
    "text",
    [
        "Troops pushed toward Qarlaq on Sunday.",
        "Army units advanced towards al-Ballat.",
        "If the army enters Qarlaq, the rebels will be cut off.",
        "Government troops have not entered al-Bayada.",
    ],
)
def test_moving_towards_a_place_or_a_hypothetical_entry_claims_nothing(gazetteer, text):
    assert readings(text, gazetteer) == set()


def test_pushing_a_side_out_is_still_an_expulsion(gazetteer):
    assert readings("Kurdish fighters pushed the jihadists out of Sheikh Maqsoud.", gazetteer) == {
        ("sheikh-maqsoud", "kurdish", "captured")
    }


@pytest.mark.parametrize(
    "text, places",
    [
        (
            "The army kept up its attacks on militants in Qarlaq and in the al-Ballat area.",
            ("qarlaq", "al-ballat"),
        ),
        ("Soldiers were battling insurgents in Aghyur and the al-Bayada district.", ("aghyur", "al-bayada")),
        ("Troops clashed with rebels in Karm al-Jabal on Sunday.", ("karm-al-jabal",)),
        (
            "The police went on fighting against IS gunmen in the districts of Qarlaq and Aghyur.",
            ("qarlaq", "aghyur"),
        ),
    ],
)
def test_fighting_an_opponent_inside_a_place_contests_the_place(gazetteer, text, places):
    assert readings(text, gazetteer) == contested(*places)


@pytest.mark.parametrize(
    "text, places",
    [
        (
            "Most districts are quiet, except Qarlaq, where clashes between rebels and troops were reported.",
            ("qarlaq",),
        ),
        ("Heavy fighting raged around the Tariq al-Bab neighbourhood.", ("tariq-al-bab",)),
        ("The Tiger Forces launched an assault on the al-Bayada district.", ("al-bayada",)),
        ("Rebels have been storming al-Ballat since Friday.", ("al-ballat",)),
    ],
)
def test_other_ways_of_saying_a_place_is_fought_over(gazetteer, text, places):
    assert readings(text, gazetteer) == contested(*places)


def test_a_capture_told_as_done_is_still_a_capture(gazetteer):
    assert readings("Rebels stormed al-Ballat on Friday.", gazetteer) == {
        ("al-ballat", "opposition", "captured")
    }


@pytest.mark.parametrize(
    "text",
    [
        "An attack on Qarlaq killed four civilians.",
        "Warplanes attacked al-Ballat at noon.",
        "Mortar attacks on Aghyur went on all day.",
        "Troops were battling the jihadists in Operation Dawn Shield.",
        "Fighting went on inside the Old City.",
    ],
)
def test_fire_on_a_place_an_unknown_name_or_a_region_claims_nothing(gazetteer, text):
    assert readings(text, gazetteer) == set()


@pytest.mark.parametrize(
    "text, region",
    [
        ("Troops pushed on Sunday into the Old City.", "old-city"),
        ("Troops entered eastern Aleppo.", "eastern-aleppo"),
    ],
)
def test_an_advance_into_a_region_contests_the_region_alone(gazetteer, text, region):
    """The front is inside the region: a claim on it (never applied to its members, see
    tests/test_region_advances.py), none on each member."""
    assert readings(text, gazetteer) == contested(region)


@pytest.mark.parametrize(
    "text, places",
    [
        ("Loyalist troops pushed through the defences of the rebels in al-Bayada.", ("al-bayada",)),
        ("The brigade swept through a district that residents call the old Qarlaq market.", ("qarlaq",)),
        (
            "Rebel resistance was holding out in small pockets in Aghyur and al-Ballat.",
            ("aghyur", "al-ballat"),
        ),
        ("Soldiers had pushed into several positions inside the al-Bayada area.", ("al-bayada",)),
    ],
)
def test_the_place_is_read_past_a_side_a_name_given_or_a_number_of_sites(gazetteer, text, places):
    assert readings(text, gazetteer) == contested(*places)


def test_an_attack_told_by_its_toll_is_a_strike_whatever_the_parse(gazetteer):
    assert readings("On Sunday an attack on the al-Bayada district killed six people.", gazetteer) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Aid convoys entered al-Ballat on Sunday.",
        "Hundreds of civilians pushed into Qarlaq to escape the shelling.",
    ],
)
def test_people_who_do_not_fight_advance_into_nothing(gazetteer, text):
    assert readings(text, gazetteer) == set()
