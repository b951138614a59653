"""What the map is drawn on (the tile layer a gazetteer or setting chooses, the outlines drawn from
the gazetteer, the optional river) and the time axis under it."""

from __future__ import annotations

import json
import shutil
from datetime import date

import pytest
import shapely

from geo.core import default_gazetteer
from geo.gazetteer import Gazetteer, place_shapes
from geo.render import TimeAxis, basemap_for, build_map, context_lines, map_shapes
from geo.render.basemap import DEFAULT_TILES
from tests import small_town


@pytest.fixture
def folder(tmp_path):
    """A copy of the bundled gazetteer, to edit."""
    copy = tmp_path / "city"
    shutil.copytree(default_gazetteer(), copy, ignore=shutil.ignore_patterns("demo"))
    return copy


def set_meta(folder, **values) -> None:
    meta = json.loads((folder / "gazetteer.json").read_text(encoding="utf-8"))
    (folder / "gazetteer.json").write_text(json.dumps({**meta, **values}), encoding="utf-8")


def test_the_default_basemap_is_light_and_label_free_with_attribution(monkeypatch):
    monkeypatch.delenv("GEO_TILES", raising=False)
    tiles = basemap_for(Gazetteer.load())
    assert tiles.url == DEFAULT_TILES and "nolabels" in tiles.url
    assert "OpenStreetMap" in tiles.attribution


def test_a_gazetteer_or_a_setting_chooses_the_tiles(folder, monkeypatch):
    monkeypatch.delenv("GEO_TILES", raising=False)
    set_meta(
        folder,
        basemap={
            "tiles": "https://tiles.newsroom.example/{z}/{x}/{y}.png",
            "attribution": "© Us",
            "max_zoom": 17,
        },
    )
    tiles = basemap_for(Gazetteer.load(folder))
    assert (tiles.url, tiles.attribution, tiles.max_zoom) == (
        "https://tiles.newsroom.example/{z}/{x}/{y}.png",
        "© Us",
        17,
    )
    monkeypatch.setenv("GEO_TILES", "https://other.example/{z}/{x}/{y}.png")
    assert basemap_for(Gazetteer.load(folder)).url == "https://other.example/{z}/{x}/{y}.png"
    monkeypatch.setenv("GEO_TILES", "none")
    assert basemap_for(Gazetteer.load(folder)) is None
    monkeypatch.delenv("GEO_TILES")
    set_meta(folder, basemap=None)
    assert basemap_for(Gazetteer.load(folder)) is None


def test_the_map_draws_the_city_outline_its_regions_and_a_river_when_there_is_one(folder):
    gazetteer = Gazetteer.load(folder)
    shapes = place_shapes(gazetteer)
    kinds = [f["properties"]["kind"] for f in context_lines(gazetteer, shapes)["features"]]
    regions = [r for r in gazetteer.regions if r.kind != "city" and r.id != gazetteer.city_region]
    assert kinds == ["city"] + ["region"] * len(regions)
    city = shapely.geometry.shape(context_lines(gazetteer, shapes)["features"][0]["geometry"])
    assert city.length > 0 and city.geom_type in ("LineString", "MultiLineString")  # an outline, not a fill

    river = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {},
                "geometry": {
                    "type": "LineString",
                    "coordinates": [[37.15, 36.25], [37.16, 36.20], [37.14, 36.15]],
                },
            }
        ],
    }
    (folder / "river.geojson").write_text(json.dumps(river), encoding="utf-8")
    found = context_lines(gazetteer, shapes)["features"]
    assert [f["properties"]["kind"] for f in found].count("river") == 1


def test_the_map_carries_its_basemap_and_outlines_to_the_browser(folder):
    gazetteer = Gazetteer.load(folder)
    shapes = place_shapes(gazetteer)
    fmap = build_map(
        map_shapes(shapes, gazetteer.crs),
        {},
        conflict=gazetteer.war,
        basemap=basemap_for(gazetteer),
        context=context_lines(gazetteer, shapes),
    )
    html = fmap.get_root().render()
    assert "light_nolabels" in html and '"kind": "region"' in html and "geo-label" in html
    assert "scrollWheelZoom: false" in html.replace('"scrollWheelZoom": false', "scrollWheelZoom: false")


def test_the_time_axis_spaces_days_by_real_time_with_monday_ticks():
    days = [date(2016, 11, 22), date(2016, 11, 28), date(2016, 12, 22)]
    axis = TimeAxis.of(days, date(2016, 11, 28))
    assert axis.days == 30 and axis.offset(date(2016, 11, 28)) == 6
    assert [d for d, _ in axis.ticks] == [
        date(2016, 11, 28),
        date(2016, 12, 5),
        date(2016, 12, 12),
        date(2016, 12, 19),
    ]
    assert all(d.weekday() == 0 for d, _ in axis.ticks)
    assert [at for _, at in axis.marks] == [0.0, 20.0, 100.0]
    assert TimeAxis.of([date(2016, 12, 1)]).percent(date(2016, 12, 1)) == 50.0
    with pytest.raises(ValueError):
        TimeAxis.of([])


def test_labels_sit_inside_their_shapes():
    shown = map_shapes(small_town.shapes(), "EPSG:32637")
    for (lat, lon), geometry in zip(shown.label_points, shown.geometries):
        assert shapely.geometry.shape(geometry).buffer(1e-5).contains(shapely.Point(lon, lat))


def test_a_long_time_axis_ticks_each_month_so_its_labels_never_crowd():
    """Eight months of reports (a siege, a whole battle) would be 35 week ticks on a phone's width."""
    axis = TimeAxis.of([date(2016, 10, 20), date(2017, 1, 24), date(2017, 7, 9)])
    assert not axis.weekly
    assert [d for d, _ in axis.ticks] == [date(2016, m, 1) for m in (11, 12)] + [
        date(2017, m, 1) for m in range(1, 8)
    ]
    labels = [axis.tick_label(d) for d, _ in axis.ticks]
    assert labels[:3] == ["Nov", "Dec", "Jan 2017"] and labels[-1] == "Jul"
    spring = TimeAxis.of([date(2017, 2, 19), date(2017, 7, 9)])
    assert [spring.tick_label(d) for d, _ in spring.ticks][:2] == ["Mar 2017", "Apr"]
    years = TimeAxis.of([date(2012, 7, 19), date(2016, 12, 22)])
    assert 2 <= len(years.ticks) <= 10  # every few months on a span of years
    short = TimeAxis.of([date(2016, 11, 22), date(2016, 12, 22)])
    assert short.weekly and short.tick_label(date(2016, 12, 5)) == "5 Dec"
