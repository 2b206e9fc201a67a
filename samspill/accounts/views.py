"""Login and the user's own profile page; password views are Django's, with our templates."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from samspill.accounts.forms import LoginForm
from samspill.accounts.selectors import role_assignments_for


class SamspillLoginView(LoginView):
    """Django's login view with labelled, styled fields; django-axes counts failures."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@login_required
@require_safe
def profile(request: HttpRequest) -> HttpResponse:
    """The user's roles and links to change password."""
    return render(
        request,
        "accounts/profile.html",
        {"roles": role_assignments_for(user=request.user)},  # type: ignore[arg-type]  # login_required
    )
