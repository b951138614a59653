"""A page of the app run as Streamlit runs it, for the AppTest tests of more than one file."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def app_page(name: str = "app.py", *, timeout: float, **query: str) -> AppTest:
    """Start from the entry point (as a reader does), switch to the page ``name``, set the
    address's query, and run it once."""
    at = AppTest.from_file(ROOT / "app.py", default_timeout=timeout)
    if name != "app.py":
        at.switch_page(name)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()
