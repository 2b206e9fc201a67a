"""Key figures in words on the region and municipality pages: `{% load population %}`.

Like the stats tags, only URLs are reversed here: the sentences load in an htmx fragment, so the
host page (regions app) does no extra queries and never imports this app."""

from typing import Any

from django import template
from django.urls import reverse

from samspill.regions.models import Municipality, Region

register = template.Library()


@register.inclusion_tag("population/_key_figures_placeholder.html")
def region_key_figures(region: Region) -> dict[str, Any]:
    """A placeholder that loads the region's key figures in words."""
    return {
        "fragment_url": reverse("population:region-key-figures", args=[region.slug]),
        "url": reverse("population:region-structure", args=[region.slug]),
    }


@register.inclusion_tag("population/_key_figures_placeholder.html")
def municipality_key_figures(municipality: Municipality) -> dict[str, Any]:
    """The same for a municipality (none for a former municipality)."""
    if not municipality.is_current:
        return {}
    return {
        "fragment_url": reverse("population:municipality-key-figures", args=[municipality.number]),
        "url": reverse("population:municipality-structure", args=[municipality.number]),
    }
