"""Input validation for region edits."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samspill.regions.models import Region


class RegionForm(forms.ModelForm[Region]):
    """Name and description of a region."""

    class Meta:
        model = Region
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"description": _("Kort om samarbeidet: hvem, hva og hvorfor.")}
