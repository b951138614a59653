"""A part of a region is never the whole region; a wider place that only locates a narrower one is no claim.

Every text is our own. The compass test uses an invented town whose quarters sit north, east,
south and west of its centre.
"""

from datetime import date

import pytest

from geo.gazetteer import Gazetteer, Place
from geo.read import Article, read_claims
from tests.small_town import CONFLICT

MONDAY = date(2016, 12, 5)


def claims(text, gazetteer, published=MONDAY):
    return read_claims(Article(text=text, title="", published=published), gazetteer)


def places(text, gazetteer):
    return [c.place_id for c in claims(text, gazetteer)]


@pytest.mark.parametrize(
    "text",
    [
        "Government forces captured north-east Aleppo on Sunday.",
        "Government forces captured northeastern Aleppo on Sunday.",
        "Rebels took the south end of eastern Aleppo.",
        "The army took the north-west of Aleppo.",
    ],
)
def test_a_direction_that_no_region_names_leaves_the_place_for_review(text, gazetteer):
    (claim,) = claims(text, gazetteer)
    assert claim.place_id is None, "a part of a region must never resolve to the whole region"
    assert "approximate place" in claim.flags
    assert claim.candidates, "the members lying that way are offered to the editor"
    region = claim.place_as_written.split()[-1]
    assert region in ("Aleppo",)


def test_computed_members_lie_in_the_direction_named(gazetteer):
    (claim,) = claims("Rebels took the south end of eastern Aleppo.", gazetteer)
    east = gazetteer.places["eastern-aleppo"]
    members = [
        gazetteer.places[m] for m in east.members if gazetteer.places[m].lat is not None
    ]  # drawn places only
    centre = sum(p.lat for p in members) / len(members)
    assert claim.candidates and all(gazetteer.places[c].lat < centre for c in claim.candidates)
    assert set(claim.candidates) < set(east.members)


@pytest.mark.parametrize(
    "text",
    [
        "The army captured the eastern part of Aleppo.",
        "The army captured the eastern neighbourhoods of Aleppo.",
        "Rebels lost Aleppo's eastern half to the army.",
    ],
)
def test_a_part_that_a_region_names_is_that_region(text, gazetteer):
    assert places(text, gazetteer) == ["eastern-aleppo"]


def test_outside_a_place_is_not_the_place(gazetteer):
    (claim,) = claims("Government troops captured the area east of the Old City.", gazetteer)
    assert claim.place_id is None and claim.candidates == ()


@pytest.mark.parametrize(
    "text, inner",
    [
        ("Overnight the army took Aleppo's Tariq al-Bab neighbourhood.", "tariq-al-bab"),
        ("Government troops seized south-east Aleppo's big Sheikh Saeed district.", "sheikh-saeed"),
        ("The army took Aleppo's Old City.", "old-city"),
        ("The army took the al-Sha'ar quarter in southeastern Aleppo.", "al-shaar"),
        ("Government troops took Masaken Hanano, in eastern Aleppo.", "masaken-hanano"),
    ],
)
def test_the_wider_place_that_only_locates_the_inner_one_is_no_claim(text, inner, gazetteer):
    assert places(text, gazetteer) == [inner]


def test_the_district_points_back_to_the_last_named_one(gazetteer):
    text = (
        "The army captured Sheikh Saeed on Sunday. Rebels said they would return, "
        "but the army took the whole district."
    )
    assert {c.place_id for c in claims(text, gazetteer)} == {"sheikh-saeed"}
    anaphor = [c for c in claims(text, gazetteer) if c.place_as_written == "the whole district"]
    assert anaphor and anaphor[0].place_id == "sheikh-saeed"


def _compass_town() -> Gazetteer:
    spots = {
        "north-q": (10.02, 20.0),
        "east-q": (10.0, 20.02),
        "south-q": (9.98, 20.0),
        "west-q": (10.0, 19.98),
        "north-east-q": (10.015, 20.015),
    }
    places = {
        i: Place(id=i, name=i.replace("-", " ").title(), kind="neighbourhood", lat=lat, lon=lon)
        for i, (lat, lon) in spots.items()
    }
    places["town"] = Place(id="town", name="Compass", kind="city", members=tuple(spots))
    return Gazetteer(name="Compass", places=places, city_region="town", conflict=CONFLICT)


@pytest.mark.parametrize(
    "words, expected",
    [
        ("northern Compass", {"north-q", "north-east-q"}),
        ("north-east Compass", {"north-q", "east-q", "north-east-q"}),
        ("the western part of Compass", {"west-q"}),
    ],
)
def test_a_computed_part_is_the_members_lying_that_way_from_the_centre(words, expected):
    town = _compass_town()
    (claim,) = claims(f"The army captured {words} on Sunday.", town)
    assert claim.place_id is None and set(claim.candidates) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Aleppo is a divided city. Government troops captured the rebel-held eastern districts on Sunday.",
            ["eastern-aleppo"],
        ),
        ("Aleppo is a divided city. The army took the eastern neighbourhoods on Sunday.", ["eastern-aleppo"]),
        ("Aleppo is a divided city. Rebels lost the north-east side on Sunday.", [None]),
    ],
)
def test_a_direction_alone_is_a_part_of_the_city_last_named(text, expected, gazetteer):
    assert places(text, gazetteer) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Aleppo is a divided city. The West condemned how the army captured it.",  # capitalised: other countries
        "Damascus is calm. Rebels captured the east on Sunday.",  # the city last named is not this map's
        "The army captured the east on Sunday.",  # no city named before it
    ],
)
def test_a_direction_alone_names_no_part_without_a_city_of_the_map(text, gazetteer):
    assert [c for c in claims(text, gazetteer) if c.place_as_written.lower().endswith(("east", "west"))] == []
