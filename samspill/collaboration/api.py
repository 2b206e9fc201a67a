"""API: collaboration projects (list, detail with plan warnings and adoption), adding a milestone,
the municipal shares by a key, and recording a council's treatment.

Session authentication: 401 without login; 404 for what the user may not see; 403 when the user
may see but not write; 422 with a reason per field for bad input; 409 when already decided.
"""

import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from ninja.security import django_auth

from samspill.accounts.models import User
from samspill.collaboration import exports, presenters, services
from samspill.collaboration.models import Agreement, DecisionPoint, Project
from samspill.collaboration.selectors import (
    activity_get_for,
    adoption_for,
    agenda_item_get_for,
    agreement_get_for,
    agreement_rows,
    agreement_version_get_for,
    budget_totals,
    cost_key_get,
    cost_key_get_for,
    cost_line_get_for,
    decision_point_get_for,
    decision_points_of,
    financing_get_for,
    key_allocate,
    meeting_get_for,
    milestones_of,
    municipalities_of,
    plan_warnings,
    point_passed,
    project_get_for,
    project_list_for,
    role_get_for,
    status_report_get_for,
    status_reports_of,
)
from samspill.core.api import IF_MATCH, ConflictOut, errors, expected_version
from samspill.core.concurrency import etag
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.regions.models import Municipality

router = Router(tags=["collaboration"], auth=django_auth)


class CollaborationProjectOut(Schema):
    id: int
    title: str
    stage: str
    region: str | None
    municipalities: list[str]
    is_published: bool
    version: int


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


class ProjectDetailOut(CollaborationProjectOut):
    purpose: str
    milestones: list[MilestoneOut]
    decision_points: list[DecisionPointOut]
    warnings: list[str]


class MilestoneIn(Schema):
    number: str = Field(min_length=1, max_length=10)
    date: datetime.date
    marker: str = Field(min_length=1, max_length=300)
    reached_on: datetime.date | None = None


class ShareOut(Schema):
    municipality_number: str
    municipality: str
    population: float | None
    share: int


class CollaborationAllocationOut(Schema):
    key: str
    total: int
    shares: list[ShareOut]


class TreatmentIn(Schema):
    municipality_number: str = Field(pattern=r"^\d{4}$")
    body: Literal["council", "executive", "other"]
    meeting_date: datetime.date
    outcome: Literal["adopted", "adopted_changed", "not_adopted", "postponed", "pending"]
    case_number: str = Field(default="", max_length=40)
    record_url: str = Field(default="", max_length=200, pattern=r"^(https?://\S+)?$")


def _actor(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 - django_auth ensures a user
    return request.user


def _project_out(project: Project) -> CollaborationProjectOut:
    return CollaborationProjectOut(
        id=project.pk,
        title=project.title,
        stage=project.stage,
        region=project.region.name if project.region else None,
        municipalities=[m.name for m in municipalities_of(project)],
        is_published=project.is_published,
        version=project.version,
    )


def _unprocessable(error: ValidationError) -> HttpError:
    detail = (
        "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
        if hasattr(error, "error_dict")
        else " ".join(error.messages)
    )
    return HttpError(422, detail)


@router.get(
    "/projects",
    response={200: list[CollaborationProjectOut], **errors(401)},
    url_name="collaboration_projects",
)
def projects(request: HttpRequest) -> list[CollaborationProjectOut]:
    """The projects the user may see."""
    return [_project_out(project) for project in project_list_for(user=request.user)]


@router.get(
    "/projects/{project_id}",
    response={200: ProjectDetailOut, **errors(401, 404, 422)},
    url_name="collaboration_project",
)
def project(request: HttpRequest, project_id: int) -> ProjectDetailOut:
    """A project with its plan, the plan's consistency warnings and each decision point's status."""
    found, _rights = project_get_for(user=request.user, pk=project_id)
    points = []
    for point in decision_points_of(found):
        status = adoption_for(point)
        points.append(
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
            )
        )
    base = _project_out(found)
    return ProjectDetailOut(
        **base.model_dump(),
        purpose=found.purpose,
        milestones=[MilestoneOut.model_validate(m) for m in milestones_of(found)],
        decision_points=points,
        warnings=[presenters.warning_sentence(w) for w in plan_warnings(found)],
    )


@router.post(
    "/projects/{project_id}/milestones",
    response={201: MilestoneOut, **errors(401, 403, 404, 422)},
    url_name="collaboration_milestone_create",
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


@router.get(
    "/cost-keys/{key_id}/shares",
    response={200: CollaborationAllocationOut, **errors(401, 404, 422)},
    url_name="collaboration_key_shares",
)
def key_shares(request: HttpRequest, key_id: int) -> CollaborationAllocationOut:
    """Each municipality's share (whole kroner) of the municipalities' own share, by one key."""
    from samspill.collaboration.models import CostKey

    key = CostKey.objects.filter(pk=key_id).first()
    if key is None:
        raise HttpError(404, "Finnes ikke / not found")
    found, rights = project_get_for(user=request.user, pk=key.project_id)
    if not rights.can_view_internal:
        raise HttpError(404, "Finnes ikke / not found")
    total = budget_totals(found).municipal_share
    result = key_allocate(
        cost_key_get(project=found, pk=key_id), total=total, municipalities=municipalities_of(found)
    )
    if result.error:
        raise HttpError(422, presenters.key_error_text(result.error))
    return CollaborationAllocationOut(
        key=key.name,
        total=total,
        shares=[
            ShareOut(
                municipality_number=m.number,
                municipality=m.name,
                population=result.population[m.pk][1] if m.pk in result.population else None,
                share=result.shares[m.pk],
            )
            for m in municipalities_of(found)
        ],
    )


@router.post(
    "/decision-points/{point_id}/treatments",
    response={201: DecisionPointOut, **errors(401, 403, 404, 409, 422)},
    url_name="collaboration_treatment_create",
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


# Edits and deletions: the version read (body `version` or If-Match) is required (428 without);
# 409 with `current_version` when someone saved since; 204 after a deletion (which takes the
# version as the query parameter `version` or If-Match).

WRITE_ERRORS = errors(400, 401, 403, 404, 422, 428)


class CollaborationRoleOut(Schema):
    id: int
    kind: str
    name: str
    title: str
    organisation: str
    email: str
    phone: str
    version: int


class CollaborationRolePatchIn(Schema):
    version: int | None = Field(default=None, ge=0, description="The version read (or If-Match).")
    kind: Literal["owner", "client", "responsible", "manager", "group", "steering", "observer"] = (
        Field(default="manager")
    )
    name: str = Field(default="", min_length=1, max_length=200)
    title: str = Field(default="", max_length=200)
    organisation: str = Field(default="", max_length=200)
    email: str = Field(default="", max_length=254, pattern=r"^([^@\s]+@[^@\s]+\.[^@\s]+)?$")
    phone: str = Field(default="", max_length=40)


class CollaborationCostLineOut(Schema):
    id: int
    category: str
    description: str
    year: int
    planned: int
    spent: int
    version: int


class CollaborationCostLinePatchIn(Schema):
    version: int | None = Field(default=None, ge=0, description="The version read (or If-Match).")
    category: Literal["own_hours", "services", "travel", "workshops", "other"] = "other"
    description: str = Field(default="", max_length=300)
    year: int = Field(default=2000, ge=2000, le=2100)
    planned: int = Field(default=0, ge=0, le=10**12)
    spent: int = Field(default=0, ge=0, le=10**12)


class CollaborationFinancingOut(Schema):
    id: int
    kind: str
    name: str
    amount: int
    version: int


class CollaborationFinancingPatchIn(Schema):
    version: int | None = Field(default=None, ge=0, description="The version read (or If-Match).")
    kind: Literal["county", "innovation_norway", "municipalities", "other"] = "other"
    name: str = Field(default="", max_length=200)
    amount: int = Field(default=0, ge=0, le=10**12)


class CollaborationMeetingOut(Schema):
    id: int
    kind: str
    date: datetime.date
    title: str
    attendees: str
    minutes: str
    version: int


class CollaborationMeetingPatchIn(Schema):
    version: int | None = Field(default=None, ge=0, description="The version read (or If-Match).")
    kind: Literal["status", "project_group", "steering_group", "workshop"] = "status"
    date: datetime.date = datetime.date(2000, 1, 1)
    title: str = Field(default="", min_length=1, max_length=200)
    attendees: str = Field(default="", max_length=10000)
    minutes: str = Field(default="", max_length=100000)


class CollaborationAgendaItemOut(Schema):
    id: int
    number: int
    year: int
    title: str
    decision: str
    version: int


class CollaborationAgendaItemPatchIn(Schema):
    version: int | None = Field(default=None, ge=0, description="The version read (or If-Match).")
    number: int = Field(default=1, ge=1, le=999)
    year: int = Field(default=2000, ge=2000, le=2100)
    title: str = Field(default="", min_length=1, max_length=300)
    decision: str = Field(default="", max_length=100000)


def _changes(body: Schema) -> dict[str, Any]:
    return body.model_dump(exclude_unset=True, exclude={"version"})


def _visible(getter: Any, request: HttpRequest, pk: int, right: str) -> Any:
    """The object (404 when the user may not see the project's internal parts), 403 without right."""
    try:
        found, rights = getter(user=request.user, pk=pk)
    except Http404 as error:
        raise HttpError(404, "Finnes ikke / not found") from error
    if not getattr(rights, right):
        raise HttpError(403, "Du har ikke rettighet til dette i prosjektet / not allowed")
    return found


@router.patch(
    "/roles/{role_id}",
    response={200: CollaborationRoleOut, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_role",
    openapi_extra=IF_MATCH,
)
def role_patch(
    request: HttpRequest, role_id: int, body: CollaborationRolePatchIn, response: HttpResponse
) -> CollaborationRoleOut:
    """Change a role (the region's coordinators, administrators)."""
    role = _visible(role_get_for, request, role_id, "can_manage")
    version = expected_version(request, body.version, required=True)
    saved = services.role_update(
        actor=_actor(request), role=role, expected_version=version, **_changes(body)
    )
    response["ETag"] = etag(saved.version)
    return CollaborationRoleOut.model_validate(saved)


@router.delete(
    "/roles/{role_id}",
    response={204: None, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_role",
    openapi_extra=IF_MATCH,
)
def role_remove(request: HttpRequest, role_id: int, version: int | None = None) -> Status[None]:
    """Delete a role (the version read is required)."""
    role = _visible(role_get_for, request, role_id, "can_manage")
    version = expected_version(request, version, required=True)
    services.role_delete(actor=_actor(request), role=role, expected_version=version)
    return Status(204, None)


@router.patch(
    "/cost-lines/{line_id}",
    response={200: CollaborationCostLineOut, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_cost_line",
    openapi_extra=IF_MATCH,
)
def cost_line_patch(
    request: HttpRequest,
    line_id: int,
    body: CollaborationCostLinePatchIn,
    response: HttpResponse,
) -> CollaborationCostLineOut:
    """Change a cost line (planned and spent, whole kroner)."""
    line = _visible(cost_line_get_for, request, line_id, "can_edit_plan")
    version = expected_version(request, body.version, required=True)
    saved = services.cost_line_update(
        actor=_actor(request), line=line, expected_version=version, **_changes(body)
    )
    response["ETag"] = etag(saved.version)
    return CollaborationCostLineOut.model_validate(saved)


@router.delete(
    "/cost-lines/{line_id}",
    response={204: None, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_cost_line",
    openapi_extra=IF_MATCH,
)
def cost_line_remove(
    request: HttpRequest, line_id: int, version: int | None = None
) -> Status[None]:
    """Delete a cost line (the version read is required)."""
    line = _visible(cost_line_get_for, request, line_id, "can_edit_plan")
    version = expected_version(request, version, required=True)
    services.cost_line_delete(actor=_actor(request), line=line, expected_version=version)
    return Status(204, None)


@router.patch(
    "/financing/{source_id}",
    response={200: CollaborationFinancingOut, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_financing",
    openapi_extra=IF_MATCH,
)
def financing_patch(
    request: HttpRequest,
    source_id: int,
    body: CollaborationFinancingPatchIn,
    response: HttpResponse,
) -> CollaborationFinancingOut:
    """Change a financing line."""
    source = _visible(financing_get_for, request, source_id, "can_edit_plan")
    version = expected_version(request, body.version, required=True)
    saved = services.financing_update(
        actor=_actor(request), source=source, expected_version=version, **_changes(body)
    )
    response["ETag"] = etag(saved.version)
    return CollaborationFinancingOut.model_validate(saved)


@router.delete(
    "/financing/{source_id}",
    response={204: None, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_financing",
    openapi_extra=IF_MATCH,
)
def financing_remove(
    request: HttpRequest, source_id: int, version: int | None = None
) -> Status[None]:
    """Delete a financing line (the version read is required)."""
    source = _visible(financing_get_for, request, source_id, "can_edit_plan")
    version = expected_version(request, version, required=True)
    services.financing_delete(actor=_actor(request), source=source, expected_version=version)
    return Status(204, None)


@router.patch(
    "/meetings/{meeting_id}",
    response={200: CollaborationMeetingOut, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_meeting",
    openapi_extra=IF_MATCH,
)
def meeting_patch(
    request: HttpRequest,
    meeting_id: int,
    body: CollaborationMeetingPatchIn,
    response: HttpResponse,
) -> CollaborationMeetingOut:
    """Change a meeting (type, date, title, attendees, minutes)."""
    meeting = _visible(meeting_get_for, request, meeting_id, "can_edit_plan")
    version = expected_version(request, body.version, required=True)
    saved = services.meeting_update(
        actor=_actor(request), meeting=meeting, expected_version=version, **_changes(body)
    )
    response["ETag"] = etag(saved.version)
    return CollaborationMeetingOut.model_validate(saved)


@router.delete(
    "/meetings/{meeting_id}",
    response={204: None, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_meeting",
    openapi_extra=IF_MATCH,
)
def meeting_remove(
    request: HttpRequest, meeting_id: int, version: int | None = None
) -> Status[None]:
    """Delete a meeting and its items (the version read is required)."""
    meeting = _visible(meeting_get_for, request, meeting_id, "can_edit_plan")
    version = expected_version(request, version, required=True)
    services.meeting_delete(actor=_actor(request), meeting=meeting, expected_version=version)
    return Status(204, None)


@router.patch(
    "/agenda-items/{item_id}",
    response={200: CollaborationAgendaItemOut, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_agenda_item",
    openapi_extra=IF_MATCH,
)
def agenda_item_patch(
    request: HttpRequest,
    item_id: int,
    body: CollaborationAgendaItemPatchIn,
    response: HttpResponse,
) -> CollaborationAgendaItemOut:
    """Change an agenda item and its decision."""
    item = _visible(agenda_item_get_for, request, item_id, "can_edit_plan")
    version = expected_version(request, body.version, required=True)
    saved = services.agenda_item_update(
        actor=_actor(request), item=item, expected_version=version, **_changes(body)
    )
    response["ETag"] = etag(saved.version)
    return CollaborationAgendaItemOut.model_validate(saved)


@router.delete(
    "/agenda-items/{item_id}",
    response={204: None, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_agenda_item",
    openapi_extra=IF_MATCH,
)
def agenda_item_remove(
    request: HttpRequest, item_id: int, version: int | None = None
) -> Status[None]:
    """Delete an agenda item (the version read is required)."""
    item = _visible(agenda_item_get_for, request, item_id, "can_edit_plan")
    version = expected_version(request, version, required=True)
    services.agenda_item_delete(actor=_actor(request), item=item, expected_version=version)
    return Status(204, None)


# Activities and decision points (their plan; a decision point's decision has its own operation)


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


# Agreements and status reports -------------------------------------------------------------------


class CollaborationSignatureOut(Schema):
    municipality_number: str
    municipality: str
    signed_on: datetime.date
    signed_by: str


class CollaborationAgreementVersionOut(Schema):
    id: int
    number: int
    date: datetime.date
    changes: str
    signatures: list[CollaborationSignatureOut]
    unsigned: list[str]


class CollaborationAgreementOut(Schema):
    id: int
    title: str
    decision_point: int | None
    versions: list[CollaborationAgreementVersionOut]
    version: int


class CollaborationSignatureIn(Schema):
    municipality_number: str = Field(pattern=r"^\d{4}$")
    signed_on: datetime.date
    signed_by: str = Field(min_length=1, max_length=200)


def _agreement_out(agreement: Any) -> CollaborationAgreementOut:
    row = agreement_rows(agreement.project, [agreement])[0]
    return CollaborationAgreementOut(
        id=agreement.pk,
        title=agreement.title,
        decision_point=agreement.decision_point.number if agreement.decision_point else None,
        versions=[
            CollaborationAgreementVersionOut(
                id=version_row.version.pk,
                number=version_row.version.number,
                date=version_row.version.date,
                changes=version_row.version.changes,
                signatures=[
                    CollaborationSignatureOut(
                        municipality_number=s.municipality.number,
                        municipality=s.municipality.name,
                        signed_on=s.signed_on,
                        signed_by=s.signed_by,
                    )
                    for s in version_row.signed
                ],
                unsigned=[m.name for m in version_row.missing],
            )
            for version_row in row.versions
        ],
        version=agreement.version,
    )


@router.get(
    "/agreements/{agreement_id}",
    response={200: CollaborationAgreementOut, **errors(401, 404, 422)},
    url_name="collaboration_agreement",
)
def agreement(request: HttpRequest, agreement_id: int) -> CollaborationAgreementOut:
    """An agreement's versions and which municipalities signed each (when, by whom)."""
    found = _visible(agreement_get_for, request, agreement_id, "can_view_internal")
    return _agreement_out(found)


class CollaborationAgreementPatchIn(Schema):
    version: int | None = Field(default=None, ge=0, description="The version read (or If-Match).")
    title: str = Field(default="", min_length=1, max_length=200)
    decision_point: int | None = Field(
        default=None, ge=1, description="The number of the project's decision point, or null."
    )


@router.patch(
    "/agreements/{agreement_id}",
    response={200: CollaborationAgreementOut, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_agreement",
    openapi_extra=IF_MATCH,
)
def agreement_patch(
    request: HttpRequest,
    agreement_id: int,
    body: CollaborationAgreementPatchIn,
    response: HttpResponse,
) -> CollaborationAgreementOut:
    """Change an agreement's title or adopting decision point; its versions stay as signed."""
    found = _visible(agreement_get_for, request, agreement_id, "can_edit_plan")
    version = expected_version(request, body.version, required=True)
    changes = _changes(body)
    if "decision_point" in changes and changes["decision_point"] is not None:
        point = DecisionPoint.objects.filter(
            project_id=found.project_id, number=changes["decision_point"]
        ).first()
        if point is None:
            raise ValidationError(
                {"decision_point": "Prosjektet har ikke dette beslutningspunktet / no such point"}
            )
        changes["decision_point"] = point
    saved = services.agreement_update(
        actor=_actor(request), agreement=found, expected_version=version, **changes
    )
    response["ETag"] = etag(saved.version)
    return _agreement_out(saved)


@router.delete(
    "/agreements/{agreement_id}",
    response={204: None, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_agreement",
    openapi_extra=IF_MATCH,
)
def agreement_remove(
    request: HttpRequest, agreement_id: int, version: int | None = None
) -> Status[None]:
    """Delete an agreement and its versions; 422 when any version is signed (the version read is
    required)."""
    found = _visible(agreement_get_for, request, agreement_id, "can_edit_plan")
    version = expected_version(request, version, required=True)
    services.agreement_delete(actor=_actor(request), agreement=found, expected_version=version)
    return Status(204, None)


@router.post(
    "/agreement-versions/{version_id}/signatures",
    response={201: CollaborationAgreementOut, 409: ConflictOut, **errors(401, 403, 404, 422)},
    url_name="collaboration_agreement_sign",
)
def agreement_sign(
    request: HttpRequest, version_id: int, body: CollaborationSignatureIn
) -> Status[CollaborationAgreementOut]:
    """Record a municipality's signature on a version; 409 when it has already signed it."""
    version = _visible(agreement_version_get_for, request, version_id, "can_edit_plan")
    municipality = Municipality.objects.filter(number=body.municipality_number).first()
    if municipality is None:
        raise HttpError(422, "Ukjent kommunenummer / unknown municipality number")
    services.agreement_sign(
        actor=_actor(request),
        version=version,
        municipality=municipality,
        signed_on=body.signed_on,
        signed_by=body.signed_by,
    )
    return Status(201, _agreement_out(Agreement.objects.get(pk=version.agreement_id)))


class CollaborationStatusReportOut(Schema):
    id: int
    period_start: datetime.date
    period_end: datetime.date
    status: str
    explanation: str
    activities_done: int
    activities_total: int
    milestones_reached: int
    milestones_total: int
    planned: int
    spent: int
    changes_since_previous: list[str]
    version: int


def _report_out(report: Any) -> CollaborationStatusReportOut:
    context = exports.report_context(report)
    done = context["progress"]
    return CollaborationStatusReportOut(
        id=report.pk,
        period_start=report.period_start,
        period_end=report.period_end,
        status=report.status,
        explanation=report.explanation,
        activities_done=done.activities_done,
        activities_total=done.activities_total,
        milestones_reached=done.milestones_reached,
        milestones_total=done.milestones_total,
        planned=done.planned,
        spent=done.spent,
        changes_since_previous=context["changes"],
        version=report.version,
    )


@router.get(
    "/projects/{project_id}/status-reports",
    response={200: list[CollaborationStatusReportOut], **errors(401, 404, 422)},
    url_name="collaboration_status_reports",
)
def status_reports(request: HttpRequest, project_id: int) -> list[CollaborationStatusReportOut]:
    """The project's status reports, newest first, with what changed since the one before."""
    found = _visible(
        lambda user, pk: project_get_for(user=user, pk=pk), request, project_id, "can_view_internal"
    )
    return [_report_out(report) for report in status_reports_of(found)]


class CollaborationStatusReportPatchIn(Schema):
    version: int | None = Field(default=None, ge=0, description="The version read (or If-Match).")
    status: Literal["on_track", "at_risk", "off_track"] = "on_track"
    explanation: str = Field(default="", min_length=1, max_length=100000)


@router.patch(
    "/status-reports/{report_id}",
    response={200: CollaborationStatusReportOut, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_status_report",
    openapi_extra=IF_MATCH,
)
def status_report_patch(
    request: HttpRequest,
    report_id: int,
    body: CollaborationStatusReportPatchIn,
    response: HttpResponse,
) -> CollaborationStatusReportOut:
    """Correct a report's status or explanation; its period and frozen plan and budget stay."""
    report = _visible(status_report_get_for, request, report_id, "can_edit_plan")
    version = expected_version(request, body.version, required=True)
    saved = services.status_report_update(
        actor=_actor(request), report=report, expected_version=version, **_changes(body)
    )
    response["ETag"] = etag(saved.version)
    return _report_out(saved)


# Cost-allocation keys ------------------------------------------------------------------------------


class CollaborationCostKeyOut(Schema):
    id: int
    name: str
    equal_percent: int
    population_percent: int
    population_date: datetime.date | None
    other_percent: int
    other_label: str
    other_figures: dict[str, float]
    is_chosen: bool
    version: int


class CollaborationCostKeyPatchIn(Schema):
    version: int | None = Field(default=None, ge=0, description="The version read (or If-Match).")
    name: str = Field(default="", min_length=1, max_length=200)
    equal_percent: int = Field(default=0, ge=0, le=100)
    population_percent: int = Field(default=0, ge=0, le=100)
    population_date: datetime.date | None = None
    other_percent: int = Field(default=0, ge=0, le=100)
    other_label: str = Field(default="", max_length=200)
    other_figures: dict[str, float] = Field(
        default_factory=dict, description='A figure per municipality number ("5520": 1200).'
    )


@router.patch(
    "/cost-keys/{key_id}",
    response={200: CollaborationCostKeyOut, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_cost_key",
    openapi_extra=IF_MATCH,
)
def cost_key_patch(
    request: HttpRequest,
    key_id: int,
    body: CollaborationCostKeyPatchIn,
    response: HttpResponse,
) -> CollaborationCostKeyOut:
    """Change a cost-allocation key; the weights must still add up to 100 (422 otherwise)."""
    key = _visible(cost_key_get_for, request, key_id, "can_edit_plan")
    version = expected_version(request, body.version, required=True)
    saved = services.cost_key_update(
        actor=_actor(request), key=key, expected_version=version, **_changes(body)
    )
    response["ETag"] = etag(saved.version)
    return CollaborationCostKeyOut.model_validate(saved)
