"""An advance inside a region contests the region alone; fighting in it, a share of it, a part of it
the gazetteer lacks, or a region that only locates another place do not.

Why: "troops pushed into the Old City" says where the front is, and the gold reads it as the region
contested; but the map must not paint every member of the region contested from it, and "clashes
in the east" or "advanced in central X" say too little to claim the region. Sentences written for
these tests, with Mosul gazetteer names; publication Tuesday 16 May 2017.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import pytest

from geo.gazetteer import Gazetteer
from geo.read import Article, read_claims
from tests.conftest import ROOT
from tests.test_timeline import build, claim, controllers

TUESDAY = date(2017, 5, 16)


@lru_cache(maxsize=1)
def _mosul() -> Gazetteer:
    return Gazetteer.load(ROOT / "data" / "mosul")


def _claims(text: str) -> list[tuple[str | None, str, str, bool]]:
    found = read_claims(Article(text=text, title="", published=TUESDAY), _mosul())
    return [(c.place_id, c.controller, c.claim_type, c.partial) for c in found]


@pytest.mark.parametrize(
    "text, region",
    [
        ("Army units pushed into the Old City on Monday.", "old-city"),
        ("On Monday commandos fought their way into the Mosul outskirts.", "mosul"),
        ("The federal police were pushing deeper into the Old City on Monday.", "old-city"),
    ],
)
def test_an_advance_inside_a_region_contests_that_region_alone(text: str, region: str) -> None:
    assert _claims(text) == [(region, "contested", "holds", True)]


@pytest.mark.parametrize(
    "text",
    [
        "Fighting went on in the Old City on Monday.",  # a fight there says not where the front is
        "Iraqi troops pushed through much of west Mosul on Monday.",  # a share, not a front
        "Iraqi troops kept advancing in central Mosul on Monday.",  # a part the gazetteer does not have
        "Troops pushed into the north edge of the east side of Mosul on Monday.",
        "The federal police were pushing through the south end of the Old City that morning.",  # a computed part
    ],
)
def test_fighting_a_share_or_an_unnamed_part_of_a_region_contests_no_region(text: str) -> None:
    assert [
        c for c in _claims(text) if c[0] and _mosul().places[c[0]].is_region and c[1] == "contested"
    ] == []


def test_a_region_that_locates_the_place_advanced_into_is_not_claimed() -> None:
    assert _claims("Iraqi troops advanced in the Wahda district in east Mosul on Monday.") == [
        ("wahda", "contested", "holds", False)
    ]


def test_a_contested_region_claim_repaints_no_member() -> None:
    """The claim is kept (cited, reviewable) but none of the region's members turns contested."""
    north = claim("north", "government", 6)
    front = claim("east", "contested", 8, type="holds", partial=True)
    timeline = build([north, front])
    assert controllers(timeline, 9) == controllers(timeline, 7)
    assert controllers(timeline, 9)["south"] == "opposition"
    assert "fighting inside East" in timeline.unplaced[front.key]
    assert timeline.percent_checks() == []
