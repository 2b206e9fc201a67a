"""Challenges and stages: create, edit, move between stages (with their conditions) and join
as an owning municipality; public ones are kept in the search index."""

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.audit.services import audit_record, model_changes
from samspill.challenges import search as challenge_search
from samspill.challenges.models import TRANSITIONS, Challenge, ChallengeOwner, Pilot, Stage
from samspill.challenges.services._common import A, StageError, _locked, _now, _require_manager
from samspill.challenges.services.assessment import outcomes_notify
from samspill.core.concurrency import version_claim
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.regions.models import Municipality
from samspill.search.models import Kind
from samspill.search.services import index_remove, index_update

CHALLENGE_FIELDS = (
    "title",
    "problem",
    "affected",
    "cost_today",
    "good_result",
    "measurement",
    "area",
    "budget_estimate",
    "timeline",
    "procurement_route",
    "tender_url",
    "answer_deadline",
)
# The need statement can be edited until answers open; after that only these may change.
LATE_EDITABLE = ("timeline", "tender_url")


def _index(challenge: Challenge) -> None:
    if challenge.is_public:
        index_update(challenge_search.challenge_document(challenge))
    else:
        index_remove(kind=Kind.CHALLENGE, object_id=challenge.pk)


# Challenges ------------------------------------------------------------------------------------


def challenge_create(
    *, actor: User, municipalities: Sequence[Municipality], is_example: bool = False, **fields: Any
) -> Challenge:
    """A new draft owned by `municipalities`; the actor must speak for every one of them."""
    if not municipalities:
        raise ValidationError({"municipalities": _("Velg minst én eierkommune.")})
    access = access_for(user=actor)
    for municipality in municipalities:
        if not access.can_edit_municipality(municipality.pk):
            raise PermissionDeniedError(
                _("Du kan ikke opprette utfordringer for %(name)s.") % {"name": municipality.name}
            )
    data = {key: fields.get(key) for key in CHALLENGE_FIELDS if key in fields}
    with transaction.atomic():
        challenge = Challenge(created_by=actor, is_example=is_example, **data)
        challenge.full_clean()
        challenge.save()
        for municipality in municipalities:
            ChallengeOwner.objects.create(challenge=challenge, municipality=municipality)
        audit_record(
            actor=actor,
            subject=challenge,
            action=A.CREATE,
            changes={
                **{key: [None, value] for key, value in data.items()},
                "municipalities": [None, [m.number for m in municipalities]],
            },
        )
    return challenge


def challenge_update(
    *, actor: User, challenge: Challenge, expected_version: int | None = None, **fields: Any
) -> Challenge:
    """Edit the need statement (all of it until answers open; then only timeline and notice)."""
    _require_manager(actor, challenge)
    with transaction.atomic():
        locked = _locked(challenge)
        allowed = (
            CHALLENGE_FIELDS if locked.stage in (Stage.DRAFT, Stage.DIALOGUE) else LATE_EDITABLE
        )
        refused = [
            key
            for key in fields
            if key not in allowed
            and key in CHALLENGE_FIELDS
            and fields[key] != getattr(locked, key)
        ]
        if refused:
            raise StageError(_("Behovsbeskrivelsen er låst etter at utfordringen åpnet for svar."))
        changes = model_changes(locked, {k: v for k, v in fields.items() if k in allowed})
        if not changes:
            return locked
        locked.full_clean()
        version_claim(locked, expected_version=expected_version)
        locked.save()
        audit_record(actor=actor, subject=locked, action=A.UPDATE, changes=changes)
        _index(locked)
    return locked


def challenge_transition(
    *,
    actor: User,
    challenge: Challenge,
    to: str,
    reason: str = "",
    now: datetime.datetime | None = None,
    expected_version: int | None = None,
) -> Challenge:
    """Move the challenge one stage on, checking the stage's conditions on the locked row."""
    _require_manager(actor, challenge)
    moment = _now(now)
    with transaction.atomic():
        locked = _locked(challenge)
        if locked.stage == to:
            raise StageError(
                _("Utfordringen er allerede i fasen «%(stage)s».")
                % {"stage": locked.get_stage_display()}
            )
        if to not in TRANSITIONS[locked.stage]:
            raise StageError(
                _("Utfordringen kan ikke gå fra «%(from)s» til «%(to)s».")
                % {"from": locked.get_stage_display(), "to": Stage(to).label}
            )
        _check_stage_conditions(locked, to, moment, reason)
        before = locked.stage
        locked.stage = to
        locked.stage_changed_at = moment
        version_claim(locked, expected_version=expected_version)
        locked.save(update_fields=["stage", "stage_changed_at", "version", "updated_at"])
        audit_record(
            actor=actor,
            subject=locked,
            action=A.TRANSITION,
            changes={"stage": [before, to], **({"reason": reason} if reason else {})},
        )
        _index(locked)
    if to == Stage.PILOT:
        outcomes_notify(actor=actor, challenge=locked, now=moment)
    return locked


def _check_stage_conditions(
    challenge: Challenge, to: str, moment: datetime.datetime, reason: str
) -> None:
    if to == Stage.STOPPED and not reason.strip():
        raise ValidationError({"reason": _("Skriv hvorfor utfordringen stanses.")})
    if to == Stage.ANSWERS:
        total = sum(c.weight for c in challenge.criteria.all())
        if total != 100:
            raise ValidationError(
                _(
                    "Kriteriene må være satt før utfordringen åpner for svar, og vektene må bli "
                    "100 %% til sammen (nå %(total)s %%)."
                )
                % {"total": total}
            )
        if challenge.answer_deadline is None or challenge.answer_deadline <= moment:
            raise ValidationError(
                _("Sett en svarfrist fram i tid før utfordringen åpner for svar.")
            )
    if to == Stage.ASSESSMENT and (
        challenge.answer_deadline is None or moment < challenge.answer_deadline
    ):
        raise ValidationError(_("Vurderingen kan først starte når svarfristen er ute."))
    if to == Stage.PILOT and not challenge.pilots.exists():
        raise ValidationError(_("Velg minst ett svar til pilot først."))
    if to == Stage.SCALE_UP and not challenge.pilots.filter(decision=Pilot.Decision.SCALE_UP):
        raise ValidationError(_("Oppskalering krever en pilot med beslutningen «oppskalere»."))


def challenge_join(
    *, actor: User, challenge: Challenge, municipality: Municipality
) -> ChallengeOwner:
    """Another municipality joins as an owner (its own people decide that)."""
    if not access_for(user=actor).can_edit_municipality(municipality.pk):
        raise PermissionDeniedError(_("Du kan ikke melde inn denne kommunen."))
    with transaction.atomic():
        locked = _locked(challenge)
        if locked.stage in (Stage.SCALE_UP, Stage.STOPPED):
            raise StageError(_("Utfordringen er avsluttet."))
        owner, created = ChallengeOwner.objects.get_or_create(
            challenge=locked, municipality=municipality
        )
        if not created:
            raise ConflictError(_("Kommunen er allerede med."))
        audit_record(
            actor=actor,
            subject=locked,
            action=A.UPDATE,
            changes={"municipalities": ["+", municipality.number]},
        )
        _index(locked)
    return owner
