"""Login and the user's own profile page; password views are Django's, with our templates."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, PasswordResetView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from samspill.accounts.forms import LoginForm, SamspillPasswordResetForm
from samspill.accounts.selectors import role_assignments_for
from samspill.core.mail import MailNotSentError, mail_connection_check


class SamspillLoginView(LoginView):
    """Django's login view with labelled, styled fields; django-axes counts failures."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class SamspillPasswordResetView(PasswordResetView):
    """Django's reset view that says so when the mail cannot be sent, instead of "sent".

    The mail server is tried before any account is looked up, so a broken server gives the same
    answer for every address and reveals nothing about which addresses have accounts.
    """

    form_class = SamspillPasswordResetForm

    def form_valid(self, form: SamspillPasswordResetForm) -> HttpResponse:  # type: ignore[override]
        try:
            mail_connection_check()
            return super().form_valid(form)
        except MailNotSentError:
            form.add_error(
                None,
                _(
                    "Vi kunne ikke sende e-post akkurat nå, så du har ikke fått noen lenke. "
                    "Prøv igjen om litt, eller kontakt den som drifter Samspill."
                ),
            )
            response = self.form_invalid(form)
            response.status_code = 503
            return response


@login_required
@require_GET
def profile(request: HttpRequest) -> HttpResponse:
    """The user's roles and links to change password."""
    return render(
        request,
        "accounts/profile.html",
        {"roles": role_assignments_for(user=request.user)},  # type: ignore[arg-type]  # login_required
    )
