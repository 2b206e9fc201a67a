"""Headers on every answer: CSP, Permissions-Policy, no-store for personal data; HEAD works."""

from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from samspill.inquiries.models import InquiryContact
from tests.accounts.factories import CoordinatorRoleFactory
from tests.conftest import REPO_DIR
from tests.inquiries.conftest import BARDU, municipality
from tests.inquiries.factories import InquiryContactFactory, InquiryFactory, sor_troms

pytestmark = pytest.mark.django_db


def _plain_paths(patterns: list[URLPattern | URLResolver], prefix: str = "") -> list[str]:
    """Every path of the URL configuration that takes no parameters."""
    paths: list[str] = []
    for pattern in patterns:
        route = str(pattern.pattern)
        if "<" in route or "(?P" in route or route.startswith("^"):
            continue
        if isinstance(pattern, URLResolver):
            paths += _plain_paths(pattern.url_patterns, prefix + route)
        else:
            paths.append("/" + prefix + route)
    return paths


def test_pages_send_a_content_security_policy_without_inline_allowances(client: Client) -> None:
    response = client.get("/")

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy


def test_pages_switch_off_unused_browser_features(client: Client) -> None:
    policy = client.get("/")["Permissions-Policy"]

    assert "camera=()" in policy
    assert "geolocation=()" in policy
    assert "microphone=()" in policy


def test_no_template_needs_inline_scripts_or_style_attributes() -> None:
    offenders = []
    for template in (REPO_DIR / "samspill").rglob("templates/**/*.html"):
        if "pdf" in template.relative_to(REPO_DIR).parts:
            continue  # PDFs are rendered by WeasyPrint on the server, never served to a browser
        text = template.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), start=1):
            inline_script = (
                "<script" in line and "src=" not in line and "application/json" not in line
            )
            if inline_script or " style=" in line or "<style" in line:
                offenders.append(f"{template.relative_to(REPO_DIR)}:{number}")

    assert offenders == []


def test_answers_with_personal_data_are_never_stored(client: Client) -> None:
    role = CoordinatorRoleFactory.create(region=sor_troms())
    inquiry = InquiryFactory.create(municipalities=[municipality(BARDU)])
    InquiryContactFactory.create(inquiry=inquiry)
    assert InquiryContact.objects.filter(inquiry=inquiry).exists()
    client.force_login(role.user)

    for path in (
        inquiry.get_absolute_url(),
        f"/bedrift/henvendelser/{inquiry.pk}/kontakt/",
        f"/bedrift/henvendelser/{inquiry.pk}/kontakt/eksport.json",
        "/konto/profil/",
        "/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"], path
        assert "private" in response["Cache-Control"], path


def test_public_pages_for_visitors_stay_cacheable(client: Client) -> None:
    response = client.get("/regioner/")

    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "coordinator"])
def test_head_answers_wherever_get_does(client: Client, signed_in: bool) -> None:
    if signed_in:
        client.force_login(CoordinatorRoleFactory.create(region=sor_troms()).user)
    paths = _plain_paths(get_resolver().url_patterns)
    assert len(paths) > 20

    mismatches = []
    for path in paths:
        get = client.get(path).status_code
        head = client.head(path)
        if head.status_code != get or head.content:
            mismatches.append(f"{path}: GET {get}, HEAD {head.status_code}")

    assert mismatches == []


def test_the_api_answers_head_with_headers_only(client: Client) -> None:
    get = client.get("/api/regions/")
    head = client.head("/api/regions/")

    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Length"] == str(len(get.content))


def test_css_covers_the_classes_that_replaced_style_attributes() -> None:
    css = Path(REPO_DIR / "samspill" / "static" / "samspill" / "samspill.css").read_text(
        encoding="utf-8"
    )

    for name in (".form-narrow", ".form-medium", ".form-wide", ".honeypot", ".htmx-indicator"):
        assert name in css
