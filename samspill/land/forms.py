"""Input cleaning for the land register: the site form, the search, criteria, import, reserve.

The site form takes its fields from the model (labels, help texts, choices) but never saves: the
views pass `cleaned_data` to `services.site_create` / `site_update`, which validate the rules and
the geometry; their errors come back next to the fields (`errors_to_form`).
"""

import datetime
import json
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from shapely.geometry import LineString

from samspill.core.conflicts import VersionedFormMixin
from samspill.core.forms import DesignsystemetMixin, StyledForm
from samspill.geo.shapes import GeometryError, parse_geometry
from samspill.land import selectors
from samspill.land.models import (
    Infrastructure,
    Kind,
    Purpose,
    Readiness,
    Site,
)
from samspill.land.services import EDITABLE_FIELDS
from samspill.regions.models import Municipality


def errors_to_form(form: forms.BaseForm, error: ValidationError) -> None:
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


class SiteForm(VersionedFormMixin, DesignsystemetMixin, forms.ModelForm[Site]):
    geometry_text = forms.CharField(
        label=_("Geometri (GeoJSON)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Et GeoJSON-polygon eller -punkt i WGS84 (lengdegrad først). Lim inn fra et kartverktøy, "
            "eller tegn i kartet over når JavaScript er på."
        ),
    )

    class Meta:
        model = Site
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "available_from": DateInput,
            "available_to": DateInput,
            "description": forms.Textarea(attrs={"rows": 3}),
            "plan_conditions": forms.Textarea(attrs={"rows": 2}),
            "readiness_blockers": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, areas: QuerySet[Site], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = areas  # type: ignore[attr-defined]
        self.style_fields()

    def clean_geometry_text(self) -> dict[str, Any]:
        text = self.cleaned_data["geometry_text"]
        try:
            payload = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValidationError(_("Geometrien er ikke gyldig JSON.")) from error
        try:
            parse_geometry(payload)
        except GeometryError as error:
            raise ValidationError(str(error)) from error
        result: dict[str, Any] = (
            payload.get("geometry", payload) if isinstance(payload, dict) else {}
        )
        return result

    def _post_clean(self) -> None:
        """No model validation here: the service validates (and knows the municipality)."""

    def full_clean(self) -> None:
        super().full_clean()
        self.style_fields()

    def site_fields(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name] for name in EDITABLE_FIELDS if name in self.cleaned_data
        }


def site_initial(site: Site) -> dict[str, Any]:
    initial = {name: getattr(site, name) for name in EDITABLE_FIELDS}
    initial["parent"] = site.parent_id
    initial["geometry_text"] = json.dumps(site.geometry, ensure_ascii=False)
    initial["version"] = site.version
    return initial


# Search -----------------------------------------------------------------------------------------


def _line_from(text: str) -> tuple[LineString | None, str]:
    """A corridor line from "lat,lon; lat,lon" or named points ("vaernes; brattora")."""
    points = []
    for part in [p.strip() for p in text.split(";") if p.strip()]:
        named = selectors.point_get(part)
        if named is not None:
            points.append((named.lon, named.lat))
            continue
        pieces = [p.strip() for p in part.split(",")]
        try:
            lat, lon = float(pieces[0]), float(pieces[1])
        except (ValueError, IndexError):
            return None, str(
                _("«%(part)s» er verken et kjent punkt eller «breddegrad,lengdegrad».")
                % {"part": part}
            )
        points.append((lon, lat))
    if len(points) < 2:
        return None, str(_("En korridorlinje trenger minst to punkter."))
    line = LineString(points)
    try:
        parse_geometry({"type": "LineString", "coordinates": [list(p) for p in points]})
    except GeometryError as error:
        return None, str(error)
    return line, ""


class SearchForm(StyledForm):
    """The public search; every value lands in the URL (GET) so a search can be shared."""

    type = forms.ChoiceField(
        label=_("Type"), choices=[("", _("Alle")), *Kind.choices], required=False
    )
    min_daa = forms.DecimalField(
        label=_("Minst (daa)"), min_value=0, required=False, decimal_places=1
    )
    max_daa = forms.DecimalField(
        label=_("Høyst (daa)"), min_value=0, required=False, decimal_places=1
    )
    klar = forms.ChoiceField(
        label=_("Byggeklar senest"),
        choices=[("", _("Uansett")), *Readiness.choices],
        required=False,
    )
    formal = forms.ChoiceField(
        label=_("Formål"), choices=[("", _("Alle")), *Purpose.choices], required=False
    )
    infra = forms.MultipleChoiceField(
        label=_("Infrastruktur"),
        choices=Infrastructure.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    maks_pris = forms.IntegerField(
        label=_("Høyst pris (kr per m²)"),
        min_value=0,
        required=False,
        help_text=_("Arealer med pris etter avtale tas ikke med når du setter en makspris."),
    )
    kommune = forms.ChoiceField(label=_("Kommune"), required=False)
    punkt = forms.ChoiceField(
        label=_("Avstand fra"),
        required=False,
        help_text=_("Kommunesenter er kommunens geometriske midtpunkt fra kartdataene, et anslag."),
    )
    maks_km = forms.DecimalField(
        label=_("Høyst km i luftlinje"), min_value=0, required=False, decimal_places=1
    )
    korridor = forms.CharField(
        label=_("Korridorlinje"),
        required=False,
        max_length=2000,
        help_text=_(
            "Punkter skilt med semikolon: «breddegrad,lengdegrad» eller et kjent punkt "
            "(for eksempel «brattora; vaernes»). Du kan også klikke i kartet."
        ),
    )
    korridor_km = forms.DecimalField(
        label=_("Korridorens bredde (km)"),
        min_value=0.1,
        max_value=50,
        required=False,
        decimal_places=1,
    )

    def __init__(
        self,
        *args: Any,
        municipalities: list[Municipality],
        points: list[selectors.PointChoice],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kommune"].choices = [("", _("Hele regionen"))] + [  # type: ignore[attr-defined]
            (m.number, m.name) for m in municipalities
        ]
        fixed = [(p.key, p.label) for p in points if not p.is_centroid]
        centres = [(p.key, p.label) for p in points if p.is_centroid]
        self.fields["punkt"].choices = [  # type: ignore[attr-defined]
            ("", _("Ingen")),
            (_("Flyplasser, havner og terminaler"), fixed),
            (_("Kommunesentre (midtpunkt)"), centres),
        ]
        self.corridor_line: LineString | None = None

    def clean_korridor(self) -> str:
        text: str = self.cleaned_data["korridor"].strip()
        if text:
            line, problem = _line_from(text)
            if problem:
                raise ValidationError(problem)
            self.corridor_line = line
        return text

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("min_daa"), data.get("max_daa")
        if low is not None and high is not None and low > high:
            self.add_error("max_daa", _("Høyst kan ikke være mindre enn minst."))
        if data.get("maks_km") is not None and not data.get("punkt"):
            self.add_error("punkt", _("Velg et punkt å måle avstanden fra."))
        return data

    def filters(self) -> selectors.SearchFilters:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        point = selectors.point_get(data["punkt"]) if data.get("punkt") else None

        def number(name: str) -> float | None:
            value = data.get(name)
            return None if value is None else float(value)

        return selectors.SearchFilters(
            kind=data.get("type", ""),
            min_daa=number("min_daa"),
            max_daa=number("max_daa"),
            readiness=data.get("klar", ""),
            purpose=data.get("formal", ""),
            infrastructure=tuple(data.get("infra", [])),
            max_price=data.get("maks_pris"),
            municipality=data.get("kommune", ""),
            point=point,
            max_km=number("maks_km"),
            corridor=self.corridor_line if data else None,
            corridor_km=number("korridor_km") or 2.0,
        )


class CriteriaForm(VersionedFormMixin, StyledForm):
    kind = forms.ChoiceField(
        label=_("Ser etter"),
        choices=[("", _("Det henvendelsen sier")), *Kind.choices],
        required=False,
    )
    purpose = forms.ChoiceField(
        label=_("Formål"), choices=[("", _("Alle")), *Purpose.choices], required=False
    )
    min_daa = forms.DecimalField(
        label=_("Minst (daa)"), min_value=0, required=False, decimal_places=1
    )
    max_daa = forms.DecimalField(
        label=_("Høyst (daa)"), min_value=0, required=False, decimal_places=1
    )
    readiness = forms.ChoiceField(
        label=_("Må være klar"),
        choices=[("", _("Etter henvendelsens tidspunkt")), *Readiness.choices],
        required=False,
    )
    infrastructure = forms.MultipleChoiceField(
        label=_("Infrastruktur"),
        choices=Infrastructure.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    near_point = forms.ChoiceField(label=_("Nær"), required=False)
    max_km = forms.IntegerField(label=_("Høyst km i luftlinje"), min_value=0, required=False)

    def __init__(self, *args: Any, points: list[selectors.PointChoice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["near_point"].choices = [("", _("Ingen")), *[(p.key, p.label) for p in points]]  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "purpose": data["purpose"],
            "min_daa": data["min_daa"],
            "max_daa": data["max_daa"],
            "readiness": data["readiness"],
            "infrastructure": list(data["infrastructure"]),
            "near_point": data["near_point"],
            "max_km": data["max_km"],
        }


class SelectionForm(StyledForm):
    sites = forms.ModelMultipleChoiceField(
        label=_("Arealer å sende"),
        queryset=Site.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    message = forms.CharField(
        label=_("Melding til bedriften"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, sites: QuerySet[Site], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sites"].queryset = sites  # type: ignore[attr-defined]


class ReserveForm(StyledForm):
    site = forms.ModelChoiceField(label=_("Areal"), queryset=Site.objects.none())
    reserved_until = forms.DateField(label=_("Reservert til"), required=False, widget=DateInput)
    note = forms.CharField(
        label=_("Merknad"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, sites: QuerySet[Site], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites  # type: ignore[attr-defined]


class ImportForm(StyledForm):
    municipality = forms.ModelChoiceField(label=_("Kommune"), queryset=Municipality.objects.none())
    file = forms.FileField(
        label=_("Fil (GeoJSON eller CSV)"),
        help_text=_("Alt eller ingenting: finnes én feil i filen, lagres ingen rader."),
    )

    def __init__(self, *args: Any, municipalities: QuerySet[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]


class PeriodForm(StyledForm):
    """The land accounts' periods: by year or quarter, from and to a year (GET, in the URL)."""

    periode = forms.ChoiceField(
        label=_("Periode"),
        choices=[("year", _("år")), ("quarter", _("kvartal"))],
        required=False,
    )
    fra = forms.IntegerField(label=_("Fra år"), min_value=2000, max_value=2100, required=False)
    til = forms.IntegerField(label=_("Til år"), min_value=2000, max_value=2100, required=False)

    # At most this many periods in one table (ten years, or five years of quarters).
    MAX_PERIODS = 20

    def choice(self, *, first_year: int, this_year: int) -> tuple[str, int, int]:
        """(granularity, from, to), cleaned and capped; the defaults without a valid form."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        granularity = data.get("periode") or "year"
        last = min(data.get("til") or this_year, this_year)
        per_year = 4 if granularity == "quarter" else 1
        first = data.get("fra") or max(first_year, last - self.MAX_PERIODS // per_year + 1)
        first = max(min(first, last), last - self.MAX_PERIODS // per_year + 1)
        return granularity, first, last


class PhotoForm(StyledForm):
    file = forms.FileField(label=_("Bilde (PNG eller JPEG)"))
    alt_text = forms.CharField(
        label=_("Alternativ tekst"),
        max_length=300,
        help_text=_("Hva bildet viser, for dem som ikke ser det. Vises også i faktaarket."),
    )

    def __init__(self, *args: Any, max_bytes: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes
        self.fields["file"].help_text = _("Høyst %(mb)s MB.") % {
            "mb": max(1, max_bytes // (1024 * 1024))
        }


def today() -> datetime.date:
    return datetime.date.today()  # noqa: DTZ011 - a calendar date for the form
