"""Area analyses page (region or municipality): growth, shift-share, specialisation, commuting
indicators and the industry types used."""

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samspill.analyses.presenters._common import industry_type_label, percent
from samspill.analyses.tables import ExportTable, ssb_source
from samspill.core.charts import chart_spec
from samspill.core.numbers import format_number

if TYPE_CHECKING:
    from samspill.analyses.area import CommutingResult, GrowthResult, ShiftShareResult


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
