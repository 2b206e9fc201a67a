"""Analysis results → template rows, chart specs, map layers and export tables."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from samspill.analyses.models import AnalysisRun
from samspill.geo.feature_collections import feature, feature_collection
from samspill.regions.models import Municipality

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
        lines = [f"Kilde: {self.source}", f"Lisens: {self.licence}"]
        lines += [f"Parameter {name}: {value}" for name, value in self.parameters.items()]
        return lines + self.notes


def ssb_source(*tables: str) -> str:
    """ "Statistisk sentralbyrå, tabell 03321" for the given table numbers."""
    numbers = ", ".join(tables)
    word = _("tabell") if len(tables) == 1 else _("tabellene")
    return f"Statistisk sentralbyrå, {word} {numbers}"


def lma_feature_collection(
    run: AnalysisRun, municipalities: Iterable[Municipality]
) -> dict[str, Any]:
    """Municipality outlines with `group` = region number and `group_name` (its centre)."""
    result = run.result or {}
    assignment: dict[str, int] = result.get("assignment", {})
    names = {region["region"]: region["name"] for region in result.get("regions", [])}
    return feature_collection(
        feature(
            municipality.boundary,
            {
                "number": municipality.number,
                "name": municipality.name,
                "group": assignment.get(municipality.number, 0),
                "group_name": names.get(assignment.get(municipality.number, 0), ""),
            },
        )
        for municipality in municipalities
        if municipality.boundary is not None
    )


def lma_table(run: AnalysisRun, names: dict[str, str]) -> ExportTable:
    """One row per municipality: its labour-market region and the region's statistics."""
    result = run.result or {}
    columns = [
        "kommunenummer",
        "kommune",
        "region",
        "regionsenter",
        "region_sysselsatte_bosatte",
        "region_arbeidsplasser",
        "region_selvforsyning_tilbud",
        "region_selvforsyning_ettersporsel",
        "region_gyldighet",
    ]
    rows: list[list[Any]] = [
        [
            number,
            names.get(number, ""),
            region["region"],
            region["name"],
            region["employed_residents"],
            region["jobs"],
            region["self_containment_supply"],
            region["self_containment_demand"],
            region["validity"],
        ]
        for region in result.get("regions", [])
        for number in region["members"]
    ]
    rows.sort(key=lambda row: str(row[0]))
    summary = result.get("summary", {})
    return ExportTable(
        title=_("Bo- og arbeidsmarkedsregioner %(year)s") % {"year": result.get("year")},
        columns=columns,
        rows=rows,
        source=ssb_source(result.get("source", {}).get("table", "03321")),
        parameters=dict(result.get("parameters", {})),
        notes=[
            f"Regioner: {summary.get('regions')}",
            f"Modularitet: {summary.get('modularity')}",
            "Metode: EURO-LMA (LabourMarketAreas 3.4), samspill.analytics.labour_market_regions",
        ],
    )


def percent(value: float | None, decimals: int = 1) -> float | None:
    """A share as a percentage, keeping None."""
    return None if value is None else round(100 * value, decimals)


def chart_spec(
    *, labels: Sequence[Any], datasets: Sequence[tuple[str, Sequence[float | None]]], y_title: str
) -> dict[str, Any]:
    """A Chart.js line chart spec for charts.js (the numbers are also in a table)."""
    return {
        "type": "line",
        "data": {
            "labels": list(labels),
            "datasets": [
                {"label": label, "data": list(values), "spanGaps": True}
                for label, values in datasets
            ],
        },
        "options": {"scales": {"y": {"title": {"display": True, "text": y_title}}}},
    }


def lma_result_view(run: AnalysisRun | None) -> dict[str, Any] | None:
    """Summary facts and region rows of a finished run, percentages ready for the template."""
    if run is None or run.result is None:
        return None
    result = run.result
    summary = result["summary"]
    rows = [
        {
            **region,
            "member_count": len(region["members"]),
            "supply_percent": percent(region["self_containment_supply"]),
            "demand_percent": percent(region["self_containment_demand"]),
        }
        for region in result["regions"]
    ]
    return {
        "year": result["year"],
        "parameters": result["parameters"],
        "citation": result["source"]["citation"],
        "regions": summary["regions"],
        "valid_regions": summary["valid_regions"],
        "units": summary["units"],
        "modularity": summary["modularity"],
        "iterations": summary["iterations"],
        "minimum_self_containment": percent(summary["minimum_self_containment"]),
        "median_self_containment": percent(summary["median_self_containment"]),
        "share_working_in_own_region": percent(summary["share_working_in_own_region"]),
        "not_assigned": summary["not_assigned"],
        "zero_list": summary["zero_list"],
        "rows": rows,
    }
