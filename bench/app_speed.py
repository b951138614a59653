"""How fast the app starts and steps from one date to the next, on the server.

A generated city of 150 places (three districts and the city as a whole) and a store of 200
claims from 40 articles over 30 days. Streamlit's AppTest runs ``app.py`` as the server would:

- start: in a fresh process, importing the app's libraries plus the first run with every cache
  cold (gazetteer, shapes, timeline, the map page). Target: under 5 s. Baseline, measured in the
  same run: a one-line Streamlit page started the same way (how loaded the machine is).
- step: pressing "Next" and rerunning the page (date view, map layer, citing text). Target:
  under 300 ms. Baseline, measured in the same run: the same step with the caches cleared first,
  which is what every step would cost if the app read the gazetteer, shapes and store each time.

    python bench/app_speed.py [--places N] [--claims N] [--steps N]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

STARTED = time.perf_counter()
ROOT = Path(__file__).resolve().parent.parent

START = date(2016, 11, 15)
SIDES = ("government", "opposition", "contested")
CENTRE = (36.2, 37.15)
SPACING = 0.006  # degrees between neighbouring places, about 600 m


def write_city(folder: Path, places: int) -> None:
    """A gazetteer folder: places on a grid, three districts, the city, a baseline; the war is
    data/conflicts/syria (its sides are the ones the claims name, as in publish_speed)."""
    columns = max(1, round(places**0.5 * 1.2))
    rows = []
    for i in range(places):
        lat = CENTRE[0] + (i // columns) * SPACING
        lon = CENTRE[1] + (i % columns) * SPACING
        rows.append(
            [
                f"p{i}",
                f"Place {i}",
                "neighbourhood",
                f"{lat:.5f}",
                f"{lon:.5f}",
                f"Quarter {i}",
                "",
                "0.3",
                "generated",
            ]
        )
    with (folder / "places.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["id", "name", "kind", "lat", "lon", "variants", "arabic", "area_km2", "coord_source"]
        )
        writer.writerows(rows)
    ids = [r[0] for r in rows]
    with (folder / "regions.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "kind", "variants", "arabic", "members"])
        writer.writerow(["city", "Generated City", "city", "", "", "*"])
        for d in range(3):
            writer.writerow([f"d{d}", f"District {d}", "region", "", "", "|".join(ids[d::3])])
    with (folder / "baseline.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["place_id", "controller", "as_of", "source"])
        for i, place_id in enumerate(ids):
            writer.writerow(
                [place_id, "government" if i % 4 == 0 else "opposition", START.isoformat(), "generated"]
            )
    (folder / "gazetteer.json").write_text(
        json.dumps(
            {
                "name": "Generated City",
                "city_region": "city",
                "crs": "EPSG:32637",
                "baseline_date": START.isoformat(),
                "conflict": "syria",
            }
        ),
        encoding="utf-8",
    )


def fill_store(db: Path, places: int, claims: int, rng: random.Random) -> None:
    """Articles of five sentences each, every sentence a claim about a place (some about a district)."""
    from geo.core import Claim
    from geo.read import Article
    from geo.store import Store

    store = Store(db)
    made = 0
    article_no = 0
    while made < claims:
        day = START + timedelta(days=1 + rng.randrange(30))
        picks = []
        for _ in range(min(5, claims - made)):
            place = f"d{rng.randrange(3)}" if rng.random() < 0.05 else f"p{rng.randrange(places)}"
            picks.append((place, rng.choice(SIDES)))
        sentences = [
            f"Reports say {side} forces took {'District' if p[0] == 'd' else 'Place'} {p[1:]} that day."
            for p, side in picks
        ]
        text = " ".join(sentences)
        article = Article(
            text,
            f"Dispatch {article_no}",
            "Bench Wire",
            f"https://bench.example/{article_no}",
            day + timedelta(days=1),
        )
        found, offset = [], 0
        for (place, side), sentence in zip(picks, sentences):
            start = text.index(sentence, offset)
            written = sentence.split("took ")[1].removesuffix(" that day.")
            at = text.index(written, start)
            found.append(
                Claim(
                    article=article.id,
                    sentence=sentence,
                    start=start,
                    end=start + len(sentence),
                    place_as_written=written,
                    place_id=place,
                    place=written,
                    controller=side,
                    claim_type="captured",
                    date_from=day,
                    date_to=day,
                    place_start=at,
                    place_end=at + len(written),
                    cue="took",
                    cue_start=text.index("took", start),
                    cue_end=text.index("took", start) + 4,
                    confidence=0.9,
                )
            )
            offset = start + len(sentence)
        store.add_article(article, found)
        made += len(found)
        article_no += 1
    store.close()


def measure_start(bare: bool) -> int:
    """In a fresh process: import the test runner and the app's libraries, run the page once with
    every cache cold, and print the two times. ``bare``: a one-line page instead, Streamlit's floor."""
    tick = time.perf_counter()
    from streamlit.testing.v1 import AppTest

    if not bare:
        import app_data  # noqa: F401  (everything the page imports: geo, folium, geopandas)
    imports = time.perf_counter() - tick
    tick = time.perf_counter()
    if bare:
        at = AppTest.from_string("import streamlit as st\nst.write('hello')", default_timeout=60).run()
    else:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    ran = time.perf_counter() - tick
    if at.exception or at.error:
        print("the app failed:", [e.value for e in (*at.exception, *at.error)], file=sys.stderr)
        return 1
    print(json.dumps([imports, ran]))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--places", type=int, default=150)
    parser.add_argument("--claims", type=int, default=200)
    parser.add_argument("--steps", type=int, default=15)
    parser.add_argument("--first-run", choices=("app", "bare"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.first_run:
        return measure_start(args.first_run == "bare")
    folder = Path(tempfile.mkdtemp(prefix="geo-app-bench-"))
    write_city(folder, args.places)
    fill_store(folder / "geo.db", args.places, args.claims, random.Random(7))
    os.environ["GEO_DB"] = str(folder / "geo.db")
    os.environ["GEO_GAZETTEER"] = str(folder)
    setup = time.perf_counter() - STARTED

    timings = {}
    for kind in ("bare", "app"):
        child = subprocess.run(
            [sys.executable, __file__, "--first-run", kind], capture_output=True, text=True
        )
        if child.returncode:
            print(child.stderr[-3000:], file=sys.stderr)
            return 1
        timings[kind] = json.loads(child.stdout.strip().splitlines()[-1])
    imports, first_run = timings["app"]
    start, bare = imports + first_run, sum(timings["bare"])

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    dates = at.select_slider(key="day").options
    steps, cold = [], []
    for i in range(min(args.steps, len(dates) - 1)):
        if i % 5 == 4:  # now and then, the baseline: the same step with nothing cached
            st.cache_resource.clear()
            tick = time.perf_counter()
            at.button[1].click().run()
            cold.append(time.perf_counter() - tick)
            continue
        tick = time.perf_counter()
        at.button[1].click().run()
        steps.append(time.perf_counter() - tick)
    if at.exception or at.error or at.select_slider(key="day").value == dates[0]:
        print("the app failed:", [e.value for e in (*at.exception, *at.error)], file=sys.stderr)
        return 1

    step = statistics.median(steps)
    uncached = statistics.median(cold)
    print(f"{args.places} places, {args.claims} claims, {len(dates)} change dates (setup {setup:.1f} s)")
    print(
        f"start: {start:.2f} s (imports {imports:.2f} s + first run {first_run:.2f} s)  "
        f"target < 5 s: {'ok' if start < 5 else 'TOO SLOW'}"
    )
    print(
        f"baseline, a one-line Streamlit page started the same way: {bare:.2f} s; the app takes {start / bare:.1f}× that"
    )
    print(
        f"date step: median {step * 1000:.0f} ms, max {max(steps) * 1000:.0f} ms over {len(steps)} steps  "
        f"target < 300 ms: {'ok' if step < 0.3 else 'TOO SLOW'}"
    )
    print(
        f"baseline, the same step with the caches cleared: median {uncached * 1000:.0f} ms over {len(cold)}; "
        f"the cached step is {uncached / step:.0f}× faster"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
