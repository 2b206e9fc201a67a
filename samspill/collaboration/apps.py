from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    name = "samspill.collaboration"
    verbose_name = _("Samarbeidsprosjekter")

    def ready(self) -> None:
        # What `samspill search rebuild` indexes of this app (see samspill/search/documents.py).
        from samspill.collaboration import search
        from samspill.search.documents import register
        from samspill.search.models import Kind

        register(Kind.COLLABORATION, search.project_documents)
        register(Kind.AGREEMENT, search.agreement_documents)
        register(Kind.MEETING, search.meeting_documents)
        register(Kind.STATUS_REPORT, search.status_report_documents)
        # Min side: open milestones and decision points of the user's projects.
        from samspill.collaboration import notify

        notify.register()
