"""Gazetteer: find places, see them on the map, and teach it the spellings the articles use
for places it could not resolve."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

import app_data
from geo.app import editing, views
from geo.gazetteer import add_spelling
from geo.render import maps

app_data.start_page("Gazetteer")
gazetteer, store, data = app_data.editing()
app_data.page_header(
    f"Gazetteer: {gazetteer.name}",
    f"{len(gazetteer.areas)} places on the map, {len(gazetteer.regions)} regions; "
    f"read from {app_data.city_folder()}.",
)
for said in editing.boundary_warnings(data.base):
    st.warning(said, icon=":material/warning:")
if "spelling-added" in st.session_state:
    st.success(st.session_state.pop("spelling-added"), icon=":material/check:")

search, unknown = st.columns([3, 2], gap="large")
with search:
    query = st.text_input("Find a place", key="query", placeholder="a name, in any spelling")
    found = editing.search_places(gazetteer, query) if query else []
    if query and not found:
        st.info(f"No place of {gazetteer.name} is called anything like “{query}”.")
    if found:
        st.dataframe(editing.place_rows(found), hide_index=True, use_container_width=True)
    states = editing.latest_states(data)
    outlined = editing.places_on_map(data, [m.place.id for m in found])
    fmap = maps.build_map(
        data.base.display,
        None,
        conflict=gazetteer.war,
        legend=False,
        leaflet=app_data.leaflet_files(),
        **data.base.map_options,
    )
    chosen = found[0].place.id if found and found[0].place.id in data.base.display.ids else None
    st_folium(
        fmap,
        key="gazetteer-map",
        height=460,
        use_container_width=True,
        returned_objects=[],
        feature_group_to_add=maps.control_layer(
            data.base.display, states, outlined, conflict=gazetteer.war, selected=chosen
        ),
    )
    st.caption(
        "Found places have a thick outline, the first in blue, and the map moves to it; colours show who held each place at the last reported date."
    )

with unknown:
    st.html(views.heading_html("Names the articles used that matched no place"))
    names = editing.unresolved_names(data)
    if names:
        st.html(editing.unresolved_html(names))
    else:
        st.caption("Every place name in the claims resolved.")

    st.html(views.heading_html("Add a spelling"))
    places = editing.place_choices(gazetteer)
    with st.form("spelling", clear_on_submit=True, enter_to_submit=True):
        spelling = st.selectbox(
            "Spelling",
            options=[n.written for n in names],
            index=None,
            accept_new_options=True,
            placeholder="Choose a name above, or type a new spelling",
        )
        place = st.selectbox(
            "Of the place",
            options=[p.id for p in places],
            index=None,
            format_func=lambda p: gazetteer.places[p].name,
            placeholder="Choose the place",
        )
        if st.form_submit_button("Add the spelling", type="primary"):
            with app_data.readable_errors(stop=False):
                added = add_spelling(app_data.city_folder(), place or "", spelling or "")
                st.session_state["spelling-added"] = editing.spelling_added_text(spelling or "", added)
                st.rerun()
    if app_data.showing_demo():
        st.caption(
            "The demo is read again on its own when the gazetteer changes; your own articles are re-read "
            "here once you have added some."
        )
    elif st.button(
        "Re-read every article with the gazetteer as it is now",
        help="Claims are read again; editors' decisions are kept (those whose claim is gone are reported).",
    ):
        with app_data.readable_errors(stop=False), st.spinner("Reading every article again…"):
            report = app_data.writable_store().reextract(gazetteer)
            st.success(editing.reextract_text(report))
