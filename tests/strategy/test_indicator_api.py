"""API writes of indicators: a ratio of two series, unit checks, versions and permissions."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client

from samspill.audit.models import AuditEntry
from samspill.stats.models import Series
from samspill.strategy.models import GoalIndicator
from tests.strategy.conftest import user_with
from tests.strategy.factories import GoalFactory, GoalIndicatorFactory

pytestmark = pytest.mark.django_db


def _client(role: str) -> Client:
    client = Client()
    client.force_login(user_with(role))
    return client


def _series(contents: str) -> Series:
    return Series.objects.get(table_number="11618", contents__icontains=contents)


def _employment_rate() -> dict[str, object]:
    return {
        "name": "Sysselsettingsgrad",
        "unit": "%",
        "direction": "up",
        "baseline_value": "70",
        "baseline_date": "2017-01-01",
        "target_value": "75",
        "target_date": "2030-01-01",
        "statistic": GoalIndicator.Statistic.SERIES_RATIO,
        "numerator_series": _series("sysselsatte-15-74-bosted").code,
        "denominator_series": _series("befolkning-15-74").code,
        "factor": "100",
    }


def test_a_coordinator_adds_a_ratio_indicator_that_reads_its_statistics() -> None:
    goal = GoalFactory.create()

    response = _client("coordinator").post(
        f"/api/strategy/goals/{goal.pk}/indicators",
        _employment_rate(),
        content_type="application/json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    indicator = GoalIndicator.objects.get(pk=body["id"])
    assert indicator.denominator_series == _series("befolkning-15-74")
    assert indicator.factor == Decimal(100)
    assert body["denominator_series"] == indicator.denominator_series.code
    assert body["version"] == indicator.version
    assert AuditEntry.objects.filter(object_pk=str(indicator.pk), action="create").exists()


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"numerator_series": "finnes-ikke"}, "finnes-ikke"),
        ({"numerator_series": None}, "teller"),
        ({"target_date": "2016-01-01"}, "Fristen"),
    ],
)
def test_bad_indicators_get_422_with_a_reason_and_nothing_is_stored(
    change: dict[str, object], reason: str
) -> None:
    goal = GoalFactory.create()

    response = _client("coordinator").post(
        f"/api/strategy/goals/{goal.pk}/indicators",
        _employment_rate() | change,
        content_type="application/json",
    )

    assert response.status_code == 422
    assert reason in response.json()["detail"]
    assert not GoalIndicator.objects.filter(goal=goal).exists()


def test_only_the_regions_coordinators_write_and_outsiders_learn_nothing() -> None:
    goal = GoalFactory.create()
    url = f"/api/strategy/goals/{goal.pk}/indicators"

    viewer = _client("viewer").post(url, _employment_rate(), content_type="application/json")
    outsider = _client("other_coordinator").post(
        url, _employment_rate(), content_type="application/json"
    )
    anonymous = Client().post(url, _employment_rate(), content_type="application/json")

    assert (viewer.status_code, outsider.status_code, anonymous.status_code) == (403, 404, 401)
    assert not GoalIndicator.objects.filter(goal=goal).exists()


def test_a_patch_turns_a_sum_into_a_ratio_and_a_stale_version_is_refused() -> None:
    indicator = GoalIndicatorFactory.create(unit="%", target_date=datetime.date(2030, 1, 1))
    client = _client("coordinator")
    url = f"/api/strategy/indicators/{indicator.pk}"
    ratio = {
        "statistic": GoalIndicator.Statistic.SERIES_RATIO,
        "numerator_series": _series("sysselsatte-15-74-bosted").code,
        "denominator_series": _series("befolkning-15-74").code,
        "factor": "100",
    }

    missing = client.patch(url, ratio, content_type="application/json")
    first = client.patch(
        url, ratio | {"version": indicator.version}, content_type="application/json"
    )
    stale = client.patch(
        url, {"name": "Annet", "version": indicator.version}, content_type="application/json"
    )

    assert missing.status_code == 428
    assert first.status_code == 200, first.content
    assert first.json()["denominator_series"] == ratio["denominator_series"]
    assert first["ETag"] == f'"{first.json()["version"]}"'
    assert stale.status_code == 409
    assert stale.json()["current_version"] == first.json()["version"]
    indicator.refresh_from_db()
    assert indicator.name != "Annet"
