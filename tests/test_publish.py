"""Publishing the static site: what it writes, that every text is escaped, that writing is atomic."""

import csv
import json
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from geo.core import GeoError
from geo.publish import highlight, publish, safe_link, script_json
from geo.publish import site as publishing
from geo.render import context_lines
from tests import small_town

DATES = ["2016-11-22", "2016-11-28", "2016-12-02", "2016-12-05"]


def run(out: Path, **options):
    return publish(
        out, small_town.timeline(), small_town.town(), small_town.shapes(), small_town.articles(), **options
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("publish") / "site"
    report = run(out, gif=True)
    return out, report


def test_writes_a_page_image_and_data_file_per_change_date(site):
    out, report = site
    assert [d.isoformat() for d in report.dates] == DATES
    for day in DATES:
        assert (out / f"{day}.html").is_file()
        assert (out / "png" / f"{day}.png").read_bytes().startswith(b"\x89PNG")
        assert (out / "data" / f"control-{day}.geojson").is_file()
    for name in ("timeline.html", "index.html", "data/claims.csv", "timeline.gif"):
        assert (out / name).is_file(), name
    assert len(report.snapshot_seconds) == len(DATES) == len(report.png_seconds)
    assert set(report.sizes()) == {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}


def test_snapshot_cites_its_changes_and_links_its_neighbours(site):
    out, _ = site
    page = (out / "2016-11-28.html").read_text(encoding="utf-8")
    # One report about the East Side moved two places: they share one heading and one citation.
    assert "2 places to Opposition" in page and "From Government: Mill Quarter, River Bend." in page
    assert page.count('<blockquote class="geo-quote">') == 1
    assert (
        '<mark class="geo-place">Mill Quarter</mark>' in page and '<mark class="geo-cue">hold</mark>' in page
    )
    assert (
        "Evening Post" in page and "Attributed to rebel spokesmen" in page and "Hedged: “reportedly”" in page
    )
    assert 'href="http://post.example/east?a=1&amp;b=2"' in page
    assert 'href="2016-11-22.html" rel="prev"' in page and 'href="2016-12-02.html" rel="next"' in page
    assert "unreviewed claim" in page and "Not yet reviewed by an editor" in page


def test_an_accepted_claim_says_so_on_the_page_and_in_the_data(tmp_path):
    from geo.timeline import Decision

    first = small_town.claims()[0]
    timeline = small_town.timeline({first.key: Decision(first.key, "accepted")})
    publish(
        tmp_path / "site", timeline, small_town.town(), small_town.shapes(), small_town.articles(), png=False
    )
    page = (tmp_path / "site" / "2016-11-22.html").read_text(encoding="utf-8")
    assert "Accepted by an editor" in page and "Not yet reviewed" not in page
    features = json.loads(
        (tmp_path / "site" / "data" / "control-2016-11-22.geojson").read_text(encoding="utf-8")
    )
    assert {f["id"]: f["properties"]["status"] for f in features["features"]}["north-gate"] == "accepted"


def test_index_lists_every_date_with_its_changes_and_an_embed_snippet(site):
    out, _ = site
    index = (out / "index.html").read_text(encoding="utf-8")
    for day in DATES:
        assert f'href="{day}.html"' in index and f'href="timeline.html#{day}"' in index
    assert "North Gate: Opposition → Government" in index
    assert "&lt;iframe src=&#34;timeline.html&#34;" in index or '&lt;iframe src="timeline.html"' in index


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text of every script."""

    def __init__(self):
        super().__init__()
        self.tags, self.scripts, self._in_script = [], [], False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


@pytest.mark.parametrize("name", ["2016-12-02.html", "timeline.html", "index.html"])
def test_hostile_article_text_never_becomes_markup(site, name):
    out, _ = site
    text = (out / name).read_text(encoding="utf-8")
    parsed = _Tags()
    parsed.feed(text)
    images = [attrs for t, attrs in parsed.tags if t == "img"]
    # The only image is the map's stand-in, the date's PNG (for a browser where the map cannot draw).
    assert all(a.get("class") == "geo-fallback" and a.get("src", "").startswith("png/") for a in images), (
        "an <img> from article text was emitted as a tag"
    )
    handlers = [(t, a) for t, attrs in parsed.tags for a in attrs if a.lower().startswith("on")]
    assert not handlers
    links = [attrs.get("href", "") for _, attrs in parsed.tags]
    assert not [
        h for h in links if h and not h.startswith(("http://", "https://", "#")) and ":" in h.split("/")[0]
    ]
    assert not [s for s in parsed.scripts if "__pwned" in s and "\\u003c" not in s]
    if name != "index.html":
        assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in text  # shown to the reader, as text


def test_open_data_has_every_place_with_its_controller_and_claims(site):
    out, _ = site
    timeline = small_town.timeline()
    data = json.loads((out / "data" / "control-2016-11-28.geojson").read_text(encoding="utf-8"))
    states = timeline.state_on(date(2016, 11, 28))
    assert data["date"] == "2016-11-28"
    assert {f["id"] for f in data["features"]} == {p.id for p in small_town.town().areas}
    for feature in data["features"]:
        state = states[feature["id"]]
        assert feature["properties"]["controller"] == state.controller
        assert feature["properties"]["claim_ids"] == list(state.claim_keys)
        assert feature["geometry"]["type"] == "Polygon"


def test_claims_csv_speaks_acled_where_it_applies(site):
    out, _ = site
    with (out / "data" / "claims.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_place = {r["place_id"]: r for r in rows}
    assert {
        "event_date",
        "sub_event_type",
        "actor1",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "source",
        "notes",
        "sentence",
        "article_url",
        "place_id",
        "review_status",
    } <= set(rows[0])
    assert by_place["north-gate"]["sub_event_type"] == "Government regains territory"
    assert by_place["north-gate"]["actor1"] == "Government" and by_place["north-gate"]["geo_precision"] == "1"
    assert by_place["mill-quarter"]["sub_event_type"] == "Non-state actor overtakes territory"
    assert by_place["mill-quarter"]["geo_precision"] == "3"  # the claim named the East Side as a whole
    assert by_place["hill"]["geo_precision"] == "2"  # approximate shape
    assert by_place["old-market"]["article_url"] == ""  # a javascript: URL is not published
    assert by_place["north-gate"]["article_url"] == "https://news.example/army"
    assert by_place["north-gate"]["review_status"] == "proposed"


def test_timeline_shares_one_geometry_across_dates(site):
    out, _ = site
    text = (out / "timeline.html").read_text(encoding="utf-8")
    context = context_lines(small_town.town(), small_town.shapes())[
        "features"
    ]  # the city's outline and regions
    assert context and text.count('"coordinates"') == len(small_town.BLOCKS) + len(context)
    assert all(f'data-date="{d}"' in text for d in DATES)


def test_the_gif_has_a_frame_per_date(site):
    from PIL import Image

    out, _ = site
    with Image.open(out / "timeline.gif") as gif:
        assert gif.n_frames == len(DATES)


def test_date_range_limits_what_is_published(tmp_path):
    report = run(tmp_path / "site", date_from=date(2016, 11, 25), date_to=date(2016, 12, 2), png=False)
    assert [d.isoformat() for d in report.dates] == DATES[1:3]
    assert not (tmp_path / "site" / "png").exists()
    assert 'rel="prev"' not in (tmp_path / "site" / "2016-11-28.html").read_text(encoding="utf-8")
    with pytest.raises(GeoError, match="nothing to publish"):
        run(tmp_path / "other", date_from=date(2017, 1, 1))


def test_a_failed_publish_leaves_the_old_site_and_no_leftovers(tmp_path, monkeypatch):
    out = tmp_path / "site"
    run(out, png=False)
    before = sorted(p.relative_to(out) for p in out.rglob("*"))

    def broken(self, path):
        raise RuntimeError("disk full")

    monkeypatch.setattr(publishing.StaticMap, "save", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        run(out)
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_a_folder_of_other_files_is_never_replaced(tmp_path):
    out = tmp_path / "documents"
    out.mkdir()
    (out / "thesis.txt").write_text("years of work")
    with pytest.raises(GeoError, match="refusing to replace"):
        run(out, png=False)
    assert (out / "thesis.txt").read_text() == "years of work"


def test_leaflet_can_be_inlined_from_an_installed_package(tmp_path):
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "leaflet.js").write_text("/* leaflet stand-in */ window.L_STANDIN = 1;")
    (dist / "leaflet.css").write_text(".leaflet-standin{}")
    report = run(tmp_path / "site", png=False, inline_leaflet=True, leaflet_dir=dist)
    page = (tmp_path / "site" / "timeline.html").read_text(encoding="utf-8")
    assert report.leaflet == "inline"
    assert "window.L_STANDIN = 1" in page and ".leaflet-standin{}" in page
    assert "cdn.jsdelivr.net/npm/leaflet" not in page
    with pytest.raises(GeoError, match="Leaflet is not installed"):
        run(tmp_path / "other", png=False, inline_leaflet=True, leaflet_dir=tmp_path / "nowhere")


def test_default_pages_carry_leaflet_in_a_file_beside_them(site):
    out, report = site
    assert report.leaflet == "file"
    page = (out / "2016-11-22.html").read_text(encoding="utf-8")
    assert 'src="leaflet/leaflet.js"' in page and "cdn.jsdelivr.net" not in page
    assert (out / "leaflet" / "leaflet.js").read_bytes() == (
        publishing.find_leaflet() / "leaflet.js"
    ).read_bytes()


def test_a_cdn_is_used_only_when_asked(tmp_path):
    report = run(tmp_path / "site", png=False, leaflet="cdn")
    assert report.leaflet == "cdn" and not (tmp_path / "site" / "leaflet").exists()
    assert "https://cdn.jsdelivr.net/npm/leaflet@" in (tmp_path / "site" / "timeline.html").read_text(
        encoding="utf-8"
    )


def test_without_images_the_map_says_it_could_not_draw_rather_than_a_blank_box(tmp_path):
    run(tmp_path / "site", png=False)
    page = (tmp_path / "site" / "2016-11-22.html").read_text(encoding="utf-8")
    assert "geo-fallback-note" in page and "<img" not in page


# -- the pieces ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url,ok",
    [
        ("https://news.example/a?b=1", True),
        ("HTTP://news.example/", True),
        ("javascript:alert(1)", False),
        (" JaVaScRiPt:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ('https://x.example/"onmouseover="alert(1)', False),
        ("//news.example/a", False),
        ("", False),
    ],
)
def test_only_plain_web_addresses_become_links(url, ok):
    assert (safe_link(url) is not None) == ok


def test_json_in_a_script_cannot_close_it():
    text = str(script_json({"a": "</script><!-- <script>alert(1)</script>"}))
    assert "<" not in text
    assert json.loads(text) == {"a": "</script><!-- <script>alert(1)</script>"}


def test_highlight_marks_place_and_cue_and_escapes_the_rest():
    claim = small_town.claims()[2]  # the hostile article
    marked = str(highlight(claim))
    assert '<mark class="geo-place">Old Market</mark>' in marked
    assert '<mark class="geo-cue">captured</mark>' in marked
    assert "<script" not in marked and "&lt;script&gt;" in marked


def test_highlight_leaves_wrong_offsets_unmarked():
    from dataclasses import replace

    claim = replace(
        small_town.claims()[0],
        place_start=999,
        place_end=1005,
        place_as_written="Nowhere",
        cue_start=0,
        cue_end=6,
        cue="Troops",
    )
    marked = str(highlight(claim))
    assert "geo-place" not in marked and '<mark class="geo-cue">Troops</mark>' in marked


# -- the command ---------------------------------------------------------------------------------
def test_command_publishes_the_store(tmp_path, capsys):
    from geo.cli import main
    from geo.store import Store

    folder = small_town.write_folder(tmp_path / "town")
    db = tmp_path / "geo.db"
    store = Store(db)
    claims = small_town.claims()
    small_town.store_articles(store)
    store.close()
    status = main(
        [
            "publish",
            "--out",
            str(tmp_path / "site"),
            "--db",
            str(db),
            "--gazetteer",
            str(folder),
            "--from",
            "2016-11-28",
            "--no-png",
            "--include-unreviewed",
        ]
    )
    assert status == 0
    assert "published 3 dates (2016-11-28 to 2016-12-05)" in capsys.readouterr().out
    assert sorted(p.name for p in (tmp_path / "site").glob("*.html")) == [
        "2016-11-28.html",
        "2016-12-02.html",
        "2016-12-05.html",
        "index.html",
        "timeline.html",
    ]
    assert (
        f"It includes {len(claims)} claims no editor has reviewed"
        in (tmp_path / "site" / "index.html").read_text()
    )


def test_command_leaves_unreviewed_claims_out_by_default_and_says_so(tmp_path, capsys):
    from geo.cli import main
    from geo.store import Store

    folder = small_town.write_folder(tmp_path / "town")
    db = tmp_path / "geo.db"
    store = Store(db)
    claims = small_town.claims()
    small_town.store_articles(store)
    args = [
        "publish",
        "--out",
        str(tmp_path / "site"),
        "--db",
        str(db),
        "--gazetteer",
        str(folder),
        "--no-png",
    ]
    # Nothing reviewed: nothing to publish, and the message says why.
    assert main(args) == 2
    assert f"{len(claims)} unreviewed claims left out" in capsys.readouterr().err
    store.decide(claims[0].key, "accepted", by="ed")
    store.close()
    assert main([*args, "--reviewed-only"]) == 0  # the default, by its name
    assert "published 1 date (2016-11-22 to 2016-11-22)" in capsys.readouterr().out
    page = (tmp_path / "site" / "2016-11-22.html").read_text(encoding="utf-8")
    assert (
        f"Only claims an editor reviewed are on the map ({len(claims) - 1} unreviewed claims left out)."
        in page
    )
    assert "Not yet reviewed" not in page


def test_command_names_a_missing_database(tmp_path, capsys):
    from geo.cli import main

    assert main(["publish", "--out", str(tmp_path / "site"), "--db", str(tmp_path / "none.db")]) == 2
    assert "none.db: no such database" in capsys.readouterr().err
    assert not (tmp_path / "site").exists() and not (tmp_path / "none.db").exists()
