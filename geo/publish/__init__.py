"""Static publishing: a page per change date, the embeddable timeline, the index, open data
(GeoJSON, ACLED-style CSV) and images (PNG, GIF).
"""
from .site import (
    ChangeView,
    PublishReport,
    Snapshot,
    Source,
    changes_html,
    highlight,
    leaflet_assets,
    publish,
    safe_link,
    script_json,
    site_files,
    snapshot_on,
    source_of,
)

__all__ = [
    "ChangeView",
    "PublishReport",
    "Snapshot",
    "Source",
    "changes_html",
    "highlight",
    "leaflet_assets",
    "publish",
    "safe_link",
    "script_json",
    "site_files",
    "snapshot_on",
    "source_of",
]
