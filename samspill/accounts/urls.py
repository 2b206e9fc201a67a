from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from samspill.accounts import views
from samspill.accounts.forms import SamspillPasswordChangeForm, SamspillSetPasswordForm

app_name = "accounts"
urlpatterns = [
    path("logg-inn/", views.SamspillLoginView.as_view(), name="login"),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("sso/callback/", views.sso_callback, name="sso-callback"),
    path("sso/<slug:slug>/", views.sso_start, name="sso-start"),
    path("profil/", views.profile, name="profile"),
    path(
        "passord/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/form_page.html",
            form_class=SamspillPasswordChangeForm,
            success_url=reverse_lazy("accounts:password-change-done"),
            extra_context={"page_title": "password_change"},
        ),
        name="password-change",
    ),
    path(
        "passord/endret/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/message_page.html",
            extra_context={"page_title": "password_changed"},
        ),
        name="password-change-done",
    ),
    path(
        "passord/glemt/",
        views.SamspillPasswordResetView.as_view(
            template_name="accounts/form_page.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password-reset-done"),
            extra_context={"page_title": "password_reset"},
        ),
        name="password-reset",
    ),
    path(
        "passord/glemt/sendt/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="accounts/message_page.html",
            extra_context={"page_title": "password_reset_sent"},
        ),
        name="password-reset-done",
    ),
    path(
        "passord/ny/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/form_page.html",
            form_class=SamspillSetPasswordForm,
            success_url=reverse_lazy("accounts:password-reset-complete"),
            extra_context={"page_title": "password_reset_confirm"},
        ),
        name="password-reset-confirm",
    ),
    path(
        "passord/ny/ferdig/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/message_page.html",
            extra_context={"page_title": "password_reset_complete"},
        ),
        name="password-reset-complete",
    ),
]
