"""The app's main page: the map of who held what on each reported date, with the sentences
beside it. The pages an editor works in (Sources, Review, Gazetteer, Publish) are in pages/.

    streamlit run app.py        # the city's own store (or $GEO_DB), else its demo, read-only

The city, the map's date and a chosen place are in the address
(``?city=aleppo&date=2016-12-07&place=al-shaar``), so a view can be shared. The map is drawn once; stepping through the dates only restyles its layer,
so it keeps its position and zoom. All computing happens in geo.app.views; this file lays out widgets.
"""

from __future__ import annotations

import time
from functools import partial

import streamlit as st
from streamlit_folium import st_folium

import app_data
from geo.app import views
from geo.render import maps

#: Seconds a day lasts while playing (a day at a time, so a gap between reports lasts as long as it did).
PLAY_SECONDS = 1.0
#: Tall enough to read the city, short enough that the page's header, the slider, its time axis
#: and the whole map (with its key in the corner) fit a 900 px high window without scrolling.
MAP_HEIGHT = 540
state = st.session_state


def touched() -> None:
    """A reader did something: playing waits a full step before moving on."""
    state.stepped_at = time.monotonic()


def step(dates: list, by: int) -> None:
    touched()
    state.day = views.step_date(dates, state.day, by)


def play(days: list) -> None:
    touched()
    state.playing = not state.get("playing", False)
    if state.playing and state.day == days[-1]:
        state.day = days[0]


def clicked(data: views.Coverage) -> None:
    touched()
    place = views.clicked_place(data.base, state.get("map"))
    if place:
        state.place = place


def controls(dates: list, view: views.DateView, playing: bool) -> None:
    """Previous, the time axis, next, play: one row; Shift+← / Shift+→ step from report to report
    and Shift+P plays from the keyboard.

    The slider has a step a day, from the first report to the last, so its positions are real time;
    under it, the axis's week ticks and a mark per report line up with those positions.
    """
    days = views.axis_days(dates)
    with st.container(horizontal=True, vertical_alignment="top", key="geo-time"):
        st.button(
            "Previous",
            icon=":material/chevron_left:",
            on_click=step,
            args=(dates, -1),
            shortcut="Shift+Left",
            disabled=state.day <= dates[0],
            help="The report before this day",
        )
        with st.container(gap=None, key="geo-axis"):
            st.select_slider(
                "Date",
                options=days,
                key="day",
                format_func=maps.format_day,
                on_change=touched,
                label_visibility="collapsed",
            )
            st.html(views.axis_html(view))
        st.button(
            "Next",
            icon=":material/chevron_right:",
            icon_position="right",
            on_click=step,
            args=(dates, 1),
            shortcut="Shift+Right",
            disabled=state.day >= dates[-1],
            help="The next report",
        )
        st.button(
            "Pause" if playing else "Play",
            icon=":material/pause:" if playing else ":material/play_arrow:",
            on_click=play,
            args=(days,),
            shortcut="Shift+P",
            help="Move through the days on its own",
        )


def fallback_image(data: views.Coverage, states: dict, changed_ids: frozenset, day) -> str | None:
    """The date's PNG for the map's frame, once its script said Leaflet could not load (else None:
    nothing is drawn for a map that drew)."""
    if (state.get("map") or {}).get("geo_fallback"):
        state.map_fallback = True
    if not state.get("map_fallback"):
        return None
    images = state.setdefault("map_images", {})
    key = (id(data), day, changed_ids)
    if key not in images:
        images.clear()  # one date's image at a time: a session never holds the whole timeline's
        images[key] = views.map_image(data, states, changed_ids, day)
    return images[key]


def draw_map(data: views.Coverage, states: dict, changed_ids: frozenset, day, **options) -> None:
    """The map (drawn once, restyled per date), with the published pages' fallback where Leaflet cannot draw."""
    conflict = data.gazetteer.war
    fmap = maps.build_map(
        data.base.display,
        None,
        conflict=conflict,
        controllers=data.controllers,
        leaflet=app_data.leaflet_files(),
        **data.base.map_options,
    )
    maps.frame_fallback(fmap, fallback_image(data, states, changed_ids, day), height=MAP_HEIGHT)
    layer = maps.control_layer(
        data.base.display, states, changed_ids, conflict=conflict, selected=state.get("place")
    )
    with st.container(key="geo-mapbox"):  # first on a phone (page.css)
        st_folium(
            fmap,
            key="map",
            height=MAP_HEIGHT,
            use_container_width=True,
            feature_group_to_add=layer,
            **options,
        )


def map_and_text(data: views.Coverage, view: views.DateView) -> None:
    left, right = st.columns([3, 2], gap="medium")
    names = dict(zip(data.base.display.ids, data.base.display.names))
    with left:
        draw_map(
            data,
            view.states,
            view.changed_ids,
            view.as_of,
            returned_objects=["last_active_drawing", "last_object_clicked"],
            on_change=partial(clicked, data),
        )
        shares = views.shares_html(view)
        if shares:  # a city without regions has none (and st.html refuses an empty body)
            st.html(shares)
    # Beside the map on a wide screen, a box of its own height that scrolls; on a phone, under the
    # map, the page's own length (page.css: no scroll inside a scroll).
    with right, st.container(height=MAP_HEIGHT, border=False, key="geo-text"):
        st.selectbox(
            "Place history",
            options=sorted(names, key=lambda p: names[p].casefold()),
            key="place",
            format_func=names.get,
            index=None,
            placeholder="Click a place on the map, or choose one",
            on_change=touched,
        )
        if state.place:
            st.html(views.history_html(names[state.place], views.place_history(data, state.place)))
            st.divider()
        st.html(views.changes_block(view))


def baseline_map(data: views.Coverage) -> None:
    """The map before any change, when no change is on it (none reported, or none reviewed yet)."""
    start = data.timeline.baseline.start
    draw_map(data, views.baseline_states(data), frozenset(), start, returned_objects=[])


def timeline(data: views.Coverage, timed: bool) -> None:
    """Everything that changes with the date; while playing (``timed``) it reruns alone every PLAY_SECONDS."""
    dates = data.dates
    if state.get("playing", False):
        elapsed = time.monotonic() - state.get("stepped_at", 0.0)
        state.day, state.playing, stepped = views.play_step(
            views.axis_days(dates), state.day, elapsed, PLAY_SECONDS
        )
        if stepped:
            state.stepped_at = time.monotonic()
    playing = state.get("playing", False)
    if playing != timed:
        st.rerun()  # the whole page, so that the timer starts or stops
    view = views.date_view(data, state.day)
    with st.container(key="geo-view"):  # on a phone, page.css puts the map first
        controls(dates, view, playing)
        st.html(views.summary_html(view))
        map_and_text(data, view)
    st.query_params["date"] = state.day.isoformat()
    if state.place:
        st.query_params["place"] = state.place
    elif "place" in st.query_params:
        del st.query_params["place"]


def map_page() -> None:
    with app_data.readable_errors():
        gazetteer = app_data.gazetteer()
        with st.sidebar:
            show_proposed = st.toggle(
                "Show unreviewed claims on the map",
                value=True,
                key="show_proposed",
                help="Off: only claims an editor accepted or corrected move the map.",
            )
        data = app_data.coverage(show_proposed)
    app_data.page_header(
        f"{gazetteer.name}: who held what",
        "Each change of control on the map cites the sentence that reports it. "
        "Click a place for its history.",
    )
    dates = data.dates
    if dates and views.hidden_text(data):
        st.caption(views.hidden_text(data))
    if not dates:
        st.info(views.no_change_text(data), icon=":material/info:")
        if data.timeline.baseline.start:
            baseline_map(data)
        return
    if state.get("day") not in views.axis_days(dates):
        state.day, note = views.pick_day(dates, st.query_params.get("date"))
        if note:
            st.warning(note, icon=":material/event_busy:")
    if "place" not in state:
        wanted = st.query_params.get("place")
        state.place = wanted if wanted in data.base.display.ids else None
    playing = state.get("playing", False)
    st.fragment(timeline, run_every=PLAY_SECONDS if playing else None)(data, playing)


app_data.start_page("Map")
map_page()
