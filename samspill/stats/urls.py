from django.urls import path

from samspill.stats import views

app_name = "stats"
urlpatterns = [
    path("data/", views.series_list_view, name="series-list"),
    path("regioner/<slug:slug>/", views.region_statistics, name="region-dashboard"),
    path(
        "regioner/<slug:slug>/<slug:chart>.<str:file_format>",
        views.region_chart_export,
        name="region-chart-export",
    ),
    path("regioner/<slug:slug>/folketall/", views.region_population, name="region-population"),
    path(
        "kommuner/<str:number>/folketall/",
        views.municipality_population,
        name="municipality-population",
    ),
    path("kommuner/<str:number>/", views.municipality_statistics, name="municipality-dashboard"),
    path(
        "kommuner/<str:number>/<slug:chart>.<str:file_format>",
        views.municipality_chart_export,
        name="municipality-chart-export",
    ),
]
