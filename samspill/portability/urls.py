from django.urls import path

from samspill.portability import views

app_name = "portability"
urlpatterns = [
    path("<slug:slug>/eksport/", views.region_export_download, name="region-export"),
]
