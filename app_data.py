"""What every page of the app reads, loaded once and cached on what really changes it.

The gazetteer and the shapes are keyed on the gazetteer files' modification times, the timeline
on the store's revision (one cheap query per rerun), so an edit on any page shows everywhere on
the next rerun and nothing is read twice. Problems with outside input (:class:`GeoError`) are
shown as readable error boxes, never as tracebacks.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st

from geo import render
from geo.app import views
from geo.core import GeoError
from geo.gazetteer import Gazetteer
from geo.store import Store

#: The one stylesheet, for the escaped HTML fragments of geo.app.views.
STYLE = views.stylesheet()


@st.cache_resource
def leaflet_files() -> tuple[str, str] | None:
    """Leaflet for the map's frame from the installed npm package (no CDN); None: folium's CDN."""
    return render.leaflet_data_urls()


@contextmanager
def readable_errors(stop: bool = True) -> Iterator[None]:
    """Show a GeoError as an error box (and stop the page unless ``stop`` is False)."""
    try:
        yield
    except GeoError as exc:
        st.error(exc.message, icon=":material/error:")
        if stop:
            st.stop()


@st.cache_resource(show_spinner="Opening the database (the first start reads the demo dispatches)…")
def _store(variable: str | None, folder: str) -> Store:
    return Store(views.database(_gazetteer(folder, views.files_revision(Path(folder)))))


def store() -> Store:
    """The store named by $GEO_DB, else the gazetteer's demo database."""
    folder = views.gazetteer_folder()
    return _store(os.environ.get(views.DB_VARIABLE), str(folder))


@st.cache_resource(show_spinner="Reading the gazetteer…", max_entries=4)
def _gazetteer(folder: str, revision: tuple) -> Gazetteer:
    return Gazetteer.load(folder)


@st.cache_resource(show_spinner="Drawing the places…", max_entries=4)
def _map_base(folder: str, revision: tuple) -> views.MapBase:
    return views.map_base(_gazetteer(folder, revision))


def gazetteer() -> Gazetteer:
    """The gazetteer named by $GEO_GAZETTEER, else the bundled one."""
    folder = views.gazetteer_folder()
    return _gazetteer(str(folder), views.files_revision(folder))


@st.cache_resource(show_spinner="Reading the claims…", max_entries=8)
def _coverage(url: str, revision: tuple, folder: str, gazetteer_revision: tuple, show_proposed: bool,
              _store: Store) -> views.Coverage:
    return views.coverage(_store, _gazetteer(folder, gazetteer_revision), _map_base(folder, gazetteer_revision),
                          show_proposed=show_proposed)


def coverage(show_proposed: bool = True) -> views.Coverage:
    """The timeline, articles and map of everything stored (rebuilt only after a write)."""
    where = store()
    folder = views.gazetteer_folder()
    return _coverage(where.url, where.revision(), str(folder), views.files_revision(folder),
                     show_proposed, where)


def editing() -> tuple[Gazetteer, Store, views.Coverage]:
    """What an editor's page reads: the gazetteer, the store and what it covers (a problem stops the page)."""
    with readable_errors():
        return gazetteer(), store(), coverage()


#: The app's pages as the sidebar lists them: (file, name, icon).
PAGES = (
    ("app.py", "Map", ":material/map:"),
    ("pages/1_Sources.py", "Sources", ":material/article:"),
    ("pages/2_Review.py", "Review", ":material/fact_check:"),
    ("pages/3_Gazetteer.py", "Gazetteer", ":material/travel_explore:"),
    ("pages/4_Publish.py", "Publish", ":material/publish:"),
)


@st.cache_resource
def favicon():
    """A small image served by the app itself: a ``:material/...:`` page icon would be fetched
    from Google's font server, and the app makes no request outside this machine."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (32, 32), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.polygon([(2, 6), (12, 2), (20, 6), (30, 2), (30, 26), (20, 30), (12, 26), (2, 30)], fill="#009E73")
    draw.polygon([(12, 2), (20, 6), (20, 30), (12, 26)], fill="#D55E00")
    return image


def start_page(name: str) -> None:
    """Every page's first call: its title and layout, and the links to the others in the sidebar
    (named here, since Streamlit would name the main page after its file)."""
    st.set_page_config(page_title=f"{name} · who held what", page_icon=favicon(), layout="wide")
    with st.sidebar:
        for path, label, icon in PAGES:
            st.page_link(path, label=label, icon=icon)
        st.divider()


def page_header(title: str, caption: str = "") -> None:
    """The page's title, what it is for, and the app's styles."""
    st.html(STYLE)
    st.header(title, anchor=False)
    if caption:
        st.caption(caption)
