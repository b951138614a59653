"""Another city is new data: importers write gazetteer folders the rest of the program reads.

The fixtures describe Qaryat al-Warda, a small town we made up (GeoNames TSV and OSM GeoJSON).
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo.cli import main
from geo.core import GazetteerError
from geo.gazetteer import (
    GEONAMES_COLUMNS,
    Gazetteer,
    from_geonames,
    from_osm_geojson,
    place_shapes,
    read_baseline,
    region_shape,
    slug,
    unique_ids,
    utm_crs,
)
from tests.test_shapes import overlaps_m2, points_of

FIXTURES = Path(__file__).parent / "fixtures" / "import"
TSV = FIXTURES / "qaryat-al-warda.tsv"
OSM = FIXTURES / "qaryat-al-warda-osm.geojson"
CITY = "Qaryat al-Warda"


@pytest.fixture(scope="module")
def geonames_city(tmp_path_factory):
    out = tmp_path_factory.mktemp("geonames") / "warda"
    return from_geonames(TSV, out, city_name=CITY, country_code="jo", conflict="syria")


@pytest.fixture(scope="module")
def osm_city(tmp_path_factory):
    out = tmp_path_factory.mktemp("osm") / "warda"
    return from_osm_geojson(OSM, out, city_name=CITY, country_code="JO", conflict="syria")


def tsv_rows():
    return [line.split("\t") for line in TSV.read_text(encoding="utf-8").splitlines()]


def write_tsv(path, rows):
    path.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    return path


# -- GeoNames ------------------------------------------------------------------------------------
def test_geonames_import_takes_the_quarters_of_the_town(geonames_city):
    gazetteer = Gazetteer.load(geonames_city.folder)
    names = {p.name for p in gazetteer.areas}
    # Sections and localities of the town; not the far quarter, the other country, the mosque.
    assert names == {
        "Ḩayy az Zaytūn",
        "An Nakhīl",
        "Ḩārat al Fakhkhār",
        "Al Manshīyah",
        "Ash Sharqīyah",
        "Bāb al Ma‘rifah",
    }
    assert geonames_city.places == len(names)
    assert gazetteer.crs == "EPSG:32637" and gazetteer.city_region == "qaryat-al-warda"
    assert gazetteer.baseline_date is None
    city = gazetteer.places["qaryat-al-warda"]
    assert city.is_region and set(city.members) == {p.id for p in gazetteer.areas}


def test_geonames_names_are_found_by_lookup_in_any_spelling(geonames_city):
    gazetteer = Gazetteer.load(geonames_city.folder)
    for written in ("Hay al-Zaytoun", "Hayy az Zaytun", "حي الزيتون", "Zeitoun Quarter"):
        assert gazetteer.lookup(written).match.id == "hayy-az-zaytun", written
    # The duplicate row's spelling was merged into the place it repeats.
    assert gazetteer.lookup("An Nakheel").match.id == "an-nakhil"


def test_geonames_import_reports_rows_it_left_out(geonames_city):
    reasons = {s.line: s.reason for s in geonames_city.skipped}
    assert set(reasons) == {9, 10}
    assert "same name" in reasons[9] and reasons[10] == "no name"
    assert all(s.file == str(TSV) for s in geonames_city.skipped)


def test_imported_baseline_and_shapes_are_usable(geonames_city):
    gazetteer = Gazetteer.load(geonames_city.folder)
    baseline = read_baseline(geonames_city.folder / "baseline.csv", gazetteer)
    assert {baseline.entry(p.id).controller for p in gazetteer.areas} == {"unknown"}
    shapes = place_shapes(gazetteer)
    assert len(shapes) == len(gazetteer.areas) and shapes["approximate"].all()
    assert shapes.geometry.contains(points_of(gazetteer, shapes["id"])).all()
    assert overlaps_m2(shapes, gazetteer.crs) < 1.0
    city = region_shape(gazetteer, shapes, gazetteer.city_region)
    assert city.contains(points_of(gazetteer, shapes["id"]).values).all()


def test_an_explicit_area_overrides_the_town_centre(tmp_path):
    # A box around the far quarter 33 km north: only it is taken.
    result = from_geonames(
        TSV,
        tmp_path / "north",
        city_name=CITY,
        country_code="JO",
        bbox=(36.7, 31.45, 36.9, 31.55),
        conflict="syria",
    )
    assert [p.name for p in Gazetteer.load(result.folder).areas] == ["Ḩayy al Baḩr"]
    result = from_geonames(
        TSV,
        tmp_path / "near",
        city_name="anything",
        country_code="JO",
        center=(31.2, 36.8),
        radius_km=2.5,
        feature_codes=("PPLL",),
        conflict="syria",
    )
    assert [p.id for p in Gazetteer.load(result.folder).areas] == ["ash-sharqiyah"]


@pytest.mark.parametrize(
    "change,problem",
    [
        (lambda rows: rows[:3] + [rows[3][:18]] + rows[4:], "row 4: 18 tab-separated columns"),
        (
            lambda rows: rows[:4] + [rows[4][:4] + ["north"] + rows[4][5:]] + rows[5:],
            "row 5: latitude 'north' is not a number",
        ),
        (
            lambda rows: rows[:4] + [rows[4][:5] + ["236.8"] + rows[4][6:]] + rows[5:],
            "row 5: longitude 236.8 is outside",
        ),
        (lambda rows: [r for r in rows if r[7] not in ("PPLX", "PPLL")], "no usable places"),
        (lambda rows: [r for r in rows if r[7] != "PPL"], "no town named 'Qaryat al-Warda'"),
    ],
)
def test_bad_geonames_files_fail_naming_file_and_line(tmp_path, change, problem):
    path = write_tsv(tmp_path / "bad.tsv", change(tsv_rows()))
    with pytest.raises(GazetteerError) as raised:
        from_geonames(path, tmp_path / "out", city_name=CITY, country_code="JO", conflict="syria")
    assert str(path) in raised.value.message and problem in raised.value.message
    assert not (tmp_path / "out").exists()


def test_not_utf8_and_missing_files_are_reported(tmp_path):
    path = tmp_path / "latin1.tsv"
    path.write_bytes("\t".join(["1", "Caf\xe9"] + [""] * 17).encode("latin-1"))
    for bad, problem in ((path, "not UTF-8"), (tmp_path / "absent.tsv", "file not found")):
        with pytest.raises(GazetteerError, match=problem):
            from_geonames(bad, tmp_path / "out", city_name=CITY, country_code="JO", conflict="syria")


def test_an_existing_gazetteer_is_not_overwritten_unless_asked(geonames_city):
    with pytest.raises(GazetteerError, match="already holds a gazetteer"):
        from_geonames(TSV, geonames_city.folder, city_name=CITY, country_code="JO", conflict="syria")


def test_the_fixture_is_in_the_geonames_format():
    assert {len(r) for r in tsv_rows()} == {len(GEONAMES_COLUMNS)} == {19}


# -- OSM -----------------------------------------------------------------------------------------
def test_osm_import_keeps_named_places_and_their_polygons(osm_city):
    gazetteer = Gazetteer.load(osm_city.folder)
    places = {p.id: p for p in gazetteer.areas}
    assert set(places) == {
        "hay-al-zaytoun",
        "al-nakheel",
        "harat-al-fakhkhar",
        "al-manshiyah",
        "al-sharqiyeh",
    }
    assert places["hay-al-zaytoun"].kind == "district"  # place=suburb
    assert places["hay-al-zaytoun"].arabic == "حي الزيتون"
    assert places["al-nakheel"].area_km2 > 0 and places["al-manshiyah"].area_km2 is None
    assert gazetteer.lookup("Olive Quarter").match.id == "hay-al-zaytoun"
    assert gazetteer.lookup("ash-Sharqiyah").match.id == "al-sharqiyeh"  # the point merged into the polygon
    reasons = {s.line: s.reason for s in osm_city.skipped}
    assert set(reasons) == {4, 6, 8} and "LineString" in reasons[8]
    assert all(s.unit == "feature" for s in osm_city.skipped)


def test_osm_polygons_become_the_shapes_of_their_places(osm_city):
    gazetteer = Gazetteer.load(osm_city.folder)
    shapes = place_shapes(gazetteer).set_index("id")  # uses the folder's boundaries.geojson
    assert osm_city.shapes == 3
    real = {"hay-al-zaytoun", "al-nakheel", "al-sharqiyeh"}
    assert set(shapes.index[~shapes["approximate"]]) == real
    assert shapes.loc[list(real), "area_km2"].tolist() == pytest.approx(
        [gazetteer.places[i].area_km2 for i in real], abs=1e-3
    )
    assert shapes.geometry.contains(points_of(gazetteer, shapes.index).set_axis(shapes.index)).all()


@pytest.mark.parametrize(
    "content,problem",
    [
        ("[1, 2", "not valid JSON"),
        (
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [
                        {"type": "Feature", "properties": {"place": "town", "name": "X"}, "geometry": None}
                    ],
                }
            ),
            "no usable places",
        ),
        (
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [
                        {"type": "Feature", "properties": {"place": "quarter", "name": "X"}, "geometry": None}
                    ],
                }
            ),
            "feature 0 (X): has no geometry",
        ),
    ],
)
def test_bad_osm_files_fail_naming_the_file(tmp_path, content, problem):
    path = tmp_path / "bad.geojson"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GazetteerError) as raised:
        from_osm_geojson(path, tmp_path / "out", city_name=CITY)
    assert str(path) in raised.value.message and problem in raised.value.message


# -- helpers -------------------------------------------------------------------------------------
def test_ids_are_slugs_made_unique():
    assert slug("Bāb al-Ḥadīd") == "bab-al-hadid" and slug("Ba'ibdeen") == "baibdeen"
    assert unique_ids(["a", "b", "a", "a"], taken={"b"}) == ["a", "b-2", "a-2", "a-3"]


@pytest.mark.parametrize(
    "lat,lon,crs",
    [
        (36.2, 37.16, "EPSG:32637"),
        (-33.87, 151.21, "EPSG:32756"),
        (51.5, -0.12, "EPSG:32630"),
        (64.1, -21.9, "EPSG:32627"),
    ],
)
def test_the_metric_crs_is_the_local_utm_zone(lat, lon, crs):
    assert utm_crs(lat, lon) == crs


# -- the commands --------------------------------------------------------------------------------
def test_import_commands_write_folders_that_lookup_reads(tmp_path, capsys):
    out = tmp_path / "warda"
    assert (
        main(
            [
                "import-geonames",
                str(TSV),
                "--out",
                str(out),
                "--city",
                CITY,
                "--country",
                "JO",
                "--conflict",
                "syria",
            ]
        )
        == 0
    )
    assert "6 places" in capsys.readouterr().out
    assert main(["lookup", "--json", "Bab al-Maarifa", "--gazetteer", str(out)]) == 0
    assert json.loads(capsys.readouterr().out)[0]["match"]["id"] == "bab-al-marifah"
    assert (
        main(["import-osm", str(OSM), "--out", str(out), "--city", CITY, "--conflict", "syria", "--force"])
        == 0
    )
    printed = capsys.readouterr().out
    assert "5 places, 3 with a polygon" in printed and "feature 8" in printed


def test_import_command_bad_input_is_one_line_and_status_2(tmp_path):
    bad = write_tsv(tmp_path / "bad.tsv", [tsv_rows()[0][:5]])
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "geo",
            "import-geonames",
            str(bad),
            "--out",
            str(tmp_path / "o"),
            "--city",
            CITY,
            "--country",
            "JO",
            "--conflict",
            "syria",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "bad.tsv, row 1: 5 tab-separated columns" in done.stderr
