from django.urls import URLPattern, path

from samspill.search import views

app_name = "search"
urlpatterns: list[URLPattern] = [path("", views.search, name="search")]
