"""The regional register of business land and premises (ADR 51).

One table, `Site`, holds the three kinds a municipality registers: a business area
(næringsområde), a plot (tomt) inside an area, and premises (lokaler). They share almost every
field a business searches by (place, size, readiness, zoning, infrastructure, price, availability),
so one search, one map and one matching function cover all three; `parent` ties plots and premises
to their area. Geometry is GeoJSON in WGS84 as drawn or uploaded; the measures used by the search
(area in daa, the centroid and the geometry in UTM 33N as WKB) are derived on every save by the
services through `samspill.geo.shapes`, so a search never re-projects.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samspill.core.models import TimeStampedModel, VersionedModel
from samspill.inquiries.models import Inquiry
from samspill.regions.models import Municipality


class Kind(models.TextChoices):
    AREA = "area", _("næringsområde")
    PLOT = "plot", _("tomt")
    PREMISES = "premises", _("lokaler")


class Readiness(models.TextChoices):
    NOW = "now", _("klar nå")
    WITHIN_12_MONTHS = "12m", _("klar innen 12 måneder")
    LATER = "later", _("senere")


READINESS_RANK = {Readiness.NOW: 0, Readiness.WITHIN_12_MONTHS: 1, Readiness.LATER: 2}


class ZoningStatus(models.TextChoices):
    ZONED = "zoned", _("regulert")
    AREA_PLAN = "area_plan", _("avsatt i kommuneplanens arealdel, ikke regulert")
    NOT_ZONED = "not_zoned", _("ikke avsatt")


class Purpose(models.TextChoices):
    """The zoning purpose (formål) as a business reads it."""

    INDUSTRY = "industry", _("industri")
    LOGISTICS = "logistics", _("lager og logistikk")
    OFFICE = "office", _("kontor")
    RETAIL = "retail", _("handel")
    MIXED = "mixed", _("kombinert næring")
    PORT = "port", _("havn og sjørettet næring")


class LandCover(models.TextChoices):
    GREY = "grey", _("allerede utbygd (grått areal)")
    FARMLAND = "farmland", _("dyrket mark")
    FOREST = "forest", _("skog")
    BOG = "bog", _("myr")
    OTHER = "other", _("annet")


class Availability(models.TextChoices):
    AVAILABLE = "available", _("ledig")
    RESERVED = "reserved", _("reservert")
    SOLD = "sold", _("solgt eller utleid")


class OwnerKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("kommunen")
    PRIVATE = "private", _("privat")


class PremisesType(models.TextChoices):
    OFFICE = "office", _("kontor")
    WAREHOUSE = "warehouse", _("lager")
    PRODUCTION = "production", _("produksjon")
    RETAIL = "retail", _("handel")
    MIXED = "mixed", _("kombinert")


class Infrastructure(models.TextChoices):
    """The facilities a search or an inquiry can ask for (booleans on Site, one name each)."""

    RAIL = "rail", _("jernbanespor")
    PORT = "port", _("kai / havn")
    WATER = "water", _("vann og avløp")
    POWER = "power", _("strøm (oppgitt kapasitet)")


class Site(VersionedModel, TimeStampedModel):
    """A business area, plot or premises registered by its municipality."""

    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.AREA)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("i næringsområdet"),
        limit_choices_to={"kind": Kind.AREA},
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="land_sites", verbose_name=_("kommune")
    )
    name = models.CharField(_("navn"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    external_id = models.CharField(
        _("kommunens id"),
        max_length=60,
        blank=True,
        help_text=_("Kommunens egen nøkkel; en ny import med samme id oppdaterer stedet."),
    )
    geometry = models.JSONField(_("geometri (GeoJSON, WGS84)"))
    # Derived on save (services): never edited directly.
    measured_daa = models.FloatField(_("målt areal (daa)"), default=0, editable=False)
    search_daa = models.FloatField(
        _("søkbart areal (daa)"), default=0, editable=False, db_index=True
    )
    centroid_lat = models.FloatField(_("breddegrad"), default=0, editable=False)
    centroid_lon = models.FloatField(_("lengdegrad"), default=0, editable=False)
    metric_wkb = models.BinaryField(_("geometri i UTM 33N"), default=b"", editable=False)
    outside_municipality = models.BooleanField(
        _("utenfor kommunen"),
        default=False,
        editable=False,
        help_text=_("Geometrien ligger ikke (helt) innenfor kommunegrensen den er registrert i."),
    )

    gross_daa = models.DecimalField(
        _("bruttoareal (daa)"),
        max_digits=10,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    net_daa = models.DecimalField(
        _("nettoareal (daa)"),
        max_digits=10,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Det som kan bygges ut, uten veier, grøntdrag og skråninger."),
    )
    zoning_status = models.CharField(
        _("planstatus"), max_length=12, choices=ZoningStatus.choices, default=ZoningStatus.ZONED
    )
    plan_id = models.CharField(_("plan-ID"), max_length=40, blank=True)
    purpose = models.CharField(
        _("formål"), max_length=12, choices=Purpose.choices, default=Purpose.INDUSTRY
    )
    plan_conditions = models.TextField(
        _("vilkår i planen"), blank=True, help_text=_("For eksempel rekkefølgekrav.")
    )
    needs_detailed_zoning = models.BooleanField(_("krever detaljregulering"), default=False)
    readiness = models.CharField(
        _("byggeklar"), max_length=6, choices=Readiness.choices, default=Readiness.NOW
    )
    readiness_blockers = models.TextField(
        _("hva som hindrer"), blank=True, help_text=_("Hva som må på plass før arealet er klart.")
    )
    land_cover = models.CharField(
        _("arealdekke i dag"), max_length=10, choices=LandCover.choices, default=LandCover.GREY
    )
    road = models.CharField(_("vei"), max_length=100, blank=True)
    main_road_km = models.DecimalField(
        _("avstand til hovedvei (km)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    has_rail = models.BooleanField(_("jernbanespor"), default=False)
    has_port = models.BooleanField(_("kai / havn"), default=False)
    has_water = models.BooleanField(_("vann og avløp"), default=False)
    power_mw = models.DecimalField(
        _("strømkapasitet (MW)"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    price_per_m2 = models.PositiveIntegerField(
        _("pris (kr per m²)"),
        null=True,
        blank=True,
        help_text=_("Tomt: kjøpspris. Lokaler: årlig leie. Tomt betyr pris etter avtale."),
    )
    owner_kind = models.CharField(
        _("eier"), max_length=12, choices=OwnerKind.choices, default=OwnerKind.MUNICIPALITY
    )
    owner_name = models.CharField(_("eiers navn"), max_length=200, blank=True)
    contact_name = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-post"), blank=True)
    contact_phone = models.CharField(_("telefon"), max_length=30, blank=True)
    availability = models.CharField(
        _("tilgjengelighet"),
        max_length=10,
        choices=Availability.choices,
        default=Availability.AVAILABLE,
        db_index=True,
    )
    available_from = models.DateField(_("ledig fra"), null=True, blank=True)
    available_to = models.DateField(_("ledig til"), null=True, blank=True)
    premises_type = models.CharField(
        _("type lokaler"), max_length=12, choices=PremisesType.choices, blank=True
    )
    floor_area_m2 = models.PositiveIntegerField(_("gulvareal (m²)"), null=True, blank=True)
    ceiling_height_m = models.DecimalField(
        _("takhøyde (m)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    is_published = models.BooleanField(_("publisert"), default=False, db_index=True)
    is_example = models.BooleanField(
        _("eksempel"), default=False, help_text=_("Demodata: ikke et ekte areal.")
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
        verbose_name = _("næringsareal")
        verbose_name_plural = _("næringsarealer")
        ordering = ["municipality__number", "name", "id"]
        indexes = [
            models.Index(fields=["is_published", "kind"], name="land_site_published_kind"),
            models.Index(fields=["municipality", "external_id"], name="land_site_external"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(net_daa__isnull=True)
                | Q(gross_daa__isnull=True)
                | Q(net_daa__lte=models.F("gross_daa")),
                name="%(app_label)s_%(class)s_net_not_above_gross",
                violation_error_message=_("Nettoarealet kan ikke være større enn bruttoarealet."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("land:site-detail", kwargs={"pk": self.pk})

    @property
    def size_daa(self) -> float:
        """What a search compares: net area, else gross, else the measured area (premises: m²/1000)."""
        if self.kind == Kind.PREMISES and self.floor_area_m2:
            return self.floor_area_m2 / 1000
        for value in (self.net_daa, self.gross_daa):
            if value is not None:
                return float(value)
        return self.measured_daa

    def infrastructure(self) -> list[str]:
        result: list[str] = []
        if self.has_rail:
            result.append(Infrastructure.RAIL)
        if self.has_port:
            result.append(Infrastructure.PORT)
        if self.has_water:
            result.append(Infrastructure.WATER)
        if self.power_mw:
            result.append(Infrastructure.POWER)
        return result


class SitePhoto(TimeStampedModel):
    """A photo of a site uploaded by its editors (PNG or JPEG, checked by content), with alt text."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("bilde"), max_length=255)
    file_type = models.CharField(_("filtype"), max_length=10)
    size = models.PositiveIntegerField(_("størrelse (byte)"), default=0)
    alt_text = models.CharField(
        _("alternativ tekst"),
        max_length=300,
        help_text=_("Hva bildet viser, for dem som ikke ser det (skjermleser, faktaark)."),
    )
    position = models.PositiveIntegerField(_("rekkefølge"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lastet opp av"),
    )

    class Meta:
        verbose_name = _("bilde av areal")
        verbose_name_plural = _("bilder av arealer")
        ordering = ["site", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(alt_text=""),
                name="%(app_label)s_%(class)s_alt_text_required",
                violation_error_message=_("Skriv en alternativ tekst for bildet."),
            ),
        ]

    def __str__(self) -> str:
        return self.alt_text

    def get_absolute_url(self) -> str:
        return reverse("land:site-photo", kwargs={"pk": self.site_id, "photo": self.pk})

    @property
    def content_type(self) -> str:
        return "image/png" if self.file_type == "png" else "image/jpeg"


class SiteSnapshot(models.Model):
    """What a site looked like after each change: the land accounts read the history from here."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="snapshots")
    taken_at = models.DateTimeField(_("tidspunkt"), db_index=True)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    readiness = models.CharField(max_length=6, choices=Readiness.choices)
    land_cover = models.CharField(max_length=10, choices=LandCover.choices)
    availability = models.CharField(max_length=10, choices=Availability.choices)
    size_daa = models.FloatField()
    is_published = models.BooleanField()

    class Meta:
        verbose_name = _("øyeblikksbilde")
        verbose_name_plural = _("øyeblikksbilder")
        ordering = ["site_id", "taken_at", "id"]

    def __str__(self) -> str:
        return f"{self.site_id} {self.taken_at:%Y-%m-%d %H:%M}"


class LandCriteria(VersionedModel, TimeStampedModel):
    """What an inquiry asks of land or premises beyond what the front door records (ADR 53)."""

    inquiry = models.OneToOneField(
        Inquiry,
        on_delete=models.CASCADE,
        related_name="land_criteria",
        verbose_name=_("henvendelse"),
    )
    kind = models.CharField(
        _("ser etter"),
        max_length=10,
        choices=Kind.choices,
        blank=True,
        help_text=_("Tomt betyr alle."),
    )
    purpose = models.CharField(_("formål"), max_length=12, choices=Purpose.choices, blank=True)
    min_daa = models.DecimalField(
        _("minst (daa)"), max_digits=10, decimal_places=1, null=True, blank=True
    )
    max_daa = models.DecimalField(
        _("høyst (daa)"), max_digits=10, decimal_places=1, null=True, blank=True
    )
    readiness = models.CharField(
        _("må være klar"), max_length=6, choices=Readiness.choices, blank=True
    )
    infrastructure = models.JSONField(_("infrastruktur"), default=list, blank=True)
    near_point = models.CharField(_("nær"), max_length=40, blank=True)
    max_km = models.PositiveIntegerField(_("høyst km fra punktet"), null=True, blank=True)

    class Meta:
        verbose_name = _("arealbehov")
        verbose_name_plural = _("arealbehov")

    def __str__(self) -> str:
        return str(self.inquiry)


class Selection(TimeStampedModel):
    """Sites an adviser picked for an inquiry, shown to the business behind an unguessable link."""

    inquiry = models.ForeignKey(
        Inquiry,
        on_delete=models.CASCADE,
        related_name="land_selections",
        verbose_name=_("henvendelse"),
    )
    token = models.CharField(_("lenkenøkkel"), max_length=64, unique=True, editable=False)
    sites = models.ManyToManyField(Site, related_name="selections", verbose_name=_("arealer"))
    message = models.TextField(_("melding til bedriften"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("utvalg")
        verbose_name_plural = _("utvalg")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.inquiry} ({self.created_at:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("land:selection-public", kwargs={"token": self.token})


class Reservation(TimeStampedModel):
    """A site held for an inquiry; at most one active reservation per site."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="reservations")
    inquiry = models.ForeignKey(Inquiry, on_delete=models.PROTECT, related_name="land_reservations")
    reserved_until = models.DateField(_("reservert til"), null=True, blank=True)
    note = models.TextField(_("merknad"), blank=True)
    reserved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    released_at = models.DateTimeField(_("frigitt"), null=True, blank=True)

    class Meta:
        verbose_name = _("reservasjon")
        verbose_name_plural = _("reservasjoner")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["site"],
                condition=Q(released_at__isnull=True),
                name="%(app_label)s_%(class)s_one_active_per_site",
                violation_error_message=_("Arealet er allerede reservert."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.site} → {self.inquiry}"


class UnmetLandDemand(TimeStampedModel):
    """An inquiry the register could not serve, with the criteria no site met (ADR 54)."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="unmet_land_demand")
    kind = models.CharField(max_length=10, choices=Kind.choices, blank=True)
    min_daa = models.FloatField(null=True, blank=True)
    failed_criteria = models.JSONField(_("kriterier ingen oppfylte"), default=list)
    candidates_checked = models.PositiveIntegerField(default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("udekket arealbehov")
        verbose_name_plural = _("udekkede arealbehov")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return str(self.inquiry)
