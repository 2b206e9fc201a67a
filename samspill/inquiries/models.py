"""The business front door: inquiries, their follow-up, company facts, advisers and services.

Personal data (the contact person) lives in `InquiryContact`, apart from the inquiry, so it can be
shown only to those who may see it, exported, erased and purged after the retention period while
the inquiry itself stays in the statistics (docs/decisions.md).
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samspill.core.models import TimeStampedModel, VersionedModel
from samspill.inquiries.reports import company_identity_withheld
from samspill.regions.models import Municipality, Region


class Need(models.TextChoices):
    """What a business asks for; also the competence areas of advisers."""

    SITE = "site", _("tomt / næringsareal")
    PREMISES = "premises", _("lokaler")
    COMPETENCE = "competence", _("kompetanse / rekruttering")
    FUNDING = "funding", _("finansiering")
    PERMITS = "permits", _("tillatelser og planarbeid")
    NETWORK = "network", _("nettverk")
    STARTUP = "startup", _("etablererveiledning")
    OTHER = "other", _("annet")


SOLE_PROPRIETORSHIP_CODE = "ENK"


class Company(TimeStampedModel):
    """A unit in Enhetsregisteret, by organisation number, with the facts fetched from it."""

    class FactsStatus(models.TextChoices):
        PENDING = "pending", _("ikke hentet ennå")
        FOUND = "found", _("hentet")
        NOT_FOUND = "not_found", _("finnes ikke i Enhetsregisteret")
        REMOVED = "removed", _("slettet fra Enhetsregisteret")

    organisation_number = models.CharField(_("organisasjonsnummer"), max_length=9, unique=True)
    name = models.CharField(_("navn i Enhetsregisteret"), max_length=300, blank=True)
    organisation_form = models.CharField(_("organisasjonsform"), max_length=150, blank=True)
    organisation_form_code = models.CharField(
        _("organisasjonsformkode"),
        max_length=10,
        blank=True,
        help_text=_("Enhetsregisterets kode, for eksempel AS eller ENK (enkeltpersonforetak)."),
    )
    business_address = models.CharField(_("forretningsadresse"), max_length=300, blank=True)
    postal_code = models.CharField(_("postnummer"), max_length=10, blank=True)
    postal_place = models.CharField(_("poststed"), max_length=100, blank=True)
    municipality_number = models.CharField(_("kommunenummer"), max_length=4, blank=True)
    industry_code = models.CharField(_("næringskode"), max_length=10, blank=True)
    industry_description = models.CharField(_("næring"), max_length=300, blank=True)
    employees = models.PositiveIntegerField(_("antall ansatte"), null=True, blank=True)
    bankrupt = models.BooleanField(_("konkurs"), default=False)
    under_liquidation = models.BooleanField(_("under avvikling"), default=False)
    facts_status = models.CharField(
        _("status for opplysningene"),
        max_length=12,
        choices=FactsStatus.choices,
        default=FactsStatus.PENDING,
    )
    facts_fetched_at = models.DateTimeField(_("hentet"), null=True, blank=True)
    facts_attempted_at = models.DateTimeField(_("sist forsøkt hentet"), null=True, blank=True)
    facts_error = models.CharField(_("siste feil ved henting"), max_length=300, blank=True)
    facts_failures = models.PositiveSmallIntegerField(
        _("mislykkede forsøk på rad"), default=0, editable=False
    )
    facts_retry_at = models.DateTimeField(_("prøves igjen"), null=True, blank=True)

    class Meta:
        verbose_name = _("foretak")
        verbose_name_plural = _("foretak")
        ordering = ["organisation_number"]

    def __str__(self) -> str:
        return f"{self.organisation_number} {self.name}".strip()

    @property
    def is_sole_proprietorship(self) -> bool:
        """An enkeltpersonforetak (ENK): its name is usually its owner's name (personal data)."""
        return self.organisation_form_code.upper() == SOLE_PROPRIETORSHIP_CODE or (
            self.organisation_form.strip().lower() == "enkeltpersonforetak"
        )

    @property
    def facts_unreachable(self) -> bool:
        """The register could not be reached at the last attempt and has not answered since."""
        return self.facts_status == self.FactsStatus.PENDING and bool(self.facts_error)


class Inquiry(VersionedModel, TimeStampedModel):
    """One business's request for help, registered once for the whole region."""

    class Status(models.TextChoices):
        NEW = "new", _("ny")
        ASSIGNED = "assigned", _("tildelt")
        IN_DIALOGUE = "in_dialogue", _("i dialog")
        OFFER_MADE = "offer_made", _("tilbud gitt")
        ESTABLISHED = "established", _("etablert")
        LOST = "lost", _("tapt")
        WITHDRAWN = "withdrawn", _("trukket")

    CLOSED_STATUSES = (Status.ESTABLISHED, Status.LOST, Status.WITHDRAWN)

    class Timing(models.TextChoices):
        NOW = "now", _("så snart som mulig")
        WITHIN_6_MONTHS = "6m", _("innen seks måneder")
        WITHIN_YEAR = "12m", _("innen ett år")
        LATER = "later", _("senere enn ett år")
        UNKNOWN = "unknown", _("vet ikke ennå")

    class Source(models.TextChoices):
        PUBLIC_FORM = "public_form", _("skjema på nett")
        STAFF = "staff", _("registrert av næringsutvikler")

    class LostReason(models.TextChoices):
        NO_SUITABLE_SITE = "no_site", _("fant ingen egnet tomt")
        NO_SUITABLE_PREMISES = "no_premises", _("fant ingen egnede lokaler")
        OTHER_REGION = "other_region", _("valgte en annen region")
        NO_COMPETENCE = "no_competence", _("fant ikke kompetansen / arbeidskraften")
        NO_FUNDING = "no_funding", _("fikk ikke finansiering")
        PERMITS = "permits", _("tillatelser eller plan kom ikke på plass")
        PROJECT_STOPPED = "stopped", _("bedriften la prosjektet bort")
        OTHER = "other", _("annet")

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="inquiries", verbose_name=_("region")
    )
    case_number = models.CharField(
        _("saksnummer"),
        max_length=24,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Regionens kortnavn, år og løpenummer, for eksempel SOR-2026-0042."),
    )
    company = models.ForeignKey(
        Company,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inquiries",
        verbose_name=_("foretak"),
    )
    company_name = models.CharField(_("bedriftens navn"), max_length=300)
    needs = models.JSONField(_("behov"), default=list)
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="inquiries", verbose_name=_("kommuner")
    )
    anywhere_in_region = models.BooleanField(_("hvor som helst i regionen"), default=False)
    area_m2 = models.PositiveIntegerField(
        _("areal (m²)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    employees = models.PositiveIntegerField(_("ansatte i dag"), null=True, blank=True)
    jobs_expected = models.PositiveIntegerField(
        _("nye arbeidsplasser det kan gi"), null=True, blank=True
    )
    timing = models.CharField(
        _("når"), max_length=10, choices=Timing.choices, default=Timing.UNKNOWN
    )
    description = models.TextField(_("beskrivelse"), blank=True)
    source = models.CharField(_("kilde"), max_length=12, choices=Source.choices)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registered_inquiries",
        verbose_name=_("registrert av"),
    )
    is_example = models.BooleanField(
        _("eksempel"), default=False, help_text=_("Demodata: ikke en ekte henvendelse.")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW, db_index=True
    )
    assigned_advisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="assigned_inquiries",
        verbose_name=_("tildelte rådgivere"),
    )
    first_response_at = models.DateTimeField(_("første oppfølging"), null=True, blank=True)
    closed_at = models.DateTimeField(_("avsluttet"), null=True, blank=True)
    outcome_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="established_inquiries",
        verbose_name=_("etablert i kommune"),
    )
    jobs_created = models.PositiveIntegerField(_("arbeidsplasser skapt"), null=True, blank=True)
    lost_reason = models.CharField(
        _("årsak til tap"), max_length=16, choices=LostReason.choices, blank=True
    )
    outcome_note = models.TextField(_("om utfallet"), blank=True)
    unmet_needs = models.JSONField(
        _("behov som ikke ble dekket"),
        default=list,
        blank=True,
        help_text=_(
            "Etterspørsel regionen ikke kunne møte; grunnlag for rapporten om udekket behov."
        ),
    )
    personal_data_erased_at = models.DateTimeField(
        _("personopplysninger slettet"), null=True, blank=True
    )
    form_token = models.CharField(
        _("skjemanøkkel"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_(
            "SHA-256 av det offentlige skjemaets engangsnøkkel: én henvendelse per utfylling."
        ),
    )

    receipt_mailed_at = models.DateTimeField(
        _("kvittering sendt på e-post"), null=True, blank=True, editable=False
    )

    history_value_choices = {"needs": Need, "unmet_needs": Need}  # codes in JSON lists

    class Meta:
        verbose_name = _("henvendelse")
        verbose_name_plural = _("henvendelser")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["region", "status"], name="inquiry_region_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="established") | Q(outcome_municipality__isnull=False),
                name="%(app_label)s_%(class)s_established_has_place",
                violation_error_message=_("Oppgi hvilken kommune bedriften etablerte seg i."),
            ),
            models.CheckConstraint(
                condition=~Q(status="lost") | ~Q(lost_reason=""),
                name="%(app_label)s_%(class)s_lost_has_reason",
                violation_error_message=_("Oppgi hvorfor henvendelsen ble tapt."),
            ),
            models.UniqueConstraint(
                fields=["form_token"],
                condition=~Q(form_token=""),
                name="%(app_label)s_%(class)s_form_token_once",
                violation_error_message=_("Dette skjemaet er allerede sendt."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.company_name}"

    @property
    def company_identity_withheld(self) -> str:
        """Why name and number stay out of views without personal data ('' when they need not)."""
        company = self.company
        return company_identity_withheld(
            organisation_number=company.organisation_number if company else "",
            facts_status=company.facts_status if company else "",
            form_code=company.organisation_form_code if company else "",
            form=company.organisation_form if company else "",
        )

    @property
    def reference(self) -> str:
        """The case number the business and staff refer to (older rows: the id)."""
        return self.case_number or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("inquiries:inquiry-detail", kwargs={"pk": self.pk})

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED_STATUSES

    @property
    def area_daa(self) -> Decimal | None:
        return None if self.area_m2 is None else Decimal(self.area_m2) / 1000

    def need_labels(self) -> list[str]:
        labels = dict(Need.choices)
        return [str(labels.get(need, need)) for need in self.needs]

    def unmet_need_labels(self) -> list[str]:
        labels = dict(Need.choices)
        return [str(labels.get(need, need)) for need in self.unmet_needs]


class CaseNumberCounter(models.Model):
    """The last case number given per prefix and year; incremented under a row lock."""

    prefix = models.CharField(_("prefiks"), max_length=8)
    year = models.PositiveSmallIntegerField(_("år"))
    last = models.PositiveIntegerField(_("siste nummer"), default=0)

    class Meta:
        verbose_name = _("saksnummerteller")
        verbose_name_plural = _("saksnummertellere")
        constraints = [
            models.UniqueConstraint(
                fields=["prefix", "year"], name="%(app_label)s_%(class)s_one_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last}"


class InquiryContact(VersionedModel, TimeStampedModel):
    """The contact person of an inquiry: personal data, kept apart so it can be erased."""

    inquiry = models.OneToOneField(
        Inquiry, on_delete=models.CASCADE, related_name="contact", verbose_name=_("henvendelse")
    )
    name = models.CharField(_("navn"), max_length=200)
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")

    def __str__(self) -> str:
        return str(_("Kontaktperson for henvendelse #%(pk)s") % {"pk": self.inquiry_id})


class InquiryNote(TimeStampedModel):
    """A dated note on the follow-up, optionally with a next step and its due date."""

    inquiry = models.ForeignKey(
        Inquiry, on_delete=models.CASCADE, related_name="notes", verbose_name=_("henvendelse")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="inquiry_notes",
        verbose_name=_("skrevet av"),
    )
    text = models.TextField(_("notat"))
    next_step = models.CharField(_("neste steg"), max_length=300, blank=True)
    due_date = models.DateField(_("frist for neste steg"), null=True, blank=True)
    done_at = models.DateTimeField(_("utført"), null=True, blank=True)

    class Meta:
        verbose_name = _("notat")
        verbose_name_plural = _("notater")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.inquiry_id}: {self.text[:50]}"

    def is_overdue(self, today: datetime.date) -> bool:
        return self.due_date is not None and self.done_at is None and self.due_date < today


class AdviserProfile(VersionedModel, TimeStampedModel):
    """A business developer's competence profile, for routing and the region's directory."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="adviser_profile",
        verbose_name=_("rådgiver"),
    )
    competence_areas = models.JSONField(_("kompetanseområder"), default=list, blank=True)
    specialities = models.CharField(
        _("spisskompetanse"),
        max_length=300,
        blank=True,
        help_text=_("For eksempel: havbruk, reiseliv, forsvarsrelatert næring."),
    )
    phone = models.CharField(_("telefon (jobb)"), max_length=30, blank=True)
    accepts_inquiries = models.BooleanField(_("tar imot henvendelser"), default=True)

    history_value_choices = {"competence_areas": Need}  # codes in a JSON list

    class Meta:
        verbose_name = _("rådgiverprofil")
        verbose_name_plural = _("rådgiverprofiler")

    def __str__(self) -> str:
        return str(self.user)

    def competence_labels(self) -> list[str]:
        labels = dict(Need.choices)
        return [str(labels.get(area, area)) for area in self.competence_areas]


class MunicipalityService(VersionedModel, TimeStampedModel):
    """How one municipality's business service is organised and staffed (seed 004's table)."""

    municipality = models.OneToOneField(
        Municipality,
        on_delete=models.CASCADE,
        related_name="business_service",
        verbose_name=_("kommune"),
    )
    organisation = models.CharField(_("hvordan tjenesten er organisert"), max_length=300)
    person_years = models.DecimalField(
        _("årsverk i egen organisasjon"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    person_years_text = models.CharField(
        _("tilgjengelige årsverk (som oppgitt)"), max_length=300, blank=True
    )
    bought_first_line_service = models.BooleanField(_("kjøper førstelinjetjeneste"), default=False)
    bought_from = models.CharField(_("kjøpt fra"), max_length=200, blank=True)
    bought_person_years = models.DecimalField(
        _("kjøpte årsverk"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    business_association = models.BooleanField(_("næringsforening"), default=False)
    contact_points = models.TextField(_("kontaktpunkter"), blank=True)
    source = models.CharField(_("kilde"), max_length=300, blank=True)
    facts_as_of = models.DateField(
        _("opplysningene gjelder per"),
        null=True,
        blank=True,
        help_text=_("Datoen opplysningene sist ble sjekket (fra kilden eller av kommunen)."),
    )

    class Meta:
        verbose_name = _("kommunens næringstjeneste")
        verbose_name_plural = _("kommunenes næringstjenester")
        ordering = ["municipality__number"]

    def __str__(self) -> str:
        return f"{self.municipality.name}: {self.organisation}"

    @property
    def total_person_years(self) -> Decimal:
        return self.person_years + self.bought_person_years


class RoutingRule(TimeStampedModel):
    """Send new inquiries with this need (or any) in this municipality (or any) to an adviser."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="routing_rules", verbose_name=_("region")
    )
    need = models.CharField(
        _("behov"),
        max_length=12,
        choices=Need.choices,
        blank=True,
        help_text=_("Tomt: alle behov."),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="routing_rules",
        verbose_name=_("kommune"),
        help_text=_("Tom: hvor som helst i regionen."),
    )
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="routing_rules",
        verbose_name=_("rådgiver"),
    )
    priority = models.PositiveSmallIntegerField(
        _("prioritet"),
        default=100,
        help_text=_("Lavere tall vinner når flere regler passer like godt."),
    )
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("rutingsregel")
        verbose_name_plural = _("rutingsregler")
        ordering = ["region", "priority", "id"]

    def __str__(self) -> str:
        need = self.get_need_display() or _("alle behov")
        place = self.municipality.name if self.municipality else _("hele regionen")
        return f"{need} / {place} → {self.adviser}"
