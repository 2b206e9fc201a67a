"""No English on Norwegian pages and no Norwegian on English ones, for texts built in Python."""

import pytest
from django import forms
from django.utils import translation

from samspill.regions.models import Municipality, MunicipalityChange
from samspill.stats.notes import note_text


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_the_empty_choice_of_a_select_is_norwegian_on_norwegian_pages(language) -> None:
    with translation.override(language):
        model_choice = str(MunicipalityChange._meta.get_field("kind").formfield().choices[0][1])
        foreign_key = str(forms.ModelChoiceField(Municipality.objects.none()).empty_label)

    assert model_choice.startswith("– Vel")
    assert foreign_key.startswith("– Vel")


@pytest.mark.parametrize(
    ("stored", "english"),
    [
        ("dagens kommunenummer", "current municipality number"),
        ("kommunenummer gyldige 2020–2023", "municipality numbers valid 2020–2023"),
        ("Sum av 1601 + 1612", "Sum of 1601 + 1612"),
        ("Ingen tall for 5061 Rindal i 2019.", "No figures for 5061 Rindal in 2019."),
        ("En merknad skrevet av en person", "En merknad skrevet av en person"),
    ],
)
def test_notes_stored_by_imports_are_shown_in_the_readers_language(stored, english) -> None:
    assert note_text(stored) == stored  # bokmål: as stored
    with translation.override("en"):
        assert note_text(stored) == english


@pytest.mark.parametrize(
    ("language", "number", "decimal", "date"),
    [
        ("nb", "345\xa0000", "95,5", "03.12.2026"),
        ("nn", "345\xa0000", "95,5", "03.12.2026"),
        ("en", "345,000", "95.5", "3 Dec 2026"),
    ],
)
def test_numbers_and_dates_follow_the_language(language, number, decimal, date) -> None:
    import datetime

    from django.utils.formats import date_format, number_format

    with translation.override(language):
        assert number_format(345000, use_l10n=True, force_grouping=True) == number
        assert number_format(95.5, decimal_pos=1, use_l10n=True) == decimal
        assert date_format(datetime.date(2026, 12, 3), "SHORT_DATE_FORMAT") == date
