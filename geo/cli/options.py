"""Options several commands share, defined once so they read and behave the same everywhere."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from ..core import StoreError, parse_iso_date


def iso_date(value: str) -> date:
    """An argparse type: a real ``YYYY-MM-DD`` date, or a usage error saying what is wrong."""
    try:
        return parse_iso_date(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_gazetteer_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--gazetteer",
        metavar="DIR",
        help="gazetteer folder: the city's places, baseline and conflict, whose names and actors the "
        "articles are read with (default: $GEO_GAZETTEER, else the first folder under data/ with a gazetteer.json)",
    )


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the store: a SQLite file or a SQLAlchemy URL "
        "(default: $GEO_DB, else geo.db in the working directory)",
    )


def open_store(where: str | None, *, read_only: bool = False):
    """The store named on the command line, which must exist already (except for ingest);
    ``read_only`` for commands that only read it, so a read-only database can be read."""
    from ..store import Store, default_db

    where = where or default_db()
    if "://" not in where and Path(where).is_dir():
        raise StoreError("is a folder, not a database file", file=where)
    if "://" not in where and not Path(where).is_file():
        raise StoreError("no such database: ingest articles first, or name one with --db", file=where)
    return Store(where, read_only=read_only)


def add_article_options(parser: argparse.ArgumentParser) -> None:
    """``--meta`` and ``--published``: what we know of articles beyond their text."""
    parser.add_argument(
        "--meta", metavar="CSV", help="metadata CSV: file,title,source,published[,url,published_basis]"
    )
    parser.add_argument(
        "--published",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="publication date for every article (wins over metadata)",
    )
