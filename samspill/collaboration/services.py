"""Writes for collaboration projects: each checks the actor's rights, runs in a transaction and
records an audit entry (the object's history). Edits of versioned rows take `expected_version`;
state changes (a decision, an override) lock the row and answer "already …" as a ConflictError.
"""

import datetime
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.audit.models import AuditEntry
from samspill.audit.services import audit_record, model_changes
from samspill.collaboration.models import (
    Activity,
    AgendaItem,
    Agreement,
    AgreementSignature,
    AgreementVersion,
    CostKey,
    CostLine,
    CouncilTreatment,
    DecisionPoint,
    FinancingSource,
    Meeting,
    MeetingKind,
    Milestone,
    Project,
    ProjectRole,
    StatusReport,
)
from samspill.collaboration.search import (
    agreement_document_for,
    material_documents_for,
    meeting_document_for,
    project_document_for,
    status_report_document_for,
)
from samspill.collaboration.selectors import (
    ProjectRights,
    adoption_for,
    point_passed,
    report_snapshot,
    rights_for,
)
from samspill.core.concurrency import version_claim
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.knowledge.models import Decision, DecisionBody
from samspill.knowledge.services import decision_create, decision_update
from samspill.regions.models import Municipality, Region
from samspill.regions.selectors import region_members
from samspill.search.documents import SearchDocument
from samspill.search.models import Kind
from samspill.search.services import index_remove, index_update

Action = AuditEntry.Action


def _rights(actor: User | None, project: Project) -> ProjectRights | None:
    """None for a system write (demo, imports): allowed."""
    return None if actor is None else rights_for(user=actor, project=project)


def _require(actor: User | None, project: Project, right: str) -> None:
    rights = _rights(actor, project)
    if rights is not None and not getattr(rights, right):
        raise PermissionDeniedError(_("Du har ikke rettighet til dette i prosjektet."))


def _audit(actor: User | None, subject: Any, action: str, changes: dict[str, Any]) -> None:
    audit_record(actor=actor, subject=subject, action=action, changes=changes)


def _indexed(project: Project) -> None:
    """Keep the site search current once the write is committed (collaboration/search.py): the
    project and its internal material, whose readers and region follow the project's (ADR 89)."""
    project_id = project.pk

    def write() -> None:
        index_update(project_document_for(project_id))
        for document in material_documents_for(project_id):
            index_update(document)

    transaction.on_commit(write)


def _material_indexed(document_for: Callable[[int], SearchDocument | None], pk: int) -> None:
    """Refresh one agreement's, meeting's or report's search row after the commit."""

    def write() -> None:
        document = document_for(pk)
        if document is not None:
            index_update(document)

    transaction.on_commit(write)


def _unindexed(kind: Kind, pk: int) -> None:
    transaction.on_commit(lambda: index_remove(kind=kind, object_id=pk))


def _created(instance: Any, fields: dict[str, Any]) -> dict[str, Any]:
    return {key: [None, value] for key, value in fields.items()}


# Project and roles -------------------------------------------------------------------------------


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


# Plan -----------------------------------------------------------------------------------------


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


# Budget ------------------------------------------------------------------------------------------


@transaction.atomic
def cost_line_add(
    *,
    actor: User | None,
    project: Project,
    category: str,
    year: int,
    planned: int,
    spent: int = 0,
    description: str = "",
    is_example: bool = False,
) -> CostLine:
    _require(actor, project, "can_edit_plan")
    fields = {
        "category": category,
        "year": year,
        "planned": planned,
        "spent": spent,
        "description": description,
        "is_example": is_example,
    }
    line = CostLine.objects.create(project=project, **fields)
    _audit(actor, line, Action.CREATE, _created(line, fields))
    return line


@transaction.atomic
def financing_add(
    *,
    actor: User | None,
    project: Project,
    kind: str,
    amount: int,
    name: str = "",
    is_example: bool = False,
) -> FinancingSource:
    _require(actor, project, "can_edit_plan")
    fields = {"kind": kind, "amount": amount, "name": name, "is_example": is_example}
    source = FinancingSource.objects.create(project=project, **fields)
    _audit(actor, source, Action.CREATE, _created(source, fields))
    return source


def _key_errors(
    *,
    equal_percent: int,
    population_percent: int,
    other_percent: int,
    population_date: datetime.date | None,
    other_figures: dict[str, float],
    municipalities: list[Municipality],
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if equal_percent + population_percent + other_percent != 100:
        errors["equal_percent"] = _("Vektene må til sammen bli 100 %% (nå %(sum)s %%).") % {
            "sum": equal_percent + population_percent + other_percent
        }
    if population_percent and population_date is None:
        errors["population_date"] = _("Velg datoen folketallet skal gjelde.")
    if other_percent:
        missing = [m.name for m in municipalities if m.number not in other_figures]
        if missing:
            errors["other_figures"] = _("Mangler tall for: %(names)s.") % {
                "names": ", ".join(missing)
            }
        elif any(value < 0 for value in other_figures.values()):
            errors["other_figures"] = _("Tallene kan ikke være negative.")
        elif sum(other_figures.get(m.number, 0) for m in municipalities) <= 0:
            errors["other_figures"] = _("Summen av tallene må være større enn null.")
    return errors


@transaction.atomic
def cost_key_add(
    *,
    actor: User | None,
    project: Project,
    name: str,
    equal_percent: int = 0,
    population_percent: int = 0,
    population_date: datetime.date | None = None,
    other_percent: int = 0,
    other_label: str = "",
    other_figures: dict[str, float] | None = None,
) -> CostKey:
    """A key to compare; weights are whole percent and must add up to exactly 100."""
    _require(actor, project, "can_edit_plan")
    other_figures = other_figures or {}
    errors = _key_errors(
        equal_percent=equal_percent,
        population_percent=population_percent,
        other_percent=other_percent,
        population_date=population_date,
        other_figures=other_figures,
        municipalities=list(project.municipalities.all()),
    )
    if errors:
        raise ValidationError(errors)
    fields = {
        "name": name,
        "equal_percent": equal_percent,
        "population_percent": population_percent,
        "population_date": population_date,
        "other_percent": other_percent,
        "other_label": other_label,
        "other_figures": other_figures,
    }
    key = CostKey.objects.create(project=project, **fields)
    _audit(actor, key, Action.CREATE, _created(key, fields))
    return key


@transaction.atomic
def cost_key_choose(*, actor: User | None, key: CostKey) -> CostKey:
    """Choose the key used for invoicing (the others stay for comparison)."""
    project = Project.objects.select_for_update().get(pk=key.project_id)
    _require(actor, project, "can_edit_plan")
    if CostKey.objects.filter(pk=key.pk, is_chosen=True).exists():
        raise ConflictError(_("Denne nøkkelen er allerede valgt."))
    previous = list(project.cost_keys.filter(is_chosen=True))
    project.cost_keys.filter(is_chosen=True).update(is_chosen=False)
    CostKey.objects.filter(pk=key.pk).update(is_chosen=True)
    key.is_chosen = True
    _audit(
        actor,
        key,
        Action.APPROVE,
        {"is_chosen": [False, True], "replaces": [None, ", ".join(str(k) for k in previous)]},
    )
    return key


# Meetings ------------------------------------------------------------------------------------------


@transaction.atomic
def meeting_add(
    *,
    actor: User | None,
    project: Project,
    kind: str,
    date: datetime.date | None,
    title: str,
    attendees: str = "",
    minutes: str = "",
    is_example: bool = False,
) -> Meeting:
    _require(actor, project, "can_edit_plan")
    if date is None:
        raise ValidationError({"date": _("Et møte må ha en dato.")})
    fields = {
        "kind": kind,
        "date": date,
        "title": title,
        "attendees": attendees,
        "minutes": minutes,
        "is_example": is_example,
    }
    meeting = Meeting.objects.create(project=project, **fields)
    _audit(actor, meeting, Action.CREATE, _created(meeting, fields))
    _material_indexed(meeting_document_for, meeting.pk)
    return meeting


@transaction.atomic
def agenda_item_add(
    *,
    actor: User | None,
    meeting: Meeting,
    number: int,
    year: int,
    title: str,
    decision: str = "",
) -> AgendaItem:
    _require(actor, meeting.project, "can_edit_plan")
    if AgendaItem.objects.filter(
        meeting__project_id=meeting.project_id, number=number, year=year
    ).exists():
        raise ValidationError(
            {
                "number": _("Sak %(label)s finnes allerede i prosjektet.")
                % {"label": f"{number}/{year}"}
            }
        )
    fields = {"number": number, "year": year, "title": title, "decision": decision}
    item = AgendaItem.objects.create(meeting=meeting, **fields)
    project = meeting.project
    if decision and project.region is not None:
        # The region's decision log (knowledge) lists every decision across projects. Written as
        # the system: the project manager may hold no role in the region; who decided is audited
        # here, on the meeting.
        item.log_decision = decision_create(
            actor=None,
            region=project.region,
            body=_log_body(meeting),
            body_name=_log_body_name(meeting),
            date=meeting.date,
            case_number=item.label,
            title=title,
            text=decision,
            links=[project],
            is_example=meeting.is_example,
        )
        item.save(update_fields=["log_decision"])
    _audit(
        actor,
        meeting,
        Action.DECIDE if decision else Action.UPDATE,
        {"item": [None, str(item)], "decision": [None, decision]},
    )
    _material_indexed(meeting_document_for, meeting.pk)
    return item


def _log_body(meeting: Meeting) -> str:
    if meeting.kind == MeetingKind.STEERING_GROUP:
        return DecisionBody.STEERING_GROUP
    return DecisionBody.OTHER


def _log_body_name(meeting: Meeting) -> str:
    return f"{meeting.get_kind_display()}, {meeting.project.title}"[:200]


def _sync_log(item: AgendaItem) -> None:
    """Make the region's decision log show the item's decision as it now reads (ADR 83).

    The log's entry is a copy of the minutes, not a record of its own: a corrected minute corrects
    the copy (a new version of the `Decision`, audited there as written by the system; who changed
    it is audited on the item). An item that gets its first decision by an edit gets its copy now.
    """
    meeting = item.meeting
    project = meeting.project
    if project.region is None or not item.decision:
        return
    if item.log_decision is None:
        item.log_decision = decision_create(
            actor=None,
            region=project.region,
            body=_log_body(meeting),
            body_name=_log_body_name(meeting),
            date=meeting.date,
            case_number=item.label,
            title=item.title,
            text=item.decision,
            links=[project],
            is_example=meeting.is_example,
        )
        AgendaItem.objects.filter(pk=item.pk).update(log_decision=item.log_decision)
        return
    copy = Decision.objects.select_for_update().get(pk=item.log_decision.pk)
    decision_update(
        actor=None,
        decision=copy,
        body=_log_body(meeting),
        date=meeting.date,
        title=item.title,
        text=item.decision,
        case_number=item.label,
        body_name=_log_body_name(meeting),
        visibility=copy.visibility,
        documents=list(copy.documents.all()),
    )


# Edits and deletions of roles, budget lines and meetings ------------------------------------------
#
# Every edit claims the row's next version (a stale `expected_version` is a ConflictError: the form
# shows both versions, the API answers 409); a deletion claims it too, so nobody deletes what
# someone else has just changed. Each is audited on the object (its history) and on the project.


def _versioned_update(
    *,
    actor: User | None,
    instance: Any,
    project: Project,
    right: str,
    expected_version: int | None,
    fields: dict[str, Any],
) -> Any:
    _require(actor, project, right)
    changes = model_changes(instance, fields)
    if changes:
        version_claim(instance, expected_version=expected_version)
        instance.full_clean(exclude=["project", "meeting", "user"])
        instance.save(update_fields=[*changes, "version", "updated_at"])
        _audit(actor, instance, Action.UPDATE, changes)
    return instance


def _versioned_delete(
    *,
    actor: User | None,
    instance: Any,
    project: Project,
    right: str,
    expected_version: int | None,
) -> None:
    _require(actor, project, right)
    version_claim(instance, expected_version=expected_version)
    label = str(instance)
    _audit(actor, instance, Action.DELETE, {"deleted": [label, None]})
    _audit(
        actor,
        project,
        Action.UPDATE,
        {f"{instance._meta.model_name}_deleted": [label, None]},
    )
    instance.delete()


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


@transaction.atomic
def cost_line_update(
    *, actor: User | None, line: CostLine, expected_version: int | None, **fields: Any
) -> CostLine:
    updated: CostLine = _versioned_update(
        actor=actor,
        instance=line,
        project=line.project,
        right="can_edit_plan",
        expected_version=expected_version,
        fields=fields,
    )
    return updated


@transaction.atomic
def cost_line_delete(*, actor: User | None, line: CostLine, expected_version: int | None) -> None:
    _versioned_delete(
        actor=actor,
        instance=line,
        project=line.project,
        right="can_edit_plan",
        expected_version=expected_version,
    )


@transaction.atomic
def financing_update(
    *, actor: User | None, source: FinancingSource, expected_version: int | None, **fields: Any
) -> FinancingSource:
    updated: FinancingSource = _versioned_update(
        actor=actor,
        instance=source,
        project=source.project,
        right="can_edit_plan",
        expected_version=expected_version,
        fields=fields,
    )
    return updated


@transaction.atomic
def financing_delete(
    *, actor: User | None, source: FinancingSource, expected_version: int | None
) -> None:
    _versioned_delete(
        actor=actor,
        instance=source,
        project=source.project,
        right="can_edit_plan",
        expected_version=expected_version,
    )


@transaction.atomic
def meeting_update(
    *, actor: User | None, meeting: Meeting, expected_version: int | None, **fields: Any
) -> Meeting:
    if "date" in fields and fields["date"] is None:
        raise ValidationError({"date": _("Et møte må ha en dato.")})
    updated: Meeting = _versioned_update(
        actor=actor,
        instance=meeting,
        project=meeting.project,
        right="can_edit_plan",
        expected_version=expected_version,
        fields=fields,
    )
    for item in updated.items.exclude(log_decision=None).select_related("log_decision"):
        item.meeting = updated
        _sync_log(item)
    _material_indexed(meeting_document_for, updated.pk)
    return updated


@transaction.atomic
def meeting_delete(*, actor: User | None, meeting: Meeting, expected_version: int | None) -> None:
    """Delete a meeting and its items; decisions already copied to the region's log stay there."""
    meeting_pk = meeting.pk
    _versioned_delete(
        actor=actor,
        instance=meeting,
        project=meeting.project,
        right="can_edit_plan",
        expected_version=expected_version,
    )
    _unindexed(Kind.MEETING, meeting_pk)


@transaction.atomic
def agenda_item_update(
    *, actor: User | None, item: AgendaItem, expected_version: int | None, **fields: Any
) -> AgendaItem:
    number, year = fields.get("number", item.number), fields.get("year", item.year)
    if (
        AgendaItem.objects.filter(
            meeting__project_id=item.meeting.project_id, number=number, year=year
        )
        .exclude(pk=item.pk)
        .exists()
    ):
        raise ValidationError(
            {
                "number": _("Sak %(label)s finnes allerede i prosjektet.")
                % {"label": f"{number}/{year}"}
            }
        )
    if "decision" in fields and not fields["decision"] and item.log_decision_id is not None:
        raise ValidationError(
            {
                "decision": _(
                    "Vedtaket står i regionens vedtakslogg. Rett teksten i stedet for å tømme den."
                )
            }
        )
    updated: AgendaItem = _versioned_update(
        actor=actor,
        instance=item,
        project=item.meeting.project,
        right="can_edit_plan",
        expected_version=expected_version,
        fields=fields,
    )
    _sync_log(updated)
    _material_indexed(meeting_document_for, updated.meeting_id)
    return updated


@transaction.atomic
def agenda_item_delete(
    *, actor: User | None, item: AgendaItem, expected_version: int | None
) -> None:
    _versioned_delete(
        actor=actor,
        instance=item,
        project=item.meeting.project,
        right="can_edit_plan",
        expected_version=expected_version,
    )
    _material_indexed(meeting_document_for, item.meeting_id)


# Edits and deletions of activities and decision points (ADR 84) -------------------------------


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


# Agreements --------------------------------------------------------------------------------------


@transaction.atomic
def agreement_create(
    *,
    actor: User | None,
    project: Project,
    title: str,
    decision_point: DecisionPoint | None = None,
    text: str = "",
    date: datetime.date | None = None,
    is_example: bool = False,
) -> Agreement:
    """A new agreement with its first version (the text as proposed)."""
    _require(actor, project, "can_edit_plan")
    if decision_point is not None and decision_point.project_id != project.pk:
        raise ValidationError(
            {"decision_point": _("Beslutningspunktet hører til et annet prosjekt.")}
        )
    if date is None:
        raise ValidationError({"date": _("Oppgi datoen for versjonen.")})
    agreement = Agreement.objects.create(
        project=project, title=title, decision_point=decision_point, is_example=is_example
    )
    AgreementVersion.objects.create(agreement=agreement, number=1, date=date, text=text)
    _audit(
        actor,
        agreement,
        Action.CREATE,
        {"title": [None, title], "decision_point": [None, decision_point], "version": [None, 1]},
    )
    _material_indexed(agreement_document_for, agreement.pk)
    return agreement


@transaction.atomic
def agreement_update(
    *, actor: User | None, agreement: Agreement, expected_version: int | None, **fields: Any
) -> Agreement:
    """Change an agreement's title or adopting decision point; its versions stay as signed."""
    point = fields.get("decision_point")
    if point is not None and point.project_id != agreement.project_id:
        raise ValidationError(
            {"decision_point": _("Beslutningspunktet hører til et annet prosjekt.")}
        )
    updated: Agreement = _versioned_update(
        actor=actor,
        instance=agreement,
        project=agreement.project,
        right="can_edit_plan",
        expected_version=expected_version,
        fields=fields,
    )
    _material_indexed(agreement_document_for, updated.pk)
    return updated


def agreement_delete_refusal(agreement: Agreement) -> str:
    """Why an agreement may not be deleted ("" when it may): a signed version is a record (ADR 88)."""
    signed = (
        AgreementSignature.objects.filter(version__agreement=agreement)
        .values_list("version__number", flat=True)
        .distinct()
        .order_by("version__number")
    )
    numbers = [str(number) for number in signed]
    if not numbers:
        return ""
    return _(
        "Avtalen kan ikke slettes fordi versjon %(numbers)s er signert. En signatur er en del av "
        "arkivet; lag heller en ny versjon eller endre tittelen."
    ) % {"numbers": ", ".join(numbers)}


@transaction.atomic
def agreement_delete(
    *, actor: User | None, agreement: Agreement, expected_version: int | None
) -> None:
    """Delete an agreement nobody has signed, with its versions (ADR 88); a signed one stays."""
    _require(actor, agreement.project, "can_edit_plan")
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)  # no signature meanwhile
    refusal = agreement_delete_refusal(locked)
    if refusal:
        raise ValidationError(refusal)
    agreement_pk = agreement.pk
    _versioned_delete(
        actor=actor,
        instance=agreement,
        project=agreement.project,
        right="can_edit_plan",
        expected_version=expected_version,
    )
    _unindexed(Kind.AGREEMENT, agreement_pk)


@transaction.atomic
def agreement_version_add(
    *,
    actor: User | None,
    agreement: Agreement,
    date: datetime.date | None,
    text: str = "",
    changes: str = "",
) -> AgreementVersion:
    """The next version (numbered under a lock, so two at once get 2 and 3, never 2 twice)."""
    _require(actor, agreement.project, "can_edit_plan")
    if date is None:
        raise ValidationError({"date": _("Oppgi datoen for versjonen.")})
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    last = locked.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = AgreementVersion.objects.create(
        agreement=locked, number=last + 1, date=date, text=text, changes=changes
    )
    version_claim(locked, expected_version=None)
    locked.save(update_fields=["version", "updated_at"])
    _audit(
        actor,
        locked,
        Action.UPDATE,
        {"version": [last or None, last + 1], "changes": [None, changes]},
    )
    _material_indexed(agreement_document_for, locked.pk)
    return version


@transaction.atomic
def agreement_sign(
    *,
    actor: User | None,
    version: AgreementVersion,
    municipality: Municipality,
    signed_on: datetime.date | None,
    signed_by: str,
    is_example: bool = False,
) -> AgreementSignature:
    """Record that a participating municipality signed this version (once; "already signed")."""
    agreement = (
        Agreement.objects.select_for_update().select_related("project").get(pk=version.agreement_id)
    )
    _require(actor, agreement.project, "can_edit_plan")
    if not agreement.project.municipalities.filter(pk=municipality.pk).exists():
        raise ValidationError({"municipality": _("Kommunen deltar ikke i prosjektet.")})
    if signed_on is None:
        raise ValidationError({"signed_on": _("Oppgi datoen avtalen ble signert.")})
    if not signed_by.strip():
        raise ValidationError({"signed_by": _("Skriv hvem som signerte.")})
    if version.signatures.filter(municipality=municipality).exists():
        raise ConflictError(
            _("%(name)s har allerede signert versjon %(number)s.")
            % {"name": municipality.name, "number": version.number}
        )
    signature = AgreementSignature.objects.create(
        version=version,
        municipality=municipality,
        signed_on=signed_on,
        signed_by=signed_by,
        recorded_by=actor,
        is_example=is_example,
    )
    version_claim(agreement, expected_version=None)
    agreement.save(update_fields=["version", "updated_at"])
    _audit(
        actor,
        agreement,
        Action.APPROVE,
        {
            "signed": [None, municipality.name],
            "version": [None, version.number],
            "signed_on": [None, signed_on],
            "signed_by": [None, signed_by],
        },
    )
    return signature


# Status reports -----------------------------------------------------------------------------------


@transaction.atomic
def status_report_create(
    *,
    actor: User | None,
    project: Project,
    period_start: datetime.date | None,
    period_end: datetime.date | None,
    status: str,
    explanation: str,
    is_example: bool = False,
) -> StatusReport:
    """The project manager's report for a period; freezes the plan and budget as they are now."""
    _require(actor, project, "can_edit_plan")
    errors: dict[str, str] = {}
    if period_start is None:
        errors["period_start"] = _("Oppgi når perioden begynner.")
    if period_end is None:
        errors["period_end"] = _("Oppgi når perioden slutter.")
    elif period_start is not None and period_end < period_start:
        errors["period_end"] = _("Perioden kan ikke slutte før den begynner.")
    if not explanation.strip():
        errors["explanation"] = _("Forklar statusen med noen setninger.")
    if errors or period_start is None or period_end is None:
        raise ValidationError(errors)
    Project.objects.select_for_update().filter(pk=project.pk).first()  # one report at a time
    report = StatusReport.objects.create(
        project=project,
        period_start=period_start,
        period_end=period_end,
        status=status,
        explanation=explanation,
        snapshot=report_snapshot(project, on=period_end),
        created_by=actor,
        is_example=is_example,
    )
    _audit(
        actor,
        report,
        Action.CREATE,
        {
            "period": [None, f"{period_start}–{period_end}"],
            "status": [None, status],
            "explanation": [None, explanation],
        },
    )
    _audit(actor, project, Action.UPDATE, {"status_report": [None, str(report)]})
    _material_indexed(status_report_document_for, report.pk)
    return report


REPORT_EDITABLE = frozenset({"status", "explanation"})


@transaction.atomic
def status_report_update(
    *, actor: User | None, report: StatusReport, expected_version: int | None, **fields: Any
) -> StatusReport:
    """Correct a report's status or explanation; its period and frozen snapshot stay (ADR 89)."""
    unknown = set(fields) - REPORT_EDITABLE
    if unknown:
        raise ValidationError(
            _("Bare status og forklaring kan endres i en statusrapport (ikke %(fields)s).")
            % {"fields": ", ".join(sorted(unknown))}
        )
    if "explanation" in fields and not str(fields["explanation"]).strip():
        raise ValidationError({"explanation": _("Forklar statusen med noen setninger.")})
    updated: StatusReport = _versioned_update(
        actor=actor,
        instance=report,
        project=report.project,
        right="can_edit_plan",
        expected_version=expected_version,
        fields=fields,
    )
    _material_indexed(status_report_document_for, updated.pk)
    return updated


# Cost-allocation keys ------------------------------------------------------------------------------


@transaction.atomic
def cost_key_update(
    *, actor: User | None, key: CostKey, expected_version: int | None, **fields: Any
) -> CostKey:
    """Change a key's name, weights, population date or other figures (the same rules as a new
    key: the weights add up to 100). A chosen key stays chosen; the shares follow the new key."""
    merged = {
        name: fields.get(name, getattr(key, name))
        for name in (
            "equal_percent",
            "population_percent",
            "other_percent",
            "population_date",
            "other_figures",
        )
    }
    merged["other_figures"] = merged["other_figures"] or {}
    if "other_figures" in fields:
        fields["other_figures"] = merged["other_figures"]
    errors = _key_errors(**merged, municipalities=list(key.project.municipalities.all()))
    if errors:
        raise ValidationError(errors)
    updated: CostKey = _versioned_update(
        actor=actor,
        instance=key,
        project=key.project,
        right="can_edit_plan",
        expected_version=expected_version,
        fields=fields,
    )
    return updated
