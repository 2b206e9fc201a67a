from django.urls import path

from samspill.strategy.views import goals, plans, reports, strategies

app_name = "strategy"
urlpatterns = [
    path("", strategies.strategy_list, name="strategy-list"),
    path("ny/<slug:slug>/", strategies.strategy_create, name="strategy-create"),
    path("<int:pk>/", strategies.strategy_detail, name="strategy-detail"),
    path("<int:pk>/endre/", strategies.strategy_edit, name="strategy-edit"),
    path("<int:pk>/publisering/", strategies.strategy_publish, name="strategy-publish"),
    path("<int:pk>/fremdrift/", strategies.public_progress, name="public-progress"),
    path("<int:pk>/fremdrift.pdf", strategies.public_progress_pdf, name="public-progress-pdf"),
    path(
        "<int:pk>/oppdater-indikatorer/",
        strategies.strategy_refresh_indicators,
        name="strategy-refresh-indicators",
    ),
    path("<int:pk>/innsatsomrade/ny/", goals.focus_area_create, name="focus-area-create"),
    path("<int:pk>/mal/ny/", goals.goal_create, name="goal-create"),
    path("<int:pk>/handlingsplan/ny/", plans.plan_create, name="plan-create"),
    path("<int:pk>/rapportering/", reports.reporting, name="reporting"),
    path(
        "<int:pk>/rapportering/ny/", reports.reporting_period_create, name="reporting-period-create"
    ),
    path("<int:pk>/rapport/", reports.report_current, name="report-current"),
    path("<int:pk>/rapport.pdf", reports.report_current_pdf, name="report-current-pdf"),
    path(
        "<int:pk>/rapport-indikatorer.<str:fmt>",
        reports.report_current_export,
        name="report-current-export",
    ),
    path("<int:pk>/synergier/", strategies.synergies, name="synergies"),
    path(
        "<int:pk>/tiltak.<str:fmt>", plans.strategy_measures_export, name="strategy-measures-export"
    ),
    path("mal/<int:pk>/", goals.goal_detail, name="goal-detail"),
    path("mal/<int:pk>/endre/", goals.goal_edit, name="goal-edit"),
    path("mal/<int:pk>/indikator/ny/", goals.indicator_create, name="indicator-create"),
    path("indikator/<int:pk>/", goals.indicator_detail, name="indicator-detail"),
    path("indikator/<int:pk>/endre/", goals.indicator_edit, name="indicator-edit"),
    path("handlingsplan/<int:pk>/", plans.plan_detail, name="plan-detail"),
    path("handlingsplan/<int:pk>/endre/", plans.plan_edit, name="plan-edit"),
    path("handlingsplan/<int:pk>/tiltak/ny/", plans.measure_create, name="measure-create"),
    path("handlingsplan/<int:pk>/eksport.<str:fmt>", plans.plan_export, name="plan-export"),
    path("tiltak/<int:pk>/", plans.measure_detail, name="measure-detail"),
    path("tiltak/<int:pk>/endre/", plans.measure_edit, name="measure-edit"),
    path("tiltak/<int:pk>/status/", plans.measure_status, name="measure-status"),
    path("rapport/<int:pk>/", reports.report_detail, name="report-detail"),
    path("rapport/<int:pk>.pdf", reports.report_pdf, name="report-pdf"),
]
