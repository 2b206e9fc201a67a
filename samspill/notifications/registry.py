"""What other apps plug into: followable kinds, event wording and the start page's sections.

An app registers in its `AppConfig.ready()` (see `knowledge/notify.py`, `strategy/notify.py`,
`inquiries/notify.py`):

- `register_kind(Model, visible=…, region_field=…)`: objects of this model can be followed and
  notified about. `visible(user)` returns the objects the user may open — the owning app's own
  selector, so a notification never reveals what the app would answer 404 for. `region_field`
  is the lookup to the object's region (for "changed in my regions"). A model that is not
  registered is never shown to anyone (fail closed).
  `readers(pk, users)` is the same rule the other way round, for a notification's fan-out: the
  ids of those among `users` who may open object `pk`, in a fixed number of queries however many
  users (the per-user `visible` stays the reference: tests check the two agree for every role).
  A kind without it is checked with `visible` person by person (correct, slower).
- `register_verb(code, label)`: how an event is worded ("la ut en ny versjon av").
- `register_waiting(provider)`: `provider(user, today)` lists what waits for the user (measures to
  report on, inquiries to follow up; later milestones, decision points, challenge deadlines).
- `register_recent(provider)`: `provider(user)` lists the user's own recent items (documents).
"""

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db import models
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samspill.accounts.models import User

# `readers(pk, users)`: the ids of those among `users` who may open the object with this pk.
ReadersHook = Callable[[int, Sequence[User]], set[int]]


@dataclass(frozen=True)
class FollowableKind:
    label: str  # "app_label.model"
    model: type[models.Model]
    visible: Callable[[User], QuerySet[models.Model]]
    region_field: str | None
    noun: Promise | str  # "dokument", for buttons and lists
    title: Callable[[models.Model], str]  # never personal data (inquiries: the case number)
    readers: ReadersHook | None = None


@dataclass(frozen=True)
class StartItem:
    """One line on the start page: what, where it leads, and an optional date (deadline)."""

    kind: Promise | str
    title: str
    url: str
    due: datetime.date | None = None
    detail: str = ""

    @property
    def sort_key(self) -> tuple[datetime.date, str]:
        return (self.due or datetime.date.max, self.title)


WaitingProvider = Callable[[User, datetime.date], Iterable[StartItem]]
RecentProvider = Callable[[User], Iterable[StartItem]]

_KINDS: dict[str, FollowableKind] = {}
_VERBS: dict[str, Promise | str] = {
    "changed": _("endret"),
}
_WAITING: list[WaitingProvider] = []
_RECENT: list[RecentProvider] = []


def label_of(model: type[models.Model] | models.Model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def register_kind(
    model: type[models.Model],
    *,
    visible: Callable[[User], QuerySet[models.Model]],
    noun: Promise | str,
    region_field: str | None = "region",
    title: Callable[[models.Model], str] = str,
    readers: ReadersHook | None = None,
) -> None:
    label = label_of(model)
    _KINDS[label] = FollowableKind(
        label=label,
        model=model,
        visible=visible,
        region_field=region_field,
        noun=noun,
        title=title,
        readers=readers,
    )


def register_verb(code: str, label: Promise | str) -> None:
    _VERBS[code] = label


def register_waiting(provider: WaitingProvider) -> None:
    if provider not in _WAITING:
        _WAITING.append(provider)


def register_recent(provider: RecentProvider) -> None:
    if provider not in _RECENT:
        _RECENT.append(provider)


def kind_for(label: str) -> FollowableKind | None:
    return _KINDS.get(label)


def kinds() -> list[FollowableKind]:
    return list(_KINDS.values())


def verb_label(code: str) -> Promise | str:
    return _VERBS.get(code, _VERBS["changed"])


def waiting_providers() -> list[WaitingProvider]:
    return list(_WAITING)


def recent_providers() -> list[RecentProvider]:
    return list(_RECENT)
