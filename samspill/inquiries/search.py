"""Inquiries as the search index sees them: only fields that are not personal data.

Never the contact person, never the business's own free text (it may name people), and never a
sole proprietorship's name (a person's name): the company name of other organisations, the needs,
the places and the status. Visible to the region's people and the advisers assigned, as the inbox is.
"""

from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils import timezone, translation

from samspill.inquiries.models import Company, Inquiry, Need
from samspill.search.documents import SearchDocument
from samspill.search.models import Audience, Kind


def is_sole_proprietorship(company: Company | None) -> bool:
    """By the register's form code (ENK) or its description (Company.is_sole_proprietorship)."""
    return company is not None and company.is_sole_proprietorship


def _inquiries() -> QuerySet[Inquiry]:
    return Inquiry.objects.select_related("company").prefetch_related(
        "municipalities", "assigned_advisers"
    )


def inquiry_document(inquiry: Inquiry) -> SearchDocument:
    with translation.override("nb"):  # the index is Norwegian
        needs = {key: str(label) for key, label in Need.choices}
        status = str(Inquiry.Status(inquiry.status).label)
        places = [m.name for m in inquiry.municipalities.all()]
        title = (
            str(translation.gettext("Enkeltpersonforetak"))
            if is_sole_proprietorship(inquiry.company)
            else inquiry.company_name
        )
        industry = inquiry.company.industry_description if inquiry.company else ""
    return SearchDocument(
        kind=Kind.INQUIRY,
        object_id=inquiry.pk,
        title=title,
        body="\n".join(
            part
            for part in (inquiry.case_number or "", industry, ", ".join(places), status)
            if part
        ),
        tags=tuple(needs.get(need, need) for need in inquiry.needs or []),
        date=timezone.localdate(inquiry.created_at),
        url_name="inquiries:inquiry-detail",
        url_args=(inquiry.pk,),
        audience=Audience.INTERNAL,
        region_id=inquiry.region_id,
        municipality_ids=tuple(m.pk for m in inquiry.municipalities.all()),
        reader_ids=tuple(user.pk for user in inquiry.assigned_advisers.all()),
        is_example=inquiry.is_example,
    )


def inquiry_documents() -> Iterator[SearchDocument]:
    for inquiry in _inquiries().iterator(chunk_size=500):
        yield inquiry_document(inquiry)


def inquiry_document_for(inquiry_id: int) -> SearchDocument:
    return inquiry_document(_inquiries().get(pk=inquiry_id))
