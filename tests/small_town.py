"""A small invented town for map and publishing tests: five blocks, three articles, four dates.

Everything is built by hand (gazetteer, square shapes, baseline, claims), so the tests read as
examples and depend on no bundled city. One article is hostile: its title, outlet, URL and
sentence carry markup, event handlers and a ``javascript:`` link, to prove every output escapes.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import geopandas as gpd
from shapely.geometry import box

from geo.core import CONFLICTS_DIR, Claim
from geo.gazetteer import (
    PLACE_COLUMNS,
    REGION_COLUMNS,
    Baseline,
    BaselineEntry,
    Gazetteer,
    Place,
    load_conflict,
)
from geo.read import Article
from geo.store import Store
from geo.timeline import ControlTimeline

START = date(2016, 11, 15)
#: (id, name, column, row) of each block in a 3 × 2 grid of 800 m squares.
BLOCKS = (
    ("north-gate", "North Gate", 0, 1),
    ("mill-quarter", "Mill Quarter", 1, 1),
    ("river-bend", "River Bend", 2, 1),
    ("old-market", "Old Market", 0, 0),
    ("hill", "The <b>Hill</b>", 1, 0),
)
STEP = 0.008  # degrees, about 800 m
#: The town's war: the first city's, so its sides are government and opposition.
CONFLICT = load_conflict(CONFLICTS_DIR / "syria")
PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2;alert(1)">'


def town() -> Gazetteer:
    places = {
        pid: Place(pid, name, "neighbourhood", 36.2 + (row + 0.5) * STEP, 37.1 + (col + 0.5) * STEP)
        for pid, name, col, row in BLOCKS
    }
    places["east"] = Place("east", "East Side", "region", members=("mill-quarter", "river-bend"))
    return Gazetteer("Testville", places, crs="EPSG:32637", city_region=None, conflict=CONFLICT)


def shapes() -> gpd.GeoDataFrame:
    rows = [
        {
            "id": pid,
            "name": name,
            "kind": "neighbourhood",
            "approximate": pid == "hill",
            "area_km2": 0.64,
            "geometry": box(
                37.1 + col * STEP, 36.2 + row * STEP, 37.1 + (col + 1) * STEP, 36.2 + (row + 1) * STEP
            ),
        }
        for pid, name, col, row in BLOCKS
    ]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def articles() -> list[Article]:
    return [
        Article(
            "Troops entered North Gate on Tuesday. Fighting went on.",
            "Army advances",
            "Daily Wire",
            "https://news.example/army",
            date(2016, 11, 22),
        ),
        Article(
            "Rebels said they still hold the Mill Quarter and River Bend, reportedly.",
            "Rebels hold east",
            "Evening Post",
            "http://post.example/east?a=1&b=2",
            date(2016, 11, 28),
        ),
        Article(
            f'{PAYLOAD} Government forces captured Old Market. <a href="javascript:alert(2)">x</a>',
            f"Hostile {PAYLOAD}",
            f"Outlet {PAYLOAD}",
            "javascript:alert(3)",
            date(2016, 12, 2),
        ),
    ]


def _claim(
    article: Article,
    sentence: str,
    place_written: str,
    place_id: str,
    controller: str,
    day: date,
    cue: str,
    **extra,
) -> Claim:
    start = article.text.index(sentence)
    place_at = article.text.index(place_written, start)
    cue_at = article.text.index(cue, start)
    return Claim(
        article=article.id,
        sentence=sentence,
        start=start,
        end=start + len(sentence),
        place_as_written=place_written,
        place_id=place_id,
        place=place_id,
        controller=controller,
        claim_type=extra.pop("claim_type", "captured"),
        date_from=day,
        date_to=day,
        place_start=place_at,
        place_end=place_at + len(place_written),
        cue=cue,
        cue_start=cue_at,
        cue_end=cue_at + len(cue),
        **extra,
    )


def claims() -> list[Claim]:
    army, rebels, hostile = articles()
    return [
        _claim(
            army,
            "Troops entered North Gate on Tuesday.",
            "North Gate",
            "north-gate",
            "government",
            date(2016, 11, 22),
            "entered",
        ),
        _claim(
            rebels,
            rebels.text,
            "Mill Quarter",
            "east",
            "opposition",
            date(2016, 11, 28),
            "hold",
            claim_type="holds",
            attribution="rebel spokesmen",
            hedged="reportedly",
        ),
        _claim(
            hostile,
            hostile.text,
            "Old Market",
            "old-market",
            "government",
            date(2016, 12, 2),
            "captured",
            attribution=PAYLOAD,
            hedged=PAYLOAD,
        ),
        _claim(
            army,
            "Fighting went on.",
            "Fighting",
            "hill",
            "contested",
            date(2016, 12, 5),
            "Fighting",
            claim_type="holds",
        ),
    ]


def baseline() -> Baseline:
    held = {
        "north-gate": "opposition",
        "mill-quarter": "government",
        "river-bend": "government",
        "old-market": "opposition",
        "hill": "unknown",
    }
    return Baseline({pid: BaselineEntry(pid, c, START) for pid, c in held.items()}, START)


def timeline(decisions: dict | None = None) -> ControlTimeline:
    gazetteer = town()
    return ControlTimeline.build(
        gazetteer, baseline(), claims(), decisions, areas={p.id: 0.64 for p in gazetteer.areas}
    )


def write_folder(folder: Path) -> Path:
    """The town as a gazetteer folder (gazetteer.json, places.csv, regions.csv, baseline.csv)."""
    gazetteer = town()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "gazetteer.json").write_text(
        json.dumps(
            {
                "name": gazetteer.name,
                "crs": gazetteer.crs,
                "baseline_date": START.isoformat(),
                "conflict": CONFLICT.id,
            }
        ),
        encoding="utf-8",
    )
    with (folder / "places.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(PLACE_COLUMNS)
        for p in gazetteer.areas:
            writer.writerow([p.id, p.name, p.kind, p.lat, p.lon, "", "", 0.64, "invented"])
    with (folder / "regions.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(REGION_COLUMNS)
        for r in gazetteer.regions:
            writer.writerow([r.id, r.name, r.kind, "", "", "|".join(r.members)])
    with (folder / "baseline.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["place_id", "controller", "as_of", "source"])
        for entry in baseline().entries.values():
            writer.writerow([entry.place_id, entry.controller, entry.as_of.isoformat(), "invented"])
    return folder


def store_articles(store: Store) -> list[str]:
    """Add the town's articles to ``store``, each with its own claims, as an ingest would; the
    article ids come back (to tag them with a city)."""
    every = claims()
    for article in articles():
        store.add_article(article, [c for c in every if c.article == article.id])
    return [a.id for a in articles()]
