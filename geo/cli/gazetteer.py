"""Gazetteer commands: look names up, draw every place's shape, import another city."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..gazetteer import DEFAULT_GAZETTEER, Gazetteer


def add_gazetteer_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--gazetteer", default=str(DEFAULT_GAZETTEER), metavar="DIR",
        help="gazetteer folder (default: %(default)s)",
    )


def register(subparsers: argparse._SubParsersAction) -> None:
    lookup = subparsers.add_parser(
        "lookup", help="resolve place names to gazetteer entries",
        description="Resolve each NAME: exact name, then spelling variant, then fuzzy match. "
        "A weak or ambiguous name comes back with candidates and no match.",
    )
    lookup.add_argument("names", nargs="+", metavar="NAME")
    lookup.add_argument("--json", action="store_true", help="print JSON, one object per name")
    add_gazetteer_option(lookup)
    lookup.set_defaults(run=run_lookup)
    register_shapes(subparsers)


def run_lookup(args: argparse.Namespace) -> int:
    gazetteer = Gazetteer.load(args.gazetteer)
    results = [gazetteer.lookup(name) for name in args.names]
    if args.json:
        print(json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=2))
        return 0
    for r in results:
        if r.match:
            print(f"{r.query}\t{r.match.id}\t{r.match.name}\t{r.match.kind}\t{r.score:.0f} ({r.method})")
        else:
            options = ", ".join(f"{c.place.name} {c.score:.0f}" for c in r.candidates) or "none"
            print(f"{r.query}\t-\tno match ({r.method}); candidates: {options}")
    return 0


# -- shapes ------------------------------------------------------------------------------------------
#: Lists in the summary stop after this many items.
SHOW_AT_MOST = 20


def register_shapes(subparsers: argparse._SubParsersAction) -> None:
    shapes = subparsers.add_parser(
        "shapes", help="a polygon for every map place, from a boundary file or approximated",
        description="Give every map place a polygon. Features of a boundary GeoJSON are matched to "
        "places by name (like lookup); places no feature names get a cell computed from the "
        "centroids and known areas, flagged approximate. Prints a summary; --out writes GeoJSON.",
    )
    shapes.add_argument("--boundaries", metavar="GEOJSON",
                        help="boundary file (default: the gazetteer folder's boundaries.geojson, if any)")
    shapes.add_argument("--name-property", action="append", metavar="KEY", dest="name_properties",
                        help="feature property holding the name; repeat to try several "
                        "(default: every property with 'name' in its key, English first)")
    shapes.add_argument("--out", metavar="FILE", help="write the shapes as GeoJSON (WGS84)")
    add_gazetteer_option(shapes)
    shapes.set_defaults(run=run_shapes)


def run_shapes(args: argparse.Namespace) -> int:
    from ..shapes import BOUNDARIES_FILE, place_shapes, read_boundaries

    gazetteer = Gazetteer.load(args.gazetteer)
    boundaries = args.boundaries
    if boundaries is None and (Path(args.gazetteer) / BOUNDARIES_FILE).is_file():
        boundaries = Path(args.gazetteer) / BOUNDARIES_FILE
    if boundaries is None:
        shapes = place_shapes(gazetteer)
    else:
        found = read_boundaries(boundaries, gazetteer, name_properties=args.name_properties)
        shapes = found.shapes
    approximate = int(shapes["approximate"].sum())
    print(f"{len(shapes)} places: {approximate} approximate (computed from centroids), "
          f"{len(shapes) - approximate} from a boundary file; {shapes['area_km2'].sum():.1f} km² in all")
    if boundaries is not None:
        print(f"{boundaries}: {found.features - len(found.unmatched)} of {found.features} features "
              f"matched, giving {len(set(found.matched.values()))} places their shape; "
              f"{len(found.unmatched)} unmatched")
        for miss in found.unmatched:
            print(f"  unmatched feature {miss.index} {miss.name!r}: {miss.reason}")
        if found.places_without_shape:
            missing = found.places_without_shape
            more = f" and {len(missing) - SHOW_AT_MOST} more" if len(missing) > SHOW_AT_MOST else ""
            print(f"  {len(missing)} places without a boundary keep an approximate shape: "
                  + ", ".join(missing[:SHOW_AT_MOST]) + more)
    if args.out:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(shapes.to_json(drop_id=True), encoding="utf-8")
        print(f"wrote {out} ({len(shapes)} shapes)")
    return 0
