"""The published site in a real browser (Chromium, offline): the timeline steps through dates,
opens the date a link names, fits a phone-width iframe, and no article text ever runs as script."""

import json

import pytest

from geo.publish import publish
from geo.render import fills as fills_of
from tests import small_town
from tests.browser import new_context, screenshot

FILL = fills_of(small_town.CONFLICT)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser") / "site"
    publish(
        out, small_town.timeline(), small_town.town(), small_town.shapes(), small_town.articles(), png=False
    )
    return out


def fills_by_place(page) -> dict[str, str]:
    """Each place's polygon fill as drawn (read from the SVG paths Leaflet made)."""
    return page.evaluate("""() => {
        const data = JSON.parse(document.getElementById('geo-timeline-data').textContent);
        const out = {};
        window[data.layer].eachLayer(l => { out[l.feature.properties.id] = l._path.getAttribute('fill'); });
        return out;
    }""")


def visible_day(page) -> str:
    return page.locator(".geo-day:not([hidden])").get_attribute("data-date")


def open_timeline(page, site, fragment=""):
    page.goto((site / "timeline.html").as_uri() + fragment)
    page.wait_for_selector("path.leaflet-interactive")


def test_slider_restyles_the_polygons_and_changes_the_citing_text(browser_page, site, tmp_path):
    page = browser_page
    open_timeline(page, site)
    all_fills = lambda: page.eval_on_selector_all(  # noqa: E731
        "path.leaflet-interactive", "paths => paths.map(p => p.getAttribute('fill')).sort()"
    )
    first_fills, first_text = all_fills(), page.locator(".geo-day:not([hidden])").inner_text()
    assert visible_day(page) == "2016-11-22" and "Troops entered North Gate" in first_text
    screenshot(page, tmp_path, "timeline-first-date")

    page.focus("#geo-slider")
    page.keyboard.press("ArrowRight")  # the axis steps a day: 23 November still shows the 22nd's report
    assert (
        visible_day(page) == "2016-11-22"
        and page.locator("#geo-date").inner_text() == "As of 23 November 2016"
    )
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    assert all_fills() != first_fills
    assert fills_by_place(page)["mill-quarter"] == FILL["opposition"]
    assert visible_day(page) == "2016-11-28"
    text = page.locator(".geo-day:not([hidden])").inner_text()
    assert text != first_text and "Rebels said they still hold" in text
    assert page.evaluate("location.hash") == "#2016-11-28"
    assert page.locator("#geo-date").inner_text() == "As of 28 November 2016"
    screenshot(page, tmp_path, "timeline-second-date")


def test_a_link_with_a_date_opens_that_date(browser_page, site, tmp_path):
    page = browser_page
    open_timeline(page, site, "#2016-12-05")
    assert visible_day(page) == "2016-12-05"
    fills = fills_by_place(page)
    assert fills["hill"] == "url(#geo-hatch-contested)" and fills["old-market"] == FILL["government"]
    assert page.eval_on_selector("#geo-slider", "s => s.value") == "13"  # days since the first report
    # A date between two changes opens the last change before it.
    open_timeline(page, site, "#2016-11-30")
    assert visible_day(page) == "2016-11-28"
    screenshot(page, tmp_path, "timeline-from-fragment")


def test_play_steps_through_the_dates(browser_page, site):
    page = browser_page
    open_timeline(page, site)
    page.select_option("#geo-speed", "4")
    page.click("#geo-play")
    page.wait_for_function("location.hash === '#2016-11-28'", timeout=5000)
    assert page.locator("#geo-play").inner_text() == "Pause"
    page.click("#geo-play")
    assert page.locator("#geo-play").inner_text() == "Play"


def test_tooltip_shows_markup_in_a_place_name_as_text(browser_page, site):
    page = browser_page
    open_timeline(page, site, "#2016-12-05")
    box = page.evaluate("""() => {
        const data = JSON.parse(document.getElementById('geo-timeline-data').textContent);
        let found;
        window[data.layer].eachLayer(l => { if (l.feature.properties.id === 'hill') found = l._path.getBoundingClientRect(); });
        return {x: found.x + found.width / 2, y: found.y + found.height / 2};
    }""")
    page.mouse.move(box["x"], box["y"])
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for()
    text = tooltip.inner_text()
    assert "The <b>Hill</b>" in text and "Contested since 5 December 2016" in text
    assert "approximate shape" in text and "unreviewed claim" in text


def test_a_phone_width_iframe_shows_map_and_text(browser, site, tmp_path):
    outer = site / "embed-test.html"
    outer.write_text(
        '<!DOCTYPE html><html><body style="margin:0"><p>An article around the map.</p>'
        '<iframe id="embed" src="timeline.html#2016-11-28" width="360" height="640" style="border:0"></iframe>'
        "</body></html>",
        encoding="utf-8",
    )
    context = new_context(browser, viewport={"width": 400, "height": 760})
    try:
        page = context.new_page()
        page.goto(outer.as_uri())
        frame = page.frame_locator("#embed")
        frame.locator("path.leaflet-interactive").first.wait_for()
        frame_box = page.locator("#embed").bounding_box()
        map_box = frame.locator(".geo-map").bounding_box()
        text_box = frame.locator(".geo-day:not([hidden]) h2").bounding_box()
        assert map_box["width"] <= 360 and map_box["height"] >= 200
        assert map_box["y"] + map_box["height"] <= text_box["y"]  # map above the text
        assert text_box["y"] + text_box["height"] <= frame_box["y"] + frame_box["height"]  # text in view
        assert frame.locator(".geo-day:not([hidden])").get_attribute("data-date") == "2016-11-28"
        polygons = frame.locator("path.leaflet-interactive")
        assert polygons.count() == len(small_town.BLOCKS)
        inside = [polygons.nth(i).bounding_box() for i in range(polygons.count())]
        assert all(
            b["x"] >= frame_box["x"] - 1 and b["x"] + b["width"] <= frame_box["x"] + 361 for b in inside
        )
        screenshot(page, tmp_path, "timeline-in-phone-iframe")
    finally:
        context.close()
        outer.unlink()


@pytest.mark.parametrize(
    "name,cites_hostile_article",
    [
        ("timeline.html", True),
        ("2016-12-02.html", True),
        ("2016-12-05.html", False),
        ("index.html", False),
    ],
)
def test_no_article_text_runs_as_script(browser_page, site, tmp_path, name, cites_hostile_article):
    page = browser_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((site / name).as_uri() + ("#2016-12-02" if name == "timeline.html" else ""))
    page.wait_for_load_state("load")
    if name != "index.html":
        page.wait_for_selector("path.leaflet-interactive")
    if cites_hostile_article:
        assert "window.__pwned=1" in page.locator(".geo-panel").inner_text()  # shown, as text
    for link in page.locator("a").all():
        href = link.get_attribute("href") or ""
        assert not href.strip().lower().startswith(("javascript:", "data:"))
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.dialogs == [] and errors == []
    screenshot(page, tmp_path, f"safety-{name.replace('.html', '')}", full_page=True)


def test_every_date_of_the_timeline_has_its_own_colours(browser_page, site):
    page = browser_page
    open_timeline(page, site)
    data = json.loads(page.locator("#geo-timeline-data").inner_text())
    seen = []
    for day in data["dates"]:
        page.evaluate(f"location.hash = '#{day}'")
        page.wait_for_function(f"document.querySelector('.geo-day:not([hidden])').dataset.date === '{day}'")
        seen.append(fills_by_place(page))
    timeline = small_town.timeline()
    for day, fills in zip(timeline.dates, seen):
        for place_id, state in timeline.state_on(day).items():
            want = "url(#geo-hatch-contested)" if state.controller == "contested" else FILL[state.controller]
            assert fills[place_id] == want, (day, place_id)
