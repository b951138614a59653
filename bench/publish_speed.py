"""How fast publishing is, and how big its files are.

Two cases: a generated city of 150 places with changes on 30 dates (the size target's case),
and the bundled demo data (``geo.store.demo``). For each: seconds for the whole publish,
milliseconds per HTML snapshot (median; target: under 100 ms) and per PNG, and every file's size
(target: ``timeline.html`` under 1 MB for 150 places and 30 dates).

The baseline, measured in the same run: the plain folium way, one map per date from the
unsimplified GeoDataFrame with a style function, rendered to a page.

    python bench/publish_speed.py [--places N] [--dates N] [--no-png] [--keep DIR]
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import folium

from geo.core import (
    CONFLICTS_DIR,
    Claim,
    GeoError,
)
from geo.gazetteer import Baseline, BaselineEntry, Gazetteer, Place, load_conflict, place_shapes
from geo.publish import leaflet_assets, publish
from geo.read import Article
from geo.render import fills
from geo.store import Store, demo_database
from geo.timeline import ControlTimeline

START = date(2016, 11, 15)
SIDES = ("government", "opposition", "kurdish", "contested")
SYRIA = load_conflict(CONFLICTS_DIR / "syria")


def generated_city(places: int, rng: random.Random) -> Gazetteer:
    """Places on a jittered grid about 600 m apart, like a city's neighbourhoods."""
    side = math.ceil(math.sqrt(places))
    areas = {}
    for i in range(places):
        row, col = divmod(i, side)
        lat = 36.15 + row * 0.0055 + rng.uniform(-0.0015, 0.0015)
        lon = 37.10 + col * 0.0068 + rng.uniform(-0.0018, 0.0018)
        areas[f"p{i}"] = Place(
            f"p{i}", f"Quarter {i}", "neighbourhood", lat, lon, area_km2=rng.uniform(0.2, 0.6)
        )
    return Gazetteer("Generated city", areas, crs="EPSG:32637", conflict=SYRIA)


def generated_story(gazetteer: Gazetteer, dates: int, rng: random.Random):
    """A baseline, and claims changing 4 to 8 places on each of ``dates`` days, one article a day."""
    ids = [p.id for p in gazetteer.areas]
    baseline = Baseline({i: BaselineEntry(i, rng.choice(SIDES[:2]), START) for i in ids}, START)
    articles, claims = [], []
    for d in range(dates):
        day = START + timedelta(days=d + 1)
        changed = rng.sample(ids, rng.randint(4, 8))
        sentences = [
            f"Forces took {gazetteer.places[i].name} on {day:%d %B}, witnesses said." for i in changed
        ]
        article = Article(
            " ".join(sentences), f"Report {d}", "Generated Wire", f"https://wire.example/{d}", day
        )
        articles.append(article)
        at = 0
        for place_id, sentence in zip(changed, sentences):
            name = gazetteer.places[place_id].name
            claims.append(
                Claim(
                    article=article.id,
                    sentence=sentence,
                    start=at,
                    end=at + len(sentence),
                    place_as_written=name,
                    place_id=place_id,
                    place=name,
                    controller=rng.choice(SIDES),
                    claim_type="captured",
                    date_from=day,
                    date_to=day,
                    place_start=at + 12,
                    place_end=at + 12 + len(name),
                    cue="took",
                    cue_start=at + 7,
                    cue_end=at + 11,
                    attribution="witnesses",
                )
            )
            at += len(sentence) + 1
    return baseline, claims, articles


def plain_folium_snapshot(shapes, states) -> str:
    """The baseline: one folium map per date, unsimplified shapes, style function per feature."""
    frame = shapes.assign(controller=[states[i].controller for i in shapes["id"]])
    fmap = folium.Map(tiles="OpenStreetMap")
    folium.GeoJson(
        frame[["id", "name", "controller", "geometry"]].to_json(),
        style_function=lambda f: {
            "fillColor": fills(SYRIA).get(f["properties"]["controller"], "#999"),
            "weight": 1,
        },
        tooltip=folium.GeoJsonTooltip(fields=["name", "controller"]),
    ).add_to(fmap)
    return fmap.get_root().render()


def leaflet_available() -> bool:
    try:
        leaflet_assets(True)
    except GeoError:
        return False
    return True


def size(n: int) -> str:
    return f"{n / 1024:,.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:,.2f} MB"


def run_case(label: str, out: Path, timeline, gazetteer, shapes, articles, png: bool) -> None:
    report = publish(out, timeline, gazetteer, shapes, articles, png=png)
    days = report.dates
    plain, plain_bytes = [], 0
    for day in days:
        began = time.perf_counter()
        plain_bytes += len(plain_folium_snapshot(shapes, timeline.state_on(day)).encode("utf-8"))
        plain.append(time.perf_counter() - began)
    per_snapshot = statistics.median(report.snapshot_seconds) * 1000
    per_plain = statistics.median(plain) * 1000
    sizes = report.sizes()
    timeline_size = sizes["timeline.html"]
    print(f"\n== {label}: {len(shapes)} places, {len(days)} dates, {len(timeline.changes)} changes")
    print(f"whole publish:          {report.seconds:.2f} s")
    print(
        f"HTML snapshot:          {per_snapshot:.1f} ms median (max {max(report.snapshot_seconds) * 1000:.1f} ms) "
        f"({'under' if per_snapshot < 100 else 'OVER'} the 100 ms target)"
    )
    print(
        f"plain folium snapshot:  {per_plain:.1f} ms median (baseline; ours takes {per_snapshot / per_plain:.2f}x its time)"
    )
    if report.png_seconds:
        print(f"PNG image:              {statistics.median(report.png_seconds) * 1000:.1f} ms median")
    print(
        f"timeline page:          {report.timeline_seconds * 1000:.1f} ms to build, {size(timeline_size)} "
        f"({'under' if timeline_size < 1024 * 1024 else 'OVER'} the 1 MB target; "
        f"one plain folium page per date would weigh {size(plain_bytes)} in all)"
    )
    if leaflet_available():
        inlined = publish(
            out.with_name(out.name + "-inline"),
            timeline,
            gazetteer,
            shapes,
            articles,
            png=False,
            inline_leaflet=True,
        ).sizes()["timeline.html"]
        print(
            f"timeline page, Leaflet inlined: {size(inlined)} "
            f"({'under' if inlined < 1024 * 1024 else 'OVER'} the 1 MB target)"
        )
    print("files:")
    for name, n in sizes.items():
        print(f"  {n:>10,d} B  {name}")
    print(f"  {sum(sizes.values()):>10,d} B  in {len(sizes)} files")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=150)
    parser.add_argument("--dates", type=int, default=30)
    parser.add_argument("--no-png", dest="png", action="store_false")
    parser.add_argument(
        "--keep", metavar="DIR", help="write the sites under DIR instead of a temporary folder"
    )
    args = parser.parse_args()
    rng = random.Random(11)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="publish-bench-"))

    gazetteer = generated_city(args.places, rng)
    shapes = place_shapes(gazetteer)
    baseline, claims, articles = generated_story(gazetteer, args.dates, rng)
    timeline = ControlTimeline.build(gazetteer, baseline, claims, areas={p.id: 1.0 for p in gazetteer.areas})
    run_case("generated city", work / "generated", timeline, gazetteer, shapes, articles, args.png)

    gazetteer = Gazetteer.load()
    store = Store(demo_database(gazetteer=gazetteer))
    try:
        timeline, articles = store.timeline(gazetteer), store.articles()
    finally:
        store.close()
    run_case("demo data", work / "demo", timeline, gazetteer, place_shapes(gazetteer), articles, args.png)
    print(f"\nsites written under {work}")


if __name__ == "__main__":
    main()
