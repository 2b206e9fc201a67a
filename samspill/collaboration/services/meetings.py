"""Collaboration writes, meetings and their agenda: an item's decision is copied to the region's
decision log (ADR 83)."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.collaboration.models import AgendaItem, Meeting, MeetingKind, Project
from samspill.collaboration.search import meeting_document_for
from samspill.collaboration.services._common import (
    Action,
    _audit,
    _created,
    _material_indexed,
    _require,
    _unindexed,
    _versioned_delete,
    _versioned_update,
)
from samspill.knowledge.models import Decision, DecisionBody
from samspill.knowledge.services import decision_create, decision_update
from samspill.search.models import Kind


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
