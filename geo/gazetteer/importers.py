"""Another city is new data: write a gazetteer folder from a GeoNames dump or OSM GeoJSON.

Both importers write the same files as ``data/aleppo/`` (``gazetteer.json``, ``places.csv``,
``regions.csv`` with the city as a region of every place, ``baseline.csv`` with every place
``unknown``), which :meth:`Gazetteer.load` reads. OSM polygons are also written to
``boundaries.geojson``, which :func:`geo.gazetteer.shapes.place_shapes` then uses instead of the
approximation. The files are meant to be edited afterwards: add spellings, regions, areas.
"""

from __future__ import annotations

import csv
import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd

from ..core import ARABIC_LETTER, GazetteerError, normalise, spreadsheet_cell
from .baseline import BASELINE_COLUMNS
from .places import PLACE_COLUMNS, REGION_COLUMNS, parse_coordinate, usable_alternate
from .shapes import BOUNDARIES_FILE, WGS84, area_km2, feature_geometry, read_feature_collection

#: The 19 tab-separated columns of a GeoNames dump (``SY.txt``, ``allCountries.txt``), in order.
GEONAMES_COLUMNS = (
    "geonameid",
    "name",
    "asciiname",
    "alternatenames",
    "latitude",
    "longitude",
    "feature_class",
    "feature_code",
    "country_code",
    "cc2",
    "admin1",
    "admin2",
    "admin3",
    "admin4",
    "population",
    "elevation",
    "dem",
    "timezone",
    "modification_date",
)
#: GeoNames codes of the parts of a town: sections (PPLX) and localities (PPLL).
GEONAMES_PLACE_CODES = ("PPLX", "PPLL")
#: Codes of a town itself, for finding the city's centre when no area is given.
GEONAMES_TOWN_CODES = ("PPLC", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPL")
#: Without a bounding box or radius, places this close to the city's centre are taken.
DEFAULT_RADIUS_KM = 10.0
#: OSM ``place=`` values imported, and the gazetteer kind each becomes.
OSM_PLACE_KINDS = {"neighbourhood": "neighbourhood", "quarter": "neighbourhood", "suburb": "district"}
EARTH_RADIUS_KM = 6371.0088


@dataclass
class ImportedPlace:
    """A place as an importer found it, before ids are assigned."""

    name: str
    lat: float
    lon: float
    source: str  # where it came from: "GeoNames 123456", "OSM feature 3"
    line: int  # its line (GeoNames) or feature index (GeoJSON) in the input
    kind: str = "neighbourhood"
    variants: tuple[str, ...] = ()
    arabic: str = ""
    slug_hint: str = ""  # a Latin spelling for the id when the name is in another script
    geometry: object = None  # a polygon in WGS84, when the source had one


@dataclass(frozen=True)
class Skipped:
    """An input row or feature left out, and why."""

    file: str
    line: int  # line of a text file, or index of a GeoJSON feature
    reason: str
    unit: str = "line"  # or "feature"

    def __str__(self) -> str:
        return f"{self.file}, {self.unit} {self.line}: {self.reason}"


@dataclass
class ImportResult:
    """What an importer wrote: the folder, how many places, and what it left out."""

    folder: Path
    places: int
    shapes: int = 0  # of them with a polygon in boundaries.geojson
    skipped: list[Skipped] = field(default_factory=list)


# -- GeoNames ------------------------------------------------------------------------------------
def from_geonames(
    tsv_path: str | Path,
    out_dir: str | Path,
    *,
    city_name: str,
    country_code: str,
    feature_codes: Sequence[str] = GEONAMES_PLACE_CODES,
    bbox: tuple[float, float, float, float] | None = None,
    center: tuple[float, float] | None = None,
    radius_km: float | None = None,
    overwrite: bool = False,
    conflict: str | None = None,
) -> ImportResult:
    """Import the sections of a town from a GeoNames dump (the 19-column TSV format).

    Places are rows of ``country_code`` whose feature code is in ``feature_codes`` and that lie
    in ``bbox`` (west, south, east, north) or within ``radius_km`` of ``center`` (lat, lon). With
    neither, the centre is the most populous town in the dump named ``city_name``.
    """
    path = Path(tsv_path)
    country_code = country_code.upper()
    codes = set(feature_codes)
    candidates: list[tuple[int, dict[str, str], float, float]] = []
    towns: list[tuple[int, float, float]] = []  # (population, lat, lon) of towns named city_name
    city_key = normalise(city_name)
    for line, row in _geonames_rows(path):
        if row["country_code"] != country_code:
            continue
        is_town = row["feature_class"] == "P" and row["feature_code"] in GEONAMES_TOWN_CODES
        if row["feature_code"] not in codes and not is_town:
            continue
        lat = parse_coordinate(row["latitude"], -90, 90, "latitude", path, line)
        lon = parse_coordinate(row["longitude"], -180, 180, "longitude", path, line)
        if row["feature_code"] in codes:
            candidates.append((line, row, lat, lon))
        if is_town and city_key in {normalise(n) for n in _geonames_names(row)}:
            towns.append((int(row["population"] or 0), lat, lon))

    inside = _area_test(path, city_name, bbox, center, radius_km, towns)
    places: list[ImportedPlace] = []
    skipped: list[Skipped] = []
    for line, row, lat, lon in candidates:
        if not inside(lat, lon):
            continue
        if not row["name"].strip():
            skipped.append(Skipped(str(path), line, "no name"))
            continue
        names = _geonames_names(row)
        arabic = next((n for n in names if ARABIC_LETTER.search(n)), "")
        places.append(
            ImportedPlace(
                name=row["name"].strip(),
                lat=lat,
                lon=lon,
                source=f"GeoNames {row['geonameid']}",
                variants=tuple(n for n in names[1:] if n != arabic),
                arabic=arabic,
                line=line,
                slug_hint=row["asciiname"],
            )
        )
    if not places:
        raise GazetteerError(
            f"no usable places: no row of country {country_code} with feature code "
            f"{'/'.join(sorted(codes))} lies in the chosen area",
            file=path,
        )
    about = (
        f"Imported from the GeoNames dump {path.name}: feature codes {', '.join(sorted(codes))} "
        f"of {country_code}. Coordinates are GeoNames points; shapes are approximate."
    )
    return write_gazetteer(
        out_dir,
        city_name=city_name,
        country_code=country_code,
        places=places,
        about=about,
        skipped=skipped,
        source=path,
        overwrite=overwrite,
        conflict=conflict,
    )


def _geonames_rows(path: Path) -> Iterable[tuple[int, dict[str, str]]]:
    """Rows of a GeoNames dump as dicts, numbered from 1; comments and blank lines skipped."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for line, text in enumerate(handle, start=1):
                text = text.rstrip("\r\n")
                if not text.strip() or text.startswith("#"):
                    continue
                values = text.split("\t")
                if len(values) != len(GEONAMES_COLUMNS):
                    raise GazetteerError(
                        f"{len(values)} tab-separated columns where a GeoNames dump has "
                        f"{len(GEONAMES_COLUMNS)}",
                        file=path,
                        row=line,
                    )
                yield line, dict(zip(GEONAMES_COLUMNS, values))
    except FileNotFoundError:
        raise GazetteerError("file not found", file=path) from None
    except UnicodeDecodeError as exc:
        raise GazetteerError(f"not UTF-8 text ({exc.reason})", file=path) from None


def _geonames_names(row: dict[str, str]) -> list[str]:
    """Name, ASCII name and the alternate names worth indexing, each once."""
    alternates = [n.strip() for n in row["alternatenames"].split(",")]
    names = [row["name"].strip(), row["asciiname"].strip(), *(n for n in alternates if usable_alternate(n))]
    return list(dict.fromkeys(n for n in names if n))


def _area_test(
    path: Path,
    city_name: str,
    bbox: tuple[float, float, float, float] | None,
    center: tuple[float, float] | None,
    radius_km: float | None,
    towns: list[tuple[int, float, float]],
) -> Callable[[float, float], bool]:
    """A function (lat, lon) -> bool for the part of the dump that is the city."""
    if bbox is not None:
        west, south, east, north = bbox
        if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
            raise GazetteerError(f"bounding box {bbox} is not west,south,east,north in degrees")
        return lambda lat, lon: west <= lon <= east and south <= lat <= north
    if center is None:
        if not towns:
            raise GazetteerError(
                f"no bounding box or centre given, and no town named {city_name!r} in the dump to centre on",
                file=path,
            )
        _, *center = max(towns)
    lat0, lon0 = center
    if not (-90 <= lat0 <= 90 and -180 <= lon0 <= 180):
        raise GazetteerError(f"centre {tuple(center)} is not lat,lon in degrees")
    radius = DEFAULT_RADIUS_KM if radius_km is None else radius_km
    if radius <= 0:
        raise GazetteerError(f"radius {radius} km is not positive")
    return lambda lat, lon: _distance_km(lat0, lon0, lat, lon) <= radius


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


# -- OSM ----------------------------------------------------------------------------------------
def from_osm_geojson(
    path: str | Path,
    out_dir: str | Path,
    *,
    city_name: str,
    country_code: str | None = None,
    place_kinds: dict[str, str] | None = None,
    overwrite: bool = False,
    conflict: str | None = None,
) -> ImportResult:
    """Import OSM-style GeoJSON features tagged ``place=neighbourhood|quarter|suburb``.

    The name is ``name:en`` or ``name``; ``name``, ``alt_name`` (``;``-separated) become
    variants, ``name:ar`` the Arabic name. Points give the coordinate; a polygon gives its
    centroid, its area, and its shape in ``boundaries.geojson``. Other features are ignored.
    """
    path = Path(path)
    kinds = OSM_PLACE_KINDS if place_kinds is None else place_kinds
    places: list[ImportedPlace] = []
    skipped: list[Skipped] = []
    for index, feature in enumerate(read_feature_collection(path)):
        props = (feature.get("properties") if isinstance(feature, dict) else None) or {}
        if props.get("place") not in kinds:
            continue
        english, local = _text(props.get("name:en")), _text(props.get("name"))
        name = english or local
        geom = feature_geometry(path, index, feature, name)
        if not name:
            skipped.append(Skipped(str(path), index, f"place={props['place']} without a name", "feature"))
            continue
        if geom.geom_type in ("Polygon", "MultiPolygon"):
            point, shape = (
                geom.representative_point() if not geom.centroid.within(geom) else geom.centroid,
                geom,
            )
        elif geom.geom_type == "Point":
            point, shape = geom, None
        else:
            skipped.append(
                Skipped(str(path), index, f"a {geom.geom_type}, not a point or polygon", "feature")
            )
            continue
        alternates = [a.strip() for a in _text(props.get("alt_name")).split(";")]
        arabic = _text(props.get("name:ar")) or (local if ARABIC_LETTER.search(local) else "")
        variants = [n for n in (local, *alternates) if n and n != name and n != arabic]
        places.append(
            ImportedPlace(
                name=name,
                lat=point.y,
                lon=point.x,
                source=f"OSM feature {index}",
                line=index,
                kind=kinds[props["place"]],
                variants=tuple(dict.fromkeys(variants)),
                arabic=arabic,
                geometry=shape,
            )
        )
    if not places:
        raise GazetteerError(
            f"no usable places: no feature with place={'|'.join(kinds)} and a name", file=path
        )
    about = (
        f"Imported from the OSM GeoJSON {path.name} (place={'|'.join(kinds)}). Coordinates are "
        "OSM points or polygon centroids; places without a polygon get approximate shapes."
    )
    return write_gazetteer(
        out_dir,
        city_name=city_name,
        country_code=country_code,
        places=places,
        about=about,
        skipped=skipped,
        source=path,
        unit="feature",
        overwrite=overwrite,
        conflict=conflict,
    )


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


# -- writing -------------------------------------------------------------------------------------
def write_gazetteer(
    out_dir: str | Path,
    *,
    city_name: str,
    country_code: str | None,
    places: list[ImportedPlace],
    about: str,
    skipped: list[Skipped],
    source: Path,
    unit: str = "line",
    overwrite: bool = False,
    conflict: str | None = None,
) -> ImportResult:
    """Write a gazetteer folder of ``places``: one place per name, unique slugged ids.

    ``conflict`` names the war (``data/conflicts/<id>``) in ``gazetteer.json``; without it the
    folder does not load until one is added.

    ``unit`` says what a place's ``line`` counts in the ``source``: "line" or "feature".
    """
    folder = Path(out_dir)
    if (folder / "gazetteer.json").exists() and not overwrite:
        raise GazetteerError(
            "already holds a gazetteer (choose another folder, or overwrite: --force)", file=folder
        )
    if not city_name.strip():
        raise GazetteerError("the city needs a name")
    city_id = slug(city_name) or "city"
    kept: list[ImportedPlace] = []
    seen: dict[str, ImportedPlace] = {}
    for place in sorted(places, key=lambda p: p.geometry is None):  # polygons before points
        key = normalise(place.name)
        if key in seen:
            _merge(seen[key], place)
            skipped.append(
                Skipped(
                    str(source),
                    place.line,
                    f"{place.name!r}: same name as {seen[key].source}; spellings merged there",
                    unit,
                )
            )
            continue
        seen[key] = place
        kept.append(place)
    kept.sort(key=lambda p: p.line)
    skipped = sorted(skipped, key=lambda s: s.line)
    ids = unique_ids([slug(p.name) or slug(p.slug_hint) or "place" for p in kept], taken={city_id})

    shapes = gpd.GeoDataFrame(
        {"place_id": ids, "name": [p.name for p in kept]},
        geometry=[p.geometry for p in kept],
        crs=WGS84,
    )
    crs = utm_crs(sum(p.lat for p in kept) / len(kept), sum(p.lon for p in kept) / len(kept))
    with_shape = shapes[shapes.geometry.notna()]
    areas = dict(zip(with_shape["place_id"], area_km2(with_shape, crs)))

    folder.mkdir(parents=True, exist_ok=True)
    meta = {
        "name": city_name,
        "city_region": city_id,
        "crs": crs,
        "baseline_date": None,
        "outside_countries": [country_code.upper()] if country_code else [],
        "about": about,
    }
    if conflict:
        meta["conflict"] = conflict
    (folder / "gazetteer.json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    _write_csv(
        folder / "places.csv",
        PLACE_COLUMNS,
        [
            {
                "id": i,
                "name": p.name,
                "kind": p.kind,
                "lat": f"{p.lat:.6f}",
                "lon": f"{p.lon:.6f}",
                "variants": "|".join(v.replace("|", " ") for v in p.variants),
                "arabic": p.arabic,
                "area_km2": f"{areas[i]:.3f}" if i in areas else "",
                "coord_source": p.source + (" (polygon centroid)" if i in areas else ""),
            }
            for i, p in zip(ids, kept)
        ],
    )
    _write_csv(
        folder / "regions.csv",
        REGION_COLUMNS,
        [
            {"id": city_id, "name": city_name, "kind": "city", "variants": "", "arabic": "", "members": "*"},
        ],
    )
    _write_csv(
        folder / "baseline.csv",
        BASELINE_COLUMNS,
        [
            {"place_id": i, "controller": "unknown", "as_of": "", "source": "imported; not yet established"}
            for i in ids
        ],
    )
    boundaries = folder / BOUNDARIES_FILE
    if len(with_shape):
        boundaries.write_text(with_shape.to_json(drop_id=True), encoding="utf-8")
    elif boundaries.exists():
        boundaries.unlink()  # a stale file from an earlier import would match the wrong places
    return ImportResult(folder=folder, places=len(kept), shapes=len(with_shape), skipped=skipped)


def _merge(kept: ImportedPlace, twin: ImportedPlace) -> None:
    """Add a duplicate's spellings to the place kept in its stead."""
    kept.arabic = kept.arabic or twin.arabic
    spellings = (*kept.variants, twin.name, *twin.variants)
    kept.variants = tuple(dict.fromkeys(v for v in spellings if v not in (kept.name, kept.arabic)))


def _write_csv(path: Path, columns: Sequence[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        writer.writerows({k: spreadsheet_cell(v) for k, v in row.items()} for row in rows)


def slug(name: str) -> str:
    """A lower-case ASCII id from a name: "Bāb al-Ḥadīd" -> "bab-al-hadid"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower().replace("'", "")).strip("-")


def unique_ids(slugs: Sequence[str], *, taken: set[str] = frozenset()) -> list[str]:
    """The slugs, with -2, -3... added where one repeats (or is ``taken``)."""
    used = set(taken)
    ids = []
    for base in slugs:
        candidate, n = base, 1
        while candidate in used:
            n += 1
            candidate = f"{base}-{n}"
        used.add(candidate)
        ids.append(candidate)
    return ids


def utm_crs(lat: float, lon: float) -> str:
    """The WGS84 UTM zone holding a point, as an EPSG code: the gazetteer's metric CRS."""
    zone = min(int((lon + 180) // 6) + 1, 60)
    return f"EPSG:{32600 + zone if lat >= 0 else 32700 + zone}"
