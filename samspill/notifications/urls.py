from django.urls import path

from samspill.notifications import views

app_name = "notifications"
urlpatterns = [
    path("min-side/", views.start, name="start"),
    path("varsler/", views.notification_list, name="list"),
    path("varsler/les/", views.mark_read, name="mark-read"),
    path("varsler/valg/", views.preferences, name="preferences"),
    path("varsler/folg/<slug:app>/<slug:model>/<int:pk>/", views.follow_toggle, name="follow"),
]
