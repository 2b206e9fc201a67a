"""Collaboration API, the plan: milestones, council treatments of a decision point, edits and
deletions of activities and decision points."""

import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from samspill.collaboration import presenters, services
from samspill.collaboration.api._common import (
    WRITE_ERRORS,
    _actor,
    _changes,
    _unprocessable,
    _visible,
    router,
)
from samspill.collaboration.selectors import (
    activity_get_for,
    adoption_for,
    decision_point_get_for,
    point_passed,
    project_get_for,
)
from samspill.core.api import IF_MATCH, ConflictOut, errors, expected_version
from samspill.core.concurrency import etag
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.regions.models import Municipality


class MilestoneOut(Schema):
    id: int
    number: str
    date: datetime.date
    marker: str
    reached_on: datetime.date | None
    version: int


class DecisionPointOut(Schema):
    id: int
    number: int
    date: datetime.date
    topic: str
    documentation: str
    decided_on: datetime.date | None
    needs_all_councils: bool
    adopted: int
    of: int
    adoption: str
    passed: bool


class MilestoneIn(Schema):
    number: str = Field(min_length=1, max_length=10)
    date: datetime.date
    marker: str = Field(min_length=1, max_length=300)
    reached_on: datetime.date | None = None


class TreatmentIn(Schema):
    municipality_number: str = Field(pattern=r"^\d{4}$")
    body: Literal["council", "executive", "other"]
    meeting_date: datetime.date
    outcome: Literal["adopted", "adopted_changed", "not_adopted", "postponed", "pending"]
    case_number: str = Field(default="", max_length=40)
    record_url: str = Field(default="", max_length=200, pattern=r"^(https?://\S+)?$")


@router.post(
    "/projects/{project_id}/milestones",
    response={201: MilestoneOut, **errors(401, 403, 404, 422)},
    url_name="collaboration_milestone_create",
    operation_id="samspill_collaboration_api_milestone_create",
)
def milestone_create(
    request: HttpRequest, project_id: int, body: MilestoneIn
) -> Status[MilestoneOut]:
    """Add a milestone (the project manager, the region's coordinators, administrators)."""
    found, _rights = project_get_for(user=request.user, pk=project_id)
    try:
        milestone = services.milestone_add(
            actor=_actor(request), project=found, **body.model_dump()
        )
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    except ValidationError as error:
        raise _unprocessable(error) from error
    return Status(201, MilestoneOut.model_validate(milestone))


@router.post(
    "/decision-points/{point_id}/treatments",
    response={201: DecisionPointOut, **errors(401, 403, 404, 409, 422)},
    url_name="collaboration_treatment_create",
    operation_id="samspill_collaboration_api_treatment_create",
)
def treatment_create(
    request: HttpRequest, point_id: int, body: TreatmentIn
) -> Status[DecisionPointOut]:
    """Record one council's treatment; answers the decision point's adoption status."""
    point, rights = decision_point_get_for(user=request.user, pk=point_id)
    if not rights.can_view_internal:
        raise HttpError(404, "Finnes ikke / not found")
    municipality = Municipality.objects.filter(number=body.municipality_number).first()
    if municipality is None:
        raise HttpError(422, "Ukjent kommunenummer / unknown municipality number")
    values = body.model_dump(exclude={"municipality_number"})
    try:
        services.treatment_add(
            actor=_actor(request), point=point, municipality=municipality, **values
        )
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    except ValidationError as error:
        raise _unprocessable(error) from error
    except ConflictError as error:
        raise HttpError(409, error.message) from error
    point.refresh_from_db()
    status = adoption_for(point)
    return Status(
        201,
        DecisionPointOut(
            id=point.pk,
            number=point.number,
            date=point.date,
            topic=point.topic,
            documentation=point.documentation,
            decided_on=point.decided_on,
            needs_all_councils=point.needs_all_councils,
            adopted=status.adopted_count,
            of=status.total,
            adoption=presenters.adoption_sentence(status),
            passed=point_passed(point, status),
        ),
    )


class CollaborationActivityOut(Schema):
    id: int
    code: str
    title: str
    result: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    is_done: bool
    version: int


class CollaborationActivityPatchIn(Schema):
    version: int | None = Field(default=None, ge=0, description="The version read (or If-Match).")
    code: str = Field(default="", max_length=20)
    title: str = Field(default="", min_length=1, max_length=300)
    result: str = Field(default="", max_length=100000)
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    is_done: bool = False


class CollaborationPointPlanOut(Schema):
    id: int
    number: int
    date: datetime.date
    topic: str
    documentation: str
    decided_by: str
    needs_all_councils: bool
    version: int


class CollaborationPointPlanPatchIn(Schema):
    version: int | None = Field(default=None, ge=0, description="The version read (or If-Match).")
    number: int = Field(default=1, ge=1, le=32767)
    date: datetime.date = datetime.date(2000, 1, 1)
    topic: str = Field(default="", min_length=1, max_length=300)
    documentation: str = Field(default="", max_length=300)
    decided_by: str = Field(default="", max_length=200)
    needs_all_councils: bool = False


@router.patch(
    "/activities/{activity_id}",
    response={200: CollaborationActivityOut, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_activity",
    operation_id="samspill_collaboration_api_activity_patch",
    openapi_extra=IF_MATCH,
)
def activity_patch(
    request: HttpRequest,
    activity_id: int,
    body: CollaborationActivityPatchIn,
    response: HttpResponse,
) -> CollaborationActivityOut:
    """Change an activity (the project manager, the region's coordinators, administrators)."""
    activity = _visible(activity_get_for, request, activity_id, "can_edit_plan")
    version = expected_version(request, body.version, required=True)
    saved = services.activity_update(
        actor=_actor(request), activity=activity, expected_version=version, **_changes(body)
    )
    response["ETag"] = etag(saved.version)
    return CollaborationActivityOut.model_validate(saved)


@router.delete(
    "/activities/{activity_id}",
    response={204: None, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_activity",
    operation_id="samspill_collaboration_api_activity_remove",
    openapi_extra=IF_MATCH,
)
def activity_remove(
    request: HttpRequest, activity_id: int, version: int | None = None
) -> Status[None]:
    """Delete an activity (the version read is required)."""
    activity = _visible(activity_get_for, request, activity_id, "can_edit_plan")
    version = expected_version(request, version, required=True)
    services.activity_delete(actor=_actor(request), activity=activity, expected_version=version)
    return Status(204, None)


@router.patch(
    "/decision-points/{point_id}",
    response={200: CollaborationPointPlanOut, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_decision_point",
    operation_id="samspill_collaboration_api_decision_point_patch",
    openapi_extra=IF_MATCH,
)
def decision_point_patch(
    request: HttpRequest,
    point_id: int,
    body: CollaborationPointPlanPatchIn,
    response: HttpResponse,
) -> CollaborationPointPlanOut:
    """Change a decision point's plan (number, date, topic, documentation, who decides)."""
    point = _visible(decision_point_get_for, request, point_id, "can_edit_plan")
    version = expected_version(request, body.version, required=True)
    saved = services.decision_point_update(
        actor=_actor(request), point=point, expected_version=version, **_changes(body)
    )
    response["ETag"] = etag(saved.version)
    return CollaborationPointPlanOut.model_validate(saved)


@router.delete(
    "/decision-points/{point_id}",
    response={204: None, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_decision_point",
    operation_id="samspill_collaboration_api_decision_point_remove",
    openapi_extra=IF_MATCH,
)
def decision_point_remove(
    request: HttpRequest, point_id: int, version: int | None = None
) -> Status[None]:
    """Delete a planned decision point; 422 when it has a decision, a council's treatment or an
    agreement (the version read is required)."""
    point = _visible(decision_point_get_for, request, point_id, "can_edit_plan")
    version = expected_version(request, version, required=True)
    services.decision_point_delete(actor=_actor(request), point=point, expected_version=version)
    return Status(204, None)
