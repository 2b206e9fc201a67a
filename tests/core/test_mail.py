"""Mail settings from the environment, the deploy check, and `mail_send` against a real server."""

import os
import subprocess
import sys

import pytest
from django.core.mail import EmailMessage

from samspill.config.mail import SMTP_BACKEND, mailers_from_environment
from samspill.core.checks import check_mail_can_be_sent
from samspill.core.mail import MailNotSentError, mail_problems, mail_send
from tests.conftest import REPO_DIR, SmtpServer, free_port

MAIL_ENV = {
    "EMAIL_HOST": "smtp.kommune.example",
    "EMAIL_PORT": "587",
    "EMAIL_HOST_USER": "samspill",
    "EMAIL_HOST_PASSWORD": "hemmelig",
    "EMAIL_USE_TLS": "1",
    "EMAIL_TIMEOUT": "7",
}


def test_every_mail_setting_comes_from_the_environment(monkeypatch) -> None:
    for name, value in MAIL_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("EMAIL_BACKEND", raising=False)

    mailers = mailers_from_environment(debug=False)

    assert mailers["default"]["BACKEND"] == SMTP_BACKEND
    assert mailers["default"]["OPTIONS"] == {
        "host": "smtp.kommune.example",
        "port": 587,
        "username": "samspill",
        "password": "hemmelig",
        "use_tls": True,
        "use_ssl": False,
        "timeout": 7,
    }


def test_without_a_host_the_smtp_mailer_has_none(monkeypatch) -> None:
    for name in ("EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT"):
        monkeypatch.delenv(name, raising=False)

    options = mailers_from_environment(debug=False)["default"]["OPTIONS"]

    assert options["host"] is None
    assert options["port"] is None  # the backend picks 25, 465 (SSL) or 587 (TLS)


def _smtp(**options) -> dict:
    return {"default": {"BACKEND": SMTP_BACKEND, "OPTIONS": options}}


@pytest.mark.parametrize(
    ("mailers", "debug", "sender", "problem"),
    [
        (_smtp(), False, "samspill@kommune.example", "EMAIL_HOST is not set"),
        (
            {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}},
            False,
            "samspill@kommune.example",
            "mail never leaves this machine",
        ),
        (
            {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}},
            False,
            "samspill@kommune.example",
            "mail never leaves this machine",
        ),
        (
            _smtp(host="smtp.kommune.example", use_tls=True, use_ssl=True),
            False,
            "samspill@kommune.example",
            "both on",
        ),
        (_smtp(host="smtp.kommune.example"), False, "", "DEFAULT_FROM_EMAIL"),
        (_smtp(host="smtp.kommune.example"), False, "samspill@localhost", "DEFAULT_FROM_EMAIL"),
    ],
)
def test_the_deploy_check_fails_when_mail_cannot_work(
    settings, mailers, debug, sender, problem
) -> None:
    settings.MAILERS = mailers
    settings.DEBUG = debug
    settings.DEFAULT_FROM_EMAIL = sender

    errors = check_mail_can_be_sent(app_configs=None, databases=None)

    assert [error.id for error in errors] == ["samspill.E020"]
    assert problem in errors[0].msg


def test_the_deploy_check_passes_with_working_mail_settings(settings) -> None:
    settings.MAILERS = _smtp(host="smtp.kommune.example", use_tls=True)
    settings.DEBUG = False
    settings.DEFAULT_FROM_EMAIL = "Samspill <samspill@kommune.example>"

    assert mail_problems() == []


def test_console_mail_is_fine_in_development(settings) -> None:
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    settings.DEBUG = True
    settings.DEFAULT_FROM_EMAIL = "samspill@kommune.example"

    assert mail_problems() == []


def _deploy_check(extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`samspill check --deploy` as .ci/run calls it, with or without the mail settings."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("EMAIL_") and name != "DEFAULT_FROM_EMAIL"
    }
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": "deploy-check-test-" + "k" * 50,
            "ALLOWED_HOSTS": "samspill.example",
            "SECURE_SSL_REDIRECT": "1",
            "SECURE_HSTS_SECONDS": "31536000",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
            "SECURE_HSTS_PRELOAD": "1",
            **extra,
        }
    )
    return subprocess.run(
        [sys.executable, "-m", "samspill", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=REPO_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_ci_deploy_check_fails_without_mail_settings_and_passes_with_them() -> None:
    without = _deploy_check({})
    assert without.returncode != 0
    assert "samspill.E020" in without.stderr + without.stdout
    assert "EMAIL_HOST is not set" in without.stderr + without.stdout

    with_mail = _deploy_check({**MAIL_ENV, "DEFAULT_FROM_EMAIL": "samspill@samspill.example"})
    assert "samspill.E020" not in with_mail.stderr + with_mail.stdout


def test_mail_send_delivers_through_a_real_smtp_server(smtp_server: SmtpServer) -> None:
    mail_send(message=EmailMessage("Varsel", "Ny henvendelse.", None, ["ola@kommune.example"]))

    [message] = smtp_server.messages
    assert message["Subject"] == "Varsel"
    assert message.get_content().strip() == "Ny henvendelse."


def test_mail_send_raises_when_the_server_cannot_be_reached(settings, caplog) -> None:
    settings.MAILERS = _smtp(host="127.0.0.1", port=free_port(), timeout=5)

    with pytest.raises(MailNotSentError):
        mail_send(message=EmailMessage("Varsel", "Tekst", "a@kommune.example", ["b@example.no"]))

    assert "not sent" in caplog.text
