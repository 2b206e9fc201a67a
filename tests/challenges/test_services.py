"""Challenge services: stages, criteria, answers and the deadline (fixed clock, Europe/Oslo),
assessment with conflicts of interest, pilots and the decision."""

import datetime
import zoneinfo
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django_tasks_db.models import DBTaskResult

from samspill.audit.models import AuditEntry
from samspill.challenges import services
from samspill.challenges.models import Answer, Challenge, Pilot, Stage
from samspill.challenges.selectors import (
    answer_get_for,
    answers_for_assessor,
    assessment_summary,
    pilot_graveyard,
)
from samspill.challenges.tasks import announcement_mail, outcome_mail
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.core.mail import MailNotSentError
from tests.accounts.factories import UserFactory
from tests.challenges.factories import (
    HJARTDAL,
    NOTODDEN,
    TINN,
    TRONDHEIM,
    ChallengeFactory,
    CriterionFactory,
    SupplierFactory,
    developer,
    municipality,
    supplier_user,
)
from tests.conftest import SmtpServer, free_port

pytestmark = pytest.mark.django_db

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


def oslo(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=OSLO)  # type: ignore[misc]


def _audited(subject: object, action: str) -> bool:
    return AuditEntry.objects.filter(object_pk=str(subject.pk), action=action).exists()  # type: ignore[attr-defined]


NEED = {
    "title": "Overvann i sentrum",
    "problem": "Kjellere oversvømmes ved styrtregn.",
    "affected": "Huseiere og kommunens driftspersonell.",
    "cost_today": "Skader for rundt 3 millioner kroner i året.",
    "good_result": "Ingen oversvømte kjellere ved 20-årsregn.",
    "measurement": "Antall skademeldinger per år.",
    "area": "water",
    "procurement_route": "dialogue_competition",
}


def test_a_developer_posts_a_draft_for_two_municipalities_only_with_rights_for_both() -> None:
    notodden_dev = developer(NOTODDEN)
    with pytest.raises(PermissionDeniedError):
        services.challenge_create(
            actor=notodden_dev,
            municipalities=[municipality(NOTODDEN), municipality(TINN)],
            **NEED,
        )
    admin = UserFactory.create(is_superuser=True)
    challenge = services.challenge_create(
        actor=admin, municipalities=[municipality(NOTODDEN), municipality(TINN)], **NEED
    )
    assert challenge.stage == Stage.DRAFT
    assert {m.number for m in challenge.municipalities.all()} == {NOTODDEN, TINN}
    assert _audited(challenge, AuditEntry.Action.CREATE)


def test_another_municipality_joins_by_its_own_people() -> None:
    challenge = ChallengeFactory.create()
    with pytest.raises(PermissionDeniedError):
        services.challenge_join(
            actor=developer(NOTODDEN), challenge=challenge, municipality=municipality(HJARTDAL)
        )
    services.challenge_join(
        actor=developer(HJARTDAL), challenge=challenge, municipality=municipality(HJARTDAL)
    )
    assert challenge.municipalities.filter(number=HJARTDAL).exists()
    with pytest.raises(ConflictError):
        services.challenge_join(
            actor=developer(HJARTDAL), challenge=challenge, municipality=municipality(HJARTDAL)
        )


def test_weights_that_do_not_add_up_to_100_are_refused_with_the_sum() -> None:
    challenge = ChallengeFactory.create(stage=Stage.DRAFT)
    actor = developer(NOTODDEN)
    with pytest.raises(ValidationError) as refused:
        services.criteria_set(
            actor=actor,
            challenge=challenge,
            rows=[services.CriterionRow("Effekt", 60), services.CriterionRow("Pris", 30)],
        )
    assert "90 %" in refused.value.messages[0]
    assert not challenge.criteria.exists()
    services.criteria_set(
        actor=actor,
        challenge=challenge,
        rows=[services.CriterionRow("Effekt", 70), services.CriterionRow("Pris", 30)],
    )
    assert [c.weight for c in challenge.criteria.all()] == [70, 30]


def test_stages_move_one_way_with_their_conditions_and_an_audit_entry() -> None:
    actor = developer(NOTODDEN)
    challenge = ChallengeFactory.create(stage=Stage.DRAFT, answer_deadline=oslo(2026, 5, 1, 12))
    now = oslo(2026, 3, 1, 9)
    with pytest.raises(ValidationError, match="100 %"):  # no criteria yet
        services.challenge_transition(actor=actor, challenge=challenge, to=Stage.ANSWERS, now=now)
    CriterionFactory.create(challenge=challenge, weight=100)
    services.challenge_transition(actor=actor, challenge=challenge, to=Stage.DIALOGUE, now=now)
    with pytest.raises(ConflictError, match="allerede"):
        services.challenge_transition(actor=actor, challenge=challenge, to=Stage.DIALOGUE, now=now)
    with pytest.raises(ConflictError):  # no skipping to the pilot
        services.challenge_transition(actor=actor, challenge=challenge, to=Stage.PILOT, now=now)
    services.challenge_transition(actor=actor, challenge=challenge, to=Stage.ANSWERS, now=now)
    with pytest.raises(ValidationError, match="svarfristen"):
        services.challenge_transition(
            actor=actor, challenge=challenge, to=Stage.ASSESSMENT, now=oslo(2026, 5, 1, 11, 59)
        )
    moved = services.challenge_transition(
        actor=actor, challenge=challenge, to=Stage.ASSESSMENT, now=oslo(2026, 5, 1, 12)
    )
    assert moved.stage == Stage.ASSESSMENT
    transitions = AuditEntry.objects.filter(
        object_pk=str(challenge.pk), action=AuditEntry.Action.TRANSITION
    )
    assert [e.changes["stage"] for e in transitions.order_by("pk")] == [
        ["draft", "dialogue"],
        ["dialogue", "answers"],
        ["answers", "assessment"],
    ]
    with pytest.raises(ValidationError, match="hvorfor"):
        services.challenge_transition(actor=actor, challenge=challenge, to=Stage.STOPPED, now=now)


def test_only_the_owners_people_move_a_challenge() -> None:
    challenge = ChallengeFactory.create(stage=Stage.DRAFT)
    with pytest.raises(PermissionDeniedError):
        services.challenge_transition(
            actor=developer(TRONDHEIM), challenge=challenge, to=Stage.DIALOGUE
        )


def _open_for_answers(deadline: datetime.datetime) -> Challenge:
    challenge = ChallengeFactory.create(stage=Stage.ANSWERS, answer_deadline=deadline)
    CriterionFactory.create(challenge=challenge, name="Effekt", weight=60)
    CriterionFactory.create(challenge=challenge, name="Pris", weight=40)
    return challenge


@pytest.mark.parametrize(
    ("deadline", "last_moment", "first_refused"),
    [
        # Summer time starts: 02:00 becomes 03:00 on 29 March 2026 (01:59 CET is 00:59 UTC).
        (oslo(2026, 3, 29, 12), oslo(2026, 3, 29, 11, 59, 59), oslo(2026, 3, 29, 12)),
        # Summer time ends: 03:00 CEST becomes 02:00 CET on 25 October 2026; a deadline at
        # 02:30 on the first pass (CEST, 00:30 UTC) refuses 02:30 on the second pass.
        (
            datetime.datetime(2026, 10, 25, 2, 30, tzinfo=OSLO, fold=0),
            datetime.datetime(2026, 10, 25, 2, 29, tzinfo=OSLO, fold=0),
            datetime.datetime(2026, 10, 25, 2, 30, tzinfo=OSLO, fold=1),
        ),
        # Midnight in Oslo in winter is 23:00 UTC the day before.
        (
            oslo(2026, 12, 1, 0),
            datetime.datetime(2026, 11, 30, 22, 59, tzinfo=datetime.UTC),
            datetime.datetime(2026, 11, 30, 23, 0, tzinfo=datetime.UTC),
        ),
    ],
)
def test_nothing_changes_from_the_deadline_on_in_oslo_time(
    deadline: datetime.datetime, last_moment: datetime.datetime, first_refused: datetime.datetime
) -> None:
    challenge = _open_for_answers(deadline)
    supplier = SupplierFactory.create()
    user = supplier_user(supplier)
    answer = services.answer_submit(
        actor=user, challenge=challenge, solution="Første utkast", now=last_moment
    )
    revised = services.answer_submit(
        actor=user,
        challenge=challenge,
        solution="Revidert",
        expected_version=answer.version,
        now=last_moment,
    )
    assert revised.solution == "Revidert"
    assert revised.changed_at == last_moment
    with pytest.raises(ConflictError, match="Svarfristen"):
        services.answer_submit(
            actor=user,
            challenge=challenge,
            solution="For sent",
            expected_version=revised.version,
            now=first_refused,
        )
    with pytest.raises(ConflictError, match="Svarfristen"):
        services.answer_withdraw(actor=user, answer=revised, now=first_refused)
    answer = Answer.objects.get(pk=answer.pk)
    assert (answer.solution, answer.status) == ("Revidert", Answer.Status.SUBMITTED)


def test_a_supplier_withdraws_before_the_deadline_and_may_answer_again() -> None:
    challenge = _open_for_answers(oslo(2026, 6, 1, 12))
    user = supplier_user(SupplierFactory.create())
    now = oslo(2026, 5, 1, 12)
    answer = services.answer_submit(actor=user, challenge=challenge, solution="A", now=now)
    withdrawn = services.answer_withdraw(actor=user, answer=answer, now=now)
    assert withdrawn.status == Answer.Status.WITHDRAWN
    assert _audited(answer, AuditEntry.Action.WITHDRAW)
    with pytest.raises(ConflictError, match="allerede"):
        services.answer_withdraw(actor=user, answer=withdrawn, now=now)
    again = services.answer_submit(
        actor=user, challenge=challenge, solution="B", expected_version=withdrawn.version, now=now
    )
    assert again.status == Answer.Status.SUBMITTED


def test_a_stale_revision_is_a_conflict_not_a_lost_update() -> None:
    challenge = _open_for_answers(oslo(2026, 6, 1, 12))
    supplier = SupplierFactory.create()
    first, second = supplier_user(supplier), supplier_user(supplier)
    now = oslo(2026, 5, 1, 12)
    answer = services.answer_submit(actor=first, challenge=challenge, solution="A", now=now)
    services.answer_submit(
        actor=first, challenge=challenge, solution="B", expected_version=answer.version, now=now
    )
    with pytest.raises(ConflictError):
        services.answer_submit(
            actor=second,
            challenge=challenge,
            solution="C",
            expected_version=answer.version,
            now=now,
        )


def test_only_registered_suppliers_answer() -> None:
    challenge = _open_for_answers(oslo(2026, 6, 1, 12))
    with pytest.raises(PermissionDeniedError):
        services.answer_submit(
            actor=developer(NOTODDEN), challenge=challenge, solution="A", now=oslo(2026, 5, 1)
        )


def _assessment_ready() -> tuple[Challenge, Answer, Answer]:
    challenge = _open_for_answers(oslo(2026, 6, 1, 12))
    before = oslo(2026, 5, 1, 12)
    a = services.answer_submit(
        actor=supplier_user(SupplierFactory.create(name="Rørinspeksjon AS")),
        challenge=challenge,
        solution="Robot",
        now=before,
    )
    b = services.answer_submit(
        actor=supplier_user(SupplierFactory.create(name="Sensorteknikk AS")),
        challenge=challenge,
        solution="Sensorer",
        now=before,
    )
    services.challenge_transition(
        actor=UserFactory.create(is_superuser=True),
        challenge=challenge,
        to=Stage.ASSESSMENT,
        now=oslo(2026, 6, 1, 12),
    )
    challenge.refresh_from_db()
    return challenge, Answer.objects.get(pk=a.pk), Answer.objects.get(pk=b.pk)


def test_a_declared_conflict_removes_the_assessor_from_that_answer() -> None:
    challenge, a, b = _assessment_ready()
    assessor = developer(NOTODDEN)
    effect = challenge.criteria.get(name="Effekt")
    # the declaration comes first: no score and no reading before it
    assert answer_get_for(user=assessor, pk=a.pk) is None
    with pytest.raises(PermissionDeniedError, match="habilitetserklæringen"):
        services.score_record(
            actor=assessor, answer=a, criterion=effect, value=7, justification="God"
        )
    services.conflict_declare(actor=assessor, answer=a, has_conflict=True, note="Eier aksjer")
    assert answer_get_for(user=assessor, pk=a.pk) is None
    assert [x.pk for x in answers_for_assessor(user=assessor, challenge=challenge)] == [b.pk]
    with pytest.raises(PermissionDeniedError):
        services.score_record(
            actor=assessor, answer=a, criterion=effect, value=7, justification="God"
        )
    with pytest.raises(PermissionDeniedError):
        services.pilot_select(actor=assessor, answer=a, reason="Best")
    with pytest.raises(ConflictError):
        services.conflict_declare(actor=assessor, answer=a, has_conflict=False)
    services.conflict_declare(actor=assessor, answer=b, has_conflict=False)
    assert answer_get_for(user=assessor, pk=b.pk) == b


def test_independent_scores_then_a_joint_weighted_result_and_the_outcome_told_to_all(
    smtp_server: SmtpServer, django_capture_on_commit_callbacks: Any
) -> None:
    challenge, a, b = _assessment_ready()
    first, second = developer(NOTODDEN), developer(NOTODDEN)
    effect = challenge.criteria.get(name="Effekt")
    price = challenge.criteria.get(name="Pris")
    for assessor, value in ((first, 8), (second, 6)):
        for answer in (a, b):
            services.conflict_declare(actor=assessor, answer=answer, has_conflict=False)
        services.score_record(
            actor=assessor, answer=a, criterion=effect, value=value, justification="Begrunnet"
        )
    with pytest.raises(ValidationError):
        services.score_record(actor=first, answer=a, criterion=effect, value=7, justification=" ")
    with pytest.raises(ValidationError):
        services.score_record(actor=first, answer=a, criterion=effect, value=11, justification="x")
    services.score_record(
        actor=first, answer=a, criterion=effect, value=7, justification="Enige", joint=True
    )
    services.score_record(
        actor=first, answer=a, criterion=price, value=5, justification="Enige", joint=True
    )
    summary = {s.answer.pk: s for s in assessment_summary(user=second, challenge=challenge)}
    assert summary[a.pk].independent[effect.pk] == [8, 6]
    assert str(summary[a.pk].total) == "6.20"  # 7 × 60 % + 5 × 40 %
    assert summary[b.pk].total is None
    with pytest.raises(ValidationError):
        services.pilot_select(actor=first, answer=a, reason=" ")
    pilot = services.pilot_select(actor=first, answer=a, reason="Høyest samlet poengsum")
    assert pilot.success_measures == challenge.measurement
    with pytest.raises(ConflictError):
        services.pilot_select(actor=second, answer=a, reason="Igjen")
    with django_capture_on_commit_callbacks(execute=True):
        services.challenge_transition(actor=first, challenge=challenge, to=Stage.PILOT)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.outcome, b.outcome) == (Answer.Outcome.SELECTED, Answer.Outcome.NOT_SELECTED)
    assert a.outcome_notified_at
    assert b.outcome_notified_at
    assert smtp_server.messages == []  # queued, not sent in the request
    queued = DBTaskResult.objects.filter(task_path="samspill.challenges.tasks.outcome_mail")
    assert sorted(r.args_kwargs["args"][0] for r in queued) == sorted([a.pk, b.pk])
    for answer in (a, b):
        assert outcome_mail.call(answer.pk) == "sent"
        assert outcome_mail.call(answer.pk) == "not needed"
    texts = {m["To"]: str(m.get_content()) for m in smtp_server.messages}
    assert len(texts) == 2
    assert "ble valgt til pilot" in texts[a.submitted_by.email]
    assert "ikke valgt" in texts[b.submitted_by.email]
    assert _audited(a, AuditEntry.Action.SCORE)


def test_a_pilot_decided_for_scale_up_moves_the_challenge_and_grows_the_references() -> None:
    challenge, a, _b = _assessment_ready()
    owner = developer(NOTODDEN)
    services.conflict_declare(actor=owner, answer=a, has_conflict=False)
    pilot = services.pilot_select(actor=owner, answer=a, reason="Best")
    services.challenge_transition(actor=owner, challenge=challenge, to=Stage.PILOT)
    services.pilot_update(
        actor=owner,
        pilot=pilot,
        expected_version=pilot.version,
        plan="Tre måneder i Notodden",
        ends_on=datetime.date(2026, 9, 1),
    )
    services.milestone_add(
        actor=owner, pilot=pilot, title="Utstyr på plass", due_on=datetime.date(2026, 7, 1)
    )
    assert list(pilot_graveyard(today=datetime.date(2026, 9, 2))) == [pilot]
    with pytest.raises(ValidationError):
        services.pilot_decide(actor=owner, pilot=pilot, decision="scale_up", reason="Virker")
    with pytest.raises(PermissionDeniedError):
        services.pilot_decide(
            actor=developer(TRONDHEIM), pilot=pilot, decision="stop", reason="Nei"
        )
    decided = services.pilot_decide(
        actor=owner,
        pilot=pilot,
        decision=Pilot.Decision.SCALE_UP,
        reason="Lekkasjene ble funnet på dager, ikke uker",
        route="innovation_partnership",
    )
    assert decided.ended
    challenge.refresh_from_db()
    assert challenge.stage == Stage.SCALE_UP
    assert a.supplier.references.filter(pilot=pilot).exists()
    assert list(pilot_graveyard(today=datetime.date(2026, 9, 2))) == []
    with pytest.raises(ConflictError):
        services.pilot_decide(actor=owner, pilot=pilot, decision="stop", reason="Likevel")
    services.pilot_join(actor=developer(TINN), pilot=decided, municipality=municipality(TINN))
    assert decided.participants.filter(number=TINN).exists()


def test_announcements_are_queued_and_reach_every_follower_once(
    smtp_server: SmtpServer, django_capture_on_commit_callbacks: Any
) -> None:
    challenge = ChallengeFactory.create()
    followers = [UserFactory.create(), UserFactory.create()]
    for user in followers:
        services.follow_set(actor=user, challenge=challenge, follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.announcement_send(
            actor=developer(NOTODDEN), challenge=challenge, title="Nytt møte", body="Velkommen"
        )
    assert sent.recipients == 2
    queued = DBTaskResult.objects.get(task_path="samspill.challenges.tasks.announcement_mail")
    assert queued.args_kwargs["args"] == [sent.pk]
    assert smtp_server.messages == []  # the page never waits for the mail server

    assert announcement_mail.call(sent.pk) == "sent"  # what the worker does
    assert announcement_mail.call(sent.pk) == "not needed"  # mailed once
    (message,) = smtp_server.messages
    assert message["Subject"] == f"{challenge.title}: Nytt møte"
    assert message["To"] is None
    assert message["Bcc"] is None  # blind copies: the addresses are in the envelope only
    assert "Velkommen" in str(message.get_content())
    sent.refresh_from_db()
    assert (sent.sent_to, sent.mailed_at is not None) == (2, True)


def test_an_announcement_that_could_not_be_mailed_is_sent_by_a_later_run(
    settings: Any, smtp_server: SmtpServer
) -> None:
    challenge = ChallengeFactory.create()
    services.follow_set(actor=UserFactory.create(), challenge=challenge, follow=True)
    sent = services.announcement_send(
        actor=developer(NOTODDEN), challenge=challenge, title="Frist", body="Husk fristen"
    )
    working = settings.MAILERS
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": free_port(), "timeout": 2},
        }
    }
    with pytest.raises(MailNotSentError):
        services.announcement_mail_send(announcement_id=sent.pk)
    sent.refresh_from_db()
    assert sent.mailed_at is None
    settings.MAILERS = working
    assert services.announcement_mail_send(announcement_id=sent.pk)
    assert len(smtp_server.messages) == 1


def test_questions_are_answered_publicly() -> None:
    challenge = ChallengeFactory.create()
    asker = supplier_user(SupplierFactory.create())
    question = services.question_ask(actor=asker, challenge=challenge, text="Hvor store rør?")
    with pytest.raises(PermissionDeniedError):
        services.question_answer(actor=asker, question=question, answer="Store")
    answered = services.question_answer(
        actor=developer(NOTODDEN), question=question, answer="Fra 100 til 600 mm."
    )
    assert answered.answered_at is not None
    assert _audited(answered, AuditEntry.Action.PUBLISH)
