from django.urls import path

from samspill.knowledge.views import decisions, documents, groups, trash, versions

app_name = "knowledge"
urlpatterns = [
    path("", documents.document_list, name="document-list"),
    path("maler/", documents.template_list, name="template-list"),
    path("ny/<slug:slug>/", documents.document_create, name="document-create"),
    path("ny/<slug:slug>/notat/", documents.memo_create, name="memo-create"),
    path("dokument/<int:pk>/", documents.document_detail, name="document-detail"),
    path("dokument/<int:pk>/endre/", documents.document_edit, name="document-edit"),
    path("dokument/<int:pk>/ny-versjon/", versions.version_add, name="version-add"),
    path("dokument/<int:pk>/slett/", documents.document_delete, name="document-delete"),
    path("dokument/<int:pk>/bruk-mal/", documents.template_use, name="template-use"),
    path("koble/<str:key>/<int:object_id>/", documents.document_attach, name="document-attach"),
    path("versjon/<int:pk>/fil/", versions.version_file, name="version-file"),
    path("versjon/<int:pk>/godkjenn/", versions.version_approve, name="version-approve"),
    path("versjon/<int:pk>/slett/", versions.version_delete, name="version-delete"),
    path("papirkurv/", trash.trash_list, name="trash-list"),
    path("papirkurv/<int:pk>/gjenopprett/", trash.trash_restore, name="trash-restore"),
    path("grupper/<slug:slug>/", groups.group_list, name="group-list"),
    path("grupper/gruppe/<int:pk>/", groups.group_edit, name="group-edit"),
    path("vedtak/<slug:slug>/", decisions.decision_log, name="decision-log"),
    path("vedtak/<slug:slug>/ny/", decisions.decision_create, name="decision-create"),
    path("vedtak/<slug:slug>/eksport.<str:fmt>", decisions.decision_export, name="decision-export"),
    path("vedtak/sak/<int:pk>/", decisions.decision_detail, name="decision-detail"),
    path("vedtak/sak/<int:pk>/endre/", decisions.decision_edit, name="decision-edit"),
]
