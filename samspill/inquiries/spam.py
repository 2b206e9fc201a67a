"""Spam protection for the public form without outside services: signed start time, honeypot, rate limit."""

import time

from django.core import signing

from samspill.core.ratelimit import rate_limit_hit

SALT = "samspill.inquiries.form-started"


def form_started_token(*, now: float | None = None) -> str:
    """A signed timestamp to put in a hidden field when the form is shown."""
    return signing.dumps(int(now if now is not None else time.time()), salt=SALT)


def seconds_since_form_started(token: str, *, now: float | None = None) -> float | None:
    """Seconds since the token was made, or None when it is missing, forged or older than a day."""
    if not token:
        return None
    try:
        started = signing.loads(token, salt=SALT, max_age=24 * 3600)
    except signing.BadSignature:
        return None
    if not isinstance(started, int):
        return None
    return (now if now is not None else time.time()) - started


def rate_limit_exceeded(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one public-form submission from `key` (the client address); True once over `limit`."""
    return rate_limit_hit("inquiries", key, limit=limit, window_seconds=window_seconds)
