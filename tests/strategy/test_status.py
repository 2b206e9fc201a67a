"""Indicator status from the trend towards the deadline: pure, no database."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samspill.strategy.status import Point, Status, indicator_status

BASELINE = Point(datetime.date(2020, 1, 1), 800.0)
TARGET = Point(datetime.date(2025, 1, 1), 1000.0)


def _status(readings: list[Point], *, today: datetime.date = datetime.date(2022, 6, 1), **kwargs):
    return indicator_status(
        baseline=kwargs.pop("baseline", BASELINE),
        target=kwargs.pop("target", TARGET),
        direction=kwargs.pop("direction", "up"),
        readings=readings,
        today=today,
        **kwargs,
    )


def test_no_readings_after_the_baseline_means_no_data() -> None:
    result = _status([Point(datetime.date(2019, 1, 1), 700.0)])

    assert result.status is Status.NO_DATA
    assert "Ingen målinger" in result.explanation


def test_no_readings_and_a_passed_deadline_says_so() -> None:
    result = _status([], today=datetime.date(2026, 1, 1))

    assert result.status is Status.NO_DATA
    assert "passert" in result.explanation


def test_a_steady_climb_that_reaches_the_target_in_time_is_on_track() -> None:
    readings = [Point(datetime.date(2021, 1, 1), 840.0), Point(datetime.date(2022, 1, 1), 880.0)]

    result = _status(readings)

    assert result.status is Status.ON_TRACK
    assert result.projected_value == pytest.approx(1000, abs=0.5)
    assert "I rute" in result.explanation


def test_growth_at_four_fifths_of_the_pace_is_at_risk() -> None:
    readings = [Point(datetime.date(2021, 1, 1), 832.0), Point(datetime.date(2022, 1, 1), 864.0)]

    result = _status(readings)

    assert result.status is Status.AT_RISK
    assert result.projected_share == pytest.approx(0.8, abs=0.01)


def test_flat_development_is_off_track() -> None:
    readings = [Point(datetime.date(2021, 1, 1), 805.0), Point(datetime.date(2022, 1, 1), 806.0)]

    result = _status(readings)

    assert result.status is Status.OFF_TRACK
    assert "Ikke i rute" in result.explanation


def test_a_reached_target_is_reached_even_if_the_trend_turns() -> None:
    readings = [Point(datetime.date(2021, 1, 1), 1020.0), Point(datetime.date(2022, 1, 1), 1010.0)]

    result = _status(readings)

    assert result.status is Status.REACHED
    assert "nådd" in result.explanation


def test_a_passed_deadline_without_the_target_is_off_track() -> None:
    readings = [Point(datetime.date(2024, 6, 1), 990.0)]

    result = _status(readings, today=datetime.date(2025, 3, 1))

    assert result.status is Status.OFF_TRACK
    assert "passert" in result.explanation


def test_a_target_that_goes_down_is_on_track_when_the_value_falls_fast_enough() -> None:
    # Rank on the EU Regional Innovation Scoreboard: from 40th to top 15.
    baseline = Point(datetime.date(2021, 1, 1), 40.0)
    target = Point(datetime.date(2025, 1, 1), 15.0)
    readings = [Point(datetime.date(2022, 1, 1), 33.0), Point(datetime.date(2023, 1, 1), 27.0)]

    result = _status(
        readings,
        baseline=baseline,
        target=target,
        direction="down",
        today=datetime.date(2023, 6, 1),
    )

    assert result.status is Status.ON_TRACK


def test_a_target_that_goes_down_is_off_track_when_the_value_rises() -> None:
    baseline = Point(datetime.date(2021, 1, 1), 40.0)
    target = Point(datetime.date(2025, 1, 1), 15.0)

    result = _status(
        [Point(datetime.date(2022, 1, 1), 44.0)],
        baseline=baseline,
        target=target,
        direction="down",
        today=datetime.date(2023, 6, 1),
    )

    assert result.status is Status.OFF_TRACK


def test_a_falling_value_towards_a_rising_target_says_it_goes_the_wrong_way() -> None:
    readings = [Point(datetime.date(2021, 1, 1), 790.0), Point(datetime.date(2022, 1, 1), 770.0)]

    result = _status(readings)

    assert result.status is Status.OFF_TRACK
    assert "feil retning" in result.explanation


def test_a_target_at_the_baseline_level_is_held_or_not() -> None:
    target = Point(datetime.date(2025, 1, 1), 800.0)

    held = _status([Point(datetime.date(2021, 1, 1), 810.0)], target=target)
    slipped = _status([Point(datetime.date(2021, 1, 1), 790.0)], target=target)

    assert held.status is Status.REACHED
    assert slipped.status is Status.OFF_TRACK


def test_readings_after_today_are_not_yet_known() -> None:
    result = _status([Point(datetime.date(2030, 1, 1), 5000.0)])

    assert result.status is Status.NO_DATA


def test_the_last_reading_of_a_date_counts() -> None:
    day = datetime.date(2021, 1, 1)

    result = _status([Point(day, 2000.0), Point(day, 810.0)])

    assert result.latest == Point(day, 810.0)


def test_the_explanation_has_norwegian_numbers() -> None:
    result = indicator_status(
        baseline=Point(datetime.date(2020, 1, 1), 15000.0),
        target=Point(datetime.date(2025, 1, 1), 20000.0),
        direction="up",
        readings=[Point(datetime.date(2021, 1, 1), 16000.0)],
        today=datetime.date(2021, 6, 1),
    )

    assert "16\u00a0000" in result.explanation
    assert "20\u00a0000" in result.explanation


def test_the_deadline_must_come_after_the_baseline() -> None:
    with pytest.raises(ValueError, match="deadline"):
        _status([], target=Point(datetime.date(2019, 1, 1), 1000.0))


values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
days = st.integers(min_value=1, max_value=3000)


@given(
    baseline_value=values,
    gap=st.floats(min_value=1, max_value=1e5),
    offsets=st.lists(st.tuples(days, values), min_size=0, max_size=6),
    today_offset=st.integers(min_value=0, max_value=4000),
)
def test_mirroring_the_values_and_the_direction_keeps_the_status(
    baseline_value: float, gap: float, offsets: list[tuple[int, float]], today_offset: int
) -> None:
    start = datetime.date(2020, 1, 1)
    deadline = start + datetime.timedelta(days=2000)
    today = start + datetime.timedelta(days=today_offset)
    readings = [Point(start + datetime.timedelta(days=d), v) for d, v in offsets]

    up = indicator_status(
        baseline=Point(start, baseline_value),
        target=Point(deadline, baseline_value + gap),
        direction="up",
        readings=readings,
        today=today,
    )
    down = indicator_status(
        baseline=Point(start, -baseline_value),
        target=Point(deadline, -baseline_value - gap),
        direction="down",
        readings=[Point(r.date, -r.value) for r in readings],
        today=today,
    )

    assert up.status is down.status


@given(
    latest=st.floats(min_value=0, max_value=5000, allow_nan=False),
    better=st.floats(min_value=0, max_value=1000, allow_nan=False),
    today_offset=st.integers(min_value=400, max_value=3000),
)
def test_a_better_latest_reading_never_makes_the_status_worse(
    latest: float, better: float, today_offset: int
) -> None:
    start = BASELINE.date
    today = start + datetime.timedelta(days=today_offset)
    early = Point(start + datetime.timedelta(days=200), 850.0)
    late_date = start + datetime.timedelta(days=390)

    worse = _status([early, Point(late_date, latest)], today=today)
    improved = _status([early, Point(late_date, latest + better)], today=today)

    assert improved.status.rank <= worse.status.rank or worse.status is Status.NO_DATA


@given(
    value=st.floats(min_value=1000, max_value=1e7, allow_nan=False),
    today_offset=st.integers(1, 5000),
)
def test_a_reading_at_or_beyond_the_target_is_always_reached(
    value: float, today_offset: int
) -> None:
    today = BASELINE.date + datetime.timedelta(days=today_offset)

    result = _status([Point(BASELINE.date + datetime.timedelta(days=1), value)], today=today)

    assert result.status is Status.REACHED
