from django.urls import path

from samspill.collaboration import views

app_name = "collaboration"
urlpatterns = [
    path("", views.project_list, name="project-list"),
    path("ny/", views.project_create, name="project-create"),
    path("<int:pk>/", views.project_detail, name="project-detail"),
    path("<int:pk>/endre/", views.project_edit, name="project-edit"),
    path("<int:pk>/rolle/ny/", views.role_create, name="role-create"),
    path("<int:pk>/aktivitet/ny/", views.activity_create, name="activity-create"),
    path("<int:pk>/milepael/ny/", views.milestone_create, name="milestone-create"),
    path("milepael/<int:pk>/endre/", views.milestone_edit, name="milestone-edit"),
    path(
        "<int:pk>/beslutningspunkt/ny/", views.decision_point_create, name="decision-point-create"
    ),
    path("beslutningspunkt/<int:pk>/", views.decision_point_detail, name="decision-point-detail"),
    path("beslutningspunkt/<int:pk>/beslutning/", views.decision_record, name="decision-record"),
    path("beslutningspunkt/<int:pk>/behandling/", views.treatment_create, name="treatment-create"),
    path("beslutningspunkt/<int:pk>/overstyr/", views.point_override, name="point-override"),
    path("<int:pk>/budsjett/", views.budget, name="budget"),
    path("<int:pk>/budsjett/kostnad/", views.cost_line_create, name="cost-line-create"),
    path("<int:pk>/budsjett/finansiering/", views.financing_create, name="financing-create"),
    path("<int:pk>/budsjett/nokkel/", views.cost_key_create, name="cost-key-create"),
    path("nokkel/<int:pk>/velg/", views.cost_key_choose, name="cost-key-choose"),
    path("nokkel/<int:pk>/andeler.<str:fmt>", views.allocation_export, name="allocation-export"),
    path("<int:pk>/mote/ny/", views.meeting_create, name="meeting-create"),
    path("mote/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("mote/<int:pk>/sak/", views.agenda_item_create, name="agenda-item-create"),
    path("<int:pk>/vedtak/", views.decision_list, name="decision-list"),
]
