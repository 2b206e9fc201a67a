"""Input validation for strategies, indicators, plans, measures, progress and reports.

Forms only clean input; the services validate the domain rules, and `errors_to_form` puts the
services' ValidationError messages next to the right field.
"""

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samspill.accounts.models import User
from samspill.core.conflicts import VersionedFormMixin
from samspill.core.forms import DesignsystemetMixin, ModelMultipleChoiceField, StyledForm
from samspill.regions.models import Municipality
from samspill.stats.models import Series
from samspill.strategy.models import FocusArea, Goal, GoalIndicator, Measure, ReportingPeriod
from samspill.strategy.units import QuantityError, quantity_parse


def errors_to_form(form: forms.Form, error: ValidationError) -> None:
    """Show a service's validation errors next to the form's fields (others above the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    aliases: dict[str, str] = getattr(form, "field_aliases", {})
    for field, messages in error.message_dict.items():
        field = aliases.get(field, field)
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message)
    if isinstance(form, DesignsystemetMixin):
        form.style_fields()


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class QuantityField(forms.CharField):
    """A number, optionally followed by its unit: "1 000", "20 000 ansatte", "12,5 %"."""

    def clean(self, value: Any) -> tuple[Decimal, str] | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            return quantity_parse(text)
        except QuantityError as error:
            raise ValidationError(
                _(
                    "Skriv et tall, gjerne med enheten etter, f.eks. «1 000 selskap» eller «12,5 %»."
                ),
                code="invalid",
            ) from error


MIN_YEAR, MAX_YEAR = 1990, 2100


class StrategyForm(VersionedFormMixin, StyledForm):
    """Title, vision and period of a strategy."""

    title = forms.CharField(label=_("Tittel"), max_length=200)
    vision = forms.CharField(
        label=_("Visjon"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    period_start = forms.IntegerField(
        label=_("Gjelder fra år"), min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    period_end = forms.IntegerField(
        label=_("Gjelder til år"), min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    source = forms.CharField(
        label=_("Kilde (vedtak eller dokument)"), max_length=300, required=False
    )


class StrategyPublishForm(VersionedFormMixin, StyledForm):
    """Whether the strategy's progress is published on a public page (the region's choice)."""

    is_published = forms.BooleanField(
        label=_("Publiser fremdriften på en offentlig side"),
        required=False,
        help_text=_(
            "Alle kan lese siden uten å logge inn: mål, indikatorer med verdier og trend, "
            "tiltakenes status og fremdriftsnotater merket som offentlige. Interne notater, "
            "kontaktpersoner og ansattes navn vises ikke."
        ),
    )


class FocusAreaForm(StyledForm):
    """A focus area (innsatsområde)."""

    name = forms.CharField(label=_("Navn"), max_length=150)
    description = forms.CharField(
        label=_("Beskrivelse"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class GoalForm(VersionedFormMixin, StyledForm):
    """A goal under one of the strategy's focus areas."""

    focus_area = forms.ModelChoiceField(label=_("Innsatsområde"), queryset=FocusArea.objects.none())
    title = forms.CharField(label=pgettext_lazy("goal", "Mål"), max_length=300)
    description = forms.CharField(
        label=_("Beskrivelse"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, focus_areas: QuerySet[FocusArea], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["focus_area"].queryset = focus_areas  # type: ignore[attr-defined]


class IndicatorForm(VersionedFormMixin, StyledForm):
    """An indicator: unit, baseline and target (typed with or without the unit), direction, source."""

    # The services name the model fields; this form shows them as "baseline"/"target".
    field_aliases = {"baseline_value": "baseline", "target_value": "target"}

    name = forms.CharField(label=_("Indikator"), max_length=200)
    unit = forms.CharField(
        label=_("Enhet"), max_length=40, help_text=_("F.eks. «selskap», «ansatte», «plass», «%».")
    )
    direction = forms.ChoiceField(label=_("Retning"), choices=GoalIndicator.Direction.choices)
    baseline = QuantityField(
        label=_("Utgangsverdi"), help_text=_("F.eks. «800» eller «800 selskap».")
    )
    baseline_date = forms.DateField(label=_("Utgangsverdi per dato"), widget=DateInput())
    target = QuantityField(label=_("Målverdi"), help_text=_("I samme enhet som indikatoren."))
    target_date = forms.DateField(label=_("Frist for målet"), widget=DateInput())
    source = forms.CharField(label=_("Kilde for tallet"), max_length=300, required=False)
    statistic = forms.ChoiceField(
        label=_("Oppdateres fra statistikk"),
        choices=GoalIndicator.Statistic.choices,
        required=False,
        help_text=_(
            "Velg en beregning for at indikatoren skal oppdatere seg selv ved nye importer."
        ),
    )
    series = forms.ModelChoiceField(
        label=_("Serie (teller)"),
        queryset=Series.objects.order_by("table_number", "code"),
        # SSB's series titles are Norwegian in every interface language (marked for readers).
        widget=forms.Select(attrs={"lang": "nb"}),
        required=False,
        help_text=_("Serien som summeres for regionens kommuner (sum, og telleren i et forhold)."),
    )
    dimension_key = forms.CharField(
        label=_("Kategori i serien"),
        max_length=200,
        required=False,
        help_text=_("Tomt = totalt; ellers f.eks. «alder=20-66»."),
    )
    denominator_series = forms.ModelChoiceField(
        label=_("Nevner (serie)"),
        queryset=Series.objects.order_by("table_number", "code"),
        # SSB's series titles are Norwegian in every interface language (marked for readers).
        widget=forms.Select(attrs={"lang": "nb"}),
        required=False,
        help_text=_(
            "For et forhold: serien det deles på. Verdien er sum teller / sum nevner over "
            "regionens kommuner, ganget med faktoren (f.eks. sysselsatte bosatte / befolkning 15–74 × 100)."
        ),
    )
    denominator_dimension_key = forms.CharField(
        label=_("Kategori i nevnerserien"), max_length=200, required=False
    )
    factor = forms.DecimalField(
        label=_("Faktor"),
        required=False,
        min_value=Decimal("0.0001"),
        max_digits=12,
        decimal_places=4,
        help_text=_("100 gir prosent; 1 gir et rent forhold."),
    )

    def service_values(self) -> dict[str, Any]:
        """Cleaned data as keyword arguments of indicator_create / indicator_update."""
        data = self.cleaned_data
        baseline_value, baseline_unit = data["baseline"]
        target_value, target_unit = data["target"]
        return {
            "name": data["name"],
            "unit": data["unit"],
            "direction": data["direction"],
            "baseline_value": baseline_value,
            "baseline_unit": baseline_unit,
            "baseline_date": data["baseline_date"],
            "target_value": target_value,
            "target_unit": target_unit,
            "target_date": data["target_date"],
            "source": data["source"],
            "statistic": data.get("statistic") or "",
            "series": data.get("series"),
            "dimension_key": data.get("dimension_key") or "",
            "denominator_series": data.get("denominator_series"),
            "denominator_dimension_key": data.get("denominator_dimension_key") or "",
            "factor": data.get("factor") or Decimal(1),
        }

    @staticmethod
    def initial_from(indicator: GoalIndicator) -> dict[str, Any]:
        return {
            "name": indicator.name,
            "unit": indicator.unit,
            "direction": indicator.direction,
            "baseline": f"{indicator.baseline_value.normalize():f}",
            "baseline_date": indicator.baseline_date,
            "target": f"{indicator.target_value.normalize():f}",
            "target_date": indicator.target_date,
            "source": indicator.source,
            "statistic": indicator.statistic,
            "series": indicator.series,
            "dimension_key": indicator.dimension_key,
            "denominator_series": indicator.denominator_series,
            "denominator_dimension_key": indicator.denominator_dimension_key,
            "factor": indicator.factor.normalize(),
            "version": indicator.version,
        }


class ReadingForm(StyledForm):
    """A dated value reported by hand."""

    date = forms.DateField(label=_("Dato"), widget=DateInput(), initial=datetime.date.today)
    value = QuantityField(label=_("Verdi"))
    note = forms.CharField(label=_("Merknad"), max_length=500, required=False)


class ActionPlanForm(VersionedFormMixin, StyledForm):
    """A municipality's action plan."""

    municipality = forms.ModelChoiceField(label=_("Kommune"), queryset=Municipality.objects.none())
    title = forms.CharField(label=_("Tittel"), max_length=200)
    period_start = forms.IntegerField(
        label=_("Gjelder fra år"), min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    period_end = forms.IntegerField(
        label=_("Gjelder til år"), min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    description = forms.CharField(
        label=_("Beskrivelse"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, municipalities: QuerySet[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]


class GoalChoiceField(ModelMultipleChoiceField[Goal]):
    def label_from_instance(self, obj: Goal) -> str:
        return f"{obj.focus_area.name}: {obj.title}"


class MeasureForm(VersionedFormMixin, StyledForm):
    """A measure (tiltak): what, which goals, who, with whom, when, how much, status and role."""

    title = forms.CharField(label=_("Tiltak"), max_length=300)
    description = forms.CharField(
        label=_("Beskrivelse"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    goals = GoalChoiceField(
        label=_("Mål i strategien"),
        queryset=Goal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,  # the service says "at least one goal" next to the field
    )
    owner = forms.ModelChoiceField(
        label=_("Ansvarlig"), queryset=User.objects.none(), required=False
    )
    owner_name = forms.CharField(
        label=_("Ansvarlig (hvis ikke en bruker)"), max_length=200, required=False
    )
    partner_municipalities = ModelMultipleChoiceField(
        label=_("Samarbeidskommuner"),
        queryset=Municipality.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    partners = forms.CharField(
        label=_("Andre partnere"),
        max_length=500,
        required=False,
        help_text=_("Næringsforening, forskningsinstitusjoner o.l., skilt med komma."),
    )
    start_date = forms.DateField(label=_("Start"), widget=DateInput())
    deadline = forms.DateField(label=_("Frist"), widget=DateInput())
    budget = forms.DecimalField(
        label=_("Budsjett (kr)"), min_value=0, max_digits=14, decimal_places=0, required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=Measure.Status.choices)
    role = forms.ChoiceField(label=_("Rolle"), choices=Measure.Role.choices)

    def __init__(
        self,
        *args: Any,
        goals: QuerySet[Goal],
        owners: QuerySet[User],
        partner_municipalities: QuerySet[Municipality],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        goal_field = self.fields["goals"]
        assert isinstance(goal_field, GoalChoiceField)  # noqa: S101 - narrows
        goal_field.queryset = goals
        # Grouped by focus area: the component renders a fieldset with a legend per group. The
        # queryset still validates the choice; these choices only draw the boxes.
        grouped: dict[str, list[tuple[int, str]]] = {}
        for goal in goals.select_related("focus_area").order_by(
            "focus_area__position", "focus_area__name", "position", "title"
        ):
            grouped.setdefault(goal.focus_area.name, []).append((goal.pk, goal.title))
        goal_field.choices = list(grouped.items())
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]
        self.fields["partner_municipalities"].queryset = partner_municipalities  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, deadline = data.get("start_date"), data.get("deadline")
        if start and deadline and deadline < start:
            self.add_error("deadline", _("Fristen kan ikke være før start."))
        return data

    @staticmethod
    def initial_from(measure: Measure) -> dict[str, Any]:
        return {
            "title": measure.title,
            "description": measure.description,
            "goals": list(measure.goals.all()),
            "owner": measure.owner,
            "owner_name": measure.owner_name,
            "partner_municipalities": list(measure.partner_municipalities.all()),
            "partners": measure.partners,
            "start_date": measure.start_date,
            "deadline": measure.deadline,
            "budget": measure.budget,
            "status": measure.status,
            "role": measure.role,
            "version": measure.version,
        }


class MeasureStatusForm(StyledForm):
    """The inline status switch in measure lists."""

    status = forms.ChoiceField(label=_("Status"), choices=Measure.Status.choices)
    # Optional: a page rendered before versions existed still switches (without the check).
    version = forms.IntegerField(
        required=False, min_value=0, max_value=2**31 - 1, widget=forms.HiddenInput
    )


class ProgressNoteForm(StyledForm):
    """A dated progress note, optionally with a new status."""

    date = forms.DateField(label=_("Dato"), widget=DateInput(), initial=datetime.date.today)
    text = forms.CharField(label=_("Hva har skjedd?"), widget=forms.Textarea(attrs={"rows": 3}))
    status = forms.ChoiceField(
        label=_("Ny status (valgfritt)"),
        choices=[("", _("– uendret –")), *Measure.Status.choices],
        required=False,
    )
    is_public = forms.BooleanField(
        label=_("Kan vises på den offentlige fremdriftssiden"),
        required=False,
        help_text=_(
            "Vises uten navnet ditt når regionen har publisert strategiens fremdrift. "
            "Skriv ikke personopplysninger her."
        ),
    )


class ReportingPeriodForm(StyledForm):
    """A reporting period with its due date."""

    name = forms.CharField(
        label=_("Navn"), max_length=100, help_text=_("F.eks. «1. tertial 2025».")
    )
    start = forms.DateField(label=_("Fra"), widget=DateInput())
    end = forms.DateField(label=_("Til"), widget=DateInput())
    due_date = forms.DateField(label=_("Rapporteringsfrist"), widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("Perioden kan ikke slutte før den starter."))
        return data


class ReportForm(StyledForm):
    """Save today's status as a report for politicians."""

    title = forms.CharField(label=_("Tittel"), max_length=200)
    as_of = forms.DateField(label=_("Status per"), widget=DateInput(), initial=datetime.date.today)
    reporting_period = forms.ModelChoiceField(
        label=_("Rapporteringsperiode"), queryset=ReportingPeriod.objects.none(), required=False
    )

    def __init__(self, *args: Any, periods: QuerySet[ReportingPeriod], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reporting_period"].queryset = periods  # type: ignore[attr-defined]
