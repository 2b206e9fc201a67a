"""Template helpers for the strategy pages."""

from django import template

from samspill.strategy.presenters import STATUS_COLORS

register = template.Library()


@register.filter
def status_color(status: object) -> str:
    """Designsystemet colour of an indicator or measure status ("on_track" → "success")."""
    return STATUS_COLORS.get(str(status), "neutral")
