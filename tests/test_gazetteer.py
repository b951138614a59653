"""The gazetteer finds every place whatever the spelling, and fails loudly on bad files."""

import csv
import json
import shutil

import pytest

from geo.core import GazetteerError
from geo.gazetteer import Gazetteer
from tests.conftest import ALEPPO, shared_path

SEED_SPELLINGS = {
    "al-Shaar": "al-shaar",
    "Agheour": "aghyur",
    "al-Farafrah": "al-farafira",
    "Bab al-Hadeed": "bab-al-hadid",
    "Balalat": "al-ballat",
    "Bulaybil": "al-ballat",
    "old city": "old-city",
    "east Aleppo": "eastern-aleppo",
    "eastern Aleppo": "eastern-aleppo",
}
OTHER_REPORTS = {
    "Masakan Hanano": "masaken-hanano",
    "Sheik Saeed": "sheikh-saeed",
    "Karam al-Jabal": "karm-al-jabal",
    "Aqyul": "aghyur",
}


@pytest.mark.parametrize("name,place_id", {**SEED_SPELLINGS, **OTHER_REPORTS}.items())
def test_resolves_spellings_from_the_articles_and_other_reports(gazetteer, name, place_id):
    found = gazetteer.lookup(name)
    assert found.match is not None, found.as_dict()
    assert found.match.id == place_id


@pytest.mark.parametrize("name", ["Hamburg", "Kerry", "Obama", "Le Figaro"])
def test_names_that_are_no_place_here_resolve_to_nothing(gazetteer, name):
    assert gazetteer.lookup(name).match is None


@pytest.mark.parametrize("name", ["Idlib", "Raqqa", "Mosul", "Damascus", "Turkey"])
def test_places_outside_the_city_are_known_but_not_neighbourhoods(gazetteer, name):
    match = gazetteer.lookup(name).match
    assert match is not None and match.outside and not match.is_area


def test_every_variant_in_the_reference_facts_resolves_to_its_place(gazetteer):
    facts = shared_path("reference", "aleppo-neighbourhood-facts.csv")
    by_name = {p.name: p for p in gazetteer.areas}
    checked = 0
    with facts.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            place = by_name[row["name"]]  # places without a coordinate too
            assert (place.lat is None) == (not row["lat"]), place.id
            spellings = [row["name"], *filter(None, row["variants"].split("|"))]
            for spelling in spellings:
                found = gazetteer.lookup(spelling)
                ids = {c.place.id for c in found.candidates} if found.match is None else {found.match.id}
                # A spelling two places share (one Arabic alias list files Bab al-Hadid under
                # al-Bayada) must come back as candidates that include the place, never as the other.
                assert place.id in ids, (spelling, found.as_dict())
                checked += 1
    assert checked > 300


def test_shared_names_come_back_as_candidates_not_a_guess(gazetteer):
    found = gazetteer.lookup("جبرين")  # the Arabic name of Jibreen and of its industrial area
    assert found.match is None and found.method == "ambiguous"
    assert {c.place.id for c in found.candidates} == {"jibreen", "industrial-area-jibreen"}


def test_fuzzy_match_reports_score_and_runner_up(gazetteer):
    found = gazetteer.lookup("Masakan Hanano")
    assert found.method == "fuzzy" and 88 <= found.score < 100
    assert found.runner_up is None or found.runner_up.score <= found.score - 5
    exact = gazetteer.lookup("Sheikh Fares")
    assert exact.runner_up is not None and exact.runner_up.place.id != "sheikh-fares"
    weak = gazetteer.lookup("Sheikh Zzzz")
    assert weak.match is None and weak.candidates


def test_regions_are_unions_of_places(gazetteer):
    city = gazetteer.places["aleppo"]
    assert set(city.members) == {p.id for p in gazetteer.areas}
    east = set(gazetteer.members("eastern-aleppo"))
    assert {"masaken-hanano", "al-shaar", "aghyur"} <= east
    assert "al-shaar" in east and "al-hamdaniyah" not in east
    assert "eastern-aleppo" in gazetteer.places["al-shaar"].parents


def test_find_names_in_running_text(gazetteer):
    text = "Troops took the al-Shaar area and Aleppo’s old city, including Agheour and Bab al-Hadeed, near Idlib."
    found = {m.written: m.place_id for m in gazetteer.find(text)}
    assert found["al-Shaar"] == "al-shaar" and found["old city"] == "old-city"
    assert found["Agheour"] == "aghyur" and found["Bab al-Hadeed"] == "bab-al-hadid"
    assert found["Idlib"].startswith("geonames:")
    for m in gazetteer.find(text):
        assert text[m.start : m.end] == m.written


# -- bad files -------------------------------------------------------------------------------
@pytest.fixture
def copy_of_gazetteer(tmp_path):
    folder = tmp_path / "city"
    shutil.copytree(ALEPPO, folder)
    return folder


def _rewrite(path, edit):
    rows = list(csv.reader(path.open(encoding="utf-8")))
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


@pytest.mark.parametrize(
    "edit,problem",
    [
        (lambda rows: [r.pop(3) for r in rows], "missing column(s): lat"),
        (lambda rows: rows[5].__setitem__(3, "north"), "row 6: lat 'north' is not a number"),
        (lambda rows: rows[5].__setitem__(4, "237.1"), "row 6: lon 237.1 is outside -180..180"),
        (lambda rows: rows[7].__setitem__(0, rows[2][0]), "row 8: duplicate id"),
        (lambda rows: rows[3].__setitem__(2, "village"), "row 4: kind 'village'"),
    ],
)
def test_bad_places_file_names_file_row_and_problem(copy_of_gazetteer, edit, problem):
    _rewrite(copy_of_gazetteer / "places.csv", edit)
    with pytest.raises(GazetteerError) as err:
        Gazetteer.load(copy_of_gazetteer)
    assert "places.csv" in err.value.message and problem in err.value.message


def test_region_member_that_does_not_exist(copy_of_gazetteer):
    _rewrite(copy_of_gazetteer / "regions.csv", lambda rows: rows[2].__setitem__(5, rows[2][5] + "|atlantis"))
    with pytest.raises(GazetteerError, match=r"regions.csv, row 3: member 'atlantis' is not a place"):
        Gazetteer.load(copy_of_gazetteer)


def test_bad_gazetteer_json(copy_of_gazetteer):
    (copy_of_gazetteer / "gazetteer.json").write_text("{name: ", encoding="utf-8")
    with pytest.raises(GazetteerError, match="gazetteer.json: not valid JSON"):
        Gazetteer.load(copy_of_gazetteer)
    (copy_of_gazetteer / "gazetteer.json").write_text(json.dumps({"city_region": "x"}), encoding="utf-8")
    with pytest.raises(GazetteerError, match='needs at least a "name"'):
        Gazetteer.load(copy_of_gazetteer)
