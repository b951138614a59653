"""The Mosul demo ships demo review decisions, so its reviewed-only map and published site are full.

Why: publishing shows reviewed claims only; a demo with no decisions published an empty site
(issue 13). The decisions are the demo editor's, labelled as demo decisions, and leave what the
map leaves out (a share of a region to check) in the Review queue.
"""

from __future__ import annotations

import pytest

from geo.gazetteer import Gazetteer
from geo.store import DEMO_EDITOR, Store, demo_database
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def mosul_demo(tmp_path_factory):
    gazetteer = Gazetteer.load(ROOT / "data" / "mosul")
    store = Store(demo_database(tmp_path_factory.mktemp("mosul-demo") / "demo.db", gazetteer=gazetteer))
    yield gazetteer, store
    store.close()


def test_the_mosul_demo_decisions_are_the_demo_editors(mosul_demo):
    _, store = mosul_demo
    decisions = store.decisions()
    assert decisions and {d.by for d in decisions.values()} == {DEMO_EDITOR}
    assert all(d.note.startswith("demo decision") for d in decisions.values())


def test_the_reviewed_only_mosul_map_shows_every_change(mosul_demo):
    gazetteer, store = mosul_demo
    full = store.timeline(gazetteer)
    reviewed = store.timeline(gazetteer, show_proposed=False)
    assert reviewed.changes and reviewed.dates == full.dates
    assert [(c.place_id, c.after) for c in reviewed.changes] == [(c.place_id, c.after) for c in full.changes]
    # The share of the Old City the map does not paint waits for an editor.
    waiting = full.claims_to_review()
    assert waiting and reviewed.unreviewed == len(waiting)
    assert all(c.key in full.unplaced for c in waiting)
