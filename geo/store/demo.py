"""The demo database: the gazetteer's bundled demo dispatches, read into a store, so the app
opens on a full timeline before anyone has ingested anything.

Dispatches live in ``<gazetteer folder>/demo/*.md`` (Markdown with front matter). The database is
rebuilt only when they, the gazetteer or the extraction code change, and then incrementally:
new dispatches are ingested, removed ones dropped, and the rest re-read, so an editor's decisions
on the demo survive (or are kept orphaned) like anywhere else.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from ..core import CACHE_DIR, GeoError
from ..gazetteer import Gazetteer
from ..read import load_articles
from .ingestion import ingest
from .store import IngestReport, Store, extraction_version

#: Demo databases go in $GEO_DEMO_DB, else ``<CACHE_DIR>/demo-<city folder>.db``.


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
    dispatches = hashlib.sha256(b"".join(f.name.encode("utf-8") + b"\0" + f.read_bytes() for f in files)).hexdigest()
    extraction = extraction_version(gazetteer)
    store = Store(path)
    try:
        if store.get_meta("demo dispatches") == dispatches and store.get_meta("demo extraction") == extraction:
            return path
        refresh(store, files, gazetteer, reread=store.get_meta("demo extraction") not in (None, extraction))
        store.set_meta("demo dispatches", dispatches)
        store.set_meta("demo extraction", extraction)
    finally:
        store.close()
    return path


def refresh(store: Store, files: Iterable[Path], gazetteer: Gazetteer, *, reread: bool) -> IngestReport:
    """Make the store hold exactly these dispatches: ingest new ones, drop vanished ones,
    and re-read the others when the extraction changed (decisions kept)."""
    articles = list(load_articles(files))
    failed = [a for a in articles if isinstance(a, GeoError)]
    if failed:
        raise failed[0]
    wanted = {a.id for a in articles}
    for stale in [a.id for a in store.articles() if a.id not in wanted]:
        store.remove_article(stale)
    if reread:
        store.reextract(gazetteer)
    return ingest(store, articles, gazetteer)
