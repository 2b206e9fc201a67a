"""What challenges plug into Min side (registered in `ChallengesConfig.ready()`): answer deadlines
of open challenges the user owns (their municipality is an owner) or follows, earliest first."""

import datetime
from collections.abc import Iterable

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.challenges.models import Challenge, Stage
from samspill.notifications.registry import StartItem, register_waiting


def answer_deadlines(user: User, today: datetime.date) -> Iterable[StartItem]:
    """Challenges open for answers whose deadline has not passed, owned or followed by the user."""
    access = access_for(user=user)
    managed = access.developed_municipality_ids | access.coordinated_municipality_ids
    rows = (
        Challenge.objects.filter(
            Q(owners__municipality_id__in=managed) | Q(follows__user=user),
            stage=Stage.ANSWERS,
            answer_deadline__gte=timezone.now(),
        )
        .distinct()
        .order_by("answer_deadline")[:20]
    )
    for challenge in rows:
        deadline = challenge.answer_deadline
        yield StartItem(
            kind=_("svarfrist"),
            title=challenge.title,
            url=challenge.get_absolute_url(),
            due=timezone.localtime(deadline).date() if deadline else None,
        )


def register() -> None:
    register_waiting(answer_deadlines)
