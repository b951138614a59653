"""Drawing: the one map builder (folium) used by the app, the snapshots and the embed, its legend,
tooltips, labels and basemap, the time axis, and the one Jinja environment with the templates
and their one stylesheet.
"""

from .axis import TimeAxis
from .basemap import Basemap, basemap_for, context_lines, leaflet_data_urls, leaflet_dir
from .maps import (
    FILL_OPACITY,
    LEAFLET_JS_URL,
    NO_BASEMAP_NOTE,
    NO_TILES_NOTE,
    PATTERNS_SVG,
    ControlLayer,
    MapShapes,
    StaticMap,
    build_map,
    control_features,
    control_layer,
    controllers_shown,
    fills,
    frame_fallback,
    labels,
    legend_html,
    map_shapes,
    place_style,
    state_style,
    tooltip_html,
)
from .templates import asset, environment, format_day, fragment, page

__all__ = [
    "Basemap",
    "leaflet_data_urls",
    "page",
    "ControlLayer",
    "FILL_OPACITY",
    "LEAFLET_JS_URL",
    "MapShapes",
    "NO_BASEMAP_NOTE",
    "NO_TILES_NOTE",
    "PATTERNS_SVG",
    "StaticMap",
    "TimeAxis",
    "asset",
    "basemap_for",
    "build_map",
    "context_lines",
    "control_features",
    "control_layer",
    "controllers_shown",
    "environment",
    "fills",
    "frame_fallback",
    "format_day",
    "fragment",
    "labels",
    "leaflet_dir",
    "legend_html",
    "map_shapes",
    "place_style",
    "state_style",
    "tooltip_html",
]
