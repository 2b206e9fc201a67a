"""Travel times from a routing service the municipality runs, when one is configured (ADR 98).

`LAND_ROUTING_URL` is empty by default, and then nothing here touches the network: every travel
time is the documented road-speed estimate (`places.travel_minutes`, ADR 52). When it is set, it
is the base URL of an OSRM-compatible HTTP service (for example `https://ruting.kommune.no`); the
client asks `GET {base}/route/v1/driving/{lon},{lat};{lon},{lat}?overview=false` and reads the
first route's `duration` (seconds) from an answer `{"code": "Ok", "routes": [{"duration": ...,
"distance": ...}], ...}`. Anything else (refused, slow past the timeout, an HTTP error, a code
other than "Ok", no route, a body that is not that JSON) is a failure: the caller falls back to the
labelled estimate and the page says so.

Standard library only (urllib). Answers are cached per pair of points (rounded to about 1 m) in
Django's cache; a failure marks the service down for a minute, so a page with many points waits
at most one timeout and the next pages do not wait at all.
"""

import json
import logging
import math
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

CACHE_SECONDS = 7 * 24 * 3600  # roads change slowly; a new service URL gets new keys
DOWN_SECONDS = 60
MAX_BODY_BYTES = 1_000_000


@dataclass(frozen=True)
class LatLon:
    lat: float
    lon: float


class RoutingError(Exception):
    """The service did not give a usable answer."""


def configured() -> bool:
    return bool(settings.LAND_ROUTING_URL)


def url_problem(url: str) -> str | None:
    """Why a LAND_ROUTING_URL cannot be used, or None when it is well-formed (or empty)."""
    if not url:
        return None
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "the URL must start with http:// or https://"
    if not parts.hostname:
        return "the URL has no host"
    if parts.query or parts.fragment:
        return "the URL must be the service's base address, without ?query or #fragment"
    return None


def _base() -> str:
    return str(settings.LAND_ROUTING_URL).rstrip("/")


def route_url(origin: LatLon, destination: LatLon) -> str:
    coordinates = f"{origin.lon:.6f},{origin.lat:.6f};{destination.lon:.6f},{destination.lat:.6f}"
    return f"{_base()}/route/v1/driving/{coordinates}?overview=false"


def _cache_key(origin: LatLon, destination: LatLon) -> str:
    return (
        f"land:route:{_base()}:{origin.lat:.5f},{origin.lon:.5f}:"
        f"{destination.lat:.5f},{destination.lon:.5f}"
    )


def _down_key() -> str:
    return f"land:route-down:{_base()}"


def parse_duration(body: bytes) -> float:
    """Seconds of the first route in an OSRM route answer, or RoutingError."""
    try:
        answer = json.loads(body)
    except ValueError as error:
        raise RoutingError("not JSON") from error
    if not isinstance(answer, dict) or answer.get("code") != "Ok":
        code = answer.get("code") if isinstance(answer, dict) else None
        raise RoutingError(f"code {code!r}")
    routes = answer.get("routes")
    if not isinstance(routes, list) or not routes or not isinstance(routes[0], dict):
        raise RoutingError("no route")
    duration = routes[0].get("duration")
    if isinstance(duration, bool) or not isinstance(duration, int | float):
        raise RoutingError("no duration")
    seconds = float(duration)
    if not math.isfinite(seconds) or seconds < 0:
        raise RoutingError("bad duration")
    return seconds


def fetch_seconds(origin: LatLon, destination: LatLon) -> float:
    """Ask the service once (no cache); RoutingError on any failure."""
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked by url_problem
        route_url(origin, destination), headers={"Accept": "application/json"}
    )
    try:
        with urllib.request.urlopen(  # noqa: S310
            request, timeout=settings.LAND_ROUTING_TIMEOUT_SECONDS
        ) as response:
            body = response.read(MAX_BODY_BYTES + 1)
    except (OSError, ValueError) as error:  # URLError, HTTPError, timeouts, bad URLs
        raise RoutingError(str(error)) from error
    if len(body) > MAX_BODY_BYTES:
        raise RoutingError("answer too large")
    return parse_duration(body)


def route_minutes(origin: LatLon, destinations: Sequence[LatLon]) -> list[int | None]:
    """Driving minutes (rounded up) from origin to each destination; None where not routed.

    Never calls out when LAND_ROUTING_URL is unset or malformed. After the first failure the rest
    are not asked (and the service counts as down for DOWN_SECONDS), so one page waits for at
    most one timeout.
    """
    if not configured() or url_problem(str(settings.LAND_ROUTING_URL)):
        return [None] * len(destinations)
    result: list[int | None] = []
    down = bool(cache.get(_down_key()))
    for destination in destinations:
        key = _cache_key(origin, destination)
        seconds = cache.get(key)
        if seconds is None and not down:
            try:
                seconds = fetch_seconds(origin, destination)
            except RoutingError as error:
                logger.warning("Routing service failed, using the estimate: %s", error)
                cache.set(_down_key(), 1, DOWN_SECONDS)
                down = True
            else:
                cache.set(key, seconds, CACHE_SECONDS)
        result.append(None if seconds is None else math.ceil(float(seconds) / 60))
    return result
