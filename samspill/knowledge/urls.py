from django.urls import path

from samspill.knowledge import views

app_name = "knowledge"
urlpatterns = [
    path("", views.document_list, name="document-list"),
    path("maler/", views.template_list, name="template-list"),
    path("ny/<slug:slug>/", views.document_create, name="document-create"),
    path("ny/<slug:slug>/notat/", views.memo_create, name="memo-create"),
    path("dokument/<int:pk>/", views.document_detail, name="document-detail"),
    path("dokument/<int:pk>/endre/", views.document_edit, name="document-edit"),
    path("dokument/<int:pk>/ny-versjon/", views.version_add, name="version-add"),
    path("dokument/<int:pk>/slett/", views.document_delete, name="document-delete"),
    path("dokument/<int:pk>/bruk-mal/", views.template_use, name="template-use"),
    path("koble/<str:key>/<int:object_id>/", views.document_attach, name="document-attach"),
    path("versjon/<int:pk>/fil/", views.version_file, name="version-file"),
    path("versjon/<int:pk>/godkjenn/", views.version_approve, name="version-approve"),
    path("versjon/<int:pk>/slett/", views.version_delete, name="version-delete"),
    path("grupper/<slug:slug>/", views.group_list, name="group-list"),
    path("grupper/gruppe/<int:pk>/", views.group_edit, name="group-edit"),
    path("vedtak/<slug:slug>/", views.decision_log, name="decision-log"),
    path("vedtak/<slug:slug>/ny/", views.decision_create, name="decision-create"),
    path("vedtak/<slug:slug>/eksport.<str:fmt>", views.decision_export, name="decision-export"),
    path("vedtak/sak/<int:pk>/", views.decision_detail, name="decision-detail"),
    path("vedtak/sak/<int:pk>/endre/", views.decision_edit, name="decision-edit"),
]
