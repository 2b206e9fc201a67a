"""Analysis results → template rows, chart specs, map layers and export tables."""

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samspill.analyses.models import AnalysisRun
from samspill.analyses.tables import ExportTable, ssb_source
from samspill.analytics.industry_types import IndustryType
from samspill.core.charts import chart_spec
from samspill.core.numbers import format_number, format_percent
from samspill.geo.feature_collections import feature, feature_collection
from samspill.regions.models import Municipality

if TYPE_CHECKING:
    from samspill.analyses.area import (
        AllocationResult,
        CommutingResult,
        GrowthResult,
        ShiftShareResult,
    )
    from samspill.analyses.benchmark import BenchmarkResult, Indicator
    from samspill.analyses.comparison import ClassificationComparison


# The pure library names the types in Norwegian; pages show them in the reader's language.
INDUSTRY_TYPE_LABELS = {
    IndustryType.BASIC: gettext_lazy("basisnæringer"),
    IndustryType.VISITOR: gettext_lazy("besøksnæringer"),
    IndustryType.REGIONAL: gettext_lazy("regionale næringer"),
    IndustryType.LOCAL: gettext_lazy("lokale næringer"),
}


def industry_type_label(value: object) -> str:
    return str(INDUSTRY_TYPE_LABELS[IndustryType(str(value))])


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


def percent(value: float | None) -> float | None:
    """A share as a percentage, keeping None; rounded once, where it is shown (`|number:n`)."""
    return None if value is None else 100 * value


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
# Area analyses (region or municipality page)


def _n(value: float, decimals: int = 0, *, sign: bool = False) -> str:
    return format_number(value, decimals, signed=sign)


def _finite(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def growth_view(result: "GrowthResult | None", *, chart_id: str) -> dict[str, Any] | None:
    """Chart spec (index, base year = 100) and the same numbers as table rows."""
    if result is None:
        return None
    # Pivot on the area code, not the label: Oslo the municipality and Oslo the county share a name.
    wide = result.indexed.pivot(index="year", columns="area", values="index").sort_index()
    values = result.indexed.pivot(index="year", columns="area", values="value").sort_index()
    codes = _area_order(result)
    label_of = _distinct_labels(result, codes)
    labels = [label_of[code] for code in codes]
    rows = [
        {
            "year": str(year),
            "cells": [
                {"index": _finite(wide.at[year, code]), "value": _finite(values.at[year, code])}
                for code in codes
            ],
        }
        for year in wide.index
    ]
    periods = [
        {
            "label": label_of.get(str(row["area"]), row["label"]),
            "start": row["start_value"],
            "end": row["end_value"],
            "change": row["change"],
            "growth_percent": percent(_finite(row["growth_rate"])),
            "annual_percent": percent(_finite(row["compound_annual_rate"])),
        }
        for row in result.periods.to_dict("records")
    ]
    order = {label: position for position, label in enumerate(labels)}
    periods.sort(key=lambda period: order.get(period["label"], 99))
    return {
        "chart_id": chart_id,
        "indicator": result.indicator,
        "table_number": result.table_number,
        "base_year": str(result.base_year),
        "labels": labels,
        "rows": rows,
        "periods": periods,
        "chart": chart_spec(
            labels=[row["year"] for row in rows],
            datasets=[
                (label, [cell["index"] for cell in _column(rows, i)])
                for i, label in enumerate(labels)
            ],
            y_title=_("Indeks (%(year)s = 100)") % {"year": result.base_year},
            decimals=1,
        ),
    }


def _column(rows: list[dict[str, Any]], position: int) -> list[dict[str, Any]]:
    return [row["cells"][position] for row in rows]


def _distinct_labels(result: "GrowthResult", codes: list[str]) -> dict[str, str]:
    """Label per area code; a county named like the area gets "(fylke)" so the two stay apart."""
    first = result.indexed.drop_duplicates("area").set_index("area")["label"]
    labels = {code: str(first[code]) for code in codes}
    taken = [labels[code] for code in codes if not code.startswith("fylke-")]
    for code in codes:
        if code.startswith("fylke-") and labels[code] in taken:
            labels[code] = _("%(name)s (fylke)") % {"name": labels[code]}
    return labels


def _area_order(result: "GrowthResult") -> list[str]:
    codes = list(dict.fromkeys(result.indexed["area"]))
    area = [c for c in codes if c != "0" and not c.startswith("fylke-")]
    counties = sorted(c for c in codes if c.startswith("fylke-"))
    return [*area, *counties, *(["0"] if "0" in codes else [])]


def growth_table(result: "GrowthResult") -> ExportTable:
    """Values and index per area and year."""
    rows = [
        [row["area"], row["label"], int(row["year"]), row["value"], _finite(row["index"])]
        for row in result.indexed.sort_values(["area", "year"]).to_dict("records")
    ]
    return ExportTable(
        title=_("Vekst: %(indicator)s") % {"indicator": result.indicator},
        columns=["omrade", "navn", "ar", "verdi", "indeks"],
        rows=rows,
        source=ssb_source(result.table_number),
        parameters={"basisar": result.base_year},
    )


def shift_share_explanation(row: dict[str, Any], *, name: str, reference: str) -> list[str]:
    """The decomposition of one area in plain Norwegian, sentence by sentence."""
    change, start = float(row["change"]), float(row["start_employment"])
    national, mix, regional = (
        float(row[key]) for key in ("national_share", "industry_mix", "regional_share")
    )
    expected = national + mix
    rate = 100 * change / start if start else 0.0
    return [
        _(
            "Fra %(start)s til %(end)s endret antall sysselsatte med arbeidssted i %(name)s seg "
            "med %(change)s personer (%(rate)s %%)."
        )
        % {
            "start": row["start_year"],
            "end": row["end_year"],
            "name": name,
            "change": _n(change, sign=True),
            "rate": _n(rate, 1, sign=True),
        },
        _(
            "Referanseandel («nasjonal andel»): hadde %(name)s vokst like mye som referansen "
            "(%(reference)s), ville endringen vært %(national)s."
        )
        % {"name": name, "reference": reference, "national": _n(national, sign=True)},
        (
            _(
                "Bransjestruktur: %(name)s har relativt mye av bransjer som vokste raskt i "
                "referansen, og det gir %(mix)s."
            )
            if mix >= 0
            else _(
                "Bransjestruktur: %(name)s har relativt mye av bransjer som vokste svakt i "
                "referansen, og det gir %(mix)s."
            )
        )
        % {"name": name, "mix": _n(mix, sign=True)},
        (
            _(
                "Veksten var %(regional)s høyere enn bransjestrukturen skulle tilsi "
                "(forventet %(expected)s). Dette er den regionale effekten "
                "(attraktivitetseffekten): det stedet selv gjorde bedre enn bransjene tilsier."
            )
            if regional >= 0
            else _(
                "Veksten var %(regional)s lavere enn bransjestrukturen skulle tilsi "
                "(forventet %(expected)s). Dette er den regionale effekten "
                "(attraktivitetseffekten): det stedet selv gjorde dårligere enn bransjene tilsier."
            )
        )
        % {"regional": _n(abs(regional)), "expected": _n(expected, sign=True)},
    ]


def shift_share_view(result: "ShiftShareResult | None") -> dict[str, Any] | None:
    """Explanation, component rows, industries, types and specialisation for the template."""
    if result is None:
        return None
    reference = result.reference_label
    names = {result.area.code: result.area.name, **result.area.names}
    totals = [
        {
            **row,
            "name": names.get(row["region"], row["region"]),
            "expected": row["national_share"] + row["industry_mix"],
            "rate_percent": percent(_finite(row["growth_rate"])),
        }
        for row in result.totals.to_dict("records")
    ]
    industries = [
        {**row, "expected": row["expected_change"]} for row in result.by_industry.to_dict("records")
    ]
    types = [
        {**row, "label": industry_type_label(row["industry_type"])}
        for row in result.by_type.to_dict("records")
    ]
    quotients = [
        {
            "industry": row["industry"],
            "employment": row["employment"],
            "reference_employment": row["reference_employment"],
            "share_percent": percent(row["employment"] / row["region_total"])
            if row["region_total"]
            else None,
            "reference_share_percent": percent(row["reference_employment"] / row["reference_total"])
            if row["reference_total"]
            else None,
            "location_quotient": _finite(row["location_quotient"]),
        }
        for row in result.location_quotients.to_dict("records")
    ]
    return {
        "reference": reference,
        "scope": SCOPE_LABELS[result.scope],
        "start_year": str(result.start_year),
        "end_year": str(result.end_year),
        "explanation": shift_share_explanation(
            {str(key): value for key, value in totals[0].items()},
            name=result.area.name,
            reference=str(reference),
        ),
        "totals": totals,
        "industries": industries,
        "types": types,
        "quotients": quotients,
        "specialisation": result.specialisation,
        "missing": [names.get(number, number) for number in result.missing],
        "notes": result.notes,
        "table_number": result.table_number,
    }


SCOPE_LABELS = {
    "business": gettext_lazy(
        "næringslivet (uten offentlig administrasjon, undervisning, helse og uoppgitt næring)"
    ),
    "all": gettext_lazy("alle næringer, også offentlige tjenester"),
}


def shift_share_table(result: "ShiftShareResult") -> ExportTable:
    """Per industry components of the area, then the totals of the area and each member."""
    columns = [
        "omrade",
        "naering",
        "sysselsatte_start",
        "sysselsatte_slutt",
        "endring",
        "referanseandel",
        "bransjestruktur",
        "regional_effekt",
        "forventet_endring",
    ]
    keys = [
        "start_employment",
        "end_employment",
        "change",
        "national_share",
        "industry_mix",
        "regional_share",
    ]
    rows = [
        [result.area.code, row["industry"], *[row[key] for key in keys], row["expected_change"]]
        for row in result.by_industry.to_dict("records")
    ]
    rows += [
        [
            row["region"],
            "I alt",
            *[row[key] for key in keys],
            row["national_share"] + row["industry_mix"],
        ]
        for row in result.totals.to_dict("records")
    ]
    return ExportTable(
        title=_("Skift-andel-analyse for %(name)s") % {"name": result.area.name},
        columns=columns,
        rows=rows,
        source=ssb_source(result.table_number),
        parameters={
            "fra": result.start_year,
            "til": result.end_year,
            "referanse": result.reference_label,
            "naeringer": str(SCOPE_LABELS[result.scope]),
            "metode": "Dunn (klassisk), samspill.analytics.shift_share",
        },
        notes=[_("Mangler i tabellen: %(codes)s") % {"codes": ", ".join(result.missing)}]
        if result.missing
        else [],
    )


def specialisation_table(result: "ShiftShareResult") -> ExportTable:
    """Location quotients per industry in the end year, indices in the provenance lines."""
    rows = [
        [
            row["industry"],
            row["employment"],
            row["reference_employment"],
            _finite(row["location_quotient"]),
        ]
        for row in result.location_quotients.to_dict("records")
    ]
    return ExportTable(
        title=_("Lokaliseringskvotienter for %(name)s %(year)s")
        % {"name": result.area.name, "year": result.end_year},
        columns=["naering", "sysselsatte", "sysselsatte_referanse", "lokaliseringskvotient"],
        rows=rows,
        source=ssb_source(result.table_number),
        parameters={
            "ar": result.end_year,
            "referanse": result.reference_label,
            "naeringer": str(SCOPE_LABELS[result.scope]),
        },
        notes=[f"{name}: {value}" for name, value in result.specialisation.items()],
    )


COMMUTING_ROWS = [
    ("employed_residents", gettext_lazy("Sysselsatte bosatte"), "count"),
    ("jobs", gettext_lazy("Arbeidsplasser (sysselsatte med arbeidssted her)"), "count"),
    ("internal", gettext_lazy("Bor og jobber i området"), "count"),
    ("out_commuters", gettext_lazy("Utpendlere"), "count"),
    ("in_commuters", gettext_lazy("Innpendlere"), "count"),
    ("net_commuting", gettext_lazy("Netto innpendling"), "count"),
    (
        "supply_self_containment",
        gettext_lazy("Selvforsyning, tilbudssiden (bosatte som jobber her)"),
        "share",
    ),
    (
        "demand_self_containment",
        gettext_lazy("Selvforsyning, etterspørselssiden (jobber holdt av bosatte)"),
        "share",
    ),
    ("job_ratio", gettext_lazy("Arbeidsplassdekning (jobber per sysselsatt bosatt)"), "ratio"),
    (
        "cross_commuting_share",
        gettext_lazy("Pendler til en annen kommune i regionen (andel av bosatte)"),
        "share",
    ),
    (
        "internal_cohesion_links",
        gettext_lazy("Kommunepar med pendling (andel av alle par)"),
        "share",
    ),
]


CHARTED_INDICATORS = ("supply_self_containment", "demand_self_containment", "cross_commuting_share")


def commuting_view(result: "CommutingResult | None") -> dict[str, Any] | None:
    """Indicators as rows (one per indicator, one column per year), chart and trend."""
    if result is None:
        return None
    frame = result.indicators.set_index("year")
    years = [int(year) for year in frame.index]
    trend = result.trend.set_index("indicator")
    rows: list[dict[str, Any]] = []
    charted: list[tuple[str, Sequence[float | None]]] = []
    for key, label, kind in COMMUTING_ROWS:
        if key not in frame.columns:
            continue
        values = [_finite(frame.at[year, key]) for year in frame.index]
        if kind == "share":
            values = [percent(value) for value in values]
        slope = _finite(trend.at[key, "slope_per_year"]) if key in trend.index else None
        if slope is not None and kind == "share":
            slope = percent(slope)
        rows.append({"label": label, "kind": kind, "values": values, "slope": slope})
        if key in CHARTED_INDICATORS:
            charted.append((str(label), values))
    return {
        "years": [str(year) for year in years],
        "rows": rows,
        "known_gaps": result.known_gaps,
        "table_number": result.table_number,
        "chart": chart_spec(
            labels=years,
            datasets=charted,
            y_title=_("Prosent"),
            decimals=1,
            from_zero=True,
        ),
    }


def commuting_table(result: "CommutingResult") -> ExportTable:
    """Indicators of the area and each member per year."""
    columns = ["omrade", "ar", *[key for key, _label, _kind in COMMUTING_ROWS]]
    frames_ = [result.indicators] if result.area.is_region else []
    frames_.append(result.members)
    rows = [
        [
            record["area"],
            int(record["year"]),
            *[_finite(record.get(key)) for key, _l, _k in COMMUTING_ROWS],
        ]
        for frame in frames_
        for record in frame.to_dict("records")
    ]
    return ExportTable(
        title=_("Pendlingsindikatorer for %(name)s") % {"name": result.area.name},
        columns=columns,
        rows=rows,
        source=ssb_source(result.table_number),
        parameters={"kommuner": ", ".join(result.area.numbers)},
        notes=result.known_gaps,
    )


def allocation_view(result: "AllocationResult", *, top: int = 15) -> dict[str, Any]:
    """The largest allocations (the rest summed) with their interval."""
    records = result.rows.to_dict("records")
    shown = [
        {
            "number": row["unit"],
            "name": row["name"],
            "share_percent": percent(row["share"]),
            "allocated": row["allocated"],
            "rounded": int(row["allocated_rounded"]),
            "lower": row["lower"],
            "upper": row["upper"],
        }
        for row in records[:top]
    ]
    rest = records[top:]
    years = result.years or [result.year]
    return {
        "municipality": result.municipality,
        "count": result.count,
        "year": str(result.year),
        "years": years,
        "years_text": _years_text(years),
        "pooled": len(years) > 1,
        "chart": chart_spec(
            chart_type="bar",
            labels=[row["name"] or row["number"] for row in shown],
            datasets=[
                (
                    _("Fordelt (antall)"),
                    [row["rounded"] for row in shown],
                )
            ],
            y_title=_("Antall"),
            x_kind="category",
            from_zero=True,
        ),
        "legend": [
            {"css_class": f"allocation-class-{index}", "label": label}
            for index, label in enumerate(ALLOCATION_CLASS_LABELS)
        ],
        "direction": result.direction,
        "rows": shown,
        "rest_count": len(rest),
        "rest_allocated": sum(int(row["allocated_rounded"]) for row in rest),
        "rest_share_percent": percent(sum(float(row["share"]) for row in rest)),
        "home_share_percent": next(
            (percent(row["share"]) for row in records if row["unit"] == result.municipality.number),
            0.0,
        ),
        "confidence_percent": round(100 * result.confidence),
        "table_number": result.table_number,
    }


ALLOCATION_CLASS_BOUNDS = (0.01, 0.05, 0.10, 0.25, 0.50)
"""Share thresholds of the allocation map's colour classes (0: under 1 %, 5: 50 % or more)."""
ALLOCATION_CLASS_LABELS = (
    gettext_lazy("under 1 %"),
    gettext_lazy("1–5 %"),
    gettext_lazy("5–10 %"),
    gettext_lazy("10–25 %"),
    gettext_lazy("25–50 %"),
    # xgettext:no-python-format
    gettext_lazy("50 % eller mer"),
)


def allocation_class(share: float) -> int:
    """The map's colour class of a share (0–5, see ALLOCATION_CLASS_BOUNDS)."""
    return sum(share >= bound for bound in ALLOCATION_CLASS_BOUNDS)


def _years_text(years: Sequence[int]) -> str:
    if len(years) == 1:
        return str(years[0])
    return _("%(first)s og %(last)s") % {
        "first": ", ".join(str(year) for year in years[:-1]),
        "last": years[-1],
    }


def allocation_feature_collection(
    result: "AllocationResult", municipalities: Iterable[Municipality]
) -> dict[str, Any]:
    """The allocated municipalities' outlines with `allocated`, `share` and colour `class`."""
    by_unit = {str(row["unit"]): row for row in result.rows.to_dict("records")}
    return feature_collection(
        feature(
            municipality.boundary,
            {
                "number": municipality.number,
                "name": municipality.name,
                "allocated": int(by_unit[municipality.number]["allocated_rounded"]),
                "share_percent": percent(float(by_unit[municipality.number]["share"])),
                "class": allocation_class(float(by_unit[municipality.number]["share"])),
                "origin": municipality.number == result.municipality.number,
            },
        )
        for municipality in municipalities
        if municipality.boundary is not None and municipality.number in by_unit
    )


def allocation_table(result: "AllocationResult") -> ExportTable:
    """Every municipality of the allocation with its interval."""
    unit = "bostedskommune" if result.direction == "jobs" else "arbeidsstedskommune"
    rows = [
        [
            row["unit"],
            row["name"],
            row["observed"],
            row["share"],
            row["allocated"],
            int(row["allocated_rounded"]),
            row["standard_error"],
            row["lower"],
            row["upper"],
        ]
        for row in result.rows.to_dict("records")
    ]
    title = (
        _("%(count)s nye jobber i %(name)s: hvor vil de ansatte bo?")
        if result.direction == "jobs"
        else _("%(count)s nye sysselsatte innbyggere i %(name)s: hvor vil de jobbe?")
    ) % {"count": result.count, "name": result.municipality.name}
    return ExportTable(
        title=title,
        columns=[
            unit,
            "navn",
            "observert",
            "andel",
            "fordelt",
            "fordelt_heltall",
            "standardfeil",
            "nedre",
            "ovre",
        ],
        rows=rows,
        source=ssb_source(result.table_number),
        parameters={
            "kommune": result.municipality.number,
            "antall": result.count,
            "ar": result.year,
            "ar_slatt_sammen": ", ".join(str(year) for year in (result.years or [result.year])),
            "retning": result.direction,
            "konfidensniva": result.confidence,
        },
        notes=[
            _(
                "Forutsetninger: nye jobber rekrutterer som dagens; ingen flytting modellert; "
                "samme mønster for alle næringer (matrisen har ingen næring)."
            ),
            _(
                "Bosted er folkeregistrert adresse: ukependlere telles der de er registrert, ikke "
                "der de bor i ukedagene."
            ),
        ],
    )


# --------------------------------------------------------------------------------------------
# Benchmarking (regions and chosen municipalities side by side)


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


def industry_types_view(
    *, mapping: dict[str, str], defaults: dict[str, str], mix: list[dict[str, Any]]
) -> dict[str, Any]:
    """One row per SSB group: the type used, the default, and the group's national mix."""
    by_group: dict[str, list[dict[str, Any]]] = {}
    for row in mix:
        by_group.setdefault(str(row["group"]), []).append(row)
    rows = []
    for group, default in defaults.items():
        used = mapping.get(group, default)
        parts = sorted(by_group.get(group, []), key=lambda row: -float(row["employment"]))
        shares = [
            {
                "label": industry_type_label(part["industry_type"]),
                "percent": percent(part["share"]),
            }
            for part in parts
        ]
        top = float(parts[0]["share"]) if parts else 1.0
        rows.append(
            {
                "group": group,
                "used": industry_type_label(used),
                "default": industry_type_label(default),
                "changed": used != default,
                "mix": shares,
                # A close call: the largest type has under 60 % of the group's jobs nationally.
                "close": len(parts) > 1 and top < 0.6,
            }
        )
    return {"rows": rows, "changed": any(row["changed"] for row in rows), "has_mix": bool(mix)}
