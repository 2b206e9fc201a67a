from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LandConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "samspill.land"
    label = "land"
    verbose_name = _("Næringsareal og lokaler")

    def ready(self) -> None:
        # What `samspill search rebuild` indexes of this app (see samspill/search/documents.py).
        from samspill.land import checks, search  # noqa: F401 - checks registers a system check
        from samspill.search.documents import register
        from samspill.search.models import Kind

        register(Kind.SITE, search.site_documents)
