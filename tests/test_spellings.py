"""Adding a spelling to a gazetteer: validated, one line changed, atomic, and safe with two editors."""

from __future__ import annotations

import csv
import shutil
import threading

import pytest

from geo.core import GazetteerError
from geo.gazetteer import PLACE_COLUMNS, Gazetteer, spellings
from tests.conftest import ALEPPO


@pytest.fixture
def folder(tmp_path):
    for name in ("gazetteer.json", "places.csv", "regions.csv", "baseline.csv"):
        shutil.copyfile(ALEPPO / name, tmp_path / name)
    return tmp_path


def lines(path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def test_a_spelling_changes_only_its_place_row_and_then_resolves(folder):
    before = lines(folder / "places.csv")
    place = spellings.add_spelling(folder, "al-shaar", "  Shaar   Quarter ")
    after = lines(folder / "places.csv")
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert len(before) == len(after) and len(changed) == 1
    old, new = (next(csv.reader([line.decode("utf-8")])) for line in changed[0])
    variants = PLACE_COLUMNS.index("variants")
    assert old[0] == "al-shaar" and new[variants] == old[variants] + "|Shaar Quarter"
    assert new[:variants] + new[variants + 1 :] == old[:variants] + old[variants + 1 :]
    assert changed[0][1][-2:] == changed[0][0][-2:]  # the file's line endings are kept
    assert place.variants[-1] == "Shaar Quarter"
    assert Gazetteer.load(folder).lookup("Shaar Quarter").match.id == "al-shaar"


def test_a_region_spelling_goes_to_regions_csv(folder):
    spellings.add_spelling(folder, "old-city", "Walled City")
    assert "|Walled City," in (folder / "regions.csv").read_text(encoding="utf-8")
    assert Gazetteer.load(folder).lookup("walled city").match.id == "old-city"


@pytest.mark.parametrize(
    "place_id,spelling,problem",
    [
        ("al-shaar", "", "empty"),
        ("al-shaar", "a|b", "“|”"),
        ("al-shaar", "Shaar\x07", "control characters"),
        ("al-shaar", "x" * 81, "longer than"),
        ("al-shaar", "--", "no letters"),
        ("al-shaar", "ash-Sha'ar", "already a spelling of al-Sha'ar"),
        ("al-shaar", "Bab al-Hadid", "already names Bab al-Hadid"),
        ("nowhere", "Somewhere", "not a map place or region"),
    ],
)
def test_bad_spellings_are_refused_and_the_files_stay_as_they_were(folder, place_id, spelling, problem):
    before = (folder / "places.csv").read_bytes(), (folder / "regions.csv").read_bytes()
    with pytest.raises(GazetteerError, match=problem):
        spellings.add_spelling(folder, place_id, spelling)
    assert ((folder / "places.csv").read_bytes(), (folder / "regions.csv").read_bytes()) == before


def test_a_failure_while_writing_leaves_the_old_file_and_no_temporary_one(folder, monkeypatch):
    before = (folder / "places.csv").read_bytes()

    def broken(path):
        raise GazetteerError("disk trouble", file=path)

    monkeypatch.setattr(spellings, "read_places", broken)
    with pytest.raises(GazetteerError, match="disk trouble") as caught:
        spellings.add_spelling(folder, "al-shaar", "Shaar Quarter")
    assert caught.value.file == str(folder / "places.csv")  # the real file is named, not the temporary one
    assert (folder / "places.csv").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == [
        "baseline.csv",
        "gazetteer.json",
        "places.csv",
        "regions.csv",
    ]


def test_two_editors_adding_at_once_both_keep_their_spelling(folder):
    Gazetteer.load(folder)  # the towns outside the city, loaded once, so both threads race on the write
    start = threading.Barrier(2)
    errors = []

    def add(place_id: str, spelling: str) -> None:
        start.wait()
        try:
            spellings.add_spelling(folder, place_id, spelling)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=add, args=a)
        for a in (("al-shaar", "Shaar Quarter"), ("qarlaq", "Qarlaq Hill"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    places = Gazetteer.load(folder).places
    assert "Shaar Quarter" in places["al-shaar"].variants and "Qarlaq Hill" in places["qarlaq"].variants
