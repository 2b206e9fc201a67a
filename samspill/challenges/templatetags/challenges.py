"""Template filters for challenges: a moment (deadline, meeting) in Norwegian time."""

import datetime

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.core.numbers import format_date

register = template.Library()


@register.filter
def moment(value: datetime.datetime | None) -> str:
    """A time as "02.12.2026 kl. 12:00" in Europe/Oslo (the site's zone), "–" when missing."""
    if value is None:
        return "–"
    local = timezone.localtime(value)
    return _("%(date)s kl. %(time)s") % {
        "date": format_date(local.date()),
        "time": f"{local:%H:%M}",
    }


@register.filter
def get_item(mapping: dict[object, object], key: object) -> object:
    """`mapping[key]` or None (scores by criterion in the templates)."""
    return mapping.get(key)
