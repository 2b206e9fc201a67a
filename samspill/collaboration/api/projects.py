"""Collaboration API, project and roles: the project list and detail, editing and removing a role."""

from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Schema
from ninja.responses import Status

from samspill.collaboration import presenters, services
from samspill.collaboration.api._common import WRITE_ERRORS, _actor, _changes, _visible, router
from samspill.collaboration.api.plan import DecisionPointOut, MilestoneOut
from samspill.collaboration.models import Project
from samspill.collaboration.selectors import (
    adoption_for,
    decision_points_of,
    milestones_of,
    municipalities_of,
    plan_warnings,
    point_passed,
    project_get_for,
    project_list_for,
    role_get_for,
)
from samspill.core.api import IF_MATCH, ConflictOut, errors, expected_version
from samspill.core.concurrency import etag


class CollaborationProjectOut(Schema):
    id: int
    title: str
    stage: str
    region: str | None
    municipalities: list[str]
    is_published: bool
    version: int


class ProjectDetailOut(CollaborationProjectOut):
    purpose: str
    milestones: list[MilestoneOut]
    decision_points: list[DecisionPointOut]
    warnings: list[str]


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


@router.get(
    "/projects",
    response={200: list[CollaborationProjectOut], **errors(401)},
    url_name="collaboration_projects",
    operation_id="samspill_collaboration_api_projects",
)
def projects(request: HttpRequest) -> list[CollaborationProjectOut]:
    """The projects the user may see."""
    return [_project_out(project) for project in project_list_for(user=request.user)]


@router.get(
    "/projects/{project_id}",
    response={200: ProjectDetailOut, **errors(401, 404, 422)},
    url_name="collaboration_project",
    operation_id="samspill_collaboration_api_project",
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


@router.patch(
    "/roles/{role_id}",
    response={200: CollaborationRoleOut, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_role",
    operation_id="samspill_collaboration_api_role_patch",
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
    operation_id="samspill_collaboration_api_role_remove",
    openapi_extra=IF_MATCH,
)
def role_remove(request: HttpRequest, role_id: int, version: int | None = None) -> Status[None]:
    """Delete a role (the version read is required)."""
    role = _visible(role_get_for, request, role_id, "can_manage")
    version = expected_version(request, version, required=True)
    services.role_delete(actor=_actor(request), role=role, expected_version=version)
    return Status(204, None)
