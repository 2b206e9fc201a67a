"""`samspill add_identity_provider SLUG --organisation ... --issuer ... --client-id ...`."""

import os
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from samspill.accounts.models import IdentityProvider
from samspill.accounts.selectors import organisation_find
from samspill.accounts.services import identity_provider_create


class Command(BaseCommand):
    help = (
        "Register an OpenID Connect provider (Entra ID, ID-porten, Ansattporten, ...) that an "
        "organisation's staff log in with. The client secret is read from the environment "
        "variable named by --client-secret-env; it is never stored."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="Short name in the login URL, e.g. 'bardu'.")
        parser.add_argument("--organisation", required=True, help="Name or organisation number.")
        parser.add_argument("--issuer", required=True, help="Issuer URL (discovery is below it).")
        parser.add_argument("--client-id", required=True)
        parser.add_argument("--client-secret-env", default="", help="e.g. SAMSPILL_OIDC_BARDU")
        parser.add_argument("--basic-auth", action="store_true", help="client_secret_basic.")
        parser.add_argument("--scopes", default="openid email profile")
        parser.add_argument("--subject-claim", default="sub")
        parser.add_argument("--email-claim", default="email")
        parser.add_argument("--allowed-domains", default="", help="Comma-separated.")
        parser.add_argument("--no-email-match", action="store_true")
        parser.add_argument(
            "--trust-unverified-email",
            action="store_true",
            help="Match by e-mail without email_verified (Entra ID sends none).",
        )
        parser.add_argument(
            "--create-unknown-users",
            action="store_true",
            help="Create unknown people without roles instead of refusing them.",
        )
        parser.add_argument(
            "--acr-values", default="", help="Required security levels, space-separated."
        )
        parser.add_argument("--name", default="", help="Button text; default the organisation.")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = organisation_find(key=options["organisation"])
        if organisation is None:
            raise CommandError(f"No organisation named {options['organisation']!r}.")
        try:
            provider = identity_provider_create(
                actor=None,
                organisation=organisation,
                slug=options["slug"],
                name=options["name"],
                issuer=options["issuer"],
                client_id=options["client_id"],
                client_secret_env=options["client_secret_env"],
                token_auth_method=(
                    IdentityProvider.TokenAuth.BASIC
                    if options["basic_auth"]
                    else IdentityProvider.TokenAuth.POST
                ),
                scopes=options["scopes"],
                acr_values=options["acr_values"],
                subject_claim=options["subject_claim"],
                email_claim=options["email_claim"],
                match_by_email=not options["no_email_match"],
                require_verified_email=not options["trust_unverified_email"],
                allowed_email_domains=options["allowed_domains"],
                unknown_users=(
                    IdentityProvider.UnknownUsers.CREATE
                    if options["create_unknown_users"]
                    else IdentityProvider.UnknownUsers.REFUSE
                ),
            )
        except ValidationError as error:
            raise CommandError(f"Nothing was saved. {'; '.join(error.messages)}") from error
        self.stdout.write(self.style.SUCCESS(f"Added {provider.slug}: {provider.label}."))
        self.stdout.write(
            f"Register this redirect URI at the provider: https://<your host>"
            f"{reverse('accounts:sso-callback')}"
        )
        if provider.client_secret_env and not os.environ.get(provider.client_secret_env):
            self.stdout.write(
                self.style.WARNING(f"Set {provider.client_secret_env} before staff log in.")
            )
