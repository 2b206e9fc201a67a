"""API for the front door: the region's inquiries (never personal data), statistics and services.

Session authentication (the same login as the web pages). 401 without login, 403 outside the
user's regions, 404 for what does not exist or is not visible, 422 with a reason per field,
409 when the inquiry is closed or changed since the version the client sent (see core.api).
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from ninja.security import django_auth

from samspill.accounts.models import User
from samspill.core.api import IF_MATCH, ConflictOut, ErrorOut, errors, expected_version
from samspill.core.exceptions import PermissionDeniedError
from samspill.inquiries.models import Inquiry
from samspill.inquiries.reports import (
    count_by_municipality,
    count_by_need,
    count_by_status,
    unmet_demand,
)
from samspill.inquiries.selectors import (
    can_see_personal_data,
    can_view_region_inquiries,
    inquiry_get_for,
    inquiry_list_for,
    inquiry_rows_for,
    personal_data_checker,
    region_advisers,
    region_municipalities,
    service_overview,
)
from samspill.inquiries.services import (
    MAX_PEOPLE,
    ContactInput,
    InquiryInput,
    inquiry_assign,
    inquiry_status_change,
    inquiry_submit,
    region_takes_inquiries,
)
from samspill.regions.models import Region
from samspill.regions.selectors import region_get

router = Router(tags=["inquiries"])

# Larger offsets overflow the database's 64-bit integers (500 on SQLite) and page past any register.
MAX_OFFSET = 1_000_000


class InquiryOut(Schema):
    id: int
    case_number: str = Field(description="The case number the business got, e.g. SOR-2026-0042")
    region: str
    company_name: str = Field(
        description="Empty when `company_identity_withheld` says why (personal data)"
    )
    organisation_number: str
    company_identity_withheld: str = Field(
        description=(
            "'' when shown; 'sole_proprietorship' (ENK: the name is usually a person's) or "
            "'unverified' (not confirmed as another form in Enhetsregisteret): name and number "
            "are left out of this answer without personal data"
        )
    )
    needs: list[str]
    municipalities: list[str]
    anywhere_in_region: bool
    area_m2: int | None
    employees: int | None
    jobs_expected: int | None
    timing: str
    status: str
    source: str
    assigned_advisers: list[str]
    created_at: datetime.datetime
    first_response_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    outcome_municipality: str | None
    jobs_created: int | None
    lost_reason: str
    unmet_needs: list[str]
    is_example: bool
    version: int


class InquiryDetailOut(InquiryOut):
    company_facts_status: str | None
    company_industry_code: str
    company_employees: int | None
    # Whether the asking user may see the contact person in the web pages (never sent here).
    personal_data_access: bool


class CountOut(Schema):
    key: str
    count: int


class UnmetDemandOut(Schema):
    need: str
    min_area_m2: int
    year: int | None
    total: int
    met: int
    unmet: int
    still_open: int
    withdrawn: int


class SummaryOut(Schema):
    total: int
    by_need: list[CountOut]
    by_municipality: list[CountOut]
    by_status: list[CountOut]
    unmet_demand: UnmetDemandOut


class ServiceOut(Schema):
    municipality_number: str
    municipality_name: str
    organisation: str | None
    person_years: Decimal | None
    person_years_text: str | None
    bought_first_line_service: bool | None
    bought_from: str | None
    bought_person_years: Decimal | None
    business_association: bool | None


class ServicesOut(Schema):
    municipalities: list[ServiceOut]
    person_years: Decimal
    bought_person_years: Decimal
    total_person_years: Decimal
    with_business_association: int


class InquiryIn(Schema):
    company_name: str
    organisation_number: str = ""
    needs: list[str]
    municipality_numbers: list[str] = []
    anywhere_in_region: bool = False
    area_m2: int | None = None
    employees: int | None = None
    jobs_expected: int | None = None
    timing: str = Inquiry.Timing.UNKNOWN.value
    description: str = ""
    contact_name: str
    contact_email: str = ""
    contact_phone: str = ""


class InquiryListQuery(Schema):
    status: str = ""
    need: str = ""
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class SummaryQuery(Schema):
    need: str = "site"
    min_area_m2: int = Field(0, ge=0)
    year: int | None = None


class StatusIn(Schema):
    """A status change; a closing status (established, lost, withdrawn) records the outcome."""

    status: str
    outcome_municipality_number: str | None = None
    jobs_created: int | None = Field(default=None, ge=0, le=MAX_PEOPLE)
    lost_reason: str = ""
    outcome_note: str = Field(default="", max_length=2000)
    unmet_needs: list[str] | None = None
    version: int | None = Field(
        default=None, ge=0, description="The version read; or send If-Match. Optional here."
    )


class AssignIn(Schema):
    """Advisers by username (they must work in the region)."""

    advisers: list[str] = Field(min_length=1, max_length=50)
    version: int | None = Field(
        default=None, ge=0, description="The version read; or send If-Match. Optional here."
    )


def _out(inquiry: Inquiry, *, personal: bool = False) -> dict[str, object]:
    """The inquiry without personal data (`personal`: the caller may see the company's identity)."""
    company = inquiry.company
    number = company.organisation_number if company else ""
    withheld = inquiry.company_identity_withheld
    shown = personal or not withheld
    return {
        "id": inquiry.pk,
        "case_number": inquiry.reference,
        "region": inquiry.region.slug,
        "company_name": inquiry.company_name if shown else "",
        "organisation_number": number if shown else "",
        "company_identity_withheld": "" if shown else withheld,
        "needs": inquiry.needs,
        "municipalities": [m.number for m in inquiry.municipalities.all()],
        "anywhere_in_region": inquiry.anywhere_in_region,
        "area_m2": inquiry.area_m2,
        "employees": inquiry.employees,
        "jobs_expected": inquiry.jobs_expected,
        "timing": inquiry.timing,
        "status": inquiry.status,
        "source": inquiry.source,
        "assigned_advisers": [a.get_username() for a in inquiry.assigned_advisers.all()],
        "created_at": inquiry.created_at,
        "first_response_at": inquiry.first_response_at,
        "closed_at": inquiry.closed_at,
        "outcome_municipality": inquiry.outcome_municipality.number
        if inquiry.outcome_municipality
        else None,
        "jobs_created": inquiry.jobs_created,
        "lost_reason": inquiry.lost_reason,
        "unmet_needs": inquiry.unmet_needs,
        "is_example": inquiry.is_example,
        "version": inquiry.version,
    }


def _visible_region(request: HttpRequest, slug: str) -> Region:
    region = region_get(slug=slug)
    if not can_view_region_inquiries(user=request.user, region=region):
        raise HttpError(403, "Du har ingen rolle i denne regionen / no role in this region")
    return region


@router.get(
    "/regions/{slug}/inquiries",
    response={200: list[InquiryOut], **errors(401, 403, 404, 422)},
    auth=django_auth,
    summary="The region's inquiries (no personal data)",
    description=(
        "Without personal data: the company's name and number are left out "
        "(`company_identity_withheld` says why) for sole proprietorships and for businesses "
        "not confirmed in Enhetsregisteret, unless the caller may see the inquiry's personal data."
    ),
)
def inquiries(
    request: HttpRequest, slug: str, query: Query[InquiryListQuery]
) -> list[dict[str, object]]:
    region = _visible_region(request, slug)
    found = inquiry_list_for(user=request.user, region=region, status=query.status, need=query.need)
    personal = personal_data_checker(user=request.user)
    return [
        _out(inquiry, personal=personal(inquiry))
        for inquiry in found[query.offset : query.offset + query.limit]
    ]


@router.post(
    "/regions/{slug}/inquiries",
    response={201: InquiryDetailOut, **errors(400, 401, 403, 404, 415, 422)},
    auth=django_auth,
    summary="Register an inquiry for a business (staff)",
)
def inquiry_create(
    request: HttpRequest, slug: str, payload: InquiryIn
) -> Status[dict[str, object]]:
    region = region_get(slug=slug)
    if not region_takes_inquiries(region):
        return Status(
            422,
            {
                "detail": (
                    f"{region.name} er et historisk samarbeid og tar ikke imot henvendelser / "
                    "a historical region takes no inquiries"
                ),
                "errors": {"region": ["historical / historisk"]},
            },
        )
    by_number = {m.number: m for m in region_municipalities(region=region)}
    unknown = [number for number in payload.municipality_numbers if number not in by_number]
    if unknown:
        return Status(
            422,
            {
                "detail": "Ugyldig forespørsel / invalid request",
                "errors": {
                    "municipality_numbers": [
                        f"{', '.join(unknown)} er ikke med i regionen / not in the region"
                    ]
                },
            },
        )
    assert isinstance(request.user, User)  # noqa: S101 - django_auth guarantees a logged-in User
    try:
        inquiry = inquiry_submit(
            region=region,
            data=InquiryInput(
                company_name=payload.company_name,
                organisation_number=payload.organisation_number,
                needs=payload.needs,
                municipalities=[by_number[n] for n in payload.municipality_numbers],
                anywhere_in_region=payload.anywhere_in_region,
                area_m2=payload.area_m2,
                employees=payload.employees,
                jobs_expected=payload.jobs_expected,
                timing=payload.timing,
                description=payload.description,
            ),
            contact=ContactInput(
                name=payload.contact_name, email=payload.contact_email, phone=payload.contact_phone
            ),
            actor=request.user,
        )
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    except ValidationError as error:
        return Status(
            422,
            {
                "detail": "Ugyldig forespørsel / invalid request",
                "errors": error.message_dict,
            },
        )
    return Status(201, _detail(request, inquiry_get_for(user=request.user, pk=inquiry.pk)))


def _detail(request: HttpRequest, inquiry: Inquiry) -> dict[str, object]:
    company = inquiry.company
    personal = can_see_personal_data(user=request.user, inquiry=inquiry)
    return {
        **_out(inquiry, personal=personal),
        "company_facts_status": company.facts_status if company else None,
        "company_industry_code": company.industry_code if company else "",
        "company_employees": company.employees if company else None,
        "personal_data_access": personal,
    }


@router.get(
    "/{inquiry_id}",
    response={200: InquiryDetailOut, **errors(401, 404, 422)},
    auth=django_auth,
    summary="One inquiry (no personal data)",
)
def inquiry(request: HttpRequest, inquiry_id: int) -> dict[str, object]:
    try:
        found = inquiry_get_for(user=request.user, pk=inquiry_id)
    except Inquiry.DoesNotExist as error:
        raise HttpError(404, "Ingen slik henvendelse / no such inquiry") from error
    return _detail(request, found)


def _found(request: HttpRequest, inquiry_id: int) -> Inquiry:
    try:
        return inquiry_get_for(user=request.user, pk=inquiry_id)
    except Inquiry.DoesNotExist as error:
        raise HttpError(404, "Ingen slik henvendelse / no such inquiry") from error


def _unprocessable(error: ValidationError) -> Status[dict[str, object]]:
    errors = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
    return Status(422, {"detail": "Ugyldig forespørsel / invalid request", "errors": errors})


TRANSITION_RESPONSES = {
    200: InquiryDetailOut,
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ConflictOut,
    422: ErrorOut,
}


@router.post(
    "/{inquiry_id}/status",
    response=TRANSITION_RESPONSES,
    auth=django_auth,
    summary="Change the status; closing records the outcome (atomic: 409 if already closed)",
    openapi_extra=IF_MATCH,
    description=(
        "Those following the inquiry up move it on. Two changes at once are applied one after "
        "the other: the second answers 409 when the first closed the inquiry, and, when it sent "
        "the `version` it read (or `If-Match`), 409 when anything changed since."
    ),
)
def inquiry_status(
    request: HttpRequest, inquiry_id: int, payload: StatusIn
) -> Status[dict[str, object]]:
    found = _found(request, inquiry_id)
    version = expected_version(request, payload.version, required=False)
    place = None
    if payload.outcome_municipality_number:
        by_number = {m.number: m for m in region_municipalities(region=found.region)}
        place = by_number.get(payload.outcome_municipality_number)
        if place is None:
            return Status(
                422,
                {
                    "detail": "Ugyldig forespørsel / invalid request",
                    "errors": {
                        "outcome_municipality_number": ["ikke med i regionen / not in the region"]
                    },
                },
            )
    assert isinstance(request.user, User)  # noqa: S101 - django_auth guarantees a logged-in User
    try:
        inquiry_status_change(
            inquiry=found,
            actor=request.user,
            status=payload.status,
            outcome_municipality=place,
            jobs_created=payload.jobs_created,
            lost_reason=payload.lost_reason,
            outcome_note=payload.outcome_note,
            unmet_needs=payload.unmet_needs,
            expected_version=version,
        )
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    except ValidationError as error:
        return _unprocessable(error)
    return Status(200, _detail(request, _found(request, inquiry_id)))


@router.post(
    "/{inquiry_id}/assign",
    response=TRANSITION_RESPONSES,
    auth=django_auth,
    summary="Assign advisers (coordinators; atomic: 409 if closed or changed meanwhile)",
    openapi_extra=IF_MATCH,
)
def inquiry_assign_advisers(
    request: HttpRequest, inquiry_id: int, payload: AssignIn
) -> Status[dict[str, object]]:
    found = _found(request, inquiry_id)
    version = expected_version(request, payload.version, required=False)
    by_username = {a.get_username(): a for a in region_advisers(region=found.region)}
    unknown = [name for name in payload.advisers if name not in by_username]
    if unknown:
        return Status(
            422,
            {
                "detail": "Ugyldig forespørsel / invalid request",
                "errors": {"advisers": [f"{', '.join(unknown)}: ikke rådgiver i regionen"]},
            },
        )
    assert isinstance(request.user, User)  # noqa: S101 - django_auth guarantees a logged-in User
    try:
        inquiry_assign(
            inquiry=found,
            advisers=[by_username[name] for name in payload.advisers],
            actor=request.user,
            expected_version=version,
        )
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    except ValidationError as error:
        return _unprocessable(error)
    return Status(200, _detail(request, _found(request, inquiry_id)))


@router.get(
    "/regions/{slug}/summary",
    response={200: SummaryOut, **errors(401, 403, 404, 422)},
    auth=django_auth,
    summary="Counts by need, municipality and status, and unmet demand (statistics)",
)
def summary(request: HttpRequest, slug: str, query: Query[SummaryQuery]) -> dict[str, object]:
    region = _visible_region(request, slug)
    rows = inquiry_rows_for(user=request.user, region=region)
    demand = unmet_demand(rows, need=query.need, min_area_m2=query.min_area_m2, year=query.year)

    def counts(items: list[tuple[str, int]]) -> list[dict[str, object]]:
        return [{"key": key, "count": count} for key, count in items]

    return {
        "total": len(rows),
        "by_need": counts(count_by_need(rows)),
        "by_municipality": counts(count_by_municipality(rows)),
        "by_status": counts(count_by_status(rows)),
        "unmet_demand": {key: getattr(demand, key) for key in UnmetDemandOut.model_fields},
    }


@router.get(
    "/regions/{slug}/services",
    response={200: ServicesOut, **errors(404)},
    summary="How each member municipality's business service is organised (open data)",
)
def services(request: HttpRequest, slug: str) -> dict[str, object]:
    overview = service_overview(region=region_get(slug=slug))
    return {
        "municipalities": [
            {
                "municipality_number": municipality.number,
                "municipality_name": municipality.name,
                "organisation": service.organisation if service else None,
                "person_years": service.person_years if service else None,
                "person_years_text": service.person_years_text if service else None,
                "bought_first_line_service": service.bought_first_line_service if service else None,
                "bought_from": service.bought_from if service else None,
                "bought_person_years": service.bought_person_years if service else None,
                "business_association": service.business_association if service else None,
            }
            for municipality, service in overview.rows
        ],
        "person_years": overview.person_years,
        "bought_person_years": overview.bought_person_years,
        "total_person_years": overview.total_person_years,
        "with_business_association": overview.with_business_association,
    }
