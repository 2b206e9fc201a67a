"""Assessment and panel: the assessor panel (ADR 92), criteria, conflict declarations, scores,
choosing answers for a pilot and the outcome notices and mails to suppliers."""

import datetime
import functools
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.audit.services import audit_record
from samspill.challenges.models import (
    Answer,
    Challenge,
    ChallengeAssessor,
    ConflictDeclaration,
    Criterion,
    Pilot,
    Score,
    Stage,
)
from samspill.challenges.selectors import (
    can_assess,
    conflicted_answer_ids,
    declaration_of,
    mail_language_for,
    panel_candidates,
)
from samspill.challenges.services._common import (
    A,
    StageError,
    _absolute,
    _locked,
    _now,
    _require_manager,
    _require_stage,
)
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.core.mail import mail_send

# The assessor panel (ADR 92) ---------------------------------------------------------------------


def panel_add(*, actor: User, challenge: Challenge, user: User) -> ChallengeAssessor:
    """Put a person with a role in an owning municipality on the challenge's assessor panel.

    The first member narrows the assessors from everyone the owners' roles allow to the panel, so
    it is refused once anyone else has scored (they would lose the answers they scored)."""
    _require_manager(actor, challenge)
    if user.pk not in {candidate.pk for candidate in panel_candidates(challenge=challenge)}:
        raise ValidationError(
            {"user": _("Bare folk med en rolle i en eierkommune kan være vurderere.")}
        )
    with transaction.atomic():
        locked = _locked(challenge)
        if locked.panel.filter(user=user).exists():
            raise ConflictError(_("%(name)s er allerede i panelet.") % {"name": _name(user)})
        if (
            not locked.panel.exists()
            and Score.objects.filter(answer__challenge=locked, assessor__isnull=False)
            .exclude(assessor=user)
            .exists()
        ):
            raise ConflictError(
                _(
                    "Andre vurderere har allerede gitt poeng. Et panel kan ikke settes etter at "
                    "vurderingen har begynt uten dem."
                )
            )
        member = ChallengeAssessor.objects.create(challenge=locked, user=user, added_by=actor)
        audit_record(
            actor=actor,
            subject=locked,
            action=A.UPDATE,
            changes={"assessors": ["+", user.username]},
        )
    return member


def panel_remove(*, actor: User, challenge: Challenge, user: User) -> str:
    """Take a person off the panel (returns their name); refused once they have scored an answer
    of the challenge (their scores stay part of the record and must stay readable to them)."""
    _require_manager(actor, challenge)
    with transaction.atomic():
        locked = _locked(challenge)
        member = locked.panel.select_for_update().filter(user=user).first()
        if member is None:
            raise ConflictError(_("%(name)s er ikke i panelet.") % {"name": _name(user)})
        if Score.objects.filter(answer__challenge=locked, assessor=user).exists():
            raise ConflictError(
                _("%(name)s har gitt poeng og kan ikke tas ut av panelet.") % {"name": _name(user)}
            )
        member.delete()
        audit_record(
            actor=actor,
            subject=locked,
            action=A.UPDATE,
            changes={"assessors": ["-", user.username]},
        )
    return _name(user)


def _name(user: User) -> str:
    return user.get_full_name() or user.username


@dataclass(frozen=True)
class CriterionRow:
    name: str
    weight: int
    description: str = ""


def criteria_set(
    *, actor: User, challenge: Challenge, rows: Iterable[CriterionRow]
) -> list[Criterion]:
    """Replace the criteria; only before answers open, and the weights must add up to 100 %."""
    _require_manager(actor, challenge)
    wanted = [row for row in rows if row.name.strip()]
    total = sum(row.weight for row in wanted)
    if total != 100:
        raise ValidationError(
            _("Vektene må bli 100 %% til sammen. Nå blir de %(total)s %%.") % {"total": total}
        )
    if any(row.weight < 1 or row.weight > 100 for row in wanted):
        raise ValidationError(_("Hver vekt må være mellom 1 og 100 %."))
    with transaction.atomic():
        locked = _locked(challenge)
        if locked.stage not in (Stage.DRAFT, Stage.DIALOGUE):
            raise StageError(_("Kriteriene er låst etter at utfordringen åpnet for svar."))
        before = [[c.name, c.weight] for c in locked.criteria.all()]
        locked.criteria.all().delete()
        for row in wanted:
            Criterion.objects.create(
                challenge=locked,
                name=row.name.strip(),
                weight=row.weight,
                description=row.description.strip(),
            )
        audit_record(
            actor=actor,
            subject=locked,
            action=A.UPDATE,
            changes={"criteria": [before, [[r.name, r.weight] for r in wanted]]},
        )
    return list(locked.criteria.all())


# Assessment ------------------------------------------------------------------------------------


def _require_assessable(actor: User, answer: Answer) -> None:
    _require_manager(actor, answer.challenge)
    if not can_assess(user=actor, challenge=answer.challenge):
        raise PermissionDeniedError(_("Bare vurderingspanelet kan vurdere svarene."))
    if answer.status != Answer.Status.SUBMITTED:
        raise StageError(_("Svaret er trukket."))
    answer.challenge.refresh_from_db(fields=["stage"])  # the stage as saved, not as loaded
    _require_stage(answer.challenge, Stage.ASSESSMENT)


def conflict_declare(
    *, actor: User, answer: Answer, has_conflict: bool, note: str = ""
) -> ConflictDeclaration:
    """Declare (once) whether the assessor has a conflict of interest for this answer."""
    _require_assessable(actor, answer)
    with transaction.atomic():
        declaration, created = ConflictDeclaration.objects.get_or_create(
            answer=answer, assessor=actor, defaults={"has_conflict": has_conflict, "note": note}
        )
        if not created:
            raise ConflictError(_("Du har allerede levert habilitetserklæring for dette svaret."))
        audit_record(
            actor=actor,
            subject=answer,
            action=A.SUBMIT,
            changes={"conflict_of_interest": has_conflict, "note": note},
        )
    return declaration


def score_record(
    *,
    actor: User,
    answer: Answer,
    criterion: Criterion,
    value: int,
    justification: str,
    joint: bool = False,
) -> Score:
    """An assessor's own score (after declaring no conflict), or the joint score (`joint`)."""
    _require_assessable(actor, answer)
    if answer.pk in conflicted_answer_ids(user=actor):
        raise PermissionDeniedError(_("Du har meldt deg inhabil for dette svaret."))
    if not joint:
        declaration = declaration_of(user=actor, answer=answer)
        if declaration is None:
            raise PermissionDeniedError(_("Lever habilitetserklæringen før du vurderer."))
    if criterion.challenge_id != answer.challenge_id:
        raise ValidationError(_("Kriteriet hører til en annen utfordring."))
    if not 0 <= value <= 10:
        raise ValidationError({"value": _("Poeng gis fra 0 til 10.")})
    if not justification.strip():
        raise ValidationError({"justification": _("Begrunn poengene.")})
    with transaction.atomic():
        score = (
            Score.objects.select_for_update()
            .filter(answer=answer, criterion=criterion, assessor=None if joint else actor)
            .first()
        )
        before = [score.value, score.justification] if score else None
        if score is None:
            score = Score(answer=answer, criterion=criterion, assessor=None if joint else actor)
        score.value = value
        score.justification = justification.strip()
        score.recorded_by = actor
        score.save()
        audit_record(
            actor=actor,
            subject=answer,
            action=A.SCORE,
            changes={
                "criterion": criterion.name,
                "joint": joint,
                "score": [before, [value, justification.strip()]],
            },
        )
    return score


def pilot_select(*, actor: User, answer: Answer, reason: str) -> Pilot:
    """Choose an answer for a pilot, with the reason recorded."""
    _require_assessable(actor, answer)
    if answer.pk in conflicted_answer_ids(user=actor):
        raise PermissionDeniedError(_("Du har meldt deg inhabil for dette svaret."))
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv hvorfor dette svaret velges til pilot.")})
    with transaction.atomic():
        locked = Answer.objects.select_for_update().get(pk=answer.pk)
        if locked.outcome == Answer.Outcome.SELECTED:
            raise ConflictError(_("Svaret er allerede valgt til pilot."))
        locked.outcome = Answer.Outcome.SELECTED
        locked.outcome_reason = reason.strip()
        locked.save(update_fields=["outcome", "outcome_reason", "updated_at"])
        pilot = Pilot.objects.create(
            challenge=locked.challenge,
            answer=locked,
            selection_reason=reason.strip(),
            success_measures=locked.challenge.measurement,
            is_example=locked.is_example,
        )
        audit_record(
            actor=actor,
            subject=locked,
            action=A.DECIDE,
            changes={
                "outcome": [Answer.Outcome.PENDING, Answer.Outcome.SELECTED],
                "reason": reason,
            },
        )
    return pilot


def outcomes_notify(
    *, actor: User | None, challenge: Challenge, now: datetime.datetime | None = None
) -> int:
    """Tell every supplier that answered the outcome (on their page at once; by mail through the
    task queue after the commit); answers not chosen become "not selected"."""
    from samspill.challenges.tasks import outcome_mail  # the task module imports us

    moment = _now(now)
    told = 0
    with transaction.atomic():
        answers = list(
            Answer.objects.select_for_update(of=("self",))
            .filter(challenge=challenge, status=Answer.Status.SUBMITTED, outcome_notified_at=None)
            .select_related("submitted_by")
        )
        for answer in answers:
            if answer.outcome == Answer.Outcome.PENDING:
                answer.outcome = Answer.Outcome.NOT_SELECTED
            answer.outcome_notified_at = moment
            answer.save(update_fields=["outcome", "outcome_notified_at", "updated_at"])
            audit_record(
                actor=actor,
                subject=answer,
                action=A.SEND,
                changes={"outcome": answer.outcome, "mail": "queued"},
            )
            transaction.on_commit(functools.partial(outcome_mail.enqueue, answer.pk))
            told += 1
    return told


def outcome_mail_send(*, answer_id: int, now: datetime.datetime | None = None) -> bool:
    """Mail one supplier its outcome, once (locked row, marked in the same transaction; a mail
    failure is raised and rolls back). False when already mailed, not yet told, or no address."""
    with transaction.atomic():
        answer = (
            Answer.objects.select_for_update(of=("self",))
            .filter(pk=answer_id, outcome_notified_at__isnull=False, outcome_mailed_at__isnull=True)
            .select_related("submitted_by", "challenge")
            .first()
        )
        if answer is None:
            return False
        person = answer.submitted_by
        email = person.email if person else ""
        if person is not None and email:
            language = mail_language_for(user=person)
            with translation.override(language):
                text = (
                    _("Svaret deres ble valgt til pilot.")
                    if answer.outcome == Answer.Outcome.SELECTED
                    else _("Svaret deres ble ikke valgt til pilot denne gangen. Takk for svaret.")
                )
                mail_send(
                    message=EmailMessage(
                        subject=_("Utfall: %(title)s") % {"title": answer.challenge.title},
                        body=f"{text}\n\n{_absolute(answer.challenge.get_absolute_url())}",
                        to=[email],
                        headers={"Content-Language": language},
                    )
                )
        answer.outcome_mailed_at = _now(now)
        answer.save(update_fields=["outcome_mailed_at", "updated_at"])
        audit_record(
            actor=None, subject=answer, action=A.SEND, changes={"outcome mailed": bool(email)}
        )
    return bool(email)
