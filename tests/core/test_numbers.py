"""One formatting path for every number: rounding half away from zero, per language."""

import datetime
from decimal import Decimal

import numpy as np
import pytest
from django.template import Context, Template
from django.utils import translation

from samspill.core.numbers import format_date, format_number, format_percent, round_half_away

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (91.56, 1, "91,6"),  # was truncated to 91,5 on one page
        (-1.09, 1, "-1,1"),  # was -1,0
        (103.393, 1, "103,4"),  # was 103,3
        (-91.5, 0, "-92"),  # half away from zero, not to even
        (0.125, 2, "0,13"),
        (2.675, 2, "2,68"),  # shortest repr, not the binary 2.67499…
        (-0.04, 1, "0,0"),  # no negative zero
        (345000, 0, f"345{NBSP}000"),
        (1234567.891, 2, f"1{NBSP}234{NBSP}567,89"),
        (np.float64(95), 1, "95,0"),
        (Decimal("12.50"), -2, "12,5"),
        (Decimal("12.00"), -2, "12"),
        (None, 1, "–"),
        (float("nan"), 1, "–"),
        (float("inf"), 0, "–"),
    ],
)
def test_norwegian_numbers_round_half_away_from_zero(
    value: object, decimals: int, expected: str
) -> None:
    assert format_number(value, decimals, language="nb") == expected
    assert format_number(value, decimals, language="nn") == expected


def test_english_numbers_use_comma_grouping_and_decimal_point() -> None:
    assert format_number(345000, language="en") == "345,000"
    assert format_number(91.56, 1, language="en") == "91.6"
    assert format_number(-1.09, 1, language="en") == "-1.1"
    assert format_percent(0.9156, language="en") == "91.6%"


def test_signed_changes_and_percentages() -> None:
    assert format_number(237, signed=True, language="nb") == "+237"
    assert format_number(-237, signed=True, language="nb") == "-237"
    assert format_number(0, signed=True, language="nb") == "0"
    assert format_percent(0.9156, language="nb") == f"91,6{NBSP}%"


def test_round_half_away_is_exact() -> None:
    assert round_half_away(1.005, 2) == Decimal("1.01")
    assert round_half_away(-2.5) == Decimal("-3")


def test_dates_are_day_month_year_in_every_language() -> None:
    day = datetime.date(2026, 12, 2)
    assert format_date(day, language="nb") == "02.12.2026"
    with translation.override("en"):
        assert format_date(day) == "2 December 2026"


def test_template_filters_use_the_active_language() -> None:
    template = Template("{% load samspill %}{{ v|number:1 }}|{{ s|percent }}|{{ c|signed }}")
    context = Context({"v": 91.56, "s": 0.0109, "c": -237})
    with translation.override("nb"):
        assert template.render(context) == f"91,6|1,1{NBSP}%|-237"
    with translation.override("en"):
        assert template.render(context) == "91.6|1.1%|-237"
