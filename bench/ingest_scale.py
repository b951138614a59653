"""How ingest scales: articles per second for 1 and 2 workers and on Dask, peak memory, and the time
per article as the corpus grows.

Generates a corpus as JSON lines in a temporary folder (10,000 articles of about 800 words by
default, written by ``bench/extract_speed.py``'s generator: our own words, naming places of the
gazetteer, with a known share of control sentences), then runs ``python -m geo ingest`` on it
as a subprocess, into a fresh database each time, sampling the memory of every process it starts
(and of the Dask cluster's workers). Prints:

- articles/s for ``--workers 1`` and ``--workers 2`` on the middle corpus size (5,000), and their
  ratio (target: at least 1.7x);
- on the smallest (1,000): spaCy's own ``nlp.pipe(n_process=2)``, the alternative to a process
  pool, and ``--scheduler`` on a two-worker LocalCluster;
- seconds per article with 2 workers at each corpus size (must stay flat) and the peak memory
  (target: under 1.5 GB at 10,000 articles);
- how fast a second ingest of the whole corpus skips it (resume).

The machine's load average is printed before and after: the figures mean little on a busy machine.

    python bench/ingest_scale.py [--articles 10000] [--quick] [--words 800] [--control-share 0.1]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from extract_speed import generate

from geo.gazetteer import Gazetteer

ROOT = Path(__file__).resolve().parent.parent

#: Articles generated per call of the generator, so the corpus is never all in memory.
CHUNK = 500
PEAK_TARGET_GB = 1.5
SPEEDUP_TARGET = 1.7


def write_corpus(
    folder: Path, sizes: list[int], words: int, share: float, seed: int
) -> tuple[dict[int, Path], int, int]:
    """JSON lines files holding the first ``size`` articles, for each size; control and all sentences."""
    gazetteer = Gazetteer.load()
    files = {size: folder / f"corpus-{size}.jsonl" for size in sizes}
    handles = {size: path.open("w", encoding="utf-8") for size, path in files.items()}
    control = total = 0
    for first in range(0, max(sizes), CHUNK):
        articles, c, t = generate(min(CHUNK, max(sizes) - first), words, share, seed + first, gazetteer)
        control, total = control + c, total + t
        for number, article in enumerate(articles, start=first):
            line = (
                json.dumps(
                    {
                        "title": f"report {number}",
                        "source": "bench",
                        "url": "",
                        "published": article.published.isoformat(),
                        "text": article.text,
                    }
                )
                + "\n"
            )
            for size, handle in handles.items():
                if number < size:
                    handle.write(line)
    for handle in handles.values():
        handle.close()
    return files, control, total


class PeakMemory:
    """Samples the summed resident memory of every process this one started, until stopped."""

    def __init__(self, interval: float = 0.1):
        self.interval, self.peak, self._stop = interval, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.wait(self.interval):
            total = 0
            for child in me.children(recursive=True):
                try:
                    total += child.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)


def ingest(corpus: Path, db: Path, *options: str) -> tuple[float, float, int]:
    """One ``python -m geo ingest`` run: wall seconds (interpreter start included), the command's
    own articles/s (from its summary line: reading, claims and writing), and peak memory (bytes)."""
    with PeakMemory() as memory:
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "geo", "ingest", str(corpus), "--db", str(db), *options],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"ingest failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return seconds, float(re.search(r"\(([\d.]+) articles/s\)", done.stdout)[1]), memory.peak


def show(label: str, size: int, seconds: float, rate: float, peak: int) -> None:
    print(
        f"{label:<24} {rate:7.1f} articles/s  ({size} articles in {seconds:.1f} s with the interpreter's start: "
        f"{size / seconds:.1f}/s; peak {peak / 1e9:.2f} GB)"
    )


def pipe_n_process(corpus: Path, n_process: int) -> float:
    """Seconds for spaCy's ``nlp.pipe(n_process=...)`` to read the claims of a corpus (no store)."""
    code = (
        "import sys; from geo.gazetteer import Gazetteer; from geo.store import read_jsonl; "
        "from geo.read import read_claims_many; g = Gazetteer.load(); "
        f"n = sum(1 for _ in read_claims_many(read_jsonl(sys.argv[1]), g, n_process={n_process}, batch_size=16)); "
        "print(n)"
    )
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(corpus)], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg()) + f" on {os.cpu_count()} cores"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="the largest corpus (default 10,000)")
    parser.add_argument(
        "--quick", action="store_true", help="a small run for development: 1,000 articles at most"
    )
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--control-share", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    largest = min(args.articles, 1000) if args.quick else args.articles
    sizes = sorted({max(largest // 10, 1), max(largest // 2, 1), largest})
    compare = sizes[len(sizes) // 2]  # large enough that starting the workers weighs little

    print(f"before: {load()}")
    with tempfile.TemporaryDirectory(prefix="geo-ingest-bench-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        files, control, total = write_corpus(folder, sizes, args.words, args.control_share, args.seed)
        megabytes = files[largest].stat().st_size / 1e6
        print(
            f"corpus: {largest} articles, {megabytes:.0f} MB of JSON lines, {control} control sentences of "
            f"{total} ({control / total:.1%}), written in {time.perf_counter() - start:.0f} s"
        )

        small = sizes[0]
        print(f"on {compare} articles:")
        runs = {
            workers: ingest(files[compare], folder / f"{workers}.db", "--workers", str(workers))
            for workers in (1, 2)
        }
        for workers, run in runs.items():
            show(f"  --workers {workers}", compare, *run)
        print(f"  2 workers / 1 worker: {runs[2][1] / runs[1][1]:.2f}x (target: at least {SPEEDUP_TARGET}x)")

        print(f"on {small} articles:")
        growth = {compare: runs[2], small: ingest(files[small], folder / f"{small}.db", "--workers", "2")}
        show("  --workers 2", small, *growth[small])
        seconds = pipe_n_process(files[small], 2)
        print(
            f"  {'nlp.pipe(n_process=2)':<22} {small / seconds:7.1f} articles/s  (claims only, no store, the "
            f"interpreter's start included: {seconds:.1f} s; against {small / growth[small][0]:.1f}/s for --workers 2)"
        )

        from distributed import LocalCluster

        with LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1"
        ) as cluster:
            show(
                "  --scheduler (2 local)",
                small,
                *ingest(files[small], folder / "dask.db", "--scheduler", cluster.scheduler_address),
            )

        print("as the corpus grows (--workers 2):")
        for size in sizes:
            if size not in growth:
                growth[size] = ingest(files[size], folder / f"{size}.db", "--workers", "2")
            seconds, rate, peak = growth[size]
            print(
                f"  {size:>6} articles: {1000 / rate:6.1f} ms/article ({rate:.1f} articles/s), peak {peak / 1e9:.2f} GB"
            )
        print(
            f"  time per article at {largest} / at {small}: {growth[small][1] / growth[largest][1]:.2f} "
            f"(flat is 1.0); peak memory at {largest}: {growth[largest][2] / 1e9:.2f} GB (target: under {PEAK_TARGET_GB} GB)"
        )

        seconds, rate, _ = ingest(files[largest], folder / f"{largest}.db", "--workers", "2")
        print(
            f"resume: a second ingest of all {largest} skips them at {rate:.0f} articles/s ({seconds:.1f} s in all)"
        )
    print(f"after: {load()}")


if __name__ == "__main__":
    main()
