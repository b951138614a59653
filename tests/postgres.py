"""A throwaway PostgreSQL server for the store's tests, so "point it at PostgreSQL" is shown, not promised.

The server (Debian's postgresql package, which ``make test-deps`` installs) runs from a
temporary folder on a Unix socket only, as the ``postgres`` user, and stops when the session
ends. Each test gets a database of its own. Where the server is not installed, the tests that
need it skip, saying so.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

_numbers = itertools.count()


def _server_binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _as_postgres(*argv: str) -> list[str]:
    """Run as the postgres user when we are root (the server refuses to run as root)."""
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else list(argv)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_server():
    """(socket folder, port) of a running throwaway server."""
    binaries = _server_binaries()
    if binaries is None:
        pytest.skip("PostgreSQL server is not installed (make test-deps installs Debian's postgresql)")
    pytest.importorskip("psycopg", reason="psycopg is not installed (requirements.txt has it)")
    folder = Path(tempfile.mkdtemp(prefix="geo-pg-"))
    data, sockets = folder / "data", folder / "run"
    data.mkdir()
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        for sub in (data, sockets):
            shutil.chown(sub, "postgres")
    port = _free_port()
    run = {"check": True, "capture_output": True, "timeout": 120}
    subprocess.run(
        _as_postgres(str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust"), **run
    )
    options = f"-p {port} -k {sockets} -c listen_addresses=''"
    subprocess.run(
        _as_postgres(
            str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-w", "start", "-l", str(folder / "log")
        ),
        **run,
    )
    try:
        yield sockets, port
    finally:
        subprocess.run(
            _as_postgres(str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"),
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """The SQLAlchemy URL of a new, empty database on the throwaway server."""
    import psycopg

    sockets, port = postgres_server
    name = f"geo_{os.getpid()}_{next(_numbers)}"
    with psycopg.connect(
        host=str(sockets), port=port, user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql+psycopg://postgres@/{name}?host={sockets}&port={port}"
