"""Reads for notifications, follows and the start page, always for one user.

Every object a notification points at is checked again when it is shown or mailed, through the
owning app's own visibility (`registry.FollowableKind.visible`): access can change after the
event (a document narrowed to a group, a role taken away), and a notification must never reveal
an object, or even its title, to someone who may not open it. Counts are computed the same way.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.audit.models import AuditEntry
from samspill.notifications import registry
from samspill.notifications.models import Delivery, Follow, Notification, Preference

AnyUser = User | AnonymousUser

# Audit actions that are not changes anyone needs to hear about on their start page.
QUIET_ACTIONS = frozenset(
    {AuditEntry.Action.VIEW_PERSONAL_DATA, AuditEntry.Action.EXPORT, "view_personal", "export"}
)
LIST_LIMIT = 200


def _label(content_type: ContentType) -> str:
    return f"{content_type.app_label}.{content_type.model}"


def visible_objects(*, user: AnyUser, label: str, ids: Iterable[int]) -> dict[int, models.Model]:
    """The objects among `ids` of kind `label` that `user` may open (unregistered kinds: none)."""
    kind = registry.kind_for(label)
    wanted = {int(pk) for pk in ids}
    if kind is None or not wanted or not isinstance(user, User):
        return {}
    return {int(obj.pk): obj for obj in kind.visible(user).filter(pk__in=wanted)}


def readers_of(*, label: str, pk: int, users: Sequence[User]) -> set[int]:
    """The ids of those among `users` who may open object `pk` of kind `label` (fan-out).

    The owning app's batch hook (`FollowableKind.readers`: a fixed number of queries however many
    users); a kind without one is checked person by person with `visible_objects`."""
    kind = registry.kind_for(label)
    if kind is None or not users:
        return set()
    if kind.readers is not None:
        return kind.readers(int(pk), users)
    return {user.pk for user in users if visible_objects(user=user, label=label, ids=[pk])}


def can_see(*, user: AnyUser, obj: models.Model) -> bool:
    return bool(visible_objects(user=user, label=registry.label_of(obj), ids=[int(obj.pk)]))


def is_following(*, user: AnyUser, obj: models.Model) -> bool:
    if not isinstance(user, User):
        return False
    return Follow.objects.filter(
        user=user, content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).exists()


def is_followable(obj: object) -> bool:
    return isinstance(obj, models.Model) and registry.kind_for(registry.label_of(obj)) is not None


@dataclass(frozen=True)
class NotificationRow:
    notification: Notification
    verb: Promise | str
    title: str
    url: str
    noun: Promise | str

    @property
    def is_unread(self) -> bool:
        return self.notification.read_at is None


def _rows(user: User, notifications: Iterable[Notification]) -> list[NotificationRow]:
    """Keep the notifications whose object the user may open today, with where each leads."""
    notifications = list(notifications)
    wanted: dict[str, set[int]] = defaultdict(set)
    for item in notifications:
        wanted[_label(item.event.content_type)].add(item.event.object_id)
    found = {
        label: visible_objects(user=user, label=label, ids=ids) for label, ids in wanted.items()
    }
    rows = []
    for item in notifications:
        label = _label(item.event.content_type)
        obj = found[label].get(item.event.object_id)
        kind = registry.kind_for(label)
        if obj is None or kind is None:
            continue
        url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
        rows.append(
            NotificationRow(
                notification=item,
                verb=registry.verb_label(item.event.verb),
                title=kind.title(obj),
                url=url,
                noun=kind.noun,
            )
        )
    return rows


def _notifications(user: User) -> models.QuerySet[Notification]:
    return Notification.objects.filter(user=user).select_related(
        "event", "event__content_type", "event__actor", "event__region"
    )


def notification_list_for(*, user: AnyUser, unread_only: bool = False) -> list[NotificationRow]:
    """The user's notifications, newest first, only those whose object they may open."""
    if not isinstance(user, User):
        return []
    notifications = _notifications(user)
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return _rows(user, notifications[:LIST_LIMIT])


def unread_count(*, user: AnyUser) -> int:
    """How many unread notifications the user may open (the same filter as the list)."""
    if not isinstance(user, User):
        return 0
    return len(notification_list_for(user=user, unread_only=True))


def notification_rows_for_mail(
    *, user: User, notifications: Iterable[Notification]
) -> list[NotificationRow]:
    """The same check as the list, for the mail: an object hidden since the event is left out."""
    return _rows(user, notifications)


def preference_for(*, user: User) -> Preference:
    """The user's choices (an unsaved default — a daily digest in bokmål — when none are stored)."""
    found = Preference.objects.filter(user=user).first()
    return found or Preference(user=user, delivery=Delivery.DAILY, language="nb")


def mail_language_chosen(*, user: User) -> str | None:
    """The mail language stored in the person's notification settings; None when nothing is
    stored (other apps use it to mail in the reader's language, falling back on their own)."""
    return Preference.objects.filter(user=user).values_list("language", flat=True).first()


@dataclass(frozen=True)
class FollowRow:
    follow: Follow
    title: str
    url: str
    noun: Promise | str


def follow_list_for(*, user: AnyUser) -> list[FollowRow]:
    """What the user follows (objects they may still open)."""
    if not isinstance(user, User):
        return []
    follows = list(Follow.objects.filter(user=user).select_related("content_type"))
    wanted: dict[str, set[int]] = defaultdict(set)
    for follow in follows:
        wanted[_label(follow.content_type)].add(follow.object_id)
    found = {
        label: visible_objects(user=user, label=label, ids=ids) for label, ids in wanted.items()
    }
    rows = []
    for follow in follows:
        label = _label(follow.content_type)
        obj = found[label].get(follow.object_id)
        kind = registry.kind_for(label)
        if obj is None or kind is None:
            continue
        url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
        rows.append(FollowRow(follow=follow, title=kind.title(obj), url=url, noun=kind.noun))
    return rows


@dataclass(frozen=True)
class ChangeRow:
    entry: AuditEntry
    title: str
    url: str
    noun: Promise | str


def _my_region_ids(user: User) -> set[int]:
    access = access_for(user=user)
    return set(access.coordinated_region_ids | access.viewer_region_ids | access.member_region_ids)


def changes_in_my_regions(
    *, user: AnyUser, since: datetime.datetime, limit: int = 20
) -> list[ChangeRow]:
    """What others changed in the user's regions since `since`, from the audit trail.

    Only objects of registered kinds that belong to one of the user's regions and that the user
    may open; views of personal data and exports are not changes."""
    if not isinstance(user, User):
        return []
    region_ids = _my_region_ids(user)
    if not region_ids:
        return []
    rows: list[ChangeRow] = []
    for kind in registry.kinds():
        if kind.region_field is None:
            continue
        content_type = ContentType.objects.get_for_model(kind.model)
        entries = list(
            AuditEntry.objects.filter(content_type=content_type, created_at__gt=since)
            .exclude(action__in=QUIET_ACTIONS)
            .exclude(actor=user)
            .select_related("content_type")
            .order_by("-created_at", "-id")[: limit * 5]
        )
        ids = {int(entry.object_pk) for entry in entries if entry.object_pk.isdigit()}
        objects = {
            int(obj.pk): obj
            for obj in kind.visible(user)
            .filter(pk__in=ids)
            .filter(**{f"{kind.region_field}__in": region_ids})
        }
        for entry in entries:
            obj = objects.get(int(entry.object_pk)) if entry.object_pk.isdigit() else None
            if obj is None:
                continue
            url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
            rows.append(ChangeRow(entry=entry, title=kind.title(obj), url=url, noun=kind.noun))
    rows.sort(key=lambda row: (row.entry.created_at, row.entry.pk), reverse=True)
    return rows[:limit]


def waiting_for(*, user: AnyUser, today: datetime.date | None = None) -> list[registry.StartItem]:
    """What waits for the user, from every registered provider, earliest deadline first."""
    if not isinstance(user, User):
        return []
    day = today or timezone.localdate()
    items = [item for provider in registry.waiting_providers() for item in provider(user, day)]
    return sorted(items, key=lambda item: item.sort_key)


def recent_for(*, user: AnyUser) -> list[registry.StartItem]:
    if not isinstance(user, User):
        return []
    return [item for provider in registry.recent_providers() for item in provider(user)]
