"""Input validation for region edits (plain forms: services apply the changes, not the form)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samspill.core.conflicts import VersionField
from samspill.core.forms import StyledForm
from samspill.regions.models import Municipality


class RegionForm(StyledForm):
    """Name and description of a region."""

    name = forms.CharField(label=_("Navn"), max_length=150)
    description = forms.CharField(
        label=_("Beskrivelse"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Kort om samarbeidet: hvem, hva og hvorfor."),
    )
    version = VersionField()


class MembershipForm(StyledForm):
    """Add a municipality to a region for a period."""

    municipality = forms.ModelChoiceField(
        label=_("Kommune"),
        queryset=Municipality.objects.filter(valid_to__isnull=True),
        to_field_name="number",
    )
    valid_from = forms.DateField(
        label=_("Medlem fra"), widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_to = forms.DateField(
        label=_("Medlem til"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Tomt betyr at medlemskapet gjelder fortsatt."),
    )
    note = forms.CharField(label=_("Merknad"), max_length=300, required=False)

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("valid_from"), cleaned.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("Sluttdatoen kan ikke være før startdatoen."))
        return cleaned


class MembershipAnswerForm(forms.Form):
    """The municipality's answer to a membership request."""

    ACCEPT = "accept"
    DECLINE = "decline"
    decision = forms.ChoiceField(choices=[(ACCEPT, _("Godta")), (DECLINE, _("Avslå"))])
