"""Store commands: ingest articles, read the timeline, review claims, re-read, build the demo."""

from __future__ import annotations

import argparse
import getpass
import sys
import time
from datetime import date

from ..core import REVIEW_FILTERS, ArticleError, GeoError, StoreError, for_terminal, json_for_terminal, plural
from ..gazetteer import Gazetteer
from ..timeline import ControlTimeline
from .options import add_article_options, add_db_option, add_gazetteer_option, iso_date, open_store

#: How much of a sentence the plain-text listings quote.
QUOTE_CHARS = 110


def register(subparsers: argparse._SubParsersAction) -> None:
    ingest = subparsers.add_parser(
        "ingest",
        help="add articles and their claims to the store",
        description="Read each article, find its claims and store both, a batch of articles per transaction, "
        "streaming the input. Articles already stored (same text) are skipped before their claims are read, "
        "so an interrupted ingest resumes; a bad file is reported and the rest go on.",
    )
    ingest.add_argument(
        "files",
        nargs="*",
        metavar="INPUT",
        help="article files, folders, quoted globs "
        '("reports/**/*.txt") or JSON lines files (.jsonl: title, source, url, published, text); '
        "none: the files --meta lists",
    )
    add_article_options(ingest)
    ingest.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="processes reading claims, each loading the pipeline once (0: one per core; default 1)",
    )
    ingest.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="read claims on a Dask cluster, e.g. tcp://10.0.0.5:8786 "
        "(its workers need this package installed); this process writes the store",
    )
    ingest.add_argument(
        "--batch-size", type=int, metavar="N", help="articles per task and per transaction (default 16)"
    )
    add_db_option(ingest)
    add_gazetteer_option(ingest)
    ingest.set_defaults(run=run_ingest)

    timeline = subparsers.add_parser(
        "timeline",
        help="the change dates and what changed, or who held what on one date",
        description="Without --date: every change date with the places that changed and the claims behind "
        "them. With --date: every map place's controller on that date, since when, and the claim ids.",
    )
    timeline.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="show the state on this date")
    timeline.add_argument("--accepted-only", action="store_true", help="leave unreviewed claims off the map")
    timeline.add_argument("--json", action="store_true", help="print JSON")
    add_db_option(timeline)
    add_gazetteer_option(timeline)
    timeline.set_defaults(run=run_timeline)

    review = subparsers.add_parser(
        "review",
        help="accept, reject or correct a claim, or list the claims to review",
        description="Record an editor's decision on a claim (decisions are kept, never overwritten), "
        "or --list the unreviewed claims.",
    )
    review.add_argument("claim_key", nargs="?", metavar="CLAIM_KEY", help="the claim's id (see --list)")
    action = review.add_mutually_exclusive_group(required=True)
    action.add_argument("--accept", dest="decision", action="store_const", const="accepted")
    action.add_argument("--reject", dest="decision", action="store_const", const="rejected")
    action.add_argument(
        "--correct",
        dest="decision",
        action="store_const",
        const="corrected",
        help="change the place, side or dates (with --place, --controller, --date-from, --date-to)",
    )
    action.add_argument(
        "--apply",
        dest="decision",
        action="store_const",
        const="applied",
        help='put a share of a region ("most of the east") on the map for every member',
    )
    action.add_argument(
        "--undo",
        dest="decision",
        action="store_const",
        const="reopened",
        help="undo the decision that stands: the claim is unreviewed again (nothing is deleted)",
    )
    action.add_argument("--list", action="store_true", help="list the unreviewed claims")
    review.add_argument("--place", metavar="ID", help="corrected place id")
    review.add_argument(
        "--controller",
        metavar="SIDE",
        help="corrected side: a side id of the gazetteer's conflict, or contested",
    )
    review.add_argument("--date-from", type=iso_date, metavar="YYYY-MM-DD", help="corrected first date")
    review.add_argument("--date-to", type=iso_date, metavar="YYYY-MM-DD", help="corrected last date")
    review.add_argument("--by", metavar="NAME", help="who decides (default: your login name)")
    review.add_argument("--note", default="", metavar="TEXT", help="why")
    review.add_argument("--filter", choices=REVIEW_FILTERS, help="with --list: only these claims")
    review.add_argument("--json", action="store_true", help="with --list: print JSON")
    add_db_option(review)
    add_gazetteer_option(review)
    review.set_defaults(run=run_review)

    reextract = subparsers.add_parser(
        "reextract",
        help="read every stored article again after the extraction improved",
        description="Replace each article's claims with a fresh reading. Editors' decisions follow their "
        "claim; those whose claim is gone are kept, marked orphaned, and listed.",
    )
    add_db_option(reextract)
    add_gazetteer_option(reextract)
    reextract.set_defaults(run=run_reextract)

    demo = subparsers.add_parser(
        "demo",
        help="build the demo database from the gazetteer's bundled demo dispatches",
        description="Read <gazetteer>/demo/*.md into a database (rebuilt only when they or the code "
        "changed) and print its path and timeline summary.",
    )
    demo.add_argument(
        "--db", metavar="PATH", help="where (default: $GEO_DEMO_DB, else .cache/demo-<city>.db)"
    )
    add_gazetteer_option(demo)
    demo.set_defaults(run=run_demo)


def run_ingest(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from ..store import BATCH_SIZE, Store, default_workers, ingest, read_sources

    if not args.files and not args.meta:
        raise ArticleError("give article files, folders, globs or JSON lines, or --meta CSV")
    if args.scheduler and args.workers != 1:
        raise GeoError("--workers is for this machine; with --scheduler the cluster's workers read claims")
    gazetteer = Gazetteer.load(args.gazetteer)
    store = Store(args.db)
    started = time.perf_counter()
    try:
        with tqdm(desc="ingest", unit=" article", file=sys.stderr, disable=None, smoothing=0.1) as bar:
            report = ingest(
                store,
                read_sources(args.files, meta_csv=args.meta, published=args.published),
                gazetteer,
                workers=args.workers or default_workers(),
                scheduler=args.scheduler,
                batch_size=BATCH_SIZE if args.batch_size is None else args.batch_size,
                progress=bar.update,
            )
    finally:
        store.close()
    seconds = time.perf_counter() - started
    done = len(report.added) + len(report.duplicates) + len(report.failed)
    print(
        f"{len(report.added)} article(s) added, {len(report.duplicates)} skipped as duplicates, "
        f"{len(report.failed)} failed in {seconds:.1f} s ({done / seconds:.1f} articles/s)"
    )
    for file, reason in report.failed:  # problems go to stderr, as every command's do
        print(for_terminal(f"  failed: {file}: {reason}"), file=sys.stderr)
    unresolved = sorted(set(report.unresolved))
    print(
        for_terminal(
            f"{report.claims} claim(s) found; {len(report.unresolved)} with a place not resolved"
            + (f": {', '.join(unresolved)}" if unresolved else "")
        )
    )
    return 2 if report.failed else 0


def run_timeline(args: argparse.Namespace) -> int:
    gazetteer = Gazetteer.load(args.gazetteer)
    store = open_store(args.db, read_only=True)
    try:
        timeline = store.timeline(gazetteer, show_proposed=not args.accepted_only)
        titles = {a.id: a.title for a in store.articles()}
    finally:
        store.close()
    names = {p.id: p.name for p in gazetteer.places.values()}
    if args.date:
        return _print_state(timeline, args.date, names, args.json)
    days = [
        {
            "date": day.isoformat(),
            "changes": [
                {
                    "place_id": c.place_id,
                    "name": names[c.place_id],
                    "before": c.before,
                    "after": c.after,
                    "status": c.status,
                    "claims": [_cite(timeline, k, titles) for k in c.claim_keys],
                }
                for c in timeline.changes_on(day)
            ],
        }
        for day in timeline.dates
    ]
    if args.json:
        unplaced = [
            {"key": k, "reason": r, "sentence": timeline.claims[k].sentence}
            for k, r in timeline.unplaced.items()
        ]
        print(json_for_terminal({"dates": days, "unplaced": unplaced}, indent=2))
        return 0
    for day in days:
        print(f"{day['date']}  {len(day['changes'])} change(s)")
        for change in day["changes"]:
            print(f"  {change['place_id']:<24} {change['before']} -> {change['after']}  [{change['status']}]")
            for claim in change["claims"]:
                print(
                    for_terminal(
                        f'      {claim["key"]}  "{_quote(claim["sentence"])}"  ({claim["title"] or claim["article"]})'
                    )
                )
    print(f"{len(timeline.unplaced)} claim(s) not on the map (see `python -m geo review --list`)")
    return 0


def _print_state(timeline: ControlTimeline, day: date, names: dict[str, str], as_json: bool) -> int:
    states = timeline.state_on(day)
    rows = [
        {
            "place_id": p,
            "name": names[p],
            "controller": s.controller,
            "since": s.since.isoformat() if s.since else None,
            "status": s.status,
            "claims": list(s.claim_keys),
        }
        for p, s in states.items()
    ]
    checks = [
        {
            "claim": c.claim_key,
            "place_id": c.place_id,
            "controller": c.controller,
            "claimed_percent": c.claimed,
            "claimed_words": c.wording,
            "map_percent": c.on_map,
        }
        for c in timeline.percent_checks(day)
    ]
    if as_json:
        print(
            json_for_terminal({"date": day.isoformat(), "places": rows, "percent_checks": checks}, indent=2)
        )
        return 0
    for row in rows:
        print(
            f"{row['place_id']:<28} {row['name']:<28} {row['controller']:<11} {row['since'] or '-':<10} "
            f"{row['status']:<9} {' '.join(row['claims'])}"
        )
    for check in timeline.percent_checks(day):
        print(
            f"percent check {check.claim_key}: {check.place_id} {check.controller} "
            f"claimed {check.claimed_text}, map {check.on_map:g}%"
        )
    return 0


def _cite(timeline: ControlTimeline, key: str, titles: dict[str, str]) -> dict:
    claim = timeline.claims[key]
    return {
        "key": key,
        "sentence": claim.sentence,
        "article": claim.article,
        "title": titles.get(claim.article, ""),
        "review": timeline.review[key],
        "disputed_by": list(timeline.disputed_by.get(key, ())),
    }


def _quote(sentence: str) -> str:
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= QUOTE_CHARS else sentence[: QUOTE_CHARS - 1] + "…"


def run_review(args: argparse.Namespace) -> int:
    gazetteer = Gazetteer.load(args.gazetteer)
    if args.list:
        if args.claim_key or args.place or args.controller or args.date_from or args.date_to:
            raise StoreError("--list takes no claim key or corrections")
        return _list_for_review(args, gazetteer)
    if not args.claim_key:
        raise StoreError("give the CLAIM_KEY to decide on (see `python -m geo review --list`)")
    if args.filter:
        raise StoreError("--filter goes with --list")
    store = open_store(args.db)
    try:
        if args.decision == "applied":
            place = gazetteer.places.get(store.claim(args.claim_key).place_id or "")
            if place is None or not place.is_region:
                raise StoreError("only a claim about a share of a region can be applied to its members")
        decision = store.decide(
            args.claim_key,
            args.decision,
            place_id=args.place,
            controller=args.controller,
            date_from=args.date_from,
            date_to=args.date_to,
            by=args.by or _login(),
            note=args.note,
            gazetteer=gazetteer,
        )
    finally:
        store.close()
    print(
        f"{decision.claim_key}: {decision.decision} by {decision.by or 'unknown'} at {decision.at:%Y-%m-%d %H:%M} UTC"
    )
    return 0


def _list_for_review(args: argparse.Namespace, gazetteer: Gazetteer) -> int:
    store = open_store(args.db, read_only=True)
    try:
        timeline = store.timeline(gazetteer)
    finally:
        store.close()
    claims = timeline.claims_to_review(args.filter)
    if args.json:
        print(
            json_for_terminal(
                [
                    {
                        **c.as_dict(),
                        "not_placed": timeline.unplaced.get(c.key, ""),
                        "disputed_by": list(timeline.disputed_by.get(c.key, ())),
                    }
                    for c in claims
                ],
                indent=2,
            )
        )
        return 0
    for claim in claims:
        dates = f"{claim.date_from}..{claim.date_to}" if claim.date_from else "no date"
        place = claim.place_id or f"unresolved ({', '.join(claim.candidates) or 'no candidates'})"
        print(
            for_terminal(
                f"{claim.key}  {claim.confidence:.2f}  {claim.claim_type:<9} {claim.place_as_written} -> "
                f"{place}  {claim.controller}  {dates}"
            )
        )
        notes = [timeline.unplaced.get(claim.key, "")] + [
            f"disputed by {k}" for k in timeline.disputed_by.get(claim.key, ())
        ]
        print(for_terminal(f'    "{_quote(claim.sentence)}"' + "".join(f"  [{n}]" for n in notes if n)))
    print(f"{len(claims)} claim(s) to review")
    return 0


def _login() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def run_reextract(args: argparse.Namespace) -> int:
    gazetteer = Gazetteer.load(args.gazetteer)
    store = open_store(args.db)
    try:
        report = store.reextract(gazetteer)
    finally:
        store.close()
    print(
        f"{report.articles} article(s) read again: {report.claims_before} claim(s) before, {report.claims_after} now; "
        f"{report.kept} decision(s) apply, {len(report.orphaned)} orphaned, {len(report.restored)} restored"
    )
    for decision in report.orphaned:
        print(
            f"  orphaned: {decision.claim_key} {decision.decision} by {decision.by or 'unknown'}"
            + (f" ({decision.note})" if decision.note else "")
        )
    return 0


def run_demo(args: argparse.Namespace) -> int:
    from ..store import Store, demo_database

    gazetteer = Gazetteer.load(args.gazetteer)
    path = demo_database(args.db, gazetteer=gazetteer)
    store = Store(path)
    try:
        timeline = store.timeline(gazetteer)
        articles = len(store.articles())
    finally:
        store.close()
    span = f"{timeline.dates[0]} to {timeline.dates[-1]}" if timeline.dates else "no changes"
    print(
        f"{path}: {plural(articles, 'dispatch', 'dispatches')}, {plural(len(timeline.claims), 'claim')}, "
        f"{plural(len(timeline.dates), 'change date')} ({span})"
    )
    return 0
