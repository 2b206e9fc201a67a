"""The demo: Notodden city region's challenge from the need to a pilot in progress, as examples."""

import pytest
from django.test import Client
from django.urls import reverse

from samspill.accounts.models import User
from samspill.challenges.demo import demo_challenges_load
from samspill.challenges.models import Answer, Stage, Supplier
from samspill.search.models import SearchEntry
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_loads_twice_and_everything_is_marked_as_an_example(client: Client) -> None:
    admin = UserFactory.create(is_superuser=True)
    demo_challenges_load(password="demo-passord-123", admin=admin)
    challenge = demo_challenges_load(password="demo-passord-123", admin=admin)
    assert challenge.stage == Stage.PILOT
    assert challenge.is_example
    assert {m.name for m in challenge.municipalities.all()} == {"Notodden", "Tinn", "Hjartdal"}
    assert Answer.objects.filter(challenge=challenge).count() == 3
    assert Supplier.objects.filter(is_example=True).count() == 3
    assert challenge.questions.exclude(answer="").count() == 2
    pilot = challenge.pilots.get()
    assert pilot.decision == ""
    assert SearchEntry.objects.filter(kind="challenge", object_id=challenge.pk).exists()
    page = client.get(challenge.get_absolute_url()).content.decode()
    assert "Eksempel: dette er demodata" in page
    assert (
        "Eksempel: dette er demodata"
        in client.get(reverse("challenges:pilot-detail", args=[pilot.pk])).content.decode()
    )
    notodden = User.objects.get(username="notodden")
    assert notodden.check_password("demo-passord-123")
    client.force_login(notodden)
    summary = client.get(reverse("challenges:assessment", args=[challenge.pk])).content.decode()
    assert "Telemark Vannteknikk AS (eksempel)" in summary


def test_the_command_line_exports_public_challenges_and_lists_the_graveyard(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    from django.core.management import call_command

    from tests.challenges.factories import ChallengeFactory

    ChallengeFactory.create(title="Overvann i sentrum")
    ChallengeFactory.create(title="Hemmelig utkast", stage=Stage.DRAFT)
    call_command("challenges", "export")
    out = capsysbinary.readouterr().out.decode("utf-8-sig")
    assert "Overvann i sentrum" in out
    assert "Hemmelig utkast" not in out
    call_command("challenges", "graveyard")
    assert "0 piloter" in capsysbinary.readouterr().err.decode()
