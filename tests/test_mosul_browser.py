"""The Mosul map in a real browser (Chromium, offline): only places with a position are drawn, in the
Iraq war's colours, and the places reports name without one are listed beside the map.

Why: Mosul is the first city where most places have no coordinate; a reader must see them named
with who held them, and never see them drawn at a made-up spot. The screenshot is checked: the
pixel under a retaken place is the Iraqi forces' vermilion over the map's background.
"""

from __future__ import annotations

import numpy as np
import pytest

from geo.gazetteer import Gazetteer, place_shapes
from geo.publish import publish
from geo.read import load_articles
from geo.store import Store, ingest
from tests.browser import screenshot
from tests.conftest import ROOT

MOSUL = ROOT / "data" / "mosul"


@pytest.fixture(scope="module")
def mosul(tmp_path_factory):
    """The Mosul demo dispatches read into a store and published (no images)."""
    work = tmp_path_factory.mktemp("mosul")
    gazetteer = Gazetteer.load(MOSUL)
    store = Store(work / "mosul.db")
    try:
        files = sorted(p for p in (MOSUL / "demo").glob("*.md") if p.name.lower() != "readme.md")
        ingest(store, list(load_articles(files)), gazetteer)
        timeline = store.timeline(gazetteer)
        articles = store.articles()
    finally:
        store.close()
    shapes = place_shapes(gazetteer)
    publish(work / "site", timeline, gazetteer, shapes, articles, png=False)
    return work / "site", gazetteer, timeline, shapes


def drawn(page) -> dict[str, str]:
    """Each drawn place's fill, from the SVG paths Leaflet made."""
    return page.evaluate("""() => {
        const out = {};
        for (const key of Object.keys(window)) {
            const layer = window[key];
            if (layer && layer.eachLayer && layer.toGeoJSON && key.startsWith('geo_json')) {
                layer.eachLayer(l => { out[l.feature.properties.id] = l._path.getAttribute('fill'); });
            }
        }
        return out;
    }""")


def test_the_mosul_map_draws_only_located_places_and_lists_the_others(browser_page, mosul, tmp_path):
    from PIL import Image

    site, gazetteer, timeline, shapes = mosul
    war = gazetteer.war
    last = timeline.dates[-1]
    page = browser_page
    page.goto((site / f"{last.isoformat()}.html").as_uri())
    page.wait_for_selector("path.leaflet-interactive")
    fills = drawn(page)
    assert set(fills) == set(shapes["id"]) and len(fills) < len(gazetteer.areas)
    states = timeline.state_on(last)
    for place_id, fill in fills.items():
        assert fill == war.colour(states[place_id].controller), place_id

    named = [p for p in gazetteer.unlocated if any(c.place_id == p.id for c in timeline.claims.values())]
    items = page.locator(".geo-off-map li")
    assert page.locator(".geo-off-map h3").inner_text() == "Named in reports, not on the map: no coordinate"
    assert items.count() == len(named) > 0
    for i, place in enumerate(named):
        text = items.nth(i).inner_text()
        assert text.startswith(f"{place.name}: {war.label(states[place.id].controller)}"), text
    assert page.locator(".geo-off-map").is_visible()
    path = screenshot(page, tmp_path, "mosul-last-date")

    # The screenshot: under a place the Iraqi forces hold, their vermilion at the map's opacity.
    held = next(i for i, c in fills.items() if c == war.colour("government") and i != "rashidiya")
    point = page.evaluate(
        """id => {
        for (const key of Object.keys(window)) {
            const layer = window[key];
            if (layer && layer.eachLayer && key.startsWith('geo_json')) {
                let found = null;
                layer.eachLayer(l => { if (l.feature.properties.id === id) found = l; });
                if (found) { const p = found._map.latLngToContainerPoint(found.getCenter());
                             const box = found._map.getContainer().getBoundingClientRect();
                             return [p.x + box.left, p.y + box.top, box.left + 3, box.top + 3]; }
            }
        }
        return null;
    }""",
        held,
    )
    assert point is not None
    with Image.open(path) as image:
        rgb = image.convert("RGB")
        pixel = np.array(rgb.getpixel((int(point[0]), int(point[1]))), dtype=float)
        background = np.array(rgb.getpixel((int(point[2]), int(point[3]))), dtype=float)
    colour = np.array([int(war.colour("government")[i : i + 2], 16) for i in (1, 3, 5)], dtype=float)
    want = 0.6 * colour + 0.4 * background
    assert np.abs(pixel - want).max() < 20, (held, pixel, want)


def test_before_reports_name_them_no_place_is_listed(browser_page, mosul, tmp_path):
    site, gazetteer, timeline, _ = mosul
    first = timeline.dates[0]
    page = browser_page
    page.goto((site / f"{first.isoformat()}.html").as_uri())
    page.wait_for_selector("path.leaflet-interactive")
    assert gazetteer.war.colour("islamic-state") in set(drawn(page).values())
    assert page.locator(".geo-off-map").count() == 0
    screenshot(page, tmp_path, "mosul-first-date")
