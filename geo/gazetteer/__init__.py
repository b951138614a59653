"""A city: its places and regions (spellings, coordinates, Arabic names), the war they are fought
over (its sides, colours and actors), the baseline of who held what, the shapes drawn for each
place, importers from GeoNames and OSM, and adding a spelling.
"""

from .baseline import BASELINE_COLUMNS, Baseline, BaselineEntry, load_baseline, read_baseline
from .conflict import GENERIC_COLOURS, SIDE_COLOURS, Conflict, load_conflict
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
from .places import AREA_KINDS, PLACE_COLUMNS, REGION_COLUMNS, Candidate, Gazetteer, Lookup, Place, csv_rows
from .shapes import (
    BOUNDARIES_FILE,
    COLUMNS,
    MIN_SEPARATION_M,
    REACH,
    approximate_cells,
    approximate_shapes,
    area_km2,
    boundary_file,
    iou,
    off_map,
    place_areas,
    place_shapes,
    read_boundaries,
    region_shape,
    round_coverage,
    shapes_geojson,
    simplify_shapes,
)
from .spellings import add_spelling

__all__ = [
    "AREA_KINDS",
    "BASELINE_COLUMNS",
    "BOUNDARIES_FILE",
    "Baseline",
    "BaselineEntry",
    "COLUMNS",
    "Candidate",
    "Conflict",
    "GENERIC_COLOURS",
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
    "SIDE_COLOURS",
    "add_spelling",
    "approximate_cells",
    "approximate_shapes",
    "area_km2",
    "boundary_file",
    "csv_rows",
    "from_geonames",
    "from_osm_geojson",
    "iou",
    "load_baseline",
    "load_conflict",
    "off_map",
    "place_areas",
    "place_shapes",
    "read_baseline",
    "read_boundaries",
    "region_shape",
    "round_coverage",
    "shapes_geojson",
    "simplify_shapes",
    "slug",
    "unique_ids",
    "utm_crs",
]
