"""Units of indicators and quantities typed with a unit ("20 000 ansatte", "12,5 %"): pure helpers."""

import re
from decimal import Decimal, InvalidOperation

# Spellings that mean the same unit.
UNIT_ALIASES = {
    "prosent": "%",
    "pst": "%",
    "pst.": "%",
    "percent": "%",
    "kr": "kroner",
    "kr.": "kroner",
    "nok": "kroner",
    "stk": "antall",
    "stk.": "antall",
    "personer": "personer",
    "pers.": "personer",
    "daa": "dekar",
    "mål": "dekar",
}

_QUANTITY = re.compile(r"^\s*(?P<number>[-−]?[\d\s\u00a0\u202f.,]*\d)\s*(?P<unit>.*?)\s*$")


class QuantityError(ValueError):
    """The text is not a number, optionally followed by a unit."""


def unit_normalise(unit: str) -> str:
    """A comparable form of a unit: lower case, single spaces, known aliases merged."""
    cleaned = " ".join(unit.strip().lower().split())
    return UNIT_ALIASES.get(cleaned, cleaned)


def units_match(first: str, second: str) -> bool:
    """True when two unit spellings mean the same unit."""
    return unit_normalise(first) == unit_normalise(second)


def quantity_parse(text: str) -> tuple[Decimal, str]:
    """Parse "1 000", "20 000 ansatte", "12,5 %", "1.000,5 kr" into (value, unit or "")."""
    match = _QUANTITY.match(text)
    if not match:
        raise QuantityError(text)
    number = re.sub(r"[\s\u00a0\u202f]", "", match["number"]).replace("−", "-")
    if "," in number:
        number = number.replace(".", "").replace(",", ".")
    elif number.count(".") > 1 or re.fullmatch(r"-?\d{1,3}(\.\d{3})+", number):
        number = number.replace(".", "")  # "1.000" is a thousand in Norwegian
    try:
        value = Decimal(number)
    except InvalidOperation as error:
        raise QuantityError(text) from error
    return value, match["unit"]
