from django.urls import path

from samspill.land import views

app_name = "land"
urlpatterns = [
    path("", views.search, name="search"),
    path("kart.geojson", views.search_layer, name="search-layer"),
    path("eksport.<str:fmt>", views.search_export, name="search-export"),
    path("ny/", views.site_create, name="site-create"),
    path("import/", views.site_import, name="site-import"),
    path("arealregnskap/", views.accounts, name="accounts"),
    path("arealregnskap/eksport.<str:fmt>", views.accounts_export, name="accounts-export"),
    path("<int:pk>/", views.site_detail, name="site-detail"),
    path("<int:pk>/endre/", views.site_edit, name="site-edit"),
    path("<int:pk>/publiser/", views.site_publish, name="site-publish"),
    path("<int:pk>/faktaark.pdf", views.site_pdf, name="site-pdf"),
    path("henvendelse/<int:pk>/", views.inquiry_match, name="inquiry-match"),
    path("henvendelse/<int:pk>/behov/", views.inquiry_criteria, name="inquiry-criteria"),
    path("henvendelse/<int:pk>/send/", views.selection_send, name="selection-send"),
    path("henvendelse/<int:pk>/reserver/", views.site_reserve, name="site-reserve"),
    path("henvendelse/<int:pk>/udekket/", views.unmet_record, name="unmet-record"),
    path("reservasjon/<int:pk>/opphev/", views.reservation_release, name="reservation-release"),
    path("utvalg/<str:token>/", views.selection_public, name="selection-public"),
]
