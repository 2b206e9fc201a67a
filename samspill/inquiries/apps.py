from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InquiriesConfig(AppConfig):
    name = "samspill.inquiries"
    verbose_name = _("Henvendelser fra næringslivet")

    def ready(self) -> None:
        # What `samspill search rebuild` indexes of this app (see samspill/search/documents.py).
        from samspill.inquiries import search
        from samspill.search.documents import register
        from samspill.search.models import Kind

        register(Kind.INQUIRY, search.inquiry_documents)

        # Followable objects, event wording and the start page's list (samspill/notifications).
        from samspill.inquiries import notify

        notify.register()
