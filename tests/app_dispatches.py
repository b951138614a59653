"""A small store for the app's tests: four invented dispatches about Aleppo, claims read by hand.

The claims are written out (not extracted), so the app's tests test the app, not the language
reading. Three change dates: Masaken Hanano on 27 November, al-Sha'ar and Bab al-Hadid on
7 December, Sheikh Saeed on 12 December (with a percent claim about eastern Aleppo that day).
One dispatch is hostile: markup in its title and sentence and a ``javascript:`` link, to prove
the pages escape it. One claim names a place the gazetteer does not know.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from geo.core import Claim
from geo.read import Article
from geo.store import Store
from tests.small_town import _claim as claim

PAYLOAD = '<img src=x onerror="window.__pwned=1">'
DAYS = (date(2016, 11, 27), date(2016, 12, 7), date(2016, 12, 12))

HANANO = Article(
    "Government troops took Masaken Hanano on Sunday after a night of shelling, state media said.",
    "Army retakes a northern district",
    "Test Wire",
    "https://wire.example/hanano",
    date(2016, 11, 28),
)
SHAAR = Article(
    "Army units captured al-Shaar and Bab al-Hadid on Wednesday. Rebels reportedly still hold Bustan al-Qasr.",
    "Two districts fall",
    "Evening Test",
    "http://evening.example/shaar?a=1&b=2",
    date(2016, 12, 8),
)
SAEED = Article(
    f"{PAYLOAD} Troops entered Sheikh Saeed on Monday. Government forces now control 90 percent of eastern "
    "Aleppo, a monitor said. Clashes went on in Zebdine Farms.",
    f"Hostile {PAYLOAD} title",
    "Outlet <b>bold</b>",
    "javascript:alert(1)",
    date(2016, 12, 13),
)


def claims() -> list[Claim]:
    return [
        claim(
            HANANO,
            HANANO.text,
            "Masaken Hanano",
            "masaken-hanano",
            "government",
            DAYS[0],
            "took",
            attribution="state media",
        ),
        claim(
            SHAAR,
            "Army units captured al-Shaar and Bab al-Hadid on Wednesday.",
            "al-Shaar",
            "al-shaar",
            "government",
            DAYS[1],
            "captured",
        ),
        claim(
            SHAAR,
            "Army units captured al-Shaar and Bab al-Hadid on Wednesday.",
            "Bab al-Hadid",
            "bab-al-hadid",
            "government",
            DAYS[1],
            "captured",
        ),
        claim(
            SHAAR,
            "Rebels reportedly still hold Bustan al-Qasr.",
            "Bustan al-Qasr",
            "bustan-al-qasr",
            "opposition",
            DAYS[1],
            "hold",
            claim_type="holds",
            hedged="reportedly",
            confidence=0.3,
        ),
        claim(
            SAEED,
            f"{PAYLOAD} Troops entered Sheikh Saeed on Monday.",
            "Sheikh Saeed",
            "sheikh-saeed",
            "government",
            DAYS[2],
            "entered",
        ),
        claim(
            SAEED,
            "Government forces now control 90 percent of eastern Aleppo, a monitor said.",
            "eastern Aleppo",
            "eastern-aleppo",
            "government",
            DAYS[2],
            "control",
            claim_type="percent",
            percent=90.0,
            attribution="a monitor",
        ),
        Claim(
            article=SAEED.id,
            sentence="Clashes went on in Zebdine Farms.",
            start=SAEED.text.index("Clashes"),
            end=len(SAEED.text),
            place_as_written="Zebdine Farms",
            place_id=None,
            place="Zebdine Farms",
            controller="contested",
            claim_type="holds",
            date_from=DAYS[2],
            date_to=DAYS[2],
            place_start=SAEED.text.index("Zebdine"),
            place_end=SAEED.text.index("Zebdine") + 13,
            flags=("unresolved place",),
            confidence=0.4,
        ),
    ]


def build_store(path: Path) -> Path:
    """Write the dispatches and their claims into a new SQLite store at ``path``."""
    store = Store(path)
    try:
        by_article: dict[str, list[Claim]] = {}
        for item in claims():
            by_article.setdefault(item.article, []).append(item)
        for article in (HANANO, SHAAR, SAEED):
            store.add_article(article, by_article[article.id])
    finally:
        store.close()
    return path
