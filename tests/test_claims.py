"""Claims read from texts written for these tests, one construction at a time.

Every text is our own. Publication day: Monday 28 November 2016, unless a test says otherwise.
"""

from datetime import date

import pytest

from geo.core import CLAIM_TYPES
from geo.read import Article, read_claims, read_claims_many
from geo.read.pipeline import load_pipeline

MONDAY = date(2016, 11, 28)


def claims_of(text, gazetteer, published=MONDAY):
    return read_claims(Article(text=text, title="", published=published), gazetteer)


def one(text, gazetteer, **kw):
    found = claims_of(text, gazetteer, **kw)
    assert len(found) == 1, [(c.place_as_written, c.controller, c.claim_type) for c in found]
    return found[0]


def test_active_voice_capture_with_weekday_and_attribution(gazetteer):
    claim = one("Government troops captured Masaken Hanano on Saturday, state media said.", gazetteer)
    assert (claim.place_id, claim.controller, claim.claim_type) == (
        "masaken-hanano",
        "government",
        "captured",
    )
    assert (claim.date_from, claim.date_to) == (date(2016, 11, 26), date(2016, 11, 26))
    assert "Saturday" in claim.date_basis
    assert claim.attribution == "state media"
    assert claim.cue == "captured" and claim.place_as_written == "Masaken Hanano"


def test_passive_voice_gives_the_place_to_the_agent(gazetteer):
    claim = one("Jabal Badro was seized by rebel fighters overnight.", gazetteer)
    assert (claim.place_id, claim.controller, claim.claim_type) == ("jabal-badro", "opposition", "captured")
    assert (claim.date_from, claim.date_to) == (date(2016, 11, 27), MONDAY)


def test_fell_to(gazetteer):
    claim = one("After a week of shelling, Sheikh Saeed fell to the Syrian army yesterday.", gazetteer)
    assert (claim.place_id, claim.controller, claim.claim_type) == ("sheikh-saeed", "government", "captured")
    assert claim.date_from == claim.date_to == date(2016, 11, 27)


def test_under_control_is_a_statement_of_who_holds(gazetteer):
    claim = one("The district of al-Sakhour is now under government control.", gazetteer)
    assert (claim.place_id, claim.controller, claim.claim_type) == ("al-sakhour", "government", "holds")
    assert claim.date_from == claim.date_to == MONDAY


def test_a_list_of_places_gives_one_claim_each(gazetteer):
    found = claims_of(
        "Kurdish fighters took several districts, including Karm al-Jabal, al-Sakhour and Tariq al-Bab.",
        gazetteer,
    )
    assert [(c.place_id, c.controller, c.claim_type) for c in found] == [
        ("karm-al-jabal", "kurdish", "captured"),
        ("al-sakhour", "kurdish", "captured"),
        ("tariq-al-bab", "kurdish", "captured"),
    ]
    assert len({c.key for c in found}) == 3


@pytest.mark.parametrize(
    "text, place, percent",
    [
        ("The army now controls 60 percent of eastern Aleppo.", "eastern-aleppo", 60.0),
        ("Rebels still hold two-thirds of the Old City.", "old-city", 67.0),
    ],
)
def test_percent_claims_keep_the_number_and_the_region(gazetteer, text, place, percent):
    claim = one(text, gazetteer)
    assert (claim.place_id, claim.claim_type, claim.percent) == (place, "percent", percent)


def test_withdrawal_gives_the_place_to_the_other_side(gazetteer):
    text = (
        "The Syrian army shelled rebel positions for days. "
        "Rebels withdrew from Bustan al-Basha last week, an opposition commander told reporters."
    )
    claim = one(text, gazetteer)
    assert (claim.place_id, claim.controller, claim.claim_type) == (
        "bustan-al-basha",
        "government",
        "withdrew",
    )
    assert (claim.date_from, claim.date_to) == (date(2016, 11, 21), date(2016, 11, 27))
    assert claim.attribution == "an opposition commander"


def test_evacuation_of_fighters_but_not_of_civilians(gazetteer):
    claim = one("Buses evacuated hundreds of rebel fighters from al-Ansari on Sunday.", gazetteer)
    assert (claim.place_id, claim.controller, claim.claim_type) == ("al-ansari", "government", "evacuated")
    assert claims_of("Medics evacuated wounded civilians from al-Ansari on Sunday.", gazetteer) == []


def test_hedges_lower_confidence(gazetteer):
    plain = one("Rebels retook al-Mashhad on Sunday.", gazetteer)
    hedged = one("Rebels reportedly retook al-Mashhad on Sunday.", gazetteer)
    assert hedged.hedged == "reportedly" and not plain.hedged
    assert hedged.confidence < plain.confidence


def test_partial_claims(gazetteer):
    claim = one("Government forces stormed a hospital in Sheikh Saeed.", gazetteer)
    assert claim.partial and claim.place_id == "sheikh-saeed"
    whole = one("Government forces stormed Sheikh Saeed.", gazetteer)
    assert not whole.partial and whole.confidence > claim.confidence


@pytest.mark.parametrize(
    "text",
    [
        "The army has not taken al-Ansari.",
        "Rebels did not withdraw from Bustan al-Qasr.",
        "The army would take al-Ansari within days, officials predicted.",
        "If the army captures Jabal Badro, the rebels will be cut off.",
        "The army plans to retake Sheikh Saeed before the winter.",
        "Diplomats urged the rebels to abandon Bustan al-Qasr.",
        "The opposition asked for a truce to evacuate al-Mashhad.",
        "An offensive to recapture al-Sakhour is expected soon.",
        "Islamic State fighters captured Palmyra on Sunday.",
        "The district of Hanano, previously held by rebels, lay in ruins.",
        "Aid reached the formerly rebel-held Masaken Hanano on Sunday.",
        "Thousands fled al-Sakhour overnight.",
    ],
)
def test_no_claim_from_negation_hypotheticals_intentions_requests_other_cities_or_background(gazetteer, text):
    assert claims_of(text, gazetteer) == []


def test_a_denial_is_kept_as_a_dispute_and_gives_the_denier_a_holds_claim(gazetteer):
    claim, holds = claims_of("Rebel commanders denied that the army had captured Salaheddine.", gazetteer)
    assert (claim.place_id, claim.claim_type, claim.controller) == ("salaheddine", "denied", "government")
    assert claim.disputes == "captured:government"
    assert (holds.place_id, holds.claim_type, holds.controller) == ("salaheddine", "holds", "opposition")
    assert holds.disputes == "captured:government" and "denial" in holds.flags


def test_a_place_not_in_the_gazetteer_is_reported_unresolved(gazetteer):
    claim = one("Government forces captured Karm al-Nazha after heavy fighting.", gazetteer)
    assert claim.place_id is None and claim.place_as_written == "Karm al-Nazha"
    assert "unresolved place" in claim.flags and "karm-homad" in claim.candidates
    assert claim.controller == "government" and claim.confidence < 0.6


def test_the_city_means_the_city_named_before_it(gazetteer):
    text = (
        "Shelling hit Aleppo again on Sunday. "
        "Loyalist troops hold three-quarters of the city by now, a monitoring group said."
    )
    claim = one(text, gazetteer)
    assert (claim.place_id, claim.percent, claim.attribution) == ("aleppo", 75.0, "a monitoring group")


def test_the_side_of_a_bare_fall_comes_from_the_article(gazetteer):
    text = "Government troops took Sheikh Najjar on Friday.\n\nThe fall of Jabal Badro followed on Sunday."
    found = claims_of(text, gazetteer)
    fall = next(c for c in found if c.place_id == "jabal-badro")
    assert fall.controller == "government" and "side inferred" in fall.flags


def test_a_headline_without_full_stop_is_its_own_sentence(gazetteer):
    text = "Rebels Abandon Bustan al-Qasr\n\nResidents said the streets were quiet on Sunday."
    claim = one(text, gazetteer)
    assert claim.sentence == "Rebels Abandon Bustan al-Qasr" and claim.start == 0


def test_without_a_publication_date_claims_carry_no_date_and_say_so(gazetteer):
    claim = one("Rebels retook al-Mashhad yesterday.", gazetteer, published=None)
    assert claim.date_from is None and claim.date_to is None
    assert "no date" in claim.flags
    dated = one("Rebels retook al-Mashhad in 2012.", gazetteer, published=None)
    assert (dated.date_from, dated.date_to) == (date(2012, 1, 1), date(2012, 12, 31))


def test_claim_fields_are_valid_and_json_ready(gazetteer):
    claim = one("Government troops captured Masaken Hanano on Saturday.", gazetteer)
    fields = claim.as_dict()
    for name in (
        "article",
        "sentence",
        "start",
        "end",
        "place_as_written",
        "place_id",
        "place",
        "controller",
        "claim_type",
        "percent",
        "partial",
        "date_from",
        "date_to",
        "date_basis",
        "attribution",
        "hedged",
        "confidence",
    ):
        assert name in fields
    assert fields["date_from"] == "2016-11-26"
    assert claim.controller in gazetteer.war.controllers and claim.claim_type in CLAIM_TYPES


def test_many_articles_in_a_batch_read_as_one_by_one(gazetteer):
    texts = [
        "Government troops captured Masaken Hanano on Saturday.",
        "Nothing about control here at all.",
        "Jabal Badro was seized by rebel fighters overnight.",
    ]
    articles = [Article(text=t, published=MONDAY) for t in texts]
    batch = [claims for _, claims in read_claims_many(articles, gazetteer, batch_size=2)]
    assert batch == [read_claims(a, gazetteer) for a in articles]
    assert [len(c) for c in batch] == [1, 0, 1]


def test_the_pipeline_has_named_components_and_marks_mentions(gazetteer):
    nlp = load_pipeline(gazetteer)
    assert load_pipeline(gazetteer) is nlp
    for name in ("geo_cues", "geo_actors", "geo_places", "geo_parse", "geo_claims"):
        assert name in nlp.pipe_names
    doc = nlp("The Syrian army captured al-Sha'ar. Diplomats met in Geneva.")
    assert [(s.text, s._.place_id) for s in doc.spans["places"]] == [("al-Sha'ar", "al-shaar")]
    assert [(s.text, s._.side) for s in doc.spans["actors"]] == [("Syrian army", "government")]
    assert [s.label_ for s in doc.spans["cues"]] == ["gain"]


def test_extract_command_prints_json_claims_and_reports_bad_files(tmp_path):
    import json
    import subprocess
    import sys

    (tmp_path / "a.md").write_text(
        "---\ntitle: Hanano falls\npublished: 2016-11-28\n---\n"
        "Government troops captured Masaken Hanano on Saturday.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\x00b\x00a\x00d")
    done = subprocess.run(
        [sys.executable, "-m", "geo", "extract", "--json", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "b.txt" in done.stderr
    (claim,) = json.loads(done.stdout)
    assert (claim["place_id"], claim["controller"], claim["date_from"]) == (
        "masaken-hanano",
        "government",
        "2016-11-26",
    )
    assert claim["sentence"] == "Government troops captured Masaken Hanano on Saturday."


def test_a_relative_clause_claims_about_its_noun_with_its_own_date(gazetteer):
    claim = one("Masaken Hanano, which the rebels seized in 2012, was the first district to fall.", gazetteer)
    assert (claim.place_id, claim.controller, claim.claim_type) == (
        "masaken-hanano",
        "opposition",
        "captured",
    )
    assert (claim.date_from, claim.date_to) == (date(2012, 1, 1), date(2012, 12, 31))


def test_a_claimed_deed_is_a_hedged_claim_with_its_source(gazetteer):
    claim = one(
        "The regime claims to have taken Qadi Askar, but rebels say fighting continues there.", gazetteer
    )
    assert (claim.place_id, claim.controller, claim.claim_type) == ("qadi-askar", "government", "captured")
    assert claim.attribution == "The regime" and claim.hedged == "claims"


def test_a_denied_loss_disputes_a_withdrawal(gazetteer):
    claim, holds = claims_of("Rebels denied losing Sheikh Saeed.", gazetteer)
    assert (claim.claim_type, claim.disputes) == ("denied", "withdrew:government")
    assert (holds.claim_type, holds.controller, holds.disputes) == (
        "holds",
        "opposition",
        "withdrew:government",
    )


def test_rejecting_the_report_of_a_fall_is_a_denial(gazetteer):
    claim, holds = claims_of(
        "Insurgent spokesmen rejected the report that Qarlaq had fallen to the army.", gazetteer
    )
    assert (claim.place_id, claim.claim_type, claim.disputes) == ("qarlaq", "denied", "captured:government")
    assert (holds.place_id, holds.claim_type, holds.controller) == ("qarlaq", "holds", "opposition")


@pytest.mark.parametrize(
    "text",
    [
        "Rebels held talks with Russian officials about a ceasefire in Aleppo.",
        "Opposition leaders entered into negotiations over the fate of eastern Aleppo.",
    ],
)
def test_a_place_that_is_only_a_topic_makes_no_claim(gazetteer, text):
    assert claims_of(text, gazetteer) == []


def test_driven_out_gives_the_place_to_the_other_side(gazetteer):
    claim = one(
        "The Syrian army shelled the area for days. Rebels have been pushed out of al-Sakhour.", gazetteer
    )
    assert (claim.place_id, claim.controller, claim.claim_type) == ("al-sakhour", "government", "withdrew")
    active = one("Kurdish fighters drove the jihadists out of Sheikh Maqsoud.", gazetteer)
    assert (active.controller, active.claim_type) == ("kurdish", "captured")


def test_a_contested_place(gazetteer):
    claim = one("Sheikh Saeed remains contested, with fighting street by street.", gazetteer)
    assert (claim.place_id, claim.controller, claim.claim_type) == ("sheikh-saeed", "contested", "holds")


def test_we_is_the_side_of_the_speaker(gazetteer):
    claim = one("\u201cWe have captured al-Sukkari,\u201d an army officer told state television.", gazetteer)
    assert claim.controller == "government" and "side inferred" not in claim.flags
    assert claim.attribution == "an army officer"


def test_it_is_said_has_no_speaker_but_is_a_hedge(gazetteer):
    claim = one("The Syrian army is said to have seized the surroundings of the Aleppo Citadel.", gazetteer)
    assert claim.attribution == "" and claim.hedged == "said to" and claim.partial


# -- issue 11: the grammar of claims on reports the reader was not written against -----------------
def test_every_conjunct_of_a_list_gets_the_claim_even_after_a_site(gazetteer):
    """A list whose first item is a site ("the X bridge") still gives each place its claim: a
    conjunct hangs on its sibling, which is no part of what it names."""
    found = claims_of(
        "Loyalist units seized the Karm al-Jabal bridge, the Qarlaq square and al-Bayada.", gazetteer
    )
    assert {(c.place_id, c.controller, c.claim_type) for c in found} == {
        ("karm-al-jabal", "government", "captured"),
        ("qarlaq", "government", "captured"),
        ("al-bayada", "government", "captured"),
    }


@pytest.mark.parametrize(
    "text, number",
    [
        ("Insurgents captured most of al-Ballat on Sunday.", None),
        ("The army took a large swath of al-Farafira yesterday.", None),
        ("Government troops have seized 60 percent of Aghyur.", 60.0),
        ("Rebels now control about a third of Muhammad Bek.", 33.0),
    ],
)
def test_a_share_of_a_place_is_a_percent_claim_never_the_whole(gazetteer, text, number):
    claim = one(text, gazetteer)
    assert (claim.claim_type, claim.percent) == ("percent", number)


def test_a_numbered_share_given_up_is_a_percent_claim_for_the_other_side(gazetteer):
    claim = one("The rebels lost 30 percent of al-Asileh in the fighting.", gazetteer)
    assert (claim.place_id, claim.controller, claim.claim_type, claim.percent) == (
        "al-asileh",
        "government",
        "percent",
        30.0,
    )


def test_a_site_named_after_a_known_place_claims_that_place_only(gazetteer):
    claim = one("Rebels stormed the Qarlaq Youth Housing before dawn.", gazetteer)
    assert (claim.place_id, claim.controller, claim.claim_type) == ("qarlaq", "opposition", "captured")


@pytest.mark.parametrize(
    "text, place, side",
    [
        ("Aid trucks reached rebel-held Masaken Hanano on Sunday.", "masaken-hanano", "opposition"),
        ("Shells fell near Sheikh Maqsoud, a Kurdish-controlled district.", "sheikh-maqsoud", "kurdish"),
        ("A market in the government-held al-Midan district was hit.", "al-midan", "government"),
    ],
)
def test_a_side_held_adjective_is_a_holds_claim_of_lower_confidence(gazetteer, text, place, side):
    claim = one(text, gazetteer)
    assert (claim.place_id, claim.controller, claim.claim_type) == (place, side, "holds")
    assert "background" in claim.flags and claim.confidence < 0.9


def test_the_parts_of_a_city_a_side_holds_are_that_sides_region(gazetteer):
    """The city's baseline says which region each side held: "rebel-held areas of Aleppo" are
    eastern Aleppo here, never the whole city."""
    claim = one("Jets pounded rebel-held districts of Aleppo through the night.", gazetteer)
    assert (claim.place_id, claim.controller, claim.claim_type) == ("eastern-aleppo", "opposition", "holds")


def test_under_the_control_of_names_the_side_after_of(gazetteer):
    claim = one("Al-Sukkari is under the control of three rebel brigades.", gazetteer)
    assert (claim.place_id, claim.controller, claim.claim_type) == ("al-sukkari", "opposition", "holds")


@pytest.mark.parametrize(
    "text",
    [
        "Winning al-Kallaseh would give the army the high ground.",
        "For the insurgents, giving up Qarlaq would be a heavy blow.",
        "Air raids preceded a fresh campaign to capture al-Ansari.",
        "Officials said the army was in the final stage of retaking al-Mashhad.",
        "Under the agreement, the fighters are to be evacuated from al-Zebdiyeh shortly.",
        "Once the gunmen are evacuated from Salaheddine, troops will enter the area.",
        "Convoys waited in a rebel-held area in Aleppo.",
    ],
)
def test_gerund_hypotheticals_stages_futures_and_some_area_claim_nothing(gazetteer, text):
    assert claims_of(text, gazetteer) == []


def test_a_past_clause_before_a_modal_remark_is_still_a_claim(gazetteer):
    claim = one("When insurgents overran Qarlaq in 2012, it must be said, nobody protested.", gazetteer)
    assert (claim.place_id, claim.controller, claim.claim_type) == ("qarlaq", "opposition", "captured")


def test_a_list_opened_by_a_colon_gives_every_item_the_claim(gazetteer):
    found = claims_of(
        "Over the week the army recovered these quarters: Qarlaq, al-Bayada, Glass Market Lane "
        "and al-Ballat.",
        gazetteer,
    )
    assert [(c.place_id, c.controller, c.claim_type) for c in found] == [
        ("qarlaq", "government", "captured"),
        ("al-bayada", "government", "captured"),
        (None, "government", "captured"),
        ("al-ballat", "government", "captured"),
    ]
    assert "unresolved place" in found[2].flags and found[2].place_as_written == "Glass Market Lane"


@pytest.mark.parametrize(
    "text",
    [
        "Army units restored security and stability to Qarlaq on Sunday.",
        "Government troops brought calm back to Qarlaq after the clashes.",
        "Government forces won back Qarlaq overnight.",
        "Loyalist fighters secured Qarlaq by dawn.",
    ],
)
def test_restoring_order_winning_back_and_securing_are_captures(gazetteer, text):
    claim = one(text, gazetteer)
    assert (claim.place_id, claim.controller, claim.claim_type) == ("qarlaq", "government", "captured")


@pytest.mark.parametrize(
    "text, places",
    [
        ("Street battles raged in al-Ballat and al-Farafira on Sunday.", {"al-ballat", "al-farafira"}),
        ("Fierce fighting went on in Qarlaq, a monitor said.", {"qarlaq"}),
        ("Loyalist troops advanced in Aghyur overnight.", {"aghyur"}),
        ("Government forces attacked the al-Bayada district at dawn.", {"al-bayada"}),
    ],
)
def test_fighting_inside_a_place_makes_it_contested(gazetteer, text, places):
    found = claims_of(text, gazetteer)
    assert {(c.place_id, c.controller, c.claim_type) for c in found} == {
        (p, "contested", "holds") for p in places
    }


@pytest.mark.parametrize(
    "text",
    [
        "Fighting continued in eastern Aleppo for a third day.",
        "Air raids and attacks on al-Ballat killed nine people.",
        "The army displayed advanced weapons in al-Ballat.",
    ],
)
def test_fighting_across_a_region_or_raids_on_a_place_claim_nothing(gazetteer, text):
    assert claims_of(text, gazetteer) == []


def test_a_list_after_among_them_gives_each_item_the_claim_and_a_count_is_a_share(gazetteer):
    found = claims_of(
        "Loyalist troops took control of nine quarters in the Old City, among them Qarlaq and al-Bayada.",
        gazetteer,
    )
    assert {(c.place_id, c.controller, c.claim_type) for c in found} == {
        ("old-city", "government", "percent"),
        ("qarlaq", "government", "captured"),
        ("al-bayada", "government", "captured"),
    }


def test_a_district_in_a_region_is_no_claim_on_the_region(gazetteer):
    assert claims_of("Insurgents seized a small district in eastern Aleppo.", gazetteer) == []


def test_civilians_driven_out_of_a_place_give_it_to_nobody(gazetteer):
    assert claims_of("The shelling drove residents out of al-Ballat.", gazetteer) == []


@pytest.mark.parametrize(
    "text, side, number",
    [
        ("The army said it now controls 85 per cent of eastern Aleppo.", "government", 85.0),
        ("Only 5 per cent of eastern Aleppo is left in the rebels' hands.", "opposition", 5.0),
        ("Insurgents still hold some three square kilometres of eastern Aleppo.", "opposition", None),
        ("Rebels took half of eastern Aleppo in a single summer.", "opposition", 50.0),
    ],
)
def test_shares_written_as_per_cent_area_or_fraction_are_percent_claims(gazetteer, text, side, number):
    claim = one(text, gazetteer)
    assert (claim.place_id, claim.controller, claim.claim_type, claim.percent) == (
        "eastern-aleppo",
        side,
        "percent",
        number,
    )


def test_evacuated_out_of_a_place(gazetteer):
    claim = one("Some 2,000 rebels were evacuated out of al-Mashhad on Friday under the deal.", gazetteer)
    assert (claim.place_id, claim.claim_type, claim.controller) == ("al-mashhad", "evacuated", "government")


def test_they_is_the_last_side_fighting_not_the_last_speaker(gazetteer):
    found = claims_of(
        "Government troops pushed deeper into the east. Rebels said the shelling was relentless. "
        "They also seized Qarlaq on Sunday.",
        gazetteer,
    )
    assert [(c.place_id, c.controller) for c in found] == [("qarlaq", "government")]


def test_they_is_not_the_side_being_driven_out(gazetteer):
    found = claims_of(
        "The army has been trying to drive the rebels out for weeks. They now hold al-Ballat, "
        "a monitor said.",
        gazetteer,
    )
    assert [(c.place_id, c.controller, c.claim_type) for c in found] == [("al-ballat", "government", "holds")]


def test_the_troops_go_to_the_last_side_fighting(gazetteer):
    found = claims_of(
        "Government troops had dug in on the hill before rebel fighters struck back at dawn. By noon "
        "the fighters had retaken Aghyur.",
        gazetteer,
    )
    assert [(c.place_id, c.controller, c.claim_type) for c in found] == [("aghyur", "opposition", "captured")]


def test_residual_pockets_go_to_the_side_left_with_them(gazetteer):
    found = claims_of(
        "Loyalist forces took al-Kallaseh, leaving the rebels only al-Zebdiyeh and al-Ansari.", gazetteer
    )
    assert {(c.place_id, c.controller, c.claim_type) for c in found} == {
        ("al-kallaseh", "government", "captured"),
        ("al-zebdiyeh", "opposition", "holds"),
        ("al-ansari", "opposition", "holds"),
    }


def test_a_side_that_left_a_place_is_no_residual_pocket(gazetteer):
    assert claims_of("Rebels left al-Ansari for good on Monday.", gazetteer) == []


@pytest.mark.parametrize(
    "text",
    [
        "The army completed its control of al-Ballat overnight.",
        "Al-Ballat is back under army control.",
        "Loyalist units entered and secured al-Ballat.",
        "Al-Ballat fell into the hands of the army on Friday.",
    ],
)
def test_phrases_of_taking_control(gazetteer, text):
    claim = one(text, gazetteer)
    assert (claim.place_id, claim.controller, claim.claim_type) == ("al-ballat", "government", "captured")


def test_consolidating_control_stays_a_statement_of_who_holds(gazetteer):
    claim = one("The army consolidated its control over al-Ballat.", gazetteer)
    assert (claim.controller, claim.claim_type) == ("government", "holds")


@pytest.mark.parametrize(
    "text, side, background",
    [
        ("Dozens of families reached al-Ashrafiyah, which is under Kurdish control.", "kurdish", False),
        ("Mortars fell on al-Ashrafiyah, which is held by Kurdish fighters.", "kurdish", True),
    ],
)
def test_a_relative_clause_of_control_is_about_its_noun(gazetteer, text, side, background):
    claim = one(text, gazetteer)
    assert (claim.place_id, claim.controller, claim.claim_type) == ("al-ashrafiyah", side, "holds")
    assert ("background" in claim.flags) == background


def test_a_verb_of_moving_forward_does_not_block_the_capture_it_leads_to(gazetteer):
    claim = one("Government troops advanced and seized Qarlaq.", gazetteer)
    assert (claim.place_id, claim.controller, claim.claim_type) == ("qarlaq", "government", "captured")
    assert claims_of("An advance to seize Qarlaq was expected.", gazetteer) == []


def test_a_misspelt_item_of_the_districts_of_a_list_takes_its_nearest_local_spelling(gazetteer):
    found = {
        (c.place_id, c.controller, c.claim_type)
        for c in claims_of(
            "On Friday the army stormed the districts of al-Hallak, Baibdeen and Rashhad.", gazetteer
        )
    }
    assert ("al-mashhad", "government", "captured") in found
    assert not any(place is None for place, _, _ in found)


def test_a_gain_said_to_be_a_site_in_a_district_is_a_capture_of_the_district(gazetteer):
    found = claims_of(
        "Government troops pushed south on Sunday. Their biggest gain of the day was the so-called "
        '"Water Tower Hill" in the Sheikh Saeed district.',
        gazetteer,
    )
    assert [(c.place_id, c.controller, c.claim_type) for c in found] == [
        ("sheikh-saeed", "government", "captured")
    ]  # the hill, a site of the district, is no unresolved place of its own


def test_gaining_ground_is_no_capture(gazetteer):
    found = claims_of("The army gained ground near Sheikh Saeed on Sunday.", gazetteer)
    assert not any(c.claim_type == "captured" for c in found)


def test_a_participle_takes_its_clauses_subject_and_a_compass_part_of_a_district_is_no_share(gazetteer):
    found = claims_of(
        "On Saturday the Syrian army took Sheikh Saeed. Overnight the rebels struck back at the army in "
        "Sheikh Saeed, even capturing a few positions in the district's western part.",
        gazetteer,
    )
    assert ("sheikh-saeed", "opposition", "captured") in {
        (c.place_id, c.controller, c.claim_type) for c in found
    }
    assert not any(c.claim_type == "percent" for c in found)


def test_the_side_dislodged_is_no_antecedent_of_the_troops(gazetteer):
    found = claims_of(
        "Government forces broke into al-Mashhad, dislodging the rebels from a string of positions.\n\n"
        "The troops then seized al-Ansari on Sunday.",
        gazetteer,
    )
    assert ("al-ansari", "government", "captured") in {
        (c.place_id, c.controller, c.claim_type) for c in found
    }


def test_an_unknown_list_item_a_doubled_letter_and_a_vowel_off_a_local_name_is_that_place(gazetteer):
    found = {
        c.place_id
        for c in claims_of(
            "Loyalist units kept up their attacks on gunmen in Tariq al-Bab and Sellihin.", gazetteer
        )
    }
    assert found == {"tariq-al-bab", "al-salheen"}


def test_an_unknown_list_item_sharing_no_sound_with_a_local_name_stays_unresolved(gazetteer):
    found = {
        c.place_id
        for c in claims_of(
            "Loyalist units kept up their attacks on gunmen in Tariq al-Bab and Dorrani.", gazetteer
        )
    }
    assert found == {"tariq-al-bab"}


def test_a_lone_unknown_name_does_not_take_a_local_spelling_by_sound(gazetteer):
    assert {
        c.place_id
        for c in claims_of("Loyalist units kept up their attacks on gunmen in Sellihin.", gazetteer)
    } == set()


def test_a_vowel_blind_one_word_name_is_met_only_by_a_near_coarse_key(gazetteer):
    assert gazetteer.listed_spelling("Sellihin").id == "al-salheen"
    assert gazetteer.listed_spelling("Dorrani") is None
    assert gazetteer.listed_spelling("Karm al-Jabal") is None  # one word only
