"""Casework services: assigning an inquiry, notes and status changes."""

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.audit.services import audit_record, model_changes
from samspill.core.concurrency import version_claim
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.inquiries import notify as inquiries_notify
from samspill.inquiries import search as inquiry_search
from samspill.inquiries.exceptions import InquiryClosedError
from samspill.inquiries.models import Inquiry, InquiryNote
from samspill.inquiries.selectors import (
    advisers_by_ids,
    can_assign,
    can_follow_up,
    region_municipalities,
)
from samspill.notifications.services import notify
from samspill.regions.models import Municipality
from samspill.search.services import index_update


def _lock_open_inquiry(inquiry: Inquiry, *, expected_version: int | None) -> Inquiry:
    """Lock the inquiry's row for this transaction and check it may still change.

    Two transitions at once queue on the row lock; the second reads the first's result, so it
    gets "already closed" (or, with the version it saw, "changed meanwhile") instead of a second
    outcome. The caller's object is refreshed with what is saved.
    """
    locked = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    for name in ("status", "version", "first_response_at", "closed_at"):
        setattr(inquiry, name, getattr(locked, name))
    if locked.is_closed:
        raise InquiryClosedError(
            _("Henvendelsen er allerede avsluttet ({status}).").format(
                status=locked.get_status_display()
            ),
            current_version=locked.version,
        )
    if expected_version is not None and expected_version != locked.version:
        raise ConflictError(
            _(
                "Henvendelsen er endret av noen andre i mellomtiden (status nå: {status}). "
                "Se over og prøv igjen."
            ).format(status=locked.get_status_display()),
            current_version=locked.version,
        )
    return locked


@transaction.atomic
def inquiry_assign(
    *,
    inquiry: Inquiry,
    advisers: Sequence[User],
    actor: User,
    expected_version: int | None = None,
) -> Inquiry:
    """A coordinator assigns the inquiry to one or more advisers anywhere in the region.

    Atomic (row lock): a closed inquiry raises InquiryClosedError, one changed since the
    coordinator loaded it (`expected_version`) ConflictError.
    """
    if not can_assign(user=actor, inquiry=inquiry):
        raise PermissionDeniedError(_("Bare regionens koordinatorer kan tildele henvendelser."))
    _lock_open_inquiry(inquiry, expected_version=expected_version)
    allowed = advisers_by_ids(region=inquiry.region, ids=[a.pk for a in advisers])
    if not advisers or len(allowed) != len({a.pk for a in advisers}):
        raise ValidationError({"advisers": [_("Velg rådgivere som jobber i regionen.")]})
    before = sorted(str(a) for a in inquiry.assigned_advisers.all())
    before_ids = set(inquiry.assigned_advisers.values_list("pk", flat=True))
    inquiry.assigned_advisers.set(allowed)
    changes: dict[str, Any] = {"assigned_advisers": [before, sorted(str(a) for a in allowed)]}
    if inquiry.status == Inquiry.Status.NEW:
        changes["status"] = [inquiry.status, Inquiry.Status.ASSIGNED]
        inquiry.status = Inquiry.Status.ASSIGNED
    if inquiry.first_response_at is None:
        inquiry.first_response_at = timezone.now()
    version_claim(inquiry, expected_version=None)  # the row is locked: no one else is writing
    inquiry.save(update_fields=["status", "first_response_at", "version", "updated_at"])
    audit_record(actor=actor, subject=inquiry, action="update", changes=changes)
    index_update(inquiry_search.inquiry_document_for(inquiry.pk))  # the advisers may find it now
    newly = [adviser for adviser in allowed if adviser.pk not in before_ids]
    notify(inquiry, inquiries_notify.ASSIGNED, actor, recipients=newly)
    return inquiry


@transaction.atomic
def inquiry_note_add(
    *,
    inquiry: Inquiry,
    actor: User,
    text: str,
    next_step: str = "",
    due_date: datetime.date | None = None,
) -> InquiryNote:
    """A dated note on the follow-up, with an optional next step and due date."""
    if not can_follow_up(user=actor, inquiry=inquiry):
        raise PermissionDeniedError(_("Du følger ikke opp denne henvendelsen."))
    if due_date is not None and not next_step.strip():
        raise ValidationError({"next_step": [_("Beskriv neste steg når du setter en frist.")]})
    note = InquiryNote(
        inquiry=inquiry,
        author=actor,
        text=text.strip(),
        next_step=next_step.strip(),
        due_date=due_date,
    )
    note.full_clean()
    note.save()
    if inquiry.first_response_at is None:
        inquiry.first_response_at = note.created_at
        inquiry.save(update_fields=["first_response_at", "updated_at"])
    audit_record(
        actor=actor,
        subject=inquiry,
        action="update",
        changes={"note": [None, f"#{note.pk}"], "due_date": [None, due_date]},
    )
    return note


@transaction.atomic
def inquiry_note_complete(*, note: InquiryNote, actor: User) -> InquiryNote:
    """Mark a next step as done (it leaves the overdue list)."""
    if not can_follow_up(user=actor, inquiry=note.inquiry):
        raise PermissionDeniedError(_("Du følger ikke opp denne henvendelsen."))
    if note.done_at is None:
        note.done_at = timezone.now()
        note.save(update_fields=["done_at", "updated_at"])
        audit_record(
            actor=actor,
            subject=note.inquiry,
            action="update",
            changes={"note_done": [None, f"#{note.pk}"]},
        )
    return note


@transaction.atomic
def inquiry_status_change(
    *,
    inquiry: Inquiry,
    actor: User,
    status: str,
    outcome_municipality: Municipality | None = None,
    jobs_created: int | None = None,
    lost_reason: str = "",
    outcome_note: str = "",
    unmet_needs: Sequence[str] | None = None,
    expected_version: int | None = None,
) -> Inquiry:
    """Move the follow-up on; a closing status records the outcome and what was not met.

    Atomic (row lock): of two closes at once exactly one wins; the other raises
    InquiryClosedError ("already closed"). With `expected_version`, any change since the user
    loaded the inquiry raises ConflictError.
    """
    if not can_follow_up(user=actor, inquiry=inquiry):
        raise PermissionDeniedError(_("Du følger ikke opp denne henvendelsen."))
    _lock_open_inquiry(inquiry, expected_version=expected_version)
    if status not in Inquiry.Status.values:
        raise ValidationError({"status": [_("Ukjent status.")]})
    errors: dict[str, list[str]] = {}
    if status == Inquiry.Status.ESTABLISHED:
        if outcome_municipality is None:
            errors["outcome_municipality"] = [_("Oppgi hvor bedriften etablerte seg.")]
        elif outcome_municipality.pk not in {
            m.pk for m in region_municipalities(region=inquiry.region)
        }:
            errors["outcome_municipality"] = [_("Kommunen er ikke med i regionen.")]
    if status == Inquiry.Status.LOST and not lost_reason:
        errors["lost_reason"] = [_("Oppgi hvorfor henvendelsen ble tapt.")]
    unmet = [need for need in (unmet_needs or []) if need in inquiry.needs]
    if status == Inquiry.Status.LOST and unmet_needs is None:
        unmet = list(inquiry.needs)  # lost without a detail: nothing asked for was found
    if errors:
        raise ValidationError(errors)
    closing = status in Inquiry.CLOSED_STATUSES
    values: dict[str, Any] = {"status": status}
    if closing:
        values |= {
            "outcome_municipality": outcome_municipality
            if status == Inquiry.Status.ESTABLISHED
            else None,
            "jobs_created": jobs_created if status == Inquiry.Status.ESTABLISHED else None,
            "lost_reason": lost_reason if status == Inquiry.Status.LOST else "",
            "outcome_note": outcome_note.strip(),
            "unmet_needs": unmet,
            "closed_at": timezone.now(),
        }
    changes = model_changes(inquiry, values)
    if inquiry.first_response_at is None:
        inquiry.first_response_at = timezone.now()
    inquiry.full_clean()
    version_claim(inquiry, expected_version=None)  # the row is locked: no one else is writing
    inquiry.save()
    audit_record(actor=actor, subject=inquiry, action="update", changes=changes)
    index_update(inquiry_search.inquiry_document_for(inquiry.pk))
    return inquiry
