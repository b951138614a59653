"""Three rules of who and where, in texts written for these tests with Mosul gazetteer names
(publication Tuesday 16 May 2017).

- "A and B, as well as the adjacent C district in the north": C is one more item of the list.
- "X, the largest district in the east, was taken": the description is the parser's subject; X is
  the place.
- A capture with no side named takes the side seen taking places before it in the article, not
  one a background sentence further on names ("X was captured by the jihadists in 2014").
"""

from __future__ import annotations

import pytest

from geo.read import Article, read_claims
from tests.mosul import TUESDAY
from tests.mosul import mosul as _mosul
from tests.mosul import mosul_claim_set as _claims


def test_as_well_as_adds_a_last_item_to_the_list() -> None:
    text = "Iraqi commandos drove the militants out of Shifa, as well as the adjacent Zanjili district in the north, on Monday."
    assert _claims(text) == {("shifa", "government", "captured"), ("zanjili", "government", "captured")}


def test_as_well_as_a_person_adds_no_place() -> None:
    text = "Iraqi commandos freed Shifa on Monday, as well as dozens of civilians."
    assert _claims(text) == {("shifa", "government", "captured")}


def test_a_place_described_before_a_passive_capture_is_what_was_taken() -> None:
    found = read_claims(
        Article(
            text="Wahda, the busiest district in the east of the country, was captured by ISIS in 2015.",
            title="",
            published=TUESDAY,
        ),
        _mosul(),
    )
    assert [(c.place_id, c.controller, c.claim_type, c.date_from.year) for c in found] == [
        ("wahda", "islamic-state", "captured", 2015)
    ]


def test_an_unattributed_capture_takes_the_side_named_before_it_not_a_background_one_after() -> None:
    text = (
        "Iraqi troops and federal police pushed on in the west. The Nasr district was retaken on Monday. "
        "Wahda was captured by ISIS in 2014."
    )
    assert ("nasr", "government", "captured") in _claims(text)


def test_the_members_a_count_names_are_whole_places_and_the_region_only_locates_them() -> None:
    """ "Four districts in X, including A and B": A and B are held whole; X is where they are."""
    text = "ISIS still holds four districts in west Mosul, including the Old City, Shifa and Zanjili."
    assert _claims(text) == {
        ("old-city", "islamic-state", "holds"),
        ("shifa", "islamic-state", "holds"),
        ("zanjili", "islamic-state", "holds"),
    }


def test_a_count_of_a_region_with_no_list_is_still_a_share() -> None:
    assert _claims("ISIS still holds four districts in west Mosul.") == {
        ("west-mosul", "islamic-state", "percent")
    }


def test_where_a_push_set_out_from_is_no_capture() -> None:
    assert _claims("The army's push from Wahda towards the river slowed on Monday.") == set()
    assert _claims("Iraqi troops pushed the militants from Wahda on Monday.") == {
        ("wahda", "government", "captured")
    }


@pytest.mark.parametrize(
    "text",
    [
        "Iraqi troops briefly seized a west Mosul hospital on Monday.",
        "Iraqi troops took back new areas of west Mosul on Monday.",
    ],
)
def test_a_change_in_some_unnamed_part_of_a_region_is_no_claim_on_the_region(text: str) -> None:
    assert _claims(text) == set()


def test_a_share_of_a_region_or_a_named_place_in_it_is_still_claimed() -> None:
    assert _claims("Iraqi troops took most of west Mosul on Monday.") == {
        ("west-mosul", "government", "percent")
    }
    assert _claims("Iraqi troops seized Zanjili in west Mosul on Monday.") == {
        ("zanjili", "government", "captured")
    }
