"""Who changed (or viewed) what, and when: written explicitly by services."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One recorded action by one actor on one object."""

    class Action(models.TextChoices):
        CREATE = "create", _("opprettet")
        UPDATE = "update", _("endret")
        DELETE = "delete", _("slettet")
        IMPORT = "import", _("importert")
        VIEW_PERSONAL_DATA = "view_personal", _("så personopplysninger")
        EXPORT = "export", _("eksporterte")
        # Shared knowledge: a document's versions and templates.
        VERSION_ADD = "version_add", _("la til en versjon")
        VERSION_DELETE = "version_delete", _("slettet en versjon")
        APPROVE = "approve", _("godkjente")
        FROM_TEMPLATE = "from_template", _("opprettet fra mal")
        # State changes and records shared by the project, land and challenge modules; the
        # details (from and to, the outcome, the reason) go in `changes`.
        TRANSITION = "transition", _("endret status")
        DECIDE = "decide", _("registrerte vedtak")
        SUBMIT = "submit", _("sendte inn")
        WITHDRAW = "withdraw", _("trakk tilbake")
        SCORE = "score", _("vurderte")
        RESERVE = "reserve", _("reserverte")
        RELEASE = "release", _("opphevet reservasjon")
        SIGN = "sign", _("signerte")
        PUBLISH = "publish", _("publiserte")
        SEND = "send", _("sendte")

    created_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("utført av"),
    )
    actor_label = models.CharField(
        _("utført av (tekst)"), max_length=150, help_text=_("Bevares om brukeren slettes.")
    )
    action = models.CharField(_("handling"), max_length=16, choices=Action.choices)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, verbose_name=_("objekttype")
    )
    object_pk = models.CharField(_("objekt-ID"), max_length=64)
    object_repr = models.CharField(_("objekt"), max_length=200)
    changes = models.JSONField(_("endringer"), default=dict, blank=True)

    class Meta:
        verbose_name = _("loggføring")
        verbose_name_plural = _("endringslogg")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_pk"], name="audit_subject_idx"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"
        )
