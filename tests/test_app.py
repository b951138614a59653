"""The app's pages, run by Streamlit's AppTest against temporary copies of the data.

$GEO_DB points at a temporary store of invented dispatches (tests/app_dispatches.py) and
$GEO_GAZETTEER at a temporary copy of the Aleppo gazetteer, so no test touches real data.
What each page should show is computed from the same store, not written into the test.
"""

from __future__ import annotations

import getpass
import os
import re
import shutil
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.app import guard
from geo.gazetteer import Gazetteer
from geo.render import format_day, labels
from geo.store import Store
from tests.app_dispatches import DAYS, PAYLOAD, SAEED, SHAAR, build_store
from tests.app_pages import app_page
from tests.conftest import ALEPPO
from tests.small_town import CONFLICT

TIMEOUT = 120
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def db(tmp_path, monkeypatch):
    """A temporary store and gazetteer copy, named in the environment the app reads."""
    path = build_store(tmp_path / "geo.db")
    gazetteer = tmp_path / "gazetteer"
    gazetteer.mkdir()
    # The whole folder, boundary file included: the app draws (and measures shares on) its polygons.
    for name in ("gazetteer.json", "places.csv", "regions.csv", "baseline.csv", "boundaries.geojson"):
        shutil.copyfile(ALEPPO / name, gazetteer / name)
    monkeypatch.setenv("GEO_DB", str(path))
    monkeypatch.setenv("GEO_GAZETTEER", str(gazetteer))
    return path


@pytest.fixture
def timeline(db):
    """The timeline of the same store and gazetteer copy the app reads."""
    store = Store(db)
    try:
        return store.timeline(Gazetteer.load(os.environ["GEO_GAZETTEER"]))
    finally:
        store.close()


LABEL = labels(CONFLICT)


def page(name: str = "app.py", **query) -> AppTest:
    """A page of the app as Streamlit runs it: from the entry point, switched to the page."""
    return app_page(name, timeout=TIMEOUT, **query)


def html(at: AppTest) -> str:
    return "\n".join(h.value for h in at.get("html"))


def text(at: AppTest) -> str:
    """What a reader sees of the page's HTML: tags dropped, entities read."""
    return unescape(re.sub(r"<[^>]+>", "", html(at)))


def test_the_main_page_opens_on_the_first_change_with_its_sentence(db, timeline):
    at = page()
    assert not at.exception and not at.error
    slider = at.select_slider(key="day")
    # A step a day from the first report to the last: the slider's positions are real time.
    span = (timeline.dates[-1] - timeline.dates[0]).days
    assert slider.options == [
        format_day(date.fromordinal(timeline.dates[0].toordinal() + n)) for n in range(span + 1)
    ]
    assert slider.value == timeline.dates[0]
    assert at.query_params["date"] == timeline.dates[0].isoformat()
    change = timeline.changes_on(timeline.dates[0])[0]
    shown = html(at)
    assert f"Masaken Hanano: {LABEL[change.before]} → {LABEL[change.after]}" in text(at)
    assert '<mark class="geo-place">Masaken Hanano</mark>' in shown and "state media" in shown
    share = timeline.share("aleppo", timeline.dates[0])
    assert f"{LABEL['government']} {share['government'] * 100:.0f}%" in shown


def test_a_date_in_the_address_opens_that_date(db):
    at = page(date=DAYS[1].isoformat())
    assert at.select_slider(key="day").value == DAYS[1]
    assert "al-Sha'ar: Opposition → Government" in text(at)


def test_a_date_without_a_change_shows_the_last_change_before_it_and_says_so(db):
    at = page(date="2016-12-10")
    assert at.select_slider(key="day").value == date(2016, 12, 10)
    assert at.query_params["date"] == "2016-12-10"
    assert "As of 10 December 2016, no report that day: positions as of 7 December 2016" in text(at)
    assert "al-Sha'ar: Opposition → Government" in text(at)
    at = page(date="2016-11-01")
    assert at.select_slider(key="day").value == DAYS[0]
    assert "before the first report (27 November 2016)" in at.warning[0].value
    at = page(date="not-a-date")
    assert at.select_slider(key="day").value == DAYS[0]
    assert "not a date" in at.warning[0].value


def test_next_and_previous_step_through_the_dates_and_the_address_follows(db):
    at = page()
    previous, following = at.button[0], at.button[1]
    assert previous.disabled and not following.disabled
    following.click().run()
    assert at.select_slider(key="day").value == DAYS[1]
    assert at.query_params["date"] == DAYS[1].isoformat()
    assert "Bab al-Hadid: Opposition → Government" in text(at)
    assert "Masaken Hanano: Opposition" not in html(at)
    at.button[1].click().run()
    assert at.button[1].disabled
    at.button[0].click().run()
    assert at.select_slider(key="day").value == DAYS[1]


def test_play_steps_on_its_own_and_stops_at_the_last_date(db):
    at = page()
    at.button[2].click().run()
    assert at.session_state["playing"] and at.select_slider(key="day").value == DAYS[0]
    seen = [at.select_slider(key="day").value]
    span = (DAYS[-1] - DAYS[0]).days
    for _ in range(span + 1):
        at.session_state["stepped_at"] = 0.0  # as if a step's time had passed
        at.run()
        seen.append(at.select_slider(key="day").value)
    # A day at a time, every day from the first report to the last.
    assert sorted(set(seen)) == [date.fromordinal(DAYS[0].toordinal() + n) for n in range(span + 1)]
    assert not at.session_state["playing"]


def test_a_place_in_the_address_shows_its_history_with_the_sentences(db, timeline):
    at = page(date=DAYS[2].isoformat(), place="al-shaar")
    shown = html(at)
    assert "History of al-Sha&#39;ar" in shown
    for state in timeline.history("al-shaar"):
        assert f"<strong>{LABEL[state.controller]}</strong> from {format_day(state.since)}" in shown
    assert "Army units <mark" in shown
    assert at.query_params["place"] == "al-shaar"


def test_percent_claims_show_the_claimed_and_the_mapped_share(db, timeline):
    check = timeline.percent_checks(DAYS[2])[0]
    shown = html(page(date=DAYS[2].isoformat()))
    assert f"claimed {check.claimed_text}, map {check.on_map:g}%" in shown


def test_with_unreviewed_claims_hidden_and_none_reviewed_the_baseline_shows_and_says_why(db, timeline):
    at = page()
    at.toggle(key="show_proposed").set_value(False).run()
    assert not at.exception and not at.error
    note = at.info[0].value
    assert f"No reviewed change yet ({timeline.unreviewed} unreviewed claims)" in note
    assert "no reported change" not in note.casefold()
    maps_shown = at.get("component_instance")  # the baseline map, its key inside it (drawn by the map itself)
    assert maps_shown and "geo-legend" in maps_shown[0].proto.json_args
    # One accepted claim is a change on the map; the page says how many claims are left off.
    key = timeline.changes_on(DAYS[0])[0].claim_keys[0]
    Store(db).decide(key, "accepted", by="ed")
    at.run()
    assert at.select_slider(key="day").options == [format_day(DAYS[0])]
    assert any(f"{timeline.unreviewed - 1} unreviewed claims are left off" in c.value for c in at.caption)


def test_article_text_and_metadata_reach_the_page_escaped(db):
    shown = html(page(date=DAYS[2].isoformat()))
    assert PAYLOAD not in shown and "&lt;img src=x" in shown
    assert "Outlet &lt;b&gt;bold&lt;/b&gt;" in shown
    assert "javascript:" not in shown
    assert (
        'href="http://evening.example/shaar?a=1&amp;b=2"' not in shown
    )  # that article is not cited this day


def test_bad_outside_input_shows_an_error_box_not_a_traceback(db, tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_GAZETTEER", str(tmp_path / "no-such-city"))
    at = page()
    assert not at.exception
    assert "gazetteer.json" in at.error[0].value


# -- review --------------------------------------------------------------------------------------
def review() -> AppTest:
    return page("pages/2_Review.py")


def test_review_accepts_a_claim_and_the_decision_is_stored(db):
    at = review()
    key = at.selectbox(key="claim").value
    assert "editor" not in [w.key for w in at.text_input]  # the name is the login's, not typed
    at.radio[0].set_value("accepted")
    at.button[0].click().run()
    assert not at.exception and "Saved: accepted" in at.success[0].value
    decision = Store(db).decisions()[key]
    assert (decision.decision, decision.by) == ("accepted", getpass.getuser())
    assert key not in at.selectbox(key="claim").options  # reviewed claims leave the list


def test_review_rejects_or_corrects_with_a_note(db):
    at = review()
    first = at.selectbox(key="claim").value
    at.radio[0].set_value("rejected")
    at.text_input(key=f"note-{first}").input("wrong district")
    at.button[0].click().run()
    second = at.selectbox(key="claim").value
    at.radio[0].set_value("corrected")
    at.selectbox[2].set_value("opposition")
    at.button[0].click().run()
    decisions = Store(db).decisions()
    assert (decisions[first].decision, decisions[first].note) == ("rejected", "wrong district")
    assert (decisions[second].decision, decisions[second].controller) == ("corrected", "opposition")


def test_a_correction_that_changes_nothing_is_refused_readably_and_keeps_the_choices(db):
    at = review()
    key = at.selectbox(key="claim").value
    at.radio[0].set_value("corrected")
    at.text_input(key=f"note-{key}").input("same as written")
    at.button[0].click().run()
    assert "needs another place, side or date" in at.error[0].value
    assert key not in Store(db).decisions()
    # What the editor chose is still there to change, on the same claim.
    assert at.selectbox(key="claim").value == key
    assert at.radio(key=f"decision-{key}").value == "corrected"
    assert at.text_input(key=f"note-{key}").value == "same as written"


def test_each_claim_shows_the_place_as_written_its_article_paragraph_and_a_small_map(db):
    at = review()
    options = at.selectbox(key="claim")
    assert len(set(options.options)) == len(options.options)  # no two labels read the same
    options.set_value(next(c.key for c in Store(db).claims().values() if c.place_id == "sheikh-saeed")).run()
    shown = html(at)
    assert "Place as written: <strong>“Sheikh Saeed”</strong>" in shown
    assert "Hostile &lt;img" in shown and "Outlet &lt;b&gt;bold&lt;/b&gt;" in shown and PAYLOAD not in shown
    # The paragraph around the sentence, the sentence marked in it.
    assert 'class="geo-claim"' in shown and "Clashes went on in Zebdine Farms." in text(at)
    assert (
        '<img class="geo-locator" src="data:image/svg+xml;base64,' in shown
        and "Sheikh Saeed, in Aleppo" in shown
    )


def test_the_queue_is_searched_by_the_articles_spelling(db):
    at = review()
    at.text_input(key="search").input("al-Shaar").run()
    assert [o.split(":")[0] for o in at.selectbox(key="claim").options] == ["al-Sha'ar"]
    at.text_input(key="search").input("Zebdine").run()
    assert [o.split(":")[0] for o in at.selectbox(key="claim").options] == ["Zebdine Farms"]
    at.text_input(key="search").input("Atlantis").run()
    assert "No unreviewed claim matches" in at.info[0].value


def test_a_reviewed_claim_can_be_undone_by_a_new_decision(db):
    at = review()
    key = at.selectbox(key="claim").value
    at.radio[0].set_value("accepted")
    at.button[0].click().run()
    assert at.selectbox(key="reviewed").value == key
    editor = guard.local_editor()  # single-user mode: the OS login name
    assert f"Accepted by {editor}" in text(at)
    at.button(key=f"undo-{key}").click().run()
    assert not at.exception and "Undone: back to the queue" in at.success[0].value
    log = [d for d in Store(db).decision_log() if d.claim_key == key]
    assert [(d.decision, d.by) for d in log] == [
        ("accepted", editor),
        ("reopened", editor),
    ]  # nothing deleted
    assert Store(db).timeline(Gazetteer.load(os.environ["GEO_GAZETTEER"])).review[key] == "proposed"


def test_a_share_of_a_region_is_applied_to_its_members_by_a_decision(db, timeline):
    (check,) = timeline.percent_checks(DAYS[2])
    members = Gazetteer.load(os.environ["GEO_GAZETTEER"]).members(check.place_id)
    at = review()
    at.selectbox(key="claim").set_value(check.claim_key).run()
    assert f"it repaints no place unless you apply it to its {len(members)} members" in text(at)
    assert f"claimed {check.claimed_text}, map {check.on_map:g}%" in text(at)
    radio = at.radio(key=f"decision-{check.claim_key}")
    assert radio.options[-1] == f"Apply to these {len(members)} members"
    radio.set_value("applied")
    at.button[0].click().run()
    assert not at.exception and Store(db).decisions()[check.claim_key].decision == "applied"
    applied = Store(db).timeline(Gazetteer.load(os.environ["GEO_GAZETTEER"]))
    assert applied.percent_checks(DAYS[2]) == []
    assert {p for c in applied.changes_on(DAYS[2]) if check.claim_key in c.claim_keys for p in [c.place_id]}


def test_review_filters_unresolved_places(db):
    at = review()
    at.segmented_control(key="filter").set_value("unresolved").run()
    assert [o for o in at.selectbox(key="claim").options] == [
        "Zebdine Farms: Contested (holds), 12 December 2016"
    ]


# -- sources and gazetteer -----------------------------------------------------------------------
def test_the_sources_page_adds_a_pasted_article_with_its_claims(db):
    at = page("pages/1_Sources.py")
    at.text_area(key="paste-text").input(
        "Government forces captured Karm al-Jabal on Thursday, the army said."
    )
    at.text_input(key="paste-title").input("Army takes Karm al-Jabal")
    at.text_input(key="paste-outlet").input("Test Wire")
    at.date_input(key="paste-published").set_value(date(2016, 12, 9))
    at.text_input(key="paste-link").input("https://wire.example/jabal")
    at.button[1].click().run()
    assert not at.exception and "Added 1 article" in at.success[0].value
    stored = [a for a in Store(db).articles() if a.title == "Army takes Karm al-Jabal"]
    assert (
        stored and stored[0].url == "https://wire.example/jabal" and stored[0].published == date(2016, 12, 9)
    )
    claims = [c for c in Store(db).claims().values() if c.article == stored[0].id]
    assert any(c.place_id == "karm-al-jabal" for c in claims)


def test_the_sources_page_refuses_a_link_that_is_not_http(db):
    at = page("pages/1_Sources.py")
    at.text_area(key="paste-text").input("Troops entered Qarlaq.")
    at.text_input(key="paste-link").input("javascript:alert(1)")
    at.button[1].click().run()
    assert "not an http:// or https:// address" in at.error[0].value
    assert len(Store(db).articles()) == 3


def test_the_sources_page_shows_an_article_with_its_places_and_claims_marked(db):
    at = page("pages/1_Sources.py")
    at.selectbox(key="article").set_value(SHAAR.id).run()
    shown = html(at)
    assert '<mark class="geo-place" title="Bustan al-Qasr">Bustan al-Qasr</mark>' in shown
    assert 'class="geo-claim" title="' in shown
    at.selectbox(key="article").set_value(SAEED.id).run()
    assert '<mark class="geo-unresolved"' in html(at) and PAYLOAD not in html(at)


def test_the_gazetteer_page_adds_a_spelling_to_the_gazetteer_copy(db, tmp_path):
    before = (ALEPPO / "places.csv").read_bytes()
    at = page("pages/3_Gazetteer.py")
    assert "Zebdine Farms" in html(at)
    at.selectbox[0].set_value("Zebdine Farms")
    at.selectbox[1].set_value("al-zebdiyeh")
    at.button[0].click().run()
    assert not at.exception and "is now a spelling of" in at.success[0].value
    assert "Zebdine Farms" in Gazetteer.load(tmp_path / "gazetteer").places["al-zebdiyeh"].variants
    assert (ALEPPO / "places.csv").read_bytes() == before


def test_the_gazetteer_page_finds_places_by_any_spelling(db):
    at = page("pages/3_Gazetteer.py")
    at.text_input(key="query").input("Shaar").run()
    assert "al-shaar" in list(at.dataframe[0].value["id"])


def test_the_gazetteer_page_names_each_broken_boundary_feature_and_its_file(db, tmp_path):
    """A repaired outline and a point where a polygon belongs were said only on the server's console."""
    folder = tmp_path / "gazetteer"
    at = page("pages/3_Gazetteer.py")
    assert not [w.value for w in at.warning if "boundaries" in w.value]  # the shipped file is clean
    shutil.copyfile(
        ROOT / "tests" / "fixtures" / "boundaries" / "mixed.geojson", folder / "boundaries.geojson"
    )
    at = page("pages/3_Gazetteer.py")
    said = [
        re.sub(r"\\(.)", r"\1", w.value) for w in at.warning
    ]  # as the reader sees it, Markdown escapes undone
    own = str(folder / "boundaries.geojson")
    repaired = [m for m in said if m.startswith(own) and "feature 0 (al-Sakhur)" in m]
    dropped = [m for m in said if m.startswith(own) and "feature 5 (Hanano)" in m]
    assert len(repaired) == 1 and "check its outline" in repaired[0], said
    assert len(dropped) == 1 and "left off the map" in dropped[0], said
    assert not at.exception and not at.error  # the page still works: the rest of the file is drawn


def test_the_publish_page_writes_the_site_and_offers_it_as_a_zip(db, tmp_path, monkeypatch):
    monkeypatch.setenv(guard.PUBLISH_ROOT_VARIABLE, str(tmp_path))
    at = page("pages/4_Publish.py")
    at.text_input(key="out").input(str(tmp_path / "site"))
    at.checkbox(key="png").uncheck()
    at.button[0].click().run()
    # Nothing in this store is reviewed: by default there is nothing to publish, and the page says why.
    assert f"{len(Store(db).claims())} unreviewed claims left out" in at.error[0].value
    at.checkbox(key="include-unreviewed").check()
    at.button[0].click().run()
    assert not at.exception and not at.error
    assert (tmp_path / "site" / "timeline.html").is_file()
    assert all((tmp_path / "site" / f"{d.isoformat()}.html").is_file() for d in DAYS)
    assert "Published 3 dates" in at.success[0].value
    assert at.get("download_button")


def test_the_publish_page_refuses_a_folder_outside_its_root(db, tmp_path, monkeypatch):
    root, elsewhere = tmp_path / "published", tmp_path / "elsewhere"
    monkeypatch.setenv(guard.PUBLISH_ROOT_VARIABLE, str(root))
    at = page("pages/4_Publish.py")
    at.checkbox(key="include-unreviewed").check()
    at.checkbox(key="png").uncheck()
    for typed in (str(elsewhere), "../elsewhere"):
        at.text_input(key="out").input(typed)
        at.button[0].click().run()
        assert not at.exception and "outside the publish folder" in at.error[0].value
        assert not elsewhere.exists() and "published" not in at.session_state
    at.text_input(key="out").input("site")  # a relative folder is read from the root
    at.button[0].click().run()
    assert not at.error and (root / "site" / "timeline.html").is_file()


def test_the_sources_page_shows_the_progress_of_reading(db):
    at = page("pages/1_Sources.py")
    at.text_area(key="paste-text").input(
        "Government forces captured Karm al-Jabal on Thursday, the army said."
    )
    at.button[1].click().run()
    bars = at.get("progress")
    assert not at.exception and bars, "no progress bar"
    assert bars[-1].proto.value == 100 and "1 of 1 article read" in bars[-1].proto.text
