"""Typed readers for environment variables; the only place settings come from."""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    """Return the variable as text, or `default`; raise with a helpful message if neither exists."""
    value = os.environ.get(name)
    if value is not None:
        return value
    if default is None:
        raise ImproperlyConfigured(f"Set the environment variable {name} (see .env.example).")
    return default


def env_bool(name: str, *, default: bool) -> bool:
    """Return the variable as a boolean (1/0, true/false, yes/no, on/off)."""
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, *, default: int) -> int:
    """Return the variable as an integer."""
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from error


def env_list(name: str, *, default: list[str]) -> list[str]:
    """Return a comma-separated variable as a list of stripped, non-empty items."""
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


CACHE_TABLE = "samspill_cache"
_REDIS_SCHEMES = ("redis://", "rediss://", "unix://")


def cache_from_url(url: str, *, key_prefix: str) -> dict[str, object]:
    """The `default` cache for a URL: Redis (`redis://`, `rediss://`, `unix://`), the database
    (`db://`, the default: the `samspill_cache` table that `migrate` creates), `locmem://` (one
    process only: tests and experiments) or `dummy://` (no caching)."""
    backend = "django.core.cache.backends."
    if url.startswith(_REDIS_SCHEMES):
        return {"BACKEND": backend + "redis.RedisCache", "LOCATION": url, "KEY_PREFIX": key_prefix}
    kinds = {
        "db://": {"BACKEND": backend + "db.DatabaseCache", "LOCATION": CACHE_TABLE},
        "locmem://": {"BACKEND": backend + "locmem.LocMemCache", "LOCATION": "samspill"},
        "dummy://": {"BACKEND": backend + "dummy.DummyCache"},
    }
    if url not in kinds:
        raise ImproperlyConfigured(
            f"CACHE_URL must start with redis://, rediss:// or unix://, or be db://, locmem:// "
            f"or dummy://, not {url!r}."
        )
    return {**kinds[url], "KEY_PREFIX": key_prefix}
