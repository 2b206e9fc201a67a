"""Abstract base models shared by every app (no domain models here)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Adds created_at / updated_at to a model."""

    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("endret"), auto_now=True)

    class Meta:
        abstract = True


class LoadedDataset(models.Model):
    """Fingerprint of a data set loaded by `samspill demo`, so a second run can skip it."""

    key = models.CharField(_("nøkkel"), max_length=100, unique=True)
    fingerprint = models.CharField(_("fingeravtrykk"), max_length=64)
    loaded_at = models.DateTimeField(_("lastet"), auto_now=True)

    class Meta:
        verbose_name = _("innlastet datasett")
        verbose_name_plural = _("innlastede datasett")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.key


class VersionedModel(models.Model):
    """Adds `version`, bumped by `core.concurrency.version_claim` on every edit (no lost updates).

    Forms carry the version the user loaded in a hidden field and the API takes it in the body or
    an `If-Match` header; a service that gets an older version raises `ConflictError`.
    """

    version = models.PositiveIntegerField(_("versjon"), default=1, editable=False)

    class Meta:
        abstract = True
