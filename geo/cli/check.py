"""``check``: is the store sound? Its integrity, what it holds, and the decisions left orphaned."""

from __future__ import annotations

import argparse

from ..core import plural
from .options import add_db_option, open_store

#: How many problems and orphaned decisions are listed before the rest are only counted.
SHOWN = 20
#: What the store counts, one of each ("1 run", not "1 runs").
ONE = {
    "articles": "article",
    "claims": "claim",
    "runs": "run",
    "decisions": "decision",
    "orphaned decisions": "orphaned decision",
    "claims without an article": "claim without an article",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    check = subparsers.add_parser(
        "check",
        help="check the store: integrity, counts, orphaned decisions",
        description="Open the store read-only and run the database's integrity and foreign key checks, check "
        "every claim's offsets against its article, count articles, claims, runs and decisions, and list "
        "the decisions whose claim is gone. Exit status 2 if anything is wrong.",
    )
    add_db_option(check)
    check.set_defaults(run=run_check)


def run_check(args: argparse.Namespace) -> int:
    store = open_store(args.db, read_only=True)
    try:
        problems = store.check()
        counts = store.counts()
        orphaned = store.orphaned()
    finally:
        store.close()
    print(f"{store.where}: " + ", ".join(plural(n, ONE.get(name, name), name) for name, n in counts.items()))
    for decision, claim in orphaned[:SHOWN]:
        print(
            f"  orphaned: decision {decision.decision} by {decision.by or 'unknown'} on claim {decision.claim_key} "
            f"({claim.get('place_as_written', '?')}, {claim.get('controller', '?')}): its claim is no longer read"
        )
    if len(orphaned) > SHOWN:
        print(f"  ... and {len(orphaned) - SHOWN} more orphaned decision(s)")
    if counts["claims without an article"]:
        problems.append(f"{counts['claims without an article']} claim(s) refer to no stored article")
    for problem in problems[:SHOWN]:
        print(f"  problem: {problem}")
    if len(problems) > SHOWN:
        print(f"  ... and {len(problems) - SHOWN} more problem(s)")
    print(f"{len(problems)} problem(s)" if problems else "no problems")
    return 2 if problems else 0
