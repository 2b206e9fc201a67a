"""Parse a classification of municipalities: a CSV with a municipality number and a class.

    knr;klasse;klassenavn          (or any column names, given to the parser)
    5001;50001;Trondheim

Strict (ADR 30): the file is refused, with the line, for a missing column, a number that is not
four digits, a municipality listed twice, an empty class, text longer than its column, or one
class code with two different names. The delimiter is `;` or `,` (read from the header line);
UTF-8 with or without BOM. Whether the numbers are today's municipalities is checked by the
service, which knows them.
"""

import csv
import io
import re
from dataclasses import dataclass

from samspill.regions.importers.errors import ImportFileError

NUMBER = re.compile(r"^\d{4}$")
CODE_LENGTH = 40
NAME_LENGTH = 200


@dataclass(frozen=True)
class ClassRow:
    """One municipality's class, with its line in the file (for later errors)."""

    number: str
    class_code: str
    class_name: str
    line: int


def classification_parse(
    text: str,
    *,
    source: str = "",
    number_column: str = "knr",
    code_column: str = "klasse",
    name_column: str | None = None,
) -> list[ClassRow]:
    """Rows of a classification file; raises ImportFileError naming the line on any problem."""
    text = text.removeprefix("\ufeff")
    header_line = text.split("\n", 1)[0]
    if not header_line.strip():
        raise ImportFileError("filen er tom", source=source, line=1)
    delimiter = ";" if header_line.count(";") >= header_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    columns = [column.strip() for column in reader.fieldnames or []]
    reader.fieldnames = columns
    wanted = [number_column, code_column, *([name_column] if name_column else [])]
    missing = [column for column in wanted if column not in columns]
    if missing:
        raise ImportFileError(
            f"mangler kolonne(r) {', '.join(missing)}; filen har {', '.join(columns)}",
            source=source,
            line=1,
        )
    rows: list[ClassRow] = []
    seen: dict[str, int] = {}
    names: dict[str, tuple[str, int]] = {}
    for row in reader:
        line = reader.line_num
        if None in row:
            raise ImportFileError("flere felt enn overskriften", source=source, line=line)
        number = (row.get(number_column) or "").strip()
        code = (row.get(code_column) or "").strip()
        name = (row.get(name_column) or "").strip() if name_column else ""
        if not number and not code and not name:
            continue
        if not NUMBER.match(number):
            raise ImportFileError(
                f"kommunenummer «{number}» er ikke fire sifre", source=source, line=line
            )
        if number in seen:
            raise ImportFileError(
                f"kommune {number} står to ganger (også på linje {seen[number]})",
                source=source,
                line=line,
            )
        if not code:
            raise ImportFileError(f"kommune {number} mangler klasse", source=source, line=line)
        if len(code) > CODE_LENGTH or len(name) > NAME_LENGTH:
            raise ImportFileError(
                f"klassekoden kan ha {CODE_LENGTH} tegn og navnet {NAME_LENGTH}",
                source=source,
                line=line,
            )
        if code in names and names[code][0] != name:
            raise ImportFileError(
                f"klasse {code} heter «{name}» her, men «{names[code][0]}» på linje "
                f"{names[code][1]}",
                source=source,
                line=line,
            )
        seen[number] = line
        names.setdefault(code, (name, line))
        rows.append(ClassRow(number=number, class_code=code, class_name=name, line=line))
    if not rows:
        raise ImportFileError("filen har ingen rader", source=source, line=2)
    return rows
