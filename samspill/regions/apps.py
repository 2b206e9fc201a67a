from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "samspill.regions"
    verbose_name = _("Regioner og kommuner")
