from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "samspill.regions"
    verbose_name = _("Regioner og kommuner")

    def ready(self) -> None:
        # What `samspill search rebuild` indexes of this app (see samspill/search/documents.py).
        from samspill.regions import search
        from samspill.search.documents import register
        from samspill.search.models import Kind

        register(Kind.MUNICIPALITY, search.municipality_documents)
        register(Kind.REGION, search.region_documents)
