"""The request flow every challenges page shares: the acting user, lookups that 404/403,
running a service with its refusals on the form, and the one form page."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.audit.selectors import audit_entries_for
from samspill.challenges.forms import (
    errors_to_form,
)
from samspill.challenges.models import (
    Challenge,
)
from samspill.challenges.selectors import (
    can_manage,
    challenge_get_for,
)
from samspill.core.conflicts import conflict_show
from samspill.core.exceptions import ConflictError, PermissionDeniedError


def acting_user(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def run_service(
    request: HttpRequest,
    form: Any,
    action: Callable[[], Any],
    *,
    reload: Callable[[], Any] | None = None,
    initial_of: Callable[[Any], dict[str, Any]] | None = None,
) -> Any:
    """Call a service; errors land on the form (and nothing typed is lost), refusals are 403."""
    try:
        return action()
    except ValidationError as error:
        errors_to_form(form, error)
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error)) from error
    except ConflictError as error:
        if reload is None or initial_of is None:
            form.add_error(None, str(error))
        else:
            saved = reload()
            conflict_show(
                form,
                error,
                saved=initial_of(saved),
                version=saved.version,
                history=audit_entries_for(subject=saved),
            )
    return None


def form_page(
    request: HttpRequest, form: Any, *, title: str, back: str, **extra: Any
) -> HttpResponse:
    context = {"form": form, "page_title": title, "back_url": back, **extra}
    status = 409 if getattr(form, "conflict", None) else 200
    if form.is_bound and form.errors and status == 200:
        status = 422 if request.headers.get("HX-Request") else 200
    return render(request, "challenges/form_page.html", context, status=status)


def form_flow(
    request: HttpRequest,
    form: Any,
    *,
    save: Callable[[], Any],
    done: str | Callable[[Any], str],
    then: Callable[[Any], Any],
    title: str,
    back: str,
    **extra: Any,
) -> HttpResponse:
    """The one "fill in a form, call a service, say so and go back" page the create views share.

    On a valid POST `save` runs the service; a result means success (`done` is the message,
    `then` where to go), anything else shows the form again with the service's refusal.
    """
    if request.method == "POST" and form.is_valid():
        result = run_service(request, form, save)
        if result:
            messages.success(request, done(result) if callable(done) else done)
            return redirect(then(result))
    return form_page(request, form, title=title, back=back, **extra)


def readable_challenge(request: HttpRequest, pk: int) -> Challenge:
    challenge = challenge_get_for(user=request.user, pk=pk)
    if challenge is None:
        raise Http404
    return challenge


def managed_challenge(request: HttpRequest, pk: int) -> Challenge:
    challenge = readable_challenge(request, pk)
    if not can_manage(access=access_for(user=request.user), challenge=challenge):
        raise PermissionDenied
    return challenge


def run_button(request: HttpRequest, action: Callable[[], Any]) -> Any:
    """Run a one-button service: a refusal becomes a message on the page it came from."""
    try:
        return action()
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error)) from error
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    except ConflictError as error:
        messages.error(request, str(error))
    return None
