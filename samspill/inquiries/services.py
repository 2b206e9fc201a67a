"""Writes for the front door. Every write checks access, validates, and leaves an audit entry.

`actor=None` means the system itself (the public form, management commands, the demo loader);
views always pass the logged-in user. Audit entries about personal data name the fields that
changed, never their values, so the audit trail does not keep what erasure removes.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.audit.services import audit_record, model_changes
from samspill.core.concurrency import version_claim
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.core.mail import mail_send
from samspill.inquiries import notify as inquiries_notify
from samspill.inquiries import search as inquiry_search
from samspill.inquiries.brreg import LookupResult, fetch_company_facts
from samspill.inquiries.exceptions import InquiryClosedError
from samspill.inquiries.models import (
    AdviserProfile,
    CaseNumberCounter,
    Company,
    Inquiry,
    InquiryContact,
    InquiryNote,
    MunicipalityService,
    Need,
    RoutingRule,
)
from samspill.inquiries.orgnr import is_valid_organisation_number, normalise_organisation_number
from samspill.inquiries.receipts import inquiry_receipt
from samspill.inquiries.routing import pick_routing
from samspill.inquiries.selectors import (
    advisers_by_ids,
    can_assign,
    can_follow_up,
    can_register_for_region,
    can_see_personal_data,
    region_municipalities,
    routing_rules_for,
)
from samspill.notifications.services import notify
from samspill.regions.models import Municipality, Region
from samspill.search.services import index_update

ERASED_TEXT = "[slettet]"
MAX_AREA_M2 = 100_000_000  # 100 km²: larger than any business site; catches unit mistakes
MAX_PEOPLE = 1_000_000
# `expected_version=NOT_CREATED`: the editor saw no row yet (versions start at 1).
NOT_CREATED = 0


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


def _versioned_row(
    row: InquiryContact | MunicipalityService | AdviserProfile | None,
    *,
    expected_version: int | None,
) -> None:
    """Check a one-per-parent row against the version the editor saw (NOT_CREATED: none yet)."""
    if expected_version is None:
        return
    if row is None and expected_version != NOT_CREATED:
        raise ConflictError(current_version=None)
    if row is not None and expected_version == NOT_CREATED:
        raise ConflictError(current_version=row.version)


@dataclass(frozen=True)
class InquiryInput:
    """What a business tells us (everything except the contact person)."""

    company_name: str
    organisation_number: str = ""
    needs: Sequence[str] = ()
    municipalities: Sequence[Municipality] = ()
    anywhere_in_region: bool = False
    area_m2: int | None = None
    employees: int | None = None
    jobs_expected: int | None = None
    timing: str = Inquiry.Timing.UNKNOWN
    description: str = ""


@dataclass(frozen=True)
class ContactInput:
    """The contact person: personal data."""

    name: str
    email: str = ""
    phone: str = ""


def _validate_inquiry_input(*, region: Region, data: InquiryInput, contact: ContactInput) -> None:
    errors: dict[str, list[str]] = {}
    if data.organisation_number and not is_valid_organisation_number(
        normalise_organisation_number(data.organisation_number)
    ):
        errors["organisation_number"] = [
            _(
                "Organisasjonsnummeret er ikke gyldig: det skal ha ni sifre med riktig kontrollsiffer."
            )
        ]
    if not data.needs:
        errors["needs"] = [_("Velg minst ett behov.")]
    elif unknown := set(data.needs) - set(Need.values):
        errors["needs"] = [_("Ukjent behov: %(needs)s") % {"needs": ", ".join(sorted(unknown))}]
    member_ids = {m.pk for m in region_municipalities(region=region)}
    if outside := [m.name for m in data.municipalities if m.pk not in member_ids]:
        errors["municipalities"] = [
            _("%(names)s er ikke med i %(region)s.")
            % {"names": ", ".join(outside), "region": region.name}
        ]
    if not data.municipalities and not data.anywhere_in_region:
        errors["municipalities"] = [_("Velg minst én kommune, eller «hvor som helst i regionen».")]
    if data.area_m2 is not None and not 0 < data.area_m2 <= MAX_AREA_M2:
        errors["area"] = [_("Arealet må være større enn 0 og mindre enn 100 km².")]
    for name in ("employees", "jobs_expected"):
        value = getattr(data, name)
        if value is not None and not 0 <= value <= MAX_PEOPLE:
            errors[name] = [_("Oppgi et tall mellom 0 og 1 000 000.")]
    if not contact.name.strip():
        errors["contact_name"] = [_("Oppgi navnet på en kontaktperson.")]
    if not contact.email and not contact.phone:
        errors["contact_email"] = [_("Oppgi e-post eller telefon, så vi kan svare deg.")]
    if contact.email:
        try:
            validate_email(contact.email)
        except ValidationError:
            errors["contact_email"] = [_("E-postadressen ser ikke riktig ut.")]
    if errors:
        raise ValidationError(errors)


def case_prefix(slug: str) -> str:
    """Three capital letters from the region's short name: "sor-troms" → "SOR".

    Regions whose prefixes coincide share one sequence per year, so a case number is unique
    across the installation whatever the slugs (the unique index on Inquiry.case_number holds).
    """
    head = slug.split("-", 1)[0]
    letters = "".join(ch for ch in head.upper() if "A" <= ch <= "Z")
    return (letters[:3] or "SAK").ljust(3, "X")


def _next_case_number(region: Region) -> str:
    """The next case number for the region this year, e.g. SOR-2026-0042 (call inside atomic).

    The counter row is created if missing (INSERT … ON CONFLICT DO NOTHING) and incremented by
    one UPDATE, which holds the row lock until commit: concurrent submissions queue on it and
    each reads its own number, on PostgreSQL as on SQLite. A rolled-back submit leaves a gap.
    """
    prefix = case_prefix(region.slug)
    year = timezone.localdate().year
    CaseNumberCounter.objects.bulk_create(
        [CaseNumberCounter(prefix=prefix, year=year, last=0)], ignore_conflicts=True
    )
    counters = CaseNumberCounter.objects.filter(prefix=prefix, year=year)
    while True:
        counters.update(last=F("last") + 1)
        number = counters.values_list("last", flat=True).get()
        case_number = f"{prefix}-{year}-{number:04d}"
        # Numbers brought in by a region archive (import_region) are skipped, never reused.
        if not Inquiry.objects.filter(case_number=case_number).exists():
            return case_number


def region_takes_inquiries(region: Region) -> bool:
    """Only active regions have an inbox; a historical one (IKAP 2016) is a record, not a door."""
    return region.is_active


def _check_region_takes_inquiries(region: Region) -> None:
    if not region_takes_inquiries(region):
        raise ValidationError(
            {
                "region": [
                    _("%(region)s er et historisk samarbeid og tar ikke imot henvendelser.")
                    % {"region": region.name}
                ]
            }
        )


@transaction.atomic
def inquiry_submit(
    *,
    region: Region,
    data: InquiryInput,
    contact: ContactInput,
    actor: User | None,
    is_example: bool = False,
    fetch_facts: bool = True,
    form_token: str = "",
) -> Inquiry:
    """Register an inquiry once for the region: company, contact, routing; facts in the background.

    The public form passes actor=None; staff registering for a business pass themselves. Company
    facts are fetched by a task after commit (the form never waits for Brønnøysund); when the
    register cannot be reached the company stays pending and `refresh_company_facts` fills it in.
    """
    if actor is not None and not can_register_for_region(user=actor, region=region):
        raise PermissionDeniedError(_("Du kan ikke registrere henvendelser i denne regionen."))
    _check_region_takes_inquiries(region)
    _validate_inquiry_input(region=region, data=data, contact=contact)

    company = None
    if data.organisation_number:
        company, _created = Company.objects.get_or_create(
            organisation_number=normalise_organisation_number(data.organisation_number)
        )
    inquiry = Inquiry(
        region=region,
        company=company,
        company_name=data.company_name.strip(),
        needs=[need for need in Need.values if need in set(data.needs)],
        anywhere_in_region=data.anywhere_in_region,
        area_m2=data.area_m2,
        employees=data.employees,
        jobs_expected=data.jobs_expected,
        timing=data.timing,
        description=data.description.strip(),
        source=Inquiry.Source.STAFF if actor is not None else Inquiry.Source.PUBLIC_FORM,
        registered_by=actor,
        is_example=is_example,
        form_token=form_token,
    )
    inquiry.full_clean()
    inquiry.case_number = _next_case_number(region)
    inquiry.save()
    inquiry.municipalities.set(data.municipalities)
    person = InquiryContact(
        inquiry=inquiry,
        name=contact.name.strip(),
        email=contact.email.strip(),
        phone=contact.phone.strip(),
    )
    person.full_clean()
    person.save()
    audit_record(
        actor=actor,
        subject=inquiry,
        action="create",
        changes={
            "source": [None, inquiry.source],
            "case_number": [None, inquiry.case_number],
            "needs": [None, inquiry.needs],
            "municipalities": [None, [m.number for m in data.municipalities]],
            "contact": [None, "registered (personal data not logged)"],
        },
    )
    _route(inquiry=inquiry)
    index_update(inquiry_search.inquiry_document_for(inquiry.pk))
    if company is not None and fetch_facts and company.facts_status == Company.FactsStatus.PENDING:
        from samspill.inquiries.tasks import company_facts_fetch  # the task module imports us

        company_id = company.pk
        transaction.on_commit(lambda: company_facts_fetch.enqueue(company_id))
    return inquiry


def inquiry_submit_public(
    *,
    region: Region,
    data: InquiryInput,
    contact: ContactInput,
    form_token: str,
    language: str | None = None,
) -> tuple[Inquiry, bool]:
    """The public form's submit, once per form shown: (inquiry, created).

    `form_token` is `spam.form_token_key` of the form's token. A second submit of the same form
    (a double click, a reload, a replayed token) returns the first inquiry with created=False; the
    unique constraint on Inquiry.form_token decides between two submits at the same moment.
    """
    if form_token:
        earlier = Inquiry.objects.filter(form_token=form_token).first()
        if earlier is not None:
            return earlier, False
    try:
        with transaction.atomic():
            inquiry = inquiry_submit(
                region=region, data=data, contact=contact, actor=None, form_token=form_token
            )
            if contact.email.strip():
                from samspill.inquiries.tasks import inquiry_receipt_mail  # tasks import us

                inquiry_id, lang = inquiry.pk, language or translation.get_language()
                transaction.on_commit(lambda: inquiry_receipt_mail.enqueue(inquiry_id, lang))
    except (IntegrityError, ValidationError):
        earlier = Inquiry.objects.filter(form_token=form_token).first() if form_token else None
        if earlier is None:
            raise
        return earlier, False
    return inquiry, True


def inquiry_receipt_send(*, inquiry: Inquiry, language: str) -> bool:
    """E-mail the receipt (case number and summary) to the address the business gave.

    In the language of the page the business used. Sent once: False when already sent or when
    there is no address (erased meanwhile). Raises MailNotSentError when the server refuses, so
    the task fails visibly in the worker's log and can be run again.
    """
    with transaction.atomic():
        locked = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        contact = InquiryContact.objects.filter(inquiry=locked).first()
        if locked.receipt_mailed_at is not None or contact is None or not contact.email:
            return False
        with translation.override(language):
            receipt = inquiry_receipt(locked)
            subject = _("Kvittering: henvendelse %(case)s til %(region)s") % {
                "case": receipt.case_number,
                "region": receipt.region,
            }
            body = render_to_string("inquiries/receipt_mail.txt", {"receipt": receipt})
        mail_send(
            message=EmailMessage(
                subject=subject,
                body=body,
                to=[contact.email],
                headers={"Content-Language": language},
            )
        )
        locked.receipt_mailed_at = timezone.now()
        locked.save(update_fields=["receipt_mailed_at", "updated_at"])
        audit_record(
            actor=None,
            subject=locked,
            action="update",
            changes={"receipt_mailed_at": [None, "sent (address not logged)"]},
        )
    return True


def _route(*, inquiry: Inquiry) -> None:
    winners = pick_routing(
        routing_rules_for(region=inquiry.region),
        needs=inquiry.needs,
        municipality_ids=[]
        if inquiry.anywhere_in_region
        else [m.pk for m in inquiry.municipalities.all()],
    )
    if not winners:
        return
    advisers = advisers_by_ids(region=inquiry.region, ids=[rule.adviser_id for rule in winners])
    if not advisers:
        return
    inquiry.assigned_advisers.set(advisers)
    inquiry.status = Inquiry.Status.ASSIGNED
    inquiry.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=None,
        subject=inquiry,
        action="update",
        changes={
            "status": [Inquiry.Status.NEW, Inquiry.Status.ASSIGNED],
            "assigned_advisers": [None, [str(a) for a in advisers]],
            "routing_rules": [None, [rule.rule_id for rule in winners]],
        },
    )


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


def _create_once(row: InquiryContact | MunicipalityService | AdviserProfile) -> None:
    """Insert a one-per-parent row; if another editor inserted it first, that is a conflict."""
    try:
        with transaction.atomic():
            row.save(force_insert=True)
    except IntegrityError as error:
        raise ConflictError(current_version=1) from error


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


_FACTS_STATUS = {
    LookupResult.FOUND: Company.FactsStatus.FOUND,
    LookupResult.NOT_FOUND: Company.FactsStatus.NOT_FOUND,
    LookupResult.INVALID: Company.FactsStatus.NOT_FOUND,
    LookupResult.REMOVED: Company.FactsStatus.REMOVED,
}


FACTS_RETRY_FIRST = datetime.timedelta(minutes=15)
FACTS_RETRY_MAX = datetime.timedelta(hours=24)


def facts_retry_delay(failures: int) -> datetime.timedelta:
    """15 minutes after the first failure, doubling each time, at most a day."""
    delay: datetime.timedelta = FACTS_RETRY_FIRST * (2 ** min(max(failures - 1, 0), 16))
    return min(delay, FACTS_RETRY_MAX)


def _facts_retry_enqueue(company: Company) -> None:
    """Queue the next attempt for `facts_retry_at` (the hourly `refresh_company_facts` also
    catches it, e.g. where the task backend cannot defer)."""
    from samspill.inquiries.tasks import company_facts_fetch  # the task module imports us

    retry_at, company_id = company.facts_retry_at, company.pk
    if retry_at is None or not company_facts_fetch.get_backend().supports_defer:
        return
    transaction.on_commit(lambda: company_facts_fetch.using(run_after=retry_at).enqueue(company_id))


@transaction.atomic
def company_facts_refresh(*, company: Company) -> LookupResult:
    """Fetch the company's facts from Brønnøysund; an unreachable API leaves it pending."""
    lookup = fetch_company_facts(company.organisation_number)
    now = timezone.now()
    company.facts_attempted_at = now
    values: dict[str, Any] = {}
    if lookup.result == LookupResult.UNAVAILABLE:
        company.facts_error = lookup.detail[:300]
        company.facts_failures = min(company.facts_failures + 1, 1000)
        company.facts_retry_at = now + facts_retry_delay(company.facts_failures)
        company.save(
            update_fields=[
                "facts_attempted_at",
                "facts_error",
                "facts_failures",
                "facts_retry_at",
                "updated_at",
            ]
        )
        _facts_retry_enqueue(company)
        return lookup.result
    values["facts_status"] = _FACTS_STATUS[lookup.result]
    if lookup.facts is not None:
        facts = lookup.facts
        values |= {
            "name": facts.name,
            "organisation_form": facts.organisation_form,
            "organisation_form_code": facts.organisation_form_code,
            "business_address": facts.business_address,
            "postal_code": facts.postal_code,
            "postal_place": facts.postal_place,
            "municipality_number": facts.municipality_number,
            "industry_code": facts.industry_code,
            "industry_description": facts.industry_description,
            "employees": facts.employees,
            "bankrupt": facts.bankrupt,
            "under_liquidation": facts.under_liquidation,
        }
    changes = model_changes(company, values)
    company.facts_fetched_at = now
    company.facts_error = ""
    company.facts_failures = 0
    company.facts_retry_at = None
    company.full_clean()
    company.save()
    if changes:
        audit_record(actor=None, subject=company, action="import", changes=changes)
        for inquiry_id in company.inquiries.values_list("pk", flat=True):
            index_update(inquiry_search.inquiry_document_for(inquiry_id))  # a sole proprietorship?
    return lookup.result


@dataclass
class RefreshSummary:
    """Counts of a `refresh_company_facts` run by result."""

    counts: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        if not self.counts:
            return "nothing to refresh"
        return ", ".join(f"{key} {value}" for key, value in sorted(self.counts.items()))


def company_facts_refresh_due(*, stale_days: int = 30, limit: int | None = None) -> RefreshSummary:
    """Fetch facts still missing (never fetched, or the API was down) or older than stale_days.

    Safe to run repeatedly: companies with fresh facts are skipped; one company's failure does
    not stop the others (each has its own transaction).
    """
    stale = timezone.now() - datetime.timedelta(days=stale_days)
    due = Company.objects.filter(facts_status=Company.FactsStatus.PENDING) | Company.objects.filter(
        facts_status=Company.FactsStatus.FOUND, facts_fetched_at__lt=stale
    )
    summary = RefreshSummary()
    for company in due.order_by("facts_attempted_at", "pk")[:limit]:
        result = company_facts_refresh(company=company)
        summary.counts[str(result)] = summary.counts.get(str(result), 0) + 1
    return summary


@transaction.atomic
def adviser_profile_update(
    *,
    user: User,
    actor: User | None,
    competence_areas: Sequence[str],
    specialities: str = "",
    phone: str = "",
    accepts_inquiries: bool = True,
    expected_version: int | None = None,
) -> AdviserProfile:
    """An adviser keeps their own competence profile (coordinators may help).

    `expected_version` as for `municipality_service_save` (two tabs or a helper at once).
    """
    if actor is not None and actor.pk != user.pk and not access_for(user=actor).is_site_admin:
        raise PermissionDeniedError(_("Du kan bare endre din egen kompetanseprofil."))
    if unknown := set(competence_areas) - set(Need.values):
        raise ValidationError({"competence_areas": [_("Ukjent område: %s") % ", ".join(unknown)]})
    existing = AdviserProfile.objects.filter(user=user).first()
    _versioned_row(existing, expected_version=expected_version)
    created = existing is None
    profile = existing or AdviserProfile(user=user)
    changes = model_changes(
        profile,
        {
            "competence_areas": [area for area in Need.values if area in set(competence_areas)],
            "specialities": specialities.strip(),
            "phone": phone.strip(),
            "accepts_inquiries": accepts_inquiries,
        },
    )
    profile.full_clean()
    if created:
        _create_once(profile)
    elif changes:
        version_claim(profile, expected_version=expected_version)
        profile.save()
    if changes or created:
        audit_record(
            actor=actor, subject=profile, action="create" if created else "update", changes=changes
        )
    return profile


@transaction.atomic
def municipality_service_save(
    *,
    municipality: Municipality,
    actor: User | None,
    organisation: str,
    person_years: Decimal,
    person_years_text: str = "",
    bought_first_line_service: bool = False,
    bought_from: str = "",
    bought_person_years: Decimal = Decimal(0),
    business_association: bool = False,
    contact_points: str = "",
    source: str = "",
    facts_as_of: datetime.date | None = None,
    expected_version: int | None = None,
) -> MunicipalityService:
    """Create or update how the municipality's business service is organised. Idempotent.

    `expected_version`: the version the editor loaded (NOT_CREATED when there was no entry);
    ConflictError if someone saved since. None for the demo and imports.
    """
    if actor is not None and not access_for(user=actor).can_edit_municipality(municipality.pk):
        raise PermissionDeniedError(_("Du kan ikke endre denne kommunens næringstjeneste."))
    service = MunicipalityService.objects.filter(municipality=municipality).first()
    _versioned_row(service, expected_version=expected_version)
    created = service is None
    if service is None:
        service = MunicipalityService(municipality=municipality, person_years=person_years)
    changes = model_changes(
        service,
        {
            "organisation": organisation,
            "person_years": person_years,
            "person_years_text": person_years_text,
            "bought_first_line_service": bought_first_line_service,
            "bought_from": bought_from,
            "bought_person_years": bought_person_years,
            "business_association": business_association,
            "contact_points": contact_points,
            "source": source,
            "facts_as_of": facts_as_of,
        },
    )
    if changes or created:
        service.full_clean()
        if created:
            _create_once(service)
        else:
            version_claim(service, expected_version=expected_version)
            service.save()
        audit_record(
            actor=actor, subject=service, action="create" if created else "update", changes=changes
        )
    return service


@transaction.atomic
def routing_rule_create(
    *,
    region: Region,
    actor: User | None,
    adviser: User,
    need: str = "",
    municipality: Municipality | None = None,
    priority: int = 100,
) -> RoutingRule:
    """A coordinator adds a rule: this need (or any) in this municipality (or any) → adviser."""
    if actor is not None and not access_for(user=actor).can_edit_region(region.pk):
        raise PermissionDeniedError(_("Bare regionens koordinatorer kan endre rutingsreglene."))
    errors: dict[str, list[str]] = {}
    if not advisers_by_ids(region=region, ids=[adviser.pk]):
        errors["adviser"] = [_("Rådgiveren jobber ikke i regionen.")]
    if municipality is not None and municipality.pk not in {
        m.pk for m in region_municipalities(region=region)
    }:
        errors["municipality"] = [_("Kommunen er ikke med i regionen.")]
    if errors:
        raise ValidationError(errors)
    rule = RoutingRule(
        region=region, adviser=adviser, need=need, municipality=municipality, priority=priority
    )
    rule.full_clean()
    rule.save()
    audit_record(actor=actor, subject=rule, action="create", changes={"rule": [None, str(rule)]})
    return rule


@transaction.atomic
def routing_rule_delete(*, rule: RoutingRule, actor: User) -> None:
    if not access_for(user=actor).can_edit_region(rule.region_id):
        raise PermissionDeniedError(_("Bare regionens koordinatorer kan endre rutingsreglene."))
    audit_record(actor=actor, subject=rule, action="delete", changes={"rule": [str(rule), None]})
    rule.delete()
