"""Outside text that would mislead where it is shown: bidi controls in pages, Markdown in file
names, formulas in CSV cells, escapes in a terminal; and files that were refused or accepted for
the wrong reason (a BOM, an unclosed quote, a crossed polygon, an unknown CRS)."""

from __future__ import annotations

import csv
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from geo.app import editing, views
from geo.cli import main
from geo.core import (
    BIDI_CONTROLS,
    REVIEW_LABEL,
    ArticleError,
    GazetteerError,
    spreadsheet_cell,
)
from geo.gazetteer import Gazetteer, add_spelling, from_osm_geojson, read_boundaries
from geo.publish import Source, publish
from geo.read import read_meta_csv
from geo.store import IngestReport
from tests import small_town
from tests.conftest import ALEPPO

RLO = "\u202e"
ESCAPES = ("\x1b]0;owned\x07", "\x1b[2J", "\x9b31m", "\x08\x08")


def copy_gazetteer(tmp_path: Path) -> Path:
    folder = tmp_path / "gazetteer"
    shutil.copytree(ALEPPO, folder, ignore=shutil.ignore_patterns("demo", "*.py", "*.md"))
    return folder


# -- bidi controls -------------------------------------------------------------------------------
def test_an_unclosed_override_in_an_outlet_does_not_reach_the_app_citation_line():
    line = views.html_block(
        views.source_html(Source(f"Title{RLO}", f"Agency {RLO}", None, None), review="proposed")
    )
    assert not BIDI_CONTROLS & set(line)
    assert "Agency" in line and REVIEW_LABEL["proposed"] in line


def test_published_pages_carry_no_bidi_controls(tmp_path):
    articles = [replace(a, source=f"{a.source}{RLO}", title=f"{RLO}{a.title}") for a in small_town.articles()]
    publish(tmp_path / "site", small_town.timeline(), small_town.town(), small_town.shapes(), articles)
    pages = list((tmp_path / "site").rglob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not BIDI_CONTROLS & set(text), page.name
    assert any(REVIEW_LABEL["proposed"] in p.read_text(encoding="utf-8") for p in pages)


# -- Markdown in the app's messages --------------------------------------------------------------
def test_a_file_name_in_markdown_is_shown_as_written():
    name = "![x](https://tracker.example/p.png) **bold** [link](javascript:alert(1)).txt"
    report = IngestReport(added=[], duplicates=[name], failed=[(name, "not an article file <b>")])
    md = MarkdownIt()
    for _, message in editing.ingest_messages(report):
        rendered = md.render(message)
        assert (
            "<img" not in rendered
            and "<strong>" not in rendered
            and "<a " not in rendered
            and "<b>" not in rendered
        )
        assert "tracker.example/p.png" in rendered


# -- formulas in CSV cells -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "cell",
    ["=1+1", " =1+1", '\u00a0=HYPERLINK("x")', "+cmd", "-cmd", "@SUM(A1)", "\tx", "\rx", "  \u00a0 @x"],
)
def test_cells_a_spreadsheet_would_run_are_neutralised(cell):
    assert spreadsheet_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Old Market", "-3.5", "36.2", "+1e3", "", "a=b"])
def test_other_cells_are_left_as_they_are(cell):
    assert spreadsheet_cell(cell) == cell


def test_claims_csv_neutralises_a_formula_after_spaces(tmp_path):
    articles = small_town.articles()
    articles[0] = replace(articles[0], source=' =HYPERLINK("http://x.example")')
    publish(tmp_path / "site", small_town.timeline(), small_town.town(), small_town.shapes(), articles)
    with (tmp_path / "site" / "data" / "claims.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    sources = {r["source"] for r in rows}
    assert '\' =HYPERLINK("http://x.example")' in sources
    assert not any(v.lstrip()[:1] in "=+@" for r in rows for v in r.values() if v)


def test_places_csv_from_osm_neutralises_formula_names(tmp_path):
    geojson = tmp_path / "osm.geojson"
    geojson.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"place": "neighbourhood", "name": '\u00a0=HYPERLINK("x")'},
                        "geometry": {"type": "Point", "coordinates": [37.15, 36.2]},
                    },
                    {
                        "type": "Feature",
                        "properties": {"place": "neighbourhood", "name": "Quiet Lane"},
                        "geometry": {"type": "Point", "coordinates": [37.16, 36.21]},
                    },
                ],
            }
        ),
        encoding="utf-8",
    )
    result = from_osm_geojson(geojson, tmp_path / "town", city_name="Town", country_code="SY")
    with (result.folder / "places.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    cells = [v for r in rows for k, v in r.items() if k not in ("lat", "lon")]
    assert not any(v.lstrip()[:1] in "=+-@" for v in cells if v)
    assert any(r["name"].startswith("'") and "HYPERLINK" in r["name"] for r in rows)
    assert all(float(r["lat"]) > 0 for r in rows)  # numbers untouched


def test_a_spelling_that_starts_a_formula_is_refused(tmp_path):
    folder = copy_gazetteer(tmp_path)
    for spelling in ("=cmd' /C calc'!A0", "\u00a0@SUM(1)", "+Hanano"):
        with pytest.raises(GazetteerError, match="spreadsheet"):
            add_spelling(folder, "masaken-hanano", spelling)


# -- the terminal --------------------------------------------------------------------------------
def test_extract_and_review_list_print_no_terminal_escapes(tmp_path, capsys):
    article = tmp_path / f"a{ESCAPES[0]}.txt"
    article.write_text(
        f"Army takes Hanano {ESCAPES[1]}\n\nGovernment troops captured Masaken Hanano{ESCAPES[2]} "
        f"on Saturday{ESCAPES[3]}, state media said.\n",
        encoding="utf-8",
    )
    assert main(["extract", str(article)]) == 0
    out = capsys.readouterr().out
    assert "Masaken Hanano" in out
    db = str(tmp_path / "t.db")
    assert main(["ingest", str(article), "--db", db]) == 0
    main(["review", "--list", "--db", db])
    listed = capsys.readouterr().out
    assert "Masaken Hanano" in listed
    for text in (out, listed):
        assert not any(ch in text for ch in "\x1b\x07\x9b\x08"), repr(text[:300])


def test_ingest_reports_failures_on_stderr(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    assert main(["ingest", str(tmp_path / "empty.txt"), "--db", str(tmp_path / "s.db")]) == 2
    captured = capsys.readouterr()
    assert "failed:" not in captured.out and "failed: " in captured.err and "empty file" in captured.err


# -- files refused or accepted for the wrong reason ------------------------------------------------
def test_csv_files_saved_with_a_bom_are_read(tmp_path):
    folder = copy_gazetteer(tmp_path)
    for name in ("places.csv", "regions.csv", "baseline.csv"):
        path = folder / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    gazetteer = Gazetteer.load(folder)
    assert "masaken-hanano" in gazetteer.places
    add_spelling(folder, "masaken-hanano", "Masakin Hananu Quarter")
    assert (folder / "places.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # kept as Excel saved it
    assert "Masakin Hananu Quarter" in Gazetteer.load(folder).places["masaken-hanano"].variants
    meta = tmp_path / "meta.csv"
    meta.write_bytes(b"\xef\xbb\xbffile,title,source,published\na.txt,A,Wire,2016-12-01\n")
    assert read_meta_csv(meta)["a.txt"]["title"] == "A"


def test_a_metadata_row_with_an_unclosed_quote_is_refused_naming_it(tmp_path):
    meta = tmp_path / "meta.csv"
    meta.write_text(
        "file,title,source,published\na.txt,Fine,Wire,2016-12-01\n"
        'b.txt,"Unclosed title,Wire,2016-12-01\nc.txt,Other,Wire,2016-12-02\n',
        encoding="utf-8",
    )
    with pytest.raises(ArticleError) as refused:
        read_meta_csv(meta)
    assert refused.value.file == str(meta) and refused.value.row == 3 and "quote" in refused.value.problem


def test_a_crossed_polygon_and_a_point_are_reported(tmp_path, gazetteer, capsys):
    boundaries = tmp_path / "b.geojson"
    boundaries.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": "al-Sakhour"},
                        "geometry": {
                            "type": "Polygon",
                            "coordinates": [
                                [
                                    [37.18, 36.21],
                                    [37.20, 36.23],
                                    [37.20, 36.21],
                                    [37.18, 36.23],
                                    [37.18, 36.21],
                                ]
                            ],
                        },
                    },
                    {
                        "type": "Feature",
                        "properties": {"name": "Jabal Badro"},
                        "geometry": {"type": "Point", "coordinates": [37.19, 36.22]},
                    },
                ],
            }
        ),
        encoding="utf-8",
    )
    found = read_boundaries(boundaries, gazetteer)
    assert [(f.index, f.name) for f in found.invalid] == [(0, "al-Sakhour")]
    assert "Self-intersection" in found.invalid[0].reason
    assert [(f.index, "not a polygon" in f.reason) for f in found.unmatched] == [(1, True)]
    assert main(["shapes", "--boundaries", str(boundaries)]) == 0
    out = capsys.readouterr().out
    assert (
        "invalid feature 0 'al-Sakhour': Self-intersection" in out
        and "unmatched feature 1 'Jabal Badro'" in out
    )


def test_an_unknown_crs_is_one_line(tmp_path, capsys):
    folder = copy_gazetteer(tmp_path)
    meta = json.loads((folder / "gazetteer.json").read_text(encoding="utf-8"))
    for crs, problem in (
        ("EPSG:999999", "not a coordinate reference system"),
        ("EPSG:4326", "not projected"),
    ):
        (folder / "gazetteer.json").write_text(json.dumps({**meta, "crs": crs}), encoding="utf-8")
        with pytest.raises(GazetteerError, match=problem):
            Gazetteer.load(folder)
        assert main(["lookup", "Hanano", "--gazetteer", str(folder)]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and crs in err[0] and problem in err[0]
