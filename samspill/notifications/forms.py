"""Input for the notification choices (the service checks the values again)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from samspill.core.forms import StyledForm
from samspill.notifications.models import Delivery


class PreferenceForm(StyledForm):
    delivery = forms.ChoiceField(
        label=_("Varsler på e-post"),
        choices=Delivery.choices,
        widget=forms.RadioSelect,
        help_text=_("Varslene vises alltid på Min side og under «Varsler»."),
    )
    language = forms.ChoiceField(label=_("Språk i e-post"), choices=settings.LANGUAGES)
