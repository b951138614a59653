"""What the editors' pages show and do: claims to review, articles to add and read with their
marks, places to find and names to teach the gazetteer, and the published site as a zip.

Plain data and escaped HTML, no Streamlit; the map page's part is :mod:`geo.app.views`.
"""

from __future__ import annotations

import base64
import io
import re
import tempfile
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from markupsafe import Markup

from ..core import UNKNOWN, ArticleError, Claim, StoreError, normalise, strip_bidi
from ..gazetteer import Candidate, Gazetteer, Place
from ..publish import PublishReport, Source, highlight, safe_link, site_files
from ..read import ARTICLE_SUFFIXES, Article, load_articles, read_article, unix_newlines
from ..render import MapShapes, format_day, fragment
from ..store import IngestReport, ReextractReport, Store
from ..timeline import ControlState, Decision, claim_day
from .guard import server_folder_files
from .views import Coverage, MapBase, article_source, html_block, source_html

# -- review ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewItem:
    """A claim awaiting review, with what an editor needs to judge it."""

    claim: Claim
    place: str
    sentence: Markup
    source: Source
    #: Why the claim is not on the map, if it is not.
    unplaced: str
    disputed_by: tuple[str, ...]
    #: The paragraph the sentence stands in (the sentence marked), or the sentence alone.
    context: Markup = Markup("")
    #: A share of a region: its members by who held them on the claim's date, (side, names) largest first.
    members: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: A name for choosing the claim from a list, unlike any other item's (see :func:`review_items`).
    label: str = ""
    #: A share of a region: the claimed share beside the map's ("claimed “most of”, map 47%").
    check: str = ""
    #: The claim's side as its conflict labels it.
    side: str = ""

    @property
    def key(self) -> str:
        return self.claim.key

    @property
    def member_count(self) -> int:
        return sum(len(names) for _, names in self.members)


def claim_label(place: str, claim: Claim, side: str = "") -> str:
    """ "Sheikh Saeed: Government (captured), 30 November 2016" (``side``: the side's label)."""
    day = claim_day(claim)
    what = f"{claim.percent:g}% " if claim.percent is not None else ""
    return (
        f"{place}: {what}{side or claim.controller} ({claim.claim_type}), "
        f"{format_day(day) if day else 'no date'}"
    )


def distinct_labels(labels: Sequence[str], more: Sequence[Sequence[str]]) -> list[str]:
    """Make equal labels differ: add each label's next detail from ``more`` (per label, in order)
    only while some label is still shared, then number what still is ("… (2)")."""
    out = list(labels)
    for level in range(max((len(m) for m in more), default=0)):
        counts = Counter(out)
        if all(counts[x] == 1 for x in out):
            return out
        out = [
            f"{x} — {more[i][level]}" if counts[x] > 1 and level < len(more[i]) and more[i][level] else x
            for i, x in enumerate(out)
        ]
    counts, seen = Counter(out), Counter()
    numbered = []
    for x in out:
        seen[x] += 1
        numbered.append(f"{x} ({seen[x]})" if counts[x] > 1 else x)
    return numbered


def label_details(data: Coverage, claim: Claim) -> list[str]:
    """What tells two claims with the same label apart: the spelling, the article, the sentence."""
    article = data.articles.get(claim.article)
    title = (article.title or article.source) if article else ""
    words = claim.sentence.split()
    opening = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
    written = (
        f"written “{claim.place_as_written}”" if claim.place_as_written != data.claim_place(claim) else ""
    )
    return [written, f"“{title}”" if title else "", opening]


def review_items(data: Coverage, kind: str | None = None, query: str = "") -> list[ReviewItem]:
    """The unreviewed claims (of one :data:`geo.core.REVIEW_FILTERS` kind, or all; matching
    ``query`` if given), oldest date first, each labelled unlike the others."""
    timeline = data.timeline
    wanted = search(data, query)
    claims = [c for c in timeline.claims_to_review(kind) if wanted(c)]
    checks = {c.claim_key: f"claimed {c.claimed_text}, map {c.on_map:g}%" for c in timeline.percent_checks()}
    claims.sort(key=lambda c: (claim_day(c) or date.max, data.claim_place(c), c.article, c.start))
    labels = distinct_labels(
        [claim_label(data.claim_place(c), c, data.gazetteer.war.label(c.controller)) for c in claims],
        [label_details(data, c) for c in claims],
    )
    return [
        ReviewItem(
            claim,
            data.claim_place(claim),
            highlight(claim),
            article_source(data, claim.article),
            timeline.unplaced.get(claim.key, ""),
            timeline.disputed_by.get(claim.key, ()),
            paragraph_html(data.articles.get(claim.article), claim),
            region_members(data, claim) if timeline.is_region_share(claim.key) else (),
            label,
            checks.get(claim.key, ""),
            data.gazetteer.war.label(claim.controller),
        )
        for claim, label in zip(claims, labels)
    ]


def search(data: Coverage, query: str) -> Callable[[Claim], bool]:
    """A test of whether a claim answers a search: the place as the article spelt it (or as the
    gazetteer names it) containing the words, plainly or through the name normaliser, or the
    place the gazetteer reads the words as ("Sheik Saeed" finds claims about Sheikh Saeed)."""
    query = " ".join(query.split())
    if not query:
        return lambda claim: True
    plain, key = query.casefold(), normalise(query)
    lookup = data.gazetteer.lookup(query)
    place_id = lookup.match.id if lookup.match is not None else None

    def test(claim: Claim) -> bool:
        if place_id is not None and claim.place_id == place_id:
            return True
        texts = (claim.place_as_written, data.claim_place(claim))
        return any(plain in t.casefold() or (key and key in normalise(t)) for t in texts)

    return test


def region_members(data: Coverage, claim: Claim) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The members of the region a claim is about, grouped by who held them on its date (largest group first)."""
    day = claim_day(claim)
    states = data.timeline.state_on(day) if day else {}
    groups: dict[str, list[str]] = defaultdict(list)
    for place_id in data.gazetteer.members(claim.place_id or ""):
        state = states.get(place_id)
        groups[data.gazetteer.war.label(state.controller if state else UNKNOWN)].append(
            data.place_name(place_id)
        )
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return tuple((side, tuple(sorted(names, key=normalise))) for side, names in ordered)


#: Neighbouring paragraphs are shown up to this many characters.
CONTEXT_CHARS = 320


def paragraph_html(article: Article | None, claim: Claim) -> Markup:
    """The paragraph around the claim's sentence, the sentence marked; when the sentence is its
    paragraph, the paragraphs before and after it too (shortened). The sentence alone when the
    offsets do not point at it in the article."""
    sentence = highlight(claim)
    text = article.text if article else ""
    if not (0 <= claim.start < claim.end <= len(text)) or text[claim.start : claim.end] != claim.sentence:
        return fragment("paragraph", sentence)
    start = text.rfind("\n\n", 0, claim.start)
    start = 0 if start < 0 else start + 2
    end = text.find("\n\n", claim.end)
    end = len(text) if end < 0 else end
    around = {"before": text[start : claim.start], "after": text[claim.end : end]}
    if not text[start:end].strip() == claim.sentence.strip():
        return fragment("paragraph", sentence, **around)
    before = text[:start].rstrip().rsplit("\n\n", 1)[-1].strip()
    after = text[end:].lstrip().split("\n\n", 1)[0].strip()
    return fragment(
        "paragraph",
        sentence,
        **around,
        previous=_shorten(before, tail=True) if before else "",
        following=_shorten(after, tail=False) if after else "",
    )


def _shorten(paragraph: str, *, tail: bool) -> str:
    """A neighbouring paragraph cut to CONTEXT_CHARS at a word (its end when it comes before)."""
    if len(paragraph) <= CONTEXT_CHARS:
        return paragraph
    if tail:
        return "…" + paragraph[-CONTEXT_CHARS:].split(" ", 1)[-1]
    return paragraph[:CONTEXT_CHARS].rsplit(" ", 1)[0] + "…"


def review_html(item: ReviewItem) -> Markup:
    """The claim as an editor judges it: the place as written, the article, the paragraph, what was read."""
    claim = item.claim
    facts = [
        f"Read as: {item.side or claim.controller} ({claim.claim_type})",
        f"confidence {claim.confidence:.2f}",
    ]
    if claim.date_basis:
        facts.append(f"date: {claim.date_basis}")
    if claim.flags:
        facts.append("flags: " + ", ".join(claim.flags))
    if item.unplaced:
        facts.append(f"not on the map: {item.unplaced}")
    if item.disputed_by:
        facts.append(f"disputed by {len(item.disputed_by)} other report(s)")
    place = item.place if claim.place_id and item.place != claim.place_as_written else ""
    return fragment("review", claim, place, item.source, item.context or item.sentence, facts)


def members_html(item: ReviewItem) -> Markup:
    """A share of a region: its members, by who held them on the claim's date."""
    if not item.members:
        return Markup("")
    side = item.side or item.claim.controller
    others = sum(len(names) for held, names in item.members if held != side)
    return fragment(
        "members",
        item.place,
        side,
        item.check,
        item.member_count,
        others,
        claim_day(item.claim),
        item.members,
    )


def locator_html(data: Coverage, place_ids: Iterable[str], name: str = "") -> Markup:
    """The small map of where a claim is, with a caption (or why there is none)."""
    ids = frozenset(place_ids)
    # As an image: the app's HTML sanitiser drops inline SVG, but keeps an <img> with a data: address.
    source = (
        "data:image/svg+xml;base64,"
        + base64.b64encode(str(locator_svg(data.base.display, ids)).encode()).decode()
        if ids
        else ""
    )
    return fragment("locator", source, name, data.gazetteer.name)


def reviewed_html(data: Coverage, item: ReviewedItem) -> Markup:
    """A reviewed claim: the decision that stands, then the claim as the queue showed it."""
    claim = item.claim
    return fragment(
        "reviewed",
        item.heading,
        item.decision.note,
        claim,
        article_source(data, claim.article),
        paragraph_html(data.articles.get(claim.article), claim),
    )


def locator_svg(shapes: MapShapes, place_ids: Iterable[str], width: int = 260) -> Markup:
    """A small map of the city with ``place_ids`` filled and ringed: cheap (one SVG, no tiles, no script)."""
    wanted = set(place_ids)
    base, box = _svg_paths(shapes)
    west, south, east, north = box
    scale = width / (east - west) if east > west else 1.0
    height = max(1, round((north - south) * scale))
    paths = [(d, LOCATOR_FILL if place_id in wanted else "#dedede") for place_id, d in base]
    rings = []
    points = [p for g, pid in zip(shapes.geometries, shapes.ids) if pid in wanted for p in _coords(g)]
    if points:
        xs = [(x - west) * scale for x, _ in (_project(p, box) for p in points)]
        ys = [(north - y) * scale for _, y in (_project(p, box) for p in points)]
        cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        extent = max(max(xs) - min(xs), max(ys) - min(ys))
        if extent < width * 0.3:  # a ring finds a small place; a large area is plain to see
            rings.append((cx, cy, max(9.0, extent / 2 + 6), LOCATOR_RING))
    return fragment("locator_svg", width, height, scale, paths, rings)


#: The locator's colours: the claim's places, and the ring that finds a small one (not a side's colour).
LOCATOR_FILL, LOCATOR_RING = "#3b3b3b", "#c00000"
_SVG_CACHE: dict[int, tuple[MapShapes, list[tuple[str, str]], tuple[float, float, float, float]]] = {}


def _project(point: Sequence[float], box: Sequence[float]) -> tuple[float, float]:
    """Longitude shrunk by the cosine of the city's latitude: true shapes at a city's scale."""
    import math

    lat0 = (box[1] + box[3]) / 2 if len(box) == 4 else 0.0
    return point[0] * math.cos(math.radians(lat0)), point[1]


def _coords(geometry: dict) -> list[Sequence[float]]:
    rings = (
        geometry["coordinates"]
        if geometry["type"] == "Polygon"
        else [r for p in geometry["coordinates"] for r in p]
    )
    return [p for ring in rings for p in ring]


def _svg_paths(shapes: MapShapes) -> tuple[list[tuple[str, str]], tuple[float, float, float, float]]:
    """Each place's SVG path in the locator's projection (unscaled), and the projected bounds; made once per shapes."""
    cached = _SVG_CACHE.get(id(shapes))
    if cached and cached[0] is shapes:
        return cached[1], cached[2]
    (south, west), (north, east) = shapes.bounds
    geo_box = (west, south, east, north)
    x0, _ = _project((west, 0), geo_box)
    x1, _ = _project((east, 0), geo_box)
    box = (x0, south, x1, north)
    paths = []
    for place_id, geometry in zip(shapes.ids, shapes.geometries):
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry.get("coordinates", [])
        )
        d = []
        for polygon in polygons:
            for ring in polygon:
                points = [_project(p, geo_box) for p in ring]
                d.append("M" + "L".join(f"{x - x0:.5f},{north - y:.5f}" for x, y in points) + "Z")
        paths.append((place_id, "".join(d)))
    if len(_SVG_CACHE) > 4:
        _SVG_CACHE.clear()
    _SVG_CACHE[id(shapes)] = (shapes, paths, box)
    return paths, box


def record_decision(
    store: Store,
    gazetteer: Gazetteer,
    claim: Claim,
    decision: str,
    *,
    place_id: str | None = None,
    controller: str | None = None,
    day: date | None = None,
    note: str = "",
    by: str = "",
) -> Decision:
    """Save an editor's decision; a correction records only what differs from the claim, and only
    a claim about a region can be applied to its members."""
    if decision == "applied":
        place = gazetteer.places.get(claim.place_id or "")
        if place is None or not place.is_region:
            raise StoreError("only a claim about a share of a region can be applied to its members")
    if decision != "corrected":
        return store.decide(claim.key, decision, note=note, by=by)
    changes = {
        "place_id": place_id if place_id and place_id != claim.place_id else None,
        "controller": controller if controller and controller != claim.controller else None,
    }
    if day and day != claim_day(claim):
        changes["date_from"] = changes["date_to"] = day
    if not any(changes.values()):
        raise StoreError("a correction needs another place, side or date than the claim has")
    return store.decide(claim.key, decision, note=note, by=by, gazetteer=gazetteer, **changes)


#: How the reviewed list names a decision.
DECIDED = {
    "accepted": "Accepted",
    "rejected": "Rejected",
    "corrected": "Corrected",
    "applied": "Applied to its members",
}


@dataclass(frozen=True)
class ReviewedItem:
    """A claim an editor decided about, with the decision that stands (the latest)."""

    claim: Claim
    decision: Decision
    label: str
    #: The corrected side as its conflict labels it ("" when the decision names no side).
    side: str = ""

    @property
    def key(self) -> str:
        return self.claim.key

    @property
    def heading(self) -> str:
        """ "Corrected (side Opposition) by Ana, 1 December 2016 10:02 UTC"."""
        d = self.decision
        when = f", {format_day(d.at.date())} {d.at:%H:%M} UTC" if d.at else ""
        what = DECIDED.get(d.decision, d.decision)
        fixed = [
            f"{name} {value}"
            for name, value in (
                ("place", d.place_id),
                ("side", self.side or d.controller),
                ("date", format_day(d.date_to or d.date_from) if (d.date_to or d.date_from) else None),
            )
            if value
        ]
        return f"{what}{' (' + ', '.join(fixed) + ')' if fixed else ''} by {d.by or 'someone unnamed'}{when}"

    @property
    def summary(self) -> str:
        """The heading, then the note: "Accepted by Ana, 1 December 2016 10:02 UTC: checked"."""
        return self.heading + (f": {self.decision.note}" if self.decision.note else "")

    def row(self) -> dict:
        """One line of the reviewed list, for a table."""
        d = self.decision
        return {
            "decision": DECIDED.get(d.decision, d.decision),
            "claim": self.label.split(": ", 1)[-1],
            "by": d.by,
            "when": f"{d.at:%Y-%m-%d %H:%M}" if d.at else "",
            "note": d.note,
        }


def reviewed_items(data: Coverage, decisions: Mapping[str, Decision], query: str = "") -> list[ReviewedItem]:
    """The claims whose latest decision stands (not undone, not orphaned), newest decision first."""
    claims, wanted = data.timeline.claims, search(data, query)
    standing = [
        d
        for d in decisions.values()
        if not d.orphaned
        and d.decision != "reopened"
        and d.claim_key in claims
        and wanted(claims[d.claim_key])
    ]
    standing.sort(key=lambda d: d.at.timestamp() if d.at else 0.0, reverse=True)
    found = [claims[d.claim_key] for d in standing]
    labels = distinct_labels(
        [
            f"{DECIDED.get(d.decision, d.decision)}: {claim_label(data.claim_place(c), c, data.gazetteer.war.label(c.controller))}"
            for d, c in zip(standing, found)
        ],
        [label_details(data, c) for c in found],
    )
    war = data.gazetteer.war
    return [
        ReviewedItem(c, d, label, war.label(d.controller) if d.controller else "")
        for c, d, label in zip(found, standing, labels)
    ]


def undo_decision(store: Store, claim_key: str, by: str = "") -> Decision:
    """Undo the decision that stands on a claim: a new ``reopened`` decision supersedes it (none is
    deleted), and the claim is back in the queue."""
    return store.decide(claim_key, "reopened", by=by, note="undid the decision before")


def place_choices(gazetteer: Gazetteer) -> list[Place]:
    """The places a claim can be corrected to: the city and its regions, then the map places by name."""
    return [*gazetteer.regions, *sorted(gazetteer.areas, key=lambda p: normalise(p.name))]


# -- sources ---------------------------------------------------------------------------------------
def given_metadata(title: str = "", outlet: str = "", published: date | None = None, link: str = "") -> dict:
    """Metadata typed in the app, validated: a link must be a plain http(s) URL."""
    link = link.strip()
    if link and safe_link(link) is None:
        raise ArticleError(f"the link {link!r} is not an http:// or https:// address")
    meta = {"title": title.strip(), "source": outlet.strip(), "url": link, "published": published}
    if published:
        meta["published_basis"] = "given in the app"
    return meta


def pasted_article(text: str, meta: Mapping) -> Article:
    """An article pasted into the app (metadata from :func:`given_metadata`)."""
    text = unix_newlines(text).strip()
    if not text:
        raise ArticleError("the pasted text is empty")
    return Article(
        text=text,
        title=meta.get("title") or text.split("\n", 1)[0][:200],
        source=meta.get("source", ""),
        url=meta.get("url", ""),
        published=meta.get("published"),
        published_basis=meta.get("published_basis", ""),
        path="pasted in the app",
    )


def uploaded_articles(files: Sequence[tuple[str, bytes]], meta: Mapping) -> list[Article | ArticleError]:
    """Read uploaded files (name, bytes) as article files; a bad one becomes its error.

    Each file is read like a file on disk (front matter, HTML metadata, dateline). The metadata
    typed in the app applies to every file; a title or link only when there is one file.
    """
    shared = dict(meta) if len(files) == 1 else {k: v for k, v in meta.items() if k not in ("title", "url")}
    found: list[Article | ArticleError] = []
    with tempfile.TemporaryDirectory(prefix="geo-upload-") as folder:
        for name, data in files:
            safe = Path(name).name or "upload.txt"
            if Path(safe).suffix.lower() not in ARTICLE_SUFFIXES:
                found.append(
                    ArticleError(f"not an article file (use {', '.join(ARTICLE_SUFFIXES)})", file=safe)
                )
                continue
            path = Path(folder) / safe
            path.write_bytes(data)
            try:
                article = read_article(path, meta=shared)
            except ArticleError as exc:
                found.append(ArticleError(exc.problem, file=safe))
                continue
            found.append(replace(article, path=safe))
    return found


def folder_articles(
    folder: str, published: date | None = None, *, root: Path | None = None
) -> list[Article | ArticleError]:
    """The article files of a folder on the server (``published`` for those without a date of their own).

    Only inside the articles root (:func:`geo.app.guard.articles_root`), symbolic links refused:
    the app must not become a way to read the server's other files.
    """
    found = server_folder_files(folder, root)
    errors: list[Article | ArticleError] = [f for f in found if isinstance(f, ArticleError)]
    files = [f for f in found if isinstance(f, Path)]
    return errors + (list(load_articles(files, published=published)) if files else [])


#: What starts Markdown in a one-line Streamlit message: emphasis, code, links and images,
#: ``:red[colour]`` directives, HTML, headings, tables, strike-through, ``$`` maths. Escaped in
#: names that come from outside.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>#!|~$])")


def markdown_text(text: str) -> str:
    """``text`` shown as written in a Streamlit message, never as Markdown: a file named
    ``![x](http://…).txt`` is a name, not an image."""
    return _MARKDOWN.sub(r"\\\1", strip_bidi(" ".join(text.split())))


def boundary_warnings(base: MapBase) -> list[str]:
    """The boundary file's warnings (file, feature, what was done) as the page shows them: escaped,
    since file and feature names are outside input."""
    return [markdown_text(said) for said in base.boundary_warnings]


def ingest_messages(report: IngestReport) -> list[tuple[str, str]]:
    """What an ingest did, as (``success``/``info``/``warning``/``error``, message) for the page
    to show; file names, reasons and place names are escaped, being outside text."""
    messages = []
    if report.added:
        messages.append(
            (
                "success",
                f"Added {_count(len(report.added), 'article')} with {_count(report.claims, 'claim')}.",
            )
        )
    if report.duplicates:
        messages.append(
            ("info", f"Already stored, skipped: {', '.join(map(markdown_text, report.duplicates))}.")
        )
    for name, problem in report.failed:
        messages.append(("error", f"{markdown_text(name)}: {markdown_text(problem)}"))
    if report.unresolved:
        names = ", ".join(markdown_text(n) for n in sorted(set(report.unresolved)))
        messages.append(
            (
                "warning",
                f"Place names the gazetteer does not know: {names}. Add a spelling on the "
                "Gazetteer page, then re-read the articles.",
            )
        )
    if not messages:
        messages.append(("info", "Nothing to add."))
    return messages


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


def articles_newest_first(data: Coverage) -> list[Article]:
    return sorted(data.articles.values(), key=lambda a: (a.published or date.min, a.title), reverse=True)


def article_label(data: Coverage):
    """A function naming an article id for a list: "Title — Outlet, 7 December 2016"."""

    def label(article_id: str) -> str:
        article = data.articles[article_id]
        when = f", {format_day(article.published)}" if article.published else ""
        return f"{article.title or 'Untitled'} — {article.source or 'no outlet'}{when}"

    return label


def article_claims(data: Coverage, article_id: str) -> list[Claim]:
    return [c for c in data.timeline.claims.values() if c.article == article_id]


def article_page(data: Coverage, article_id: str) -> Markup:
    """An article's source line, then its text with places and claims marked."""
    article = data.articles[article_id]
    source = article_source(data, article_id)
    text = article_html(article, article_claims(data, article_id), data.gazetteer)
    return Markup("").join([html_block(source_html(source)), Markup(strip_bidi(text))])


def claim_rows(data: Coverage, article_id: str) -> list[dict]:
    """The claims read from an article, one row each, for a table."""
    timeline = data.timeline
    rows = []
    for claim in article_claims(data, article_id):
        day = claim_day(claim)
        rows.append(
            {
                "place": data.claim_place(claim),
                "side": data.gazetteer.war.label(claim.controller),
                "claim": claim.claim_type + (f" {claim.percent:g}%" if claim.percent is not None else ""),
                "date": day.isoformat() if day else "",
                "confidence": claim.confidence,
                "review": timeline.review.get(claim.key, "proposed"),
                "on the map": "no: " + timeline.unplaced[claim.key]
                if claim.key in timeline.unplaced
                else "yes",
                "sentence": claim.sentence,
            }
        )
    return rows


def article_html(article: Article, claims: Iterable[Claim], gazetteer: Gazetteer) -> Markup:
    """The article's text, escaped, with claim sentences underlined and place names and control words marked.

    Place names the gazetteer knows are yellow; names a claim used that it does not know are red;
    the words that say who took or holds a place are blue. Each sentence that makes a claim
    carries a tooltip saying what was read from it.
    """
    text = article.text
    outer: dict[tuple[int, int], list[str]] = defaultdict(list)
    inner: list[tuple[int, int, str, str]] = []
    for claim in claims:
        if 0 <= claim.start < claim.end <= len(text):
            day = claim_day(claim)
            outer[(claim.start, claim.end)].append(
                f"{claim.place}: {gazetteer.war.label(claim.controller)} ({claim.claim_type}"
                f"{', ' + format_day(day) if day else ', no date'})"
            )
        if claim.cue and 0 <= claim.cue_start < claim.cue_end <= len(text):
            inner.append((claim.cue_start, claim.cue_end, "geo-cue", claim.cue))
        if claim.place_id is None and 0 <= claim.place_start < claim.place_end <= len(text):
            inner.append((claim.place_start, claim.place_end, "geo-unresolved", "not in the gazetteer"))
    for mention in gazetteer.find(text):
        place = gazetteer.places.get(mention.place_id or "")
        title = place.name if place else "ambiguous: " + ", ".join(mention.candidates)
        inner.append((mention.start, mention.end, "geo-place", title))
    sentences = _without_overlaps((a, b, "geo-claim", "; ".join(t)) for (a, b), t in outer.items())
    edges = [(a, b) for a, b, _, _ in sentences]
    marks = _without_overlaps(
        m for m in inner if not any(m[0] < edge < m[1] for a, b in edges for edge in (a, b))
    )
    tags = [(a, 1, 0, ("span", css, title)) for a, _, css, title in sentences]
    tags += [(b, 0, 1, ("/span",)) for _, b, _, _ in sentences]
    tags += [(a, 1, 1, ("mark", css, title)) for a, _, css, title in marks]
    tags += [(b, 0, 0, ("/mark",)) for _, b, _, _ in marks]
    tokens, pos = [], 0
    for at, _, _, tag in sorted(tags, key=lambda t: t[:3]):
        tokens += [("text", text[pos:at]), tag]
        pos = at
    tokens.append(("text", text[pos:]))
    return fragment("article", tokens)


def _without_overlaps(spans: Iterable[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Spans sorted by start; one that overlaps an earlier (or longer, same-start) span is dropped."""
    kept, end = [], -1
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if span[0] >= end:
            kept.append(span)
            end = span[1]
    return kept


# -- the gazetteer ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class PlaceMatch:
    place: Place
    how: str
    score: float


def search_places(gazetteer: Gazetteer, query: str, limit: int = 25) -> list[PlaceMatch]:
    """Places of the city (map places and regions) whose names match ``query``: the lookup's
    answer and candidates first, then every place one of whose spellings contains the words."""
    key = normalise(query)
    if not key:
        return []
    local = gazetteer.local_ids
    found: dict[str, PlaceMatch] = {}
    lookup = gazetteer.lookup(query, limit=limit)
    if lookup.match is not None and lookup.match.id in local:
        found[lookup.match.id] = PlaceMatch(lookup.match, lookup.method, lookup.score)
    for candidate in lookup.candidates:
        if candidate.place.id in local and candidate.place.id not in found:
            found[candidate.place.id] = PlaceMatch(candidate.place, "similar spelling", candidate.score)
    for place_id in sorted(local):
        place = gazetteer.places[place_id]
        if place_id not in found and any(key in normalise(n) for n in place.names()):
            found[place_id] = PlaceMatch(place, "contains the words", 0.0)
    return list(found.values())[:limit]


@dataclass(frozen=True)
class UnresolvedName:
    """A name articles used for a place the gazetteer could not resolve, and likely matches."""

    written: str
    claims: int
    suggestions: tuple[Candidate, ...]


def unresolved_names(data: Coverage, limit: int = 3) -> list[UnresolvedName]:
    """Names in claims that resolved to no place, most used first, with the closest places."""
    counts: Counter[str] = Counter()
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    for claim in data.timeline.claims.values():
        if claim.place_id is None and claim.place_as_written.strip():
            key = normalise(claim.place_as_written)
            counts[key] += 1
            spelled[key][claim.place_as_written.strip()] += 1
    local = data.gazetteer.local_ids
    found = []
    for key, count in counts.most_common():
        written = spelled[key].most_common(1)[0][0]
        lookup = data.gazetteer.lookup(written, limit=limit + 3)
        suggestions = tuple(c for c in lookup.candidates if c.place.id in local)[:limit]
        found.append(UnresolvedName(written, count, suggestions))
    return found


def place_rows(found: Iterable[PlaceMatch]) -> list[dict]:
    """Search results, one row each, for a table."""
    return [
        {
            "name": m.place.name,
            "kind": m.place.kind,
            "id": m.place.id,
            "found by": m.how,
            "other spellings": ", ".join(n for n in m.place.names() if n != m.place.name),
            "in": ", ".join(m.place.parents),
        }
        for m in found
    ]


def unresolved_html(names: Sequence[UnresolvedName]) -> Markup:
    """The unresolved names as a list: “Zebdine Farms” (2 claims): perhaps al-Zebdiyeh (74), …"""
    return fragment(
        "unresolved",
        [
            (
                n.written,
                _count(n.claims, "claim"),
                ", ".join(f"{c.place.name} ({c.score:.0f})" for c in n.suggestions) or "no close match",
            )
            for n in names
        ],
    )


def reextract_text(report: ReextractReport) -> str:
    lost = (
        f"; {_count(len(report.orphaned), 'decision')} lost its claim and is kept aside"
        if report.orphaned
        else ""
    )
    return (
        f"Read {_count(report.articles, 'article')} again: {report.claims_before} claims before, "
        f"{report.claims_after} now{lost}."
    )


def latest_states(data: Coverage) -> dict[str, ControlState]:
    """Who held each place on the last change date (nothing before any change)."""
    return data.timeline.state_on(data.dates[-1]) if data.dates else {}


def spelling_added_text(spelling: str, place: Place) -> str:
    return (
        f"“{' '.join(spelling.split())}” is now a spelling of {place.name}. "
        "Re-read the articles for their claims to use it."
    )


def places_on_map(data: Coverage, place_ids: Iterable[str]) -> frozenset[str]:
    """The map places to outline for a list of places (a region stands for its members)."""
    return frozenset(m for p in place_ids if p in data.gazetteer.places for m in data.gazetteer.members(p))


# -- publishing ------------------------------------------------------------------------------------
def publish_text(report: PublishReport) -> str:
    """“Published 14 dates (26 November 2016 to 22 December 2016) to …/site: 61 files, 3.2 MB in 2.4 s.”"""
    return f"Published {report.summary(format_day)}."


def zip_site(folder: str | Path) -> bytes:
    """A published site as one zip file (paths relative to the site's folder): only the files its
    manifest lists, not whatever else the folder holds."""
    folder = Path(folder)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in site_files(folder):
            path = folder / name
            if path.is_file() and not path.is_symlink():
                archive.write(path, name)
    return buffer.getvalue()
