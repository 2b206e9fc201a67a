"""Input for the register: the project form (with phases and fact sources), the list filter and
the what-if form. Forms only clean input; the services check the domain rules and
`errors_to_form` puts their messages next to the right field."""

import datetime
import json
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from samspill.core.conflicts import VersionedFormMixin
from samspill.core.forms import DesignsystemetMixin, ModelMultipleChoiceField, StyledForm
from samspill.projects.models import (
    PHASE_ORDER,
    FactGroup,
    Opportunity,
    PhaseKind,
    Project,
    ProjectKind,
    ProjectStatus,
)
from samspill.projects.periods import Period, PeriodError, period_parse
from samspill.projects.selectors import ProjectFilter, corridor_line
from samspill.projects.services import OpportunityInput, ProjectInput, phase_field
from samspill.regions.models import Municipality


def errors_to_form(form: forms.Form, error: ValidationError) -> None:
    """Show a service's validation errors next to the form's fields (others above the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages in error.message_dict.items():
        target = name if name in form.fields else None
        for message in messages:
            form.add_error(target, message)
    if isinstance(form, DesignsystemetMixin):
        form.style_fields()


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class PeriodField(forms.CharField):
    """A year, a quarter or a month as people write it."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("help_text", _("År (2026), kvartal (2026 K2) eller måned (2026-05)."))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Period | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            return period_parse(text)
        except PeriodError as error:
            raise ValidationError(str(error)) from error


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


# The facts each source belongs to: the field after which its source and date are asked for.
GEOJSON_FILE_MAX_BYTES = 2 * 1024 * 1024

SOURCE_AFTER = {
    FactGroup.OWNER: "owner_organisation_number",
    FactGroup.PLACE: "geometry_file",
    FactGroup.STATUS: "status",
    FactGroup.PHASES: phase_field(PHASE_ORDER[-1], "end"),
    FactGroup.INVESTMENT: "price_level_year",
    FactGroup.EMPLOYMENT: "operation_jobs",
    FactGroup.NEEDS: "workforce_by_trade",
}


class ProjectForm(VersionedFormMixin, StyledForm):
    """One project: facts, place, phases, and where each group of facts comes from."""

    name = forms.CharField(label=_("Navn"), max_length=200)
    key = forms.SlugField(
        label=_("Nøkkel"),
        max_length=100,
        required=False,
        help_text=_(
            "Stabil nøkkel for import (små bokstaver og bindestrek). Lages av navnet om tom."
        ),
    )
    kind = forms.ChoiceField(label=_("Type"), choices=ProjectKind.choices)
    status = forms.ChoiceField(label=_("Status"), choices=ProjectStatus.choices)
    description = forms.CharField(
        label=_("Beskrivelse"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    owner_name = forms.CharField(label=_("Eier/utbygger"), max_length=200, required=False)
    owner_organisation_number = forms.CharField(
        label=_("Eierens organisasjonsnummer"),
        max_length=15,
        required=False,
        help_text=_("Ni siffer. Fakta hentes fra Brønnøysundregistrene på prosjektsiden."),
    )
    municipalities = ModelMultipleChoiceField(
        label=_("Berørte kommuner"),
        queryset=Municipality.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    geometry = forms.CharField(
        label=_("Plassering (GeoJSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "false"}),
        help_text=_(
            "Et punkt, en linje eller en flate som GeoJSON i WGS84 (lengdegrad først), "
            'f.eks. {"type": "Point", "coordinates": [10.92, 63.46]}. '
            "Du kan også tegne på kartet over skjemaet."
        ),
    )
    geometry_file = forms.FileField(
        label=_("Eller last opp en GeoJSON-fil"),
        required=False,
        help_text=_(
            "En .geojson- eller .json-fil med ett punkt, én linje eller én flate (også som én "
            "Feature eller en FeatureCollection med ett objekt). Filen gjelder i stedet for "
            "teksten over."
        ),
    )
    investment_low_mnok = forms.DecimalField(
        label=_("Investering, lavt anslag (mill. kr)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=1,
    )
    investment_high_mnok = forms.DecimalField(
        label=_("Investering, høyt anslag (mill. kr)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=1,
    )
    price_level_year = forms.IntegerField(
        label=_("Prisnivå (år)"), required=False, min_value=1950, max_value=2100
    )
    construction_person_years = forms.DecimalField(
        label=_("Sysselsetting i byggefasen (årsverk per år)"),
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=1,
    )
    operation_jobs = forms.IntegerField(
        label=_("Arbeidsplasser i drift"), required=False, min_value=0, max_value=1_000_000
    )
    land_need_daa = forms.DecimalField(
        label=_("Arealbehov (daa)"), required=False, min_value=0, max_digits=10, decimal_places=1
    )
    power_need_mw = forms.DecimalField(
        label=_("Effektbehov (MW)"), required=False, min_value=0, max_digits=9, decimal_places=1
    )
    workforce_by_trade = forms.CharField(
        label=_("Arbeidskraft etter fag"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ett fag per linje: «betong: 40» (årsverk per år)."),
    )
    links = forms.CharField(
        label=_("Lenker"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Én per linje: «Planid 5035-2019-01 | https://…» (tekst, loddrett strek, adresse)."
        ),
    )
    is_internal = forms.BooleanField(
        label=_("Internt til det er kunngjort (bare regionens medlemmer ser det)"), required=False
    )

    def __init__(self, *args: Any, municipalities: list[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipalities"]
        assert isinstance(field, forms.ModelMultipleChoiceField)  # noqa: S101 - declared above
        field.label_from_instance = lambda municipality: municipality.name  # type: ignore[method-assign,assignment]
        field.queryset = Municipality.objects.filter(
            pk__in=[m.pk for m in municipalities]
        ).order_by("name")
        ordered: dict[str, forms.Field] = {}
        for name, existing in self.fields.items():
            ordered[name] = existing
            if name == "status":
                for kind in PHASE_ORDER:
                    label = PhaseKind(kind).label
                    ordered[phase_field(kind, "start")] = PeriodField(
                        label=_("%(phase)s: start") % {"phase": label.capitalize()}
                    )
                    ordered[phase_field(kind, "end")] = PeriodField(
                        label=_("%(phase)s: slutt") % {"phase": label.capitalize()}
                    )
        final: dict[str, forms.Field] = {}
        after = {field_name: group for group, field_name in SOURCE_AFTER.items()}
        for name, existing in ordered.items():
            final[name] = existing
            if name in after:
                group = FactGroup(after[name])
                final[f"source_{group.value}"] = forms.CharField(
                    label=_("Kilde for %(facts)s") % {"facts": group.label},
                    required=False,
                    max_length=300,
                    help_text=_("Hvem sier det, f.eks. «Nye Veier AS»."),
                )
                final[f"source_{group.value}_date"] = forms.DateField(
                    label=_("Dato for %(facts)s") % {"facts": group.label},
                    required=False,
                    widget=DateInput(),
                )
        self.fields = final
        self.style_fields()

    def clean_geometry(self) -> dict[str, Any] | None:
        text = self.cleaned_data["geometry"].strip()
        if not text:
            return None
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValidationError(
                _("Teksten er ikke gyldig JSON (linje %(line)s).") % {"line": error.lineno}
            ) from error
        if not isinstance(value, dict):
            raise ValidationError(_("Geometrien må være et GeoJSON-objekt."))
        return value

    def clean_geometry_file(self) -> dict[str, Any] | None:
        """An uploaded GeoJSON file: one geometry (or one feature), read as the text field is."""
        upload = self.cleaned_data.get("geometry_file")
        if not upload:
            return None
        if upload.size > GEOJSON_FILE_MAX_BYTES:
            raise ValidationError(_("Filen er for stor (høyst 2 MB)."))
        try:
            value = json.loads(upload.read().decode("utf-8-sig"))
        except UnicodeDecodeError as error:
            raise ValidationError(_("Filen er ikke en tekstfil i UTF-8.")) from error
        except json.JSONDecodeError as error:
            raise ValidationError(
                _("Filen er ikke gyldig JSON (linje %(line)s).") % {"line": error.lineno}
            ) from error
        if isinstance(value, dict) and value.get("type") == "FeatureCollection":
            features = value.get("features")
            if not isinstance(features, list) or len(features) != 1:
                raise ValidationError(
                    _("Filen må ha nøyaktig ett objekt (punkt, linje eller flate).")
                )
            value = features[0]
        if not isinstance(value, dict):
            raise ValidationError(_("Geometrien må være et GeoJSON-objekt."))
        return value

    def clean_workforce_by_trade(self) -> dict[str, float]:
        result: dict[str, float] = {}
        for line in _lines(self.cleaned_data["workforce_by_trade"]):
            trade, _sep, number = line.rpartition(":")
            try:
                value = float(number.strip().replace(",", ".").replace("\u00a0", ""))
            except ValueError:
                value = -1.0
            if not trade.strip() or value < 0:
                raise ValidationError(
                    _("Linjen «%(line)s» må være «fag: årsverk», f.eks. «betong: 40».")
                    % {"line": line}
                )
            result[trade.strip()] = value
        return result

    def clean_links(self) -> list[dict[str, str]]:
        links: list[dict[str, str]] = []
        for line in _lines(self.cleaned_data["links"]):
            label, _sep, url = line.rpartition("|")
            url = url.strip()
            if not url.startswith(("https://", "http://")):
                raise ValidationError(
                    _("Linjen «%(line)s» må slutte med en adresse som begynner med https://.")
                    % {"line": line}
                )
            links.append({"label": label.strip() or url, "url": url})
        return links

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("geometry_file") is not None:
            data["geometry"] = data["geometry_file"]  # the file wins over the text
        for kind in PHASE_ORDER:
            start, end = data.get(phase_field(kind, "start")), data.get(phase_field(kind, "end"))
            if (
                (start is None) != (end is None)
                and not self.has_error(phase_field(kind, "start"))
                and not self.has_error(phase_field(kind, "end"))
            ):
                missing = phase_field(kind, "end" if end is None else "start")
                self.add_error(
                    missing, _("Oppgi både start og slutt for fasen, eller ingen av dem.")
                )
        return data

    def to_input(self, *, is_example: bool = False) -> ProjectInput:
        data = self.cleaned_data
        phases: dict[str, tuple[Period, Period]] = {}
        for kind in PHASE_ORDER:
            start, end = data.get(phase_field(kind, "start")), data.get(phase_field(kind, "end"))
            if start is not None and end is not None:
                phases[kind] = (start, end)
        sources: dict[str, dict[str, str]] = {}
        for group in FactGroup:
            text = data.get(f"source_{group.value}", "")
            date: datetime.date | None = data.get(f"source_{group.value}_date")
            if text or date:
                sources[group.value] = {"source": text, "date": date.isoformat() if date else ""}
        return ProjectInput(
            name=data["name"],
            key=data.get("key", ""),
            kind=data["kind"],
            status=data["status"],
            description=data["description"],
            owner_name=data["owner_name"],
            owner_organisation_number=data["owner_organisation_number"],
            municipality_ids=[m.pk for m in data["municipalities"]],
            geometry=data["geometry"],
            investment_low_mnok=data["investment_low_mnok"],
            investment_high_mnok=data["investment_high_mnok"],
            price_level_year=data["price_level_year"],
            construction_person_years=data["construction_person_years"],
            operation_jobs=data["operation_jobs"],
            land_need_daa=data["land_need_daa"],
            power_need_mw=data["power_need_mw"],
            workforce_by_trade=data["workforce_by_trade"],
            links=data["links"],
            sources=sources,
            phases=phases,
            is_internal=data["is_internal"],
            is_example=is_example,
        )

    @staticmethod
    def initial_from(project: Project) -> dict[str, Any]:
        """The form's values for a saved project (also what a conflict compares with)."""
        initial: dict[str, Any] = {
            "version": project.version,
            "name": project.name,
            "key": project.key,
            "kind": project.kind,
            "status": project.status,
            "description": project.description,
            "owner_name": project.owner_name,
            "owner_organisation_number": project.owner_organisation_number,
            "municipalities": [m.pk for m in project.municipalities.all()],
            "geometry": json.dumps(project.geometry, ensure_ascii=False)
            if project.geometry
            else "",
            "investment_low_mnok": project.investment_low_mnok,
            "investment_high_mnok": project.investment_high_mnok,
            "price_level_year": project.price_level_year,
            "construction_person_years": project.construction_person_years,
            "operation_jobs": project.operation_jobs,
            "land_need_daa": project.land_need_daa,
            "power_need_mw": project.power_need_mw,
            "workforce_by_trade": "\n".join(
                f"{trade}: {_plain(value)}" for trade, value in project.workforce_by_trade.items()
            ),
            "links": "\n".join(f"{link['label']} | {link['url']}" for link in project.links),
            "is_internal": project.is_internal,
        }
        for phase in project.phases.all():
            initial[phase_field(phase.kind, "start")] = phase.start_period.label()
            initial[phase_field(phase.kind, "end")] = phase.end_period.label()
        for group, source in project.sources.items():
            initial[f"source_{group}"] = source.get("source", "")
            initial[f"source_{group}_date"] = source.get("date", "")
        return initial


def _plain(value: float) -> str:
    number = Decimal(str(value))
    return f"{number.normalize():f}" if number != number.to_integral() else f"{int(number)}"


class ProjectFilterForm(StyledForm):
    """The register's filter (GET; the URL is the shareable view)."""

    region = forms.ChoiceField(label=_("Region"), required=False)
    municipality = forms.ChoiceField(label=_("Kommune"), required=False)
    kind = forms.MultipleChoiceField(
        label=_("Type"),
        required=False,
        choices=ProjectKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    status = forms.MultipleChoiceField(
        label=_("Status"),
        required=False,
        choices=ProjectStatus.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    year_from = forms.IntegerField(
        label=_("Fra år"), required=False, min_value=1900, max_value=2100
    )
    year_to = forms.IntegerField(label=_("Til år"), required=False, min_value=1900, max_value=2100)

    def __init__(
        self,
        data: QueryDict,
        *,
        regions: list[tuple[str, str]],
        municipalities: list[tuple[str, str]],
    ) -> None:
        super().__init__(data)
        self.fields["region"].choices = [("", _("Alle regioner")), *regions]  # type: ignore[attr-defined]
        self.fields["municipality"].choices = [("", _("Alle kommuner")), *municipalities]  # type: ignore[attr-defined]

    def to_filter(self) -> ProjectFilter:
        if not self.is_valid():
            return ProjectFilter()
        data = self.cleaned_data
        return ProjectFilter(
            region=data["region"],
            municipality=data["municipality"],
            kinds=tuple(data["kind"]),
            statuses=tuple(data["status"]),
            year_from=data["year_from"],
            year_to=data["year_to"],
        )


class ChangesSinceForm(StyledForm):
    """The change view's date (GET, so the view can be shared)."""

    siden = forms.DateField(
        label=_("Endringer siden"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    region = forms.SlugField(label=_("Region (kortnavn)"), required=False, max_length=60)


class ScenarioForm(StyledForm):
    """Save the what-if shown on the construction-load page under a name."""

    name = forms.CharField(label=_("Navn på scenarioet"), max_length=200)


class ImportForm(StyledForm):
    """A mapping study's spreadsheet (CSV or XLSX with the export's columns)."""

    file = forms.FileField(
        label=_("Fil (CSV eller XLSX)"),
        help_text=_(
            "Første rad er kolonnenavnene, de samme som i eksporten. Nøkkelen (key) gjør "
            "importen trygg å kjøre flere ganger."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise ValidationError(_("Filen må være CSV eller XLSX."))
        if upload.size > 10 * 1024 * 1024:
            raise ValidationError(_("Filen er større enn 10 MB."))
        return upload


class OpportunityForm(VersionedFormMixin, StyledForm):
    """An opportunity in the wake of the region's projects, linked to strategy measures."""

    title = forms.CharField(label=_("Tittel"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=Opportunity.Kind.choices)
    status = forms.ChoiceField(label=_("Status"), choices=Opportunity.Status.choices)
    owner_name = forms.CharField(
        label=_("Ansvarlig"),
        max_length=200,
        required=False,
        help_text=_("Hvem følger opp muligheten (person, kommune eller organisasjon)."),
    )
    description = forms.CharField(
        label=_("Beskrivelse"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    projects = forms.TypedMultipleChoiceField(
        label=_("Prosjekter"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    measures = forms.TypedMultipleChoiceField(
        label=_("Tiltak i strategien som følger opp muligheten"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    is_internal = forms.BooleanField(
        label=_("Intern (bare regionens medlemmer ser den)"), required=False
    )

    def __init__(
        self,
        data: QueryDict | None = None,
        *,
        projects: list[Project],
        measures: list[Any],
        initial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        self.fields["projects"].choices = [(p.pk, p.name) for p in projects]  # type: ignore[attr-defined]
        self.fields["measures"].choices = [(m.pk, m.title) for m in measures]  # type: ignore[attr-defined]

    @staticmethod
    def initial_from(opportunity: Opportunity) -> dict[str, Any]:
        return {
            "version": opportunity.version,
            "title": opportunity.title,
            "kind": opportunity.kind,
            "status": opportunity.status,
            "owner_name": opportunity.owner_name,
            "description": opportunity.description,
            "projects": [p.pk for p in opportunity.projects.all()],
            "measures": [m.pk for m in opportunity.measures.all()],
            "is_internal": opportunity.is_internal,
        }

    def to_input(self, *, is_example: bool = False) -> OpportunityInput:
        data = self.cleaned_data
        return OpportunityInput(
            title=data["title"],
            kind=data["kind"],
            status=data["status"],
            owner_name=data["owner_name"],
            description=data["description"],
            project_ids=list(data["projects"]),
            measure_ids=list(data["measures"]),
            is_internal=data["is_internal"],
            is_example=is_example,
        )


class CorridorForm(StyledForm):
    """A corridor for business development (GET, so the corridor stands in the URL and a link to
    it can be shared): a line and a width (ADR 78)."""

    linje = forms.CharField(
        label=_("Korridorlinje"),
        max_length=4000,
        help_text=_(
            "Punkter skilt med semikolon: «breddegrad,lengdegrad» eller et kjent punkt "
            "(for eksempel «brattora; vaernes»). Du kan også klikke i kartet."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    bredde = forms.DecimalField(
        label=_("Korridorens bredde (km)"),
        min_value=Decimal("0.1"),
        max_value=50,
        decimal_places=1,
        initial=2,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line: Any = None

    def clean_linje(self) -> str:
        text: str = self.cleaned_data["linje"].strip()
        line, problem = corridor_line(text)
        if problem:
            raise ValidationError(problem)
        self.line = line
        return text

    def width_km(self) -> float:
        value = self.cleaned_data.get("bredde")
        return 2.0 if value is None else float(value)
