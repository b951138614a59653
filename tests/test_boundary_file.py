"""A gazetteer's own boundary file: written by the shapes command, then used by default."""

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely

from geo.cli import main
from geo.gazetteer import BOUNDARIES_FILE, iou, place_shapes, read_boundaries, round_coverage, simplify_shapes
from tests.conftest import shared_path

FIXTURES = Path(__file__).parent / "fixtures" / "boundaries"
#: The command that derives data/aleppo/boundaries.geojson (README, data/aleppo/SOURCES.md).
SIMPLIFY_M = "8"


def csr_path() -> Path:
    return shared_path("reference", "csr-aleppo", "Neighborhoods.geojson")


@pytest.fixture(scope="module")
def shipped(gazetteer):
    path = gazetteer.folder / BOUNDARIES_FILE
    if not path.is_file():
        pytest.fail(f"{path} is missing: the gazetteer folder should ship its boundary file")
    return path, json.loads(path.read_text(encoding="utf-8"))


def test_the_shipped_file_keys_each_polygon_on_a_place_id(gazetteer, shipped):
    _, data = shipped
    ids = [f["properties"]["id"] for f in data["features"]]
    assert len(ids) == len(set(ids)) >= 110  # duplicates merged: one feature per place
    for feature in data["features"]:
        assert set(feature["properties"]) == {"id", "name"}
        place = gazetteer.places[feature["properties"]["id"]]
        assert place.is_area and feature["properties"]["name"] == place.name
    coords = np.concatenate(
        [shapely.get_coordinates(shapely.geometry.shape(f["geometry"])) for f in data["features"]]
    )
    assert np.allclose(coords, np.round(coords, 5), rtol=0, atol=1e-12)  # rounded to 5 decimals


def test_the_shipped_polygons_form_a_clean_coverage(gazetteer, shipped):
    path, _ = shipped
    real = gpd.read_file(path)
    assert real.geometry.is_valid.all() and not real.geometry.is_empty.any()
    assert bool(shapely.coverage_is_valid(real.to_crs(gazetteer.crs).geometry.values))


def test_the_folder_uses_its_boundary_file_by_default(gazetteer, shipped):
    _, data = shipped
    shapes = place_shapes(gazetteer)
    in_file = {f["properties"]["id"] for f in data["features"]}
    assert set(shapes.loc[~shapes["approximate"], "id"]) == in_file
    # Places the file does not name keep an approximate cell, flagged as such.
    rest = shapes.loc[shapes["approximate"]]
    assert set(rest["id"]) == {p.id for p in gazetteer.areas if p.located} - in_file
    assert rest.geometry.is_valid.all() and (rest["area_km2"] > 0).all()


def test_the_shipped_file_stays_close_to_its_source(gazetteer, shipped):
    path, _ = shipped
    source = read_boundaries(csr_path(), gazetteer).shapes.set_index("id")
    source = source.loc[~source["approximate"], "geometry"]
    ours = gpd.read_file(path).set_index("id").geometry.loc[source.index]
    scores = iou(ours.to_crs(gazetteer.crs), source.to_crs(gazetteer.crs))
    assert scores.min() > 0.9 and scores.mean() > 0.97


def test_the_documented_command_rebuilds_the_shipped_file(tmp_path, gazetteer, shipped, capsys):
    path, _ = shipped
    out = tmp_path / BOUNDARIES_FILE
    assert (
        main(
            [
                "shapes",
                "--boundaries",
                str(csr_path()),
                "--matched-only",
                "--simplify",
                SIMPLIFY_M,
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert "simplified by 8 m" in capsys.readouterr().out
    assert out.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_matched_only_writes_the_named_places_and_merges_their_parts(tmp_path, gazetteer, capsys):
    out = tmp_path / "b.geojson"
    assert (
        main(["shapes", "--boundaries", str(FIXTURES / "mixed.geojson"), "--matched-only", "--out", str(out)])
        == 0
    )
    assert "left out of --out" in capsys.readouterr().out
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert sorted(f["properties"]["id"] for f in features) == ["al-sakhour", "jabal-badro"]
    # Read back, the file names the same places by id, and nothing else.
    again = read_boundaries(out, gazetteer)
    assert sorted(again.matched.values()) == ["al-sakhour", "jabal-badro"] and not again.unmatched


def test_matched_only_needs_a_boundary_file(tmp_path, gazetteer, capsys):
    folder = tmp_path / "bare"
    folder.mkdir()
    for name in ("gazetteer.json", "places.csv", "regions.csv"):
        (folder / name).write_bytes((gazetteer.folder / name).read_bytes())
    assert (
        main(["shapes", "--matched-only", "--out", str(tmp_path / "x.geojson"), "--gazetteer", str(folder)])
        == 2
    )
    assert "--matched-only needs a boundary file" in capsys.readouterr().err


def test_estimates_written_out_are_not_read_back_as_boundaries(tmp_path, gazetteer):
    out = tmp_path / "all.geojson"
    assert main(["shapes", "--boundaries", str(FIXTURES / "mixed.geojson"), "--out", str(out)]) == 0
    found = read_boundaries(out, gazetteer)
    assert sorted(set(found.matched.values())) == ["al-sakhour", "jabal-badro"]
    assert len(found.unmatched) == len(gazetteer.areas) - len(gazetteer.unlocated) - 2
    assert all("approximate" in u.reason for u in found.unmatched)


def test_simplifying_keeps_neighbours_borders_shared(gazetteer):
    # Two neighbours sharing a wiggly border: simplified together, they neither overlap nor part.
    wiggle = [(37.10 + 0.0001 * i, 36.20 + (0.00003 if i % 2 else 0)) for i in range(0, 41)]
    south = shapely.Polygon([(37.10, 36.19), (37.104, 36.19), *reversed(wiggle)])
    north = shapely.Polygon([*wiggle, (37.104, 36.21), (37.10, 36.21)])
    frame = gpd.GeoDataFrame(
        {"id": ["s", "n"], "name": ["S", "N"], "approximate": [False, False]},
        geometry=[south, north],
        crs="EPSG:4326",
    )
    simple = simplify_shapes(frame, gazetteer.crs, 8.0)
    assert (
        shapely.get_num_coordinates(simple.geometry.values).sum()
        < shapely.get_num_coordinates(frame.geometry.values).sum() / 4
    )
    metric = simple.to_crs(gazetteer.crs).geometry.values
    assert shapely.coverage_is_valid(metric)
    assert shapely.union_all(metric).area == pytest.approx(
        shapely.union_all(frame.to_crs(gazetteer.crs).geometry.values).area, rel=1e-3
    )
    assert shapely.intersection(metric[0], metric[1]).area < 1.0


def test_rounding_keeps_a_coverage_valid():
    # A spike of one shape and its neighbour's edge, less than a rounding step apart: rounded
    # naively they overlap; rounded as a coverage they meet without overlapping.
    spiky = shapely.Polygon([(0, 0), (1, 0), (1.000006, 0.5), (1, 1), (0, 1)])
    slanted = shapely.Polygon([(1.000014, 0), (2, 0), (2, 1), (1.000004, 1)])
    assert bool(shapely.coverage_is_valid([spiky, slanted]))
    naive = shapely.transform(np.array([spiky, slanted]), lambda c: np.round(c, 5))
    assert shapely.intersection(naive[0], naive[1]).area > 0
    rounded = round_coverage([spiky, slanted], 5)
    assert shapely.is_valid(rounded).all() and bool(shapely.coverage_is_valid(rounded))
    assert shapely.intersection(rounded[0], rounded[1]).area == 0
    coords = shapely.get_coordinates(rounded)
    assert np.allclose(coords, np.round(coords, 5), rtol=0, atol=1e-12)
