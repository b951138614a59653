"""Gazetteer commands: look names up."""
from __future__ import annotations

import argparse
import json

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
