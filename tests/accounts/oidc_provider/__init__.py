"""A real OpenID Connect provider (django-oauth-toolkit) that the SSO tests run in its own process."""
