"""API: collaboration projects (list, detail with plan warnings and adoption), adding a milestone,
the municipal shares by a key, and recording a council's treatment.

Session authentication: 401 without login; 404 for what the user may not see; 403 when the user
may see but not write; 422 with a reason per field for bad input; 409 when already decided.
"""

import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from ninja.security import django_auth

from samspill.accounts.models import User
from samspill.collaboration import presenters, services
from samspill.collaboration.models import Project
from samspill.collaboration.selectors import (
    adoption_for,
    budget_totals,
    cost_key_get,
    decision_point_get_for,
    decision_points_of,
    key_allocate,
    milestones_of,
    municipalities_of,
    plan_warnings,
    point_passed,
    project_get_for,
    project_list_for,
)
from samspill.core.api import errors
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
