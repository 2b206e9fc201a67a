from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samspill.core"
    verbose_name = _("Kjerne")

    def ready(self) -> None:
        # Django 6.1's empty choice, "- Select an option -", has no bokmål or nynorsk translation
        # in Django's catalogues yet, so Norwegian forms showed English. Django documents replacing
        # it in an app's ready(); ours is in our own catalogue.
        from django.db.models import fields

        from samspill.core import checks  # noqa: F401 - registers the system checks

        fields.BLANK_CHOICE_LABEL = _("– Velg –")
