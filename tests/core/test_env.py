"""Settings come from the environment; bad values fail with a message naming the variable."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from samspill.config.env import env_bool, env_int, env_list, env_str


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
