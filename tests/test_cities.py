"""Issue 12, "one app, several cities": the app lists every gazetteer folder, keeps the city in the
address, gives each city its own store, and when several cities share one store ($GEO_DB) shows
on each city's map only that city's articles.

The cities are a copy of Aleppo's gazetteer and Testville, the invented town of
tests/small_town.py (Mosul's folder does not load yet: its places without coordinates are
being taught to the loader elsewhere).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo.app import views, where
from geo.gazetteer import Gazetteer
from geo.render import format_day
from geo.store import Store, city_of, ingest
from tests import small_town
from tests.app_dispatches import DAYS, HANANO, SAEED, SHAAR, build_store
from tests.app_pages import app_page
from tests.conftest import ALEPPO

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 180


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A data/ folder with two cities (aleppo, town) and a folder that is no gazetteer."""
    data = tmp_path / "data"
    aleppo = data / "aleppo"
    aleppo.mkdir(parents=True)
    for name in ("gazetteer.json", "places.csv", "regions.csv", "baseline.csv", "boundaries.geojson"):
        shutil.copyfile(ALEPPO / name, aleppo / name)
    small_town.write_folder(data / "town")
    (data / "lexicon").mkdir()
    monkeypatch.setattr(where, "DATA_DIR", data)
    monkeypatch.delenv(where.GAZETTEER_VARIABLE, raising=False)
    return data


@pytest.fixture
def shared(data_dir, tmp_path, monkeypatch):
    """One store for both cities: Aleppo's invented dispatches and Testville's articles, each tagged."""
    db = build_store(tmp_path / "shared.db")
    store = Store(db)
    store.tag_articles([HANANO.id, SHAAR.id, SAEED.id], "aleppo")
    store.tag_articles(small_town.store_articles(store), "town")
    store.close()
    monkeypatch.setenv(where.DB_VARIABLE, str(db))
    st.cache_resource.clear()
    yield db
    st.cache_resource.clear()


def test_the_cities_are_the_gazetteer_folders_and_the_configured_one(data_dir, tmp_path, monkeypatch):
    assert [(c.id, c.name) for c in where.cities()] == [("aleppo", "Aleppo"), ("town", "Testville")]
    other = small_town.write_folder(tmp_path / "elsewhere" / "aleppo")  # the configured folder wins its name
    monkeypatch.setenv(where.GAZETTEER_VARIABLE, str(other))
    assert [(c.id, c.name, c.folder) for c in where.cities()] == [
        ("aleppo", "Testville", other),
        ("town", "Testville", data_dir / "town"),
    ]
    assert where.city_labels(where.cities()) == {"aleppo": "Testville (aleppo)", "town": "Testville (town)"}
    assert where.pick_city(where.cities(), None).id == "aleppo"  # $GEO_GAZETTEER's is the default
    assert where.pick_city(where.cities(), "town").id == "town"
    assert where.pick_city(where.cities(), "atlantis").id == "aleppo"


def test_each_city_has_its_own_store_unless_one_is_named(monkeypatch):
    monkeypatch.delenv(where.DB_VARIABLE, raising=False)
    assert where.stores("aleppo").user != where.stores("town").user
    assert Path(where.stores("town").user).name == "town.db"
    monkeypatch.setenv(where.DB_VARIABLE, "/srv/geo/newsroom.db")
    assert where.stores("aleppo").user == where.stores("town").user == "/srv/geo/newsroom.db"
    assert where.stores("town").shared


def test_a_shared_store_keeps_each_city_s_articles_to_its_own_map(shared, data_dir):
    store = Store(shared)
    aleppo, town = Gazetteer.load(data_dir / "aleppo"), Gazetteer.load(data_dir / "town")
    assert (city_of(aleppo), city_of(town)) == ("aleppo", "town")
    town_ids = {a.id for a in small_town.articles()}
    assert {a.id for a in store.articles(city="town")} == town_ids
    assert {a.id for a in store.articles(city="aleppo")} == {HANANO.id, SHAAR.id, SAEED.id}
    assert {c.article for c in store.timeline(aleppo).claims.values()}.isdisjoint(town_ids)
    assert {c.article for c in store.timeline(town).claims.values()} == town_ids
    assert set(store.timeline(aleppo).dates) == set(DAYS)

    # An ingest tags what it adds; a re-extraction reads only its own city's articles.
    report = ingest(
        store,
        [small_town.articles()[0].__class__("Troops entered Mill Quarter on Monday.")],
        town,
        extract=lambda article, gazetteer: [],
    )
    assert len(report.added) == 1
    assert len(store.articles(city="town")) == len(town_ids) + 1 and len(store.articles(city="aleppo")) == 3
    seen = []
    store.reextract(town, extract=lambda article, gazetteer: seen.append(article.id) or [], extractor="test")
    assert set(seen) <= town_ids | {a.id for a in store.articles(city="town")} and not set(seen) & {HANANO.id}
    store.close()


def page(name: str = "app.py", **query) -> AppTest:
    return app_page(name, timeout=TIMEOUT, **query)


def test_the_address_chooses_the_city_and_the_map_shows_only_its_dates(shared):
    at = page(city="town")
    assert not at.exception and not at.error
    assert at.selectbox(key="city-choice").value == "town"
    assert at.query_params["city"] == "town"
    town_dates = small_town.timeline().dates
    assert at.select_slider(key="day").options == [format_day(d) for d in views.axis_days(town_dates)]
    assert "Testville: who held what" in at.header[0].value

    at = page(city="aleppo", date=DAYS[1].isoformat())
    assert not at.exception and not at.error
    assert at.select_slider(key="day").options == [format_day(d) for d in views.axis_days(DAYS)]
    assert at.query_params["date"] == DAYS[1].isoformat() and at.query_params["city"] == "aleppo"


def test_choosing_another_city_in_the_sidebar_moves_the_address_to_its_first_date(shared):
    at = page(city="aleppo", date=DAYS[2].isoformat())
    at.selectbox(key="city-choice").set_value("town").run()
    assert not at.exception and not at.error
    assert at.query_params["city"] == "town"
    assert at.query_params["date"] == small_town.timeline().dates[0].isoformat()
    assert at.select_slider(key="day").value == small_town.timeline().dates[0]
    assert "one store for every city" in "\n".join(c.value for c in at.sidebar.caption)


def test_the_sources_page_lists_only_the_city_s_articles(shared):
    at = page("pages/1_Sources.py", city="town")
    assert not at.exception
    shown = at.selectbox(key="article").options  # "Title — Outlet, date"
    assert sorted(o.split(" — ")[0] for o in shown) == sorted(a.title for a in small_town.articles())
    assert not any(a.title in o for a in (HANANO, SHAAR, SAEED) for o in shown)


def test_a_city_whose_gazetteer_does_not_load_says_why_and_can_be_left(shared, data_dir):
    (data_dir / "broken").mkdir()
    (data_dir / "broken" / "gazetteer.json").write_text('{"name": "Broken", "conflict": "syria"}')
    (data_dir / "broken" / "places.csv").write_text("id,name,kind,lat,lon\nx,X,neighbourhood,north,\n")
    at = page(city="broken")
    assert not at.exception
    assert at.error and "places.csv" in at.error[0].value
    at.selectbox(key="city-choice").set_value("town").run()
    assert not at.exception and not at.error
    assert at.select_slider(key="day").options == [
        format_day(d) for d in views.axis_days(small_town.timeline().dates)
    ]
