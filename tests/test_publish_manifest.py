"""Issue 14, item 2: publishing replaces only what an earlier publish wrote.

A folder that merely holds an ``index.html`` and a ``timeline.html`` used to be removed whole.
Now a site carries ``.geo-site.json`` listing its files; only a folder with one is replaced, only
the files it lists are removed, and anything else is refused with one line (exit 2 from the CLI,
an error box on the app's Publish page).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.core import GeoError
from geo.publish import publish, site_files
from geo.publish.site import MANIFEST
from tests import small_town
from tests.conftest import ALEPPO

ROOT = Path(__file__).resolve().parent.parent


def run(out: Path, **options):
    return publish(
        out,
        small_town.timeline(),
        small_town.town(),
        small_town.shapes(),
        small_town.articles(),
        png=False,
        **options,
    )


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def lookalike(folder: Path) -> dict[str, bytes]:
    """A folder someone made by hand: an index page, a timeline page, and their other work."""
    folder.mkdir()
    (folder / "index.html").write_text("<h1>my own index</h1>")
    (folder / "timeline.html").write_text("<p>my own timeline</p>")
    (folder / "notes").mkdir()
    (folder / "notes" / "draft.txt").write_text("months of notes")
    return tree(folder)


def test_a_site_lists_every_file_it_wrote_in_its_manifest(tmp_path):
    report = run(tmp_path / "site")
    manifest = json.loads((tmp_path / "site" / MANIFEST).read_text())
    on_disk = {
        p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*") if p.is_file()
    }
    assert set(manifest["files"]) == on_disk - {MANIFEST}
    assert "index.html" in manifest["files"] and "data/claims.csv" in manifest["files"]
    assert set(report.sizes()) == on_disk


def test_a_folder_without_a_manifest_is_refused_even_if_it_looks_like_a_site(tmp_path):
    out = tmp_path / "pages"
    before = lookalike(out)
    with pytest.raises(GeoError, match=f"has no {MANIFEST}.*refusing to replace it"):
        run(out)
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pages"]  # no half-built site left beside it


def test_republishing_replaces_only_the_files_the_manifest_lists(tmp_path):
    out = tmp_path / "site"
    run(out)
    (out / "CNAME").write_text("maps.example.org")
    (out / "data" / "mine.csv").write_text("a,b")
    stale = out / "2016-11-22.html"
    run(out, date_from=small_town.timeline().dates[1])
    assert (out / "CNAME").read_text() == "maps.example.org"
    assert (out / "data" / "mine.csv").read_text() == "a,b"
    assert not stale.exists()  # listed by the last publish, not written by this one
    listed = json.loads((out / MANIFEST).read_text())["files"]
    assert all((out / name).is_file() for name in listed)
    assert set(site_files(out)) == {*listed, MANIFEST} and "CNAME" not in site_files(out)


def test_a_whole_site_is_swapped_at_once_and_nothing_is_left_beside_it(tmp_path):
    out = tmp_path / "site"
    run(out)
    run(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert set(tree(out)) == set(site_files(out))


def test_a_manifest_listing_paths_outside_the_site_is_refused(tmp_path):
    out = tmp_path / "site"
    run(out)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    body = json.loads((out / MANIFEST).read_text())
    body["files"].append("../victim.txt")
    (out / MANIFEST).write_text(json.dumps(body))
    with pytest.raises(GeoError, match="not a file inside the site"):
        run(out)
    assert victim.read_text() == "keep me"


def test_a_new_file_that_would_overwrite_something_unlisted_is_refused(tmp_path):
    out = tmp_path / "site"
    run(out, date_from=small_town.timeline().dates[1])
    mine = out / "2016-11-22.html"  # not written by that publish, but the next one would write it
    mine.write_text("my page")
    with pytest.raises(GeoError, match="2016-11-22.html.*would overwrite"):
        run(out)
    assert mine.read_text() == "my page" and (out / "index.html").is_file()


def test_the_command_refuses_in_one_line_with_exit_2(tmp_path, capsys):
    from geo.cli import main
    from geo.store import Store

    db = tmp_path / "geo.db"
    store = Store(db)
    small_town.store_articles(store)
    store.close()
    folder = small_town.write_folder(tmp_path / "town")
    out = tmp_path / "pages"
    before = lookalike(out)
    assert (
        main(
            [
                "publish",
                "--out",
                str(out),
                "--db",
                str(db),
                "--gazetteer",
                str(folder),
                "--no-png",
                "--include-unreviewed",
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"has no {MANIFEST}" in err and str(out) in err
    assert tree(out) == before


def test_the_publish_page_shows_the_refusal(tmp_path, monkeypatch):
    from tests.app_dispatches import build_store

    gazetteer = tmp_path / "gazetteer"
    gazetteer.mkdir()
    for name in ("gazetteer.json", "places.csv", "regions.csv", "baseline.csv", "boundaries.geojson"):
        shutil.copyfile(ALEPPO / name, gazetteer / name)
    monkeypatch.setenv("GEO_DB", str(build_store(tmp_path / "geo.db")))
    monkeypatch.setenv("GEO_GAZETTEER", str(gazetteer))
    monkeypatch.setenv("GEO_PUBLISH_ROOT", str(tmp_path))
    out = tmp_path / "pages"
    before = lookalike(out)
    at = AppTest.from_file(ROOT / "app.py", default_timeout=180)
    at.switch_page("pages/4_Publish.py")
    at.run()
    at.text_input(key="out").input(str(out))
    at.checkbox(key="png").uncheck()
    at.checkbox(key="include-unreviewed").check()
    at.button[0].click().run()
    assert not at.exception
    assert f"has no {MANIFEST}" in at.error[0].value
    assert tree(out) == before
