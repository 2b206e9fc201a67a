"""Small filters for the construction-load page (numbers still go through core/numbers.py)."""

from typing import Any

from django import template

from samspill.core.numbers import format_percent
from samspill.projects.load import QuarterLoad

register = template.Library()

PLOT_BOTTOM = 230


@register.filter
def svg_y(height: float) -> str:
    """The y of a bar of `height` standing on the plot's bottom line (SVG attribute, no locale)."""
    return str(round(PLOT_BOTTOM - float(height), 2))


@register.filter
def quarter_value(values: dict[Any, float], quarter: Any) -> float:
    return values.get(quarter, 0.0)


@register.filter
def percent_of_workforce(load: QuarterLoad | None, workforce: int | None) -> str:
    if load is None or not workforce:
        return "–"
    return format_percent(load.total / workforce, 0)


@register.inclusion_tag("projects/_measure_opportunities.html", takes_context=True)
def measure_opportunities(context: dict[str, Any], measure: Any) -> dict[str, Any]:
    """On a strategy measure's page: the project opportunities it pursues (a template tag, so
    strategy's code never imports the register)."""
    from samspill.projects.selectors import opportunities_for_measure

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return {"opportunities": []}
    return {"opportunities": opportunities_for_measure(user=user, measure_id=measure.pk)}
