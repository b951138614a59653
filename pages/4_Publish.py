"""Publish: the static site of `python -m geo publish` (a page per date, the embeddable timeline,
images, open data) from a button, and the result to download as one zip file."""

from __future__ import annotations

import streamlit as st

import app_data
from geo.app import editing, guard
from geo.publish import publish
from geo.render import format_day

app_data.start_page("Publish")
app_data.page_header(
    "Publish",
    "A static site that needs no server: a page per date, one embeddable timeline "
    "page, PNG images and open data (GeoJSON per date, claims as CSV).",
)
with app_data.readable_errors():
    gazetteer = app_data.gazetteer()
    every = app_data.coverage()
if not every.dates:
    st.info("Nothing to publish yet: no reported change of control.")
    st.stop()

with st.form("publish"):
    first, last = st.select_slider(
        "Dates",
        options=every.dates,
        value=(every.dates[0], every.dates[-1]),
        format_func=format_day,
        key="span",
    )
    out = st.text_input(
        "Folder to write",
        value="site",
        key="out",
        help=f"A folder inside {guard.publish_root()} (${guard.PUBLISH_ROOT_VARIABLE}); a relative one is "
        "read from there. A new or empty folder, or one an earlier publish wrote (it carries "
        ".geo-site.json, the list of its files): only those files are replaced. Any other folder "
        "is refused.",
    )
    left, middle, right = st.columns(3)
    unreviewed = left.checkbox(
        "Include unreviewed claims",
        key="include-unreviewed",
        help="Off (the default): only claims an editor reviewed move the map, and the "
        "pages say so. On: unreviewed claims show too, dashed.",
    )
    inline = left.checkbox(
        "Leaflet inside every page",
        key="inline",
        help="Otherwise Leaflet is a file beside the pages (leaflet/); either way no CDN is needed.",
    )
    png = middle.checkbox("PNG images", value=True, key="png")
    gif = middle.checkbox("Animated GIF of the images", key="gif")
    if st.form_submit_button("Publish", type="primary"):
        with app_data.readable_errors(stop=False), st.status("Publishing…", expanded=True) as status:
            folder = guard.publish_folder(out)
            data = app_data.coverage(show_proposed=unreviewed)
            report = publish(
                folder,
                data.timeline,
                gazetteer,
                data.base.shapes,
                data.articles,
                date_from=first,
                date_to=last,
                inline_leaflet=inline,
                png=png,
                gif=gif,
                progress=st.write,
            )
            status.update(label=editing.publish_text(report), state="complete")
            st.session_state.published = (
                report.out_dir.name,
                editing.zip_site(report.out_dir),
                editing.publish_text(report),
            )

if "published" in st.session_state:
    name, archive, summary = st.session_state.published
    st.success(summary, icon=":material/check:")
    st.download_button(
        "Download the site (zip)",
        data=archive,
        file_name=f"{name}.zip",
        mime="application/zip",
        type="primary",
        on_click="ignore",
    )
