"""``python -m geo publish``: the static site (snapshots, timeline, images, open data) from the store."""

from __future__ import annotations

import argparse
import sys

from .options import add_db_option, add_gazetteer_option, iso_date, open_store


def register(subparsers: argparse._SubParsersAction) -> None:
    publish = subparsers.add_parser(
        "publish",
        help="write the map as a static site: a page per date, an embeddable timeline, open data",
        description="Write DIR/YYYY-MM-DD.html per change date, DIR/timeline.html (every date, for an iframe), "
        "DIR/index.html, DIR/png/*.png and DIR/data/ (GeoJSON per date, claims.csv), and DIR/.geo-site.json, "
        "the list of files written. The site is built beside DIR and moved into place only when complete; "
        "an existing DIR must be empty or carry that list, and only the files it lists are replaced.",
    )
    publish.add_argument(
        "--out",
        required=True,
        metavar="DIR",
        help="the site folder: new, empty, or written by an earlier publish "
        "(only the files its .geo-site.json lists are replaced)",
    )
    add_db_option(publish)
    publish.add_argument(
        "--from", dest="date_from", type=iso_date, metavar="DATE", help="first change date to publish"
    )
    publish.add_argument(
        "--to", dest="date_to", type=iso_date, metavar="DATE", help="last change date to publish"
    )
    reviewed = publish.add_mutually_exclusive_group()
    reviewed.add_argument(
        "--include-unreviewed",
        action="store_true",
        help="put claims no editor has reviewed on the map too, marked unreviewed "
        "(by default only accepted, corrected or applied claims count, and the pages say so)",
    )
    reviewed.add_argument(
        "--reviewed-only",
        action="store_false",
        dest="include_unreviewed",
        help="the default, named: leave claims no editor has reviewed off the map",
    )
    shipping = publish.add_mutually_exclusive_group()
    shipping.add_argument(
        "--inline-leaflet",
        action="store_true",
        help="put Leaflet's code in every page instead of the file beside them (DIR/leaflet/, "
        "read from the installed npm package or $GEO_LEAFLET_DIR)",
    )
    shipping.add_argument(
        "--cdn-leaflet",
        action="store_true",
        help="load Leaflet from a CDN, as folium does, instead of shipping it with the site",
    )
    publish.add_argument("--no-png", dest="png", action="store_false", help="skip the PNG images")
    publish.add_argument(
        "--gif", action="store_true", help="also write timeline.gif, an animation of the images"
    )
    publish.add_argument(
        "--boundaries",
        metavar="GEOJSON",
        help="boundary file (default: the gazetteer folder's boundaries.geojson, if any)",
    )
    add_gazetteer_option(publish)
    publish.set_defaults(run=run_publish)


def run_publish(args: argparse.Namespace) -> int:
    from ..gazetteer import Gazetteer, place_shapes
    from ..publish import publish

    gazetteer = Gazetteer.load(args.gazetteer)
    store = open_store(args.db)
    try:
        timeline = store.timeline(gazetteer, show_proposed=args.include_unreviewed)
        articles = store.articles()
    finally:
        store.close()
    report = publish(
        args.out,
        timeline,
        gazetteer,
        place_shapes(gazetteer, args.boundaries),
        articles,
        date_from=args.date_from,
        date_to=args.date_to,
        leaflet="inline" if args.inline_leaflet else "cdn" if args.cdn_leaflet else "file",
        png=args.png,
        gif=args.gif,
        progress=lambda message: print(message, file=sys.stderr),
    )
    print(f"published {report.summary()}")
    print(f"open {report.out_dir / 'index.html'}; embed {report.out_dir / 'timeline.html'}")
    return 0
