"""Status reports and the plan's timeline, drawn from a report snapshot (selectors.report_snapshot).

Both the project page and a report use the same snapshot shape, so the timeline in a PDF shows
the plan as the report froze it. The timeline is an SVG drawn on the server (no JS), hidden
behind a named, focusable region; the same items are listed in a table beside it.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from samspill.collaboration.models import ReportStatus
from samspill.core.numbers import format_date, format_number, format_percent

WIDTH = 1000
GUTTER = 260  # the row labels' column
ROW = 26
TOP = 28


def _day(text: Any) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if isinstance(text, str) and text else None


@dataclass(frozen=True)
class TimelineItem:
    kind: str  # "activity", "milestone", "decision_point"
    kind_label: str
    label: str
    when: str  # the dates as text, for the title and the table
    state: str  # "gjennomført", "nådd 15.11.2017", "passert" …
    x: float
    width: float  # 0 for a point in time
    y: int
    done: bool


@dataclass(frozen=True)
class Tick:
    label: str
    x: float


@dataclass(frozen=True)
class PlanTimeline:
    items: tuple[TimelineItem, ...]
    ticks: tuple[Tick, ...]
    height: int
    first: datetime.date
    last: datetime.date
    today_x: float | None
    width: int = WIDTH
    gutter: int = GUTTER


def _month_starts(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    day = first.replace(day=1)
    months = []
    while day <= last:
        months.append(day)
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return months


def plan_timeline(snapshot: dict[str, Any]) -> PlanTimeline | None:
    """Activities as bars, milestones and decision points as marks, on one time axis."""
    rows: list[tuple[str, str, datetime.date, datetime.date, str, bool]] = []
    for activity in snapshot.get("activities", []):
        start, end = _day(activity["start"]), _day(activity["end"])
        if start is None and end is None:
            continue
        start = start or end
        end = end or start
        if start is None or end is None:  # unreachable: one of them is set; narrows the types
            continue
        label = f"{activity['code']} {activity['title']}".strip()
        state = _("gjennomført") if activity["done"] else _("ikke gjennomført")
        rows.append(("activity", label, start, end, state, bool(activity["done"])))
    for milestone in snapshot.get("milestones", []):
        day = _day(milestone["date"])
        if day is None:
            continue
        reached = _day(milestone["reached_on"])
        state = _("nådd %(date)s") % {"date": format_date(reached)} if reached else _("ikke nådd")
        label = f"{milestone['number']} {milestone['marker']}"
        rows.append(("milestone", label, day, day, state, reached is not None))
    for point in snapshot.get("decision_points", []):
        day = _day(point["date"])
        if day is None:
            continue
        state = _("passert") if point["passed"] else _("ikke passert")
        label = _("BP %(number)s %(topic)s") % {"number": point["number"], "topic": point["topic"]}
        rows.append(("decision_point", label, day, day, state, bool(point["passed"])))
    if not rows:
        return None
    first = min(row[2] for row in rows).replace(day=1)
    last_day = max(row[3] for row in rows)
    last = (last_day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    span = (last - first).days or 1
    chart = WIDTH - GUTTER - 10

    def x_of(day: datetime.date) -> float:
        return round(GUTTER + (day - first).days / span * chart, 1)

    kinds = {
        "activity": _("Aktivitet"),
        "milestone": _("Milepæl"),
        "decision_point": _("Beslutningspunkt"),
    }
    items = []
    for index, (kind, label, start, end, state, done) in enumerate(rows):
        x0 = x_of(start)
        width = round(x_of(end + datetime.timedelta(days=1)) - x0, 1) if kind == "activity" else 0
        when = format_date(start) if start == end else f"{format_date(start)}–{format_date(end)}"
        items.append(
            TimelineItem(kind, kinds[kind], label, when, state, x0, width, TOP + index * ROW, done)
        )
    months = _month_starts(first, last - datetime.timedelta(days=1))
    step = max(1, len(months) // 12)  # at most about a dozen labels
    ticks = tuple(Tick(f"{month.month:02d}.{month.year}", x_of(month)) for month in months[::step])
    as_of = _day(snapshot.get("as_of"))
    today_x = x_of(as_of) if as_of and first <= as_of <= last else None
    return PlanTimeline(
        items=tuple(items),
        ticks=ticks,
        height=TOP + len(items) * ROW + 8,
        first=first,
        last=last_day,
        today_x=today_x,
    )


# Status reports --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    activities_done: int
    activities_total: int
    milestones_reached: int
    milestones_total: int
    overdue: list[str]  # milestones past their date and not reached, by number and marker
    planned: int
    spent: int

    @property
    def used_text(self) -> str:
        """ "45 000 kr av 120 000 kr (37,5 %)"."""
        share = format_percent(self.spent / self.planned, 1) if self.planned else "–"
        return _("%(spent)s kr av %(planned)s kr (%(share)s)") % {
            "spent": format_number(self.spent),
            "planned": format_number(self.planned),
            "share": share,
        }


def progress(snapshot: dict[str, Any]) -> Progress:
    as_of = _day(snapshot.get("as_of"))
    activities = snapshot.get("activities", [])
    milestones = snapshot.get("milestones", [])
    budget = snapshot.get("budget", {})
    overdue = [
        f"{m['number']} {m['marker']}"
        for m in milestones
        if not m["reached_on"] and as_of and (_day(m["date"]) or as_of) < as_of
    ]
    return Progress(
        activities_done=sum(1 for a in activities if a["done"]),
        activities_total=len(activities),
        milestones_reached=sum(1 for m in milestones if m["reached_on"]),
        milestones_total=len(milestones),
        overdue=overdue,
        planned=int(budget.get("planned", 0)),
        spent=int(budget.get("spent", 0)),
    )


def _by(rows: list[dict[str, Any]], key: str) -> dict[str, dict[str, Any]]:
    return {str(row[key]): row for row in rows}


def report_changes(
    *,
    previous_status: str | None,
    previous: dict[str, Any] | None,
    status: str,
    current: dict[str, Any],
) -> list[str]:
    """What changed since the last report, one sentence each ([] for the first report)."""
    if previous is None:
        return []
    labels = dict(ReportStatus.choices)
    changes: list[str] = []
    if previous_status and previous_status != status:
        changes.append(
            _("Status endret fra «%(before)s» til «%(after)s».")
            % {
                "before": labels.get(previous_status, previous_status),
                "after": labels.get(status, status),
            }
        )
    before_ms, now_ms = (
        _by(previous.get("milestones", []), "number"),
        _by(current.get("milestones", []), "number"),
    )
    for number, milestone in now_ms.items():
        old = before_ms.get(number)
        if old is None:
            changes.append(
                _("Ny milepæl %(number)s: %(marker)s.")
                % {"number": number, "marker": milestone["marker"]}
            )
            continue
        if milestone["reached_on"] and not old["reached_on"]:
            changes.append(
                _("Milepæl %(number)s nådd %(date)s.")
                % {"number": number, "date": format_date(_day(milestone["reached_on"]))}
            )
        if milestone["date"] != old["date"]:
            changes.append(
                _("Milepæl %(number)s flyttet fra %(before)s til %(after)s.")
                % {
                    "number": number,
                    "before": format_date(_day(old["date"])),
                    "after": format_date(_day(milestone["date"])),
                }
            )
    changes.extend(
        _("Milepæl %(number)s er fjernet fra planen.") % {"number": number}
        for number in sorted(before_ms.keys() - now_ms.keys())
    )
    before_acts = {f"{a['code']} {a['title']}".strip(): a for a in previous.get("activities", [])}
    for activity in current.get("activities", []):
        name = f"{activity['code']} {activity['title']}".strip()
        old_activity = before_acts.get(name)
        if old_activity is None:
            changes.append(_("Ny aktivitet: %(name)s.") % {"name": name})
        elif activity["done"] and not old_activity["done"]:
            changes.append(_("Aktiviteten %(name)s er gjennomført.") % {"name": name})
    before_points = _by(previous.get("decision_points", []), "number")
    for number, point in _by(current.get("decision_points", []), "number").items():
        old_point = before_points.get(number, {})
        if point["decided_on"] and not old_point.get("decided_on"):
            changes.append(
                _("BP %(number)s besluttet %(date)s.")
                % {"number": number, "date": format_date(_day(point["decided_on"]))}
            )
        if point["passed"] and not old_point.get("passed"):
            changes.append(_("BP %(number)s er passert.") % {"number": number})
    old_budget, new_budget = previous.get("budget", {}), current.get("budget", {})
    for key, sentence in (
        ("spent", pgettext("budget", "Brukt: %(before)s kr → %(after)s kr.")),
        ("planned", pgettext("budget", "Planlagt: %(before)s kr → %(after)s kr.")),
        ("financing", pgettext("budget", "Finansiering: %(before)s kr → %(after)s kr.")),
    ):
        if old_budget.get(key) != new_budget.get(key):
            changes.append(
                sentence
                % {
                    "before": format_number(old_budget.get(key, 0)),
                    "after": format_number(new_budget.get(key, 0)),
                }
            )
    return changes
