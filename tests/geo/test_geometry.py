"""The pure GeoJSON helpers: validation, spherical area, centroid, bounding box, collections."""

import json
import math

import pytest

from samspill.geo.feature_collections import feature, feature_collection
from samspill.geo.geometry import GeometryError, area_km2, bounding_box, centroid, polygons_of
from tests.conftest import SHARED_DIR

SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}


def test_a_one_degree_square_at_the_equator_has_the_known_spherical_area() -> None:
    # R² · Δλ · (sin φ2 − sin φ1) = 6371.0088² · (π/180) · sin(1°)
    expected = 6371.0088**2 * 0.017453292519943295 * 0.01745240643728351

    assert area_km2(SQUARE) == pytest.approx(expected, rel=1e-9)


def test_holes_are_subtracted_and_multipolygons_summed() -> None:
    hole = [[0.25, 0.25], [0.75, 0.25], [0.75, 0.75], [0.25, 0.75], [0.25, 0.25]]
    with_hole = {"type": "Polygon", "coordinates": [SQUARE["coordinates"][0], hole]}
    hole_only = {"type": "Polygon", "coordinates": [hole]}
    multi = {"type": "MultiPolygon", "coordinates": [SQUARE["coordinates"], [hole]]}

    assert area_km2(with_hole) == pytest.approx(area_km2(SQUARE) - area_km2(hole_only))
    assert area_km2(multi) == pytest.approx(area_km2(SQUARE) + area_km2(hole_only))


def test_the_centroid_of_a_square_is_its_middle_whatever_the_ring_direction() -> None:
    clockwise = {"type": "Polygon", "coordinates": [list(reversed(SQUARE["coordinates"][0]))]}

    assert centroid(SQUARE) == pytest.approx((0.5, 0.5))
    assert centroid(clockwise) == pytest.approx((0.5, 0.5))


def test_a_degenerate_geometry_has_no_centroid() -> None:
    flat = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [2, 0], [0, 0]]]}

    with pytest.raises(GeometryError, match="no area"):
        centroid(flat)


@pytest.mark.parametrize(
    ("geometry", "message"),
    [
        ({"type": "Point", "coordinates": [0, 0]}, "Polygon or MultiPolygon"),
        ({"type": "Polygon", "coordinates": []}, "no coordinates"),
        ({"type": "MultiPolygon", "coordinates": [[]]}, "non-empty list of rings"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]}, "at least four"),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0]]]},
            "longitude and a latitude",
        ),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 91]]]}, "WGS84"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, math.nan]]]}, "WGS84"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [math.inf, 0]]]}, "WGS84"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, "x"], [0, 0]]]}, "two numbers"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [True, 1], [0, 0]]]}, "two numbers"),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]},
            "end where it starts",
        ),
    ],
)
def test_invalid_geometries_are_rejected_with_a_reason(geometry: dict, message: str) -> None:
    with pytest.raises(GeometryError, match=message):
        polygons_of(geometry)


def test_the_bounding_box_covers_every_position() -> None:
    shifted = {"type": "Polygon", "coordinates": [[[2, 3], [4, 3], [4, 5], [2, 5], [2, 3]]]}

    assert bounding_box([SQUARE, shifted]) == (0, 0, 4, 5)
    with pytest.raises(GeometryError):
        bounding_box([])


def test_real_outlines_give_plausible_areas() -> None:
    collection = json.loads(
        (SHARED_DIR / "data" / "geo" / "kommuner_2024_S.geojson").read_text(encoding="utf-8")
    )
    areas = {
        f["properties"]["kommunenummer"]: area_km2(f["geometry"]) for f in collection["features"]
    }

    # SSB: Norway's land and freshwater area is 323 800 km² (mainland); the simplified outlines
    # are clipped to the coastline, so the sum lands near that.
    assert 300_000 < sum(areas.values()) < 345_000
    assert 500 < areas["5001"] < 560  # Trondheim with Klæbu since 2020: about 528 km²


def test_features_and_collections_are_plain_geojson() -> None:
    item = feature(SQUARE, {"name": "A"})

    assert feature_collection([item]) == {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "geometry": SQUARE, "properties": {"name": "A"}}],
    }
