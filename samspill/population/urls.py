from django.urls import path

from samspill.population import views

app_name = "population"
urlpatterns = [
    path(
        "regioner/<slug:slug>/befolkningsstruktur/",
        views.region_structure,
        name="region-structure",
    ),
    path(
        "regioner/<slug:slug>/befolkningsstruktur/<slug:chart>.<str:file_format>",
        views.region_export,
        name="region-export",
    ),
    path("regioner/<slug:slug>/nokkeltall/", views.region_key_figures, name="region-key-figures"),
    path(
        "kommuner/<str:number>/befolkningsstruktur/",
        views.municipality_structure,
        name="municipality-structure",
    ),
    path(
        "kommuner/<str:number>/befolkningsstruktur/<slug:chart>.<str:file_format>",
        views.municipality_export,
        name="municipality-export",
    ),
    path(
        "kommuner/<str:number>/nokkeltall/",
        views.municipality_key_figures,
        name="municipality-key-figures",
    ),
]
