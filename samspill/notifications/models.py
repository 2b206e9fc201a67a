"""Notifications: who follows what, what happened, who was told, and how each person wants mail.

`Follow` and `Event` point at any object through a content type and an id, so a later module
(projects, challenges) becomes followable by registering it in `registry.py`, without a migration
here. `Notification` is one event for one person: read in the app (`read_at`) and mailed at most
once (`emailed_at`), as it happens or in a digest, whichever the person chose in `Preference`.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from samspill.core.models import TimeStampedModel
from samspill.regions.models import Region


class Follow(models.Model):
    """One person follows one object (a region, a document, later a project or a challenge)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="follows",
        verbose_name=_("bruker"),
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("objekttype")
    )
    object_id = models.PositiveBigIntegerField(_("objekt-ID"))
    created_at = models.DateTimeField(_("fulgt fra"), auto_now_add=True)

    class Meta:
        verbose_name = _("følger")
        verbose_name_plural = _("følger")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="notif_follow_obj_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"],
                name="%(app_label)s_%(class)s_unique_follow",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.content_type.model}#{self.object_id}"


class Event(models.Model):
    """Something that happened to an object: recorded once, fanned out to the people told."""

    created_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("objekttype")
    )
    object_id = models.PositiveBigIntegerField(_("objekt-ID"))
    object_label = models.CharField(_("objekt"), max_length=300)
    verb = models.CharField(_("hendelse"), max_length=40)
    summary = models.CharField(_("sammendrag"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("utført av"),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    # Those named by the caller besides the followers (an inquiry's newly assigned advisers).
    recipient_ids = models.JSONField(_("mottakere"), default=list, blank=True)
    # Set when the task worker has told the people concerned (None: not yet; see services.py).
    fanned_out_at = models.DateTimeField(_("varslet"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("hendelse")
        verbose_name_plural = _("hendelser")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="notif_event_obj_idx")]

    def __str__(self) -> str:
        return f"{self.verb}: {self.object_label}"


class Notification(models.Model):
    """One event for one person: unread until read, mailed at most once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("mottaker"),
    )
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("hendelse")
    )
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("lest"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("sendt på e-post"), null=True, blank=True)

    class Meta:
        verbose_name = _("varsel")
        verbose_name_plural = _("varsler")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notif_user_read_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "event"], name="%(app_label)s_%(class)s_unique_user_event"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.event}"


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("e-post med en gang")
    DAILY = "daily", _("daglig sammendrag")
    WEEKLY = "weekly", _("ukentlig sammendrag")
    NONE = "none", _("ingen e-post (bare i Samspill)")


class Preference(TimeStampedModel):
    """How one person wants to hear about notifications, and when they last saw their start page."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("bruker"),
    )
    delivery = models.CharField(
        _("e-post"), max_length=10, choices=Delivery.choices, default=Delivery.DAILY
    )
    language = models.CharField(
        _("språk i e-post"), max_length=5, choices=settings.LANGUAGES, default="nb"
    )
    # Digests cover notifications from this moment on (set when the delivery changes), so
    # switching from "none" to a digest never mails a backlog.
    delivery_since = models.DateTimeField(_("gjelder fra"), null=True, blank=True)
    start_seen_at = models.DateTimeField(_("startsiden sist sett"), null=True, blank=True)

    history_value_choices = {"delivery": Delivery}

    class Meta:
        verbose_name = _("varslingsvalg")
        verbose_name_plural = _("varslingsvalg")

    def __str__(self) -> str:
        return f"{self.user}: {self.delivery}"
