"""Results → plain rows and dicts for templates and exports (no queries here)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from samspill.core.charts import chart_spec
from samspill.core.svgcharts import ChartFigure, chart_figure
from samspill.strategy.changes import Snapshot, SnapshotChanges, snapshot_changes
from samspill.strategy.models import GoalIndicator, Measure
from samspill.strategy.status import IndicatorAssessment, Status

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
        pgettext("goal", "Mål"),
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
    def previous_date(self) -> datetime.date | None:
        """The previous report's date, to be written for the reader's language."""
        return _iso(self.previous_as_of)

    @property
    def language(self) -> str:
        """The language the snapshot's texts (indicator explanations) were written in.

        Labels are derived again in the reader's language; explanations are frozen sentences, so
        the page marks them with their own language (WCAG 3.1.2). Older snapshots are bokmål.
        """
        return str(self.snapshot.get("language", settings.LANGUAGE_CODE))

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
        pgettext("goal", "Mål"),
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


def snapshot_in_active_language(snapshot: Snapshot) -> Snapshot:
    """The snapshot with its status labels in the reader's language.

    A saved snapshot keeps the labels of the language it was saved in; shown as they are, an English
    report read "planlagt → in progress". The codes are stored too, so labels are derived again.
    """
    measure_labels = dict(Measure.Status.choices)
    measures = {
        key: measure
        | {"status_label": str(measure_labels.get(measure["status"], measure["status"]))}
        for key, measure in snapshot.get("measures", {}).items()
    }
    indicators = {
        key: indicator | {"status_label": _indicator_label(indicator.get("status", ""))}
        for key, indicator in snapshot.get("indicators", {}).items()
    }
    return snapshot | {"measures": measures, "indicators": indicators}


def _indicator_label(code: str) -> str:
    try:
        return Status(code).label
    except ValueError:
        return code


def report_view(
    *, title: str, snapshot: Snapshot, previous: Snapshot | None, previous_title: str | None
) -> ReportView:
    """Pair a snapshot with what changed since the previous one."""
    snapshot = snapshot_in_active_language(snapshot)
    previous = snapshot_in_active_language(previous) if previous is not None else None
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
    trend: dict[datetime.date, float] = {}
    if assessment.projected_value is not None and assessment.latest is not None:
        trend = {
            assessment.latest.date: assessment.latest.value,
            indicator.target_date: assessment.projected_value,
        }
    return _progress_chart(
        unit=indicator.unit,
        baseline=(indicator.baseline_date, float(indicator.baseline_value)),
        target=(indicator.target_date, float(indicator.target_value)),
        readings={r.date: float(r.value) for r in indicator.readings.all()},
        trend=trend,
    )


def _progress_chart(
    *,
    unit: str,
    baseline: tuple[datetime.date, float],
    target: tuple[datetime.date, float],
    readings: dict[datetime.date, float],
    trend: dict[datetime.date, float],
) -> dict[str, Any]:
    dates = sorted({baseline[0], target[0], *readings, *trend})
    measured = {baseline[0]: baseline[1], **readings}
    path = dict([baseline, target])
    datasets = [
        (_("Målinger"), [measured.get(date) for date in dates]),
        (_("Jevn vei mot målet"), [path.get(date) for date in dates]),
    ]
    if trend:
        datasets.append((_("Trend fram til fristen"), [trend.get(date) for date in dates]))
    return chart_spec(labels=dates, datasets=datasets, y_title=unit, x_kind="date", decimals=1)


def snapshot_figures(snapshot: Snapshot) -> dict[str, ChartFigure]:
    """A saved report's indicator charts, drawn from its snapshot alone (ADR 76): the readings
    and the trend it holds (reports saved since they are kept), otherwise the baseline and the
    latest value the report showed; always the straight path to the target. Nothing is read
    from today's data, so the chart shows what was true when the report was saved."""
    figures = {}
    for key, item in (snapshot.get("indicators") or {}).items():
        try:
            baseline = (datetime.date.fromisoformat(item["baseline_date"]), float(item["baseline"]))
            target = (datetime.date.fromisoformat(item["target_date"]), float(item["target"]))
            readings = {
                datetime.date.fromisoformat(day): float(value)
                for day, value in item.get("readings") or []
            }
            if not readings and item.get("date") and item.get("value") is not None:
                readings = {datetime.date.fromisoformat(item["date"]): float(item["value"])}
            trend = {}
            if (
                item.get("projected") is not None
                and item.get("date")
                and item.get("value") is not None
            ):
                trend = {
                    datetime.date.fromisoformat(item["date"]): float(item["value"]),
                    target[0]: float(item["projected"]),
                }
        except (KeyError, TypeError, ValueError):
            continue  # an indicator the snapshot does not describe fully gets no chart
        name, unit = str(item.get("name", "")), str(item.get("unit", ""))
        chart = _progress_chart(
            unit=unit, baseline=baseline, target=target, readings=readings, trend=trend
        )
        figures[str(key)] = chart_figure(
            chart,
            title=f"{name} ({unit})" if unit else name,
            description=_chart_description(name, unit),
            x_heading=_("Dato"),
            language=get_language() or settings.LANGUAGE_CODE,
        )
    return figures


@dataclass(frozen=True)
class PublicIndicator:
    """One indicator on the published page: values, status, trend, and its chart."""

    indicator: GoalIndicator
    assessment: IndicatorAssessment
    chart: dict[str, Any]
    chart_id: str
    figure: ChartFigure | None = None  # the same chart as SVG, for PDFs

    @property
    def color(self) -> str:
        return STATUS_COLORS.get(str(self.assessment.status), "neutral")


@dataclass(frozen=True)
class PublicGoal:
    """A goal on the published page with its indicators and the measures serving it."""

    title: str
    description: str
    indicators: list[PublicIndicator]
    measures_by_municipality: dict[str, list[Measure]]

    @property
    def measure_count(self) -> int:
        return sum(len(measures) for measures in self.measures_by_municipality.values())


@dataclass(frozen=True)
class PublicFocusArea:
    position: int
    name: str
    description: str
    goals: list[PublicGoal]


def indicator_figure(
    indicator: GoalIndicator, assessment: IndicatorAssessment, chart: dict[str, Any]
) -> ChartFigure:
    """An indicator's web chart (the same `chart_spec`) drawn as SVG for a PDF, with its table."""
    return chart_figure(
        chart,
        title=f"{indicator.name} ({indicator.unit})" if indicator.unit else indicator.name,
        description=indicator_chart_description(indicator, assessment),
        x_heading=_("Dato"),
        language=get_language() or settings.LANGUAGE_CODE,
    )


def indicator_figures(progress: Any) -> dict[str, ChartFigure]:
    """Each indicator's chart as SVG, by the snapshot's indicator key (for the live report PDF)."""
    return {
        str(item.indicator.pk): indicator_figure(
            item.indicator, item.assessment, indicator_chart(item.indicator, item.assessment)
        )
        for goal in progress.goals
        for item in goal.indicators
    }


def _public_indicator(item: Any, *, figures: bool) -> PublicIndicator:
    chart = indicator_chart(item.indicator, item.assessment)
    return PublicIndicator(
        indicator=item.indicator,
        assessment=item.assessment,
        chart=chart,
        chart_id=f"indicator-chart-{item.indicator.pk}",
        figure=indicator_figure(item.indicator, item.assessment, chart) if figures else None,
    )


def public_focus_areas(progress: Any, *, figures: bool = False) -> list[PublicFocusArea]:
    """The published page's content from `selectors.strategy_public_progress` (no staff names:
    only titles, statuses, dates, values and the notes marked public are carried). `figures`:
    also draw each indicator's chart as SVG (for the PDF)."""
    return [
        PublicFocusArea(
            position=area.focus_area.position,
            name=area.focus_area.name,
            description=area.focus_area.description,
            goals=[
                PublicGoal(
                    title=goal.goal.title,
                    description=goal.goal.description,
                    indicators=[
                        _public_indicator(item, figures=figures) for item in goal.indicators
                    ],
                    measures_by_municipality=goal.measures_by_municipality,
                )
                for goal in area.goals
            ],
        )
        for area in progress.focus_areas
    ]


def indicator_chart_description(indicator: GoalIndicator, assessment: IndicatorAssessment) -> str:
    """The chart's alt text: what it shows, in words (the numbers are in the table beside it)."""
    del assessment  # the status sentence stands beside the chart already
    return _chart_description(indicator.name, indicator.unit)


def _chart_description(name: str, unit: str) -> str:
    return _(
        "Linjediagram over «{name}» ({unit}): målinger fra utgangsverdien, jevn vei mot målet "
        "og trenden fram til fristen."
    ).format(name=name, unit=unit)
