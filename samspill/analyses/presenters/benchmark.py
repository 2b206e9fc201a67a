"""Benchmarking page: regions and chosen municipalities side by side (view and export table)."""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from samspill.analyses.tables import ExportTable
from samspill.core.charts import chart_spec
from samspill.core.numbers import format_number, format_percent

if TYPE_CHECKING:
    from samspill.analyses.benchmark import BenchmarkResult, Indicator


def benchmark_display(indicator: "Indicator", value: float | None) -> str:
    """An indicator value written for the page: counts, percentages or ratios."""
    if indicator.unit == "percent":
        return format_percent(value, indicator.decimals)
    return format_number(value, indicator.decimals)


def _benchmark_export_value(indicator: "Indicator", value: float | None) -> float | int | None:
    if value is None:
        return None
    if indicator.unit == "count" and float(value).is_integer():
        return int(value)
    return 100 * value if indicator.unit == "percent" else value


def _benchmark_column(indicator: "Indicator") -> str:
    return f"{indicator.key}_prosent" if indicator.unit == "percent" else indicator.key


def benchmark_view(result: "BenchmarkResult", *, chart_key: str | None) -> dict[str, Any]:
    """Rows (area, value and rank per indicator), Norway's row and a bar chart of one indicator."""
    from samspill.analyses.benchmark import NATION_CODE

    indicators = [
        {
            "key": indicator.key,
            "label": indicator.label,
            "period": result.periods.get(indicator.key, ""),
            "definition": indicator.definition,
            "tables": ", ".join(indicator.tables),
            "source": indicator.source,
            "nation_note": indicator.nation_note,
            "unit": indicator.unit,
        }
        for indicator in result.indicators
    ]
    rows = [
        {
            "area": area,
            "cells": [
                {
                    "display": benchmark_display(i, result.values.get((i.key, area.code))),
                    "rank": result.ranks.get((i.key, area.code)),
                }
                for i in result.indicators
            ],
        }
        for area in result.areas
    ]
    nation = [
        benchmark_display(i, result.values.get((i.key, NATION_CODE))) for i in result.indicators
    ]
    chosen = next(
        (i for i in result.indicators if i.key == chart_key),
        result.indicators[0] if result.indicators else None,
    )
    chart = None
    if chosen is not None:
        labels = [area.name for area in result.areas]
        values = [
            _benchmark_export_value(chosen, result.values.get((chosen.key, area.code)))
            for area in result.areas
        ]
        datasets: list[tuple[str, Sequence[float | None]]] = [(str(chosen.label), values)]
        national = _benchmark_export_value(chosen, result.values.get((chosen.key, NATION_CODE)))
        if national is not None and chosen.unit != "count":
            datasets.append((_("Norge"), [national] * len(labels)))
        chart = chart_spec(
            chart_type="bar",
            labels=labels,
            datasets=datasets,
            x_kind="category",
            y_title=_("Prosent") if chosen.unit == "percent" else str(chosen.label),
            decimals=chosen.decimals,
            from_zero=True,
        )
    return {
        "indicators": indicators,
        "rows": rows,
        "nation": nation,
        "chart": chart,
        "chart_indicator": chosen,
        "chart_period": result.periods.get(chosen.key, "") if chosen else "",
        "tables": result.tables,
        "sources": result.sources,
    }


def benchmark_table(result: "BenchmarkResult") -> ExportTable:
    """One row per area (and Norway): each indicator's value and the area's rank."""
    from samspill.analyses.benchmark import NATION_CODE

    columns = ["omrade", "type", "kommuner"]
    for indicator in result.indicators:
        columns += [_benchmark_column(indicator), f"{indicator.key}_rangering"]
    rows: list[list[Any]] = []
    for area in [*result.areas, result.nation]:
        row: list[Any] = [
            area.name,
            area.kind,
            "" if area.code == NATION_CODE else " ".join(area.numbers),
        ]
        for indicator in result.indicators:
            row += [
                _benchmark_export_value(indicator, result.values.get((indicator.key, area.code))),
                result.ranks.get((indicator.key, area.code)),
            ]
        rows.append(row)
    return ExportTable(
        title=_("Sammenligning av regioner og kommuner"),
        columns=columns,
        rows=rows,
        source=result.source,
        parameters={
            _benchmark_column(i): f"{i.label} ({result.periods.get(i.key, '')})"
            for i in result.indicators
        },
        notes=[
            _("Rangering: 1 = høyest verdi blant områdene i tabellen; Norge rangeres ikke."),
            _("Prosentverdier er i prosent (ikke andeler)."),
        ],
    )
