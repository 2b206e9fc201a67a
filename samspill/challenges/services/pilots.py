"""Pilots: updates, milestones (add, report, edit, delete), the decision after a pilot and
municipalities joining it."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.audit.services import audit_record, model_changes
from samspill.challenges.models import Milestone, Pilot, Stage
from samspill.challenges.services._common import A, StageError, _now, _require_manager
from samspill.challenges.services.challenges import challenge_transition
from samspill.challenges.services.suppliers import reference_add
from samspill.core.concurrency import version_claim
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.regions.models import Municipality

# Pilots ----------------------------------------------------------------------------------------


def pilot_update(
    *, actor: User, pilot: Pilot, expected_version: int | None = None, **fields: Any
) -> Pilot:
    _require_manager(actor, pilot.challenge)
    allowed = ("plan", "success_measures", "starts_on", "ends_on", "results")
    with transaction.atomic():
        locked = Pilot.objects.select_for_update().get(pk=pilot.pk)
        if locked.decision == Pilot.Decision.STOP or locked.decision == Pilot.Decision.SCALE_UP:
            raise StageError(_("Piloten er avsluttet."))
        changes = model_changes(locked, {k: v for k, v in fields.items() if k in allowed})
        if not changes:
            return locked
        version_claim(locked, expected_version=expected_version)
        locked.save()
        audit_record(actor=actor, subject=locked, action=A.UPDATE, changes=changes)
    return locked


def milestone_add(*, actor: User, pilot: Pilot, title: str, due_on: datetime.date) -> Milestone:
    _require_manager(actor, pilot.challenge)
    with transaction.atomic():
        milestone = Milestone.objects.create(pilot=pilot, title=title, due_on=due_on)
        audit_record(
            actor=actor,
            subject=pilot,
            action=A.CREATE,
            changes={"milestone": [None, {"title": title, "due_on": due_on}]},
        )
    return milestone


def milestone_report(*, actor: User, milestone: Milestone, done: bool, result: str) -> Milestone:
    _require_manager(actor, milestone.pilot.challenge)
    with transaction.atomic():
        changes = model_changes(milestone, {"done": done, "result": result})
        version_claim(milestone, expected_version=None)  # an open edit form sees the change
        milestone.save()
        audit_record(
            actor=actor,
            subject=milestone.pilot,
            action=A.UPDATE,
            changes={"milestone": milestone.title, **changes},
        )
    return milestone


def milestone_update(
    *,
    actor: User,
    milestone: Milestone,
    expected_version: int | None,
    title: str,
    due_on: datetime.date,
    done: bool,
    result: str,
) -> Milestone:
    """Change a milestone (conflict-safe: the version the form loaded must still be current)."""
    _require_manager(actor, milestone.pilot.challenge)
    if not title.strip():
        raise ValidationError({"title": _("Skriv hva milepælen er.")})
    with transaction.atomic():
        locked = Milestone.objects.select_for_update().filter(pk=milestone.pk).first()
        if locked is None:
            raise ConflictError(_("Milepælen er slettet av noen andre."))
        changes = model_changes(
            locked, {"title": title, "due_on": due_on, "done": done, "result": result}
        )
        if not changes:
            return locked
        version_claim(locked, expected_version=expected_version)
        locked.save()
        audit_record(
            actor=actor,
            subject=locked.pilot,
            action=A.UPDATE,
            changes={"milestone": locked.title, **changes},
        )
    return locked


def milestone_delete(*, actor: User, milestone: Milestone, expected_version: int | None) -> str:
    """Delete a milestone, unless someone changed it since the page was loaded; returns its title."""
    _require_manager(actor, milestone.pilot.challenge)
    with transaction.atomic():
        locked = Milestone.objects.select_for_update().filter(pk=milestone.pk).first()
        if locked is None:
            raise ConflictError(_("Milepælen er allerede slettet."))
        if expected_version is not None and locked.version != expected_version:
            raise ConflictError(
                _("Milepælen er endret av noen andre siden du åpnet siden. Se over og prøv igjen.")
            )
        title = locked.title
        pilot = locked.pilot
        locked.delete()
        audit_record(
            actor=actor,
            subject=pilot,
            action=A.DELETE,
            changes={"milestone": [{"title": title, "due_on": locked.due_on}, None]},
        )
    return title


def pilot_decide(
    *,
    actor: User,
    pilot: Pilot,
    decision: str,
    reason: str,
    route: str = "",
    expected_version: int | None = None,
    now: datetime.datetime | None = None,
) -> Pilot:
    """The end decision: scale up (with the procurement route), extend, or stop (with reason)."""
    _require_manager(actor, pilot.challenge)
    if decision not in (Pilot.Decision.SCALE_UP, Pilot.Decision.EXTEND, Pilot.Decision.STOP):
        raise ValidationError({"decision": _("Velg en beslutning.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv begrunnelsen for beslutningen.")})
    if decision == Pilot.Decision.SCALE_UP and not route:
        raise ValidationError({"route": _("Oppgi anskaffelsesveien for oppskaleringen.")})
    moment = _now(now)
    with transaction.atomic():
        locked = (
            Pilot.objects.select_for_update(of=("self",))
            .select_related("answer__supplier")
            .get(pk=pilot.pk)
        )
        if locked.decision in (Pilot.Decision.SCALE_UP, Pilot.Decision.STOP):
            raise ConflictError(_("Piloten er allerede avgjort."))
        before = locked.decision
        version_claim(locked, expected_version=expected_version)
        locked.decision = decision
        locked.decision_reason = reason.strip()
        locked.decision_route = route if decision == Pilot.Decision.SCALE_UP else ""
        locked.decided_at = moment
        locked.ended = decision != Pilot.Decision.EXTEND
        locked.save()
        audit_record(
            actor=actor,
            subject=locked,
            action=A.DECIDE,
            changes={"decision": [before, decision], "reason": reason, "route": route},
        )
        if decision in (Pilot.Decision.SCALE_UP, Pilot.Decision.EXTEND):
            owners = ", ".join(m.name for m in locked.challenge.municipalities.all())
            reference_add(
                actor=None,
                supplier=locked.answer.supplier,
                title=_("Pilot: %(title)s") % {"title": locked.challenge.title},
                customer=owners,
                year=timezone.localdate(moment).year,
                description=locked.results,
                pilot=locked,
            )
    if decision == Pilot.Decision.SCALE_UP and locked.challenge.stage == Stage.PILOT:
        challenge_transition(actor=actor, challenge=locked.challenge, to=Stage.SCALE_UP, now=moment)
    return locked


def pilot_join(*, actor: User, pilot: Pilot, municipality: Municipality) -> Pilot:
    """Another municipality joins a successful pilot (decided: scale up or extend)."""
    if not access_for(user=actor).can_edit_municipality(municipality.pk):
        raise PermissionDeniedError(_("Du kan ikke melde inn denne kommunen."))
    if pilot.decision not in (Pilot.Decision.SCALE_UP, Pilot.Decision.EXTEND):
        raise StageError(_("Andre kommuner kan bli med når piloten er vurdert som vellykket."))
    with transaction.atomic():
        if pilot.participants.filter(pk=municipality.pk).exists():
            raise ConflictError(_("Kommunen er allerede med."))
        pilot.participants.add(municipality)
        audit_record(
            actor=actor,
            subject=pilot,
            action=A.UPDATE,
            changes={"participants": ["+", municipality.number]},
        )
    return pilot
