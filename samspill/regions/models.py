"""Municipalities (with their reform history) and regions as groups of municipalities over time."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samspill.core.models import TimeStampedModel, VersionedModel


class Municipality(models.Model):
    """A Norwegian municipality (kommune) under one official number, current or historic."""

    number = models.CharField(_("kommunenummer"), max_length=4, unique=True)
    name = models.CharField(_("navn"), max_length=100)
    county_number = models.CharField(_("fylkesnummer"), max_length=2)
    county_name = models.CharField(_("fylke"), max_length=100, blank=True)
    valid_from = models.PositiveSmallIntegerField(
        _("i bruk fra år"),
        null=True,
        blank=True,
        help_text=_("Første år nummeret er kjent i bruk."),
    )
    valid_to = models.PositiveSmallIntegerField(
        _("i bruk til år"),
        null=True,
        blank=True,
        help_text=_("Siste år nummeret var i bruk; tomt betyr at kommunen finnes i dag."),
    )
    economic_region_code = models.CharField(_("økonomisk region (kode)"), max_length=5, blank=True)
    economic_region_name = models.CharField(_("økonomisk region"), max_length=100, blank=True)
    centroid_lat = models.FloatField(_("breddegrad"), null=True, blank=True, db_index=True)
    centroid_lon = models.FloatField(_("lengdegrad"), null=True, blank=True, db_index=True)
    area_km2 = models.FloatField(_("areal (km²)"), null=True, blank=True)
    boundary = models.JSONField(_("omriss (GeoJSON)"), null=True, blank=True)

    class Meta:
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="%(app_label)s_%(class)s_valid_period",
                violation_error_message=_("Sluttåret kan ikke være før startåret."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("regions:municipality-detail", kwargs={"number": self.number})

    @property
    def is_current(self) -> bool:
        return self.valid_to is None


class MunicipalityChange(models.Model):
    """One line of the reform history: `predecessor`'s territory became (part of) `successor`."""

    class Kind(models.TextChoices):
        RENUMBERED = "renumbered", _("nytt nummer")
        MERGED = "merged", _("sammenslått")
        SPLIT = "split", _("delt")

    predecessor = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="successor_links",
        verbose_name=_("tidligere kommune"),
    )
    successor = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="predecessor_links",
        verbose_name=_("etterfølger"),
    )
    year = models.PositiveSmallIntegerField(_("gjelder fra år"))
    share = models.FloatField(
        _("andel"),
        default=1.0,
        help_text=_("Andel av den tidligere kommunen som gikk til etterfølgeren (ved deling)."),
    )
    kind = models.CharField(_("type endring"), max_length=12, choices=Kind.choices)

    class Meta:
        verbose_name = _("kommuneendring")
        verbose_name_plural = _("kommuneendringer")
        ordering = ["year", "predecessor__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"],
                name="%(app_label)s_%(class)s_unique_pair",
                violation_error_message=_("Denne endringen er allerede registrert."),
            ),
            models.CheckConstraint(
                condition=Q(share__gt=0) & Q(share__lte=1),
                name="%(app_label)s_%(class)s_share_in_unit_interval",
                violation_error_message=_("Andelen må være større enn 0 og høyst 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor.number} → {self.successor.number} ({self.year})"


class Region(VersionedModel, TimeStampedModel):
    """A named group of municipalities that work together (city region, council, project region)."""

    class Kind(models.TextChoices):
        CITY_REGION = "city_region", _("byregion")
        INTERMUNICIPAL_COUNCIL = "council", _("interkommunalt råd")
        PROJECT_REGION = "project", _("prosjektregion")
        PLANNING_COOPERATION = "planning", _("plansamarbeid")

    slug = models.SlugField(_("kortnavn"), max_length=60, unique=True)
    name = models.CharField(_("navn"), max_length=150)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("beskrivelse"), blank=True)
    source = models.CharField(
        _("kilde"), max_length=300, blank=True, help_text=_("Hvor medlemskapet er hentet fra.")
    )
    historical = models.BooleanField(
        _("historisk"),
        default=False,
        help_text=_(
            "Et avsluttet samarbeid eller en plan fra et bestemt år (som IKAP 2016): vises for "
            "historien og statistikken, men er ikke i drift og tar ikke imot henvendelser."
        ),
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regioner")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("regions:region-detail", kwargs={"slug": self.slug})

    @property
    def is_active(self) -> bool:
        """An active region works today (takes inquiries); a historical one is kept as a record."""
        return not self.historical


class RegionMembership(models.Model):
    """A municipality's membership of a region for a period, as the region recorded it."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("region")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("kommune"),
        help_text=_("Slik medlemskapet ble registrert; kan være et tidligere kommunenummer."),
    )
    valid_from = models.DateField(_("medlem fra"))
    valid_to = models.DateField(_("medlem til"), null=True, blank=True)
    note = models.CharField(_("merknad"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        ordering = ["region", "municipality__number", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="%(app_label)s_%(class)s_valid_period",
                violation_error_message=_("Sluttdatoen kan ikke være før startdatoen."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.region} – {self.municipality}"

    def is_active_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class MembershipRequest(TimeStampedModel):
    """A region's request to count a municipality as a member: grants nothing until it is accepted.

    A coordinator may only ask; the municipality's own business developers (or a site
    administrator) accept or decline. Accepting creates the `RegionMembership`.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("venter på svar")
        ACCEPTED = "accepted", _("godtatt")
        DECLINED = "declined", _("avslått")

    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        related_name="membership_requests",
        verbose_name=_("region"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="membership_requests",
        verbose_name=_("kommune"),
    )
    valid_from = models.DateField(_("medlem fra"))
    valid_to = models.DateField(_("medlem til"), null=True, blank=True)
    note = models.CharField(_("merknad"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("spurt av"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besvart av"),
    )
    decided_at = models.DateTimeField(_("besvart"), null=True, blank=True)
    membership = models.OneToOneField(
        RegionMembership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="request",
        verbose_name=_("medlemskap"),
    )

    class Meta:
        verbose_name = _("forespørsel om medlemskap")
        verbose_name_plural = _("forespørsler om medlemskap")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="%(app_label)s_%(class)s_valid_period",
                violation_error_message=_("Sluttdatoen kan ikke være før startdatoen."),
            ),
            models.UniqueConstraint(
                fields=["region", "municipality"],
                condition=Q(status="pending"),
                name="%(app_label)s_%(class)s_one_pending",
                violation_error_message=_("Det finnes allerede en ubesvart forespørsel."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region} – {self.municipality} ({self.get_status_display()})"
