"""Geometry for registers drawn on the map: validate GeoJSON, measure it in metres, compare shapes.

Shared by the projects register and the land register (ADR 62 in docs/decisions.md says why):
coordinates arrive as GeoJSON in WGS84 (longitude, latitude), are checked here, and every length,
area and distance is computed in ETRS89 / UTM zone 33N (EPSG:25833), the projection Norwegian
public maps use for the whole country. Pure: shapely and pyproj, no Django.

    shape = parse_geometry(payload)          # raises GeometryError with a reason a user can read
    measure(shape).area_daa                  # 1 daa = 1 000 m²
    distance_m(site, airport)                # straight line, metres
    corridor = corridor_around(line, width_m=2_000)
    inside_corridor(site, corridor)
"""

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray
from pyproj import Transformer
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from samspill.geo.geometry import GeometryError

__all__ = [
    "ALLOWED_TYPES",
    "NORWAY_BOUNDS",
    "GeometryError",
    "Measures",
    "corridor_around",
    "distance_m",
    "inside_corridor",
    "measure",
    "parse_geometry",
    "to_geojson",
    "to_metric",
    "to_metric_many",
    "to_wgs84",
]

ALLOWED_TYPES = frozenset(
    {"Point", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "MultiPoint"}
)
# Mainland Norway with its coastal waters, Svalbard and Jan Mayen left out: (west, south, east,
# north) in degrees. A register entry outside this box is almost always swapped coordinates.
NORWAY_BOUNDS = (4.0, 57.7, 31.6, 71.4)
METRIC_CRS = "EPSG:25833"


@cache
def _forward() -> Transformer:
    return Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True)


@cache
def _backward() -> Transformer:
    return Transformer.from_crs(METRIC_CRS, "EPSG:4326", always_xy=True)


def _project_forward(coordinates: NDArray[np.float64]) -> NDArray[np.float64]:
    x, y = _forward().transform(coordinates[:, 0], coordinates[:, 1])
    return np.column_stack([x, y])


def _project_backward(coordinates: NDArray[np.float64]) -> NDArray[np.float64]:
    x, y = _backward().transform(coordinates[:, 0], coordinates[:, 1])
    return np.column_stack([x, y])


def parse_geometry(payload: Mapping[str, Any] | None) -> BaseGeometry:
    """Return a valid WGS84 geometry inside Norway from a GeoJSON geometry (or Feature).

    Raises `GeometryError` naming what is wrong: the type, the coordinates, self-intersections
    (with where, as shapely explains it), or a place outside Norway (often latitude and longitude
    swapped).
    """
    if not isinstance(payload, Mapping):
        raise GeometryError("Geometrien må være et GeoJSON-objekt.")
    if payload.get("type") == "Feature":
        return parse_geometry(payload.get("geometry"))
    kind = payload.get("type")
    if kind not in ALLOWED_TYPES:
        raise GeometryError(f"Geometritypen {kind!r} støttes ikke.")
    try:
        geometry = shape(dict(payload))
    except (
        ValueError,
        TypeError,
        AttributeError,
        IndexError,
        shapely.errors.ShapelyError,
    ) as error:
        raise GeometryError(f"Koordinatene kan ikke leses: {error}.") from error
    if geometry.is_empty:
        raise GeometryError("Geometrien har ingen koordinater.")
    if geometry.has_z:
        geometry = shapely.force_2d(geometry)
    west, south, east, north = geometry.bounds
    if not (
        -180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= 90 and -90 <= north <= 90
    ):
        raise GeometryError("Koordinatene er ikke lengde- og breddegrader (WGS84).")
    n_west, n_south, n_east, n_north = NORWAY_BOUNDS
    if west < n_west or east > n_east or south < n_south or north > n_north:
        raise GeometryError(
            "Geometrien ligger utenfor Norge. Er lengde- og breddegrad byttet om? "
            "GeoJSON skriver lengdegrad først."
        )
    if not geometry.is_valid:
        raise GeometryError(f"Geometrien er ugyldig: {explain_validity(geometry)}.")
    return geometry


def to_metric(geometry: BaseGeometry) -> BaseGeometry:
    """The geometry in UTM 33N metres."""
    return shapely.transform(geometry, _project_forward)


def to_metric_many(geometries: list[BaseGeometry]) -> list[BaseGeometry]:
    """Many geometries in UTM 33N metres with one projection call (registers of thousands)."""
    if not geometries:
        return []
    array = np.empty(len(geometries), dtype=object)
    array[:] = geometries
    return list(shapely.transform(array, _project_forward))


def to_geojson(geometry: BaseGeometry) -> dict[str, Any]:
    """A GeoJSON geometry mapping (lists, not tuples, so it serialises and compares plainly)."""
    result: dict[str, Any] = _listify(dict(mapping(geometry)))
    return result


def _listify(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _listify(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_listify(item) for item in value]
    return value


@dataclass(frozen=True)
class Measures:
    """Size of a geometry in metric units; zero where a measure does not apply."""

    area_m2: float
    length_m: float

    @property
    def area_daa(self) -> float:
        return self.area_m2 / 1000.0

    @property
    def length_km(self) -> float:
        return self.length_m / 1000.0


def measure(geometry: BaseGeometry) -> Measures:
    """Area (polygons) and length (lines; a polygon's perimeter is not a length here)."""
    metric = to_metric(geometry)
    polygonal = metric.geom_type in {"Polygon", "MultiPolygon"}
    return Measures(
        area_m2=float(metric.area) if polygonal else 0.0,
        length_m=0.0 if polygonal else float(metric.length),
    )


def distance_m(a: BaseGeometry, b: BaseGeometry) -> float:
    """The shortest straight-line distance between two geometries, in metres (0 if they touch)."""
    return float(to_metric(a).distance(to_metric(b)))


def corridor_around(line: BaseGeometry, *, width_m: float) -> BaseGeometry:
    """A corridor `width_m` wide centred on the line, in metres (UTM 33N)."""
    if width_m <= 0:
        raise GeometryError("Korridoren må ha en bredde større enn null.")
    return to_metric(line).buffer(width_m / 2.0, cap_style="round")


def inside_corridor(geometry: BaseGeometry, corridor_metric: BaseGeometry) -> bool:
    """True when the geometry touches the corridor (a corridor from `corridor_around`)."""
    return bool(corridor_metric.intersects(to_metric(geometry)))


def to_wgs84(metric: BaseGeometry) -> BaseGeometry:
    """Back from UTM 33N to longitude and latitude (to draw a corridor on the map)."""
    return shapely.transform(metric, _project_backward)
