"""A result as a table with its provenance: what the CSV/XLSX writers and the CLI write."""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

LICENCE = "CC BY 4.0"


@dataclass
class ExportTable:
    """A result as a table with its provenance: what CSV, XLSX and the CLI write."""

    title: str
    columns: list[str]
    rows: list[list[Any]]
    source: str
    parameters: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    licence: str = LICENCE

    @property
    def provenance(self) -> list[str]:
        lines = [
            _("Kilde: %(source)s") % {"source": self.source},
            _("Lisens: %(licence)s") % {"licence": self.licence},
        ]
        lines += [
            _("Parameter %(name)s: %(value)s") % {"name": name, "value": value}
            for name, value in self.parameters.items()
        ]
        return lines + self.notes


def ssb_source(*tables: str) -> str:
    """ "Statistisk sentralbyrå, tabell 03321" for the given table numbers."""
    numbers = ", ".join(tables)
    return ngettext(
        "Statistisk sentralbyrå, tabell %(numbers)s",
        "Statistisk sentralbyrå, tabellene %(numbers)s",
        len(tables),
    ) % {"numbers": numbers}
