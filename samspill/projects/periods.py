"""Periods at the precision people know them: a year ("2026"), a quarter ("2026 K2") or a month
("2026-05"). Pure Python, no Django.

A period is stored as its first day and its precision; its last day follows from both. Quarters
are the unit of the construction-load view, so spreading person-years over quarters is here too.
"""

import datetime
import functools
import re
from dataclasses import dataclass
from enum import StrEnum


class Precision(StrEnum):
    YEAR = "year"
    QUARTER = "quarter"
    MONTH = "month"


class PeriodError(ValueError):
    """A text that is not a year, a quarter or a month (the message can be shown as it is)."""


_YEAR = re.compile(r"^\s*(\d{4})\s*$")
_QUARTER = re.compile(r"^\s*(\d{4})\s*[-/ ]?\s*[KkQq]\s*([1-4])\s*$")
_QUARTER_FIRST = re.compile(r"^\s*[KkQq]\s*([1-4])\s*[-/ ]?\s*(\d{4})\s*$")
_MONTH = re.compile(r"^\s*(\d{4})\s*-\s*(\d{1,2})\s*$")
_MONTH_NO = re.compile(r"^\s*(\d{1,2})\s*[./]\s*(\d{4})\s*$")


@dataclass(frozen=True, order=True)
class Period:
    """A year, quarter or month; `start` is its first day."""

    start: datetime.date
    precision: Precision

    @property
    def end(self) -> datetime.date:
        """The period's last day."""
        months = {Precision.YEAR: 12, Precision.QUARTER: 3, Precision.MONTH: 1}[self.precision]
        return add_months(self.start, months) - datetime.timedelta(days=1)

    def label(self) -> str:
        """As people write it: 2026, 2026 K2, 2026-05 (the same text `period_parse` reads)."""
        if self.precision == Precision.YEAR:
            return f"{self.start.year}"
        if self.precision == Precision.QUARTER:
            return f"{self.start.year} K{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year}-{self.start.month:02d}"


def period_label(day: datetime.date, precision: str) -> str:
    """The label of the year, quarter or month holding `day` (a phase's start or its last day)."""
    if precision == Precision.YEAR:
        return f"{day.year}"
    if precision == Precision.QUARTER:
        return f"{day.year} K{(day.month - 1) // 3 + 1}"
    return f"{day.year}-{day.month:02d}"


def _checked_year(text: str) -> int:
    year = int(text)
    if not 1900 <= year <= 2100:
        raise PeriodError("Året må være mellom 1900 og 2100.")
    return year


def period_parse(text: str) -> Period:
    """Read "2026", "2026 K2" (or Q2, 2026-K2, K2 2026) or "2026-05" (or 05.2026)."""
    if match := _YEAR.match(text):
        return Period(datetime.date(_checked_year(match[1]), 1, 1), Precision.YEAR)
    if match := _QUARTER.match(text):
        year, quarter = _checked_year(match[1]), int(match[2])
        return Period(datetime.date(year, 3 * quarter - 2, 1), Precision.QUARTER)
    if match := _QUARTER_FIRST.match(text):
        year, quarter = _checked_year(match[2]), int(match[1])
        return Period(datetime.date(year, 3 * quarter - 2, 1), Precision.QUARTER)
    month_match = _MONTH.match(text)
    year_text, month_text = (month_match[1], month_match[2]) if month_match else ("", "")
    if not month_match and (other := _MONTH_NO.match(text)):
        year_text, month_text = other[2], other[1]
    if year_text:
        month = int(month_text)
        if not 1 <= month <= 12:
            raise PeriodError("Måneden må være mellom 1 og 12.")
        return Period(datetime.date(_checked_year(year_text), month, 1), Precision.MONTH)
    raise PeriodError("Skriv et år (2026), et kvartal (2026 K2) eller en måned (2026-05).")


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day of the month `months` later (or earlier); the first of the month stays first."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    return datetime.date(year, month + 1, min(day.day, 28))


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1–4

    @classmethod
    def of(cls, day: datetime.date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> datetime.date:
        return add_months(self.start, 3) - datetime.timedelta(days=1)

    def next(self) -> "Quarter":
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    def label(self) -> str:
        return f"{self.year} K{self.number}"


def quarters_between(first: datetime.date, last: datetime.date) -> list[Quarter]:
    """Every quarter from the one holding `first` to the one holding `last` (inclusive)."""
    quarters: list[Quarter] = []
    quarter, final = Quarter.of(first), Quarter.of(last)
    while quarter <= final:
        quarters.append(quarter)
        quarter = quarter.next()
    return quarters


@functools.lru_cache(maxsize=4096)
def _quarter_span(index: int) -> tuple[Quarter, datetime.date, datetime.date, int]:
    """Quarter number `index` (year * 4 + quarter - 1): itself, first and last day, days."""
    quarter = Quarter(index // 4, index % 4 + 1)
    start, end = quarter.start, quarter.end
    return quarter, start, end, (end - start).days + 1


def quarter_index(day: datetime.date) -> int:
    """The quarter holding `day` as one integer (year * 4 + quarter - 1), cheap to hash and add."""
    return day.year * 4 + (day.month - 1) // 3


def quarter_of_index(index: int) -> Quarter:
    return _quarter_span(index)[0]


def spread_over_quarter_indices(
    start: datetime.date, end: datetime.date, person_years_per_year: float
) -> list[tuple[int, float]]:
    """`spread_over_quarters` by quarter index: what the load sums over 2 000 projects."""
    if end < start or person_years_per_year <= 0:
        return []
    result: list[tuple[int, float]] = []
    for index in range(quarter_index(start), quarter_index(end) + 1):
        _quarter, quarter_start, quarter_end, length = _quarter_span(index)
        if quarter_start >= start and quarter_end <= end:
            result.append((index, person_years_per_year))
            continue
        covered = (min(end, quarter_end) - max(start, quarter_start)).days + 1
        result.append((index, person_years_per_year * covered / length))
    return result


def spread_over_quarters(
    start: datetime.date, end: datetime.date, person_years_per_year: float
) -> dict[Quarter, float]:
    """Construction employment (person-years per year) as the average number at work per quarter.

    A quarter the period covers fully gets the yearly figure; a part quarter its share by days.
    So the load of a quarter compares directly with a workforce counted in persons. Quarters are
    counted as integers and their bounds cached: this runs once per project and what-if.
    """
    return {
        quarter_of_index(index): value
        for index, value in spread_over_quarter_indices(start, end, person_years_per_year)
    }
