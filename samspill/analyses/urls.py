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
urlpatterns += [
    path("regioner/<slug:slug>/analyser/", views.region_analyses, name="region-analyses"),
    path(
        "regioner/<slug:slug>/analyser/naeringstyper/",
        views.region_industry_types_edit,
        name="region-industry-types",
    ),
    path(
        "regioner/<slug:slug>/analyser/<str:analysis>.<str:file_format>",
        views.region_export,
        name="region-export",
    ),
    path(
        "regioner/kommuner/<str:number>/analyser/",
        views.municipality_analyses,
        name="municipality-analyses",
    ),
    path(
        "regioner/kommuner/<str:number>/analyser/<str:analysis>.<str:file_format>",
        views.municipality_export,
        name="municipality-export",
    ),
    path("analyser/nye-jobber/", views.new_jobs, name="new-jobs"),
    path("analyser/nye-jobber/kart.geojson", views.new_jobs_layer, name="new-jobs-layer"),
    path("analyser/nye-jobber.<str:file_format>", views.new_jobs_export, name="new-jobs-export"),
]
urlpatterns += [
    path("analyser/sammenligning/", views.benchmark_page, name="benchmark"),
    path(
        "analyser/sammenligning.<str:file_format>",
        views.benchmark_export,
        name="benchmark-export",
    ),
    path(
        "analyser/arbeidsmarkedsregioner/<int:pk>/sammenligning/",
        views.lma_comparison,
        name="lma-comparison",
    ),
    path(
        "analyser/arbeidsmarkedsregioner/<int:pk>/sammenligning.<str:file_format>",
        views.lma_comparison_export,
        name="lma-comparison-export",
    ),
]
