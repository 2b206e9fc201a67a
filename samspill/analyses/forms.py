"""Input validation for the analyses (errors shown next to the fields)."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samspill.analyses.area import REFERENCE_ALIASES, REFERENCES
from samspill.analyses.selectors import DEFAULT_LMA_YEAR, LabourMarketRegionRequest
from samspill.core.conflicts import VersionedFormMixin
from samspill.core.forms import DesignsystemetMixin

DEFAULTS = LabourMarketRegionRequest(year=DEFAULT_LMA_YEAR)


class LabourMarketRegionForm(DesignsystemetMixin, forms.Form):
    """The year of the commuting matrix and the four EURO-LMA parameters."""

    year = forms.TypedChoiceField(label=_("År (pendlingsmatrise)"), coerce=int)
    minimum_size = forms.IntegerField(
        label=_("Minste størrelse (minSZ)"),
        min_value=1,
        max_value=1_000_000,
        initial=int(DEFAULTS.minimum_size),
        help_text=_("Sysselsatte bosatte. Mindre regioner godtas bare om de er helt selvforsynte."),
    )
    minimum_self_containment = forms.FloatField(
        label=_("Minste selvforsyningsgrad (minSC)"),
        min_value=0.01,
        max_value=1,
        initial=DEFAULTS.minimum_self_containment,
        help_text=_("Andel (0–1) som store regioner (fra målstørrelsen) må holde."),
    )
    target_size = forms.IntegerField(
        label=_("Målstørrelse (tarSZ)"),
        min_value=2,
        max_value=10_000_000,
        initial=int(DEFAULTS.target_size),
        help_text=_("Sysselsatte bosatte; fra denne størrelsen holder minste selvforsyningsgrad."),
    )
    target_self_containment = forms.FloatField(
        label=_("Mål for selvforsyningsgrad (tarSC)"),
        min_value=0.01,
        max_value=1,
        initial=DEFAULTS.target_self_containment,
        help_text=_("Andel (0–1) som regioner på minste størrelse må holde."),
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["year"]
        assert isinstance(field, forms.TypedChoiceField)  # noqa: S101 - declared above
        field.choices = [(year, str(year)) for year in years]
        if years:
            field.initial = DEFAULT_LMA_YEAR if DEFAULT_LMA_YEAR in years else years[0]
        self.style_fields()  # after the choices: styling reads the errors, which validates

    def full_clean(self) -> None:
        super().full_clean()
        self.style_fields()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        minimum, target = cleaned.get("minimum_size"), cleaned.get("target_size")
        if minimum is not None and target is not None and target <= minimum:
            self.add_error("target_size", _("Målstørrelsen må være større enn minste størrelse."))
        low, high = cleaned.get("minimum_self_containment"), cleaned.get("target_self_containment")
        if low is not None and high is not None and low > high:
            self.add_error(
                "minimum_self_containment",
                _(
                    "Minste selvforsyningsgrad kan ikke være høyere enn målet for selvforsyningsgrad."
                ),
            )
        return cleaned

    def chosen_request(self) -> LabourMarketRegionRequest | None:
        """The defaults for an unbound form, the parameters of a valid one, else None."""
        if not self.is_bound:
            return LabourMarketRegionRequest(year=int(self.fields["year"].initial))
        return self.to_request() if self.is_valid() else None

    def to_request(self) -> LabourMarketRegionRequest:
        """The validated parameters (call after is_valid())."""
        data = self.cleaned_data
        return LabourMarketRegionRequest(
            year=int(data["year"]),
            minimum_size=float(data["minimum_size"]),
            minimum_self_containment=float(data["minimum_self_containment"]),
            target_size=float(data["target_size"]),
            target_self_containment=float(data["target_self_containment"]),
        )


SCOPE_CHOICES = [
    (
        "business",
        _("Næringslivet (uten offentlig administrasjon, undervisning, helse og uoppgitt)"),
    ),
    ("all", _("Alle næringer")),
]


class ShiftShareForm(DesignsystemetMixin, forms.Form):
    """Period and reference area of the shift-share section (Telemark file, SSB 13470)."""

    start_year = forms.TypedChoiceField(label=_("Fra år"), coerce=int)
    end_year = forms.TypedChoiceField(label=_("Til år"), coerce=int)
    reference = forms.ChoiceField(
        label=_("Referanseområde"),
        help_text=_(
            "Bare referanser de innlastede dataene dekker helt, tilbys (hele fylket, resten av "
            "fylket, hele landet)."
        ),
    )
    scope = forms.ChoiceField(
        label=_("Næringer"),
        choices=SCOPE_CHOICES,
        initial="business",
        required=False,
        help_text=_(
            "Stedets attraktivitet måles over næringslivets arbeidsplasser (Telemarksforsking): "
            "offentlige tjenester følger folketallet."
        ),
    )

    def __init__(
        self,
        *args: Any,
        years: list[int],
        references: Sequence[tuple[str, str]] = (),
        **kwargs: Any,
    ) -> None:
        if args and args[0] is not None and args[0].get("reference") in REFERENCE_ALIASES:
            data = args[0].copy()
            data["reference"] = REFERENCE_ALIASES[data["reference"]]
            args = (data, *args[1:])
        super().__init__(*args, **kwargs)
        self.years = years
        reference = self.fields["reference"]
        assert isinstance(reference, forms.ChoiceField)  # noqa: S101 - declared above
        # No reference in the data (an area outside the file): any kind validates and the
        # analysis then says which data are missing.
        reference.choices = list(references) or [
            (key, str(label)) for key, label in REFERENCES.items()
        ]
        if references:
            reference.initial = references[0][0]
        for name in ("start_year", "end_year"):
            field = self.fields[name]
            assert isinstance(field, forms.TypedChoiceField)  # noqa: S101 - declared above
            field.choices = [(year, str(year)) for year in years]
        if years:
            self.fields["start_year"].initial = years[0]
            self.fields["end_year"].initial = years[-1]
        self.style_fields()

    def full_clean(self) -> None:
        super().full_clean()
        self.style_fields()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start is not None and end is not None and end <= start:
            self.add_error("end_year", _("Sluttåret må være etter startåret."))
        return cleaned

    def chosen(self) -> tuple[int, int, str, str] | None:
        """(start, end, reference, scope): the defaults when unbound, the valid input, else None."""
        if not self.is_bound:
            return (
                int(self.fields["start_year"].initial),
                int(self.fields["end_year"].initial),
                str(self.fields["reference"].initial or "county"),
                "business",
            )
        if not self.is_valid():
            return None
        data = self.cleaned_data
        return (
            int(data["start_year"]),
            int(data["end_year"]),
            str(data["reference"]),
            str(data.get("scope") or "business"),
        )


DIRECTION_CHOICES = [
    ("jobs", _("Nye jobber: hvor vil de ansatte bo?")),
    ("residents", _("Nye innbyggere i arbeid: hvor vil de jobbe?")),
]


class NewJobsForm(DesignsystemetMixin, forms.Form):
    """How many new jobs (or residents), where, and the commuting year to use."""

    count = forms.IntegerField(label=_("Antall"), min_value=1, max_value=1_000_000, initial=500)
    municipality = forms.ChoiceField(label=_("Kommune"))
    year = forms.TypedChoiceField(label=_("Pendlingsår"), coerce=int)
    pool = forms.TypedChoiceField(
        label=_("Antall år å slå sammen"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_(
            "Andelene fra flere pendlingsår (det valgte og årene før) gir et stødigere mønster for "
            "små kommuner."
        ),
    )
    direction = forms.ChoiceField(label=_("Spørsmål"), choices=DIRECTION_CHOICES, initial="jobs")

    def __init__(
        self,
        *args: Any,
        municipalities: list[tuple[str, str]],
        years: list[int],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        municipality = self.fields["municipality"]
        assert isinstance(municipality, forms.ChoiceField)  # noqa: S101 - declared above
        municipality.choices = [(number, f"{name} ({number})") for number, name in municipalities]
        year = self.fields["year"]
        assert isinstance(year, forms.TypedChoiceField)  # noqa: S101 - declared above
        year.choices = [(value, str(value)) for value in years]
        if years:
            year.initial = years[0]
        pool = self.fields["pool"]
        assert isinstance(pool, forms.TypedChoiceField)  # noqa: S101 - declared above
        pool.choices = [(n, str(n)) for n in range(1, max(len(years), 1) + 1)]
        pool.initial = 1
        self.style_fields()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        year, pool = cleaned.get("year"), cleaned.get("pool") or 1
        available = [int(value) for value, _label in self.fields["year"].choices]  # type: ignore[attr-defined]
        if year is not None and len([y for y in available if y <= year]) < pool:
            self.add_error(
                "pool",
                _("Det finnes ikke %(pool)s pendlingsår til og med %(year)s.")
                % {"pool": pool, "year": year},
            )
        return cleaned

    def full_clean(self) -> None:
        super().full_clean()
        self.style_fields()


INDUSTRY_TYPE_CHOICES = [
    ("basic", _("Basisnæring")),
    ("visitor", _("Besøksnæring")),
    ("regional", _("Regional næring")),
    ("local", _("Lokal næring")),
]


class IndustryTypesForm(VersionedFormMixin, DesignsystemetMixin, forms.Form):
    """The industry type of each of SSB's 16 typed groups for one region.

    Fields `group_0` … in the order of `groups`; `mapping()` gives label → type. Initial data:
    ``{"group_N": type, …, "version": v}`` (a version only once the region has saved one).
    """

    def __init__(self, *args: Any, groups: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.groups = list(groups)
        for index, group in enumerate(self.groups):
            self.fields[f"group_{index}"] = forms.ChoiceField(
                label=group, choices=INDUSTRY_TYPE_CHOICES
            )
        self.style_fields()

    def full_clean(self) -> None:
        super().full_clean()
        self.style_fields()

    def mapping(self) -> dict[str, str]:
        """Group label → chosen type (call after is_valid())."""
        return {
            group: str(self.cleaned_data[f"group_{index}"])
            for index, group in enumerate(self.groups)
        }


MAX_BENCHMARK_MUNICIPALITIES = 20


def municipality_lookup(text: str, *, known: dict[str, str]) -> str | None:
    """A municipality number from a number or a name (any case; "Malvik", "5031")."""
    value = text.strip()
    if value in known:
        return value
    wanted = value.casefold()
    for number, name in known.items():
        # "Evenes - Evenášši", "Våler (Østfold)": the whole name, each language's form, or the
        # name without the county in brackets
        forms_ = {name, *name.split(" - "), name.split(" (")[0]}
        if wanted in {form.strip().casefold() for form in forms_}:
            return number
    return None


class BenchmarkForm(DesignsystemetMixin, forms.Form):
    """Which municipalities to compare beside the regions, and which indicator to chart."""

    kommuner = forms.CharField(
        label=_("Kommuner å ta med"),
        required=False,
        max_length=500,
        help_text=_("Navn eller kommunenummer, skilt med komma, for eksempel «Malvik, 5035»."),
    )
    indikator = forms.ChoiceField(label=_("Indikator i diagrammet"), required=False)

    def __init__(
        self, *args: Any, indicators: list[tuple[str, str]], known: dict[str, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["indikator"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        field.choices = indicators
        self.known = known
        self.style_fields()

    def full_clean(self) -> None:
        super().full_clean()
        self.style_fields()

    def clean_kommuner(self) -> list[str]:
        text = str(self.cleaned_data.get("kommuner") or "")
        parts = [part for part in text.replace(";", ",").split(",") if part.strip()]
        if len(parts) > MAX_BENCHMARK_MUNICIPALITIES:
            raise forms.ValidationError(
                _("Velg høyst %(count)s kommuner.") % {"count": MAX_BENCHMARK_MUNICIPALITIES}
            )
        numbers: list[str] = []
        unknown: list[str] = []
        for part in parts:
            number = municipality_lookup(part, known=self.known)
            if number is None:
                unknown.append(part.strip())
            elif number not in numbers:
                numbers.append(number)
        if unknown:
            raise forms.ValidationError(
                _("Fant ingen kommune som heter: %(names)s.") % {"names": ", ".join(unknown)}
            )
        return numbers


class MunicipalitySearchForm(DesignsystemetMixin, forms.Form):
    """ "Which region is Malvik in?": a municipality name or number."""

    kommune = forms.CharField(
        label=_("Finn kommunen"),
        max_length=100,
        help_text=_("Navn eller kommunenummer, for eksempel «Malvik» eller «5031»."),
    )

    def __init__(self, *args: Any, known: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.known = known
        self.style_fields()

    def full_clean(self) -> None:
        super().full_clean()
        self.style_fields()

    def clean_kommune(self) -> str:
        text = str(self.cleaned_data.get("kommune") or "")
        number = municipality_lookup(text, known=self.known)
        if number is None:
            raise forms.ValidationError(
                _("Fant ingen kommune som heter «%(name)s».") % {"name": text.strip()}
            )
        return number


class ClassificationChoiceForm(DesignsystemetMixin, forms.Form):
    """The classification to compare the labour-market regions with."""

    inndeling = forms.ChoiceField(label=_("Sammenlign med"))

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["inndeling"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        field.choices = choices
        if choices:
            field.initial = choices[0][0]
        self.style_fields()

    def full_clean(self) -> None:
        super().full_clean()
        self.style_fields()
