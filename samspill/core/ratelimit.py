"""A rate limit shared by every process: counted in Django's cache with atomic `add` only.

`cache.incr` is atomic in Redis and in memory, but the database cache implements it as get + set,
so two processes can both count 3 → 4. `cache.add` of a key that does not exist yet is atomic in
every backend (Redis SET NX, an INSERT on the primary key in the database cache), so each attempt
claims one of `limit` numbered slots in the current window; when every slot is taken, the limit
is reached. Windows are fixed (numbered from the epoch), so a slot key is never reused.
"""

import time

from django.core.cache import BaseCache, caches


def rate_limit_hit(
    scope: str,
    key: str,
    *,
    limit: int,
    window_seconds: int,
    now: float | None = None,
    cache: BaseCache | None = None,
) -> bool:
    """Count one attempt by `key` within `scope`; True when it goes over `limit` in this window.

    `cache` defaults to the "default" cache (Redis or the database cache in production).
    """
    cache = cache or caches["default"]
    if limit <= 0:
        return True
    window = int((time.time() if now is None else now) // window_seconds)
    prefix = f"ratelimit:{scope}:{key}:{window}"
    slots = [f"{prefix}:{number}" for number in range(limit)]
    taken = cache.get_many(slots)
    # Keep one window beyond this one: the slot must outlive the window it counts in.
    timeout = window_seconds * 2
    return all(slot in taken or not cache.add(slot, 1, timeout=timeout) for slot in slots)
