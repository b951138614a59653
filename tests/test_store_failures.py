"""When the store cannot do what was asked, the command says so in one line naming the store and
the problem (exit status 2), never a traceback; a store that may only be read can be read; an
ingest that fails part-way says what it had stored; ``check`` says whether a store is sound."""

import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from sqlalchemy import event

from geo.cli import main
from geo.core import StoreError
from geo.read import Article, read_article, read_claims
from geo.store import Store, demo_files, ingest

ROOT = Path(__file__).resolve().parent.parent
#: Linux capabilities that let root write a file whatever its mode (dropped to test read-only).
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER = 1, 2, 3
PR_CAPBSET_DROP = 24


def _without_override() -> None:
    """In the child before exec: root keeps its uid but loses the power to ignore file modes."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "cannot drop a capability")


@pytest.fixture(scope="module")
def small_store(gazetteer, tmp_path_factory) -> Path:
    """A store of three demo dispatches with their claims, in SQLite's default journal mode."""
    db = tmp_path_factory.mktemp("store") / "small.db"
    store = Store(db)
    articles = [read_article(f) for f in demo_files(gazetteer)[:3]]
    store.add_articles([(a, read_claims(a, gazetteer)) for a in articles])
    store.close()
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
    return db


def one_line_error(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: "), err
    return err[0]


def test_reading_commands_write_nothing_to_the_store(small_store, gazetteer, capsys, tmp_path):
    db = tmp_path / "copy.db"
    db.write_bytes(small_store.read_bytes())
    before = db.read_bytes()
    assert main(["timeline", "--db", str(db)]) == 0
    assert main(["review", "--list", "--db", str(db)]) == 0
    assert main(["check", "--db", str(db)]) == 0
    assert "claim(s) to review" in capsys.readouterr().out
    assert db.read_bytes() == before  # not switched to WAL, no table created
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.db"]


def _read_only_copy(small_store: Path) -> Path:
    """The store in a folder and file this test's reader may not write."""
    folder = Path(tempfile.mkdtemp(prefix="geo-ro-"))
    db = folder / "readonly.db"
    db.write_bytes(small_store.read_bytes())
    db.chmod(0o444)
    folder.chmod(0o555)
    return db


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="drops Linux capabilities when run as root")
def test_a_read_only_store_can_be_read_and_a_write_is_refused_in_one_line(small_store):
    db = _read_only_copy(small_store)
    as_root = os.geteuid() == 0  # root writes anything: the commands run without that power
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:

        def run(*args: str) -> subprocess.CompletedProcess:
            return subprocess.run(
                [sys.executable, "-m", "geo", *args, "--db", str(db)],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
                preexec_fn=_without_override if as_root else None,
            )

        probe = subprocess.run(
            [sys.executable, "-c", f"open({str(db)!r}, 'ab')"],
            preexec_fn=_without_override if as_root else None,
            capture_output=True,
        )
        assert probe.returncode != 0, "the file is writable after all: the test would prove nothing"

        for command in (["timeline"], ["review", "--list"], ["check"]):
            done = run(*command)
            assert done.returncode == 0, (command, done.stderr[-3000:])
        claim = run("review", "--list", "--json").stdout
        key = __import__("json").loads(claim)[0]["key"]
        refused = run("review", key, "--accept")
        assert refused.returncode == 2
        assert refused.stderr.strip().splitlines() == [
            f"error: {db}: the database is read-only (attempt to write a readonly database)"
        ]
    finally:
        db.parent.chmod(0o755)
        db.unlink()
        db.parent.rmdir()


def test_a_damaged_file_a_folder_and_a_bad_url_are_one_line(tmp_path, capsys):
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"not a database at all\n" * 500)
    article = tmp_path / "a.txt"
    article.write_text("A short report with no claims in it.\n", encoding="utf-8")
    cases = [
        (["timeline", "--db", str(damaged)], "not a database, or a damaged one (file is not a database)"),
        (["check", "--db", str(damaged)], "not a database, or a damaged one"),
        (["ingest", str(article), "--db", str(damaged)], "not a database, or a damaged one"),
        (["ingest", str(article), "--db", str(tmp_path)], "is a folder, not a database file"),
        (["timeline", "--db", str(tmp_path)], "is a folder, not a database file"),
        (["ingest", str(article), "--db", "nosuchdriver://host/db"], "not a database URL that can be used"),
    ]
    for argv, problem in cases:
        assert main(argv) == 2, argv
        line = one_line_error(capsys)
        assert problem in line, (argv, line)


def test_a_full_disk_mid_ingest_says_what_was_stored(tmp_path, gazetteer):
    db = tmp_path / "full.db"
    store = Store(db)
    with sqlite3.connect(db) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    store.engine.dispose()

    @event.listens_for(store.engine, "connect")
    def _small_disk(dbapi_connection, _record):  # the disk fills after a few articles
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 40}")

    articles = [
        Article(text=f"Report {n}. " + "The road was quiet all day. " * 700, title=f"report {n}")
        for n in range(30)
    ]
    with pytest.raises(StoreError) as failure:
        ingest(store, articles, gazetteer, extract=lambda a, g: [], batch_size=1)
    message = failure.value.message
    assert "\n" not in message and message.startswith(f"{Path(db).resolve()}: the disk is full")
    added = failure.value.report.added
    assert 0 < len(added) < len(articles)
    assert f"the {len(added)} article(s) added before it are stored" in message
    store.close()
    reopened = Store(db, read_only=True)
    assert [a.title for a in reopened.articles()] == added and reopened.check() == []
    reopened.close()


@pytest.mark.slow
def test_an_unreachable_dask_scheduler_fails_fast_in_one_line(tmp_path, capsys):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    article = tmp_path / "a.txt"
    article.write_text("A short report with no claims in it.\n", encoding="utf-8")
    started = time.monotonic()
    assert (
        main(
            ["ingest", str(article), "--db", str(tmp_path / "s.db"), "--scheduler", f"tcp://127.0.0.1:{port}"]
        )
        == 2
    )
    assert time.monotonic() - started < 20
    assert f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}" in one_line_error(capsys)


def test_check_counts_lists_orphans_and_finds_decisions_that_lost_their_claim(small_store, tmp_path, capsys):
    db = tmp_path / "checked.db"
    db.write_bytes(small_store.read_bytes())
    store = Store(db)
    keys = list(store.claims())
    store.decide(keys[0], "accepted", by="sam")
    store.decide(keys[1], "rejected", by="ana")
    store.close()
    assert main(["check", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert (
        f"{len(keys)} claims" in out and "2 decisions, 0 orphaned decisions" in out and "no problems" in out
    )

    with sqlite3.connect(db) as conn:  # one claim vanishes behind the store's back
        conn.execute("DELETE FROM claims WHERE key = ?", (keys[1],))
    assert main(["check", "--db", str(db)]) == 2
    out = capsys.readouterr().out
    assert f"decision 2 is about claim {keys[1]}, which is gone, but is not marked orphaned" in out
    assert "1 problem(s)" in out

    store = Store(db)
    store.remove_article(store.claim(keys[0]).article)  # the proper way: its decision is orphaned
    store.close()
    main(["check", "--db", str(db)])
    out = capsys.readouterr().out
    assert f"orphaned: decision accepted by sam on claim {keys[0]}" in out
