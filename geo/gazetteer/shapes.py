"""A polygon for every map place: from a boundary file where there is one, approximated otherwise.

Shapes are stored in WGS84 (EPSG:4326) and measured in the gazetteer's metric CRS. Without a
boundary file, each place gets a cell of a *power diagram* of the centroids: a Voronoi diagram
in which a place with a larger known area (``places.csv`` ``area_km2``) pushes its borders
further out. Each cell is clipped to a disc a little larger than a circle of the place's area,
so the city's outline follows the places themselves and no cell runs off into the countryside.
Weights are capped so that every centroid stays well inside its own cell. The cells form a clean
coverage (shared borders identical), so maps can simplify them without opening gaps. On Aleppo this beats
plain Voronoi clearly (see ``bench/shapes_vs_csr.py``). Such shapes are flagged
``approximate`` and must be shown as such. A place without a coordinate gets no cell (its
position would be invented) and takes no part in the others': it has a shape only if a boundary
file gives it one, and is otherwise left out of the shapes (:func:`off_map` lists such places).

A boundary file (GeoJSON) is matched to places through :meth:`Gazetteer.lookup` on the
features' names; several features of one place are joined; places no feature names keep their
approximate cell. A gazetteer folder holding ``boundaries.geojson`` uses it by default.
"""

from __future__ import annotations

import json
import math
import re
import warnings
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS
from scipy.spatial import cKDTree
from shapely.geometry import mapping
from shapely.geometry import shape as geojson_shape

from ..core import GazetteerError, GeoWarning, read_json
from .places import Gazetteer

WGS84 = "EPSG:4326"
#: A gazetteer folder's own boundary file, used when no other is named.
BOUNDARIES_FILE = "boundaries.geojson"
COLUMNS = ["id", "name", "kind", "approximate", "area_km2", "geometry"]

#: A cell reaches at most this many times the radius of a circle of the place's area.
REACH = 1.2
#: A place's weight exceeds a neighbour's by at most this share of their squared distance, which
#: keeps every border at least a quarter of the way to the neighbour: each centroid in its cell.
WEIGHT_CAP = 0.5
#: Radius of a place of unknown area, per metre of mean distance to its nearest neighbours, when
#: too few areas are known to calibrate it: the equal-area radius of a hexagonal tiling.
HEXAGON_RADIUS = math.sqrt(math.sqrt(3) / (2 * math.pi))
SPACING_NEIGHBOURS = 3
#: The radius of a lone place of unknown area.
LONE_RADIUS_M = 500.0
#: Centroids closer than this are moved apart, so that each still gets a cell of its own.
MIN_SEPARATION_M = 1.0
#: Grid for unions in WGS84 (degrees, about a centimetre), so shared borders leave no slivers.
UNION_GRID_DEG = 1e-7


# -- areas -------------------------------------------------------------------------------------
def area_km2(geoms: gpd.GeoSeries | gpd.GeoDataFrame | Sequence, crs: str) -> np.ndarray:
    """Areas in km², measured in the metric ``crs``; plain shapely geometries are read as WGS84."""
    if not CRS.from_user_input(crs).is_projected:
        raise GazetteerError(f"{crs} is not a metric (projected) CRS: areas would be in degrees")
    if isinstance(geoms, gpd.GeoDataFrame):
        geoms = geoms.geometry
    if not isinstance(geoms, gpd.GeoSeries):
        geoms = gpd.GeoSeries(list(geoms), crs=WGS84)
    return geoms.to_crs(crs).area.to_numpy() / 1e6


def place_areas(shapes: gpd.GeoDataFrame) -> dict[str, float]:
    """km² per place id, for shares by area; places without a measured area are left out."""
    return {str(i): float(a) for i, a in zip(shapes["id"], shapes["area_km2"]) if a == a and a}


# -- the approximation ---------------------------------------------------------------------------
def _places_key(gazetteer: Gazetteer) -> tuple:
    """Everything the approximation depends on, hashable: the cache key."""
    located = (p for p in gazetteer.areas if p.located)
    return (gazetteer.crs, tuple((p.id, p.name, p.kind, p.lat, p.lon, p.area_km2) for p in located))


def approximate_shapes(gazetteer: Gazetteer) -> gpd.GeoDataFrame:
    """An approximate cell for every map place with a coordinate, computed from centroids and known areas."""
    shapes = approximate_cells(_places_key(gazetteer)).copy()
    if shapes.empty:
        raise GazetteerError(
            f"no map place of the {gazetteer.name} gazetteer has a coordinate or a boundary: nothing to draw",
            file=gazetteer.folder,
        )
    return shapes


@lru_cache(maxsize=16)
def approximate_cells(key: tuple) -> gpd.GeoDataFrame:
    """The cells of the located places in ``key`` (see :func:`_places_key`); empty when there are none."""
    crs, rows = key
    if not rows:
        return gpd.GeoDataFrame(
            {c: [] for c in COLUMNS[:-1]}, geometry=gpd.GeoSeries([], crs=WGS84), crs=WGS84
        )[COLUMNS]
    ids, names, kinds, lats, lons, areas = zip(*rows)
    points = gpd.GeoSeries(gpd.points_from_xy(lons, lats), crs=WGS84).to_crs(crs)
    xy = np.column_stack([points.x, points.y])
    origin = xy.mean(axis=0)
    xy = _separate(xy - origin)
    radius = _radii(xy, np.array([a if a and a > 0 else np.nan for a in areas], dtype=float))
    cells = _power_cells(xy, _capped_weights(xy, radius**2), REACH * radius)
    # Neighbours computed each its own border: make shared borders identical (a clean coverage).
    cells = shapely.transform(shapely.coverage_clean(cells), lambda c: c + origin)
    metric = gpd.GeoSeries(cells, crs=crs)
    return gpd.GeoDataFrame(
        {
            "id": ids,
            "name": names,
            "kind": kinds,
            "approximate": True,
            "area_km2": metric.area.to_numpy() / 1e6,
        },
        geometry=metric.to_crs(WGS84),
        crs=WGS84,
    )[COLUMNS]


def _separate(xy: np.ndarray) -> np.ndarray:
    """Move apart centroids that (nearly) coincide, each by a different angle."""
    xy = xy.copy()
    for _ in range(5):
        pairs = cKDTree(xy).query_pairs(MIN_SEPARATION_M, output_type="ndarray")
        if not len(pairs):
            break
        movers = np.unique(pairs[:, 1])
        angle = movers * 2.399963  # the golden angle: no two movers go the same way
        xy[movers] += MIN_SEPARATION_M * np.column_stack([np.cos(angle), np.sin(angle)])
    return xy


def _radii(xy: np.ndarray, known_km2: np.ndarray) -> np.ndarray:
    """Radius (m) of a circle of each place's area; unknown areas estimated from the spacing."""
    radius = np.sqrt(known_km2 * 1e6 / np.pi)
    unknown = np.isnan(radius)
    if not unknown.any():
        return radius
    if len(xy) == 1:
        return np.array([LONE_RADIUS_M])
    k = min(SPACING_NEIGHBOURS, len(xy) - 1)
    distances, _ = cKDTree(xy).query(xy, k + 1)
    spacing = distances[:, 1:].mean(axis=1)
    known = ~unknown
    ratio = float(np.median(radius[known] / spacing[known])) if known.sum() >= 3 else HEXAGON_RADIUS
    radius[unknown] = ratio * spacing[unknown]
    return radius


def _capped_weights(xy: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The largest weights up to ``weights`` with w_i <= w_j + WEIGHT_CAP * d_ij² for all pairs."""
    reach = WEIGHT_CAP * ((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2)
    np.fill_diagonal(reach, np.inf)
    weights = weights.copy()
    while True:  # a min-plus closure: weights only fall, so this ends
        capped = np.minimum(weights, (weights[None, :] + reach).min(axis=1))
        if np.allclose(capped, weights, rtol=0, atol=1e-6):
            return capped
        weights = capped


def _power_cells(xy: np.ndarray, weights: np.ndarray, reach: np.ndarray) -> np.ndarray:
    """Each place's power cell within a disc of radius ``reach`` around it."""
    cells = []
    for i, (point, r) in enumerate(zip(xy, reach)):
        offset = xy - point
        distance = np.hypot(offset[:, 0], offset[:, 1])
        distance[i] = np.inf
        # Distance from place i to its border with each other place, along the line joining them.
        with np.errstate(invalid="ignore"):
            border = (distance**2 + weights[i] - weights) / (2 * distance)
        border[i] = np.inf
        near = np.flatnonzero(border < r)
        disc = shapely.Point(point).buffer(r)
        if not len(near):
            cells.append(disc)
            continue
        normal = offset[near] / distance[near, None]
        tangent = np.column_stack([-normal[:, 1], normal[:, 0]])
        foot = point + normal * border[near, None]
        size = 3 * r
        beyond = shapely.polygons(
            np.stack(
                [
                    foot + size * tangent,
                    foot + size * (tangent + normal),
                    foot - size * (tangent - normal),
                    foot - size * tangent,
                ],
                axis=1,
            )
        )
        cells.append(disc.difference(shapely.union_all(beyond)))
    return np.array(cells, dtype=object)


# -- boundary files ------------------------------------------------------------------------------
@dataclass(frozen=True)
class UnmatchedFeature:
    """A feature of a boundary file that gave no place its shape, and why."""

    index: int
    name: str
    reason: str
    #: Its geometry could not give a shape (not a polygon), rather than its name matching no place.
    broken: bool = False


@dataclass
class BoundaryImport:
    """A boundary file read against a gazetteer: shapes for every place, and what did not match."""

    path: Path
    shapes: gpd.GeoDataFrame
    matched: dict[str, str]  # feature name -> place id
    unmatched: list[UnmatchedFeature]
    places_without_shape: list[str]  # place ids that kept their approximate cell
    features: int
    #: Features whose polygon was invalid (a ring crossing itself...), with the reason: used as
    #: repaired, and reported, since the repair may not be the outline meant.
    invalid: list[UnmatchedFeature] = field(default_factory=list)


#: A trailing part number ("al-Hamdaniyeh IV", "Sakhour 2"): parts of one place.
_PART_NUMBER = re.compile(r"\s+(?:[IVX]+|\d+)$")
_BRACKETS = re.compile(r"\s*\(([^)]*)\)")


def _name_forms(label: str) -> list[str]:
    """The ways a feature label may name a place: whole, without brackets or part number, halves."""
    bare = _BRACKETS.sub("", label).strip()
    forms = [label, bare, *_BRACKETS.findall(label), *re.split(r"\s*/\s*", bare)]
    forms += [_PART_NUMBER.sub("", f) for f in forms]
    return list(dict.fromkeys(f.strip() for f in forms if f.strip()))


def _name_keys(properties: dict, name_properties: Sequence[str] | None) -> list[str]:
    """The properties holding a feature's names: as given, or every ``*name*`` key, English first."""
    if name_properties is not None:
        return list(name_properties)
    keys = [k for k in properties if "name" in k.lower()]
    rank = {"name:en": 0, "name_en": 0, "name": 1}
    return sorted(keys, key=lambda k: rank.get(k.lower(), 2))


def _match(gazetteer: Gazetteer, labels: list[str]) -> tuple[str | None, str]:
    """The map place these labels name, or None and why not (from the first label)."""
    reason = ""
    for label in labels:
        for form in _name_forms(label):
            found = gazetteer.lookup(form)
            if found.match and found.match.is_area:
                return found.match.id, ""
            if reason:
                continue
            if found.match:
                where = "a region" if found.match.is_region else "a place outside the city"
                reason = f"{form!r} names {where} ({found.match.name}), not a map place"
            elif found.method == "ambiguous":
                reason = f"{form!r} is ambiguous: " + ", ".join(c.place.id for c in found.candidates[:3])
            elif found.candidates:
                best = found.candidates[0]
                reason = f"no confident match for {form!r} (best: {best.place.id}, {best.score:.0f})"
            else:
                reason = f"{form!r} matches no place"
    return None, reason


def read_feature_collection(path: Path) -> list:
    """The features of a GeoJSON FeatureCollection; GazetteerError naming the file if it is none."""
    data = read_json(path, GazetteerError)
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise GazetteerError("not a GeoJSON FeatureCollection", file=path)
    features = data.get("features")
    if not isinstance(features, list):
        raise GazetteerError('"features" is not a list', file=path)
    return features


def feature_geometry(path: Path, index: int, feature: object, label: str):
    """The feature's geometry, made valid; GazetteerError naming the feature if unusable."""

    def fail(problem: str) -> GazetteerError:
        return GazetteerError(f"feature {index} ({label or 'no name'}): {problem}", file=path)

    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise fail("not a GeoJSON Feature")
    if not feature.get("geometry"):
        raise fail("has no geometry")
    try:
        geom = geojson_shape(feature["geometry"])
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, shapely.errors.GEOSException) as exc:
        raise fail(f"geometry cannot be read ({exc})") from None
    if geom.is_empty:
        raise fail("has an empty geometry")
    coords = shapely.get_coordinates(geom)
    if not (np.abs(coords[:, 0]) <= 180).all() or not (np.abs(coords[:, 1]) <= 90).all():
        raise fail(
            "coordinates outside longitude -180..180 / latitude -90..90 "
            "(GeoJSON is WGS84; was the file saved in another CRS?)"
        )
    return geom if geom.is_valid else shapely.make_valid(geom)


def read_boundaries(
    path: str | Path, gazetteer: Gazetteer, *, name_properties: Sequence[str] | None = None
) -> BoundaryImport:
    """Match a GeoJSON boundary file's features to places; unmatched places stay approximate.

    ``name_properties``: the feature properties holding names, tried in order; by default every
    property with "name" in its key, English ones first. A ``place_id`` or ``id`` property equal
    to a place id matches directly (our own importers and :func:`shapes_geojson` write one).
    Features flagged ``approximate: true`` (estimates written out by the shapes command) are
    not boundaries and are listed as unmatched.
    """
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        raise GazetteerError("file not found", file=path) from None
    names = tuple(name_properties) if name_properties is not None else None
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size, names, _spellings_key(gazetteer))
    if key not in _BOUNDARY_CACHE:
        while len(_BOUNDARY_CACHE) >= BOUNDARY_CACHE_SIZE:
            _BOUNDARY_CACHE.pop(next(iter(_BOUNDARY_CACHE)))
        _BOUNDARY_CACHE[key] = _read_boundaries(path, gazetteer, names)
    cached = _BOUNDARY_CACHE[key]
    return BoundaryImport(
        path=path,
        shapes=cached.shapes.copy(),
        matched=dict(cached.matched),
        unmatched=list(cached.unmatched),
        places_without_shape=list(cached.places_without_shape),
        features=cached.features,
        invalid=list(cached.invalid),
    )


#: Boundary files already read, keyed on the file's identity and the gazetteer's content.
_BOUNDARY_CACHE: dict[tuple, BoundaryImport] = {}
BOUNDARY_CACHE_SIZE = 8


def _spellings_key(gazetteer: Gazetteer) -> tuple:
    """What matching depends on: the places (as for the shapes) and every local spelling."""
    local = tuple((p.id, p.kind, p.names()) for p in gazetteer.places.values() if not p.outside)
    return _places_key(gazetteer), local


def _read_boundaries(
    file: Path, gazetteer: Gazetteer, name_properties: tuple[str, ...] | None
) -> BoundaryImport:
    features = read_feature_collection(file)
    matched: dict[str, str] = {}
    unmatched: list[UnmatchedFeature] = []
    invalid: list[UnmatchedFeature] = []
    parts: dict[str, list] = defaultdict(list)
    for index, feature in enumerate(features):
        properties = (feature.get("properties") if isinstance(feature, dict) else None) or {}
        labels = [
            str(properties[k]).strip()
            for k in _name_keys(properties, name_properties)
            if isinstance(properties.get(k), str) and properties[k].strip()
        ]
        label = labels[0] if labels else ""
        geom = feature_geometry(file, index, feature, label)
        as_written = geojson_shape(feature["geometry"])
        if not as_written.is_valid:
            invalid.append(
                UnmatchedFeature(
                    index,
                    label,
                    f"{shapely.is_valid_reason(as_written)}: repaired as "
                    f"{'a ' + geom.geom_type if not geom.is_empty else 'nothing'}",
                )
            )
        if geom.geom_type not in ("Polygon", "MultiPolygon"):
            kind = geom.geom_type
            geom = shapely.union_all(
                [g for g in getattr(geom, "geoms", [geom]) if g.geom_type in ("Polygon", "MultiPolygon")]
            )
            if geom.is_empty:
                unmatched.append(
                    UnmatchedFeature(index, label, f"its geometry is a {kind}, not a polygon", broken=True)
                )
                continue
        if (
            properties.get("approximate") is True
        ):  # a shapes file written back: its estimates are no boundaries
            unmatched.append(
                UnmatchedFeature(index, label, "flagged approximate: an estimate, not a boundary")
            )
            continue
        place_id = _own_place_id(gazetteer, properties)
        if place_id is None:
            if not labels:
                looked = ", ".join(name_properties) if name_properties else "any *name* property"
                unmatched.append(UnmatchedFeature(index, "", f"no name (looked for {looked})"))
                continue
            place_id, reason = _match(gazetteer, labels)
            if place_id is None:
                unmatched.append(UnmatchedFeature(index, label, reason))
                continue
        matched[label or place_id] = place_id
        parts[place_id].append(geom)

    real = {pid: shapely.union_all(geoms, grid_size=UNION_GRID_DEG) for pid, geoms in parts.items()}
    shapes = _with_real_shapes(gazetteer, real)
    return BoundaryImport(
        path=file,
        shapes=shapes,
        matched=matched,
        unmatched=unmatched,
        places_without_shape=list(shapes.loc[shapes["approximate"], "id"]),
        features=len(features),
        invalid=invalid,
    )


def _own_place_id(gazetteer: Gazetteer, properties: dict) -> str | None:
    """The map place a feature names by id (``place_id``, or ``id`` as the shapes command writes)."""
    for key in ("place_id", "id"):
        value = properties.get(key)
        if isinstance(value, str) and value in gazetteer.places and gazetteer.places[value].is_area:
            return value
    return None


def _with_real_shapes(gazetteer: Gazetteer, real: dict) -> gpd.GeoDataFrame:
    """The approximate shapes, with ``real`` polygons (place id -> geometry) put in their place.

    An approximate cell gives way to the real polygons it overlaps, unless that would leave its
    own place outside it. A place without a coordinate that has a real polygon joins the shapes
    (in the gazetteer's order); one without either stays out.
    """
    shapes = approximate_cells(_places_key(gazetteer)).copy()
    extra = [p for p in gazetteer.areas if p.id in real and not p.located]
    if extra:
        added = gpd.GeoDataFrame(
            {
                "id": [p.id for p in extra],
                "name": [p.name for p in extra],
                "kind": [p.kind for p in extra],
                "approximate": False,
                "area_km2": 0.0,
            },
            geometry=gpd.GeoSeries([real[p.id] for p in extra], crs=WGS84),
            crs=WGS84,
        )[COLUMNS]
        order = {p.id: i for i, p in enumerate(gazetteer.areas)}
        shapes = pd.concat([shapes, added], ignore_index=True)
        shapes = shapes.iloc[sorted(range(len(shapes)), key=lambda i: order[shapes["id"].iloc[i]])]
        shapes = gpd.GeoDataFrame(shapes.reset_index(drop=True), geometry="geometry", crs=WGS84)
    if shapes.empty:
        raise GazetteerError(
            f"no map place of the {gazetteer.name} gazetteer has a coordinate or a boundary: nothing to draw",
            file=gazetteer.folder,
        )
    found = shapes["id"].isin(list(real))
    shapes.loc[found, "geometry"] = gpd.GeoSeries(
        [real[i] for i in shapes.loc[found, "id"]], index=shapes.index[found], crs=WGS84
    )
    shapes.loc[found, "approximate"] = False
    if real and (~found).any():
        covered = shapely.union_all(list(real.values()), grid_size=UNION_GRID_DEG)
        rest = shapes.index[~found]
        trimmed = shapes.loc[rest, "geometry"].difference(covered)
        places = [gazetteer.places[i] for i in shapes.loc[rest, "id"]]
        points = gpd.GeoSeries(
            gpd.points_from_xy([p.lon for p in places], [p.lat for p in places]), index=rest, crs=WGS84
        )
        keep = trimmed.contains(points)
        shapes.loc[keep[keep].index, "geometry"] = trimmed[keep]
    shapes["area_km2"] = area_km2(shapes, gazetteer.crs)
    return shapes


# -- the public entry points ---------------------------------------------------------------------
def place_shapes(gazetteer: Gazetteer, boundaries: str | Path | None = None) -> gpd.GeoDataFrame:
    """One row per map place (id, name, kind, approximate, area_km2, geometry), in WGS84.

    Uses ``boundaries`` if given, else the gazetteer folder's ``boundaries.geojson`` if it has
    one, else the approximation alone.
    """
    boundaries = boundary_file(gazetteer, boundaries)
    if boundaries is None:
        return approximate_shapes(gazetteer)
    found = read_boundaries(boundaries, gazetteer)
    warn_broken(found)
    return found.shapes


def warn_broken(found: BoundaryImport) -> None:
    """A :class:`GeoWarning` per feature whose outline was repaired or left off the map: the
    ``shapes`` command lists them, but the map, the site and the app would draw without a word."""
    name = str(found.path)
    for bad in found.invalid:
        warnings.warn(
            GeoWarning(
                f"{name}: feature {bad.index} ({bad.name or 'no name'}): {bad.reason}; check its outline"
            ),
            stacklevel=3,
        )
    for bad in found.unmatched:
        if bad.broken:
            warnings.warn(
                GeoWarning(
                    f"{name}: feature {bad.index} ({bad.name or 'no name'}): {bad.reason}: left off the map"
                ),
                stacklevel=3,
            )


def off_map(gazetteer: Gazetteer, drawn: Iterable[str]) -> list:
    """The map places with no shape among ``drawn`` (ids): named in reports, not on the map, in file order."""
    shown = set(drawn)
    return [p for p in gazetteer.areas if p.id not in shown]


def boundary_file(gazetteer: Gazetteer, boundaries: str | Path | None = None) -> Path | None:
    """The boundary file to use: the one given, else the gazetteer folder's own, if any."""
    if boundaries is not None:
        return Path(boundaries)
    own = gazetteer.folder / BOUNDARIES_FILE if gazetteer.folder else None
    return own if own and own.is_file() else None


def region_shape(gazetteer: Gazetteer, shapes: gpd.GeoDataFrame, region_id: str):
    """The union of a region's member shapes (or a map place's own shape), in ``shapes``' CRS."""
    if region_id not in gazetteer.places:
        raise GazetteerError(f"unknown place {region_id!r}")
    members = shapes.loc[shapes["id"].isin(gazetteer.members(region_id)), "geometry"]
    if members.empty:
        raise GazetteerError(f"{region_id!r} has no map place among the shapes")
    return shapely.union_all(members.to_numpy(), grid_size=UNION_GRID_DEG)


def iou(a: Iterable, b: Iterable) -> np.ndarray:
    """Intersection over union of paired geometries (same CRS)."""
    a, b = np.asarray(list(a), dtype=object), np.asarray(list(b), dtype=object)
    return shapely.area(shapely.intersection(a, b)) / shapely.area(shapely.union(a, b))


# -- writing shapes ------------------------------------------------------------------------------
#: Decimals of written coordinates: 1e-5 degrees is about a metre, finer than any survey here.
WRITE_DECIMALS = 5
#: Rounding may make two nearly touching borders cross; cleaning and rounding again is tried this often.
ROUNDING_ATTEMPTS = 3


def simplify_shapes(shapes: gpd.GeoDataFrame, crs: str, tolerance_m: float) -> gpd.GeoDataFrame:
    """``shapes`` (WGS84) simplified by ``tolerance_m`` metres in the metric ``crs``, as one coverage.

    Overlaps and slivers between neighbours are cleaned first, so that every shared border is
    simplified once and no gap or overlap opens between them. A shape that simplification would
    empty keeps its cleaned geometry.
    """
    if not CRS.from_user_input(crs).is_projected:
        raise GazetteerError(f"{crs} is not a metric (projected) CRS: a tolerance in metres needs one")
    if tolerance_m < 0:
        raise GazetteerError(f"simplification tolerance {tolerance_m} m is negative")
    metric = shapes.geometry.to_crs(crs).to_numpy()
    clean = metric if shapely.coverage_is_valid(metric) else shapely.coverage_clean(metric)
    clean = np.array([c if not c.is_empty else g for c, g in zip(clean, metric)], dtype=object)
    simple = shapely.coverage_simplify(clean, tolerance_m) if tolerance_m > 0 else clean
    simple = np.array(
        [s if not s.is_empty and s.is_valid else c for s, c in zip(simple, clean)], dtype=object
    )
    out = shapes.copy()
    out["geometry"] = gpd.GeoSeries(simple, index=shapes.index, crs=crs).to_crs(WGS84)
    out["area_km2"] = area_km2(out, crs)
    return out


def round_coverage(geoms: Sequence, decimals: int = WRITE_DECIMALS) -> np.ndarray:
    """Geometries with coordinates rounded to ``decimals``, still valid and still a coverage.

    Rounding moves shared vertices alike, but two borders less than a grid step apart can end up
    crossing: those are cleaned and rounded again.
    """
    geoms = np.asarray(list(geoms), dtype=object)
    was_coverage = bool(shapely.coverage_is_valid(geoms))
    for _ in range(ROUNDING_ATTEMPTS):
        rounded = shapely.remove_repeated_points(shapely.transform(geoms, lambda c: np.round(c, decimals)))
        valid = shapely.is_valid(rounded).all()
        if valid and (not was_coverage or shapely.coverage_is_valid(rounded)):
            return rounded
        geoms = shapely.make_valid(rounded) if not valid else rounded
        geoms = shapely.coverage_clean(geoms) if was_coverage else geoms
    raise GazetteerError(
        f"coordinates rounded to {decimals} decimals leave invalid shapes; "
        "try more decimals or a larger simplification"
    )


def shapes_geojson(
    shapes: gpd.GeoDataFrame, *, boundary_file: bool = False, decimals: int = WRITE_DECIMALS
) -> str:
    """``shapes`` (WGS84) as a GeoJSON FeatureCollection, one feature per line, coordinates rounded.

    ``boundary_file``: write only the places with a real shape, with the properties ``id`` and
    ``name``, as a gazetteer folder's ``boundaries.geojson``; otherwise every place with ``id``,
    ``name``, ``kind``, ``approximate`` and ``area_km2``. Exteriors run anticlockwise (RFC 7946).
    """
    if boundary_file:
        shapes = shapes.loc[~shapes["approximate"].astype(bool)]
    geoms = round_coverage(shapely.orient_polygons(shapes.geometry.to_numpy()), decimals)
    lines = []
    for row, geom in zip(shapes.itertuples(index=False), geoms):
        properties: dict = {"id": str(row.id), "name": str(row.name)}
        if not boundary_file:
            properties |= {
                "kind": str(row.kind),
                "approximate": bool(row.approximate),
                "area_km2": round(float(row.area_km2), 4),
            }
        feature = {"type": "Feature", "properties": properties, "geometry": mapping(geom)}
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
