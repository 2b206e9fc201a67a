"""Statistical series imported from Statistics Norway (SSB): observations and commuting flows."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samspill.regions.models import Municipality
from samspill.stats.notes import note_text


class Harmonisation(models.TextChoices):
    """How a row's municipality number was brought to today's structure (see ADR in decisions.md)."""

    ORIGINAL = "original", _("dagens kommunenummer")
    RENUMBERED = "renumbered", _("nytt kommunenummer")
    MERGED = "merged", _("sammenslåtte kommuner summert")
    SPLIT_UNAPPORTIONED = "split", _("delt kommune, ikke fordelt")
    ESTIMATED_BY_SOURCE = "estimated", _("fordelt av kilden (anslag)")


class Series(models.Model):
    """One statistical variable of an SSB table (e.g. 07459 population), with its provenance."""

    code = models.CharField(_("kode"), max_length=80, unique=True)
    table_number = models.CharField(_("tabellnummer"), max_length=10, db_index=True)
    contents = models.CharField(_("statistikkvariabel"), max_length=100)
    title = models.CharField(_("tittel"), max_length=300)
    unit = models.CharField(_("enhet"), max_length=60, blank=True)
    source = models.CharField(_("kilde"), max_length=100, default="Statistisk sentralbyrå")
    licence = models.CharField(_("lisens"), max_length=40, default="CC BY 4.0")
    dimensions = models.JSONField(
        _("dimensjoner"),
        default=dict,
        blank=True,
        help_text=_("Dimensjon → {label, categories: {kode: tekst}} utover region og tid."),
    )
    vintage = models.CharField(
        _("kommunenummerering"),
        max_length=200,
        blank=True,
        help_text=_("Hvilke kommunenumre filene brukte (årgang)."),
    )
    harmonisation_notes = models.JSONField(_("harmonisering"), default=list, blank=True)
    known_gaps = models.JSONField(_("kjente hull"), default=list, blank=True)
    source_files = models.JSONField(_("importerte filer"), default=list, blank=True)
    first_period = models.CharField(_("første periode"), max_length=10, blank=True)
    last_period = models.CharField(_("siste periode"), max_length=10, blank=True)
    imported_at = models.DateTimeField(_("importert"), null=True, blank=True)

    class Meta:
        verbose_name = _("statistikkserie")
        verbose_name_plural = _("statistikkserier")
        ordering = ["table_number", "code"]

    def __str__(self) -> str:
        return f"{self.table_number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("stats:series-list") + f"#{self.code}"

    @property
    def citation(self) -> str:
        return _("Kilde: %(source)s, tabell %(table)s. Lisens: %(licence)s.") % {
            "source": note_text(self.source),
            "table": self.table_number,
            "licence": self.licence,
        }


class Observation(models.Model):
    """A value of a series for one municipality (or the whole country), period and category."""

    series = models.ForeignKey(
        Series, on_delete=models.CASCADE, related_name="observations", verbose_name=_("serie")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kommune"),
        help_text=_("Tomt betyr hele landet."),
    )
    period = models.CharField(
        _("periode"), max_length=10, help_text=_("År (2024) eller kvartal (2024K4).")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    dimension_key = models.CharField(
        _("kategori"),
        max_length=200,
        blank=True,
        default="",
        help_text=_(
            "Kategorier utover region og tid, f.eks. «kjonn=2|alder=20-66»; tomt = totalt."
        ),
    )
    value = models.FloatField(_("verdi"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=4,
        blank=True,
        default="",
        help_text=_(
            "SSBs symbol: «.» ikke mulig, «..» mangler, «...» ikke ennå, «:» konfidensielt, «-» null."
        ),
    )
    harmonisation = models.CharField(
        _("harmonisering"),
        max_length=12,
        choices=Harmonisation.choices,
        default=Harmonisation.ORIGINAL,
    )
    harmonisation_note = models.CharField(_("merknad om harmonisering"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("observasjon")
        verbose_name_plural = _("observasjoner")
        ordering = ["series", "municipality", "period", "dimension_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "municipality", "period", "dimension_key"],
                condition=Q(municipality__isnull=False),
                name="%(app_label)s_%(class)s_unique_cell",
                violation_error_message=_("Cellen finnes allerede i serien."),
            ),
            models.UniqueConstraint(
                fields=["series", "period", "dimension_key"],
                condition=Q(municipality__isnull=True),
                name="%(app_label)s_%(class)s_unique_national_cell",
                violation_error_message=_("Cellen for hele landet finnes allerede i serien."),
            ),
        ]
        indexes = [
            models.Index(
                fields=["series", "dimension_key", "year"], name="stats_obs_series_key_year"
            ),
        ]

    def __str__(self) -> str:
        where = self.municipality_id or "0"
        return f"{self.series_id} {where} {self.period} {self.dimension_key}: {self.value}"


class CommutingFlow(models.Model):
    """Employed persons living in `residence` and working in `workplace` (SSB table 03321)."""

    # No single-column FK indexes: the unique index (series, year, residence, workplace) and the
    # (series, year, workplace) index serve every query; fewer indexes keep the import fast.
    # No database FK constraints either (db_constraint=False): PostgreSQL checks them row by row,
    # which doubled the import of a national matrix. The importer resolves every number against
    # Municipality inside the same transaction, and Django still enforces PROTECT/CASCADE.
    # See docs/decisions.md, "Commuting flows without database foreign keys".
    series = models.ForeignKey(
        Series,
        on_delete=models.CASCADE,
        related_name="flows",
        verbose_name=_("serie"),
        db_index=False,
        db_constraint=False,
    )
    year = models.PositiveSmallIntegerField(_("år"))
    residence = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("bostedskommune"),
        db_index=False,
        db_constraint=False,
    )
    workplace = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("arbeidsstedskommune"),
        db_index=False,
        db_constraint=False,
    )
    employed = models.PositiveIntegerField(_("sysselsatte"))
    harmonisation = models.CharField(
        _("harmonisering"),
        max_length=12,
        choices=Harmonisation.choices,
        default=Harmonisation.ORIGINAL,
    )

    class Meta:
        verbose_name = _("pendlingsstrøm")
        verbose_name_plural = _("pendlingsstrømmer")
        ordering = ["year", "residence", "workplace"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "year", "residence", "workplace"],
                name="%(app_label)s_%(class)s_unique_cell",
                violation_error_message=_("Denne strømmen finnes allerede for året."),
            )
        ]
        indexes = [
            models.Index(fields=["series", "year", "workplace"], name="stats_flow_year_workplace"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.residence_id} → {self.workplace_id} = {self.employed}"
