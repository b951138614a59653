"""Shared fixtures: the project's gazetteer, and ../shared (seeds and reference) where present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# One Chromium for the whole run: its fixtures must be registered once, not imported per module.
pytest_plugins = ["tests.browser", "tests.postgres"]

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("GEO_SHARED", ROOT.parent / "shared"))
#: The first city's gazetteer folder, which most tests read (named, not taken as the default).
ALEPPO = ROOT / "data" / "aleppo"


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or skip the test saying what is missing and why it matters."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(
            f"{path} is absent: the seed articles and reference facts live outside the repository (CI has them)"
        )
    return path


@pytest.fixture(scope="session")
def gazetteer():
    from geo.gazetteer import Gazetteer

    return Gazetteer.load(ALEPPO)
