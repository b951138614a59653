"""How close are the approximate shapes to real neighbourhood polygons?

Reads the CSR Aleppo polygon file (``../shared/reference/csr-aleppo/Neighborhoods.geojson``)
through :func:`geo.gazetteer.shapes.read_boundaries`, so its features are matched to places exactly as a
user's boundary file would be, and compares the real polygon of each matched place with

- plain Voronoi cells of the same centroids, clipped to their convex hull plus a margin
  (the baseline, measured in this run), and
- :func:`geo.gazetteer.shapes.approximate_shapes` (power cells weighted by known areas), and the same
  with every area forgotten, as for a city imported from bare GeoNames points.

The Aleppo centroids and known areas were themselves taken from the CSR polygons, so the second
row is the method with good inputs; the third shows it without areas.

Prints the mean intersection-over-union and the share of real (CSR) centroids that fall inside
their own place's cell, then the cost of computing the approximation. Skips, saying so, when
``../shared`` is absent. Run: ``python bench/shapes_vs_csr.py``.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import replace
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from geo.gazetteer import Gazetteer, approximate_cells, approximate_shapes, iou, read_boundaries

ROOT = Path(__file__).resolve().parent.parent

SHARED = Path(os.environ.get("GEO_SHARED", ROOT.parent / "shared"))
CSR = SHARED / "reference" / "csr-aleppo" / "Neighborhoods.geojson"
#: The baseline's outline: the centroids' convex hull widened by this much.
HULL_MARGIN_M = 500.0


def plain_voronoi(points: gpd.GeoSeries) -> gpd.GeoSeries:
    """Voronoi cells of metric ``points`` (in their order), clipped to the widened hull."""
    outline = shapely.MultiPoint(points.to_numpy()).convex_hull.buffer(HULL_MARGIN_M)
    cells = shapely.voronoi_polygons(shapely.MultiPoint(points.to_numpy()), extend_to=outline, ordered=True)
    return gpd.GeoSeries(list(cells.geoms), index=points.index, crs=points.crs).intersection(outline)


def without_areas(gazetteer: Gazetteer) -> gpd.GeoSeries:
    """The approximation when no place's area is known (radii from the spacing alone)."""
    blind = Gazetteer(
        name=gazetteer.name,
        crs=gazetteer.crs,
        places={i: replace(p, area_km2=None) for i, p in gazetteer.places.items() if p.is_area},
    )
    return approximate_shapes(blind).set_index("id").geometry.to_crs(gazetteer.crs)


def score(cells: gpd.GeoSeries, real: gpd.GeoSeries) -> tuple[float, float]:
    """Mean IoU with the real polygons, and the share of real centroids inside their own cell."""
    cells = cells.loc[real.index]
    return float(np.mean(iou(cells, real))), float(cells.contains(real.centroid, align=True).mean())


def main() -> int:
    if not CSR.is_file():
        print(f"skipped: {CSR} is absent (the CSR reference polygons live outside the repository)")
        return 0
    gazetteer = Gazetteer.load()
    boundaries = read_boundaries(CSR, gazetteer)
    shapes = boundaries.shapes.set_index("id")
    real = shapes.loc[~shapes["approximate"], "geometry"].to_crs(gazetteer.crs)
    print(
        f"CSR file: {boundaries.features} features, {len(boundaries.unmatched)} unmatched; "
        f"real polygons for {len(real)} of {len(shapes)} places"
    )

    approximate_cells.cache_clear()
    start = time.perf_counter()
    approx = approximate_shapes(gazetteer).set_index("id")
    first = time.perf_counter() - start
    start = time.perf_counter()
    approximate_shapes(gazetteer)
    cached = time.perf_counter() - start

    places = [gazetteer.places[i] for i in approx.index]
    points = gpd.GeoSeries(
        gpd.points_from_xy([p.lon for p in places], [p.lat for p in places]),
        index=approx.index,
        crs="EPSG:4326",
    ).to_crs(gazetteer.crs)
    rows = [
        (f"plain Voronoi (hull + {HULL_MARGIN_M:.0f} m)", *score(plain_voronoi(points), real)),
        ("power cells (geo.gazetteer.shapes)", *score(approx.geometry.to_crs(gazetteer.crs), real)),
        ("power cells, no areas known", *score(without_areas(gazetteer), real)),
    ]
    print(f"{'method':34} {'mean IoU':>8} {'centroids in own cell':>22}")
    for name, mean_iou, inside in rows:
        print(f"{name:34} {mean_iou:8.3f} {inside:22.1%}")
    print(f"IoU ratio, power cells / plain Voronoi: {rows[1][1] / rows[0][1]:.2f}x")
    print(f"computing the approximation: {first * 1000:.0f} ms; cached: {cached * 1000:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
