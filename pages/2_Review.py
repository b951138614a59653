"""Review: the claims read from the articles, one at a time: accept, reject, or correct the place,
the side or the date, with a note. Every decision is kept; a form is sent with Enter."""
from __future__ import annotations

import streamlit as st

import app_data
from geo.app import editing
from geo.core import CONTROLLERS, REVIEW_FILTER_LABELS
from geo.render import LABEL
from geo.timeline import claim_day

app_data.start_page("Review")
app_data.page_header("Review", "Claims stay “unreviewed” until an editor accepts, rejects or corrects them. "
                               "Choose a claim, read its sentence, decide.")
gazetteer, store, data = app_data.editing()

with st.sidebar:
    st.caption(f"Decisions are saved as made by **{app_data.editor()}**.")

kind = st.segmented_control("Show", options=list(REVIEW_FILTER_LABELS), default=None, key="filter",
                            format_func=REVIEW_FILTER_LABELS.get)
items = editing.review_items(data, kind)
if "saved" in st.session_state:
    st.success(st.session_state.pop("saved"), icon=":material/check:")
if not items:
    st.info("No claim of this kind awaits review.")
    st.stop()
demo = app_data.showing_demo()
if demo:
    st.info(f"These are the demo's claims, shown read-only: decisions on them are not saved. Add articles on the "
            f"**Sources** page to start your own store ({app_data.stores().user}) and review their claims.",
            icon=":material/visibility:")

by_key = {item.key: item for item in items}
key = st.selectbox(f"Claim ({len(items)} to review)", options=list(by_key), format_func=lambda k: by_key[k].label,
                   key="claim")
item = by_key[key]
claim = item.claim
st.html(editing.review_html(item))

places = editing.place_choices(gazetteer)
place_ids = [p.id for p in places]
with st.form("decision", clear_on_submit=True, enter_to_submit=True):
    decision = st.radio("Decision", options=["accepted", "rejected", "corrected"], horizontal=True,
                        format_func={"accepted": "Accept", "rejected": "Reject", "corrected": "Correct"}.get)
    left, middle, right = st.columns(3)
    place = left.selectbox("Place (if correcting)", options=place_ids,
                           index=place_ids.index(claim.place_id) if claim.place_id in place_ids else None,
                           format_func=lambda p: gazetteer.places[p].name, placeholder="Choose the place")
    side = middle.selectbox("Side (if correcting)", options=list(CONTROLLERS),
                            index=list(CONTROLLERS).index(claim.controller) if claim.controller in CONTROLLERS else None,
                            format_func=lambda c: LABEL.get(c, c))
    day = right.date_input("Date (if correcting)", value=claim_day(claim), format="YYYY-MM-DD")
    note = st.text_input("Note", placeholder="Why (optional)", key="note")
    if st.form_submit_button("Save decision", type="primary", disabled=demo):
        with app_data.readable_errors(stop=False):
            editing.record_decision(app_data.writable_store(), gazetteer, claim, decision, place_id=place,
                                    controller=side, day=day, note=note, by=app_data.editor())
            st.session_state.saved = f"Saved: {decision} — {item.label}."
            del st.session_state["claim"]  # the next claim comes up
            st.rerun()
