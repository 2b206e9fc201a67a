"""Parse SSB tables saved as CSV (pure: text in, `ParsedTable` out).

Three layouts are recognised from the header, so one command reads them all:

* StatBank downloads: a title line ``"11656: Lønnstakere og jobber, etter …"``, a blank line, a
  ``;``-separated quoted header whose value columns carry the period and the remaining
  categories (``"Antall jobber (arbeidsforhold) 2024K4 0 Hele landet"``);
* commuting matrices: ``aar, bosted_knr, arbeidssted_knr, sysselsatte`` (one row per cell);
* plain tables with a municipality column (``knr``/``region``), a period column
  (``aar``/``år``/``tid``) and either a ``value`` column (tidy, with ``statistikkvariabel``) or
  one column per variable (wide: ``befolkning, kvinner, menn, alder_0_19 …``).
"""

import csv
import io
import re
from collections.abc import Iterator

from samspill.stats.importers.tables import (
    FLOW_LIMIT,
    ContentsSpec,
    ImportFileError,
    ObservationRow,
    ParsedTable,
    check_values,
    dimension_id,
    find_period,
    parse_period,
    parse_value,
    split_code,
    table_number_from_name,
    table_title,
    value_problem,
)

__all__ = ["parse_csv_table"]

_TITLE_LINE = re.compile(r'^"?(\d{5}):\s*(.*?)"?$')
REGION_COLUMNS = ("knr", "kommunenummer", "kommunenr", "region", "kommune")
TIME_COLUMNS = ("aar", "år", "tid", "year", "periode", "kvartal")
VALUE_COLUMNS = ("value", "verdi", "values")
CONTENTS_COLUMNS = ("statistikkvariabel", "contentscode", "contents")
RESIDENCE_COLUMNS = ("bosted_knr", "bostedskommune", "bosted", "bokommune")
WORKPLACE_COLUMNS = ("arbeidssted_knr", "arbeidsstedskommune", "arbeidssted", "arbstedkomm")
IGNORED_COLUMNS = ("kommunenavn", "navn", "name")
ESTIMATE_FLAG_COLUMNS = ("estimert_fordeling",)
# Category columns of a long table (one value column, one row per category combination), as
# csdata's age groups (`kjonn`, `aldersgruppe`) and IMDi's education levels are published.
CATEGORY_COLUMNS = (
    "kjonn",
    "kjønn",
    "aldersgruppe",
    "bakgrunn",
    "utdanningsniva",
    "utdanningsnivå",
)
_AGE_GROUP = re.compile(r"^\d+(?:-\d+|\+)$")
_AGE_COLUMN = re.compile(r"^alder_(\d+)_(\d+|pluss)$")
SEX_COLUMNS = {"menn": ("1", "Menn"), "kvinner": ("2", "Kvinner")}
ESTIMATE_NOTE = "Kilden har fordelt tall for en delt kommune (anslag, ikke observert)"


def parse_csv_table(text: str, *, source: str = "", table_number: str | None = None) -> ParsedTable:
    """Parse one CSV file. Errors name the line; nothing is guessed silently."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise ImportFileError("the file is empty", source=source, line=1)
    lines = text.splitlines()
    first = lines[0].strip()
    title_match = _TITLE_LINE.match(first)
    if title_match:
        offset = 1
        while offset < len(lines) and not lines[offset].strip():
            offset += 1
        number = table_number or title_match.group(1)
        title = title_match.group(2).strip().strip('"')
        table = _parse_statbank(
            lines[offset:], first_line=offset + 1, source=source, table_number=number, title=title
        )
        check_values(table)
        return table
    if first.startswith(("{", "[")):
        raise ImportFileError(
            "this looks like JSON, not CSV (use --format jsonstat)", source=source, line=1
        )
    number = table_number or table_number_from_name(source)
    if number is None:
        raise ImportFileError(
            "no SSB table number: the file name has none and no title line; pass --table",
            source=source,
            line=1,
        )
    table = _parse_plain(text, lines, source=source, table_number=number)
    check_values(table)
    return table


def _dialect_reader(
    lines: list[str], *, source: str, first_line: int
) -> Iterator[tuple[int, list[str]]]:
    header = lines[0] if lines else ""
    delimiter = max(";,\t", key=header.count)
    if header.count(delimiter) == 0:
        raise ImportFileError(
            "not a CSV table: the header has a single column", source=source, line=first_line
        )
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter, strict=True)
    try:
        for row in reader:
            yield first_line + reader.line_num - 1, row
    except csv.Error as error:
        raise ImportFileError(
            f"broken CSV ({error}); is the file cut off?",
            source=source,
            line=first_line + reader.line_num - 1,
        ) from error


def _rows(
    lines: list[str], *, source: str, first_line: int
) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    iterator = _dialect_reader(lines, source=source, first_line=first_line)
    try:
        _, header = next(iterator)
    except StopIteration:
        raise ImportFileError("the file has no header", source=source, line=first_line) from None
    header = [column.strip() for column in header]

    def body() -> Iterator[tuple[int, list[str]]]:
        for line, row in iterator:
            if not row or all(not cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise ImportFileError(
                    f"the row has {len(row)} fields, the header {len(header)}; is the file cut off?",
                    source=source,
                    line=line,
                )
            yield line, row

    return header, body()


def _find(header: list[str], candidates: tuple[str, ...]) -> int | None:
    lowered = [column.lower() for column in header]
    for candidate in candidates:
        if candidate in lowered:
            return lowered.index(candidate)
    return None


def _check_duplicate(
    seen: dict[tuple[str, str, str, str], int],
    key: tuple[str, str, str, str],
    *,
    source: str,
    line: int,
) -> None:
    previous = seen.get(key)
    if previous is not None:
        contents, area, period, dimension_key = key
        cell = f"{area} {period}" + (f" {dimension_key}" if dimension_key else "")
        raise ImportFileError(
            f"duplicate cell {cell} ({contents}); it already appears on line {previous}",
            source=source,
            line=line,
        )
    seen[key] = line


def _parse_statbank(
    lines: list[str], *, first_line: int, source: str, table_number: str, title: str
) -> ParsedTable:
    header, body = _rows(lines, source=source, first_line=first_line)
    table = ParsedTable(
        source=source,
        table_number=table_number,
        title=table_title(table_number, title),
        format="statbank-csv",
    )
    value_columns = [index for index, column in enumerate(header) if find_period(column)]
    time_index = _find(header, TIME_COLUMNS)
    if not value_columns and time_index is None:
        raise ImportFileError(
            "missing dimension: no period, neither as a column (år/kvartal) nor in a value header",
            source=source,
            line=first_line,
        )
    if not value_columns:
        value_columns = [i for i in range(len(header)) if i > max(time_index or 0, 0)]
    dimension_columns = [i for i in range(len(header)) if i not in value_columns]
    region_index = _find(header, REGION_COLUMNS)
    parsed_headers: dict[int, tuple[str, str | None, str]] = {}
    for index in value_columns:
        split = find_period(header[index])
        label, period, suffix = split if split else (header[index], None, "")
        contents = dimension_id(label)
        table.contents.setdefault(
            contents, ContentsSpec(code=contents, label=label, unit=_unit(label))
        )
        parsed_headers[index] = (contents, period, suffix)
    seen: dict[tuple[str, str, str, str], int] = {}
    for line, row in body:
        area = "0"
        keys: list[str] = []
        row_period: str | None = None
        for index in dimension_columns:
            cell = row[index].strip()
            if index == region_index:
                area = _area(cell, table)
            elif index == time_index:
                row_period = cell
            else:
                keys.append(_category(table, header[index], cell))
        for index in value_columns:
            contents, period, suffix = parsed_headers[index]
            cell_keys = list(keys)
            cell_area = area
            if suffix:
                code, _name = split_code(suffix)
                if code is not None and region_index is None:
                    cell_area = _area(suffix, table)
                else:
                    cell_keys.append(_category(table, "kategori", suffix))
            raw_period = period or row_period or ""
            checked_period, _year = parse_period(raw_period, source=source, line=line)
            value, status = parse_value(row[index], source=source, line=line, column=header[index])
            dimension_key = "|".join(sorted(cell_keys))
            _check_duplicate(
                seen, (contents, cell_area, checked_period, dimension_key), source=source, line=line
            )
            table.observations.append(
                ObservationRow(
                    contents, cell_area, checked_period, dimension_key, value, status, line
                )
            )
    if not table.observations:
        raise ImportFileError("the table has no rows", source=source, line=first_line)
    return table


def _unit(label: str) -> str:
    lowered = label.lower()
    if "jobber" in lowered or "arbeidsforhold" in lowered:
        return "jobber"
    if "prosent" in lowered:
        return "prosent"
    return "personer"


def _area(cell: str, table: ParsedTable) -> str:
    code, name = split_code(cell)
    if code is not None:
        return code.zfill(4) if len(code) == 3 else code
    table.areas_are_names = True
    return name


def _category(table: ParsedTable, dimension_label: str, cell: str) -> str:
    dimension = dimension_id(dimension_label)
    code, label = split_code(cell)
    category = code if code is not None else dimension_id(cell)
    table.add_category(dimension, dimension_label, category, label)
    return f"{dimension}={category}"


def _parse_plain(text: str, lines: list[str], *, source: str, table_number: str) -> ParsedTable:
    header, body = _rows(lines, source=source, first_line=1)
    residence = _find(header, RESIDENCE_COLUMNS)
    workplace = _find(header, WORKPLACE_COLUMNS)
    if residence is not None and workplace is not None:
        return _parse_flows(text, header, source=source, table_number=table_number,
                            residence=residence, workplace=workplace)  # fmt: skip
    region = _find(header, REGION_COLUMNS)
    time = _find(header, TIME_COLUMNS)
    missing = [name for name, index in (("municipality (knr/region)", region), ("period (aar/år/tid)", time)) if index is None]  # fmt: skip
    if missing:
        raise ImportFileError(
            f"missing dimension column(s): {', '.join(missing)}; header is {', '.join(header)}",
            source=source,
            line=1,
        )
    assert region is not None  # noqa: S101 - checked above
    assert time is not None  # noqa: S101 - checked above
    table = ParsedTable(source=source, table_number=table_number, title=table_title(table_number))
    value = _find(header, VALUE_COLUMNS)
    if value is not None:
        table.format = "tidy-csv"
        _tidy_rows(table, header, body, region=region, time=time, value=value)
    elif _find(header, CATEGORY_COLUMNS) is not None:
        table.format = "long-csv"
        _long_rows(table, header, body, region=region, time=time)
    else:
        table.format = "wide-csv"
        _wide_rows(table, header, body, region=region, time=time)
    if not table.observations:
        raise ImportFileError("the table has no rows", source=source, line=1)
    return table


def _tidy_rows(
    table: ParsedTable,
    header: list[str],
    body: Iterator[tuple[int, list[str]]],
    *,
    region: int,
    time: int,
    value: int,
) -> None:
    contents_index = _find(header, CONTENTS_COLUMNS)
    others = [i for i in range(len(header)) if i not in {region, time, value, contents_index}]
    others = [i for i in others if header[i].lower() not in IGNORED_COLUMNS]
    seen: dict[tuple[str, str, str, str], int] = {}
    for line, row in body:
        label = row[contents_index].strip() if contents_index is not None else table.title
        contents = dimension_id(label)
        if contents not in table.contents:
            table.contents[contents] = ContentsSpec(code=contents, label=label, unit=_unit(label))
        area = _area(row[region], table)
        period, _year = parse_period(row[time], source=table.source, line=line)
        number, status = parse_value(
            row[value], source=table.source, line=line, column=header[value]
        )
        key = "|".join(sorted(_category(table, header[i], row[i]) for i in others))
        _check_duplicate(seen, (contents, area, period, key), source=table.source, line=line)
        table.observations.append(ObservationRow(contents, area, period, key, number, status, line))


def _long_rows(
    table: ParsedTable,
    header: list[str],
    body: Iterator[tuple[int, list[str]]],
    *,
    region: int,
    time: int,
) -> None:
    """A long table: category columns and exactly one value column (e.g. ``befolkning``).

    The series is named by its variable and its breakdown ("Befolkning etter kjonn,
    aldersgruppe"), so it never replaces the cells of a wide table of the same SSB table."""
    lowered = [column.lower() for column in header]
    flag = _find(header, ESTIMATE_FLAG_COLUMNS)
    categories = [i for i, name in enumerate(lowered) if name in CATEGORY_COLUMNS]
    values = [
        i
        for i in range(len(header))
        if i not in {region, time, flag, *categories} and lowered[i] not in IGNORED_COLUMNS
    ]
    if len(values) != 1:
        found = ", ".join(header[i] for i in values) or "none"
        raise ImportFileError(
            f"a long table needs exactly one value column besides the categories "
            f"({', '.join(header[i] for i in categories)}); found {found}",
            source=table.source,
            line=1,
        )
    (value,) = values
    label = f"{_column_label(header[value])} etter {', '.join(header[i] for i in categories)}"
    contents = dimension_id(label)
    table.contents[contents] = ContentsSpec(code=contents, label=label, unit=_unit(lowered[value]))
    seen: dict[tuple[str, str, str, str], int] = {}
    for line, row in body:
        area = _area(row[region], table)
        period, _year = parse_period(row[time], source=table.source, line=line)
        number, status = parse_value(
            row[value], source=table.source, line=line, column=header[value]
        )
        key = "|".join(sorted(_long_category(table, header[i], row[i]) for i in categories))
        note = ""
        if flag is not None and row[flag].strip() not in ("", "0", "FALSE", "false"):
            note = ESTIMATE_NOTE
        _check_duplicate(seen, (contents, area, period, key), source=table.source, line=line)
        table.observations.append(
            ObservationRow(contents, area, period, key, number, status, line, note)
        )


def _long_category(table: ParsedTable, dimension_label: str, cell: str) -> str:
    """Age groups keep their label as code ("90+", "0-4"); other categories get an id."""
    cleaned = cell.strip()
    if _AGE_GROUP.match(cleaned):
        dimension = dimension_id(dimension_label)
        table.add_category(dimension, dimension_label, cleaned, f"{cleaned} år")
        return f"{dimension}={cleaned}"
    return _category(table, dimension_label, cleaned)


def _wide_rows(
    table: ParsedTable,
    header: list[str],
    body: Iterator[tuple[int, list[str]]],
    *,
    region: int,
    time: int,
) -> None:
    lowered = [column.lower() for column in header]
    flag = _find(header, ESTIMATE_FLAG_COLUMNS)
    measures = [
        i
        for i in range(len(header))
        if i not in {region, time, flag} and lowered[i] not in IGNORED_COLUMNS
    ]
    if not measures:
        raise ImportFileError("the table has no value columns", source=table.source, line=1)
    primary = lowered[measures[0]]
    targets: dict[int, tuple[str, str]] = {}
    for index in measures:
        name = lowered[index]
        age = _AGE_COLUMN.match(name)
        if name in SEX_COLUMNS and index != measures[0]:
            code, label = SEX_COLUMNS[name]
            table.add_category("kjonn", "Kjønn", code, label)
            targets[index] = (primary, f"kjonn={code}")
        elif age and index != measures[0]:
            upper = "+" if age.group(2) == "pluss" else f"-{age.group(2)}"
            code = f"{age.group(1)}{upper}"
            table.add_category("alder", "Alder", code, f"{code} år")
            targets[index] = (primary, f"alder={code}")
        else:
            targets[index] = (dimension_id(header[index]), "")
            contents = targets[index][0]
            table.contents[contents] = ContentsSpec(
                code=contents, label=_column_label(header[index]), unit=_unit(name)
            )
    seen: dict[tuple[str, str, str, str], int] = {}
    for line, row in body:
        area = _area(row[region], table)
        period, _year = parse_period(row[time], source=table.source, line=line)
        note = ""
        if flag is not None and row[flag].strip() not in ("", "0", "FALSE", "false"):
            note = ESTIMATE_NOTE
        for index in measures:
            contents, key = targets[index]
            number, status = parse_value(
                row[index], source=table.source, line=line, column=header[index]
            )
            _check_duplicate(seen, (contents, area, period, key), source=table.source, line=line)
            table.observations.append(
                ObservationRow(contents, area, period, key, number, status, line, note)
            )


def _column_label(column: str) -> str:
    """ "sysselsatte_15_74_bosted" → "Sysselsatte 15–74 år bosted"."""
    text = re.sub(r"(\d+)_(\d+)", r"\1–\2 år", column).replace("_", " ")
    return text[:1].upper() + text[1:]


def _parse_flows(
    text: str,
    header: list[str],
    *,
    source: str,
    table_number: str,
    residence: int,
    workplace: int,
) -> ParsedTable:
    """The commuting layout, on a fast path: a national matrix has ~30 000 rows per year.

    Duplicate cells are found by the loader while it sums (it has to touch every cell anyway).
    """
    time = _find(header, TIME_COLUMNS)
    value = _find(header, (*VALUE_COLUMNS, "sysselsatte", "employed"))
    if time is None or value is None:
        missing = "year (aar)" if time is None else "employed persons (sysselsatte)"
        raise ImportFileError(f"missing column: {missing}", source=source, line=1)
    table = ParsedTable(
        source=source,
        table_number=table_number,
        title=table_title(table_number),
        format="csv-flows",
    )
    table.contents["sysselsatte"] = ContentsSpec(
        code="sysselsatte", label="Sysselsatte", unit="personer"
    )
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    years: dict[str, int] = {}
    flows = table.flows
    width = len(header)
    line = 1
    try:
        next(reader)
        for line, row in enumerate(reader, start=2):
            if len(row) != width:
                if not row:
                    continue
                raise ImportFileError(
                    f"the row has {len(row)} fields, the header {width}; is the file cut off?",
                    source=source,
                    line=line,
                )
            raw_year, home, work, raw = row[time], row[residence], row[workplace], row[value]
            year = years.get(raw_year)
            if year is None:
                year = years[raw_year] = parse_period(raw_year, source=source, line=line)[1]
            if raw.isascii() and raw.isdigit():
                employed = int(raw)
                if employed > FLOW_LIMIT:
                    raise ImportFileError(
                        f"value {raw!r} in column {header[value]!r} is too large to store "
                        f"(more than {FLOW_LIMIT})",
                        source=source,
                        line=line,
                    )
                flows.append((year, home, work, employed, line))
                continue
            number, status = parse_value(raw, source=source, line=line, column=header[value])
            if number is not None and not status:
                problem = value_problem(number, count=True, limit=FLOW_LIMIT)
                if problem:
                    raise ImportFileError(
                        f"value {raw!r} in column {header[value]!r} {problem}",
                        source=source,
                        line=line,
                    )
                flows.append((year, home, work, int(number), line))
                continue
            table.rejected.append(
                f"{source}, linje {line}: {home} → {work} {year} har ingen verdi (status {status!r})"
            )
    except csv.Error as error:
        raise ImportFileError(
            f"broken CSV ({error}); is the file cut off?", source=source, line=line + 1
        ) from error
    if not table.flows and not table.rejected:
        raise ImportFileError("the table has no rows", source=source, line=1)
    return table
