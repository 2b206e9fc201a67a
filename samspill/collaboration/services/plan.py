"""Collaboration writes, the plan: milestones, activities, decision points, their decisions,
council treatments and overrides."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.audit.services import model_changes
from samspill.collaboration.models import (
    Activity,
    CouncilTreatment,
    DecisionPoint,
    Milestone,
    Project,
)
from samspill.collaboration.selectors import adoption_for, point_passed
from samspill.collaboration.services._common import (
    Action,
    _audit,
    _created,
    _require,
    _versioned_delete,
    _versioned_update,
)
from samspill.core.concurrency import version_claim
from samspill.core.exceptions import ConflictError
from samspill.regions.models import Municipality


@transaction.atomic
def milestone_add(
    *,
    actor: User | None,
    project: Project,
    number: str,
    date: datetime.date | None,
    marker: str,
    reached_on: datetime.date | None = None,
) -> Milestone:
    _require(actor, project, "can_edit_plan")
    if date is None:
        raise ValidationError({"date": _("En milepæl må ha en dato.")})
    if project.milestones.filter(number=number).exists():
        raise ValidationError(
            {"number": _("Prosjektet har allerede en milepæl med dette nummeret.")}
        )
    fields = {"number": number, "date": date, "marker": marker, "reached_on": reached_on}
    milestone = Milestone.objects.create(project=project, **fields)
    _audit(actor, milestone, Action.CREATE, _created(milestone, fields))
    return milestone


@transaction.atomic
def milestone_update(
    *, actor: User | None, milestone: Milestone, expected_version: int | None, **fields: Any
) -> Milestone:
    _require(actor, milestone.project, "can_edit_plan")
    if "date" in fields and fields["date"] is None:
        raise ValidationError({"date": _("En milepæl må ha en dato.")})
    if (
        "number" in fields
        and Milestone.objects.filter(project_id=milestone.project_id, number=fields["number"])
        .exclude(pk=milestone.pk)
        .exists()
    ):
        raise ValidationError(
            {"number": _("Prosjektet har allerede en milepæl med dette nummeret.")}
        )
    changes = model_changes(milestone, fields)
    if changes:
        version_claim(milestone, expected_version=expected_version)
        milestone.save(update_fields=[*changes, "version", "updated_at"])
        _audit(actor, milestone, Action.UPDATE, changes)
    return milestone


@transaction.atomic
def activity_add(
    *,
    actor: User | None,
    project: Project,
    code: str,
    title: str,
    result: str = "",
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    is_done: bool = False,
) -> Any:
    from samspill.collaboration.models import Activity

    _require(actor, project, "can_edit_plan")
    if start_date and end_date and end_date < start_date:
        raise ValidationError({"end_date": _("Slutt kan ikke være før start.")})
    fields = {
        "code": code,
        "title": title,
        "result": result,
        "start_date": start_date,
        "end_date": end_date,
        "is_done": is_done,
    }
    activity = Activity.objects.create(project=project, **fields)
    _audit(actor, activity, Action.CREATE, _created(activity, fields))
    return activity


@transaction.atomic
def decision_point_add(
    *,
    actor: User | None,
    project: Project,
    number: int,
    date: datetime.date | None,
    topic: str,
    documentation: str = "",
    decided_by: str = "",
    needs_all_councils: bool = False,
) -> DecisionPoint:
    _require(actor, project, "can_edit_plan")
    if date is None:
        raise ValidationError({"date": _("Et beslutningspunkt må ha en dato.")})
    if project.decision_points.filter(number=number).exists():
        raise ValidationError(
            {"number": _("Prosjektet har allerede et beslutningspunkt med dette nummeret.")}
        )
    fields = {
        "number": number,
        "date": date,
        "topic": topic,
        "documentation": documentation,
        "decided_by": decided_by,
        "needs_all_councils": needs_all_councils,
    }
    point = DecisionPoint.objects.create(project=project, **fields)
    _audit(actor, point, Action.CREATE, _created(point, fields))
    return point


def _locked(point: DecisionPoint) -> DecisionPoint:
    return DecisionPoint.objects.select_for_update().select_related("project").get(pk=point.pk)


@transaction.atomic
def decision_record(
    *,
    actor: User | None,
    point: DecisionPoint,
    decided_on: datetime.date | None,
    decision_text: str,
    decision_by_name: str = "",
) -> DecisionPoint:
    """The steering group's decision at a decision point (once; "already decided" after)."""
    _require(actor, point.project, "can_decide")
    if decided_on is None:
        raise ValidationError({"decided_on": _("Oppgi datoen beslutningen ble tatt.")})
    if not decision_text.strip():
        raise ValidationError({"decision_text": _("Skriv hva som ble besluttet.")})
    locked = _locked(point)
    if locked.decided_on is not None:
        raise ConflictError(_("Beslutningen er allerede registrert."))
    locked.decided_on = decided_on
    locked.decision_text = decision_text
    locked.decision_by_name = decision_by_name
    locked.decision_recorded_by = actor
    version_claim(locked, expected_version=None)
    locked.save(
        update_fields=[
            "decided_on",
            "decision_text",
            "decision_by_name",
            "decision_recorded_by",
            "version",
            "updated_at",
        ]
    )
    _audit(
        actor,
        locked,
        Action.DECIDE,
        {
            "decided_on": [None, decided_on],
            "decision_text": [None, decision_text],
            "decision_by_name": [None, decision_by_name],
        },
    )
    return locked


@transaction.atomic
def treatment_add(
    *,
    actor: User | None,
    point: DecisionPoint,
    municipality: Municipality,
    body: str,
    meeting_date: datetime.date | None,
    outcome: str,
    case_number: str = "",
    record_url: str = "",
    is_example: bool = False,
) -> CouncilTreatment:
    """One council's treatment of what the decision point rests on."""
    _require(actor, point.project, "can_edit_plan")
    locked = _locked(point)
    if not locked.project.municipalities.filter(pk=municipality.pk).exists():
        raise ValidationError({"municipality": _("Kommunen deltar ikke i prosjektet.")})
    if meeting_date is None:
        raise ValidationError({"meeting_date": _("Oppgi møtedatoen.")})
    was_passed = point_passed(locked)
    fields = {
        "municipality": municipality,
        "body": body,
        "meeting_date": meeting_date,
        "case_number": case_number,
        "outcome": outcome,
        "record_url": record_url,
        "is_example": is_example,
    }
    treatment = CouncilTreatment.objects.create(decision_point=locked, **fields)
    _audit(actor, treatment, Action.DECIDE, _created(treatment, fields))
    status = adoption_for(locked)
    changes: dict[str, Any] = {
        "treatment": [None, str(treatment)],
        "adopted": [None, f"{status.adopted_count}/{status.total}"],
    }
    if not was_passed and point_passed(locked, status):
        changes["passed"] = [False, True]
    version_claim(locked, expected_version=None)
    locked.save(update_fields=["version", "updated_at"])
    _audit(actor, locked, Action.TRANSITION if "passed" in changes else Action.UPDATE, changes)
    return treatment


@transaction.atomic
def point_override(*, actor: User | None, point: DecisionPoint, reason: str) -> DecisionPoint:
    """The project manager passes a decision point without every council's adoption."""
    _require(actor, point.project, "can_edit_plan")
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv en begrunnelse for overstyringen.")})
    locked = _locked(point)
    if locked.override_reason:
        raise ConflictError(_("Beslutningspunktet er allerede overstyrt."))
    if not locked.needs_all_councils:
        raise ValidationError(
            {"reason": _("Dette beslutningspunktet krever ikke vedtak i alle kommunestyrer.")}
        )
    if adoption_for(locked).all_adopted:
        raise ConflictError(_("Alle kommunene har allerede vedtatt; ingen overstyring trengs."))
    locked.override_reason = reason
    locked.override_by = actor
    locked.override_at = timezone.now()
    version_claim(locked, expected_version=None)
    locked.save(
        update_fields=["override_reason", "override_by", "override_at", "version", "updated_at"]
    )
    _audit(actor, locked, Action.TRANSITION, {"override_reason": [None, reason]})
    return locked


@transaction.atomic
def activity_update(
    *, actor: User | None, activity: Activity, expected_version: int | None, **fields: Any
) -> Activity:
    start = fields.get("start_date", activity.start_date)
    end = fields.get("end_date", activity.end_date)
    if start and end and end < start:
        raise ValidationError({"end_date": _("Slutt kan ikke være før start.")})
    updated: Activity = _versioned_update(
        actor=actor,
        instance=activity,
        project=activity.project,
        right="can_edit_plan",
        expected_version=expected_version,
        fields=fields,
    )
    return updated


@transaction.atomic
def activity_delete(
    *, actor: User | None, activity: Activity, expected_version: int | None
) -> None:
    _versioned_delete(
        actor=actor,
        instance=activity,
        project=activity.project,
        right="can_edit_plan",
        expected_version=expected_version,
    )


@transaction.atomic
def decision_point_update(
    *, actor: User | None, point: DecisionPoint, expected_version: int | None, **fields: Any
) -> DecisionPoint:
    """Change a decision point's plan (number, date, topic, …); its decision has its own form."""
    if "date" in fields and fields["date"] is None:
        raise ValidationError({"date": _("Et beslutningspunkt må ha en dato.")})
    number = fields.get("number", point.number)
    if point.project.decision_points.filter(number=number).exclude(pk=point.pk).exists():
        raise ValidationError(
            {"number": _("Prosjektet har allerede et beslutningspunkt med dette nummeret.")}
        )
    updated: DecisionPoint = _versioned_update(
        actor=actor,
        instance=point,
        project=point.project,
        right="can_edit_plan",
        expected_version=expected_version,
        fields=fields,
    )
    return updated


@transaction.atomic
def decision_point_delete(
    *, actor: User | None, point: DecisionPoint, expected_version: int | None
) -> None:
    """Delete a planned decision point; one with a decision, a council's treatment or an
    agreement adopted through it is part of the record and stays."""
    locked = _locked(point)
    if locked.decision_text or locked.treatments.exists() or locked.agreements.exists():
        raise ValidationError(
            _(
                "Beslutningspunktet har en beslutning, en behandling i et kommunestyre eller en "
                "avtale og kan ikke slettes."
            )
        )
    _versioned_delete(
        actor=actor,
        instance=point,
        project=point.project,
        right="can_edit_plan",
        expected_version=expected_version,
    )
