"""Gazetteer commands: look names up, draw every place's shape, import another city."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..core import GazetteerError, json_for_terminal, plural
from ..gazetteer import Gazetteer
from .options import add_gazetteer_option

if TYPE_CHECKING:
    from ..gazetteer import ImportResult


def register(subparsers: argparse._SubParsersAction) -> None:
    lookup = subparsers.add_parser(
        "lookup",
        help="resolve place names to gazetteer entries",
        description="Resolve each NAME: exact name, then spelling variant, then fuzzy match. "
        "A weak or ambiguous name comes back with candidates and no match.",
    )
    lookup.add_argument("names", nargs="+", metavar="NAME")
    lookup.add_argument("--json", action="store_true", help="print JSON, one object per name")
    add_gazetteer_option(lookup)
    lookup.set_defaults(run=run_lookup)
    register_shapes(subparsers)
    register_imports(subparsers)


def run_lookup(args: argparse.Namespace) -> int:
    gazetteer = Gazetteer.load(args.gazetteer)
    results = [gazetteer.lookup(name) for name in args.names]
    if args.json:
        print(json_for_terminal([r.as_dict() for r in results], indent=2))
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
        "shapes",
        help="a polygon for every map place, from a boundary file or approximated",
        description="Give every map place a polygon. Features of a boundary GeoJSON are matched to "
        "places by name (like lookup); places no feature names get a cell computed from the "
        "centroids and known areas, flagged approximate. Prints a summary; --out writes GeoJSON.",
    )
    shapes.add_argument(
        "--boundaries",
        metavar="GEOJSON",
        help="boundary file (default: the gazetteer folder's boundaries.geojson, if any)",
    )
    shapes.add_argument(
        "--name-property",
        action="append",
        metavar="KEY",
        dest="name_properties",
        help="feature property holding the name; repeat to try several "
        "(default: every property with 'name' in its key, English first)",
    )
    shapes.add_argument("--out", metavar="FILE", help="write the shapes as GeoJSON (WGS84, 5 decimals)")
    shapes.add_argument(
        "--matched-only",
        action="store_true",
        help="write only the places a boundary feature names, with properties id and name: "
        "a boundaries.geojson for a gazetteer folder (features of one place merged)",
    )
    shapes.add_argument(
        "--simplify",
        type=float,
        default=0.0,
        metavar="METRES",
        help="simplify the shapes by this many metres in the gazetteer's metric CRS, "
        "neighbours keeping shared borders (default: 0, as read)",
    )
    add_gazetteer_option(shapes)
    shapes.set_defaults(run=run_shapes)


def run_shapes(args: argparse.Namespace) -> int:
    from ..gazetteer import (
        approximate_shapes,
        boundary_file,
        off_map,
        read_boundaries,
        shapes_geojson,
        simplify_shapes,
    )

    gazetteer = Gazetteer.load(args.gazetteer)
    boundaries = boundary_file(gazetteer, args.boundaries)
    if args.matched_only and boundaries is None:
        raise GazetteerError("--matched-only needs a boundary file (--boundaries GEOJSON)")
    if boundaries is None:
        shapes = approximate_shapes(gazetteer)
    else:
        found = read_boundaries(boundaries, gazetteer, name_properties=args.name_properties)
        shapes = found.shapes
    approximate = int(shapes["approximate"].sum())
    print(
        f"{plural(len(shapes), 'place')}: {approximate} approximate (computed from centroids), "
        f"{len(shapes) - approximate} from a boundary file; {shapes['area_km2'].sum():.1f} km² in all"
    )
    unshown = off_map(gazetteer, shapes["id"])
    if unshown:
        more = f" and {len(unshown) - SHOW_AT_MOST} more" if len(unshown) > SHOW_AT_MOST else ""
        has = "has" if len(unshown) == 1 else "have"
        print(
            f"{plural(len(unshown), 'place')} {has} no coordinate and no boundary: not drawn (never at a guessed position): "
            + ", ".join(p.id for p in unshown[:SHOW_AT_MOST])
            + more
        )
    if boundaries is not None:
        print(
            f"{boundaries}: {found.features - len(found.unmatched)} of {plural(found.features, 'feature')} "
            f"matched, giving {plural(len(set(found.matched.values())), 'place')} their shape; "
            f"{len(found.unmatched)} unmatched"
        )
        for miss in found.unmatched:
            print(f"  unmatched feature {miss.index} {miss.name!r}: {miss.reason}")
        for bad in found.invalid:
            print(f"  invalid feature {bad.index} {bad.name!r}: {bad.reason}; check its outline")
        if found.places_without_shape:
            missing = found.places_without_shape
            more = f" and {len(missing) - SHOW_AT_MOST} more" if len(missing) > SHOW_AT_MOST else ""
            left_out = " (left out of --out by --matched-only)" if args.matched_only else ""
            keeps = "keeps" if len(missing) == 1 else "keep"
            print(
                f"  {plural(len(missing), 'place')} without a boundary {keeps} an approximate shape{left_out}: "
                + ", ".join(missing[:SHOW_AT_MOST])
                + more
            )
    if args.out:
        # Estimates left out must not bend the real borders either: filter before simplifying.
        written = shapes.loc[~shapes["approximate"]] if args.matched_only else shapes
        if args.simplify:
            written = simplify_shapes(written, gazetteer.crs, args.simplify)
        out = Path(args.out)
        text = shapes_geojson(written, boundary_file=args.matched_only)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        simplified = f" simplified by {args.simplify:g} m," if args.simplify else ""
        print(
            f"wrote {out} ({plural(len(written), 'shape')},{simplified} {written['area_km2'].sum():.1f} km²; "
            f"{out.stat().st_size / 1024:.0f} KB)"
        )
    return 0


# -- importing another city ------------------------------------------------------------------------
def _floats(count: int, what: str):
    """An argparse type: ``count`` comma-separated numbers."""

    def parse(value: str) -> tuple[float, ...]:
        try:
            numbers = tuple(float(v) for v in value.split(","))
        except ValueError:
            numbers = ()
        if len(numbers) != count:
            raise argparse.ArgumentTypeError(f"{value!r} is not {what}")
        return numbers

    return parse


def register_imports(subparsers: argparse._SubParsersAction) -> None:
    geonames = subparsers.add_parser(
        "import-geonames",
        help="write a gazetteer folder from a GeoNames dump (TSV)",
        description="Write a gazetteer folder (gazetteer.json, places.csv, regions.csv, baseline.csv) "
        "from a GeoNames dump such as SY.txt: the sections of one town. Without --bbox or --center, "
        "places within --radius-km of the most populous town named --city are taken.",
    )
    geonames.add_argument("tsv", metavar="TSV", help="GeoNames dump (19 tab-separated columns)")
    geonames.add_argument("--country", required=True, metavar="CC", help="ISO country code, e.g. SY")
    geonames.add_argument(
        "--codes",
        metavar="CODES",
        help="GeoNames feature codes to import, comma-separated "
        "(default: sections and localities of a town, PPLX,PPLL)",
    )
    area = geonames.add_mutually_exclusive_group()
    area.add_argument(
        "--bbox",
        type=_floats(4, "west,south,east,north"),
        metavar="W,S,E,N",
        help="take places in this box (degrees)",
    )
    area.add_argument(
        "--center",
        type=_floats(2, "lat,lon"),
        metavar="LAT,LON",
        help="take places around this point (default: the town named --city)",
    )
    geonames.add_argument(
        "--radius-km", type=float, metavar="KM", help="radius around the centre (default: 10)"
    )
    osm = subparsers.add_parser(
        "import-osm",
        help="write a gazetteer folder from OSM-style GeoJSON",
        description="Write a gazetteer folder from GeoJSON features tagged place=neighbourhood, "
        "quarter or suburb (names from name:en, name, alt_name, name:ar). Polygons also go to "
        "boundaries.geojson, which the shapes command then uses.",
    )
    osm.add_argument("geojson", metavar="GEOJSON", help="OSM-style GeoJSON FeatureCollection")
    osm.add_argument(
        "--country", metavar="CC", help="ISO country code: its towns are known as places outside"
    )
    for parser, run in ((geonames, run_import_geonames), (osm, run_import_osm)):
        parser.add_argument("--out", required=True, metavar="DIR", help="gazetteer folder to write")
        parser.add_argument("--city", required=True, metavar="NAME", help="the city's name")
        parser.add_argument(
            "--conflict",
            required=True,
            metavar="ID",
            help="the war its places are fought over: a folder data/conflicts/ID (sides, actors)",
        )
        parser.add_argument("--force", action="store_true", help="overwrite a gazetteer already in DIR")
        parser.set_defaults(run=run)


def run_import_geonames(args: argparse.Namespace) -> int:
    from ..gazetteer import GEONAMES_PLACE_CODES, from_geonames

    codes = tuple(c.strip().upper() for c in (args.codes or "").split(",") if c.strip())
    result = from_geonames(
        args.tsv,
        args.out,
        city_name=args.city,
        country_code=args.country,
        feature_codes=codes or GEONAMES_PLACE_CODES,
        bbox=args.bbox,
        center=args.center,
        radius_km=args.radius_km,
        overwrite=args.force,
        conflict=args.conflict,
    )
    return _report_import(result)


def run_import_osm(args: argparse.Namespace) -> int:
    from ..gazetteer import from_osm_geojson

    result = from_osm_geojson(
        args.geojson,
        args.out,
        city_name=args.city,
        country_code=args.country,
        overwrite=args.force,
        conflict=args.conflict,
    )
    return _report_import(result)


def _report_import(result: ImportResult) -> int:
    gazetteer = Gazetteer.load(result.folder)
    shapes = f", {result.shapes} with a polygon in boundaries.geojson" if result.shapes else ""
    print(f"wrote {result.folder}: {plural(result.places, 'place')}{shapes}; metric CRS {gazetteer.crs}")
    if result.skipped:
        print(f"left out {len(result.skipped)}:")
        for skipped in result.skipped:
            print(f"  {skipped}")
    print(f"next: python -m geo shapes --gazetteer {result.folder}")
    return 0
