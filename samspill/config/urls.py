"""Top-level URL map: one include per app."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from samspill.config.api import api
from samspill.core.language import language_set

urlpatterns: list[URLPattern | URLResolver] = [
    # Our own switch view (Django's translates `next` under the wrong language; see core/language.py).
    path("i18n/setlang/", language_set, name="set_language"),
    path("api/", api.urls),
]
urlpatterns += i18n_patterns(
    path("", include("samspill.core.urls")),
    path("konto/", include("samspill.accounts.urls")),
    path("regioner/", include("samspill.regions.urls")),
    path("regioner/", include("samspill.portability.urls")),
    path("statistikk/", include("samspill.stats.urls")),
    path("statistikk/", include("samspill.population.urls")),
    path("", include("samspill.analyses.urls")),
    path("strategi/", include("samspill.strategy.urls")),
    path("bedrift/", include("samspill.inquiries.urls")),
    path("sok/", include("samspill.search.urls")),
    path("kunnskap/", include("samspill.knowledge.urls")),
    path("", include("samspill.notifications.urls")),
    path("samarbeid/", include("samspill.collaboration.urls")),
    path("areal/", include("samspill.land.urls")),
    path("prosjekter/", include("samspill.projects.urls")),
    path("utfordringer/", include("samspill.challenges.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

handler500 = "samspill.core.views.server_error"
