"""Reads for the front door: what each user may see, always filtered through `access_for`."""

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q, QuerySet

from samspill.accounts.models import RoleAssignment, User
from samspill.accounts.selectors import Access, access_for, accesses_for
from samspill.inquiries.models import (
    AdviserProfile,
    Inquiry,
    InquiryNote,
    MunicipalityService,
    RoutingRule,
)
from samspill.inquiries.reports import InquiryRow, company_identity_withheld
from samspill.inquiries.routing import AdviserCompetence, Rule, rank_advisers
from samspill.regions.models import Municipality, Region
from samspill.regions.selectors import region_members


def region_municipalities(*, region: Region) -> list[Municipality]:
    """Today's member municipalities of the region, by number."""
    today = datetime.date.today()  # noqa: DTZ011 - membership dates are calendar dates
    return [member.municipality for member in region_members(region=region, on=today)]


def regions_with_front_door() -> QuerySet[Region]:
    """Regions a business can send an inquiry to: the active ones (a historical one has no inbox)."""
    return Region.objects.filter(historical=False)


@dataclass(frozen=True)
class FrontDoorPlace:
    """A municipality a business can choose, and the active regions whose inbox serves it."""

    municipality: Municipality
    regions: tuple[Region, ...]


def front_door_places() -> list[FrontDoorPlace]:
    """Today's municipalities that are members of an active region, by name."""
    regions_by_municipality: dict[int, list[Region]] = {}
    municipalities: dict[int, Municipality] = {}
    for region in regions_with_front_door():
        for municipality in region_municipalities(region=region):
            municipalities[municipality.pk] = municipality
            regions_by_municipality.setdefault(municipality.pk, []).append(region)
    return [
        FrontDoorPlace(municipalities[pk], tuple(regions_by_municipality[pk]))
        for pk in sorted(municipalities, key=lambda pk: municipalities[pk].name)
    ]


def active_regions_for(*, region: Region) -> list[Region]:
    """Active regions sharing a municipality with `region`: where a historical one's businesses go."""
    members = {m.pk for m in region_municipalities(region=region)}
    return [
        other
        for other in regions_with_front_door().exclude(pk=region.pk)
        if members & {m.pk for m in region_municipalities(region=other)}
    ]


def visible_region_ids(access: Access) -> frozenset[int] | None:
    """Regions whose inquiries the user may list (None means every region: site admin)."""
    if access.is_site_admin:
        return None
    return access.coordinated_region_ids | access.viewer_region_ids | access.member_region_ids


def _with_relations(inquiries: QuerySet[Inquiry]) -> QuerySet[Inquiry]:
    return inquiries.select_related("region", "company", "outcome_municipality").prefetch_related(
        Prefetch("municipalities", queryset=Municipality.objects.defer("boundary")),
        "assigned_advisers",
    )


def _visible_inquiries(
    *,
    user: User | AnonymousUser,
    region: Region | None = None,
    status: str = "",
    need: str = "",
    municipality_id: int | None = None,
    unassigned_only: bool = False,
    assigned_to_me: bool = False,
) -> QuerySet[Inquiry]:
    """The filtered inquiries the user may see, without joins that would need DISTINCT."""
    access = access_for(user=user)
    if not access.is_authenticated:
        return Inquiry.objects.none()
    advisers = Inquiry.assigned_advisers.through.objects
    mine = advisers.filter(user_id=user.pk or 0).values("inquiry_id")
    inquiries = Inquiry.objects.all()
    region_ids = visible_region_ids(access)
    if region_ids is not None:
        inquiries = inquiries.filter(Q(region_id__in=region_ids) | Q(pk__in=mine))
    if region is not None:
        inquiries = inquiries.filter(region=region)
    if status == "open":
        inquiries = inquiries.exclude(status__in=Inquiry.CLOSED_STATUSES)
    elif status:
        inquiries = inquiries.filter(status=status)
    if municipality_id is not None:
        places = Inquiry.municipalities.through.objects.filter(municipality_id=municipality_id)
        inquiries = inquiries.filter(pk__in=places.values("inquiry_id"))
    if unassigned_only:
        inquiries = inquiries.exclude(pk__in=advisers.values("inquiry_id"))
    if assigned_to_me:
        inquiries = inquiries.filter(pk__in=mine)
    if need:
        # JSON containment is not portable to SQLite; read (pk, needs) pairs and filter the ids.
        ids = [pk for pk, needs in inquiries.values_list("pk", "needs") if need in (needs or [])]
        inquiries = inquiries.filter(pk__in=ids)
    return inquiries


def inquiry_list_for(
    *,
    user: User | AnonymousUser,
    region: Region | None = None,
    status: str = "",
    need: str = "",
    municipality_id: int | None = None,
    unassigned_only: bool = False,
    assigned_to_me: bool = False,
) -> QuerySet[Inquiry]:
    """Inquiries the user may see (never personal data), newest first, ready for a list page."""
    return _with_relations(
        _visible_inquiries(
            user=user,
            region=region,
            status=status,
            need=need,
            municipality_id=municipality_id,
            unassigned_only=unassigned_only,
            assigned_to_me=assigned_to_me,
        )
    )


def inquiry_readers(*, inquiry_id: int, users: Sequence[User]) -> set[int]:
    """The ids of those among `users` who may see the inquiry in their list (`inquiry_list_for`
    the other way round, for a notification's fan-out; four queries however many users)."""
    region_id = Inquiry.objects.filter(pk=inquiry_id).values_list("region_id", flat=True).first()
    if region_id is None or not users:
        return set()
    accesses = accesses_for(users=users)
    advisers = set(
        Inquiry.assigned_advisers.through.objects.filter(
            inquiry_id=inquiry_id, user_id__in=[user.pk for user in users]
        ).values_list("user_id", flat=True)
    )
    readers = set()
    for user in users:
        region_ids = visible_region_ids(accesses[user.pk])
        if region_ids is None or region_id in region_ids or user.pk in advisers:
            readers.add(user.pk)
    return readers


def inquiry_get_for(*, user: User | AnonymousUser, pk: int) -> Inquiry:
    """One inquiry the user may see; raises Inquiry.DoesNotExist otherwise (→ 404, no leak)."""
    return inquiry_list_for(user=user).get(pk=pk)


def _inquiry_municipality_ids(inquiry: Inquiry) -> set[int]:
    return {m.pk for m in inquiry.municipalities.all()}


def _inquiry_adviser_ids(inquiry: Inquiry) -> set[int]:
    return {adviser.pk for adviser in inquiry.assigned_advisers.all()}


def can_see_personal_data(*, user: User | AnonymousUser, inquiry: Inquiry) -> bool:
    """Assigned advisers, the region's coordinators and the municipality concerned (its developers)."""
    access = access_for(user=user)
    if not access.is_authenticated:
        return False
    return (
        access.is_site_admin
        or access.can_edit_region(inquiry.region_id)
        or user.pk in _inquiry_adviser_ids(inquiry)
        or bool(access.developed_municipality_ids & _inquiry_municipality_ids(inquiry))
    )


def personal_data_checker(*, user: User | AnonymousUser) -> Callable[[Inquiry], bool]:
    """`can_see_personal_data` for many inquiries with one `access_for` (lists, API pages).

    The inquiries should come from `inquiry_list_for` (municipalities and advisers prefetched).
    """
    access = access_for(user=user)

    def check(inquiry: Inquiry) -> bool:
        if not access.is_authenticated:
            return False
        return (
            access.is_site_admin
            or access.can_edit_region(inquiry.region_id)
            or user.pk in _inquiry_adviser_ids(inquiry)
            or bool(access.developed_municipality_ids & _inquiry_municipality_ids(inquiry))
        )

    return check


def can_follow_up(*, user: User | AnonymousUser, inquiry: Inquiry) -> bool:
    """Who may write notes and change status: the same people who may see the contact person."""
    return can_see_personal_data(user=user, inquiry=inquiry)


def can_assign(*, user: User | AnonymousUser, inquiry: Inquiry) -> bool:
    """The region's coordinators assign inquiries from the shared inbox."""
    return access_for(user=user).can_edit_region(inquiry.region_id)


def can_manage_municipality(*, user: User | AnonymousUser, municipality: Municipality) -> bool:
    """The municipality's developers and its regions' coordinators edit its service description."""
    return access_for(user=user).can_edit_municipality(municipality.pk)


def can_manage_region(*, user: User | AnonymousUser, region: Region) -> bool:
    """The region's coordinators manage routing rules and the shared inbox."""
    return access_for(user=user).can_edit_region(region.pk)


def can_register_for_region(*, user: User | AnonymousUser, region: Region) -> bool:
    """Coordinators and the member municipalities' business developers register for a business."""
    access = access_for(user=user)
    if access.can_edit_region(region.pk):
        return True
    member_ids = {m.pk for m in region_municipalities(region=region)}
    return bool(access.developed_municipality_ids & member_ids)


def can_view_region_inquiries(*, user: User | AnonymousUser, region: Region) -> bool:
    """Anyone with a role in or under the region sees its inbox and statistics (no personal data)."""
    return access_for(user=user).can_view_region(region.pk)


def region_advisers(*, region: Region) -> list[User]:
    """Everyone who can take an inquiry in the region: member developers and its coordinators."""
    member_ids = [m.pk for m in region_municipalities(region=region)]
    roles = RoleAssignment.objects.filter(
        Q(role=RoleAssignment.Role.BUSINESS_DEVELOPER, municipality_id__in=member_ids)
        | Q(role=RoleAssignment.Role.COORDINATOR, region=region)
    )
    return list(
        User.objects.filter(pk__in=roles.values("user_id"), is_active=True)
        .select_related("adviser_profile", "organisation")
        .prefetch_related(
            Prefetch(
                "role_assignments",
                queryset=RoleAssignment.objects.select_related("municipality", "region").defer(
                    "municipality__boundary"
                ),
            )
        )
        .order_by("last_name", "first_name", "username")
    )


@dataclass(frozen=True)
class AdviserSuggestion:
    """An adviser suggested for an inquiry and how many of its needs they cover."""

    adviser: User
    needs_covered: int


def _profile(user: User) -> AdviserProfile | None:
    try:
        return user.adviser_profile
    except AdviserProfile.DoesNotExist:
        return None


def adviser_suggestions(*, inquiry: Inquiry) -> list[AdviserSuggestion]:
    """Region advisers whose competence covers the inquiry's needs, best first."""
    advisers = {adviser.pk: adviser for adviser in region_advisers(region=inquiry.region)}
    competences = []
    for adviser in advisers.values():
        profile = _profile(adviser)
        if profile is None or not profile.accepts_inquiries:
            continue
        competences.append(
            AdviserCompetence(
                adviser_id=adviser.pk,
                competence_areas=frozenset(profile.competence_areas),
                municipality_ids=frozenset(
                    role.municipality_id
                    for role in adviser.role_assignments.all()
                    if role.municipality_id
                ),
            )
        )
    ranked = rank_advisers(
        competences,
        needs=inquiry.needs,
        municipality_ids=sorted(_inquiry_municipality_ids(inquiry)),
    )
    return [AdviserSuggestion(advisers[item.adviser_id], covered) for item, covered in ranked]


def routing_rules_for(*, region: Region) -> list[Rule]:
    """The region's active routing rules, reduced for the pure matcher."""
    return [
        Rule(rule.pk, rule.need, rule.municipality_id, rule.adviser_id, rule.priority)
        for rule in RoutingRule.objects.filter(region=region, active=True)
    ]


def routing_rule_list(*, region: Region) -> QuerySet[RoutingRule]:
    return RoutingRule.objects.filter(region=region).select_related("municipality", "adviser")


def overdue_notes_for(
    *, user: User | AnonymousUser, region: Region, today: datetime.date | None = None
) -> list[InquiryNote]:
    """Next steps past their due date on open inquiries the user follows up (coordinators: all)."""
    day = today or datetime.date.today()  # noqa: DTZ011 - due dates are calendar dates
    inquiries = inquiry_list_for(user=user, region=region, status="open")
    notes = (
        InquiryNote.objects.filter(
            inquiry__in=inquiries.values("pk"), due_date__lt=day, done_at__isnull=True
        )
        .select_related("inquiry", "author")
        .order_by("due_date", "id")
    )
    if access_for(user=user).can_edit_region(region.pk):
        return list(notes)
    return [
        note
        for note in notes.prefetch_related("inquiry__municipalities", "inquiry__assigned_advisers")
        if can_follow_up(user=user, inquiry=note.inquiry)
    ]


@dataclass(frozen=True)
class ServiceOverview:
    """Each member municipality's business service and the region's totals."""

    rows: list[tuple[Municipality, MunicipalityService | None]]
    person_years: Decimal
    bought_person_years: Decimal
    with_business_association: int
    buying_first_line_service: int

    @property
    def total_person_years(self) -> Decimal:
        return self.person_years + self.bought_person_years


def service_overview(*, region: Region) -> ServiceOverview:
    """Seed 004's table for any region: how each municipality's service is organised, and totals."""
    municipalities = region_municipalities(region=region)
    services = {
        service.municipality_id: service
        for service in MunicipalityService.objects.filter(municipality__in=municipalities)
    }
    found = list(services.values())
    return ServiceOverview(
        rows=[(m, services.get(m.pk)) for m in municipalities],
        person_years=sum((s.person_years for s in found), Decimal(0)),
        bought_person_years=sum((s.bought_person_years for s in found), Decimal(0)),
        with_business_association=sum(1 for s in found if s.business_association),
        buying_first_line_service=sum(1 for s in found if s.bought_first_line_service),
    )


ROW_FIELDS = (
    "pk",
    "created_at",
    "first_response_at",
    "closed_at",
    "status",
    "company_name",
    "company__organisation_number",
    "needs",
    "anywhere_in_region",
    "area_m2",
    "employees",
    "jobs_expected",
    "jobs_created",
    "outcome_municipality__name",
    "lost_reason",
    "unmet_needs",
    "is_example",
    "case_number",
    "company__facts_status",
    "company__organisation_form_code",
    "company__organisation_form",
)


def inquiry_rows_for(
    *, user: User | AnonymousUser, region: Region, year: int | None = None
) -> list[InquiryRow]:
    """Flat rows for reports and exports: no personal data, two queries, no model instances."""
    inquiries = _visible_inquiries(user=user, region=region).order_by("-created_at", "-pk")
    if year is not None:
        inquiries = inquiries.filter(created_at__year=year)
    values = list(inquiries.values_list(*ROW_FIELDS))
    names: dict[int, list[str]] = {}
    places = Inquiry.municipalities.through.objects.filter(
        inquiry_id__in=inquiries.values("pk")
    ).order_by("municipality__number")
    for inquiry_id, name in places.values_list("inquiry_id", "municipality__name"):
        names.setdefault(inquiry_id, []).append(name)
    rows = []
    for (
        pk,
        created_at,
        first_response_at,
        closed_at,
        status,
        company_name,
        organisation_number,
        needs,
        anywhere,
        area_m2,
        employees,
        jobs_expected,
        jobs_created,
        outcome,
        lost_reason,
        unmet,
        is_example,
        case_number,
        facts_status,
        form_code,
        form,
    ) in values:
        withheld = company_identity_withheld(
            organisation_number=organisation_number or "",
            facts_status=facts_status or "",
            form_code=form_code or "",
            form=form or "",
        )
        rows.append(
            InquiryRow(
                inquiry_id=pk,
                created_at=created_at,
                first_response_at=first_response_at,
                closed_at=closed_at,
                status=status,
                company_name="" if withheld else company_name,
                organisation_number="" if withheld else organisation_number or "",
                needs=tuple(needs or ()),
                municipalities=tuple(names.get(pk, ())),
                anywhere_in_region=anywhere,
                area_m2=area_m2,
                employees=employees,
                jobs_expected=jobs_expected,
                jobs_created=jobs_created,
                outcome_municipality=outcome or "",
                lost_reason=lost_reason,
                unmet_needs=tuple(unmet or ()),
                is_example=is_example,
                case_number=case_number or "",
                identity_withheld=withheld,
            )
        )
    return rows


def advisers_by_ids(*, region: Region, ids: Iterable[int]) -> list[User]:
    """The region's advisers among `ids` (anyone else is silently not an adviser here)."""
    wanted = set(ids)
    return [adviser for adviser in region_advisers(region=region) if adviser.pk in wanted]
