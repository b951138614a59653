"""Derive ``boundaries.geojson`` for Mosul from the Who's On First polygons in the reference folder.

Why a script: the polygons are third-party data (CC0, credit "Data from Who's On First"); the
project ships its own file re-keyed to its place ids, and this is how that file is made, so it
can be made again when the reference changes. A polygon is kept only if its name is exactly the
name or a variant of a map place in ``places.csv``; one that names a region of ``regions.csv``
(the WOF "Mosul" locality is the whole city, and a generous envelope at that) or nothing is left
out and said so.

    python data/mosul/derive_boundaries.py [--reference DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REFERENCE = HERE.parents[2] / "shared" / "reference"
SOURCE = "mosul-polygons.geojson"
CREDIT = "Data from Who's On First"
LICENCE = "CC0 (Who's On First, https://whosonfirst.org/docs/licenses/)"


def _names(path: Path) -> dict[str, str]:
    """Every spelling of the rows of a gazetteer CSV (name and variants), to its id."""
    found: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for spelling in (row["name"], *row["variants"].split("|")):
                if spelling.strip():
                    found.setdefault(spelling.strip().casefold(), row["id"])
    return found


def _round(coords: object, digits: int = 6) -> object:
    """Coordinates to about 0.1 m: the source's 15 digits say nothing more."""
    if isinstance(coords, (int, float)):
        return round(float(coords), digits)
    return [_round(c, digits) for c in coords]  # type: ignore[union-attr]


def derive(reference: Path, folder: Path = HERE) -> tuple[dict, list[str]]:
    """The boundary FeatureCollection, and one line per polygon left out (with the reason)."""
    places = _names(folder / "places.csv")
    regions = _names(folder / "regions.csv")
    with (folder / "places.csv").open(encoding="utf-8", newline="") as handle:
        canonical = {row["id"]: row["name"] for row in csv.DictReader(handle)}
    source = json.loads((reference / SOURCE).read_text(encoding="utf-8"))
    features, skipped = [], []
    for feature in source["features"]:
        props = feature.get("properties") or {}
        labels = [props[k] for k in ("name", "wof_name") if isinstance(props.get(k), str)]
        place_id = next((places[n.casefold()] for n in labels if n.casefold() in places), None)
        if place_id is None:
            region = next((regions[n.casefold()] for n in labels if n.casefold() in regions), None)
            why = f"names the region {region!r}, not a map place" if region else "names no place"
            skipped.append(f"{' / '.join(labels) or '(no name)'}: {why}")
            continue
        geometry = feature["geometry"]
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "id": place_id,
                    "place_id": place_id,
                    "name": canonical[place_id],
                    "source": f"Who's On First {props.get('wof_id', '')} ({props.get('wof_name', '')})".strip(),
                },
                "geometry": {"type": geometry["type"], "coordinates": _round(geometry["coordinates"])},
            }
        )
    collection = {"type": "FeatureCollection", "credit": CREDIT, "licence": LICENCE, "features": features}
    return collection, skipped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=REFERENCE, help="folder holding " + SOURCE)
    parser.add_argument("--out", type=Path, default=HERE / "boundaries.geojson")
    args = parser.parse_args(argv)
    if not (args.reference / SOURCE).is_file():
        print(f"error: {args.reference / SOURCE} not found", file=sys.stderr)
        return 2
    collection, skipped = derive(args.reference)
    args.out.write_text(json.dumps(collection, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(collection['features'])} polygon(s) kept, {len(skipped)} left out")
    for line in skipped:
        print(f"  left out {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
