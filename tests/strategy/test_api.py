"""API: session login, visibility, 4xx with reasons."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client

from samspill.regions.models import Municipality
from tests.strategy.conftest import user_with
from tests.strategy.factories import (
    ActionPlanFactory,
    GoalFactory,
    GoalIndicatorFactory,
    IndicatorReadingFactory,
    MeasureFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    goal = GoalFactory.create(title="1000 teknologiselskap")
    indicator = GoalIndicatorFactory.create(goal=goal)
    IndicatorReadingFactory.create(
        indicator=indicator, date=datetime.date(2023, 1, 1), value=Decimal(900)
    )
    plan = ActionPlanFactory.create(strategy=goal.focus_area.strategy)
    MeasureFactory.create(
        action_plan=plan, title="Rekruttering av ingeniører", goals=[goal], partners="NTNU, SINTEF"
    )
    other = ActionPlanFactory.create(
        strategy=plan.strategy, municipality=Municipality.objects.get(number="5035")
    )
    MeasureFactory.create(action_plan=other, title="Rekruttere ingeniørkompetanse", goals=[goal])
    return plan


def _client(role: str) -> Client:
    client = Client()
    client.force_login(user_with(role))
    return client


def test_anonymous_gets_401() -> None:
    assert Client().get("/api/strategy/").status_code == 401


def test_the_strategy_has_goals_with_indicator_status(plan) -> None:
    response = _client("viewer").get(f"/api/strategy/{plan.strategy.pk}")

    body = response.json()
    assert response.status_code == 200
    indicator = body["focus_areas"][0]["goals"][0]["indicators"][0]
    assert indicator["status"] in {"on_track", "at_risk", "off_track", "reached", "no_data"}
    assert indicator["explanation"]


def test_plans_measures_and_synergies(plan) -> None:
    client = _client("trondheim_developer")
    strategy_id = plan.strategy.pk

    plans = client.get(f"/api/strategy/{strategy_id}/plans").json()
    detail = client.get(f"/api/strategy/plans/{plan.pk}").json()
    measures = client.get(f"/api/strategy/{strategy_id}/measures", {"municipality": "5035"}).json()
    synergies = client.get(f"/api/strategy/{strategy_id}/synergies").json()

    assert len(plans) == 2
    assert detail["measures"][0]["partners"] == ["NTNU", "SINTEF"]
    assert [m["title"] for m in measures] == ["Rekruttere ingeniørkompetanse"]
    assert synergies[0]["shared_terms"] == ["ingeniør", "rekrutter"]


def test_an_indicator_with_its_readings(plan) -> None:
    indicator = plan.strategy.focus_areas.get().goals.get().indicators.get()

    body = _client("coordinator").get(f"/api/strategy/indicators/{indicator.pk}").json()

    assert body["readings"] == [
        {"date": "2023-01-01", "value": 900.0, "note": "", "origin": "manual"}
    ]


def test_outside_the_region_is_404_with_a_reason(plan) -> None:
    response = _client("bardu_developer").get(f"/api/strategy/{plan.strategy.pk}")

    assert response.status_code == 404
    assert "ikke tilgang" in response.json()["detail"]
    assert _client("bardu_developer").get(f"/api/strategy/plans/{plan.pk}").status_code == 404


def test_an_unknown_status_filter_is_422_with_the_valid_ones(plan) -> None:
    response = _client("coordinator").get(
        f"/api/strategy/{plan.strategy.pk}/measures", {"status": "finished"}
    )

    assert response.status_code == 422
    assert "planned" in response.json()["detail"]


def test_a_non_numeric_id_is_rejected_without_a_500(plan) -> None:
    response = _client("coordinator").get("/api/strategy/abc")

    assert response.status_code in {404, 422}
