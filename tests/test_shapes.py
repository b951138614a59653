"""Every map place gets a polygon: approximate from centroids, or from a boundary file."""

import json
from dataclasses import replace
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely

from geo.cli import main
from geo.core import GazetteerError
from geo.gazetteer import (
    COLUMNS,
    MIN_SEPARATION_M,
    REACH,
    Gazetteer,
    Place,
    approximate_shapes,
    area_km2,
    iou,
    place_shapes,
    read_boundaries,
    region_shape,
)
from tests.conftest import shared_path

FIXTURES = Path(__file__).parent / "fixtures" / "boundaries"
#: Neighbouring cells may touch; any overlap beyond this (m²) is a bug.
OVERLAP_TOLERANCE_M2 = 1.0


@pytest.fixture(scope="module")
def shapes(gazetteer):
    """The approximation for every place, whatever boundary file the gazetteer folder holds."""
    return approximate_shapes(gazetteer)


@pytest.fixture
def bare_folder(tmp_path, gazetteer):
    """A copy of the gazetteer folder without a boundary file: every place is approximated."""
    folder = tmp_path / "bare"
    folder.mkdir()
    for name in ("gazetteer.json", "places.csv", "regions.csv"):
        (folder / name).write_bytes((gazetteer.folder / name).read_bytes())
    return folder


def points_of(gazetteer, ids):
    places = [gazetteer.places[i] for i in ids]
    return gpd.GeoSeries(
        gpd.points_from_xy([p.lon for p in places], [p.lat for p in places]), crs="EPSG:4326"
    )


def overlaps_m2(shapes, crs):
    """The largest area (m²) shared by any two shapes."""
    metric = shapes.geometry.to_crs(crs).reset_index(drop=True)
    left, right = metric.sindex.query(metric, predicate="intersects")
    pairs = left < right
    if not pairs.any():
        return 0.0
    return float(
        shapely.area(shapely.intersection(metric.values[left[pairs]], metric.values[right[pairs]])).max()
    )


def test_every_place_gets_a_valid_polygon_labelled_approximate(gazetteer, shapes):
    assert list(shapes.columns) == COLUMNS
    assert shapes.crs.to_epsg() == 4326
    assert list(shapes["id"]) == [p.id for p in gazetteer.areas if p.located]  # none at a guessed spot
    assert {p.id for p in gazetteer.unlocated} == {"al-inzarat"}
    assert shapes.geometry.is_valid.all() and not shapes.geometry.is_empty.any()
    assert set(shapes.geom_type) <= {"Polygon", "MultiPolygon"}
    assert shapes["approximate"].dtype == bool and shapes["approximate"].all()


def test_each_cell_contains_its_own_centroid(gazetteer, shapes):
    inside = shapes.geometry.contains(points_of(gazetteer, shapes["id"]))
    assert inside.all(), list(shapes.loc[~inside, "id"])


def test_cells_do_not_overlap_and_share_exact_borders(gazetteer, shapes):
    assert overlaps_m2(shapes, gazetteer.crs) < OVERLAP_TOLERANCE_M2
    assert shapely.coverage_is_valid(shapes.geometry.values)


def test_areas_are_in_km2_measured_in_the_metric_crs(gazetteer, shapes):
    measured = shapes.geometry.to_crs(gazetteer.crs).area.to_numpy() / 1e6
    assert np.allclose(shapes["area_km2"], measured)
    assert (shapes["area_km2"] > 0).all()
    # No cell is larger than the disc it is clipped to: areas are km², not m² or degrees.
    known = {p.id: p.area_km2 for p in gazetteer.areas if p.area_km2}
    for place_id, area in zip(shapes["id"], shapes["area_km2"]):
        if place_id in known:
            assert area <= REACH**2 * known[place_id] * 1.001, place_id


def test_known_areas_shape_the_cells(gazetteer, shapes):
    """Weighting by known area: bigger known places get bigger cells, far more than by chance."""
    known = shapes.assign(known=[gazetteer.places[i].area_km2 for i in shapes["id"]]).dropna(subset=["known"])
    assert np.corrcoef(np.log(known["known"]), np.log(known["area_km2"]))[0, 1] > 0.8


def test_area_km2_needs_a_metric_crs(shapes):
    with pytest.raises(GazetteerError, match="not a metric"):
        area_km2(shapes, "EPSG:4326")
    square = shapely.box(0, 0, 0.01, 0.01)  # plain geometries are read as WGS84
    assert area_km2([square], "EPSG:32631")[0] == pytest.approx(1.11**2, rel=0.02)


def test_a_region_is_the_union_of_its_members(gazetteer, shapes):
    for region in gazetteer.regions:
        union = region_shape(gazetteer, shapes, region.id)
        members = shapes[shapes["id"].isin(region.members)]
        assert area_km2([union], gazetteer.crs)[0] == pytest.approx(members["area_km2"].sum(), rel=1e-3)
        assert union.contains(points_of(gazetteer, members["id"]).values).all()
    one = gazetteer.areas[0].id
    assert region_shape(gazetteer, shapes, one).equals(shapes.loc[shapes["id"] == one, "geometry"].iloc[0])
    with pytest.raises(GazetteerError, match="unknown place"):
        region_shape(gazetteer, shapes, "atlantis")


def test_results_are_cached_but_callers_get_their_own_copy(gazetteer, bare_folder):
    bare = Gazetteer.load(bare_folder)
    first = place_shapes(bare)
    first.loc[0, "approximate"] = False
    assert place_shapes(bare)["approximate"].all()
    # The same for shapes read from a boundary file (the folder's own, cached on its identity).
    found = FIXTURES / "mixed.geojson"
    first = place_shapes(gazetteer, found)
    first.loc[first["approximate"], "approximate"] = False
    assert (
        place_shapes(gazetteer, found)["approximate"].sum()
        == len(gazetteer.areas) - len(gazetteer.unlocated) - 2
    )


def test_a_folder_without_a_boundary_file_approximates_every_place(bare_folder):
    shapes = place_shapes(Gazetteer.load(bare_folder))
    assert shapes["approximate"].all()
    assert shapely.coverage_is_valid(shapes.geometry.values)


def small_gazetteer(points, areas=None):
    places = {
        f"p{i}": Place(
            id=f"p{i}",
            name=f"Place {i}",
            kind="neighbourhood",
            lat=lat,
            lon=lon,
            area_km2=(areas or {}).get(i),
        )
        for i, (lat, lon) in enumerate(points)
    }
    return Gazetteer(name="Test", places=places, crs="EPSG:32637")


@pytest.mark.parametrize(
    "points,areas",
    [
        ([(36.2, 37.1)], None),  # a lone place
        ([(36.2, 37.1), (36.2, 37.1), (36.21, 37.11)], None),  # two at the same spot
        (
            [(36.2 + 0.004 * (i // 4), 37.1 + 0.005 * (i % 4)) for i in range(12)],
            {0: 9.0, 5: 0.01},
        ),  # a lopsided grid
    ],
)
def test_odd_layouts_still_give_each_place_its_own_cell(points, areas):
    gazetteer = small_gazetteer(points, areas)
    shapes = approximate_shapes(gazetteer)
    assert not shapes.geometry.is_empty.any() and shapes.geometry.is_valid.all()
    # Places at one spot are moved apart by a metre, so each has its own cell next to the spot.
    metric = shapes.geometry.to_crs(gazetteer.crs)
    assert (
        metric.distance(points_of(gazetteer, shapes["id"]).to_crs(gazetteer.crs)) <= MIN_SEPARATION_M
    ).all()
    assert overlaps_m2(shapes, gazetteer.crs) < OVERLAP_TOLERANCE_M2
    assert shapely.coverage_is_valid(shapes.geometry.values)


# -- boundary files ------------------------------------------------------------------------------
def test_csr_polygons_are_matched_and_the_rest_stay_approximate(gazetteer):
    path = shared_path("reference", "csr-aleppo", "Neighborhoods.geojson")
    found = read_boundaries(path, gazetteer)
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    assert found.features == len(features)
    assert len(set(found.matched.values())) >= 110
    assert len(found.matched) + len(found.unmatched) <= found.features
    assert all(u.reason for u in found.unmatched)
    shapes = found.shapes
    real = shapes[~shapes["approximate"]]
    assert set(real["id"]) == set(found.matched.values())
    assert set(shapes.loc[shapes["approximate"], "id"]) == set(found.places_without_shape)
    assert shapes.geometry.is_valid.all() and not shapes.geometry.is_empty.any()
    # Several features of one place are joined: the place is as big as its parts together.
    parts = [f for f in features if found.matched.get(f["properties"]["NAME"]) == "al-hamdaniyah"]
    assert len(parts) >= 2
    joined = area_km2([shapely.geometry.shape(f["geometry"]) for f in parts], gazetteer.crs).sum()
    assert shapes.loc[shapes["id"] == "al-hamdaniyah", "area_km2"].iloc[0] == pytest.approx(joined, rel=0.01)


def test_the_approximation_beats_plain_voronoi_on_the_csr_polygons(gazetteer, shapes):
    """The bench prints the figures; this only guards against a regression below the baseline."""
    path = shared_path("reference", "csr-aleppo", "Neighborhoods.geojson")
    real = read_boundaries(path, gazetteer).shapes.set_index("id")
    real = real.loc[~real["approximate"], "geometry"]
    cells = shapes.set_index("id").loc[real.index, "geometry"]
    assert iou(cells, real).mean() > 0.6
    centroids = real.to_crs(gazetteer.crs).centroid.to_crs(real.crs)
    assert cells.contains(centroids, align=True).mean() > 0.95


def test_a_boundary_file_reports_what_did_not_match(gazetteer):
    found = read_boundaries(FIXTURES / "mixed.geojson", gazetteer)
    assert found.matched == {
        "al-Sakhur": "al-sakhour",
        "Jabal Badrou I": "jabal-badro",
        "Jabal Badrou II": "jabal-badro",
    }
    reasons = {u.index: u.reason for u in found.unmatched}
    assert set(reasons) == {3, 4, 5, 6}
    assert "Hamburg" in reasons[3]
    assert "region" in reasons[4]
    assert "not a polygon" in reasons[5]
    assert "no name" in reasons[6]
    shapes = found.shapes.set_index("id")
    # The self-crossing polygon is repaired, the two parts joined into one place.
    assert shapes.loc["al-sakhour", "geometry"].is_valid and not shapes.loc["al-sakhour", "approximate"]
    assert shapes.loc["jabal-badro", "geometry"].geom_type == "Polygon"
    assert shapes["approximate"].sum() == len(gazetteer.areas) - len(gazetteer.unlocated) - 2
    # Approximate cells give way to the real polygons where they keep their own place.
    assert overlaps_m2(found.shapes, gazetteer.crs) < 0.05 * shapes.loc["jabal-badro", "area_km2"] * 1e6


def test_name_properties_can_be_named(gazetteer):
    found = read_boundaries(FIXTURES / "mixed.geojson", gazetteer, name_properties=["label_ar"])
    assert set(found.matched.values()) == {"al-sakhour"}


@pytest.mark.parametrize(
    "name,problem",
    [
        ("not_json.geojson", "not valid JSON"),
        ("not_a_collection.geojson", "not a GeoJSON FeatureCollection"),
        ("no_geometry.geojson", "feature 1 (Jabal Badro): has no geometry"),
        ("out_of_range.geojson", "feature 0 (al-Sakhour): coordinates outside"),
        ("absent.geojson", "file not found"),
    ],
)
def test_bad_boundary_files_fail_naming_file_and_feature(gazetteer, name, problem):
    with pytest.raises(GazetteerError) as raised:
        read_boundaries(FIXTURES / name, gazetteer)
    assert name in raised.value.message and problem in raised.value.message


# -- the command ---------------------------------------------------------------------------------
def test_shapes_command_summarises_and_writes_geojson(tmp_path, capsys):
    out = tmp_path / "shapes.geojson"
    assert main(["shapes", "--boundaries", str(FIXTURES / "mixed.geojson"), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "3 of 7 features matched" in printed and "Hamburg" in printed
    written = gpd.read_file(out)
    aleppo = Gazetteer.load()
    assert len(written) == len(aleppo.areas) - len(aleppo.unlocated)
    assert "1 place has no coordinate and no boundary: not drawn" in printed
    assert written["approximate"].sum() == len(written) - 2


def test_shapes_command_bad_file_is_status_2(capsys):
    assert main(["shapes", "--boundaries", str(FIXTURES / "not_json.geojson")]) == 2
    assert "not_json.geojson" in capsys.readouterr().err


def test_a_gazetteer_folder_with_its_own_boundary_file_uses_it(tmp_path, gazetteer):
    folder = tmp_path / "city"
    folder.mkdir()
    for name in ("gazetteer.json", "places.csv", "regions.csv"):
        (folder / name).write_bytes((gazetteer.folder / name).read_bytes())
    (folder / "boundaries.geojson").write_bytes((FIXTURES / "mixed.geojson").read_bytes())
    assert (~place_shapes(Gazetteer.load(folder))["approximate"]).sum() == 2


def test_without_known_areas_every_place_still_gets_a_cell(gazetteer):
    blind = Gazetteer(
        name="x", crs=gazetteer.crs, places={p.id: replace(p, area_km2=None) for p in gazetteer.areas}
    )
    shapes = approximate_shapes(blind)
    assert shapes.geometry.contains(points_of(blind, shapes["id"])).all()
    assert (shapes["area_km2"] > 0).all()
