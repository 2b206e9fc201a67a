from django.urls import path

from samspill.inquiries import views

app_name = "inquiries"
urlpatterns = [
    path("", views.front_door, name="front-door"),
    path("henvendelse/", views.front_door, name="inquiry-start"),
    path("henvendelse/takk/", views.inquiry_thanks, name="inquiry-thanks"),
    path("personvern/", views.privacy, name="privacy"),
    path("min-kompetanse/", views.my_profile, name="my-profile"),
    path("tjenester/<str:number>/endre/", views.service_edit, name="service-edit"),
    path("henvendelser/<int:pk>/", views.inquiry_detail, name="inquiry-detail"),
    path("henvendelser/<int:pk>/kontakt/", views.inquiry_contact, name="inquiry-contact"),
    path(
        "henvendelser/<int:pk>/kontakt/eksport.json",
        views.inquiry_contact_export_view,
        name="inquiry-contact-export",
    ),
    path(
        "henvendelser/<int:pk>/kontakt/endre/",
        views.inquiry_contact_update_view,
        name="inquiry-contact-update",
    ),
    path(
        "henvendelser/<int:pk>/kontakt/slett/",
        views.inquiry_contact_erase_view,
        name="inquiry-contact-erase",
    ),
    path("henvendelser/<int:pk>/tildel/", views.inquiry_assign_view, name="inquiry-assign"),
    path("henvendelser/<int:pk>/notat/", views.inquiry_note_view, name="inquiry-note"),
    path("henvendelser/<int:pk>/status/", views.inquiry_status_view, name="inquiry-status"),
    path("notater/<int:pk>/utfort/", views.note_done, name="note-done"),
    path("ruting/<int:pk>/slett/", views.routing_rule_delete_view, name="routing-rule-delete"),
    path("<slug:slug>/henvendelse/", views.inquiry_create_public, name="inquiry-create"),
    path("<slug:slug>/tjenester/", views.services, name="services"),
    path("<slug:slug>/innboks/", views.inbox, name="inbox"),
    path("<slug:slug>/ny/", views.inquiry_create_staff, name="inquiry-create-staff"),
    path("<slug:slug>/oppfolging/", views.overdue, name="overdue"),
    path("<slug:slug>/rapporter/", views.reports, name="reports"),
    path(
        "<slug:slug>/rapporter/henvendelser.<str:fmt>",
        views.report_export,
        name="report-export",
    ),
    path("<slug:slug>/kompetanse/", views.competence_directory, name="competence"),
    path("<slug:slug>/ruting/", views.routing_rules, name="routing-rules"),
]
