from django.urls import path

from samspill.analyses import layers, views

app_name = "analyses"
urlpatterns = [
    path("analyser/arbeidsmarkedsregioner/", views.lma_page, name="lma"),
    path("analyser/arbeidsmarkedsregioner/beregn/", views.lma_start, name="lma-start"),
    path("analyser/arbeidsmarkedsregioner/<int:pk>/", views.lma_run, name="lma-run"),
    path(
        "analyser/arbeidsmarkedsregioner/<int:pk>/kart.geojson",
        layers.lma_layer,
        name="lma-layer",
    ),
    path(
        "analyser/arbeidsmarkedsregioner/<int:pk>/eksport.<str:file_format>",
        views.lma_export,
        name="lma-export",
    ),
]
