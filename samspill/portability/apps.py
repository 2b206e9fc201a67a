from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortabilityConfig(AppConfig):
    name = "samspill.portability"
    verbose_name = _("Eksport og import av regioner")
