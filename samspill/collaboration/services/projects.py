"""Collaboration writes, project and roles: creating and editing a project, its roles."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.audit.services import model_changes
from samspill.collaboration.models import Project, ProjectRole
from samspill.collaboration.services._common import (
    Action,
    _audit,
    _created,
    _indexed,
    _require,
    _versioned_delete,
    _versioned_update,
)
from samspill.core.concurrency import version_claim
from samspill.core.exceptions import PermissionDeniedError
from samspill.regions.models import Municipality, Region
from samspill.regions.selectors import region_members


@transaction.atomic
def project_create(
    *,
    actor: User | None,
    region: Region | None,
    title: str,
    stage: str,
    purpose: str = "",
    improvements: str = "",
    previous: Project | None = None,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    is_published: bool = False,
    municipalities: list[Municipality] | None = None,
    source: str = "",
    is_example: bool = False,
) -> Project:
    """A new project; without municipalities, the region's members today take part."""
    if actor is not None:
        access = access_for(user=actor)
        if not (access.is_site_admin or (region and access.can_edit_region(region.pk))):
            raise PermissionDeniedError(_("Bare regionens koordinatorer kan opprette prosjekter."))
    if start_date and end_date and end_date < start_date:
        raise ValidationError({"end_date": _("Slutt kan ikke være før start.")})
    fields = {
        "title": title,
        "region": region,
        "stage": stage,
        "purpose": purpose,
        "improvements": improvements,
        "previous": previous,
        "start_date": start_date,
        "end_date": end_date,
        "is_published": is_published,
        "source": source,
        "is_example": is_example,
    }
    project = Project.objects.create(**fields)
    if municipalities is None and region is not None:
        municipalities = [
            member.municipality
            for member in region_members(region=region, on=datetime.date.today())  # noqa: DTZ011
        ]
    project.municipalities.set(municipalities or [])
    changes = _created(project, fields)
    changes["municipalities"] = [None, [m.name for m in municipalities or []]]
    _audit(actor, project, Action.CREATE, changes)
    _indexed(project)
    return project


@transaction.atomic
def project_update(
    *, actor: User | None, project: Project, expected_version: int | None, **fields: Any
) -> Project:
    _require(actor, project, "can_manage")
    start, end = (
        fields.get("start_date", project.start_date),
        fields.get("end_date", project.end_date),
    )
    if start and end and end < start:
        raise ValidationError({"end_date": _("Slutt kan ikke være før start.")})
    if fields.get("previous") is not None and fields["previous"].pk == project.pk:
        raise ValidationError({"previous": _("Et prosjekt kan ikke være sin egen forrige fase.")})
    changes = model_changes(project, fields)
    if changes:
        version_claim(project, expected_version=expected_version)
        project.save(update_fields=[*changes, "version", "updated_at"])
        _audit(actor, project, Action.UPDATE, changes)
        _indexed(project)
    return project


@transaction.atomic
def role_add(
    *,
    actor: User | None,
    project: Project,
    kind: str,
    name: str,
    title: str = "",
    organisation: str = "",
    email: str = "",
    phone: str = "",
    user: User | None = None,
) -> ProjectRole:
    _require(actor, project, "can_manage")
    fields = {
        "kind": kind,
        "name": name,
        "title": title,
        "organisation": organisation,
        "email": email,
        "phone": phone,
        "user": user,
    }
    role = ProjectRole.objects.create(project=project, **fields)
    _audit(actor, project, Action.UPDATE, {"role_added": [None, str(role)]})
    _audit(actor, role, Action.CREATE, _created(role, fields))
    _indexed(project)  # a role's user may now find an unpublished project
    return role


@transaction.atomic
def role_update(
    *, actor: User | None, role: ProjectRole, expected_version: int | None, **fields: Any
) -> ProjectRole:
    """Change a person's role or contact details (the region's coordinators, administrators)."""
    updated: ProjectRole = _versioned_update(
        actor=actor,
        instance=role,
        project=role.project,
        right="can_manage",
        expected_version=expected_version,
        fields=fields,
    )
    _indexed(role.project)
    return updated


@transaction.atomic
def role_delete(*, actor: User | None, role: ProjectRole, expected_version: int | None) -> None:
    project = role.project
    _versioned_delete(
        actor=actor,
        instance=role,
        project=project,
        right="can_manage",
        expected_version=expected_version,
    )
    _indexed(project)
