"""The assessor panel (ADR 92): the owners choose who assesses a challenge; with a panel only its
members see the answers and score, a declared conflict still removes a member from an answer,
and with no panel the owners' people assess as before (ADR 56)."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samspill.accounts.models import RoleAssignment, User
from samspill.audit.models import AuditEntry
from samspill.challenges import services
from samspill.challenges.models import Answer, Challenge, ChallengeAssessor, Stage
from samspill.challenges.selectors import (
    answer_get_for,
    answers_for_assessor,
    can_assess,
    panel_candidates,
)
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from tests.accounts.factories import UserFactory
from tests.challenges.factories import (
    NOTODDEN,
    TINN,
    TRONDHEIM,
    AnswerFactory,
    ChallengeFactory,
    CriterionFactory,
    developer,
    municipality,
    supplier_user,
)
from tests.regions.factories import RegionFactory, RegionMembershipFactory

pytestmark = pytest.mark.django_db


def _in_assessment() -> tuple[Challenge, Answer]:
    challenge = ChallengeFactory.create(
        stage=Stage.ASSESSMENT,
        answer_deadline=timezone.now() - datetime.timedelta(days=1),
        owners=[NOTODDEN],
    )
    CriterionFactory.create(challenge=challenge, name="Effekt", weight=100)
    answer = AnswerFactory.create(challenge=challenge)
    return challenge, answer


def _score(user: User, answer: Answer) -> None:
    services.score_record(
        actor=user,
        answer=answer,
        criterion=answer.challenge.criteria.get(),
        value=7,
        justification="Godt begrunnet",
    )


def test_only_people_with_a_role_in_an_owning_municipality_can_be_put_on_the_panel() -> None:
    challenge, _answer = _in_assessment()
    owner, member = developer(NOTODDEN), developer(NOTODDEN)
    coordinator = UserFactory.create()
    region = RegionFactory.create()
    RegionMembershipFactory.create(
        region=region, municipality=municipality(NOTODDEN), valid_from=datetime.date(2020, 1, 1)
    )
    RoleAssignment.objects.create(
        user=coordinator, role=RoleAssignment.Role.COORDINATOR, region=region
    )
    outsider = developer(TRONDHEIM)
    supplier = supplier_user(_answer.supplier)

    candidates = {u.pk for u in panel_candidates(challenge=challenge)}
    assert {owner.pk, member.pk, coordinator.pk} <= candidates
    assert not candidates & {outsider.pk, supplier.pk}

    services.panel_add(actor=owner, challenge=challenge, user=member)
    services.panel_add(actor=owner, challenge=challenge, user=coordinator)
    for stranger in (outsider, supplier):
        with pytest.raises(ValidationError):
            services.panel_add(actor=owner, challenge=challenge, user=stranger)
    with pytest.raises(PermissionDeniedError):  # only the owners' people choose the panel
        services.panel_add(actor=outsider, challenge=challenge, user=owner)
    with pytest.raises(ConflictError):
        services.panel_add(actor=owner, challenge=challenge, user=member)
    entries = AuditEntry.objects.filter(
        object_pk=str(challenge.pk), action=AuditEntry.Action.UPDATE
    )
    assert [e.changes["assessors"] for e in entries.order_by("pk")] == [
        ["+", member.username],
        ["+", coordinator.username],
    ]


def test_with_a_panel_only_its_members_see_answers_and_score() -> None:
    challenge, answer = _in_assessment()
    member, other_owner = developer(NOTODDEN), developer(NOTODDEN)
    services.panel_add(actor=other_owner, challenge=challenge, user=member)

    assert can_assess(user=member, challenge=challenge)
    assert not can_assess(user=other_owner, challenge=challenge)
    assert answers_for_assessor(user=other_owner, challenge=challenge) == []
    with pytest.raises(PermissionDeniedError):
        services.conflict_declare(actor=other_owner, answer=answer, has_conflict=False)
    with pytest.raises(PermissionDeniedError):
        _score(other_owner, answer)
    assert answer_get_for(user=other_owner, pk=answer.pk) is None

    services.conflict_declare(actor=member, answer=answer, has_conflict=False)
    assert answer_get_for(user=member, pk=answer.pk) == answer
    _score(member, answer)
    # the owners still manage the challenge: only assessing is narrowed
    services.challenge_update(actor=other_owner, challenge=challenge, timeline="Høsten 2026")


def test_a_conflict_still_removes_a_panel_member_from_that_answer() -> None:
    challenge, answer = _in_assessment()
    second = AnswerFactory.create(challenge=challenge)
    member = developer(NOTODDEN)
    services.panel_add(actor=member, challenge=challenge, user=member)
    services.conflict_declare(actor=member, answer=answer, has_conflict=True)

    assert answer_get_for(user=member, pk=answer.pk) is None
    assert [a.pk for a in answers_for_assessor(user=member, challenge=challenge)] == [second.pk]
    with pytest.raises(PermissionDeniedError):
        _score(member, answer)


def test_no_panel_keeps_the_rule_derived_from_the_owners_roles() -> None:
    challenge, answer = _in_assessment()
    first, second = developer(NOTODDEN), developer(NOTODDEN)
    for assessor in (first, second):
        assert can_assess(user=assessor, challenge=challenge)
        services.conflict_declare(actor=assessor, answer=answer, has_conflict=False)
        assert answer_get_for(user=assessor, pk=answer.pk) == answer
    assert not can_assess(user=developer(TRONDHEIM), challenge=challenge)


def test_a_member_who_has_scored_cannot_be_removed_and_nobody_is_left_out_after_scoring() -> None:
    challenge, answer = _in_assessment()
    owner, member, scorer = developer(NOTODDEN), developer(NOTODDEN), developer(NOTODDEN)
    services.conflict_declare(actor=scorer, answer=answer, has_conflict=False)
    _score(scorer, answer)
    # a first member would leave out the one who has already scored
    with pytest.raises(ConflictError):
        services.panel_add(actor=owner, challenge=challenge, user=member)
    services.panel_add(actor=owner, challenge=challenge, user=scorer)
    services.panel_add(actor=owner, challenge=challenge, user=member)

    with pytest.raises(ConflictError):
        services.panel_remove(actor=owner, challenge=challenge, user=scorer)
    assert services.panel_remove(actor=owner, challenge=challenge, user=member) == (
        member.get_full_name() or member.username
    )
    with pytest.raises(ConflictError):  # already gone
        services.panel_remove(actor=owner, challenge=challenge, user=member)
    assert list(challenge.panel.values_list("user_id", flat=True)) == [scorer.pk]
    assert AuditEntry.objects.filter(
        object_pk=str(challenge.pk), changes__assessors=["-", member.username]
    ).exists()


def test_the_panel_page_adds_and_removes_members(client: Client) -> None:
    challenge, answer = _in_assessment()
    owner, member = developer(NOTODDEN), developer(NOTODDEN)
    member.first_name, member.last_name = "Kari", "Vurderer"
    member.save()
    url = reverse("challenges:panel", args=[challenge.pk])

    client.force_login(developer(TINN))
    assert client.get(url).status_code == 403

    client.force_login(owner)
    page = client.get(url)
    assert page.status_code == 200
    assert "Kari Vurderer" in page.content.decode()
    response = client.post(url, {"user": member.pk})
    assert response.status_code == 302
    assert ChallengeAssessor.objects.filter(challenge=challenge, user=member).exists()
    assert "Ta Kari Vurderer ut av panelet" in client.get(url).content.decode()

    # the owner is not on the panel: the answer is out of reach on the pages
    assert client.get(reverse("challenges:answer-detail", args=[answer.pk])).status_code == 404
    assessment = client.get(reverse("challenges:assessment", args=[challenge.pk]))
    assert answer.supplier.name not in assessment.content.decode()
    assert (
        client.post(
            reverse("challenges:answer-declare", args=[answer.pk]), {"has_conflict": "no"}
        ).status_code
        == 404
    )

    remove = reverse("challenges:panel-remove", args=[challenge.pk, member.pk])
    assert client.post(remove).status_code == 302
    assert not challenge.panel.exists()
    assert client.get(reverse("challenges:answer-detail", args=[answer.pk])).status_code == 200


def test_the_panel_through_the_api(client: Client) -> None:
    challenge, answer = _in_assessment()
    owner, member = developer(NOTODDEN), developer(NOTODDEN)
    base = f"/api/challenges/{challenge.pk}/assessors"

    client.force_login(developer(TRONDHEIM))
    assert client.get(base).status_code == 403
    client.force_login(owner)
    listed = client.get(base).json()
    assert listed["panel"] == []
    assert member.pk in {c["user_id"] for c in listed["candidates"]}

    added = client.post(base, json.dumps({"user_id": member.pk}), content_type="application/json")
    assert added.status_code == 201
    assert [p["user_id"] for p in added.json()["panel"]] == [member.pk]
    again = client.post(base, json.dumps({"user_id": member.pk}), content_type="application/json")
    assert again.status_code == 409
    stranger = developer(TRONDHEIM)
    refused = client.post(
        base, json.dumps({"user_id": stranger.pk}), content_type="application/json"
    )
    assert refused.status_code == 422

    # the owner is not on the panel: no answers through the API either
    assert client.get(f"/api/challenges/{challenge.pk}/answers").status_code == 403
    assert client.get(f"/api/challenges/answers/{answer.pk}").status_code == 404

    client.force_login(member)
    services.conflict_declare(actor=member, answer=answer, has_conflict=False)
    answers = client.get(f"/api/challenges/{challenge.pk}/answers")
    assert [a["id"] for a in answers.json()] == [answer.pk]

    client.force_login(owner)
    assert client.delete(f"{base}/{member.pk}").status_code == 204
    assert client.delete(f"{base}/{member.pk}").status_code == 409
    assert municipality(NOTODDEN).pk in {o.municipality_id for o in challenge.owners.all()}
