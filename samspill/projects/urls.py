from django.urls import path

from samspill.projects.views import corridor, opportunities, pdf, register

app_name = "projects"
urlpatterns = [
    path("", register.project_list, name="project-list"),
    path("kart.geojson", register.project_layer, name="project-layer"),
    path("eksport.<str:fmt>", register.project_export, name="project-export"),
    path("ny/<slug:slug>/", register.project_create, name="project-create"),
    path("import/<slug:slug>/", register.project_import, name="project-import"),
    path("omriss/<slug:slug>.geojson", register.region_outlines, name="region-outlines"),
    path("<int:pk>/", register.project_detail, name="project-detail"),
    path("<int:pk>/endre/", register.project_edit, name="project-edit"),
    path("<int:pk>/eierfakta/", register.project_owner_facts, name="project-owner-facts"),
    path("belastning/<slug:slug>/", register.construction_load_view, name="construction-load"),
    path(
        "belastning/<slug:slug>/kollisjoner.<str:fmt>",
        register.construction_load_collisions_export,
        name="construction-load-collisions-export",
    ),
    path("scenario/<int:pk>/slett/", register.scenario_delete, name="scenario-delete"),
    path("endringer/", register.register_changes, name="register-changes"),
]
urlpatterns += [
    path("muligheter/", opportunities.opportunity_list, name="opportunity-list"),
    path(
        "muligheter/eksport.<str:fmt>",
        opportunities.opportunity_export,
        name="opportunity-export",
    ),
    path(
        "muligheter/ny/<slug:slug>/",
        opportunities.opportunity_create,
        name="opportunity-create",
    ),
    path("muligheter/<int:pk>/", opportunities.opportunity_detail, name="opportunity-detail"),
    path("muligheter/<int:pk>/endre/", opportunities.opportunity_edit, name="opportunity-edit"),
]
urlpatterns += [
    path("korridor/", corridor.corridor, name="corridor"),
    path("korridor/eksport.<str:fmt>", corridor.corridor_export, name="corridor-export"),
]
urlpatterns += [
    path("oversikt.pdf", pdf.register_pdf, name="register-pdf"),
    path("<int:pk>/prosjekt.pdf", pdf.project_pdf, name="project-pdf"),
]
