"""Spellings the normaliser keeps apart still find their place, by the coarse key, and only then.

The places and spellings here are invented: the rules must hold for any city's names.
"""

import pytest

from geo.core import coarse, normalise
from geo.gazetteer import Gazetteer, Place


def _town() -> Gazetteer:
    names = {
        "sheikh-tawfiq": "Sheikh Tawfiq",
        "tall-ghazal": "Tall Ghazal",
        "zahiriyah": "al-Zahiriyah",
        "khirbet-sawda": "Khirbet Sawda",
        "jabal-nasro": "Jabal Nasro",
        "karm-al-rummana": "Karm al-Rummana",
        "qasr-adel": "Qasr Adel",
        "siryana": "al-Siryana",
    }
    places = {i: Place(id=i, name=n, kind="neighbourhood", lat=10.0, lon=20.0) for i, n in names.items()}
    places["town"] = Place(id="town", name="Testville", kind="city", members=tuple(names))
    return Gazetteer(name="Testville", places=places, city_region="town")


@pytest.mark.parametrize(
    "a,b",
    [
        ("Shekh", "Sheikh"),
        ("Shiekh", "Sheikh"),  # ie/ei/e
        ("Kherbet", "Khirbet"),
        ("Kirbet", "Khirbet"),  # kh/k and e/i
        ("Nasr", "Nasro"),
        ("Rummana", "Rumman"),  # a final vowel dropped
        ("Zahiryah", "Zahiriyah"),
        ("Zahirieh", "Zahiriyah"),  # y for i, -ieh for -iyah
        ("Tawfeeq", "Tawfiq"),
        ("Adil", "Adel"),
    ],
)
def test_coarse_key_meets_spellings_the_normaliser_keeps_apart(a, b):
    assert coarse(a) == coarse(b)


def test_coarse_key_keeps_a_final_i_and_iya_apart_from_the_bare_stem():
    assert coarse("Zahiriyah") != coarse("Zahir")


@pytest.mark.parametrize(
    "written,place_id",
    [
        ("Shekh Tawfeeq", "sheikh-tawfiq"),
        ("Shiekh Tawfeeq", "sheikh-tawfiq"),
        ("Kherbet Sawda", "khirbet-sawda"),
        ("Jabal Nasr", "jabal-nasro"),
        ("al-Zahiryah", "zahiriyah"),
        ("Qasr Adil", "qasr-adel"),
    ],
)
def test_variant_spellings_resolve_in_lookup_and_in_running_text(written, place_id):
    town = _town()
    assert normalise(written) not in town._keys, "the test must exercise a spelling the plain key misses"
    found = town.lookup(written)
    assert found.match is not None and found.match.id == place_id, found.as_dict()
    assert found.method == "spelling"
    mentions = town.find(f"Fighting went on in {written} all day.")
    assert [m.place_id for m in mentions] == [place_id]
    assert mentions[0].written == written


@pytest.mark.parametrize(
    "text",
    [
        "The Syrian army moved in.",  # an adjective whose coarse key is a place's ("al-Siryana")
        "the shekh tawfeeq road",  # lower case: not written as a name
        "Zahir said nothing.",  # a person's name, close to a place but not its key
    ],
)
def test_words_that_are_no_place_never_resolve_by_the_coarse_key(text):
    town = _town()
    assert [m for m in town.find(text) if m.place_id] == []


def test_a_coarse_key_two_places_share_resolves_neither():
    town = _town()
    places = {
        **town.places,
        "tawfeeq-2": Place(id="tawfeeq-2", name="Sheikh Tawfeq", kind="neighbourhood", lat=1.0, lon=1.0),
    }
    both = Gazetteer(name="Testville", places=places)
    assert both.lookup("Shekh Tawfeeq").method != "spelling"
    assert [m.place_id for m in both.find("Shelling hit Shekh Tawfeeq.") if m.place_id] == []


def test_a_longer_name_with_one_word_spelled_otherwise_resolves_fuzzily():
    town = _town()
    (mention,) = town.find("Shells fell on Karam al-Rummana at dawn.")
    assert (mention.place_id, mention.written) == ("karm-al-rummana", "Karam al-Rummana")


@pytest.mark.parametrize(
    "text",
    [
        "Shells fell on the Karam. Rummana said so.",  # a name does not run across a full stop
        "In Qasrin Adelo nothing happened.",  # no word of the place's name as it stands
        "In Tawfiq Road, Sheikh Tawfiq was quiet.",  # "In" is no word of the name: only the real one is found
    ],
)
def test_fuzzy_names_need_a_shared_word_and_no_punctuation_inside(text):
    found = [(m.written, m.place_id) for m in _town().find(text) if m.place_id]
    assert all(written in ("Sheikh Tawfiq",) for written, _ in found), found


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Troops held Upper Kherbet Sawda all week.", []),  # part of a longer name
        ("Kherbet Sawda fell. Troops then left.", ["khirbet-sawda"]),  # opens the sentence
        ("On Sunday Kherbet Sawda fell.", ["khirbet-sawda"]),  # after a date word
    ],
)
def test_a_lossy_match_must_be_the_whole_name_as_written(text, expected):
    assert [m.place_id for m in _town().find(text) if m.place_id] == expected


# -- names of two or more words that part on vowels and endings -----------------------------------
def _vowels_town() -> Gazetteer:
    names = {
        "dawar-nimr": "Dawar Nimr",
        "karm-sabbagh": "Karm Sabbagh",
        "karm-tuffah": "Karm Tuffah",
    }
    places = {i: Place(id=i, name=n, kind="neighbourhood", lat=10.0, lon=20.0) for i, n in names.items()}
    return Gazetteer(name="Testville", places=places)


def test_a_name_whose_words_part_on_vowels_and_an_ending_resolves_word_by_word():
    town = _vowels_town()
    written = "Duwer Nimran"  # one word the same but for a vowel, the other with an ending more
    assert town.lookup(written).method == "spelling" and town.lookup(written).match.id == "dawar-nimr"
    assert [m.place_id for m in town.find(f"Shells fell on {written} at noon.")] == ["dawar-nimr"]


@pytest.mark.parametrize(
    "written",
    [
        "Karm Sabbaghin",  # the word it shares ("Karm") is many places': it proves nothing
        "Nimran Duwer",  # the words in another order
        "Duwer Nimran Jadid",  # a word more than the place's name
        "duwer nimran",  # not written as a name
    ],
)
def test_vowel_blind_words_need_a_word_of_one_place_only_and_a_written_name(written):
    assert _vowels_town().lookup(written).method != "spelling"
