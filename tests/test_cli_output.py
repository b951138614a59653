"""What the commands print is safe and reads right: JSON carries no raw control or bidi character
from an article, counts take the noun's number ("1 run"), and a boundary file's broken features
are reported wherever the map is drawn, not only by the ``shapes`` command."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from geo.cli import main
from geo.core import BIDI_CONTROLS, GeoWarning, json_for_terminal, plural
from geo.gazetteer import Gazetteer, place_shapes
from tests.app_dispatches import build_store

ROOT = Path(__file__).resolve().parent.parent

FIXTURES = Path(__file__).parent / "fixtures" / "boundaries"
RLO, CSI = "\u202e", "\x9b"  # a right-to-left override, and the C1 byte a terminal reads as an escape
#: What must never reach the terminal raw: DEL, C1 controls, bidi controls.
UNSAFE = re.compile("[\x7f-\x9f" + "".join(BIDI_CONTROLS) + "]")


def test_json_escapes_control_and_bidi_characters_but_keeps_the_value():
    value = {"sentence": f"Rebels left{RLO} the quarter{CSI}31m at dawn.", "place": "Ḥalab é"}
    text = json_for_terminal(value, indent=2)
    assert not UNSAFE.search(text)
    assert "\\u202e" in text and "\\u009b" in text and "Ḥalab é" in text  # other text stays readable
    assert json.loads(text) == value  # the same sentence once parsed: its offsets still agree


def test_extract_json_prints_an_articles_controls_escaped(tmp_path, capsys):
    article = tmp_path / "dispatch.txt"
    article.write_text(
        f"Rebel fighters seized Karm al-Jabal{RLO} on Tuesday{CSI}, a monitor reported.\n", encoding="utf-8"
    )
    assert main(["extract", str(article), "--json", "--published", "2016-11-30"]) == 0
    printed = capsys.readouterr().out
    assert not UNSAFE.search(printed), "a control character from the article reached the terminal"
    claims = json.loads(printed)
    assert claims and RLO in claims[0]["sentence"] and CSI in claims[0]["sentence"]


def test_lookup_json_escapes_the_name_it_echoes(capsys):
    assert main(["lookup", f"Karm al-Jabal{RLO}{CSI}", "--json"]) == 0
    printed = capsys.readouterr().out
    assert not UNSAFE.search(printed)
    assert json.loads(printed)[0]["query"] == f"Karm al-Jabal{RLO}{CSI}"


def test_counts_take_the_number_of_their_noun():
    assert [plural(1, "run"), plural(2, "run"), plural(0, "place")] == ["1 run", "2 runs", "0 places"]
    assert (
        plural(1, "dispatch", "dispatches") == "1 dispatch"
        and plural(3, "dispatch", "dispatches") == "3 dispatches"
    )


def test_check_says_1_run_and_1_article(tmp_path, capsys):
    article = tmp_path / "one.txt"
    article.write_text(
        "Government troops took Masaken Hanano on Sunday, state television said.\n", encoding="utf-8"
    )
    db = tmp_path / "one.db"
    assert main(["ingest", str(article), "--db", str(db), "--published", "2016-11-28"]) == 0
    capsys.readouterr()
    assert main(["check", "--db", str(db)]) == 0
    summary = capsys.readouterr().out.splitlines()[0]
    assert "1 article, " in summary and "1 run, " in summary and "0 decisions" in summary
    assert not re.search(r"\b1 [a-z]+s\b", summary), summary


def _city_with(tmp_path: Path, gazetteer: Gazetteer) -> Path:
    """A copy of the Aleppo folder whose own boundaries.geojson has a self-crossing polygon and a point."""
    folder = tmp_path / "city"
    folder.mkdir()
    for name in ("gazetteer.json", "places.csv", "regions.csv"):
        (folder / name).write_bytes((gazetteer.folder / name).read_bytes())
    (folder / "boundaries.geojson").write_bytes((FIXTURES / "mixed.geojson").read_bytes())
    return folder


def test_a_folders_broken_boundary_features_are_warned_about_by_file_and_feature(tmp_path, gazetteer):
    folder = _city_with(tmp_path, gazetteer)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        place_shapes(Gazetteer.load(folder))
    said = [str(w.message) for w in caught if issubclass(w.category, GeoWarning)]
    own = str(folder / "boundaries.geojson")
    assert all(message.startswith(own) for message in said) and len(said) == 2, said
    repaired = next(m for m in said if "feature 0 (al-Sakhur)" in m)
    assert "Self-intersection" in repaired and "check its outline" in repaired
    dropped = next(m for m in said if "feature 5 (Hanano)" in m)
    assert "Point, not a polygon" in dropped and "left off the map" in dropped
    # Names that match no place are not broken features: the shapes command lists those.
    assert not any("Hamburg" in m for m in said)


def test_the_command_line_prints_the_warning_as_one_line(tmp_path, gazetteer, capsys, monkeypatch):
    folder = _city_with(tmp_path, gazetteer)
    monkeypatch.setenv("GEO_GAZETTEER", str(folder))
    out, db = tmp_path / "site", build_store(tmp_path / "store.db")
    # publish draws the map from the folder's own boundary file (no --boundaries, no shapes command)
    status = main(
        [
            "publish",
            "--out",
            str(out),
            "--db",
            str(db),
            "--gazetteer",
            str(folder),
            "--no-png",
            "--cdn-leaflet",
            "--include-unreviewed",
        ]
    )
    err = capsys.readouterr().err.splitlines()
    warned = [line for line in err if line.startswith("warning: ")]
    assert status == 0 and len(warned) == 2, err
    assert all(str(folder / "boundaries.geojson") in line for line in warned)
    assert not any(
        "GeoWarning" in line or "warnings.warn" in line for line in err
    )  # no Python warning format


@pytest.mark.parametrize("text", [f"a{RLO}b", f"x{CSI}y", "plain"])
def test_json_for_terminal_never_leaves_an_unsafe_character(text):
    assert not UNSAFE.search(json_for_terminal([text]))


def test_a_reader_that_stops_early_gets_no_traceback():
    """``python -m geo lookup … | head -1``: the pipe closes, the command stops quietly with 141."""
    names = ["Bustan al-Qasr"] * 2000
    command = [sys.executable, "-m", "geo", "lookup", *names]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT) as run:
        run.stdout.readline()
        run.stdout.close()
        err = run.stderr.read().decode()
        status = run.wait(timeout=60)
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    assert status == 141
