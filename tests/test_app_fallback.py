"""The app's map frame gets the published pages' fallback: a script loaded before Leaflet, and the
date's image in the map's html once asked for (the browser side is in tests/test_surfaces_browser.py)."""

from __future__ import annotations

import base64

from streamlit_folium import _get_html

from geo.app import views
from geo.gazetteer import Gazetteer
from geo.render import build_map, frame_fallback
from geo.store import Store
from tests.app_dispatches import DAYS, build_store


def test_the_fallback_script_loads_before_leaflet_and_the_image_goes_in_the_frames_html(tmp_path):
    gazetteer = Gazetteer.load()
    base = views.map_base(gazetteer)
    store = Store(build_store(tmp_path / "geo.db"))
    try:
        data = views.coverage(store, gazetteer, base)
    finally:
        store.close()
    fmap = build_map(
        base.display, None, conflict=gazetteer.war, controllers=data.controllers, **base.map_options
    )
    frame_fallback(fmap, height=540)
    names = [name for name, _ in fmap.default_js]
    assert names == ["geo_fallback", "leaflet"]  # first: it must see Leaflet fail
    script = base64.b64decode(fmap.default_js[0][1].split(",", 1)[1]).decode("utf-8")
    assert "CONFIG" not in script  # the configuration is filled in
    assert "The interactive map could not be drawn" in script and "geo_fallback: true" in script
    assert "geo-fallback" not in _get_html(fmap)  # nothing drawn until the frame asks

    view = views.date_view(data, DAYS[1])
    image = views.map_image(data, view.states, view.changed_ids, view.as_of)
    assert (
        image.startswith("data:image/png;base64,")
        and base64.b64decode(image.split(",", 1)[1])[:4] == b"\x89PNG"
    )
    frame_fallback(fmap, image, height=540)
    html = _get_html(fmap)  # what streamlit-folium sends the frame as its html
    assert html.count('class="geo-fallback"') == 1 and image in html
    assert [name for name, _ in fmap.default_js] == [
        "geo_fallback",
        "leaflet",
    ]  # once, however often it is called
