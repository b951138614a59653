"""The fast attribute ruler gives every token exactly what the model's attribute_ruler gives."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from geo.read.attributes import FastAttributeRuler
from geo.read.pipeline import load_model

#: Invented sentences: tags and contractions the ruler's one- and several-token rules are about.
TEXTS = [
    "Government troops took the Old City on Tuesday, and the rebels withdrew to the east.",
    "They ain't gonna hold it: the fighters can't stay, monitors said, y'all know that.",
    "REBELS ABANDON TWO DISTRICTS\n\nThe army's units entered, searched and secured the area.",
    "It's 5 o'clock; 3,000 people left   after 2 days -- and who'd blame them?",
]


@pytest.fixture(scope="module")
def nlp():
    model = load_model()
    for name in ("tok2vec", "tagger", "parser"):  # load_model switches every component off
        model.enable_pipe(name)
    return model


def _attrs(doc: Doc) -> list[tuple[str, ...]]:
    return [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in doc]


@pytest.mark.parametrize("text", TEXTS)
def test_same_attributes_as_the_model_ruler(nlp, text):
    ruler = nlp.get_pipe("attribute_ruler")
    parsed = nlp(text)
    theirs, ours = Doc(nlp.vocab).from_bytes(parsed.to_bytes()), Doc(nlp.vocab).from_bytes(parsed.to_bytes())
    ruler(theirs)
    FastAttributeRuler(ruler)(ours)
    assert _attrs(ours) == _attrs(theirs)
    assert any(t.pos_ for t in ours)  # the rules did set something


def test_several_token_rules_still_apply(nlp):
    """'gonna' is two tokens, lemmatised by a two-token rule: the Matcher part must run."""
    ruler = nlp.get_pipe("attribute_ruler")
    fast = FastAttributeRuler(ruler)
    assert len(fast.multi) > 0 and fast.single
    doc = nlp("They are gonna leave.")
    fast(doc)
    assert [t.lemma_ for t in doc if t.lower_ in ("gon", "na")] == ["go", "to"]
