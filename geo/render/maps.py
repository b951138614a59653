"""The control map: one builder for the app, the published snapshots and the embeddable timeline.

Shapes are simplified once for display (:func:`map_shapes`) and shared by every date; a date
only changes each place's style and tooltip. The look is defined here and only here:

- fill colour per controller: each side's colour comes from its conflict (an Okabe–Ito colour,
  safe for colour-blind readers, see :mod:`geo.gazetteer.conflict`), contested and not
  established are the same in every war;
- what colour cannot say alone is said by line and pattern: contested places are hatched,
  places resting on unreviewed claims have a dashed outline, disputed ones a dotted outline,
  places that changed on the date shown a thick black outline;
- a place whose shape is an estimate says "approximate shape" in its tooltip, and the legend
  explains it.

Every text that reaches HTML (place names included) is escaped by the one Jinja environment
(:mod:`geo.render.templates`); the map's behaviour in the browser (labels, selection, basemap and
its fallback, the wheel) is ``templates/map.js``, shared by the app and every published page.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import folium
import geopandas as gpd
import numpy as np
import shapely
from branca.element import Element, MacroElement
from jinja2 import Template

from ..core import CONTESTED, UNKNOWN
from ..gazetteer import GENERIC_COLOURS, Conflict
from ..timeline import ControlState
from .basemap import Basemap
from .templates import asset, format_day, fragment

#: Display simplification, in metres of the gazetteer's metric CRS: invisible at street zoom.
DISPLAY_TOLERANCE_M = 10.0
#: Decimal places kept in display coordinates (5 ≈ 1 m).
DISPLAY_DECIMALS = 5
#: The Leaflet folium loads; publishing inlines the same version.
LEAFLET_JS_URL = dict(folium.Map.default_js)["leaflet"]
LEAFLET_CSS_URL = dict(folium.Map.default_css)["leaflet_css"]


def fills(conflict: Conflict) -> dict[str, str]:
    """Fill colour per controller of ``conflict``'s map: its sides', then contested (orange,
    hatched) and not established (grey)."""
    return {c: conflict.colour(c) for c in conflict.map_controllers}


def labels(conflict: Conflict) -> dict[str, str]:
    """What the map calls each controller of ``conflict``: its sides' labels, "Contested", "Not established"."""
    return {c: conflict.label(c) for c in conflict.map_controllers}


HATCH_ID = "geo-hatch-contested"
HATCH_STRIPE = "#6B4700"
FILL_OPACITY = 0.6
#: Outline per review status: (colour, weight, dash pattern or None).
OUTLINE = {
    "baseline": ("#FFFFFF", 1.0, None),
    "accepted": ("#FFFFFF", 1.0, None),
    "proposed": ("#333333", 1.6, "5 4"),
    "disputed": ("#333333", 2.0, "1 4"),
}
CHANGED_OUTLINE = ("#000000", 4.0)
#: The place chosen from the list or the search: a blue outline, drawn over the others.
SELECTED_OUTLINE = ("#0057B8", 4.5)


@dataclass(frozen=True)
class MapShapes:
    """The places as drawn: ids, names, approximate flags and display geometry as GeoJSON.

    Built once by :func:`map_shapes`; every date of every map reuses it.
    """

    ids: tuple[str, ...]
    names: tuple[str, ...]
    approximate: tuple[bool, ...]
    geometries: tuple[dict, ...]
    #: [[south, west], [north, east]], the form Leaflet's fitBounds takes.
    bounds: tuple[tuple[float, float], tuple[float, float]]
    #: (lat, lon) inside each shape where its name label goes.
    label_points: tuple[tuple[float, float], ...] = ()


def map_shapes(shapes: gpd.GeoDataFrame, crs: str, tolerance_m: float = DISPLAY_TOLERANCE_M) -> MapShapes:
    """Simplify ``shapes`` (EPSG:4326, columns id, name, approximate, geometry) for display.

    Simplification happens in ``crs`` (the gazetteer's metric CRS) so the tolerance is in metres.
    Neighbouring shapes keep their shared edges when they form a clean coverage; otherwise each
    shape is simplified on its own, topology preserved. Real and approximate shapes are taken as
    two groups, so real polygons keep their shared borders even where approximate cells overlap
    them. A shape that simplification would empty keeps its original geometry.
    """
    if shapes.crs is None:
        raise ValueError("shapes need a CRS (EPSG:4326 expected)")
    metric = shapes.geometry.to_crs(crs)
    geoms = metric.values
    if tolerance_m > 0:
        flags = np.asarray(shapes.get("approximate", [False] * len(shapes)), dtype=bool)
        geoms = np.array(geoms, dtype=object)
        for group in (flags, ~flags):
            geoms[group] = _simplified(geoms[group], tolerance_m)
    display = gpd.GeoSeries(geoms, crs=crs).to_crs("EPSG:4326")
    display = shapely.set_precision(display.values, 10**-DISPLAY_DECIMALS)
    west, south, east, north = shapely.total_bounds(display)
    inside = shapely.point_on_surface(display)
    return MapShapes(
        ids=tuple(str(i) for i in shapes["id"]),
        names=tuple(str(n) for n in shapes["name"]),
        approximate=tuple(bool(a) for a in shapes.get("approximate", [False] * len(shapes))),
        geometries=tuple(json.loads(shapely.to_geojson(g)) for g in display),
        bounds=(
            (round(float(south), 5), round(float(west), 5)),
            (round(float(north), 5), round(float(east), 5)),
        ),
        label_points=tuple((round(float(p.y), 5), round(float(p.x), 5)) for p in inside),
    )


def _simplified(geoms: np.ndarray, tolerance_m: float) -> np.ndarray:
    """``geoms`` simplified, as a coverage when they form a clean one; emptied shapes kept as they were."""
    if not len(geoms):
        return geoms
    if bool(shapely.coverage_is_valid(geoms)):
        simple = shapely.coverage_simplify(geoms, tolerance_m)
    else:
        simple = shapely.simplify(geoms, tolerance_m, preserve_topology=True)
    return np.array([s if not s.is_empty else g for s, g in zip(simple, geoms)], dtype=object)


# -- the look ------------------------------------------------------------------------------------
def place_style(
    controller: str,
    status: str = "baseline",
    changed: bool = False,
    selected: bool = False,
    *,
    conflict: Conflict,
) -> dict:
    """Leaflet path options for one place: the single definition of the map's look."""
    colour, weight, dash = OUTLINE.get(status, OUTLINE["baseline"])
    if changed:
        colour, weight = CHANGED_OUTLINE
    if selected:
        colour, weight = SELECTED_OUTLINE
    fill = f"url(#{HATCH_ID})" if controller == CONTESTED else conflict.colour(controller)
    return {
        "fillColor": fill,
        "fillOpacity": FILL_OPACITY,
        "color": colour,
        "weight": weight,
        "opacity": 1.0,
        "dashArray": dash,
    }


def state_style(
    state: ControlState | None, changed: bool = False, selected: bool = False, *, conflict: Conflict
) -> dict:
    """:func:`place_style` for a place's state on a date (no state: not established)."""
    if state is None:
        return place_style(UNKNOWN, "baseline", changed, selected, conflict=conflict)
    return place_style(state.controller, state.status, changed, selected, conflict=conflict)


def tooltip_html(
    name: str, state: ControlState | None, approximate: bool = False, *, conflict: Conflict
) -> str:
    """The tooltip of one place: name, controller, since when, review status (escaped HTML)."""
    if state is None:
        return _tooltip(name, UNKNOWN, None, "baseline", approximate, conflict)
    return _tooltip(name, state.controller, state.since, state.status, approximate, conflict)


@lru_cache(maxsize=20000)
def _tooltip(
    name: str, controller: str, since: date | None, status: str, approximate: bool, conflict: Conflict
) -> str:
    """Tooltips repeat from date to date: each is rendered once (per conflict, which names the sides)."""
    return str(fragment("tooltip", name, controller, since, status, approximate, conflict=conflict))


def control_features(
    shapes: MapShapes,
    states: Mapping[str, ControlState],
    changed_ids: Collection[str] = (),
    selected: str | None = None,
    *,
    conflict: Conflict,
) -> dict:
    """GeoJSON of every place as shown on one date.

    Properties: id, name, label (the [lat, lon] its name is written at), controller, since (ISO),
    status, approximate, changed, selected, style (Leaflet path options) and tooltip (escaped
    HTML). A place with no state is shown as "not established". Places that changed come last,
    so their thick outline is drawn over their neighbours', and the selected place after them.
    """
    features = []
    points = shapes.label_points or (None,) * len(shapes.ids)
    rows = zip(shapes.ids, shapes.names, shapes.approximate, shapes.geometries, points)
    for place_id, name, approximate, geometry, point in rows:
        state = states.get(place_id)
        changed = place_id in changed_ids
        chosen = place_id == selected
        features.append(
            {
                "type": "Feature",
                "id": place_id,
                "properties": {
                    "id": place_id,
                    "name": name,
                    "label": list(point) if point else None,
                    "controller": state.controller if state else UNKNOWN,
                    "since": state.since.isoformat() if state and state.since else None,
                    "status": state.status if state else "baseline",
                    "approximate": approximate,
                    "changed": changed,
                    "selected": chosen,
                    "style": state_style(state, changed, chosen, conflict=conflict),
                    "tooltip": tooltip_html(name, state, approximate, conflict=conflict),
                },
                "geometry": geometry,
            }
        )
    features.sort(key=lambda f: (f["properties"]["selected"], f["properties"]["changed"]))
    return {"type": "FeatureCollection", "features": features}


# -- the legend ----------------------------------------------------------------------------------
def legend_entries(controllers: Iterable[str], *, conflict: Conflict) -> list[tuple[dict, str, str]]:
    """(style, label, how it is drawn) for each row of a legend, page or image alike."""
    rows = [(place_style(c, conflict=conflict), conflict.label(c), "") for c in controllers]
    return rows + [
        (place_style(UNKNOWN, "baseline", changed=True, conflict=conflict), "Changed on this date", ""),
        (place_style(UNKNOWN, "proposed", conflict=conflict), "Unreviewed claim", "dashed"),
        (place_style(UNKNOWN, "disputed", conflict=conflict), "Disputed claim", "dotted"),
    ]


def _legend_stroke(colour: str) -> str:
    """A white outline (the map's border between places) would vanish on a legend's white page."""
    return "#999999" if colour == "#FFFFFF" else colour


def legend_html(
    controllers: Iterable[str] | None = None, *, conflict: Conflict, approximate: bool = True
) -> str:
    """The legend as an HTML fragment: colours for ``controllers`` (default: every one of the
    conflict's map), then what lines and patterns mean."""
    controllers = conflict.map_controllers if controllers is None else controllers
    entries = [
        ({**style, "stroke": _legend_stroke(style["color"]), "width": min(style["weight"], 3)}, label, drawn)
        for style, label, drawn in legend_entries(controllers, conflict=conflict)
    ]
    return str(fragment("legend", entries, approximate, conflict=conflict))


PATTERNS_SVG = str(fragment("patterns", HATCH_ID, GENERIC_COLOURS[CONTESTED], HATCH_STRIPE))


class _Patterns(MacroElement):
    """Adds the SVG hatch pattern to the page the map is in (once), wherever the map is rendered."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "if (!document.getElementById('geo-patterns')) {"
        " document.body.insertAdjacentHTML('beforeend', {{ this.svg|tojson }}); }"
        "{% endmacro %}"
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "Patterns"
        self.svg = PATTERNS_SVG


class _Legend(MacroElement):
    """The legend as a Leaflet control in the map's corner (for the app)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "(function() { var legend = L.control({position: 'topright'});"
        " legend.onAdd = function() { var div = L.DomUtil.create('div', 'geo-legend-control geo-key');"
        " div.innerHTML = {{ this.html|tojson }}; return div; };"
        " legend.addTo({{ this._parent.get_name() }}); })();"
        "{% endmacro %}"
    )

    def __init__(self, html: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.html = html


class _Behaviour(MacroElement):
    """``templates/map.js`` run on the map: basemap and fallback, context lines, labels, selection, wheel."""

    _template = Template(
        "{% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}"
        "{% macro script(this, kwargs) %}"
        "(function (map, config) { {{ this.code }} })({{ this._parent.get_name() }}, {{ this.config|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self, config: dict) -> None:
        super().__init__()
        self._name = "Behaviour"
        self.config = config
        self.code = asset("map.js")
        self.css = asset("page.css")


#: What the one-line note over the map says when there is no basemap to show.
NO_TILES_NOTE = "No map tiles could be loaded: a plain background."
NO_BASEMAP_NOTE = "No basemap is set: a plain background."


# -- the map -------------------------------------------------------------------------------------
class ControlLayer(folium.FeatureGroup):
    """Who holds what on one date, as a layer; ``geojson`` is the layer a timeline restyles."""

    def __init__(self, geojson: folium.GeoJson, name: str) -> None:
        super().__init__(name=name)
        self.geojson = geojson
        self.add_child(_Patterns())
        self.add_child(geojson)


def control_layer(
    shapes: MapShapes,
    states: Mapping[str, ControlState],
    changed_ids: Collection[str] = (),
    *,
    conflict: Conflict,
    name: str = "Control",
    selected: str | None = None,
) -> ControlLayer:
    """The control map of one date as a folium layer (for streamlit-folium's feature_group_to_add).

    ``selected`` is outlined, and the map moves to it when it becomes the selection.
    """
    geojson = folium.GeoJson(
        control_features(shapes, states, changed_ids, selected, conflict=conflict),
        name=name,
        tooltip=folium.GeoJsonTooltip(fields=["tooltip"], labels=False, class_name="geo-tooltip"),
    )
    return ControlLayer(geojson, name)


def controllers_shown(controllers: Iterable[str], *, conflict: Conflict) -> list[str]:
    """The controllers a legend lists: those seen, in the conflict's order; at least ``unknown``."""
    seen = set(controllers)
    return [c for c in conflict.map_controllers if c in seen] or [UNKNOWN]


def build_map(
    shapes: MapShapes,
    states: Mapping[str, ControlState] | None = None,
    changed_ids: Collection[str] = (),
    *,
    conflict: Conflict,
    controllers: Iterable[str] | None = None,
    legend: bool = True,
    basemap: Basemap | None = None,
    context: dict | None = None,
    leaflet: tuple[str, str] | None = None,
) -> folium.Map:
    """A folium map fitted to ``shapes``; with ``states``, the control layer of that date.

    The app passes no states and adds :func:`control_layer` itself so the map keeps its view
    across dates; pages pass states. ``legend`` puts the key in the map's corner, where it stays
    in view. ``basemap`` is the tile layer (None: a plain background); ``context`` the city
    outline, regions and river drawn over the places (:func:`geo.render.context_lines`).
    ``leaflet`` is where Leaflet's (js, css) come from (default: the CDN folium uses). Only
    Leaflet is loaded: no jQuery, Bootstrap or marker icons.
    """
    # Quarter zoom steps, so fitting the city fills the frame rather than the next whole level down.
    # The wheel scrolls the page until the map has focus (map.js turns wheel zoom on and off).
    fmap = folium.Map(
        tiles=None,
        width="100%",
        height="100%",
        control_scale=True,
        zoom_snap=0.25,
        zoom_delta=0.5,
        scroll_wheel_zoom=False,
    )
    js, css = leaflet or (LEAFLET_JS_URL, LEAFLET_CSS_URL)
    fmap.default_js = [("leaflet", js)]
    fmap.default_css = [("leaflet_css", css)]
    fmap.fit_bounds([list(corner) for corner in shapes.bounds])
    if states is not None:
        control_layer(shapes, states, changed_ids, conflict=conflict).add_to(fmap)
    if legend:
        fmap.add_child(
            _Legend(legend_html(controllers, conflict=conflict, approximate=any(shapes.approximate)))
        )
    tiles = (
        None
        if basemap is None or not basemap.url
        else {"url": basemap.url, "attribution": basemap.attribution, "maxZoom": basemap.max_zoom}
    )
    fmap.add_child(
        _Behaviour(
            {
                "tiles": tiles,
                "context": context,
                "notes": {"unreachable": NO_TILES_NOTE, "none": NO_BASEMAP_NOTE},
            }
        )
    )
    return fmap


def frame_fallback(fmap: folium.Map, image: str | None = None, *, height: int = 500) -> folium.Map:
    """Give a map drawn in the app's frame (streamlit-folium) the published pages' fallback.

    ``templates/fallback.js`` is loaded first, before Leaflet: where Leaflet fails to load it
    shows the line of the ``map_fallback`` macro and asks the app for the image (a component value
    ``{"geo_fallback": true}``); ``image`` (the date's PNG as a URL, once asked) then goes in the
    map's html, where the script finds it. With Leaflet drawn, nothing of it shows.
    """
    config = {"note": str(fragment("map_fallback", None)), "css": str(asset("page.css")), "height": height}
    code = str(asset("fallback.js")).replace("CONFIG", json.dumps(config).replace("<", "\\u003c"))
    boot = "data:text/javascript;base64," + base64.b64encode(code.encode("utf-8")).decode("ascii")
    fmap.default_js = [("geo_fallback", boot), *[(n, u) for n, u in fmap.default_js if n != "geo_fallback"]]
    if image:
        fmap.get_root().html.add_child(Element(str(fragment("map_fallback", image))), name="geo_fallback")
    return fmap


# -- the map as an image -------------------------------------------------------------------------
def _mpl_style(style: dict) -> dict:
    """Leaflet path options as Matplotlib patch properties (pixels → points at 96 dpi)."""
    dash = style["dashArray"]
    contested = style["fillColor"].startswith("url(")
    return {
        "facecolor": GENERIC_COLOURS[CONTESTED] if contested else style["fillColor"],
        "alpha": None,
        "edgecolor": style["color"],
        "linewidth": style["weight"] * 0.75,
        "linestyle": (0, tuple(float(n) for n in dash.split())) if dash else "solid",
        "hatch": "////" if contested else None,
    }


class StaticMap:
    """The control map as an image (GeoPandas for the projection, Matplotlib for drawing).

    One figure is built once and only restyled per date, so a timeline of images costs little
    more than writing the files. Drawn in the gazetteer's metric CRS, so shapes keep their form.
    """

    def __init__(
        self,
        shapes: MapShapes,
        crs: str,
        title: str,
        controllers: Iterable[str] | None = None,
        *,
        conflict: Conflict,
        width_px: int = 1200,
        height_px: int = 1200,
        dpi: int = 150,
    ):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.collections import PatchCollection
        from matplotlib.figure import Figure
        from matplotlib.patches import Patch, PathPatch

        self.shapes = shapes
        self.conflict = conflict
        self.dpi = dpi
        geoms = gpd.GeoSeries(
            [shapely.from_geojson(json.dumps(g)) for g in shapes.geometries], crs="EPSG:4326"
        ).to_crs(crs)
        geoms = shapely.orient_polygons(geoms.values)  # holes wind the other way: they stay holes
        self._points = shapely.point_on_surface(geoms)
        self._areas = shapely.area(geoms)
        self.figure = Figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi, facecolor="white")
        FigureCanvasAgg(self.figure)
        self.ax = self.figure.add_axes((0.03, 0.2, 0.94, 0.68))
        self.ax.set_axis_off()
        self.ax.set_aspect("equal")
        self._patches = [PathPatch(_mpl_path(g)) for g in geoms]
        self._base = PatchCollection(self._patches, match_original=False, zorder=1)
        self.ax.add_collection(self._base)
        west, south, east, north = shapely.total_bounds(geoms)
        pad = 0.03 * max(east - west, north - south)
        self.ax.set_xlim(west - pad, east + pad)
        self.ax.set_ylim(south - pad, north + pad)
        self.figure.text(0.03, 0.965, title, fontsize=15, fontweight="bold", va="top", parse_math=False)
        self._date = self.figure.text(
            0.03, 0.925, "", fontsize=12, va="top", color="#333333", parse_math=False
        )
        self._note = self.figure.text(
            0.03, 0.015, "", fontsize=7, va="bottom", color="#555555", parse_math=False
        )
        handles = []
        controllers = conflict.map_controllers if controllers is None else controllers
        for style, label, _ in legend_entries(controllers, conflict=conflict):
            props = _mpl_style(style)
            props["edgecolor"] = _legend_stroke(props["edgecolor"])
            props.pop("alpha")
            handles.append(Patch(label=label, hatchcolor=HATCH_STRIPE, **props))
        self.figure.legend(
            handles=handles,
            loc="lower center",
            bbox_to_anchor=(0.5, 0.055),
            ncol=3,
            frameon=False,
            fontsize=8.5,
            handlelength=2.2,
            handleheight=1.3,
        )
        self._Patch, self._PatchCollection = Patch, PatchCollection
        self._extras: list = []

    def draw(
        self, states: Mapping[str, ControlState], changed_ids: Collection[str], day: date, note: str = ""
    ) -> None:
        """Restyle the figure for one date; ``note`` is the source line at the bottom."""
        for artist in self._extras:
            artist.remove()
        self._extras = []
        props = [
            _mpl_style(state_style(states.get(i), i in changed_ids, conflict=self.conflict))
            for i in self.shapes.ids
        ]
        self._base.set_facecolor([p["facecolor"] for p in props])
        self._base.set_alpha(FILL_OPACITY + 0.15)
        self._base.set_edgecolor([p["edgecolor"] for p in props])
        self._base.set_linewidth([p["linewidth"] for p in props])
        self._base.set_linestyle([p["linestyle"] for p in props])
        hatched = [patch for patch, p in zip(self._patches, props) if p["hatch"]]
        if hatched:
            hatch = self._PatchCollection(
                hatched,
                match_original=False,
                facecolor="none",
                edgecolor="none",
                hatch="////",
                hatchcolor=HATCH_STRIPE,
                linewidth=0,
                zorder=2,
            )
            self._extras.append(self.ax.add_collection(hatch))
        outline = [
            (patch, p)
            for patch, p in zip(self._patches, props)
            if p["linewidth"] >= CHANGED_OUTLINE[1] * 0.75
        ]
        if outline:
            edges = self._PatchCollection(
                [patch for patch, _ in outline],
                match_original=False,
                facecolor="none",
                edgecolor=[p["edgecolor"] for _, p in outline],
                linewidth=[p["linewidth"] for _, p in outline],
                linestyle=[p["linestyle"] for _, p in outline],
                zorder=3,
            )
            self._extras.append(self.ax.add_collection(edges))
        self._label(changed_ids)
        self._date.set_text(format_day(day))
        self._note.set_text(note)

    def _label(self, place_ids: Collection[str]) -> None:
        """Name the places that changed, largest first, leaving out names that would overlap."""
        from matplotlib import patheffects

        halo = [patheffects.withStroke(linewidth=2.5, foreground="white")]
        renderer = self.figure.canvas.get_renderer()
        taken = []
        wanted = [i for i, place_id in enumerate(self.shapes.ids) if place_id in place_ids]
        for i in sorted(wanted, key=lambda i: -self._areas[i]):
            point = self._points[i]
            label = self.ax.text(
                point.x,
                point.y,
                self.shapes.names[i],
                fontsize=7.5,
                ha="center",
                va="center",
                zorder=4,
                path_effects=halo,
                parse_math=False,
            )
            box = label.get_window_extent(renderer).expanded(1.1, 1.3)
            if any(box.overlaps(other) for other in taken):
                label.remove()
            else:
                taken.append(box)
                self._extras.append(label)

    def save(self, path) -> None:
        self.figure.savefig(path, dpi=self.dpi, facecolor="white", pil_kwargs={"compress_level": 3})


def _mpl_path(geom):
    """A (multi)polygon as one Matplotlib path: every ring of every part."""
    from matplotlib.path import Path as MplPath

    rings = []
    for part in getattr(geom, "geoms", [geom]):
        for ring in (part.exterior, *part.interiors):
            rings.append(MplPath(shapely.get_coordinates(ring), closed=True))
    return MplPath.make_compound_path(*rings)
