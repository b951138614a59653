"""Every surface of the map in Chromium, as a reader meets it: the app at 1400 × 900, a snapshot
page, the timeline embedded in a 600 px iframe, and both pages at a phone's 390 px.

On each: the real polygons of the boundary file are drawn (not approximate cells), at least 20
names are written on the map at the default zoom, the key's box is inside the window, the time
axis has its week ticks and a mark per change date, and nothing is fetched from outside this
machine but the basemap's tiles (which fail here, so the map says so in one line). With Leaflet
refused, the pages show the date's PNG instead of an empty box. Screenshots of each surface go
to .cache/screenshots/ (docs/screenshots/ holds the ones the README shows).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import shapely

from geo.core import default_gazetteer
from geo.gazetteer import Gazetteer, place_shapes
from geo.publish import publish
from geo.render import NO_BASEMAP_NOTE, NO_TILES_NOTE, basemap_for
from geo.store import Store
from tests.app_dispatches import DAYS, build_store
from tests.browser import new_context, screenshot, serve_app, serve_folder

pytestmark = [pytest.mark.browser, pytest.mark.slow]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
MIN_LABELS = 20
#: What the map shows, read from Leaflet itself: each place's drawn bounds and approximate flag,
#: the names written inside the map's box, and the map's box.
SURFACE_JS = """() => {
  const map = window.geoMap, box = map.getContainer().getBoundingClientRect();
  const drawn = {};
  map.eachLayer(l => { const p = l.feature && l.feature.properties;
    if (p && p.id && l._path) { const b = l.getBounds();
      drawn[p.id] = {approximate: p.approximate, bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]}; } });
  const labels = [...document.querySelectorAll('.geo-label')].map(e => e.getBoundingClientRect())
    .filter(r => r.width > 0 && r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom);
  return {drawn, labels: labels.length, zoom: map.getZoom(), note: document.querySelector('.geo-map-note').textContent};
}"""


@pytest.fixture(scope="module")
def store_db(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("surfaces") / "geo.db")


@pytest.fixture(scope="module")
def boundaries() -> dict[str, tuple[float, float, float, float]]:
    """The bounds of every place the bundled boundary file gives a real shape."""
    data = json.loads((default_gazetteer() / "boundaries.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["id"]: shapely.geometry.shape(f["geometry"]).bounds for f in data["features"]}


def publish_store(db: Path, out: Path, **options) -> Path:
    """The site of the store ``db`` (the bundled gazetteer's real shapes), written to ``out``."""
    gazetteer = Gazetteer.load()
    store = Store(db)
    try:
        timeline, articles = store.timeline(gazetteer), store.articles()
    finally:
        store.close()
    publish(out, timeline, gazetteer, place_shapes(gazetteer), articles, **options)
    return out


@pytest.fixture(scope="module")
def site_url(store_db, tmp_path_factory):
    """The site published from the store, served over http on 127.0.0.1."""
    with serve_folder(publish_store(store_db, tmp_path_factory.mktemp("site") / "site")) as url:
        yield url


def check_shapes(found: dict, boundaries: dict) -> None:
    """Every place of the boundary file is drawn from its real polygon, not an approximate cell."""
    missing = sorted(set(boundaries) - set(found["drawn"]))
    assert not missing, f"places with a boundary not drawn: {missing[:5]}"
    for place_id, bounds in boundaries.items():
        drawn = found["drawn"][place_id]
        assert drawn["approximate"] is False, place_id
        # Simplified for display by 10 m: the drawn polygon spans what the surveyed one spans.
        assert all(abs(a - b) < 0.0008 for a, b in zip(drawn["bounds"], bounds)), place_id


def check_in_view(page, selector_box: dict, frame_box: dict | None = None) -> None:
    """A box (page coordinates) inside the window, and inside the frame that holds it, if any."""
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    for left, top, right, bottom in [(0, 0, width, height)] + (
        [
            (
                frame_box["x"],
                frame_box["y"],
                frame_box["x"] + frame_box["width"],
                frame_box["y"] + frame_box["height"],
            )
        ]
        if frame_box
        else []
    ):
        assert selector_box["x"] >= left - 1 and selector_box["y"] >= top - 1
        assert selector_box["x"] + selector_box["width"] <= right + 1
        assert selector_box["y"] + selector_box["height"] <= bottom + 1


def check_axis(scope, dates: int) -> None:
    ticks, marks = scope.locator(".geo-axis .geo-tick"), scope.locator(".geo-axis .geo-mark")
    assert ticks.count() >= 2 and ticks.first.is_visible()
    assert marks.count() == dates


def check_outside(outside: list[str]) -> None:
    """Nothing left the machine but requests for the basemap's tiles."""
    tiles = basemap_for(Gazetteer.load())
    host = tiles.url.split("/")[2].replace("{s}.", "")
    assert all(host in url and url.endswith(".png") for url in outside), sorted(set(outside))[:5]


def wait_drawn(scope) -> None:
    scope.locator("path.leaflet-interactive").first.wait_for(timeout=30_000)
    scope.locator(".geo-label").first.wait_for(timeout=10_000)


# -- the app -------------------------------------------------------------------------------------
def open_app(context, url: str):
    """The map page on the second report's day, its map drawn: (the page, the map's frame)."""
    page = context.new_page()
    page.goto(f"{url}/?date={DAYS[1].isoformat()}")
    page.wait_for_selector(MAP_FRAME, timeout=30_000)
    frame = page.frame_locator(MAP_FRAME)
    wait_drawn(frame)
    return page, frame


def test_the_app_at_1400_by_900(store_db, boundaries, browser, tmp_path):
    outside: list[str] = []
    context = new_context(browser, outside=outside, viewport={"width": 1400, "height": 900})
    try:
        with serve_app(tmp_path, store_db) as url:
            page, frame = open_app(context, url)
            page.wait_for_timeout(800)  # the labels settle after the last layer is added
            inner = page.locator(MAP_FRAME).element_handle().content_frame()
            found = inner.evaluate(SURFACE_JS)
            check_shapes(found, boundaries)
            assert found["labels"] >= MIN_LABELS, found["labels"]
            assert page.evaluate("window.scrollY") == 0
            check_in_view(
                page, frame.locator(".geo-key").bounding_box(), page.locator(MAP_FRAME).bounding_box()
            )
            check_axis(page, len(DAYS))
            check_app_axis(page, inner)
            assert found["note"] == NO_TILES_NOTE  # the tiles cannot load here, and the map says so
            screenshot(page, tmp_path, "surface-app-1400")

            # Chosen from the list: outlined, and the map moves to it.
            page.locator('[data-testid="stSelectbox"]').filter(has_text="Place history").locator(
                "input"
            ).click()  # not the sidebar's city
            page.keyboard.type("Sheikh Saeed")
            page.keyboard.press("Enter")
            inner.wait_for_function(
                "zoom => { let s; window.geoMap.eachLayer(l => { if (l.feature && l.feature.properties.selected) s = l; });"
                " return s && window.geoMap.getBounds().contains(s.getBounds()) && window.geoMap.getZoom() > zoom; }",
                arg=found["zoom"],
                timeout=15_000,
            )
            assert inner.locator(".geo-label-selected").inner_text() == "Sheikh Saeed"
            screenshot(page, tmp_path, "surface-app-selected")
        check_outside(outside)
    finally:
        context.close()


def check_app_axis(page, inner) -> None:
    """The app's slider is a time axis: a step a day, week ticks a week apart, a mark on each
    report's day, "as of" the day shown; a day between two reports keeps the report before it."""
    span = (DAYS[-1] - DAYS[0]).days
    slider = page.get_by_role("slider")
    assert (slider.get_attribute("min"), slider.get_attribute("max"), slider.get_attribute("step")) == (
        "0",
        str(span),
        "1",
    )  # a position a day, not a position a report
    ticks = page.eval_on_selector_all(".geo-axis .geo-tick", "ts => ts.map(t => parseFloat(t.style.left))")
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert (
        gaps and max(gaps) - min(gaps) < 0.5 and abs(gaps[0] - 700 / span) < 0.5
    )  # a week is 7 days of the axis
    marks = page.eval_on_selector_all(".geo-axis .geo-mark", "ms => ms.map(m => parseFloat(m.style.left))")
    assert marks == pytest.approx([100 * (d - DAYS[0]).days / span for d in DAYS], abs=0.05)
    # The axis under the slider spans the slider's track.
    track = page.locator("[data-testid=stSlider] [role=group] > div").first.bounding_box()
    axis = page.locator(".geo-axis-track").bounding_box()
    assert abs(track["width"] - axis["width"]) < 0.1 * track["width"]
    fills = inner.evaluate(FILLS_JS)
    slider.focus()
    page.keyboard.press("ArrowRight")  # the day after the report of 7 December: no report that day
    after = date.fromordinal(DAYS[1].toordinal() + 1)
    page.wait_for_function(f"location.search.includes('date={after.isoformat()}')", timeout=15_000)
    page.get_by_text("no report that day: positions as of 7 December 2016").wait_for(timeout=15_000)
    assert page.locator(".geo-block strong").first.inner_text() == "8 December 2016"
    assert slider.get_attribute("aria-valuetext") == "8 December 2016"
    page.get_by_text("What changed on 7 December 2016").wait_for()
    assert inner.evaluate(FILLS_JS) == fills  # the map as the last report left it
    cursor = float(page.locator(".geo-axis .geo-cursor").evaluate("c => parseFloat(c.style.left)"))
    assert cursor == pytest.approx(100 * (after - DAYS[0]).days / span, abs=0.05)


#: The fill colour Leaflet drew for each place.
FILLS_JS = """() => { const fills = {}; window.geoMap.eachLayer(l => { if (l.feature && l.feature.properties.id && l._path)
  fills[l.feature.properties.id] = l._path.getAttribute('fill'); }); return fills; }"""
#: How far the app's page (Streamlit's main block) is scrolled.
APP_SCROLL_JS = "() => document.querySelector('[data-testid=stMain]').scrollTop"


def test_the_app_on_a_phone_puts_the_map_first_in_one_scroll(store_db, browser, tmp_path):
    outside: list[str] = []
    context = new_context(browser, outside=outside, viewport={"width": 390, "height": 844})
    try:
        with serve_app(tmp_path, store_db) as url:
            page, frame = open_app(context, url)
            page.get_by_text("What changed on 7 December 2016").wait_for(timeout=15_000)
            page.wait_for_timeout(800)
            inner = page.locator(MAP_FRAME).element_handle().content_frame()
            map_box = page.locator(MAP_FRAME).bounding_box()
            # Map first, at a usable height, above the axis, the summary and the citing text.
            assert map_box["y"] < 844 * 0.25 and map_box["height"] >= 400 and map_box["width"] >= 340
            for below in (
                page.locator("[data-testid=stSlider]"),
                page.locator(".geo-axis"),
                page.get_by_text("As of 7 December").first,
                page.get_by_text("What changed on 7 December 2016"),
            ):
                assert below.bounding_box()["y"] >= map_box["y"] + map_box["height"] - 1
            check_in_view(page, frame.locator(".geo-key").bounding_box(), map_box)
            assert inner.evaluate(SURFACE_JS)["labels"] >= MIN_LABELS
            # One scroll: nothing on the page scrolls but the page itself, and the map's frame never does.
            scrollers = page.evaluate("""() => [...document.querySelectorAll('[data-testid=stMain] *')]
              .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowY) && e.scrollHeight > e.clientHeight + 1)
              .map(e => e.getAttribute('data-testid') || e.className)""")
            assert scrollers == []
            assert inner.evaluate(
                "() => document.scrollingElement.scrollHeight <= innerHeight + 1 || "
                "getComputedStyle(document.body).overflowY == 'hidden'"
            )
            screenshot(page, tmp_path, "surface-app-390")

            # The wheel over the map scrolls the page, until a click gives the map focus.
            zoom = inner.evaluate("() => window.geoMap.getZoom()")
            page.mouse.move(map_box["x"] + map_box["width"] / 2, map_box["y"] + map_box["height"] / 2)
            page.mouse.wheel(0, 300)
            page.wait_for_function(f"({APP_SCROLL_JS})() > 0", timeout=5000)
            assert inner.evaluate("() => [window.geoMap.getZoom(), window.scrollY]") == [
                zoom,
                0,
            ]  # the frame stayed put
            page.evaluate("document.querySelector('[data-testid=stMain]').scrollTo(0, 0)")
            page.wait_for_timeout(300)
            inner.locator(".leaflet-container").focus()
            page.mouse.move(map_box["x"] + map_box["width"] / 2, map_box["y"] + map_box["height"] / 2)
            page.mouse.wheel(0, -300)
            inner.wait_for_function(f"window.geoMap.getZoom() > {zoom}", timeout=5000)
        check_outside(outside)
    finally:
        context.close()


def test_where_leaflet_cannot_load_the_app_shows_the_dates_image(store_db, browser, tmp_path):
    """No Leaflet installed and its CDN blocked: the map's frame shows the date's PNG, and the next one on Next."""
    context = new_context(browser, block_leaflet=True, viewport={"width": 1400, "height": 900})
    try:
        with serve_app(tmp_path, store_db, env={"GEO_LEAFLET_DIR": str(tmp_path / "no-leaflet")}) as url:
            page = context.new_page()
            page.goto(f"{url}/?date={DAYS[1].isoformat()}")
            page.wait_for_selector(MAP_FRAME, timeout=30_000)
            frame = page.frame_locator(MAP_FRAME)
            image = frame.locator("img.geo-fallback")
            image.wait_for(state="visible", timeout=30_000)
            inner = page.locator(MAP_FRAME).element_handle().content_frame()
            inner.wait_for_function("document.querySelector('img.geo-fallback').naturalWidth > 0")
            assert frame.locator("path.leaflet-interactive").count() == 0
            box, map_box = image.bounding_box(), page.locator(MAP_FRAME).bounding_box()
            assert box["width"] > 300 and box["height"] > 300 and map_box["height"] >= 500
            first = image.get_attribute("src")
            assert first.startswith("data:image/png;base64,")
            page.locator('[data-testid="stStatusWidget"]').wait_for(
                state="detached", timeout=15_000
            )  # the rerun that drew it is over
            screenshot(page, tmp_path, "surface-app-fallback")
            page.get_by_role("button", name="Next").click()
            page.get_by_text("Sheikh Saeed: Contested → Government").wait_for(timeout=15_000)
            inner.wait_for_function(
                f"document.querySelector('img.geo-fallback').src.length != {len(first)} || "
                f"document.querySelector('img.geo-fallback').src.slice(-200) != {first[-200:]!r}",
                timeout=30_000,
            )
    finally:
        context.close()


# -- the pages -----------------------------------------------------------------------------------
@pytest.mark.parametrize("width,height", [(1400, 900), (390, 844)])
def test_a_snapshot_page(site_url, boundaries, browser, tmp_path, width, height):
    outside: list[str] = []
    context = new_context(browser, outside=outside, viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{DAYS[1].isoformat()}.html")
        wait_drawn(page)
        page.wait_for_timeout(300)
        found = page.evaluate(SURFACE_JS)
        check_shapes(found, boundaries)
        assert found["labels"] >= MIN_LABELS, found["labels"]
        key, changes = page.locator(".geo-key").bounding_box(), page.locator(".geo-panel h2").bounding_box()
        check_in_view(page, key)
        # Over the map: beside the change list on a wide screen, above it on a narrow one.
        assert (
            key["x"] + key["width"] <= changes["x"]
            if width >= 720
            else key["y"] + key["height"] <= changes["y"]
        )
        check_axis(page, len(DAYS))
        assert page.locator(".geo-mark-current").get_attribute("href") == f"{DAYS[1].isoformat()}.html"
        if width < 720:
            map_box = page.locator(".geo-map").bounding_box()
            assert map_box["y"] < 140 and map_box["height"] >= 300  # the map first, at a usable height
            assert map_box["y"] + map_box["height"] <= changes["y"]
        screenshot(page, tmp_path, f"surface-snapshot-{width}")
        check_outside(outside)
    finally:
        context.close()


def test_a_snapshot_page_shows_the_percent_check_beside_the_maps_share(site_url, store_db, browser, tmp_path):
    """A claimed share of a region repaints nothing: the page shows it as a check, claimed beside mapped."""
    gazetteer = Gazetteer.load()
    store = Store(store_db)
    try:
        (check,) = store.timeline(gazetteer).percent_checks(DAYS[2])
    finally:
        store.close()
    context = new_context(browser, viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        for name in (f"{DAYS[2].isoformat()}.html", f"timeline.html#{DAYS[2].isoformat()}"):
            page.goto(f"{site_url}/{name}")
            wait_drawn(page)
            section = page.locator(".geo-percent:visible")
            section.wait_for()
            assert "Shares claimed, checked against the map" in section.inner_text()
            figures = section.locator(".geo-figures").inner_text()
            assert figures == f"claimed {check.claimed_text}, map {check.on_map:g}%"
            assert "90 percent" in section.locator("blockquote").inner_text()
        page.goto(f"{site_url}/{DAYS[1].isoformat()}.html")  # no share claimed that day
        assert page.locator(".geo-percent").count() == 0
        page.goto(f"{site_url}/{DAYS[2].isoformat()}.html")
        page.locator(".geo-percent").scroll_into_view_if_needed()
        screenshot(page, tmp_path, "surface-snapshot-percent")
    finally:
        context.close()


def embed_page(page, site_url: str, width: int, height: int, fragment: str = "") -> None:
    page.set_content(
        '<!DOCTYPE html><html><body style="margin:0;font:16px Georgia"><p style="margin:8px">An article.</p>'
        f'<iframe id="embed" src="{site_url}/timeline.html{fragment}" width="{width}" height="{height}" '
        'style="border:0"></iframe><p>More of the article.</p></body></html>'
    )


@pytest.mark.parametrize("width,height,viewport", [(600, 640, (1000, 800)), (390, 640, (390, 844))])
def test_the_timeline_in_an_iframe(site_url, boundaries, browser, tmp_path, width, height, viewport):
    outside: list[str] = []
    context = new_context(browser, outside=outside, viewport={"width": viewport[0], "height": viewport[1]})
    try:
        page = context.new_page()
        embed_page(page, site_url, width, height, "#2016-12-09")
        frame = page.frame_locator("#embed")
        wait_drawn(frame)
        inner = page.locator("#embed").element_handle().content_frame()
        inner.wait_for_timeout(300)
        found = inner.evaluate(SURFACE_JS)
        check_shapes(found, boundaries)
        assert found["labels"] >= MIN_LABELS, found["labels"]
        frame_box = page.locator("#embed").bounding_box()
        check_in_view(page, frame.locator(".geo-key").bounding_box(), frame_box)
        check_axis(frame, len(DAYS))
        # A day between two reports: "as of" that day, the map and text of the last report before it.
        assert frame.locator("#geo-date").inner_text() == "As of 9 December 2016"
        assert frame.locator(".geo-day:not([hidden])").get_attribute("data-date") == DAYS[1].isoformat()
        assert "No report on 9 December 2016" in frame.locator("#geo-note").inner_text()
        assert inner.evaluate("getComputedStyle(document.querySelector('.geo-panel')).overflowY") in (
            "visible",
            "auto",
        )  # on one column the panel scrolls with the page, not inside it
        screenshot(page, tmp_path, f"surface-embed-{width}")
        check_outside(outside)
    finally:
        context.close()


def test_the_time_axis_plays_at_three_speeds_and_pauses_at_once(site_url, browser):
    context = new_context(browser, viewport={"width": 1000, "height": 800})
    try:
        page = context.new_page()
        page.goto(f"{site_url}/timeline.html")
        wait_drawn(page)
        slider = page.locator("#geo-slider")
        assert slider.get_attribute("max") == str((DAYS[-1] - DAYS[0]).days)  # a step a day
        ticks = page.eval_on_selector_all(".geo-tick", "ts => ts.map(t => parseFloat(t.style.left))")
        gaps = [b - a for a, b in zip(ticks, ticks[1:])]
        assert gaps and max(gaps) - min(gaps) < 0.5  # a week is a week wherever it is
        marks = page.eval_on_selector_all(".geo-mark", "ms => ms.map(m => parseFloat(m.style.left))")
        span = (DAYS[-1] - DAYS[0]).days
        assert marks == pytest.approx([100 * (d - DAYS[0]).days / span for d in DAYS], abs=0.05)
        assert page.locator("#geo-speed option").all_inner_texts() == ["1×", "2×", "4×"]
        page.select_option("#geo-speed", "4")
        page.click("#geo-play")
        page.wait_for_function("document.getElementById('geo-slider').value >= 3", timeout=5000)
        page.click("#geo-play")  # pause
        stopped = slider.input_value()
        page.wait_for_timeout(700)
        assert slider.input_value() == stopped and page.locator("#geo-play").inner_text() == "Play"
        page.click("#geo-next")
        assert page.locator(".geo-day:not([hidden])").get_attribute("data-date") == DAYS[1].isoformat()
        assert page.evaluate("location.hash") == f"#{DAYS[1].isoformat()}"
    finally:
        context.close()


@pytest.mark.parametrize(
    "fragment,says,shown",
    [
        ("#2016-11-20", "before the first report (27 November 2016)", DAYS[0]),
        ("#2017-01-05", "after the last report (12 December 2016)", DAYS[-1]),
    ],
)
def test_a_link_outside_the_reports_says_so(site_url, browser, fragment, says, shown):
    context = new_context(browser, viewport={"width": 600, "height": 640})
    try:
        page = context.new_page()
        page.goto(f"{site_url}/timeline.html{fragment}")
        wait_drawn(page)
        assert says in page.locator("#geo-note").inner_text()
        assert page.locator(".geo-day:not([hidden])").get_attribute("data-date") == shown.isoformat()
    finally:
        context.close()


def test_on_a_phone_the_wheel_scrolls_the_page_until_the_map_has_focus(site_url, browser, tmp_path):
    context = new_context(browser, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(f"{site_url}/timeline.html")
        wait_drawn(page)
        box = page.locator(".geo-map").bounding_box()
        zoom = page.evaluate("window.geoMap.getZoom()")
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.wheel(0, 300)
        page.wait_for_function("window.scrollY > 0", timeout=3000)
        assert page.evaluate("window.geoMap.getZoom()") == zoom
        page.evaluate("window.scrollTo(0, 0)")
        page.locator(".geo-map .leaflet-container").focus()
        box = page.locator(".geo-map").bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.wheel(0, -300)
        page.wait_for_function(f"window.geoMap.getZoom() > {zoom}", timeout=3000)
        screenshot(page, tmp_path, "surface-timeline-390-zoomed")
    finally:
        context.close()


@pytest.mark.parametrize("name", ["timeline.html", f"{DAYS[1].isoformat()}.html"])
def test_where_leaflet_cannot_load_the_page_shows_the_dates_image(site_url, browser, tmp_path, name):
    context = new_context(browser, block_leaflet=True, viewport={"width": 1000, "height": 800})
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{name}#{DAYS[1].isoformat()}")
        image = page.locator("img.geo-fallback")
        image.wait_for(state="visible")
        page.wait_for_function("document.querySelector('img.geo-fallback').naturalWidth > 0")
        assert image.get_attribute("src").endswith(f"png/{DAYS[1].isoformat()}.png")
        assert page.locator("path.leaflet-interactive").count() == 0
        box = image.bounding_box()
        assert box["width"] > 300 and box["height"] > 300
        screenshot(page, tmp_path, f"surface-fallback-{Path(name).stem}")
        if name == "timeline.html":  # the axis still works and swaps the image
            page.click("#geo-next")
            page.wait_for_function(
                f"document.querySelector('img.geo-fallback').src.endsWith('{DAYS[2].isoformat()}.png')"
            )
    finally:
        context.close()


def test_with_no_basemap_nothing_leaves_the_machine(store_db, browser, tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_TILES", "none")
    out = publish_store(store_db, tmp_path / "site", png=False, date_to=date(2016, 12, 7))
    outside: list[str] = []
    context = new_context(browser, outside=outside, viewport={"width": 1000, "height": 800})
    try:
        with serve_folder(out) as url:
            page = context.new_page()
            page.goto(f"{url}/timeline.html")
            wait_drawn(page)
            page.wait_for_timeout(300)
            assert page.locator(".geo-map-note").inner_text() == NO_BASEMAP_NOTE
            assert page.locator(".leaflet-tile").count() == 0
        assert outside == []
    finally:
        context.close()
