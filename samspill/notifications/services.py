"""Writes for notifications: follow, notify (record + fan out), read, preferences, mail.

`notify(obj, verb, actor, summary, region=…)` is what other apps call from their services, inside
their own transaction. It records one `Event` row there and queues `event_fan_out` for after the
commit: the task worker then writes one `Notification` for each person who followed the object or
its region when it happened (plus any `recipients` named, e.g. advisers an inquiry was assigned
to), never for the actor and never for someone the owning app would not show the object to
(`selectors.readers_of`, one batch check for all of them). People who chose "e-mail at once" get a
task queued after the fan-out commits;
digests are sent by `digest_send` (task `notifications.tasks.digests_send`, CLI
`samspill notifications send-digests`). Every mail marks its notifications `emailed_at` under a
row lock, so an event is mailed to a person at most once, whatever runs twice.
"""

import datetime
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samspill.accounts.models import User
from samspill.audit.services import audit_record, model_changes
from samspill.core.exceptions import PermissionDeniedError
from samspill.core.mail import mail_send
from samspill.notifications import registry
from samspill.notifications.models import Delivery, Event, Follow, Notification, Preference
from samspill.notifications.selectors import (
    NotificationRow,
    can_see,
    notification_rows_for_mail,
    readers_of,
)
from samspill.regions.models import Region

logger = logging.getLogger(__name__)

PERIODS = {
    Delivery.DAILY: datetime.timedelta(days=1),
    Delivery.WEEKLY: datetime.timedelta(days=7),
}


# --- following ---------------------------------------------------------------------------------


@transaction.atomic
def follow(*, user: User, obj: models.Model) -> Follow:
    """Follow an object the user may open (idempotent: following twice is one follow)."""
    if registry.kind_for(registry.label_of(obj)) is None:
        raise ValidationError(_("Dette kan ikke følges."))
    if not can_see(user=user, obj=obj):
        raise PermissionDeniedError(_("Du har ikke tilgang til dette."))
    found, created = Follow.objects.get_or_create(
        user=user, content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    )
    if created:
        audit_record(
            actor=user,
            subject=found,
            action="create",
            changes={"follows": [None, registry.kind_for(registry.label_of(obj)).title(obj)]},  # type: ignore[union-attr]
        )
    return found


@transaction.atomic
def unfollow(*, user: User, obj: models.Model) -> bool:
    """Stop following; False when the user did not follow it."""
    found = Follow.objects.filter(
        user=user, content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).first()
    if found is None:
        return False
    audit_record(
        actor=user, subject=found, action="delete", changes={"follows": [str(obj.pk), None]}
    )
    found.delete()
    return True


def forget(obj: models.Model) -> None:
    """The object is being deleted: drop its follows and events (and so their notifications).

    Call it from the deleting service, inside its transaction, before the object is deleted."""
    content_type = ContentType.objects.get_for_model(obj)
    Follow.objects.filter(content_type=content_type, object_id=obj.pk).delete()
    Event.objects.filter(content_type=content_type, object_id=obj.pk).delete()


# --- notify: the call other apps make ----------------------------------------------------------


def notify(
    obj: models.Model,
    verb: str,
    actor: User | None,
    summary: str = "",
    *,
    region: Region | None = None,
    recipients: Iterable[User] = (),
) -> Event | None:
    """Record that `actor` did `verb` to `obj`; the task worker tells those concerned after commit.

    Call it inside the write's transaction, after the change is saved: it writes one `Event` row
    (with any `recipients` named) and queues `event_fan_out` for when the write commits, so the
    write never waits for the followers to be counted. Returns the event, or None when the
    object's kind is not registered (nothing recorded)."""
    label = registry.label_of(obj)
    kind = registry.kind_for(label)
    if kind is None:
        logger.warning("notify() for an unregistered kind %s: nothing recorded", label)
        return None
    event = Event.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        object_label=kind.title(obj)[:300],
        verb=verb[:40],
        summary=summary[:500],
        actor=actor,
        region=region,
        recipient_ids=sorted({int(user.pk) for user in recipients}),
    )
    from samspill.notifications.tasks import event_fan_out_task  # the task module imports us

    event_id = event.pk
    transaction.on_commit(lambda: event_fan_out_task.enqueue(event_id))
    return event


def event_fan_out(*, event_id: int) -> int:
    """Tell those concerned by one event (the task worker runs it); returns how many were told.

    Concerned: who followed the object, or the event's region, when it happened, and the
    recipients the caller named; never the actor; only active people the owning app lets open the
    object, checked for all of them at once (`selectors.readers_of`). The event row is locked and
    marked done in the same transaction, and a person has one notification per event (unique), so
    running it twice, or in two workers at once, tells nobody twice. People who chose "e-mail at
    once" get a mail task queued after commit."""
    with transaction.atomic():
        event = Event.objects.select_for_update().filter(pk=event_id).first()
        if event is None or event.fanned_out_at is not None:
            return 0
        content_type = ContentType.objects.get_for_id(event.content_type_id)
        label = f"{content_type.app_label}.{content_type.model}"
        followed = Q(content_type_id=event.content_type_id, object_id=event.object_id)
        if event.region_id is not None:
            followed |= Q(
                content_type=ContentType.objects.get_for_model(Region), object_id=event.region_id
            )
        candidate_ids = set(
            Follow.objects.filter(followed, created_at__lte=event.created_at).values_list(
                "user_id", flat=True
            )
        )
        candidate_ids |= {int(pk) for pk in event.recipient_ids or []}
        candidate_ids.discard(event.actor_id)
        candidates = list(User.objects.filter(pk__in=candidate_ids, is_active=True).order_by("pk"))
        told = sorted(readers_of(label=label, pk=event.object_id, users=candidates))
        Notification.objects.bulk_create(
            [Notification(user_id=pk, event=event) for pk in told], ignore_conflicts=True
        )
        immediate = set(
            Preference.objects.filter(user_id__in=told, delivery=Delivery.IMMEDIATE).values_list(
                "user_id", flat=True
            )
        )
        to_mail = list(
            Notification.objects.filter(
                event=event, user_id__in=immediate, emailed_at__isnull=True
            ).values_list("pk", flat=True)
        )
        event.fanned_out_at = timezone.now()
        event.save(update_fields=["fanned_out_at"])
        if to_mail:
            from samspill.notifications.tasks import notification_mail

            transaction.on_commit(lambda: [notification_mail.enqueue(pk) for pk in to_mail])
    return len(told)


def events_fan_out_pending() -> int:
    """Fan out every event not yet fanned out, oldest first; returns how many events.

    The worker does each one after its write commits; this catches up on any it missed (a worker
    stopped, a queue emptied) and runs before each digest, so a digest never misses an event."""
    pending = list(
        Event.objects.filter(fanned_out_at__isnull=True)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )
    for event_id in pending:
        event_fan_out(event_id=event_id)
    return len(pending)


# --- reading -----------------------------------------------------------------------------------


def notifications_mark_read(*, user: User, ids: Sequence[int] | None = None) -> int:
    """Mark the user's notifications read (all unread ones when `ids` is None); returns how many.

    Not audited: reading one's own notifications changes nothing anyone else sees."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())


@transaction.atomic
def preference_set(*, user: User, delivery: str, language: str) -> Preference:
    """Choose how notifications are mailed (at once, daily, weekly, none) and in which language."""
    if delivery not in Delivery.values:
        raise ValidationError({"delivery": _("Ukjent valg.")})
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise ValidationError({"language": _("Ukjent språk.")})
    preference, created = Preference.objects.select_for_update().get_or_create(
        user=user, defaults={"delivery": delivery, "language": language}
    )
    if created:
        preference.delivery_since = timezone.now()
        preference.save(update_fields=["delivery_since", "updated_at"])
        changes = {"delivery": [None, delivery], "language": [None, language]}
    else:
        changes = model_changes(preference, {"delivery": delivery, "language": language})
        if "delivery" in changes:
            preference.delivery_since = timezone.now()
        if changes:
            preference.save()
    if changes:
        audit_record(actor=user, subject=preference, action="update", changes=changes)
    return preference


def start_page_seen(*, user: User) -> datetime.datetime | None:
    """Record a visit to the start page; returns the previous visit (None: the first one)."""
    with transaction.atomic():
        preference, _created = Preference.objects.select_for_update().get_or_create(
            user=user, defaults={"delivery_since": timezone.now()}
        )
        previous = preference.start_seen_at
        preference.start_seen_at = timezone.now()
        preference.save(update_fields=["start_seen_at", "updated_at"])
    return previous


# --- mail --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MailGroup:
    """A digest's section: one object and its events, newest first."""

    title: str
    url: str
    noun: str
    rows: list[NotificationRow]


def _absolute(url: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{url}" if url else ""


def _groups(rows: list[NotificationRow]) -> list[MailGroup]:
    """Group by object; objects ordered by their newest event, events newest first."""
    by_object: dict[tuple[int, int], list[NotificationRow]] = {}
    ordered = sorted(
        rows,
        key=lambda row: (row.notification.event.created_at, row.notification.event.pk),
        reverse=True,
    )
    for row in ordered:
        event = row.notification.event
        by_object.setdefault((event.content_type_id, event.object_id), []).append(row)
    return [
        MailGroup(
            title=group[0].title,
            url=_absolute(group[0].url),
            noun=str(group[0].noun),
            rows=group,
        )
        for group in by_object.values()
    ]


def _language(user: User) -> str:
    preference = Preference.objects.filter(user=user).first()
    return preference.language if preference else "nb"


def _send(
    *, user: User, subject: str, template: str, context: dict[str, object], language: str
) -> None:
    body = render_to_string(template, context)
    mail_send(
        message=EmailMessage(
            subject=subject, body=body, to=[user.email], headers={"Content-Language": language}
        )
    )


def notification_mail_send(*, notification_id: int) -> bool:
    """Mail one notification at once (the "e-mail at once" choice). Sent once: False when it was
    already mailed, the person has no address, or may no longer open the object."""
    with transaction.atomic():
        locked = (
            Notification.objects.select_for_update()
            .filter(pk=notification_id, emailed_at__isnull=True)
            .first()
        )
        if locked is None:
            return False
        notification = Notification.objects.select_related(
            "user", "event", "event__content_type", "event__actor"
        ).get(pk=locked.pk)
        user = notification.user
        language = _language(user)
        with translation.override(language):  # links in the reader's language
            rows = notification_rows_for_mail(user=user, notifications=[notification])
        if not rows or not user.email or not user.is_active:
            return False
        with translation.override(language):
            row = rows[0]
            subject = _("Samspill: %(verb)s %(title)s") % {"verb": row.verb, "title": row.title}
            context = {"row": row, "url": _absolute(row.url), "user": user}
            _send(
                user=user,
                subject=subject,
                template="notifications/mail_one.txt",
                context=context,
                language=language,
            )
        locked.emailed_at = timezone.now()
        locked.save(update_fields=["emailed_at"])
    return True


def _digest_recipients(period: str) -> list[tuple[User, Preference]]:
    """Who gets this digest: those who chose it, and (daily, the default) those who chose nothing."""
    chosen = Preference.objects.filter(delivery=period).select_related("user").order_by("user_id")
    recipients = [(preference.user, preference) for preference in chosen]
    if period == Delivery.DAILY:
        unset = (
            User.objects.filter(notifications__emailed_at__isnull=True)
            .exclude(pk__in=Preference.objects.values("user_id"))
            .distinct()
            .order_by("pk")
        )
        recipients += [(user, Preference(user=user, delivery=Delivery.DAILY)) for user in unset]
    return recipients


@dataclass(frozen=True)
class DigestSummary:
    sent: int
    notifications: int


def digest_send(*, period: str, now: datetime.datetime | None = None) -> DigestSummary:
    """Send the daily or weekly digest to everyone who chose it; never an empty mail.

    Each person's unmailed notifications since they chose the digest (and that they may still
    open) are grouped by object, newest first, and marked mailed in the same transaction as the
    rows are locked: running it twice, or in two processes at once, mails nothing twice."""
    if period not in PERIODS:
        raise ValidationError(_("Ukjent periode: velg daglig eller ukentlig."))
    events_fan_out_pending()
    moment = now or timezone.now()
    sent = counted = 0
    for user, preference in _digest_recipients(period):
        if not user.is_active or not user.email:
            continue
        with transaction.atomic():
            pending = Notification.objects.select_for_update().filter(
                user=user, emailed_at__isnull=True, created_at__lte=moment
            )
            if preference.delivery_since is not None:
                pending = pending.filter(created_at__gte=preference.delivery_since)
            locked_ids = list(pending.values_list("pk", flat=True))
            if not locked_ids:
                continue
            notifications = Notification.objects.filter(pk__in=locked_ids).select_related(
                "event", "event__content_type", "event__actor"
            )
            with translation.override(preference.language):  # links in the reader's language
                rows = notification_rows_for_mail(user=user, notifications=notifications)
            if rows:
                with translation.override(preference.language):
                    groups = _groups(rows)
                    title = (
                        _("daglig sammendrag")
                        if period == Delivery.DAILY
                        else _("ukentlig sammendrag")
                    )
                    subject = ngettext(
                        "Samspill, %(title)s: %(count)d varsel",
                        "Samspill, %(title)s: %(count)d varsler",
                        len(rows),
                    ) % {"title": title, "count": len(rows)}
                    _send(
                        user=user,
                        subject=subject,
                        template="notifications/mail_digest.txt",
                        context={"groups": groups, "user": user, "title": title},
                        language=preference.language,
                    )
                sent += 1
                counted += len(rows)
            # Hidden ones are marked too: they are never mailed later either.
            Notification.objects.filter(pk__in=locked_ids).update(emailed_at=timezone.now())
    return DigestSummary(sent=sent, notifications=counted)
