"""Build GeoJSON FeatureCollections with whitelisted properties."""

from collections.abc import Iterable, Mapping
from typing import Any


def feature(geometry: Mapping[str, Any] | None, properties: Mapping[str, Any]) -> dict[str, Any]:
    """One GeoJSON Feature."""
    return {"type": "Feature", "geometry": geometry, "properties": dict(properties)}


def feature_collection(features: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """A FeatureCollection of the given features."""
    return {"type": "FeatureCollection", "features": list(features)}
