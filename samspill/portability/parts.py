"""What a region owns: the models of a region archive, in import order, and how to find each one.

A new region-owned model is added here (and to nothing else): export, import and the round-trip
test pick it up. Foreign keys to shared reference data are written as natural keys
(`NATURAL_KEYS`); foreign keys between parts as the exporting database's primary keys, which the
import maps to the new ones.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, Q, QuerySet

from samspill.accounts.models import Organisation, RoleAssignment, User
from samspill.collaboration import models as collaboration
from samspill.inquiries.models import (
    AdviserProfile,
    Company,
    Inquiry,
    InquiryContact,
    InquiryNote,
    MunicipalityService,
    RoutingRule,
)
from samspill.inquiries.reports import company_identity_withheld
from samspill.knowledge.models import (
    Decision,
    Document,
    DocumentGroup,
    DocumentVersion,
    ObjectLink,
)
from samspill.land.models import Site, SitePhoto, SiteSnapshot
from samspill.projects.models import Opportunity, Phase, Project, Scenario
from samspill.regions.models import Municipality, Region, RegionMembership
from samspill.stats.models import Series
from samspill.strategy.models import (
    ActionPlan,
    FocusArea,
    Goal,
    GoalIndicator,
    IndicatorReading,
    Measure,
    ProgressNote,
    ReportingPeriod,
    Strategy,
    StrategyReport,
)

FORMAT = "samspill-region-archive"
FORMAT_VERSION = 2
# Archives this Samspill reads: version 1 (no knowledge documents, no files) imports as it did.
READABLE_VERSIONS = frozenset({1, 2})

# Shared reference data, loaded into every Samspill by its own importers, found by these fields.
NATURAL_KEYS: dict[type[Model], str] = {
    Municipality: "number",
    Series: "code",
    User: "username",
}
# The user fields an archive carries (never the password: imported users must reset it).
USER_FIELDS = ("username", "first_name", "last_name", "email", "title", "is_active", "date_joined")


@dataclass(frozen=True)
class Scope:
    """The region being exported and its member municipalities (any period)."""

    region: Region
    municipality_ids: frozenset[int]


@dataclass(frozen=True)
class Part:
    """One model of the archive and the rows of it that the region owns."""

    model: type[Model]
    rows: Callable[[Scope], QuerySet[Model]]
    personal: bool = False  # only with --with-personal-data
    personal_fields: tuple[str, ...] = field(default=())  # blanked without personal data
    # Without personal data: whether a row is personal as a whole (left out), or which of its
    # fields to replace (field → value written instead; a foreign key → None).
    personal_row: Callable[[Model], bool] | None = None
    redact: Callable[[Model], dict[str, Any]] | None = None
    # JSON fields whose object keys are primary keys of another part (field → model): the import
    # maps the keys (a what-if scenario's shifts name projects by id).
    json_keys: dict[str, type[Model]] = field(default_factory=dict)
    # Rows that may exist in the importing Samspill already (one per company, user, municipality):
    # found by this field and reused, never duplicated or overwritten.
    match_existing: str | None = None
    # A generic relation (content type field, object id field): written as "app.model" and the
    # exporting primary key, mapped on import; rows pointing outside the archive are left out.
    generic: tuple[str, str] | None = None

    @property
    def label(self) -> str:
        return self.model._meta.label_lower


def _company_withheld(company: Company | None) -> str:
    """Why a company's name and number are personal data ('' when they are not): ENK, unverified."""
    if company is None:
        return company_identity_withheld(
            organisation_number="", facts_status="", form_code="", form=""
        )
    return company_identity_withheld(
        organisation_number=company.organisation_number,
        facts_status=company.facts_status,
        form_code=company.organisation_form_code,
        form=company.organisation_form,
    )


def _company_is_personal(company: Model) -> bool:
    assert isinstance(company, Company)  # noqa: S101 - narrows
    return bool(_company_withheld(company))


def _inquiry_redact(inquiry: Model) -> dict[str, Any]:
    """A sole proprietorship's (or unconfirmed business's) name and company link are left out."""
    assert isinstance(inquiry, Inquiry)  # noqa: S101 - narrows
    reason = _company_withheld(inquiry.company)
    if not reason:
        return {}
    return {"company_name": f"(utelatt: {reason})", "company": None}


def _members(scope: Scope) -> Q:
    return Q(municipality_id__in=scope.municipality_ids)


def _of_collaboration_project(model: type[Model], path: str) -> Callable[[Scope], QuerySet[Model]]:
    """The rows of `model` whose collaboration project (found through `path`) is the region's."""
    return lambda s: model._default_manager.filter(**{f"{path}__region": s.region})


PARTS: tuple[Part, ...] = (
    Part(Region, lambda s: Region.objects.filter(pk=s.region.pk)),
    Part(RegionMembership, lambda s: RegionMembership.objects.filter(region=s.region)),
    Part(
        Organisation,
        lambda s: Organisation.objects.filter(Q(region=s.region) | _members(s)),
    ),
    Part(
        RoleAssignment,
        lambda s: RoleAssignment.objects.filter(Q(region=s.region) | _members(s)),
    ),
    Part(
        AdviserProfile,
        lambda s: AdviserProfile.objects.filter(
            Q(user__role_assignments__region=s.region)
            | Q(user__role_assignments__municipality_id__in=s.municipality_ids)
        ).distinct(),
        match_existing="user",
    ),
    Part(
        MunicipalityService,
        lambda s: MunicipalityService.objects.filter(_members(s)),
        match_existing="municipality",
    ),
    Part(Strategy, lambda s: Strategy.objects.filter(region=s.region)),
    Part(FocusArea, lambda s: FocusArea.objects.filter(strategy__region=s.region)),
    Part(Goal, lambda s: Goal.objects.filter(focus_area__strategy__region=s.region)),
    Part(
        GoalIndicator,
        lambda s: GoalIndicator.objects.filter(goal__focus_area__strategy__region=s.region),
    ),
    Part(
        IndicatorReading,
        lambda s: IndicatorReading.objects.filter(
            indicator__goal__focus_area__strategy__region=s.region
        ),
    ),
    Part(ReportingPeriod, lambda s: ReportingPeriod.objects.filter(strategy__region=s.region)),
    Part(StrategyReport, lambda s: StrategyReport.objects.filter(strategy__region=s.region)),
    Part(ActionPlan, lambda s: ActionPlan.objects.filter(strategy__region=s.region)),
    Part(Measure, lambda s: Measure.objects.filter(action_plan__strategy__region=s.region)),
    Part(
        ProgressNote,
        lambda s: ProgressNote.objects.filter(measure__action_plan__strategy__region=s.region),
    ),
    Part(
        Company,
        lambda s: Company.objects.filter(inquiries__region=s.region).distinct(),
        match_existing="organisation_number",
        personal_row=_company_is_personal,
    ),
    Part(
        Inquiry,
        lambda s: Inquiry.objects.filter(region=s.region).select_related("company"),
        personal_fields=("description", "outcome_note"),
        redact=_inquiry_redact,
    ),
    Part(
        InquiryContact,
        lambda s: InquiryContact.objects.filter(inquiry__region=s.region),
        personal=True,
    ),
    Part(
        InquiryNote,
        lambda s: InquiryNote.objects.filter(inquiry__region=s.region),
        personal=True,
    ),
    Part(RoutingRule, lambda s: RoutingRule.objects.filter(region=s.region)),
    # The register of large planned projects (issue 14), its what-if scenarios (their shifts name
    # projects by id inside JSON: mapped on import) and the opportunities in their wake.
    Part(Project, lambda s: Project.objects.filter(region=s.region)),
    Part(Phase, lambda s: Phase.objects.filter(project__region=s.region)),
    Part(
        Scenario, lambda s: Scenario.objects.filter(region=s.region), json_keys={"shifts": Project}
    ),
    Part(Opportunity, lambda s: Opportunity.objects.filter(region=s.region)),
    # The knowledge app (issue 9): groups, documents with every version and its file, decisions.
    Part(DocumentGroup, lambda s: DocumentGroup.objects.filter(region=s.region)),
    Part(Document, lambda s: Document.objects.filter(region=s.region)),
    Part(DocumentVersion, lambda s: DocumentVersion.objects.filter(document__region=s.region)),
    Part(Decision, lambda s: Decision.objects.filter(region=s.region)),
    # Collaboration projects (issue 9): roles, plan, budget, meetings, agreements, status reports.
    # A project continuing an earlier one (`previous`) comes after it (pk order).
    Part(collaboration.Project, lambda s: collaboration.Project.objects.filter(region=s.region)),
    *(
        Part(model, _of_collaboration_project(model, path))
        for model, path in (
            (collaboration.ProjectRole, "project"),
            (collaboration.Activity, "project"),
            (collaboration.Milestone, "project"),
            (collaboration.DecisionPoint, "project"),
            (collaboration.CouncilTreatment, "decision_point__project"),
            (collaboration.CostLine, "project"),
            (collaboration.FinancingSource, "project"),
            (collaboration.CostKey, "project"),
            (collaboration.Meeting, "project"),
            (collaboration.AgendaItem, "meeting__project"),
            (collaboration.Agreement, "project"),
            (collaboration.AgreementVersion, "agreement__project"),
            (collaboration.AgreementSignature, "version__agreement__project"),
            (collaboration.StatusReport, "project"),
        )
    ),
    # Land sites in the member municipalities, with their photos (files) and snapshots. A plot
    # comes after the area it lies in (pk order).
    Part(Site, lambda s: Site.objects.filter(_members(s))),
    Part(
        SitePhoto, lambda s: SitePhoto.objects.filter(site__municipality_id__in=s.municipality_ids)
    ),
    Part(
        SiteSnapshot,
        lambda s: SiteSnapshot.objects.filter(site__municipality_id__in=s.municipality_ids),
    ),
    # Last: what documents and decisions concern may be any part above.
    Part(
        ObjectLink,
        lambda s: ObjectLink.objects.filter(
            Q(document__region=s.region) | Q(decision__region=s.region)
        ).select_related("content_type"),
        generic=("content_type", "object_id"),
    ),
)
