"""Home page and the data-sources (credits) page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from samspill.core.page_cache import cache_public_page
from samspill.regions.selectors import region_list


@require_GET
@cache_public_page
def home(request: HttpRequest) -> HttpResponse:
    """Front page: what Samspill is and the regions on it."""
    return render(request, "core/home.html", {"regions": region_list()})


@require_GET
@cache_public_page
def sources(request: HttpRequest) -> HttpResponse:
    """Where the data comes from and under which licence."""
    return render(request, "core/sources.html")
