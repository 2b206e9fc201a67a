from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "samspill.projects"
    verbose_name = _("Store prosjekter")

    def ready(self) -> None:
        # What `samspill search rebuild` indexes of this app (see samspill/search/documents.py).
        from samspill.projects import search
        from samspill.search.documents import register
        from samspill.search.models import Kind

        register(Kind.PROJECT, search.project_documents)
