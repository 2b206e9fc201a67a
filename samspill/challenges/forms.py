"""Input cleaning for challenges, suppliers, dialogue, answers, assessment and pilots.

The services check the rules (stage, deadline, weights, check digit); forms only read the input.
"""

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samspill.accounts.models import User
from samspill.challenges.models import (
    Area,
    Challenge,
    Criterion,
    Milestone,
    Pilot,
    ProcurementRoute,
    Stage,
)
from samspill.challenges.services import organisation_number_clean
from samspill.core.conflicts import VersionedFormMixin
from samspill.core.forms import StyledForm
from samspill.regions.models import Municipality


def errors_to_form(form: forms.Form, error: ValidationError) -> None:
    """A service's validation errors next to the form's fields (others above the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


NEED_HELP = _(
    "Skriv et behov, ikke en løsning: beskriv problemet og hva som skal bli bedre, ikke hvilket "
    "produkt dere ser for dere. Da kan leverandørene foreslå løsninger dere ikke har tenkt på."
)


class ChallengeForm(VersionedFormMixin, StyledForm):
    """The need statement: guided as a need, not a solution."""

    title = forms.CharField(label=_("Tittel"), max_length=200)
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Eierkommuner"),
        queryset=Municipality.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kommunene som stiller utfordringen. Andre kan bli med senere."),
    )
    problem = forms.CharField(
        label=_("Hva er problemet?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Beskriv behovet, ikke løsningen."),
    )
    affected = forms.CharField(
        label=_("Hvem berøres?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Innbyggere, ansatte, bedrifter …"),
    )
    cost_today = forms.CharField(
        label=_("Hva koster problemet i dag?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Penger, tid, utslipp eller risiko, gjerne anslått."),
    )
    good_result = forms.CharField(
        label=_("Hva er et godt resultat?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hva er annerledes når behovet er dekket?"),
    )
    measurement = forms.CharField(
        label=_("Hvordan skal resultatet måles?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Suksesskriteriene en pilot følges opp med."),
    )
    area = forms.ChoiceField(label=_("Område"), choices=Area.choices)
    budget_estimate = forms.IntegerField(
        label=_("Anslått budsjett (kr)"), required=False, min_value=0, max_value=10**12
    )
    timeline = forms.CharField(label=_("Tidsplan"), max_length=300, required=False)
    procurement_route = forms.ChoiceField(
        label=_("Planlagt anskaffelsesvei"), choices=ProcurementRoute.choices
    )
    tender_url = forms.URLField(
        label=_("Lenke til kunngjøringen i Doffin"),
        max_length=500,
        required=False,
        assume_scheme="https",
    )
    answer_deadline = forms.DateTimeField(
        label=_("Svarfrist (norsk tid)"),
        required=False,
        widget=DateTimeInput,
        # Minutes from the page's picker; seconds when a client sends them, as the API takes them.
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
        help_text=_("Etter fristen kan ingen svar endres."),
    )

    def __init__(
        self,
        *args: Any,
        municipalities: QuerySet[Municipality],
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipalities"]
        assert isinstance(field, forms.ModelMultipleChoiceField)  # noqa: S101 - narrows the type
        field.queryset = municipalities
        if editing:
            del self.fields["municipalities"]

    @staticmethod
    def initial_from(challenge: Challenge) -> dict[str, Any]:
        keys = (
            "title",
            "problem",
            "affected",
            "cost_today",
            "good_result",
            "measurement",
            "area",
            "budget_estimate",
            "timeline",
            "procurement_route",
            "tender_url",
            "answer_deadline",
        )
        return {**{key: getattr(challenge, key) for key in keys}, "version": challenge.version}


class ChallengeFilterForm(forms.Form):
    area = forms.ChoiceField(label=_("Område"), choices=[("", _("Alle"))], required=False)
    kommune = forms.ChoiceField(label=_("Kommune"), choices=[("", _("Alle"))], required=False)
    stage = forms.ChoiceField(label=_("Fase"), choices=[("", _("Alle"))], required=False)


class TransitionForm(StyledForm):
    to = forms.ChoiceField(label=_("Ny fase"), choices=Stage.choices)
    reason = forms.CharField(
        label=_("Begrunnelse"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Må fylles ut når utfordringen stanses."),
    )


class CriteriaForm(StyledForm):
    """Up to six criteria with weights in percent; the service checks that they add up to 100."""

    ROWS = 6

    def __init__(self, *args: Any, criteria: list[Criterion] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rows = criteria or []
        for i in range(self.ROWS):
            existing = rows[i] if i < len(rows) else None
            self.fields[f"name_{i}"] = forms.CharField(
                label=_("Kriterium %(n)s") % {"n": i + 1},
                max_length=200,
                required=False,
                initial=existing.name if existing else "",
            )
            self.fields[f"weight_{i}"] = forms.IntegerField(
                label=_("Vekt for kriterium %(n)s (prosent)") % {"n": i + 1},
                min_value=0,
                max_value=100,
                required=False,
                initial=existing.weight if existing else None,
            )

    def rows(self) -> list[tuple[str, int]]:
        return [
            (self.cleaned_data[f"name_{i}"], self.cleaned_data[f"weight_{i}"] or 0)
            for i in range(self.ROWS)
            if self.cleaned_data.get(f"name_{i}")
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for i in range(self.ROWS):
            if data.get(f"name_{i}") and not data.get(f"weight_{i}"):
                self.add_error(f"weight_{i}", _("Gi kriteriet en vekt."))
            if data.get(f"weight_{i}") and not data.get(f"name_{i}"):
                self.add_error(f"name_{i}", _("Gi vekten et kriterium."))
        return data


class SupplierRegisterForm(StyledForm):
    organisation_number = forms.CharField(
        label=_("Organisasjonsnummer"),
        max_length=20,
        help_text=_("Ni siffer. Vi henter fakta fra Enhetsregisteret når det svarer."),
    )
    name = forms.CharField(label=_("Navn på virksomheten"), max_length=200)
    municipality = forms.ModelChoiceField(
        label=_("Kommune"),
        queryset=Municipality.objects.filter(valid_to__isnull=True).order_by("name"),
        required=False,
    )
    competence = forms.CharField(
        label=_("Kompetanse"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Hva dere kan og har levert."),
    )
    competence_tags = forms.CharField(
        label=_("Kompetanseområder"),
        max_length=400,
        required=False,
        help_text=_("Skill med komma, for eksempel «vannrensing, sensorer»."),
    )
    website = forms.URLField(label=_("Nettsted"), required=False, assume_scheme="https")
    first_name = forms.CharField(label=_("Fornavn"), max_length=150)
    last_name = forms.CharField(label=_("Etternavn"), max_length=150)
    email = forms.EmailField(label=_("E-post"))
    username = forms.CharField(label=_("Brukernavn"), max_length=150)
    password = forms.CharField(label=_("Passord"), widget=forms.PasswordInput(render_value=True))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        autocomplete = {
            "first_name": "given-name",
            "last_name": "family-name",
            "email": "email",
            "username": "username",
            "password": "new-password",
            "name": "organization",
            "website": "url",
        }
        for name, token in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = token

    def clean_organisation_number(self) -> str:
        return organisation_number_clean(self.cleaned_data["organisation_number"])


class SupplierProfileForm(VersionedFormMixin, StyledForm):
    competence = forms.CharField(label=_("Kompetanse"), widget=forms.Textarea(attrs={"rows": 4}))
    competence_tags = forms.CharField(label=_("Kompetanseområder"), max_length=400, required=False)
    website = forms.URLField(label=_("Nettsted"), required=False, assume_scheme="https")
    municipality = forms.ModelChoiceField(
        label=_("Kommune"),
        queryset=Municipality.objects.filter(valid_to__isnull=True).order_by("name"),
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Språk i e-post"),
        choices=settings.LANGUAGES,
        help_text=_("Påminnelser, kunngjøringer og utfall sendes på dette språket."),
    )


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


class PanelAddForm(StyledForm):
    user = PersonChoiceField(label=_("Vurderer"), queryset=User.objects.none())

    def __init__(self, *args: Any, candidates: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        assert isinstance(field, PersonChoiceField)  # noqa: S101 - narrows the type
        field.queryset = User.objects.filter(pk__in=[u.pk for u in candidates]).order_by(
            "first_name", "last_name", "username"
        )


class ReferenceForm(StyledForm):
    title = forms.CharField(label=_("Oppdrag"), max_length=200)
    customer = forms.CharField(label=_("Kunde"), max_length=200)
    year = forms.IntegerField(label=_("År"), min_value=1900, max_value=2100)
    description = forms.CharField(
        label=_("Beskrivelse"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MeetingForm(StyledForm):
    starts_at = forms.DateTimeField(
        label=_("Tidspunkt (norsk tid)"),
        widget=DateTimeInput,
        # Minutes from the page's picker; seconds when a client sends them, as the API takes them.
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
    )
    place = forms.CharField(label=_("Sted"), max_length=200, required=False)
    link = forms.URLField(
        label=_("Lenke til nettmøte"), max_length=500, required=False, assume_scheme="https"
    )
    description = forms.CharField(
        label=_("Program"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class QuestionForm(StyledForm):
    text = forms.CharField(
        label=_("Spørsmål"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Svaret publiseres for alle. Hvem som spurte, vises ikke."),
    )


class QuestionAnswerForm(StyledForm):
    answer = forms.CharField(label=_("Svar"), widget=forms.Textarea(attrs={"rows": 3}))


class AnnouncementForm(StyledForm):
    title = forms.CharField(label=_("Tittel"), max_length=200)
    body = forms.CharField(label=_("Melding"), widget=forms.Textarea(attrs={"rows": 4}))


class AnswerForm(VersionedFormMixin, StyledForm):
    solution = forms.CharField(
        label=_("Foreslått løsning"), widget=forms.Textarea(attrs={"rows": 6})
    )
    estimated_cost = forms.IntegerField(
        label=_("Anslått kostnad (kr)"), required=False, min_value=0, max_value=10**12
    )
    estimated_time = forms.CharField(label=_("Anslått tid"), max_length=200, required=False)
    tried_elsewhere = forms.CharField(
        label=_("Er løsningen prøvd andre steder?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Hvor, og med hvilket resultat?"),
    )


def _attachment_help_text() -> str:
    return gettext("PDF, DOCX, XLSX, ODT, PNG eller JPEG, høyst %(mb)s MB.") % {
        "mb": settings.CHALLENGES_ATTACHMENT_MAX_BYTES // (1024 * 1024)
    }


class AttachmentForm(StyledForm):
    """One file to attach to the supplier's own answer."""

    file = forms.FileField(label=_("Fil"), help_text=lazy(_attachment_help_text, str)())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".pdf,.docx,.xlsx,.odt,.png,.jpg,.jpeg"


class DeclarationForm(StyledForm):
    has_conflict = forms.TypedChoiceField(
        label=_("Habilitet"),
        choices=[
            ("no", _("Jeg er ikke inhabil for dette svaret")),
            ("yes", _("Jeg er inhabil (for eksempel eier, ansatt eller nær familie)")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Merknad"), max_length=500, required=False)


class ScoreForm(StyledForm):
    """One score and a justification per criterion."""

    def __init__(
        self, *args: Any, criteria: list[Criterion], initial_scores: dict[int, Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            existing = initial_scores.get(criterion.pk)
            self.fields[f"value_{criterion.pk}"] = forms.IntegerField(
                label=_("Poeng for «%(name)s» (0–10)") % {"name": criterion.name},
                min_value=0,
                max_value=10,
                initial=existing.value if existing else None,
            )
            self.fields[f"justification_{criterion.pk}"] = forms.CharField(
                label=_("Begrunnelse for «%(name)s»") % {"name": criterion.name},
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=existing.justification if existing else "",
            )


class SelectForm(StyledForm):
    reason = forms.CharField(
        label=_("Begrunnelse for å velge svaret til pilot"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PilotForm(VersionedFormMixin, StyledForm):
    plan = forms.CharField(label=_("Pilotplan"), required=False, widget=forms.Textarea)
    success_measures = forms.CharField(
        label=_("Suksesskriterier"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    starts_on = forms.DateField(label=_("Start"), required=False, widget=DateInput)
    ends_on = forms.DateField(label=_("Slutt"), required=False, widget=DateInput)
    results = forms.CharField(
        label=_("Resultater"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    @staticmethod
    def initial_from(pilot: Pilot) -> dict[str, Any]:
        keys = ("plan", "success_measures", "starts_on", "ends_on", "results")
        return {**{key: getattr(pilot, key) for key in keys}, "version": pilot.version}


class MilestoneForm(StyledForm):
    title = forms.CharField(label=_("Milepæl"), max_length=200)
    due_on = forms.DateField(label=_("Frist"), widget=DateInput)


class MilestoneEditForm(VersionedFormMixin, StyledForm):
    """A milestone changed whole: what, when, reached, result (conflict-safe)."""

    title = forms.CharField(label=_("Milepæl"), max_length=200)
    due_on = forms.DateField(label=_("Frist"), widget=DateInput)
    done = forms.BooleanField(label=_("Nådd"), required=False)
    result = forms.CharField(label=_("Resultat"), max_length=2000, required=False)

    @staticmethod
    def initial_from(milestone: Milestone) -> dict[str, Any]:
        keys = ("title", "due_on", "done", "result")
        return {**{key: getattr(milestone, key) for key in keys}, "version": milestone.version}


class MilestoneReportForm(StyledForm):
    done = forms.BooleanField(label=_("Nådd"), required=False)
    result = forms.CharField(label=_("Resultat"), max_length=2000, required=False)


class DecisionForm(StyledForm):
    decision = forms.ChoiceField(
        label=_("Beslutning"),
        choices=[c for c in Pilot.Decision.choices if c[0]],
        widget=forms.RadioSelect,
    )
    route = forms.ChoiceField(
        label=_("Anskaffelsesvei ved oppskalering"),
        choices=[("", "–"), *ProcurementRoute.choices],
        required=False,
    )
    reason = forms.CharField(label=_("Begrunnelse"), widget=forms.Textarea(attrs={"rows": 3}))


class JoinForm(StyledForm):
    municipality = forms.ModelChoiceField(label=_("Kommune"), queryset=Municipality.objects.none())

    def __init__(self, *args: Any, municipalities: QuerySet[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        field.queryset = municipalities
