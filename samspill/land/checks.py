"""System check for the optional routing service (ADR 71).

`LAND_ROUTING_URL` is off by default and never required: travel times are the documented
road-speed estimate (`places.travel_minutes`, ADR 52) and always labelled as such. No routing
client is built yet, so a URL that is set changes nothing; this check says so rather than let an
operator believe the times are routed.
"""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, register
from django.core.checks import Warning as CheckWarning


def routing_configured() -> bool:
    return bool(settings.LAND_ROUTING_URL)


@register()
def routing_service_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if not routing_configured():
        return []
    return [
        CheckWarning(
            "LAND_ROUTING_URL is set, but the land register has no routing client yet.",
            hint="Travel times stay the road-speed estimate (docs/decisions.md, ADR 52 and 71). "
            "Unset LAND_ROUTING_URL to silence this warning.",
            id="land.W001",
        )
    ]
