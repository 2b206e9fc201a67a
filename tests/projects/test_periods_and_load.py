"""Periods at year/quarter/month precision and the construction load (pure, property-tested)."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samspill.projects.load import Construction, construction_load, peak
from samspill.projects.periods import (
    PeriodError,
    Precision,
    Quarter,
    add_months,
    period_parse,
    spread_over_quarters,
)


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("2026", "2026-01-01", "2026-12-31", Precision.YEAR),
        ("2026 K2", "2026-04-01", "2026-06-30", Precision.QUARTER),
        ("K4 2026", "2026-10-01", "2026-12-31", Precision.QUARTER),
        ("2026-Q3", "2026-07-01", "2026-09-30", Precision.QUARTER),
        ("2026-02", "2026-02-01", "2026-02-28", Precision.MONTH),
        ("02.2028", "2028-02-01", "2028-02-29", Precision.MONTH),
    ],
)
def test_periods_are_read_as_people_write_them(
    text: str, start: str, end: str, precision: Precision
) -> None:
    period = period_parse(text)
    assert (str(period.start), str(period.end), period.precision) == (start, end, precision)
    assert period_parse(period.label()) == period


@pytest.mark.parametrize("text", ["2026 K5", "2026-13", "neste år", "1800", ""])
def test_unreadable_periods_say_why(text: str) -> None:
    with pytest.raises(PeriodError):
        period_parse(text)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    start=st.dates(datetime.date(2000, 1, 1), datetime.date(2060, 12, 31)),
    days=st.integers(0, 3000),
    per_year=st.floats(0.5, 2000),
)
def test_spreading_keeps_the_person_years(start: datetime.date, days: int, per_year: float) -> None:
    end = start + datetime.timedelta(days=days)
    spread = spread_over_quarters(start, end, per_year)
    # Average number at work per quarter × the quarter's length in years = person-years.
    total = sum(
        value * ((quarter.end - quarter.start).days + 1) / 365.25
        for quarter, value in spread.items()
    )
    assert total == pytest.approx(per_year * (days + 1) / 365.25, rel=0.01)
    assert all(0 < value <= per_year + 1e-9 for value in spread.values())


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.dates(datetime.date(2000, 1, 1), datetime.date(2060, 12, 1)), st.integers(-120, 120))
def test_moving_by_months_and_back_returns(day: datetime.date, months: int) -> None:
    first = day.replace(day=1)
    assert add_months(add_months(first, months), -months) == first


def test_the_load_sums_projects_and_a_shift_moves_the_peak() -> None:
    a = Construction(1, "A", datetime.date(2026, 1, 1), datetime.date(2026, 12, 31), 100)
    b = Construction(2, "B", datetime.date(2026, 7, 1), datetime.date(2027, 6, 30), 50)
    loads = construction_load([a, b])
    by_quarter = {load.quarter: load.total for load in loads}
    assert by_quarter[Quarter(2026, 1)] == pytest.approx(100)
    assert by_quarter[Quarter(2026, 3)] == pytest.approx(150)
    assert by_quarter[Quarter(2027, 2)] == pytest.approx(50)
    top = peak(loads)
    assert top is not None
    assert top.quarter == Quarter(2026, 3)
    moved = construction_load([a, b], shifts={2: 6})
    moved_by_quarter = {load.quarter: load.total for load in moved}
    assert max(moved_by_quarter.values()) == pytest.approx(100)
    assert moved_by_quarter[Quarter(2027, 4)] == pytest.approx(50)


def test_projecting_many_geometries_equals_projecting_each() -> None:
    from shapely.geometry import LineString, Point

    from samspill.geo.shapes import to_metric, to_metric_many

    shapes = [Point(10.9, 63.46), LineString([(10.89, 63.44), (10.93, 63.47)])]
    for many, one in zip(to_metric_many(shapes), (to_metric(s) for s in shapes), strict=True):
        assert many.equals_exact(one, tolerance=1e-6)
    assert to_metric_many([]) == []
