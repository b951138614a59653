"""How fast the control timeline builds, and how much cheaper reading one date is than rebuilding.

A generated city of 1,000 places (ten districts of 100, and the city as a whole) and 100,000
claims: mostly about single places, some about districts or the whole city, some partial, from
2,000 articles over 40 days. Target: the build under one second.

    python bench/timeline_speed.py [--places N] [--claims N]
"""

from __future__ import annotations

import argparse
import os
import random
import time
from datetime import date, timedelta

from geo.core import CONFLICTS_DIR, Claim
from geo.gazetteer import Baseline, BaselineEntry, Gazetteer, Place, load_conflict
from geo.timeline import ControlTimeline

START = date(2016, 11, 15)
SIDES = ("government", "opposition", "kurdish")
DAYS = 40


def generated_city(places: int) -> Gazetteer:
    areas = {f"p{i}": Place(f"p{i}", f"Place {i}", "neighbourhood", 36.0, 37.0) for i in range(places)}
    ids = list(areas)
    regions = {
        f"d{d}": Place(f"d{d}", f"District {d}", "region", members=tuple(ids[d::10])) for d in range(10)
    }
    regions["city"] = Place("city", "City", "city", members=tuple(ids))
    return Gazetteer(
        "Generated", {**areas, **regions}, city_region="city", conflict=load_conflict(CONFLICTS_DIR / "syria")
    )


def generated_claims(gazetteer: Gazetteer, baseline: Baseline, n: int, rng: random.Random) -> list[Claim]:
    """Reports of a made-up history: each place changes hands up to three times; one report in
    ten gets the side wrong; some are partial; some are about a whole district or the city."""
    areas = [p.id for p in gazetteer.areas]
    districts = [p.id for p in gazetteer.regions if p.kind == "region"]
    history = {}
    for place_id in areas:
        changes = sorted((rng.randrange(DAYS), rng.choice(SIDES)) for _ in range(rng.randrange(4)))
        history[place_id] = [(-1, baseline.entry(place_id).controller), *changes]
    claims = []
    for i in range(n):
        roll = rng.random()
        place = "city" if roll < 0.0005 else rng.choice(districts) if roll < 0.01 else rng.choice(areas)
        offset = rng.randrange(DAYS)
        truth = [side for day, side in history[gazetteer.members(place)[0]] if day <= offset][-1]
        side = truth if rng.random() < 0.9 else rng.choice(SIDES)
        day = START + timedelta(days=offset)
        claims.append(
            Claim(
                article=f"a{rng.randrange(2000)}",
                sentence="generated",
                start=i * 80,
                end=i * 80 + 70,
                place_as_written=place,
                place_id=place,
                place=place,
                controller=side,
                claim_type=rng.choice(("captured", "withdrew", "holds")),
                partial=rng.random() < 0.05,
                date_from=day,
                date_to=day,
                attribution=rng.choice(("", "", "state media", "the Observatory")),
            )
        )
    return claims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=1000)
    parser.add_argument("--claims", type=int, default=100_000)
    args = parser.parse_args()
    rng = random.Random(7)
    gazetteer = generated_city(args.places)
    baseline = Baseline({p.id: BaselineEntry(p.id, rng.choice(SIDES), START) for p in gazetteer.areas}, START)
    claims = generated_claims(gazetteer, baseline, args.claims, rng)
    areas = {p.id: 1.0 for p in gazetteer.areas}

    keyed = {c.key: c for c in claims}  # as the store gives them

    def best_of(runs: int, source) -> tuple[float, float, ControlTimeline]:
        walls, cpus = [], []
        for _ in range(runs):
            wall, cpu = time.perf_counter(), time.process_time()
            timeline = ControlTimeline.build(gazetteer, baseline, source, areas=areas)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        return min(walls), min(cpus), timeline

    build, build_cpu, timeline = best_of(5, keyed)
    listed, listed_cpu, _ = best_of(3, claims)
    day = timeline.dates[len(timeline.dates) // 2]
    reads = []
    for _ in range(20):
        began = time.perf_counter()
        state = timeline.state_on(day)
        reads.append(time.perf_counter() - began)
    read = min(reads)
    verdict = "under" if build_cpu < 1 else "OVER"
    print(
        f"{args.places:,} places, {args.claims:,} claims -> {len(timeline.changes):,} changes on {len(timeline.dates)} dates"
    )
    print(
        f"build from keyed claims, as the store gives them (best of 5): {build:.3f} s wall, {build_cpu:.3f} s CPU "
        f"({verdict} the 1 s target)"
    )
    print(
        f"build from a plain list, hashing every key (best of 3):     {listed:.3f} s wall, {listed_cpu:.3f} s CPU"
    )
    print(f"state on {day} (best of 20): {read * 1000:.2f} ms for {len(state):,} places")
    print(f"reading one date is {build / read:,.0f}x faster than rebuilding the timeline")
    print(
        f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs while measuring; CPU time is the figure to compare)"
    )


if __name__ == "__main__":
    main()
