"""The Mosul gazetteer, loaded once, and the claims the reader finds with it: the reader tests
written with Mosul's names share these rather than each loading and summarising on its own."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from geo.gazetteer import Gazetteer
from tests.conftest import ROOT
from tests.reading import triples

#: The day the Mosul reader tests date their invented reports (a Tuesday in the battle's last months).
TUESDAY = date(2017, 5, 16)


@lru_cache(maxsize=1)
def mosul() -> Gazetteer:
    """The bundled Mosul gazetteer (loading it costs more than most of these tests)."""
    return Gazetteer.load(ROOT / "data" / "mosul")


def mosul_claims(text: str, published: date) -> list[tuple[str | None, str, str]]:
    """(place id, side, claim type) of each claim read in ``text``, an article published that day."""
    return triples(text, mosul(), published)


def mosul_claim_set(text: str, published: date = TUESDAY) -> set[tuple[str | None, str, str]]:
    """:func:`mosul_claims` as a set, for tests that do not care about order."""
    return set(mosul_claims(text, published))
