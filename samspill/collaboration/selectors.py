"""Reads for collaboration projects, scoped to the acting user, and the rights that follow roles.

Rights (ADR 43): the project manager (a role linked to a Samspill user), the region's coordinators
and administrators edit the plan, budget, meetings and adoptions; steering-group members (not
observers) record decisions at decision points (coordinators and administrators may record them
on the group's behalf); everyone with a role in the project and the business developers of the
participating municipalities see internal material; everyone else sees a published project's
purpose, stage, plan and roles (without contact details), and nothing of an unpublished one.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from samspill.accounts.models import User
from samspill.accounts.selectors import Access, access_for
from samspill.analytics.allocation import AllocationError, KeyPart, allocate
from samspill.collaboration.models import (
    ADOPTED_OUTCOMES,
    ROLE_ORDER,
    Activity,
    AgendaItem,
    Agreement,
    AgreementSignature,
    AgreementVersion,
    CostKey,
    CostLine,
    DecisionPoint,
    FinancingKind,
    FinancingSource,
    Meeting,
    Milestone,
    Project,
    ProjectRole,
    RoleKind,
    StatusReport,
)
from samspill.collaboration.plan import (
    AdoptionStatus,
    Dated,
    OrderBreak,
    Treatment,
    adoption_status,
    decision_point_passed,
    order_breaks,
)
from samspill.regions.models import Municipality
from samspill.stats.models import Observation
from samspill.stats.selectors import POPULATION

AnyUser = User | AnonymousUser


@dataclass(frozen=True)
class ProjectRights:
    can_view: bool
    can_view_internal: bool
    can_edit_plan: bool
    can_decide: bool
    can_manage: bool  # change the project itself and its roles


def _user_roles(user: AnyUser, project: Project) -> set[str]:
    if not user.is_authenticated:
        return set()
    return set(project.roles.filter(user_id=user.pk).values_list("kind", flat=True))


def rights_for(*, user: AnyUser, project: Project, access: Access | None = None) -> ProjectRights:
    access = access or access_for(user=user)
    kinds = _user_roles(user, project)
    manage = access.is_site_admin or (
        project.region_id is not None and access.can_edit_region(project.region_id)
    )
    edit = manage or RoleKind.MANAGER in kinds
    decide = manage or RoleKind.STEERING in kinds or RoleKind.RESPONSIBLE in kinds
    participating = set(project.municipalities.values_list("pk", flat=True))
    internal = edit or bool(kinds) or bool(participating & set(access.developed_municipality_ids))
    return ProjectRights(
        can_view=internal or project.is_published,
        can_view_internal=internal,
        can_edit_plan=edit,
        can_decide=decide,
        can_manage=manage,
    )


def _internal_q(user: AnyUser, access: Access) -> Q:
    if access.is_site_admin:
        return Q()
    return (
        Q(is_published=True)
        | Q(region_id__in=access.coordinated_region_ids)
        | Q(roles__user_id=user.pk)
        | Q(municipalities__in=access.developed_municipality_ids)
    )


def project_list_for(*, user: AnyUser) -> QuerySet[Project]:
    access = access_for(user=user)
    query = Q(is_published=True) if not user.is_authenticated else _internal_q(user, access)
    ids = Project.objects.filter(query).values("pk")
    return Project.objects.filter(pk__in=ids).select_related("region").order_by("title", "pk")


def project_get_for(*, user: AnyUser, pk: int) -> tuple[Project, ProjectRights]:
    """The project and the user's rights; 404 when the user may not see it at all."""
    project = Project.objects.select_related("region", "previous").filter(pk=pk).first()
    if project is None:
        raise Http404
    rights = rights_for(user=user, project=project)
    if not rights.can_view:
        raise Http404
    return project, rights


def municipalities_of(project: Project) -> list[Municipality]:
    return list(project.municipalities.order_by("name"))


def roles_by_kind(project: Project) -> list[tuple[str, str, list[ProjectRole]]]:
    """(kind, label, people) in the chart's order, only kinds with people."""
    grouped: dict[str, list[ProjectRole]] = defaultdict(list)
    for role in project.roles.all():
        grouped[role.kind].append(role)
    labels = dict(RoleKind.choices)
    return [(kind, str(labels[kind]), grouped[kind]) for kind in ROLE_ORDER if grouped.get(kind)]


def milestones_of(project: Project) -> list[Milestone]:
    return list(project.milestones.order_by("number", "pk"))


def decision_points_of(project: Project) -> list[DecisionPoint]:
    return list(
        project.decision_points.order_by("number").select_related(
            "decision_recorded_by", "override_by"
        )
    )


@dataclass(frozen=True)
class PlanWarning:
    kind: str  # "milestone" or "decision_point"
    found: OrderBreak


def plan_warnings(project: Project) -> list[PlanWarning]:
    """Dates out of order among milestones, and among decision points (nothing is changed)."""
    warnings = [
        PlanWarning("milestone", found)
        for found in order_breaks([Dated(m.number, m.date) for m in milestones_of(project)])
    ]
    warnings += [
        PlanWarning("decision_point", found)
        for found in order_breaks(
            [Dated(str(point.number), point.date) for point in decision_points_of(project)]
        )
    ]
    return warnings


def adoption_for(point: DecisionPoint) -> AdoptionStatus:
    names = {m.pk: m.name for m in point.project.municipalities.all()}
    treatments = [
        Treatment(names.get(t.municipality_id, str(t.municipality_id)), t.outcome, t.meeting_date)
        for t in point.treatments.all()
    ]
    return adoption_status(sorted(names.values()), treatments, adopted_outcomes=ADOPTED_OUTCOMES)


def point_passed(point: DecisionPoint, status: AdoptionStatus | None = None) -> bool:
    status = status or adoption_for(point)
    return decision_point_passed(
        decided=point.decided_on is not None,
        needs_all=point.needs_all_councils,
        status=status,
        overridden=bool(point.override_reason),
    )


def decision_point_get_for(*, user: AnyUser, pk: int) -> tuple[DecisionPoint, ProjectRights]:
    point = DecisionPoint.objects.select_related("project").filter(pk=pk).first()
    if point is None:
        raise Http404
    _project, rights = project_get_for(user=user, pk=point.project_id)
    return point, rights


def activity_get_for(*, user: AnyUser, pk: int) -> tuple[Activity, ProjectRights]:
    activity = Activity.objects.select_related("project").filter(pk=pk).first()
    if activity is None:
        raise Http404
    _project, rights = project_get_for(user=user, pk=activity.project_id)
    return activity, rights


def meeting_get_for(*, user: AnyUser, pk: int) -> tuple[Meeting, ProjectRights]:
    meeting = Meeting.objects.select_related("project").filter(pk=pk).first()
    if meeting is None:
        raise Http404
    _project, rights = project_get_for(user=user, pk=meeting.project_id)
    if not rights.can_view_internal:
        raise Http404
    return meeting, rights


def decision_list(project: Project) -> list[AgendaItem]:
    """Every decision made on an agenda item of the project's meetings, newest first."""
    return list(
        AgendaItem.objects.filter(meeting__project=project)
        .exclude(decision="")
        .select_related("meeting")
        .order_by("-meeting__date", "-year", "-number")
    )


# Budget ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetTotals:
    planned: int
    spent: int
    financing: int
    municipal_share: int

    @property
    def balanced(self) -> bool:
        return self.planned == self.financing

    @property
    def difference(self) -> int:
        return self.financing - self.planned


def cost_lines_of(project: Project) -> list[CostLine]:
    return list(project.cost_lines.order_by("year", "category", "pk"))


def financing_of(project: Project) -> list[FinancingSource]:
    return list(project.financing.order_by("kind", "pk"))


def budget_totals(project: Project) -> BudgetTotals:
    lines = cost_lines_of(project)
    sources = financing_of(project)
    return BudgetTotals(
        planned=sum(line.planned for line in lines),
        spent=sum(line.spent for line in lines),
        financing=sum(source.amount for source in sources),
        municipal_share=sum(
            source.amount for source in sources if source.kind == FinancingKind.MUNICIPALITIES
        ),
    )


def population_on(
    *, municipality_ids: list[int], on: datetime.date
) -> dict[int, tuple[int, float]]:
    """municipality id → (year, population on 1 January of that year): the newest count on or
    before `on` (SSB table 07459 counts the population on 1 January)."""
    rows = (
        Observation.objects.filter(
            series__code=POPULATION,
            municipality_id__in=municipality_ids,
            dimension_key="",
            year__lte=on.year,
            value__isnull=False,
        )
        .order_by("municipality_id", "year")
        .values_list("municipality_id", "year", "value")
    )
    result: dict[int, tuple[int, float]] = {}
    for municipality_id, year, value in rows:
        if value is not None:
            result[municipality_id] = (year, float(value))
    return result


@dataclass(frozen=True)
class KeyResult:
    key: CostKey
    shares: dict[int, int]  # municipality id → kroner
    population: dict[int, tuple[int, float]]
    error: str  # an AllocationError code or "population_missing", "" when allocated


def key_parts(
    key: CostKey, municipalities: list[Municipality], population: dict[int, tuple[int, float]]
) -> list[KeyPart]:
    parts = [KeyPart(key.equal_percent)]
    if key.population_percent:
        parts.append(
            KeyPart(
                key.population_percent,
                {str(m.pk): population[m.pk][1] for m in municipalities if m.pk in population},
            )
        )
    if key.other_percent:
        figures: dict[str, float] = {}
        for m in municipalities:
            value = key.other_figures.get(m.number)
            if isinstance(value, int | float) and not isinstance(value, bool):
                figures[str(m.pk)] = float(value)
        parts.append(KeyPart(key.other_percent, figures))
    return parts


def key_allocate(key: CostKey, *, total: int, municipalities: list[Municipality]) -> KeyResult:
    population: dict[int, tuple[int, float]] = {}
    if key.population_percent:
        if key.population_date is None:
            return KeyResult(key, {}, {}, "population_date_missing")
        population = population_on(
            municipality_ids=[m.pk for m in municipalities], on=key.population_date
        )
        if any(m.pk not in population for m in municipalities):
            return KeyResult(key, {}, population, "population_missing")
    try:
        shares = allocate(
            total, [str(m.pk) for m in municipalities], key_parts(key, municipalities, population)
        )
    except AllocationError as error:
        return KeyResult(key, {}, population, error.code)
    return KeyResult(key, {int(k): v for k, v in shares.items()}, population, "")


def key_results(project: Project) -> list[KeyResult]:
    total = budget_totals(project).municipal_share
    municipalities = municipalities_of(project)
    return [
        key_allocate(key, total=total, municipalities=municipalities)
        for key in project.cost_keys.order_by("pk")
    ]


def cost_key_get(*, project: Project, pk: int) -> CostKey:
    key = project.cost_keys.filter(pk=pk).first()
    if key is None:
        raise Http404
    return key


def _internal_get(user: AnyUser, project_id: int) -> tuple[Project, ProjectRights]:
    project, rights = project_get_for(user=user, pk=project_id)
    if not rights.can_view_internal:
        raise Http404
    return project, rights


def role_get_for(*, user: AnyUser, pk: int) -> tuple[ProjectRole, ProjectRights]:
    role = ProjectRole.objects.select_related("project", "user").filter(pk=pk).first()
    if role is None:
        raise Http404
    role.project, rights = _internal_get(user, role.project_id)
    return role, rights


def cost_line_get_for(*, user: AnyUser, pk: int) -> tuple[CostLine, ProjectRights]:
    line = CostLine.objects.select_related("project").filter(pk=pk).first()
    if line is None:
        raise Http404
    line.project, rights = _internal_get(user, line.project_id)
    return line, rights


def cost_key_get_for(*, user: AnyUser, pk: int) -> tuple[CostKey, ProjectRights]:
    key = CostKey.objects.select_related("project").filter(pk=pk).first()
    if key is None:
        raise Http404
    key.project, rights = _internal_get(user, key.project_id)
    return key, rights


def financing_get_for(*, user: AnyUser, pk: int) -> tuple[FinancingSource, ProjectRights]:
    source = FinancingSource.objects.select_related("project").filter(pk=pk).first()
    if source is None:
        raise Http404
    source.project, rights = _internal_get(user, source.project_id)
    return source, rights


def agenda_item_get_for(*, user: AnyUser, pk: int) -> tuple[AgendaItem, ProjectRights]:
    item = AgendaItem.objects.select_related("meeting__project").filter(pk=pk).first()
    if item is None:
        raise Http404
    _project, rights = _internal_get(user, item.meeting.project_id)
    return item, rights


# Agreements ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VersionRow:
    version: AgreementVersion
    signed: list[AgreementSignature]
    missing: list[Municipality]


@dataclass(frozen=True)
class AgreementRow:
    agreement: Agreement
    versions: list[VersionRow]
    adoption: AdoptionStatus | None  # the linked decision point's council treatments

    @property
    def latest(self) -> VersionRow | None:
        return self.versions[-1] if self.versions else None


def agreement_rows(
    project: Project, agreements: list[Agreement] | None = None
) -> list[AgreementRow]:
    """Each agreement's versions with who signed each and who has not (prefetched)."""
    municipalities = municipalities_of(project)
    found = (
        agreements
        if agreements is not None
        else list(
            project.agreements.select_related("decision_point__project").prefetch_related(
                "versions__signatures__municipality"
            )
        )
    )
    rows = []
    for agreement in found:
        versions = []
        for version in agreement.versions.all():
            signed = sorted(version.signatures.all(), key=lambda s: s.municipality.name)
            names = {s.municipality_id for s in signed}
            versions.append(
                VersionRow(version, signed, [m for m in municipalities if m.pk not in names])
            )
        point = agreement.decision_point
        rows.append(AgreementRow(agreement, versions, adoption_for(point) if point else None))
    return rows


def agreement_get_for(*, user: AnyUser, pk: int) -> tuple[Agreement, ProjectRights]:
    agreement = Agreement.objects.select_related("project").filter(pk=pk).first()
    if agreement is None:
        raise Http404
    agreement.project, rights = _internal_get(user, agreement.project_id)
    return agreement, rights


def agreement_version_get_for(*, user: AnyUser, pk: int) -> tuple[AgreementVersion, ProjectRights]:
    version = AgreementVersion.objects.select_related("agreement__project").filter(pk=pk).first()
    if version is None:
        raise Http404
    _project, rights = _internal_get(user, version.agreement.project_id)
    return version, rights


# Status reports ------------------------------------------------------------------------------------


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def report_snapshot(project: Project, *, on: datetime.date) -> dict[str, object]:
    """The plan and the budget as a report freezes them (JSON: dates as ISO strings)."""
    activities = list(project.activities.order_by("start_date", "code", "pk"))
    milestones = milestones_of(project)
    points = decision_points_of(project)
    totals = budget_totals(project)
    return {
        "as_of": on.isoformat(),
        "activities": [
            {
                "code": a.code,
                "title": a.title,
                "start": _iso(a.start_date),
                "end": _iso(a.end_date),
                "done": a.is_done,
            }
            for a in activities
        ],
        "milestones": [
            {
                "number": m.number,
                "date": _iso(m.date),
                "marker": m.marker,
                "reached_on": _iso(m.reached_on),
            }
            for m in milestones
        ],
        "decision_points": [
            {
                "number": p.number,
                "date": _iso(p.date),
                "topic": p.topic,
                "decided_on": _iso(p.decided_on),
                "passed": point_passed(p),
            }
            for p in points
        ],
        "budget": {"planned": totals.planned, "spent": totals.spent, "financing": totals.financing},
    }


def status_reports_of(project: Project) -> list[StatusReport]:
    return list(project.status_reports.select_related("created_by").order_by("-period_end", "-pk"))


def status_report_get_for(*, user: AnyUser, pk: int) -> tuple[StatusReport, ProjectRights]:
    report = (
        StatusReport.objects.select_related("project__region", "created_by").filter(pk=pk).first()
    )
    if report is None:
        raise Http404
    report.project, rights = _internal_get(user, report.project_id)
    return report, rights


def report_previous(report: StatusReport) -> StatusReport | None:
    """The project's report before this one (by period end, then creation)."""
    return (
        StatusReport.objects.filter(project_id=report.project_id)
        .filter(
            Q(period_end__lt=report.period_end) | Q(period_end=report.period_end, pk__lt=report.pk)
        )
        .order_by("-period_end", "-pk")
        .first()
    )
