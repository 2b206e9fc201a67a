"""System checks: wrong settings stop `samspill check`; an insecure deployment fails --deploy."""

from typing import Any

from django.core.checks import run_checks

from samspill.core.checks import CSP_MIDDLEWARE


def _ids(*, deploy: bool = False) -> set[str]:
    return {message.id for message in run_checks(include_deployment_checks=deploy) if message.id}


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
