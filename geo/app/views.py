"""What the app's map page shows, as plain data and escaped HTML (no Streamlit here).

The pages (``app.py``, ``pages/``) only lay out widgets and call these functions (and
:mod:`geo.app.editing`, for the editors' pages), so everything a page computes can be tested without
a browser:

- a cheap *revision* of a gazetteer's files, which the app's caches are keyed on (which city
  and which store: :mod:`geo.app.where`);
- :class:`Coverage`, everything drawn from the store for one gazetteer, and :func:`date_view`,
  what one date shows: the changes with their citing sentences, percent claims checked against
  the map, and each side's share of the city and its regions by area;
- a place's history, and the place a click on the map chose.

Every fragment of HTML is a macro of ``geo/render/templates/_fragments.html``, rendered by the one
Jinja environment the site uses too: every text from an article reaches HTML escaped, and only
http(s) links become links.
"""

from __future__ import annotations

import base64
import io
import warnings
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import geopandas as gpd
import shapely
from markupsafe import Markup

from ..core import (  # noqa: F401 (the app's name for it)
    GAZETTEER_VARIABLE,
    REVIEW_LABEL,
    STATUS_LABEL,
    Claim,
    GeoWarning,
    default_gazetteer,
    strip_bidi,
)
from ..gazetteer import Conflict, Gazetteer, place_areas, place_shapes
from ..publish import ChangeView, PercentView, Snapshot, Source, changes_html, snapshot_on, source_of
from ..read import Article
from ..render import (
    MapShapes,
    StaticMap,
    TimeAxis,
    asset,
    basemap_for,
    context_lines,
    controllers_shown,
    format_day,
    fragment,
    map_shapes,
)
from ..store import Store, city_of
from ..timeline import ControlState, ControlTimeline

DB_VARIABLE = "GEO_DB"
#: The files of a gazetteer folder whose change means the gazetteer must be read again.
GAZETTEER_FILES = ("gazetteer.json", "places.csv", "regions.csv", "baseline.csv", "boundaries.geojson")
#: Shares below this fraction are written "under 1%" rather than rounded to nothing.
SMALL_SHARE = 0.005


# -- where the data is -----------------------------------------------------------------------------
def gazetteer_folder() -> Path:
    """The gazetteer the app shows: ``$GEO_GAZETTEER``, else the first one under ``data/``."""
    return default_gazetteer()


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
    """A gazetteer's places as drawn: the shapes (WGS84, with areas), their display form, and
    what the map is drawn on (the basemap options of :func:`geo.render.build_map`)."""

    shapes: gpd.GeoDataFrame
    display: MapShapes
    map_options: dict
    #: What reading the boundary file warned of (a feature repaired, one left off the map), each
    #: naming the file and the feature: kept with the cached shapes, so a page can say it on every
    #: run instead of the server's console saying it once.
    boundary_warnings: tuple[str, ...] = ()

    @property
    def areas(self) -> dict[str, float]:
        return place_areas(self.shapes)


def map_base(gazetteer: Gazetteer) -> MapBase:
    """The gazetteer's shapes as the app draws them, with the boundary file's warnings caught."""
    shapes, said = shapes_and_warnings(gazetteer)
    options = {"basemap": basemap_for(gazetteer), "context": context_lines(gazetteer, shapes)}
    return MapBase(shapes, map_shapes(shapes, gazetteer.crs), options, said)


def shapes_and_warnings(gazetteer: Gazetteer) -> tuple[gpd.GeoDataFrame, tuple[str, ...]]:
    """:func:`place_shapes`, and the :class:`GeoWarning` messages it gave (each once, in order).

    The warnings still reach the console as well; any other warning passes through untouched.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", GeoWarning)
        shapes = place_shapes(gazetteer)
    for seen in caught:
        warnings.warn_explicit(seen.message, seen.category, seen.filename, seen.lineno)
    said = (str(w.message) for w in caught if issubclass(w.category, GeoWarning))
    return shapes, tuple(dict.fromkeys(said))


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
    controllers = tuple(
        controllers_shown(
            (s.controller for p in gazetteer.areas for s in timeline.history(p.id)), conflict=gazetteer.war
        )
    )
    articles = {a.id: a for a in store.articles(city=city_of(gazetteer))}  # a shared store: this city's only
    return Coverage(gazetteer, base, timeline, articles, controllers)


# -- choosing a date -------------------------------------------------------------------------------
def axis_days(dates: Sequence[date]) -> list[date]:
    """Every day from the first change date to the last: the date slider's steps, so that a
    five-day gap between two reports is five steps, not one."""
    if not dates:
        return []
    first, last = min(dates), max(dates)
    return [date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1)]


def as_of(dates: Sequence[date], day: date) -> date:
    """The change date whose map stands on ``day``: the last one on or before it (the first, before any)."""
    earlier = [d for d in dates if d <= day]
    return earlier[-1] if earlier else min(dates)


def pick_day(dates: Sequence[date], wanted: str | date | None) -> tuple[date | None, str]:
    """The day of the axis to show for ``wanted`` (an ISO date, e.g. from the URL), and a note if it moved.

    Any day from the first report to the last is shown as asked (the map as it stood that day);
    a day before the first or after the last shows that end, and says so; no date shows the first.
    """
    if not dates:
        return None, ""
    first, last = min(dates), max(dates)
    if wanted is None or wanted == "":
        return first, ""
    if isinstance(wanted, str):
        try:
            wanted = date.fromisoformat(wanted)
        except ValueError:
            return first, f"“{wanted}” is not a date (YYYY-MM-DD): showing the first report."
    if wanted < first:
        return (
            first,
            f"{format_day(wanted)} is before the first report ({format_day(first)}): showing that report.",
        )
    if wanted > last:
        return last, (
            f"{format_day(wanted)} is after the last report ({format_day(last)}): "
            "the map shows the positions as last reported."
        )
    return wanted, ""


def step_date(dates: Sequence[date], day: date, by: int) -> date:
    """The change date ``by`` changes from ``day`` (any day of the axis), stopping at the first and the last.

    From a day between two reports, one step back is the report whose map stands that day.
    """
    ordered = sorted(dates)
    if by > 0:
        later = [d for d in ordered if d > day]
        return later[min(by, len(later)) - 1] if later else ordered[-1]
    if by < 0:
        earlier = [d for d in ordered if d < day]
        return earlier[max(by, -len(earlier))] if earlier else ordered[0]
    return day


def play_step(days: Sequence[date], day: date, elapsed: float, interval: float) -> tuple[date, bool, bool]:
    """While playing, after ``elapsed`` seconds on ``day``: (day to show, keep playing, stepped).

    Playing moves a day at a time along ``days`` (the axis), so time passes as it did. A step is
    due a little before ``interval`` has passed, so a rerun that comes early still steps; playing
    stops on the last day.
    """
    if elapsed < interval * 0.75:
        return day, True, False
    if day >= days[-1]:
        return day, False, False
    later = [d for d in days if d > day]
    return later[0], True, True


# -- one date ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RegionShare:
    """Each side's share of a region's area on one date, largest first."""

    region_id: str
    name: str
    shares: tuple[tuple[str, float], ...]
    conflict: Conflict | None = None

    @property
    def text(self) -> str:
        """Each side's label and share, largest first: "Government 48%, Contested 5%"."""
        label = self.conflict.label if self.conflict else str
        return ", ".join(f"{label(c)} {percent_text(f)}" for c, f in self.shares)


@dataclass(frozen=True)
class DateView:
    """What the main page shows for one day of the axis: the map and text of the change date
    standing that day (``day``), "as of" the day asked (``asked``)."""

    day: date
    step: int
    steps: int
    snapshot: Snapshot
    percent: tuple[PercentView, ...]
    shares: tuple[RegionShare, ...]
    snapshot_dates: tuple[date, ...] = ()
    asked: date | None = None

    @property
    def as_of(self) -> date:
        """The day the reader chose on the axis (a change date, or a day between two)."""
        return self.asked or self.day

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
    def axis(self) -> TimeAxis:
        """The time axis of every change date, the cursor on the day chosen."""
        return TimeAxis.of(self.snapshot_dates, self.as_of)

    @property
    def report(self) -> str:
        """Which report the map is: "change 2 of 3", or, between reports, the one it stands on."""
        step = f"change {self.step} of {self.steps}"
        if self.as_of == self.day:
            return step
        return f"no report that day: positions as of {format_day(self.day)} ({step})"

    @property
    def summary(self) -> str:
        """One line: the day, the report the map is, and what the city's area looks like by side."""
        head = f"As of {format_day(self.as_of)}, {self.report}"
        if not self.shares:
            return head
        first = self.shares[0]
        return f"{head}. By area, {first.name}: {first.text}."


def summary_html(view: DateView) -> Markup:
    """The summary line: "As of" the day in bold, the report, the city's shares by area."""
    return fragment(
        "summary", view.as_of, view.summary.removeprefix(f"As of {format_day(view.as_of)}"), prefix="As of "
    )


def shares_html(view: DateView) -> Markup:
    """Each region's shares by area, in small print (the city's are in the summary)."""
    return fragment("shares", view.shares[1:])


def axis_html(view: DateView) -> Markup:
    """The time axis under the slider: real days, week ticks, each change date a link to it."""
    return fragment("time_axis", view.axis, link="?date=DATE")


def percent_text(fraction: float) -> str:
    return "under 1%" if 0 < fraction < SMALL_SHARE else f"{fraction * 100:.0f}%"


def date_view(data: Coverage, day: date) -> DateView:
    """What ``day`` shows: the changes of the change date standing that day with their sentences,
    its percent checks (those dated up to the next change, see :func:`geo.publish.percent_views`)
    and the shares by area."""
    dates = data.dates
    shown = as_of(dates, day) if dates else day
    snapshot = snapshot_on(shown, data.timeline, data.gazetteer, data.articles, drawn=data.base.display.ids)
    return DateView(
        shown,
        dates.index(shown) + 1 if shown in dates else 0,
        len(dates),
        snapshot,
        snapshot.percent,
        region_shares(data, shown),
        tuple(dates) or (shown,),
        asked=day,
    )


def no_change_text(data: Coverage) -> str:
    """What the map page says when no change is on the map: none reported, or none reviewed yet."""
    timeline = data.timeline
    if not timeline.show_proposed and timeline.unreviewed:
        n = timeline.unreviewed
        return (
            f"No reviewed change yet ({n} unreviewed claim{'s' if n != 1 else ''}): the map shows the baseline. "
            "Review them on the **Review** page, or switch on “Show unreviewed claims”."
        )
    return "No reported change of control yet: add articles on the **Sources** page."


def hidden_text(data: Coverage) -> str:
    """With unreviewed claims hidden, how many are left off the map ("" when none or when shown)."""
    timeline = data.timeline
    n = timeline.unreviewed
    if timeline.show_proposed or not n:
        return ""
    return f"Only reviewed claims move this map: {n} unreviewed claim{'s are' if n != 1 else ' is'} left off."


def baseline_states(data: Coverage) -> dict[str, ControlState]:
    """Who held each place at the baseline (the map before any change)."""
    timeline = data.timeline
    return timeline.state_on(timeline.baseline.start or date.today())


def article_source(data: Coverage, article_id: str) -> Source:
    """An article as a citation names it (a link only for a plain http(s) URL)."""
    return source_of(data.articles, article_id)


def region_shares(data: Coverage, day: date) -> tuple[RegionShare, ...]:
    """The city first, then every other region: who holds how much of its area."""
    gazetteer = data.gazetteer
    regions = sorted(gazetteer.regions, key=lambda r: (r.id != gazetteer.city_region, r.kind != "city"))
    found = []
    for region in regions:
        shares = data.timeline.share(region.id, day)
        if shares:
            found.append(RegionShare(region.id, region.name, tuple(shares.items()), gazetteer.conflict))
    return tuple(found)


def map_image(
    data: Coverage, states: Mapping[str, ControlState], changed_ids: Collection[str], day: date
) -> str:
    """The map of ``day`` as a PNG ``data:`` URL: what the app's map frame shows where Leaflet
    cannot draw (drawn by the same StaticMap as the published images)."""
    gazetteer = data.gazetteer
    drawing = StaticMap(
        data.base.display,
        gazetteer.crs,
        f"{gazetteer.name}: who held what",
        data.controllers,
        conflict=gazetteer.war,
        width_px=1000,
        height_px=1000,
        dpi=125,
    )
    drawing.draw(states, changed_ids, day)
    buffer = io.BytesIO()
    drawing.save(buffer)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


# -- a place's history -----------------------------------------------------------------------------
@dataclass(frozen=True)
class HistoryStep:
    """One controller a place had: from when, and the change (with its sentences) that made it so.

    The first step is the baseline: ``change`` is None and ``basis`` says where it comes from.
    """

    state: ControlState
    change: ChangeView | None
    basis: str = ""
    conflict: Conflict | None = None

    @property
    def controller(self) -> str:
        return self.conflict.label(self.state.controller) if self.conflict else self.state.controller


def place_history(data: Coverage, place_id: str) -> list[HistoryStep]:
    """Every controller a map place had, oldest first, each with the sentences behind it."""
    timeline = data.timeline
    steps = []
    for state in timeline.history(place_id):
        if not state.claim_keys:
            entry = timeline.baseline.entry(place_id)
            basis = entry.source or ("not established" if state.controller == "unknown" else "baseline")
            steps.append(HistoryStep(state, None, basis, data.gazetteer.conflict))
            continue
        snapshot = snapshot_on(state.since, timeline, data.gazetteer, data.articles)
        change = next((c for c in snapshot.changes if c.change.place_id == place_id), None)
        steps.append(HistoryStep(state, change, conflict=data.gazetteer.conflict))
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
#: The one stylesheet (the app adds it once per page).
APP_CSS = asset("page.css")


def stylesheet() -> Markup:
    """The stylesheet as a ``<style>`` element, for the app's pages."""
    return fragment("stylesheet", APP_CSS)


def html_block(*parts: Markup) -> Markup:
    """Fragments in the app's styled block, without bidi controls: an unclosed one from an outlet
    would reverse the rest of the citation line."""
    return Markup(strip_bidi(fragment("block", Markup("").join(parts))))


def changes_block(view: DateView) -> Markup:
    """The date's citing text, rendered by the same template as the published page."""
    return html_block(changes_html(view.snapshot))


def heading_html(text: str) -> Markup:
    return fragment("heading", text)


def source_html(source: Source, *, attribution: str = "", hedged: str = "", review: str = "") -> Markup:
    """“Title”, Outlet, 7 December 2016. Attributed to … Hedged: “…”. Review. Read the article."""
    return fragment("source_line", source, attribution, hedged, review)


def history_html(name: str, steps: Sequence[HistoryStep]) -> Markup:
    """A place's history, oldest first: controller, since when, and the sentences behind each."""
    return fragment("history", name, steps)
