"""The change history shows field names, choice labels and local dates, never raw codes."""

import pytest
from django.utils import translation

from samspill.core.history import history_changes
from samspill.inquiries.models import Inquiry
from samspill.strategy.models import Measure


def _rows(changes, model):
    return [(row.label, row.before, row.after) for row in history_changes(changes, model)]


def test_a_status_change_shows_the_field_name_and_the_choice_labels() -> None:
    assert _rows({"status": ["planned", "ongoing"]}, Measure) == [("Status", "planlagt", "pågår")]


def test_a_list_of_codes_in_a_json_field_shows_their_labels() -> None:
    rows = _rows({"needs": [None, ["site", "permits"]]}, Inquiry)

    assert rows == [("Behov", None, "tomt / næringsareal, tillatelser og planarbeid")]


def test_timestamps_dates_and_numbers_are_shown_as_in_the_language() -> None:
    rows = _rows(
        {
            "closed_at": [None, "2026-12-02 23:27:17.288394+00:00"],
            "due_date": [None, "2026-12-04"],
            "jobs_created": [None, 1200],
        },
        Inquiry,
    )

    assert [after for _label, _before, after in rows] == [
        "03.12.2026 00:27",
        "04.12.2026",
        "1\xa0200",
    ]


def test_recorded_details_that_are_no_field_get_words_too() -> None:
    rows = _rows({"contact": [None, "registered (personal data not logged)"]}, Inquiry)

    assert rows == [("Kontaktopplysninger", None, "registrert (personopplysninger logges ikke)")]


def test_the_history_is_in_the_readers_language() -> None:
    with translation.override("nn"):
        assert _rows({"status": ["planned", "ongoing"]}, Measure) == [
            ("Status", "planlagt", "pågår")
        ]
        assert _rows({"closed_at": [None, True]}, Inquiry) == [("Avslutta", None, "ja")]
    with translation.override("en"):
        assert _rows({"contact": [None, "registered (personal data not logged)"]}, Inquiry) == [
            ("Contact details", None, "registered (personal data not logged)")
        ]


@pytest.mark.django_db
def test_a_statistics_category_is_shown_in_the_series_own_words() -> None:
    from samspill.stats.models import Series
    from samspill.strategy.models import GoalIndicator

    Series.objects.create(
        code="test-alder",
        table_number="99999",
        contents="Personer",
        title="Test",
        dimensions={
            "testkjonn": {"label": "kjønn (test)", "categories": {"2": "Kvinner"}},
            "testalder": {"label": "alder (test)", "categories": {"20-66": "20–66 år"}},
        },
    )

    rows = _rows({"dimension_key": ["", "testkjonn=2|testalder=20-66"]}, GoalIndicator)

    assert rows == [("Kategori i serien", "–", "Kjønn (test): Kvinner; Alder (test): 20–66 år")]
    assert _rows({"dimension_key": [None, "ukjent=x"]}, GoalIndicator)[0][2] == "Ukjent: x"


@pytest.mark.django_db
def test_an_indicators_series_is_shown_by_its_title_and_source_not_its_code() -> None:
    from samspill.stats.models import Series
    from samspill.strategy.models import GoalIndicator

    series = Series.objects.create(
        code="test-befolkning", table_number="99998", contents="Personer", title="Testfolk"
    )

    words = "Testfolk (Statistisk sentralbyrå, tabell 99998)"
    # As recorded by model_changes (the series' name), by its code and by its id.
    assert _rows({"series": [None, str(series)]}, GoalIndicator) == [
        ("Statistikkserie", None, words)
    ]
    assert _rows({"denominator_series": ["test-befolkning", series.pk]}, GoalIndicator) == [
        ("Nevner (statistikkserie)", words, words)
    ]
    assert _rows({"series": [None, "99997 Borte"]}, GoalIndicator)[0][2] == "99997 Borte"
