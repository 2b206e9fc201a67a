"""Stored results of heavy analyses (background jobs), cached by parameters + data fingerprint."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samspill.core.models import TimeStampedModel, VersionedModel


class AnalysisRun(TimeStampedModel):
    """One run of a heavy analysis: its inputs, progress and result (reused while inputs hold).

    `cache_key` is a hash of kind, parameters and the fingerprint of the input data; a run that
    has not failed is reused by every request with the same key, so a result stays cached until
    the data or the parameters change.
    """

    class Kind(models.TextChoices):
        LABOUR_MARKET_REGIONS = "labour_market_regions", _("Beregnede arbeidsmarkedsregioner")

    class Status(models.TextChoices):
        QUEUED = "queued", _("I kø")
        RUNNING = "running", _("Kjører")
        DONE = "done", _("Ferdig")
        FAILED = "failed", _("Feilet")

    kind = models.CharField(_("type analyse"), max_length=40, choices=Kind.choices)
    parameters = models.JSONField(_("parametre"), default=dict)
    data_fingerprint = models.CharField(
        _("datafingeravtrykk"),
        max_length=300,
        help_text=_("Antall rader, høyeste id og importtidspunkt for inndataene."),
    )
    cache_key = models.CharField(_("hurtigbuffernøkkel"), max_length=64, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("fremdrift (%)"), default=0)
    progress_note = models.CharField(_("fremdriftsmerknad"), max_length=200, blank=True)
    result = models.JSONField(_("resultat"), null=True, blank=True)
    error = models.TextField(_("feil"), blank=True)
    task_id = models.CharField(_("jobb-id"), max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bestilt av"),
    )
    started_at = models.DateTimeField(_("startet"), null=True, blank=True)
    finished_at = models.DateTimeField(_("ferdig"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("beregningstid (ms)"), null=True, blank=True)

    class Meta:
        verbose_name = _("analysekjøring")
        verbose_name_plural = _("analysekjøringer")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cache_key"],
                condition=~Q(status="failed"),
                name="%(app_label)s_%(class)s_one_live_run_per_key",
                violation_error_message=_("Denne analysen er allerede bestilt med samme data."),
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="%(app_label)s_%(class)s_progress_at_most_100",
                violation_error_message=_("Fremdriften kan ikke være over 100 %."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("analyses:lma-run", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class Classification(VersionedModel, TimeStampedModel):
    """A grouping of municipalities loaded by a user (e.g. SSB's economic regions), kept to be
    compared with the computed labour-market regions. Loaded again under the same slug, its
    members are replaced (the version moves, the audit trail records the change)."""

    slug = models.SlugField(_("kortnavn"), max_length=80, unique=True)
    name = models.CharField(_("navn"), max_length=200)
    source = models.CharField(_("kilde"), max_length=500, blank=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    year = models.PositiveSmallIntegerField(_("år"), null=True, blank=True)

    class Meta:
        verbose_name = _("inndeling")
        verbose_name_plural = _("inndelinger")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ClassificationMember(models.Model):
    """One municipality's class (e.g. economic region 50001 Trondheim) in a classification."""

    classification = models.ForeignKey(
        Classification, on_delete=models.CASCADE, related_name="members"
    )
    municipality = models.ForeignKey(
        "regions.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    class_code = models.CharField(_("klassekode"), max_length=40)
    class_name = models.CharField(_("klassenavn"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("kommune i inndeling")
        verbose_name_plural = _("kommuner i inndeling")
        constraints = [
            models.UniqueConstraint(
                fields=["classification", "municipality"],
                name="%(app_label)s_%(class)s_one_class_per_municipality",
                violation_error_message=_("En kommune kan bare ha én klasse i en inndeling."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id}: {self.class_code}"


class RegionIndustryTypes(VersionedModel, TimeStampedModel):
    """A region's own industry-type mapping for SSB's 17 industry groups (issue 11).

    `overrides` holds only the groups the region set differently from the default (the type with
    most jobs nationally, `samspill.analytics.industry_types.SSB_GROUP_INDUSTRY_TYPES`): group
    label → "basic" | "visitor" | "regional" | "local". The analyses of the region use it.
    """

    region = models.OneToOneField(
        "regions.Region",
        on_delete=models.CASCADE,
        related_name="industry_types",
        verbose_name=_("region"),
    )
    overrides = models.JSONField(_("egne næringstyper"), default=dict, blank=True)

    class Meta:
        verbose_name = _("næringstyper for en region")
        verbose_name_plural = _("næringstyper for regioner")

    def __str__(self) -> str:
        return str(_("Næringstyper for %(region)s") % {"region": self.region})
