"""The nynorsk and English catalogues are complete: every entry translated, none fuzzy, placeholders kept."""

import re
from pathlib import Path

import pytest
from django.utils import translation

from tests.conftest import REPO_DIR
from tests.functional.language import _catalogue

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+(?:![rs])?\}")


def _entries(language: str) -> list[str]:
    return (
        (REPO_DIR / "samspill" / "locale" / language / "LC_MESSAGES" / "django.po")
        .read_text(encoding="utf-8")
        .split("\n\n")
    )


@pytest.mark.parametrize("language", ["nn", "en"])
def test_every_entry_is_translated_and_none_is_fuzzy(language) -> None:
    untranslated = [
        source for source, translation_ in _catalogue(language) if not translation_.strip()
    ]
    fuzzy = [entry for entry in _entries(language)[1:] if "#, fuzzy" in entry]

    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("language", ["nn", "en"])
def test_translations_keep_their_placeholders(language) -> None:
    wrong = [
        (source, target)
        for source, target in _catalogue(language)
        if sorted(set(PLACEHOLDER.findall(source))) != sorted(set(PLACEHOLDER.findall(target)))
    ]

    assert wrong == []


def test_the_compiled_catalogues_are_in_use() -> None:
    with translation.override("nn"):
        assert translation.gettext("Kommuner") == "Kommunar"
    with translation.override("en"):
        assert translation.gettext("Kommuner") == "Municipalities"
    assert Path(REPO_DIR / "samspill" / "locale" / "nn" / "LC_MESSAGES" / "django.mo").exists()
