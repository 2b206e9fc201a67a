"""Settings come from the environment; bad values fail with a message naming the variable."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from samspill.config.env import CACHE_TABLE, cache_from_url, env_bool, env_int, env_list, env_str


def test_defaults_apply_when_a_variable_is_missing(monkeypatch) -> None:
    monkeypatch.delenv("SAMSPILL_TEST_VAR", raising=False)

    assert env_str("SAMSPILL_TEST_VAR", "x") == "x"
    assert env_bool("SAMSPILL_TEST_VAR", default=True) is True
    assert env_int("SAMSPILL_TEST_VAR", default=3) == 3
    assert env_list("SAMSPILL_TEST_VAR", default=["a"]) == ["a"]


def test_values_are_parsed(monkeypatch) -> None:
    monkeypatch.setenv("SAMSPILL_TEST_VAR", " a, b ,,c")
    assert env_list("SAMSPILL_TEST_VAR", default=[]) == ["a", "b", "c"]
    monkeypatch.setenv("SAMSPILL_TEST_VAR", "Yes")
    assert env_bool("SAMSPILL_TEST_VAR", default=False) is True
    monkeypatch.setenv("SAMSPILL_TEST_VAR", "off")
    assert env_bool("SAMSPILL_TEST_VAR", default=True) is False
    monkeypatch.setenv("SAMSPILL_TEST_VAR", "42")
    assert env_int("SAMSPILL_TEST_VAR", default=0) == 42


@pytest.mark.parametrize(
    "reader",
    [
        lambda: env_bool("SAMSPILL_TEST_VAR", default=False),
        lambda: env_int("SAMSPILL_TEST_VAR", default=0),
    ],
)
def test_bad_values_name_the_variable(monkeypatch, reader) -> None:
    monkeypatch.setenv("SAMSPILL_TEST_VAR", "maybe")

    with pytest.raises(ImproperlyConfigured, match="SAMSPILL_TEST_VAR"):
        reader()


def test_a_required_variable_without_default_fails_with_a_hint(monkeypatch) -> None:
    monkeypatch.delenv("SAMSPILL_TEST_VAR", raising=False)

    with pytest.raises(
        ImproperlyConfigured, match=r"Set the environment variable SAMSPILL_TEST_VAR"
    ):
        env_str("SAMSPILL_TEST_VAR")


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("redis://127.0.0.1:6379/0", "django.core.cache.backends.redis.RedisCache"),
        ("rediss://cache.example:6380/1", "django.core.cache.backends.redis.RedisCache"),
        ("db://", "django.core.cache.backends.db.DatabaseCache"),
        ("locmem://", "django.core.cache.backends.locmem.LocMemCache"),
    ],
)
def test_the_cache_comes_from_a_url(url: str, backend: str) -> None:
    cache = cache_from_url(url, key_prefix="p")

    assert cache["BACKEND"] == backend
    assert cache["KEY_PREFIX"] == "p"


def test_an_unknown_cache_url_is_refused_with_the_variable_named() -> None:
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        cache_from_url("memcached://127.0.0.1", key_prefix="p")


@pytest.mark.django_db
def test_migrate_creates_the_database_cache_table() -> None:
    from django.db import connection

    assert CACHE_TABLE in connection.introspection.table_names()
