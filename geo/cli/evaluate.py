"""``evaluate``: measure the claim reader against a gold file (precision, recall, F1)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core import ArticleError, json_for_terminal
from ..gazetteer import Gazetteer
from ..read import (
    articles_by_file,
    evaluate,
    load_articles,
    read_claims_many,
    read_gold,
    read_negatives,
    report_lines,
    unknown_place_error,
)
from .options import add_article_options, add_gazetteer_option

SHOW = ("misses", "wrong")


def register(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "evaluate",
        help="score the claims read from articles against a gold file",
        description="Read the articles as `extract` does, score their claims against GOLD.csv (one row per "
        "claim and place) and print precision, recall and F1 overall, on changes alone, per claim type "
        "and per article. Any bad input (a missing column, an excerpt in no article, an unknown place, "
        "an article the gold names but not given) stops it with exit status 2.",
    )
    command.add_argument(
        "gold",
        metavar="GOLD.csv",
        help="gold file: file,sentence_excerpt,place_as_written,"
        "place,new_controller,claim_type,date_from,date_to,...",
    )
    command.add_argument("files", nargs="+", metavar="ARTICLE", help="article files or folders")
    add_article_options(command)
    command.add_argument(
        "--negatives",
        metavar="CSV",
        help="sentences that claim nothing (file,sentence_excerpt,...): "
        "count the claims read from them (default: negatives.csv beside GOLD.csv, if any)",
    )
    command.add_argument(
        "--allow-unknown-places",
        action="store_true",
        help="a gold place the gazetteer lacks is scored as a miss either way; with this, "
        "it is not an error (exit status 0)",
    )
    command.add_argument(
        "--show",
        type=_show_list,
        default=(),
        metavar="misses,wrong",
        help="also list each missed gold row and/or each wrong claim with its sentence",
    )
    command.add_argument("--json", action="store_true", help="print JSON: scores, misses and wrong claims")
    add_gazetteer_option(command)
    command.set_defaults(run=run_evaluate)


def _show_list(value: str) -> tuple[str, ...]:
    items = tuple(v.strip() for v in value.split(",") if v.strip())
    bad = [v for v in items if v not in SHOW]
    if bad or not items:
        raise argparse.ArgumentTypeError(f"{value!r}: give misses, wrong or misses,wrong")
    return items


def run_evaluate(args: argparse.Namespace) -> int:
    gazetteer = Gazetteer.load(args.gazetteer)
    articles = []
    for item in load_articles(args.files, meta_csv=args.meta, published=args.published):
        if isinstance(item, ArticleError):
            raise item  # a measurement over some of the articles would mislead: stop
        articles.append(item)
    bodies = articles_by_file(articles)
    gold = read_gold(args.gold, bodies, gazetteer)
    negatives_file = args.negatives
    if negatives_file is None and (Path(args.gold).parent / "negatives.csv").is_file():
        negatives_file = str(Path(args.gold).parent / "negatives.csv")
    negatives = read_negatives(negatives_file, bodies) if negatives_file else None
    claims = {Path(article.path).name: found for article, found in read_claims_many(articles, gazetteer)}
    result = evaluate(gold, claims, negatives=negatives)
    if args.json:
        print(json_for_terminal(result.as_dict(), indent=2))
    else:
        print("\n".join(report_lines(result, show=args.show, negatives_file=negatives_file)))
    unknown = unknown_place_error(gold, args.gold)
    if unknown is not None and not args.allow_unknown_places:
        raise unknown  # after the scores, as extract reports a bad file after the good ones
    return 0
