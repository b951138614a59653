"""Killing an ingest mid-way loses no work and corrupts nothing: the store opens cleanly, holds
exactly the batches that were committed (each article with all its claims), and a second ingest
adds the rest."""

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from geo.read import read_claims
from geo.store import Store
from tests.ingest_runs import demo_wire, wait_stored

ROOT = Path(__file__).resolve().parent.parent
BATCH = 4
COPIES = 8


@pytest.mark.slow
def test_sigkill_mid_ingest_leaves_whole_batches_and_resuming_adds_the_rest(tmp_path, gazetteer):
    wire = tmp_path / "wire.jsonl"
    lines = demo_wire(wire, gazetteer, COPIES)
    db = tmp_path / "killed.db"
    command = [sys.executable, "-m", "geo", "ingest", str(wire), "--db", str(db), "--batch-size", str(BATCH)]

    ingest = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_stored(db, 2 * BATCH, ingest, 120, poll=0.02)
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
    assert (
        f"{len(lines) - len(stored)} article(s) added, {len(stored)} skipped as duplicates, 0 failed"
        in done.stdout
    )
    assert [a.text for a in store.articles()] == order and store.check() == []
    store.close()
