"""Shared knowledge: documents (uploaded files or memos written in Markdown) with versions,
decisions, the named groups documents can be shared with, and links to what they concern.

A document belongs to one region and has a visibility (public, the region's people, or a named
group). Its versions keep every upload and every memo edit with who and when; an approved version
is locked. What a document or a decision concerns is a generic link (content type + object id)
restricted to the allow-list in `links.py`, so later modules plug in without a migration here.
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samspill.core.models import TimeStampedModel, VersionedModel
from samspill.regions.models import Municipality, Region


class Visibility(models.TextChoices):
    """Who may read: ordered from the narrowest (GROUP) to the widest (PUBLIC)."""

    GROUP = "group", _("en navngitt gruppe")
    REGION = "region", _("regionens medlemmer")
    PUBLIC = "public", _("alle (offentlig)")


VISIBILITY_RANK = {Visibility.GROUP: 0, Visibility.REGION: 1, Visibility.PUBLIC: 2}


class DocumentKind(models.TextChoices):
    MEMO = "memo", _("notat")
    MINUTES = "minutes", _("referat")
    DECISION = "decision", pgettext_lazy("document kind", "vedtak")
    PLAN = "plan", _("plan")
    REPORT = "report", _("rapport")
    PRESENTATION = "presentation", _("presentasjon")
    TEMPLATE = "template", _("mal")
    OTHER = "other", _("annet")


class DocumentGroup(TimeStampedModel):
    """A named group of people a document can be shared with (e.g. a project's steering group)."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="document_groups", verbose_name=_("region")
    )
    name = models.CharField(_("navn"), max_length=200)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="document_groups",
        verbose_name=_("medlemmer"),
    )

    class Meta:
        verbose_name = _("dokumentgruppe")
        verbose_name_plural = _("dokumentgrupper")
        ordering = ["region__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"], name="%(app_label)s_%(class)s_unique_name"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.region})"


class LiveDocumentManager(models.Manager["Document"]):
    """Documents that are not in the trash: what every list, search and link starts from."""

    def get_queryset(self) -> models.QuerySet["Document"]:
        return super().get_queryset().filter(trashed_at__isnull=True)


class Document(VersionedModel, TimeStampedModel):
    """A document's metadata; its content is in its versions (files or Markdown).

    `Document.objects` hides documents in the trash; `Document.all_objects` (the default manager,
    so backups, admin and related lookups see everything) includes them."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="documents", verbose_name=_("region")
    )
    kind = models.CharField(
        _("type"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.MEMO
    )
    title = models.CharField(_("tittel"), max_length=300)
    summary = models.TextField(_("sammendrag"), blank=True)
    date = models.DateField(_("dato"), default=datetime.date.today)
    author_name = models.CharField(
        _("forfatter"), max_length=200, blank=True, help_text=_("Person eller organisasjon.")
    )
    municipalities = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="documents",
        verbose_name=_("berørte kommuner"),
    )
    tags = models.JSONField(_("stikkord"), default=list, blank=True)
    visibility = models.CharField(
        _("synlighet"), max_length=10, choices=Visibility.choices, default=Visibility.REGION
    )
    group = models.ForeignKey(
        DocumentGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("gruppe"),
    )
    is_reusable = models.BooleanField(
        _("gjenbrukbar mal"),
        default=False,
        help_text=_("Vises i malbiblioteket, og kan brukes som utgangspunkt for nye dokumenter."),
    )
    is_example = models.BooleanField(
        _("eksempel"), default=False, help_text=_("Demodata: ikke et ekte dokument.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrert av"),
    )
    trashed_at = models.DateTimeField(_("lagt i papirkurven"), null=True, blank=True)
    trashed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lagt i papirkurven av"),
    )

    all_objects: models.Manager["Document"] = models.Manager()
    objects = LiveDocumentManager()

    history_value_choices = {"kind": DocumentKind, "visibility": Visibility}

    class Meta:
        default_manager_name = "all_objects"
        verbose_name = _("dokument")
        verbose_name_plural = _("dokumenter")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(visibility="group", group__isnull=False)
                | (~Q(visibility="group") & Q(group__isnull=True)),
                name="%(app_label)s_%(class)s_group_iff_group_visibility",
                violation_error_message=_("Velg en gruppe når dokumentet deles med en gruppe."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:document-detail", kwargs={"pk": self.pk})


class DocumentVersion(TimeStampedModel):
    """One version of a document: an uploaded file (with its extracted text) or a Markdown memo."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="versions", verbose_name=_("dokument")
    )
    number = models.PositiveIntegerField(_("versjonsnummer"))
    file = models.FileField(_("fil"), upload_to="knowledge/%Y/%m/", blank=True, max_length=300)
    file_name = models.CharField(_("filnavn"), max_length=255, blank=True)
    file_type = models.CharField(_("filtype"), max_length=10, blank=True)
    content_type = models.CharField(_("innholdstype"), max_length=120, blank=True)
    size = models.PositiveBigIntegerField(_("størrelse (byte)"), default=0)
    sha256 = models.CharField(_("sjekksum (SHA-256)"), max_length=64, blank=True)
    body_markdown = models.TextField(_("tekst (Markdown)"), blank=True)
    extracted_text = models.TextField(_("uttrukket tekst"), blank=True)
    note = models.CharField(_("endringsnotat"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lastet opp av"),
    )
    approved_at = models.DateTimeField(_("godkjent"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("godkjent av"),
    )

    class Meta:
        verbose_name = _("dokumentversjon")
        verbose_name_plural = _("dokumentversjoner")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="%(app_label)s_%(class)s_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    @property
    def is_memo(self) -> bool:
        return not self.file


class DecisionBody(models.TextChoices):
    STEERING_GROUP = "steering_group", _("styringsgruppe")
    REGIONAL_COUNCIL = "regional_council", _("regionrådet")
    MUNICIPAL_COUNCIL = "municipal_council", _("kommunestyret")
    OTHER = "other", _("annet organ")


class Decision(VersionedModel, TimeStampedModel):
    """A decision made by a body, with the documents it rests on and what it concerns."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("region")
    )
    body = models.CharField(_("organ"), max_length=30, choices=DecisionBody.choices)
    body_name = models.CharField(
        _("organets navn"),
        max_length=200,
        blank=True,
        help_text=_("For eksempel «Kommunestyret i Bardu»."),
    )
    date = models.DateField(_("dato"))
    case_number = models.CharField(_("saksnummer"), max_length=60, blank=True)
    title = models.CharField(_("sak"), max_length=300)
    text = models.TextField(_("vedtakstekst"))
    visibility = models.CharField(
        _("synlighet"), max_length=10, choices=Visibility.choices, default=Visibility.REGION
    )
    documents = models.ManyToManyField(
        Document, blank=True, related_name="decisions", verbose_name=_("bygger på dokumentene")
    )
    is_example = models.BooleanField(
        _("eksempel"), default=False, help_text=_("Demodata: ikke et ekte vedtak.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrert av"),
    )

    history_value_choices = {"body": DecisionBody, "visibility": Visibility}

    class Meta:
        verbose_name = _("vedtak")
        verbose_name_plural = _("vedtak")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(visibility="group"),
                name="%(app_label)s_%(class)s_no_group_visibility",
                violation_error_message=_("Vedtak er offentlige eller for regionens medlemmer."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:decision-detail", kwargs={"pk": self.pk})


class ObjectLink(models.Model):
    """What a document or a decision concerns: one allowed object (see `links.py`)."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, null=True, blank=True, related_name="links"
    )
    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, null=True, blank=True, related_name="links"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = _("kobling")
        verbose_name_plural = _("koblinger")
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(document__isnull=False, decision__isnull=True)
                | Q(document__isnull=True, decision__isnull=False),
                name="%(app_label)s_%(class)s_one_owner",
            ),
            models.UniqueConstraint(
                fields=["document", "content_type", "object_id"],
                name="%(app_label)s_%(class)s_unique_document_link",
            ),
            models.UniqueConstraint(
                fields=["decision", "content_type", "object_id"],
                name="%(app_label)s_%(class)s_unique_decision_link",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.content_type.app_label}.{self.content_type.model}#{self.object_id}"
