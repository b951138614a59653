"""The timeline rules, each on a small made-up town whose claims are written by hand."""

from dataclasses import replace
from datetime import date
from itertools import count

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.core import Claim, GazetteerError
from geo.gazetteer import Baseline, BaselineEntry, Gazetteer, Place, load_baseline, read_baseline
from geo.timeline import ControlTimeline, Decision
from tests import small_town

START = date(2016, 11, 15)
_offsets = count()


def town() -> Gazetteer:
    """Four neighbourhoods; 'east' is three of them, 'old' two of those; 'town' is all four."""
    areas = {i: Place(i, i.title(), "neighbourhood", 36.0, 37.0) for i in ("north", "south", "mill", "west")}
    regions = {
        "east": Place("east", "East", "region", members=("north", "south", "mill")),
        "old": Place("old", "Old Quarter", "region", members=("south", "mill")),
        "town": Place("town", "Town", "city", members=tuple(areas)),
        "faraway": Place("faraway", "Faraway", "city", outside=True),
    }
    return Gazetteer("Town", {**areas, **regions}, city_region="town", conflict=small_town.CONFLICT)


AREAS = {"north": 2.0, "south": 1.0, "mill": 1.0, "west": 4.0}


def baseline(**controllers: str) -> Baseline:
    held = {
        "north": "opposition",
        "south": "opposition",
        "mill": "opposition",
        "west": "government",
        **controllers,
    }
    return Baseline({p: BaselineEntry(p, c, START, "made up") for p, c in held.items()}, START)


def claim(place_id, controller, day, *, type="captured", article="a1", **fields) -> Claim:
    """A claim as the extractor would give it, at a fresh sentence offset so each key is new."""
    start = next(_offsets) * 100
    when = date(2016, 12, day) if isinstance(day, int) else day
    return Claim(
        article=article,
        sentence=f"sentence about {place_id}",
        start=start,
        end=start + 50,
        place_as_written=fields.pop("written", place_id or "Nowhere"),
        place_id=place_id,
        place=place_id or "",
        controller=controller,
        claim_type=type,
        date_from=when,
        date_to=when,
        confidence=fields.pop("confidence", 0.8),
        **fields,
    )


def build(claims, decisions=None, show_proposed=True, **held):
    return ControlTimeline.build(town(), baseline(**held), claims, decisions, show_proposed, areas=AREAS)


def controllers(timeline, day):
    return {p: s.controller for p, s in timeline.state_on(date(2016, 12, day)).items()}


def test_a_region_claim_changes_every_member_and_nothing_else():
    east = claim("east", "government", 7)
    timeline = build([east])
    assert controllers(timeline, 7) == {
        "north": "government",
        "south": "government",
        "mill": "government",
        "west": "government",
    }
    assert controllers(timeline, 6)["north"] == "opposition"
    changes = timeline.changes_on(date(2016, 12, 7))
    assert {c.place_id for c in changes} == {"north", "south", "mill"}
    assert all(c.claim_keys == (east.key,) and c.before == "opposition" for c in changes)
    assert timeline.dates == [date(2016, 12, 7)]


def test_a_later_member_claim_wins_over_an_earlier_region_claim():
    timeline = build([claim("east", "government", 7), claim("mill", "opposition", 9, article="a2")])
    assert controllers(timeline, 8)["mill"] == "government"
    assert controllers(timeline, 9) == {**controllers(timeline, 8), "mill": "opposition"}


@pytest.mark.parametrize("member_first", [True, False])
def test_on_the_same_day_the_member_claim_beats_the_region_claim(member_first):
    member, region = claim("mill", "opposition", 7, article="a2"), claim("east", "government", 7)
    timeline = build([member, region] if member_first else [region, member])
    state = timeline.state_on(date(2016, 12, 7))
    assert (
        state["mill"].controller == "opposition" and state["mill"].claim_keys == ()
    )  # no change from baseline
    assert state["north"].controller == "government"
    # The more specific region beats the wider one too.
    timeline = build([claim("old", "government", 7), claim("town", "opposition", 7, article="a3")])
    assert controllers(timeline, 7) == {
        "north": "opposition",
        "south": "government",
        "mill": "government",
        "west": "opposition",
    }


def test_a_partial_claim_contests_a_place_instead_of_flipping_it():
    facility = claim("mill", "government", 7, partial=True, written="a facility in Mill")
    timeline = build([facility])
    assert controllers(timeline, 7)["mill"] == "contested"
    assert timeline.history("mill")[-1].claim_keys == (facility.key,)
    # "At least half of Mill" is a share of the place: partial too.
    half = claim("mill", "government", 7, percent=50.0)
    assert controllers(build([half]), 7)["mill"] == "contested"
    # Pockets held by the side that already holds the place change nothing.
    assert build([claim("mill", "opposition", 7, partial=True, type="holds")]).dates == []
    # "Rebels hold a third of Mill": a percent claim about one place is a share of it too.
    third = claim("mill", "opposition", 7, type="percent", percent=33.0)
    assert controllers(build([third], mill="government"), 7)["mill"] == "contested"
    assert build([third], mill="government").percent_checks() == []


def test_a_share_of_a_region_repaints_no_member_and_is_checked_against_the_map():
    north = claim("north", "government", 6)
    most = claim("east", "government", 8, partial=True, written="East", cue="took")
    most = replace(
        most,
        sentence="Troops took most of East on Tuesday.",
        cue_start=most.start + 7,
        cue_end=most.start + 11,
        place_start=most.start + 20,
        place_end=most.start + 24,
    )
    share = claim("east", "government", 9, percent=85.0, article="a2")  # "took 85 percent of the east"
    timeline = build([north, most, share], mill="kurdish")
    assert timeline.dates == [date(2016, 12, 6)]
    assert (
        controllers(timeline, 9) == {**controllers(timeline, 6)}
        and controllers(timeline, 9)["mill"] == "kurdish"
    )
    first, second = timeline.percent_checks()
    # north is 2 of the east's 4 km²: the map shows 50% government
    assert (first.claim_key, first.claimed, first.wording, first.on_map) == (most.key, None, "most of", 50.0)
    assert first.claimed_text == "“most of”" and first.difference is None
    assert (second.claim_key, second.claimed, second.claimed_text, second.difference) == (
        share.key,
        85.0,
        "85%",
        -35.0,
    )
    assert [c.claim_key for c in timeline.percent_checks(date(2016, 12, 7), date(2016, 12, 8))] == [most.key]
    assert timeline.is_region_share(most.key) and not timeline.is_region_share(north.key)
    assert "checked against the map" in timeline.unplaced[most.key]
    assert most in timeline.claims_to_review()


def test_an_editor_can_apply_a_share_of_a_region_to_every_member():
    most = claim("east", "government", 8, partial=True)
    timeline = build([most], {most.key: Decision(most.key, "applied")}, mill="kurdish")
    assert controllers(timeline, 8) == {
        "north": "government",
        "south": "government",
        "mill": "government",
        "west": "government",
    }
    assert {c.place_id: c.status for c in timeline.changes} == {
        "north": "accepted",
        "south": "accepted",
        "mill": "accepted",
    }
    assert timeline.percent_checks() == [] and timeline.review[most.key] == "applied"
    # Applied claims count as reviewed when unreviewed ones are hidden.
    hidden = build([most], {most.key: Decision(most.key, "applied")}, show_proposed=False)
    assert controllers(hidden, 8)["north"] == "government"


def test_a_reopened_claim_is_unreviewed_again():
    took = claim("north", "government", 7)
    timeline = build([took], {took.key: Decision(took.key, "reopened")}, show_proposed=False)
    assert timeline.review[took.key] == "proposed" and timeline.unreviewed == 1
    assert controllers(timeline, 7)["north"] == "opposition" and not timeline.show_proposed


def test_sources_that_disagree_within_two_days_make_a_place_contested_citing_both():
    took = claim("north", "government", 7, article="a1")
    holds = claim("north", "opposition", 8, article="a2", type="holds")
    timeline = build([took, holds])
    assert controllers(timeline, 7)["north"] == "government"
    state = timeline.state_on(date(2016, 12, 8))["north"]
    assert state.controller == "contested" and set(state.claim_keys) == {took.key, holds.key}
    # Another attribution in the same article is another source too.
    said = claim("north", "opposition", 8, article="a1", attribution="rebel spokesmen", type="holds")
    assert controllers(build([took, said]), 8)["north"] == "contested"


def test_one_source_telling_a_sequence_or_reports_days_apart_are_not_a_disagreement():
    lost, retaken = claim("north", "government", 7), claim("north", "opposition", 8)
    assert controllers(build([lost, retaken]), 8)["north"] == "opposition"
    later = claim("north", "opposition", 12, article="a2")
    assert controllers(build([lost, later]), 12)["north"] == "opposition"


def test_a_denial_marks_the_claim_it_answers_disputed():
    took = claim("south", "government", 7)
    denial = claim("south", "opposition", 8, type="denied", article="a2", disputes=took.key)
    timeline = build([took, denial])
    assert timeline.disputed_by == {took.key: (denial.key,)}
    assert timeline.state_on(date(2016, 12, 8))["south"].status == "disputed"
    assert timeline.changes_on(date(2016, 12, 7))[0].status == "disputed"
    assert timeline.claims_to_review("disputed") == [took]
    # The map still shows what the claim says; the denial itself changes nothing.
    assert controllers(timeline, 8)["south"] == "government"


def test_a_denial_that_only_describes_its_claim_answers_the_latest_claim_about_that_place():
    old, recent = claim("south", "government", 5, article="a1"), claim("south", "government", 7, article="a3")
    later = claim("south", "kurdish", 9, article="a4")
    denial = claim("south", "government", 8, type="denied", article="a2", disputes="captured:government")
    assert build([old, recent, later, denial]).disputed_by == {recent.key: (denial.key,)}
    rejected = Decision(denial.key, "rejected")
    assert build([old, recent, denial], {denial.key: rejected}).disputed_by == {}
    # The side the description names wins over a more recent claim for another side.
    other = claim("south", "kurdish", 7, article="a5")
    assert build([old, other, denial]).disputed_by == {old.key: (denial.key,)}
    # A denial in the article that made the claim answers it too.
    same = claim("north", "government", 7, article="a6")
    answer = claim("north", "government", 7, type="denied", article="a6", disputes="captured:government")
    assert build([same, answer]).disputed_by == {same.key: (answer.key,)}


def test_claims_with_no_date_or_outside_the_span_are_listed_not_placed():
    undated = Claim("a1", "s", 1, 2, "North", "north", "North", "government", "captured")
    old = claim("east", "opposition", date(2012, 6, 1), type="holds")
    timeline = build([undated, old])
    assert timeline.dates == []
    assert timeline.unplaced[undated.key] == "no date"
    assert "before the baseline" in timeline.unplaced[old.key]
    assert timeline.claims_to_review("no-date") == [undated]
    # The 2012 claim flips nothing in 2016 (west stays government), and before the baseline nothing is known.
    assert controllers(timeline, 1)["west"] == "government"
    assert {s.controller for s in timeline.state_on(date(2012, 6, 1)).values()} == {"unknown"}


def test_unresolved_and_outside_places_are_listed_for_review():
    nowhere = claim(None, "government", 7, written="Qwerty")
    outside = claim("faraway", "government", 7)
    timeline = build([nowhere, outside])
    assert timeline.unplaced == {nowhere.key: "place not resolved", outside.key: "Faraway is outside the map"}
    assert timeline.claims_to_review("unresolved") == [nowhere]


def test_percent_claims_are_checked_against_the_map_not_applied():
    north = claim("north", "government", 6)
    share = claim("east", "government", 8, type="percent", percent=85.0, article="a2")
    timeline = build([north, share])
    assert timeline.dates == [date(2016, 12, 6)]
    (check,) = timeline.percent_checks(date(2016, 12, 8))
    # north is 2 of the east's 4 km²
    assert (check.claim_key, check.claimed, check.on_map, check.place_id) == (share.key, 85.0, 50.0, "east")
    assert check.difference == pytest.approx(-35.0)
    assert timeline.percent_checks(date(2016, 12, 7)) == []
    assert timeline.share("town", date(2016, 12, 8)) == {"government": 0.75, "opposition": 0.25}


def test_editors_decisions_reject_correct_and_accept():
    took, other = claim("north", "government", 7), claim("south", "government", 7)
    fix = Decision(other.key, "corrected", controller="kurdish", date_from=date(2016, 12, 9))
    timeline = build([took, other], {took.key: Decision(took.key, "rejected"), other.key: fix})
    assert (
        controllers(timeline, 8)["north"] == "opposition"
        and controllers(timeline, 8)["south"] == "opposition"
    )
    assert controllers(timeline, 9)["south"] == "kurdish"
    assert timeline.review == {took.key: "rejected", other.key: "corrected"}
    assert timeline.changes_on(date(2016, 12, 9))[0].status == "accepted"


def test_proposed_claims_show_marked_unless_the_setting_hides_them():
    took, ok = claim("north", "government", 7), claim("south", "government", 7)
    decisions = {ok.key: Decision(ok.key, "accepted")}
    shown = build([took, ok], decisions)
    assert {c.place_id: c.status for c in shown.changes} == {"north": "proposed", "south": "accepted"}
    hidden = build([took, ok], decisions, show_proposed=False)
    assert [c.place_id for c in hidden.changes] == ["south"]
    assert "not reviewed" in hidden.unplaced[took.key]


def test_orphaned_decisions_do_not_apply():
    took = claim("north", "government", 7)
    timeline = build([took], {took.key: Decision(took.key, "rejected", orphaned=True)})
    assert controllers(timeline, 7)["north"] == "government" and timeline.review[took.key] == "proposed"


def test_history_lists_every_controller_from_the_baseline_on():
    first, second = claim("north", "government", 3), claim("north", "kurdish", 10)
    history = build([second, first]).history("north")
    assert [(s.controller, s.since) for s in history] == [
        ("opposition", START),
        ("government", date(2016, 12, 3)),
        ("kurdish", date(2016, 12, 10)),
    ]
    assert history[0].status == "baseline" and history[1].claim_keys == (first.key,)


SIDES = st.sampled_from(["government", "opposition", "kurdish"])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["north", "south", "mill", "west", "east", "old", "town"]),
            SIDES,
            st.integers(1, 28),
        ),
        max_size=12,
    )
)
def test_with_one_source_each_place_ends_with_its_latest_most_specific_claim(reports):
    claims = [claim(p, side, day) for p, side, day in reports]
    timeline = build(claims)
    gazetteer = town()
    for place_id, state in timeline.state_on(date(2016, 12, 31)).items():
        about = [
            (c.date_to, -len(gazetteer.members(c.place_id)), i, c.controller)
            for i, c in enumerate(claims)
            if place_id in gazetteer.members(c.place_id)
        ]
        expected = max(about)[3] if about else baseline().entry(place_id).controller
        assert state.controller == expected


# -- the baseline file -------------------------------------------------------------------------------
def test_the_bundled_baseline_covers_every_map_place_of_its_gazetteer(gazetteer):
    base = load_baseline(gazetteer)
    assert base.start == date(2016, 11, 15)
    assert set(base.entries) <= {p.id for p in gazetteer.areas}
    assert base.entry("al-shaar").controller == "opposition"


@pytest.mark.parametrize(
    "row,problem",
    [
        ("nowhere,government,2016-11-15,x", "'nowhere' is not a map place"),
        ("north,blue,2016-11-15,x", "controller 'blue'"),
        ("north,government,15/11/2016,x", "as_of '15/11/2016' is not a date"),
        ("east,government,2016-11-15,x", "'east' is not a map place"),
    ],
)
def test_a_bad_baseline_row_names_the_file_and_row(tmp_path, row, problem):
    path = tmp_path / "baseline.csv"
    path.write_text(
        f"place_id,controller,as_of,source\nsouth,opposition,2016-11-15,x\n{row}\n", encoding="utf-8"
    )
    with pytest.raises(GazetteerError) as caught:
        read_baseline(path, town())
    assert problem in caught.value.message and "baseline.csv, row 3" in caught.value.message


def test_places_the_baseline_does_not_list_are_unknown(tmp_path):
    path = tmp_path / "baseline.csv"
    path.write_text("place_id,controller,as_of,source\nsouth,opposition,2016-11-15,x\n", encoding="utf-8")
    base = read_baseline(path, town())
    assert base.start == START and base.entry("north").controller == "unknown"
    timeline = ControlTimeline.build(town(), base, [], areas=AREAS)
    assert timeline.state_on(START)["north"].controller == "unknown"


def test_a_holds_claim_said_in_passing_confirms_but_never_changes_the_map():
    """ "Rebel-held east" in a later report must not undo a dated capture, nor contest it."""
    took = claim("mill", "government", 7)
    passing = claim("east", "opposition", 9, type="holds", article="a2", flags=("background",))
    agreeing = claim("west", "government", 9, type="holds", article="a2", flags=("background",))
    timeline = build([took, passing, agreeing])
    state = timeline.state_on(date(2016, 12, 9))
    assert state["mill"].controller == "government" and state["mill"].claim_keys == (took.key,)
    assert state["north"].controller == "opposition"
    assert timeline.dates == [date(2016, 12, 7)]
