"""Two clauses the parser joins across a semicolon: a denial with its own object ("...; rebels
denied it") does not turn the first clause into its complement. Every sentence is our own."""

from datetime import date

from tests.reading import triples


def claims(text, gazetteer):
    return triples(text, gazetteer, date(2016, 12, 9))


def test_a_capture_answered_by_a_denial_in_its_own_clause_is_still_claimed(gazetteer):
    found = claims(
        "An army source said all of al-Mashhad had been taken by the army's soldiers; "
        "a rebel spokesman denied it.",
        gazetteer,
    )
    assert ("al-mashhad", "government", "captured") in found


def test_a_capture_inside_a_denial_stays_denied(gazetteer):
    found = claims("Rebels denied that al-Mashhad had been taken by the army's soldiers.", gazetteer)
    assert ("al-mashhad", "government", "captured") not in found
    assert ("al-mashhad", "government", "denied") in found


def test_of_two_subjects_the_one_nearest_before_the_verb_is_the_subject():
    """The parser sometimes takes an apposition ("the group's last stronghold, troops retook it")
    for a second subject of the verb: the one nearest before the verb is the real one."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from geo.read.grammar import _subject

    words = ["stronghold", ",", "troops", "retook", "it"]
    doc = Doc(Vocab(), words=words, heads=[3, 0, 3, 3, 3], deps=["nsubj", "punct", "nsubj", "ROOT", "dobj"])
    assert _subject(doc[3]).text == "troops"
    single = Doc(Vocab(), words=["troops", "retook", "it"], heads=[1, 1, 1], deps=["nsubj", "ROOT", "dobj"])
    assert _subject(single[1]).text == "troops"
