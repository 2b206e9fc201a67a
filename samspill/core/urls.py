from django.urls import path

from samspill.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("om/kilder/", views.sources, name="sources"),
]
