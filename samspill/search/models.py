"""The search index: one row per searchable object, with who may see it.

Rows are written by `search.services` whenever the object changes (each app's services call it),
and rebuilt by `samspill search rebuild`. The full-text part lives beside the row: a `tsvector`
column with a GIN index on PostgreSQL, an FTS5 table (`search_fts`, rowid = this row's id) on SQLite
(see the migration and `search.backends`).
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from samspill.regions.models import Municipality, Region


class Kind(models.TextChoices):
    """What a hit is. New modules add their kind here and a provider in their `search.py`."""

    DOCUMENT = "document", _("Dokument")
    DECISION = "decision", _("Vedtak")
    MEASURE = "measure", _("Tiltak")
    STRATEGY = "strategy", _("Strategi")
    INQUIRY = "inquiry", _("Henvendelse")
    PROJECT = "project", _("Prosjekt")
    COLLABORATION = "collaboration", _("Samarbeidsprosjekt")
    AGREEMENT = "agreement", _("Avtale i samarbeidsprosjekt")
    MEETING = "meeting", _("Møte i samarbeidsprosjekt")
    STATUS_REPORT = "status_report", _("Statusrapport")
    CHALLENGE = "challenge", _("Innovasjonsutfordring")
    SITE = "site", _("Næringsareal og lokaler")
    REGION = "region", _("Region")
    MUNICIPALITY = "municipality", _("Kommune")


class Audience(models.TextChoices):
    """Who may find a hit (besides site administrators and the named readers)."""

    PUBLIC = "public", _("alle")
    # Anyone with a role in the region (coordinators, viewers, member municipalities' people) or in
    # the municipality (its business developers and viewers): the rule of strategies and measures.
    INTERNAL = "internal", _("regionens og kommunens folk")
    # The named readers, and the coordinators of the row's region (if it has one).
    READERS = "readers", _("bare navngitte brukere")


class SearchEntry(models.Model):
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("objekt"))
    title = models.CharField(_("tittel"), max_length=500)
    body = models.TextField(_("tekst"), blank=True)
    tags = models.CharField(_("stikkord"), max_length=500, blank=True)
    date = models.DateField(_("dato"), null=True, blank=True)
    # Where the hit leads: a URL name and its arguments, reversed in the reader's language.
    url_name = models.CharField(max_length=100)
    url_args = models.JSONField(default=list)

    audience = models.CharField(max_length=10, choices=Audience.choices)
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # Filters (the municipalities a hit concerns), distinct from the access scope above.
    municipalities = models.ManyToManyField(Municipality, blank=True, related_name="+")
    readers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    is_example = models.BooleanField(default=False)
    indexed_at = models.DateTimeField(auto_now=True)
    # PostgreSQL only (NULL and unused on SQLite, whose index is the FTS5 table).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("søkeoppføring")
        verbose_name_plural = _("søkeoppføringer")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique_object")
        ]
        indexes = [models.Index(fields=["audience", "region"]), models.Index(fields=["date"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title}"


class SearchTerm(models.Model):
    """One stem of the indexed text, or a head of one ("næringsareal" of "næringsarealplan"),
    written backwards, so that a query word finds the compounds that hold it at the end or in the
    middle ("areal" → "næringsareal", "næringsarealplan") by a prefix lookup (ADR 77, ADR 100).
    Only stems and heads long enough to hold a first part and a query word are kept; the
    vocabulary only grows (an entry that no longer occurs just expands to nothing), and a rebuild
    starts it afresh."""

    reversed = models.CharField(max_length=100, primary_key=True)

    def __str__(self) -> str:
        return self.reversed[::-1]
