"""Issue 14, item 1: nothing an editor adds lives in the demo database, which is rebuilt when the
gazetteer or the reading code changes. An article added in the app must survive a new spelling,
a re-extraction and a restart; the demo stays as its dispatches make it.

The app runs under AppTest with no $GEO_DB (the default a new user gets), the cache folder and
the demo database in a temporary folder, and a copy of the Aleppo gazetteer with two of its demo
dispatches (reading all of them would only make the test slower).
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo.app import where
from geo.gazetteer import Gazetteer, add_spelling
from geo.read import Article
from geo.store import Store, demo_database, ingest
from tests.conftest import ALEPPO

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 180
DISPATCHES = ("2016-11-26-masaken-hanano.md", "2016-12-04-karm-al-maysar.md")
ADDED = "Government forces captured Karm al-Jabal on Thursday, the army said."


def city_copy(folder: Path) -> Path:
    shutil.copytree(ALEPPO, folder, ignore=shutil.ignore_patterns("demo", "*.py"))
    (folder / "demo").mkdir()
    for name in DISPATCHES:
        shutil.copy(ALEPPO / "demo" / name, folder / "demo" / name)
    return folder


@pytest.fixture
def city(tmp_path, monkeypatch):
    """A city with a demo and no store of its own; the app's cache folder in tmp_path."""
    folder = city_copy(tmp_path / "testcity")
    monkeypatch.delenv("GEO_DB", raising=False)
    monkeypatch.setenv("GEO_GAZETTEER", str(folder))
    monkeypatch.setenv("GEO_DEMO_DB", str(tmp_path / "demo.db"))
    monkeypatch.setattr(where, "CACHE_DIR", tmp_path / "cache")
    st.cache_resource.clear()
    yield folder
    st.cache_resource.clear()


def page(name: str) -> AppTest:
    at = AppTest.from_file(ROOT / "app.py", default_timeout=TIMEOUT)
    at.switch_page(name)
    return at.run()


def restart() -> None:
    """What a restart of the app forgets: every cached store, gazetteer and timeline."""
    st.cache_resource.clear()


def sidebar_text(at: AppTest) -> str:
    return "\n".join(c.value for c in at.sidebar.caption)


def test_an_article_added_in_the_app_survives_a_spelling_a_reextraction_and_a_restart(city, tmp_path):
    user_db = tmp_path / "cache" / "testcity.db"
    at = page("pages/1_Sources.py")
    assert not at.exception and not user_db.exists()
    assert "Showing the demo, read-only" in sidebar_text(at) and str(user_db) in sidebar_text(at)
    demo_before = {a.id for a in Store(tmp_path / "demo.db").articles()}
    assert len(demo_before) == len(DISPATCHES)

    at.text_area(key="paste-text").input(ADDED)
    at.text_input(key="paste-title").input("Army takes Karm al-Jabal")
    at.date_input(key="paste-published").set_value(date(2016, 12, 9))
    at.button[1].click().run()
    assert not at.exception and "Added 1 article" in at.success[0].value
    assert user_db.is_file()
    added = Article(ADDED).id
    assert [a.id for a in Store(user_db).articles()] == [added]
    assert {a.id for a in Store(tmp_path / "demo.db").articles()} == demo_before  # the demo was not written

    # A new spelling changes the gazetteer's files, so the demo is read again on the next start.
    add_spelling(city, "karm-al-jabal", "Karm el Jabal Quarter")
    restart()
    at = page("pages/3_Gazetteer.py")
    assert not at.exception
    assert f"Store: {user_db}" in sidebar_text(at)
    reread = next(b for b in at.button if b.label.startswith("Re-read every article"))
    reread.click().run()
    assert not at.exception and "Read 1 article again" in at.success[0].value

    restart()
    at = page("pages/1_Sources.py")
    assert not at.exception
    assert [a.id for a in Store(user_db).articles()] == [added]
    assert at.selectbox(key="article").options == ["Army takes Karm al-Jabal — no outlet, 9 December 2016"]
    assert {a.id for a in Store(tmp_path / "demo.db").articles()} == demo_before


def test_the_review_page_does_not_save_decisions_on_the_demo(city, tmp_path):
    at = page("pages/2_Review.py")
    assert not at.exception
    assert "demo's claims, shown read-only" in at.info[0].value
    assert at.button[0].disabled
    assert not (tmp_path / "cache" / "testcity.db").exists()


def test_a_demo_refresh_removes_only_what_it_stored_as_dispatches(tmp_path):
    """A demo database an older version let editors write into: their articles stay through a refresh."""
    folder = city_copy(tmp_path / "city")
    path = demo_database(tmp_path / "demo.db", gazetteer=Gazetteer.load(folder))
    store = Store(path)
    ingest(store, [Article(ADDED, title="An editor's article")], Gazetteer.load(folder))
    assert len(store.articles()) == len(DISPATCHES) + 1

    add_spelling(folder, "karm-al-jabal", "Karm el Jabal Quarter")  # the extraction version changes
    (folder / "demo" / DISPATCHES[0]).unlink()  # and a dispatch goes
    demo_database(path, gazetteer=Gazetteer.load(folder))
    titles = sorted(a.title for a in store.articles())
    assert len(titles) == len(DISPATCHES) and "An editor's article" in titles
    store.close()
