"""The one way Samspill rounds and writes numbers and dates, on pages, charts, PDFs and exports.

Rounding is half away from zero on the number's shortest decimal form (ADR 17 in
docs/decisions.md): 91.55 % → 91,6 %, -1.05 → -1,1, 2.675 → 2,68, never truncated and never
banker's rounding. The active language decides the look: bokmål and nynorsk write 345 000 and
95,0 (a no-break space groups thousands, a comma marks decimals) and dates 02.12.2026; English
writes 345,000, 95.0 and 2 December 2026 (day-month-year, never month first).

Views, presenters, templates (`{{ value|number:1 }}`), PDFs and CSV exports call these functions;
charts get the same rules from `charts.js` through `Intl.NumberFormat`, whose default rounding
mode is also half away from zero ("halfExpand").
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats, translation
from django.utils.translation import get_language

NO_VALUE = "–"

_NORWEGIAN = ("nb", "nn", "no")


def _is_norwegian(language: str | None) -> bool:
    return (language or get_language() or "nb").split("-")[0] in _NORWEGIAN


def round_half_away(value: float | int | Decimal, decimals: int = 0) -> Decimal:
    """`value` rounded to `decimals` places, halves away from zero, as an exact Decimal.

    Floats are read through their shortest repr (2.675 is "2.675", not 2.67499999…), which is
    what a reader of the raw figure expects. A negative zero becomes zero.
    """
    number = _to_decimal(value)
    rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return rounded if rounded != 0 else abs(rounded)


def _to_decimal(value: object) -> Decimal:
    """Exact decimal of a number; floats (numpy's too) through their shortest repr."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(str(float(value)))  # type: ignore[arg-type]


def _finite(value: object) -> Decimal | None:
    if value is None or isinstance(value, bool | str):
        return None
    try:
        number = _to_decimal(value)
    except (InvalidOperation, ValueError, TypeError, OverflowError):
        return None
    return number if number.is_finite() else None


def format_number(
    value: object,
    decimals: int = 0,
    *,
    signed: bool = False,
    language: str | None = None,
) -> str:
    """`value` rounded and grouped for the language; an en dash when there is no finite value.

    `signed` puts a plus before positive numbers (changes: "+1,2"); negatives always carry
    their minus. Negative `decimals` round to that many places and drop trailing zeros
    (12,5 and 12 rather than 12,50 and 12,00), for values people typed in.
    """
    number = _finite(value)
    if number is None:
        return NO_VALUE
    rounded = round_half_away(number, abs(decimals))
    if decimals < 0:
        rounded = (
            rounded.normalize()
            if rounded != rounded.to_integral()
            else rounded.quantize(Decimal(1))
        )
        decimals = max(0, -rounded.as_tuple().exponent)  # type: ignore[operator]
    if _is_norwegian(language):
        sign = "-" if rounded < 0 else ("+" if signed and rounded > 0 else "")
        whole, _, fraction = f"{abs(rounded):f}".partition(".")
        groups: list[str] = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        groups.insert(0, whole)
        text = "\u00a0".join(groups)
        return f"{sign}{text},{fraction}" if decimals > 0 else f"{sign}{text}"
    text = f"{rounded:,.{max(decimals, 0)}f}"
    return f"+{text}" if signed and rounded > 0 else text


def format_percent(
    share: object, decimals: int = 1, *, signed: bool = False, language: str | None = None
) -> str:
    """A share (0.9156) as a percentage ("91,6 %" / "91.6%")."""
    number = _finite(share)
    if number is None:
        return NO_VALUE
    text = format_number(number * 100, decimals, signed=signed, language=language)
    return f"{text}\u00a0%" if _is_norwegian(language) else f"{text}%"


def format_date(value: datetime.date | None, *, language: str | None = None) -> str:
    """A date as 02.12.2026 (Norwegian) or 2 December 2026 (English); an en dash for none."""
    if value is None:
        return NO_VALUE
    if isinstance(value, datetime.datetime):
        value = value.date()
    if _is_norwegian(language):
        return value.strftime("%d.%m.%Y")
    with translation.override(language or get_language()):
        return formats.date_format(value, "j F Y")


def format_quantity(value: object, unit: str = "", decimals: int = -2) -> str:
    """A number with its unit ("985 selskap", "12,5 %"), or "ingen verdi" in words: never a unit
    without a number (" %") and never a dash that a screen reader reads as nothing."""
    if _finite(value) is None:
        return translation.gettext("ingen verdi")
    return f"{format_number(value, decimals)} {unit}".strip()
