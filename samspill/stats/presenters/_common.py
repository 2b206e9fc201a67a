"""Shared by every dashboard chart family: the cell, area and chart-table types and the helpers
that format cells, build Chart.js specs and word gap and harmonisation notes."""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from django.utils.translation import gettext as _

from samspill.analytics.columns import AREA, YEAR
from samspill.core.charts import chart_spec
from samspill.core.numbers import format_date, format_number, round_half_away
from samspill.stats.models import Harmonisation, Series
from samspill.stats.notes import note_text
from samspill.stats.selectors import Place


@dataclass(frozen=True)
class Cell:
    """A table cell: the raw value (for exports) and how it is shown."""

    value: Any
    display: str
    numeric: bool


@dataclass
class Area:
    """What a dashboard is about: a region's members today, or one municipality."""

    key: str
    label: str
    members: list[Place]
    kind: str  # "region" | "municipality"
    centre: str | None = None
    """A region's centre for the commuting-to-centre figures (a member's number)."""
    centre_chosen: bool = False
    """True when a user chose the centre; False for the default (the member it is named after)."""
    caveats: list[str] = field(default_factory=list)
    """What the figures include beyond the members (former non-members inside today's members)."""

    @property
    def ids(self) -> list[int]:
        return [m.pk for m in self.members]

    @property
    def numbers(self) -> list[str]:
        return [m.number for m in self.members]


@dataclass
class ChartTable:
    """One chart with its numbers, sources and notes."""

    id: str
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    series: list[Series]
    spec: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    centre: str | None = None
    """The commuting-to-centre chart's centre (a member's number), for the centre chooser."""

    @property
    def sources(self) -> list[Series]:
        """The series, one per table (two variables of one table share a source line)."""
        unique: dict[str, Series] = {}
        for series in self.series:
            unique.setdefault(series.table_number, series)
        return list(unique.values())

    @property
    def spec_id(self) -> str:
        return f"chart-{self.id}"

    def citation_lines(self) -> list[str]:
        """Source, table, vintage, import time and licence: the export's header."""
        lines = []
        for series in self.series:
            imported = format_date(series.imported_at) if series.imported_at else ""
            lines.append(
                f"Kilde: {series.source}, tabell {series.table_number} ({series.title}). "
                f"Perioder {series.first_period}–{series.last_period}. "
                f"Kommunenummerering: {series.vintage}. Importert {imported}. Lisens: {series.licence}."
            )
        return lines


def _fmt(value: Any, decimals: int = 0, suffix: str = "") -> Cell:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return Cell(None, "–", True)
    if not math.isfinite(float(value)):
        return Cell(None, "–", True)
    raw = round_half_away(value, decimals + 2 if decimals else 0)
    return Cell(
        float(raw) if decimals else int(raw), f"{format_number(value, decimals)}{suffix}", True
    )


def _text(value: str) -> Cell:
    return Cell(value, value, False)


def _pct(value: Any) -> Cell:
    if value is None or pd.isna(value):
        return Cell(None, "–", True)
    return _fmt(float(value) * 100, 1, " %")


def _line_spec(
    labels: list[Any],
    datasets: list[tuple[str, list[Any]]],
    y_title: str,
    *,
    decimals: int = 0,
    from_zero: bool = False,
) -> dict[str, Any]:
    """A line over years on a true time axis (samspill.core.charts)."""
    return chart_spec(
        labels=labels, datasets=datasets, y_title=y_title, decimals=decimals, from_zero=from_zero
    )


def _bar_spec(
    labels: list[str],
    datasets: list[tuple[str, list[Any]]],
    *,
    stacked: bool = False,
    y_title: str = "",
) -> dict[str, Any]:
    return chart_spec(
        chart_type="bar",
        labels=labels,
        datasets=datasets,
        y_title=y_title,
        x_kind="category",
        from_zero=True,
        stacked=stacked,
    )


def _gap_notes(series: Iterable[Series], numbers: Sequence[str]) -> list[str]:
    wanted = set(numbers)
    notes: list[str] = []
    for item in series:
        for gap in item.known_gaps:
            if gap.get("municipality") in wanted or not gap.get("municipality"):
                text = _("Kjent hull (tabell %(table)s, %(period)s): %(note)s") % {
                    "table": item.table_number,
                    "period": gap["period"],
                    "note": note_text(gap["note"]),
                }
                if text not in notes:
                    notes.append(text)
    return notes


def _harmonisation_notes(frame: pd.DataFrame, names: dict[str, str]) -> list[str]:
    """ "5059 Orkland 2006–2019: <note>" for every member/period range that is not original."""
    special = frame.loc[frame["harmonisation"] != Harmonisation.ORIGINAL]
    notes = []
    for (area, kind, note), group in special.groupby([AREA, "harmonisation", "note"], sort=True):
        years = sorted(group[YEAR].unique().tolist())
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
        label = Harmonisation(str(kind)).label
        notes.append(
            f"{area} {names.get(str(area), '')} {span}: {label}. {note_text(note)}".strip()
        )
    return notes
