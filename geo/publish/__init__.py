"""Static publishing: a page per change date, the embeddable timeline, the index, open data
(GeoJSON, ACLED-style CSV) and images (PNG, GIF).
"""

from .site import (
    ChangeView,
    PercentView,
    PublishReport,
    Snapshot,
    Source,
    changes_html,
    highlight,
    leaflet_assets,
    percent_views,
    publish,
    safe_link,
    script_json,
    site_files,
    snapshot_on,
    source_of,
)

__all__ = [
    "ChangeView",
    "PercentView",
    "PublishReport",
    "Snapshot",
    "Source",
    "changes_html",
    "highlight",
    "leaflet_assets",
    "publish",
    "percent_views",
    "safe_link",
    "script_json",
    "site_files",
    "snapshot_on",
    "source_of",
]
