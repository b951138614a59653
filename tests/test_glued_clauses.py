"""Two clauses the parser joins across a semicolon: a denial with its own object ("...; rebels
denied it") does not turn the first clause into its complement. Every sentence is our own."""
from datetime import date

from geo.read import Article, read_claims


def claims(text, gazetteer):
    return [(c.place_id, c.controller, c.claim_type)
            for c in read_claims(Article(text=text, title="", published=date(2016, 12, 9)), gazetteer)]


def test_a_capture_answered_by_a_denial_in_its_own_clause_is_still_claimed(gazetteer):
    found = claims("According to an army source, all of al-Mashhad had been captured by government troops; "
                   "a rebel spokesman denied it.", gazetteer)
    assert ("al-mashhad", "government", "captured") in found


def test_a_capture_inside_a_denial_stays_denied(gazetteer):
    found = claims("Rebels denied that al-Mashhad had been captured by government troops.", gazetteer)
    assert ("al-mashhad", "government", "captured") not in found
    assert ("al-mashhad", "government", "denied") in found
