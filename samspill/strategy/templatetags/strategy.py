"""Template helpers for the strategy pages."""

from django import template
from django.db.models import QuerySet

from samspill.regions.models import Region
from samspill.strategy.models import Strategy
from samspill.strategy.presenters import STATUS_COLORS
from samspill.strategy.selectors import strategy_published_list

register = template.Library()


@register.filter
def status_color(status: object) -> str:
    """Designsystemet colour of an indicator or measure status ("on_track" → "success")."""
    return STATUS_COLORS.get(str(status), "neutral")


@register.simple_tag
def published_strategies(region: Region) -> QuerySet[Strategy]:
    """The region's strategies with published progress: `{% published_strategies region as s %}`
    (the region page links to them without the regions app importing strategy)."""
    return strategy_published_list(region=region)
