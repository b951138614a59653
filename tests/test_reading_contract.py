"""The reader's typed contract: ClaimReading dataclasses out of the pipeline, Literal vocabularies,
and resources handed to the components through ``initialize()``. Every text is our own."""

from dataclasses import fields
from datetime import date
from typing import get_args

import pytest
import srsly
from spacy.tokens import Doc

from geo.core import CLAIM_TYPES, DECISIONS, EVENT_TYPES, REVIEW_FILTERS, REVIEWED, Claim, ClaimType, Decision
from geo.read import Article, ClaimReading, read_claims, read_claims_many
from geo.read.pipeline import load_model, load_pipeline

MONDAY = date(2016, 11, 28)
TEXTS = [
    "Government troops captured Masaken Hanano on Saturday, state media said.",
    "Rebels denied that Jabal Badro had fallen to the army.",
    "Nothing about control here at all.",
    "The army lost al-Sha'ar on Sunday. They later retook it.",
]


def test_the_vocabulary_tuples_are_the_literal_types():
    assert CLAIM_TYPES == get_args(ClaimType) and "denied" in CLAIM_TYPES
    assert DECISIONS == get_args(Decision) and set(REVIEWED) <= set(DECISIONS)
    assert set(EVENT_TYPES) <= set(CLAIM_TYPES) and "no-date" in REVIEW_FILTERS
    claim_type = next(f for f in fields(Claim) if f.name == "claim_type")
    assert claim_type.type == "ClaimType"


def test_the_reader_hands_claim_readings_with_no_private_fields(gazetteer):
    nlp = load_pipeline(gazetteer)
    doc = nlp(" ".join(TEXTS))
    readings = doc._.claim_readings
    assert readings and all(type(r) is ClaimReading for r in readings)
    assert not hasattr(readings[0], "__dict__")  # slots: a typo'd field cannot be set
    names = {f.name for f in fields(ClaimReading)}
    assert not names & {"open", "leaver", "denier", "attribution_pronoun"}
    assert all(r.controller is not None and r.claim_type in CLAIM_TYPES for r in readings)
    denied = [r for r in readings if r.claim_type == "denied"]
    assert denied and denied[0].disputes.split(":")[0] == "captured"


def test_a_reading_survives_the_bytes_spacy_sends_between_processes(gazetteer):
    nlp = load_pipeline(gazetteer)
    doc = nlp(TEXTS[0])
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert back._.claim_readings == doc._.claim_readings
    assert isinstance(back._.claim_readings[0].candidates, tuple)
    assert srsly.msgpack_loads(srsly.msgpack_dumps({"plain": [1, 2]})) == {"plain": [1, 2]}


def test_two_processes_read_the_same_claims_as_one(gazetteer):
    articles = [Article(text=t, published=MONDAY) for t in TEXTS * 2]
    one = [claims for _, claims in read_claims_many(articles, gazetteer)]
    two = [claims for _, claims in read_claims_many(articles, gazetteer, n_process=2, batch_size=2)]
    assert two == one and sum(map(len, one)) >= 6


def test_components_take_their_resources_through_initialize(gazetteer):
    nlp = load_model()
    for name in (
        "sentencizer",
        "geo_paragraphs",
        "geo_cues",
        "geo_actors",
        "geo_places",
        "geo_parse",
        "geo_claims",
    ):
        nlp.add_pipe(name)
    with pytest.raises(Exception, match="no gazetteer"):
        nlp("Government troops captured Masaken Hanano.")
    nlp.get_pipe("geo_actors").initialize(
        lambda: [], nlp=nlp, lexicon=gazetteer.actors_file, sides=gazetteer.war.side_ids
    )
    nlp.get_pipe("geo_places").initialize(lambda: [], nlp=nlp, gazetteer=gazetteer)
    nlp.get_pipe("geo_claims").initialize(lambda: [], nlp=nlp, gazetteer=gazetteer)
    text = "Government troops captured Masaken Hanano on Saturday."
    got = [(r.place_id, r.controller, r.claim_type) for r in nlp(text)._.claim_readings]
    assert got == [("masaken-hanano", "government", "captured")]
    assert read_claims(Article(text=text, published=MONDAY), gazetteer)[0].place_id == "masaken-hanano"
