from django.urls import path

from samspill.land.views import accounts, imports, matching, photos, search, sites

app_name = "land"
urlpatterns = [
    path("", search.search, name="search"),
    path("kart.geojson", search.search_layer, name="search-layer"),
    path("eksport.<str:fmt>", search.search_export, name="search-export"),
    path("ny/", sites.site_create, name="site-create"),
    path("import/", imports.site_import, name="site-import"),
    path("arealregnskap/", accounts.accounts, name="accounts"),
    path("arealregnskap/eksport.<str:fmt>", accounts.accounts_export, name="accounts-export"),
    path(
        "arealregnskap/over-tid.<str:fmt>",
        accounts.accounts_periods_export,
        name="accounts-periods-export",
    ),
    path("<int:pk>/", sites.site_detail, name="site-detail"),
    path("<int:pk>/endre/", sites.site_edit, name="site-edit"),
    path("<int:pk>/publiser/", sites.site_publish, name="site-publish"),
    path("<int:pk>/faktaark.pdf", sites.site_pdf, name="site-pdf"),
    path("<int:pk>/bilder/ny/", photos.site_photo_add, name="site-photo-add"),
    path("<int:pk>/bilder/<int:photo>/", photos.site_photo, name="site-photo"),
    path("<int:pk>/bilder/<int:photo>/fjern/", photos.site_photo_delete, name="site-photo-delete"),
    path("<int:pk>/bilder/<int:photo>/flytt/", photos.site_photo_move, name="site-photo-move"),
    path("henvendelse/<int:pk>/", matching.inquiry_match, name="inquiry-match"),
    path("henvendelse/<int:pk>/behov/", matching.inquiry_criteria, name="inquiry-criteria"),
    path("henvendelse/<int:pk>/send/", matching.selection_send, name="selection-send"),
    path("henvendelse/<int:pk>/reserver/", matching.site_reserve, name="site-reserve"),
    path("henvendelse/<int:pk>/udekket/", matching.unmet_record, name="unmet-record"),
    path("reservasjon/<int:pk>/opphev/", matching.reservation_release, name="reservation-release"),
    path("utvalg/<str:token>/", matching.selection_public, name="selection-public"),
]
