"""Anonymous public pages from the shared cache, keyed by the data version.

The data version is one token in the shared cache (Redis or the database cache, so every
application process sees the same). The services that change what public pages show (statistics
imports, region edits and memberships, strategy publication) call `bump_data_version()`; each
cached page's key holds the version it was made under, so one bump makes every older page
unreachable in every process at once (they expire after `PAGE_CACHE_SECONDS`). An explicit call
from each writing service, not a signal (docs/architecture.md, ADR "Shared state").

Only what every visitor sees alike is cached: GET/HEAD by anonymous visitors, status 200, no CSRF
token used while rendering (a token is personal), no cookie set (messages, language), nothing
marked private or no-store. Signed-in users always get a fresh page.
"""

import hashlib
import secrets
from collections.abc import Callable
from functools import wraps
from typing import cast

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.translation import get_language

VERSION_KEY = "core:data-version"
HIT_HEADER = "X-Samspill-Cache"


def data_version() -> str:
    """The current data version (made on first use, and again if the cache lost it)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, secrets.token_hex(8), timeout=None)
        version = cache.get(VERSION_KEY)  # whoever added first wins, in every process
    return str(version)


def bump_data_version() -> None:
    """Make every cached public page stale, once the current transaction commits.

    A fresh random token (not an increment): two bumps at once cannot both read the old value
    and write the same new one, on any cache backend."""
    transaction.on_commit(lambda: cache.set(VERSION_KEY, secrets.token_hex(8), timeout=None))


def cached_for_data_version[T](key: str, compute: Callable[[], T]) -> T:
    """`compute()`, or its result from the shared cache while the data version is unchanged.

    For results that depend only on the data (and what `key` names: area, parameters, language),
    never on who asks: signed-in users get them too. The result must be picklable."""
    versioned = f"data:{data_version()}:{key}"
    stored = cache.get(versioned)
    if stored is not None:
        return cast("T", stored)
    result = compute()
    cache.set(versioned, result, timeout=settings.PAGE_CACHE_SECONDS)
    return result


def _is_cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and CookieStorage.cookie_name not in request.COOKIES  # a message waits to be shown
    )


def _is_cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        request.method == "GET"
        and response.status_code == 200
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # a CSRF token was rendered
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
        and not request.user.is_authenticated
    )


def page_key(request: HttpRequest) -> str:
    """Cache key of a page: data version, language, htmx or not, and the full address."""
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    htmx = f"{request.headers.get('HX-Request', '')}-{request.headers.get('HX-Boosted', '')}"
    return f"page:{data_version()}:{get_language()}:{htmx}:{address}"


def cache_public_page[V: Callable[..., HttpResponseBase]](view: V) -> V:
    """Serve the view's page to anonymous visitors from the shared cache while the data is unchanged.

    Put it directly above the view function (below `require_GET`, `vary_on_headers`), so those
    still apply to a page served from the cache."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        if not _is_cacheable_request(request):
            return view(request, *args, **kwargs)
        key = page_key(request)
        stored = cache.get(key)
        if isinstance(stored, tuple):
            content, content_type, *disposition = stored
            response = HttpResponse(content, content_type=content_type)
            if disposition and disposition[0]:
                response["Content-Disposition"] = disposition[0]  # a download keeps its name
            response[HIT_HEADER] = "hit"
            return response
        fresh = view(request, *args, **kwargs)
        if isinstance(fresh, HttpResponse) and _is_cacheable_response(request, fresh):
            cache.set(
                key,
                (fresh.content, fresh["Content-Type"], fresh.get("Content-Disposition", "")),
                timeout=settings.PAGE_CACHE_SECONDS,
            )
            fresh[HIT_HEADER] = "miss"
        return fresh

    return cast("V", wrapper)
