"""Spam protection for the public form without outside services: a signed start time + honeypot."""

import time

from django.core import signing
from django.core.cache import cache

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
    """Count one attempt for `key` (e.g. the client address); True once over `limit` per window."""
    cache_key = f"inquiries:rate:{key}"
    added = cache.add(cache_key, 1, timeout=window_seconds)
    if added:
        return False
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window_seconds)
        return False
    return count > limit
