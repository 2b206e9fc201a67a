"""Input cleaning for collaboration projects; the services check the rules and the rights."""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samspill.collaboration.models import (
    Activity,
    AgendaItem,
    Agreement,
    CostCategory,
    CostKey,
    CostLine,
    CouncilBody,
    DecisionPoint,
    FinancingKind,
    FinancingSource,
    Meeting,
    MeetingKind,
    Milestone,
    Outcome,
    Project,
    ProjectRole,
    ReportStatus,
    RoleKind,
    Stage,
    StatusReport,
)
from samspill.core.conflicts import VersionedFormMixin
from samspill.core.forms import StyledForm
from samspill.regions.models import Municipality, Region

REQUIRED_DATE = {"required": _("Oppgi en dato."), "invalid": _("Skriv datoen som dd.mm.åååå.")}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _date(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        error_messages=REQUIRED_DATE,
        help_text=help_text,
    )


def errors_to_form(form: forms.Form, error: ValidationError) -> None:
    """A service's validation errors next to the form's fields (others above the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message)


class ProjectForm(VersionedFormMixin, StyledForm):
    title = forms.CharField(label=_("Tittel"), max_length=200)
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none())
    stage = forms.ChoiceField(label=_("Fase"), choices=Stage.choices)
    previous = forms.ModelChoiceField(
        label=_("Forrige fase"), queryset=Project.objects.none(), required=False
    )
    purpose = forms.CharField(label=_("Formål"), widget=forms.Textarea, required=False)
    improvements = forms.CharField(
        label=_("Hva ønsker vi å forbedre?"), widget=forms.Textarea, required=False
    )
    start_date = _date(_("Start"), required=False)
    end_date = _date(_("Slutt"), required=False)
    is_published = forms.BooleanField(
        label=_("Publiser prosjektet (formål, fase, plan og roller vises for alle)"),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        regions: QuerySet[Region],
        projects: QuerySet[Project],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        region_field = self.fields["region"]
        previous_field = self.fields["previous"]
        assert isinstance(region_field, forms.ModelChoiceField)  # noqa: S101
        assert isinstance(previous_field, forms.ModelChoiceField)  # noqa: S101
        region_field.queryset = regions
        previous_field.queryset = projects

    @staticmethod
    def initial_from(project: Project) -> dict[str, Any]:
        return {
            "title": project.title,
            "region": project.region_id,
            "stage": project.stage,
            "previous": project.previous_id,
            "purpose": project.purpose,
            "improvements": project.improvements,
            "start_date": project.start_date,
            "end_date": project.end_date,
            "is_published": project.is_published,
            "version": project.version,
        }


class RoleForm(VersionedFormMixin, StyledForm):
    kind = forms.ChoiceField(label=_("Rolle"), choices=RoleKind.choices)
    name = forms.CharField(label=_("Navn"), max_length=200)
    title = forms.CharField(label=_("Tittel"), max_length=200, required=False)
    organisation = forms.CharField(label=_("Organisasjon"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-post"), required=False)
    phone = forms.CharField(label=_("Telefon"), max_length=40, required=False)
    username = forms.CharField(
        label=_("Brukernavn i Samspill"),
        max_length=150,
        required=False,
        help_text=_("Gir personen rettighetene rollen har (prosjektleder, styringsgruppe)."),
    )

    @staticmethod
    def initial_from(role: ProjectRole) -> dict[str, Any]:
        return {
            "kind": role.kind,
            "name": role.name,
            "title": role.title,
            "organisation": role.organisation,
            "email": role.email,
            "phone": role.phone,
            "username": role.user.get_username() if role.user else "",
            "version": role.version,
        }


class MilestoneForm(VersionedFormMixin, StyledForm):
    number = forms.CharField(label=_("Nummer"), max_length=10)
    date = _date(_("Dato"))
    marker = forms.CharField(label=_("Tilstand/hendelse"), max_length=300)
    reached_on = _date(_("Nådd dato"), required=False, help_text=_("Tom: ikke nådd ennå."))

    @staticmethod
    def initial_from(milestone: Milestone) -> dict[str, Any]:
        return {
            "number": milestone.number,
            "date": milestone.date,
            "marker": milestone.marker,
            "reached_on": milestone.reached_on,
            "version": milestone.version,
        }


class ActivityForm(StyledForm):
    code = forms.CharField(label=_("Kode"), max_length=20, required=False)
    title = forms.CharField(label=_("Tittel"), max_length=300)
    result = forms.CharField(
        label=_("Resultat / dokumentasjon"), widget=forms.Textarea, required=False
    )
    start_date = _date(_("Start"), required=False)
    end_date = _date(_("Slutt"), required=False)
    is_done = forms.BooleanField(label=_("Gjennomført"), required=False)


class DecisionPointForm(StyledForm):
    number = forms.IntegerField(label=_("Nummer"), min_value=1, max_value=999)
    date = _date(_("Dato"))
    topic = forms.CharField(label=_("Tema"), max_length=300)
    documentation = forms.CharField(
        label=_("Dokumentasjon som kreves"), max_length=300, required=False
    )
    decided_by = forms.CharField(label=_("Hvem beslutter"), max_length=200, required=False)
    needs_all_councils = forms.BooleanField(
        label=_("Krever vedtak i alle deltakende kommuner"), required=False
    )


class DecisionRecordForm(StyledForm):
    decided_on = _date(_("Besluttet dato"))
    decision_by_name = forms.CharField(label=_("Besluttet av"), max_length=200, required=False)
    decision_text = forms.CharField(label=_("Beslutning"), widget=forms.Textarea)


def _municipality_name(municipality: Municipality) -> str:
    return municipality.name


class TreatmentForm(StyledForm):
    municipality = forms.ModelChoiceField(label=_("Kommune"), queryset=Municipality.objects.none())
    body = forms.ChoiceField(label=_("Organ"), choices=CouncilBody.choices)
    meeting_date = _date(_("Møtedato"))
    case_number = forms.CharField(label=_("Saksnummer"), max_length=40, required=False)
    outcome = forms.ChoiceField(label=_("Utfall"), choices=Outcome.choices)
    record_url = forms.URLField(label=_("Lenke til offentlig journal/vedtak"), required=False)

    def __init__(self, *args: Any, municipalities: QuerySet[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = municipalities
        field.label_from_instance = _municipality_name  # type: ignore[method-assign,assignment]


class OverrideForm(StyledForm):
    reason = forms.CharField(label=_("Begrunnelse"), widget=forms.Textarea)


class CostLineForm(VersionedFormMixin, StyledForm):
    category = forms.ChoiceField(label=_("Kostnadstype"), choices=CostCategory.choices)
    description = forms.CharField(label=_("Beskrivelse"), max_length=300, required=False)
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    planned = forms.IntegerField(label=_("Planlagt (kr)"), min_value=0, max_value=10**12)
    spent = forms.IntegerField(label=_("Brukt (kr)"), min_value=0, max_value=10**12, initial=0)

    @staticmethod
    def initial_from(line: CostLine) -> dict[str, Any]:
        return {
            "category": line.category,
            "description": line.description,
            "year": line.year,
            "planned": line.planned,
            "spent": line.spent,
            "version": line.version,
        }


class FinancingForm(VersionedFormMixin, StyledForm):
    kind = forms.ChoiceField(label=_("Kilde"), choices=FinancingKind.choices)
    name = forms.CharField(label=_("Navn"), max_length=200, required=False)
    amount = forms.IntegerField(label=_("Beløp (kr)"), min_value=0, max_value=10**12)

    @staticmethod
    def initial_from(source: FinancingSource) -> dict[str, Any]:
        return {
            "kind": source.kind,
            "name": source.name,
            "amount": source.amount,
            "version": source.version,
        }


FIGURE_LINE = re.compile(r"^\s*(\d{4})\s*[;:=,\s]\s*([0-9][0-9\s ]*(?:[.,]\d+)?)\s*$")


class CostKeyForm(StyledForm):
    name = forms.CharField(label=_("Navn på nøkkelen"), max_length=200)
    equal_percent = forms.IntegerField(label=_("Likt (%)"), min_value=0, max_value=100, initial=0)
    population_percent = forms.IntegerField(
        label=_("Etter folketall (%)"), min_value=0, max_value=100, initial=0
    )
    population_date = _date(
        _("Folketall per dato"),
        required=False,
        help_text=_("Folketallet 1. januar i året for datoen, eller siste år før (SSB 07459)."),
    )
    other_percent = forms.IntegerField(
        label=_("Etter annet tall (%)"), min_value=0, max_value=100, initial=0
    )
    other_label = forms.CharField(
        label=_("Hva er det andre tallet?"), max_length=200, required=False
    )
    other_figures = forms.CharField(
        label=_("Annet tall per kommune"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Én linje per kommune: kommunenummer og tall, f.eks. «5520 1200»."),
    )

    def clean_other_figures(self) -> dict[str, float]:
        text = self.cleaned_data.get("other_figures", "")
        figures: dict[str, float] = {}
        for line in text.splitlines():
            if not line.strip():
                continue
            match = FIGURE_LINE.match(line)
            if match is None:
                raise ValidationError(
                    _("Kan ikke lese linjen «%(line)s»: skriv kommunenummer og tall."),
                    params={"line": line.strip()[:60]},
                )
            number = match.group(2).replace(" ", "").replace("\u00a0", "").replace(",", ".")
            figures[match.group(1)] = float(number)
        return figures


def _figure_text(value: float) -> str:
    """A figure as typed back into the form (1200, not 1200.0 or 1.2e+03)."""
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number)


class CostKeyEditForm(VersionedFormMixin, CostKeyForm):
    @staticmethod
    def initial_from(key: CostKey) -> dict[str, Any]:
        figures = key.other_figures or {}
        return {
            "name": key.name,
            "equal_percent": key.equal_percent,
            "population_percent": key.population_percent,
            "population_date": key.population_date,
            "other_percent": key.other_percent,
            "other_label": key.other_label,
            "other_figures": "\n".join(
                f"{number} {_figure_text(value)}" for number, value in figures.items()
            ),
            "version": key.version,
        }


class MeetingForm(VersionedFormMixin, StyledForm):
    kind = forms.ChoiceField(label=_("Type møte"), choices=MeetingKind.choices)
    date = _date(_("Dato"))
    title = forms.CharField(label=_("Tittel"), max_length=200)
    attendees = forms.CharField(
        label=_("Deltakere"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Én per linje."),
    )
    minutes = forms.CharField(label=_("Referat"), widget=forms.Textarea, required=False)

    @staticmethod
    def initial_from(meeting: Meeting) -> dict[str, Any]:
        return {
            "kind": meeting.kind,
            "date": meeting.date,
            "title": meeting.title,
            "attendees": meeting.attendees,
            "minutes": meeting.minutes,
            "version": meeting.version,
        }


class AgendaItemForm(VersionedFormMixin, StyledForm):
    number = forms.IntegerField(label=_("Saksnummer"), min_value=1, max_value=999)
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Sak"), max_length=300)
    decision = forms.CharField(label=_("Vedtak"), widget=forms.Textarea, required=False)

    @staticmethod
    def initial_from(item: AgendaItem) -> dict[str, Any]:
        return {
            "number": item.number,
            "year": item.year,
            "title": item.title,
            "decision": item.decision,
            "version": item.version,
        }


class ActivityEditForm(VersionedFormMixin, ActivityForm):
    @staticmethod
    def initial_from(activity: Activity) -> dict[str, Any]:
        return {
            "code": activity.code,
            "title": activity.title,
            "result": activity.result,
            "start_date": activity.start_date,
            "end_date": activity.end_date,
            "is_done": activity.is_done,
            "version": activity.version,
        }


class DecisionPointEditForm(VersionedFormMixin, DecisionPointForm):
    @staticmethod
    def initial_from(point: DecisionPoint) -> dict[str, Any]:
        return {
            "number": point.number,
            "date": point.date,
            "topic": point.topic,
            "documentation": point.documentation,
            "decided_by": point.decided_by,
            "needs_all_councils": point.needs_all_councils,
            "version": point.version,
        }


class AgreementEditForm(VersionedFormMixin, StyledForm):
    """The agreement's title and the decision point adopting it; its versions are not edited."""

    title = forms.CharField(label=_("Tittel"), max_length=200)
    decision_point = forms.ModelChoiceField(
        label=_("Behandles ved beslutningspunkt"),
        queryset=DecisionPoint.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, points: QuerySet[DecisionPoint], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision_point"].queryset = points  # type: ignore[attr-defined]

    @staticmethod
    def initial_from(agreement: Agreement) -> dict[str, Any]:
        return {
            "title": agreement.title,
            "decision_point": agreement.decision_point_id,
            "version": agreement.version,
        }


class DeleteForm(VersionedFormMixin, StyledForm):
    """Confirms a deletion of the version the user saw (someone's later change stops it)."""


class AgreementForm(StyledForm):
    title = forms.CharField(label=_("Tittel"), max_length=200)
    decision_point = forms.ModelChoiceField(
        label=_("Behandles ved beslutningspunkt"),
        queryset=DecisionPoint.objects.none(),
        required=False,
        help_text=_("Kommunestyrenes vedtak registreres på beslutningspunktet."),
    )
    date = _date(_("Dato for versjon 1"))
    text = forms.CharField(label=_("Avtaletekst"), widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, points: QuerySet[DecisionPoint], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["decision_point"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = points


class AgreementVersionForm(StyledForm):
    date = _date(_("Dato"))
    changes = forms.CharField(
        label=_("Endringer fra forrige versjon"), widget=forms.Textarea(attrs={"rows": 3})
    )
    text = forms.CharField(label=_("Avtaletekst"), widget=forms.Textarea, required=False)


class SignatureForm(StyledForm):
    municipality = forms.ModelChoiceField(label=_("Kommune"), queryset=Municipality.objects.none())
    signed_on = _date(_("Signert dato"))
    signed_by = forms.CharField(
        label=_("Signert av"), max_length=200, help_text=_("Navn og tittel, f.eks. «ordfører»")
    )

    def __init__(self, *args: Any, municipalities: QuerySet[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = municipalities
        field.label_from_instance = _municipality_name  # type: ignore[method-assign,assignment]


class StatusReportForm(StyledForm):
    period_start = _date(_("Periode fra"))
    period_end = _date(_("Periode til"))
    status = forms.ChoiceField(
        label=_("Status"), choices=ReportStatus.choices, widget=forms.RadioSelect
    )
    explanation = forms.CharField(
        label=_("Forklaring"),
        widget=forms.Textarea,
        help_text=_(
            "Hva går etter planen, hva gjør det ikke, og hva trenger styringsgruppen å vite?"
        ),
    )


class StatusReportEditForm(VersionedFormMixin, StyledForm):
    """A report's status and explanation; its period and frozen snapshot are not edited."""

    status = forms.ChoiceField(
        label=_("Status"), choices=ReportStatus.choices, widget=forms.RadioSelect
    )
    explanation = forms.CharField(label=_("Forklaring"), widget=forms.Textarea)

    @staticmethod
    def initial_from(report: StatusReport) -> dict[str, Any]:
        return {
            "status": report.status,
            "explanation": report.explanation,
            "version": report.version,
        }
