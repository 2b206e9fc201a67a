"""Top-level URL map: one include per app."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from samspill.config.api import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
]
urlpatterns += i18n_patterns(
    path("", include("samspill.core.urls")),
    path("konto/", include("samspill.accounts.urls")),
    path("regioner/", include("samspill.regions.urls")),
    path("statistikk/", include("samspill.stats.urls")),
    path("", include("samspill.analyses.urls")),
    path("strategi/", include("samspill.strategy.urls")),
    path("bedrift/", include("samspill.inquiries.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

handler500 = "samspill.core.views.server_error"
