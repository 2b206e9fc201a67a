"""Template helpers shared across apps."""

from django import template
from django.urls import translate_url
from django.utils.formats import number_format

register = template.Library()


@register.filter
def number(value: float | int | None, decimals: int = 0) -> str:
    """Format a number for the active language (thin space grouping in bokmål), or an en dash."""
    if value is None:
        return "–"
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


@register.simple_tag(takes_context=True)
def translated_url(context: template.Context, language: str) -> str:
    """This page's address in another language (a plain link: no form, so no CSRF token, and an
    anonymous page stays cacheable; see samspill.core.page_cache)."""
    return translate_url(context["request"].get_full_path(), language)
