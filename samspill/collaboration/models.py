"""Collaboration projects between municipalities: stages, roles, plan, budget, council adoption,
meetings.

A project belongs to a region (optional) and a set of participating municipalities. Its plan has
activities, milestones and decision points; a decision point may need the adoption of every
participating council (`CouncilTreatment` rows). The budget has cost lines, financing sources and
cost-allocation keys (the arithmetic is in `samspill.analytics.allocation`).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from samspill.core.models import TimeStampedModel, VersionedModel
from samspill.regions.models import Municipality, Region
from samspill.strategy.models import Goal


class Stage(models.TextChoices):
    PRE_STUDY = "pre_study", _("forstudie")
    PRE_PROJECT = "pre_project", _("forprosjekt")
    MAIN_PROJECT = "main_project", _("hovedprosjekt")
    OPERATION = "operation", _("drift")
    COMPANY = "company", _("felleseid selskap")


class Project(VersionedModel, TimeStampedModel):
    """A collaboration project (one stage; `previous` links the stages together)."""

    title = models.CharField(_("tittel"), max_length=200)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="collaboration_projects",
        verbose_name=_("region"),
    )
    municipalities = models.ManyToManyField(
        Municipality, related_name="collaboration_projects", verbose_name=_("deltakende kommuner")
    )
    stage = models.CharField(_("fase"), max_length=20, choices=Stage.choices)
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_stages",
        verbose_name=_("forrige fase"),
    )
    purpose = models.TextField(_("formål"), blank=True)
    improvements = models.TextField(_("hva vi ønsker å forbedre"), blank=True)
    goals = models.ManyToManyField(
        Goal, blank=True, related_name="collaboration_projects", verbose_name=_("strategiens mål")
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("slutt"), null=True, blank=True)
    is_published = models.BooleanField(
        _("publisert"),
        default=False,
        help_text=_("Publiserte prosjekter vises for alle: formål, fase, plan og roller."),
    )
    source = models.CharField(_("kilde"), max_length=300, blank=True)
    is_example = models.BooleanField(_("eksempel"), default=False)

    class Meta:
        verbose_name = _("samarbeidsprosjekt")
        verbose_name_plural = _("samarbeidsprosjekter")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("collaboration:project-detail", kwargs={"pk": self.pk})


class RoleKind(models.TextChoices):
    OWNER = "owner", _("prosjekteier")
    CLIENT = "client", _("oppdragsgiver")
    RESPONSIBLE = "responsible", _("prosjektansvarlig")
    MANAGER = "manager", _("prosjektleder")
    GROUP = "group", _("prosjektgruppe")
    STEERING = "steering", _("styringsgruppe (medlem)")
    OBSERVER = "observer", _("styringsgruppe (observatør)")


ROLE_ORDER = [kind.value for kind in RoleKind]


class ProjectRole(VersionedModel, TimeStampedModel):
    """A person (or an organisation, for owners and the client) in one of the project's roles."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="roles", verbose_name=_("prosjekt")
    )
    kind = models.CharField(_("rolle"), max_length=20, choices=RoleKind.choices)
    name = models.CharField(_("navn"), max_length=200)
    title = models.CharField(_("tittel"), max_length=200, blank=True)
    organisation = models.CharField(_("organisasjon"), max_length=200, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="collaboration_roles",
        verbose_name=_("bruker i Samspill"),
    )

    class Meta:
        verbose_name = _("rolle i prosjekt")
        verbose_name_plural = _("roller i prosjekt")
        ordering = ["project", "kind", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"


class Activity(VersionedModel, TimeStampedModel):
    """A piece of work in the plan (a workshop, a visit), with its expected result."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="activities", verbose_name=_("prosjekt")
    )
    code = models.CharField(_("kode"), max_length=20, blank=True)
    title = models.CharField(_("tittel"), max_length=300)
    result = models.TextField(_("resultat / dokumentasjon"), blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("slutt"), null=True, blank=True)
    is_done = models.BooleanField(_("gjennomført"), default=False)

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["project", "code", "pk"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()


class Milestone(VersionedModel, TimeStampedModel):
    """A state or event that marks progress, on a date; reached or not."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("prosjekt")
    )
    number = models.CharField(_("nummer"), max_length=10)
    date = models.DateField(_("dato"))
    marker = models.CharField(_("tilstand/hendelse"), max_length=300)
    reached_on = models.DateField(_("nådd"), null=True, blank=True)

    class Meta:
        verbose_name = _("milepæl")
        verbose_name_plural = _("milepæler")
        ordering = ["project", "number", "pk"]

    def __str__(self) -> str:
        return f"{self.number} {self.marker}"


class DecisionPoint(VersionedModel, TimeStampedModel):
    """A point where the project may only go on after a decision (BP 1, BP 2)."""

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="decision_points",
        verbose_name=_("prosjekt"),
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    date = models.DateField(_("dato"))
    topic = models.CharField(_("tema"), max_length=300)
    documentation = models.CharField(_("dokumentasjon som kreves"), max_length=300, blank=True)
    decided_by = models.CharField(_("hvem beslutter"), max_length=200, blank=True)
    needs_all_councils = models.BooleanField(_("krever vedtak i alle kommunestyrer"), default=False)
    decision_text = models.TextField(_("beslutning"), blank=True)
    decided_on = models.DateField(_("besluttet dato"), null=True, blank=True)
    decision_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beslutning registrert av"),
    )
    decision_by_name = models.CharField(_("besluttet av"), max_length=200, blank=True)
    override_reason = models.TextField(_("begrunnelse for overstyring"), blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("overstyrt av"),
    )
    override_at = models.DateTimeField(_("overstyrt"), null=True, blank=True)

    class Meta:
        verbose_name = _("beslutningspunkt")
        verbose_name_plural = _("beslutningspunkter")
        ordering = ["project", "number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "number"], name="%(app_label)s_%(class)s_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"BP {self.number} {self.topic}"

    def get_absolute_url(self) -> str:
        return reverse("collaboration:decision-point-detail", kwargs={"pk": self.pk})


class Outcome(models.TextChoices):
    ADOPTED = "adopted", _("vedtatt")
    ADOPTED_CHANGED = "adopted_changed", _("vedtatt med endringer")
    NOT_ADOPTED = "not_adopted", _("ikke vedtatt")
    POSTPONED = "postponed", _("utsatt")
    PENDING = "pending", _("til behandling")


ADOPTED_OUTCOMES = frozenset({Outcome.ADOPTED.value, Outcome.ADOPTED_CHANGED.value})


class CouncilBody(models.TextChoices):
    COUNCIL = "council", _("kommunestyret")
    EXECUTIVE = "executive", _("formannskapet")
    OTHER = "other", _("annet organ")


class CouncilTreatment(TimeStampedModel):
    """One municipality's political treatment of what a decision point rests on."""

    decision_point = models.ForeignKey(
        DecisionPoint,
        on_delete=models.CASCADE,
        related_name="treatments",
        verbose_name=_("beslutningspunkt"),
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("kommune")
    )
    body = models.CharField(_("organ"), max_length=20, choices=CouncilBody.choices)
    meeting_date = models.DateField(_("møtedato"))
    case_number = models.CharField(_("saksnummer"), max_length=40, blank=True)
    outcome = models.CharField(_("utfall"), max_length=20, choices=Outcome.choices)
    record_url = models.URLField(_("lenke til offentlig journal/vedtak"), blank=True)
    is_example = models.BooleanField(_("eksempel"), default=False)

    class Meta:
        verbose_name = _("politisk behandling")
        verbose_name_plural = _("politiske behandlinger")
        ordering = ["decision_point", "meeting_date", "pk"]

    def __str__(self) -> str:
        return f"{self.municipality.name}: {self.get_outcome_display()} ({self.meeting_date})"


class CostCategory(models.TextChoices):
    OWN_HOURS = "own_hours", _("egne timer")
    SERVICES = "services", _("kjøp av tjenester")
    TRAVEL = "travel", _("reiser")
    WORKSHOPS = "workshops", _("workshoper og møter")
    OTHER = "other", _("annet")


class CostLine(VersionedModel, TimeStampedModel):
    """Planned and spent amount (whole kroner) of one kind of cost in one year."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="cost_lines", verbose_name=_("prosjekt")
    )
    category = models.CharField(_("kostnadstype"), max_length=20, choices=CostCategory.choices)
    description = models.CharField(_("beskrivelse"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("år"))
    planned = models.PositiveBigIntegerField(_("planlagt (kr)"))
    spent = models.PositiveBigIntegerField(_("brukt (kr)"), default=0)
    is_example = models.BooleanField(_("eksempel"), default=False)

    class Meta:
        verbose_name = _("kostnadslinje")
        verbose_name_plural = _("kostnadslinjer")
        ordering = ["project", "year", "category", "pk"]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.year}"


class FinancingKind(models.TextChoices):
    COUNTY = "county", _("fylkeskommunen")
    INNOVATION_NORWAY = "innovation_norway", _("Innovasjon Norge")
    MUNICIPALITIES = "municipalities", _("kommunenes egenandel")
    OTHER = "other", _("andre")


class FinancingSource(VersionedModel, TimeStampedModel):
    """Who pays how much; the municipalities' own share is split by the chosen key."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="financing", verbose_name=_("prosjekt")
    )
    kind = models.CharField(_("kilde"), max_length=20, choices=FinancingKind.choices)
    name = models.CharField(_("navn"), max_length=200, blank=True)
    amount = models.PositiveBigIntegerField(_("beløp (kr)"))
    is_example = models.BooleanField(_("eksempel"), default=False)

    class Meta:
        verbose_name = _("finansieringskilde")
        verbose_name_plural = _("finansieringskilder")
        ordering = ["project", "kind", "pk"]

    def __str__(self) -> str:
        return self.name or self.get_kind_display()


class CostKey(VersionedModel, TimeStampedModel):
    """A cost-allocation key: percent equal + percent by population + percent by another figure."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="cost_keys", verbose_name=_("prosjekt")
    )
    name = models.CharField(_("navn"), max_length=200)
    equal_percent = models.PositiveSmallIntegerField(_("likt (%)"), default=0)
    population_percent = models.PositiveSmallIntegerField(_("etter folketall (%)"), default=0)
    population_date = models.DateField(_("folketall per dato"), null=True, blank=True)
    other_percent = models.PositiveSmallIntegerField(_("etter annet tall (%)"), default=0)
    other_label = models.CharField(_("annet tall (hva)"), max_length=200, blank=True)
    other_figures = models.JSONField(_("annet tall per kommune"), default=dict, blank=True)
    is_chosen = models.BooleanField(_("valgt"), default=False)

    class Meta:
        verbose_name = _("fordelingsnøkkel")
        verbose_name_plural = _("fordelingsnøkler")
        ordering = ["project", "pk"]

    def __str__(self) -> str:
        return self.name

    def description(self) -> str:
        """ "30 % likt, 70 % etter folketall per 01.01.2018"."""
        from samspill.core.numbers import format_date

        parts = []
        if self.equal_percent:
            parts.append(gettext("%(p)s %% likt") % {"p": self.equal_percent})
        if self.population_percent:
            parts.append(
                gettext("%(p)s %% etter folketall per %(date)s")
                % {"p": self.population_percent, "date": format_date(self.population_date)}
            )
        if self.other_percent:
            parts.append(
                gettext("%(p)s %% etter %(label)s")
                % {"p": self.other_percent, "label": self.other_label or gettext("annet tall")}
            )
        return ", ".join(parts)


class MeetingKind(models.TextChoices):
    STATUS = "status", _("statusmøte")
    PROJECT_GROUP = "project_group", _("prosjektgruppemøte")
    STEERING_GROUP = "steering_group", _("styringsgruppemøte")
    WORKSHOP = "workshop", _("workshop")


class Meeting(VersionedModel, TimeStampedModel):
    """A meeting or workshop with attendees, minutes and numbered agenda items."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("prosjekt")
    )
    kind = models.CharField(_("type"), max_length=20, choices=MeetingKind.choices)
    date = models.DateField(_("dato"))
    title = models.CharField(_("tittel"), max_length=200)
    attendees = models.TextField(_("deltakere"), blank=True, help_text=_("Én per linje."))
    minutes = models.TextField(_("referat"), blank=True)
    is_example = models.BooleanField(_("eksempel"), default=False)

    class Meta:
        verbose_name = _("møte")
        verbose_name_plural = _("møter")
        ordering = ["project", "-date", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.date})"

    def get_absolute_url(self) -> str:
        return reverse("collaboration:meeting-detail", kwargs={"pk": self.pk})

    @property
    def attendee_list(self) -> list[str]:
        return [line.strip() for line in self.attendees.splitlines() if line.strip()]


class AgendaItem(VersionedModel, TimeStampedModel):
    """A numbered item (sak 3/2017) and the decision made on it."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("møte")
    )
    number = models.PositiveSmallIntegerField(_("saksnummer"))
    year = models.PositiveSmallIntegerField(_("år"))
    title = models.CharField(_("sak"), max_length=300)
    decision = models.TextField(pgettext_lazy("agenda item", "vedtak"), blank=True)
    # The copy of the decision in the region's decision log (knowledge); edits to the item and its
    # meeting follow it there (ADR 83).
    log_decision = models.ForeignKey(
        "knowledge.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("i vedtaksloggen"),
    )

    class Meta:
        verbose_name = _("sak")
        verbose_name_plural = _("saker")
        ordering = ["meeting", "year", "number"]

    def __str__(self) -> str:
        return f"{self.number}/{self.year} {self.title}"

    @property
    def label(self) -> str:
        return f"{self.number}/{self.year}"


class Agreement(VersionedModel, TimeStampedModel):
    """An agreement between the participating municipalities (collaboration, cost sharing).

    Its political treatment reuses the adoption model: an agreement may point at the decision
    point whose council treatments adopt it (HA 5 "agreements treated in the municipalities").
    """

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="agreements", verbose_name=_("prosjekt")
    )
    title = models.CharField(_("tittel"), max_length=200)
    decision_point = models.ForeignKey(
        DecisionPoint,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("behandles ved beslutningspunkt"),
    )
    is_example = models.BooleanField(_("eksempel"), default=False)

    class Meta:
        verbose_name = _("avtale")
        verbose_name_plural = _("avtaler")
        ordering = ["project", "title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("collaboration:agreement-detail", kwargs={"pk": self.pk})


class AgreementVersion(TimeStampedModel):
    """One version of an agreement's text (1, 2, …); signatures belong to a version."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="versions", verbose_name=_("avtale")
    )
    number = models.PositiveSmallIntegerField(_("versjon"))
    date = models.DateField(_("dato"))
    text = models.TextField(_("avtaletekst"), blank=True)
    changes = models.TextField(_("endringer fra forrige versjon"), blank=True)

    class Meta:
        verbose_name = _("avtaleversjon")
        verbose_name_plural = _("avtaleversjoner")
        ordering = ["agreement", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "number"],
                name="%(app_label)s_%(class)s_unique_number",
                violation_error_message=_("Avtalen har allerede en versjon med dette nummeret."),
            )
        ]

    def __str__(self) -> str:
        return gettext("%(title)s, versjon %(number)s") % {
            "title": self.agreement.title,
            "number": self.number,
        }


class AgreementSignature(TimeStampedModel):
    """A municipality's signature on one version of an agreement: when and by whom."""

    version = models.ForeignKey(
        AgreementVersion,
        on_delete=models.CASCADE,
        related_name="signatures",
        verbose_name=_("versjon"),
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("kommune")
    )
    signed_on = models.DateField(_("signert dato"))
    signed_by = models.CharField(_("signert av"), max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrert av"),
    )
    is_example = models.BooleanField(_("eksempel"), default=False)

    class Meta:
        verbose_name = _("signatur")
        verbose_name_plural = _("signaturer")
        ordering = ["version", "municipality__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "municipality"],
                name="%(app_label)s_%(class)s_once_per_version",
                violation_error_message=_("Kommunen har allerede signert denne versjonen."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality.name}: {self.version} ({self.signed_on})"


class ReportStatus(models.TextChoices):
    ON_TRACK = "on_track", _("i rute")
    AT_RISK = "at_risk", _("risiko for avvik")
    OFF_TRACK = "off_track", _("ikke i rute")


class StatusReport(VersionedModel, TimeStampedModel):
    """The project manager's status for one period, with a snapshot of the plan and budget.

    `snapshot` freezes what the report showed (activities, milestones, decision points, budget),
    so "what changed since the last report" compares two reports, not a report with today.
    """

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="status_reports",
        verbose_name=_("prosjekt"),
    )
    period_start = models.DateField(_("periode fra"))
    period_end = models.DateField(_("periode til"))
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices)
    explanation = models.TextField(_("forklaring"))
    snapshot = models.JSONField(_("øyeblikksbilde"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skrevet av"),
    )
    is_example = models.BooleanField(_("eksempel"), default=False)

    class Meta:
        verbose_name = _("statusrapport")
        verbose_name_plural = _("statusrapporter")
        ordering = ["project", "-period_end", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="%(app_label)s_%(class)s_period_in_order",
                violation_error_message=_("Perioden kan ikke slutte før den begynner."),
            )
        ]

    def __str__(self) -> str:
        from samspill.core.numbers import format_date

        return gettext("Statusrapport %(start)s–%(end)s") % {
            "start": format_date(self.period_start),
            "end": format_date(self.period_end),
        }

    def get_absolute_url(self) -> str:
        return reverse("collaboration:report-detail", kwargs={"pk": self.pk})
