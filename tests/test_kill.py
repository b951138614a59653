"""Killing an ingest mid-way loses no work and corrupts nothing: the store opens cleanly, holds
exactly the batches that were committed (each article with all its claims), and a second ingest
adds the rest."""
import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geo.read import read_article, read_claims
from geo.store import Store, demo_files

ROOT = Path(__file__).resolve().parent.parent
BATCH = 4
COPIES = 8


def stored_count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


@pytest.mark.slow
def test_sigkill_mid_ingest_leaves_whole_batches_and_resuming_adds_the_rest(tmp_path, gazetteer):
    # the demo dispatches, each several times with a line of its own, so every copy is a new article
    dispatches = [read_article(f) for f in demo_files(gazetteer)]
    wire = tmp_path / "wire.jsonl"
    lines = [{"title": a.title, "published": a.published.isoformat(), "text": f"{a.text}\n\nCopy {n} of the wire."}
             for n in range(COPIES) for a in dispatches]
    wire.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    db = tmp_path / "killed.db"
    command = [sys.executable, "-m", "geo", "ingest", str(wire), "--db", str(db), "--batch-size", str(BATCH)]

    ingest = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while stored_count(db) < 2 * BATCH and ingest.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    ingest.send_signal(signal.SIGKILL)
    assert ingest.wait() == -signal.SIGKILL, "the ingest ended before it could be killed"

    store = Store(db)
    assert store.check() == []
    stored = store.articles()
    assert 0 < len(stored) < len(lines) and len(stored) % BATCH == 0  # whole batches, none half-written
    order = [line["text"] for line in lines]
    assert [a.text for a in stored] == order[: len(stored)]  # the batches that finished, in order
    claims = store.claims()
    for article in stored:  # each with all its claims
        expected = {c.key: c for c in read_claims(article, gazetteer)}
        assert {k: c for k, c in claims.items() if c.article == article.id} == expected

    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"{len(lines) - len(stored)} article(s) added, {len(stored)} skipped as duplicates, 0 failed" in done.stdout
    assert [a.text for a in store.articles()] == order and store.check() == []
    store.close()
