from django.urls import path

from samspill.analyses import layers
from samspill.analyses.views import areas, benchmark, lma, new_jobs

app_name = "analyses"
urlpatterns = [
    path("analyser/arbeidsmarkedsregioner/", lma.lma_page, name="lma"),
    path("analyser/arbeidsmarkedsregioner/beregn/", lma.lma_start, name="lma-start"),
    path("analyser/arbeidsmarkedsregioner/<int:pk>/", lma.lma_run, name="lma-run"),
    path(
        "analyser/arbeidsmarkedsregioner/<int:pk>/kart.geojson",
        layers.lma_layer,
        name="lma-layer",
    ),
    path(
        "analyser/arbeidsmarkedsregioner/<int:pk>/eksport.<str:file_format>",
        lma.lma_export,
        name="lma-export",
    ),
]
urlpatterns += [
    path("regioner/<slug:slug>/analyser/", areas.region_analyses, name="region-analyses"),
    path(
        "regioner/<slug:slug>/analyser/naeringstyper/",
        areas.region_industry_types_edit,
        name="region-industry-types",
    ),
    path(
        "regioner/<slug:slug>/analyser/<str:analysis>.<str:file_format>",
        areas.region_export,
        name="region-export",
    ),
    path(
        "regioner/kommuner/<str:number>/analyser/",
        areas.municipality_analyses,
        name="municipality-analyses",
    ),
    path(
        "regioner/kommuner/<str:number>/analyser/<str:analysis>.<str:file_format>",
        areas.municipality_export,
        name="municipality-export",
    ),
    path("analyser/nye-jobber/", new_jobs.new_jobs, name="new-jobs"),
    path("analyser/nye-jobber/kart.geojson", new_jobs.new_jobs_layer, name="new-jobs-layer"),
    path("analyser/nye-jobber.<str:file_format>", new_jobs.new_jobs_export, name="new-jobs-export"),
]
urlpatterns += [
    path("analyser/sammenligning/", benchmark.benchmark_page, name="benchmark"),
    path(
        "analyser/sammenligning.<str:file_format>",
        benchmark.benchmark_export,
        name="benchmark-export",
    ),
    path(
        "analyser/arbeidsmarkedsregioner/<int:pk>/sammenligning/",
        lma.lma_comparison,
        name="lma-comparison",
    ),
    path(
        "analyser/arbeidsmarkedsregioner/<int:pk>/sammenligning.<str:file_format>",
        lma.lma_comparison_export,
        name="lma-comparison-export",
    ),
]
