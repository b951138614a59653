"""The seed articles, scored by the rule of ../shared/seeds/README.md.

A claim matches a gold row when its sentence contains the row's excerpt, its place is the
gazetteer entry the gold place resolves to, controller and claim type agree (for ``percent``,
the number too) and the date ranges overlap. ``must`` rows must all be found, three quarters
of ``should`` rows, no claim may come from a negative sentence, at most two claims may match
no gold row (``may`` rows count neither way).

Control said in passing ("opposition-held east Aleppo") was not annotated in the seeds, while
the dev corpora's gold counts it as ``holds`` (issue 11); such ``background`` claims count
neither way here, like ``may`` rows, but are printed.
"""

import csv
import re
from datetime import date

import pytest

from geo.read import Article, load_articles, read_claims_many

from .conftest import shared_path


def _rows(name):
    with shared_path("seeds", name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def seeds(gazetteer):
    loaded = list(load_articles([], meta_csv=shared_path("seeds", "articles.csv")))
    articles = [a for a in loaded if isinstance(a, Article)]
    assert len(articles) == len(loaded) == 2, loaded
    by_file = {a.path.rsplit("/", 1)[-1]: claims for a, claims in read_claims_many(articles, gazetteer)}
    return by_file


def _matches(claim, row, gazetteer):
    place = gazetteer.lookup(row["place"]).match
    if row["sentence_excerpt"] not in claim.sentence or place is None or claim.place_id != place.id:
        return False
    if (claim.controller, claim.claim_type) != (row["new_controller"], row["claim_type"]):
        return False
    if row["claim_type"] == "percent":
        number = float(re.search(r"\d+(?:\.\d+)?", row["note"]).group())
        if claim.percent != number:
            return False
    if claim.date_from is None or claim.date_to is None:
        return False
    return (
        claim.date_from <= date.fromisoformat(row["date_to"])
        and date.fromisoformat(row["date_from"]) <= claim.date_to
    )


def test_the_seed_articles_score_as_the_readme_requires(seeds, gazetteer):
    gold = _rows("gold.csv")
    negatives = _rows("negatives.csv")
    found = {"must": [], "should": []}
    missed = []
    for row in gold:
        hit = any(_matches(c, row, gazetteer) for c in seeds[row["file"]])
        if row["level"] in found:
            found[row["level"]].append(hit)
            if not hit:
                missed.append(
                    f"{row['level']}: {row['place_as_written']} {row['new_controller']} "
                    f"{row['claim_type']} in {row['sentence_excerpt']!r}"
                )
    unmatched = [
        c
        for name, claims in seeds.items()
        for c in claims
        if "background" not in c.flags
        and not any(_matches(c, row, gazetteer) for row in gold if row["file"] == name)
    ]
    for claim in (c for claims in seeds.values() for c in claims if "background" in c.flags):
        print(
            f"  in passing: {claim.place_id} {claim.controller} {claim.claim_type} in {claim.sentence[:60]!r}"
        )
    from_negatives = [
        c for row in negatives for c in seeds[row["file"]] if row["sentence_excerpt"] in c.sentence
    ]
    summary = (
        f"must {sum(found['must'])}/{len(found['must'])}, should {sum(found['should'])}/{len(found['should'])}, "
        f"claims from negatives {len(from_negatives)}/{len(negatives)} sentences, "
        f"claims matching no gold row {len(unmatched)} (of {sum(len(c) for c in seeds.values())} claims)"
    )
    print("\nseed score:", summary)
    for line in missed:
        print("  missed", line)
    for claim in unmatched:
        print(
            f"  unmatched: {claim.place_as_written} {claim.controller} {claim.claim_type} "
            f"{claim.date_from}..{claim.date_to} in {claim.sentence[:70]!r}"
        )
    assert all(found["must"]), summary
    assert sum(found["should"]) * 4 >= len(found["should"]) * 3, summary
    assert not from_negatives, summary
    assert len(unmatched) <= 2, summary


def test_every_seed_claim_cites_its_sentence_and_place(seeds):
    for name, claims in seeds.items():
        text = shared_path("seeds", name).read_text(encoding="utf-8")
        for claim in claims:
            assert text[claim.start : claim.end] == claim.sentence
            assert text[claim.place_start : claim.place_end] == claim.place_as_written
            assert claim.cue and text[claim.cue_start : claim.cue_end] == claim.cue
            assert 0 < claim.confidence <= 1
