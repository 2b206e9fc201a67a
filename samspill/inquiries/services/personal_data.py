"""Personal-data services: the contact person (view, correct, export, erase) and retention purge."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.audit.services import audit_record, model_changes
from samspill.core.concurrency import version_claim
from samspill.core.exceptions import PermissionDeniedError
from samspill.inquiries.models import Inquiry, InquiryContact
from samspill.inquiries.selectors import can_see_personal_data
from samspill.inquiries.services._common import _create_once, _versioned_row

ERASED_TEXT = "[slettet]"


def inquiry_contact_view(*, inquiry: Inquiry, actor: User) -> InquiryContact | None:
    """The contact person, for those who may see it; every look is logged (view_personal)."""
    if not can_see_personal_data(user=actor, inquiry=inquiry):
        raise PermissionDeniedError(_("Du har ikke tilgang til kontaktopplysningene."))
    contact = InquiryContact.objects.filter(inquiry=inquiry).first()
    audit_record(
        actor=actor,
        subject=inquiry,
        action="view_personal",
        changes={"contact": [None, "shown" if contact else "none (erased)"]},
    )
    return contact


@transaction.atomic
def inquiry_contact_update(
    *,
    inquiry: Inquiry,
    actor: User,
    name: str,
    email: str = "",
    phone: str = "",
    expected_version: int | None = None,
) -> InquiryContact:
    """Correct the contact person (or add one after erasure); the audit names fields, not values.

    `expected_version`: the contact's version the editor loaded (NOT_CREATED when there was
    none); ConflictError if someone saved or erased it since.
    """
    if not can_see_personal_data(user=actor, inquiry=inquiry):
        raise PermissionDeniedError(_("Du har ikke tilgang til kontaktopplysningene."))
    if not email.strip() and not phone.strip():
        raise ValidationError({"email": [_("Oppgi e-post eller telefon.")]})
    existing = InquiryContact.objects.filter(inquiry=inquiry).first()
    _versioned_row(existing, expected_version=expected_version)
    contact = existing or InquiryContact(inquiry=inquiry)
    changed = model_changes(
        contact, {"name": name.strip(), "email": email.strip(), "phone": phone.strip()}
    )
    contact.full_clean()
    if existing is None:
        _create_once(contact)
    elif changed:
        version_claim(contact, expected_version=expected_version)
        contact.save()
    if changed:
        audit_record(
            actor=actor,
            subject=inquiry,
            action="update",
            changes={
                f"contact.{field}": [None, "changed (personal data not logged)"]
                for field in changed
            },
        )
    return contact


@transaction.atomic
def inquiry_contact_export(*, inquiry: Inquiry, actor: User) -> dict[str, Any]:
    """Everything we hold about the contact person, for an access request (GDPR art. 15)."""
    if not can_see_personal_data(user=actor, inquiry=inquiry):
        raise PermissionDeniedError(_("Du har ikke tilgang til kontaktopplysningene."))
    contact = InquiryContact.objects.filter(inquiry=inquiry).first()
    audit_record(
        actor=actor, subject=inquiry, action="export", changes={"contact": [None, "exported"]}
    )
    return {
        "controller": inquiry.region.name,
        "purpose": "Oppfølging av henvendelse fra næringslivet / follow-up of a business inquiry",
        "inquiry": {
            "id": inquiry.pk,
            "company_name": inquiry.company_name,
            "organisation_number": inquiry.company.organisation_number if inquiry.company else "",
            "registered": inquiry.created_at.isoformat(),
            "status": inquiry.status,
            "description": inquiry.description,
        },
        "contact_person": None
        if contact is None
        else {
            "name": contact.name,
            "email": contact.email,
            "phone": contact.phone,
            "registered": contact.created_at.isoformat(),
            "changed": contact.updated_at.isoformat(),
        },
        "notes": [
            {"written": note.created_at.isoformat(), "text": note.text, "next_step": note.next_step}
            for note in inquiry.notes.all()
        ],
        "erased": inquiry.personal_data_erased_at.isoformat()
        if inquiry.personal_data_erased_at
        else None,
    }


def _erase(*, inquiry: Inquiry, actor: User | None, reason: str) -> bool:
    """Delete the contact person and free text that may name people; keep the statistics."""
    if inquiry.personal_data_erased_at is not None:
        return False
    InquiryContact.objects.filter(inquiry=inquiry).delete()
    inquiry.notes.update(text=ERASED_TEXT, next_step="")
    inquiry.description = ERASED_TEXT if inquiry.description else ""
    inquiry.outcome_note = ERASED_TEXT if inquiry.outcome_note else ""
    inquiry.personal_data_erased_at = timezone.now()
    inquiry.save(
        update_fields=["description", "outcome_note", "personal_data_erased_at", "updated_at"]
    )
    audit_record(
        actor=actor,
        subject=inquiry,
        action="delete",
        changes={"personal_data": [None, "erased"], "reason": [None, reason]},
    )
    return True


@transaction.atomic
def inquiry_contact_erase(*, inquiry: Inquiry, actor: User, reason: str) -> bool:
    """Erase the contact person's data on request (GDPR art. 17). False if already erased."""
    if not can_see_personal_data(user=actor, inquiry=inquiry):
        raise PermissionDeniedError(_("Du har ikke tilgang til kontaktopplysningene."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Skriv hvorfor opplysningene slettes.")]})
    return _erase(inquiry=inquiry, actor=actor, reason=reason.strip())


@dataclass
class PurgeSummary:
    """What a retention run did (or would do, with dry_run)."""

    cutoff: datetime.datetime
    inquiry_ids: list[int] = field(default_factory=list)
    dry_run: bool = False

    def __str__(self) -> str:
        verb = "would erase" if self.dry_run else "erased"
        return f"{verb} personal data of {len(self.inquiry_ids)} inquiries closed before {self.cutoff:%Y-%m-%d}"


@transaction.atomic
def inquiry_personal_data_purge(
    *, now: datetime.datetime | None = None, dry_run: bool = False
) -> PurgeSummary:
    """Remove personal data from inquiries closed longer ago than INQUIRY_RETENTION_DAYS.

    Safe to run daily: inquiries already erased are skipped.
    """
    retention_days = int(settings.INQUIRY_RETENTION_DAYS)
    if retention_days < 0:
        # A negative period puts the cutoff in the future: it would erase every closed case at once.
        raise ImproperlyConfigured(
            f"INQUIRY_RETENTION_DAYS must be 0 or more days, not {retention_days}."
        )
    cutoff = (now or timezone.now()) - datetime.timedelta(days=retention_days)
    due = Inquiry.objects.filter(
        status__in=Inquiry.CLOSED_STATUSES,
        closed_at__lt=cutoff,
        personal_data_erased_at__isnull=True,
    ).order_by("pk")
    summary = PurgeSummary(cutoff=cutoff, dry_run=dry_run)
    for inquiry in due:
        summary.inquiry_ids.append(inquiry.pk)
        if not dry_run:
            _erase(inquiry=inquiry, actor=None, reason=f"retention {retention_days} days")
    return summary
