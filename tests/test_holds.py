"""Statements of who holds a place, read from texts written for these tests (our own words).

Publication day: Monday 28 November 2016, unless a test says otherwise.
"""
from datetime import date

from geo.read import Article, read_claims

MONDAY = date(2016, 11, 28)


def claims_of(text, gazetteer, published=MONDAY):
    return read_claims(Article(text=text, title="", published=published), gazetteer)


def held(text, gazetteer, **kw):
    """(place id, side, type) of each claim, in text order."""
    return [(c.place_id, c.controller, c.claim_type) for c in claims_of(text, gazetteer, **kw)]


def test_each_held_adjective_speaks_of_the_place_right_after_it(gazetteer):
    found = held("Residents described Aleppo as a city cut between the rebel-held east and the army-held west.", gazetteer)
    assert sorted(found) == [("eastern-aleppo", "opposition", "holds"), ("western-aleppo", "government", "holds")]


def test_an_indefinite_part_named_by_a_held_adjective_is_still_that_part(gazetteer):
    found = held("For months Aleppo was cut into a regime-held west and a rebel-held eastern zone.", gazetteer)
    assert sorted(found) == [("eastern-aleppo", "opposition", "holds"), ("western-aleppo", "government", "holds")]


def test_a_gazetteer_name_holding_an_actor_word_is_still_a_place(gazetteer):
    """'government-held Aleppo' is a spelling of the west in the gazetteer; the actor inside it
    must not hide the place."""
    assert held("A dozen families crossed safely into government-held Aleppo.", gazetteer) == [
        ("western-aleppo", "government", "holds")]
