"""Adding a spelling to a gazetteer: editors teach it the names the articles use.

A spelling goes into the ``variants`` column of the place's row in ``places.csv`` (or
``regions.csv`` for a region). The file is written whole to a temporary file beside it, read back
through the gazetteer's own validation, then moved over the original in one step
(``os.replace``): a reader sees the old file or the new one, never half of one. The original is
locked meanwhile, so two editors adding spellings at once both keep theirs. Every other byte of
the file stays as it was (quoting and line endings included).
"""

from __future__ import annotations

import csv
import fcntl
import io
import os
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..core import FORMULA_STARTS, GazetteerError, normalise
from .places import Gazetteer, Place, read_places, read_regions

#: No place name runs longer; anything longer is a pasted sentence.
MAX_LENGTH = 80


def check_spelling(spelling: str) -> str:
    """The spelling, trimmed, or a GazetteerError saying why it cannot be one."""
    spelling = " ".join(spelling.split())
    if not spelling:
        raise GazetteerError("the spelling is empty")
    if len(spelling) > MAX_LENGTH:
        raise GazetteerError(f"the spelling is longer than {MAX_LENGTH} characters")
    if "|" in spelling:
        raise GazetteerError("a spelling cannot contain “|”, which separates spellings in places.csv")
    if any(unicodedata.category(ch).startswith("C") for ch in spelling):
        raise GazetteerError("the spelling contains control characters")
    if not normalise(spelling):
        raise GazetteerError(f"“{spelling}” has no letters to match on")
    if spelling[:1] in FORMULA_STARTS:
        raise GazetteerError(
            f"a spelling cannot start with {spelling[0]} (a spreadsheet would read the cell as a formula)"
        )
    return spelling


def add_spelling(folder: str | Path, place_id: str, spelling: str) -> Place:
    """Add ``spelling`` to the place's variants; return the place as the file now has it.

    Refused (GazetteerError) when the place is not a map place or region of the folder, when the
    gazetteer already knows the spelling for this place, or when it already names another place
    (adding it would make the name ambiguous).
    """
    spelling = check_spelling(spelling)
    folder = Path(folder)
    if not (folder / "places.csv").is_file():
        raise GazetteerError("no places.csv: not a gazetteer folder", file=folder)
    with _locked(folder / "places.csv"):  # one lock for both files: every writer goes through here
        gazetteer = Gazetteer.load(folder)
        place = gazetteer.places.get(place_id)
        if place is None or not (place.is_area or place.is_region):
            raise GazetteerError(f"{place_id!r} is not a map place or region of this gazetteer", file=folder)
        _check_new(gazetteer, place_id, spelling)
        path = folder / ("places.csv" if place.is_area else "regions.csv")
        with path.open(encoding="utf-8", newline="") as handle:
            text = _with_variant(handle.read(), path, place_id, spelling)
        return _replace(path, text, place_id, folder)


def _check_new(gazetteer: Gazetteer, place_id: str, spelling: str) -> None:
    found = gazetteer.lookup(spelling)
    exact = [c.place for c in found.candidates if c.score >= 100.0]
    if found.match is not None and found.method in ("name", "variant"):
        exact = [found.match]
    if any(p.id == place_id for p in exact):
        raise GazetteerError(f"“{spelling}” is already a spelling of {gazetteer.places[place_id].name}")
    if exact:
        other = exact[0]
        where = "a place outside the city" if other.outside else other.id
        raise GazetteerError(
            f"“{spelling}” already names {other.name} ({where}): adding it would make it ambiguous"
        )


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path``: on the file now at that path, not on one replaced meanwhile."""
    while True:
        handle = path.open("r", encoding="utf-8", newline="")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
            if os.fstat(handle.fileno()).st_ino == path.stat().st_ino:
                yield
                return
        finally:
            handle.close()  # closing releases the lock


def _with_variant(raw: str, path: Path, place_id: str, spelling: str) -> str:
    bom = "\ufeff" if raw.startswith("\ufeff") else ""  # Excel's CSV: kept as it was
    rows = list(csv.reader(io.StringIO(raw[len(bom) :])))
    header = rows[0] if rows else []
    if "id" not in header or "variants" not in header:
        raise GazetteerError("missing column(s): id, variants", file=path, row=1)
    id_at, variants_at = header.index("id"), header.index("variants")
    for row in rows[1:]:
        if len(row) > max(id_at, variants_at) and row[id_at].strip() == place_id:
            variants = [v for v in row[variants_at].split("|") if v.strip()]
            row[variants_at] = "|".join([*variants, spelling])
            break
    else:
        raise GazetteerError(f"no row with id {place_id!r}", file=path)
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n" if raw.split("\n", 1)[0].endswith("\r") else "\n").writerows(rows)
    return bom + out.getvalue()


def _replace(path: Path, text: str, place_id: str, folder: Path) -> Place:
    """Write ``text`` beside ``path``, validate it as the gazetteer would, then move it over ``path``."""
    handle = tempfile.NamedTemporaryFile(
        "w",
        encoding="utf-8",
        newline="",
        dir=path.parent,
        prefix=f".{path.name}.",
        suffix=".tmp",
        delete=False,
    )
    temporary = Path(handle.name)
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            if path.name == "places.csv":
                place = read_places(temporary)[place_id]
            else:
                place = read_regions(temporary, read_places(folder / "places.csv"))[place_id]
        except GazetteerError as exc:
            raise GazetteerError(exc.problem, file=path, row=exc.row) from None
        os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return place
