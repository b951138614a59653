"""Review: the claims read from the articles, one at a time: accept, reject, correct the place, the
side or the date, or apply a share of a region to its members, with a note. Every decision is kept;
a reviewed claim can be undone (a new decision supersedes it). A form is sent with Enter."""

from __future__ import annotations

import streamlit as st

import app_data
from geo.app import editing
from geo.core import REVIEW_FILTER_LABELS
from geo.timeline import claim_day

app_data.start_page("Review")
app_data.page_header(
    "Review",
    "Claims stay “unreviewed” until an editor accepts, rejects or corrects them. "
    "Choose a claim, read its paragraph, decide.",
)
gazetteer, store, data = app_data.editing()
state = st.session_state

with st.sidebar:
    st.caption(f"Decisions are saved as made by **{app_data.editor()}**.")

for message in ("saved", "undone"):
    if message in state:
        st.success(state.pop(message), icon=":material/check:")

decisions = store.decisions()
reviewed_count = sum(
    1
    for d in decisions.values()
    if not d.orphaned and d.decision != "reopened" and d.claim_key in data.timeline.claims
)
demo = app_data.showing_demo()
if demo:
    st.info(
        f"These are the demo's claims, shown read-only: decisions on them are not saved. Add articles on the "
        f"**Sources** page to start your own store ({app_data.stores().user}) and review their claims.",
        icon=":material/visibility:",
    )
queue, done = st.tabs([f"To review ({data.timeline.unreviewed})", f"Reviewed ({reviewed_count})"])


def decision_form(item: editing.ReviewItem) -> None:
    """One claim's form; its widgets are keyed on the claim, so a refused decision keeps what was chosen."""
    claim, key = item.claim, item.key
    places = editing.place_choices(gazetteer)
    place_ids = [p.id for p in places]
    options = ["accepted", "rejected", "corrected"] + (["applied"] if item.members else [])
    names = {
        "accepted": "Accept",
        "rejected": "Reject",
        "corrected": "Correct",
        "applied": f"Apply to these {item.member_count} members",
    }
    with st.form(f"decision-{key}", enter_to_submit=True):
        choice, why = st.columns([3, 2])  # one row each, so the button stays on a laptop's first screen
        decision = choice.radio(
            "Decision", options=options, horizontal=True, format_func=names.get, key=f"decision-{key}"
        )
        note = why.text_input("Note", placeholder="Why (optional)", key=f"note-{key}")
        left, middle, right = st.columns(3)
        place = left.selectbox(
            "Place (if correcting)",
            options=place_ids,
            index=place_ids.index(claim.place_id) if claim.place_id in place_ids else None,
            format_func=lambda p: gazetteer.places[p].name,
            placeholder="Choose the place",
            key=f"place-{key}",
        )
        sides = list(gazetteer.war.controllers)
        side = middle.selectbox(
            "Side (if correcting)",
            options=sides,
            index=sides.index(claim.controller) if claim.controller in sides else None,
            format_func=gazetteer.war.label,
            key=f"side-{key}",
        )
        day = right.date_input(
            "Date (if correcting)", value=claim_day(claim), format="YYYY-MM-DD", key=f"day-{key}"
        )
        if st.form_submit_button("Save decision", type="primary", disabled=demo):
            with app_data.readable_errors(stop=False):
                editing.record_decision(
                    app_data.writable_store(),
                    gazetteer,
                    claim,
                    decision,
                    place_id=place,
                    controller=side,
                    day=day,
                    note=note,
                    by=app_data.editor(),
                )
                state.saved = f"Saved: {decision} — {item.label}."
                state.pop("claim", None)  # the next claim comes up
                st.rerun()


with queue:
    kind = st.segmented_control(
        "Show",
        options=list(REVIEW_FILTER_LABELS),
        default=None,
        key="filter",
        format_func=REVIEW_FILTER_LABELS.get,
    )
    find, pick = st.columns([1, 2])
    query = find.text_input(
        "Find a claim",
        key="search",
        placeholder="the place as the article spells it",
        help="Matches the place as the article wrote it, or the gazetteer's name for it, in any spelling.",
    )
    items = editing.review_items(data, kind, query)
    if not items:
        pick.info(
            f"No unreviewed claim matches “{query}”."
            if query.strip()
            else "No claim of this kind awaits review."
        )
    else:
        waiting = {item.key: item for item in items}
        if state.get("claim") not in waiting:
            state.pop("claim", None)
        key = pick.selectbox(
            f"Claim ({len(items)} to review)",
            options=list(waiting),
            format_func=lambda k: waiting[k].label,
            key="claim",
        )
        item = waiting[key]
        text, where = st.columns([3, 1], gap="medium")
        with text:
            st.html(editing.review_html(item))
        with where:
            shown = editing.places_on_map(data, [item.claim.place_id] if item.claim.place_id else [])
            st.html(editing.locator_html(data, shown, item.place if shown else ""))
        if item.members:
            st.html(editing.members_html(item))
        decision_form(item)

with done:
    found = st.text_input(
        "Find a reviewed claim", key="search-reviewed", placeholder="the place as the article spells it"
    )
    reviewed = editing.reviewed_items(data, decisions, found)
    if not reviewed:
        st.info("No reviewed claim matches." if found.strip() else "No claim has been reviewed yet.")
    else:
        st.dataframe(
            [entry.row() for entry in reviewed], hide_index=True, use_container_width=True, height=230
        )
        decided = {entry.key: entry for entry in reviewed}
        if state.get("reviewed") not in decided:
            state.pop("reviewed", None)
        chosen = st.selectbox(
            f"Reviewed claim to look at or undo ({len(reviewed)}, latest first)",
            options=list(decided),
            format_func=lambda k: decided[k].label,
            key="reviewed",
        )
        entry = decided[chosen]
        st.html(editing.reviewed_html(data, entry))
        if st.button(
            "Undo: back to the queue",
            key=f"undo-{chosen}",
            icon=":material/undo:",
            disabled=demo,
            help="Records a new decision that supersedes this one; nothing is deleted.",
        ):
            with app_data.readable_errors(stop=False):
                editing.undo_decision(app_data.writable_store(), chosen, by=app_data.editor())
                state.undone = f"Undone: back to the queue — {entry.label}."
                state.pop("reviewed", None)
                st.rerun()
