"""Reads for innovation challenges, scoped to the acting user.

Rules (docs/architecture.md, "The challenges app"):
- everyone, also without an account, reads challenges past the draft stage, their answered
  questions (never who asked), meetings, announcements, criteria and the supplier directory;
- the owning municipalities' people (`Access.can_edit_municipality` for an owner: its business
  developers, its regions' coordinators, administrators) manage the challenge and assess;
- an answer is read by its own supplier and by those managers, except a manager who declared a
  conflict of interest for that answer; never by another supplier;
- when a challenge has an assessor panel (`ChallengeAssessor`, ADR 92), only its members among
  those managers read the answers and score (`can_assess`); with no panel, all of them do.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from samspill.accounts.models import RoleAssignment, User
from samspill.accounts.selectors import Access, access_for
from samspill.challenges.models import (
    Answer,
    AnswerAttachment,
    Challenge,
    ChallengeAssessor,
    ConflictDeclaration,
    Criterion,
    Pilot,
    Question,
    Score,
    Stage,
    Supplier,
)
from samspill.notifications.selectors import mail_language_chosen
from samspill.regions.models import Municipality, RegionMembership

AnyUser = User | AnonymousUser


@dataclass(frozen=True)
class ChallengeFilters:
    area: str = ""
    municipality: str = ""  # municipality number
    stage: str = ""
    query: str = ""


def owner_ids(*, challenge: Challenge) -> set[int]:
    return set(challenge.owners.values_list("municipality_id", flat=True))


def can_manage(*, access: Access, challenge: Challenge) -> bool:
    """The owning municipalities' people (and administrators) edit, move and assess."""
    if access.is_site_admin:
        return True
    return any(access.can_edit_municipality(mid) for mid in owner_ids(challenge=challenge))


def panel_of(*, challenge: Challenge) -> list[ChallengeAssessor]:
    """The challenge's assessor panel (empty: the assessors are derived from the owners' roles)."""
    return list(challenge.panel.select_related("user", "added_by").order_by("created_at", "pk"))


def panel_user_ids(*, challenge: Challenge) -> set[int]:
    return set(challenge.panel.values_list("user_id", flat=True))


def can_assess(*, user: AnyUser, challenge: Challenge) -> bool:
    """May read the submitted answers and score: an owner's person (`can_manage`) who, when the
    challenge has a panel, is on it (ADR 92). A conflict declared per answer still removes them
    from that answer (`answer_get_for`)."""
    if not isinstance(user, User):
        return False
    if not can_manage(access=access_for(user=user), challenge=challenge):
        return False
    panel = panel_user_ids(challenge=challenge)
    return not panel or user.pk in panel


def panel_candidates(*, challenge: Challenge) -> list[User]:
    """The people who may be put on the panel: those with a role that lets them act for an
    owning municipality (its business developers, its regions' coordinators), by name."""
    owners = owner_ids(challenge=challenge)
    today = timezone.localdate()
    regions = RegionMembership.objects.filter(
        Q(municipality_id__in=owners) | Q(municipality__successor_links__successor_id__in=owners),
        Q(valid_to__isnull=True) | Q(valid_to__gte=today),
        valid_from__lte=today,
    ).values("region_id")
    roles = RoleAssignment.objects.filter(
        Q(role=RoleAssignment.Role.BUSINESS_DEVELOPER, municipality_id__in=owners)
        | Q(role=RoleAssignment.Role.COORDINATOR, region_id__in=regions)
    ).values("user_id")
    rows = User.objects.filter(pk__in=roles, is_active=True).order_by(
        "first_name", "last_name", "username"
    )
    return [u for u in rows if can_manage(access=access_for(user=u), challenge=challenge)]


def manageable_municipalities(*, user: AnyUser) -> QuerySet[Municipality]:
    """Municipalities the user may put a challenge's name on (owner or joining)."""
    access = access_for(user=user)
    if not access.is_authenticated:
        return Municipality.objects.none()
    if access.is_site_admin:
        return Municipality.objects.filter(valid_to__isnull=True).order_by("name")
    ids = access.developed_municipality_ids | access.coordinated_municipality_ids
    return Municipality.objects.filter(pk__in=ids).order_by("name")


def supplier_for(*, user: AnyUser) -> Supplier | None:
    """The supplier profile the user works for, if any."""
    if not isinstance(user, User) or not user.organisation_id:
        return None
    return Supplier.objects.filter(organisation_id=user.organisation_id).first()


def mail_language_for(*, user: User) -> str:
    """The language to mail a person in (ADR 93): the notification settings' language when the
    person chose one other than bokmål; else, for a supplier's people, the supplier profile's
    language (set from the interface language they registered in); else the settings' language,
    and bokmål when nothing is stored. A stored bokmål may be the default a start-page visit
    wrote, so it does not hide the supplier's choice."""
    chosen = mail_language_chosen(user=user)
    if chosen and chosen != "nb":
        return chosen
    supplier = supplier_for(user=user)
    if supplier is not None:
        return supplier.language
    return chosen or "nb"


def _visible_q(user: AnyUser) -> Q:
    visible = ~Q(stage=Stage.DRAFT)
    access = access_for(user=user)
    if access.is_site_admin:
        return Q()
    ids = access.developed_municipality_ids | access.coordinated_municipality_ids
    if ids:
        visible |= Q(owners__municipality_id__in=ids)
    return visible


def challenge_list_for(*, user: AnyUser, filters: ChallengeFilters) -> QuerySet[Challenge]:
    """Challenges the user may read: public ones, plus drafts of the municipalities they manage."""
    rows = Challenge.objects.filter(_visible_q(user))
    if filters.area:
        rows = rows.filter(area=filters.area)
    if filters.stage:
        rows = rows.filter(stage=filters.stage)
    if filters.municipality:
        rows = rows.filter(owners__municipality__number=filters.municipality)
    if filters.query:
        rows = rows.filter(Q(title__icontains=filters.query) | Q(problem__icontains=filters.query))
    return rows.distinct().prefetch_related("municipalities")


def challenge_public_list(*, filters: ChallengeFilters) -> QuerySet[Challenge]:
    """What the feed and anonymous visitors see."""
    return challenge_list_for(user=AnonymousUser(), filters=filters)


def challenge_get_for(*, user: AnyUser, pk: int) -> Challenge | None:
    """One challenge, or None when it does not exist or is a draft the user may not read."""
    return (
        Challenge.objects.filter(_visible_q(user), pk=pk)
        .distinct()
        .prefetch_related("municipalities")
        .first()
    )


def owner_municipalities(*, challenge: Challenge) -> list[Municipality]:
    return [owner.municipality for owner in challenge.owners.select_related("municipality")]


def criteria_of(*, challenge: Challenge) -> list[Criterion]:
    return list(challenge.criteria.all())


def weight_total(*, challenge: Challenge) -> int:
    return sum(c.weight for c in challenge.criteria.all())


def public_questions(*, challenge: Challenge) -> list[Question]:
    """Answered questions, shown to everyone without the asker."""
    return list(challenge.questions.exclude(answer=""))


def open_questions(*, user: AnyUser, challenge: Challenge) -> list[Question]:
    """Unanswered questions: the managers see all, a supplier its own."""
    rows = challenge.questions.filter(answer="")
    if can_manage(access=access_for(user=user), challenge=challenge):
        return list(rows.select_related("supplier"))
    if isinstance(user, User):
        return list(rows.filter(asked_by=user))
    return []


def is_following(*, user: AnyUser, challenge: Challenge) -> bool:
    return isinstance(user, User) and challenge.follows.filter(user=user).exists()


def answer_deadline_passed(*, challenge: Challenge, now: datetime.datetime | None = None) -> bool:
    moment = now or timezone.now()
    return challenge.answer_deadline is not None and moment >= challenge.answer_deadline


def conflicted_answer_ids(*, user: AnyUser) -> set[int]:
    if not isinstance(user, User):
        return set()
    return set(
        ConflictDeclaration.objects.filter(assessor=user, has_conflict=True).values_list(
            "answer_id", flat=True
        )
    )


def declaration_of(*, user: AnyUser, answer: Answer) -> ConflictDeclaration | None:
    if not isinstance(user, User):
        return None
    return ConflictDeclaration.objects.filter(assessor=user, answer=answer).first()


def answers_for_assessor(*, user: AnyUser, challenge: Challenge) -> list[Answer]:
    """The submitted answers an owner's person may assess (none for anyone else).

    An answer the assessor declared a conflict for is left out entirely; with a panel, only its
    members get any.
    """
    if not can_assess(user=user, challenge=challenge):
        return []
    return list(
        challenge.answers.filter(status=Answer.Status.SUBMITTED)
        .exclude(pk__in=conflicted_answer_ids(user=user))
        .select_related("supplier")
        .prefetch_related("scores")
    )


def answer_get_for(*, user: AnyUser, pk: int) -> Answer | None:
    """One answer: to its own supplier, or to the owners' people (the panel, when there is one)
    without a declared conflict."""
    answer = Answer.objects.select_related("challenge", "supplier").filter(pk=pk).first()
    if answer is None or not isinstance(user, User):
        return None
    supplier = supplier_for(user=user)
    if supplier is not None and answer.supplier_id == supplier.pk:
        return answer
    if answer.status != Answer.Status.SUBMITTED:
        return None
    if not can_assess(user=user, challenge=answer.challenge):
        return None
    declaration = declaration_of(user=user, answer=answer)
    if declaration is None or declaration.has_conflict:
        return None  # the declaration comes first; a conflict removes the assessor
    return answer


def attachment_get_for(*, user: AnyUser, pk: int) -> AnswerAttachment | None:
    """An answer's file, to exactly those who may read the answer (`answer_get_for`)."""
    attachment = AnswerAttachment.objects.select_related("answer").filter(pk=pk).first()
    if attachment is None or answer_get_for(user=user, pk=attachment.answer_id) is None:
        return None
    return attachment


def own_answer(*, user: AnyUser, challenge: Challenge) -> Answer | None:
    supplier = supplier_for(user=user)
    if supplier is None:
        return None
    return challenge.answers.filter(supplier=supplier).first()


def supplier_answers(*, supplier: Supplier) -> list[Answer]:
    return list(supplier.answers.select_related("challenge"))


# Assessment -------------------------------------------------------------------------------------


@dataclass
class AnswerSummary:
    answer: Answer
    # criterion id -> the assessors' independent values
    independent: dict[int, list[int]] = field(default_factory=dict)
    joint: dict[int, Score] = field(default_factory=dict)
    total: Decimal | None = None  # weighted joint score, 0–10


def weighted_total(*, criteria: list[Criterion], values: dict[int, int]) -> Decimal | None:
    """The weighted score (0–10) when every criterion has a value, rounded half away from zero."""
    if not criteria or any(c.pk not in values for c in criteria):
        return None
    total = sum(Decimal(values[c.pk]) * c.weight for c in criteria) / Decimal(100)
    return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def assessment_summary(*, user: AnyUser, challenge: Challenge) -> list[AnswerSummary]:
    """Every answer the user may assess, with the independent scores and the joint result."""
    criteria = criteria_of(challenge=challenge)
    summaries = []
    for answer in answers_for_assessor(user=user, challenge=challenge):
        summary = AnswerSummary(answer=answer)
        for score in answer.scores.all():
            if score.assessor_id is None:
                summary.joint[score.criterion_id] = score
            else:
                summary.independent.setdefault(score.criterion_id, []).append(score.value)
        summary.total = weighted_total(
            criteria=criteria, values={k: s.value for k, s in summary.joint.items()}
        )
        summaries.append(summary)
    return sorted(summaries, key=lambda s: (s.total is None, -(s.total or 0), s.answer.pk))


def my_scores(*, user: AnyUser, answer: Answer) -> dict[int, Score]:
    if not isinstance(user, User):
        return {}
    return {s.criterion_id: s for s in answer.scores.filter(assessor=user)}


def joint_scores(*, answer: Answer) -> dict[int, Score]:
    return {s.criterion_id: s for s in answer.scores.filter(assessor__isnull=True)}


# Pilots ----------------------------------------------------------------------------------------


def pilot_get_for(*, user: AnyUser, pk: int) -> Pilot | None:
    """Pilots are public once the challenge is (the plan and the decision are public matters)."""
    return (
        Pilot.objects.filter(pk=pk, challenge__in=Challenge.objects.filter(_visible_q(user)))
        .select_related("challenge", "answer__supplier")
        .first()
    )


def pilot_graveyard(*, today: datetime.date | None = None) -> QuerySet[Pilot]:
    """Pilots past their end date without a decision: the "pilot graveyard" the method warns of."""
    day = today or timezone.localdate()
    return (
        Pilot.objects.filter(ends_on__lt=day, decision="")
        .exclude(challenge__stage=Stage.DRAFT)
        .select_related("challenge", "answer__supplier")
        .order_by("ends_on")
    )


# Suppliers -------------------------------------------------------------------------------------


def supplier_directory(*, competence: str = "", municipality: str = "") -> QuerySet[Supplier]:
    """The public supplier directory, searchable by competence and municipality (number)."""
    rows = Supplier.objects.select_related("municipality")
    if competence:
        rows = rows.filter(
            Q(competence__icontains=competence)
            | Q(competence_tags__icontains=competence)
            | Q(industry_description__icontains=competence)
        )
    if municipality:
        rows = rows.filter(municipality__number=municipality)
    return rows


def supplier_get(*, pk: int) -> Supplier | None:
    return Supplier.objects.select_related("municipality").filter(pk=pk).first()
