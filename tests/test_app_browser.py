"""The app in a real browser: the map draws in the timeline's colours, steps, and tells a place's history.

Starts ``streamlit run app.py`` on a free port against a temporary store of invented dispatches
(tests/app_dispatches.py), drives Debian's Chromium with Playwright (tests/browser.py answers
Leaflet's CDN requests from the npm package and everything else with nothing), and saves a
screenshot of each step under the test's folder and .cache/screenshots/.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from geo.app import map_base
from geo.gazetteer import Gazetteer
from geo.render import format_day, place_style
from geo.store import Store
from tests.app_dispatches import DAYS, PAYLOAD, build_store
from tests.browser import screenshot, serve_app
from tests.small_town import CONFLICT

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ROOT = Path(__file__).resolve().parent.parent
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
#: The fill colour Leaflet drew for each place, by the place id in the GeoJSON feature.
FILLS_JS = """() => { const fills = {}; window.map.eachLayer(l => { if (l.feature && l.feature.properties.id && l._path)
  fills[l.feature.properties.id] = l._path.getAttribute('fill'); }); return fills; }"""
#: Where a point (lat, lon) is inside the map's frame, in pixels.
POINT_JS = "([lat, lon]) => { const p = window.map.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """The app served by Streamlit on a free port, over a temporary store; stopped by its pid after."""
    folder = tmp_path_factory.mktemp("app")
    db = build_store(folder / "geo.db")
    with serve_app(folder, db) as url:
        yield url, db


@pytest.fixture(scope="module")
def expected(app_url):
    """What the map should show, from the same store: states per date, and a point inside each place."""
    _, db = app_url
    gazetteer = Gazetteer.load()
    store = Store(db)
    try:
        timeline = store.timeline(gazetteer)
    finally:
        store.close()
    base = map_base(gazetteer)
    inside = {
        pid: (p.y, p.x) for pid, p in zip(base.shapes["id"], base.shapes.geometry.representative_point())
    }
    return timeline, inside


def expected_fills(timeline, day) -> dict[str, str]:
    changed = {c.place_id for c in timeline.changes_on(day)}
    drawn = {p.id for p in timeline.gazetteer.areas if p.located}  # a place without a coordinate is not drawn
    return {
        pid: place_style(s.controller, s.status, pid in changed, conflict=CONFLICT)["fillColor"]
        for pid, s in timeline.state_on(day).items()
        if pid in drawn
    }


def map_frame(page):
    """The map's frame, once Leaflet has drawn every place."""
    page.wait_for_selector(MAP_FRAME, timeout=30_000)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("path.leaflet-interactive").first.wait_for(timeout=30_000)
    return page.locator(MAP_FRAME).element_handle().content_frame()


def wait_for_fills(frame, want: dict[str, str], timeout: float = 15.0) -> dict[str, str]:
    deadline = time.monotonic() + timeout
    while True:
        fills = frame.evaluate(FILLS_JS)
        if all(fills.get(pid) == colour for pid, colour in want.items()) or time.monotonic() > deadline:
            return fills
        time.sleep(0.2)


def wait_for_address(page, part: str, timeout: float = 15.0) -> None:
    """Wait until the address holds ``part`` (the app rewrites its query string without navigating)."""
    deadline = time.monotonic() + timeout
    while part not in page.url:
        assert time.monotonic() < deadline, f"the address never held {part!r}: {page.url}"
        page.wait_for_timeout(100)


def test_the_map_steps_through_the_dates_and_tells_a_place_history(app_url, expected, browser_page, tmp_path):
    url, _ = app_url
    timeline, inside = expected
    page = browser_page
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{url}/?date={DAYS[0].isoformat()}")
    frame = map_frame(page)

    first = expected_fills(timeline, DAYS[0])
    fills = wait_for_fills(frame, first)
    assert len(fills) == len(first)
    assert {pid: fills[pid] for pid in first} == first
    assert first["masaken-hanano"] != first["al-shaar"]  # the date shows two sides, in two colours
    page.get_by_text("Masaken Hanano: Opposition → Government").wait_for()
    screenshot(page, tmp_path, "app-1-first-date")

    frame.evaluate(
        "() => { window.__kept = true; window.map.setZoom(window.map.getZoom() + 1, {animate: false}); }"
    )
    zoom = frame.evaluate("() => window.map.getZoom()")
    page.get_by_role("button", name="Next").click()
    second = expected_fills(timeline, DAYS[1])
    fills = wait_for_fills(frame, second)
    assert {pid: fills[pid] for pid in second} == second
    assert second["al-shaar"] != first["al-shaar"]
    page.get_by_text("al-Sha'ar: Opposition → Government").wait_for()
    assert page.get_by_text("Masaken Hanano: Opposition → Government").count() == 0
    wait_for_address(page, f"date={DAYS[1].isoformat()}")
    assert frame.evaluate("() => [window.__kept, window.map.getZoom()]") == [
        True,
        zoom,
    ]  # restyled, not redrawn
    screenshot(page, tmp_path, "app-2-next-date")

    page.locator(MAP_FRAME).scroll_into_view_if_needed()  # a click on a half-hidden frame scrolls the page
    lat, lon = inside["al-shaar"]
    x, y = frame.evaluate(POINT_JS, [lat, lon])
    box = page.locator(MAP_FRAME).bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    history = page.locator(".geo-block", has_text="Government from " + format_day(DAYS[1]))
    history.first.wait_for(timeout=15_000)
    assert "Opposition from" in history.first.inner_text()
    wait_for_address(page, "place=al-shaar")
    screenshot(page, tmp_path, "app-3-place-history")

    page.get_by_role("button", name="Next").click()
    page.get_by_text(
        "Sheikh Saeed: Contested → Government"
    ).wait_for()  # partly held before: the baseline of the facts
    page.get_by_text("claimed 90%").wait_for()
    assert page.evaluate("window.__pwned") is None
    assert all(f.evaluate("window.__pwned") is None for f in page.frames)
    assert PAYLOAD not in page.content()
    assert (
        "Changed on this date" in page.frame_locator(MAP_FRAME).locator(".geo-key .geo-legend").inner_text()
    )
    screenshot(page, tmp_path, "app-4-last-date-legend")


def test_play_steps_through_the_dates_on_its_own_and_stops_at_the_last(
    app_url, expected, browser_page, tmp_path
):
    url, _ = app_url
    timeline, _ = expected
    page = browser_page
    page.goto(f"{url}/?date={DAYS[-1].isoformat()}")
    map_frame(page)
    frame = page.locator(MAP_FRAME).element_handle().content_frame()
    frame.evaluate("() => { window.__kept = true; }")
    page.get_by_role("button", name="Play").click()  # from the last date, playing starts again at the first
    page.get_by_role("button", name="Pause").wait_for()
    wait_for_address(page, f"date={DAYS[0].isoformat()}")
    wait_for_address(page, f"date={DAYS[1].isoformat()}")
    wait_for_address(page, f"date={DAYS[2].isoformat()}")
    page.get_by_role("button", name="Play").wait_for(timeout=15_000)  # it stopped by itself
    fills = wait_for_fills(
        frame := page.locator(MAP_FRAME).element_handle().content_frame(), expected_fills(timeline, DAYS[2])
    )
    assert fills["sheikh-saeed"] == expected_fills(timeline, DAYS[2])["sheikh-saeed"]
    assert frame.evaluate("() => window.__kept") is True  # every step restyled the map, none redrew it
    screenshot(page, tmp_path, "app-5-after-play")


@pytest.mark.parametrize("width,height", [(1400, 900), (390, 844)])
def test_the_review_page_shows_a_claim_whole_at_desk_and_phone_width(
    app_url, browser_page, tmp_path, width, height
):
    """Place as written, article, paragraph, small map and the form, nothing wider than the screen."""
    url, _ = app_url
    page = browser_page
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{url}/Review")
    page.get_by_text("Place as written").first.wait_for(timeout=30_000)
    locator = page.locator("img.geo-locator").first
    locator.wait_for(timeout=15_000)
    assert page.evaluate("img => img.complete && img.naturalWidth > 0", locator.element_handle())
    assert page.locator("blockquote.geo-context .geo-claim").count() >= 1
    page.get_by_role("button", name="Save decision").wait_for()
    main = page.locator('[data-testid="stMain"]')
    assert page.evaluate(
        "el => el.scrollWidth <= el.clientWidth + 1", main.element_handle()
    )  # no sideways scroll
    assert page.evaluate("window.__pwned") is None and all(
        f.evaluate("window.__pwned") is None for f in page.frames
    )
    screenshot(page, tmp_path, f"review-{width}")
    if width >= 1000:  # at the desk the claim, its map and the form's button fit on the first screen
        box = page.get_by_role("button", name="Save decision").bounding_box()
        assert box and box["y"] + box["height"] <= height
        assert locator.bounding_box()["y"] < height / 2
    screenshot(page, tmp_path, f"review-{width}")
