"""The shared map geometry: validation with readable reasons, metric measures, corridors."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samspill.geo.shapes import (
    GeometryError,
    corridor_around,
    distance_m,
    inside_corridor,
    measure,
    parse_geometry,
    to_geojson,
    to_wgs84,
)

# About 100 m × 100 m near Værnes (Stjørdal): 0.0018° of longitude ≈ 90 m at 63.46° N.
SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[10.90, 63.46], [10.902, 63.46], [10.902, 63.4609], [10.90, 63.4609], [10.90, 63.46]]
    ],
}


def test_a_polygon_is_measured_in_metres() -> None:
    size = measure(parse_geometry(SQUARE))
    # 0.002° lon × cos(63.46°) × 111.32 km ≈ 99.5 m; 0.0009° lat ≈ 100.2 m
    assert size.area_m2 == pytest.approx(99.5 * 100.2, rel=0.02)
    assert size.area_daa == pytest.approx(size.area_m2 / 1000)
    assert size.length_m == 0


def test_a_line_has_a_length_and_no_area() -> None:
    line = parse_geometry({"type": "LineString", "coordinates": [[10.90, 63.46], [10.90, 63.47]]})
    size = measure(line)
    assert size.length_m == pytest.approx(1113, rel=0.01)  # 0.01° of latitude
    assert size.area_m2 == 0


def test_a_feature_is_read_through_its_geometry() -> None:
    assert parse_geometry({"type": "Feature", "geometry": SQUARE, "properties": {}}).is_valid


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (None, "GeoJSON"),
        ({"type": "GeometryCollection", "geometries": []}, "støttes ikke"),
        ({"type": "Point", "coordinates": []}, "ingen koordinater"),
        ({"type": "Point", "coordinates": [63.46, 10.90]}, "byttet om"),
        ({"type": "Point", "coordinates": [-3.7, 40.4]}, "utenfor Norge"),
        ({"type": "Point", "coordinates": [1000.0, 63.0]}, "WGS84"),
        (
            {  # a bow tie crosses itself
                "type": "Polygon",
                "coordinates": [
                    [[10.90, 63.46], [10.91, 63.47], [10.91, 63.46], [10.90, 63.47], [10.90, 63.46]]
                ],
            },
            "ugyldig",
        ),
    ],
)
def test_bad_geometry_is_refused_with_a_reason(payload: object, reason: str) -> None:
    with pytest.raises(GeometryError, match=reason):
        parse_geometry(payload)  # type: ignore[arg-type]


def test_distance_is_a_straight_line_in_metres() -> None:
    a = parse_geometry({"type": "Point", "coordinates": [10.90, 63.46]})
    b = parse_geometry({"type": "Point", "coordinates": [10.90, 63.50]})
    assert distance_m(a, b) == pytest.approx(4452, rel=0.01)
    assert distance_m(parse_geometry(SQUARE), a) == 0


def test_a_corridor_holds_what_lies_within_half_its_width() -> None:
    line = parse_geometry({"type": "LineString", "coordinates": [[10.90, 63.40], [10.90, 63.50]]})
    corridor = corridor_around(line, width_m=2000)
    near = parse_geometry({"type": "Point", "coordinates": [10.915, 63.45]})  # ≈ 750 m east
    far = parse_geometry({"type": "Point", "coordinates": [10.93, 63.45]})  # ≈ 1 500 m east
    assert inside_corridor(near, corridor)
    assert not inside_corridor(far, corridor)
    drawn = to_wgs84(corridor)
    assert drawn.bounds[0] == pytest.approx(10.88, abs=0.005)
    with pytest.raises(GeometryError):
        corridor_around(line, width_m=0)


@given(
    st.floats(min_value=5.0, max_value=30.0),
    st.floats(min_value=58.5, max_value=70.5),
    st.floats(min_value=0.001, max_value=0.05),
)
def test_round_trip_keeps_coordinates(lon: float, lat: float, side: float) -> None:
    ring = [[lon, lat], [lon + side, lat], [lon + side, lat + side], [lon, lat + side], [lon, lat]]
    polygon = parse_geometry({"type": "Polygon", "coordinates": [ring]})
    again = to_geojson(polygon)
    assert again["type"] == "Polygon"
    for (x, y), (x2, y2) in zip(again["coordinates"][0], ring, strict=True):
        assert math.isclose(x, x2)
        assert math.isclose(y, y2)
    assert measure(polygon).area_m2 > 0
