"""Mail through a real SMTP server on localhost (aiosmtpd, tests/conftest.py): at once, and digests
grouped by object, newest first, never empty, never twice, in the recipient's language."""

import datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from samspill.accounts.models import User
from samspill.knowledge import services as knowledge
from samspill.knowledge.models import Document, Visibility
from samspill.notifications import services
from samspill.notifications.models import Notification
from samspill.notifications.tasks import digests_send, event_fan_out_task, notification_mail
from samspill.regions.models import Region
from tests.conftest import SmtpServer
from tests.knowledge.factories import DocumentGroupFactory
from tests.notifications.conftest import new_version, worker

pytestmark = pytest.mark.django_db


def _body(message: Any) -> str:
    return str(message.get_content())


def test_immediate_mail_is_queued_after_commit_and_sent_once(
    follower: User,
    colleague: User,
    document: Document,
    smtp_server: SmtpServer,
    django_capture_on_commit_callbacks: Any,
) -> None:
    services.preference_set(user=follower, delivery="immediate", language="nb")
    services.follow(user=follower, obj=document)
    with django_capture_on_commit_callbacks(execute=True):
        new_version(colleague, document, note="Nye tall")
    # The write committed one event and queued its fan-out; nobody is told inside the write.
    assert not Notification.objects.exists()
    fan_out = DBTaskResult.objects.get(task_path="samspill.notifications.tasks.event_fan_out_task")
    with django_capture_on_commit_callbacks(execute=True):
        assert event_fan_out_task.call(*fan_out.args_kwargs["args"]) == "1 told"  # the worker
    notification = Notification.objects.get(user=follower)
    queued = DBTaskResult.objects.get(task_path="samspill.notifications.tasks.notification_mail")
    assert queued.args_kwargs["args"] == [notification.pk]
    assert smtp_server.messages == []  # the upload never waits for the mail server

    assert notification_mail.call(notification.pk) == "sent"  # what the worker does
    assert notification_mail.call(notification.pk) == "not needed"  # mailed once
    (message,) = smtp_server.messages
    assert message["To"] == follower.email
    assert message["Content-Language"] == "nb"
    assert "Verkstednotat Salangen" in message["Subject"]
    body = _body(message)
    assert "la ut en ny versjon av «Verkstednotat Salangen»" in body
    assert "v2: Nye tall" in body
    assert document.get_absolute_url() in body
    # The immediate mail counts as mailed: the digest does not repeat it.
    assert services.digest_send(period="daily").sent == 0


def test_daily_digest_groups_by_object_newest_first(
    follower: User, colleague: User, smtp_server: SmtpServer
) -> None:
    sor_troms = Region.objects.get(slug="sor-troms")
    services.preference_set(user=follower, delivery="daily", language="nb")
    first = knowledge.document_create(
        actor=colleague, region=sor_troms, title="Første notat", body_markdown="a"
    )
    second = knowledge.document_create(
        actor=colleague, region=sor_troms, title="Andre notat", body_markdown="b"
    )
    services.follow(user=follower, obj=first)
    services.follow(user=follower, obj=second)
    new_version(colleague, first, note="første endring")
    new_version(colleague, second, note="andre endring")
    new_version(colleague, first, note="tredje endring")  # the newest: "Første notat" first

    summary = services.digest_send(period="daily")
    assert (summary.sent, summary.notifications) == (1, 3)
    (message,) = smtp_server.messages
    assert message["Subject"] == "Samspill, daglig sammendrag: 3 varsler"
    body = _body(message)
    assert body.count("== Første notat (dokument) ==") == 1
    assert body.count("== Andre notat (dokument) ==") == 1
    assert body.index("Første notat") < body.index("Andre notat")
    first_group = body[body.index("== Første notat") : body.index("== Andre notat")]
    assert first_group.index("v3: tredje endring") < first_group.index("v2: første endring")
    assert "andre endring" not in first_group


def test_a_digest_is_never_sent_empty_nor_twice(
    follower: User, colleague: User, document: Document, smtp_server: SmtpServer
) -> None:
    services.preference_set(user=follower, delivery="weekly", language="nb")
    assert services.digest_send(period="weekly").sent == 0  # nothing happened: no mail
    services.follow(user=follower, obj=document)
    new_version(colleague, document)
    assert services.digest_send(period="daily").sent == 0  # she chose weekly
    assert digests_send.call("weekly") == "1 mails, 1 notifications"
    assert digests_send.call("weekly") == "0 mails, 0 notifications"  # each event mailed once
    assert len(smtp_server.messages) == 1
    assert "ukentlig sammendrag" in smtp_server.messages[0]["Subject"]


def test_no_mail_for_those_who_chose_none_and_the_app_still_shows_it(
    follower: User, colleague: User, document: Document, smtp_server: SmtpServer
) -> None:
    services.preference_set(user=follower, delivery="none", language="nb")
    services.follow(user=follower, obj=document)
    new_version(colleague, document)
    for period in ("daily", "weekly"):
        assert services.digest_send(period=period).sent == 0
    assert smtp_server.messages == []
    assert Notification.objects.filter(user=follower, emailed_at__isnull=True).count() == 1


def test_the_digest_is_in_the_recipients_language(
    follower: User, colleague: User, document: Document, smtp_server: SmtpServer
) -> None:
    services.preference_set(user=follower, delivery="daily", language="en")
    services.follow(user=follower, obj=document)
    new_version(colleague, document)
    services.digest_send(period="daily")
    (message,) = smtp_server.messages
    assert message["Content-Language"] == "en"
    body = _body(message)
    assert f"/en/kunnskap/dokument/{document.pk}/" in body  # links lead to the English pages
    assert "(document)" in body  # words the catalogue already translates


def test_a_digest_leaves_out_what_became_hidden(
    follower: User, colleague: User, coordinator: User, smtp_server: SmtpServer
) -> None:
    sor_troms = Region.objects.get(slug="sor-troms")
    services.preference_set(user=follower, delivery="daily", language="nb")
    open_one = knowledge.document_create(
        actor=colleague, region=sor_troms, title="Åpent notat", body_markdown="a"
    )
    hidden = knowledge.document_create(
        actor=colleague, region=sor_troms, title="Snart skjult", body_markdown="b"
    )
    for obj in (open_one, hidden):
        services.follow(user=follower, obj=obj)
        new_version(colleague, obj)
    group = DocumentGroupFactory.create(region=sor_troms)
    Document.objects.filter(pk=hidden.pk).update(visibility=Visibility.GROUP, group=group)
    services.digest_send(period="daily")
    (message,) = smtp_server.messages
    assert "Åpent notat" in _body(message)
    assert "Snart skjult" not in _body(message)
    assert "1 varsel" in message["Subject"]


def test_switching_to_a_digest_mails_no_backlog(
    follower: User, colleague: User, document: Document, smtp_server: SmtpServer
) -> None:
    services.preference_set(user=follower, delivery="none", language="nb")
    services.follow(user=follower, obj=document)
    new_version(colleague, document, note="gammel")
    worker()
    Notification.objects.update(created_at=timezone.now() - datetime.timedelta(hours=1))
    services.preference_set(user=follower, delivery="daily", language="nb")
    new_version(colleague, document, note="ny")
    services.digest_send(period="daily")
    (message,) = smtp_server.messages
    assert "v3: ny" in _body(message)
    assert "gammel" not in _body(message)


def test_the_command_sends_the_digests(
    follower: User, colleague: User, document: Document, smtp_server: SmtpServer, capsys: Any
) -> None:
    services.follow(user=follower, obj=document)  # no choice stored: the daily digest
    new_version(colleague, document)
    call_command("notifications", "send-digests", "--period", "daily")
    assert "1 e-post(er) med 1 varsler" in capsys.readouterr().out
    assert len(smtp_server.messages) == 1
    call_command("notifications", "send-digests", "--period", "daily")
    assert len(smtp_server.messages) == 1
