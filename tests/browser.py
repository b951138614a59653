"""A real browser for tests: Debian's Chromium driven by Playwright, with no network.

Leaflet's files are answered from the npm package ``make test-deps`` installs in
``.cache/npm/node_modules/leaflet/dist/`` (whatever CDN URL a page asks for), ``localhost`` and
``file://`` pass through, and every other request gets an empty 204, so nothing waits on the
internet and map tiles stay blank: assert on the vector layers and the text.

``new_context(..., outside=[...])`` records every request that would leave this machine, and
``block_leaflet=True`` refuses Leaflet's files, to see what a page shows when its map cannot draw.
:func:`serve_folder` serves a published site over http on 127.0.0.1, as a newsroom would, and
:func:`serve_app` runs the Streamlit app on a free port.

Use the ``browser_page`` fixture (a fresh page; it skips, saying why, where Chromium or Leaflet
is missing) and :func:`screenshot`, which saves under the test's temporary folder and, for people
to look at, under ``.cache/screenshots/``. The fixtures are registered once for the
whole run by ``pytest_plugins`` in ``tests/conftest.py``: never import them into a test module,
or each module would start its own Playwright.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("GEO_CHROMIUM", "/usr/bin/chromium"))
LEAFLET_DIST = Path(
    os.environ.get("GEO_LEAFLET_DIR", ROOT / ".cache" / "npm" / "node_modules" / "leaflet" / "dist")
)
SCREENSHOTS = ROOT / ".cache" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
_LEAFLET_FILE = re.compile(r"/(leaflet\.(?:js|css))$")
_CONTENT_TYPES = {".js": "application/javascript", ".css": "text/css"}


def missing() -> str | None:
    """Why a browser test cannot run here, or None when it can."""
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} is absent: install it with `apt-get install -y chromium` (`make test` does)"
    if not (LEAFLET_DIST / "leaflet.js").is_file():
        return (
            f"Leaflet is not in {LEAFLET_DIST}: install it with "
            "`npm install --no-save --prefix .cache/npm leaflet@1.9.3` (`make test` does)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed: `pip install -r requirements.txt`"
    return None


def is_outside(url: str) -> bool:
    """Whether a request for ``url`` would leave this machine."""
    parts = urlsplit(url)
    return parts.scheme not in ("file", "data", "about", "blob") and parts.hostname not in (
        "localhost",
        "127.0.0.1",
    )


def route(route_, request, outside: list | None = None, block_leaflet: bool = False) -> None:
    """Leaflet from the npm package, local pages through, everything else an empty 204.

    Requests that would leave the machine are appended to ``outside``; ``block_leaflet`` aborts
    every request for Leaflet's files, wherever from.
    """
    url = request.url
    parts = urlsplit(url)
    if outside is not None and is_outside(url):
        outside.append(url)
    found = _LEAFLET_FILE.search(parts.path)
    if found and block_leaflet:
        route_.abort()
    elif found:
        path = LEAFLET_DIST / found.group(1)
        route_.fulfill(status=200, body=path.read_bytes(), content_type=_CONTENT_TYPES[path.suffix])
    elif parts.scheme in ("file", "data", "about", "blob") or parts.hostname in ("localhost", "127.0.0.1"):
        route_.continue_()
    else:
        route_.fulfill(status=204, body="")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    reason = missing()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


def new_context(browser, *, outside: list | None = None, block_leaflet: bool = False, **options):
    """A browser context (viewport, device scale...) with the offline routing in place."""
    context = browser.new_context(**options)
    context.route("**/*", functools.partial(route, outside=outside, block_leaflet=block_leaflet))
    return context


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """``folder`` over http on 127.0.0.1 (a thread of this process, stopped on exit); yields its URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def serve_app(
    folder: Path, db: Path, env: dict | None = None, *, unset: Iterable[str] = (), own_address: bool = False
) -> Iterator[str]:
    """``streamlit run app.py`` on a free port over the store ``db``; stopped by its process group's id.

    ``unset`` names variables taken out of the server's environment; ``own_address`` leaves the
    address it listens on to the project's ``.streamlit/config.toml``, to test that default.
    """
    port = free_port()
    environment = {**os.environ, "GEO_DB": str(db), "PYTHONPATH": str(ROOT), **(env or {})}
    for name in unset:
        environment.pop(name, None)
    address = [] if own_address else ["--server.address", "127.0.0.1"]
    log = (folder / "streamlit.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            *address,
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not start: {(folder / 'streamlit.log').read_text()[-2000:]}")
                time.sleep(0.3)
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the group this helper started, by its id
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()


@pytest.fixture
def browser_page(browser):
    """A fresh 1200 × 800 page; dialogs (alert, confirm) are recorded in ``page.dialogs`` and dismissed."""
    context = new_context(browser, viewport={"width": 1200, "height": 800})
    page = context.new_page()
    page.dialogs = []

    def on_dialog(dialog) -> None:
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page
    context.close()


def screenshot(page, tmp_path: Path, name: str, **options) -> Path:
    """Save a PNG of ``page`` in the test's temporary folder and a copy in .cache/screenshots/."""
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), **options)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, SCREENSHOTS / path.name)
    return path
