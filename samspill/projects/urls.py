from django.urls import path

from samspill.projects import views

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="project-list"),
    path("kart.geojson", views.project_layer, name="project-layer"),
    path("eksport.<str:fmt>", views.project_export, name="project-export"),
    path("ny/<slug:slug>/", views.project_create, name="project-create"),
    path("import/<slug:slug>/", views.project_import, name="project-import"),
    path("omriss/<slug:slug>.geojson", views.region_outlines, name="region-outlines"),
    path("<int:pk>/", views.project_detail, name="project-detail"),
    path("<int:pk>/endre/", views.project_edit, name="project-edit"),
    path("<int:pk>/eierfakta/", views.project_owner_facts, name="project-owner-facts"),
    path("belastning/<slug:slug>/", views.construction_load_view, name="construction-load"),
    path("scenario/<int:pk>/slett/", views.scenario_delete, name="scenario-delete"),
]
