"""Statistics on other apps' pages without those apps importing stats: `{% load stats %}`.

The region and municipality pages (regions app) name these tags in their templates; the
dependency stays regions → (template) → stats, never a Python import (ADR in docs/decisions.md).
"""

from typing import Any

from django import template
from django.urls import reverse

from samspill.regions.models import Municipality, Region
from samspill.stats.presenters import (
    PopulationFact,
    municipality_population_fact,
    region_population_fact,
)

register = template.Library()


@register.inclusion_tag("stats/_population_fact.html")
def region_population(region: Region) -> dict[str, Any]:
    """The region's latest population and growth, and a link to its statistics dashboard."""
    fact: PopulationFact | None = region_population_fact(region=region)
    return {"fact": fact, "url": reverse("stats:region-dashboard", args=[region.slug])}


@register.inclusion_tag("stats/_population_fact.html")
def municipality_population(municipality: Municipality) -> dict[str, Any]:
    """The municipality's latest population and a link to its statistics dashboard."""
    fact = (
        municipality_population_fact(municipality=municipality) if municipality.is_current else None
    )
    return {
        "fact": fact,
        "url": reverse("stats:municipality-dashboard", args=[municipality.number]),
    }
