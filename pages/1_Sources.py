"""Sources: add news articles (upload, paste, or a folder on the server) and read each one with
the places and control claims found in it marked."""

from __future__ import annotations

from datetime import date

import streamlit as st

import app_data
from geo.app import IngestProgress, editing, guard
from geo.store import ingest

app_data.start_page("Sources")
app_data.page_header(
    "Sources",
    "Add news articles. Each is read for the places it names and the claims that a "
    "side took, lost or holds one; claims then wait for review.",
)
gazetteer, store, data = app_data.editing()


def metadata(form: str) -> dict:
    """The fields every way of adding asks for; validated when the form is sent."""
    left, right = st.columns(2)
    title = left.text_input("Title", key=f"{form}-title")
    outlet = right.text_input("Outlet", key=f"{form}-outlet", placeholder="e.g. the agency or paper")
    published: date | None = left.date_input(
        "Published",
        value=None,
        key=f"{form}-published",
        format="YYYY-MM-DD",
        help="Relative dates in the text (“on Tuesday”) are read against it.",
    )
    link = right.text_input("Link", key=f"{form}-link", placeholder="https://…")
    return {"title": title, "outlet": outlet, "published": published, "link": link}


def add_articles(read) -> None:
    """Read the articles ``read()`` gives, store them with their claims, and say what happened."""
    with app_data.readable_errors(stop=False):
        items = list(read())
        bar = st.progress(0.0)  # a batch at a time: long pages go in small batches, the bar moves
        report = ingest(
            app_data.writable_store(),
            items,
            gazetteer,
            progress=IngestProgress(len(items), lambda f, t: bar.progress(f, text=t)),
        )
        for level, message in editing.ingest_messages(report):
            getattr(st, level)(message)
        if report.added:
            st.caption(f"Saved in {app_data.stores().user}.")


add, read = st.tabs(["Add articles", f"Articles ({len(data.articles)})"])
with add:
    upload, paste, folder = st.tabs(["Upload files", "Paste text", "Folder on the server"])
    with upload, st.form("upload"):
        files = st.file_uploader(
            "Article files",
            type=["txt", "md", "markdown", "html", "htm"],
            accept_multiple_files=True,
            help="Plain text, Markdown (front matter: title, source, url, published) or a saved web page.",
        )
        fields = metadata("upload")
        st.caption("With several files, the outlet and date apply to all; each keeps its own title and link.")
        if st.form_submit_button("Add", type="primary"):
            add_articles(
                lambda: editing.uploaded_articles(
                    [(f.name, f.getvalue()) for f in files or []], editing.given_metadata(**fields)
                )
            )
    with paste, st.form("paste"):
        text = st.text_area("Article text", height=220, key="paste-text")
        fields = metadata("paste")
        if st.form_submit_button("Add", type="primary"):
            add_articles(lambda: [editing.pasted_article(text, editing.given_metadata(**fields))])
    with folder, st.form("folder"):
        root = guard.articles_root()
        path = st.text_input(
            f"Folder inside {root}",
            key="folder-path",
            placeholder="a folder name, e.g. 2016-12",
            help="Every .txt, .md and .html file in it and below it. Only this folder of the "
            "server is read ($GEO_ARTICLES_ROOT); symbolic links are refused.",
        )
        published = st.date_input(
            "Published (for files that do not say)", value=None, key="folder-published", format="YYYY-MM-DD"
        )
        if st.form_submit_button("Add", type="primary"):
            add_articles(lambda: editing.folder_articles(path, published))

with read:
    if not data.articles:
        st.info("No articles yet.")
    else:
        articles = editing.articles_newest_first(data)
        chosen = st.selectbox(
            "Article",
            options=[a.id for a in articles],
            format_func=editing.article_label(data),
            key="article",
        )
        st.html(editing.article_page(data, chosen))
        st.caption(
            "Yellow: a place the gazetteer knows. Red: a place name it does not know. Blue: the words that "
            "say who took or holds it. Underlined: a sentence that makes a claim (hover for what was read)."
        )
        st.dataframe(editing.claim_rows(data, chosen), hide_index=True, use_container_width=True)
