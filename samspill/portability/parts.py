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
from samspill.challenges import models as challenges
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
FORMAT_VERSION = 3
# Archives this Samspill reads: version 1 (no knowledge documents, no files) and version 2 (no
# innovation challenges) import as they did (ADR 94).
READABLE_VERSIONS = frozenset({1, 2, 3})

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
    # With `match_existing`: only rows for which this is true are matched (a supplier's
    # organisation by its number; a municipality's or council's organisation is always created).
    match_if: Callable[[dict[str, Any]], bool] | None = None
    # Suppliers' confidential data, replaced whatever the personal-data option says (field →
    # value written instead; a foreign key → None): never in an archive (ADR 95).
    confidential: dict[str, Any] = field(default_factory=dict)

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


def _owned_challenges(scope: Scope) -> Q:
    """Challenges with at least one owning municipality among the members (any period)."""
    return Q(owners__municipality_id__in=scope.municipality_ids)


def _of_challenge(model: type[Model], path: str) -> Callable[[Scope], QuerySet[Model]]:
    """The rows of `model` whose challenge (found through `path`) the region's members own."""
    return lambda s: model._default_manager.filter(
        **{f"{path}__owners__municipality_id__in": s.municipality_ids}
    ).distinct()


def _piloted_answers(scope: Scope) -> Q:
    """The answers a pilot of the region's challenges was made from (ADR 95)."""
    return Q(pilot__challenge__owners__municipality_id__in=scope.municipality_ids)


def _is_supplier(fields: dict[str, Any]) -> bool:
    return fields.get("kind") == Organisation.Kind.SUPPLIER and bool(
        fields.get("organisation_number")
    )


# What a piloted answer keeps in an archive: who, which challenge, when, the outcome. The proposed
# solution, price, time, references and the reason given to the supplier are theirs (ADR 95).
ANSWER_WITHHELD = "(utelatt: leverandørens fortrolige svar)"
ANSWER_CONFIDENTIAL: dict[str, Any] = {
    "solution": ANSWER_WITHHELD,
    "estimated_cost": None,
    "estimated_time": "",
    "tried_elsewhere": "",
    "outcome_reason": "",
    "submitted_by": None,
}


def _of_collaboration_project(model: type[Model], path: str) -> Callable[[Scope], QuerySet[Model]]:
    """The rows of `model` whose collaboration project (found through `path`) is the region's."""
    return lambda s: model._default_manager.filter(**{f"{path}__region": s.region})


PARTS: tuple[Part, ...] = (
    Part(Region, lambda s: Region.objects.filter(pk=s.region.pk)),
    Part(RegionMembership, lambda s: RegionMembership.objects.filter(region=s.region)),
    Part(
        Organisation,
        lambda s: Organisation.objects.filter(
            Q(region=s.region)
            | _members(s)
            # a piloted supplier's organisation: public facts, matched by number (ADR 95)
            | Q(
                supplier_profile__answers__pilot__challenge__owners__municipality_id__in=(
                    s.municipality_ids
                )
            )
        ).distinct(),
        match_existing="organisation_number",
        match_if=_is_supplier,
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
    # Innovation challenges owned by member municipalities (ADRs 82, 94, 95): owners, criteria,
    # dialogue meetings, public questions and answers, announcements, pilots and milestones.
    # Suppliers' answers, scores, conflict declarations and attachments never travel; a pilot's
    # answer travels as a stub without its content, its supplier as the public profile only.
    Part(
        challenges.Challenge,
        lambda s: challenges.Challenge.objects.filter(_owned_challenges(s)).distinct(),
    ),
    Part(challenges.ChallengeOwner, _of_challenge(challenges.ChallengeOwner, "challenge")),
    Part(challenges.Criterion, _of_challenge(challenges.Criterion, "challenge")),
    Part(challenges.DialogueMeeting, _of_challenge(challenges.DialogueMeeting, "challenge")),
    Part(
        challenges.Question,
        _of_challenge(challenges.Question, "challenge"),
        confidential={"asked_by": None, "supplier": None},  # the asker is never shown
    ),
    Part(challenges.Announcement, _of_challenge(challenges.Announcement, "challenge")),
    Part(
        challenges.Supplier,
        lambda s: challenges.Supplier.objects.filter(
            answers__pilot__challenge__owners__municipality_id__in=s.municipality_ids
        ).distinct(),
        match_existing="organisation_number",
    ),
    Part(
        challenges.Answer,
        lambda s: challenges.Answer.objects.filter(_piloted_answers(s)).distinct(),
        confidential=ANSWER_CONFIDENTIAL,
    ),
    Part(challenges.Pilot, _of_challenge(challenges.Pilot, "challenge")),
    Part(challenges.Milestone, _of_challenge(challenges.Milestone, "pilot__challenge")),
    # Last: what documents and decisions concern may be any part above.
    Part(
        ObjectLink,
        lambda s: ObjectLink.objects.filter(
            Q(document__region=s.region) | Q(decision__region=s.region)
        ).select_related("content_type"),
        generic=("content_type", "object_id"),
    ),
)
