"""Password reset through a real SMTP server, and an honest answer when mail cannot be sent."""

import re

import pytest
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.conftest import SmtpServer, free_port

NEW_PASSWORD = "Et-nytt-og-langt-passord-9"

pytestmark = pytest.mark.django_db


def test_password_reset_end_to_end_through_a_real_smtp_server(client, smtp_server: SmtpServer):
    user = UserFactory(username="kari", email="kari@kommune.example")

    response = client.post(reverse("accounts:password-reset"), {"email": "kari@kommune.example"})

    assert response.status_code == 302
    assert response.url == reverse("accounts:password-reset-done")
    [message] = smtp_server.messages
    assert message["To"] == "kari@kommune.example"
    assert message["From"] == "samspill@kommune.example"
    body = message.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"https?://[^/\s]+(/\S*/passord/ny/\S+)", body)
    assert link, body
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    set_password = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert set_password.status_code == 302
    client.logout()
    login = client.post(reverse("accounts:login"), {"username": "kari", "password": NEW_PASSWORD})
    assert login.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.parametrize("address", ["kari@kommune.example", "nobody@kommune.example"])
def test_password_reset_says_so_when_the_mail_server_is_down(client, settings, address) -> None:
    UserFactory(email="kari@kommune.example")
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": free_port(), "timeout": 5},
        }
    }

    response = client.post(reverse("accounts:password-reset"), {"email": address})

    # The same answer whether or not the address has an account: nothing is revealed.
    assert response.status_code == 503
    assert "kunne ikke sende e-post" in response.text
