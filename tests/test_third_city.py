"""Another war is new data: an invented port town fighting an invented war, from fixture files only.

Why: the project promises that a city is a gazetteer folder and a war a conflict folder, with no
code to change. Port Verity (tests/fixtures/cities/) has three sides named like no real war's, in
other colours, and one quarter no source places; ingest -> timeline -> publish must show its sides'
labels and colours, never another war's, and list the unplaced quarter beside the map.
"""

from __future__ import annotations

import csv
import json
import re
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

import pytest

from geo.cli import main
from geo.gazetteer import Gazetteer, place_shapes

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "cities"
CITY = FIXTURE / "port-verity"
SIDES = {
    "harbour-league": ("Harbour League", "#0072B2"),
    "hill-clans": ("Hill Clans", "#CC79A7"),
    "salt-guild": ("Salt Guild", "#56B4E9"),
}
OTHER_WARS = ("Government", "Opposition", "Islamic State", "Kurdish", "#D55E00", "#009E73")


def run(*args: str) -> str:
    out = StringIO()
    with redirect_stdout(out):
        assert main(list(args)) == 0
    return out.getvalue()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, str]:
    """The city ingested, its timeline printed, and published (PNGs included)."""
    work = tmp_path_factory.mktemp("port-verity")
    db = str(work / "store.db")
    run("ingest", str(CITY / "articles"), "--gazetteer", str(CITY), "--db", db)
    timeline = run("timeline", "--gazetteer", str(CITY), "--db", db)
    run("publish", "--out", str(work / "site"), "--gazetteer", str(CITY), "--db", db, "--include-unreviewed")
    return work / "site", timeline


def test_the_city_loads_its_own_war_from_beside_it():
    gazetteer = Gazetteer.load(CITY)
    war = gazetteer.war
    assert war.id == "lagoon-war" and war.folder == (FIXTURE / "conflicts" / "lagoon-war").resolve()
    assert {s.id: (s.label, s.colour) for s in war.sides} == SIDES
    assert war.opponent("salt-guild") == "hill-clans" and war.opponents("harbour-league") == (
        "hill-clans",
        "salt-guild",
    )
    assert [p.id for p in gazetteer.unlocated] == ["reed-market"]
    assert "reed-market" not in set(place_shapes(gazetteer)["id"])


def test_ingest_reads_with_the_citys_names_and_actors(site):
    _, timeline = site
    assert "upper-terraces           hill-clans -> harbour-league" in timeline
    assert "saltpans                 salt-guild -> hill-clans" in timeline
    assert "reed-market              salt-guild -> hill-clans" in timeline  # claimed though never drawn
    assert "0 claim(s) not on the map" in timeline


def test_pages_use_the_sides_labels_and_colours(site):
    folder, _ = site
    pages = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.html")}
    assert len(pages) == 5  # three dates, the timeline, the index
    for name, html in pages.items():
        for word in OTHER_WARS:
            assert word not in html, (name, word)
    last = pages["2011-03-09.html"]
    key = re.search(r'div\.innerHTML = ("(?:[^"\\]|\\.)*")', last)  # the key, drawn in the map's corner
    legend = json.loads(key.group(1))
    assert 'class="geo-legend"' in legend
    for label, colour in SIDES.values():
        assert f'fill="{colour}"' in legend and label in legend
    assert '"fillColor": "#CC79A7"' in last  # the Saltpans, now the clans'
    assert (
        'Upper Terraces: Hill Clans <span class="geo-arrow">→</span> Harbour League'
        in pages["2011-03-01.html"]
    )


def test_a_place_without_a_coordinate_is_listed_beside_the_map_not_drawn(site):
    folder, _ = site
    last = (folder / "2011-03-09.html").read_text(encoding="utf-8")
    listed = re.search(r'<section class="geo-off-map">(.*?)</section>', last, re.S)
    assert listed and "Named in reports, not on the map: no coordinate" in listed.group(1)
    assert "Reed Market: Hill Clans since 9 March 2011" in listed.group(1)
    assert "background:#CC79A7" in listed.group(1)
    first = (folder / "2011-03-01.html").read_text(encoding="utf-8")
    assert '<section class="geo-off-map">' not in first  # no report names it yet
    assert '"saltpans"' in last and '"reed-market"' not in last  # a feature of the map, and not one


def test_geojson_and_csv_carry_the_sides_and_the_unplaced_quarter(site):
    folder, _ = site
    data = json.loads((folder / "data" / "control-2011-03-09.geojson").read_text(encoding="utf-8"))
    by_id = {f["id"]: f for f in data["features"]}
    assert set(by_id) == {p.id for p in Gazetteer.load(CITY).areas}
    assert (
        by_id["reed-market"]["geometry"] is None
        and by_id["reed-market"]["properties"]["controller"] == "hill-clans"
    )
    assert (
        by_id["saltpans"]["geometry"]["type"] == "Polygon"
        and by_id["saltpans"]["properties"]["controller"] == "hill-clans"
    )
    with (folder / "data" / "claims.csv").open(encoding="utf-8", newline="") as handle:
        rows = {r["place_id"]: r for r in csv.DictReader(handle)}
    assert rows["upper-terraces"]["actor1"] == "Harbour League"
    assert rows["upper-terraces"]["sub_event_type"] == "Government regains territory"  # the state's side
    assert rows["saltpans"]["actor1"] == "Hill Clans"
    assert rows["saltpans"]["sub_event_type"] == "Non-state actor overtakes territory"
    assert rows["reed-market"]["latitude"] == rows["reed-market"]["longitude"] == ""
    assert rows["reed-market"]["notes"].startswith("Reed Market: Salt Guild to Hill Clans")
    assert (folder / "png" / "2011-03-09.png").stat().st_size > 10_000


def test_the_apps_map_page_lists_the_unplaced_quarter_and_labels_the_sides(site):
    from geo.app import views
    from geo.render import legend_html
    from geo.store import Store

    folder, _ = site
    store = Store(folder.parent / "store.db")
    try:
        gazetteer = Gazetteer.load(CITY)
        data = views.coverage(store, gazetteer, views.map_base(gazetteer))
        view = views.date_view(data, data.dates[-1])
        block = str(views.changes_block(view))
        assert (
            "Named in reports, not on the map: no coordinate" in block and "Reed Market: Hill Clans" in block
        )
        assert [p.place_id for p in view.snapshot.off_map] == ["reed-market"]
        assert "reed-market" not in data.base.display.ids
        assert "Port Verity: Harbour League" in view.summary
        legend = legend_html(data.controllers, conflict=gazetteer.war)
        assert all(label in legend for label, _ in SIDES.values()) and "Opposition" not in legend
    finally:
        store.close()
