"""Ingest at scale: streamed sources, claims read in parallel (a pool, a Dask cluster), batched
writes, and resuming by content hash.

Most tests read claims with a stand-in extractor (one claim per line "place side YYYY-MM-DD"),
defined at module level so worker processes can use it; the pool and Dask tests use the real one.
"""

import json
from datetime import date

import pytest

from geo.core import ArticleError, Claim, GeoError
from geo.read import Article, read_article
from geo.store import Store, ingest, read_jsonl, read_sources
from tests.conftest import ALEPPO

DEMO = ALEPPO / "demo"
CALLS: list[str] = []  # the articles the stand-in extractor was asked to read, in this process


def lines(article: Article, gazetteer) -> list[Claim]:
    """One claim per line "place side YYYY-MM-DD"; a line "crash" raises, as a broken extractor would."""
    CALLS.append(article.id)
    claims, offset = [], 0
    for line in article.text.splitlines(keepends=True):
        if line.strip() == "crash":
            raise ValueError("the extractor met something it never saw")
        place, side, day = line.split()
        claims.append(
            Claim(
                article=article.id,
                sentence=line.strip(),
                start=offset,
                end=offset + len(line.strip()),
                place_as_written=place,
                place_id=place if place in gazetteer.places else None,
                place=place,
                controller=side,
                claim_type="captured",
                date_from=date.fromisoformat(day),
                date_to=date.fromisoformat(day),
            )
        )
        offset += len(line)
    return claims


def report_on(number: int) -> Article:
    sides = ("government", "opposition")
    return Article(
        text=f"al-shaar {sides[number % 2]} 2016-12-{1 + number % 28:02d}\n"
        f"bab-al-hadid government 2016-11-{1 + number % 30:02d}\nnumber-{number} government 2016-12-08\n",
        title=f"report {number}",
        published=date(2016, 12, 8),
    )


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path / "geo.db")
    yield store
    store.close()


@pytest.fixture(autouse=True)
def no_calls():
    CALLS.clear()


def test_json_lines_become_articles_and_bad_lines_are_named_with_their_line(tmp_path):
    path = tmp_path / "wire.jsonl"
    good = {
        "title": "Hanano",
        "source": "Wire",
        "url": "https://example.org/1",
        "published": "2016-11-27",
        "text": "Government troops captured Masaken Hanano.",
    }
    rows = [
        json.dumps(good),
        "",
        "{not json",
        json.dumps({**good, "text": " "}),
        json.dumps({**good, "title": 7}),
        json.dumps({**good, "published": "2016-02-30"}),
        json.dumps(["a list"]),
        json.dumps({**good, "published": None}),
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    first, *bad, last = list(read_jsonl(path))
    assert first == Article(
        text=good["text"],
        title="Hanano",
        source="Wire",
        url=good["url"],
        published=date(2016, 11, 27),
        published_basis="metadata",
        path=f"{path}:1",
    )
    assert [(e.row, e.problem.split(" (")[0]) for e in bad] == [
        (3, "not JSON"),
        (4, "no article text"),
        (5, "not a string: title"),
        (6, "published: '2016-02-30' is not a real calendar date"),
        (7, "not a JSON object"),
    ]
    assert all(isinstance(e, ArticleError) and e.file == str(path) for e in bad)
    assert last.published is None and last.published_basis == "" and last.path == f"{path}:8"


def test_a_given_publication_date_wins_over_the_lines_own(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text(
        json.dumps({"text": "Rebels withdrew.", "published": "2016-11-27"}) + "\n", encoding="utf-8"
    )
    (article,) = read_jsonl(path, published=date(2016, 12, 1))
    assert (article.published, article.published_basis) == (date(2016, 12, 1), "given")


def test_sources_expand_globs_and_read_folders_files_and_json_lines_alike(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Government troops captured Masaken Hanano.\n", encoding="utf-8")
    (tmp_path / "a" / "two.md").write_text(
        "---\ntitle: Two\n---\nRebels withdrew from Jabal Badro.\n", encoding="utf-8"
    )
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"text": "The army entered al-Sakhour."}) + "\n", encoding="utf-8"
    )
    pattern = str(tmp_path / "**" / "*.txt")
    found = list(
        read_sources([pattern, tmp_path / "a" / "two.md", tmp_path / "b.jsonl", tmp_path / "nothing-*.md"])
    )
    errors = [f for f in found if isinstance(f, ArticleError)]
    assert [(e.file, e.problem) for e in errors] == [
        (str(tmp_path / "nothing-*.md"), "no files match this pattern")
    ]
    assert [a.title for a in found if isinstance(a, Article)] == ["", "Two", ""]
    assert [a.text.split()[0] for a in found if isinstance(a, Article)] == ["Government", "Rebels", "The"]


def test_a_batch_lands_in_input_order_with_every_claim(store, gazetteer):
    articles = [report_on(n) for n in range(40)]
    report = ingest(store, articles, gazetteer, extract=lines, batch_size=7)
    assert report.added == [a.title for a in articles] and report.claims == 120 and not report.failed
    assert [a.id for a in store.articles()] == [a.id for a in articles]
    assert set(store.claims()) == {c.key for a in articles for c in lines(a, gazetteer)}
    assert store.check() == []


def test_articles_already_stored_are_skipped_before_their_claims_are_read(store, gazetteer):
    articles = [report_on(n) for n in range(30)]
    ingest(store, articles[:12], gazetteer, extract=lines, batch_size=5)
    CALLS.clear()
    again = ingest(store, articles + articles[20:25], gazetteer, extract=lines, batch_size=5)
    assert CALLS == [a.id for a in articles[12:]]  # resumed: only the new ones were read
    assert len(again.added) == 18 and len(again.duplicates) == 12 + 5
    assert len(store.articles()) == 30


def test_an_article_the_extractor_cannot_read_is_reported_and_its_batch_goes_on(store, gazetteer):
    broken = Article(text="al-shaar government 2016-12-07\ncrash\n", path="broken.txt")
    report = ingest(
        store,
        [report_on(1), broken, report_on(2), ArticleError("empty file", file="e.txt")],
        gazetteer,
        extract=lines,
        batch_size=4,
    )
    assert report.failed == [
        ("e.txt", "empty file"),
        (
            "broken.txt",
            "the extractor could not read it (ValueError: the extractor met something it never saw)",
        ),
    ]
    assert report.added == ["report 1", "report 2"] and not store.has_article(broken.id)


def test_the_input_is_streamed_a_few_batches_ahead_of_the_store_at_most(store, gazetteer, monkeypatch):
    pulled, seen_at_first_write = 0, []

    def endless_wire():
        nonlocal pulled
        for number in range(10_000):
            pulled += 1
            yield report_on(number)
            if number == 200:
                return

    real = Store.add_articles

    def add_articles(self, batch, **kw):
        seen_at_first_write.append(pulled)
        return real(self, batch, **kw)

    monkeypatch.setattr(Store, "add_articles", add_articles)
    ingest(store, endless_wire(), gazetteer, extract=lines, batch_size=10)
    assert seen_at_first_write[0] <= 2 * 10  # the first batch is written before the third is read
    assert len(seen_at_first_write) == 21


def test_a_process_pool_reads_the_same_claims_as_one_process(tmp_path, gazetteer):
    files = sorted(DEMO.glob("2016-11-2*.md"))
    one, two = Store(tmp_path / "one.db"), Store(tmp_path / "two.db")
    ingest(one, read_sources(files), gazetteer, batch_size=2)
    report = ingest(two, read_sources(files), gazetteer, workers=2, batch_size=2)
    assert len(report.added) == len(files) and report.claims == len(one.claims()) > 0
    assert two.claims() == one.claims() and [a.id for a in two.articles()] == [a.id for a in one.articles()]
    assert two.check() == []


@pytest.mark.slow
def test_a_dask_cluster_reads_the_claims_and_the_driver_writes_them(tmp_path, gazetteer):
    distributed = pytest.importorskip("distributed")
    files = sorted(DEMO.glob("2016-1*.md"))
    expected = Store(tmp_path / "here.db")
    ingest(expected, read_sources(files), gazetteer)
    store = Store(tmp_path / "dask.db")
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        memory_limit="1GiB",
        dashboard_address=None,
        host="127.0.0.1",
    ) as cluster:
        with distributed.Client(cluster) as client:
            report = ingest(
                store, read_sources(files), gazetteer, scheduler=cluster.scheduler_address, batch_size=3
            )
            workers_used = client.run(has_read_claims)
            again = ingest(store, read_sources(files), gazetteer, scheduler=client)
    assert len(report.added) == len(files) and not report.failed
    assert store.claims() == expected.claims() and len(store.claims()) > 10
    assert sorted(workers_used.values()) == [True, True]  # both workers read claims
    assert store.check() == []
    assert again.added == [] and len(again.duplicates) == len(files)


def has_read_claims() -> bool:
    """On a Dask worker: whether it holds a gazetteer to read claims with."""
    from geo.store import ingestion as module

    return bool(module._CONTEXT)


def test_the_command_streams_json_lines_and_prints_a_rate(tmp_path, capsys):
    from geo.cli import main

    wire = tmp_path / "wire.jsonl"
    texts = [read_article(f).text for f in sorted(DEMO.glob("2016-11-2*.md"))]
    wire.write_text(
        "".join(
            json.dumps({"title": f"t{i}", "published": "2016-11-28", "text": t}) + "\n"
            for i, t in enumerate(texts)
        )
        + "{broken\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "cli.db")
    assert main(["ingest", str(wire), "--db", db, "--batch-size", "2"]) == 2
    captured = capsys.readouterr()
    out = captured.out
    assert (
        f"{len(texts)} article(s) added, 0 skipped as duplicates, 1 failed in " in out
        and " articles/s)" in out
    )
    assert f"failed: {wire}: row {len(texts) + 1}: not JSON" in captured.err
    assert main(["ingest", str(wire), "--db", db]) == 2
    assert f"0 article(s) added, {len(texts)} skipped as duplicates, 1 failed" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv,problem",
    [
        (["--workers", "2", "--scheduler", "tcp://127.0.0.1:1"], "--workers is for this machine"),
        (["--batch-size", "0"], "must be at least 1"),
    ],
)
def test_contradictory_options_are_one_line_and_status_2(tmp_path, capsys, argv, problem):
    from geo.cli import main

    assert main(["ingest", str(DEMO), "--db", str(tmp_path / "x.db"), *argv]) == 2
    err = capsys.readouterr().err
    assert problem in err and err.strip().count("\n") == 0


def test_bad_options_are_geo_errors(store, gazetteer):
    with pytest.raises(GeoError, match="at least 1"):
        ingest(store, [], gazetteer, workers=0)
