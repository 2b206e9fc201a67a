"""Response headers and session rules that hold for every page (docs/architecture.md#security)."""

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import patch_cache_control

type GetResponse = Callable[[HttpRequest], HttpResponseBase]

SESSION_RENEWED_KEY = "_samspill_renewed_at"


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    """`{"camera": [], "fullscreen": ["self"]}` → `camera=(), fullscreen=(self)`."""
    return ", ".join(
        f"{feature}=({' '.join(origins)})" for feature, origins in sorted(policy.items())
    )


class PermissionsPolicyMiddleware:
    """Send PERMISSIONS_POLICY as the Permissions-Policy header, unless a view set its own."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        policy: dict[str, list[str]] = getattr(settings, "PERMISSIONS_POLICY", {})
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = permissions_policy_header(policy)
        return response


class PrivateResponsesMiddleware:
    """`Cache-Control: private, no-store` on every answer to a signed-in user or an API client.

    Signed-in pages show personal data (an inquiry's contact person, exports, the account pages);
    no browser cache, shared proxy or page cache may keep them.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in or "HTTP_AUTHORIZATION" in request.META:
            patch_cache_control(response, private=True, no_store=True)
        return response


class IdleSessionMiddleware:
    """Sliding expiry: a signed-in session lives SESSION_IDLE_MINUTES after its last request.

    Renewing means saving the session, so it is renewed at most once a minute (or once a tenth
    of the idle time, when that is shorter) instead of on every request.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is None or user is None or not user.is_authenticated:
            return response
        idle_seconds = int(settings.SESSION_COOKIE_AGE)
        now = int(time.time())
        renewed_at = session.get(SESSION_RENEWED_KEY, 0)
        if not isinstance(renewed_at, int) or now - renewed_at >= min(60, idle_seconds // 10):
            session[SESSION_RENEWED_KEY] = now
        return response


class ApiHeadMiddleware:
    """HEAD on the JSON API answers like GET without a body (django-ninja routes HEAD nowhere).

    Declaring HEAD on every API operation would put a second operation per path into the OpenAPI
    description; this keeps the description as it is and HTTP correct.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method != "HEAD" or not request.path.startswith("/api/"):
            return self.get_response(request)
        request.method = "GET"
        try:
            response = self.get_response(request)
        finally:
            request.method = "HEAD"
        if isinstance(response, HttpResponse):
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return response
