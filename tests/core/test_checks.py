"""System checks: wrong settings stop `samspill check`; an insecure deployment fails --deploy."""

from typing import Any

from django.core.checks import registry

from samspill.core.checks import CSP_MIDDLEWARE, check_limits, check_security_headers


def _ids(*, deploy: bool = False) -> set[str]:
    """Our checks' findings (run directly: Django's model checks would need the database)."""
    messages = check_limits(None) + (check_security_headers(None) if deploy else [])
    return {message.id for message in messages if message.id}


def test_the_checks_are_registered_and_only_the_header_check_is_for_deployments() -> None:
    assert check_limits in registry.registry.get_checks(include_deployment_checks=False)
    assert check_security_headers not in registry.registry.get_checks()
    assert check_security_headers in registry.registry.get_checks(include_deployment_checks=True)


def test_the_settings_as_shipped_pass() -> None:
    assert not {"samspill.E001", "samspill.E002", "samspill.E003"} & _ids()


def test_a_negative_retention_period_is_an_error(settings: Any) -> None:
    settings.INQUIRY_RETENTION_DAYS = -30

    assert "samspill.E001" in _ids()


def test_idle_minutes_and_proxies_must_make_sense(settings: Any) -> None:
    settings.SESSION_IDLE_MINUTES = 0
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "load-balancer"]

    assert {"samspill.E002", "samspill.E003"} <= _ids()


def test_deploy_check_fails_without_csp_or_hsts(settings: Any) -> None:
    settings.SECURE_HSTS_SECONDS = 31_536_000
    assert "samspill.E010" not in _ids(deploy=True)
    assert "samspill.E011" not in _ids(deploy=True)

    settings.SECURE_HSTS_SECONDS = 0
    settings.SECURE_CSP = {}
    assert {"samspill.E010", "samspill.E011"} <= _ids(deploy=True)

    settings.SECURE_CSP = {"default-src": ["'self'"]}
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != CSP_MIDDLEWARE]
    assert "samspill.E010" in _ids(deploy=True)
