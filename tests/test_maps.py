"""The map builder: display shapes, the look of each place, tooltips, legend, folium map, image."""

from datetime import date

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import Polygon

from geo.core import CONFLICTS_DIR
from geo.gazetteer import SIDE_COLOURS, load_conflict
from geo.render import (
    FILL_OPACITY,
    LEAFLET_JS_URL,
    ControlLayer,
    StaticMap,
    build_map,
    control_features,
    control_layer,
    fills,
    labels,
    legend_html,
    map_shapes,
    place_style,
    tooltip_html,
)
from geo.timeline import ControlState
from tests import small_town

DAY = date(2016, 12, 2)
CONFLICT = small_town.CONFLICT
FILL, LABEL = fills(CONFLICT), labels(CONFLICT)


@pytest.fixture(scope="module")
def shapes():
    return map_shapes(small_town.shapes(), "EPSG:32637")


def states(**controllers) -> dict[str, ControlState]:
    return {pid: ControlState(pid, c, DAY, ("k1",), "accepted") for pid, c in controllers.items()}


# -- display shapes ------------------------------------------------------------------------------
def test_display_shapes_are_simplified_in_metres_and_rounded():
    # A 1 km square whose edges wobble by 2 m every 10 m: the wobble is below the 10 m tolerance.
    xs = np.linspace(0, 1000, 101)
    wobble = [(x, 2.0 * (i % 2)) for i, x in enumerate(xs)]
    ring = wobble + [(1000, 1000), (0, 1000)]
    metric = gpd.GeoSeries([Polygon(ring)], crs="EPSG:32637").translate(330000, 4010000)
    frame = gpd.GeoDataFrame(
        {"id": ["w"], "name": ["Wobbly"], "approximate": [False]},
        geometry=metric.to_crs("EPSG:4326"),
        crs="EPSG:4326",
    )
    shown = map_shapes(frame, "EPSG:32637")
    coordinates = shown.geometries[0]["coordinates"][0]
    assert len(coordinates) < len(ring) / 4
    assert all(len(repr(v).split(".")[1]) <= 5 for point in coordinates for v in point)
    (south, west), (north, east) = shown.bounds
    assert south < north and west < east


def test_neighbours_keep_a_shared_edge(shapes):
    first, second = (shapely.geometry.shape(g) for g in shapes.geometries[:2])  # North Gate, Mill Quarter
    assert first.intersection(second).length > 0.005  # still share their 800 m edge


def test_real_neighbours_keep_their_border_where_an_estimate_overlaps_them():
    # Two real polygons (about 1 km wide, in degrees as read) share an irregular border (±13 m);
    # an approximate cell overlaps one of them, so the three are no clean coverage. The real pair
    # must still be simplified as one: shapes simplified each on its own part along the border.
    lon, lat, width, height = 37.1, 36.2, 0.011, 0.009
    wobble = np.random.default_rng(3).uniform(-0.00012, 0.00012, 101)
    border = [(lon + width * i / 100, lat + height / 2 + w) for i, w in enumerate(wobble)]
    south = Polygon([(lon, lat), (lon + width, lat), *reversed(border)])
    north = Polygon([*border, (lon + width, lat + height), (lon, lat + height)])
    estimate = shapely.box(lon + 0.9 * width, lat + 0.9 * height, lon + 1.5 * width, lat + 1.5 * height)
    frame = gpd.GeoDataFrame(
        {"id": ["s", "n", "e"], "name": ["S", "N", "E"], "approximate": [False, False, True]},
        geometry=[south, north, estimate],
        crs="EPSG:4326",
    )
    assert not shapely.coverage_is_valid(frame.geometry.values)
    shown = [shapely.geometry.shape(g) for g in map_shapes(frame, "EPSG:32637").geometries]
    assert len(shown[0].exterior.coords) < 0.8 * len(south.exterior.coords)
    metric = gpd.GeoSeries(shown[:2], crs="EPSG:4326").to_crs("EPSG:32637").values
    outline = gpd.GeoSeries([shapely.box(lon, lat, lon + width, lat + height)], crs="EPSG:4326").to_crs(
        "EPSG:32637"
    )
    assert outline.iloc[0].difference(shapely.union_all(metric)).area < 10.0  # m²: rounding only
    assert metric[0].intersection(metric[1]).area < 10.0


def test_display_shapes_need_a_crs():
    frame = small_town.shapes().set_crs(None, allow_override=True)
    with pytest.raises(ValueError, match="CRS"):
        map_shapes(frame, "EPSG:32637")


# -- the look ------------------------------------------------------------------------------------
@pytest.mark.parametrize("conflict", ["syria", "iraq-isis"])
def test_every_controller_has_its_own_fill(conflict):
    war = load_conflict(CONFLICTS_DIR / conflict)
    colours = [place_style(c, conflict=war)["fillColor"] for c in war.map_controllers]
    assert len(set(colours)) == len(war.map_controllers)
    assert all(fills(war)[s] in SIDE_COLOURS for s in war.side_ids)


def test_review_status_and_change_are_shown_by_line_not_colour_alone():
    base = place_style("government", "accepted", conflict=CONFLICT)
    proposed = place_style("government", "proposed", conflict=CONFLICT)
    disputed = place_style("government", "disputed", conflict=CONFLICT)
    changed = place_style("government", "accepted", changed=True, conflict=CONFLICT)
    assert base["dashArray"] is None
    assert proposed["dashArray"] and disputed["dashArray"] and proposed["dashArray"] != disputed["dashArray"]
    assert changed["weight"] > 2 * base["weight"]
    assert (
        place_style("government", "proposed", changed=True, conflict=CONFLICT)["dashArray"]
        == proposed["dashArray"]
    )
    assert {s["fillColor"] for s in (base, proposed, disputed, changed)} == {FILL["government"]}


def test_contested_is_hatched_not_just_coloured():
    assert place_style("contested", conflict=CONFLICT)["fillColor"].startswith("url(#")


def test_tooltip_escapes_the_name_and_says_what_is_known():
    state = ControlState("hill", "opposition", date(2016, 11, 28), ("k",), "proposed")
    tip = tooltip_html('The <b onmouseover="x()">Hill</b>', state, approximate=True, conflict=CONFLICT)
    assert "<b " not in tip
    assert "&lt;b onmouseover=&#34;x()&#34;&gt;Hill&lt;/b&gt;" in tip  # markupsafe's escaping
    assert "Opposition since 28 November 2016" in tip
    assert "unreviewed claim" in tip and "approximate shape" in tip
    assert "approximate" not in tooltip_html("Hill", state, conflict=CONFLICT)


def test_a_place_without_a_state_is_not_established(shapes):
    features = control_features(shapes, states(**{"north-gate": "government"}), conflict=CONFLICT)["features"]
    by_id = {f["id"]: f["properties"] for f in features}
    assert set(by_id) == set(shapes.ids)
    assert by_id["north-gate"]["controller"] == "government"
    assert by_id["river-bend"]["controller"] == "unknown"
    assert LABEL["unknown"] in by_id["river-bend"]["tooltip"]


def test_changed_places_are_flagged_and_drawn_last(shapes):
    features = control_features(
        shapes,
        states(**{"north-gate": "government", "hill": "contested"}),
        changed_ids={"north-gate"},
        conflict=CONFLICT,
    )["features"]
    assert features[-1]["id"] == "north-gate" and features[-1]["properties"]["changed"]
    assert not any(f["properties"]["changed"] for f in features[:-1])
    hill = next(f["properties"] for f in features if f["id"] == "hill")
    assert hill["approximate"] and "approximate shape" in hill["tooltip"]


def test_legend_explains_colours_lines_and_approximate_shapes():
    legend = legend_html(["government", "contested"], conflict=CONFLICT)
    assert "Government" in legend and "Contested" in legend and "Opposition" not in legend
    assert "Unreviewed" in legend and "Disputed" in legend and "Changed on this date" in legend
    assert "approximate shape" in legend
    assert "approximate shape" not in legend_html(["government"], conflict=CONFLICT, approximate=False)


# -- the folium map ------------------------------------------------------------------------------
def test_map_loads_only_leaflet_and_never_raw_markup(shapes):
    fmap = build_map(shapes, states(hill="government"), {"hill"}, conflict=CONFLICT)
    html = fmap.get_root().render()
    assert LEAFLET_JS_URL in html
    assert "jquery" not in html.lower() and "bootstrap" not in html.lower()
    assert "The <b>Hill</b>" not in html  # the place name travels as escaped JSON
    assert "geo-legend" in html and "geo-hatch-contested" in html


def test_the_app_adds_the_control_layer_itself(shapes):
    fmap = build_map(shapes, conflict=CONFLICT, legend=False)
    assert "L.geoJson" not in fmap.get_root().render()
    layer = control_layer(shapes, states(hill="islamic-state"), conflict=CONFLICT)
    assert isinstance(layer, ControlLayer)
    layer.add_to(fmap)
    assert layer.geojson.get_name() in fmap.get_root().render()


# -- the image -----------------------------------------------------------------------------------
def test_image_colours_each_place_by_its_controller(tmp_path, shapes):
    from PIL import Image

    drawing = StaticMap(
        shapes,
        "EPSG:32637",
        "Testville",
        ["government", "opposition"],
        conflict=CONFLICT,
        width_px=600,
        height_px=600,
    )
    expected = {"north-gate": "government", "river-bend": "opposition"}
    drawing.draw(states(**expected), set(), DAY, note="Sources: $5 <b>outlet</b>")
    path = tmp_path / "map.png"
    drawing.save(path)
    with Image.open(path) as image:
        assert image.size == (600, 600)
        for place_id, controller in expected.items():
            point = drawing._points[shapes.ids.index(place_id)]
            x, y = drawing.ax.transData.transform((point.x, point.y))
            pixel = np.array(image.convert("RGB").getpixel((int(x), int(image.height - y))))
            alpha = FILL_OPACITY + 0.15
            want = (
                alpha * np.array([int(FILL[controller][i : i + 2], 16) for i in (1, 3, 5)])
                + (1 - alpha) * 255
            )
            assert np.abs(pixel - want).max() < 12, (place_id, pixel, want)


def test_image_names_changed_places_without_overlapping_names(shapes):
    drawing = StaticMap(shapes, "EPSG:32637", "Testville", conflict=CONFLICT, width_px=300, height_px=300)
    drawing.draw(states(), set(shapes.ids), DAY)
    labels = [a for a in drawing._extras if hasattr(a, "get_text")]
    assert 1 <= len(labels) < len(shapes.ids)  # too small to name all five: some names are left out
    renderer = drawing.figure.canvas.get_renderer()
    boxes = [label.get_window_extent(renderer) for label in labels]
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
