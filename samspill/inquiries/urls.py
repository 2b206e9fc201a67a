from django.urls import path

from samspill.inquiries.views import directory, inbox, public, reports

app_name = "inquiries"
urlpatterns = [
    path("", public.front_door, name="front-door"),
    path("henvendelse/", public.front_door, name="inquiry-start"),
    path("henvendelse/takk/", public.inquiry_thanks, name="inquiry-thanks"),
    path("personvern/", public.privacy, name="privacy"),
    path("min-kompetanse/", directory.my_profile, name="my-profile"),
    path("tjenester/<str:number>/endre/", directory.service_edit, name="service-edit"),
    path("henvendelser/<int:pk>/", inbox.inquiry_detail, name="inquiry-detail"),
    path("henvendelser/<int:pk>/kontakt/", inbox.inquiry_contact, name="inquiry-contact"),
    path(
        "henvendelser/<int:pk>/kontakt/eksport.json",
        inbox.inquiry_contact_export_view,
        name="inquiry-contact-export",
    ),
    path(
        "henvendelser/<int:pk>/kontakt/endre/",
        inbox.inquiry_contact_update_view,
        name="inquiry-contact-update",
    ),
    path(
        "henvendelser/<int:pk>/kontakt/slett/",
        inbox.inquiry_contact_erase_view,
        name="inquiry-contact-erase",
    ),
    path("henvendelser/<int:pk>/tildel/", inbox.inquiry_assign_view, name="inquiry-assign"),
    path("henvendelser/<int:pk>/notat/", inbox.inquiry_note_view, name="inquiry-note"),
    path("henvendelser/<int:pk>/status/", inbox.inquiry_status_view, name="inquiry-status"),
    path("notater/<int:pk>/utfort/", inbox.note_done, name="note-done"),
    path("ruting/<int:pk>/slett/", directory.routing_rule_delete_view, name="routing-rule-delete"),
    path("<slug:slug>/henvendelse/", public.inquiry_create_public, name="inquiry-create"),
    path("<slug:slug>/tjenester/", directory.services, name="services"),
    path("<slug:slug>/innboks/", inbox.inbox, name="inbox"),
    path("<slug:slug>/ny/", inbox.inquiry_create_staff, name="inquiry-create-staff"),
    path("<slug:slug>/oppfolging/", reports.overdue, name="overdue"),
    path("<slug:slug>/rapporter/", reports.reports, name="reports"),
    path(
        "<slug:slug>/rapporter/henvendelser.<str:fmt>",
        reports.report_export,
        name="report-export",
    ),
    path("<slug:slug>/kompetanse/", directory.competence_directory, name="competence"),
    path("<slug:slug>/ruting/", directory.routing_rules, name="routing-rules"),
]
