from django.urls import path

from samspill.strategy import views

app_name = "strategy"
urlpatterns = [
    path("", views.strategy_list, name="strategy-list"),
    path("ny/<slug:slug>/", views.strategy_create, name="strategy-create"),
    path("<int:pk>/", views.strategy_detail, name="strategy-detail"),
    path("<int:pk>/endre/", views.strategy_edit, name="strategy-edit"),
    path("<int:pk>/publisering/", views.strategy_publish, name="strategy-publish"),
    path("<int:pk>/fremdrift/", views.public_progress, name="public-progress"),
    path("<int:pk>/fremdrift.pdf", views.public_progress_pdf, name="public-progress-pdf"),
    path(
        "<int:pk>/oppdater-indikatorer/",
        views.strategy_refresh_indicators,
        name="strategy-refresh-indicators",
    ),
    path("<int:pk>/innsatsomrade/ny/", views.focus_area_create, name="focus-area-create"),
    path("<int:pk>/mal/ny/", views.goal_create, name="goal-create"),
    path("<int:pk>/handlingsplan/ny/", views.plan_create, name="plan-create"),
    path("<int:pk>/rapportering/", views.reporting, name="reporting"),
    path(
        "<int:pk>/rapportering/ny/", views.reporting_period_create, name="reporting-period-create"
    ),
    path("<int:pk>/rapport/", views.report_current, name="report-current"),
    path("<int:pk>/rapport.pdf", views.report_current_pdf, name="report-current-pdf"),
    path(
        "<int:pk>/rapport-indikatorer.<str:fmt>",
        views.report_current_export,
        name="report-current-export",
    ),
    path("<int:pk>/synergier/", views.synergies, name="synergies"),
    path(
        "<int:pk>/tiltak.<str:fmt>", views.strategy_measures_export, name="strategy-measures-export"
    ),
    path("mal/<int:pk>/", views.goal_detail, name="goal-detail"),
    path("mal/<int:pk>/endre/", views.goal_edit, name="goal-edit"),
    path("mal/<int:pk>/indikator/ny/", views.indicator_create, name="indicator-create"),
    path("indikator/<int:pk>/", views.indicator_detail, name="indicator-detail"),
    path("indikator/<int:pk>/endre/", views.indicator_edit, name="indicator-edit"),
    path("handlingsplan/<int:pk>/", views.plan_detail, name="plan-detail"),
    path("handlingsplan/<int:pk>/endre/", views.plan_edit, name="plan-edit"),
    path("handlingsplan/<int:pk>/tiltak/ny/", views.measure_create, name="measure-create"),
    path("handlingsplan/<int:pk>/eksport.<str:fmt>", views.plan_export, name="plan-export"),
    path("tiltak/<int:pk>/", views.measure_detail, name="measure-detail"),
    path("tiltak/<int:pk>/endre/", views.measure_edit, name="measure-edit"),
    path("tiltak/<int:pk>/status/", views.measure_status, name="measure-status"),
    path("rapport/<int:pk>/", views.report_detail, name="report-detail"),
    path("rapport/<int:pk>.pdf", views.report_pdf, name="report-pdf"),
]
