"""Publishing: a static site of the control map that needs no server.

``publish(out_dir, ...)`` writes, for every change date:

- ``YYYY-MM-DD.html`` — the map of that date (the same builder as the app), its legend, the
  sentences that cite each change, the sources, links to the previous and next dates;
- ``png/YYYY-MM-DD.png`` — the same map as an image (optionally ``timeline.gif`` of them all);
- ``data/control-YYYY-MM-DD.geojson`` — every place with its controller and the claims behind it
  (a place with no shape, for want of a coordinate, with ``"geometry": null``);

Places with no shape are listed beside the map ("named in reports, not on the map"), with who
held them that day. Sides, their labels and colours are those of the gazetteer's conflict.

and once: ``timeline.html`` (one page with every date on a time axis, for embedding),
``index.html`` (the dates, what changed, an iframe snippet), ``data/claims.csv`` (ACLED-like
columns plus our own) and ``leaflet/`` (Leaflet's script and stylesheet, so no page needs a CDN;
``--inline-leaflet`` puts them inside each page instead).

All article text is escaped; only http(s) URLs become links; JSON inside a ``<script>`` has its
``<`` escaped. The site is built in a temporary folder beside ``out_dir`` and then moved into
place, so a failed publish never leaves half a site.

Every site carries a manifest, ``.geo-site.json``, listing the files that publish wrote. A
folder is replaced only if it is empty or carries one, and then only the files it lists are
removed: anything else someone put there (a CNAME, a README, a .git folder) stays, and a folder
without a manifest is refused, whatever it holds.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import tempfile
import textwrap
import time
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import geopandas as gpd
import shapely
from markupsafe import Markup

from ..core import CONTESTED, UNKNOWN, Claim, GeoError, plural, spreadsheet_cell, strip_bidi
from ..gazetteer import Conflict, Gazetteer, off_map
from ..read import Article
from ..render import (
    MapShapes,
    StaticMap,
    TimeAxis,
    asset,
    basemap_for,
    build_map,
    context_lines,
    control_layer,
    controllers_shown,
    environment,
    format_day,
    fragment,
    map_shapes,
    state_style,
    tooltip_html,
)
from ..render import leaflet_dir as find_leaflet
from ..timeline import Change, ControlState, ControlTimeline, PercentCheck, claim_day

#: Milliseconds per day when the timeline plays at 1× (2× and 4× divide it).
PLAY_DAY_MS = 700
#: How a page gets Leaflet: a file beside the pages (the default), inside each page, or a CDN.
LEAFLET_MODES = ("file", "inline", "cdn")
#: Where the "file" mode puts Leaflet, relative to the site.
LEAFLET_FOLDER = "leaflet"
#: Duration of one GIF frame, and the GIF's width in pixels.
GIF_FRAME_MS = 1200
GIF_WIDTH = 640

#: ACLED's Battles sub-event types: a place taken by the state's forces, by any other side, or fought over.
STATE_GAINS = "Government regains territory"
NON_STATE_GAINS = "Non-state actor overtakes territory"
CLASH = "Armed clash"
#: The heading of the places listed beside the map for want of a position.
OFF_MAP_HEADING = "Named in reports, not on the map: no coordinate"


def sub_event_type(conflict: Conflict, controller: str) -> str:
    """ACLED's sub-event type for a place going to ``controller`` ("" for not established)."""
    side = conflict.side(controller)
    if side is not None:
        return STATE_GAINS if side.state else NON_STATE_GAINS
    return CLASH if controller == CONTESTED else ""


CLAIM_COLUMNS = (
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "place_id",
    "before",
    "after",
    "change_status",
    "claim_id",
    "review_status",
    "claim_type",
    "sentence",
    "attribution",
    "hedged",
    "article_title",
    "article_url",
    "article_published",
)
_SAFE_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f<>\"'`]+", re.IGNORECASE)


def safe_link(url: str | None) -> str | None:
    """``url`` if it is a plain http(s) URL, else None: never a ``javascript:`` or data link."""
    url = (url or "").strip()
    return url if _SAFE_URL.fullmatch(url) else None


# -- what a page shows ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Source:
    """An article as cited: title, outlet, date, and a link only if its URL is plain http(s)."""

    title: str
    outlet: str
    published: date | None
    link: str | None


@dataclass(frozen=True)
class Citation:
    """One claim under a change: the sentence (escaped, words highlighted) and where it comes from."""

    key: str
    sentence: Markup
    source: Source
    attribution: str
    hedged: str
    review: str


@dataclass(frozen=True)
class ChangeView:
    """A change as the reader sees it: the place's name and the citations behind it."""

    change: Change
    place: str
    citations: tuple[Citation, ...]

    @property
    def before(self) -> str:
        return self.change.before

    @property
    def after(self) -> str:
        return self.change.after

    @property
    def status(self) -> str:
        return self.change.status


@dataclass(frozen=True)
class ChangeGroup:
    """Changes resting on the same claims, cited once: one report about a district moves many places."""

    changes: tuple[ChangeView, ...]

    @property
    def citations(self) -> tuple[Citation, ...]:
        return self.changes[0].citations

    @property
    def status(self) -> str:
        return self.changes[0].status

    @property
    def after(self) -> str | None:
        """The controller every place went to, or None when they went to different ones."""
        afters = {c.after for c in self.changes}
        return afters.pop() if len(afters) == 1 else None

    def transitions(self) -> list[tuple[str, str, list[str]]]:
        """(before, after, place names) for each kind of change in the group, in order."""
        grouped: dict[tuple[str, str], list[str]] = {}
        for c in self.changes:
            grouped.setdefault((c.before, c.after), []).append(c.place)
        return [(before, after, names) for (before, after), names in grouped.items()]


@dataclass(frozen=True)
class OffMap:
    """A place with no shape that reports name: listed beside the map with its state that day."""

    place_id: str
    name: str
    state: ControlState


@dataclass(frozen=True)
class PercentView:
    """A claimed share ("85 percent of eastern Aleppo") beside the share the map shows that day:
    a check, not a change (a region's share repaints none of its members until an editor applies it)."""

    check: PercentCheck
    area: str
    side: str
    sentence: Markup
    source: Source

    @property
    def claimed(self) -> float | None:
        return self.check.claimed

    @property
    def claimed_text(self) -> str:
        """ "85%", or the sentence's words when it gives no figure ("“most of”")."""
        return self.check.claimed_text

    @property
    def on_map(self) -> float:
        return self.check.on_map


@dataclass(frozen=True)
class Snapshot:
    """Everything published for one date."""

    day: date
    states: dict[str, ControlState]
    groups: tuple[ChangeGroup, ...]
    sources: tuple[Source, ...]
    #: Places reports name (on this date or before) that the map cannot draw, for want of a coordinate.
    off_map: tuple[OffMap, ...] = ()
    #: Whose sides the labels are (None: ids are shown as they are).
    conflict: Conflict | None = None
    heading: str = OFF_MAP_HEADING
    #: Shares of a region claimed from this date until the next change date, beside the map's share.
    percent: tuple[PercentView, ...] = ()

    @property
    def changes(self) -> tuple[ChangeView, ...]:
        return tuple(c for g in self.groups for c in g.changes)

    @property
    def changed_ids(self) -> frozenset[str]:
        return frozenset(c.change.place_id for c in self.changes)


def highlight(claim: Claim) -> Markup:
    """The claim's sentence, escaped, with the place name and the control words marked.

    Offsets are in the article text; a span that does not fall inside the sentence (or does not
    hold the words it should) is left unmarked rather than marking the wrong words.
    """
    sentence = claim.sentence
    spans = []
    for start, end, written, css in (
        (claim.place_start, claim.place_end, claim.place_as_written, "geo-place"),
        (claim.cue_start, claim.cue_end, claim.cue, "geo-cue"),
    ):
        a, b = start - claim.start, end - claim.start
        if 0 <= a < b <= len(sentence) and (not written or sentence[a:b] == written):
            spans.append((a, b, css))
        elif written and written in sentence:
            a = sentence.index(written)
            spans.append((a, a + len(written), css))
    segments, pos = [], 0
    for a, b, css in sorted(spans):
        if a < pos:
            continue  # overlapping marks: keep the first
        segments += [(sentence[pos:a], None), (sentence[a:b], css)]
        pos = b
    segments.append((sentence[pos:], None))
    return fragment("marked", [(text, css) for text, css in segments if text])


def source_of(articles: Mapping[str, Article], article_id: str) -> Source:
    """An article as a citation names it (a link only for a plain http(s) URL)."""
    article = articles.get(article_id) or Article(text="")
    return Source(
        strip_bidi(article.title), strip_bidi(article.source), article.published, safe_link(article.url)
    )


def snapshot_on(
    day: date,
    timeline: ControlTimeline,
    gazetteer: Gazetteer,
    articles: Mapping[str, Article],
    *,
    drawn: Collection[str] | None = None,
) -> Snapshot:
    """What one date's page shows: its states, its changes grouped by the claims behind them, its
    sources, and the places named so far that the map does not draw (``drawn``: the ids with a
    shape; by default those with a coordinate).

    The app's citing text is built from the same snapshot, so page and app cite alike.
    """
    by_claims: dict[tuple[str, ...], list[Change]] = {}
    for change in timeline.changes_on(day):
        by_claims.setdefault(change.claim_keys, []).append(change)
    groups, sources = [], {}
    for keys, changes in by_claims.items():
        citations = []
        for key in keys:
            claim = timeline.claims.get(key)
            if claim is None:
                continue
            source = source_of(articles, claim.article)
            review = "disputed" if key in timeline.disputed_by else timeline.review.get(key, "proposed")
            citations.append(Citation(key, highlight(claim), source, claim.attribution, claim.hedged, review))
            if source.title or source.outlet:
                sources[claim.article] = source
        views = []
        for change in changes:
            place = gazetteer.places.get(change.place_id)
            views.append(ChangeView(change, place.name if place else change.place_id, tuple(citations)))
        groups.append(ChangeGroup(tuple(views)))
    states = timeline.state_on(day)
    drawn = [p.id for p in gazetteer.areas if p.located] if drawn is None else drawn
    return Snapshot(
        day,
        states,
        tuple(groups),
        tuple(sources.values()),
        _named_off_map(day, timeline, gazetteer, states, drawn),
        gazetteer.conflict,
        percent=percent_views(day, timeline, gazetteer, articles),
    )


def percent_views(
    day: date, timeline: ControlTimeline, gazetteer: Gazetteer, articles: Mapping[str, Article]
) -> tuple[PercentView, ...]:
    """The percent checks dated from ``day`` up to the next change date: the map they are checked
    against is this date's (nothing changed in between), and they would otherwise never show."""
    later = [d for d in timeline.dates if d > day]
    last = date.fromordinal(later[0].toordinal() - 1) if later else date.max
    views = []
    for check in timeline.percent_checks(day, last):
        claim = timeline.claims[check.claim_key]
        place = gazetteer.places.get(check.place_id or "")
        views.append(
            PercentView(
                check,
                place.name if place else (check.place_id or "unresolved place"),
                gazetteer.war.label(check.controller),
                highlight(claim),
                source_of(articles, claim.article),
            )
        )
    return tuple(views)


def _named_off_map(
    day: date,
    timeline: ControlTimeline,
    gazetteer: Gazetteer,
    states: Mapping[str, ControlState],
    drawn: Collection[str],
) -> tuple[OffMap, ...]:
    """The places without a shape that a claim dated up to ``day`` names itself (not through a region:
    those are in the day's changes), with their state that day."""
    unshown = off_map(gazetteer, drawn)
    if not unshown:
        return ()
    wanted = {p.id for p in unshown}
    named = {
        c.place_id
        for k, c in timeline.claims.items()
        if c.place_id in wanted and timeline.review.get(k) != "rejected" and (claim_day(c) or date.max) <= day
    }
    return tuple(
        OffMap(p.id, p.name, states.get(p.id) or ControlState(p.id, UNKNOWN, None))
        for p in unshown
        if p.id in named
    )


# -- the report ----------------------------------------------------------------------------------
@dataclass
class PublishReport:
    """What a publish wrote, and how long it took."""

    out_dir: Path
    dates: list[date]
    seconds: float = 0.0
    #: Seconds per HTML snapshot (map + page), per PNG, and for the timeline page.
    snapshot_seconds: list[float] = field(default_factory=list)
    png_seconds: list[float] = field(default_factory=list)
    timeline_seconds: float = 0.0
    leaflet: str = "file"

    def files(self) -> list[Path]:
        """The files this publish wrote (its manifest's list, and the manifest)."""
        return [self.out_dir / name for name in site_files(self.out_dir)]

    def summary(self, day: Callable[[date], str] = date.isoformat) -> str:
        """ "3 dates (2016-11-28 to 2016-12-05) to DIR: 31 files, 3.9 MB in 1.0 s": what the command and the app report."""
        sizes = self.sizes()
        dates = f"{len(self.dates)} date{'' if len(self.dates) == 1 else 's'}"
        files = f"{len(sizes)} file{'' if len(sizes) == 1 else 's'}"
        return (
            f"{dates} ({day(self.dates[0])} to {day(self.dates[-1])}) to {self.out_dir}: "
            f"{files}, {sum(sizes.values()) / 1e6:.1f} MB in {self.seconds:.1f} s"
        )

    def sizes(self) -> dict[str, int]:
        """Bytes per file, by path relative to the site."""
        return {p.relative_to(self.out_dir).as_posix(): p.stat().st_size for p in self.files()}


# -- publishing ----------------------------------------------------------------------------------
def changes_html(snapshot: Snapshot) -> Markup:
    """One date's citing text (changes grouped by the claims behind them, their sentences, the
    sources), exactly as the published page shows it: the app renders it with this too."""
    return Markup(environment(snapshot.conflict).get_template("_changes.html").module.changes(snapshot))


def script_json(value: object) -> Markup:
    """JSON safe inside a ``<script>`` element: no ``</script>``, no ``<!--``."""
    return Markup(json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c"))


def leaflet_assets(inline: bool, leaflet_dir: str | Path | None = None) -> Markup:
    """Leaflet's JS and CSS read from an installed npm package, to inline; empty when not inlined.

    The folder is ``leaflet_dir``, else $GEO_LEAFLET_DIR, else ``.cache/npm/node_modules/leaflet/dist``.
    """
    if not inline:
        return Markup("")
    folder = find_leaflet(leaflet_dir)
    code = (folder / "leaflet.js").read_text(encoding="utf-8")
    style = (folder / "leaflet.css").read_text(encoding="utf-8")
    if "</script" in code.lower() or "</style" in style.lower():
        raise GeoError(
            "the file would close its own <script> or <style> element: cannot inline it", file=folder
        )
    return fragment("inline_assets", Markup(style), Markup(code))


@dataclass(frozen=True)
class _MapParts:
    header: Markup
    html: Markup
    script: Markup


def _map_parts(fmap, inline: bool) -> _MapParts:
    """The folium map split into the pieces a page places: head, map element, script."""
    if inline:
        fmap.default_js, fmap.default_css = [], []
    figure = fmap.get_root()
    figure.render()
    return _MapParts(
        Markup(figure.header.render()), Markup(figure.html.render()), Markup(figure.script.render())
    )


class _Site:
    """Renders the pages of one publish into a folder."""

    def __init__(
        self,
        folder: Path,
        title: str,
        shapes: MapShapes,
        controllers: list[str],
        leaflet: Markup,
        png: bool,
        conflict: Conflict,
        *,
        days: list[date],
        map_options: dict,
    ):
        self.folder = folder
        self.title = title
        self.shapes = shapes
        self.controllers = controllers
        self.leaflet = leaflet
        self.png = png
        self.conflict = conflict
        self.days = days
        self.map_options = map_options
        self.env = environment(conflict)
        self.css = asset("page.css")
        self.note = "Compiled from news reports by geo: every change cites the sentence that reports it."

    def review_note(self, timeline: ControlTimeline) -> None:
        """Say on every page whether claims no editor reviewed are on the map."""
        self.note += " " + review_note(timeline)

    def _map(self, states=None, changed_ids=()):
        return build_map(
            self.shapes,
            states,
            changed_ids,
            conflict=self.conflict,
            controllers=self.controllers,
            **self.map_options,
        )

    def _page(self, template: str, fmap, **values) -> str:
        """A page; bidi controls from articles dropped (an unclosed one reverses the rest of a line)."""
        return strip_bidi(
            self.env.get_template(template).render(
                title=self.title,
                map=_map_parts(fmap, bool(self.leaflet)),
                leaflet=self.leaflet,
                css=self.css,
                note=self.note,
                png=self.png,
                **values,
            )
        )

    def snapshot(self, snapshot: Snapshot, previous: date | None, next_: date | None) -> None:
        fmap = self._map(snapshot.states, snapshot.changed_ids)
        html = self._page(
            "snapshot.html",
            fmap,
            day=snapshot.day,
            snapshot=snapshot,
            previous=previous,
            next=next_,
            axis=TimeAxis.of(self.days, snapshot.day),
            fallback=self._fallback(snapshot.day),
        )
        (self.folder / f"{snapshot.day.isoformat()}.html").write_text(html, encoding="utf-8")

    def _fallback(self, day: date) -> str | None:
        """The date's image, shown where the map cannot draw (no PNG: a line saying so)."""
        return f"png/{day.isoformat()}.png" if self.png else None

    def timeline(self, snapshots: list[Snapshot]) -> None:
        """One page, every date: the first date's layer, restyled by script from shared tables."""
        first = snapshots[0]
        fmap = self._map()
        layer = control_layer(self.shapes, first.states, first.changed_ids, conflict=self.conflict)
        layer.add_to(fmap)
        styles: dict[str, int] = {}
        tips: dict[str, int] = {}
        frames, tip_frames = [], []
        for snap in snapshots:
            row, tip_row = [], []
            for place_id, name, approximate in zip(
                self.shapes.ids, self.shapes.names, self.shapes.approximate
            ):
                state = snap.states.get(place_id)
                style = json.dumps(
                    state_style(state, place_id in snap.changed_ids, conflict=self.conflict), sort_keys=True
                )
                row.append(styles.setdefault(style, len(styles)))
                tip_row.append(
                    tips.setdefault(tooltip_html(name, state, approximate, conflict=self.conflict), len(tips))
                )
            frames.append(row)
            tip_frames.append(tip_row)
        style_list = [json.loads(s) for s in styles]
        payload = {
            "layer": layer.geojson.get_name(),
            "dates": [s.day.isoformat() for s in snapshots],
            "labels": [format_day(s.day) for s in snapshots],
            "places": list(self.shapes.ids),
            "styles": style_list,
            "front": [s["weight"] >= 3 for s in style_list],
            "tips": list(tips),
            "frames": frames,
            "tipFrames": tip_frames,
            "dayMs": PLAY_DAY_MS,
            "png": self.png,
        }
        html = self._page(
            "timeline.html",
            fmap,
            day=None,
            snapshots=snapshots,
            payload=script_json(payload),
            timeline_js=asset("timeline.js"),
            axis=TimeAxis.of(self.days),
            fallback=self._fallback(first.day),
        )
        (self.folder / "timeline.html").write_text(html, encoding="utf-8")

    def index(self, snapshots: list[Snapshot], gif: bool) -> None:
        html = self.env.get_template("index.html").render(
            title=self.title,
            snapshots=snapshots,
            png=self.png,
            gif=gif,
            css=self.css,
            note=self.note,
        )
        (self.folder / "index.html").write_text(html, encoding="utf-8")

    def open_data(
        self,
        snapshots: list[Snapshot],
        shapes: gpd.GeoDataFrame,
        timeline: ControlTimeline,
        gazetteer: Gazetteer,
        articles: Mapping[str, Article],
    ) -> None:
        """``data/control-DATE.geojson`` per date (full geometry; none for a place without a shape) and
        ``data/claims.csv``."""
        data = self.folder / "data"
        data.mkdir()
        exact = shapely.set_precision(shapes.geometry.values, 1e-6)
        geometry = dict(zip(self.shapes.ids, shapely.to_geojson(exact)))
        approximate = dict(zip(self.shapes.ids, self.shapes.approximate))
        unshown = off_map(gazetteer, self.shapes.ids)
        ids = [*self.shapes.ids, *(p.id for p in unshown)]
        names = [*self.shapes.names, *(p.name for p in unshown)]
        for snap in snapshots:
            features = []
            for place_id, name in zip(ids, names):
                state = snap.states.get(place_id) or ControlState(place_id, "unknown", None)
                props = {
                    "id": place_id,
                    "name": name,
                    "controller": state.controller,
                    "since": state.since.isoformat() if state.since else None,
                    "status": state.status,
                    "claim_ids": list(state.claim_keys),
                    "changed": place_id in snap.changed_ids,
                    "approximate": approximate.get(place_id, False),
                }
                if place_id not in geometry:
                    props["not_on_map"] = "no coordinate"
                features.append(
                    f'{{"type":"Feature","id":{json.dumps(place_id)},"properties":{json.dumps(props, ensure_ascii=False)},'
                    f'"geometry":{geometry.get(place_id, "null")}}}'
                )
            text = (
                f'{{"type":"FeatureCollection","date":"{snap.day.isoformat()}","features":[\n'
                + ",\n".join(features)
                + "\n]}\n"
            )
            (data / f"control-{snap.day.isoformat()}.geojson").write_text(text, encoding="utf-8")
        with (data / "claims.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=CLAIM_COLUMNS)
            writer.writeheader()
            for snap in snapshots:
                for view in snap.changes:
                    for key in view.change.claim_keys:
                        claim = timeline.claims.get(key)
                        if claim is not None:
                            writer.writerow(
                                claim_row(view, claim, timeline, gazetteer, articles, approximate)
                            )


#: Free-text columns a spreadsheet could take for a formula.
_TEXT_COLUMNS = ("location", "source", "notes", "sentence", "attribution", "hedged", "article_title")


def claim_row(
    view: ChangeView,
    claim: Claim,
    timeline: ControlTimeline,
    gazetteer: Gazetteer,
    articles: Mapping[str, Article],
    approximate: Mapping[str, bool],
) -> dict[str, object]:
    """One row of ``claims.csv``: a change and one claim behind it, in ACLED's terms where they fit."""
    change = view.change
    conflict = gazetteer.war
    place = gazetteer.places.get(change.place_id)
    article = articles.get(claim.article) or Article(text="")
    if change.place_id not in approximate:
        precision = ""  # named in reports, but not drawn: no source gives a position
    elif claim.place_id and claim.place_id != change.place_id:
        precision = 3  # the claim named a larger area this place belongs to
    else:
        precision = 2 if approximate.get(change.place_id, False) else 1
    outlet = article.source or article.title
    row = {
        "event_date": change.date.isoformat(),
        "event_type": "Battles",
        "sub_event_type": sub_event_type(conflict, change.after),
        "actor1": conflict.label(change.after) if conflict.side(change.after) else "",
        "location": view.place,
        "latitude": place.lat if place and place.located else "",
        "longitude": place.lon if place and place.located else "",
        "geo_precision": precision,
        "source": outlet,
        "notes": f"{view.place}: {conflict.label(change.before)} to {conflict.label(change.after)}"
        + (f", according to {claim.attribution}" if claim.attribution else "")
        + (f" ({outlet})" if outlet else "")
        + ".",
        "place_id": change.place_id,
        "before": change.before,
        "after": change.after,
        "change_status": change.status,
        "claim_id": claim.key,
        "review_status": timeline.review.get(claim.key, "proposed"),
        "claim_type": claim.claim_type,
        "sentence": claim.sentence,
        "attribution": claim.attribution,
        "hedged": claim.hedged,
        "article_title": article.title,
        "article_url": safe_link(article.url) or "",
        "article_published": article.published.isoformat() if article.published else "",
    }
    for column in _TEXT_COLUMNS:
        row[column] = spreadsheet_cell(str(row[column]))
    return row


def review_note(timeline: ControlTimeline) -> str:
    """What the map rests on: only reviewed claims (how many were left out), or unreviewed ones too."""
    waiting = timeline.unreviewed
    if timeline.show_proposed:
        return (
            f"It includes {waiting} claim{'s' if waiting != 1 else ''} no editor has reviewed yet (dashed outlines)."
            if waiting
            else "Every claim on the map was reviewed by an editor."
        )
    left = f" ({waiting} unreviewed claim{'s' if waiting != 1 else ''} left out)" if waiting else ""
    return f"Only claims an editor reviewed are on the map{left}."


def _source_note(snapshot: Snapshot, shapes: MapShapes) -> str:
    """The small print under an image: outlets, what dashes mean, how many shapes are estimates,
    which places reports name that the image cannot show."""
    outlets = sorted({s.outlet or s.title for s in snapshot.sources if s.outlet or s.title})
    parts = [
        f"Sources: {', '.join(outlets)}." if outlets else "",
        "Each change cites a news report; dashed outlines rest on claims no editor has reviewed.",
    ]
    estimated = sum(shapes.approximate)
    if estimated:
        parts.append(
            f"{estimated} of {len(shapes.ids)} shapes are estimates around the place's centre, "
            "not surveyed boundaries."
        )
    if snapshot.off_map:
        parts.append(
            f"{OFF_MAP_HEADING}: "
            + "; ".join(
                f"{p.name} ({snapshot.conflict.label(p.state.controller) if snapshot.conflict else p.state.controller})"
                for p in snapshot.off_map
            )
            + "."
        )
    return textwrap.fill(" ".join(p for p in parts if p), width=130)


# -- the command ---------------------------------------------------------------------------------
#: The file that marks a folder as a site publish wrote, listing the files it wrote.
MANIFEST = ".geo-site.json"
MANIFEST_KIND = "geo publish"


def site_files(folder: Path) -> list[str]:
    """The files of a published site, relative to it (the manifest's list and the manifest), sorted."""
    listed = _read_manifest(folder)
    return sorted({*listed, MANIFEST}) if listed is not None else []


def _read_manifest(folder: Path) -> list[str] | None:
    """The files a publish listed in the folder's manifest; None if there is none.

    A manifest that cannot be read, or lists a path outside the folder, is refused: removing
    its files would remove things publish did not write.
    """
    path = folder / MANIFEST
    if not path.is_file() or path.is_symlink():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GeoError(
            f"its publish manifest {MANIFEST} cannot be read ({exc}): refusing to replace it", file=folder
        ) from None
    files = data.get("files") if isinstance(data, dict) and data.get("written_by") == MANIFEST_KIND else None
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        raise GeoError(f"{MANIFEST} is not a manifest geo publish wrote: refusing to replace it", file=folder)
    for name in files:
        parts = Path(name).parts
        if (
            not name
            or Path(name).is_absolute()
            or ".." in parts
            or name != Path(name).as_posix()
            or name == MANIFEST
        ):
            raise GeoError(
                f"{MANIFEST} lists {name!r}, which is not a file inside the site: refusing to replace it",
                file=folder,
            )
    return files


def _write_manifest(folder: Path) -> list[str]:
    """List every file of a freshly built site in its manifest; the list."""
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    body = {
        "written_by": MANIFEST_KIND,
        "about": "the files geo publish wrote here; a new publish removes "
        "only these (and refuses a folder without this file)",
        "files": files,
    }
    (folder / MANIFEST).write_text(json.dumps(body, indent=1) + "\n", encoding="utf-8")
    return files


def _entries(folder: Path) -> set[str]:
    """Every file, link and folder below ``folder``, relative, without following links."""
    found = set()
    for here, folders, files in os.walk(folder, followlinks=False):
        for name in [*folders, *files]:
            found.add((Path(here) / name).relative_to(folder).as_posix())
    return found


def _check_target(out_dir: Path) -> list[str] | None:
    """Refuse anything but a missing or empty folder or one carrying a publish manifest; the
    files that manifest lists (None for a missing or empty folder)."""
    if out_dir.is_symlink():
        raise GeoError(
            "is a symbolic link: refusing to publish through it (name the folder itself)", file=out_dir
        )
    if out_dir.exists() and not out_dir.is_dir():
        raise GeoError("exists and is not a folder: refusing to replace it", file=out_dir)
    if not out_dir.is_dir() or not any(out_dir.iterdir()):
        return None
    listed = _read_manifest(out_dir)
    if listed is None:
        raise GeoError(
            f"is not empty and has no {MANIFEST} (the list of files a publish wrote): refusing to "
            "replace it; choose an empty or new folder",
            file=out_dir,
        )
    return listed


def _remove_listed(folder: Path, listed: list[str]) -> None:
    """Remove the files a manifest lists (and the manifest), then the folders they leave empty."""
    for name in [*listed, MANIFEST]:
        path = folder / name
        if path.is_symlink() or path.is_file():
            path.unlink()
    for parent in sorted(
        {p for name in listed for p in Path(name).parents if p != Path(".")},
        key=lambda p: len(p.parts),
        reverse=True,
    ):
        path = folder / parent
        if path.is_dir() and not path.is_symlink() and not any(path.iterdir()):
            path.rmdir()


def _move_into_place(built: Path, out_dir: Path, listed: list[str] | None) -> None:
    """Put the finished site in place of the old one.

    A folder holding only the old site's files is swapped whole (the new site appears at once);
    one that also holds other things keeps them: the old site's files go, the new ones move in,
    and a new file that would land on one of those other things is refused before anything moves.
    """
    if listed is None:
        if out_dir.is_dir():
            out_dir.rmdir()  # empty (checked): the new site takes its place
        built.rename(out_dir)
        return
    mine = (
        set(listed)
        | {MANIFEST}
        | {p.as_posix() for name in listed for p in Path(name).parents if p != Path(".")}
    )
    others = _entries(out_dir) - mine
    if not others:
        old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
        old.rmdir()
        out_dir.rename(old)
        built.rename(out_dir)
        _remove_listed(old, listed)
        if not any(old.iterdir()):
            old.rmdir()
        return
    new = _entries(built)
    clash = sorted(n for n in new if n in others and not (built / n).is_dir()) or sorted(
        n for n in new if n in others and not (out_dir / n).is_dir()
    )
    if clash:
        raise GeoError(
            f"holds {clash[0]!r}, which the last publish did not write and this one would overwrite: "
            "refusing to replace it",
            file=out_dir,
        )
    _remove_listed(out_dir, listed)
    for name in sorted(new):
        source = built / name
        if source.is_dir():
            (out_dir / name).mkdir(exist_ok=True)
        else:
            os.replace(source, out_dir / name)
    shutil.rmtree(built)


def publish(
    out_dir: str | Path,
    timeline: ControlTimeline,
    gazetteer: Gazetteer,
    shapes: gpd.GeoDataFrame,
    articles: Mapping[str, Article] | Iterable[Article],
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    inline_leaflet: bool = False,
    png: bool = True,
    gif: bool = False,
    progress: Callable[[str], None] | None = None,
    leaflet_dir: str | Path | None = None,
    leaflet: str = "file",
) -> PublishReport:
    """Write the site for the change dates between ``date_from`` and ``date_to`` (inclusive).

    ``shapes`` is :func:`geo.gazetteer.shapes.place_shapes` output; ``articles`` maps article ids to
    articles (or is a list of them). ``leaflet`` is one of :data:`LEAFLET_MODES`
    (``inline_leaflet`` means "inline"). The basemap is the gazetteer's or the setting's
    (:func:`geo.render.basemap_for`). Raises :class:`GeoError` when there is nothing to publish,
    the target cannot be replaced, or Leaflet is not installed where the pages must carry it.
    """
    if inline_leaflet:
        leaflet = "inline"
    if leaflet not in LEAFLET_MODES:
        raise GeoError(f"Leaflet is shipped as one of {', '.join(LEAFLET_MODES)}, not {leaflet!r}")
    started = time.perf_counter()
    out_dir = Path(out_dir).resolve()
    say = progress or (lambda message: None)
    if gif and not png:
        raise GeoError("an animated GIF is made of the PNG images: drop --no-png or --gif")
    days = [
        d
        for d in timeline.dates
        if (date_from is None or d >= date_from) and (date_to is None or d <= date_to)
    ]
    if not days:
        span = f"between {date_from or 'the start'} and {date_to or 'the end'}"
        waiting = timeline.unreviewed if not timeline.show_proposed else 0
        hint = (
            (
                f" ({waiting} unreviewed claim{'s' if waiting != 1 else ''} left out: review them, "
                "or include unreviewed claims)"
            )
            if waiting
            else ""
        )
        raise GeoError(
            f"no {'reviewed ' if waiting else ''}change of control {span}{hint}: nothing to publish"
        )
    listed = _check_target(out_dir)
    if not isinstance(articles, Mapping):
        articles = {a.id: a for a in articles}
    inlined = leaflet_assets(leaflet == "inline", leaflet_dir)
    beside = find_leaflet(leaflet_dir) if leaflet == "file" else None
    display = map_shapes(shapes, gazetteer.crs)
    conflict = gazetteer.war
    controllers = controllers_shown(
        (s.controller for d in days for s in timeline.state_on(d).values()), conflict=conflict
    )
    title = f"{gazetteer.name}: who held what"
    report = PublishReport(out_dir, days, leaflet=leaflet)
    map_options = {
        "basemap": basemap_for(gazetteer),
        "context": context_lines(gazetteer, shapes),
        "leaflet": (f"{LEAFLET_FOLDER}/leaflet.js", f"{LEAFLET_FOLDER}/leaflet.css") if beside else None,
    }

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    built = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        site = _Site(
            built, title, display, controllers, inlined, png, conflict, days=days, map_options=map_options
        )
        site.review_note(timeline)
        if beside is not None:
            (built / LEAFLET_FOLDER).mkdir()
            for name in ("leaflet.js", "leaflet.css"):
                shutil.copyfile(beside / name, built / LEAFLET_FOLDER / name)
        snapshots = [snapshot_on(d, timeline, gazetteer, articles, drawn=display.ids) for d in days]
        say(f"{plural(len(days), 'date')}, {plural(sum(len(s.changes) for s in snapshots), 'change')}")
        for i, snap in enumerate(snapshots):
            tick = time.perf_counter()
            site.snapshot(snap, days[i - 1] if i else None, days[i + 1] if i + 1 < len(days) else None)
            report.snapshot_seconds.append(time.perf_counter() - tick)
        say("snapshots written")
        tick = time.perf_counter()
        site.timeline(snapshots)
        report.timeline_seconds = time.perf_counter() - tick
        site.index(snapshots, gif)
        site.open_data(snapshots, shapes, timeline, gazetteer, articles)
        say("timeline, index and open data written")
        if png:
            _write_images(built, snapshots, display, gazetteer.crs, title, controllers, gif, report, conflict)
            say("images written")
        _write_manifest(built)
        built.chmod(0o755)
        _move_into_place(built, out_dir, listed)
    except BaseException:
        shutil.rmtree(built, ignore_errors=True)
        raise
    report.seconds = time.perf_counter() - started
    return report


def _write_images(
    folder: Path,
    snapshots: list[Snapshot],
    shapes: MapShapes,
    crs: str,
    title: str,
    controllers: list[str],
    gif: bool,
    report: PublishReport,
    conflict: Conflict,
) -> None:
    (folder / "png").mkdir()
    drawing = StaticMap(shapes, crs, title, controllers, conflict=conflict)
    paths = []
    for snap in snapshots:
        tick = time.perf_counter()
        drawing.draw(snap.states, snap.changed_ids, snap.day, _source_note(snap, shapes))
        path = folder / "png" / f"{snap.day.isoformat()}.png"
        drawing.save(path)
        paths.append(path)
        report.png_seconds.append(time.perf_counter() - tick)
    if gif:
        from PIL import Image

        frames = []
        for path in paths:
            with Image.open(path) as image:
                small = image.convert("RGB").resize(
                    (GIF_WIDTH, round(image.height * GIF_WIDTH / image.width)), Image.Resampling.LANCZOS
                )
                frames.append(small.quantize(colors=96, method=Image.Quantize.MEDIANCUT))
        frames[0].save(
            folder / "timeline.gif",
            save_all=True,
            append_images=frames[1:],
            duration=GIF_FRAME_MS,
            loop=0,
            optimize=True,
        )
