"""Home page, the data-sources (credits) page and the error pages."""

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_safe

from samspill.accounts.selectors import access_for
from samspill.core.page_cache import cache_public_page
from samspill.regions.selectors import region_list
from samspill.strategy.selectors import action_plan_list_for, strategy_list_for

logger = logging.getLogger(__name__)

# What the 500 page says when even its template cannot be rendered (e.g. static files missing).
BARE_500 = (
    '<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Samspill</title></head>'
    "<body><h1>Noe gikk galt hos oss / Something went wrong</h1>"
    "<p>Feilen er logget. Prøv igjen om litt. / The error has been logged. Please try again "
    'shortly.</p><p><a href="/">Samspill</a></p></body></html>'
)


@require_safe
@cache_public_page
def home(request: HttpRequest) -> HttpResponse:
    """Front page: where each kind of user starts, and the regions on it.

    Everyone sees the same start (region facts, strategies, the front door for businesses), so the
    anonymous page stays cacheable; a signed-in user also gets their own regions, inbox, strategies
    and action plans (signed-in requests are never cached, see core/page_cache.py)."""
    regions = list(region_list())
    context: dict[str, object] = {"regions": regions}
    if request.user.is_authenticated:
        access = access_for(user=request.user)
        context["my_regions"] = [region for region in regions if access.can_view_region(region.pk)]
        context["my_strategies"] = list(strategy_list_for(user=request.user)[:6])
        plans = list(action_plan_list_for(user=request.user).order_by("-pk")[:7])
        context["my_plans"], context["more_plans"] = plans[:6], len(plans) > 6
    return render(request, "core/home.html", context)


@require_safe
@cache_public_page
def sources(request: HttpRequest) -> HttpResponse:
    """Where the data comes from and under which licence."""
    return render(request, "core/sources.html")


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the site's own page, rendered without the request, session or database."""
    try:
        body = loader.get_template("500.html").render()
    except Exception:  # the error page must never fail in turn
        logger.exception("The 500 page could not be rendered; answered with the bare page.")
        body = BARE_500
    return HttpResponseServerError(body)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: explain an expired or foreign form in the site's look (403)."""
    # Django has already logged the reason (django.security.csrf); the visitor is told what to do.
    return HttpResponseForbidden(loader.get_template("403_csrf.html").render())
