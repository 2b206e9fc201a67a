"""Forms for the front door. Errors sit next to their fields; nothing typed is lost."""

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from samspill.accounts.models import User
from samspill.core.conflicts import VersionField
from samspill.core.forms import ModelMultipleChoiceField, StyledForm
from samspill.inquiries.models import Inquiry, Need, RoutingRule
from samspill.inquiries.orgnr import is_valid_organisation_number, normalise_organisation_number
from samspill.inquiries.services import MAX_PEOPLE, ContactInput, InquiryInput
from samspill.inquiries.spam import form_started_token, seconds_since_form_started
from samspill.regions.models import Municipality

AREA_UNITS = [("daa", _("dekar (daa)")), ("m2", _("kvadratmeter (m²)"))]


STAFF_NOTE_HELP = _(
    "Skriv bare det som trengs for å følge opp saken. Ikke skriv fødselsnummer eller "
    "sensitive personopplysninger (helse, religion, etnisitet, fagforening, straffbare "
    "forhold). Notatene kan leses av andre rådgivere og utleveres ved innsyn."
)


class _InquiryForm(StyledForm):
    """The front door's forms: core StyledForm (its error wiring reads `_errors`, so a bound form
    is not validated while it is being built and querysets can be set after super().__init__())."""


class InquiryForm(_InquiryForm):
    """What a business needs, where, how big, when, and who to talk to."""

    company_name = forms.CharField(
        label=_("Bedriftens navn"),
        max_length=300,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    organisation_number = forms.CharField(
        label=_("Organisasjonsnummer"),
        required=False,
        max_length=20,
        help_text=_(
            "Ni sifre. Vi henter navn, adresse og bransje fra Enhetsregisteret. "
            "Har dere ikke startet ennå, lar dere feltet stå tomt."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    needs = forms.MultipleChoiceField(
        label=_("Hva trenger dere?"),
        choices=Need.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Velg minst ett behov.")},
    )
    municipalities = ModelMultipleChoiceField(
        label=_("Hvor i regionen?"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    anywhere_in_region = forms.BooleanField(label=_("Hvor som helst i regionen"), required=False)
    area = forms.DecimalField(
        label=_("Areal dere trenger"),
        required=False,
        max_digits=12,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1"), message=_("Arealet må være større enn 0."))],
    )
    area_unit = forms.ChoiceField(label=_("Enhet for arealet"), choices=AREA_UNITS, initial="daa")
    employees = forms.IntegerField(
        label=_("Ansatte i dag"),
        required=False,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_PEOPLE)],
    )
    jobs_expected = forms.IntegerField(
        label=_("Nye arbeidsplasser det kan gi"),
        required=False,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_PEOPLE)],
    )
    timing = forms.ChoiceField(
        label=_("Når trenger dere det?"),
        choices=Inquiry.Timing.choices,
        initial=Inquiry.Timing.UNKNOWN,
    )
    description = forms.CharField(
        label=_("Fortell kort om planene"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Skriv om bedriften og planene, ikke om personer. Ikke skriv fødselsnummer eller "
            "opplysninger om helse, religion, etnisitet, fagforening eller straffbare forhold. "
            "Kontaktpersonen fører du inn nedenfor."
        ),
    )
    contact_name = forms.CharField(
        label=_("Kontaktperson"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_email = forms.EmailField(
        label=_("E-post"),
        required=False,
        error_messages={"invalid": _("E-postadressen ser ikke riktig ut.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_phone = forms.CharField(
        label=_("Telefon"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )

    def __init__(self, *args: Any, municipalities: Sequence[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        municipality_field = self.fields["municipalities"]
        assert isinstance(municipality_field, forms.ModelMultipleChoiceField)  # noqa: S101 - narrows
        municipality_field.queryset = Municipality.objects.filter(
            pk__in=[m.pk for m in municipalities]
        ).defer("boundary")

    def clean_organisation_number(self) -> str:
        value = normalise_organisation_number(self.cleaned_data.get("organisation_number", ""))
        if value and not is_valid_organisation_number(value):
            raise forms.ValidationError(
                _(
                    "Organisasjonsnummeret er ikke gyldig: det skal ha ni sifre med riktig kontrollsiffer."
                )
            )
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("municipalities") and not cleaned.get("anywhere_in_region"):
            self.add_error(
                "municipalities", _("Velg minst én kommune, eller «hvor som helst i regionen».")
            )
        if (
            not cleaned.get("contact_email")
            and not cleaned.get("contact_phone")
            and "contact_email" not in self.errors
        ):
            self.add_error("contact_email", _("Oppgi e-post eller telefon, så vi kan svare deg."))
        return cleaned

    def area_m2(self) -> int | None:
        area = self.cleaned_data.get("area")
        if area is None:
            return None
        factor = 1000 if self.cleaned_data.get("area_unit") == "daa" else 1
        return int((area * factor).to_integral_value())

    def inquiry_input(self) -> InquiryInput:
        data = self.cleaned_data
        return InquiryInput(
            company_name=data["company_name"],
            organisation_number=data["organisation_number"],
            needs=data["needs"],
            municipalities=list(data["municipalities"]),
            anywhere_in_region=data["anywhere_in_region"],
            area_m2=self.area_m2(),
            employees=data.get("employees"),
            jobs_expected=data.get("jobs_expected"),
            timing=data["timing"],
            description=data.get("description", ""),
        )

    def contact_input(self) -> ContactInput:
        data = self.cleaned_data
        return ContactInput(
            name=data["contact_name"],
            email=data.get("contact_email", ""),
            phone=data.get("contact_phone", ""),
        )


class PublicInquiryForm(InquiryForm):
    """The public form adds spam protection: a honeypot field and a signed start time."""

    website = forms.CharField(
        label=_("La dette feltet stå tomt"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["started"] = form_started_token()
        self.spam_detected = False

    def visible_fields(self) -> list[forms.BoundField]:
        return [field for field in super().visible_fields() if field.name != "website"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("website"):
            self.spam_detected = True
        elapsed = seconds_since_form_started(cleaned.get("started", ""))
        minimum = float(getattr(settings, "INQUIRY_FORM_MIN_SECONDS", 3))
        if elapsed is None or elapsed < minimum:
            # Keep what was typed, and give a fresh start time for the next try.
            if isinstance(self.data, QueryDict):
                data = self.data.copy()
                data["started"] = form_started_token()
                self.data = data
            raise forms.ValidationError(
                _("Skjemaet ble sendt svært raskt eller er for gammelt. Se over og send igjen.")
            )
        return cleaned


class FrontDoorForm(_InquiryForm):
    """A business chooses where: the municipality it is in or wants to establish in."""

    kommune = forms.ChoiceField(
        label=_("Kommune"),
        help_text=_("Kommunen bedriften holder til i, eller der dere vil etablere dere."),
    )

    def __init__(self, *args: Any, places: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kommune"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - narrows
        field.choices = [("", _("– Velg kommune –")), *places]


class AdviserChoiceField(ModelMultipleChoiceField[User]):
    """Advisers with their title, so the coordinator sees who does what."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} – {obj.title}" if getattr(obj, "title", "") else str(obj)


class AssignForm(_InquiryForm):
    # Optional: the row lock already stops acting on a closed inquiry; with it, "changed meanwhile".
    version = VersionField(required=False)
    advisers = AdviserChoiceField(
        label=_("Tildel til"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Velg minst én rådgiver.")},
    )

    def __init__(self, *args: Any, advisers: Sequence[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["advisers"]
        assert isinstance(field, forms.ModelMultipleChoiceField)  # noqa: S101 - narrows
        field.queryset = User.objects.filter(pk__in=[a.pk for a in advisers])


class NoteForm(_InquiryForm):
    text = forms.CharField(
        label=_("Notat"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=STAFF_NOTE_HELP,
    )
    next_step = forms.CharField(
        label=_("Neste steg"),
        required=False,
        max_length=300,
        help_text=_("For eksempel «Befaring på tomta». Ingen personopplysninger."),
    )
    due_date = forms.DateField(
        label=_("Frist for neste steg"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("due_date") and not cleaned.get("next_step"):
            self.add_error("next_step", _("Beskriv neste steg når du setter en frist."))
        return cleaned


class StatusForm(_InquiryForm):
    """Move the follow-up on; closing asks for the outcome."""

    version = VersionField(required=False)  # as in AssignForm

    status = forms.ChoiceField(label=_("Ny status"), choices=Inquiry.Status.choices)
    outcome_municipality = forms.ModelChoiceField(
        label=_("Etablert i kommune"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label="–",
    )
    jobs_created = forms.IntegerField(
        label=_("Arbeidsplasser skapt"),
        required=False,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_PEOPLE)],
    )
    lost_reason = forms.ChoiceField(
        label=_("Årsak til tap"),
        choices=[("", "–"), *Inquiry.LostReason.choices],
        required=False,
    )
    unmet_needs = forms.MultipleChoiceField(
        label=_("Behov regionen ikke kunne dekke"),
        choices=Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Tas vare på som udekket etterspørsel. Ved tap regnes alle behov som udekket om du ikke velger noen."
        ),
    )
    outcome_note = forms.CharField(
        label=_("Om utfallet"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text=STAFF_NOTE_HELP,
    )

    def __init__(
        self, *args: Any, inquiry: Inquiry, municipalities: Sequence[Municipality], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        status_field = self.fields["status"]
        assert isinstance(status_field, forms.ChoiceField)  # noqa: S101 - narrows
        status_field.choices = [c for c in Inquiry.Status.choices if c[0] != Inquiry.Status.NEW]
        place = self.fields["outcome_municipality"]
        assert isinstance(place, forms.ModelChoiceField)  # noqa: S101 - narrows
        place.queryset = Municipality.objects.filter(pk__in=[m.pk for m in municipalities]).defer(
            "boundary"
        )
        unmet = self.fields["unmet_needs"]
        assert isinstance(unmet, forms.MultipleChoiceField)  # noqa: S101 - narrows
        unmet.choices = [c for c in Need.choices if c[0] in inquiry.needs]


class ContactForm(_InquiryForm):
    version = VersionField()  # of the contact; 0 when there is none (services.NOT_CREATED)
    # Autocomplete tokens say what each field asks for (WCAG 1.3.5).
    name = forms.CharField(
        label=_("Navn"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-post"),
        required=False,
        error_messages={"invalid": _("E-postadressen ser ikke riktig ut.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Telefon"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )


class EraseForm(_InquiryForm):
    reason = forms.CharField(
        label=_("Hvorfor slettes opplysningene?"),
        max_length=300,
        help_text=_(
            "For eksempel: «Bedt om sletting på e-post 3. mars». Logges, uten personopplysninger."
        ),
    )


class MunicipalityServiceForm(_InquiryForm):
    organisation = forms.CharField(
        label=_("Hvordan er tjenesten organisert?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    person_years = forms.DecimalField(
        label=_("Årsverk i egen organisasjon"),
        min_value=Decimal(0),
        max_value=Decimal(999),
        decimal_places=2,
    )
    person_years_text = forms.CharField(
        label=_("Tilgjengelige årsverk (fritekst)"),
        required=False,
        max_length=300,
        help_text=_("Slik dere selv vil beskrive det, f.eks. «1 + kjøp av førstelinjetjeneste»."),
    )
    bought_first_line_service = forms.BooleanField(
        label=_("Kjøper førstelinjetjeneste"), required=False
    )
    bought_from = forms.CharField(label=_("Kjøpt fra"), required=False, max_length=200)
    bought_person_years = forms.DecimalField(
        label=_("Kjøpte årsverk"),
        min_value=Decimal(0),
        max_value=Decimal(999),
        decimal_places=2,
        initial=0,
    )
    business_association = forms.BooleanField(label=_("Næringsforening i kommunen"), required=False)
    contact_points = forms.CharField(
        label=_("Kontaktpunkter"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    source = forms.CharField(label=_("Kilde"), required=False, max_length=300)
    facts_as_of = forms.DateField(
        label=_("Opplysningene gjelder per"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "Datoen dere sist sjekket at opplysningene stemmer. Sett dagens dato når dere har "
            "gått gjennom dem."
        ),
    )
    version = VersionField()  # 0 when the municipality has no entry yet


class AdviserProfileForm(_InquiryForm):
    competence_areas = forms.MultipleChoiceField(
        label=_("Kompetanseområder"),
        choices=Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    specialities = forms.CharField(label=_("Spisskompetanse"), required=False, max_length=300)
    phone = forms.CharField(
        label=_("Telefon (jobb)"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "work tel", "inputmode": "tel"}),
    )
    accepts_inquiries = forms.BooleanField(label=_("Tar imot henvendelser"), required=False)
    version = VersionField()  # 0 before the first save


class RoutingRuleForm(_InquiryForm):
    need = forms.ChoiceField(
        label=_("Behov"), choices=[("", _("alle behov")), *Need.choices], required=False
    )
    municipality = forms.ModelChoiceField(
        label=_("Kommune"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("hele regionen"),
    )
    adviser = forms.ModelChoiceField(label=_("Rådgiver"), queryset=User.objects.none())
    priority = forms.IntegerField(
        label=_("Prioritet"),
        initial=100,
        min_value=0,
        max_value=32767,
        help_text=RoutingRule._meta.get_field("priority").help_text,
    )

    def __init__(
        self,
        *args: Any,
        advisers: Sequence[User],
        municipalities: Sequence[Municipality],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        place = self.fields["municipality"]
        assert isinstance(place, forms.ModelChoiceField)  # noqa: S101 - narrows
        place.queryset = Municipality.objects.filter(pk__in=[m.pk for m in municipalities]).defer(
            "boundary"
        )
        adviser = self.fields["adviser"]
        assert isinstance(adviser, forms.ModelChoiceField)  # noqa: S101 - narrows
        adviser.queryset = User.objects.filter(pk__in=[a.pk for a in advisers])


class InboxFilterForm(_InquiryForm):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("alle")), ("open", _("åpne")), *Inquiry.Status.choices],
    )
    need = forms.ChoiceField(
        label=_("Behov"), required=False, choices=[("", _("alle")), *Need.choices]
    )
    mine = forms.BooleanField(label=_("Bare mine"), required=False)
    unassigned = forms.BooleanField(label=_("Bare ikke tildelt"), required=False)

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "status": data.get("status") or "",
            "need": data.get("need") or "",
            "assigned_to_me": bool(data.get("mine")),
            "unassigned_only": bool(data.get("unassigned")),
        }


class UnmetDemandForm(_InquiryForm):
    need = forms.ChoiceField(label=_("Behov"), choices=Need.choices, initial=Need.SITE)
    min_area_daa = forms.DecimalField(
        label=_("Mer enn (daa)"),
        required=False,
        min_value=Decimal(0),
        max_digits=10,
        decimal_places=1,
        initial=20,
    )
    year = forms.IntegerField(label=_("År"), required=False, min_value=2000, max_value=2100)

    def values(self) -> tuple[str, int, int | None]:
        if not self.is_valid():
            return Need.SITE.value, 20_000, None
        area = self.cleaned_data.get("min_area_daa") or Decimal(0)
        return self.cleaned_data["need"], int(area * 1000), self.cleaned_data.get("year")


def this_year() -> int:
    return datetime.date.today().year  # noqa: DTZ011 - a calendar year for a default
