"""Mail settings from the environment, as Django's MAILERS setting (one "default" mailer)."""

from typing import Any

from samspill.config.env import env_bool, env_int, env_str

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE_BACKEND = "django.core.mail.backends.console.EmailBackend"


def mailers_from_environment(*, debug: bool) -> dict[str, dict[str, Any]]:
    """Return MAILERS for EMAIL_BACKEND (console in DEBUG, SMTP otherwise) and the EMAIL_* variables.

    SMTP: EMAIL_HOST (required, no default: a forgotten host must fail the deploy check, not
    silently talk to localhost), EMAIL_PORT (25, 465 with SSL, 587 with TLS), EMAIL_HOST_USER,
    EMAIL_HOST_PASSWORD, EMAIL_USE_TLS (STARTTLS), EMAIL_USE_SSL (implicit TLS), EMAIL_TIMEOUT
    (seconds, default 10, so a dead server cannot hang a request).
    """
    backend = env_str("EMAIL_BACKEND", CONSOLE_BACKEND if debug else SMTP_BACKEND)
    options: dict[str, Any] = {}
    if backend == SMTP_BACKEND:
        port = env_str("EMAIL_PORT", "")
        options = {
            "host": env_str("EMAIL_HOST", "") or None,
            "port": env_int("EMAIL_PORT", default=0) if port else None,
            "username": env_str("EMAIL_HOST_USER", ""),
            "password": env_str("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", default=False),
            "use_ssl": env_bool("EMAIL_USE_SSL", default=False),
            "timeout": env_int("EMAIL_TIMEOUT", default=10),
        }
    return {"default": {"BACKEND": backend, "OPTIONS": options}}
