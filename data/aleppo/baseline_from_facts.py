"""Write ``data/aleppo/baseline.csv`` from the reference facts' pre-offensive control column.

The facts (``../shared/reference/aleppo-neighbourhood-facts.csv``, outside the repository) give,
for each place, who held it before the 15 November 2016 offensive (``opposition``, ``government``,
``kurdish``, ``partial`` = the front line ran through it, ``unknown``) and end each note with the
sources of that value. Only facts carry over: the controller, the date, and the *names* of the
sources, which this script picks out of the note and lists in its own words. No sentence of the
facts file is copied.

    python data/aleppo/baseline_from_facts.py [--facts CSV] [--gazetteer DIR]

Places are matched on their canonical name (the gazetteer's ``places.csv`` was built from the
same file); a fact for a place the gazetteer lacks is reported and left out.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

from geo.gazetteer import (  # noqa: E402
    BASELINE_COLUMNS,
    Gazetteer,  # noqa: E402
    read_baseline,
)

FACTS = ROOT.parent / "shared" / "reference" / "aleppo-neighbourhood-facts.csv"
COLUMN = "control_before_2016_11_15"
AS_OF = "2016-11-15"
#: The facts' values, as the baseline's controllers.
CONTROLLER = {
    "opposition": "opposition",
    "government": "government",
    "kurdish": "kurdish",
    "partial": "contested",
    "unknown": "unknown",
}
#: How each value reads in the source column.
SAYS = {
    "opposition": "opposition-held before the 15 Nov 2016 offensive",
    "government": "government-held before the 15 Nov 2016 offensive",
    "kurdish": "held by Kurdish forces before 15 Nov 2016",
    "partial": "front line ran through it before 15 Nov 2016",
    "unknown": "not established: searches found no source for mid-Nov 2016",
}
#: Sources a note may cite (pattern, as named here; "Wikipedia: article" entries are grouped).
#: They are listed in the order the note cites them, at most MAX_SOURCES.
SOURCES = [
    (r"Aleppo offensive \(Nov-Dec 2016\)|WP Nov-Dec", "Wikipedia: Nov-Dec 2016 offensive"),
    (r"Aleppo offensive \(Sep-Oct 2016\)", "Wikipedia: Sep-Oct 2016 offensive"),
    (r"Aleppo offensive \(Oct-Nov 2016\)", "Wikipedia: Oct-Nov 2016 offensive"),
    (r"Aleppo summer campaign", "Wikipedia: 2016 summer campaign"),
    (r"Battle of Aleppo \(2012-2016\)", "Wikipedia: Battle of Aleppo"),
    (r"Ancient City of Aleppo", "Wikipedia: Ancient City of Aleppo"),
    (r"aleppo-2016-timeline", "the day-by-day record of Nov-Dec 2016 reports"),
    (r"Conflict Urbanism", "Columbia CSR Conflict Urbanism seminar"),
    (r"un\.geojson|UNOSAT", "UNOSAT damage labels"),
    (r"scd\.json|Syrian Civil Defence", "Syrian Civil Defence reports"),
    (r"CSR alias", "CSR alias lists"),
    (r"\bSOHR\b", "SOHR"),
    (r"\bAFP\b", "AFP"),
    (r"\bSANA\b", "SANA"),
    (r"\bReuters\b", "Reuters"),
    (r"\bOCHA\b", "UN OCHA"),
    (r"\bICRC\b", "ICRC"),
    (r"Al Jazeera", "Al Jazeera"),
    (r"SouthFront", "SouthFront"),
    (r"Storyful", "Storyful"),
    (r"Masdar", "al-Masdar"),
    (r"Alalam", "Alalam"),
    (r"\bRIA\b", "RIA"),
    (r"Tasnim", "Tasnim"),
    (r"Syria Direct", "Syria Direct"),
    (r"Palmyra Monitor", "Palmyra Monitor"),
    (r"Caerus", "Caerus"),
    (r"Jerusalem Post", "Jerusalem Post"),
    (r"Al Mayadeen", "Al Mayadeen"),
    (r"Ittihad", "al-Ittihad"),
    (r"North Press", "North Press"),
    (r"Hawar", "Hawar"),
    (r"Yalla Souriya", "Yalla Souriya"),
    (r"Syrian Mirror", "Syrian Mirror"),
    (r"Syrian Reporter", "Syrian Reporter"),
    (r"Syrian Press Center", "Syrian Press Center"),
    (r"Qasioun", "Qasioun"),
    (r"KurdWatch", "KurdWatch"),
    (r"Rojava Information Center", "Rojava Information Center"),
    (r"Al-Araby", "Al-Araby"),
    (r"Khabar", "Khabar"),
    (r"Hashtag Syria", "Hashtag Syria"),
    (r"Islamic Invitation Turkey", "Islamic Invitation Turkey"),
    (r"Djelfa", "Djelfa"),
    (r"Akhbar", "al-Akhbar"),
    (r"Euronews", "Euronews"),
    (r"\bNPR\b", "NPR"),
    (r"avia-pro", "avia-pro"),
    (r"syriaweek", "syriaweek"),
]
MAX_SOURCES = 3
#: A basis that opens with where the place lies was (partly) read from its neighbours.
FROM_NEIGHBOURS = re.compile(
    r"^(between|next to|beside|north of|south of|east of|west of|its damage-site|"
    r"CSR alias list files)",
    re.I,
)
BASIS = re.compile(r"before 15 Nov: (\w+) \((.*)\)\s*$", re.S)


def source_text(value: str, note: str) -> str:
    """The baseline's source column: what the value is, and the sources the note names."""
    found = BASIS.search(note)
    basis = found.group(2) if found else ""
    text = SAYS[value]
    if value == "unknown":  # the note lists where it was looked for, not sources of a value
        return text
    cited = sorted((m.start(), label) for pattern, label in SOURCES if (m := re.search(pattern, basis)))
    named: list[str] = []
    for _, label in cited:
        outlet, _, article = label.partition(": ")
        if article and named and named[-1].startswith(outlet + " ("):
            named[-1] = named[-1][:-1] + f"; {article})"
        elif article:
            named.append(f"{outlet} ({article})")
        elif label not in named:
            named.append(label)
    if FROM_NEIGHBOURS.match(basis):
        text += "; partly inferred from its neighbours"
    if named:
        more = f" and {len(named) - MAX_SOURCES} more" if len(named) > MAX_SOURCES else ""
        text += "; per " + ", ".join(named[:MAX_SOURCES]) + more
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--facts", type=Path, default=FACTS)
    parser.add_argument("--gazetteer", type=Path, default=ROOT / "data" / "aleppo")
    args = parser.parse_args(argv)
    if not args.facts.is_file():
        print(f"{args.facts} is absent: the reference facts live outside the repository", file=sys.stderr)
        return 2
    gazetteer = Gazetteer.load(args.gazetteer)
    by_name = {p.name: p.id for p in gazetteer.areas}
    rows, missing = {}, []
    with args.facts.open(encoding="utf-8", newline="") as handle:
        for fact in csv.DictReader(handle):
            value = fact[COLUMN].strip()
            if value not in CONTROLLER:
                raise SystemExit(f"{fact['name']}: {COLUMN} {value!r} is not one of {', '.join(CONTROLLER)}")
            place_id = by_name.get(fact["name"])
            if place_id is None:
                missing.append(fact["name"])
                continue
            rows[place_id] = {
                "place_id": place_id,
                "controller": CONTROLLER[value],
                "as_of": AS_OF,
                "source": source_text(value, fact["notes"]),
            }
    unlisted = [p.id for p in gazetteer.areas if p.id not in rows]
    out = args.gazetteer / "baseline.csv"
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, BASELINE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows[p.id] for p in gazetteer.areas if p.id in rows)
    baseline = read_baseline(out, gazetteer)  # fails loudly if the file is not one the loader accepts
    counts: dict[str, int] = {}
    for entry in baseline.entries.values():
        counts[entry.controller] = counts.get(entry.controller, 0) + 1
    print(
        f"wrote {out}: {len(rows)} places as of {AS_OF}: "
        + ", ".join(f"{n} {c}" for c, n in sorted(counts.items(), key=lambda kv: -kv[1]))
    )
    if missing:
        print(f"  facts for places the gazetteer lacks (left out): {', '.join(missing)}")
    if unlisted:
        print(f"  map places without a fact (unknown): {', '.join(unlisted)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
