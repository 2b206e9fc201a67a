from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChallengesConfig(AppConfig):
    name = "samspill.challenges"
    verbose_name = _("Innovasjonsutfordringer")

    def ready(self) -> None:
        # What `samspill search rebuild` indexes of this app (see samspill/search/documents.py).
        from samspill.challenges import search
        from samspill.search.documents import register
        from samspill.search.models import Kind

        register(Kind.CHALLENGE, search.challenge_documents)
        # Min side: answer deadlines of challenges the user owns or follows.
        from samspill.challenges import notify

        notify.register()
