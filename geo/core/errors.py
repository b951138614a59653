"""Errors as types, each carrying where the bad input came from.

The command line turns any of them into one line on stderr and exit status 2;
the app shows the same message in a box.
"""

from __future__ import annotations

import json
from pathlib import Path


class GeoError(Exception):
    """Bad input from outside: names the file (and row or value) and the problem."""

    def __init__(self, problem: str, *, file: str | None = None, row: int | str | None = None):
        self.problem = problem
        self.file = str(file) if file is not None else None
        self.row = row
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = self.file or ""
        if self.row is not None:
            where = f"{where}, row {self.row}" if where else f"row {self.row}"
        return f"{where}: {self.problem}" if where else self.problem


class GeoWarning(UserWarning):
    """Input used, but not as written (a boundary repaired, a feature left off the map): the
    command line prints it as one line on stderr, naming the file and what was done."""


class GazetteerError(GeoError):
    """A gazetteer or boundary file that cannot be used as it is."""


class ArticleError(GeoError):
    """An article (or its metadata) that cannot be read."""


class StoreError(GeoError):
    """The claims store refused an operation (unknown claim, bad decision...)."""


def read_json(path: Path, error: type[GeoError] = GeoError) -> object:
    """A JSON file's value; ``error`` naming the file when it is missing, not UTF-8 or not JSON."""
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise error("file not found", file=path) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise error(f"not valid JSON ({exc})", file=path) from None
