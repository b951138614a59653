"""What the tests that stop an ingest mid-way share: a wire of many distinct articles, and how
many articles the store holds while the ingest writes it (tests/test_kill.py, tests/test_shutdown.py)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import time
from pathlib import Path

from geo.read import read_article
from geo.store import demo_files


def demo_wire(path: Path, gazetteer, copies: int, *, dated: bool = True) -> list[dict]:
    """The demo dispatches, each ``copies`` times with a line of its own (so every copy is a new
    article), written to ``path`` as JSON lines; ``dated`` gives each its publication date."""
    dispatches = [read_article(f) for f in demo_files(gazetteer)]
    lines = [
        {
            "title": a.title,
            **({"published": a.published.isoformat()} if dated else {}),
            "text": f"{a.text}\n\nCopy {n} of the wire.",
        }
        for n in range(copies)
        for a in dispatches
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return lines


def stored_count(db: Path) -> int:
    """Articles committed to the store so far (read-only, so the ingest's writes are not held up)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def wait_stored(db: Path, count: int, ingest: subprocess.Popen, seconds: float, poll: float = 0.05) -> None:
    """Wait until the store holds ``count`` articles, the ingest has ended, or ``seconds`` passed."""
    deadline = time.monotonic() + seconds
    while stored_count(db) < count and ingest.poll() is None and time.monotonic() < deadline:
        time.sleep(poll)
