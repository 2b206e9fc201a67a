"""OpenID Connect relying party for per-organisation providers, built on mozilla-django-oidc.

mozilla-django-oidc reads one provider from settings. Here its backend reads the provider chosen
for the request instead (`get_settings` is its extension point), so the library still does the
code exchange, JWKS lookup, nonce check and PKCE; we add issuer and audience checks, discovery, and
the Samspill rules for who the person is (services.sso_user_resolve). See docs/decisions.md.
"""

import hashlib
import os
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.db import IntegrityError
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import get_random_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import (
    add_state_and_verifier_and_nonce_to_session,
    generate_code_challenge,
    import_from_settings,
)

from samspill.accounts.models import IdentityProvider, User
from samspill.accounts.services import SsoError, sso_user_resolve

CALLBACK_URL_NAME = "accounts:sso-callback"
SIGNING_ALGORITHM = "RS256"
HTTP_TIMEOUT_SECONDS = 10
METADATA_CACHE_SECONDS = 3600
SESSION_STATES = "oidc_states"  # the key mozilla-django-oidc keeps state -> nonce, verifier in


@dataclass(frozen=True)
class ProviderMetadata:
    """The endpoints a provider publishes at its discovery URL."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str


@dataclass(frozen=True)
class PendingLogin:
    """What the login start left in the session for the callback, found by `state`."""

    provider_id: int
    nonce: str
    code_verifier: str
    next_url: str


def provider_metadata(provider: IdentityProvider) -> ProviderMetadata:
    """The provider's endpoints from OpenID Connect Discovery, cached for an hour."""
    key = "oidc-metadata:" + hashlib.sha256(provider.discovery_url.encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return ProviderMetadata(**cached)
    try:
        response = requests.get(provider.discovery_url, timeout=HTTP_TIMEOUT_SECONDS)
        response.raise_for_status()
        document = response.json()
        metadata = ProviderMetadata(
            issuer=str(document["issuer"]),
            authorization_endpoint=str(document["authorization_endpoint"]),
            token_endpoint=str(document["token_endpoint"]),
            jwks_uri=str(document["jwks_uri"]),
        )
    except (requests.RequestException, ValueError, KeyError) as error:
        raise SsoError("discovery", _("Innloggingstjenesten svarer ikke.")) from error
    # OpenID Connect Discovery 1.0 §4.3: the document must name the issuer it was fetched for.
    if metadata.issuer.rstrip("/") != provider.issuer.rstrip("/"):
        raise SsoError("discovery_issuer", _("Innloggingstjenesten er feil satt opp."))
    cache.set(key, asdict(metadata), METADATA_CACHE_SECONDS)
    return metadata


def callback_url(request: HttpRequest) -> str:
    """The one redirect URI registered at every provider (in the default language: no prefix)."""
    with translation.override(settings.LANGUAGE_CODE):
        return request.build_absolute_uri(reverse(CALLBACK_URL_NAME))


def authorization_url(request: HttpRequest, *, provider: IdentityProvider, next_url: str) -> str:
    """Start the authorization code flow with PKCE: remember state, nonce and verifier."""
    metadata = provider_metadata(provider)
    state = get_random_string(32)
    code_verifier = get_random_string(64)
    params = {
        "response_type": "code",
        "scope": provider.scopes,
        "client_id": provider.client_id,
        "redirect_uri": callback_url(request),
        "state": state,
        "nonce": get_random_string(32),
        "code_challenge": generate_code_challenge(code_verifier, "S256"),
        "code_challenge_method": "S256",
    }
    if provider.acr_values:
        params["acr_values"] = provider.acr_values
    add_state_and_verifier_and_nonce_to_session(request, state, params, code_verifier)
    safe_next = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    request.session[SESSION_STATES][state].update(
        provider_id=provider.pk, next_url=next_url if safe_next else ""
    )
    request.session.modified = True
    return f"{metadata.authorization_endpoint}?{urlencode(params)}"


def pending_login_pop(request: HttpRequest, *, state: str) -> PendingLogin | None:
    """Take the pending login for `state` out of the session: a state is good for one callback."""
    states = request.session.get(SESSION_STATES)
    if not isinstance(states, dict) or not state or state not in states:
        return None
    entry = states.pop(state)
    request.session.modified = True
    return PendingLogin(
        provider_id=int(entry["provider_id"]),
        nonce=str(entry["nonce"]),
        code_verifier=str(entry["code_verifier"]),
        next_url=str(entry.get("next_url") or ""),
    )


def sso_authenticate(
    request: HttpRequest, *, provider: IdentityProvider, pending: PendingLogin
) -> User:
    """Exchange the callback's code, validate the id_token and return the Samspill user."""
    try:
        backend = ProviderBackend(provider=provider, metadata=provider_metadata(provider))
        with translation.override(settings.LANGUAGE_CODE):
            user = backend.authenticate(
                request, nonce=pending.nonce, code_verifier=pending.code_verifier
            )
    except SuspiciousOperation as error:
        raise SsoError("id_token", _("Svaret fra innloggingstjenesten er ikke gyldig.")) from error
    except requests.RequestException as error:
        raise SsoError("token_endpoint", _("Innloggingstjenesten avviste innloggingen.")) from error
    except IntegrityError as error:  # the same person's first login in two tabs at once
        raise SsoError(
            "concurrent_first_login", _("Innloggingen kolliderte. Prøv igjen.")
        ) from error
    if not isinstance(user, User):
        raise SsoError("no_code", _("Innloggingstjenesten avviste innloggingen."))
    return user


class ProviderBackend(OIDCAuthenticationBackend):  # type: ignore[misc]  # untyped library
    """mozilla-django-oidc's backend, configured by one IdentityProvider instead of settings.

    Not listed in AUTHENTICATION_BACKENDS: the callback view calls it with the provider it
    found by `state`, and logs the user in with ModelBackend.
    """

    def __init__(self, *, provider: IdentityProvider, metadata: ProviderMetadata) -> None:
        self.provider = provider
        self.metadata = metadata
        super().__init__()

    def get_settings(self, attr: str, *args: Any) -> Any:
        """Per-provider values where the library would read settings.OIDC_*."""
        per_provider = {
            "OIDC_OP_TOKEN_ENDPOINT": self.metadata.token_endpoint,
            "OIDC_OP_USER_ENDPOINT": "",
            "OIDC_OP_JWKS_ENDPOINT": self.metadata.jwks_uri,
            "OIDC_RP_CLIENT_ID": self.provider.client_id,
            "OIDC_RP_CLIENT_SECRET": client_secret(self.provider),
            "OIDC_RP_SIGN_ALGO": SIGNING_ALGORITHM,
            "OIDC_RP_IDP_SIGN_KEY": None,
            "OIDC_RP_SCOPES": self.provider.scopes,
            "OIDC_AUTHENTICATION_CALLBACK_URL": CALLBACK_URL_NAME,
            "OIDC_TOKEN_USE_BASIC_AUTH": (
                self.provider.token_auth_method == IdentityProvider.TokenAuth.BASIC
            ),
            "OIDC_USE_NONCE": True,
            "OIDC_ALLOW_UNSECURED_JWT": False,
            "OIDC_VERIFY_SSL": True,
            "OIDC_TIMEOUT": HTTP_TIMEOUT_SECONDS,
            "OIDC_STORE_ACCESS_TOKEN": False,
            "OIDC_STORE_ID_TOKEN": False,
        }
        if attr in per_provider:
            return per_provider[attr]
        return import_from_settings(attr, *args)

    def _verify_jws(self, payload: str, key: Any) -> dict[str, Any]:
        """Signature by the provider's key, and issued by this provider for this client."""
        try:
            claims: dict[str, Any] = jwt.decode(
                payload,
                key,
                algorithms=[SIGNING_ALGORITHM],
                audience=self.provider.client_id,
                issuer=self.metadata.issuer,
                options={"require": ["iss", "aud", "sub", "exp", "iat"]},
            )
        except jwt.PyJWTError as error:
            raise SuspiciousOperation(f"id_token rejected: {error}") from error
        return claims

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        """The id_token's own claims: signed and bound to this client, unlike userinfo."""
        return payload

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> User:
        """Samspill's rules decide who this is (SsoError propagates with its reason)."""
        return sso_user_resolve(provider=self.provider, claims=payload)


def client_secret(provider: IdentityProvider) -> str:
    """The client secret from the environment variable the provider names (never the DB)."""
    if not provider.client_secret_env:
        return ""
    secret = os.environ.get(provider.client_secret_env, "")
    if not secret:
        raise SsoError("no_secret", _("Innloggingstjenesten er ikke ferdig satt opp."))
    return secret
