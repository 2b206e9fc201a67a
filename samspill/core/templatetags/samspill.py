"""Template helpers shared across apps."""

from typing import Any

from django import template
from django.utils.formats import number_format

from samspill.core.history import HistoryChange, history_changes

register = template.Library()


@register.filter
def number(value: float | int | None, decimals: int = 0) -> str:
    """Format a number for the active language (thin space grouping in bokmål), or an en dash."""
    if value is None:
        return "–"
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


@register.simple_tag
def history_rows(entry: Any) -> list[HistoryChange]:
    """An audit entry's changes in words: field names, choice labels, local dates and numbers."""
    return history_changes(entry.changes, entry.content_type.model_class())
