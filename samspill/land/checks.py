"""System check for the optional routing service (ADR 98).

`LAND_ROUTING_URL` is off by default and never required. When it is set, `land/routing.py` asks
that OSRM-compatible service for travel times and falls back to the labelled estimate on any
failure; a URL that cannot be used at all (no http/https scheme, no host, a query or fragment)
would only ever give the estimate, so this check says so rather than let an operator believe the
times are routed.
"""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, register
from django.core.checks import Warning as CheckWarning

from samspill.land.routing import url_problem


@register()
def routing_service_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    problem = url_problem(str(settings.LAND_ROUTING_URL or ""))
    if problem is None:
        return []
    return [
        CheckWarning(
            f"LAND_ROUTING_URL cannot be used: {problem}.",
            hint="Set it to the routing service's base address, for example "
            "https://ruting.kommune.no, or leave it empty; until then travel times stay the "
            "road-speed estimate (docs/decisions.md, ADR 52 and 98).",
            id="land.W002",
        )
    ]
