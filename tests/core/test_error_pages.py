"""Error pages as a deployed site shows them (DEBUG off): the site's look, the page's language."""

from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.utils import translation

from samspill.core.views import server_error
from tests.accounts.factories import UserFactory


@pytest.fixture(autouse=True)
def _deployed(settings: Any) -> None:
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.ROOT_URLCONF = "tests.core.error_urls"


@pytest.mark.django_db
def test_not_found_says_so_in_the_site_s_look_and_links_home(client: Client) -> None:
    response = client.get("/finnes-ikke/")

    html = response.content.decode()
    assert response.status_code == 404
    assert 'class="site-header"' in html
    assert "Fant ikke siden" in html
    assert 'href="/"' in html
    assert "Content-Security-Policy" in response


@pytest.mark.django_db
def test_not_found_under_english_addresses_is_in_english(client: Client) -> None:
    response = client.get("/en/does-not-exist/")

    assert response.status_code == 404
    assert '<html lang="en"' in response.content.decode()
    assert 'href="/en/"' in response.content.decode()


@pytest.mark.django_db
def test_forbidden_tells_a_signed_in_user_whom_to_ask(client: Client) -> None:
    client.force_login(UserFactory())

    response = client.get("/regioner/sor-troms/endre/")

    assert response.status_code == 403
    assert "Du har ikke tilgang" in response.content.decode()
    assert "koordinatoren" in response.content.decode()


@pytest.mark.django_db
def test_a_server_error_shows_the_site_s_500_page(client: Client) -> None:
    client.raise_request_exception = False

    response = client.get("/test-feil/500/")

    assert response.status_code == 500
    assert "Noe gikk galt hos oss" in response.content.decode()
    assert 'class="site-header"' in response.content.decode()


def test_the_500_page_needs_no_database_and_no_request_context() -> None:
    # No `db` fixture: any query here would raise. The request has no session and no user.
    request = RequestFactory().get("/")
    with translation.override("en"):
        response = server_error(request)

    assert response.status_code == 500
    assert '<html lang="en"' in response.content.decode()


def test_the_500_page_falls_back_to_bare_html_when_its_template_fails(settings: Any) -> None:
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [], "APP_DIRS": False}]

    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Noe gikk galt hos oss" in response.content.decode()


@pytest.mark.django_db
def test_a_bad_request_gets_the_site_s_400_page(client: Client) -> None:
    response = client.get("/test-feil/400/")

    assert response.status_code == 400
    assert "Forespørselen kunne ikke leses" in response.content.decode()


@pytest.mark.django_db
def test_a_form_without_a_valid_csrf_token_explains_what_to_do() -> None:
    client = Client(enforce_csrf_checks=True)

    response = client.post("/konto/logg-inn/", {"username": "kari", "password": "x"})

    assert response.status_code == 403
    html = response.content.decode()
    assert "Skjemaet kunne ikke sendes" in html
    assert "last inn siden på nytt" in html
