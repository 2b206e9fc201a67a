"""Fields that ask for personal or contact data say what they are (WCAG 1.3.5 Identify Input
Purpose): browsers and assistive tools fill and label them. Checked on the rendered forms."""

import re

import pytest
from django import forms
from django.contrib.auth.tokens import default_token_generator
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from samspill.inquiries.forms import (
    AdviserProfileForm,
    ContactForm,
    InquiryForm,
    PublicInquiryForm,
)
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def _autocomplete(html: str) -> dict[str, str]:
    """{field name: autocomplete token} of the rendered inputs."""
    found = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        token = re.search(r'autocomplete="([^"]+)"', tag)
        if name:
            found[name.group(1)] = token.group(1) if token else ""
    return found


def _render(form: forms.Form) -> str:
    return render_to_string("components/_form_fields.html", {"form": form})


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        (
            lambda: InquiryForm(municipalities=[]),
            {
                "company_name": "organization",
                "contact_name": "name",
                "contact_email": "email",
                "contact_phone": "tel",
            },
        ),
        (
            lambda: PublicInquiryForm(municipalities=[]),
            {
                "company_name": "organization",
                "contact_name": "name",
                "contact_email": "email",
                "contact_phone": "tel",
            },
        ),
        (lambda: ContactForm(), {"name": "name", "email": "email", "phone": "tel"}),
        (lambda: AdviserProfileForm(), {"phone": "work tel"}),
    ],
    ids=["inquiry-staff", "inquiry-public", "contact", "adviser-profile"],
)
def test_contact_fields_of_the_front_door_have_autocomplete(form, expected) -> None:
    tokens = _autocomplete(_render(form()))

    assert {name: tokens.get(name) for name in expected} == expected


def test_the_login_and_password_pages_have_autocomplete(client: Client) -> None:
    user = UserFactory.create()
    login = _autocomplete(client.get(reverse("accounts:login")).text)
    reset = _autocomplete(client.get(reverse("accounts:password-reset")).text)
    confirm_url = reverse(
        "accounts:password-reset-confirm",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )
    confirm = _autocomplete(client.get(confirm_url, follow=True).text)
    client.force_login(user)
    change = _autocomplete(client.get(reverse("accounts:password-change")).text)

    assert (login["username"], login["password"]) == ("username", "current-password")
    assert reset["email"] == "email"
    assert (confirm["new_password1"], confirm["new_password2"]) == ("new-password", "new-password")
    assert change == change | {
        "old_password": "current-password",
        "new_password1": "new-password",
        "new_password2": "new-password",
    }


def test_password_forms_look_like_every_other_form(client: Client) -> None:
    """Django's own password forms get Designsystemet's class like the rest (core StyledForm)."""
    client.force_login(UserFactory.create())

    html = client.get(reverse("accounts:password-change")).text

    for tag in re.findall(r'<input[^>]*type="password"[^>]*>', html):
        assert 'class="ds-input"' in tag
