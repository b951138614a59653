"""What the app's pages show, tested as plain functions over the invented dispatches' store."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest

from geo.app import editing, views
from geo.core import ArticleError, Claim, StoreError
from geo.store import Store
from tests.app_dispatches import DAYS, PAYLOAD, SAEED, SHAAR, build_store


@pytest.fixture(scope="module")
def base(gazetteer):
    return views.map_base(gazetteer)


@pytest.fixture
def store(tmp_path):
    store = Store(build_store(tmp_path / "geo.db"))
    yield store
    store.close()


@pytest.fixture
def data(store, gazetteer, base):
    return views.coverage(store, gazetteer, base)


class Nesting(HTMLParser):
    """Fails on a closing tag that does not close the last one opened."""

    def __init__(self):
        super().__init__()
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open.pop() == tag, f"</{tag}> closes nothing open"


def well_formed(html: str) -> bool:
    checker = Nesting()
    checker.feed(html)
    return not checker.open


@pytest.mark.parametrize(
    "wanted,shown,note",
    [
        (None, DAYS[0], ""),
        (DAYS[1].isoformat(), DAYS[1], ""),
        ("2016-12-10", date(2016, 12, 10), ""),  # between two reports: that day, as it stood
        ("2016-11-01", DAYS[0], "1 November 2016 is before the first report (27 November 2016)"),
        ("2016-13-45", DAYS[0], "is not a date"),
        ("2017-01-01", DAYS[2], "1 January 2017 is after the last report (12 December 2016)"),
    ],
)
def test_a_date_from_the_address_picks_a_day_of_the_axis(wanted, shown, note):
    day, said = views.pick_day(list(DAYS), wanted)
    assert day == shown and note in said and bool(said) == bool(note)


def test_the_axis_has_a_day_for_every_day_and_each_day_stands_on_a_report():
    days = views.axis_days(DAYS)
    assert len(days) == (DAYS[-1] - DAYS[0]).days + 1 and days[0] == DAYS[0] and days[-1] == DAYS[-1]
    assert all((b - a).days == 1 for a, b in zip(days, days[1:]))
    assert views.as_of(DAYS, date(2016, 12, 10)) == DAYS[1] and views.as_of(DAYS, DAYS[2]) == DAYS[2]


def test_stepping_goes_report_to_report_and_stops_at_either_end():
    assert views.step_date(DAYS, DAYS[0], -1) == DAYS[0]
    assert views.step_date(DAYS, DAYS[0], 1) == DAYS[1]
    assert views.step_date(DAYS, DAYS[2], 5) == DAYS[2]
    between = date(2016, 12, 10)
    assert (views.step_date(DAYS, between, -1), views.step_date(DAYS, between, 1)) == (DAYS[1], DAYS[2])


def test_playing_moves_a_day_at_a_time():
    days = views.axis_days(DAYS)
    assert views.play_step(days, DAYS[0], 1.0, 1.0) == (date(2016, 11, 28), True, True)
    assert views.play_step(days, DAYS[0], 0.1, 1.0) == (DAYS[0], True, False)
    assert views.play_step(days, DAYS[-1], 1.0, 1.0) == (DAYS[-1], False, False)


def test_a_day_between_reports_shows_the_report_before_it_as_of_that_day(data):
    view = views.date_view(data, date(2016, 12, 10))
    assert view.day == DAYS[1] and view.as_of == date(2016, 12, 10)
    assert [c.place for c in view.changes] == [c.place for c in views.date_view(data, DAYS[1]).changes]
    assert view.summary.startswith(
        "As of 10 December 2016, no report that day: positions as of 7 December 2016 (change 2 of 3)"
    )
    assert 'class="geo-cursor" style="left:' + f"{view.axis.percent(date(2016, 12, 10))}%" in views.axis_html(
        view
    )


def test_a_date_view_has_the_changes_percent_checks_and_shares(data):
    view = views.date_view(data, DAYS[2])
    assert [c.place for c in view.changes] == ["Sheikh Saeed"]
    assert view.changed_ids == {"sheikh-saeed"}
    assert [(p.area, p.claimed) for p in view.percent] == [("eastern Aleppo", 90.0)]
    city = view.shares[0]
    assert city.region_id == "aleppo" and abs(sum(f for _, f in city.shares) - 1) < 1e-9
    assert view.summary.startswith(f"As of 12 December 2016, change 3 of 3. By area, Aleppo: {city.text}")


def test_a_place_history_starts_at_the_baseline_and_cites_each_change(data):
    steps = views.place_history(data, "al-shaar")
    assert [(s.state.controller, s.state.since) for s in steps] == [
        ("opposition", date(2016, 11, 15)),
        ("government", DAYS[1]),
    ]
    # The first step cites the baseline file's own basis for the place.
    assert steps[0].change is None and steps[0].basis == data.timeline.baseline.entry("al-shaar").source
    assert "before the 15 Nov 2016 offensive" in steps[0].basis
    assert [c.key for c in steps[1].change.citations] == list(steps[1].state.claim_keys)
    html = views.history_html("al-Sha'ar", steps)
    assert well_formed(html) and "Army units" in html


def test_a_map_click_names_a_place_by_its_feature_or_its_point(base):
    assert (
        views.clicked_place(base, {"last_active_drawing": {"properties": {"id": "al-shaar"}}}) == "al-shaar"
    )
    point = base.shapes.loc[base.shapes["id"] == "qarlaq"].geometry.iloc[0].representative_point()
    assert views.clicked_place(base, {"last_object_clicked": {"lat": point.y, "lng": point.x}}) == "qarlaq"
    assert views.clicked_place(base, {"last_object_clicked": {"lat": 0.0, "lng": 0.0}}) is None
    assert views.clicked_place(base, {"last_active_drawing": {"properties": {"id": "<script>"}}}) is None
    assert views.clicked_place(base, None) is None


def test_citations_are_escaped_and_only_http_links_are_links(data):
    html = views.changes_block(views.date_view(data, DAYS[2]))
    assert PAYLOAD not in html and "&lt;img src=x" in html
    assert "javascript:" not in html and "<a " not in html
    html = views.changes_block(views.date_view(data, DAYS[1]))
    assert '<a href="http://evening.example/shaar?a=1&amp;b=2" rel="noopener noreferrer nofollow"' in html
    assert well_formed(html)


def test_an_article_is_marked_without_breaking_its_markup(data):
    html = editing.article_page(data, SAEED.id)
    assert well_formed(html)
    assert PAYLOAD not in html and "&lt;img src=x" in html
    assert '<mark class="geo-unresolved" title="not in the gazetteer">Zebdine Farms</mark>' in html
    assert '<mark class="geo-place" title="Sheikh Saeed">Sheikh Saeed</mark>' in html
    assert html.count('class="geo-claim"') == 3  # three sentences claim something
    shaar = editing.article_page(data, SHAAR.id)
    assert shaar.count('class="geo-claim"') == 2 and well_formed(shaar)  # two claims, one sentence


def test_marks_that_cross_a_sentence_edge_are_dropped(gazetteer):
    from geo.read import Article
    from tests.small_town import _claim

    article = Article("Troops took Qarlaq. Bab al-Hadid fell too.")
    claim = _claim(article, "Troops took Qarlaq.", "Qarlaq", "qarlaq", "government", DAYS[0], "took")
    crossing = replace(claim, cue="Qarlaq. Bab", cue_start=12, cue_end=23)
    html = editing.article_html(article, [crossing], gazetteer)
    assert well_formed(html) and "Qarlaq. Bab</mark>" not in html
    assert '<mark class="geo-place" title="Qarlaq">Qarlaq</mark>' in html  # the place is still marked


def test_review_lists_unreviewed_claims_and_a_correction_records_only_what_changed(store, data, gazetteer):
    items = editing.review_items(data)
    assert len(items) == len(data.timeline.claims)
    unresolved = editing.review_items(data, "unresolved")
    assert [i.place for i in unresolved] == ["Zebdine Farms"] and "place not resolved" in unresolved[
        0
    ].unplaced
    claim = next(i.claim for i in items if i.claim.place_id == "al-shaar")
    with pytest.raises(StoreError, match="needs another place"):
        editing.record_decision(
            store, gazetteer, claim, "corrected", place_id="al-shaar", controller="government", day=DAYS[1]
        )
    decision = editing.record_decision(
        store,
        gazetteer,
        claim,
        "corrected",
        place_id="al-shaar",
        controller="opposition",
        day=DAYS[1],
        note="re-read",
        by="Ana",
    )
    assert (decision.place_id, decision.controller, decision.date_from) == (None, "opposition", None)


def test_metadata_typed_in_the_app_is_checked(tmp_path):
    with pytest.raises(ArticleError, match="not an http"):
        editing.given_metadata(link="javascript:alert(1)")
    meta = editing.given_metadata(" Title ", " Wire ", date(2016, 12, 1), "https://wire.example/x")
    article = editing.pasted_article("First line\r\nSecond line", meta)
    assert (article.title, article.source, article.text) == ("Title", "Wire", "First line\nSecond line")
    with pytest.raises(ArticleError, match="empty"):
        editing.pasted_article("  \n ", meta)


def test_uploads_are_read_like_files_and_bad_ones_are_reported(tmp_path):
    meta = editing.given_metadata("Typed title", "Wire", None, "https://wire.example/y")
    page = b"<html><head><title>Page title</title></head><body><p>Troops entered Qarlaq on Monday.</p></body></html>"
    one = editing.uploaded_articles([("report.html", page)], meta)
    assert (
        one[0].title == "Typed title" and one[0].url == "https://wire.example/y" and "Qarlaq" in one[0].text
    )
    two = editing.uploaded_articles(
        [("../a.md", b"Troops entered Qarlaq."), ("b.pdf", b"%PDF"), ("c.txt", b"")], meta
    )
    assert two[0].path == "a.md" and two[0].title != "Typed title" and two[0].source == "Wire"
    assert isinstance(two[1], ArticleError) and "not an article file" in two[1].message
    assert isinstance(two[2], ArticleError) and two[2].file == "c.txt"
    with pytest.raises(ArticleError, match="no such folder"):
        editing.folder_articles(str(tmp_path / "missing"), root=tmp_path)


def test_unresolved_names_come_with_suggestions_and_search_finds_any_spelling(data, gazetteer):
    names = editing.unresolved_names(data)
    assert [(n.written, n.claims) for n in names] == [("Zebdine Farms", 1)]
    near = SimpleNamespace(
        timeline=SimpleNamespace(
            claims={
                "k": Claim(
                    article="a",
                    sentence="",
                    start=0,
                    end=0,
                    place_as_written="Sheikh Farez",
                    place_id=None,
                    place="",
                    controller="government",
                    claim_type="captured",
                )
            }
        ),
        gazetteer=gazetteer,
    )  # a misspelling close to a place, unlike "Zebdine Farms"
    (misspelt,) = editing.unresolved_names(near)
    assert misspelt.suggestions[0].place.id == "sheikh-fares"
    assert all(c.place.is_area or c.place.is_region for c in misspelt.suggestions)
    found = editing.search_places(gazetteer, "Shaar")
    assert found[0].place.id == "al-shaar"
    assert {m.place.id for m in editing.search_places(gazetteer, "hadid")} >= {"bab-al-hadid"}
    assert editing.search_places(gazetteer, "  ") == []


def test_the_published_site_zips_with_paths_relative_to_it(tmp_path):
    (tmp_path / "site" / "data").mkdir(parents=True)
    (tmp_path / "site" / "index.html").write_text("<p>hi</p>", encoding="utf-8")
    (tmp_path / "site" / "data" / "claims.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / "site" / "private.txt").write_text("not the site's", encoding="utf-8")
    (tmp_path / "site" / ".geo-site.json").write_text(
        '{"written_by": "geo publish", "files": ["data/claims.csv", "index.html"]}', encoding="utf-8"
    )
    archive = zipfile.ZipFile(io.BytesIO(editing.zip_site(tmp_path / "site")))
    assert sorted(archive.namelist()) == [
        ".geo-site.json",
        "data/claims.csv",
        "index.html",
    ]  # not private.txt


def test_the_store_revision_moves_with_every_write(store, data):
    before = store.revision()
    claim = next(iter(data.timeline.claims.values()))
    store.decide(claim.key, "accepted")
    after = store.revision()
    assert after != before and store.revision() == after


def test_playing_steps_when_due_and_stops_on_the_last_date():
    dates = list(DAYS)
    assert views.play_step(dates, DAYS[0], elapsed=0.5, interval=2.0) == (DAYS[0], True, False)  # not yet due
    assert views.play_step(dates, DAYS[0], elapsed=1.6, interval=2.0) == (
        DAYS[1],
        True,
        True,
    )  # a rerun a little early
    assert views.play_step(dates, DAYS[-1], elapsed=2.0, interval=2.0) == (DAYS[-1], False, False)


# -- review on deadline --------------------------------------------------------------------------
def test_two_claims_never_share_a_label(data, gazetteer):
    hanano = next(c for c in data.timeline.claims.values() if c.place_id == "masaken-hanano")
    # The same report twice in one article (another sentence) and once in another article.
    twin = replace(hanano, start=hanano.start + 1)
    elsewhere = replace(hanano, article=SHAAR.id)
    labels = [editing.claim_label("Masaken Hanano", c) for c in (hanano, twin, elsewhere)]
    assert len(set(labels)) == 1
    distinct = editing.distinct_labels(
        labels, [editing.label_details(data, c) for c in (hanano, twin, elsewhere)]
    )
    assert len(set(distinct)) == 3 and all(d.startswith(labels[0]) for d in distinct)
    assert "“Two districts fall”" in distinct[2]
    assert editing.distinct_labels(["a", "a", "b"], [[], [], []]) == ["a (1)", "a (2)", "b"]
    assert editing.distinct_labels(["a", "b"], [["x"], ["y"]]) == ["a", "b"]  # nothing added when all differ


def test_the_paragraph_around_a_sentence_is_shown_with_the_sentence_marked():
    from geo.read import Article
    from tests.small_town import _claim

    text = (
        "Shelling went on overnight.\n\nTroops took Qarlaq on Monday. Residents fled north.\n\n"
        "Troops entered Sheikh Saeed.\n\nAid was held up."
    )
    article = Article(text)
    inside = _claim(
        article, "Troops took Qarlaq on Monday.", "Qarlaq", "qarlaq", "government", DAYS[0], "took"
    )
    marked = str(editing.paragraph_html(article, inside))
    assert marked.startswith('<span class="geo-claim">') and "Residents fled north." in marked
    assert "Shelling" not in marked  # the paragraph holds more than the sentence: it is enough
    alone = _claim(
        article,
        "Troops entered Sheikh Saeed.",
        "Sheikh Saeed",
        "sheikh-saeed",
        "government",
        DAYS[0],
        "entered",
    )
    around = str(editing.paragraph_html(article, alone))
    assert "Residents fled north." in around and "Aid was held up." in around and 'class="geo-near"' in around
    moved = replace(
        alone, start=alone.start + 3
    )  # offsets that do not point at the sentence: the sentence alone
    assert "Aid" not in str(editing.paragraph_html(article, moved))


def test_the_queue_is_searched_by_the_articles_spelling_or_any_spelling_of_the_place(data):
    assert [i.place for i in editing.review_items(data, query="al-Shaar")] == ["al-Sha'ar"]
    assert [i.place for i in editing.review_items(data, query="Sheik Saeed")] == ["Sheikh Saeed"]  # a variant
    assert [i.place for i in editing.review_items(data, query="zebdine")] == ["Zebdine Farms"]
    assert editing.review_items(data, query="Atlantis") == []
    assert len(editing.review_items(data, query="  ")) == len(data.timeline.claims)


def test_a_share_of_a_region_lists_its_members_and_only_it_can_be_applied(store, data, gazetteer):
    items = editing.review_items(data)
    share = next(i for i in items if i.claim.place_id == "eastern-aleppo")
    assert share.member_count == len(gazetteer.members("eastern-aleppo"))
    listed = {n for _, names in share.members for n in names}
    assert listed == {gazetteer.places[p].name for p in gazetteer.members("eastern-aleppo")}
    assert "apply it to its" in str(editing.members_html(share))
    single = next(i for i in items if i.claim.place_id == "al-shaar")
    assert single.members == () and editing.members_html(single) == ""
    with pytest.raises(StoreError, match="only a claim about a share of a region"):
        editing.record_decision(store, gazetteer, single.claim, "applied")
    assert editing.record_decision(store, gazetteer, share.claim, "applied", by="Ana").decision == "applied"


def test_reviewed_claims_are_listed_newest_first_and_undone_by_a_new_decision(store, gazetteer, base):
    data = views.coverage(store, gazetteer, base)
    first, second = editing.review_items(data)[:2]
    store.decide(first.key, "accepted", by="Ana", note="checked")
    store.decide(second.key, "rejected", by="Ben")
    data = views.coverage(store, gazetteer, base)
    listed = editing.reviewed_items(data, store.decisions())
    assert [i.key for i in listed] == [second.key, first.key]
    assert listed[1].summary.startswith("Accepted by Ana, ") and listed[1].summary.endswith(": checked")
    assert listed[0].label.startswith("Rejected: ")
    editing.undo_decision(store, second.key, by="Ana")
    data = views.coverage(store, gazetteer, base)
    assert [i.key for i in editing.reviewed_items(data, store.decisions())] == [first.key]
    assert second.key in {i.key for i in editing.review_items(data)}
    assert [d.decision for d in store.decision_log() if d.claim_key == second.key] == ["rejected", "reopened"]


def test_the_small_map_fills_the_claims_places_and_rings_them(data):
    svg = str(editing.locator_svg(data.base.display, {"al-shaar"}))
    assert svg.startswith('<svg class="geo-locator"') and svg.count("<path") == len(data.base.display.ids)
    assert svg.count(f'fill="{editing.LOCATOR_FILL}"') == 1 and "<circle" in svg
    assert "<circle" not in str(editing.locator_svg(data.base.display, set()))
    assert "not resolved" in str(editing.locator_html(data, []))
    assert 'src="data:image/svg+xml;base64,' in str(editing.locator_html(data, {"al-shaar"}, "al-Sha'ar"))


def test_with_unreviewed_claims_hidden_the_page_says_none_is_reviewed_yet(store, gazetteer, base):
    hidden = views.coverage(store, gazetteer, base, show_proposed=False)
    assert hidden.dates == []
    n = len(store.claims())
    assert views.no_change_text(hidden).startswith(f"No reviewed change yet ({n} unreviewed claims)")
    assert "no reported change" not in views.no_change_text(hidden).casefold()
    assert set(views.baseline_states(hidden)) == {p.id for p in gazetteer.areas}
    shown = views.coverage(store, gazetteer, base)
    assert views.hidden_text(shown) == "" and views.hidden_text(hidden).startswith("Only reviewed claims")


def test_the_map_base_keeps_the_boundary_files_warnings_and_still_says_them(tmp_path, gazetteer, base):
    """The shapes are cached, so a warning given once while reading them would be lost to the page."""
    from pathlib import Path

    from geo.core import GeoWarning
    from geo.gazetteer import Gazetteer

    folder = tmp_path / "city"
    folder.mkdir()
    for name in ("gazetteer.json", "places.csv", "regions.csv"):
        (folder / name).write_bytes((gazetteer.folder / name).read_bytes())
    (folder / "boundaries.geojson").write_bytes(
        (Path(__file__).parent / "fixtures" / "boundaries" / "mixed.geojson").read_bytes()
    )
    with pytest.warns(GeoWarning) as console:
        broken = views.map_base(Gazetteer.load(folder))
    assert len(broken.boundary_warnings) == 2 and {str(w.message) for w in console} == set(
        broken.boundary_warnings
    )
    assert all(m.startswith(str(folder / "boundaries.geojson")) for m in broken.boundary_warnings)
    assert "feature 5 (Hanano)" in editing.boundary_warnings(broken)[1].replace("\\", "")
    assert base.boundary_warnings == ()  # the shipped file reads clean
