from django.urls import path

from samspill.regions import layers, views

app_name = "regions"
urlpatterns = [
    path("", views.region_list, name="region-list"),
    path("kommuner/", views.municipality_list, name="municipality-list"),
    path("kommuner/<str:number>/", views.municipality_detail, name="municipality-detail"),
    path(
        "kommuner/<str:number>/kart.geojson", layers.municipality_layer, name="municipality-layer"
    ),
    path("medlemskap/", views.membership_requests, name="membership-requests"),
    path(
        "medlemskap/<int:pk>/svar/",
        views.membership_request_answer,
        name="membership-request-answer",
    ),
    path("<slug:slug>/", views.region_detail, name="region-detail"),
    path("<slug:slug>/endre/", views.region_edit, name="region-edit"),
    path("<slug:slug>/medlemmer/ny/", views.membership_add, name="membership-add"),
    path("<slug:slug>/kart.geojson", layers.region_layer, name="region-layer"),
]
