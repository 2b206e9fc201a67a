"""Single sign-on through a real OpenID Connect provider (tests/accounts/conftest.py).

Each test runs the whole authorization code flow over HTTP: Samspill sends the browser to the
provider, the person logs in there, the provider sends the browser back with a code, and
Samspill exchanges the code and validates the id_token against the provider's JWKS.
"""

import re
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest
import requests
from django.urls import reverse

from samspill.accounts.models import ExternalIdentity, IdentityProvider, User
from samspill.audit.models import AuditEntry
from samspill.regions.models import Region
from tests.accounts.conftest import CLIENT_SECRET, CLIENTS, PASSWORD, RunningProvider
from tests.accounts.factories import (
    CoordinatorRoleFactory,
    IdentityProviderFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

KARI = "kari.nordmann@bardu.kommune.no"


@pytest.fixture(autouse=True)
def _client_secret(monkeypatch) -> None:
    monkeypatch.setenv("SAMSPILL_TEST_OIDC_SECRET", CLIENT_SECRET)


@pytest.fixture
def provider(oidc_provider: RunningProvider) -> IdentityProvider:
    return IdentityProviderFactory.create(
        slug="bardu",
        organisation__name="Bardu kommune",
        issuer=oidc_provider.issuer,
        client_id=CLIENTS["samspill"],
        allowed_email_domains="bardu.kommune.no",
    )


def _at_provider(authorize_url: str, *, username: str) -> str:
    """Play the browser at the provider: log in, and return where it sends us back."""
    browser = requests.Session()
    login_page = browser.get(authorize_url, timeout=10)  # redirected to the provider's login
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page.text)
    assert csrf is not None
    answer = browser.post(
        login_page.url,
        data={
            "csrfmiddlewaretoken": csrf[1],
            "username": username,
            "password": PASSWORD,
            "next": parse_qs(urlsplit(login_page.url).query)["next"][0],
        },
        allow_redirects=False,
        timeout=10,
    )
    authorize = browser.get(
        urlsplit(login_page.url)._replace(path=answer.headers["Location"], query="").geturl()
        if answer.headers["Location"].startswith("/")
        else answer.headers["Location"],
        allow_redirects=False,
        timeout=10,
    )
    assert authorize.status_code == 302, authorize.text
    return str(authorize.headers["Location"])


def _sso_login(client, *, slug: str = "bardu", username: str = "kari", tamper=None):
    start = client.get(
        reverse("accounts:sso-start", args=[slug]) + "?next=" + reverse("accounts:profile")
    )
    assert start.status_code == 302
    authorize_url = start["Location"] if tamper is None else tamper(start["Location"])
    back = _at_provider(authorize_url, username=username)
    assert back.startswith("http://testserver/konto/sso/callback/?")
    return client.get(back.removeprefix("http://testserver"), follow=True)


def _replace_param(url: str, name: str, value: str) -> str:
    parts = urlsplit(url)
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    query[name] = value
    return urlunsplit(parts._replace(query=urlencode(query)))


def _logged_in_user(client) -> User | None:
    user_id = client.session.get("_auth_user_id")
    return None if user_id is None else User.objects.get(pk=user_id)


def test_the_login_page_offers_each_active_provider(client, provider) -> None:
    IdentityProviderFactory(name="Gammel tjeneste", is_active=False)

    response = client.get(reverse("accounts:login"))

    assert "Logg inn med Bardu kommune" in response.text
    assert "Gammel tjeneste" not in response.text
    assert 'name="password"' in response.text


def test_a_coordinator_logs_in_at_the_provider_and_keeps_their_samspill_roles(
    client, provider
) -> None:
    role = CoordinatorRoleFactory(
        user=UserFactory(email=KARI), region=Region.objects.get(slug="sor-troms")
    )

    response = _sso_login(client)

    assert _logged_in_user(client) == role.user
    assert response.redirect_chain[-1][0] == reverse("accounts:profile")
    assert "Sør-Troms" in response.text
    identity = ExternalIdentity.objects.get(user=role.user)
    assert identity.issuer == provider.issuer
    assert AuditEntry.objects.filter(action="sso_login", object_pk=str(role.user.pk)).exists()


def test_a_linked_identity_logs_in_by_issuer_and_subject_after_the_email_changed(
    client, provider
) -> None:
    user = UserFactory.create(email=KARI)
    _sso_login(client)
    client.logout()
    user.email = "kari@elsewhere.example"
    user.save()

    _sso_login(client)

    assert _logged_in_user(client) == user
    assert ExternalIdentity.objects.filter(user=user).count() == 1


def test_an_unknown_person_is_created_without_roles_when_the_provider_allows_it(
    client, provider
) -> None:
    provider.unknown_users = IdentityProvider.UnknownUsers.CREATE
    provider.save()

    response = _sso_login(client, username="ola")

    user = _logged_in_user(client)
    assert user is not None
    assert user.email == "ola.nordmann@bardu.kommune.no"
    assert user.organisation == provider.organisation
    assert not user.has_usable_password()
    assert not user.role_assignments.exists()
    assert "har ingen roller ennå" in response.text


def test_an_unknown_person_is_refused_when_creation_is_off(client, provider) -> None:
    response = _sso_login(client, username="ola")

    assert _logged_in_user(client) is None
    assert not User.objects.filter(email="ola.nordmann@bardu.kommune.no").exists()
    assert "Du har ingen bruker i Samspill" in response.text
    assert AuditEntry.objects.filter(
        action="sso_refused", changes={"reason": "unknown_user"}
    ).exists()


def test_an_address_outside_the_allowed_domains_is_refused(client, provider) -> None:
    UserFactory(email="eve@example.com")

    response = _sso_login(client, username="eve")

    assert _logged_in_user(client) is None
    assert "gir ikke tilgang gjennom Bardu kommune" in response.text


def test_an_unverified_address_is_not_matched_to_an_existing_user(client, provider) -> None:
    UserFactory(email="per@bardu.kommune.no")

    _sso_login(client, username="unverified-per")

    assert _logged_in_user(client) is None


def test_an_id_token_for_another_audience_is_refused(client, oidc_provider) -> None:
    IdentityProviderFactory(
        slug="bardu", issuer=oidc_provider.issuer, client_id=CLIENTS["wrong-audience"]
    )
    UserFactory(email=KARI)

    response = _sso_login(client)

    assert _logged_in_user(client) is None
    assert "ikke gyldig" in response.text
    assert AuditEntry.objects.filter(action="sso_refused", changes={"reason": "id_token"}).exists()


def test_an_id_token_with_another_nonce_is_refused(client, provider) -> None:
    UserFactory(email=KARI)

    response = _sso_login(client, tamper=lambda url: _replace_param(url, "nonce", "forged"))

    assert _logged_in_user(client) is None
    assert "ikke gyldig" in response.text


def test_a_callback_with_an_unknown_state_is_refused(client, provider) -> None:
    UserFactory(email=KARI)

    response = _sso_login(client, tamper=lambda url: _replace_param(url, "state", "forged"))

    assert _logged_in_user(client) is None
    assert "utløpt eller ugyldig" in response.text


def test_a_state_is_good_for_one_callback_only(client, provider) -> None:
    UserFactory(email=KARI)
    start = client.get(reverse("accounts:sso-start", args=["bardu"]))
    back = _at_provider(start["Location"], username="kari").removeprefix("http://testserver")
    client.get(back)
    client.logout()

    client.get(back)

    assert _logged_in_user(client) is None


def test_a_site_administrator_is_not_taken_over_by_a_matching_address(client, provider) -> None:
    UserFactory(email=KARI, is_superuser=True, is_staff=True)

    _sso_login(client)

    assert _logged_in_user(client) is None


def test_a_missing_client_secret_stops_the_login_with_a_message(
    client, provider, monkeypatch
) -> None:
    monkeypatch.delenv("SAMSPILL_TEST_OIDC_SECRET")
    UserFactory(email=KARI)

    response = _sso_login(client)

    assert _logged_in_user(client) is None
    assert "ikke ferdig satt opp" in response.text


def test_a_login_the_person_cancelled_at_the_provider_is_reported(client, provider) -> None:
    start = client.get(reverse("accounts:sso-start", args=["bardu"]))
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]

    response = client.get(
        reverse("accounts:sso-callback"), {"state": state, "error": "access_denied"}, follow=True
    )

    assert _logged_in_user(client) is None
    assert "avbrøt innloggingen" in response.text
    assert AuditEntry.objects.filter(
        action="sso_refused", changes={"reason": "provider_error:access_denied"}
    ).exists()


def test_a_discovery_document_naming_another_issuer_is_refused(client, oidc_provider) -> None:
    # The same server under another host name: its discovery document names 127.0.0.1.
    IdentityProviderFactory.create(
        slug="bardu", issuer=oidc_provider.issuer.replace("127.0.0.1", "localhost")
    )

    response = client.get(reverse("accounts:sso-start", args=["bardu"]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("accounts:login")
    assert "feil satt opp" in response.text


@pytest.mark.parametrize(
    ("acr_values", "logged_in"),
    [("idporten-loa-substantial idporten-loa-high", True), ("idporten-loa-high", False)],
)
def test_the_security_level_must_be_one_the_provider_requires(
    client, provider, acr_values, logged_in
) -> None:
    provider.acr_values = acr_values
    provider.save()
    UserFactory(email=KARI)

    _sso_login(client)

    assert (_logged_in_user(client) is not None) is logged_in
