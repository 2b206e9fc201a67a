from django.urls import path

from samspill.collaboration.views import budget, meetings, plan, projects

app_name = "collaboration"
urlpatterns = [
    path("", projects.project_list, name="project-list"),
    path("ny/", projects.project_create, name="project-create"),
    path("<int:pk>/", projects.project_detail, name="project-detail"),
    path("<int:pk>/endre/", projects.project_edit, name="project-edit"),
    path("<int:pk>/rolle/ny/", projects.role_create, name="role-create"),
    path("<int:pk>/aktivitet/ny/", plan.activity_create, name="activity-create"),
    path("<int:pk>/milepael/ny/", plan.milestone_create, name="milestone-create"),
    path("milepael/<int:pk>/endre/", plan.milestone_edit, name="milestone-edit"),
    path(
        "<int:pk>/beslutningspunkt/ny/", plan.decision_point_create, name="decision-point-create"
    ),
    path("beslutningspunkt/<int:pk>/", plan.decision_point_detail, name="decision-point-detail"),
    path("beslutningspunkt/<int:pk>/beslutning/", plan.decision_record, name="decision-record"),
    path("beslutningspunkt/<int:pk>/behandling/", plan.treatment_create, name="treatment-create"),
    path("beslutningspunkt/<int:pk>/overstyr/", plan.point_override, name="point-override"),
    path("<int:pk>/budsjett/", budget.budget, name="budget"),
    path("<int:pk>/budsjett/kostnad/", budget.cost_line_create, name="cost-line-create"),
    path("<int:pk>/budsjett/finansiering/", budget.financing_create, name="financing-create"),
    path("<int:pk>/budsjett/nokkel/", budget.cost_key_create, name="cost-key-create"),
    path("nokkel/<int:pk>/velg/", budget.cost_key_choose, name="cost-key-choose"),
    path("nokkel/<int:pk>/andeler.<str:fmt>", budget.allocation_export, name="allocation-export"),
    path("<int:pk>/mote/ny/", meetings.meeting_create, name="meeting-create"),
    path("mote/<int:pk>/", meetings.meeting_detail, name="meeting-detail"),
    path("mote/<int:pk>/sak/", meetings.agenda_item_create, name="agenda-item-create"),
    path("<int:pk>/vedtak/", meetings.decision_list, name="decision-list"),
]
