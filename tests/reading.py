"""What the reader finds in a sentence of our own, as the reader tests compare it: each test file
dates its invented report and asks for the claims, or only their (place, side, type)."""

from __future__ import annotations

from datetime import date

from geo.core import Claim
from geo.gazetteer import Gazetteer
from geo.read import Article, read_claims


def claims_in(text: str, gazetteer: Gazetteer, published: date) -> list[Claim]:
    """The claims read in ``text``, an untitled article published on ``published``."""
    return read_claims(Article(text=text, title="", published=published), gazetteer)


def triples(text: str, gazetteer: Gazetteer, published: date) -> list[tuple[str | None, str, str]]:
    """(place id, side, claim type) of each claim read in ``text``, in text order."""
    return [(c.place_id, c.controller, c.claim_type) for c in claims_in(text, gazetteer, published)]
