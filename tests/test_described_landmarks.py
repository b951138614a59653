"""Landmarks a report names by description, and the side a speaker says took them.

Why: the gazetteer writes some landmarks' spellings in lower case on purpose ("the museum",
"main government offices": the city's one, as its reports call it), but lower-case text was read
only for regions, so those spellings never matched. And in "the forces said they had seized X",
"they" is the speaker, not whichever side was named last. Texts are our own; Tuesday 7 March 2017.
"""

from __future__ import annotations

from datetime import date

from tests.mosul import mosul as _mosul
from tests.mosul import mosul_claims

TUESDAY = date(2017, 3, 7)


def _claims(text: str) -> list[tuple[str | None, str, str]]:
    return mosul_claims(text, TUESDAY)


def test_a_lower_case_spelling_the_gazetteer_lists_is_found() -> None:
    gazetteer = _mosul()
    found = {m.place_id for m in gazetteer.find("Troops reached the museum and the main government offices.")}
    assert {"mosul-museum", "nineveh-government-complex"} <= found


def test_other_lower_case_words_are_still_no_place() -> None:
    """Only a description of several words that the gazetteer itself writes in lower case counts."""
    gazetteer = _mosul()
    assert not [m for m in gazetteer.find("The shifa of the karama was a government decision.") if m.place_id]


def test_a_described_landmark_is_claimed() -> None:
    assert _claims("Federal police took the main government offices on Tuesday.") == [
        ("nineveh-government-complex", "government", "captured")
    ]


def test_the_pronoun_a_speaker_uses_for_itself_is_the_speaker() -> None:
    text = (
        "Islamic State fighters shelled the east bank overnight.\n\n"
        "On Tuesday the Iraqi troops said they had taken Dawasa."
    )
    assert _claims(text) == [("dawasa", "government", "captured")]


def test_the_actor_names_of_the_iraq_war_give_the_right_side() -> None:
    """ICTS is the Counter-Terrorism Service; Peshmerga troops are Kurdish, not 'troops' of Iraq;
    foreign troops are on no side of the map."""
    assert _claims("The ICTS freed Dawasa on Tuesday.") == [("dawasa", "government", "captured")]
    assert _claims("Peshmerga troops took Bawabat Shams on Tuesday.") == [
        ("bawabat-al-shams", "kurdish", "captured")
    ]
    assert _claims("US troops took Dawasa on Tuesday.") == []
