"""The demo database: the bundled dispatches give a full timeline, rebuilt only when something changed."""

import csv
import re
import shutil
from datetime import date

import pytest

from geo.gazetteer import Gazetteer
from geo.read import load_articles
from geo.store import DEMO_EDITOR, Store, demo_database, demo_files
from tests.conftest import ALEPPO, shared_path

DEMO_SOURCE = "Demo dispatch (written for this project from the public record)"


@pytest.fixture(scope="module")
def demo_timeline(tmp_path_factory, gazetteer):
    store = Store(demo_database(tmp_path_factory.mktemp("demo") / "demo.db", gazetteer=gazetteer))
    yield store.timeline(gazetteer), store
    store.close()


def test_every_dispatch_is_labelled_as_demo_material_and_dated(gazetteer):
    articles = list(load_articles(demo_files(gazetteer)))
    assert len(articles) >= 15
    for article in articles:
        assert article.source == DEMO_SOURCE and article.title and article.published, article.path


def test_the_demo_ends_with_eastern_aleppo_held_by_the_government(demo_timeline, gazetteer):
    timeline, _ = demo_timeline
    east = gazetteer.members("eastern-aleppo")
    last = timeline.state_on(timeline.dates[-1])
    assert {last[p].controller for p in east} == {"government"}
    before = timeline.state_on(date(2016, 11, 25))
    assert sum(before[p].controller == "opposition" for p in east) > len(east) / 3
    assert len(timeline.dates) >= 10 and all(c.claim_keys for c in timeline.changes)


def test_the_demo_shows_the_rules_at_work(demo_timeline):
    timeline, _ = demo_timeline
    reasons = set(timeline.unplaced.values())
    assert any("before the baseline" in r for r in reasons)
    # al-Inzarat has no coordinate: claimed and on the timeline all the same, never drawn.
    assert any(c.place_id == "al-inzarat" and c.after == "government" for c in timeline.changes)
    assert any(c.after == "contested" for c in timeline.changes)
    assert any(c.after == "kurdish" for c in timeline.changes)
    (check,) = timeline.percent_checks(date(2016, 12, 2))
    assert check.claimed == 60 and 0 <= check.on_map <= 100


def test_a_share_of_eastern_aleppo_repaints_no_place_and_waits_for_an_editor(demo_timeline, gazetteer):
    """ "Most of eastern Aleppo" is checked against the map, not painted over its members: the day
    it is reported is no more contested than the day before, and Kurdish-held places stay Kurdish."""
    timeline, _ = demo_timeline
    most = [c for c in timeline.percent_checks() if c.claimed is None]
    assert most and all(c.place_id == "eastern-aleppo" and c.wording for c in most)
    for check in most:
        day = check.day
        assert not timeline.changes_on(day) or all(
            check.claim_key not in c.claim_keys for c in timeline.changes_on(day)
        )
        before = timeline.state_on(date.fromordinal(day.toordinal() - 1))
        after = timeline.state_on(day)
        contested = [sum(s.controller == "contested" for s in states.values()) for states in (before, after)]
        assert contested[1] <= contested[0]
        assert {p for p, s in after.items() if s.controller == "kurdish"} >= {
            p for p, s in before.items() if s.controller == "kurdish"
        }
        assert timeline.is_region_share(check.claim_key) and timeline.review[check.claim_key] == "proposed"


def test_the_demo_ships_demo_review_decisions_so_the_reviewed_map_is_full(demo_timeline, gazetteer):
    timeline, store = demo_timeline
    decisions = store.decisions()
    assert decisions and {d.by for d in decisions.values()} == {DEMO_EDITOR}
    assert all(d.note.startswith("demo decision") for d in decisions.values())
    reviewed = store.timeline(gazetteer, show_proposed=False)
    assert reviewed.dates == timeline.dates
    assert [(c.place_id, c.after) for c in reviewed.changes] == [
        (c.place_id, c.after) for c in timeline.changes
    ]
    # What the map leaves out waits in the queue.
    assert reviewed.unreviewed == len(timeline.claims_to_review()) > 0
    assert all(c.key in timeline.unplaced for c in timeline.claims_to_review())


def test_the_dispatches_cover_every_day_of_the_public_record(gazetteer):
    reference = shared_path("reference", "aleppo-2016-timeline.csv")
    with reference.open(encoding="utf-8", newline="") as handle:
        days = {row["date"] for row in csv.DictReader(handle)}
    published = {a.published.isoformat() for a in load_articles(demo_files(gazetteer))}
    assert days <= published


def test_the_dispatches_copy_no_sentence_of_the_shared_material(gazetteer):
    """Seven words in a row from the seed articles or the notes of the public record would be copying;
    place names listed in the record's order are facts, so its places column is not compared."""
    shared = " ".join(p.read_text(encoding="utf-8") for p in shared_path("seeds").glob("*.txt"))
    with shared_path("reference", "aleppo-2016-timeline.csv").open(encoding="utf-8", newline="") as handle:
        shared += " ".join(row["notes"] for row in csv.DictReader(handle))
    words = re.findall(r"\w+", shared.casefold())
    borrowed = {" ".join(words[i : i + 7]) for i in range(len(words) - 6)}
    for article in load_articles(demo_files(gazetteer)):
        ours = re.findall(r"\w+", article.text.casefold())
        runs = {" ".join(ours[i : i + 7]) for i in range(len(ours) - 6)}
        assert not runs & borrowed, (article.path, runs & borrowed)


def test_the_demo_database_is_reused_and_refreshed_without_losing_decisions(tmp_path):
    folder = tmp_path / "city"
    shutil.copytree(ALEPPO, folder, ignore=shutil.ignore_patterns("demo"))
    (folder / "demo").mkdir()
    for name in ("2016-11-26-masaken-hanano.md", "2016-12-04-karm-al-maysar.md"):
        shutil.copy(ALEPPO / "demo" / name, folder / "demo" / name)
    gazetteer = Gazetteer.load(folder)
    path = demo_database(tmp_path / "demo.db", gazetteer=gazetteer)
    store = Store(path)
    assert store.decisions() == {}  # no decisions.csv: no demo decisions
    hanano = next(k for k, c in store.claims().items() if c.place_id == "masaken-hanano")
    store.decide(hanano, "rejected", by="editor")
    # Demo decisions come with the file, on the claims nobody decided about; the editor's stands.
    (folder / "demo" / "decisions.csv").write_text(
        "file,place,decision,note\n*,,accepted,all\n2016-12-04-karm-al-maysar.md,Karm Homad,rejected,a test\n",
        encoding="utf-8",
    )
    demo_database(path, gazetteer=gazetteer)
    decisions = store.decisions()
    assert decisions[hanano].decision == "rejected" and decisions[hanano].by == "editor"
    by_place = {store.claims()[k].place_id: d for k, d in decisions.items()}
    assert (
        by_place["karm-homad"].decision == "rejected"
        and by_place["karm-homad"].note == "demo decision: a test"
    )
    assert by_place["karm-al-maysar"].decision == "accepted" and by_place["karm-al-maysar"].by == DEMO_EDITOR
    runs = store.get_meta("demo dispatches")

    assert demo_database(path, gazetteer=gazetteer) == path
    assert store.get_meta("demo dispatches") == runs and len(store.articles()) == 2

    (folder / "demo" / "2016-11-26-masaken-hanano.md").unlink()
    demo_database(path, gazetteer=gazetteer)
    assert len(store.articles()) == 1
    assert store.decisions()[hanano].orphaned  # kept, not deleted
    store.close()
