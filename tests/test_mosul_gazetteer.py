"""The Mosul gazetteer folder (data/mosul) and the conflict files it points to.

Why: Mosul is the second city, and the first where most places have no sourced coordinate. The
folder must hold every name the reference facts know, never give a place a position no source
gave, and agree with itself (regions, baseline, boundaries). The folder is read by the project's
own loader, which takes a place without a coordinate as one it will never draw.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from functools import lru_cache
from math import cos, hypot, radians
from pathlib import Path

import pytest

from geo.gazetteer import (
    AREA_KINDS,
    BASELINE_COLUMNS,
    PLACE_COLUMNS,
    REGION_COLUMNS,
    SIDE_COLOURS,
    Gazetteer,
    load_baseline,
    load_conflict,
    off_map,
    place_shapes,
)
from geo.read import load_articles
from tests.conftest import ROOT, shared_path

FOLDER = ROOT / "data" / "mosul"
CONFLICTS = ROOT / "data" / "conflicts"
#: The city's own point (Wikipedia infobox, 36°20′N 43°08′E): every sourced point lies near it.
CITY = (36.34, 43.13)
CITY_RADIUS_KM = 15.0


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


def _slug(name: str) -> str:
    """The id rule of the folder: the canonical name, lower case, apostrophes dropped, hyphenated."""
    return re.sub(r"[^a-z0-9]+", "-", name.casefold().replace("'", "")).strip("-")


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance on a flat local approximation: ample for "is this point near the city"."""
    return hypot((lat1 - lat2) * 111.2, (lon1 - lon2) * 111.2 * cos(radians((lat1 + lat2) / 2)))


@lru_cache(maxsize=1)
def _gazetteer() -> Gazetteer:
    """The folder through the project's loader."""
    return Gazetteer.load(FOLDER)


def _facts() -> list[dict[str, str]]:
    return _rows(shared_path("reference", "mosul-neighbourhood-facts.csv"))


def _resolves(gazetteer: Gazetteer, spelling: str, place_id: str) -> bool:
    """A spelling names the place: by lookup, or, for "the X" (lookup drops a leading "the"),
    where a sentence starts with it in running text."""
    found = gazetteer.lookup(spelling)
    if found.match is not None and found.match.id == place_id:
        return True
    if spelling.casefold().startswith("the "):
        sentence = f"{spelling[0].upper()}{spelling[1:]} was quiet."
        return any(m.place_id == place_id for m in gazetteer.find(sentence))
    return False


# -- the folder as the project loads it ------------------------------------------------------------
def test_folder_loads_with_the_project_loader():
    loaded = _gazetteer()
    assert loaded.name == "Mosul" and loaded.city_region == "mosul" and loaded.crs == "EPSG:32638"
    assert len(loaded.areas) == len(_rows(FOLDER / "places.csv"))
    assert {r.id for r in loaded.regions} == {"mosul", "east-mosul", "west-mosul", "old-city"}
    assert all((p.lat is None) == (p.lon is None) for p in loaded.areas)
    unlocated = {r["id"] for r in _rows(FOLDER / "places.csv") if not r["lat"]}
    assert unlocated and {p.id for p in loaded.unlocated} == unlocated
    assert loaded.war.id == "iraq-isis" and loaded.actors_file == CONFLICTS / "iraq-isis" / "actors.jsonl"


def test_only_places_with_a_position_or_a_boundary_are_drawn():
    loaded = _gazetteer()
    shapes = place_shapes(loaded)
    drawn = set(shapes["id"])
    boundary = {
        f["properties"]["id"] for f in json.loads((FOLDER / "boundaries.geojson").read_text())["features"]
    }
    assert drawn == {p.id for p in loaded.areas if p.located} | boundary
    assert (
        set(shapes.loc[shapes["approximate"], "id"]) == {p.id for p in loaded.areas if p.located} - boundary
    )
    assert {p.id for p in off_map(loaded, drawn)} == {p.id for p in loaded.unlocated} - boundary


def test_baseline_loads_with_the_project_loader():
    baseline = load_baseline(_gazetteer())
    assert baseline.start == date(2016, 10, 17)
    assert {e.controller for e in baseline.entries.values()} == {"islamic-state"}


def test_gazetteer_json_names_the_city_its_crs_start_and_conflict():
    meta = json.loads((FOLDER / "gazetteer.json").read_text(encoding="utf-8"))
    assert meta["name"] == "Mosul" and meta["city_region"] == "mosul"
    assert meta["crs"] == "EPSG:32638"  # UTM 38N, metric, covers 42–48°E
    assert date.fromisoformat(meta["baseline_date"]) == date(2016, 10, 17)
    assert "IQ" in meta["outside_countries"] and meta["about"]
    assert (CONFLICTS / meta["conflict"] / "conflict.json").is_file()


# -- places.csv -------------------------------------------------------------------------------------
def test_places_csv_columns_ids_kinds_and_coordinates():
    with (FOLDER / "places.csv").open(encoding="utf-8", newline="") as handle:
        assert tuple(csv.DictReader(handle).fieldnames or ()) == PLACE_COLUMNS
    rows = _rows(FOLDER / "places.csv")
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    for r in rows:
        assert r["id"] == _slug(r["name"]), r["name"]
        assert r["kind"] in AREA_KINDS
        assert bool(r["lat"]) == bool(r["lon"]), r["id"]
        if r["lat"]:
            assert r["coord_source"], f"{r['id']} has a coordinate but no source"
            assert _km(float(r["lat"]), float(r["lon"]), *CITY) < CITY_RADIUS_KM, r["id"]
        else:
            assert not r["coord_source"] and not r["area_km2"], f"{r['id']} has a source but no coordinate"


def test_no_place_gets_a_coordinate_no_source_gave():
    facts = {_slug(r["name"]): r for r in _facts()}
    found = {_slug(r["name"]): r for r in _rows(shared_path("reference", "mosul-coordinates-found.csv"))}
    for r in _rows(FOLDER / "places.csv"):
        sourced = [
            (float(s["lat"]), float(s["lon"]))
            for s in (facts.get(r["id"]), found.get(r["id"]))
            if s and s["lat"]
        ]
        if not r["lat"]:
            assert not sourced, f"{r['id']}: a source gives {sourced[0]}, but places.csv has none"
            continue
        point = (float(r["lat"]), float(r["lon"]))
        assert any(abs(point[0] - s[0]) < 1e-6 and abs(point[1] - s[1]) < 1e-6 for s in sourced), (
            f"{r['id']}: {point} is not a sourced coordinate {sourced}"
        )


def test_every_spelling_of_the_facts_resolves_to_its_place():
    gazetteer = _gazetteer()
    misses = []
    for row in _facts():
        for spelling in (row["name"], *_split(row["variants"]), row["arabic"]):
            if spelling and not _resolves(gazetteer, spelling, _slug(row["name"])):
                misses.append(f"{spelling!r} -> {gazetteer.lookup(spelling).as_dict()['match']}")
    assert not misses, misses
    assert len(gazetteer.local_ids) == len(_facts())


def test_gold_places_resolve_by_exact_name():
    gazetteer = _gazetteer()
    gold = _rows(shared_path("dev", "mosul", "gold.csv"))
    named = {r["place"] for r in gold if r["place"]}
    assert named
    for name in sorted(named):
        found = gazetteer.lookup(name)
        assert found.method == "name" and found.match is not None and not found.match.outside, name


# -- regions.csv ------------------------------------------------------------------------------------
def test_regions_follow_the_banks_and_cover_the_city():
    with (FOLDER / "regions.csv").open(encoding="utf-8", newline="") as handle:
        assert tuple(csv.DictReader(handle).fieldnames or ()) == REGION_COLUMNS
    gazetteer = _gazetteer()
    areas = {p.id for p in gazetteer.areas}
    east, west = set(gazetteer.members("east-mosul")), set(gazetteer.members("west-mosul"))
    assert set(gazetteer.members("mosul")) == areas
    assert not east & west and east | west == areas
    assert set(gazetteer.members("old-city")) <= west
    assert all(gazetteer.places[r].arabic for r in ("mosul", "east-mosul", "west-mosul", "old-city"))
    assert gazetteer.lookup("left bank").match.id == "east-mosul"
    assert gazetteer.lookup("right bank").match.id == "west-mosul"


def test_banks_are_the_facts_banks():
    gazetteer = _gazetteer()
    areas = {p.id for p in gazetteer.areas}
    bank = {_slug(r["name"]): r["bank"] for r in _facts()}
    assert set(gazetteer.members("east-mosul")) == {i for i, b in bank.items() if b == "left" and i in areas}
    assert set(gazetteer.members("west-mosul")) == {i for i, b in bank.items() if b == "right" and i in areas}


# -- baseline.csv -----------------------------------------------------------------------------------
def test_baseline_lists_every_place_once_with_a_side_of_the_conflict():
    with (FOLDER / "baseline.csv").open(encoding="utf-8", newline="") as handle:
        assert tuple(csv.DictReader(handle).fieldnames or ()) == BASELINE_COLUMNS
    meta = json.loads((FOLDER / "gazetteer.json").read_text(encoding="utf-8"))
    conflict = json.loads((CONFLICTS / meta["conflict"] / "conflict.json").read_text(encoding="utf-8"))
    sides = {s["id"] for s in conflict["sides"]} | {"contested", "unknown"}
    rows = _rows(FOLDER / "baseline.csv")
    areas = [p.id for p in _gazetteer().areas]
    assert sorted(r["place_id"] for r in rows) == sorted(areas)
    for r in rows:
        assert r["controller"] in sides, r
        assert r["as_of"] == meta["baseline_date"] and r["source"], r


def test_baseline_is_the_facts_control_before_the_offensive():
    facts = {_slug(r["name"]): r["control_before_2016_10_17"] for r in _facts()}
    for r in _rows(FOLDER / "baseline.csv"):
        assert r["controller"] == facts[r["place_id"]], r["place_id"]


# -- boundaries.geojson -----------------------------------------------------------------------------
def test_boundaries_are_keyed_to_places_and_credited():
    from shapely.geometry import shape

    collection = json.loads((FOLDER / "boundaries.geojson").read_text(encoding="utf-8"))
    assert collection["credit"] == "Data from Who's On First" and "CC0" in collection["licence"]
    sources = (FOLDER / "SOURCES.md").read_text(encoding="utf-8")
    assert "Data from Who's On First" in sources and "CC0" in sources
    gazetteer = _gazetteer()
    assert collection["features"]
    for feature in collection["features"]:
        place = gazetteer.places[feature["properties"]["id"]]
        assert place.is_area and feature["properties"]["name"] == place.name
        polygon = shape(feature["geometry"])
        assert polygon.is_valid and polygon.geom_type in ("Polygon", "MultiPolygon")
        if place.coord_source.startswith("centroid"):
            centroid = polygon.centroid
            assert _km(centroid.y, centroid.x, place.lat, place.lon) < 0.05, place.id


def test_boundaries_are_what_the_derive_script_makes():
    import importlib.util

    reference = shared_path("reference")
    spec = importlib.util.spec_from_file_location("derive_boundaries", FOLDER / "derive_boundaries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    collection, skipped = module.derive(reference)
    assert collection == json.loads((FOLDER / "boundaries.geojson").read_text(encoding="utf-8"))
    assert any("region 'mosul'" in line for line in skipped)


# -- conflicts --------------------------------------------------------------------------------------
@pytest.mark.parametrize("conflict_id", ["syria", "iraq-isis"])
def test_conflict_files_are_well_formed(conflict_id):
    conflict = json.loads((CONFLICTS / conflict_id / "conflict.json").read_text(encoding="utf-8"))
    assert conflict["id"] == conflict_id and conflict["name"]
    ids = [s["id"] for s in conflict["sides"]]
    assert len(ids) == len(set(ids)) and "islamic-state" in ids and "isis" not in ids
    for side in conflict["sides"]:
        assert (
            {"id", "label", "colour", "description"}
            <= set(side)
            <= {"id", "label", "colour", "description", "state"}
        )
        assert side["colour"] in SIDE_COLOURS and side["label"] and side["description"]
    loaded = load_conflict(CONFLICTS / conflict_id)
    assert loaded.side_ids == tuple(ids) and [s.id for s in loaded.sides if s.state] == ["government"]
    for pair in conflict["opposes"]:
        assert len(pair) == 2 and pair[0] != pair[1] and set(pair) <= set(ids)
    seen = set()
    lines = (CONFLICTS / conflict_id / "actors.jsonl").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        row = json.loads(line)
        assert set(row) <= {"side", "phrase", "case_sensitive"} and row["phrase"], number
        assert row["side"] in (*ids, "none"), (number, row)
        key = row["phrase"] if row.get("case_sensitive") else row["phrase"].casefold()
        assert key not in seen, (number, row)
        seen.add(key)


def test_the_reader_takes_actors_from_the_conflict_not_a_shared_lexicon():
    assert not (ROOT / "data" / "lexicon" / "actors.jsonl").exists()
    aleppo = Gazetteer.load(ROOT / "data" / "aleppo")
    assert aleppo.war.id == "syria" and aleppo.actors_file == CONFLICTS / "syria" / "actors.jsonl"


def test_every_iraqi_force_is_government():
    sides = {}
    for line in (CONFLICTS / "iraq-isis" / "actors.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        sides[row["phrase"]] = row["side"]
    for phrase in (
        "Iraqi forces",
        "Counter-Terrorism Service",
        "Golden Division",
        "federal police",
        "Rapid Response",
        "Popular Mobilisation Forces",
        "Hashd",
    ):
        assert sides[phrase] == "government", phrase
    assert sides["Peshmerga"] == "kurdish"
    for phrase in ("Islamic State", "ISIS", "ISIL", "IS", "Daesh", "the jihadists", "militant", "fighters"):
        assert sides[phrase] == "islamic-state", phrase


# -- demo dispatches --------------------------------------------------------------------------------
def _demo_files() -> list[Path]:
    return sorted(p for p in (FOLDER / "demo").glob("*.md") if p.name.lower() != "readme.md")


def test_demo_dispatches_are_labelled_dated_and_name_known_places():
    files = _demo_files()
    assert 8 <= len(files) <= 12
    gazetteer = _gazetteer()
    for article in load_articles(files):
        assert not isinstance(article, Exception), article
        assert article.title and article.source.startswith("Demo dispatch"), article.path
        assert date(2016, 10, 17) <= article.published <= date(2017, 7, 31), article.path
        local = [m for m in gazetteer.find(article.text) if m.place_id in gazetteer.local_ids]
        assert local, f"{article.path} names no place of the gazetteer"
        assert all(m.place_id for m in gazetteer.find(article.text)), article.path


def test_demo_shares_no_run_of_words_with_the_dev_corpus():
    run = 8

    def grams(text: str) -> set[tuple[str, ...]]:
        toks = re.findall(r"[\w'-]+", text.casefold())
        return {tuple(toks[i : i + run]) for i in range(len(toks) - run + 1)}

    dev = set()
    for path in shared_path("dev", "mosul", "articles").glob("*.txt"):
        dev |= grams(path.read_text(encoding="utf-8"))
    for path in _demo_files():
        shared = grams(path.read_text(encoding="utf-8")) & dev
        assert not shared, (path.name, sorted(shared)[:3])
