"""Labour-market regions page: a run's map layer, export table and summary, the members view with
map colours, and a loaded classification compared with a run."""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from samspill.analyses.models import AnalysisRun
from samspill.analyses.presenters._common import percent
from samspill.analyses.tables import ExportTable, ssb_source
from samspill.geo.feature_collections import feature, feature_collection
from samspill.regions.models import Municipality

if TYPE_CHECKING:
    from samspill.analyses.comparison import ClassificationComparison


def lma_feature_collection(
    run: AnalysisRun,
    municipalities: Iterable[Municipality],
    predecessors: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    """Municipality outlines with `group` = region number and `group_name` (its centre).

    A municipality the matrix does not have (SSB kept 2020–2022 flows of Ålesund and Haram on
    the pre-2024 number 1507) takes the region of its predecessor from `predecessors`.
    """
    result = run.result or {}
    assignment: dict[str, int] = result.get("assignment", {})
    names = {region["region"]: region["name"] for region in result.get("regions", [])}

    def group_of(number: str) -> int:
        if number in assignment:
            return assignment[number]
        found = [
            assignment[old] for old in (predecessors or {}).get(number, []) if old in assignment
        ]
        return found[0] if found else 0

    return feature_collection(
        feature(
            municipality.boundary,
            {
                "number": municipality.number,
                "name": municipality.name,
                "group": group_of(municipality.number),
                "group_name": names.get(group_of(municipality.number), ""),
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
        title=_("Beregnede arbeidsmarkedsregioner %(year)s") % {"year": result.get("year")},
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
        "year": str(result["year"]),
        "parameters": result["parameters"],
        # Cited in the reader's language (the stored result keeps the text of the run's language).
        "citation": _("Kilde: Statistisk sentralbyrå, tabell %(table)s. Lisens: CC BY 4.0.")
        % {"table": result["source"].get("table", "03321")},
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


# --------------------------------------------------------------------------------------------
# Labour-market regions against a loaded classification


def comparison_table(comparison: "ClassificationComparison") -> ExportTable:
    """One row per municipality placed differently: region, matched class, its own class."""
    rows = [
        [
            number,
            name,
            group.region,
            group.region_name,
            group.matched_class,
            group.matched_class_name,
            group.other_class,
            group.other_class_name,
        ]
        for group in comparison.groups
        for number, name in group.municipalities
    ]
    result = comparison.comparison
    return ExportTable(
        title=_("Arbeidsmarkedsregioner %(year)s sammenlignet med %(name)s")
        % {"year": comparison.year, "name": comparison.classification.name},
        columns=[
            "kommunenummer",
            "kommune",
            "region",
            "regionsenter",
            "samsvarende_klasse",
            "samsvarende_klassenavn",
            "kommunens_klasse",
            "kommunens_klassenavn",
        ],
        rows=rows,
        source=ssb_source("03321") + "; " + (comparison.classification.source or "-"),
        parameters={
            "justert_rand_indeks": result.adjusted_rand_index,
            "kommuner": result.units,
            "regioner": result.classes_first,
            "klasser": result.classes_second,
            "kommuner_som_avviker": result.differing_units,
        },
        notes=[
            _(
                "Samsvarende klasse: klassen som regionens senterkommune ligger i. En kommune "
                "avviker når den ligger i en annen klasse enn den."
            )
        ],
    )


def comparison_view(comparison: "ClassificationComparison") -> dict[str, Any]:
    """Summary figures and the differing municipalities grouped by computed region."""
    result = comparison.comparison
    regions: dict[int, dict[str, Any]] = {}
    for group in comparison.groups:
        entry = regions.setdefault(
            group.region,
            {
                "region": group.region,
                "name": group.region_name,
                "matched": f"{group.matched_class} {group.matched_class_name}".strip(),
                "others": [],
                "count": 0,
            },
        )
        entry["others"].append(
            {
                "class": f"{group.other_class} {group.other_class_name}".strip(),
                "municipalities": [f"{name} ({number})" for number, name in group.municipalities],
            }
        )
        entry["count"] += len(group.municipalities)
    return {
        "ari": result.adjusted_rand_index,
        "units": result.units,
        "regions": result.classes_first,
        "classes": result.classes_second,
        "differing": result.differing_units,
        "differing_share": result.differing_units / result.units if result.units else None,
        "groups": sorted(regions.values(), key=lambda entry: (-entry["count"], entry["name"])),
        "not_in_run": [f"{name} ({number})" for number, name in comparison.not_in_run],
        "not_classified": [f"{name} ({number})" for number, name in comparison.not_classified],
    }


LMA_PALETTE_SIZE = 15
"""Colours in static/samspill/lma-map.js and the .lma-swatch--N classes of samspill.css."""


def lma_colour_index(region: int) -> int:
    """The map colour of a region: the same rule as lma-map.js ((region·7) mod 15; 0 = none)."""
    return 0 if not region else (region * 7) % LMA_PALETTE_SIZE + 1


def lma_members_view(
    view: dict[str, Any] | None, *, names: dict[str, str], found_region: int | None
) -> dict[str, Any] | None:
    """Add member names, map colour and the searched municipality's region to a result view."""
    if view is None:
        return None
    found = None
    for row in view["rows"]:
        row["member_names"] = sorted(names.get(number, number) for number in row["members"])
        row["colour"] = lma_colour_index(int(row["region"]))
        row["highlighted"] = found_region is not None and int(row["region"]) == found_region
        if row["highlighted"]:
            found = row
    return view | {"found": found}
