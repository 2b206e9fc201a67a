from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "samspill.knowledge"
    verbose_name = _("Delt kunnskap")

    def ready(self) -> None:
        # What `samspill search rebuild` indexes of this app (see samspill/search/documents.py).
        from samspill.knowledge import search
        from samspill.search.documents import register
        from samspill.search.models import Kind

        register(Kind.DOCUMENT, search.document_documents)
        register(Kind.DECISION, search.decision_documents)

        # Followable documents, event wording and "my recent documents" (samspill/notifications).
        from samspill.knowledge import notify

        notify.register()
