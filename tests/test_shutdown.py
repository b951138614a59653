"""Stopping an ingest that reads claims in worker processes leaves no process behind: SIGTERM
ends it as cleanly as Ctrl-C (one line, whole batches kept), and after SIGKILL of the driver its
workers notice their parent is gone and exit. Run with real processes, as a user's would be."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geo.store import Store
from tests.ingest_runs import demo_wire, wait_stored

ROOT = Path(__file__).resolve().parent.parent
BATCH = 2
COPIES = 12


def descendants(pid: int) -> dict[int, bytes]:
    """Every process below ``pid``, with its command line (to tell a reused pid apart)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return {p: _cmdline(p) for p in found}


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def alive(processes: dict[int, bytes]) -> list[int]:
    """Those still running as the same program (a zombie has exited)."""
    left = []
    for pid, cmdline in processes.items():
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z" and _cmdline(pid) == cmdline:
            left.append(pid)
    return left


def start_ingest(tmp_path: Path, gazetteer) -> tuple[subprocess.Popen, Path, int]:
    """An ingest with two workers, once it has stored two batches (its output goes to files: a
    worker left alive would hold a pipe open)."""
    wire = tmp_path / "wire.jsonl"
    lines = demo_wire(wire, gazetteer, COPIES, dated=False)
    db = tmp_path / "stopped.db"
    command = [
        sys.executable,
        "-m",
        "geo",
        "ingest",
        str(wire),
        "--db",
        str(db),
        "--batch-size",
        str(BATCH),
        "--workers",
        "2",
    ]
    with (tmp_path / "out").open("w") as out, (tmp_path / "err").open("w") as err:
        ingest = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=err)
    wait_stored(db, 2 * BATCH, ingest, 180)
    assert ingest.poll() is None, "the ingest ended before it could be stopped"
    return ingest, db, len(lines)


def wait_gone(processes: dict[int, bytes], seconds: float = 15) -> list[int]:
    """Those still alive after ``seconds``; killed, so no test leaves them behind."""
    deadline = time.monotonic() + seconds
    while alive(processes) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = alive(processes)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    return left


@pytest.mark.slow
def test_sigterm_stops_an_ingest_with_workers_like_ctrl_c(tmp_path, gazetteer):
    ingest, db, total = start_ingest(tmp_path, gazetteer)
    children = descendants(ingest.pid)
    assert len(children) >= 2, "the workers were not found"
    ingest.send_signal(signal.SIGTERM)
    try:
        assert ingest.wait(timeout=60) == 128 + signal.SIGTERM
    finally:
        left = wait_gone(children)
    assert left == [], "workers outlived the ingest"
    stderr = (tmp_path / "err").read_text()
    lines = [
        line
        for line in stderr.replace("\r", "\n").splitlines()
        if line.strip() and not line.startswith("ingest")
    ]
    assert lines == ["interrupted"], stderr[-2000:]  # no traceback
    store = Store(db)
    try:
        assert store.check() == []
        assert 0 < len(store.articles()) < total and len(store.articles()) % BATCH == 0
    finally:
        store.close()


@pytest.mark.slow
def test_workers_exit_when_the_ingest_is_killed(tmp_path, gazetteer):
    ingest, db, _ = start_ingest(tmp_path, gazetteer)
    children = descendants(ingest.pid)
    assert len(children) >= 2, "the workers were not found"
    ingest.send_signal(signal.SIGKILL)
    ingest.wait(timeout=30)
    assert wait_gone(children) == [], "workers outlived the killed ingest"
    store = Store(db)
    try:
        assert store.check() == []
    finally:
        store.close()
