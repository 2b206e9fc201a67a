"""What every SSB parser returns (no Django here): a table's contents, observations or flows.

Parsers only read text. Municipality numbers are checked against the database, harmonised and
written by `stats.services.table_import`; every row carries its line in the file so that step
can still name the place of a problem.
"""

import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import NamedTuple

from samspill.regions.importers.errors import ImportFileError

__all__ = [
    "ContentsSpec",
    "FlowRow",
    "ImportFileError",
    "ObservationRow",
    "ParsedTable",
    "check_values",
    "dimension_id",
    "is_count",
    "parse_period",
    "parse_value",
    "split_code",
    "table_title",
    "value_problem",
]

STATUS_SYMBOLS = frozenset({".", "..", "...", ":", "-"})
"""SSB's symbols: . not possible, .. not available, ... not yet, : confidential, - nil (zero)."""

_PERIOD = re.compile(r"^(\d{4})(K[1-4]|M(?:0[1-9]|1[0-2])|H[12])?$")
_PERIOD_IN_TEXT = re.compile(r"(?<![\w.])(\d{4}(?:K[1-4]|M(?:0[1-9]|1[0-2])|H[12])?)(?![\w.])")
_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")
_THOUSANDS_WITH_POINTS = re.compile(r"^-?[1-9]\d{0,2}(?:\.\d{3})+$")

VALUE_LIMIT = 10.0**15
"""Largest magnitude we store: beyond it a float no longer holds every whole number exactly,
and no SSB count or amount per municipality comes near it."""
FLOW_LIMIT = 2_147_483_647
"""`CommutingFlow.employed` is a PositiveIntegerField: a 32-bit column on PostgreSQL."""
COUNT_UNITS = frozenset({"personer", "jobber", "sysselsatte", "antall", "persons", "jobs"})
CHANGE_WORDS = (
    "endring",
    "netto",
    "vekst",
    "tilvekst",
    "overskudd",
    "differanse",
    "change",
    "net ",
)
_CODE_AND_LABEL = re.compile(r"^(?:K-)?(\d[\d.\-]*)\s+(.+)$")
_TABLE_IN_NAME = re.compile(r"(?<!\d)(\d{5})(?!\d)")

KNOWN_TABLE_TITLES = {
    "03321": "Sysselsatte etter bostedskommune og arbeidsstedskommune (pendling)",
    "07459": "Befolkning 1. januar",
    "11618": "Sysselsatte 15–74 år etter bosted og arbeidssted",
    "11653": "Jobber etter sektor",
    "11656": "Jobber etter næring (SN2007, 2-siffer)",
    "13470": "Sysselsatte etter arbeidssted og næring",
    "13926": "Jobber etter næring (SN2007, 5-siffer)",
}


class ObservationRow(NamedTuple):
    """One cell: `area` is a municipality number, "0" (Norway) or a name still to resolve."""

    contents: str
    area: str
    period: str
    key: str
    value: float | None
    status: str
    line: int
    note: str = ""


FlowRow = tuple[int, str, str, int, int]
"""One commuting cell: (year, residence, workplace, employed persons, line). A plain tuple: a
national matrix has ~30 000 cells a year and this is the hot path of the import."""


@dataclass(frozen=True)
class ContentsSpec:
    """A statistical variable (SSB `ContentsCode`): one Series per contents."""

    code: str
    label: str
    unit: str = "personer"


@dataclass
class ParsedTable:
    """A parsed file: its table, variables, categories and rows (observations or flows)."""

    source: str
    table_number: str
    title: str
    contents: dict[str, ContentsSpec] = field(default_factory=dict)
    dimensions: dict[str, dict[str, object]] = field(default_factory=dict)
    observations: list[ObservationRow] = field(default_factory=list)
    flows: list[FlowRow] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    areas_are_names: bool = False
    format: str = ""

    @property
    def is_flows(self) -> bool:
        return bool(self.flows) or self.format.endswith("flows")

    @property
    def rows_read(self) -> int:
        return len(self.flows) + len(self.observations) + len(self.rejected)

    def add_category(self, dimension: str, label: str, code: str, category_label: str) -> None:
        entry = self.dimensions.setdefault(dimension, {"label": label, "categories": {}})
        categories = entry["categories"]
        assert isinstance(categories, dict)  # noqa: S101 - built right above
        categories.setdefault(code, category_label)


def parse_period(text: str, *, source: str = "", line: int | None = None) -> tuple[str, int]:
    """`"2024"` → ("2024", 2024); `"2024K4"` → ("2024K4", 2024); anything else is an error."""
    cleaned = text.strip()
    match = _PERIOD.match(cleaned)
    if match is None:
        raise ImportFileError(
            f"{cleaned!r} is not a period (year such as 2024 or quarter such as 2024K4)",
            source=source,
            line=line,
        )
    return cleaned, int(match.group(1))


def find_period(text: str) -> tuple[str, str, str] | None:
    """Split an SSB value-column header "Personer 2024K4 0 Hele landet" at its period."""
    match = _PERIOD_IN_TEXT.search(text)
    if match is None:
        return None
    return text[: match.start()].strip(), match.group(1), text[match.end() :].strip()


def parse_value(
    text: str, *, source: str = "", line: int | None = None, column: str = ""
) -> tuple[float | None, str]:
    """A cell → (value, status). SSB symbols keep their meaning: only "-" (nil) is a zero.

    Decimals may use "," or "."; spaces (also no-break) group thousands. A point followed by
    groups of exactly three digits ("1.234", "12.345.678") is refused: in a Norwegian file it
    is a thousands separator, and reading it as a decimal would divide the number by 1000.
    """
    cleaned = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    where = f" in column {column!r}" if column else ""
    if cleaned in STATUS_SYMBOLS:
        return (0.0 if cleaned == "-" else None), cleaned
    if _THOUSANDS_WITH_POINTS.match(cleaned):
        raise ImportFileError(
            f"value {text!r}{where} is ambiguous: a point before three digits is a Norwegian "
            "thousands separator, not a decimal point; write the number without it "
            f"({cleaned.replace('.', '')}) or with a decimal comma",
            source=source,
            line=line,
        )
    if _NUMBER.match(cleaned):
        value = float(cleaned.replace(",", "."))
        problem = value_problem(value, count=False)
        if problem:
            raise ImportFileError(f"value {text!r}{where} {problem}", source=source, line=line)
        return value, ""
    raise ImportFileError(
        f"value {text!r}{where} is neither a number nor an SSB status symbol "
        f"({' '.join(sorted(STATUS_SYMBOLS))})",
        source=source,
        line=line,
    )


def split_code(label: str) -> tuple[str | None, str]:
    """ "5001 Trondheim" → ("5001", "Trondheim"); "K-3101 Halden" → ("3101", …); "Porsgrunn" → (None, …)."""
    cleaned = label.strip()
    match = _CODE_AND_LABEL.match(cleaned)
    if match:
        return match.group(1), match.group(2).strip()
    if cleaned.isdigit():
        return cleaned, cleaned
    if cleaned.startswith("K-") and cleaned[2:].isdigit():
        return cleaned[2:], cleaned
    return None, cleaned


def dimension_id(label: str) -> str:
    """A stable ASCII id for a dimension or category label: "næring (SN2007)" → "naering"."""
    text = re.sub(r"\(.*?\)", "", label).strip().lower()
    text = text.replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


def table_number_from_name(name: str) -> str | None:
    """The five-digit SSB table number in a file name ("pendling_03321_2022.csv" → "03321")."""
    match = _TABLE_IN_NAME.search(name)
    return match.group(1) if match else None


def table_title(table_number: str, fallback: str = "") -> str:
    """A readable title for a table we know, else the fallback, else "Tabell N"."""
    return KNOWN_TABLE_TITLES.get(table_number) or fallback or f"Tabell {table_number}"


def is_count(spec: ContentsSpec) -> bool:
    """A variable that counts things (persons, jobs): never negative, always whole.

    A change or a net figure ("Befolkningsendring", "Nettoinnflytting") may be negative even
    when its unit is persons, so a label naming one is not a count.
    """
    label = f"{spec.label.lower()} "
    return spec.unit.lower() in COUNT_UNITS and not any(word in label for word in CHANGE_WORDS)


def value_problem(value: float | None, *, count: bool, limit: float = VALUE_LIMIT) -> str | None:
    """Why a value cannot be stored (as the end of a sentence), or None when it can."""
    if value is None:
        return None
    if not math.isfinite(value):
        return "is not a finite number (NaN or Infinity)"
    if abs(value) > limit:
        return f"is too large to store (more than {limit:.0f})"
    if count and value < 0:
        return "is a negative count"
    if count and not float(value).is_integer():
        return "is a count but not a whole number"
    return None


def check_values(table: ParsedTable) -> None:
    """Every observation of a parsed CSV table can be stored; the first that cannot raises."""
    counts = {code: is_count(spec) for code, spec in table.contents.items()}
    for row in table.observations:
        problem = value_problem(row.value, count=counts.get(row.contents, False))
        if problem:
            label = table.contents[row.contents].label if row.contents in table.contents else ""
            raise ImportFileError(
                f"value {row.value!r} ({label}, {row.area} {row.period}) {problem}",
                source=table.source,
                line=row.line,
            )
