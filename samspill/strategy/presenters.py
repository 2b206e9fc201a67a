"""Results → plain rows and dicts for templates and exports (no queries here)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from samspill.core.charts import chart_spec
from samspill.strategy.changes import Snapshot, SnapshotChanges, snapshot_changes
from samspill.strategy.models import GoalIndicator, Measure
from samspill.strategy.status import IndicatorAssessment

STATUS_COLORS = {
    "reached": "success",
    "on_track": "success",
    "at_risk": "warning",
    "off_track": "danger",
    "no_data": "neutral",
    "planned": "info",
    "ongoing": "accent",
    "done": "success",
    "stopped": "neutral",
}


def measure_columns() -> list[str]:
    """Column headings of a measure export, in order."""
    return [
        _("Kommune"),
        _("Tiltak"),
        _("Beskrivelse"),
        _("Mål"),
        _("Ansvarlig"),
        _("Samarbeidskommuner"),
        _("Andre partnere"),
        _("Start"),
        _("Frist"),
        _("Budsjett (kr)"),
        _("Status"),
        _("Rolle"),
        _("Siste fremdrift"),
    ]


def measure_rows(measures: Iterable[Measure]) -> list[list[Any]]:
    """One row per measure, matching `measure_columns()` (typed values: dates, numbers)."""
    return [
        [
            measure.action_plan.municipality.name,
            measure.title,
            measure.description,
            "; ".join(goal.title for goal in measure.goals.all()),
            str(measure.owner or measure.owner_name or ""),
            ", ".join(m.name for m in measure.partner_municipalities.all()),
            measure.partners,
            measure.start_date,
            measure.deadline,
            int(measure.budget) if measure.budget is not None else None,
            str(measure.get_status_display()),
            str(measure.get_role_display()),
            getattr(measure, "last_progress", None),
        ]
        for measure in measures
    ]


@dataclass(frozen=True)
class ReportView:
    """Everything the politicians' report (page and PDF) shows, from snapshots only."""

    title: str
    snapshot: Snapshot
    changes: SnapshotChanges
    previous_title: str | None
    previous_as_of: str | None

    @property
    def as_of(self) -> datetime.date:
        return datetime.date.fromisoformat(self.snapshot["as_of"])

    @property
    def focus_areas(self) -> list[dict[str, Any]]:
        """Focus areas with goals whose indicators are resolved from the snapshot."""
        indicators = self.snapshot.get("indicators", {})
        return [
            {
                "name": area["name"],
                "goals": [
                    goal
                    | {
                        "indicators": [
                            indicators[key] | {"color": STATUS_COLORS[indicators[key]["status"]]}
                            for key in goal["indicator_keys"]
                        ]
                    }
                    for goal in area["goals"]
                ],
            }
            for area in self.snapshot.get("focus_areas", [])
        ]

    @property
    def indicator_summary(self) -> list[tuple[str, int, str]]:
        """(status label, count, colour) over all indicators, in a fixed order."""
        order = ["reached", "on_track", "at_risk", "off_track", "no_data"]
        counts: dict[str, tuple[str, int]] = {}
        for indicator in self.snapshot.get("indicators", {}).values():
            label, count = counts.get(indicator["status"], (indicator["status_label"], 0))
            counts[indicator["status"]] = (label, count + 1)
        return [(counts[s][0], counts[s][1], STATUS_COLORS[s]) for s in order if s in counts]

    @property
    def measure_summary(self) -> list[tuple[str, int]]:
        labels = dict(Measure.Status.choices)
        return [
            (str(labels[status]), count)
            for status, count in self.snapshot.get("measure_counts", {}).items()
        ]

    @property
    def goals_without_measures(self) -> list[str]:
        return [
            goal["title"]
            for area in self.snapshot.get("focus_areas", [])
            for goal in area["goals"]
            if not goal["measure_count"]
        ]


def report_indicator_columns() -> list[str]:
    """Column headings of the report's indicator table export."""
    return [
        _("Innsatsområde"),
        _("Mål"),
        _("Indikator"),
        _("Enhet"),
        _("Utgangsverdi"),
        _("Utgangsverdi per"),
        _("Siste måling"),
        _("Målt"),
        _("Målverdi"),
        _("Frist"),
        _("Status"),
        _("Forklaring"),
        _("Tiltak for målet"),
    ]


def report_indicator_rows(report: "ReportView") -> list[list[Any]]:
    """One row per indicator (goals without an indicator get one row too), as the report shows."""
    rows: list[list[Any]] = []
    for area in report.focus_areas:
        for goal in area["goals"]:
            base = [area["name"], goal["title"]]
            measures = goal["measure_count"]
            if not goal["indicators"]:
                rows.append([*base, "", "", None, None, None, None, None, None, "", "", measures])
            rows.extend(
                [
                    *base,
                    item["name"],
                    item["unit"],
                    item.get("baseline"),
                    _iso(item.get("baseline_date")),
                    item["value"],
                    _iso(item["date"]),
                    item.get("target"),
                    _iso(item.get("target_date")),
                    item["status_label"],
                    item["explanation"],
                    measures,
                ]
                for item in goal["indicators"]
            )
    return rows


def _iso(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def report_view(
    *, title: str, snapshot: Snapshot, previous: Snapshot | None, previous_title: str | None
) -> ReportView:
    """Pair a snapshot with what changed since the previous one."""
    return ReportView(
        title=title,
        snapshot=snapshot,
        changes=snapshot_changes(previous, snapshot),
        previous_title=previous_title,
        previous_as_of=(previous or {}).get("as_of"),
    )


def indicator_chart(indicator: GoalIndicator, assessment: IndicatorAssessment) -> dict[str, Any]:
    """Chart.js spec: the readings, the straight path from baseline to target and the trend
    projection to the deadline (the readings are also in the table beside it)."""
    readings = {r.date: float(r.value) for r in indicator.readings.all()}
    dates = sorted({indicator.baseline_date, indicator.target_date, *readings})
    measured = {indicator.baseline_date: float(indicator.baseline_value), **readings}
    path = {
        indicator.baseline_date: float(indicator.baseline_value),
        indicator.target_date: float(indicator.target_value),
    }
    trend: dict[datetime.date, float] = {}
    if assessment.projected_value is not None and assessment.latest is not None:
        trend = {
            assessment.latest.date: assessment.latest.value,
            indicator.target_date: assessment.projected_value,
        }
    datasets = [
        (_("Målinger"), [measured.get(date) for date in dates]),
        (_("Jevn vei mot målet"), [path.get(date) for date in dates]),
    ]
    if trend:
        datasets.append((_("Trend fram til fristen"), [trend.get(date) for date in dates]))
    return chart_spec(
        labels=dates, datasets=datasets, y_title=indicator.unit, x_kind="date", decimals=1
    )
