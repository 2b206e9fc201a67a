"""Login (local or single sign-on) and the user's own profile page; password views are Django's."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, PasswordResetView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from samspill.accounts import oidc
from samspill.accounts.forms import LoginForm, SamspillPasswordResetForm
from samspill.accounts.selectors import (
    identity_provider_by_id,
    identity_provider_get,
    identity_providers_for_login,
    role_assignments_for,
)
from samspill.accounts.services import SsoError, sso_failure_record
from samspill.core.mail import MailNotSentError, mail_connection_check

# The session of an SSO user is checked by Django's own backend, like a local user's.
SESSION_BACKEND = "django.contrib.auth.backends.ModelBackend"


class SamspillLoginView(LoginView):
    """Django's login view with labelled, styled fields; django-axes counts failures."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """The username/password form, and a button per single sign-on provider."""
        return super().get_context_data(identity_providers=identity_providers_for_login(), **kwargs)


@require_safe
def sso_start(request: HttpRequest, slug: str) -> HttpResponse:
    """Send the browser to the organisation's identity provider."""
    provider = identity_provider_get(slug=slug)
    if provider is None:
        messages.error(request, _("Denne innloggingstjenesten finnes ikke."))
        return redirect("accounts:login")
    try:
        url = oidc.authorization_url(
            request, provider=provider, next_url=request.GET.get("next", "")
        )
    except SsoError as error:
        sso_failure_record(provider=provider, reason=error.reason)
        messages.error(request, error.message)
        return redirect("accounts:login")
    return HttpResponseRedirect(url)


@require_safe
def sso_callback(request: HttpRequest) -> HttpResponse:
    """The provider sends the browser back here with a code; log in whom it names."""
    pending = oidc.pending_login_pop(request, state=request.GET.get("state", ""))
    provider = None if pending is None else identity_provider_by_id(provider_id=pending.provider_id)
    if pending is None or provider is None:
        messages.error(request, _("Innloggingen er utløpt eller ugyldig. Prøv igjen."))
        return redirect("accounts:login")
    try:
        if request.GET.get("error"):
            raise SsoError(
                "provider_error:" + request.GET["error"][:50],
                _("Innloggingstjenesten avbrøt innloggingen."),
            )
        user = oidc.sso_authenticate(request, provider=provider, pending=pending)
    except SsoError as error:
        sso_failure_record(provider=provider, reason=error.reason)
        messages.error(request, error.message)
        return redirect("accounts:login")
    login(request, user, backend=SESSION_BACKEND)
    if not role_assignments_for(user=user):
        messages.info(
            request,
            _(
                "Du er logget inn, men har ingen roller ennå. En koordinator gir deg roller i Samspill."
            ),
        )
    return HttpResponseRedirect(pending.next_url or resolve_url(settings.LOGIN_REDIRECT_URL))


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
@require_safe
def profile(request: HttpRequest) -> HttpResponse:
    """The user's roles and links to change password."""
    return render(
        request,
        "accounts/profile.html",
        {"roles": role_assignments_for(user=request.user)},  # type: ignore[arg-type]  # login_required
    )
