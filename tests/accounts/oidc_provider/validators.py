"""The test provider's claims: e-mail and name, like Entra ID or Ansattporten would send."""

from datetime import datetime
from typing import Any

from oauth2_provider.oauth2_validators import OAuth2Validator

# Application names the tests use to make the provider misbehave on purpose.
WRONG_AUDIENCE = "wrong-audience"


class TestProviderValidator(OAuth2Validator):  # type: ignore[misc]  # untyped library
    """Standard django-oauth-toolkit, plus the claims Samspill matches users by."""

    oidc_claim_scope = None  # every claim in every id_token: the scopes are the client's choice

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        user = request.user
        return {
            "email": user.email,
            # The provider has verified an address unless its user is named unverified-*.
            "email_verified": not user.username.startswith("unverified"),
            "given_name": user.first_name,
            "family_name": user.last_name,
            "acr": "idporten-loa-substantial",  # as ID-porten and Ansattporten name levels
        }

    def get_id_token_dictionary(
        self, token: Any, token_handler: Any, request: Any
    ) -> tuple[dict[str, Any], datetime]:
        claims, expiration = super().get_id_token_dictionary(token, token_handler, request)
        if request.client.name == WRONG_AUDIENCE:
            claims["aud"] = "someone-else"
        return claims, expiration
