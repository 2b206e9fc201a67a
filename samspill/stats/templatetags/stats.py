"""Statistics on other apps' pages without those apps importing stats: `{% load stats %}`.

The region and municipality pages (regions app) name these tags in their templates; the
dependency stays a template reference, never a Python import from regions (ADR in
docs/decisions.md). The tags only reverse URLs: the figures load in a small htmx fragment, so the
host page does no extra queries and stays as fast as before.
"""

from typing import Any

from django import template
from django.urls import reverse

from samspill.regions.models import Municipality, Region
from samspill.stats.notes import note_text

register = template.Library()


@register.inclusion_tag("stats/_population_placeholder.html")
def region_population(region: Region) -> dict[str, Any]:
    """A fact box that loads the region's population; a link to its statistics dashboard."""
    return {
        "fragment_url": reverse("stats:region-population", args=[region.slug]),
        "url": reverse("stats:region-dashboard", args=[region.slug]),
    }


@register.inclusion_tag("stats/_population_placeholder.html")
def municipality_population(municipality: Municipality) -> dict[str, Any]:
    """The same for a municipality (historic municipalities get no statistics link)."""
    if not municipality.is_current:
        return {}
    return {
        "fragment_url": reverse("stats:municipality-population", args=[municipality.number]),
        "url": reverse("stats:municipality-dashboard", args=[municipality.number]),
    }


@register.filter
def note(stored: object) -> str:
    """A note stored by an import (vintage, harmonisation, gap) in the reader's language."""
    return note_text(stored)
