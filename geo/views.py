"""What the app's pages show, as plain data and escaped HTML (no Streamlit here).

The pages (``app.py``, ``pages/``) only lay out widgets and call these functions, so everything a
page computes can be tested without a browser and reused elsewhere:

- where the data lives (``$GEO_DB``, ``$GEO_GAZETTEER``, else the bundled demo) and a cheap
  *revision* of each, which the app's caches are keyed on;
- :class:`Coverage`, everything drawn from the store for one gazetteer, and :func:`date_view`,
  what one date shows: the changes with their citing sentences, percent claims checked against
  the map, and each side's share of the city and its regions by area;
- a place's history, the claims awaiting review, an article with its places and claims marked,
  the names articles used that the gazetteer does not know, and the published site as a zip.

Every text from an article reaches HTML escaped; only http(s) links become links.
"""
from __future__ import annotations

import io
import os
import tempfile
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import geopandas as gpd
import shapely
from markupsafe import Markup, escape
from sqlalchemy import func, select

from .articles import ARTICLE_SUFFIXES, Article, load_articles, read_article
from .claims import Claim
from .errors import ArticleError, StoreError
from .gazetteer import DEFAULT_GAZETTEER, Candidate, Gazetteer, Place
from .maps import LABEL, LEGEND_CONTROL_CSS, PATTERNS_SVG, STATUS_LABEL, MapShapes, format_day, legend_html, map_shapes
from .names import normalise
from .publish import REVIEW_LABEL, ChangeView, PublishReport, Snapshot, Source, _snapshot, highlight, safe_link
from .shapes import place_shapes
from .store import IngestReport, ReextractReport, Store, articles_table, claims_table, decisions_table, default_db, runs_table
from .timeline import MAP_CONTROLLERS, ControlState, ControlTimeline, Decision, PercentCheck, claim_day

GAZETTEER_VARIABLE = "GEO_GAZETTEER"
DB_VARIABLE = "GEO_DB"
#: The files of a gazetteer folder whose change means the gazetteer must be read again.
GAZETTEER_FILES = ("gazetteer.json", "places.csv", "regions.csv", "baseline.csv", "boundaries.geojson")
#: Shares below this fraction are written "under 1%" rather than rounded to nothing.
SMALL_SHARE = 0.005


# -- where the data is -----------------------------------------------------------------------------
def gazetteer_folder() -> Path:
    """The gazetteer the app shows: ``$GEO_GAZETTEER``, else the bundled one."""
    return Path(os.environ.get(GAZETTEER_VARIABLE) or DEFAULT_GAZETTEER)


def database(gazetteer: Gazetteer | None = None) -> str:
    """The store the app reads: ``$GEO_DB`` if set, else the gazetteer's demo database (built on first use)."""
    if os.environ.get(DB_VARIABLE):
        return default_db()
    from .demo import demo_database

    return str(demo_database(gazetteer=gazetteer))


def files_revision(folder: Path, names: Iterable[str] = GAZETTEER_FILES) -> tuple:
    """(name, modification time, size) of each file present: changes whenever one is edited."""
    found = []
    for name in names:
        path = Path(folder) / name
        if path.is_file():
            stat = path.stat()
            found.append((name, stat.st_mtime_ns, stat.st_size))
    return tuple(found)


def store_revision(store: Store) -> tuple[int, int, int, int]:
    """Articles, last run, last decision, claims: changes with every write the store allows.

    Cheap (one query) and works for any database, where a file's modification time would miss
    SQLite's write-ahead log and mean nothing for PostgreSQL.
    """
    query = select(
        select(func.count()).select_from(articles_table).scalar_subquery(),
        select(func.coalesce(func.max(runs_table.c.id), 0)).scalar_subquery(),
        select(func.coalesce(func.max(decisions_table.c.id), 0)).scalar_subquery(),
        select(func.count()).select_from(claims_table).scalar_subquery(),
    )
    with store.engine.connect() as conn:
        return tuple(int(v) for v in conn.execute(query).one())


# -- what the store covers -------------------------------------------------------------------------
@dataclass(frozen=True)
class MapBase:
    """A gazetteer's places as drawn: the shapes (WGS84, with areas) and their display form."""

    shapes: gpd.GeoDataFrame
    display: MapShapes

    @property
    def areas(self) -> dict[str, float]:
        return {str(i): float(a) for i, a in zip(self.shapes["id"], self.shapes["area_km2"]) if a == a and a}


def map_base(gazetteer: Gazetteer) -> MapBase:
    shapes = place_shapes(gazetteer)
    return MapBase(shapes, map_shapes(shapes, gazetteer.crs))


@dataclass(frozen=True)
class Coverage:
    """Everything the store says about one gazetteer's places: the timeline, its articles, the map."""

    gazetteer: Gazetteer
    base: MapBase
    timeline: ControlTimeline
    articles: dict[str, Article]
    #: The controllers any place has on any date, in legend order (the legend stays the same
    #: while the date changes, so the map does not have to be redrawn).
    controllers: tuple[str, ...]

    @property
    def dates(self) -> list[date]:
        return self.timeline.dates

    def place_name(self, place_id: str | None) -> str:
        place = self.gazetteer.places.get(place_id or "")
        return place.name if place else (place_id or "unresolved place")


def coverage(store: Store, gazetteer: Gazetteer, base: MapBase, *, show_proposed: bool = True) -> Coverage:
    timeline = store.timeline(gazetteer, show_proposed=show_proposed, areas=base.areas)
    seen = {s.controller for p in gazetteer.areas for s in timeline.history(p.id)}
    controllers = tuple(c for c in MAP_CONTROLLERS if c in seen) or ("unknown",)
    return Coverage(gazetteer, base, timeline, {a.id: a for a in store.articles()}, controllers)


# -- choosing a date -------------------------------------------------------------------------------
def pick_date(dates: Sequence[date], wanted: str | date | None) -> tuple[date | None, str]:
    """The change date to show for ``wanted`` (an ISO date, e.g. from the URL), and a note if it moved.

    A change date is shown as asked; another date shows the last change on or before it (the
    map as it stood that day); no or an unreadable date shows the first change.
    """
    if not dates:
        return None, ""
    if wanted is None or wanted == "":
        return dates[0], ""
    if isinstance(wanted, str):
        try:
            wanted = date.fromisoformat(wanted)
        except ValueError:
            return dates[0], f"“{wanted}” is not a date (YYYY-MM-DD): showing the first change."
    if wanted in dates:
        return wanted, ""
    earlier = [d for d in dates if d <= wanted]
    if not earlier:
        return dates[0], f"Nothing changed by {format_day(wanted)}: showing the first change."
    return earlier[-1], f"No change on {format_day(wanted)}: showing the last change before it."


def step_date(dates: Sequence[date], day: date, by: int) -> date:
    """The change date ``by`` steps from ``day``, stopping at the first and the last."""
    index = dates.index(day) if day in dates else 0
    return dates[max(0, min(len(dates) - 1, index + by))]


# -- one date ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PercentView:
    """A claimed share ("85 percent of eastern Aleppo") beside the share the map shows that day."""

    check: PercentCheck
    area: str
    side: str
    sentence: Markup
    source: Source

    @property
    def claimed(self) -> float:
        return self.check.claimed

    @property
    def on_map(self) -> float:
        return self.check.on_map


@dataclass(frozen=True)
class RegionShare:
    """Each side's share of a region's area on one date, largest first."""

    region_id: str
    name: str
    shares: tuple[tuple[str, float], ...]

    @property
    def text(self) -> str:
        """"Government 48%, Opposition 47%, Contested 5%"."""
        return ", ".join(f"{LABEL.get(c, c)} {percent_text(f)}" for c, f in self.shares)


@dataclass(frozen=True)
class DateView:
    """What the main page shows for one change date."""

    day: date
    step: int
    steps: int
    snapshot: Snapshot
    percent: tuple[PercentView, ...]
    shares: tuple[RegionShare, ...]

    @property
    def states(self) -> dict[str, ControlState]:
        return self.snapshot.states

    @property
    def changes(self) -> tuple[ChangeView, ...]:
        return self.snapshot.changes

    @property
    def changed_ids(self) -> frozenset[str]:
        return self.snapshot.changed_ids

    @property
    def summary(self) -> str:
        """One line: the date, the step, and what the city's area looks like by side."""
        head = f"{format_day(self.day)}, change {self.step} of {self.steps}"
        if not self.shares:
            return head
        first = self.shares[0]
        return f"{head}. By area, {first.name}: {first.text}."


def summary_html(view: DateView) -> Markup:
    """The summary line: the date in bold, the step, the city's shares by area."""
    rest = view.summary.removeprefix(format_day(view.day))
    return _block(Markup("<p><strong>{}</strong>{}</p>").format(format_day(view.day), rest))


def shares_html(view: DateView) -> Markup:
    """Each region's shares by area, in small print (the city's are in the summary)."""
    lines = [Markup("{}: {}").format(s.name, s.text) for s in view.shares[1:]]
    return _block(Markup('<p class="geo-meta">{}</p>').format(Markup("<br>").join(lines))) if lines else Markup("")


def percent_text(fraction: float) -> str:
    return "under 1%" if 0 < fraction < SMALL_SHARE else f"{fraction * 100:.0f}%"


def date_view(data: Coverage, day: date) -> DateView:
    """The changes of ``day`` with their sentences, its percent checks, and the shares by area."""
    dates = data.dates
    snapshot = _snapshot(day, data.timeline, data.gazetteer, data.articles)
    percent = tuple(_percent_view(data, check) for check in data.timeline.percent_checks(day))
    return DateView(day, dates.index(day) + 1 if day in dates else 0, len(dates), snapshot, percent,
                    region_shares(data, day))


def _source(data: Coverage, article_id: str) -> Source:
    article = data.articles.get(article_id) or Article(text="")
    return Source(article.title, article.source, article.published, safe_link(article.url))


def _percent_view(data: Coverage, check: PercentCheck) -> PercentView:
    claim = data.timeline.claims[check.claim_key]
    return PercentView(check, data.place_name(check.place_id), LABEL.get(check.controller, check.controller),
                       highlight(claim), _source(data, claim.article))


def region_shares(data: Coverage, day: date) -> tuple[RegionShare, ...]:
    """The city first, then every other region: who holds how much of its area."""
    gazetteer = data.gazetteer
    regions = sorted(gazetteer.regions, key=lambda r: (r.id != gazetteer.city_region, r.kind != "city"))
    found = []
    for region in regions:
        shares = data.timeline.share(region.id, day)
        if shares:
            found.append(RegionShare(region.id, region.name, tuple(shares.items())))
    return tuple(found)


# -- a place's history -----------------------------------------------------------------------------
@dataclass(frozen=True)
class HistoryStep:
    """One controller a place had: from when, and the change (with its sentences) that made it so.

    The first step is the baseline: ``change`` is None and ``basis`` says where it comes from.
    """

    state: ControlState
    change: ChangeView | None
    basis: str = ""

    @property
    def controller(self) -> str:
        return LABEL.get(self.state.controller, self.state.controller)


def place_history(data: Coverage, place_id: str) -> list[HistoryStep]:
    """Every controller a map place had, oldest first, each with the sentences behind it."""
    timeline = data.timeline
    steps = []
    for state in timeline.history(place_id):
        if not state.claim_keys:
            entry = timeline.baseline.entry(place_id)
            basis = entry.source or ("not established" if state.controller == "unknown" else "baseline")
            steps.append(HistoryStep(state, None, basis))
            continue
        snapshot = _snapshot(state.since, timeline, data.gazetteer, data.articles)
        change = next((c for c in snapshot.changes if c.change.place_id == place_id), None)
        steps.append(HistoryStep(state, change))
    return steps


def place_at(base: MapBase, lat: float, lon: float) -> str | None:
    """The map place whose shape holds the point, if any."""
    point = shapely.Point(lon, lat)
    hits = base.shapes.loc[base.shapes.geometry.contains(point), "id"]
    return str(hits.iloc[0]) if len(hits) else None


def clicked_place(base: MapBase, returned: Mapping | None) -> str | None:
    """The place a map click chose, from streamlit-folium's returned value.

    The clicked feature's ``id`` when the click hit a shape, else the shape under the clicked point.
    """
    if not returned:
        return None
    drawing = returned.get("last_active_drawing") or {}
    place_id = (drawing.get("properties") or {}).get("id")
    if place_id in base.display.ids:
        return place_id
    point = returned.get("last_object_clicked") or returned.get("last_clicked")
    if isinstance(point, Mapping) and "lat" in point and "lng" in point:
        return place_at(base, float(point["lat"]), float(point["lng"]))
    return None


# -- HTML fragments --------------------------------------------------------------------------------
#: Styles for the fragments below (the app adds them once per page).
APP_CSS = """
.geo-block{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1a1a1a}
.geo-block h4{font:600 15px/1.3 system-ui,sans-serif;margin:10px 0 4px}
.geo-block blockquote{margin:6px 0 2px;padding:2px 0 2px 10px;border-left:3px solid #bbb;font-family:Georgia,serif}
.geo-block mark.geo-place{background:#fff1a8;padding:0 1px}
.geo-block mark.geo-cue{background:#d8ecff;padding:0 1px}
.geo-block mark.geo-unresolved{background:#fde2e2;padding:0 1px;border-bottom:1px dashed #a40000}
.geo-block .geo-claim{background:#f4f4f4;border-bottom:2px solid #9db3c9}
.geo-block .geo-meta{font-size:12.5px;color:#555;margin:0 0 10px 13px}
.geo-block p.geo-meta:only-child{margin-left:0}
.geo-block .geo-hedge{color:#8a4b00}
.geo-block .geo-badge{display:inline-block;font-size:11px;line-height:1.6;padding:0 6px;border-radius:8px;
 background:#eee;color:#333;margin-left:6px;vertical-align:1px}
.geo-block .geo-badge.proposed{background:#fff4d6;border:1px dashed #8a6d00}
.geo-block .geo-badge.disputed{background:#fde2e2;border:1px dotted #a40000}
.geo-block .geo-badge.accepted{background:#e3f4ea}
.geo-block .geo-figures{font-weight:600}
.geo-block h3{font:600 17px/1.3 system-ui,sans-serif;margin:6px 0 6px}
.geo-article{white-space:pre-wrap;font-family:Georgia,serif;max-height:560px;overflow-y:auto;padding:8px 12px;
 border:1px solid #ddd;border-radius:4px}
"""


def _block(*parts: Markup) -> Markup:
    return Markup('<div class="geo-block">{}</div>').format(Markup("").join(parts))


def heading_html(text: str) -> Markup:
    return _block(Markup("<h3>{}</h3>").format(text))


def legend_page(data: Coverage) -> str:
    """The map's legend as a page of its own (for a small frame beside the map): the swatches
    need the hatch pattern's SVG, which the app's sanitised HTML would drop."""
    legend = legend_html(data.controllers, approximate=any(data.base.display.approximate))
    return (f"<!doctype html><style>{LEGEND_CONTROL_CSS}body{{margin:0;font:13px/1.35 system-ui,sans-serif;color:#1a1a1a}}"
            ".geo-legend ul{display:grid;grid-template-columns:repeat(auto-fill,minmax(175px,1fr));gap:0 10px}"
            f"</style>{PATTERNS_SVG}{legend}")


def source_html(source: Source, *, attribution: str = "", hedged: str = "", review: str = "") -> Markup:
    """“Title”, Outlet, 7 December 2016. Attributed to … Hedged: “…”. Review. Read the article."""
    parts = []
    if source.title:
        parts.append(Markup("“{}”").format(source.title))
    if source.outlet:
        parts.append(escape(source.outlet))
    if source.published:
        parts.append(escape(format_day(source.published)))
    line = [Markup(", ").join(parts) or Markup("Untitled article")]
    if attribution:
        line.append(Markup("Attributed to {}").format(attribution))
    if hedged:
        line.append(Markup('<span class="geo-hedge">Hedged: “{}”</span>').format(hedged))
    if review:
        line.append(escape(REVIEW_LABEL.get(review, review)))
    if source.link:
        line.append(Markup('<a href="{}" rel="noopener noreferrer nofollow" target="_blank">Read the article</a>')
                    .format(source.link))
    return Markup('<p class="geo-meta">{}.</p>').format(Markup(". ").join(line))


def _badge(status: str) -> Markup:
    return Markup('<span class="geo-badge {}">{}</span>').format(status, STATUS_LABEL.get(status, status))


def change_html(view: ChangeView) -> Markup:
    """A change: the place, who it went from and to, and every sentence behind it with its source."""
    head = Markup("<h4>{}: {} → {}{}</h4>").format(
        view.place, LABEL.get(view.before, view.before), LABEL.get(view.after, view.after), _badge(view.status))
    quotes = [
        Markup("<blockquote>{}</blockquote>{}").format(
            c.sentence, source_html(c.source, attribution=c.attribution, hedged=c.hedged, review=c.review))
        for c in view.citations
    ] or [Markup('<p class="geo-meta">No citing sentence is stored for this change.</p>')]
    return _block(head, *quotes)


def percent_html(view: PercentView) -> Markup:
    """A percent claim: the figure claimed and the figure the map shows, then the sentence."""
    head = Markup('<h4>{}, {}: <span class="geo-figures">claimed {}%, map {}%</span></h4>').format(
        view.area, view.side, f"{view.claimed:g}", f"{view.on_map:g}")
    return _block(head, Markup("<blockquote>{}</blockquote>").format(view.sentence), source_html(view.source))


def history_html(name: str, steps: Sequence[HistoryStep]) -> Markup:
    """A place's history, oldest first: controller, since when, and the sentences behind each."""
    parts = [Markup("<h3>History of {}</h3>").format(name)]
    for step in steps:
        since = format_day(step.state.since) if step.state.since else "the start"
        if step.change is None:
            parts.append(Markup('<p><strong>{}</strong> from {} <span class="geo-meta">({})</span></p>')
                         .format(step.controller, since, step.basis))
            continue
        parts.append(Markup("<p><strong>{}</strong> from {}{}</p>").format(step.controller, since, _badge(step.state.status)))
        for c in step.change.citations:
            parts.append(Markup("<blockquote>{}</blockquote>{}").format(
                c.sentence, source_html(c.source, attribution=c.attribution, hedged=c.hedged, review=c.review)))
    return _block(*parts)


# -- review ----------------------------------------------------------------------------------------
#: The review filters as the page names them (None: every unreviewed claim).
REVIEW_FILTER_LABELS = {
    None: "All unreviewed claims",
    "unresolved": "Place not resolved",
    "low-confidence": "Low confidence",
    "no-date": "No date",
    "disputed": "Disputed by another report",
}


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

    @property
    def key(self) -> str:
        return self.claim.key

    @property
    def label(self) -> str:
        """A one-line name for choosing the claim from a list."""
        claim = self.claim
        day = claim_day(claim)
        what = f"{claim.percent:g}% " if claim.percent is not None else ""
        return (f"{self.place}: {what}{LABEL.get(claim.controller, claim.controller)} ({claim.claim_type}), "
                f"{format_day(day) if day else 'no date'}")


def review_items(data: Coverage, kind: str | None = None) -> list[ReviewItem]:
    """The unreviewed claims (of one :data:`geo.timeline.REVIEW_FILTERS` kind, or all), oldest date first."""
    timeline = data.timeline
    items = [
        ReviewItem(claim, claim.place_as_written if claim.place_id is None else data.place_name(claim.place_id),
                   highlight(claim), _source(data, claim.article), timeline.unplaced.get(claim.key, ""),
                   timeline.disputed_by.get(claim.key, ()))
        for claim in timeline.claims_to_review(kind)
    ]
    items.sort(key=lambda i: (claim_day(i.claim) or date.max, i.place))
    return items


def review_html(item: ReviewItem) -> Markup:
    claim = item.claim
    facts = [f"Read as: {LABEL.get(claim.controller, claim.controller)} ({claim.claim_type})",
             f"confidence {claim.confidence:.2f}"]
    if claim.date_basis:
        facts.append(f"date: {claim.date_basis}")
    if claim.flags:
        facts.append("flags: " + ", ".join(claim.flags))
    if item.unplaced:
        facts.append(f"not on the map: {item.unplaced}")
    if item.disputed_by:
        facts.append(f"disputed by {len(item.disputed_by)} other report(s)")
    return _block(Markup("<blockquote>{}</blockquote>").format(item.sentence),
                  source_html(item.source, attribution=claim.attribution, hedged=claim.hedged),
                  Markup('<p class="geo-meta">{}.</p>').format("; ".join(facts)))


def record_decision(
    store: Store, gazetteer: Gazetteer, claim: Claim, decision: str, *, place_id: str | None = None,
    controller: str | None = None, day: date | None = None, note: str = "", by: str = "",
) -> Decision:
    """Save an editor's decision; a correction records only what differs from the claim."""
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
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise ArticleError("the pasted text is empty")
    return Article(text=text, title=meta.get("title") or text.split("\n", 1)[0][:200], source=meta.get("source", ""),
                   url=meta.get("url", ""), published=meta.get("published"),
                   published_basis=meta.get("published_basis", ""), path="pasted in the app")


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
                found.append(ArticleError(f"not an article file (use {', '.join(ARTICLE_SUFFIXES)})", file=safe))
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


def folder_articles(folder: str, published: date | None = None) -> list[Article | ArticleError]:
    """The article files of a folder on the server (``published`` for those without a date of their own)."""
    path = Path(folder.strip()).expanduser()
    if not folder.strip() or not path.is_dir():
        raise ArticleError("no such folder on the server", file=folder or "(empty)")
    return list(load_articles([path], published=published))


def ingest_messages(report: IngestReport) -> list[tuple[str, str]]:
    """What an ingest did, as (``success``/``info``/``warning``/``error``, message) for the page to show."""
    messages = []
    if report.added:
        messages.append(("success", f"Added {_count(len(report.added), 'article')} with {_count(report.claims, 'claim')}."))
    if report.duplicates:
        messages.append(("info", f"Already stored, skipped: {', '.join(report.duplicates)}."))
    for name, problem in report.failed:
        messages.append(("error", f"{name}: {problem}"))
    if report.unresolved:
        names = ", ".join(sorted(set(report.unresolved)))
        messages.append(("warning", f"Place names the gazetteer does not know: {names}. Add a spelling on the "
                                    "Gazetteer page, then re-read the articles."))
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
    source = _source(data, article_id)
    return Markup("").join([_block(source_html(source)),
                            article_html(article, article_claims(data, article_id), data.gazetteer)])


def claim_rows(data: Coverage, article_id: str) -> list[dict]:
    """The claims read from an article, one row each, for a table."""
    timeline = data.timeline
    rows = []
    for claim in article_claims(data, article_id):
        day = claim_day(claim)
        rows.append({
            "place": claim.place_as_written if claim.place_id is None else data.place_name(claim.place_id),
            "side": LABEL.get(claim.controller, claim.controller),
            "claim": claim.claim_type + (f" {claim.percent:g}%" if claim.percent is not None else ""),
            "date": day.isoformat() if day else "",
            "confidence": claim.confidence,
            "review": timeline.review.get(claim.key, "proposed"),
            "on the map": "no: " + timeline.unplaced[claim.key] if claim.key in timeline.unplaced else "yes",
            "sentence": claim.sentence,
        })
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
                f"{claim.place}: {LABEL.get(claim.controller, claim.controller)} ({claim.claim_type}"
                f"{', ' + format_day(day) if day else ', no date'})")
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
    marks = _without_overlaps(m for m in inner if not any(m[0] < edge < m[1] for a, b in edges for edge in (a, b)))
    tags = [(a, 1, 0, Markup('<span class="{}" title="{}">').format(css, title)) for a, _, css, title in sentences]
    tags += [(b, 0, 1, Markup("</span>")) for _, b, _, _ in sentences]
    tags += [(a, 1, 1, Markup('<mark class="{}" title="{}">').format(css, title)) for a, _, css, title in marks]
    tags += [(b, 0, 0, Markup("</mark>")) for _, b, _, _ in marks]
    out, pos = [], 0
    for at, _, _, tag in sorted(tags, key=lambda t: t[:3]):
        out.append(escape(text[pos:at]))
        out.append(tag)
        pos = at
    out.append(escape(text[pos:]))
    return Markup('<div class="geo-block"><div class="geo-article">{}</div></div>').format(Markup("").join(out))


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
    local = {p.id for p in (*gazetteer.areas, *gazetteer.regions)}
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
    local = {p.id for p in (*data.gazetteer.areas, *data.gazetteer.regions)}
    found = []
    for key, count in counts.most_common():
        written = spelled[key].most_common(1)[0][0]
        lookup = data.gazetteer.lookup(written, limit=limit + 3)
        suggestions = tuple(c for c in lookup.candidates if c.place.id in local)[:limit]
        found.append(UnresolvedName(written, count, suggestions))
    return found


def place_rows(found: Iterable[PlaceMatch]) -> list[dict]:
    """Search results, one row each, for a table."""
    return [{"name": m.place.name, "kind": m.place.kind, "id": m.place.id, "found by": m.how,
             "other spellings": ", ".join(n for n in m.place.names() if n != m.place.name),
             "in": ", ".join(m.place.parents)} for m in found]


def unresolved_html(names: Sequence[UnresolvedName]) -> Markup:
    """The unresolved names as a list: “Zebdine Farms” (2 claims): perhaps al-Zebdiyeh (74), …"""
    items = [
        Markup("<li>“{}” ({}): perhaps {}</li>").format(
            n.written, _count(n.claims, "claim"),
            ", ".join(f"{c.place.name} ({c.score:.0f})" for c in n.suggestions) or "no close match")
        for n in names
    ]
    return _block(Markup("<ul>{}</ul>").format(Markup("").join(items)))


def reextract_text(report: ReextractReport) -> str:
    lost = f"; {_count(len(report.orphaned), 'decision')} lost its claim and is kept aside" if report.orphaned else ""
    return (f"Read {_count(report.articles, 'article')} again: {report.claims_before} claims before, "
            f"{report.claims_after} now{lost}.")


def places_on_map(data: Coverage, place_ids: Iterable[str]) -> frozenset[str]:
    """The map places to outline for a list of places (a region stands for its members)."""
    return frozenset(m for p in place_ids if p in data.gazetteer.places for m in data.gazetteer.members(p))


# -- publishing ------------------------------------------------------------------------------------
def publish_text(report: PublishReport) -> str:
    """“Published 14 dates (26 November 2016 to 22 December 2016) to …/site: 61 files, 3.2 MB.”"""
    sizes = report.sizes()
    return (f"Published {_count(len(report.dates), 'date')} ({format_day(report.dates[0])} to "
            f"{format_day(report.dates[-1])}) to {report.out_dir}: {_count(len(sizes), 'file')}, "
            f"{sum(sizes.values()) / 1e6:.1f} MB in {report.seconds:.1f} s.")


def zip_site(folder: str | Path) -> bytes:
    """A published site as one zip file (paths relative to the site's folder)."""
    folder = Path(folder)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return buffer.getvalue()
