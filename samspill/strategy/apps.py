from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "samspill.strategy"
    verbose_name = _("Strategi og handlingsplaner")

    def ready(self) -> None:
        # What `samspill search rebuild` indexes of this app (see samspill/search/documents.py).
        from samspill.search.documents import register
        from samspill.search.models import Kind
        from samspill.strategy import search

        register(Kind.STRATEGY, search.strategy_documents)
        register(Kind.MEASURE, search.measure_documents)

        # Followable objects, event wording and the start page's list (samspill/notifications).
        from samspill.strategy import notify

        notify.register()
