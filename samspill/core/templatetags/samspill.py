"""Template helpers shared across apps."""

import datetime
from decimal import Decimal
from typing import Any

from django import forms, template
from django.urls import translate_url
from django.utils.translation import gettext as _

from samspill.core.forms import ChoiceGroup, SummaryError, error_summary
from samspill.core.forms import choice_groups as form_choice_groups
from samspill.core.forms import is_choice_list as form_is_choice_list
from samspill.core.history import HistoryChange, history_changes
from samspill.core.numbers import format_date, format_number, format_percent, format_quantity

register = template.Library()


@register.filter
def number(value: object, decimals: int = 0) -> str:
    """A number rounded half away from zero and written for the active language, or an en dash.

    `{{ value|number:1 }}` → "91,6" (bokmål, nynorsk) or "91.6" (English); a negative count of
    decimals drops trailing zeros (`|number:-2` → "12,5"). See samspill.core.numbers.
    """
    return format_number(value, int(decimals))


@register.filter
def signed(value: object, decimals: int = 0) -> str:
    """A change with its sign: "+1,2", "-3"."""
    return format_number(value, int(decimals), signed=True)


@register.filter
def percent(share: object, decimals: int = 1) -> str:
    """A share (0.9156) as a percentage: "91,6 %" / "91.6%"."""
    return format_percent(share, int(decimals))


@register.filter
def day(value: object) -> str:
    """A date as 02.12.2026 (Norwegian) or 2 December 2026 (English)."""
    return format_date(value)  # type: ignore[arg-type]


@register.simple_tag
def cell(value: object) -> dict[str, object]:
    """A table cell for documents: numbers and dates written for the language, never raw.

    168401.0 → "168 401", 12.25 → "12,25", a date → 02.12.2026, None → "–"; text as is.
    """
    if value is None or value == "":
        return {"text": "–", "numeric": False}
    if isinstance(value, bool):
        return {"text": _("Ja") if value else _("Nei"), "numeric": False}
    if isinstance(value, int | float | Decimal):
        return {"text": format_number(value, -2), "numeric": True}
    if isinstance(value, datetime.date):
        return {"text": format_date(value), "numeric": False}
    return {"text": str(value), "numeric": False}


@register.simple_tag(takes_context=True)
def translated_url(context: template.Context, language: str) -> str:
    """This page's address in another language (a plain link: no form, so no CSRF token, and an
    anonymous page stays cacheable; see samspill.core.page_cache)."""
    return translate_url(context["request"].get_full_path(), language)


@register.simple_tag
def history_rows(entry: Any) -> list[HistoryChange]:
    """An audit entry's changes in words: field names, choice labels, local dates and numbers."""
    return history_changes(entry.changes, entry.content_type.model_class())


@register.simple_tag
def form_error_summary(form: forms.BaseForm) -> list[SummaryError]:
    """The errors of a form for components/_error_summary.html, each linked to its field."""
    return error_summary(form)


@register.filter
def is_choice_list(field: forms.BoundField) -> bool:
    """A checkbox list or radio buttons (rendered as a fieldset, one input per choice)."""
    return form_is_choice_list(field)


@register.filter
def choice_groups(field: forms.BoundField) -> list[ChoiceGroup]:
    """A choice list's choices by group (optgroups), for components/_field.html."""
    return form_choice_groups(field)


@register.filter
def quantity(value: object, unit: str = "") -> str:
    """`{{ value|quantity:unit }}` → "985 selskap"; no value → "ingen verdi" (never a bare unit)."""
    return format_quantity(value, str(unit or ""))
