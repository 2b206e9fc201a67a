"""Chart.js specifications built one way for every page (drawn by static/samspill/charts.js).

Time is on a true scale: years and dates are numbers on a linear x axis (2026 → 2030 is four
steps wide, not one), with tick labels written by charts.js for the page's language. Values
are sent unrounded; charts.js rounds them for tooltips and ticks with `Intl.NumberFormat`,
half away from zero like `samspill.core.numbers`. Shares start their axis at zero, so a
one-point dip does not look like a collapse. Every chart has its numbers in a table beside it.
"""

import datetime
import math
from collections.abc import Sequence
from typing import Any, Literal

XKind = Literal["year", "date", "category"]


def _value(value: Any) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _x(value: Any, kind: XKind) -> Any:
    if kind == "year":
        return int(value)
    if kind == "date":
        day = value.date() if isinstance(value, datetime.datetime) else value
        return datetime.datetime.combine(day, datetime.time(12), datetime.UTC).timestamp() * 1000
    return value


def chart_spec(
    *,
    chart_type: Literal["line", "bar"] = "line",
    labels: Sequence[Any],
    datasets: Sequence[tuple[str, Sequence[Any]]],
    y_title: str,
    x_kind: XKind = "year",
    decimals: int = 0,
    from_zero: bool = False,
    stacked: bool = False,
) -> dict[str, Any]:
    """A line or bar chart of `datasets` (label, values aligned with `labels`).

    `x_kind` "year" or "date" puts the x axis on a true time scale (line charts only);
    "category" keeps labels as names (municipalities, industries). `decimals` is how many
    decimals tooltips show; `from_zero` starts the value axis at zero (shares, counts).
    """
    numeric_x = chart_type == "line" and x_kind != "category"
    data: dict[str, Any] = {
        "datasets": [
            {
                "label": label,
                "data": [
                    {"x": _x(x, x_kind), "y": _value(v)}
                    for x, v in zip(labels, values, strict=True)
                ]
                if numeric_x
                else [_value(v) for v in values],
                "spanGaps": True,
            }
            for label, values in datasets
        ]
    }
    if not numeric_x:
        data["labels"] = [str(label) for label in labels]
    y_axis: dict[str, Any] = {"title": {"display": True, "text": y_title}, "beginAtZero": from_zero}
    scales: dict[str, Any] = {"y": y_axis}
    if numeric_x:
        scales["x"] = {"type": "linear"}
    if stacked:
        scales["x"] = {**scales.get("x", {}), "stacked": True}
        y_axis["stacked"] = True
    return {
        "type": chart_type,
        "data": data,
        "options": {"scales": scales},
        "samspill": {"x": x_kind if numeric_x else "category", "decimals": decimals},
    }


def pyramid_spec(
    *,
    groups: Sequence[str],
    left: Sequence[tuple[str, Sequence[Any]]],
    right: Sequence[tuple[str, Sequence[Any]]],
    value_title: str,
    decimals: int = 1,
) -> dict[str, Any]:
    """A population pyramid: horizontal bars, the oldest group on top, `left` drawn to the left.

    `left` and `right` are (label, values aligned with `groups`) pairs; the n-th pair of each
    side forms one stack (the area, then its reference such as Norway), so the area and the
    reference sit beside each other in every age group. Values are sent as they are and drawn
    negative on the left; charts.js writes every tick and tooltip without the sign.
    """
    if len(left) != len(right):
        raise ValueError("a pyramid needs as many series on the left as on the right")
    order = list(range(len(groups)))[::-1]  # oldest on top
    datasets: list[dict[str, Any]] = []
    for stack, ((left_label, left_values), (right_label, right_values)) in enumerate(
        zip(left, right, strict=True)
    ):
        for label, values, sign in ((left_label, left_values, -1), (right_label, right_values, 1)):
            numbers = [_value(values[i]) for i in order]
            datasets.append(
                {
                    "label": label,
                    "data": [None if n is None else sign * n for n in numbers],
                    "stack": f"s{stack}",
                    "reference": stack > 0,
                }
            )
    widest = max((abs(v) for d in datasets for v in d["data"] if v is not None), default=0.0)
    return {
        "type": "bar",
        "data": {"labels": [str(groups[i]) for i in order], "datasets": datasets},
        "options": {
            "indexAxis": "y",
            "aspectRatio": 1.1,  # tall enough for every age group's label
            "scales": {
                "x": {
                    "stacked": True,
                    "title": {"display": True, "text": value_title},
                    # the same reach on both sides, so the two halves compare at a glance
                    "suggestedMin": -widest,
                    "suggestedMax": widest,
                },
                "y": {"stacked": True, "ticks": {"autoSkip": False}},
            },
        },
        "samspill": {"x": "category", "decimals": decimals, "pyramid": True},
    }
