"""Input validation for the analyses (errors shown next to the fields)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samspill.analyses.selectors import DEFAULT_LMA_YEAR, LabourMarketRegionRequest
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
