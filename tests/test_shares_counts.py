"""Shares and counts, in texts written for these tests with Mosul gazetteer names (publication
Tuesday 16 May 2017).

- "held 70-percent of X": the hyphen makes the parser hang the share on the verb as a measure;
  it is the verb's object all the same.
- "three more districts of X", "the last four districts in X": a count said as an increment
  tells how many unnamed districts changed hands, not how much of X a side holds.
- "the group" never stands for the forces of a state: it reaches back past them to the last
  other side named.
- "a few pockets of X", "the pockets they still hold in X", "a strip of land in X", "a foothold
  in X": a share of X when a side holds or wins them (fighting in pockets contests X instead).
- "in control over 60 percent of X" (the parser taking "over" for the number's), "three districts
  remain under militia control in X" ("in X" hung on the verb): still shares of X.
- "the provincial capital" is the city named before.
- "four districts of X remain in militia hands, accounting for six percent of X": that number.
- "held part, but not all, of X": X is divided between the sides (contested), the convention for
  divided control.
- fighters "holding out in X" hold X; "holding out in X on a strip of land", only a share of it.
- "the X workshops ... most of the workshops": the noun a district was named with points back to
  it, a few sentences on.
- "took a swath of land from the rebels in X": X is where the share lies, however the parser hung "in X".
- "N square kilometres of X, <absolute clause>": the place stays the object of "of" when the
  parser hangs it on the noun past the comma (one test with Aleppo's names).
"""

from __future__ import annotations

import pytest

from geo.read import Article, read_claims
from tests.mosul import TUESDAY
from tests.mosul import mosul as _mosul
from tests.mosul import mosul_claim_set as _claims


def test_a_hyphenated_percentage_is_the_share_the_verb_claims() -> None:
    text = "Iraqi troops had already claimed they controlled 65-percent of Shifa."
    assert _claims(text) == {("shifa", "government", "percent")}


def test_the_iraqi_armed_forces_are_the_government() -> None:
    text = "The Iraqi armed forces announced on Monday that they had seized 60-percent of the right bank."
    assert _claims(text) == {("west-mosul", "government", "percent")}


@pytest.mark.parametrize(
    "text",
    [
        "Federal police have retaken three more districts in western Mosul, officers said.",
        "Iraqi troops have cleared another five quarters of west Mosul, a commander said.",
        "Commandos have freed the last three neighbourhoods of west Mosul.",
    ],
)
def test_a_count_said_as_an_increment_is_no_share_of_the_region(text: str) -> None:
    assert not any(place in ("west-mosul", "mosul") for place, _, _ in _claims(text))


@pytest.mark.parametrize(
    "text",
    [
        "The militants still hold six districts of west Mosul.",
        "ISIS still holds the last two districts of west Mosul.",
    ],
)
def test_a_count_held_is_still_a_share(text: str) -> None:
    assert _claims(text) == {("west-mosul", "islamic-state", "percent")}


def test_the_group_reaches_back_past_the_state_forces_named_last() -> None:
    text = (
        "ISIS fighters lost Wahda to the Iraqi army in December. "
        "The group still holds Zanjili and Shifa, a police officer said."
    )
    found = _claims(text)
    assert ("zanjili", "islamic-state", "holds") in found
    assert ("shifa", "islamic-state", "holds") in found


def test_a_share_ended_by_a_comma_keeps_its_place_when_the_parser_hangs_it_past_the_comma(gazetteer) -> None:
    """The parser hung the place on the noun after the comma ("... of eastern Aleppo, pro-Assad
    militias having ..."), leaving "of" another object; the place is still what the share is of."""
    text = (
        "Holed up in the old quarters, the opposition controls barely three square kilometres of "
        "eastern Aleppo, pro-Assad militias having overrun several blocks at dawn."
    )
    found = read_claims(Article(text=text, title="", published=TUESDAY), gazetteer)
    assert [(c.place_id, c.controller, c.claim_type) for c in found] == [
        ("eastern-aleppo", "opposition", "percent")
    ]


@pytest.mark.parametrize(
    "text, place",
    [
        ("The jihadists still hold a few pockets of Shifa.", "shifa"),
        (
            "Snipers fired on Monday from the few pockets the militants still hold in west Mosul.",
            "west-mosul",
        ),
        ("The militants control only a thin strip of land in west Mosul.", "west-mosul"),
        ("The militants now control a sliver of ground inside Zanjili.", "zanjili"),
    ],
)
def test_pockets_strips_and_slivers_a_side_holds_are_a_share_of_their_place(text: str, place: str) -> None:
    assert _claims(text) == {(place, "islamic-state", "percent")}


def test_a_foothold_won_in_a_place_is_a_share_of_it_and_one_hoped_for_is_nothing() -> None:
    assert _claims("Federal police gained a foothold in Zanjili overnight.") == {
        ("zanjili", "government", "percent")
    }
    assert _claims("Federal police hope to gain a foothold in Zanjili.") == set()


def test_in_control_over_a_share_the_parser_split_from_its_number() -> None:
    assert _claims("By Monday federal police were in control over 60 percent of Shifa.") == {
        ("shifa", "government", "percent")
    }


@pytest.mark.parametrize(
    "text",
    [
        "Only three districts remain under militant control in west Mosul, a colonel said.",
        "Just five quarters stay in ISIS hands in west Mosul.",
    ],
)
def test_a_count_whose_place_the_parser_hung_on_the_verb_is_still_a_share_of_it(text: str) -> None:
    assert _claims(text) == {("west-mosul", "islamic-state", "percent")}


def test_the_provincial_capital_is_the_city_named_before(gazetteer) -> None:
    text = "Loyalist columns entered Aleppo at dawn. By dusk the rebels held barely four percent of the provincial capital."
    found = read_claims(Article(text=text, title="", published=TUESDAY), gazetteer)
    assert ("aleppo", "opposition", "percent", 4.0) in [
        (c.place_id, c.controller, c.claim_type, c.percent) for c in found
    ]


@pytest.mark.parametrize(
    "text, place",
    [
        ("The army seized a large swath of land from the rebels in eastern Aleppo.", "eastern-aleppo"),
        (
            "Loyalist troops captured a big chunk of territory from the insurgents in the besieged city of "
            "Aleppo on Friday.",
            "aleppo",
        ),
    ],
)
def test_a_share_taken_from_a_side_in_a_place_is_a_share_of_the_place(
    gazetteer, text: str, place: str
) -> None:
    found = read_claims(Article(text=text, title="", published=TUESDAY), gazetteer)
    assert [(c.place_id, c.controller, c.claim_type) for c in found] == [(place, "government", "percent")]


def test_a_side_named_inside_the_share_is_no_owner_of_the_control(gazetteer) -> None:
    """ "Control of 80 percent of rebel-run X" is the speaker's control; the rebels only ran X before."""
    text = "The regime says it has control of 80 percent of formerly rebel-run eastern Aleppo."
    found = read_claims(Article(text=text, title="", published=TUESDAY), gazetteer)
    assert [(c.place_id, c.controller, c.claim_type, c.percent) for c in found] == [
        ("eastern-aleppo", "government", "percent", 80.0)
    ]


@pytest.mark.parametrize(
    "text, place",
    [
        ("Rebels hold part, but not all, of al-Shaar.", "al-shaar"),
        (
            "An opposition commander said the army controlled some, though not all, of Karm al-Jabal.",
            "karm-al-jabal",
        ),
    ],
)
def test_a_share_said_not_to_be_the_whole_divides_the_place(gazetteer, text: str, place: str) -> None:
    found = read_claims(Article(text=text, title="", published=TUESDAY), gazetteer)
    assert [(c.place_id, c.controller, c.claim_type) for c in found] == [(place, "contested", "holds")]


def test_some_of_a_place_without_the_denied_whole_stays_the_sides_partial_hold(gazetteer) -> None:
    found = read_claims(Article(text="Rebels hold part of al-Shaar.", title="", published=TUESDAY), gazetteer)
    assert [(c.place_id, c.controller) for c in found] == [("al-shaar", "opposition")]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The jihadists holding out in Zanjili fired mortars at the troops.",
            ("zanjili", "islamic-state", "holds"),
        ),
        (
            "Jihadist fighters holding out in the Old City on a thin sliver of ground shelled the bridge.",
            ("old-city", "islamic-state", "percent"),
        ),
        (
            "The militants were holding out on a narrow strip of land in the Old City.",
            ("old-city", "islamic-state", "percent"),
        ),
        (
            "ISIS fighters are holding out in a few pockets of west Mosul.",
            ("west-mosul", "islamic-state", "percent"),
        ),
    ],
)
def test_fighters_holding_out_in_a_place_hold_it_or_the_share_said_beside_it(
    text: str, expected: tuple
) -> None:
    assert _claims(text) == {expected}


def test_the_noun_a_district_was_named_with_points_back_to_it(gazetteer) -> None:
    text = "Loyalist units pushed into the Karm al-Jabal workshops at dawn. By dusk they had seized most of the workshops."
    found = read_claims(Article(text=text, title="", published=TUESDAY), gazetteer)
    assert ("karm-al-jabal", "government", "percent") in [
        (c.place_id, c.controller, c.claim_type) for c in found
    ]
    far = (
        "Loyalist units pushed into the Karm al-Jabal workshops at dawn. Shelling went on. Aid was blocked. "
        "Families fled. By dusk they had seized most of the workshops."
    )
    later = read_claims(Article(text=far, title="", published=TUESDAY), gazetteer)
    assert not any(c.claim_type == "percent" for c in later)


def test_a_clause_beside_a_count_gives_its_share_a_number() -> None:
    text = "Only four districts of west Mosul remain in ISIS hands, accounting for six percent of the right bank."
    found = read_claims(Article(text=text, title="", published=TUESDAY), _mosul())
    assert [(c.place_id, c.controller, c.claim_type, c.percent) for c in found] == [
        ("west-mosul", "islamic-state", "percent", 6.0)
    ]
