"""Measuring the claim reader against hand-annotated gold: precision, recall and F1, as a map reads them.

A gold file (``file,sentence_excerpt,place_as_written,place,new_controller,claim_type,date_from,
date_to,...``) has one row per (claim, place). We score *tuples*, since a map uses an article that way: a
claim counts as right when a gold row of that article matches it on

- the place (the gold ``place`` is a name resolved to a gazetteer id, exact name or variant
  first, as :meth:`Gazetteer.lookup` does; a claim's ``place_id`` is compared with it),
- the side (ids compared literally; gold ``unknown`` matches nothing),
- share or state (a ``percent`` claim against a ``percent`` row; every other type is a state),
- the dates: the claim's range overlaps the row's. A row with neither ``date_from`` nor
  ``date_to`` matches any claim, dated or not; a row with one end only is open on the other;
  an undated claim matches only a row with no dates at all (we cannot say it overlaps one),

from whichever sentence. Recall counts every different gold tuple a single time, and precision
every different claimed tuple. Rows with an empty ``place`` (a place the city's facts do not list) are
neutral, and a claim from their sentence that matches no gold row counts neither way (when the
row's place as written is found in the sentence, only a claim on those words is excused).
Denials are not scored: the map places nothing for them, it marks other claims disputed.

The score "on changes" and "per type" filter both sides to those claim types and score them
the same way, so a ``captured`` claim that agrees with a ``holds`` row counts overall but not in
the ``captured`` line.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from ..core import CLAIM_TYPES, EVENT_TYPES, Claim, GeoError, parse_iso_date
from ..gazetteer import Gazetteer, csv_rows
from .articles import Article

GOLD_COLUMNS = (
    "file",
    "sentence_excerpt",
    "place_as_written",
    "place",
    "new_controller",
    "claim_type",
    "date_from",
    "date_to",
)
NEGATIVE_COLUMNS = ("file", "sentence_excerpt")
#: The types gold rows may carry; ``denied`` is the reader's own and never annotated.
GOLD_TYPES = tuple(t for t in CLAIM_TYPES if t != "denied")
#: Score lines printed per type, in this order.
TYPE_ORDER = ("captured", "withdrew", "evacuated", "holds", "percent")
#: A gold side saying the text does not tell who: no claim can agree with it.
UNKNOWN_SIDE = "unknown"


class EvaluationError(GeoError):
    """A gold or negatives file that cannot be scored as it is (names the file and row)."""


@dataclass(frozen=True)
class GoldRow:
    """One annotated (claim, place), located in its article's body."""

    file: str
    row: int
    excerpt: str
    start: int
    end: int
    place_as_written: str
    place: str
    place_id: str | None
    controller: str
    claim_type: str
    date_from: date | None
    date_to: date | None
    note: str = ""
    #: Why ``place`` did not resolve (the gazetteer lacks it); such a row is one no claim can find.
    unknown_place: str = ""

    @property
    def neutral(self) -> bool:
        """An empty place: the facts do not list it, so it counts neither way."""
        return not self.place

    @property
    def share(self) -> bool:
        return self.claim_type == "percent"

    @property
    def dated(self) -> bool:
        return self.date_from is not None or self.date_to is not None

    @property
    def tuple(self) -> tuple:
        return (self.file, self.place_id, self.controller, self.share, self.date_from, self.date_to)

    def describe(self) -> str:
        return f"{self.place or '(empty place)'} {self.controller} {self.claim_type} {_span(self.date_from, self.date_to)}"


@dataclass(frozen=True)
class Negative:
    """A sentence with a place name and a control word in it that makes no claim."""

    file: str
    row: int
    excerpt: str
    start: int
    end: int


@dataclass(frozen=True)
class ScoredClaim:
    """A claim of a given article, with the article's file name (as gold names it)."""

    file: str
    claim: Claim

    @property
    def share(self) -> bool:
        return self.claim.claim_type == "percent"

    @property
    def tuple(self) -> tuple:
        c = self.claim
        place = c.place_id or f"?{c.place_as_written.casefold()}"
        return (self.file, place, c.controller, self.share, *_claim_dates(c))

    def describe(self) -> str:
        c = self.claim
        return (
            f"{c.place_id or c.place_as_written + ' (unresolved)'} {c.controller} {c.claim_type} "
            f"{_span(*_claim_dates(c))}"
        )


@dataclass(frozen=True)
class Score:
    """Counts behind precision and recall: distinct claimed tuples right, distinct gold tuples found."""

    claims: int = 0
    right: int = 0
    gold: int = 0
    found: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.claims if self.claims else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {
            **asdict(self),
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }

    def line(self, label: str, width: int = 10) -> str:
        return (
            f"{label:<{width}} precision {self.precision:.2f}  recall {self.recall:.2f}  F1 {self.f1:.2f}  "
            f"(tp {self.right} of {self.claims} claims, {self.found} of {self.gold} gold)"
        )


@dataclass(frozen=True)
class Miss:
    """A gold row whose tuple no claim found, with what the reader said in its sentence."""

    gold: GoldRow
    said: tuple[str, ...] = ()


@dataclass(frozen=True)
class Wrong:
    """A claimed tuple no gold row agrees with, and why the nearest rows do not."""

    claim: ScoredClaim
    why: str


@dataclass
class Evaluation:
    """Everything ``geo evaluate`` prints."""

    overall: Score
    changes: Score
    by_type: dict[str, Score]
    by_article: dict[str, Score]
    misses: list[Miss] = field(default_factory=list)
    wrong: list[Wrong] = field(default_factory=list)
    neutral_claims: int = 0
    neutral_gold: int = 0
    denials: int = 0
    negative_claims: int | None = None
    negative_sentences_hit: int = 0
    negative_sentences: int = 0

    def as_dict(self) -> dict:
        return {
            "overall": self.overall.as_dict(),
            "changes": self.changes.as_dict(),
            "types": {k: v.as_dict() for k, v in self.by_type.items()},
            "articles": {k: v.as_dict() for k, v in self.by_article.items()},
            "not_scored": {
                "neutral_claims": self.neutral_claims,
                "neutral_gold_rows": self.neutral_gold,
                "denials": self.denials,
            },
            "negatives": None
            if self.negative_claims is None
            else {
                "claims": self.negative_claims,
                "sentences_with_claims": self.negative_sentences_hit,
                "sentences": self.negative_sentences,
            },
            "misses": [
                {
                    "file": m.gold.file,
                    "row": m.gold.row,
                    "gold": m.gold.describe(),
                    "excerpt": m.gold.excerpt,
                    "reader_said": list(m.said),
                }
                for m in self.misses
            ],
            "wrong": [
                {
                    "file": w.claim.file,
                    "claim": w.claim.describe(),
                    "why": w.why,
                    "sentence": w.claim.claim.sentence,
                }
                for w in self.wrong
            ],
        }


# -- reading gold and negatives ------------------------------------------------------------------
def read_gold(path: str | Path, bodies: dict[str, Article], gazetteer: Gazetteer) -> list[GoldRow]:
    """The rows of a gold file, each located in its article and resolved to a place id.

    ``bodies`` maps file names (as the gold writes them) to articles. Raises
    :class:`EvaluationError` naming the file and row for a missing column, an article not
    given, an excerpt not in its article, or a bad date, type or side: any of these would make
    the score meaningless. A place the gazetteer does not know is kept instead, as a row no
    claim can find, with the reason in ``unknown_place``: it may be a gap in the gazetteer
    rather than in the gold, and :func:`unknown_place_error` turns it into the error to report.
    """
    path = Path(path)
    rows: list[GoldRow] = []
    for number, row in _csv_rows(path, GOLD_COLUMNS):
        article = _article_for(row["file"], bodies, path, number)
        start, end = _locate(row["sentence_excerpt"], article, path, number)
        if row["claim_type"] not in GOLD_TYPES:
            raise EvaluationError(
                f"claim_type {row['claim_type']!r} is not one of {', '.join(GOLD_TYPES)}",
                file=path,
                row=number,
            )
        if not row["new_controller"]:
            raise EvaluationError("empty new_controller", file=path, row=number)
        date_from, date_to = (_date(row[k], k, path, number) for k in ("date_from", "date_to"))
        if date_from and date_to and date_from > date_to:
            raise EvaluationError(f"date_from {date_from} is after date_to {date_to}", file=path, row=number)
        place_id, unknown = _place_id(row["place"], gazetteer) if row["place"] else (None, "")
        rows.append(
            GoldRow(
                file=Path(row["file"]).name,
                row=number,
                excerpt=row["sentence_excerpt"],
                start=start,
                end=end,
                place_as_written=row["place_as_written"],
                place=row["place"],
                place_id=place_id,
                controller=row["new_controller"],
                claim_type=row["claim_type"],
                date_from=date_from,
                date_to=date_to,
                note=row.get("note", ""),
                unknown_place=unknown,
            )
        )
    return rows


def read_negatives(path: str | Path, bodies: dict[str, Article]) -> list[Negative]:
    """The sentences of a negatives file (``file,sentence_excerpt,...``), located in their articles."""
    path = Path(path)
    found = []
    for number, row in _csv_rows(path, NEGATIVE_COLUMNS):
        article = _article_for(row["file"], bodies, path, number)
        start, end = _locate(row["sentence_excerpt"], article, path, number)
        found.append(Negative(Path(row["file"]).name, number, row["sentence_excerpt"], start, end))
    return found


def articles_by_file(articles: Iterable[Article]) -> dict[str, Article]:
    """Articles keyed by file name, the way gold files name them; two files of one name are refused."""
    by_name: dict[str, Article] = {}
    for article in articles:
        name = Path(article.path).name
        if name in by_name:
            raise EvaluationError(
                f"two articles are named {name!r} ({by_name[name].path}); "
                "gold rows could not tell them apart",
                file=article.path,
            )
        by_name[name] = article
    return by_name


def _csv_rows(path: Path, columns: Sequence[str]) -> Iterable[tuple[int, dict[str, str]]]:
    for number, row in csv_rows(path, columns, EvaluationError):
        if not row["file"] or not row["sentence_excerpt"]:
            raise EvaluationError("empty file or sentence_excerpt", file=path, row=number)
        yield number, row


def _article_for(name: str, bodies: dict[str, Article], path: Path, number: int) -> Article:
    article = bodies.get(Path(name).name)
    if article is None:
        raise EvaluationError(
            f"names article {name!r}, which is not among the articles given", file=path, row=number
        )
    return article


def _locate(excerpt: str, article: Article, path: Path, number: int) -> tuple[int, int]:
    """Where the excerpt sits in the article body: word for word, else with any run of spaces between words."""
    at = article.text.find(excerpt)
    if at >= 0:
        return at, at + len(excerpt)
    pattern = r"\s+".join(re.escape(w) for w in excerpt.split())
    match = re.search(pattern, article.text)
    if match is None:
        raise EvaluationError(
            f"sentence_excerpt not found in {Path(article.path).name}: {excerpt[:60]!r}",
            file=path,
            row=number,
        )
    return match.start(), match.end()


def _date(value: str, column: str, path: Path, number: int) -> date | None:
    if not value:
        return None
    try:
        return parse_iso_date(value)
    except ValueError as exc:
        raise EvaluationError(f"{column}: {exc}", file=path, row=number) from None


def _place_id(name: str, gazetteer: Gazetteer) -> tuple[str | None, str]:
    """The city's place id a gold place names, or None and why not."""
    found = gazetteer.lookup(name)
    if found.match is not None and found.match.id in gazetteer.local_ids:
        return found.match.id, ""
    near = [c.place.name for c in found.candidates if c.place.id in gazetteer.local_ids][:3]
    hint = f"; nearest: {', '.join(near)}" if near else ""
    return None, f"place {name!r} is not a place of the {gazetteer.name} gazetteer ({found.method}{hint})"


def unknown_place_error(gold: Sequence[GoldRow], path: str | Path) -> EvaluationError | None:
    """One error for the gold rows whose place the gazetteer lacks: the first named, the others counted."""
    unknown = [g for g in gold if g.unknown_place]
    if not unknown:
        return None
    rows = ", ".join(str(g.row) for g in unknown[1:11]) + (", …" if len(unknown) > 11 else "")
    more = f"; {len(unknown) - 1} more row(s): {rows}" if unknown[1:] else ""
    return EvaluationError(
        f"{unknown[0].unknown_place}{more} (scored as misses)", file=path, row=unknown[0].row
    )


# -- scoring ----------------------------------------------------------------------------------------
def evaluate(
    gold: Sequence[GoldRow],
    claims: dict[str, list[Claim]],
    *,
    negatives: Sequence[Negative] | None = None,
) -> Evaluation:
    """Score the claims of each article (keyed by file name, as in ``gold``) against the gold rows."""
    scored = [
        ScoredClaim(file, c) for file, found in claims.items() for c in found if c.claim_type != "denied"
    ]
    denials = sum(c.claim_type == "denied" for found in claims.values() for c in found)
    neutral_rows = [g for g in gold if g.neutral]
    counted = [g for g in gold if not g.neutral]
    excused = {id(s) for s in scored if _excused(s, neutral_rows)}

    def subset(claim_types: Iterable[str] | None = None, file: str | None = None) -> Score:
        kinds = set(claim_types) if claim_types is not None else None
        return _score(
            [s for s in scored if (kinds is None or s.claim.claim_type in kinds) and file in (None, s.file)],
            [g for g in counted if (kinds is None or g.claim_type in kinds) and file in (None, g.file)],
            excused,
        )

    overall, right, found = _match(scored, counted, excused)
    result = Evaluation(
        overall=overall,
        changes=subset(EVENT_TYPES),
        by_type={t: subset((t,)) for t in TYPE_ORDER},
        by_article={file: subset(file=file) for file in claims},
        neutral_gold=len(neutral_rows),
        denials=denials,
    )
    first: dict[tuple, ScoredClaim] = {}
    all_excused: dict[tuple, bool] = {}
    for s in scored:
        first.setdefault(s.tuple, s)
        all_excused[s.tuple] = all_excused.get(s.tuple, True) and id(s) in excused
    for t, s in first.items():
        if t in right:
            continue
        if all_excused[t]:
            result.neutral_claims += 1
        else:
            result.wrong.append(Wrong(s, _why(s, counted)))
    for g in counted:
        if g.tuple not in found:
            said = tuple(
                s.describe() for s in scored if s.file == g.file and _overlaps(s.claim, g.start, g.end)
            )
            result.misses.append(Miss(g, said))
    if negatives is not None:
        hits = [sum(1 for c in claims.get(Path(n.file).name, ()) if _said_in(c, n)) for n in negatives]
        result.negative_claims = sum(hits)
        result.negative_sentences_hit = sum(1 for h in hits if h)
        result.negative_sentences = len(negatives)
    return result


def _match(
    scored: Sequence[ScoredClaim], gold: Sequence[GoldRow], excused: set[int]
) -> tuple[Score, set[tuple], set[tuple]]:
    """The score, the claimed tuples that are right and the gold tuples that are found."""
    by_key: dict[tuple, list[GoldRow]] = defaultdict(list)
    for g in gold:
        if g.controller != UNKNOWN_SIDE and g.place_id is not None:
            by_key[(g.file, g.place_id, g.controller, g.share)].append(g)
    right: set[tuple] = set()
    found: set[tuple] = set()
    claimed: dict[tuple, bool] = {}  # tuple -> every claim behind it is excused
    for s in scored:
        t = s.tuple
        claimed[t] = claimed.get(t, True) and id(s) in excused
        hits = [g for g in by_key.get(t[:4], ()) if _dates_agree(s.claim, g)]
        if hits:
            right.add(t)
            found.update(g.tuple for g in hits)
    counted = sum(1 for t, all_excused in claimed.items() if t in right or not all_excused)
    score = Score(claims=counted, right=len(right), gold=len({g.tuple for g in gold}), found=len(found))
    return score, right, found


def _score(scored: Sequence[ScoredClaim], gold: Sequence[GoldRow], excused: set[int]) -> Score:
    return _match(scored, gold, excused)[0]


def _dates_agree(claim: Claim, gold: GoldRow) -> bool:
    """Overlapping ranges; an undated row takes any claim, an undated claim only an undated row."""
    if not gold.dated:
        return True
    start, end = _claim_dates(claim)
    if start is None:
        return False
    return (gold.date_from is None or gold.date_from <= end) and (
        gold.date_to is None or start <= gold.date_to
    )


def _claim_dates(claim: Claim) -> tuple[date | None, date | None]:
    return claim.date_from or claim.date_to, claim.date_to or claim.date_from


def _overlaps(claim: Claim, start: int, end: int) -> bool:
    return claim.start < end and start < claim.end


def _said_in(claim: Claim, negative: Negative) -> bool:
    """True when ``claim`` is read from the words a negatives row says claim nothing: its control
    word lies in the excerpt. An excerpt is often one clause ("..., which the army aims to take")
    of a sentence whose other clause makes a claim the gold file lists; that claim is not the
    excerpt's. A claim without a control word's position counts by its sentence."""
    if claim.cue_end > claim.cue_start:
        return claim.cue_start < negative.end and negative.start < claim.cue_end
    return _overlaps(claim, negative.start, negative.end)


def _excused(s: ScoredClaim, neutral_rows: Sequence[GoldRow]) -> bool:
    """A claim from the sentence of an empty-place row, about that row's words (when they are in the sentence)."""
    c = s.claim
    for g in neutral_rows:
        if g.file != s.file or not _overlaps(c, g.start, g.end):
            continue
        sentence = c.sentence.casefold()
        written = g.place_as_written.casefold()
        spots = [m.start() + c.start for m in re.finditer(re.escape(written), sentence)] if written else []
        if c.place_id is None or not spots:
            return True
        if any(at < c.place_end and c.place_start < at + len(written) for at in spots):
            return True
    return False


def _why(s: ScoredClaim, gold: Sequence[GoldRow]) -> str:
    """Which part of the tuple the gold rows of the same article and place disagree on."""
    c = s.claim
    if c.place_id is None:
        return "place not resolved"
    same_place = [g for g in gold if g.file == s.file and g.place_id == c.place_id]
    if not same_place:
        return "no gold row for this place in this article"
    sides = [g for g in same_place if g.controller == c.controller]
    if not sides:
        return "side: gold has " + ", ".join(sorted({g.controller for g in same_place}))
    kinds = [g for g in sides if g.share == s.share]
    if not kinds:
        return "share or state: gold has " + ", ".join(sorted({g.claim_type for g in sides}))
    return "dates: gold has " + ", ".join(sorted({_span(g.date_from, g.date_to) for g in kinds}))


def _span(start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return "undated"
    return f"{start or '…'}..{end or '…'}"


# -- the report -----------------------------------------------------------------------------------
def report_lines(
    result: Evaluation, *, show: Iterable[str] = (), negatives_file: str | None = None
) -> list[str]:
    """The plain-text report: score lines first (a hook greps precision/recall/F1), then details."""
    lines = [result.overall.line("overall"), result.changes.line("changes")]
    lines += [result.by_type[t].line(f"  {t}") for t in TYPE_ORDER]
    lines.append(
        f"not scored: {result.neutral_claims} claimed tuple(s) from sentences whose gold place is empty, "
        f"{result.neutral_gold} gold row(s) with an empty place, {result.denials} denial(s)"
    )
    if result.negative_claims is not None:
        lines.append(
            f"negatives: {result.negative_claims} claim(s) from {result.negative_sentences_hit} of "
            f"{result.negative_sentences} sentences that claim nothing ({negatives_file})"
        )
    width = max((len(f) for f in result.by_article), default=8) + 2
    lines.append("per article:")
    lines += [score.line(f"  {file}", width + 2) for file, score in result.by_article.items()]
    show = set(show)
    if "misses" in show:
        lines.append(f"missed gold rows ({len(result.misses)}):")
        for m in result.misses:
            lines.append(
                f"  {m.gold.file} row {m.gold.row}: {m.gold.describe()}  | {_one_line(m.gold.excerpt)}"
            )
            said = "; ".join(m.said) if m.said else "nothing in this sentence"
            lines.append(
                f"      reader: {said}"
                + (" (the gazetteer lacks this place)" if m.gold.unknown_place else "")
            )
    if "wrong" in show:
        lines.append(f"wrong claims ({len(result.wrong)}):")
        for w in result.wrong:
            lines.append(
                f"  {w.claim.file}: {w.claim.describe()}  ({w.why})  | {_one_line(w.claim.claim.sentence)}"
            )
    return lines


def _one_line(text: str) -> str:
    return " ".join(text.split())
