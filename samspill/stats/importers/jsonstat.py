"""Parse JSON-stat (pure): 2.0 datasets as PxWebApi v2 serves them, and 1.x bundles (v0/v1).

A JSON-stat 2.0 dataset has ``version``, ``class: "dataset"``, ``id`` (dimension ids in value
order), ``size``, ``dimension[id].category.{index,label,unit}``, ``role.{time,geo,metric}``,
``value`` (row-major array, or a sparse object {position: value}) and optional ``status``
(one string, an array or an object). A 1.x response wraps it as ``{"dataset": {…}}`` with
``dimension.id``/``dimension.size``/``dimension.role``. SSB marks missing cells with a
``null`` value and a status symbol; the symbol is kept.
"""

import json
import math
from typing import Any

from samspill.stats.importers.tables import (
    FLOW_LIMIT,
    STATUS_SYMBOLS,
    VALUE_LIMIT,
    ContentsSpec,
    ImportFileError,
    ObservationRow,
    ParsedTable,
    dimension_id,
    is_count,
    parse_period,
    split_code,
    table_title,
    value_problem,
)

__all__ = ["parse_jsonstat"]

TIME_IDS = ("tid", "time", "år", "aar", "year")
GEO_IDS = ("region", "kommune", "kommunenr", "geo")
RESIDENCE_IDS = ("bokommuen", "bokommune", "bosted", "bostedskommune")
WORKPLACE_IDS = ("arbstedkomm", "arbeidssted", "arbeidsstedskommune")
METRIC_IDS = ("contentscode", "statistikkvariabel")


def parse_jsonstat(text: str, *, source: str = "", table_number: str | None = None) -> ParsedTable:
    """Parse a JSON-stat document into observations (one region dimension) or flows (two)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"not valid JSON ({error.msg}, column {error.colno}); is the file cut off?",
            source=source,
            line=error.lineno,
        ) from error
    dataset, ids, sizes, role = _dataset(document, source=source)
    dimensions: dict[str, Any] = dataset.get("dimension") or {}
    categories = [_categories(dimensions.get(dim_id), dim_id, source=source) for dim_id in ids]
    if len(ids) != len(sizes) or any(len(c) != s for c, s in zip(categories, sizes, strict=True)):
        raise ImportFileError("dimension sizes do not match the categories listed", source=source)
    lowered = [dim_id.lower() for dim_id in ids]
    time = _pick(ids, lowered, role.get("time"), TIME_IDS)
    metric = _pick(ids, lowered, role.get("metric"), METRIC_IDS)
    residence = _pick(ids, lowered, None, RESIDENCE_IDS)
    workplace = _pick(ids, lowered, None, WORKPLACE_IDS)
    geo = (
        None
        if residence is not None and workplace is not None
        else _pick(ids, lowered, role.get("geo"), GEO_IDS)
    )
    if time is None:
        raise ImportFileError("missing dimension: no time dimension (Tid)", source=source)
    if geo is None and (residence is None or workplace is None):
        raise ImportFileError(
            "missing dimension: no region dimension (Region, or Bokommuen and ArbstedKomm)",
            source=source,
        )
    number = table_number or _table_number(dataset) or ""
    if not number:
        raise ImportFileError("no SSB table number in the dataset; pass --table", source=source)
    table = ParsedTable(
        source=source,
        table_number=number,
        title=table_title(number, _title(dataset)),
        format="jsonstat-flows" if geo is None else "jsonstat",
    )
    metric_dimension = dimensions.get(ids[metric]) if metric is not None else None
    if metric is not None:
        for code, label in categories[metric]:
            unit = _unit(metric_dimension, code)
            table.contents[code] = ContentsSpec(code=code, label=label, unit=unit)
    else:
        table.contents["verdi"] = ContentsSpec(code="verdi", label=table.title)
    special = {time, metric, geo, residence, workplace} - {None}
    others = [index for index in range(len(ids)) if index not in special]
    for index in others:
        dimension_label = str((dimensions.get(ids[index]) or {}).get("label") or ids[index])
        for code, label in categories[index]:
            table.add_category(dimension_id(ids[index]), dimension_label, code, label)
    values = _values(dataset, math.prod(sizes), source=source)
    statuses = _statuses(dataset, math.prod(sizes), source=source)
    periods = [parse_period(code, source=source)[0] for code, _label in categories[time]]
    strides = [math.prod(sizes[index + 1 :]) for index in range(len(sizes))]
    counts = {code: is_count(spec) for code, spec in table.contents.items()}
    seen: dict[tuple[str, ...], int] = {}
    for position in range(math.prod(sizes)):
        coordinates = [(position // strides[i]) % sizes[i] for i in range(len(sizes))]
        value = values[position] if position < len(values) else None
        status = statuses.get(position, "")
        period = periods[coordinates[time]]
        contents = categories[metric][coordinates[metric]][0] if metric is not None else "verdi"
        cell = f"celle {position + 1}"
        where = _Cell(position, ids, categories, coordinates, source)
        if geo is None:
            assert residence is not None  # noqa: S101 - checked above
            assert workplace is not None  # noqa: S101 - checked above
            home = _region_code(categories[residence][coordinates[residence]][0])
            work = _region_code(categories[workplace][coordinates[workplace]][0])
            if value is None:
                table.rejected.append(
                    f"{source}, {cell}: {home} → {work} {period} har ingen verdi (status {status!r})"
                )
                continue
            where.check(value, count=True, limit=FLOW_LIMIT)
            where.unique(seen, (period, home, work))
            table.flows.append((int(period[:4]), home, work, int(value), position + 1))
            continue
        key = "|".join(
            sorted(f"{dimension_id(ids[i])}={categories[i][coordinates[i]][0]}" for i in others)
        )
        area = _region_code(categories[geo][coordinates[geo]][0])
        where.check(value, count=counts.get(contents, False), limit=VALUE_LIMIT)
        where.unique(seen, (contents, area, period, key))
        if value is None and status not in STATUS_SYMBOLS:
            status = status or ".."
        table.observations.append(
            ObservationRow(contents, area, period, key, value, status, position + 1)
        )
    return table


class _Cell:
    """One cell of the value array, named by its position and its categories in errors."""

    def __init__(
        self,
        position: int,
        ids: list[str],
        categories: list[list[tuple[str, str]]],
        coordinates: list[int],
        source: str,
    ) -> None:
        self.position = position
        self.ids = ids
        self.categories = categories
        self.coordinates = coordinates
        self.source = source

    def describe(self, position: int | None = None, coordinates: list[int] | None = None) -> str:
        coordinates = self.coordinates if coordinates is None else coordinates
        labels = []
        for index, dim_id in enumerate(self.ids):
            code, label = self.categories[index][coordinates[index]]
            labels.append(f"{dim_id}={code}" + (f" {label}" if label != code else ""))
        where = self.position if position is None else position
        return f"value index {where} ({', '.join(labels)})"

    def check(self, value: float | None, *, count: bool, limit: float) -> None:
        problem = value_problem(value, count=count, limit=limit)
        if problem:
            raise ImportFileError(
                f"{self.describe()}: value {value!r} {problem}", source=self.source
            )

    def unique(self, seen: dict[tuple[str, ...], int], key: tuple[str, ...]) -> None:
        """Two cells with the same categories (a code listed twice) would be summed: refuse."""
        previous = seen.get(key)
        if previous is not None:
            raise ImportFileError(
                f"{self.describe()}: duplicate cell; the same categories already appear at "
                f"value index {previous}",
                source=self.source,
            )
        seen[key] = self.position


def _dataset(
    document: Any, *, source: str
) -> tuple[dict[str, Any], list[str], list[int], dict[str, Any]]:
    if not isinstance(document, dict):
        raise ImportFileError("not a JSON-stat document (expected an object)", source=source)
    if document.get("class") == "dataset":
        ids, sizes = document.get("id"), document.get("size")
        role = document.get("role") or {}
        dataset = document
    else:
        wrapped = document.get("dataset")
        if not isinstance(wrapped, dict):
            wrapped = next(
                (v for v in document.values() if isinstance(v, dict) and "dimension" in v), None
            )
        if not isinstance(wrapped, dict):
            raise ImportFileError(
                'not JSON-stat: expected class "dataset" (2.0) or a "dataset" bundle (1.x)',
                source=source,
            )
        dataset = wrapped
        dimension = dataset.get("dimension") or {}
        ids, sizes, role = dimension.get("id"), dimension.get("size"), dimension.get("role") or {}
    if not isinstance(ids, list) or not isinstance(sizes, list) or not ids:
        raise ImportFileError("missing dimension: the dataset has no id/size lists", source=source)
    for dim_id in ids:
        if dim_id not in (dataset.get("dimension") or {}):
            raise ImportFileError(
                f"missing dimension: {dim_id!r} is listed in id but not described", source=source
            )
    return dataset, [str(i) for i in ids], [int(s) for s in sizes], role


def _categories(dimension: Any, dim_id: str, *, source: str) -> list[tuple[str, str]]:
    category = (dimension or {}).get("category") or {}
    index = category.get("index")
    labels = category.get("label") or {}
    if isinstance(index, list):
        codes = [str(code) for code in index]
    elif isinstance(index, dict):
        codes = [str(code) for code, _pos in sorted(index.items(), key=lambda item: item[1])]
    elif isinstance(labels, dict) and labels:
        codes = list(labels)
    else:
        raise ImportFileError(f"dimension {dim_id!r} lists no categories", source=source)
    return [(code, str(labels.get(code, code))) for code in codes]


def _pick(ids: list[str], lowered: list[str], declared: Any, names: tuple[str, ...]) -> int | None:
    if isinstance(declared, list) and declared and declared[0] in ids:
        return ids.index(declared[0])
    for name in names:
        if name in lowered:
            return lowered.index(name)
    return None


def _values(dataset: dict[str, Any], expected: int, *, source: str) -> list[float | None]:
    raw = dataset.get("value")
    if isinstance(raw, list):
        if len(raw) != expected:
            raise ImportFileError(
                f"expected {expected} values (product of the dimension sizes), found {len(raw)}; "
                "is the file cut off?",
                source=source,
            )
        result: list[float | None] = []
        for position, item in enumerate(raw):
            result.append(_number(item, position, source=source))
        return result
    if isinstance(raw, dict):
        sparse: list[float | None] = [None] * expected
        for key, item in raw.items():
            if not str(key).isdigit() or int(key) >= expected:
                raise ImportFileError(
                    f"value position {key!r} is outside the dataset", source=source
                )
            sparse[int(key)] = _number(item, int(key), source=source)
        return sparse
    raise ImportFileError("missing value array", source=source)


def _number(item: Any, position: int, *, source: str) -> float | None:
    if item is None:
        return None
    if isinstance(item, bool) or not isinstance(item, int | float):
        raise ImportFileError(
            f"value {item!r} at position {position} is not a number", source=source
        )
    try:
        return float(item)
    except OverflowError:  # an integer beyond any float: checked and refused with its cell
        return math.inf


def _statuses(dataset: dict[str, Any], expected: int, *, source: str) -> dict[int, str]:
    raw = dataset.get("status")
    if raw is None:
        return {}
    if isinstance(raw, str):
        return dict.fromkeys(range(expected), raw)
    if isinstance(raw, list):
        if len(raw) == 1:
            return dict.fromkeys(range(expected), str(raw[0]))
        return {i: str(s) for i, s in enumerate(raw) if s}
    if isinstance(raw, dict):
        return {int(k): str(v) for k, v in raw.items() if str(k).isdigit()}
    raise ImportFileError("status must be a string, an array or an object", source=source)


def _unit(metric_dimension: Any, code: str) -> str:
    unit = (((metric_dimension or {}).get("category") or {}).get("unit") or {}).get(code) or {}
    base = unit.get("base") if isinstance(unit, dict) else None
    return str(base or "personer")


def _table_number(dataset: dict[str, Any]) -> str | None:
    extension = dataset.get("extension") or {}
    px = extension.get("px") or {}
    for candidate in (
        px.get("tableid"),
        px.get("tableId"),
        dataset.get("id") if isinstance(dataset.get("id"), str) else None,
    ):
        if candidate:
            return str(candidate)
    label = str(dataset.get("label") or "")
    code, _rest = split_code(label.replace(":", " ", 1))
    return code if code and len(code) == 5 else None


def _title(dataset: dict[str, Any]) -> str:
    label = str(dataset.get("label") or "")
    return label.split(":", 1)[1].strip() if ":" in label else label


def _region_code(code: str) -> str:
    found, _label = split_code(code)
    return found or code
