"""Rate limits shared by every process: counts live in Django's cache (Redis or the database).

Use `rate_limit_exceeded(scope="analyses:lma-run", key=str(user.pk), limit=5, window_seconds=3600)`
before doing the expensive thing; it counts the attempt and says whether it is one too many.
"""

from django.core.cache import cache


def rate_limit_exceeded(*, scope: str, key: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt for `key` in `scope`; True once there are more than `limit` per window.

    The window starts with the first attempt (a fixed window). `cache.add` + `cache.incr` are
    atomic in Redis and the database cache, so parallel workers share one count.
    """
    cache_key = f"ratelimit:{scope}:{key}"
    if cache.add(cache_key, 1, timeout=window_seconds):
        return limit < 1
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr: this attempt starts a new window
        cache.set(cache_key, 1, timeout=window_seconds)
        return limit < 1
    return count > limit
