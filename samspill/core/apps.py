from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samspill.core"
    verbose_name = _("Kjerne")

    def ready(self) -> None:
        from samspill.core import checks  # noqa: F401 - registers the system checks
