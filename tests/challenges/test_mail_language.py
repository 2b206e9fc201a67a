"""Mails in the recipient's language (ADR 93): reminders, announcements and outcomes are rendered
under the language of the person's notification settings, or, for a supplier's people, the
language the supplier registered in (changeable on its profile); bokmål when nothing is known."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from samspill.challenges import services
from samspill.challenges.models import Answer, Stage, Supplier
from samspill.challenges.selectors import mail_language_for
from samspill.challenges.tasks import announcement_mail, outcome_mail
from samspill.notifications.models import Preference
from tests.accounts.factories import UserFactory
from tests.challenges.factories import (
    NOTODDEN,
    AnswerFactory,
    ChallengeFactory,
    SupplierFactory,
    developer,
    supplier_user,
    valid_number,
)
from tests.conftest import SmtpServer

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 10, 23, 8, 0, tzinfo=datetime.UTC)


def test_an_english_speaking_supplier_gets_an_english_reminder(smtp_server: SmtpServer) -> None:
    challenge = ChallengeFactory.create(
        stage=Stage.ANSWERS,
        title="Lekkasjer i Tinn",
        answer_deadline=NOW + datetime.timedelta(hours=30),
    )
    english = supplier_user(SupplierFactory.create(language="en"))
    norwegian = UserFactory.create()
    for person in (english, norwegian):
        services.follow_set(actor=person, challenge=challenge, follow=True)

    assert services.reminders_send(now=NOW).sent == 2

    messages = {m["To"]: m for m in smtp_server.messages}
    in_english, in_bokmal = messages[english.email], messages[norwegian.email]
    assert in_english["Content-Language"] == "en"
    assert in_english["Subject"].startswith("Reminder: response deadline")
    assert "24.10.2026 at 16:00" in in_english["Subject"]
    assert f"/en/utfordringer/{challenge.pk}/" in str(in_english.get_content())
    assert in_bokmal["Content-Language"] == "nb"
    assert in_bokmal["Subject"].startswith("Påminnelse: svarfrist 24.10.2026 kl. 16:00")
    assert "/en/" not in str(in_bokmal.get_content())


def test_the_notification_settings_language_decides_for_people_with_an_account() -> None:
    nynorsk = UserFactory.create()
    Preference.objects.create(user=nynorsk, language="nn")
    assert mail_language_for(user=nynorsk) == "nn"
    assert mail_language_for(user=UserFactory.create()) == "nb"
    supplier_person = supplier_user(SupplierFactory.create(language="en"))
    # a stored bokmål may be the default a start-page visit wrote: the supplier's choice stands
    Preference.objects.create(user=supplier_person, language="nb")
    assert mail_language_for(user=supplier_person) == "en"
    Preference.objects.filter(user=supplier_person).update(language="nn")
    assert mail_language_for(user=supplier_person) == "nn"


def test_announcements_go_out_once_per_language(
    smtp_server: SmtpServer, django_capture_on_commit_callbacks: Any
) -> None:
    challenge = ChallengeFactory.create()
    english = supplier_user(SupplierFactory.create(language="en"))
    others = [UserFactory.create(), UserFactory.create()]
    for person in (english, *others):
        services.follow_set(actor=person, challenge=challenge, follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.announcement_send(
            actor=developer(NOTODDEN), challenge=challenge, title="Nytt møte", body="Velkommen"
        )
    assert announcement_mail.call(sent.pk) == "sent"
    languages = sorted(m["Content-Language"] for m in smtp_server.messages)
    assert languages == ["en", "nb"]
    sent.refresh_from_db()
    assert sent.sent_to == 3


def test_the_outcome_is_mailed_in_the_suppliers_language(smtp_server: SmtpServer) -> None:
    supplier = SupplierFactory.create(language="en")
    person = supplier_user(supplier)
    challenge = ChallengeFactory.create(stage=Stage.PILOT, title="Slam")
    answer = AnswerFactory.create(
        challenge=challenge,
        supplier=supplier,
        submitted_by=person,
        outcome=Answer.Outcome.NOT_SELECTED,
        outcome_notified_at=NOW,
    )
    assert outcome_mail.call(answer.pk) == "sent"
    (message,) = smtp_server.messages
    assert message["Content-Language"] == "en"
    assert message["Subject"] == "Outcome: Slam"


def _register_data() -> dict[str, str]:
    return {
        "organisation_number": valid_number(700),
        "name": "Telemark Water Tech AS",
        "municipality": "",
        "competence": "Leak detection",
        "competence_tags": "",
        "website": "",
        "first_name": "Kari",
        "last_name": "Nordmann",
        "email": "kari@watertech.example",
        "username": "kari.water",
        "password": "et-langt-passord-2026",
    }


def test_a_supplier_registering_in_english_is_mailed_in_english_and_can_change_it(
    client: Client,
) -> None:
    with translation.override("en"):
        url = reverse("challenges:supplier-register")
    assert url.startswith("/en/")
    assert client.post(url, _register_data()).status_code == 302
    supplier = Supplier.objects.get(organisation_number=valid_number(700))
    assert supplier.language == "en"

    profile = reverse("challenges:supplier-profile")
    response = client.post(
        profile,
        {
            "form": "profile",
            "competence": "Leak detection",
            "competence_tags": "",
            "website": "",
            "municipality": "",
            "language": "nn",
            "version": supplier.version,
        },
    )
    assert response.status_code == 302
    supplier.refresh_from_db()
    assert supplier.language == "nn"
    with pytest.raises(ValidationError):
        services.supplier_update(actor=supplier_user(supplier), supplier=supplier, language="de")
