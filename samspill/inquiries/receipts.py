"""What the sender of an inquiry gets back: its case number and a summary of what it sent.

The same lines are shown on the thank-you page (only to the session that sent the form) and sent
by e-mail to the address the business gave, in the language of the page it used. This module
reads models only, so services (the mail) and presenters (the page) can both use it.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.core.numbers import format_date, format_number
from samspill.inquiries.models import Inquiry, InquiryContact, Need


@dataclass(frozen=True)
class ReceiptLine:
    """One labelled value of the summary."""

    label: str
    value: str


@dataclass(frozen=True)
class InquiryReceipt:
    """The case number, where it went, when, and what the business told us."""

    case_number: str
    region: str
    received: str
    lines: list[ReceiptLine]


def _area(area_m2: int | None) -> str:
    if area_m2 is None:
        return ""
    if area_m2 >= 1000:
        return _("%(daa)s daa") % {"daa": format_number(area_m2 / 1000, -1)}
    return _("%(m2)s m²") % {"m2": format_number(area_m2)}


def _received(inquiry: Inquiry) -> str:
    local = timezone.localtime(inquiry.created_at)
    return f"{format_date(local)} {local:%H:%M}"


def inquiry_receipt(inquiry: Inquiry) -> InquiryReceipt:
    """The receipt of `inquiry` in the active language (the sender's own data, for the sender)."""
    contact = InquiryContact.objects.filter(inquiry=inquiry).first()
    needs = dict(Need.choices)
    places = (
        _("hvor som helst i regionen")
        if inquiry.anywhere_in_region
        else ", ".join(m.name for m in inquiry.municipalities.order_by("name"))
    )
    values = [
        (_("Bedriftens navn"), inquiry.company_name),
        (
            _("Organisasjonsnummer"),
            inquiry.company.organisation_number if inquiry.company else "",
        ),
        (_("Behov"), ", ".join(str(needs.get(need, need)) for need in inquiry.needs)),
        (_("Hvor"), places),
        (_("Areal"), _area(inquiry.area_m2)),
        (
            _("Ansatte i dag"),
            "" if inquiry.employees is None else format_number(inquiry.employees),
        ),
        (
            _("Nye arbeidsplasser det kan gi"),
            "" if inquiry.jobs_expected is None else format_number(inquiry.jobs_expected),
        ),
        (_("Når"), str(inquiry.get_timing_display())),
        (_("Om planene"), inquiry.description),
        (_("Kontaktperson"), contact.name if contact else ""),
        (_("E-post"), contact.email if contact else ""),
        (_("Telefon"), contact.phone if contact else ""),
    ]
    return InquiryReceipt(
        case_number=inquiry.reference,
        region=inquiry.region.name,
        received=_received(inquiry),
        lines=[ReceiptLine(str(label), value) for label, value in values if value],
    )
