"""System checks for settings a wrong value of which would quietly weaken Samspill.

`samspill check` runs the plain ones; `samspill check --deploy` (CI) also the deploy-tagged ones.
"""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from samspill.core.clientip import parse_trusted_proxies

CSP_MIDDLEWARE = "django.middleware.csp.ContentSecurityPolicyMiddleware"


@register()
def check_limits(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    """Retention, idle time and trusted proxies must make sense before anything starts."""
    errors: list[CheckMessage] = []
    retention = getattr(settings, "INQUIRY_RETENTION_DAYS", 0)
    if not isinstance(retention, int) or retention < 0:
        errors.append(
            Error(
                f"INQUIRY_RETENTION_DAYS must be 0 or more days, not {retention!r}.",
                hint="A negative period would erase every closed inquiry at once.",
                id="samspill.E001",
            )
        )
    idle = getattr(settings, "SESSION_IDLE_MINUTES", 1)
    if not isinstance(idle, int) or idle <= 0:
        errors.append(
            Error(f"SESSION_IDLE_MINUTES must be 1 or more, not {idle!r}.", id="samspill.E002")
        )
    try:
        parse_trusted_proxies(tuple(getattr(settings, "TRUSTED_PROXIES", [])))
    except ValueError as error:
        errors.append(
            Error(
                str(error),
                hint="List addresses or networks, comma-separated: 127.0.0.1,10.0.0.0/24",
                id="samspill.E003",
            )
        )
    return errors


@register(Tags.security, deploy=True)
def check_security_headers(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[CheckMessage]:
    """A deployment without a Content-Security-Policy or HSTS fails `check --deploy`."""
    errors: list[CheckMessage] = []
    if CSP_MIDDLEWARE not in settings.MIDDLEWARE or not getattr(settings, "SECURE_CSP", None):
        errors.append(
            Error(
                "No Content-Security-Policy: SECURE_CSP is empty or its middleware is missing.",
                hint=f"Keep {CSP_MIDDLEWARE} in MIDDLEWARE and SECURE_CSP as in settings.py.",
                id="samspill.E010",
            )
        )
    if not getattr(settings, "SECURE_HSTS_SECONDS", 0):
        errors.append(
            Error(
                "HSTS is off: set SECURE_HSTS_SECONDS (e.g. 31536000) in the environment.",
                hint="Browsers then refuse plain HTTP to this site, so cookies cannot leak.",
                id="samspill.E011",
            )
        )
    return errors
