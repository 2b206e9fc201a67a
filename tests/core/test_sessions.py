"""Signed-in sessions end after SESSION_IDLE_MINUTES without a request; each request renews them."""

import datetime
import time
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from samspill.core.middleware import SESSION_RENEWED_KEY
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_signed_in_session_lasts_the_idle_time(client: Client, settings: Any) -> None:
    settings.SESSION_COOKIE_AGE = 15 * 60
    client.force_login(UserFactory())

    response = client.get("/konto/profil/")

    assert response.cookies["sessionid"]["max-age"] == 15 * 60


def test_working_renews_the_session_at_most_once_a_minute(client: Client, settings: Any) -> None:
    settings.SESSION_COOKIE_AGE = 15 * 60
    client.force_login(UserFactory())
    session = client.session
    session[SESSION_RENEWED_KEY] = int(time.time()) - 120  # renewed two minutes ago
    session.save()

    renewed = client.get("/konto/profil/")
    again = client.get("/konto/profil/")

    # A saved session is sent again with a fresh lifetime: the idle clock starts over.
    assert renewed.cookies["sessionid"]["max-age"] == 15 * 60
    assert "sessionid" not in again.cookies  # within the minute: no write


def test_an_idle_session_has_ended(client: Client) -> None:
    client.force_login(UserFactory())
    session = client.session
    session.set_expiry(timezone.now() - datetime.timedelta(seconds=1))
    session.save()

    response = client.get("/konto/profil/")

    assert response.status_code == 302
    assert "/konto/logg-inn/" in response["Location"]


def test_the_default_is_an_hour() -> None:
    from django.conf import settings

    assert settings.SESSION_IDLE_MINUTES == 60
    assert settings.SESSION_COOKIE_AGE == 3600
