"""Pages: the personal start page, the notification list, choices, follow/unfollow.

Thin: parse → selector/service → render. Every object shown went through the owning app's
visibility (selectors.py); following something the user may not open answers 404.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samspill.accounts.models import User
from samspill.notifications import registry, services
from samspill.notifications.forms import PreferenceForm
from samspill.notifications.selectors import (
    changes_in_my_regions,
    follow_list_for,
    notification_list_for,
    preference_for,
    recent_for,
    visible_objects,
    waiting_for,
)

# "Since my last visit": the first visit looks back this far.
FIRST_VISIT_DAYS = 14
SESSION_SINCE = "notifications_start_since"


def _user(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


@require_safe
@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Min side: what waits for me, what changed in my regions since my last visit, my documents."""
    user = _user(request)
    # The previous visit is read once per login session, so reloading keeps the same "since".
    since_text = request.session.get(SESSION_SINCE)
    if since_text is None:
        previous = services.start_page_seen(user=user)
        since = previous or timezone.now() - datetime.timedelta(days=FIRST_VISIT_DAYS)
        request.session[SESSION_SINCE] = since.isoformat()
    else:
        since = datetime.datetime.fromisoformat(since_text)
    context = {
        "waiting": waiting_for(user=user),
        "changes": changes_in_my_regions(user=user, since=since),
        "since": since,
        "recent": recent_for(user=user),
        "notifications": notification_list_for(user=user, unread_only=True)[:10],
        "today": timezone.localdate(),
    }
    return render(request, "notifications/start.html", context)


@require_safe
@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    unread_only = request.GET.get("uleste") == "1"
    context = {
        "rows": notification_list_for(user=user, unread_only=unread_only),
        "unread_only": unread_only,
        "follows": follow_list_for(user=user),
        "preference": preference_for(user=user),
    }
    return render(request, "notifications/list.html", context)


@require_POST
@login_required
def mark_read(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    ids = [int(value) for value in request.POST.getlist("id") if value.isdigit()]
    count = services.notifications_mark_read(user=user, ids=ids or None)
    messages.success(request, _("Merket som lest: %(count)d") % {"count": count})
    return redirect("notifications:list")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    current = preference_for(user=user)
    initial = {"delivery": current.delivery, "language": current.language}
    form = PreferenceForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.preference_set(
            user=user,
            delivery=form.cleaned_data["delivery"],
            language=form.cleaned_data["language"],
        )
        messages.success(request, _("Varslingsvalgene er lagret."))
        return redirect("notifications:list")
    return render(request, "notifications/preferences.html", {"form": form})


@require_POST
@login_required
def follow_toggle(request: HttpRequest, app: str, model: str, pk: int) -> HttpResponse:
    """Follow (action=follow) or stop following (action=unfollow) an object the user may open."""
    user = _user(request)
    label = f"{app}.{model}"
    if registry.kind_for(label) is None:
        raise Http404
    obj = visible_objects(user=user, label=label, ids=[pk]).get(pk)
    if obj is None:
        raise Http404
    if request.POST.get("action") == "unfollow":
        services.unfollow(user=user, obj=obj)
        messages.success(request, _("Du følger ikke lenger dette."))
    else:
        services.follow(user=user, obj=obj)
        messages.success(request, _("Du følger nå dette, og får varsler når noe skjer."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
    return redirect(target or "notifications:list")
