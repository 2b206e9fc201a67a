"""New-jobs page: where new jobs are allocated (view, map layer and export table)."""

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samspill.analyses.presenters._common import percent
from samspill.analyses.tables import ExportTable, ssb_source
from samspill.core.charts import chart_spec
from samspill.geo.feature_collections import feature, feature_collection
from samspill.regions.models import Municipality

if TYPE_CHECKING:
    from samspill.analyses.area import AllocationResult


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
