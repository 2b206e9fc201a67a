"""Spam protection for the public form without outside services: signed start time, honeypot, rate limit."""

import hashlib
import secrets
import time

from django.core import signing

from samspill.core.ratelimit import rate_limit_hit

SALT = "samspill.inquiries.form-started"


def form_started_token(*, now: float | None = None) -> str:
    """A signed start time + nonce for a hidden field: unique per form shown, single-use on submit."""
    started = int(now if now is not None else time.time())
    return signing.dumps({"t": started, "n": secrets.token_urlsafe(12)}, salt=SALT)


def form_token_key(token: str) -> str:
    """What spends a token (stored in Inquiry.form_token): the SHA-256 of a valid token with a nonce.

    "" for anything else: a forged token is refused by the time check anyway, and the bare-int
    tokens made before the nonce existed are not unique per visitor, so they cannot be spent.
    """
    try:
        payload = signing.loads(token, salt=SALT, max_age=24 * 3600)
    except signing.BadSignature:
        return ""
    if not isinstance(payload, dict) or not payload.get("n"):
        return ""
    return hashlib.sha256(token.encode()).hexdigest()


def seconds_since_form_started(token: str, *, now: float | None = None) -> float | None:
    """Seconds since the token was made, or None when it is missing, forged or older than a day."""
    if not token:
        return None
    try:
        started = signing.loads(token, salt=SALT, max_age=24 * 3600)
    except signing.BadSignature:
        return None
    if isinstance(started, dict):
        started = started.get("t")
    if not isinstance(started, int):  # tokens from before the nonce were a bare int: still valid
        return None
    return (now if now is not None else time.time()) - started


def rate_limit_exceeded(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one public-form submission from `key` (the client address); True once over `limit`."""
    return rate_limit_hit("inquiries", key, limit=limit, window_seconds=window_seconds)
