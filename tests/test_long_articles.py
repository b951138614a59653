"""Long articles: a batch is bounded by its text as well as by its count, so memory follows the
longest articles, not 16 of them at once; and the app shows how far a big upload has got."""

from __future__ import annotations

from geo.app import IngestProgress
from geo.read import Article
from geo.store import BATCH_CHARS, Store, ingest


def long_article(n: int, chars: int) -> Article:
    sentence = f"Report {n}: the road north of the market stayed quiet through the day. "
    return Article(text=(sentence * (chars // len(sentence) + 1))[:chars], title=f"long {n}")


def test_batches_are_bounded_by_text_as_well_as_by_count(tmp_path, gazetteer):
    store = Store(tmp_path / "long.db")
    seen: list[int] = []
    sizes = [BATCH_CHARS * 2 // 5] * 6 + [BATCH_CHARS * 3 // 2] + [1000] * 3
    articles = [long_article(n, size) for n, size in enumerate(sizes)]
    report = ingest(store, articles, gazetteer, extract=lambda a, g: [], batch_size=16, progress=seen.append)
    # two 40% articles fit a batch, a third does not; the 150% one goes alone, the short ones follow it
    assert seen == [2, 2, 2, 1, 3]
    assert len(report.added) == len(articles) and [a.title for a in store.articles()] == [
        a.title for a in articles
    ]
    store.close()


def test_the_count_still_bounds_a_batch_of_short_articles(tmp_path, gazetteer):
    store = Store(tmp_path / "short.db")
    seen: list[int] = []
    ingest(
        store,
        [long_article(n, 500) for n in range(10)],
        gazetteer,
        extract=lambda a, g: [],
        batch_size=4,
        progress=seen.append,
    )
    assert seen == [4, 4, 2]
    store.close()


def test_ingest_progress_counts_to_the_total():
    shown: list[tuple[float, str]] = []
    progress = IngestProgress(5, lambda fraction, text: shown.append((fraction, text)))
    progress(2)
    progress(3)
    assert shown == [
        (0.0, "0 of 5 articles read for places and claims"),
        (0.4, "2 of 5 articles read for places and claims"),
        (1.0, "5 of 5 articles read for places and claims"),
    ]
    empty: list[tuple[float, str]] = []
    IngestProgress(0, lambda fraction, text: empty.append((fraction, text)))
    assert empty == [(1.0, "0 of 0 articles read for places and claims")]
