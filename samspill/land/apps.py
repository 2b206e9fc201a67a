from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LandConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "samspill.land"
    label = "land"
    verbose_name = _("Næringsareal og lokaler")
