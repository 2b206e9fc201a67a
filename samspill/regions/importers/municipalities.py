"""Parse SSB/Kartverket municipality lists and the old-number → 2024 correspondence tables."""

import csv
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from samspill.regions.importers.errors import ImportFileError

NUMBER_PATTERN = re.compile(r"^\d{4}$")


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
        result.append(
            MunicipalityRow(
                number=number,
                name=name,
                county_number=row["fylkesnr"].strip().zfill(2),
                county_name=row["fylkesnavn"].strip(),
                economic_region_code=(row.get("okonomisk_region") or "").strip(),
                economic_region_name=(row.get("okonomisk_region_navn") or "").strip(),
            )
        )
    if not result:
        raise ImportFileError("the file has no municipalities", source=source)
    return result


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
    year = int(column.removeprefix("knr_"))
    name_column = f"navn_{year}"
    result = []
    for line, row in _rows(materialised, source=source, required={column, "knr_2024", "vekt"}):
        result.append(
            CorrespondenceRow(
                year=year,
                original=_number(row[column], source=source, line=line, column=column),
                current=_number(row["knr_2024"], source=source, line=line, column="knr_2024"),
                weight=_weight(row["vekt"], source=source, line=line),
                original_name=(row.get(name_column) or "").strip(),
            )
        )
    return result


def _parse_long_correspondence(lines: list[str], *, source: str) -> list[CorrespondenceRow]:
    result = []
    for line, row in _rows(
        lines, source=source, required={"aar", "knr_original", "knr_2024", "vekt"}
    ):
        try:
            year = int(row["aar"])
        except ValueError as error:
            raise ImportFileError(
                f"aar {row['aar']!r} is not a year", source=source, line=line
            ) from error
        result.append(
            CorrespondenceRow(
                year=year,
                original=_number(
                    row["knr_original"], source=source, line=line, column="knr_original"
                ),
                current=_number(row["knr_2024"], source=source, line=line, column="knr_2024"),
                weight=_weight(row["vekt"], source=source, line=line),
            )
        )
    return result


def _weight(value: str, *, source: str, line: int) -> float:
    try:
        weight = float(value)
    except ValueError as error:
        raise ImportFileError(
            f"vekt {value!r} is not a number", source=source, line=line
        ) from error
    if not 0 < weight <= 1:
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
