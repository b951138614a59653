"""Ingest at scale: stream articles in, read their claims in parallel, write them in batches.

A newsroom ingests a day's reports, a monitoring group years of them. So the input is streamed
(folders, globs, a metadata CSV, or JSON lines), never held in memory; claims are read in one
process, in a pool of processes on this machine (each loads the pipeline once), or on a Dask
cluster; and the driver alone writes to the store, a batch of articles per transaction. At most
a few batches are in flight at any time, so memory stays flat however long the corpus.

An article already stored (same text, so same content hash) is skipped before its claims are
read: an interrupted ingest resumes where it stopped. A bad file, or an article the extractor
cannot read, is reported with its reason and the rest go on.
"""

from __future__ import annotations

import ctypes
import glob
import json
import multiprocessing
import os
import select
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date
from pathlib import Path

from ..core import ArticleError, Claim, GeoError, StoreError, parse_iso_date
from ..gazetteer import Gazetteer
from ..read import MAX_BYTES, Article, load_articles, unix_newlines
from .store import Extractor, IngestReport, Store, city_of, extraction_version

#: Files read as JSON lines of articles, one ``{title, source, url, published, text}`` object a line.
JSONL_SUFFIXES = (".jsonl", ".ndjson")
JSONL_FIELDS = ("title", "source", "url", "published", "text")
#: Articles per task and per write transaction.
BATCH_SIZE = 16
#: Characters of article text per batch (about bytes): reading claims takes memory in proportion to
#: the text a batch holds, so 16 long pages (measured: 3.6 GB) do not go through together. An
#: article longer than this goes alone.
BATCH_CHARS = 1_000_000
#: Batches in flight per worker: enough to keep every worker busy while the driver writes.
IN_FLIGHT_PER_WORKER = 2
#: How long to try reaching a Dask scheduler before saying it cannot be reached.
SCHEDULER_TIMEOUT_S = 5
_GLOB_CHARS = frozenset("*?[")


# -- sources -----------------------------------------------------------------------------------
def read_sources(
    inputs: Iterable[str | Path],
    *,
    meta_csv: str | Path | None = None,
    published: date | None = None,
) -> Iterator[Article | ArticleError]:
    """Every article of the inputs, one at a time; a bad one yields its :class:`ArticleError`.

    An input is an article file, a folder, a glob (``"2016/**/*.txt"``, expanded here, so a shell's
    argument limit does not apply) or a JSON lines file (``.jsonl``). Files and folders are read as
    :func:`geo.read.articles.load_articles` reads them, with ``meta_csv``; JSON lines after them.
    """
    files: list[Path | ArticleError] = []
    lines: list[Path] = []
    for item in map(str, inputs):
        matches = _expand(item)
        if not matches:
            files.append(ArticleError("no files match this pattern", file=item))
        for path in matches:
            (lines if path.suffix.lower() in JSONL_SUFFIXES else files).append(path)
    errors = [f for f in files if isinstance(f, ArticleError)]
    yield from errors
    paths = [f for f in files if not isinstance(f, ArticleError)]
    if paths or meta_csv is not None:
        yield from load_articles(paths, meta_csv=meta_csv, published=published)
    for path in lines:
        yield from read_jsonl(path, published=published)


def _expand(item: str) -> list[Path]:
    if Path(item).exists() or not _GLOB_CHARS & set(item):
        return [Path(item)]
    return [Path(p) for p in sorted(glob.iglob(item, recursive=True))]


def read_jsonl(path: str | Path, *, published: date | None = None) -> Iterator[Article | ArticleError]:
    """Articles from JSON lines, one ``{title, source, url, published, text}`` object a line,
    read line by line. A bad line (not JSON, no text, a field that is not a string, a bad date,
    over :data:`geo.read.articles.MAX_BYTES`) yields an :class:`ArticleError` naming the file and line."""
    path = Path(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield ArticleError(f"cannot be read ({exc.strerror})", file=path)
        return
    with handle:
        number = 0
        while line := handle.readline(MAX_BYTES + 1):
            number += 1
            if len(line) > MAX_BYTES:
                while line and not line.endswith(b"\n"):  # skip the rest of the line
                    line = handle.readline(MAX_BYTES)
                yield ArticleError(f"line longer than {MAX_BYTES // (1024 * 1024)} MB", file=path, row=number)
                continue
            if not line.strip():
                continue
            try:
                yield _jsonl_article(line, path, number, published)
            except ArticleError as exc:
                yield exc


def _jsonl_article(line: bytes, path: Path, number: int, published: date | None) -> Article:
    def bad(problem: str) -> ArticleError:
        return ArticleError(problem, file=path, row=number)

    try:
        row = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise bad(f"not UTF-8 text (byte 0x{line[exc.start]:02x})") from None
    except json.JSONDecodeError as exc:
        raise bad(f"not JSON ({exc.msg})") from None
    if not isinstance(row, dict):
        raise bad("not a JSON object")
    fields = {name: row.get(name) or "" for name in JSONL_FIELDS}
    wrong = [name for name, value in fields.items() if not isinstance(value, str)]
    if wrong:
        raise bad(f"not a string: {', '.join(wrong)}")
    text = unix_newlines(fields["text"])
    if not text.strip():
        raise bad("no article text")
    when, basis = published, "given"
    if when is None and fields["published"]:
        try:
            when, basis = parse_iso_date(fields["published"]), "metadata"
        except ValueError as exc:
            raise bad(f"published: {exc}") from None
    return Article(
        text=text,
        title=fields["title"],
        source=fields["source"],
        url=fields["url"],
        published=when,
        published_basis=basis if when else "",
        path=f"{path}:{number}",
    )


# -- reading claims, on whichever process runs it ----------------------------------------------
#: What a worker reads claims with, by context key: (gazetteer, extractor or None = the pipeline).
_CONTEXT: dict[str, tuple[Gazetteer, Extractor | None]] = {}


def _remember(key: str, context: tuple[Gazetteer, Extractor | None]) -> None:
    if key not in _CONTEXT:
        _CONTEXT.clear()  # a long-lived Dask worker keeps only the latest gazetteer
        _CONTEXT[key] = context


def read_batch(
    rows: list[dict], key: str, gazetteer: Gazetteer | None = None, extract: Extractor | None = None
) -> list[dict]:
    """Claims of a batch of articles (plain dicts in, plain dicts out, for any worker).

    Each result is ``{"id", "claims": [claim fields]}`` or ``{"id", "failed": reason}``. The
    gazetteer and extractor (None: the claim pipeline) are kept under ``key`` for later batches.
    """
    if gazetteer is not None:
        _remember(key, (gazetteer, extract))
    gazetteer, extract = _CONTEXT[key]
    articles = [Article(**row) for row in rows]
    if extract is None:
        from ..read import read_claims_many

        try:  # the whole batch through nlp.pipe, about twice as fast as one by one
            return [
                {"id": a.id, "claims": [asdict(c) for c in claims]}
                for a, claims in read_claims_many(articles, gazetteer)
            ]
        except Exception:  # noqa: BLE001 - one article broke the batch: read them one by one to name it
            pass
    return [_read_one(article, gazetteer, extract) for article in articles]


def _read_one(article: Article, gazetteer: Gazetteer, extract: Extractor | None) -> dict:
    from ..read import read_claims

    try:
        return {"id": article.id, "claims": [asdict(c) for c in (extract or read_claims)(article, gazetteer)]}
    except GeoError as exc:
        return {"id": article.id, "failed": exc.problem}
    except Exception as exc:  # noqa: BLE001 - one article must not stop thousands; the reason says it is ours
        problem = str(exc).split(". ")[0]
        return {
            "id": article.id,
            "failed": f"the extractor could not read it ({type(exc).__name__}: {problem})",
        }


# -- the driver --------------------------------------------------------------------------------
def ingest(
    store: Store,
    items: Iterable[Article | ArticleError],
    gazetteer: Gazetteer,
    *,
    extract: Extractor | None = None,
    extractor: str | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    batch_size: int = BATCH_SIZE,
    batch_chars: int = BATCH_CHARS,
    progress: Callable[[int], object] | None = None,
) -> IngestReport:
    """Add new articles with their claims to ``store``, reading claims in parallel.

    ``workers`` > 1 reads claims in that many processes, each loading the pipeline once;
    ``scheduler`` (a Dask scheduler address, or a ``distributed.Client``) reads them on a Dask
    cluster instead. ``extract`` replaces the claim pipeline (it must pickle to leave this process).
    Articles already stored, or met earlier in the run, are skipped before their claims are read.
    A batch holds at most ``batch_size`` articles and ``batch_chars`` characters of text.
    ``progress(n)`` is called as articles are done with.
    """
    if batch_size < 1 or workers < 1:
        raise GeoError("--workers and --batch-size must be at least 1")
    report = IngestReport()
    extractor = extractor if extractor is not None else extraction_version(gazetteer)
    key = f"{extractor}|{gazetteer.folder}|{getattr(extract, '__qualname__', 'pipeline')}"
    run_id: int | None = None
    pending: dict[str, Article] = {}  # submitted, not yet written

    def finish(future: Future, batch: list[Article]) -> None:
        nonlocal run_id
        results = {r["id"]: r for r in future.result()}
        written = []
        for article in batch:
            name = _name(article)
            result = results[article.id]
            if "failed" in result:
                report.failed.append((name, result["failed"]))
            else:
                written.append((article, [Claim(**c) for c in result["claims"]]))
        if written and run_id is None:
            run_id = store.start_run("ingest", extractor)
        stored = store.add_articles(written, run_id=run_id)
        store.tag_articles([a.id for (a, _), added in zip(written, stored) if added], city_of(gazetteer))
        for (article, claims), added in zip(written, stored):
            if not added:
                report.duplicates.append(_name(article))
                continue
            report.added.append(_name(article))
            report.claims += len({c.key for c in claims})
            report.unresolved.extend(
                c.place_as_written for c in claims if c.place_id is None and c.claim_type != "denied"
            )
        for article in batch:
            pending.pop(article.id, None)
        if progress:
            progress(len(batch))

    try:
        _drive(
            _chunks(items, batch_size, batch_chars),
            store,
            pending,
            report,
            finish,
            progress,
            _runner(gazetteer, extract, key, workers, scheduler),
        )
    except StoreError as exc:  # a full disk, a lost server: say what is safe already
        failure = StoreError(
            f"{exc.problem}; the {len(report.added)} article(s) added before it are stored, "
            "run the command again to go on",
            file=exc.file,
        )
        failure.report = report
        raise failure from None
    return report


def _drive(
    chunks: Iterator[list],
    store: Store,
    pending: dict[str, Article],
    report: IngestReport,
    finish: Callable[[Future, list[Article]], None],
    progress,
    runner,
) -> None:
    """Feed batches to the runner, a bounded number in flight, and write them as they finish."""
    with runner as (submit, slots):
        in_flight: deque[tuple[Future, list[Article]]] = deque()
        try:
            for chunk in chunks:
                batch = _new_articles(chunk, store, pending, report)
                if progress and len(batch) < len(chunk):
                    progress(len(chunk) - len(batch))
                if batch:
                    pending.update((a.id, a) for a in batch)
                    in_flight.append((submit([asdict(a) for a in batch]), batch))
                while len(in_flight) >= slots:  # in order, so the store keeps the input's order
                    finish(*in_flight.popleft())
            while in_flight:
                finish(*in_flight.popleft())
        finally:
            for future, _ in in_flight:
                future.cancel()


def _name(article: Article) -> str:
    return article.path or article.title or article.id


def _chunks(items: Iterable, size: int, chars: int = BATCH_CHARS) -> Iterator[list]:
    """Lists of at most ``size`` items holding at most ``chars`` characters of article text (an
    article longer than that alone), read from ``items`` one at a time."""
    chunk: list = []
    weight = 0
    for item in items:
        cost = len(item.text) if isinstance(item, Article) else 0
        if chunk and (len(chunk) >= size or weight + cost > chars):
            yield chunk
            chunk, weight = [], 0
        chunk.append(item)
        weight += cost
    if chunk:
        yield chunk


def _new_articles(
    chunk: list[Article | ArticleError], store: Store, pending: dict[str, Article], report: IngestReport
) -> list[Article]:
    """The articles of a chunk whose claims need reading; failures and duplicates go in the report."""
    articles = [item for item in chunk if isinstance(item, Article)]
    stored = store.stored(a.id for a in articles)
    fresh: dict[str, Article] = {}
    for item in chunk:
        if isinstance(item, ArticleError):
            report.failed.append(
                (item.file or "?", item.problem if item.row is None else f"row {item.row}: {item.problem}")
            )
        elif item.id in stored or item.id in pending or item.id in fresh:
            report.duplicates.append(_name(item))
        else:
            fresh[item.id] = item
    return list(fresh.values())


@contextmanager
def _runner(gazetteer: Gazetteer, extract: Extractor | None, key: str, workers: int, scheduler):
    """``(submit(rows) -> future, batches in flight)`` for this process, a pool, or a Dask cluster."""
    context = (gazetteer, extract)
    if scheduler is not None:
        from distributed import Client

        client = scheduler if isinstance(scheduler, Client) else _client(Client, scheduler)
        try:
            shared = client.scatter(gazetteer, broadcast=True)  # sent once to each worker, kept there
            slots = IN_FLIGHT_PER_WORKER * max(sum(client.nthreads().values()), 1)
            yield (lambda rows: client.submit(read_batch, rows, key, shared, extract, pure=False)), slots
        finally:
            if client is not scheduler:
                client.close()
    elif workers > 1:
        # forkserver: workers start from a clean process, not a copy of this one and its threads
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context(method),
            initializer=_start_worker,
            initargs=(key, context, os.getpid()),
        )
        try:
            yield (lambda rows: pool.submit(read_batch, rows, key)), IN_FLIGHT_PER_WORKER * workers
        except BaseException:  # Ctrl-C, SIGTERM, a store failure: stop now, not after the batches in flight
            _stop_pool(pool)
            raise
        pool.shutdown(wait=True)
    else:
        _remember(key, context)

        def submit(rows: list[dict]) -> Future:
            future: Future = Future()
            future.set_result(read_batch(rows, key))
            return future

        yield submit, 1


def _start_worker(key: str, context: tuple[Gazetteer, Extractor | None], driver: int) -> None:
    """A pool worker's start: remember the context, and exit when the driver is gone, whichever
    way it went (a SIGKILL runs no cleanup of the driver's, so the worker must notice itself)."""
    _die_with_parent()
    _remember(key, context)
    threading.Thread(target=_watch, args=(driver,), name="geo-watch-driver", daemon=True).start()


def _die_with_parent() -> None:
    """Linux: have the kernel send SIGTERM when our parent exits (``PR_SET_PDEATHSIG``)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGTERM), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _watch(pid: int) -> None:
    """Block until process ``pid`` ends (a pidfd where there is one, else polling), then exit."""
    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        fd = None
    if fd is not None:
        select.select([fd], [], [])
    else:
        while True:
            time.sleep(0.5)
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            except PermissionError:
                pass
    os._exit(1)


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started and end the workers at once (their batches are lost, never
    half-written: the driver alone writes, after a batch comes back whole)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)


def _client(client_class, address: str):
    """A Dask client, or one line saying why the scheduler cannot be reached (after a few seconds,
    not distributed's default half minute)."""
    try:
        return client_class(address, set_as_default=False, timeout=SCHEDULER_TIMEOUT_S)
    except (OSError, TimeoutError, ValueError) as exc:
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise GeoError(f"cannot reach the Dask scheduler at {address} ({reason})") from None


def default_workers() -> int:
    """Every core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
