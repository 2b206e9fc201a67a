"""Shared by every family of challenge writes: the audit action alias, the stage and deadline
errors, the clock, permission and row-lock helpers and absolute links for mails."""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.audit.models import AuditEntry
from samspill.challenges.models import Challenge
from samspill.challenges.selectors import can_manage
from samspill.core.exceptions import ConflictError, PermissionDeniedError

A = AuditEntry.Action


class StageError(ConflictError):
    """The challenge is not in a stage that allows this (409 in the API, a message on the page)."""


class DeadlinePassedError(ConflictError):
    """The answer deadline has passed: nothing can be changed."""

    def __init__(self) -> None:
        super().__init__(_("Svarfristen er ute. Svaret kan ikke lenger endres eller trekkes."))


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


def _require_manager(actor: User, challenge: Challenge) -> None:
    if not can_manage(access=access_for(user=actor), challenge=challenge):
        raise PermissionDeniedError(_("Bare eierkommunenes folk kan gjøre dette."))


def _locked(challenge: Challenge) -> Challenge:
    return Challenge.objects.select_for_update().get(pk=challenge.pk)


def _require_stage(challenge: Challenge, *stages: str) -> None:
    if challenge.stage not in stages:
        raise StageError(
            _("Dette kan ikke gjøres i fasen «%(stage)s».")
            % {"stage": challenge.get_stage_display()}
        )


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"
