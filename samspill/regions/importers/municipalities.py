"""Parse SSB/Kartverket municipality lists and the old-number → 2024 correspondence tables."""

import csv
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from samspill.regions.importers.errors import ImportFileError

NUMBER_PATTERN = re.compile(r"^\d{4}$")
COUNTY_PATTERN = re.compile(r"^\d{1,2}$")
FIRST_YEAR, LAST_YEAR = 1838, 2100  # the municipal reform of 1837 … a sane future
NAME_LIMIT = 100  # Municipality.name / county_name
REGION_CODE_LIMIT = 5  # Municipality.economic_region_code
WEIGHT_TOLERANCE = 1e-6


@dataclass(frozen=True)
class MunicipalityRow:
    """A municipality as a list file gives it."""

    number: str
    name: str
    county_number: str
    county_name: str
    economic_region_code: str = ""
    economic_region_name: str = ""


@dataclass(frozen=True)
class CorrespondenceRow:
    """`original` (a number in use in `year`) maps to today's `current` with `weight`."""

    year: int
    original: str
    current: str
    weight: float
    original_name: str = ""


@dataclass(frozen=True)
class BoundaryRow:
    """A municipality's outline from a GeoJSON file."""

    number: str
    name: str
    geometry: dict[str, Any]


def _rows(
    lines: Iterable[str], *, source: str, required: set[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(lines)
    if reader.fieldnames is None:
        raise ImportFileError("the file is empty", source=source, line=1)
    missing = required - set(reader.fieldnames)
    if missing:
        raise ImportFileError(
            f"missing column(s): {', '.join(sorted(missing))}", source=source, line=1
        )
    for row in reader:
        line = reader.line_num
        if None in row or any(row[column] is None for column in required):
            raise ImportFileError(
                "the row has the wrong number of fields", source=source, line=line
            )
        yield line, row


def _number(value: str, *, source: str, line: int, column: str) -> str:
    value = value.strip()
    if not NUMBER_PATTERN.match(value):
        raise ImportFileError(
            f"{column} {value!r} is not a four-digit municipality number", source=source, line=line
        )
    return value


def parse_municipality_list(lines: Iterable[str], *, source: str = "") -> list[MunicipalityRow]:
    """Parse kommuner_2024.csv / kommuner_2020.csv (columns knr, kommunenavn, fylkesnr, fylkesnavn)."""
    result: list[MunicipalityRow] = []
    seen: dict[str, int] = {}
    for line, row in _rows(
        lines, source=source, required={"knr", "kommunenavn", "fylkesnr", "fylkesnavn"}
    ):
        number = _number(row["knr"], source=source, line=line, column="knr")
        if number in seen:
            raise ImportFileError(
                f"municipality {number} also appears on line {seen[number]}",
                source=source,
                line=line,
            )
        seen[number] = line
        name = (row.get("kommunenavn_norsk") or row["kommunenavn"]).strip()
        if not name:
            raise ImportFileError(f"municipality {number} has no name", source=source, line=line)
        county = row["fylkesnr"].strip()
        if not COUNTY_PATTERN.match(county):
            raise ImportFileError(
                f"fylkesnr {county!r} is not a county number (one or two digits)",
                source=source,
                line=line,
            )
        listed = MunicipalityRow(
            number=number,
            name=name,
            county_number=county.zfill(2),
            county_name=row["fylkesnavn"].strip(),
            economic_region_code=(row.get("okonomisk_region") or "").strip(),
            economic_region_name=(row.get("okonomisk_region_navn") or "").strip(),
        )
        _check_lengths(listed, source=source, line=line)
        result.append(listed)
    if not result:
        raise ImportFileError("the file has no municipalities", source=source)
    return result


def _check_lengths(row: MunicipalityRow, *, source: str, line: int) -> None:
    """Text longer than its database column would fail the load without naming the line."""
    for column, value, limit in (
        ("kommunenavn", row.name, NAME_LIMIT),
        ("fylkesnavn", row.county_name, NAME_LIMIT),
        ("okonomisk_region", row.economic_region_code, REGION_CODE_LIMIT),
        ("okonomisk_region_navn", row.economic_region_name, NAME_LIMIT),
    ):
        if len(value) > limit:
            raise ImportFileError(
                f"{column} is {len(value)} characters long; at most {limit} fit",
                source=source,
                line=line,
            )


def _check_correspondence(rows: list[tuple[int, CorrespondenceRow]], *, source: str) -> None:
    """No row twice; the weights of one old number in one year add up to at most 1."""
    seen: dict[tuple[int, str, str], int] = {}
    totals: dict[tuple[int, str], float] = {}
    for line, row in rows:
        key = (row.year, row.original, row.current)
        if key in seen:
            raise ImportFileError(
                f"{row.original} → {row.current} in {row.year} also appears on line {seen[key]}",
                source=source,
                line=line,
            )
        seen[key] = line
        total = totals.get((row.year, row.original), 0.0) + row.weight
        if total > 1 + WEIGHT_TOLERANCE:
            raise ImportFileError(
                f"the weights of {row.original} in {row.year} add up to {total:g}, more than 1",
                source=source,
                line=line,
            )
        totals[(row.year, row.original)] = total


def parse_correspondence(lines: Iterable[str], *, source: str = "") -> list[CorrespondenceRow]:
    """Parse a correspondence table: either the long form (aar, knr_original, knr_2024, vekt)
    or a named one-vintage form (knr_YYYY, navn_YYYY, knr_2024, navn_2024, vekt)."""
    materialised = list(lines)
    header = next(csv.reader(materialised[:1]), [])
    if "knr_original" in header:
        return _parse_long_correspondence(materialised, source=source)
    vintage_columns = [column for column in header if re.fullmatch(r"knr_\d{4}", column)]
    original_columns = [column for column in vintage_columns if column != "knr_2024"]
    if len(original_columns) != 1 or "knr_2024" not in header:
        raise ImportFileError(
            "not a correspondence table: expected columns aar, knr_original, knr_2024, vekt "
            "or knr_YYYY, navn_YYYY, knr_2024, vekt",
            source=source,
            line=1,
        )
    column = original_columns[0]
    year = _year(column.removeprefix("knr_"), source=source, line=1)
    name_column = f"navn_{year}"
    result: list[tuple[int, CorrespondenceRow]] = []
    for line, row in _rows(materialised, source=source, required={column, "knr_2024", "vekt"}):
        result.append(
            (
                line,
                CorrespondenceRow(
                    year=year,
                    original=_number(row[column], source=source, line=line, column=column),
                    current=_number(row["knr_2024"], source=source, line=line, column="knr_2024"),
                    weight=_weight(row["vekt"], source=source, line=line),
                    original_name=(row.get(name_column) or "").strip(),
                ),
            )
        )
    _check_correspondence(result, source=source)
    return [row for _line, row in result]


def _year(text: str, *, source: str, line: int) -> int:
    cleaned = text.strip()
    if not (cleaned.isascii() and cleaned.isdigit()) or not (
        FIRST_YEAR <= int(cleaned) <= LAST_YEAR
    ):
        raise ImportFileError(
            f"aar {text!r} is not a year ({FIRST_YEAR}–{LAST_YEAR})", source=source, line=line
        )
    return int(cleaned)


def _parse_long_correspondence(lines: list[str], *, source: str) -> list[CorrespondenceRow]:
    result: list[tuple[int, CorrespondenceRow]] = []
    for line, row in _rows(
        lines, source=source, required={"aar", "knr_original", "knr_2024", "vekt"}
    ):
        year = _year(row["aar"], source=source, line=line)
        result.append(
            (
                line,
                CorrespondenceRow(
                    year=year,
                    original=_number(
                        row["knr_original"], source=source, line=line, column="knr_original"
                    ),
                    current=_number(row["knr_2024"], source=source, line=line, column="knr_2024"),
                    weight=_weight(row["vekt"], source=source, line=line),
                ),
            )
        )
    _check_correspondence(result, source=source)
    return [row for _line, row in result]


def _weight(value: str, *, source: str, line: int) -> float:
    try:
        weight = float(value)
    except ValueError as error:
        raise ImportFileError(
            f"vekt {value!r} is not a number", source=source, line=line
        ) from error
    if not 0 < weight <= 1:  # also refuses NaN and Infinity
        raise ImportFileError(f"vekt {weight} must be in (0, 1]", source=source, line=line)
    return weight


def parse_boundaries(text: str, *, source: str = "") -> list[BoundaryRow]:
    """Parse a Kartverket-derived GeoJSON FeatureCollection of municipality outlines."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"not valid JSON ({error.msg})", source=source, line=error.lineno
        ) from error
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise ImportFileError("not a GeoJSON FeatureCollection", source=source)
    result = []
    for index, item in enumerate(document.get("features") or [], start=1):
        properties = item.get("properties") or {}
        raw_number = properties.get("kommunenummer")
        if raw_number is None:
            raise ImportFileError(f"feature {index} has no kommunenummer", source=source)
        number = str(raw_number).zfill(4)
        if not NUMBER_PATTERN.match(number):
            raise ImportFileError(
                f"feature {index}: bad kommunenummer {raw_number!r}", source=source
            )
        name = str(
            properties.get("kommunenavn") or properties.get("navn") or properties.get("name") or ""
        )
        result.append(BoundaryRow(number=number, name=name, geometry=item.get("geometry")))
    return result
