"""Parse a region definition file: one row per membership period."""

import csv
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

from samspill.regions.importers.errors import ImportFileError
from samspill.regions.importers.municipalities import NUMBER_PATTERN

REQUIRED_COLUMNS = {"region_slug", "region_name", "kind", "municipality_number", "valid_from"}
SLUG_PATTERN = re.compile(r"^[-a-zA-Z0-9_]{1,60}$")
LIMITS = {"region_name": 150, "note": 300, "source": 300}  # the database columns' lengths


@dataclass(frozen=True)
class MembershipRow:
    """A municipality's membership of a region, as written in the file (old numbers allowed)."""

    line: int
    region_slug: str
    region_name: str
    kind: str
    municipality_number: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    note: str
    description: str
    source: str
    historical: bool = False


TRUE_WORDS = frozenset({"1", "true", "yes", "ja", "x"})
FALSE_WORDS = frozenset({"", "0", "false", "no", "nei"})


def _date(value: str, *, source: str, line: int, column: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError as error:
        raise ImportFileError(
            f"{column} {value!r} is not a date (YYYY-MM-DD)", source=source, line=line
        ) from error


def parse_region_memberships(lines: Iterable[str], *, source: str = "") -> list[MembershipRow]:
    """Parse region definitions (columns region_slug, region_name, kind, municipality_number,
    valid_from, and optional valid_to, note, description, source, historical)."""
    reader = csv.DictReader(lines)
    if reader.fieldnames is None:
        raise ImportFileError("the file is empty", source=source, line=1)
    missing = REQUIRED_COLUMNS - set(reader.fieldnames)
    if missing:
        raise ImportFileError(
            f"missing column(s): {', '.join(sorted(missing))}", source=source, line=1
        )
    result = []
    for row in reader:
        line = reader.line_num
        if None in row or any(row[column] is None for column in REQUIRED_COLUMNS):
            raise ImportFileError(
                "the row has the wrong number of fields", source=source, line=line
            )
        number = row["municipality_number"].strip()
        if not NUMBER_PATTERN.match(number):
            raise ImportFileError(
                f"municipality_number {number!r} is not a four-digit municipality number",
                source=source,
                line=line,
            )
        valid_from = _date(row["valid_from"], source=source, line=line, column="valid_from")
        valid_to_text = (row.get("valid_to") or "").strip()
        valid_to = (
            _date(valid_to_text, source=source, line=line, column="valid_to")
            if valid_to_text
            else None
        )
        if valid_to is not None and valid_to < valid_from:
            raise ImportFileError("valid_to is before valid_from", source=source, line=line)
        slug = row["region_slug"].strip()
        if not slug:
            raise ImportFileError("region_slug is empty", source=source, line=line)
        if not SLUG_PATTERN.match(slug):
            raise ImportFileError(
                f"region_slug {slug!r} is not a slug (letters, digits, - and _; at most 60)",
                source=source,
                line=line,
            )
        if not row["region_name"].strip():
            raise ImportFileError("region_name is empty", source=source, line=line)
        for column, limit in LIMITS.items():
            length = len((row.get(column) or "").strip())
            if length > limit:
                raise ImportFileError(
                    f"{column} is {length} characters long; at most {limit} fit",
                    source=source,
                    line=line,
                )
        historical_text = (row.get("historical") or "").strip().lower()
        if historical_text not in TRUE_WORDS | FALSE_WORDS:
            raise ImportFileError(
                f"historical {historical_text!r} is not yes/no", source=source, line=line
            )
        result.append(
            MembershipRow(
                line=line,
                region_slug=slug,
                region_name=row["region_name"].strip(),
                kind=row["kind"].strip(),
                municipality_number=number,
                valid_from=valid_from,
                valid_to=valid_to,
                note=(row.get("note") or "").strip(),
                description=(row.get("description") or "").strip(),
                source=(row.get("source") or "").strip(),
                historical=historical_text in TRUE_WORDS,
            )
        )
    return result
