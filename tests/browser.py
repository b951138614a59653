"""A real browser for tests: Debian's Chromium driven by Playwright, with no network.

Leaflet's files are answered from the npm package ``make test-deps`` installs in
``.cache/npm/node_modules/leaflet/dist/`` (whatever CDN URL a page asks for), ``localhost`` and
``file://`` pass through, and every other request gets an empty 204, so nothing waits on the
internet and map tiles stay blank: assert on the vector layers and the text.

Use the ``browser_page`` fixture (a fresh page; it skips, saying why, where Chromium or Leaflet
is missing) and :func:`screenshot`, which saves under the test's temporary folder and, for people
to look at, under ``.cache/screenshots/``. The fixtures are registered once for the
whole run by ``pytest_plugins`` in ``tests/conftest.py``: never import them into a test module,
or each module would start its own Playwright.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("GEO_CHROMIUM", "/usr/bin/chromium"))
LEAFLET_DIST = Path(os.environ.get("GEO_LEAFLET_DIR", ROOT / ".cache" / "npm" / "node_modules" / "leaflet" / "dist"))
SCREENSHOTS = ROOT / ".cache" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
_LEAFLET_FILE = re.compile(r"/(leaflet\.(?:js|css))$")
_CONTENT_TYPES = {".js": "application/javascript", ".css": "text/css"}


def missing() -> str | None:
    """Why a browser test cannot run here, or None when it can."""
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} is absent: install it with `apt-get install -y chromium` (`make test` does)"
    if not (LEAFLET_DIST / "leaflet.js").is_file():
        return (f"Leaflet is not in {LEAFLET_DIST}: install it with "
                "`npm install --no-save --prefix .cache/npm leaflet@1.9.3` (`make test` does)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed: `pip install -r requirements.txt`"
    return None


def route(route_, request) -> None:
    """Leaflet from the npm package, local pages through, everything else an empty 204."""
    url = request.url
    parts = urlsplit(url)
    found = _LEAFLET_FILE.search(parts.path)
    if found:
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
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def new_context(browser, **options):
    """A browser context (viewport, device scale...) with the offline routing in place."""
    context = browser.new_context(**options)
    context.route("**/*", route)
    return context


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
