"""Validate GeoJSON polygons and compute their area and centroid on the sphere."""

import math
from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise
from typing import Any

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)

Ring = Sequence[Sequence[float]]


class GeometryError(ValueError):
    """A GeoJSON geometry that Samspill cannot use, with the reason."""


def polygons_of(geometry: Mapping[str, Any]) -> list[list[Ring]]:
    """Return the polygons (each a list of rings, outer first) of a Polygon or MultiPolygon."""
    kind = geometry.get("type")
    coordinates: Any = geometry.get("coordinates")
    polygons: Any
    if kind == "Polygon":
        polygons = [coordinates] if coordinates else []
    elif kind == "MultiPolygon":
        polygons = coordinates
    else:
        raise GeometryError(f"Expected a Polygon or MultiPolygon, got {kind!r}.")
    if not isinstance(polygons, list) or not polygons:
        raise GeometryError("The geometry has no coordinates.")
    for polygon in polygons:
        _check_polygon(polygon)
    return polygons


def _check_polygon(polygon: Any) -> None:
    if not isinstance(polygon, list) or not polygon:
        raise GeometryError("A polygon must be a non-empty list of rings.")
    for ring in polygon:
        if not isinstance(ring, list) or len(ring) < 4:
            raise GeometryError("A ring needs at least four positions.")
        for position in ring:
            if not isinstance(position, list | tuple) or len(position) < 2:
                raise GeometryError("A position needs a longitude and a latitude.")
            lon, lat = position[0], position[1]
            if not all(isinstance(x, int | float) and not isinstance(x, bool) for x in (lon, lat)):
                raise GeometryError(f"Position ({lon!r}, {lat!r}) is not two numbers.")
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):  # also refuses NaN and Infinity
                raise GeometryError(f"Position ({lon}, {lat}) is not in WGS84 degrees.")
        if list(ring[0][:2]) != list(ring[-1][:2]):
            raise GeometryError("A ring must end where it starts.")


def _ring_area_km2(ring: Ring) -> float:
    """Signed spherical area of a ring (Chamberlain & Duquette 2007)."""
    total = 0.0
    for (lon1, lat1, *_), (lon2, lat2, *_) in pairwise(ring):
        total += math.radians(lon2 - lon1) * (
            2 + math.sin(math.radians(lat1)) + math.sin(math.radians(lat2))
        )
    return total * EARTH_RADIUS_KM**2 / 2


def area_km2(geometry: Mapping[str, Any]) -> float:
    """Area of a Polygon/MultiPolygon in km², holes subtracted."""
    area = 0.0
    for polygon in polygons_of(geometry):
        outer, *holes = polygon
        area += abs(_ring_area_km2(outer)) - sum(abs(_ring_area_km2(hole)) for hole in holes)
    return area


def centroid(geometry: Mapping[str, Any]) -> tuple[float, float]:
    """Area-weighted centroid (lon, lat) of the outer rings, in planar lon/lat approximation."""
    weighted_lon = weighted_lat = total_weight = 0.0
    for polygon in polygons_of(geometry):
        ring = polygon[0]
        signed = 0.0
        cx = cy = 0.0
        for (x1, y1, *_), (x2, y2, *_) in pairwise(ring):
            cross = x1 * y2 - x2 * y1
            signed += cross
            cx += (x1 + x2) * cross
            cy += (y1 + y2) * cross
        if signed == 0:
            continue
        weight = abs(signed) / 2
        weighted_lon += cx / (3 * signed) * weight
        weighted_lat += cy / (3 * signed) * weight
        total_weight += weight
    if total_weight == 0:
        raise GeometryError("The geometry has no area, so it has no centroid.")
    return weighted_lon / total_weight, weighted_lat / total_weight


def bounding_box(geometries: Iterable[Mapping[str, Any]]) -> tuple[float, float, float, float]:
    """(min_lon, min_lat, max_lon, max_lat) over all positions of the geometries."""
    lons: list[float] = []
    lats: list[float] = []
    for geometry in geometries:
        for polygon in polygons_of(geometry):
            for ring in polygon:
                lons.extend(position[0] for position in ring)
                lats.extend(position[1] for position in ring)
    if not lons:
        raise GeometryError("No geometries to bound.")
    return min(lons), min(lats), max(lons), max(lats)
