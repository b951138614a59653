"""A side's unit stationed or garrisoned in a place holds it (a statement of who is there); a future
posting, or people with no side, say nothing.

Sentences written for these tests with Mosul gazetteer names (publication Tuesday 16 May 2017).
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache

import pytest

from geo.gazetteer import Gazetteer
from geo.read import Article, read_claims
from tests.conftest import ROOT

TUESDAY = date(2017, 5, 16)


@lru_cache(maxsize=1)
def _mosul() -> Gazetteer:
    return Gazetteer.load(ROOT / "data" / "mosul")


def _claims(text: str) -> set[tuple[str | None, str, str]]:
    found = read_claims(Article(text=text, title="", published=TUESDAY), _mosul())
    return {(c.place_id, c.controller, c.claim_type) for c in found}


@pytest.mark.parametrize("text", [
    "An Iraqi army brigade is stationed in east Mosul's Zahraa district.",
    "Iraqi troops garrisoned in Zahraa came under mortar fire overnight.",
])
def test_a_unit_stationed_in_a_place_holds_it(text: str) -> None:
    assert _claims(text) == {("zahraa", "government", "holds")}


@pytest.mark.parametrize("text", [
    "An Iraqi army brigade will be stationed in Zahraa.",
    "Snipers entrenched in Zahraa slowed the column.",
])
def test_a_future_posting_or_a_unit_with_no_side_claims_nothing(text: str) -> None:
    assert _claims(text) == set()
