"""What every page of the app reads, loaded once and cached on what really changes it.

The city is chosen in the sidebar (and kept in the address); each city reads its own store, or
its demo, read-only, until something is saved (see :mod:`geo.app.where`). The gazetteer and the
shapes are keyed on the gazetteer files' modification times, the timeline
on the store's revision (one cheap query per rerun), so an edit on any page shows everywhere on
the next rerun and nothing is read twice. Problems with outside input (:class:`GeoError`) are
shown as readable error boxes, never as tracebacks.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st

from geo import render
from geo.app import guard, views, where
from geo.app.editing import markdown_text
from geo.core import GeoError
from geo.gazetteer import Gazetteer
from geo.store import Store, demo_database

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
        st.error(markdown_text(exc.message), icon=":material/error:")
        if stop:
            st.stop()


state = st.session_state


@st.cache_resource(show_spinner="Reading the gazetteer…", max_entries=4)
def _gazetteer(folder: str, revision: tuple) -> Gazetteer:
    return Gazetteer.load(folder)


# -- the city --------------------------------------------------------------------------------------
def city() -> where.City:
    """The city being shown: chosen in the sidebar, first taken from the address (``?city=``)."""
    choices = where.cities()
    ids = [c.id for c in choices]
    if not choices:
        st.error(
            f"No gazetteer found: no folder of {where.DATA_DIR} holds a gazetteer.json, and ${where.GAZETTEER_VARIABLE} "
            "is not set.",
            icon=":material/error:",
        )
        st.stop()
    if state.get("city_id") not in ids:
        state.city_id = where.pick_city(choices, st.query_params.get("city")).id
    return choices[ids.index(state.city_id)]


def _city_changed() -> None:
    """Another city: its own dates and places (the old city's date and place mean nothing there)."""
    state.city_id = state["city-choice"]
    for key in ("day", "place", "playing", "claim", "article"):
        state.pop(key, None)
    for key in ("date", "place"):
        if key in st.query_params:
            del st.query_params[key]


def city_folder() -> Path:
    return city().folder


def _city_picker() -> None:
    choices = where.cities()
    current = city()
    labels = where.city_labels(choices)
    ids = [c.id for c in choices]
    st.selectbox(
        "City",
        options=ids,
        index=ids.index(current.id),
        format_func=labels.get,
        key="city-choice",
        on_change=_city_changed,
        help="Every gazetteer under data/ (and $GEO_GAZETTEER). Each city has its own store.",
    )
    st.query_params["city"] = current.id
    try:
        st.caption(store_note())
    except GeoError:  # the page says what is wrong; the picker stays, to leave the city
        st.caption("This city's gazetteer does not load: see the page.")


# -- the stores ------------------------------------------------------------------------------------
@st.cache_resource(show_spinner="Opening the database…")
def _open(where_: str) -> Store:
    return Store(where_)


@st.cache_resource(show_spinner="Opening the demo (the first start reads its dispatches)…", max_entries=4)
def _demo(folder: str, revision: tuple) -> str | None:
    gazetteer = _gazetteer(folder, revision)
    if not (Path(folder) / "demo").is_dir():
        return None
    return str(demo_database(gazetteer=gazetteer))


def stores() -> where.Stores:
    return where.stores(city().id)


def showing_demo() -> bool:
    """True while the city has no store of its own yet and the app shows its demo, read-only."""
    return not stores().user_exists and _demo_path() is not None


def _demo_path() -> str | None:
    folder = city_folder()
    return _demo(str(folder), views.files_revision(folder))


def store() -> Store:
    """The store the pages read: the city's own (or $GEO_DB), else its demo database, read-only."""
    if showing_demo():
        return _open(_demo_path())
    return _open(stores().user)


def writable_store() -> Store:
    """The store every write goes to: the city's own (created now if it does not exist), or $GEO_DB.
    Never the demo database."""
    return _open(stores().user)


def store_note() -> str:
    """Where what the page shows comes from, and where an editor's work is saved."""
    saved = stores().user
    if stores().user_exists:
        shared = " (one store for every city: $GEO_DB)" if stores().shared else ""
        return f"Store: {saved}{shared}."
    if _demo_path() is not None:
        return f"Showing the demo, read-only. What you add is saved in {saved}, created on the first write."
    return f"No articles yet. What you add is saved in {saved}."


@st.cache_resource(show_spinner="Drawing the places…", max_entries=4)
def _map_base(folder: str, revision: tuple) -> views.MapBase:
    return views.map_base(_gazetteer(folder, revision))


def gazetteer() -> Gazetteer:
    """The gazetteer of the city being shown."""
    folder = city_folder()
    return _gazetteer(str(folder), views.files_revision(folder))


@st.cache_resource(show_spinner="Reading the claims…", max_entries=8)
def _coverage(
    url: str, revision: tuple, folder: str, gazetteer_revision: tuple, show_proposed: bool, _store: Store
) -> views.Coverage:
    return views.coverage(
        _store,
        _gazetteer(folder, gazetteer_revision),
        _map_base(folder, gazetteer_revision),
        show_proposed=show_proposed,
    )


def coverage(show_proposed: bool = True) -> views.Coverage:
    """The timeline, articles and map of everything stored (rebuilt only after a write)."""
    shown = store()
    folder = city_folder()
    return _coverage(
        shown.url, shown.revision(), str(folder), views.files_revision(folder), show_proposed, shown
    )


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
    """Every page's first call: its title and layout, the request and login checks, and the links
    to the others in the sidebar (named here, since Streamlit would name the main page after its file)."""
    st.set_page_config(page_title=f"{name} · who held what", page_icon=favicon(), layout="wide")
    refuse_other_hosts()
    authenticator = sign_in()
    with st.sidebar:
        for path, label, icon in PAGES:
            st.page_link(path, label=label, icon=icon)
        st.divider()
        _city_picker()
        if authenticator is not None:
            st.caption(f"Logged in as {state.get('name') or state.get('username')}.")
            authenticator.logout(
                "Log out", location="main", key="geo-logout"
            )  # "main" of the sidebar block; not "logout", the library's own state key
        st.divider()


def page_header(title: str, caption: str = "") -> None:
    """The page's title, what it is for, and the app's styles."""
    st.html(STYLE)
    st.header(title, anchor=False)
    if caption:
        st.caption(caption)


# -- who may use the app ---------------------------------------------------------------------------
def refuse_other_hosts() -> None:
    """Stop a request addressed to another host name (a DNS-rebinding page): see geo.app.guard."""
    host = st.context.headers.get("Host")
    if not guard.host_allowed(host):
        st.error(guard.refusal_text(host or ""), icon=":material/block:")
        st.stop()


@st.cache_resource(show_spinner=False)
def _auth_config(path: str, revision: tuple) -> guard.AuthConfig:
    return guard.load_auth_config(Path(path))


def _authenticator(path: Path):
    """streamlit-authenticator's login, made on every run (it draws its cookie component), from
    the users file read once per change; the credentials are given as data, so the library never
    writes the file."""
    import streamlit_authenticator as stauth

    config = _auth_config(str(path), views.files_revision(path.parent, (path.name,)))
    return stauth.Authenticate(
        config.credentials, config.cookie_name, config.cookie_key, config.cookie_days, auto_hash=False
    )


def sign_in():
    """With $GEO_AUTH_CONFIG, nothing shows until an editor has logged in (the authenticator is
    returned, for the logout button); without it, the app is single-user (see :func:`editor`)."""
    path = guard.auth_config_path()
    if path is None:
        return None
    with readable_errors():
        authenticator = _authenticator(path)
    if not state.get("authentication_status"):
        st.header("Who held what", anchor=False)
        st.caption("Log in with the name and password your newsroom gave you.")
        authenticator.login(location="main", key="login")
    if state.get("authentication_status") is False:
        st.error("Wrong name or password.", icon=":material/lock:")
    if not state.get("authentication_status"):
        st.stop()
    return authenticator


def editor() -> str:
    """The name recorded on an editor's decisions: the login's name and user name, else the OS login name."""
    if guard.auth_config_path() is not None:
        name, username = state.get("name") or "", state.get("username") or ""
        return f"{name} ({username})" if name and name != username else username
    return guard.local_editor()
