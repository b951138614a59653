"""Issue 14, item 3 in a real browser: a DNS-rebinding page is refused.

A hostile site can make its own name resolve to 127.0.0.1; the browser then sends that name as
the Host header (and the Origin matches it), so the request looks same-origin. Chromium's
``--host-resolver-rules`` plays the rebinding: ``rebind.test`` resolves to this machine. The app
must show its refusal there and nothing of its data, and still answer http://127.0.0.1.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.app_dispatches import build_store
from tests.browser import CHROMIUM, CHROMIUM_ARGS, screenshot, serve_app
from tests.browser import route as offline_route

pytestmark = [pytest.mark.browser, pytest.mark.slow]
REBOUND = "rebind.test"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The app's port, on the address the project's own configuration gives it (127.0.0.1), with
    no allowed hosts or logins set; stopped by its pid after."""
    folder = tmp_path_factory.mktemp("guarded")
    db = build_store(folder / "geo.db")
    with serve_app(folder, db, unset=("GEO_ALLOWED_HOSTS", "GEO_AUTH_CONFIG"), own_address=True) as url:
        yield urlsplit(url).port


@pytest.fixture
def rebinding_page(browser):
    """A Chromium whose resolver sends rebind.test to 127.0.0.1, as a rebinding attack would."""
    chromium = browser.browser_type.launch(
        executable_path=str(CHROMIUM),
        headless=True,
        args=[*CHROMIUM_ARGS, f"--host-resolver-rules=MAP {REBOUND} 127.0.0.1"],
    )
    context = chromium.new_context(viewport={"width": 1200, "height": 800})

    def route(route_, request) -> None:
        if urlsplit(request.url).hostname == REBOUND:
            route_.continue_()
        else:
            offline_route(route_, request)  # Leaflet from the npm package, nothing from the internet

    context.route("**/*", route)
    yield context.new_page()
    context.close()
    chromium.close()


def test_a_rebound_host_name_is_refused_and_this_machine_is_answered(served, rebinding_page, tmp_path):
    page = rebinding_page
    page.goto(f"http://{REBOUND}:{served}/", wait_until="domcontentloaded")
    page.get_by_text("answers only requests to this machine").wait_for(timeout=60_000)
    assert f"“{REBOUND}”" in page.inner_text("body")
    assert page.locator('iframe[title="streamlit_folium.st_folium"]').count() == 0
    assert "Masaken Hanano" not in page.inner_text("body")
    screenshot(page, tmp_path, "rebinding-refused")

    page.goto(f"http://127.0.0.1:{served}/", wait_until="domcontentloaded")
    page.locator('iframe[title="streamlit_folium.st_folium"]').wait_for(timeout=60_000)
    assert "answers only requests to this machine" not in page.inner_text("body")
    screenshot(page, tmp_path, "localhost-answered")


def test_the_server_does_not_listen_on_other_interfaces(served):
    import socket

    import psutil

    addresses = {
        a.address for nic in psutil.net_if_addrs().values() for a in nic if a.family == socket.AF_INET
    }
    outside = sorted(a for a in addresses if not a.startswith("127."))
    if not outside:
        pytest.skip("this machine has no address but loopback to try")
    with socket.socket() as sock:
        sock.settimeout(2)
        assert sock.connect_ex((outside[0], served)) != 0
