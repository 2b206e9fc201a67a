"""Django system checks for a deployment (`samspill check --deploy`)."""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.core.checks import CheckMessage, Error, Tags, register

from samspill.core.mail import mail_problems


@register(Tags.mail, deploy=True)
def check_mail_can_be_sent(
    *, app_configs: Sequence[AppConfig] | None, databases: Sequence[str] | None, **kwargs: Any
) -> list[CheckMessage]:
    """Password reset and notifications need working mail: fail the deploy check when they cannot."""
    return [
        Error(
            problem,
            hint="Set the EMAIL_* variables and DEFAULT_FROM_EMAIL (see .env.example).",
            id="samspill.E001",
        )
        for problem in mail_problems()
    ]
