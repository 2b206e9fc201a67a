"""What strategy plugs into the notifications app (registered in `StrategyConfig.ready()`):
measures can be followed (the same visibility as the measure page), a status change is an event,
and the start page lists the open measures the user owns (reports on), earliest deadline first."""

import datetime
from collections.abc import Sequence

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samspill.accounts.models import User
from samspill.notifications.registry import (
    StartItem,
    register_kind,
    register_verb,
    register_waiting,
)
from samspill.strategy.models import Measure
from samspill.strategy.selectors import measure_list_for, measure_readers

STATUS_CHANGED = "measure_status"


def visible_measures(user: User) -> QuerySet[Measure]:
    return measure_list_for(user=user)


def measure_readers_of(pk: int, users: Sequence[User]) -> set[int]:
    return measure_readers(measure_id=pk, users=users)


def measures_to_report(user: User, today: datetime.date) -> list[StartItem]:
    """Open measures (planned or ongoing) the user is responsible for."""
    measures = visible_measures(user).filter(
        owner=user, status__in=[Measure.Status.PLANNED, Measure.Status.ONGOING]
    )
    return [
        StartItem(
            kind=_("tiltak å rapportere på"),
            title=measure.title,
            url=measure.get_absolute_url(),
            due=measure.deadline,
            detail=measure.action_plan.municipality.name,
        )
        for measure in measures
    ]


def register() -> None:
    register_kind(
        Measure,
        visible=visible_measures,
        readers=measure_readers_of,
        noun=_("tiltak"),
        region_field="action_plan__strategy__region",
    )
    register_verb(STATUS_CHANGED, _("endret status på"))
    register_waiting(measures_to_report)
