"""One batch of hostile and broken files: every good one lands, every bad one is reported with its
reason, and the store passes its integrity check afterwards. The files are made here, at test time."""

import json
import re

import pytest

from geo.cli import main
from geo.read import MAX_BYTES
from geo.store import Store

GOOD = {
    "good.md": "---\ntitle: Hanano taken\npublished: 2016-12-08\n---\n"
    "Government troops captured Masaken Hanano on Saturday, state media said.\n",
    "good.txt": "Rebels leave Jabal Badro\n\nRebels withdrew from Jabal Badro overnight, activists said.\n",
    "old-date.md": "---\npublished: 1900-01-01\n---\nThe army took al-Sakhour after a day of fighting.\n",
    # right-to-left marks, zero-width joiners and an override around a place name, Arabic beside Latin
    "marks.txt": "Government troops captured \u200fMasaken\u200b Hanano\u202e, \u0627\u0644\u0634\u0639\u0627\u0631 "
    "residents said.\u200d\n",
}
PAGE = """<!doctype html><html><head><title>Rebels pull back from Bustan al-Basha</title>
<script>document.write("Government troops captured al-Sakhour")</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Rebels pull back from Bustan al-Basha</h1>
<p>Rebel fighters withdrew from Bustan al-Basha early on Tuesday after a night of shelling, residents said.</p>
<script>alert("the page's own code")</script>
<p>Families who stayed in the district described streets without power or water for most of the week.</p>
<p>Aid workers said they could not reach the area to deliver food or medicine before the weekend.</p>
</article><footer>Copyright, all rights reserved</footer></body></html>
"""
# what goes wrong with each bad file, in the words of the report
BAD = {
    "empty.txt": (b"", "empty file"),
    "blank.md": (b"  \n\n\t\n", "empty file"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
    "truncated.txt": ("Rebels withdrew from Bustan al-Basha. \u062d\u0644\u0628".encode()[:-1], "not UTF-8"),
    "latin1.txt": ("Troops entered the caf\u00e9 district.".encode("latin-1"), "not UTF-8"),
    "bad-date.md": (
        b"---\npublished: 2016-02-30\n---\nThe army took al-Sakhour.\n",
        "not a real calendar date",
    ),
    "bad-front-matter.md": (
        b"---\nthis line has no colon\n---\nThe army took al-Sakhour.\n",
        "is not 'key: value'",
    ),
}
#: Under the 20 MB file limit, but more than the language model takes in one text (1,000,000
#: characters), in one paragraph: read in pieces, its one claim found at its place near the end.
ENDLESS = (
    "Shelling went on through the night. " * 35_000 + "Rebels withdrew from Jabal Badro, activists said.\n"
)


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    for name, (raw, _) in BAD.items():
        (folder / name).write_bytes(raw)
    (folder / "endless.txt").write_text(ENDLESS, encoding="utf-8")
    with (folder / "huge.txt").open("wb") as handle:  # 50 MB
        for _ in range(50):
            handle.write(b"Shelling went on through the night. " * (1024 * 1024 // 36 + 1))
    (tmp_path / "meta.csv").write_text("file,title\ngood.txt,Badro\n", encoding="utf-8")
    wire = [
        {
            "title": "wire 1",
            "published": "2016-12-07",
            "text": "The army captured al-Sha'ar, state media said.",
        },
        {"title": "wire 2", "published": "2016-02-30", "text": "Rebels withdrew from Karm al-Jabal."},
        '{"title": "cut off',
        {
            "title": "wire 4",
            "published": None,
            "text": "Pro-government militias seized Karm al-Jabal on Monday.",
        },
        {"title": "wire 5", "text": 42},
    ]
    (tmp_path / "wire.jsonl").write_text(
        "".join((w if isinstance(w, str) else json.dumps(w)) + "\n" for w in wire), encoding="utf-8"
    )
    yield tmp_path
    (folder / "huge.txt").unlink()


@pytest.mark.slow
def test_good_files_land_bad_ones_are_reported_and_the_store_is_sound(corpus, capsys, gazetteer):
    folder, wire, db = corpus / "articles", corpus / "wire.jsonl", corpus / "hostile.db"
    assert (folder / "huge.txt").stat().st_size > 2 * MAX_BYTES
    status = main(["ingest", str(folder), str(wire), "--meta", str(corpus / "meta.csv"), "--db", str(db)])
    out = capsys.readouterr().err  # failures are reported on stderr
    assert status == 2
    failed = dict(re.findall(r"^  failed: (.+?): (.+)$", out, re.MULTILINE))
    expected = {str(folder / name): reason for name, (_, reason) in BAD.items()}
    expected |= {
        str(folder / "huge.txt"): "too large for an article",
        str(corpus / "meta.csv"): "missing column(s): source, published",
        f"{wire}": "row 2: published: '2016-02-30' is not a real calendar date",
    }
    wire_failures = [line for line in out.splitlines() if line.startswith(f"  failed: {wire}: ")]
    assert [line.split(": ", 2)[2].split(" (")[0] for line in wire_failures] == [
        "row 2: published: '2016-02-30' is not a real calendar date",
        "row 3: not JSON",
        "row 5: not a string: text",
    ]
    del failed[str(wire)], expected[str(wire)]
    assert set(failed) == set(expected)
    for file, reason in expected.items():
        assert reason in failed[file], file

    store = Store(db)
    stored = {a.path: a for a in store.articles()}
    assert set(stored) == {str(folder / n) for n in [*GOOD, "page.html", "endless.txt"]} | {
        f"{wire}:1",
        f"{wire}:4",
    }
    page = stored[str(folder / "page.html")].text
    assert "Bustan al-Basha" in page and "alert" not in page and "document.write" not in page
    assert stored[str(folder / "marks.txt")].text == GOOD["marks.txt"]
    assert store.check() == []

    claims = store.claims()
    (endless,) = [c for c in claims.values() if c.article == stored[str(folder / "endless.txt")].id]
    assert endless.place_id == "jabal-badro" and endless.start == len(ENDLESS) - 50
    old = stored[str(folder / "old-date.md")]
    old_claims = [k for k, c in claims.items() if c.article == old.id]
    assert old_claims, "the 1900 article should still have its claim read"
    timeline = store.timeline(gazetteer)
    assert all(k in timeline.unplaced for k in old_claims)  # dated before the baseline: not on the map
    store.close()
