"""What the map is drawn on: the tile layer a gazetteer or setting chooses, the lines drawn from
the gazetteer itself (city outline, regions, an optional river) that stay when no tile loads, and
where Leaflet's own files come from so that no page depends on a CDN.

``gazetteer.json`` may hold ``"basemap": {"tiles": URL, "attribution": TEXT, "max_zoom": N}``
(``"basemap": null`` for none); ``$GEO_TILES`` (a tile URL, or ``none``) and
``$GEO_TILES_ATTRIBUTION`` override it, so a newsroom can set its own tiles. The default is a
light style without labels, which leaves the colours of the places readable.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import shapely

from ..core import ROOT, GeoError
from ..gazetteer import Gazetteer

TILES_VARIABLE = "GEO_TILES"
TILES_ATTRIBUTION_VARIABLE = "GEO_TILES_ATTRIBUTION"
DEFAULT_TILES = "https://{s}.basemaps.cartocdn.com/light_nolabels/{z}/{x}/{y}.png"
DEFAULT_ATTRIBUTION = "© OpenStreetMap contributors © CARTO"
#: An optional file of a gazetteer folder: the river (lines or polygons), drawn in blue.
RIVER_FILE = "river.geojson"
#: Where ``make test-deps`` (and ``make app``) install Leaflet from npm; $GEO_LEAFLET_DIR points elsewhere.
DEFAULT_LEAFLET_DIR = ROOT / ".cache" / "npm" / "node_modules" / "leaflet" / "dist"
LEAFLET_DIR_VARIABLE = "GEO_LEAFLET_DIR"
#: Simplification of the context lines, in metres: they are drawn thin, at city zoom.
CONTEXT_TOLERANCE_M = 15.0


@dataclass(frozen=True)
class Basemap:
    """A tile layer: URL template (``{s}``, ``{z}``, ``{x}``, ``{y}``), attribution, deepest zoom."""

    url: str
    attribution: str = ""
    max_zoom: int = 19


def basemap_for(gazetteer: Gazetteer | None) -> Basemap | None:
    """The tile layer to draw under the places: the setting, else the gazetteer's, else the default."""
    setting = os.environ.get(TILES_VARIABLE, "").strip()
    if setting:
        if setting.lower() == "none":
            return None
        return Basemap(setting, os.environ.get(TILES_ATTRIBUTION_VARIABLE, ""))
    meta = _meta(gazetteer.folder) if gazetteer is not None and gazetteer.folder else {}
    if "basemap" not in meta:
        return Basemap(DEFAULT_TILES, DEFAULT_ATTRIBUTION)
    chosen = meta["basemap"]
    if not chosen or not chosen.get("tiles"):
        return None
    return Basemap(str(chosen["tiles"]), str(chosen.get("attribution", "")), int(chosen.get("max_zoom", 19)))


def _meta(folder: Path) -> dict:
    try:
        return json.loads((Path(folder) / "gazetteer.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def context_lines(gazetteer: Gazetteer, shapes: gpd.GeoDataFrame) -> dict:
    """GeoJSON of what frames the places: the city's outline, each region's, and the river if any.

    Outlines are the union of the members' shapes (``shapes``: WGS84, column ``id``), simplified
    in the gazetteer's metric CRS; each feature has ``kind`` (city, region, river) and ``name``.
    """
    metric = shapes.set_index("id").geometry.to_crs(gazetteer.crs)
    features = []
    for region in [None, *sorted(gazetteer.regions, key=lambda r: r.id)]:
        if region is None:
            kind, name, members = "city", gazetteer.name, list(metric.index)
        elif region.id == gazetteer.city_region or region.kind == "city":
            continue
        else:
            kind, name, members = "region", region.name, [m for m in region.members if m in metric.index]
        if not members:
            continue
        outline = shapely.union_all(shapely.buffer(metric.loc[members].values, 2.0)).boundary
        features.append((kind, name, shapely.simplify(outline, CONTEXT_TOLERANCE_M)))
    river = Path(gazetteer.folder or ".") / RIVER_FILE
    if gazetteer.folder and river.is_file():
        try:
            water = gpd.read_file(river).to_crs(gazetteer.crs)
        except Exception as exc:  # a broken optional file is named, never a crash
            raise GeoError(f"cannot read the river: {exc}", file=river) from exc
        for geom in water.geometry.values:
            features.append(("river", "river", shapely.simplify(geom, CONTEXT_TOLERANCE_M / 3)))
    out = gpd.GeoSeries([g for _, _, g in features], crs=gazetteer.crs).to_crs("EPSG:4326")
    out = shapely.set_precision(out.values, 1e-5)
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"kind": kind, "name": name},
                "geometry": json.loads(shapely.to_geojson(g)),
            }
            for (kind, name, _), g in zip(features, out)
            if not g.is_empty
        ],
    }


def leaflet_dir(folder: str | Path | None = None) -> Path:
    """The folder holding ``leaflet.js`` and ``leaflet.css``; a :class:`GeoError` saying how to install it."""
    found = Path(folder or os.environ.get(LEAFLET_DIR_VARIABLE) or DEFAULT_LEAFLET_DIR)
    for name in ("leaflet.js", "leaflet.css"):
        if not (found / name).is_file():
            raise GeoError(
                f"Leaflet is not installed here, so the pages cannot carry it (install it with "
                f"`make test-deps`, or `npm install --prefix .cache/npm leaflet`, or set {LEAFLET_DIR_VARIABLE} "
                f"to its dist folder)",
                file=found / name,
            )
    return found


@lru_cache(maxsize=4)
def leaflet_data_urls(folder: str | None = None) -> tuple[str, str] | None:
    """Leaflet's (js, css) as ``data:`` URLs, for a map whose page cannot hold files (the app's
    map frame); None when Leaflet is not installed (the map then uses the CDN)."""
    try:
        found = leaflet_dir(folder)
    except GeoError:
        return None
    js = base64.b64encode((found / "leaflet.js").read_bytes()).decode("ascii")
    css = base64.b64encode((found / "leaflet.css").read_bytes()).decode("ascii")
    return f"data:text/javascript;base64,{js}", f"data:text/css;base64,{css}"
