"""Quantities typed with units."""

from decimal import Decimal

import pytest

from samspill.strategy.units import QuantityError, quantity_parse, units_match


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1000", (Decimal(1000), "")),
        ("20 000 ansatte", (Decimal(20000), "ansatte")),
        ("12,5 %", (Decimal("12.5"), "%")),
        ("1.000", (Decimal(1000), "")),
        ("1.000,5 kr", (Decimal("1000.5"), "kr")),
        ("-3", (Decimal(-3), "")),
    ],
)
def test_quantities_parse_norwegian_style(text: str, expected: tuple[Decimal, str]) -> None:
    assert quantity_parse(text) == expected


@pytest.mark.parametrize("text", ["", "mange", "ca. tusen"])
def test_text_that_is_not_a_number_is_rejected(text: str) -> None:
    with pytest.raises(QuantityError):
        quantity_parse(text)


def test_unit_aliases_match() -> None:
    assert units_match("prosent", "%")
    assert units_match("Kr", "NOK")
    assert not units_match("selskap", "%")
