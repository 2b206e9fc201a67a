"""Typed request for views that use django-htmx."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """An HttpRequest with the `htmx` attribute that HtmxMiddleware adds."""

    htmx: HtmxDetails


def partial_template(request: HtmxHttpRequest, template_name: str, partial: str) -> str:
    """Return `template#partial` for a (non-boosted) htmx request, else the whole page."""
    if request.htmx and not request.htmx.boosted:
        return f"{template_name}#{partial}"
    return template_name
