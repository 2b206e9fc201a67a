"""Is an indicator on track? A pure function of its baseline, target, readings and today's date.

Method (docs/decisions.md, "Indicator status from the trend towards the deadline"): fit a straight
line (least squares) through the baseline and the readings since, extend it to the deadline, and
compare the projected improvement with the improvement the target needs:

- projected ≥ 99 % of the needed improvement: on track;
- projected ≥ `at_risk_share` (default 75 %): at risk;
- less: off track.

A reached target is "reached" whatever the trend; a passed deadline with the target not reached is
off track; no reading after the baseline gives "no data". Targets that go down work by mirroring:
"improvement" is `sign * (value - baseline)` with sign -1 for direction down.

No Django and no I/O here: the strategy selectors feed it plain values.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from django.utils.translation import gettext as _

from samspill.core.numbers import format_date, format_number, format_percent

Direction = Literal["up", "down"]

DEFAULT_AT_RISK_SHARE = 0.75
# Within 1 % of the needed improvement counts as on track: calendar irregularities (leap days)
# and rounding of reported figures must not turn an exact path into "at risk".
ON_TRACK_SHARE = 0.99


class Status(StrEnum):
    """The verdict, from best to worst; `NO_DATA` means we cannot tell."""

    REACHED = "reached"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"

    @property
    def label(self) -> str:
        return {
            Status.REACHED: _("nådd"),
            Status.ON_TRACK: _("i rute"),
            Status.AT_RISK: _("usikker"),
            Status.OFF_TRACK: _("ikke i rute"),
            Status.NO_DATA: _("mangler data"),
        }[self]

    @property
    def rank(self) -> int:
        """Worse is higher; used to order and to compare statuses (no data ranks in the middle)."""
        return {
            Status.REACHED: 0,
            Status.ON_TRACK: 1,
            Status.NO_DATA: 2,
            Status.AT_RISK: 3,
            Status.OFF_TRACK: 4,
        }[self]


@dataclass(frozen=True)
class Point:
    """A dated value."""

    date: datetime.date
    value: float


@dataclass(frozen=True)
class IndicatorAssessment:
    """The status, a sentence that explains it, and the numbers behind it."""

    status: Status
    explanation: str
    latest: Point | None = None
    projected_value: float | None = None
    expected_now: float | None = None
    # Share of the needed improvement achieved so far (latest reading) and projected at the deadline.
    achieved_share: float | None = None
    projected_share: float | None = None


def indicator_status(
    *,
    baseline: Point,
    target: Point,
    direction: Direction,
    readings: Sequence[Point],
    today: datetime.date,
    at_risk_share: float = DEFAULT_AT_RISK_SHARE,
) -> IndicatorAssessment:
    """Assess progress from `baseline` towards `target` (value by its date) given the readings.

    Readings before the baseline date are ignored; readings after `today` are ignored (not yet
    known); two readings on one date: the last one given counts.
    """
    if target.date <= baseline.date:
        raise ValueError("The deadline must come after the baseline date.")
    sign = 1.0 if direction == "up" else -1.0
    known = _known_readings(readings, since=baseline.date, until=today)
    needed = sign * (target.value - baseline.value)
    if not known:
        if today > target.date:
            return IndicatorAssessment(
                Status.NO_DATA,
                _(
                    "Fristen ({deadline}) er passert, og det finnes ingen målinger etter utgangsverdien."
                ).format(deadline=_date(target.date)),
            )
        return IndicatorAssessment(
            Status.NO_DATA,
            _("Ingen målinger etter utgangsverdien ({value} per {date}) ennå.").format(
                value=_number(baseline.value), date=_date(baseline.date)
            ),
        )
    latest = known[-1]
    achieved = sign * (latest.value - baseline.value)
    achieved_share = achieved / needed if needed > 0 else None
    if sign * (latest.value - target.value) >= 0:
        return IndicatorAssessment(
            Status.REACHED,
            _("Målet er nådd: {value} per {date} mot målet {target}.").format(
                value=_number(latest.value), date=_date(latest.date), target=_number(target.value)
            ),
            latest=latest,
            achieved_share=achieved_share,
        )
    if today > target.date:
        return IndicatorAssessment(
            Status.OFF_TRACK,
            _(
                "Fristen ({deadline}) er passert uten at målet ble nådd: siste måling {value} "
                "per {date} mot målet {target}."
            ).format(
                deadline=_date(target.date),
                value=_number(latest.value),
                date=_date(latest.date),
                target=_number(target.value),
            ),
            latest=latest,
            achieved_share=achieved_share,
        )
    if needed <= 0:
        # The target asks to hold a level the baseline already met, and the latest reading has
        # slipped below it (otherwise it would count as reached above).
        return IndicatorAssessment(
            Status.OFF_TRACK,
            _(
                "Siste måling {value} per {date} er svakere enn målet {target} som skal holdes."
            ).format(
                value=_number(latest.value), date=_date(latest.date), target=_number(target.value)
            ),
            latest=latest,
        )

    points = [baseline, *known]
    projected_value = _linear_projection(points, at=target.date)
    projected_share = sign * (projected_value - baseline.value) / needed
    expected_now = baseline.value + sign * needed * _elapsed_share(
        baseline.date, target.date, latest.date
    )
    numbers = {
        "value": _number(latest.value),
        "date": _date(latest.date),
        "expected": _number(expected_now),
        "projected": _number(projected_value),
        "deadline": _date(target.date),
        "target": _number(target.value),
        "share": _percent(projected_share),
    }
    if projected_share >= ON_TRACK_SHARE:
        status = Status.ON_TRACK
        text = _(
            "I rute: siste måling {value} per {date} (en jevn vei mot målet ville gitt {expected}). "
            "Fortsetter utviklingen, blir verdien {projected} innen {deadline}, som når målet {target}."
        )
    elif projected_share >= at_risk_share:
        status = Status.AT_RISK
        text = _(
            "Usikkert: siste måling {value} per {date} (en jevn vei mot målet ville gitt {expected}). "
            "Fortsetter utviklingen, blir verdien {projected} innen {deadline}: {share} av "
            "forbedringen som trengs for målet {target}."
        )
    elif projected_share > 0:
        status = Status.OFF_TRACK
        text = _(
            "Ikke i rute: siste måling {value} per {date} (en jevn vei mot målet ville gitt {expected}). "
            "Fortsetter utviklingen, blir verdien {projected} innen {deadline}: bare {share} av "
            "forbedringen som trengs for målet {target}."
        )
    else:
        status = Status.OFF_TRACK
        text = _(
            "Ikke i rute: siste måling {value} per {date} (en jevn vei mot målet ville gitt {expected}). "
            "Utviklingen går i feil retning: fortsetter den, blir verdien {projected} innen {deadline}, "
            "mot målet {target}."
        )
    return IndicatorAssessment(
        status,
        text.format(**numbers),
        latest=latest,
        projected_value=projected_value,
        expected_now=expected_now,
        achieved_share=achieved_share,
        projected_share=projected_share,
    )


def _known_readings(
    readings: Sequence[Point], *, since: datetime.date, until: datetime.date
) -> list[Point]:
    by_date: dict[datetime.date, Point] = {}
    for reading in readings:
        if since < reading.date <= until:
            by_date[reading.date] = reading
    return [by_date[date] for date in sorted(by_date)]


def _linear_projection(points: Sequence[Point], *, at: datetime.date) -> float:
    """Least-squares line through the points (x in days), evaluated at `at`."""
    origin = points[0].date
    xs = [float((point.date - origin).days) for point in points]
    ys = [point.value for point in points]
    mean_x = sum(xs) / len(xs)
    mean_y = sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    return mean_y + slope * (float((at - origin).days) - mean_x)


def _elapsed_share(start: datetime.date, end: datetime.date, now: datetime.date) -> float:
    return min(1.0, max(0.0, (now - start).days / (end - start).days))


def _number(value: float) -> str:
    return format_number(value, -1)


def _percent(share: float) -> str:
    return format_percent(share, 0)


def _date(value: datetime.date) -> str:
    return format_date(value)
