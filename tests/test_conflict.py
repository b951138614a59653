"""Conflict files and the sides they give: every mistake is an error naming the file and row.

Why: a war is data an editor writes by hand; a typo in a side id or a colour must stop the load
with a message saying where, and a claim, correction or baseline row naming another war's side
must be refused or set aside with the reason, never crash the map.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from geo.core import CONFLICTS_DIR, Claim, GazetteerError, StoreError
from geo.gazetteer import Gazetteer, load_baseline, load_conflict
from geo.timeline import ControlTimeline
from tests import small_town
from tests.conftest import ALEPPO

GOOD = {
    "id": "test-war",
    "name": "A test war",
    "sides": [
        {"id": "reds", "label": "Reds", "colour": "#D55E00", "description": "one"},
        {"id": "blues", "label": "Blues", "colour": "#0072B2", "description": "two"},
    ],
    "opposes": [["reds", "blues"]],
}


def write_conflict(
    folder: Path, data: dict | str = GOOD, actors: str | None = '{"side": "reds", "phrase": "red army"}\n'
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "conflict.json").write_text(
        data if isinstance(data, str) else json.dumps(data), encoding="utf-8"
    )
    if actors is not None:
        (folder / "actors.jsonl").write_text(actors, encoding="utf-8")
    return folder


def changed(**changes) -> dict:
    return {**GOOD, **changes}


def test_a_good_conflict_loads_with_its_sides_in_order(tmp_path):
    war = load_conflict(write_conflict(tmp_path / "w"))
    assert war.side_ids == ("reds", "blues") and war.controllers == ("reds", "blues", "contested")
    assert war.map_controllers[-2:] == ("contested", "unknown")
    assert (
        war.label("blues") == "Blues" and war.label("unknown") == "Not established" and war.label("x") == "x"
    )
    assert war.colour("reds") == "#D55E00" and war.colour("nobody") == war.colour("unknown")
    assert war.opponent("reds") == "blues" and war.opponent("blues") == "reds"


@pytest.mark.parametrize(
    "data,problem",
    [
        (
            changed(opposes=[["reds", "greens"]]),
            'opposes pair 1 (["reds", "greens"]): \'greens\' is not a side',
        ),
        (changed(opposes=[["reds", "reds"]]), "cannot oppose itself"),
        (
            changed(sides=[*GOOD["sides"][:1], {**GOOD["sides"][1], "colour": "#123456"}]),
            "colour '#123456' is not one of the colour-blind safe",
        ),
        (
            changed(sides=[*GOOD["sides"][:1], {**GOOD["sides"][1], "colour": "#D55E00"}]),
            "colour #D55E00 is already 'reds''s",
        ),
        (
            changed(sides=[*GOOD["sides"][:1], {**GOOD["sides"][1], "colour": "#E69F00"}]),
            "is not one of",
        ),  # contested's orange
        (changed(sides=[GOOD["sides"][0], GOOD["sides"][0]]), "side 2 ('reds'): duplicate id"),
        (changed(sides=[{**GOOD["sides"][0], "id": "contested"}]), "'contested' is reserved"),
        (changed(sides=[{**GOOD["sides"][0], "id": "Red Army"}]), "lower-case letters"),
        (changed(sides=[{**GOOD["sides"][0], "label": ""}]), "needs a label"),
        (
            changed(
                sides=[
                    {"id": f"s{i}", "label": "x", "colour": c}
                    for i, c in enumerate(
                        ["#D55E00", "#009E73", "#F0E442", "#2B2B2B", "#0072B2", "#CC79A7", "#56B4E9"]
                    )
                ]
            ),
            "at most 6",
        ),
        (changed(sides=[]), 'needs "sides"'),
        ("{not json", "not valid JSON"),
    ],
)
def test_a_bad_conflict_file_is_named_with_what_is_wrong(tmp_path, data, problem):
    folder = write_conflict(tmp_path / "w", data)
    with pytest.raises(GazetteerError) as caught:
        load_conflict(folder)
    assert str(folder / "conflict.json") in caught.value.message and problem in caught.value.message


def test_a_conflict_lists_its_offensives_with_their_days(tmp_path):
    """ "The 30th day of the push" is counted from an offensive's start, so the file holds them."""
    offensives = [
        {"name": "Spring push", "start": "2031-04-02"},
        {"name": "Harbour siege", "start": "2031-09-10", "end": "2031-11-30"},
    ]
    war = load_conflict(write_conflict(tmp_path / "w", changed(offensives=offensives)))
    assert [(o.name, o.start, o.end) for o in war.offensives] == [
        ("Spring push", date(2031, 4, 2), None),
        ("Harbour siege", date(2031, 9, 10), date(2031, 11, 30)),
    ]
    assert load_conflict(write_conflict(tmp_path / "v")).offensives == ()


def test_the_bundled_wars_list_their_offensives():
    assert [o.start for o in load_conflict(CONFLICTS_DIR / "iraq-isis").offensives] == [date(2016, 10, 17)]
    assert [o.start for o in load_conflict(CONFLICTS_DIR / "syria").offensives] == [date(2016, 11, 15)]


@pytest.mark.parametrize(
    "offensives,problem",
    [
        ({"name": "Spring push"}, '"offensives" is not a list'),
        (["Spring push"], "offensive 1: not an object"),
        ([{"start": "2031-04-02"}], "offensive 1: needs a name"),
        ([{"name": "Spring push"}], "offensive 1 ('Spring push'): needs a start date"),
        ([{"name": "Spring push", "start": "2031-13-02"}], "start: '2031-13-02' is not a real calendar date"),
        ([{"name": "Spring push", "start": "2 April 2031"}], "is not a date in the form YYYY-MM-DD"),
        ([{"name": "Spring push", "start": "2031-04-02", "end": 2031}], "needs an end date"),
        ([{"name": "Spring push", "start": "2031-04-02", "end": "2031-02-30"}], "end: '2031-02-30'"),
        (
            [{"name": "Spring push", "start": "2031-04-02", "end": "2031-03-01"}],
            "end 2031-03-01 is before start",
        ),
        ([{"name": "Spring push", "start": "2031-04-02", "began": "x"}], "unknown key(s) began"),
        (
            [{"name": "Spring push", "start": "2031-04-02"}, {"name": "Spring push", "start": "2031-05-02"}],
            "offensive 2 ('Spring push'): listed twice",
        ),
    ],
)
def test_a_bad_offensive_is_named_with_what_is_wrong(tmp_path, offensives, problem):
    folder = write_conflict(tmp_path / "w", changed(offensives=offensives))
    with pytest.raises(GazetteerError) as caught:
        load_conflict(folder)
    assert str(folder / "conflict.json") in caught.value.message and problem in caught.value.message


def test_missing_files_and_bad_actor_rows_are_named(tmp_path):
    with pytest.raises(GazetteerError, match="conflict.json: file not found"):
        load_conflict(tmp_path / "nowhere")
    with pytest.raises(GazetteerError, match="actors.jsonl: file not found"):
        load_conflict(write_conflict(tmp_path / "a", actors=None))
    bad = '{"side": "reds", "phrase": "red army"}\n{"side": "greens", "phrase": "green men"}\n'
    with pytest.raises(GazetteerError) as caught:
        load_conflict(write_conflict(tmp_path / "b", actors=bad))
    assert "actors.jsonl, row 2: side 'greens' is not one of reds, blues, none" in caught.value.message


def city(tmp_path: Path, **meta) -> Path:
    """A copy of the Aleppo folder (no demo), with gazetteer.json changed."""
    folder = tmp_path / "city"
    shutil.copytree(ALEPPO, folder, ignore=shutil.ignore_patterns("demo"))
    data = {**json.loads((folder / "gazetteer.json").read_text(encoding="utf-8")), **meta}
    (folder / "gazetteer.json").write_text(
        json.dumps({k: v for k, v in data.items() if v is not None}), encoding="utf-8"
    )
    return folder


def test_a_gazetteer_must_name_a_conflict_that_exists(tmp_path):
    with pytest.raises(GazetteerError) as caught:
        Gazetteer.load(city(tmp_path, conflict=None))
    assert "gazetteer.json" in caught.value.message and 'names no "conflict"' in caught.value.message
    with pytest.raises(GazetteerError, match="no-such-war.conflict.json: file not found"):
        Gazetteer.load(city(tmp_path / "2", conflict="no-such-war"))


def test_cities_of_one_war_share_its_conflict_and_a_folder_may_carry_its_own(tmp_path):
    shared = write_conflict(tmp_path / "conflicts" / "test-war")
    folder = city(tmp_path, conflict="test-war")  # found beside the gazetteer folder
    (folder / "baseline.csv").unlink()
    gazetteer = Gazetteer.load(folder)
    assert gazetteer.war == load_conflict(shared) and gazetteer.actors_file == shared / "actors.jsonl"
    assert Gazetteer.load(ALEPPO).war == load_conflict(CONFLICTS_DIR / "syria")
    (folder / "actors.jsonl").write_text('{"side": "greens", "phrase": "green men"}\n', encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"city/actors.jsonl, row 1: side 'greens'"):
        Gazetteer.load(folder)


def test_a_baseline_row_with_another_wars_side_is_named(tmp_path):
    folder = city(tmp_path, conflict="iraq-isis")  # Aleppo's baseline has opposition-held places
    with pytest.raises(GazetteerError) as caught:
        load_baseline(Gazetteer.load(folder))
    message = caught.value.message
    assert (
        "baseline.csv, row " in message
        and "controller 'opposition' is not one of government, kurdish" in message
    )


def test_a_place_needs_both_coordinates_or_neither(tmp_path):
    folder = city(tmp_path)
    rows = (folder / "places.csv").read_text(encoding="utf-8").splitlines()
    head, first, *rest = rows
    cells = first.split(",")
    cells[4] = ""  # lon gone, lat kept
    (folder / "places.csv").write_text("\n".join([head, ",".join(cells), *rest]) + "\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"places.csv, row 2: lat and lon go together"):
        Gazetteer.load(folder)


def test_a_stored_claim_of_another_war_is_set_aside_with_the_reason():
    claims = small_town.claims()
    stray = Claim(**{**claims[0].__dict__, "controller": "islamic-state-of-nowhere", "start": 1})
    timeline = ControlTimeline.build(small_town.town(), small_town.baseline(), [*claims, stray])
    assert timeline.unplaced[stray.key].startswith(
        "controller 'islamic-state-of-nowhere' is not a side of Syrian civil war"
    )
    assert len(timeline.changes) == len(small_town.timeline().changes)


def test_a_correction_to_another_wars_side_is_refused(tmp_path):
    from geo.store import Store, ingest

    store = Store(tmp_path / "s.db")
    gazetteer = small_town.town()
    ingest(store, small_town.articles()[:1], gazetteer, extract=lambda article, g: small_town.claims()[:1])
    key = next(iter(store.claims()))
    with pytest.raises(StoreError, match="controller 'peshmerga' is not one of government, opposition"):
        store.decide(key, "corrected", controller="peshmerga", gazetteer=gazetteer)
    with pytest.raises(StoreError, match="give the gazetteer"):
        store.decide(key, "corrected", controller="government")
    assert (
        store.decide(key, "corrected", controller="opposition", gazetteer=gazetteer).controller
        == "opposition"
    )
    store.close()
