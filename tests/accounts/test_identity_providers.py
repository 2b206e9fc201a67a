"""Identity providers: registered by the command line and the admin, offered on the login page."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from samspill.accounts.models import IdentityProvider
from tests.accounts.factories import IdentityProviderFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_command_adds_a_provider_that_the_login_page_offers(client, capsys) -> None:
    organisation = OrganisationFactory.create(name="Målselv kommune")

    call_command(
        "add_identity_provider",
        "malselv",
        organisation="Målselv kommune",
        issuer="https://login.microsoftonline.com/tenant-id/v2.0",
        client_id="abc",
        client_secret_env="SAMSPILL_OIDC_MALSELV",
        allowed_domains="malselv.kommune.no",
        trust_unverified_email=True,
    )

    provider = IdentityProvider.objects.get(slug="malselv")
    assert provider.organisation == organisation
    assert not provider.require_verified_email
    assert provider.unknown_users == IdentityProvider.UnknownUsers.REFUSE
    assert "/konto/sso/callback/" in capsys.readouterr().out
    assert "Logg inn med Målselv kommune" in client.get(reverse("accounts:login")).text


def test_the_command_refuses_a_secret_name_that_is_not_an_environment_variable() -> None:
    OrganisationFactory.create(name="Bardu kommune")

    with pytest.raises(CommandError, match="Nothing was saved"):
        call_command(
            "add_identity_provider",
            "bardu",
            organisation="Bardu kommune",
            issuer="https://idporten.no",
            client_id="abc",
            client_secret_env="the secret itself",
        )


def test_the_admin_lists_identity_providers(admin_client) -> None:
    IdentityProviderFactory.create(slug="bardu")

    response = admin_client.get(reverse("admin:accounts_identityprovider_changelist"))

    assert response.status_code == 200
    assert "bardu" in response.text


def test_an_unknown_or_inactive_provider_sends_the_visitor_back_to_the_login(client) -> None:
    IdentityProviderFactory.create(slug="gammel", is_active=False)

    response = client.get(reverse("accounts:sso-start", args=["gammel"]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("accounts:login")
    assert "finnes ikke" in response.text
