"""Input validation for region edits (plain forms: services apply the changes, not the form)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samspill.core.forms import StyledForm


class RegionForm(StyledForm):
    """Name and description of a region."""

    name = forms.CharField(label=_("Navn"), max_length=150)
    description = forms.CharField(
        label=_("Beskrivelse"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Kort om samarbeidet: hvem, hva og hvorfor."),
    )
