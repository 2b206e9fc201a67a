"""What collaboration plugs into Min side (registered in `CollaborationConfig.ready()`): the open
milestones and the undecided decision points of the projects the user has a role in, earliest
first. Only projects the user may open (their role makes the project visible to them)."""

import datetime
from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from samspill.accounts.models import User
from samspill.collaboration.models import DecisionPoint, Milestone
from samspill.notifications.registry import StartItem, register_waiting

HORIZON_DAYS = 120  # what lies further ahead than this is not "waiting" yet


def plan_items(user: User, today: datetime.date) -> Iterable[StartItem]:
    """Milestones not reached and decision points not decided, up to four months ahead."""
    until = today + datetime.timedelta(days=HORIZON_DAYS)
    milestones = (
        Milestone.objects.filter(
            project__roles__user=user, reached_on__isnull=True, date__lte=until
        )
        .select_related("project")
        .distinct()
        .order_by("date")[:20]
    )
    points = (
        DecisionPoint.objects.filter(
            project__roles__user=user, decided_on__isnull=True, date__lte=until
        )
        .select_related("project")
        .distinct()
        .order_by("date")[:20]
    )
    for milestone in milestones:
        yield StartItem(
            kind=_("milepæl"),
            title=f"{milestone.number} {milestone.marker}",
            url=milestone.project.get_absolute_url(),
            due=milestone.date,
            detail=milestone.project.title,
        )
    for point in points:
        yield StartItem(
            kind=_("beslutningspunkt"),
            title=f"BP {point.number}: {point.topic}",
            url=point.get_absolute_url(),
            due=point.date,
            detail=point.project.title,
        )


def register() -> None:
    register_waiting(plan_items)
