"""Aleppo's baseline follows the reference facts, in the project's own words; regions agree with it."""

import csv
import re
import sys
from pathlib import Path

import pytest

from geo.gazetteer import load_baseline
from tests.conftest import shared_path

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2016-11-15"
AS_MAPPED = {
    "opposition": "opposition",
    "government": "government",
    "kurdish": "kurdish",
    "partial": "contested",
    "unknown": "unknown",
}


@pytest.fixture(scope="module")
def facts():
    path = shared_path("reference", "aleppo-neighbourhood-facts.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["name"]: row for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def baseline(gazetteer):
    return load_baseline(gazetteer)


def test_every_place_has_the_controller_the_facts_give(gazetteer, facts, baseline):
    for place in gazetteer.areas:
        entry = baseline.entry(place.id)
        assert entry.controller == AS_MAPPED[facts[place.name]["control_before_2016_11_15"]], place.id
        assert str(entry.as_of) == AS_OF and entry.source, place.id
    assert str(baseline.start) == AS_OF


def test_regions_agree_with_the_baseline(gazetteer, baseline):
    west = {baseline.entry(m).controller for m in gazetteer.members("western-aleppo")}
    east = {baseline.entry(m).controller for m in gazetteer.members("eastern-aleppo")}
    # Western Aleppo is government-held on day one (one district the front ran through aside).
    assert west <= {"government", "contested"}
    shares = [baseline.entry(m).controller for m in gazetteer.members("western-aleppo")]
    assert shares.count("government") >= len(shares) - 1
    assert east <= {"opposition", "contested", "unknown"}


def test_sources_are_in_our_own_words(facts, baseline):
    """No run of 10 words of a facts note reappears in the baseline's source column."""

    def runs(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"\w+", text.lower())
        return {tuple(words[i : i + 10]) for i in range(len(words) - 9)}

    notes = set().union(*(runs(f["notes"]) for f in facts.values()))
    for entry in baseline.entries.values():
        assert not runs(entry.source) & notes, entry.place_id


def test_the_script_rebuilds_the_shipped_baseline(tmp_path, gazetteer, facts):
    folder = tmp_path / "aleppo"
    folder.mkdir()
    for name in ("gazetteer.json", "places.csv", "regions.csv"):
        (folder / name).write_bytes((gazetteer.folder / name).read_bytes())
    sys.path.insert(0, str(ROOT / "data" / "aleppo"))
    try:
        from baseline_from_facts import main
    finally:
        sys.path.remove(str(ROOT / "data" / "aleppo"))
    assert (
        main(
            [
                "--facts",
                str(shared_path("reference", "aleppo-neighbourhood-facts.csv")),
                "--gazetteer",
                str(folder),
            ]
        )
        == 0
    )
    assert (folder / "baseline.csv").read_text(encoding="utf-8") == (
        gazetteer.folder / "baseline.csv"
    ).read_text(encoding="utf-8")
