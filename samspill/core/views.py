"""Home page, the data-sources (credits) page and the error pages."""

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_safe

from samspill.regions.selectors import region_list

logger = logging.getLogger(__name__)

# What the 500 page says when even its template cannot be rendered (e.g. static files missing).
BARE_500 = (
    '<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Samspill</title></head>'
    "<body><h1>Noe gikk galt hos oss / Something went wrong</h1>"
    "<p>Feilen er logget. Prøv igjen om litt. / The error has been logged. Please try again "
    'shortly.</p><p><a href="/">Samspill</a></p></body></html>'
)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Front page: what Samspill is and the regions on it."""
    return render(request, "core/home.html", {"regions": region_list()})


@require_safe
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
