"""Template helpers shared across apps."""

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def number(value: float | int | None, decimals: int = 0) -> str:
    """Format a number for the active language (thin space grouping in bokmål), or an en dash."""
    if value is None:
        return "–"
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
