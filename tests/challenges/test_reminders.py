"""Reminders before deadlines through a real SMTP server on localhost: once per person and
moment, again when the moment moves; and a new attempt at Brønnøysund for profiles registered
while it did not answer (backing off), by `samspill challenges`."""

import datetime
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from samspill.challenges import services
from samspill.challenges.models import (
    Challenge,
    DialogueMeeting,
    MeetingRegistration,
    Reminder,
    Stage,
    Supplier,
)
from tests.accounts.factories import UserFactory
from tests.challenges.factories import ChallengeFactory, SupplierFactory, valid_number
from tests.conftest import SmtpServer
from tests.inquiries.conftest import RecordedBrreg, unit_json

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 10, 23, 8, 0, tzinfo=datetime.UTC)


def test_followers_are_reminded_of_an_answer_deadline_once_and_again_when_it_moves(
    smtp_server: SmtpServer,
) -> None:
    challenge = ChallengeFactory.create(
        stage=Stage.ANSWERS,
        title="Lekkasjer i Tinn",
        answer_deadline=NOW + datetime.timedelta(hours=30),
    )
    far = ChallengeFactory.create(
        stage=Stage.ANSWERS, answer_deadline=NOW + datetime.timedelta(days=9)
    )
    follower = UserFactory.create()
    for target in (challenge, far):
        services.follow_set(actor=follower, challenge=target, follow=True)

    first = services.reminders_send(now=NOW)
    second = services.reminders_send(now=NOW + datetime.timedelta(hours=1))

    assert (first.sent, second.sent, second.skipped) == (1, 0, 1)
    (message,) = smtp_server.messages
    assert message["To"] == follower.email
    assert "Lekkasjer i Tinn" in message["Subject"]
    assert "24.10.2026 kl. 16:00" in str(message.get_content())  # Oslo time, summer (UTC+2)

    Challenge.objects.filter(pk=challenge.pk).update(
        answer_deadline=NOW + datetime.timedelta(hours=40)
    )
    assert services.reminders_send(now=NOW).sent == 1  # a new moment is a new reminder
    assert Reminder.objects.filter(user=follower).count() == 2


def test_those_registered_for_a_dialogue_meeting_are_reminded_by_the_command(
    smtp_server: SmtpServer, settings: Any
) -> None:
    challenge = ChallengeFactory.create(stage=Stage.DIALOGUE)
    soon = timezone.now() + datetime.timedelta(hours=20)
    meeting = DialogueMeeting.objects.create(
        challenge=challenge, starts_at=soon, place="Notodden rådhus"
    )
    registered = UserFactory.create()
    MeetingRegistration.objects.create(meeting=meeting, user=registered)
    UserFactory.create()  # neither registered nor following: not reminded

    out = io.StringIO()
    call_command("challenges", "remind", stdout=out)
    call_command("challenges", "remind", stdout=out)

    (message,) = smtp_server.messages
    assert message["To"] == registered.email
    assert "Notodden rådhus" in str(message.get_content())
    assert "1 påminnelser sendt" in out.getvalue()
    assert "0 påminnelser sendt, 1 sendt før" in out.getvalue()


def test_a_failed_reminder_mail_leaves_no_mark_so_the_next_run_sends_it(
    settings: Any, smtp_server: SmtpServer
) -> None:
    challenge = ChallengeFactory.create(
        stage=Stage.ANSWERS, answer_deadline=NOW + datetime.timedelta(hours=5)
    )
    services.follow_set(actor=UserFactory.create(), challenge=challenge, follow=True)
    working = settings.MAILERS
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
    with pytest.raises(services.MailNotSentError):
        services.reminders_send(now=NOW)
    assert not Reminder.objects.exists()
    settings.MAILERS = working
    assert services.reminders_send(now=NOW).sent == 1


def test_profiles_registered_while_the_register_was_down_are_fetched_later(
    brreg_server: RecordedBrreg,
) -> None:
    number = valid_number(777)
    supplier = SupplierFactory.create(
        organisation_number=number,
        facts_status=Supplier.Facts.UNAVAILABLE,
        facts_checked_at=NOW - datetime.timedelta(minutes=5),
        facts_failures=1,
    )
    brreg_server.add(number, 200, unit_json(number, "RØRINSPEKSJON AS", antallAnsatte=7))

    assert services.supplier_facts_retry(now=NOW) == 0  # backing off: 15 minutes after one failure
    assert services.supplier_facts_retry(now=NOW + datetime.timedelta(minutes=11)) == 1

    supplier.refresh_from_db()
    assert (supplier.facts_status, supplier.employees, supplier.facts_failures) == (
        Supplier.Facts.FOUND,
        7,
        0,
    )
    out = io.StringIO()
    call_command("challenges", "supplier-facts", stdout=out)
    assert "0 leverandører" in out.getvalue()  # nothing left to ask for
