"""Writes for accounts: identity providers and single sign-on (who an external login is)."""

import hashlib
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samspill.accounts.models import ExternalIdentity, IdentityProvider, Organisation, User
from samspill.audit.services import audit_record


class SsoError(Exception):
    """A single sign-on that must not log anyone in; `reason` is a stable code for the audit log."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@transaction.atomic
def identity_provider_create(
    *,
    actor: User | None,
    organisation: Organisation,
    slug: str,
    issuer: str,
    client_id: str,
    client_secret_env: str = "",
    token_auth_method: str = IdentityProvider.TokenAuth.POST,
    scopes: str = "openid email profile",
    subject_claim: str = "sub",
    email_claim: str = "email",
    match_by_email: bool = True,
    require_verified_email: bool = True,
    allowed_email_domains: str = "",
    unknown_users: str = IdentityProvider.UnknownUsers.REFUSE,
    acr_values: str = "",
    name: str = "",
) -> IdentityProvider:
    """Register an OpenID Connect provider for an organisation's staff."""
    provider = IdentityProvider(
        organisation=organisation,
        slug=slug,
        name=name,
        issuer=issuer,
        client_id=client_id,
        client_secret_env=client_secret_env,
        token_auth_method=token_auth_method,
        scopes=scopes,
        subject_claim=subject_claim,
        email_claim=email_claim,
        match_by_email=match_by_email,
        require_verified_email=require_verified_email,
        allowed_email_domains=allowed_email_domains,
        unknown_users=unknown_users,
        acr_values=acr_values,
    )
    provider.full_clean()
    provider.save()
    audit_record(
        actor=actor,
        subject=provider,
        action="create",
        changes={"issuer": [None, issuer], "client_id": [None, client_id]},
    )
    return provider


@transaction.atomic
def sso_user_resolve(*, provider: IdentityProvider, claims: Mapping[str, Any]) -> User:
    """The Samspill user behind verified id_token claims: linked, matched by e-mail, or created.

    Raises SsoError when the rules of the provider refuse the login. Roles are never given here;
    a coordinator gives them in Samspill.
    """
    subject = str(claims.get(provider.subject_claim) or "")
    if not subject:
        raise SsoError("missing_subject", _("Innloggingstjenesten sendte ikke hvem du er."))
    if provider.accepted_acr_values and claims.get("acr") not in provider.accepted_acr_values:
        raise SsoError("acr", _("Innloggingen hadde for lavt sikkerhetsnivå for Samspill."))
    email = str(claims.get(provider.email_claim) or "").strip()
    if provider.email_domains and not (email and provider.allows_email(email)):
        raise SsoError(
            "email_domain",
            _("E-postadressen din gir ikke tilgang gjennom %(provider)s.")
            % {"provider": provider.label},
        )
    verified = _email_verified(provider=provider, claims=claims)
    identity = (
        ExternalIdentity.objects.select_related("user")
        .filter(issuer=provider.issuer, subject=subject)
        .first()
    )
    how = "linked"
    if identity is None:
        user, how = _user_for_new_identity(
            provider=provider, claims=claims, email=email if verified else ""
        )
        identity = ExternalIdentity(user=user, issuer=provider.issuer, subject=subject)
    user = identity.user
    if not user.is_active:
        raise SsoError("inactive", _("Kontoen din er deaktivert."))
    identity.last_login_at = timezone.now()
    # The unique (issuer, subject) is left to the database: a concurrent first login loses there.
    identity.full_clean(validate_constraints=False)
    identity.save()
    audit_record(
        actor=user,
        subject=user,
        action="sso_login",
        changes={"provider": provider.slug, "issuer": provider.issuer, "how": how},
    )
    return user


def sso_failure_record(*, provider: IdentityProvider, reason: str) -> None:
    """Audit a refused single sign-on (outside the refused login's rolled-back transaction)."""
    audit_record(actor=None, subject=provider, action="sso_refused", changes={"reason": reason})


def _email_verified(*, provider: IdentityProvider, claims: Mapping[str, Any]) -> bool:
    if not provider.require_verified_email:
        return True
    # Some providers send the boolean as a string.
    return claims.get("email_verified") in (True, "true")


def _user_for_new_identity(
    *, provider: IdentityProvider, claims: Mapping[str, Any], email: str
) -> tuple[User, str]:
    """First login with this identity: an existing user with the verified e-mail, or a new one."""
    if provider.match_by_email and email:
        matches = list(User.objects.filter(email__iexact=email)[:2])
        if len(matches) > 1:
            raise SsoError("ambiguous_email", _("Flere brukere har denne e-postadressen."))
        if matches:
            user = matches[0]
            if user.is_superuser:
                # A municipality's provider must never take over a site administrator.
                raise SsoError("superuser", _("Administratorkontoer kobles ikke automatisk."))
            if user.organisation_id not in (None, provider.organisation_id):
                raise SsoError("other_organisation", _("Brukeren tilhører en annen organisasjon."))
            return user, "matched_email"
    if provider.unknown_users != IdentityProvider.UnknownUsers.CREATE:
        raise SsoError(
            "unknown_user",
            _("Du har ingen bruker i Samspill. Be en koordinator om å opprette den."),
        )
    user = User(
        username=_free_username(email or f"{provider.slug}-{subject_digest(claims, provider)}"),
        email=email,
        first_name=str(claims.get("given_name") or "")[:150],
        last_name=str(claims.get("family_name") or "")[:150],
        organisation=provider.organisation,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    audit_record(actor=None, subject=user, action="create", changes={"via": provider.slug})
    return user, "created"


def subject_digest(claims: Mapping[str, Any], provider: IdentityProvider) -> str:
    """A short, stable, non-identifying name part for users whose provider sends no e-mail."""
    subject = str(claims.get(provider.subject_claim) or "")
    return hashlib.sha256(f"{provider.issuer}|{subject}".encode()).hexdigest()[:12]


def _free_username(wanted: str) -> str:
    base = (wanted.lower() if "@" in wanted else slugify(wanted))[:140]
    candidate, number = base, 1
    while User.objects.filter(username=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate
