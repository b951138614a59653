"""What the app's map page shows, as plain data and escaped HTML (no Streamlit here).

The pages (``app.py``, ``pages/``) only lay out widgets and call these functions (and
:mod:`geo.editing`, for the editors' pages), so everything a page computes can be tested without
a browser:

- where the data lives (``$GEO_DB``, ``$GEO_GAZETTEER``, else the bundled demo) and a cheap
  *revision* of each, which the app's caches are keyed on;
- :class:`Coverage`, everything drawn from the store for one gazetteer, and :func:`date_view`,
  what one date shows: the changes with their citing sentences, percent claims checked against
  the map, and each side's share of the city and its regions by area;
- a place's history, and the place a click on the map chose.

Every text from an article reaches HTML escaped; only http(s) links become links.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import geopandas as gpd
import shapely
from markupsafe import Markup, escape

from ..core import DEFAULT_GAZETTEER, REVIEW_LABEL, STATUS_LABEL, Claim, strip_bidi
from ..gazetteer import Gazetteer, place_areas, place_shapes
from ..publish import ChangeView, Snapshot, Source, changes_html, highlight, snapshot_on, source_of
from ..read import Article
from ..render import (
    LABEL,
    LEGEND_CONTROL_CSS,
    PATTERNS_SVG,
    MapShapes,
    controllers_shown,
    format_day,
    legend_html,
    map_shapes,
)
from ..store import Store, default_db
from ..timeline import ControlState, ControlTimeline, PercentCheck

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
    from ..store import demo_database

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


# -- what the store covers -------------------------------------------------------------------------
@dataclass(frozen=True)
class MapBase:
    """A gazetteer's places as drawn: the shapes (WGS84, with areas) and their display form."""

    shapes: gpd.GeoDataFrame
    display: MapShapes

    @property
    def areas(self) -> dict[str, float]:
        return place_areas(self.shapes)


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

    def claim_place(self, claim: Claim) -> str:
        """The place a claim is about, as an editor reads it: its name, or the words written if unresolved."""
        return claim.place_as_written if claim.place_id is None else self.place_name(claim.place_id)

    def place_name(self, place_id: str | None) -> str:
        place = self.gazetteer.places.get(place_id or "")
        return place.name if place else (place_id or "unresolved place")


def coverage(store: Store, gazetteer: Gazetteer, base: MapBase, *, show_proposed: bool = True) -> Coverage:
    timeline = store.timeline(gazetteer, show_proposed=show_proposed, areas=base.areas)
    controllers = tuple(controllers_shown(s.controller for p in gazetteer.areas for s in timeline.history(p.id)))
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


def play_step(dates: Sequence[date], day: date, elapsed: float, interval: float) -> tuple[date, bool, bool]:
    """While playing, after ``elapsed`` seconds on ``day``: (date to show, keep playing, stepped).

    A step is due a little before ``interval`` has passed, so a rerun that comes early still steps;
    playing stops on the last date.
    """
    if elapsed < interval * 0.75:
        return day, True, False
    if day == dates[-1]:
        return day, False, False
    return step_date(dates, day, 1), True, True


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
    return html_block(Markup("<p><strong>{}</strong>{}</p>").format(format_day(view.day), rest))


def shares_html(view: DateView) -> Markup:
    """Each region's shares by area, in small print (the city's are in the summary)."""
    lines = [Markup("{}: {}").format(s.name, s.text) for s in view.shares[1:]]
    return html_block(Markup('<p class="geo-meta">{}</p>').format(Markup("<br>").join(lines))) if lines else Markup("")


def percent_text(fraction: float) -> str:
    return "under 1%" if 0 < fraction < SMALL_SHARE else f"{fraction * 100:.0f}%"


def date_view(data: Coverage, day: date) -> DateView:
    """The changes of ``day`` with their sentences, its percent checks, and the shares by area."""
    dates = data.dates
    snapshot = snapshot_on(day, data.timeline, data.gazetteer, data.articles)
    percent = tuple(_percent_view(data, check) for check in data.timeline.percent_checks(day))
    return DateView(day, dates.index(day) + 1 if day in dates else 0, len(dates), snapshot, percent,
                    region_shares(data, day))


def article_source(data: Coverage, article_id: str) -> Source:
    """An article as a citation names it (a link only for a plain http(s) URL)."""
    return source_of(data.articles, article_id)


def _percent_view(data: Coverage, check: PercentCheck) -> PercentView:
    claim = data.timeline.claims[check.claim_key]
    return PercentView(check, data.place_name(check.place_id), LABEL.get(check.controller, check.controller),
                       highlight(claim), article_source(data, claim.article))


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
        snapshot = snapshot_on(state.since, timeline, data.gazetteer, data.articles)
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
.geo-block h2{font:600 19px/1.3 system-ui,sans-serif;margin:4px 0 8px}
.geo-block .geo-change{border-top:1px solid #e3e3e3;padding-top:4px}
.geo-block blockquote.geo-quote{font-family:Georgia,serif}
.geo-block .geo-cite{font-size:12.5px;color:#555;margin:0 0 10px 13px}
.geo-block .geo-cite .geo-hedge{color:#8a4b00}
.geo-block .geo-places{font-size:13px;margin:0 0 6px}
.geo-block .geo-empty{color:#555;font-style:italic}
.geo-block ol.geo-sources{font-size:12.5px;color:#555;padding-left:20px}
.geo-article{white-space:pre-wrap;font-family:Georgia,serif;max-height:560px;overflow-y:auto;padding:8px 12px;
 border:1px solid #ddd;border-radius:4px}
"""


def html_block(*parts: Markup) -> Markup:
    """Fragments in the app's styled block (see :data:`APP_CSS`), without bidi controls: an
    unclosed one from an outlet would reverse the rest of the citation line."""
    return Markup(strip_bidi(Markup('<div class="geo-block">{}</div>').format(Markup("").join(parts))))


def changes_block(view: DateView) -> Markup:
    """The date's citing text, rendered by the same template as the published page."""
    return html_block(changes_html(view.snapshot))


def heading_html(text: str) -> Markup:
    return html_block(Markup("<h3>{}</h3>").format(text))


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


def percent_html(view: PercentView) -> Markup:
    """A percent claim: the figure claimed and the figure the map shows, then the sentence."""
    head = Markup('<h4>{}, {}: <span class="geo-figures">claimed {}%, map {}%</span></h4>').format(
        view.area, view.side, f"{view.claimed:g}", f"{view.on_map:g}")
    return html_block(head, Markup("<blockquote>{}</blockquote>").format(view.sentence), source_html(view.source))


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
    return html_block(*parts)
