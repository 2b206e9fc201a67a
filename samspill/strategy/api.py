"""API: strategies, goals with indicator status, action plans, measures, synergies; edit a measure,
add and change indicators (sums and ratios of statistics series).

Session authentication (the same login as the web pages): 401 without login; 404 with a reason
for what does not exist or is outside the user's regions; 422 with a reason for bad filters.
Writes take the version read (body `version` or `If-Match`): 428 without it, 409 when stale.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from ninja.security import django_auth

from samspill.accounts.models import User
from samspill.core.api import IF_MATCH, ConflictOut, ErrorOut, errors, expected_version
from samspill.core.concurrency import etag
from samspill.core.exceptions import PermissionDeniedError
from samspill.stats.selectors import series_by_code
from samspill.strategy.models import GoalIndicator, Measure
from samspill.strategy.selectors import (
    action_plan_get_for,
    action_plan_list_for,
    goal_get_for,
    indicator_assess,
    indicator_get_for,
    measure_get_for,
    measure_list_for,
    strategy_get_for,
    strategy_list_for,
    strategy_progress,
    strategy_public_get,
    strategy_public_progress,
    synergies_for,
)
from samspill.strategy.services import (
    indicator_create,
    indicator_update,
    measure_update,
    strategy_set_published,
)

router = Router(tags=["strategy"], auth=django_auth)


class StrategyOut(Schema):
    id: int
    title: str
    region: str
    vision: str
    period_start: int
    period_end: int
    is_example: bool
    is_published: bool
    version: int


class ReadingOut(Schema):
    date: datetime.date
    value: float
    note: str
    origin: str


class IndicatorOut(Schema):
    id: int
    name: str
    unit: str
    direction: str
    baseline_value: float
    baseline_date: datetime.date
    target_value: float
    target_date: datetime.date
    source: str
    statistic: str
    numerator_series: str | None = None
    """Series code summed over the region's municipalities (sum, and a ratio's numerator)."""
    denominator_series: str | None = None
    """A ratio's denominator series code: value = Σ numerator / Σ denominator × factor."""
    factor: float = 1.0
    status: str
    status_label: str
    explanation: str
    latest_value: float | None
    latest_date: datetime.date | None
    version: int


class IndicatorDetailOut(IndicatorOut):
    readings: list[ReadingOut]


class GoalOut(Schema):
    id: int
    title: str
    indicators: list[IndicatorOut]
    measure_count: int
    municipalities: list[str]


class FocusAreaOut(Schema):
    name: str
    position: int
    goals: list[GoalOut]


class StrategyDetailOut(StrategyOut):
    focus_areas: list[FocusAreaOut]


class PlanOut(Schema):
    id: int
    title: str
    municipality_number: str
    municipality: str
    period_start: int
    period_end: int
    is_example: bool
    measure_count: int


class MeasureOut(Schema):
    id: int
    title: str
    description: str
    municipality: str
    plan_id: int
    goal_ids: list[int]
    owner: str
    partner_municipalities: list[str]
    partners: list[str]
    start_date: datetime.date
    deadline: datetime.date
    budget: float | None
    status: str
    role: str
    last_progress: datetime.date | None
    version: int


class MeasurePatchIn(Schema):
    """Fields to change (the others keep their value) and the version they are based on."""

    title: str | None = Field(default=None, min_length=1, max_length=300)
    description: str | None = None
    owner_name: str | None = Field(default=None, max_length=200)
    partners: str | None = Field(default=None, max_length=500)
    start_date: datetime.date | None = None
    deadline: datetime.date | None = None
    budget: Decimal | None = Field(default=None, ge=0, max_digits=14, decimal_places=0)
    status: Measure.Status | None = None
    role: Measure.Role | None = None
    version: int | None = Field(
        default=None, ge=0, description="The version read; or send If-Match. Required (428)."
    )


class PlanDetailOut(PlanOut):
    measures: list[MeasureOut]


class SynergyOut(Schema):
    first: MeasureOut
    second: MeasureOut
    shared_goal_ids: list[int]
    text_score: float
    shared_terms: list[str]


def _not_found(what: str) -> HttpError:
    return HttpError(
        404, f"{what} finnes ikke, eller du har ikke tilgang til den / not found or no access"
    )


def _strategy_out(strategy: Any) -> dict[str, Any]:
    return {
        "id": strategy.pk,
        "title": strategy.title,
        "region": strategy.region.name,
        "vision": strategy.vision,
        "period_start": strategy.period_start,
        "period_end": strategy.period_end,
        "is_example": strategy.is_example,
        "is_published": strategy.is_published,
        "version": strategy.version,
    }


def _indicator_out(indicator: Any, assessment: Any) -> dict[str, Any]:
    latest = assessment.latest
    return {
        "id": indicator.pk,
        "name": indicator.name,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "baseline_value": float(indicator.baseline_value),
        "baseline_date": indicator.baseline_date,
        "target_value": float(indicator.target_value),
        "target_date": indicator.target_date,
        "source": indicator.source,
        "statistic": indicator.statistic,
        "numerator_series": indicator.series.code if indicator.series_id else None,
        "denominator_series": (
            indicator.denominator_series.code if indicator.denominator_series_id else None
        ),
        "factor": float(indicator.factor),
        "status": str(assessment.status),
        "status_label": assessment.status.label,
        "explanation": assessment.explanation,
        "latest_value": latest.value if latest else None,
        "latest_date": latest.date if latest else None,
        "version": indicator.version,
    }


def _plan_out(plan: Any) -> dict[str, Any]:
    return {
        "id": plan.pk,
        "title": plan.title,
        "municipality_number": plan.municipality.number,
        "municipality": plan.municipality.name,
        "period_start": plan.period_start,
        "period_end": plan.period_end,
        "is_example": plan.is_example,
        "measure_count": getattr(plan, "measure_count", 0),
    }


def _measure_out(measure: Measure) -> dict[str, Any]:
    return {
        "id": measure.pk,
        "title": measure.title,
        "description": measure.description,
        "municipality": measure.action_plan.municipality.name,
        "plan_id": measure.action_plan_id,
        "goal_ids": [goal.pk for goal in measure.goals.all()],
        "owner": str(measure.owner or measure.owner_name or ""),
        "partner_municipalities": [m.number for m in measure.partner_municipalities.all()],
        "partners": measure.partner_list,
        "start_date": measure.start_date,
        "deadline": measure.deadline,
        "budget": float(measure.budget) if measure.budget is not None else None,
        "status": measure.status,
        "role": measure.role,
        "last_progress": getattr(measure, "last_progress", None),
        "version": measure.version,
    }


@router.get(
    "/",
    response={200: list[StrategyOut], **errors(401)},
    summary="Strategies of the user's regions",
)
def strategies(request: HttpRequest) -> list[dict[str, Any]]:
    return [_strategy_out(strategy) for strategy in strategy_list_for(user=request.user)]


@router.get(
    "/{strategy_id}",
    response={200: StrategyDetailOut, **errors(401, 404, 422)},
    summary="A strategy with goals and indicator status",
)
def strategy(request: HttpRequest, strategy_id: int) -> dict[str, Any]:
    try:
        found = strategy_get_for(user=request.user, pk=strategy_id)
    except Http404 as error:
        raise _not_found("Strategien") from error
    progress = strategy_progress(strategy=found, user=request.user, today=timezone.localdate())
    focus_areas = [
        {
            "name": area.focus_area.name,
            "position": area.focus_area.position,
            "goals": [
                {
                    "id": goal.goal.pk,
                    "title": goal.goal.title,
                    "indicators": [
                        _indicator_out(i.indicator, i.assessment) for i in goal.indicators
                    ],
                    "measure_count": goal.measure_count,
                    "municipalities": list(goal.measures_by_municipality),
                }
                for goal in area.goals
            ],
        }
        for area in progress.focus_areas
    ]
    return _strategy_out(found) | {"focus_areas": focus_areas}


@router.get(
    "/{strategy_id}/plans",
    response={200: list[PlanOut], **errors(401, 404, 422)},
    summary="The municipalities' action plans",
)
def plans(request: HttpRequest, strategy_id: int) -> list[dict[str, Any]]:
    try:
        found = strategy_get_for(user=request.user, pk=strategy_id)
    except Http404 as error:
        raise _not_found("Strategien") from error
    return [_plan_out(plan) for plan in action_plan_list_for(user=request.user, strategy=found)]


@router.get(
    "/{strategy_id}/measures",
    response={200: list[MeasureOut], **errors(401, 404, 422)},
    summary="Measures under a strategy",
)
def measures(
    request: HttpRequest, strategy_id: int, status: str = "", municipality: str = ""
) -> list[dict[str, Any]]:
    if status and status not in Measure.Status.values:
        raise HttpError(
            422, f"Ukjent status «{status}»; gyldige: {', '.join(Measure.Status.values)}"
        )
    try:
        found = strategy_get_for(user=request.user, pk=strategy_id)
    except Http404 as error:
        raise _not_found("Strategien") from error
    rows = measure_list_for(user=request.user, strategy=found, status=status)
    if municipality:
        rows = rows.filter(action_plan__municipality__number=municipality)
    return [_measure_out(measure) for measure in rows]


@router.get(
    "/{strategy_id}/synergies",
    response={200: list[SynergyOut], **errors(401, 404, 422)},
    summary="Similar measures in different municipalities",
)
def synergies(request: HttpRequest, strategy_id: int) -> list[dict[str, Any]]:
    try:
        found = strategy_get_for(user=request.user, pk=strategy_id)
    except Http404 as error:
        raise _not_found("Strategien") from error
    return [
        {
            "first": _measure_out(s.first),
            "second": _measure_out(s.second),
            "shared_goal_ids": [goal.pk for goal in s.shared_goals],
            "text_score": round(s.text_score, 3),
            "shared_terms": list(s.shared_terms),
        }
        for s in synergies_for(strategy=found, user=request.user)
    ]


@router.get(
    "/plans/{plan_id}",
    response={200: PlanDetailOut, **errors(401, 404, 422)},
    summary="An action plan with its measures",
)
def plan(request: HttpRequest, plan_id: int) -> dict[str, Any]:
    try:
        found = action_plan_get_for(user=request.user, pk=plan_id)
    except Http404 as error:
        raise _not_found("Handlingsplanen") from error
    return _plan_out(found) | {
        "measures": [_measure_out(m) for m in measure_list_for(user=request.user, plan=found)]
    }


@router.get(
    "/indicators/{indicator_id}",
    response={200: IndicatorDetailOut, **errors(401, 404, 422)},
    summary="An indicator with readings and status",
)
def indicator(request: HttpRequest, indicator_id: int) -> dict[str, Any]:
    try:
        found = indicator_get_for(user=request.user, pk=indicator_id)
    except Http404 as error:
        raise _not_found("Indikatoren") from error
    assessment = indicator_assess(found, today=timezone.localdate())
    readings = [
        {"date": r.date, "value": float(r.value), "note": r.note, "origin": r.origin}
        for r in found.readings.all()
    ]
    return _indicator_out(found, assessment) | {"readings": readings}


@router.patch(
    "/measures/{measure_id}",
    response={
        200: MeasureOut,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ConflictOut,
        422: ErrorOut,
        428: ErrorOut,
    },
    summary="Change a measure (optimistic concurrency: version or If-Match)",
    openapi_extra=IF_MATCH,
    description=(
        'Send the `version` you read (or `If-Match: "<version>"`, the ETag of this answer). '
        "409 with `current_version` when someone saved the measure since: fetch it again, merge "
        "and retry. 428 without a version."
    ),
)
def measure_patch(
    request: HttpRequest, measure_id: int, payload: MeasurePatchIn, response: HttpResponse
) -> Any:
    try:
        found = measure_get_for(user=request.user, pk=measure_id)
    except Http404 as error:
        raise _not_found("Tiltaket") from error
    version = expected_version(request, payload.version, required=True)
    changes = payload.model_dump(exclude_unset=True, exclude={"version"})
    current = {
        "title": found.title,
        "description": found.description,
        "owner": found.owner,
        "owner_name": found.owner_name,
        "partners": found.partners,
        "start_date": found.start_date,
        "deadline": found.deadline,
        "budget": found.budget,
        "status": found.status,
        "role": found.role,
    }
    values = current | {k: v for k, v in changes.items() if v is not None or k == "budget"}
    if values["deadline"] < values["start_date"]:
        raise HttpError(422, "Fristen kan ikke være før start / deadline before start")
    assert isinstance(request.user, User)  # noqa: S101 - django_auth guarantees a logged-in User
    # PermissionDeniedError → 403 and ValidationError → 422 by the API's handlers (config/api.py)
    measure_update(
        actor=request.user,
        measure=found,
        goals=list(found.goals.all()),
        partner_municipalities=list(found.partner_municipalities.all()),
        expected_version=version,
        **values,
    )
    saved = measure_get_for(user=request.user, pk=measure_id)
    response["ETag"] = etag(saved.version)
    return _measure_out(saved)


# The published progress -----------------------------------------------------------------------


class PublicationIn(Schema):
    """Publish the strategy's progress (true) or take it down (false), based on a version."""

    is_published: bool
    version: int | None = Field(
        default=None, ge=0, description="The version read; or send If-Match. Required (428)."
    )


@router.put(
    "/{strategy_id}/publication",
    response={200: StrategyOut, 409: ConflictOut, **errors(400, 401, 403, 404, 422, 428)},
    summary="Publish a strategy's progress on its public page, or take it down",
    openapi_extra=IF_MATCH,
    description=(
        "The region's coordinators only (403 for others who can read it). Send the `version` "
        'you read (or `If-Match: "<version>"`); 409 with `current_version` when the strategy '
        "changed since, 428 without a version."
    ),
)
def strategy_publication(
    request: HttpRequest, strategy_id: int, payload: PublicationIn, response: HttpResponse
) -> Any:
    try:
        found = strategy_get_for(user=request.user, pk=strategy_id)
    except Http404 as error:
        raise _not_found("Strategien") from error
    version = expected_version(request, payload.version, required=True)
    assert isinstance(request.user, User)  # noqa: S101 - django_auth guarantees a logged-in User
    try:
        saved = strategy_set_published(
            actor=request.user,
            strategy=found,
            is_published=payload.is_published,
            expected_version=version,
        )
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    response["ETag"] = etag(saved.version)
    return _strategy_out(saved)


class PublicNoteOut(Schema):
    date: datetime.date
    text: str


class PublicMeasureOut(Schema):
    title: str
    municipality: str
    status: str
    status_label: str
    start_date: datetime.date
    deadline: datetime.date
    is_example: bool
    latest_public_note: PublicNoteOut | None


class PublicIndicatorOut(Schema):
    name: str
    unit: str
    direction: str
    baseline_value: float
    baseline_date: datetime.date
    target_value: float
    target_date: datetime.date
    source: str
    status: str
    status_label: str
    explanation: str
    latest_value: float | None
    latest_date: datetime.date | None
    projected_value: float | None
    readings: list[ReadingOut]


class PublicGoalOut(Schema):
    title: str
    indicators: list[PublicIndicatorOut]
    measures: list[PublicMeasureOut]


class PublicFocusAreaOut(Schema):
    position: int
    name: str
    goals: list[PublicGoalOut]


class PublicProgressOut(Schema):
    id: int
    title: str
    region: str
    vision: str
    period_start: int
    period_end: int
    is_example: bool
    as_of: datetime.date
    focus_areas: list[PublicFocusAreaOut]


def _public_measure(measure: Any) -> dict[str, Any]:
    note = getattr(measure, "public_note", None)
    return {
        "title": measure.title,
        "municipality": measure.action_plan.municipality.name,
        "status": measure.status,
        "status_label": str(measure.get_status_display()),
        "start_date": measure.start_date,
        "deadline": measure.deadline,
        "is_example": measure.action_plan.is_example,
        "latest_public_note": {"date": note.date, "text": note.text} if note else None,
    }


def _public_indicator(indicator: Any, assessment: Any) -> dict[str, Any]:
    latest = assessment.latest
    return {
        "name": indicator.name,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "baseline_value": float(indicator.baseline_value),
        "baseline_date": indicator.baseline_date,
        "target_value": float(indicator.target_value),
        "target_date": indicator.target_date,
        "source": indicator.source,
        "status": str(assessment.status),
        "status_label": assessment.status.label,
        "explanation": assessment.explanation,
        "latest_value": latest.value if latest else None,
        "latest_date": latest.date if latest else None,
        "projected_value": assessment.projected_value,
        # Readings without who reported them, and notes only from statistics (internal
        # remarks and staff names stay internal).
        "readings": [
            {
                "date": r.date,
                "value": float(r.value),
                "note": r.note if r.origin == "statistics" else "",
                "origin": r.origin,
            }
            for r in indicator.readings.all()
        ],
    }


@router.get(
    "/public/{strategy_id}",
    auth=None,
    response={200: PublicProgressOut, **errors(404, 422)},
    summary="A strategy's published progress (no login; 404 unless the region published it)",
)
def public_progress(request: HttpRequest, strategy_id: int) -> dict[str, Any]:
    try:
        found = strategy_public_get(user=request.user, pk=strategy_id)
    except Http404 as error:
        raise HttpError(404, "Fremdriften er ikke publisert / not published") from error
    today = timezone.localdate()
    progress = strategy_public_progress(strategy=found, today=today)
    return {
        "id": found.pk,
        "title": found.title,
        "region": found.region.name,
        "vision": found.vision,
        "period_start": found.period_start,
        "period_end": found.period_end,
        "is_example": found.is_example,
        "as_of": today,
        "focus_areas": [
            {
                "position": area.focus_area.position,
                "name": area.focus_area.name,
                "goals": [
                    {
                        "title": goal.goal.title,
                        "indicators": [
                            _public_indicator(i.indicator, i.assessment) for i in goal.indicators
                        ],
                        "measures": [
                            _public_measure(measure)
                            for measures in goal.measures_by_municipality.values()
                            for measure in measures
                        ],
                    }
                    for goal in area.goals
                ],
            }
            for area in progress.focus_areas
        ],
    }


# Indicators: written like the indicator form (units checked, a ratio is numerator / denominator) --


class IndicatorIn(Schema):
    """An indicator of a goal. A ratio updated from statistics names both series by code:
    value = Σ numerator / Σ denominator × factor over the region's municipalities."""

    name: str = Field(min_length=1, max_length=200)
    unit: str = Field(min_length=1, max_length=40)
    direction: GoalIndicator.Direction
    baseline_value: Decimal = Field(max_digits=16, decimal_places=4)
    baseline_date: datetime.date
    target_value: Decimal = Field(max_digits=16, decimal_places=4)
    target_date: datetime.date
    source: str = Field(default="", max_length=300)
    statistic: GoalIndicator.Statistic | None = None
    numerator_series: str | None = Field(default=None, description="Series code, e.g. 07459.")
    dimension_key: str = Field(default="", max_length=200)
    denominator_series: str | None = Field(default=None, description="A ratio's denominator.")
    denominator_dimension_key: str = Field(default="", max_length=200)
    factor: Decimal = Field(default=Decimal(1), gt=0, max_digits=12, decimal_places=4)


class IndicatorPatchIn(Schema):
    """Fields to change (the others keep their value) and the version they are based on."""

    name: str | None = Field(default=None, min_length=1, max_length=200)
    unit: str | None = Field(default=None, min_length=1, max_length=40)
    direction: GoalIndicator.Direction | None = None
    baseline_value: Decimal | None = Field(default=None, max_digits=16, decimal_places=4)
    baseline_date: datetime.date | None = None
    target_value: Decimal | None = Field(default=None, max_digits=16, decimal_places=4)
    target_date: datetime.date | None = None
    source: str | None = Field(default=None, max_length=300)
    statistic: GoalIndicator.Statistic | None = None
    numerator_series: str | None = None
    dimension_key: str | None = Field(default=None, max_length=200)
    denominator_series: str | None = None
    denominator_dimension_key: str | None = Field(default=None, max_length=200)
    factor: Decimal | None = Field(default=None, gt=0, max_digits=12, decimal_places=4)
    version: int | None = Field(
        default=None, ge=0, description="The version read; or send If-Match. Required (428)."
    )


def _indicator_values(values: dict[str, Any]) -> dict[str, Any]:
    """API fields as the services' keyword arguments: series codes become series (422 if unknown)."""
    codes = {
        code
        for code in (values.get("numerator_series"), values.get("denominator_series"))
        if isinstance(code, str) and code
    }
    found = series_by_code(codes=codes)
    unknown = sorted(codes - set(found))
    if unknown:
        raise HttpError(422, "Ukjent serie / unknown series: " + ", ".join(unknown))
    result = {k: v for k, v in values.items() if k not in {"numerator_series"}}
    result["series"] = found.get(values.get("numerator_series") or "")
    result["denominator_series"] = found.get(values.get("denominator_series") or "")
    result["statistic"] = values.get("statistic") or ""
    if result["denominator_series"] is not None and result["series"] is None:
        raise HttpError(422, "Et forhold trenger en teller / a ratio needs a numerator_series")
    return result


def _indicator_answer(request: HttpRequest, indicator_id: int, response: HttpResponse) -> Any:
    saved = indicator_get_for(user=request.user, pk=indicator_id)
    response["ETag"] = etag(saved.version)
    return _indicator_out(saved, indicator_assess(saved, today=timezone.localdate()))


@router.post(
    "/goals/{goal_id}/indicators",
    response={201: IndicatorOut, **errors(400, 401, 403, 404, 422)},
    summary="Add an indicator to a goal (a sum or a ratio of statistics series, or typed by hand)",
    description=(
        "The region's coordinators only (403 for others who can read the strategy). Units are "
        "checked against the series (422 with the field when they differ)."
    ),
)
def indicator_add(
    request: HttpRequest, goal_id: int, payload: IndicatorIn, response: HttpResponse
) -> Any:
    try:
        goal = goal_get_for(user=request.user, pk=goal_id)
    except Http404 as error:
        raise _not_found("Målet") from error
    assert isinstance(request.user, User)  # noqa: S101 - django_auth guarantees a logged-in User
    # PermissionDeniedError → 403 and ValidationError → 422 by the API's handlers (config/api.py)
    created = indicator_create(
        actor=request.user, goal=goal, **_indicator_values(payload.model_dump())
    )
    return Status(201, _indicator_answer(request, created.pk, response))


@router.patch(
    "/indicators/{indicator_id}",
    response={200: IndicatorOut, 409: ConflictOut, **errors(400, 401, 403, 404, 422, 428)},
    summary="Change an indicator (optimistic concurrency: version or If-Match)",
    openapi_extra=IF_MATCH,
    description=(
        'Send the `version` you read (or `If-Match: "<version>"`). 409 with `current_version` '
        "when someone saved the indicator since; 428 without a version. Send "
        "`denominator_series: null` with `statistic` to turn a ratio back into a sum."
    ),
)
def indicator_patch(
    request: HttpRequest, indicator_id: int, payload: IndicatorPatchIn, response: HttpResponse
) -> Any:
    try:
        found = indicator_get_for(user=request.user, pk=indicator_id)
    except Http404 as error:
        raise _not_found("Indikatoren") from error
    version = expected_version(request, payload.version, required=True)
    current: dict[str, Any] = {
        "name": found.name,
        "unit": found.unit,
        "direction": found.direction,
        "baseline_value": found.baseline_value,
        "baseline_date": found.baseline_date,
        "target_value": found.target_value,
        "target_date": found.target_date,
        "source": found.source,
        "statistic": found.statistic,
        "numerator_series": found.series.code if found.series else None,
        "dimension_key": found.dimension_key,
        "denominator_series": (found.denominator_series.code if found.denominator_series else None),
        "denominator_dimension_key": found.denominator_dimension_key,
        "factor": found.factor,
    }
    sent = payload.model_dump(exclude_unset=True, exclude={"version"})
    nullable = {"statistic", "numerator_series", "denominator_series"}
    values = current | {k: v for k, v in sent.items() if v is not None or k in nullable}
    assert isinstance(request.user, User)  # noqa: S101 - django_auth guarantees a logged-in User
    indicator_update(
        actor=request.user,
        indicator=found,
        expected_version=version,
        **_indicator_values(values),
    )
    return _indicator_answer(request, indicator_id, response)
