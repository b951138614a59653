"""A city: its places and regions (spellings, coordinates, Arabic names), the baseline of who held
what, the shapes drawn for each place, importers from GeoNames and OSM, and adding a spelling.
"""
from .baseline import Baseline, BaselineEntry, load_baseline, read_baseline
from .shapes import (
    COLUMNS,
    MIN_SEPARATION_M,
    REACH,
    approximate_cells,
    approximate_shapes,
    area_km2,
    boundary_file,
    iou,
    place_areas,
    place_shapes,
    read_boundaries,
    region_shape,
)
from .places import Candidate, Gazetteer, Lookup, PLACE_COLUMNS, Place, REGION_COLUMNS
from .importers import (
    GEONAMES_COLUMNS,
    GEONAMES_PLACE_CODES,
    ImportResult,
    from_geonames,
    from_osm_geojson,
    slug,
    unique_ids,
    utm_crs,
)
from .spellings import add_spelling

__all__ = [
    "Baseline",
    "BaselineEntry",
    "COLUMNS",
    "Candidate",
    "GEONAMES_COLUMNS",
    "GEONAMES_PLACE_CODES",
    "Gazetteer",
    "ImportResult",
    "Lookup",
    "MIN_SEPARATION_M",
    "PLACE_COLUMNS",
    "Place",
    "REACH",
    "REGION_COLUMNS",
    "add_spelling",
    "approximate_cells",
    "approximate_shapes",
    "area_km2",
    "boundary_file",
    "from_geonames",
    "from_osm_geojson",
    "iou",
    "load_baseline",
    "place_areas",
    "place_shapes",
    "read_baseline",
    "read_boundaries",
    "region_shape",
    "slug",
    "unique_ids",
    "utm_crs",
]
