"""Login, lockout after repeated failures, password change and reset, and the profile page."""

import pytest
from django.core import mail
from django.urls import reverse

from samspill.regions.models import Region
from tests.accounts.factories import CoordinatorRoleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _lockout_after_three(settings) -> None:
    settings.AXES_FAILURE_LIMIT = 3


def _login(client, username: str, password: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_a_user_logs_in_and_sees_their_roles(client) -> None:
    role = CoordinatorRoleFactory(region=Region.objects.get(slug="sor-troms"))

    response = _login(client, role.user.username, "test-password")
    profile = client.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert "Sør-Troms" in profile.text


def test_a_wrong_password_shows_an_error_and_keeps_the_username(client) -> None:
    user = UserFactory()

    response = _login(client, user.username, "wrong")

    assert response.status_code == 200
    assert 'role="alert"' in response.text
    assert f'value="{user.username}"' in response.text


def test_repeated_failures_lock_the_account_even_for_the_right_password(client) -> None:
    user = UserFactory()
    for _ in range(3):
        _login(client, user.username, "wrong")

    response = _login(client, user.username, "test-password")

    assert response.status_code == 429
    assert "midlertidig sperret" in response.text
    assert "_auth_user_id" not in client.session


def test_a_lockout_from_one_address_does_not_lock_the_user_out_elsewhere(client, settings) -> None:
    # Behind the proxy, every visitor used to be 127.0.0.1: three wrong passwords locked anyone out.
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    user = UserFactory()
    for _ in range(3):
        client.post(
            reverse("accounts:login"),
            {"username": user.username, "password": "wrong"},
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )

    attacker = client.post(
        reverse("accounts:login"),
        {"username": user.username, "password": "test-password"},
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    owner = client.post(
        reverse("accounts:login"),
        {"username": user.username, "password": "test-password"},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )

    assert attacker.status_code == 429
    assert owner.status_code == 302


def test_a_forged_forwarded_header_does_not_escape_the_lockout(client, settings) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.1"]  # the test client's 127.0.0.1 is not our proxy
    user = UserFactory()
    for attempt in range(3):
        client.post(
            reverse("accounts:login"),
            {"username": user.username, "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}",
        )

    response = client.post(
        reverse("accounts:login"),
        {"username": user.username, "password": "test-password"},
        HTTP_X_FORWARDED_FOR="192.0.2.200",
    )

    assert response.status_code == 429


def test_a_password_reset_mail_is_sent_and_its_link_sets_a_new_password(client) -> None:
    user = UserFactory(email="kari@example.invalid")

    client.post(reverse("accounts:password-reset"), {"email": "kari@example.invalid"})

    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/passord/ny/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    form_page = client.get("/" + path, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {
            "new_password1": "Et-nytt-og-langt-passord-9",
            "new_password2": "Et-nytt-og-langt-passord-9",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Et-nytt-og-langt-passord-9")


def test_a_logged_in_user_changes_their_password(client) -> None:
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("accounts:password-change"),
        {
            "old_password": "test-password",
            "new_password1": "Et-nytt-og-langt-passord-9",
            "new_password2": "Et-nytt-og-langt-passord-9",
        },
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Et-nytt-og-langt-passord-9")


def test_the_profile_needs_a_login(client) -> None:
    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
