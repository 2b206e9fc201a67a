"""Intake services: submitting an inquiry, case numbers, the receipt and routing."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.audit.services import audit_record
from samspill.core.exceptions import PermissionDeniedError
from samspill.core.mail import mail_send
from samspill.inquiries import search as inquiry_search
from samspill.inquiries.models import CaseNumberCounter, Company, Inquiry, InquiryContact, Need
from samspill.inquiries.orgnr import is_valid_organisation_number, normalise_organisation_number
from samspill.inquiries.receipts import inquiry_receipt
from samspill.inquiries.routing import pick_routing
from samspill.inquiries.selectors import (
    advisers_by_ids,
    can_register_for_region,
    region_municipalities,
    routing_rules_for,
)
from samspill.regions.models import Municipality, Region
from samspill.search.services import index_update

MAX_AREA_M2 = 100_000_000  # 100 km²: larger than any business site; catches unit mistakes
MAX_PEOPLE = 1_000_000


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
