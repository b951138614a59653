"""``extract``: read articles and print every control claim they make."""

from __future__ import annotations

import argparse
import sys

from ..core import ArticleError, for_terminal, json_for_terminal
from ..gazetteer import Gazetteer
from ..read import load_articles, read_claims_many
from .options import add_article_options, add_gazetteer_option

#: The columns of the plain-text output, in order.
TEXT_FIELDS = (
    "place_as_written",
    "place_id",
    "controller",
    "claim_type",
    "percent",
    "date_from",
    "date_to",
    "confidence",
    "sentence",
)


def register(subparsers: argparse._SubParsersAction) -> None:
    extract = subparsers.add_parser(
        "extract",
        help="print the control claims of articles",
        description="Read each article (text, Markdown with front matter, HTML; files or folders) and "
        "print every claim that a side took, lost or holds a place, with its sentence and date. "
        "A bad file is reported on stderr and the others still go through (exit status 2).",
    )
    extract.add_argument(
        "files", nargs="*", metavar="FILE", help="article files or folders (none: the files --meta lists)"
    )
    add_article_options(extract)
    extract.add_argument("--json", action="store_true", help="print JSON: a list of claim objects")
    add_gazetteer_option(extract)
    extract.set_defaults(run=run_extract)


def run_extract(args: argparse.Namespace) -> int:
    if not args.files and not args.meta:
        raise ArticleError("give article files or folders, or --meta CSV")
    gazetteer = Gazetteer.load(args.gazetteer)
    failed = 0

    def articles():
        nonlocal failed
        for item in load_articles(args.files, meta_csv=args.meta, published=args.published):
            if isinstance(item, ArticleError):
                failed += 1
                print(f"error: {for_terminal(item.message)}", file=sys.stderr)
            else:
                yield item

    found = []
    for article, claims in read_claims_many(articles(), gazetteer):
        for claim in claims:
            found.append({"article_path": article.path, **claim.as_dict()})
        if not args.json:
            _print_text(article, claims)
    if args.json:
        print(json_for_terminal(found, indent=2))
    return 2 if failed else 0


def _print_text(article, claims) -> None:
    window = article.publication_window
    if article.published:
        dated = f"published {article.published} ({article.published_basis})"
    elif window is not None:
        dated = f"no publication date (its URL says {window[0]}..{window[1]})"
    else:
        dated = "no publication date"
    # article text and names may hold terminal escapes: printed without control characters
    print(
        for_terminal(f"# {article.path} — {article.title or '(no title)'} — {dated} — {len(claims)} claim(s)")
    )
    for claim in claims:
        row = claim.as_dict()
        row["percent"] = "" if row["percent"] is None else f"{row['percent']:g}%"
        row["sentence"] = " ".join(row["sentence"].split())  # one line per claim
        print(
            "\t".join(
                "" if row[f] is None else for_terminal(str(row[f])).replace("\t", " ") for f in TEXT_FIELDS
            )
        )
        extras = [f"{k}: {row[k]}" for k in ("attribution", "hedged", "disputes") if row[k]]
        extras += [f"flags: {', '.join(row['flags'])}"] if row["flags"] else []
        extras += ["partial"] if row["partial"] else []
        if extras:
            print("\t  " + for_terminal("; ".join(extras)))
