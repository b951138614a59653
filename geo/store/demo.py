"""The demo database: the gazetteer's bundled demo dispatches, read into a store, so the app
opens on a full timeline before anyone has ingested anything.

Dispatches live in ``<gazetteer folder>/demo/*.md`` (Markdown with front matter). The database is
rebuilt only when they, the gazetteer or the extraction code change, and then incrementally:
new dispatches are ingested, removed ones dropped, and the rest re-read, so an editor's decisions
on the demo survive (or are kept orphaned) like anywhere else.

``demo/decisions.csv`` (optional) holds demo review decisions, so that the reviewed-only map and
a published demo site are full: rows ``file,place,decision,note``, where ``file`` is a dispatch's
file name or ``*`` (every dispatch) and ``place`` the place as the dispatch writes it, or empty for
every claim of the file that goes on the map. The most specific row wins. They are recorded by
editor ``demo`` (:data:`DEMO_EDITOR`), with a note saying they are demo decisions, and only on
claims nobody has decided about, so an editor's own decisions (and undos) stand.

The demo is not where work is saved (the app writes to a user store, see :mod:`geo.app.where`),
but a refresh still removes only articles it recorded as demo dispatches: anything else found
in a demo database (an article added there by an older version) is left alone.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

from ..core import CACHE_DIR, GeoError, normalise
from ..gazetteer import Gazetteer
from ..read import load_articles
from .ingestion import ingest
from .store import IngestReport, Store, extraction_version

#: Demo databases go in $GEO_DEMO_DB, else ``<CACHE_DIR>/demo-<city folder>.db``.
#: The meta entry listing the ids of the articles a refresh stored as demo dispatches.
DEMO_ARTICLES = "demo articles"

#: Who the demo review decisions are by, so nobody takes them for an editor's.
DEMO_EDITOR = "demo"
DECISIONS_FILE = "decisions.csv"


def demo_folder(gazetteer: Gazetteer) -> Path:
    if gazetteer.folder is None:
        raise GeoError("this gazetteer was not loaded from a folder, so it has no demo dispatches")
    return gazetteer.folder / "demo"


def demo_files(gazetteer: Gazetteer) -> list[Path]:
    files = sorted(p for p in demo_folder(gazetteer).glob("*.md") if p.name.lower() != "readme.md")
    if not files:
        raise GeoError("no demo dispatches (*.md)", file=demo_folder(gazetteer))
    return files


def demo_database(path: str | Path | None = None, *, gazetteer: Gazetteer | None = None) -> Path:
    """Build the demo database, or reuse it if it is up to date; return its path."""
    gazetteer = gazetteer or Gazetteer.load()
    if path is None:
        path = os.environ.get("GEO_DEMO_DB") or CACHE_DIR / f"demo-{demo_folder(gazetteer).parent.name}.db"
    path = Path(path)
    files = demo_files(gazetteer)
    decisions = demo_folder(gazetteer) / DECISIONS_FILE
    inputs = [*files, decisions] if decisions.is_file() else files
    dispatches = hashlib.sha256(
        b"".join(f.name.encode("utf-8") + b"\0" + f.read_bytes() for f in inputs)
    ).hexdigest()
    extraction = extraction_version(gazetteer)
    store = Store(path)
    try:
        if (
            store.get_meta("demo dispatches") == dispatches
            and store.get_meta("demo extraction") == extraction
        ):
            return path
        refresh(store, files, gazetteer, reread=store.get_meta("demo extraction") not in (None, extraction))
        record_demo_decisions(store, gazetteer, files)
        store.set_meta("demo dispatches", dispatches)
        store.set_meta("demo extraction", extraction)
    finally:
        store.close()
    return path


def refresh(store: Store, files: Iterable[Path], gazetteer: Gazetteer, *, reread: bool) -> IngestReport:
    """Make the store hold these dispatches: ingest new ones, drop vanished ones (only those an
    earlier refresh recorded as dispatches), and re-read every article when the extraction
    changed (decisions kept)."""
    articles = list(load_articles(files))
    failed = [a for a in articles if isinstance(a, GeoError)]
    if failed:
        raise failed[0]
    wanted = {a.id for a in articles}
    for stale in sorted(demo_article_ids(store) - wanted):
        if store.has_article(stale):
            store.remove_article(stale)
    if reread:
        store.reextract(gazetteer)
    report = ingest(store, articles, gazetteer)
    store.set_meta(DEMO_ARTICLES, json.dumps(sorted(wanted)))
    return report


def read_demo_decisions(path: Path) -> list[dict[str, str]]:
    """The rows of a ``decisions.csv``, checked (a bad decision names the file and row)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for number, row in enumerate(rows, start=2):
        if row.get("decision") not in ("accepted", "rejected"):
            raise GeoError(
                f"row {number}: decision {row.get('decision')!r} is not accepted or rejected", file=path
            )
        row["file"] = (row.get("file") or "*").strip()
        row["place"] = normalise(row.get("place") or "")
    return rows


def record_demo_decisions(store: Store, gazetteer: Gazetteer, files: Iterable[Path]) -> int:
    """Record the demo folder's review decisions on claims no one has decided about; return how many."""
    path = demo_folder(gazetteer) / DECISIONS_FILE
    if not path.is_file():
        return 0
    rows = read_demo_decisions(path)
    # The most specific row first: a named place of a named file, then a place of any file, then a file.
    rows.sort(key=lambda r: (not r["place"], r["file"] == "*"))
    names = {a.id: Path(a.path).name for a in load_articles(files) if not isinstance(a, GeoError)}
    decided = store.decisions()
    timeline = store.timeline(gazetteer)
    recorded = 0
    for key, claim in timeline.claims.items():
        if key in decided or claim.article not in names:
            continue
        written = normalise(claim.place_as_written)
        for row in rows:
            if row["file"] not in ("*", names[claim.article]):
                continue
            if row["place"] == written or (not row["place"] and key not in timeline.unplaced):
                store.decide(
                    key,
                    row["decision"],
                    by=DEMO_EDITOR,
                    note=f"demo decision: {row.get('note') or ''}".strip(),
                )
                recorded += 1
                break
    return recorded


def demo_article_ids(store: Store) -> set[str]:
    """The articles a refresh stored as demo dispatches (none recorded: an older demo database)."""
    try:
        return set(json.loads(store.get_meta(DEMO_ARTICLES) or "[]"))
    except ValueError:
        return set()
