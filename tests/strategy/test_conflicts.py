"""No lost updates in the strategy forms: strategy, goal, indicator, action plan, measure."""

from typing import Any

import pytest
from django.urls import reverse

from samspill.accounts.models import User
from samspill.core.exceptions import ConflictError
from samspill.strategy import services
from samspill.strategy.models import Measure
from tests.core.conflicts import assert_no_lost_update, logged_in
from tests.strategy.conftest import user_with
from tests.strategy.factories import GoalIndicatorFactory, MeasureFactory

pytestmark = pytest.mark.django_db


def _fresh(obj: Any, field: str) -> str:
    obj.refresh_from_db()
    return str(getattr(obj, field))


def test_the_strategy_form(coordinator: User) -> None:
    indicator = GoalIndicatorFactory.create()
    strategy = indicator.goal.focus_area.strategy

    assert_no_lost_update(
        url=reverse("strategy:strategy-edit", args=[strategy.pk]),
        data=lambda title: {"title": title, "period_start": 2022, "period_end": 2030},
        saved=lambda: _fresh(strategy, "title"),
        anna=coordinator,
        bjorn=user_with("coordinator"),
    )


def test_the_goal_form(coordinator: User) -> None:
    goal = GoalIndicatorFactory.create().goal

    assert_no_lost_update(
        url=reverse("strategy:goal-edit", args=[goal.pk]),
        data=lambda title: {"title": title, "description": "", "focus_area": goal.focus_area.pk},
        saved=lambda: _fresh(goal, "title"),
        anna=coordinator,
        bjorn=user_with("coordinator"),
    )


def test_the_indicator_form(coordinator: User) -> None:
    indicator = GoalIndicatorFactory.create()

    assert_no_lost_update(
        url=reverse("strategy:indicator-edit", args=[indicator.pk]),
        data=lambda name: {
            "name": name,
            "unit": "selskap",
            "direction": "up",
            "baseline": "800",
            "baseline_date": "2022-01-01",
            "target": "1000",
            "target_date": "2025-12-31",
        },
        saved=lambda: _fresh(indicator, "name"),
        anna=coordinator,
        bjorn=user_with("coordinator"),
    )


def test_the_action_plan_form(coordinator: User) -> None:
    plan = MeasureFactory.create().action_plan

    assert_no_lost_update(
        url=reverse("strategy:plan-edit", args=[plan.pk]),
        data=lambda title: {
            "municipality": plan.municipality_id,
            "title": title,
            "period_start": 2025,
            "period_end": 2027,
        },
        saved=lambda: _fresh(plan, "title"),
        anna=user_with("trondheim_developer"),
        bjorn=coordinator,
    )


def _measure_data(measure: Measure) -> Any:
    goal = measure.goals.get()
    return lambda title: {
        "title": title,
        "goals": [goal.pk],
        "start_date": "2024-01-01",
        "deadline": "2026-12-31",
        "status": "ongoing",
        "role": "local",
    }


def test_the_measure_form(coordinator: User) -> None:
    measure = MeasureFactory.create()

    html = assert_no_lost_update(
        url=reverse("strategy:measure-edit", args=[measure.pk]),
        data=_measure_data(measure),
        saved=lambda: _fresh(measure, "title"),
        anna=user_with("trondheim_developer"),
        bjorn=coordinator,
    )

    assert "Tiltak" in html  # the differing field is named by its label


def test_a_form_without_its_version_is_refused_not_saved(coordinator: User) -> None:
    measure = MeasureFactory.create(title="Før")

    response = logged_in(coordinator).post(
        reverse("strategy:measure-edit", args=[measure.pk]), _measure_data(measure)("Etter")
    )

    assert response.status_code == 200
    assert "Last siden på nytt" in response.content.decode()
    assert _fresh(measure, "title") == "Før"


def test_the_service_refuses_a_stale_version(coordinator: User) -> None:
    measure = MeasureFactory.create(title="Før")
    goal = measure.goals.get()
    values: dict[str, Any] = {
        "goals": [goal],
        "start_date": measure.start_date,
        "deadline": measure.deadline,
        "description": "",
        "owner": None,
        "owner_name": "",
        "partner_municipalities": [],
        "partners": "",
        "budget": None,
        "status": "planned",
        "role": "local",
    }
    services.measure_update(
        actor=coordinator, measure=measure, title="Første", expected_version=1, **values
    )

    with pytest.raises(ConflictError) as raised:
        services.measure_update(
            actor=coordinator,
            measure=Measure.objects.get(pk=measure.pk),
            title="Andre",
            expected_version=1,
            **values,
        )

    assert raised.value.current_version == 2
    assert _fresh(measure, "title") == "Første"


def test_the_inline_status_switch_does_not_overwrite_a_newer_status(coordinator: User) -> None:
    measure = MeasureFactory.create(status=Measure.Status.PLANNED)
    url = reverse("strategy:measure-status", args=[measure.pk])
    client = logged_in(coordinator)
    assert (
        client.post(url, {"status": "ongoing", "version": 1}, HTTP_HX_REQUEST="true").status_code
        == 200
    )

    response = client.post(url, {"status": "stopped", "version": 1}, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert "endret av noen andre i mellomtiden" in html
    assert 'value="ongoing" selected' in html
    assert _fresh(measure, "status") == "ongoing"


# --- API: PATCH a measure with the version read ------------------------------------------------


def _patch(client: Any, measure: Measure, body: dict[str, Any], **headers: str) -> Any:
    return client.patch(
        f"/api/strategy/measures/{measure.pk}",
        body,
        content_type="application/json",
        headers=headers,
    )


def test_api_a_stale_version_is_409_and_keeps_the_first_write(coordinator: User) -> None:
    measure = MeasureFactory.create(title="Før")
    anna, bjorn = logged_in(coordinator), logged_in(user_with("trondheim_developer"))

    first = _patch(bjorn, measure, {"title": "Bjørns", "version": 1})
    stale = _patch(anna, measure, {"title": "Annas", "version": 1})

    assert first.status_code == 200
    assert (first.json()["version"], first["ETag"]) == (2, '"2"')
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2
    assert stale.json()["detail"]
    assert _fresh(measure, "title") == "Bjørns"


def test_api_if_match_works_like_the_body_version(coordinator: User) -> None:
    measure = MeasureFactory.create(status=Measure.Status.PLANNED)
    client = logged_in(coordinator)

    saved = _patch(client, measure, {"status": "ongoing"}, If_Match='"1"')
    stale = _patch(client, measure, {"status": "done"}, If_Match='W/"1"')
    disagree = _patch(client, measure, {"status": "done", "version": 2}, If_Match='"1"')

    assert saved.status_code == 200
    assert stale.status_code == 409
    assert disagree.status_code == 400
    assert _fresh(measure, "status") == "ongoing"


def test_api_a_write_without_a_version_is_428(coordinator: User) -> None:
    measure = MeasureFactory.create(title="Før")

    response = _patch(logged_in(coordinator), measure, {"title": "Blindt"})

    assert response.status_code == 428
    assert "version" in response.json()["detail"]
    assert _fresh(measure, "title") == "Før"


def test_api_others_may_not_patch_and_bad_values_are_422(coordinator: User) -> None:
    measure = MeasureFactory.create()

    viewer = _patch(logged_in(user_with("viewer")), measure, {"title": "x", "version": 1})
    bad = _patch(logged_in(coordinator), measure, {"deadline": "2000-01-01", "version": 1})
    unknown = _patch(logged_in(coordinator), measure, {"status": "nope", "version": 1})

    assert viewer.status_code == 403
    assert bad.status_code == 422
    assert unknown.status_code == 422
