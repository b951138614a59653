"""The store keeps articles, claims and editors' decisions, and never loses any of them.

Most tests read claims with a tiny stand-in extractor (one claim per line "place side YYYY-MM-DD"),
so they test the store, not the language reading; the seed test at the end uses the real one.
"""

import json
import multiprocessing
import threading
from datetime import date

import pytest

from geo.core import Claim, StoreError
from geo.read import Article, load_articles
from geo.store import Store, database_url, ingest
from tests.conftest import shared_path

REPORT = "al-shaar government 2016-12-07\nbab-al-hadid government 2016-12-08\nnowhere-street opposition 2016-12-08\n"


def lines_extractor(skip: str = ""):
    """An extractor reading one claim per line; lines naming ``skip`` are not read (a 'new version')."""

    def extract(article: Article, gazetteer) -> list[Claim]:
        claims, offset = [], 0
        for line in article.text.splitlines(keepends=True):
            place, side, day = line.split()
            if place != skip:
                known = place in gazetteer.places
                claims.append(
                    Claim(
                        article=article.id,
                        sentence=line.strip(),
                        start=offset,
                        end=offset + len(line.strip()),
                        place_as_written=place,
                        place_id=place if known else None,
                        place=place,
                        controller=side,
                        claim_type="captured",
                        date_from=date.fromisoformat(day),
                        date_to=date.fromisoformat(day),
                        candidates=("a", "b"),
                        flags=("made up",),
                    )
                )
            offset += len(line)
        return claims

    return extract


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """The same tests on SQLite (the default) and on PostgreSQL (what a newsroom points it at)."""
    where = request.getfixturevalue("postgres_url") if request.param == "postgresql" else tmp_path / "geo.db"
    store = Store(where)
    yield store
    store.close()


def article(text=REPORT, **fields):
    return Article(
        **{"text": text, "title": "Dispatch", "source": "Test wire", "published": date(2016, 12, 8), **fields}
    )


def test_claims_and_articles_come_back_exactly_as_stored(store, gazetteer):
    report = ingest(store, [article(path="one.md")], gazetteer, extract=lines_extractor())
    assert report.added == ["one.md"] and report.claims == 3 and report.unresolved == ["nowhere-street"]
    expected = lines_extractor()(article(), gazetteer)
    assert list(store.claims().values()) == expected
    assert store.claim(expected[0].key) == expected[0]
    assert store.article(article().id) == article(path="one.md")


def test_ingesting_the_same_article_twice_changes_nothing(store, gazetteer):
    extract = lines_extractor()
    ingest(store, [article()], gazetteer, extract=extract)
    before = (store.articles(), store.claims())
    again = ingest(store, [article(), article(title="Same text, other title")], gazetteer, extract=extract)
    assert again.added == [] and len(again.duplicates) == 2 and again.claims == 0
    assert (store.articles(), store.claims()) == before


def test_bad_files_are_reported_and_the_batch_goes_on(store, gazetteer, tmp_path):
    good = tmp_path / "good.md"
    good.write_text("---\ntitle: Good\npublished: 2016-12-08\n---\n" + REPORT, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    report = ingest(
        store, load_articles([tmp_path / "empty.txt", good]), gazetteer, extract=lines_extractor()
    )
    assert [name for name, _ in report.failed] == [str(tmp_path / "empty.txt")]
    assert len(report.added) == 1 and len(store.claims()) == 3


def test_a_crash_mid_article_leaves_the_store_as_it_was_before_that_article(store, gazetteer, monkeypatch):
    first, second = article(), article(text="al-shaar opposition 2016-12-09\n")
    ingest(store, [first], gazetteer, extract=lines_extractor())
    before = (store.articles(), store.claims())
    real = Store._insert_claims

    def crash_after_the_article_row(self, conn, article_id, claims, run_id):
        real(self, conn, article_id, claims, run_id)
        raise RuntimeError("disk pulled out")

    monkeypatch.setattr(Store, "_insert_claims", crash_after_the_article_row)
    with pytest.raises(RuntimeError):
        ingest(store, [second], gazetteer, extract=lines_extractor())
    monkeypatch.undo()
    assert (store.articles(), store.claims()) == before
    assert not store.has_article(second.id)
    assert ingest(store, [second], gazetteer, extract=lines_extractor()).added  # and it can go in later


def test_claims_that_name_another_article_are_refused_with_the_article(store, gazetteer):
    def wrong_article(a, g):
        return [Claim("0" * 16, "s", 0, 1, "x", None, "x", "government", "captured")]

    with pytest.raises(StoreError):
        ingest(store, [article()], gazetteer, extract=wrong_article)
    assert store.articles() == []


def test_decisions_survive_re_extraction_and_orphans_are_kept_and_reported(store, gazetteer):
    ingest(store, [article()], gazetteer, extract=lines_extractor())
    shaar, hadid, nowhere = store.claims()
    store.decide(shaar, "accepted", by="ed")
    store.decide(hadid, "corrected", date_from="2016-12-07", by="ed", note="the Old City fell on the 7th")
    store.decide(nowhere, "rejected", by="ed")

    report = store.reextract(gazetteer, extract=lines_extractor(skip="bab-al-hadid"))
    assert (report.articles, report.claims_before, report.claims_after) == (1, 3, 2)
    assert [d.claim_key for d in report.orphaned] == [hadid] and report.kept == 2
    decisions = store.decisions()
    assert decisions[shaar].decision == "accepted" and not decisions[shaar].orphaned
    assert decisions[hadid].orphaned and decisions[hadid].note == "the Old City fell on the 7th"
    ((orphan, seen),) = store.orphaned()
    assert orphan.claim_key == hadid and seen["place_id"] == "bab-al-hadid"

    back = store.reextract(gazetteer, extract=lines_extractor())
    assert [d.claim_key for d in back.restored] == [hadid] and back.orphaned == []
    assert not store.decisions()[hadid].orphaned
    assert store.timeline(gazetteer).review[hadid] == "corrected"


def test_removing_an_article_keeps_the_decisions_about_it(store, gazetteer):
    ingest(store, [article()], gazetteer, extract=lines_extractor())
    key = next(iter(store.claims()))
    store.decide(key, "accepted")
    orphaned = store.remove_article(article().id)
    assert [d.claim_key for d in orphaned] == [key]
    assert store.claims() == {} and store.decision_log()[0].orphaned


@pytest.mark.parametrize(
    "args,problem",
    [
        (("nope", "accepted"), "no claim 'nope'"),
        ((None, "approved"), "decision 'approved'"),
        ((None, "corrected"), "needs a place, a controller or a date"),
        ((None, "accepted", {"controller": "government"}), "only a correction"),
        ((None, "corrected", {"controller": "blue"}), "controller 'blue'"),
        ((None, "corrected", {"date_from": "7 Dec"}), "date_from '7 Dec' is not a date"),
        ((None, "corrected", {"date_from": "2016-12-09", "date_to": "2016-12-08"}), "is after"),
        ((None, "corrected", {"place_id": "atlantis"}), "'atlantis' is not a map place"),
    ],
)
def test_bad_decisions_are_refused(store, gazetteer, args, problem):
    ingest(store, [article()], gazetteer, extract=lines_extractor())
    key, decision, *extra = args
    with pytest.raises(StoreError) as caught:
        store.decide(
            key or next(iter(store.claims())), decision, gazetteer=gazetteer, **(extra[0] if extra else {})
        )
    assert problem in caught.value.message
    assert store.decision_log() == []


def test_the_latest_decision_counts_and_every_one_is_kept(store, gazetteer):
    ingest(store, [article()], gazetteer, extract=lines_extractor())
    key = next(iter(store.claims()))
    store.decide(key, "rejected", by="first")
    store.decide(key, "accepted", by="second")
    assert store.decisions()[key].by == "second" and len(store.decision_log()) == 2
    assert store.timeline(gazetteer).review[key] == "accepted"


def _save_decisions(path, keys, editor):
    store = Store(path)
    for key in keys:
        store.decide(key, "accepted", by=editor)
    store.close()


def test_two_editors_saving_at_once_lose_neither_decision(store, gazetteer, tmp_path):
    texts = [f"al-shaar government 2016-12-{day:02d}\n" for day in range(1, 31)]
    ingest(store, [article(t) for t in texts], gazetteer, extract=lines_extractor())
    keys = list(store.claims())
    path = store.url
    editors = [threading.Thread(target=_save_decisions, args=(path, keys, name)) for name in ("ana", "ben")]
    for editor in editors:
        editor.start()
    for editor in editors:
        editor.join()
    spawn = multiprocessing.get_context("spawn")
    processes = [spawn.Process(target=_save_decisions, args=(path, keys, name)) for name in ("cy", "dee")]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [p.exitcode for p in processes] == [0, 0]
    saved = [(d.claim_key, d.by) for d in store.decision_log()]
    assert sorted(saved) == sorted((k, who) for k in keys for who in ("ana", "ben", "cy", "dee"))


def test_a_path_means_sqlite_and_a_url_is_used_as_given(tmp_path, monkeypatch):
    assert database_url(tmp_path / "x.db") == f"sqlite:///{tmp_path / 'x.db'}"
    assert database_url("postgresql://newsroom@db/geo") == "postgresql://newsroom@db/geo"
    monkeypatch.setenv("GEO_DB", str(tmp_path / "env.db"))
    assert database_url() == f"sqlite:///{tmp_path / 'env.db'}"


def test_settings_are_kept_in_the_store(store):
    assert store.get_meta("demo") is None
    store.set_meta("demo", "abc")
    store.set_meta("demo", "def")
    assert store.get_meta("demo") == "def"


# -- the seed articles, read by the real extractor -------------------------------------------------
def test_the_seed_articles_give_the_old_city_and_eastern_aleppo_timeline(tmp_path, gazetteer):
    seeds = shared_path("seeds")
    store = Store(tmp_path / "seeds.db")
    report = ingest(
        store, load_articles(sorted(seeds.glob("*.txt")), meta_csv=seeds / "articles.csv"), gazetteer
    )
    assert len(report.added) == 2 and report.failed == []
    timeline = store.timeline(gazetteer)
    for place_id in ("al-shaar", "aghyur", "al-farafira", "bab-al-hadid"):
        turned = [s for s in timeline.history(place_id) if s.controller == "government"]
        assert turned and date(2016, 12, 7) <= turned[0].since <= date(2016, 12, 8), (
            place_id,
            timeline.history(place_id),
        )
    by_14th = timeline.state_on(date(2016, 12, 14))
    assert {p: by_14th[p].controller for p in gazetteer.members("eastern-aleppo")} == dict.fromkeys(
        gazetteer.members("eastern-aleppo"), "government"
    )
    texts = {a.id: a.text for a in store.articles()}
    for change in timeline.changes:
        assert change.claim_keys
        for key in change.claim_keys:
            claim = timeline.claims[key]
            assert texts[claim.article][claim.start : claim.end] == claim.sentence
    store.close()


# -- the commands -----------------------------------------------------------------------------------
def test_ingest_timeline_review_and_reextract_from_the_shell(tmp_path, capsys):
    from geo.cli import main
    from tests.conftest import ALEPPO

    db = str(tmp_path / "cli.db")
    files = [
        str(ALEPPO / "demo" / n) for n in ("2016-11-26-masaken-hanano.md", "2016-11-27-northern-districts.md")
    ]
    assert main(["ingest", *files, "--db", db]) == 0
    out = capsys.readouterr().out
    assert (
        "2 article(s) added, 0 skipped as duplicates, 0 failed" in out
        and "0 with a place not resolved" in out
    )
    assert main(["ingest", *files, "--db", db]) == 0
    assert "0 article(s) added, 2 skipped as duplicates" in capsys.readouterr().out

    assert main(["timeline", "--db", db, "--json"]) == 0
    days = json.loads(capsys.readouterr().out)["dates"]
    assert [d["date"] for d in days] == ["2016-11-26", "2016-11-27"]
    hanano = days[0]["changes"][0]
    assert (hanano["place_id"], hanano["before"], hanano["after"]) == (
        "masaken-hanano",
        "opposition",
        "government",
    )
    assert "Masaken Hanano" in hanano["claims"][0]["sentence"]

    key = hanano["claims"][0]["key"]
    assert main(["review", key, "--correct", "--date-from", "2016-11-25", "--by", "ed", "--db", db]) == 0
    assert f"{key}: corrected by ed" in capsys.readouterr().out
    assert main(["timeline", "--db", db, "--date", "2016-11-25", "--json"]) == 0
    state = {p["place_id"]: p for p in json.loads(capsys.readouterr().out)["places"]}
    assert state["masaken-hanano"]["controller"] == "government" and state["masaken-hanano"]["claims"] == [
        key
    ]
    assert (
        state["masaken-hanano"]["since"] == "2016-11-25" and state["masaken-hanano"]["status"] == "accepted"
    )

    assert main(["review", "--list", "--filter", "unresolved", "--json", "--db", db]) == 0
    assert json.loads(capsys.readouterr().out) == []  # al-Inzarat resolves, though it has no coordinate
    assert main(["timeline", "--db", db, "--date", "2016-11-27", "--json"]) == 0
    state = {p["place_id"]: p for p in json.loads(capsys.readouterr().out)["places"]}
    assert state["al-inzarat"]["controller"] == "government"
    assert main(["reextract", "--db", db]) == 0
    assert "2 article(s) read again" in capsys.readouterr().out and main(["timeline", "--db", db]) == 0
    assert "[accepted]" in capsys.readouterr().out


def test_a_share_of_a_region_is_checked_then_applied_and_undone_from_the_shell(tmp_path, capsys):
    from geo.cli import main
    from tests.conftest import ALEPPO

    db = str(tmp_path / "cli.db")
    files = [
        str(ALEPPO / "demo" / n) for n in ("2016-11-26-masaken-hanano.md", "2016-12-13-evacuation-deal.md")
    ]
    assert main(["ingest", *files, "--db", db]) == 0
    capsys.readouterr()
    assert main(["timeline", "--db", db, "--date", "2016-12-13", "--json"]) == 0
    (check,) = json.loads(capsys.readouterr().out)["percent_checks"]
    assert (check["place_id"], check["claimed_percent"], check["claimed_words"]) == (
        "eastern-aleppo",
        None,
        "most of",
    )
    assert main(["timeline", "--db", db, "--date", "2016-12-13"]) == 0
    assert "claimed “most of”, map" in capsys.readouterr().out
    assert main(["timeline", "--db", db, "--json"]) == 0
    assert [d["date"] for d in json.loads(capsys.readouterr().out)["dates"]] == [
        "2016-11-26"
    ]  # it repaints nothing

    hanano = next(k for k, c in Store(db).claims().items() if c.place_id == "masaken-hanano")
    assert main(["review", hanano, "--apply", "--db", db]) == 2
    assert "only a claim about a share of a region" in capsys.readouterr().err
    assert main(["review", check["claim"], "--apply", "--by", "ed", "--db", db]) == 0
    assert f"{check['claim']}: applied by ed" in capsys.readouterr().out
    assert main(["timeline", "--db", db, "--json"]) == 0
    assert [d["date"] for d in json.loads(capsys.readouterr().out)["dates"]] == ["2016-11-26", "2016-12-13"]
    assert main(["review", check["claim"], "--undo", "--by", "ed", "--db", db]) == 0
    assert f"{check['claim']}: reopened by ed" in capsys.readouterr().out
    assert main(["timeline", "--db", db, "--json"]) == 0
    assert [d["date"] for d in json.loads(capsys.readouterr().out)["dates"]] == ["2016-11-26"]
    assert [d.decision for d in Store(db).decision_log()] == ["applied", "reopened"]


@pytest.mark.parametrize(
    "argv,problem",
    [
        (["review", "nope", "--accept"], "no claim 'nope'"),
        (["review", "--list", "x"], "--list takes no claim key"),
        (["review", "--accept"], "give the CLAIM_KEY"),
    ],
)
def test_bad_review_commands_are_one_line_and_status_2(tmp_path, capsys, argv, problem):
    from geo.cli import main

    db = tmp_path / "empty.db"
    Store(db).close()
    assert main([*argv, "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert problem in err and err.strip().count("\n") == 0


def test_commands_that_read_the_store_refuse_a_missing_database(tmp_path, capsys):
    from geo.cli import main

    assert main(["timeline", "--db", str(tmp_path / "missing.db")]) == 2
    assert "no such database" in capsys.readouterr().err
    assert not (tmp_path / "missing.db").exists()


def test_the_extraction_version_follows_the_gazetteer_files(tmp_path):
    import shutil

    from geo.gazetteer import Gazetteer
    from geo.store import extraction_version
    from tests.conftest import ALEPPO

    folder = tmp_path / "city"
    shutil.copytree(ALEPPO, folder)
    before = extraction_version(Gazetteer.load(folder))
    assert extraction_version(Gazetteer.load(folder)) == before
    places = folder / "places.csv"
    places.write_text(
        places.read_text(encoding="utf-8").replace("Hanano|", "Hanano|Hananou|", 1), encoding="utf-8"
    )
    assert extraction_version(Gazetteer.load(folder)) != before
