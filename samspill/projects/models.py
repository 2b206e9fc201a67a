"""The register of large planned projects (seed 000): what is planned, where, when, by whom, at
what cost and with what needs, every fact with its source and date.

A project belongs to one region (the register it was entered in) and touches one or more of its
municipalities. Its geometry is GeoJSON in WGS84, validated by `samspill.geo.shapes`; its length
and area are kept in metres for lists and exports. Phases carry their start and end at the
precision known (`periods.py`). Scenarios shift phases in a what-if without touching the facts.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samspill.core.models import TimeStampedModel, VersionedModel
from samspill.projects.periods import Period, Precision
from samspill.regions.models import Municipality, Region


class ProjectKind(models.TextChoices):
    ROAD = "road", _("veg")
    RAIL = "rail", _("jernbane")
    AIRPORT = "airport", _("lufthavn")
    PORT = "port", _("havn")
    POWER = "power", _("kraft og nett")
    BUSINESS_PARK = "business_park", _("næringspark")
    INSTITUTION = "institution", _("institusjon (sykehus, campus o.l.)")
    HOUSING = "housing", _("boligområde")
    INDUSTRY = "industry", _("industrietablering")
    OTHER = "other", _("annet")


class ProjectStatus(models.TextChoices):
    IDEA = "idea", _("idé")
    PLANNING = "planning", _("planlegging")
    ZONING = "zoning", _("regulering")
    DECIDED = "decided", _("vedtatt/finansiert")
    CONSTRUCTION = "construction", _("under bygging")
    OPERATION = "operation", _("i drift")
    STOPPED = "stopped", _("stanset")


class PhaseKind(models.TextChoices):
    """In the order they follow each other."""

    PLANNING = "planning", pgettext_lazy("project phase", "planlegging")
    ZONING = "zoning", pgettext_lazy("project phase", "regulering")
    CONSTRUCTION = "construction", pgettext_lazy("project phase", "bygging")
    OPERATION = "operation", pgettext_lazy("project phase", "drift")


PHASE_ORDER = [kind.value for kind in PhaseKind]


class PrecisionChoice(models.TextChoices):
    YEAR = Precision.YEAR.value, _("år")
    QUARTER = Precision.QUARTER.value, _("kvartal")
    MONTH = Precision.MONTH.value, _("måned")


class FactGroup(models.TextChoices):
    """Facts that carry a source and a date ("Nye Veier, mars 2016")."""

    OWNER = "owner", _("eier")
    PLACE = "place", _("plassering")
    STATUS = "status", _("status")
    PHASES = "phases", _("faser")
    INVESTMENT = "investment", _("investering")
    EMPLOYMENT = "employment", _("sysselsetting")
    NEEDS = "needs", _("behov")


class Project(VersionedModel, TimeStampedModel):
    """One large planned project in a region's register."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="projects", verbose_name=_("region")
    )
    key = models.SlugField(
        _("nøkkel"),
        max_length=100,
        help_text=_("Stabil nøkkel i registeret, brukt ved import (f.eks. «e6-vaernes-hell»)."),
    )
    name = models.CharField(_("navn"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=ProjectKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.IDEA
    )
    description = models.TextField(_("beskrivelse"), blank=True)
    owner_name = models.CharField(_("eier/utbygger"), max_length=200, blank=True)
    owner_organisation_number = models.CharField(_("organisasjonsnummer"), max_length=9, blank=True)
    # Facts from Brønnøysund (inquiries.brreg): name, form, industry, address; and when fetched.
    owner_facts = models.JSONField(_("fakta om eier"), default=dict, blank=True)
    owner_facts_fetched_at = models.DateTimeField(_("fakta hentet"), null=True, blank=True)
    municipalities = models.ManyToManyField(
        Municipality, related_name="projects", verbose_name=_("berørte kommuner")
    )
    geometry = models.JSONField(_("geometri (GeoJSON)"), null=True, blank=True)
    length_m = models.FloatField(_("lengde (m)"), null=True, blank=True)
    area_daa = models.FloatField(_("areal (daa)"), null=True, blank=True)
    # West, south, east, north: the map layer and collisions filter on these before shapely.
    bbox = models.JSONField(_("avgrensning"), null=True, blank=True)
    investment_low_mnok = models.DecimalField(
        _("investering, lav (mill. kr)"), max_digits=12, decimal_places=1, null=True, blank=True
    )
    investment_high_mnok = models.DecimalField(
        _("investering, høy (mill. kr)"), max_digits=12, decimal_places=1, null=True, blank=True
    )
    price_level_year = models.PositiveSmallIntegerField(_("prisnivå (år)"), null=True, blank=True)
    construction_person_years = models.DecimalField(
        _("sysselsetting i byggefasen (årsverk per år)"),
        max_digits=9,
        decimal_places=1,
        null=True,
        blank=True,
    )
    operation_jobs = models.PositiveIntegerField(_("arbeidsplasser i drift"), null=True, blank=True)
    land_need_daa = models.DecimalField(
        _("arealbehov (daa)"), max_digits=10, decimal_places=1, null=True, blank=True
    )
    power_need_mw = models.DecimalField(
        _("effektbehov (MW)"), max_digits=9, decimal_places=1, null=True, blank=True
    )
    # {"betong": 40, "elektro": 15}: person-years per year by trade.
    workforce_by_trade = models.JSONField(_("arbeidskraft etter fag"), default=dict, blank=True)
    # [{"label": "Nye Veier: prosjektside", "url": "https://…"}]
    links = models.JSONField(_("lenker"), default=list, blank=True)
    # {"investment": {"source": "Nye Veier", "date": "2016-03-01"}, …} per FactGroup.
    sources = models.JSONField(_("kilder"), default=dict, blank=True)
    is_internal = models.BooleanField(
        _("intern til den er kunngjort"),
        default=False,
        help_text=_("Bare regionens medlemmer ser et internt prosjekt."),
    )
    is_example = models.BooleanField(
        _("eksempel"), default=False, help_text=_("Demodata: ikke et ekte prosjekt.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrert av"),
    )

    class Meta:
        verbose_name = _("prosjekt")
        verbose_name_plural = _("prosjekter")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "key"], name="%(app_label)s_%(class)s_unique_key"
            ),
            models.CheckConstraint(
                condition=Q(investment_low_mnok__isnull=True)
                | Q(investment_high_mnok__isnull=True)
                | Q(investment_low_mnok__lte=models.F("investment_high_mnok")),
                name="%(app_label)s_%(class)s_investment_range",
            ),
        ]
        indexes = [models.Index(fields=["region", "status"]), models.Index(fields=["kind"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:project-detail", args=[self.pk])


class Phase(models.Model):
    """One phase of a project, from the first day of its start period to the last of its end."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="phases", verbose_name=_("prosjekt")
    )
    kind = models.CharField(_("fase"), max_length=20, choices=PhaseKind.choices)
    start = models.DateField(_("start"))
    start_precision = models.CharField(
        _("startpresisjon"), max_length=10, choices=PrecisionChoice.choices
    )
    end = models.DateField(_("slutt"))
    end_precision = models.CharField(
        _("sluttpresisjon"), max_length=10, choices=PrecisionChoice.choices
    )

    class Meta:
        verbose_name = _("fase")
        verbose_name_plural = _("faser")
        ordering = ["project", "start", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "kind"], name="%(app_label)s_%(class)s_one_per_kind"
            ),
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="%(app_label)s_%(class)s_end_after"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.get_kind_display()}"

    @property
    def start_period(self) -> Period:
        return Period(self.start, Precision(self.start_precision))

    @property
    def end_period(self) -> Period:
        # `end` is the last day; the period starts on the first day of its year/quarter/month.
        precision = Precision(self.end_precision)
        month = {
            Precision.YEAR: 1,
            Precision.QUARTER: 3 * ((self.end.month - 1) // 3) + 1,
            Precision.MONTH: self.end.month,
        }[precision]
        return Period(datetime.date(self.end.year, month, 1), precision)

    @property
    def label(self) -> str:
        return f"{self.start_period.label()}–{self.end_period.label()}"


class Scenario(TimeStampedModel):
    """A named what-if: phases of some projects moved by whole months. Never changes a project."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="project_scenarios", verbose_name=_("region")
    )
    name = models.CharField(_("navn"), max_length=200)
    # {"<project id>": months}: positive later, negative earlier; all phases of the project move.
    shifts = models.JSONField(_("forskyvninger"), default=dict)
    workforce = models.PositiveIntegerField(_("arbeidsstyrke i bygg og anlegg"), null=True)
    workforce_source = models.CharField(_("kilde for arbeidsstyrken"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("laget av"),
    )

    class Meta:
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarioer")
        ordering = ["region", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"], name="%(app_label)s_%(class)s_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Opportunity(VersionedModel, TimeStampedModel):
    """An opportunity in the wake of one or more projects (muligheter i kjølvannet): what local
    business, land, housing or training can gain, who follows it up, and which strategy measures
    pursue it. The link to measures lives here, so strategy never depends on this register."""

    class Kind(models.TextChoices):
        SUPPLIERS = "suppliers", _("leverandøroppdrag for lokalt næringsliv")
        LAND = "land", _("næringsareal langs veg eller ved kryss")
        HOUSING = "housing", _("bolig for arbeidsstyrken")
        TRAINING = "training", _("opplæring og kompetanse")
        OTHER = "other", _("annet")

    class Status(models.TextChoices):
        IDEA = "idea", _("idé")
        PURSUED = "pursued", _("følges opp")
        REALISED = "realised", _("realisert")
        DROPPED = "dropped", _("lagt bort")

    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="project_opportunities",
        verbose_name=_("region"),
    )
    title = models.CharField(_("tittel"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IDEA
    )
    owner_name = models.CharField(_("ansvarlig"), max_length=200, blank=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    projects = models.ManyToManyField(
        Project, related_name="opportunities", verbose_name=_("prosjekter")
    )
    measures = models.ManyToManyField(
        "strategy.Measure",
        related_name="project_opportunities",
        blank=True,
        verbose_name=_("tiltak i strategien"),
    )
    is_internal = models.BooleanField(
        _("intern"), default=False, help_text=_("Bare regionens medlemmer ser en intern mulighet.")
    )
    is_example = models.BooleanField(
        _("eksempel"), default=False, help_text=_("Demodata: ikke en ekte mulighet.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrert av"),
    )

    class Meta:
        verbose_name = _("mulighet i kjølvannet")
        verbose_name_plural = _("muligheter i kjølvannet")
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["region", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:opportunity-detail", args=[self.pk])
