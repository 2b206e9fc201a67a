"""Indicators bound to statistics update themselves from imported data."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from samspill.regions.models import Municipality, Region
from samspill.regions.selectors import region_members
from samspill.stats.models import CommutingFlow, Observation, Series
from samspill.stats.selectors import COMMUTING, POPULATION
from samspill.strategy.models import GoalIndicator, IndicatorReading
from samspill.strategy.services import indicator_create, indicator_refresh_from_statistics
from samspill.strategy.statistics import period_date
from tests.strategy.factories import GoalFactory, GoalIndicatorFactory

pytestmark = pytest.mark.django_db


def _members() -> list[Municipality]:
    return [
        m.municipality for m in region_members(region=Region.objects.get(slug="trondheimsregionen"))
    ]


def _population_indicator() -> GoalIndicator:
    return GoalIndicatorFactory.create(
        name="Innbyggere i regionen",
        unit="personer",
        baseline_value=Decimal(300000),
        baseline_date=datetime.date(2022, 1, 1),
        target_value=Decimal(330000),
        target_date=datetime.date(2030, 1, 1),
        statistic=GoalIndicator.Statistic.POPULATION,
    )


def test_the_population_indicator_reads_the_regions_real_sum_per_first_of_january() -> None:
    # The test database holds SSB table 07459 (2006–2026), loaded by tests/conftest.py.
    indicator = _population_indicator()
    expected = sum(
        value or 0.0
        for value in Observation.objects.filter(
            series__code=POPULATION, municipality__in=_members(), period="2024", dimension_key=""
        ).values_list("value", flat=True)
    )

    summary = indicator_refresh_from_statistics()

    reading = indicator.readings.get(date=datetime.date(2024, 1, 1))
    assert float(reading.value) == pytest.approx(expected)
    assert 300_000 < expected < 350_000  # seed 001: "passert 310 000 innbyggere"
    assert reading.origin == IndicatorReading.Origin.STATISTICS
    assert not indicator.readings.filter(date__lt=datetime.date(2022, 1, 1)).exists()
    assert summary.skipped_before_baseline > 0


def test_refreshing_twice_writes_nothing_new() -> None:
    _population_indicator()
    indicator_refresh_from_statistics()

    second = indicator_refresh_from_statistics()

    assert second.readings_written == 0


def test_a_series_sum_leaves_out_periods_where_a_member_lacks_data() -> None:
    series = Series.objects.create(
        code="test-bedrifter",
        table_number="99999",
        contents="Bedrifter",
        title="Teknologibedrifter",
        unit="selskap",
    )
    members = _members()
    for period in ("2023", "2024"):
        Observation.objects.bulk_create(
            Observation(series=series, municipality=m, period=period, year=int(period), value=100)
            for m in members
        )
    Observation.objects.filter(series=series, period="2024").first().delete()
    indicator = GoalIndicatorFactory.create(
        statistic=GoalIndicator.Statistic.SERIES_SUM, series=series
    )

    indicator_refresh_from_statistics(indicators=[indicator])

    assert list(indicator.readings.values_list("date", "value")) == [
        (datetime.date(2023, 12, 31), Decimal(100 * len(members)))
    ]


def test_self_containment_is_the_share_of_residents_working_in_the_region() -> None:
    # Real SSB table 03321 (2017, 2022) from tests/conftest.py.
    members = _members()
    residents = CommutingFlow.objects.filter(
        series__code=COMMUTING, year=2022, residence__in=members
    )
    inside = sum(residents.filter(workplace__in=members).values_list("employed", flat=True))
    total = sum(residents.values_list("employed", flat=True))
    indicator = GoalIndicatorFactory.create(
        unit="%",
        baseline_value=Decimal(80),
        target_value=Decimal(95),
        statistic=GoalIndicator.Statistic.SELF_CONTAINMENT,
    )

    indicator_refresh_from_statistics(indicators=[indicator])

    reading = indicator.readings.get(date=datetime.date(2022, 12, 31))
    assert float(reading.value) == pytest.approx(100 * inside / total, abs=0.01)
    assert 80 < float(reading.value) < 100


def test_a_bound_indicator_must_use_the_statistics_unit(coordinator) -> None:
    with pytest.raises(ValidationError) as error:
        indicator_create(
            actor=coordinator,
            goal=GoalFactory.create(),
            name="Innbyggere",
            unit="selskap",
            direction="up",
            baseline_value=Decimal(1),
            baseline_date=datetime.date(2022, 1, 1),
            target_value=Decimal(2),
            target_date=datetime.date(2030, 1, 1),
            statistic=GoalIndicator.Statistic.POPULATION,
        )

    assert "«personer»" in error.value.message_dict["unit"][0]


def test_a_series_sum_needs_a_series(coordinator) -> None:
    with pytest.raises(ValidationError) as error:
        indicator_create(
            actor=coordinator,
            goal=GoalFactory.create(),
            name="Jobber",
            unit="jobber",
            direction="up",
            baseline_value=Decimal(1),
            baseline_date=datetime.date(2022, 1, 1),
            target_value=Decimal(2),
            target_date=datetime.date(2030, 1, 1),
            statistic=GoalIndicator.Statistic.SERIES_SUM,
        )

    assert "series" in error.value.message_dict


@pytest.mark.parametrize(
    ("period", "code", "expected"),
    [
        ("2024", POPULATION, datetime.date(2024, 1, 1)),
        ("2024", "other", datetime.date(2024, 12, 31)),
        ("2024K2", "other", datetime.date(2024, 6, 30)),
        ("2024M01", "other", None),
    ],
)
def test_periods_become_dates(period: str, code: str, expected: datetime.date | None) -> None:
    assert period_date(period, series_code=code) == expected


def test_the_command_refreshes_every_bound_indicator() -> None:
    indicator = _population_indicator()

    call_command("refresh_indicators", verbosity=0)

    assert indicator.readings.filter(date=datetime.date(2026, 1, 1)).exists()


def _raw_11618_sum(column: str, numbers: set[str], year: int) -> float:
    import csv

    from tests.conftest import SHARED_DIR

    path = SHARED_DIR / "data" / "pendling" / "kommune_sysselsatte_11618_2017_2022.csv"
    with path.open(encoding="utf-8") as handle:
        return sum(
            float(row[column])
            for row in csv.DictReader(handle)
            if int(row["aar"]) == year and row["knr"] in numbers
        )


def test_a_ratio_indicator_is_the_sum_of_the_numerator_over_the_sum_of_the_denominator() -> None:
    """Employment rate of Trondheimsregionen: employed residents 15–74 / population 15–74 × 100."""
    employed = Series.objects.get(
        table_number="11618", contents__icontains="sysselsatte-15-74-bosted"
    )
    population = Series.objects.get(table_number="11618", contents__icontains="befolkning-15-74")
    indicator = GoalIndicatorFactory.create(
        name="Sysselsettingsgrad",
        unit="%",
        baseline_value=Decimal(70),
        baseline_date=datetime.date(2017, 1, 1),
        target_value=Decimal(75),
        target_date=datetime.date(2030, 1, 1),
        statistic=GoalIndicator.Statistic.SERIES_RATIO,
        series=employed,
        denominator_series=population,
        factor=Decimal(100),
    )
    numbers = {m.number for m in _members()}

    indicator_refresh_from_statistics()

    reading = indicator.readings.get(date=datetime.date(2022, 12, 31))
    expected = (
        100
        * _raw_11618_sum("sysselsatte_15_74_bosted", numbers, 2022)
        / _raw_11618_sum("befolkning_15_74_bosted", numbers, 2022)
    )
    assert float(reading.value) == pytest.approx(expected, abs=0.01)
    assert 60 < expected < 80
    assert "delt på sum" in reading.note


def test_a_ratio_indicator_needs_both_series() -> None:
    indicator = GoalIndicatorFactory.build(
        statistic=GoalIndicator.Statistic.SERIES_RATIO, series=None, denominator_series=None
    )

    with pytest.raises(ValidationError) as error:
        indicator.clean()

    assert {"series", "denominator_series"} <= set(error.value.message_dict)
