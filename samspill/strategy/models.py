"""A region's strategy (focus areas, goals, indicators) and each municipality's action plan."""

from collections.abc import Callable
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samspill.core.models import TimeStampedModel, VersionedModel
from samspill.regions.models import Municipality, Region
from samspill.stats.models import Series

VALUE_MAX_DIGITS = 18
VALUE_DECIMAL_PLACES = 4


def _present(*values: object) -> bool:
    """clean() runs even when a field failed its own validation and is still None."""
    return all(value is not None for value in values)


class Strategy(VersionedModel, TimeStampedModel):
    """A region's shared strategy (e.g. a value-creation strategy) for a period of years."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="strategies", verbose_name=_("region")
    )
    title = models.CharField(_("tittel"), max_length=200)
    vision = models.TextField(_("visjon"), blank=True)
    period_start = models.PositiveSmallIntegerField(_("gjelder fra år"))
    period_end = models.PositiveSmallIntegerField(_("gjelder til år"))
    source = models.CharField(
        _("kilde"),
        max_length=300,
        blank=True,
        help_text=_("Vedtak eller dokument strategien bygger på."),
    )
    is_example = models.BooleanField(
        _("eksempel"), default=False, help_text=_("Demodata: ikke et vedtatt dokument.")
    )
    is_published = models.BooleanField(
        _("fremdriften er publisert"),
        default=False,
        help_text=_(
            "Mål, indikatorer og tiltakenes status vises på en offentlig side uten innlogging. "
            "Interne notater, kontaktpersoner og ansattes navn vises aldri."
        ),
    )

    class Meta:
        verbose_name = _("strategi")
        verbose_name_plural = _("strategier")
        ordering = ["region__name", "-period_start", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="%(app_label)s_%(class)s_period_order",
                violation_error_message=_("Sluttåret kan ikke være før startåret."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategy:strategy-detail", kwargs={"pk": self.pk})

    def get_public_url(self) -> str:
        """The published progress page (404 for the public until the region publishes it)."""
        return reverse("strategy:public-progress", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if _present(self.period_start, self.period_end) and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("Sluttåret kan ikke være før startåret.")})


class FocusArea(TimeStampedModel):
    """One focus area (innsatsområde / satsingsområde) of a strategy."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="focus_areas", verbose_name=_("strategi")
    )
    position = models.PositiveSmallIntegerField(_("nummer"), default=1)
    name = models.CharField(_("navn"), max_length=150)
    description = models.TextField(_("beskrivelse"), blank=True)

    class Meta:
        verbose_name = _("innsatsområde")
        verbose_name_plural = _("innsatsområder")
        ordering = ["strategy", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "name"],
                name="%(app_label)s_%(class)s_unique_name",
                violation_error_message=_(
                    "Strategien har allerede et innsatsområde med dette navnet."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"


class Goal(VersionedModel, TimeStampedModel):
    """A goal (mål) under a focus area."""

    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.CASCADE, related_name="goals", verbose_name=_("innsatsområde")
    )
    position = models.PositiveSmallIntegerField(_("nummer"), default=1)
    title = models.CharField(pgettext_lazy("goal", "mål"), max_length=300)
    description = models.TextField(_("beskrivelse"), blank=True)

    class Meta:
        verbose_name = pgettext_lazy("goal", "mål")
        verbose_name_plural = pgettext_lazy("goal", "mål")
        ordering = ["focus_area__position", "position", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategy:goal-detail", kwargs={"pk": self.pk})


def category_words(value: object) -> str:
    """A statistics category key ("kjonn=2|alder=20-66") in the words of the loaded series
    ("Kjønn: Kvinner; Alder: 20–66 år"); a code no series describes stays as it is."""
    labels: dict[str, tuple[str, dict[str, str]]] = {}
    for dimensions in Series.objects.exclude(dimensions={}).values_list("dimensions", flat=True):
        for name, detail in (dimensions or {}).items():
            if isinstance(detail, dict) and name not in labels:
                categories = detail.get("categories") or {}
                labels[name] = (
                    str(detail.get("label") or name),
                    {str(k): str(v) for k, v in categories.items()},
                )
    parts = []
    for part in str(value).split("|"):
        name, _sep, code = part.partition("=")
        label, categories = labels.get(name, (name, {}))
        parts.append(f"{capfirst(label)}: {categories.get(code, code)}")
    return "; ".join(parts)


def series_words(value: object) -> str:
    """A statistics series as recorded in the history (its name "07459 Befolkning", its code or
    its id) in words: "Befolkning (Statistisk sentralbyrå, tabell 07459)". A series that is gone
    stays as it was recorded."""
    text = str(value)
    query = Q(code=text)
    if text.isdecimal():
        query |= Q(pk=int(text))
    number, _sep, title = text.partition(" ")
    if title:
        query |= Q(table_number=number, title=title)
    series = Series.objects.filter(query).first()
    if series is None:
        return text
    return str(_("{title} ({source}, tabell {table})")).format(
        title=series.title, source=series.source, table=series.table_number
    )


class GoalIndicator(VersionedModel, TimeStampedModel):
    """A measurable target for a goal: from a baseline (value, date) to a target (value, deadline)."""

    # The change history shows statistics series and categories in words, not as codes.
    history_formatters: ClassVar[dict[str, Callable[[object], str]]] = {
        "series": series_words,
        "denominator_series": series_words,
        "dimension_key": category_words,
        "denominator_dimension_key": category_words,
    }

    class Direction(models.TextChoices):
        UP = "up", _("opp (høyere er bedre)")
        DOWN = "down", _("ned (lavere er bedre)")

    class Statistic(models.TextChoices):
        """How a bound indicator is computed from statistics for the region."""

        NONE = "", _("rapporteres manuelt")
        SERIES_SUM = "series_sum", _("sum for regionens kommuner (valgt serie)")
        SERIES_RATIO = (
            "series_ratio",
            _("forhold mellom to serier for regionens kommuner (sum teller / sum nevner)"),
        )
        POPULATION = "population", _("folkemengde i regionen")
        EMPLOYED_WORKPLACE = "employed_workplace", _("sysselsatte etter arbeidssted i regionen")
        SELF_CONTAINMENT = (
            "self_containment",
            _("selvforsyning (andel som bor og jobber i regionen)"),
        )

    goal = models.ForeignKey(
        Goal,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=pgettext_lazy("goal", "mål"),
    )
    name = models.CharField(_("indikator"), max_length=200)
    unit = models.CharField(
        _("enhet"), max_length=40, help_text=_("F.eks. «selskap», «ansatte», «plass», «%».")
    )
    direction = models.CharField(
        _("retning"), max_length=4, choices=Direction.choices, default=Direction.UP
    )
    baseline_value = models.DecimalField(
        _("utgangsverdi"), max_digits=VALUE_MAX_DIGITS, decimal_places=VALUE_DECIMAL_PLACES
    )
    baseline_date = models.DateField(_("utgangsverdi per"))
    target_value = models.DecimalField(
        _("målverdi"), max_digits=VALUE_MAX_DIGITS, decimal_places=VALUE_DECIMAL_PLACES
    )
    target_date = models.DateField(_("frist for målet"))
    source = models.CharField(
        _("kilde for tallet"),
        max_length=300,
        blank=True,
        help_text=_("Hvem som måler, f.eks. SSB-tabell eller rapport."),
    )
    statistic = models.CharField(
        _("beregnes fra statistikk"),
        max_length=20,
        choices=Statistic.choices,
        blank=True,
        default="",
    )
    series = models.ForeignKey(
        Series,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("statistikkserie"),
        help_text=_(
            "Serien som summeres for regionens kommuner (for «sum for regionens kommuner»)."
        ),
    )
    dimension_key = models.CharField(
        _("kategori i serien"),
        max_length=200,
        blank=True,
        help_text=_("Tomt = totalt; ellers f.eks. «alder=20-66»."),
    )
    denominator_series = models.ForeignKey(
        Series,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nevner (statistikkserie)"),
        help_text=_(
            "For et forhold: serien det deles på, f.eks. befolkningen 15–74 år for sysselsettingsgraden."
        ),
    )
    denominator_dimension_key = models.CharField(
        _("kategori i nevnerserien"), max_length=200, blank=True
    )
    factor = models.DecimalField(
        _("faktor"),
        max_digits=12,
        decimal_places=4,
        default=1,
        help_text=_("Forholdet ganges med denne, f.eks. 100 for prosent."),
    )

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ["goal", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_date__gt=F("baseline_date")),
                name="%(app_label)s_%(class)s_target_after_baseline",
                violation_error_message=_(
                    "Fristen for målet må være etter datoen for utgangsverdien."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("strategy:indicator-detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if (
            _present(self.baseline_date, self.target_date)
            and self.target_date <= self.baseline_date
        ):
            errors["target_date"] = _("Fristen for målet må være etter datoen for utgangsverdien.")
        if _present(self.baseline_value, self.target_value):
            if self.direction == self.Direction.UP and self.target_value < self.baseline_value:
                errors["target_value"] = _(
                    "Målverdien er lavere enn utgangsverdien, men retningen er «opp». "
                    "Velg retning «ned» eller rett målverdien."
                )
            if self.direction == self.Direction.DOWN and self.target_value > self.baseline_value:
                errors["target_value"] = _(
                    "Målverdien er høyere enn utgangsverdien, men retningen er «ned». "
                    "Velg retning «opp» eller rett målverdien."
                )
        if self.statistic == self.Statistic.SERIES_SUM and self.series_id is None:
            errors["series"] = _("Velg serien som skal summeres for regionens kommuner.")
        if self.statistic == self.Statistic.SERIES_RATIO:
            if self.series_id is None:
                errors["series"] = _("Velg telleren: serien som summeres over regionens kommuner.")
            if self.denominator_series_id is None:
                errors["denominator_series"] = _("Velg nevneren: serien det deles på.")
            if self.factor <= 0:
                errors["factor"] = _("Faktoren må være større enn null.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_bound(self) -> bool:
        return bool(self.statistic)


class IndicatorReading(TimeStampedModel):
    """A dated value of an indicator, reported by hand or computed from statistics."""

    class Origin(models.TextChoices):
        MANUAL = "manual", _("rapportert manuelt")
        STATISTICS = "statistics", _("fra statistikk")

    indicator = models.ForeignKey(
        GoalIndicator,
        on_delete=models.CASCADE,
        related_name="readings",
        verbose_name=_("indikator"),
    )
    date = models.DateField(_("dato"))
    value = models.DecimalField(
        _("verdi"), max_digits=VALUE_MAX_DIGITS, decimal_places=VALUE_DECIMAL_PLACES
    )
    note = models.CharField(_("merknad"), max_length=500, blank=True)
    origin = models.CharField(
        _("opphav"), max_length=12, choices=Origin.choices, default=Origin.MANUAL
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rapportert av"),
    )

    class Meta:
        verbose_name = _("måling")
        verbose_name_plural = _("målinger")
        ordering = ["indicator", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "date"],
                name="%(app_label)s_%(class)s_one_per_date",
                violation_error_message=_("Indikatoren har allerede en måling for denne datoen."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.date.isoformat()})"


class ActionPlan(VersionedModel, TimeStampedModel):
    """A municipality's action plan (handlingsplan) made from the regional strategy."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.PROTECT, related_name="action_plans", verbose_name=_("strategi")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="action_plans",
        verbose_name=_("kommune"),
    )
    title = models.CharField(_("tittel"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    period_start = models.PositiveSmallIntegerField(_("gjelder fra år"))
    period_end = models.PositiveSmallIntegerField(_("gjelder til år"))
    is_example = models.BooleanField(
        _("eksempel"), default=False, help_text=_("Demodata: ikke en vedtatt plan.")
    )

    class Meta:
        verbose_name = _("handlingsplan")
        verbose_name_plural = _("handlingsplaner")
        ordering = ["strategy", "municipality__number", "-period_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="%(app_label)s_%(class)s_period_order",
                violation_error_message=_("Sluttåret kan ikke være før startåret."),
            ),
            models.UniqueConstraint(
                fields=["strategy", "municipality", "period_start"],
                name="%(app_label)s_%(class)s_unique_period",
                violation_error_message=_(
                    "Kommunen har allerede en handlingsplan som starter dette året."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategy:plan-detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if _present(self.period_start, self.period_end) and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("Sluttåret kan ikke være før startåret.")})


class Measure(VersionedModel, TimeStampedModel):
    """A measure (tiltak) in an action plan, serving one or more goals of the strategy."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planlagt")
        ONGOING = "ongoing", _("pågår")
        DONE = "done", _("gjennomført")
        STOPPED = "stopped", _("stanset")

    class Role(models.TextChoices):
        LOCAL = "local", _("lokalt")
        REGIONAL = "regional", _("regionalt")

    action_plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.CASCADE,
        related_name="measures",
        verbose_name=_("handlingsplan"),
    )
    title = models.CharField(_("tiltak"), max_length=300)
    description = models.TextField(_("beskrivelse"), blank=True)
    goals = models.ManyToManyField(
        Goal, related_name="measures", verbose_name=pgettext_lazy("goal", "mål")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_measures",
        verbose_name=_("ansvarlig"),
    )
    owner_name = models.CharField(
        _("ansvarlig (tekst)"),
        max_length=200,
        blank=True,
        help_text=_("Enhet eller person, hvis ikke en bruker."),
    )
    partner_municipalities = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="partner_measures",
        verbose_name=_("samarbeidskommuner"),
    )
    partners = models.CharField(
        _("andre partnere"),
        max_length=500,
        blank=True,
        help_text=_("Næringsforening, forskningsinstitusjoner o.l., skilt med komma."),
    )
    start_date = models.DateField(_("start"))
    deadline = models.DateField(_("frist"))
    budget = models.DecimalField(
        _("budsjett (kr)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    role = models.CharField(_("rolle"), max_length=10, choices=Role.choices, default=Role.LOCAL)

    # The audit records partner municipalities by number (core.history shows their names).
    history_lookups: ClassVar[dict[str, str]] = {"partner_municipalities": "number"}

    class Meta:
        verbose_name = _("tiltak")
        verbose_name_plural = _("tiltak")
        ordering = ["action_plan", "deadline", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=F("start_date")),
                name="%(app_label)s_%(class)s_deadline_after_start",
                violation_error_message=_("Fristen kan ikke være før start."),
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="%(app_label)s_%(class)s_budget_not_negative",
                violation_error_message=_("Budsjettet kan ikke være negativt."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategy:measure-detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if _present(self.start_date, self.deadline) and self.deadline < self.start_date:
            raise ValidationError({"deadline": _("Fristen kan ikke være før start.")})

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.PLANNED, self.Status.ONGOING)

    @property
    def partner_list(self) -> list[str]:
        return [part.strip() for part in self.partners.split(",") if part.strip()]


class ProgressNote(TimeStampedModel):
    """A dated note on how a measure is going (fremdrift)."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="progress_notes", verbose_name=_("tiltak")
    )
    date = models.DateField(_("dato"))
    text = models.TextField(_("fremdrift"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skrevet av"),
    )
    is_public = models.BooleanField(
        _("kan vises offentlig"),
        default=False,
        help_text=_(
            "Vises på strategiens offentlige fremdriftsside når regionen har publisert den "
            "(uten navnet ditt). La feltet stå tomt for interne notater."
        ),
    )

    class Meta:
        verbose_name = _("fremdriftsnotat")
        verbose_name_plural = _("fremdriftsnotater")
        ordering = ["measure", "-date", "-created_at"]

    def __str__(self) -> str:
        return f"{self.measure}: {self.date.isoformat()}"


class ReportingPeriod(TimeStampedModel):
    """A period the owners of measures report on (e.g. a tertial), with a due date."""

    strategy = models.ForeignKey(
        Strategy,
        on_delete=models.CASCADE,
        related_name="reporting_periods",
        verbose_name=_("strategi"),
    )
    name = models.CharField(_("navn"), max_length=100)
    start = models.DateField(_("fra"))
    end = models.DateField(_("til"))
    due_date = models.DateField(_("rapporteringsfrist"))

    class Meta:
        verbose_name = _("rapporteringsperiode")
        verbose_name_plural = _("rapporteringsperioder")
        ordering = ["strategy", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="%(app_label)s_%(class)s_period_order",
                violation_error_message=_("Perioden kan ikke slutte før den starter."),
            ),
            models.CheckConstraint(
                condition=Q(due_date__gte=F("start")),
                name="%(app_label)s_%(class)s_due_in_or_after_period",
                violation_error_message=_(
                    "Rapporteringsfristen kan ikke være før perioden starter."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if _present(self.start, self.end) and self.end < self.start:
            errors["end"] = _("Perioden kan ikke slutte før den starter.")
        if _present(self.start, self.due_date) and self.due_date < self.start:
            errors["due_date"] = _("Rapporteringsfristen kan ikke være før perioden starter.")
        if errors:
            raise ValidationError(errors)


class StrategyReport(TimeStampedModel):
    """A status report for politicians, frozen as a snapshot so the next one can say what changed."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="reports", verbose_name=_("strategi")
    )
    reporting_period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("rapporteringsperiode"),
    )
    title = models.CharField(_("tittel"), max_length=200)
    as_of = models.DateField(_("status per"))
    snapshot = models.JSONField(_("øyeblikksbilde"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("laget av"),
    )

    class Meta:
        verbose_name = _("statusrapport")
        verbose_name_plural = _("statusrapporter")
        ordering = ["strategy", "-as_of", "-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategy:report-detail", kwargs={"pk": self.pk})
